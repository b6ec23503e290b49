//! The cluster on disk: the data-folder layout, finding the installation's binaries, and
//! creating the cluster with initdb.

use std::ffi::OsString;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::atomic::{AtomicU64, Ordering};

use super::account::{create_private_dir, spawn_error, Account};
use super::process::process_alive;
use super::server_log::{append_to_log, last_line};
use super::{io_error, EmbeddedError, Result, MAX_SOCKET_PATH, PORT, SUPERUSER};

/// initdb works in a staging directory that is renamed into place, so a crash halfway
/// never leaves a half-made cluster where baton would later try to start it.
const STAGING_PREFIX: &str = "pgdata.init-";

#[derive(Debug)]
pub(super) struct Layout {
    data_dir: PathBuf,
    pub(super) pgdata: PathBuf,
    pub(super) socket_dir: PathBuf,
    /// Held shared by every process using the server (see `users`).
    pub(super) users_lock: PathBuf,
    pub(super) log: PathBuf,
}

impl Layout {
    pub(super) fn create(data_dir: &Path) -> Result<Self> {
        fs::create_dir_all(data_dir).map_err(io_error(data_dir))?;
        // Absolute and free of symlinks: the server gets it as -D and it is compared with
        // /proc/<pid>/cwd to recognise a server already running on it.
        let data_dir = fs::canonicalize(data_dir).map_err(io_error(data_dir))?;
        Ok(Self {
            pgdata: data_dir.join("pgdata"),
            socket_dir: data_dir.join("run"),
            users_lock: data_dir.join("run/users.lock"),
            log: data_dir.join("postgres.log"),
            data_dir,
        })
    }
}

pub(super) fn check_socket_path(socket_dir: &Path) -> Result<()> {
    let socket = socket_dir.join(format!(".s.PGSQL.{PORT}"));
    if socket.as_os_str().len() > MAX_SOCKET_PATH {
        return Err(EmbeddedError::SocketPathTooLong(socket));
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Binaries

#[derive(Debug)]
pub(super) struct Binaries {
    bin_dir: PathBuf,
    initdb: PathBuf,
    pub(super) postgres: PathBuf,
    /// util-linux's, which the keeper uses to wait for the last user to leave.
    pub(super) flock: PathBuf,
}

/// A directory holding both `initdb` and `postgres`.
fn has_server(dir: &Path) -> bool {
    dir.join("initdb").is_file() && dir.join("postgres").is_file()
}

/// Prefers the major version the cluster was made with (a newer server cannot open it), then
/// the newest Debian installation, then `pg_config`, then `PATH`.
pub(super) async fn find_binaries(bin_dir: Option<&Path>, pgdata: &Path) -> Result<Binaries> {
    let bin_dir = match bin_dir {
        Some(dir) => Some(dir.to_path_buf()).filter(|d| has_server(d)),
        None => search_bin_dir(pgdata).await,
    };
    let bin_dir = bin_dir.ok_or(EmbeddedError::NotInstalled)?;
    let flock = ["/usr/bin", "/bin"]
        .into_iter()
        .map(PathBuf::from)
        .chain(path_dirs())
        .map(|dir| dir.join("flock"))
        .find(|candidate| candidate.is_file())
        .ok_or(EmbeddedError::NoFlock)?;
    Ok(Binaries {
        initdb: bin_dir.join("initdb"),
        postgres: bin_dir.join("postgres"),
        bin_dir,
        flock,
    })
}

async fn search_bin_dir(pgdata: &Path) -> Option<PathBuf> {
    let cluster_version = fs::read_to_string(pgdata.join("PG_VERSION")).ok();
    let found = debian_bin_dirs(cluster_version.as_deref().map(str::trim))
        .into_iter()
        .find(|dir| has_server(dir));
    if found.is_some() {
        return found;
    }
    if let Some(dir) = pg_config_bindir().await.filter(|d| has_server(d)) {
        return Some(dir);
    }
    path_dirs().find(|dir| has_server(dir))
}

fn path_dirs() -> impl Iterator<Item = PathBuf> {
    std::env::var_os("PATH")
        .into_iter()
        .flat_map(|path| std::env::split_paths(&path).collect::<Vec<_>>())
}

fn debian_bin_dirs(preferred_major: Option<&str>) -> Vec<PathBuf> {
    let root = Path::new("/usr/lib/postgresql");
    let mut majors: Vec<u32> = fs::read_dir(root)
        .into_iter()
        .flatten()
        .filter_map(|entry| entry.ok()?.file_name().to_str()?.parse().ok())
        .collect();
    majors.sort_unstable_by(|a, b| b.cmp(a));
    let preferred = preferred_major.and_then(|v| v.parse::<u32>().ok());
    preferred
        .into_iter()
        .chain(majors)
        .map(|major| root.join(major.to_string()).join("bin"))
        .collect()
}

async fn pg_config_bindir() -> Option<PathBuf> {
    let output = tokio::process::Command::new("pg_config")
        .arg("--bindir")
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .await
        .ok()?;
    let dir = String::from_utf8(output.stdout).ok()?;
    let dir = dir.trim();
    (output.status.success() && !dir.is_empty()).then(|| PathBuf::from(dir))
}

// ---------------------------------------------------------------------------------------------
// Creating the cluster

static STAGING_COUNTER: AtomicU64 = AtomicU64::new(0);

pub(super) async fn init_cluster(
    layout: &Layout,
    binaries: &Binaries,
    account: Option<&Account>,
    throwaway: bool,
) -> Result<()> {
    remove_stale_staging_dirs(&layout.data_dir);
    let staging = layout.data_dir.join(format!(
        "{STAGING_PREFIX}{}-{}",
        std::process::id(),
        STAGING_COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    tracing::info!("creating a PostgreSQL cluster in {}", layout.pgdata.display());
    let result = init_staging(layout, binaries, account, throwaway, &staging).await;
    let result = result.and_then(|()| move_into_place(&staging, &layout.pgdata));
    if result.is_err() {
        let _ = fs::remove_dir_all(&staging);
    }
    result
}

async fn init_staging(
    layout: &Layout,
    binaries: &Binaries,
    account: Option<&Account>,
    throwaway: bool,
    staging: &Path,
) -> Result<()> {
    // C.UTF-8 keeps byte-order collation while upper()/lower()/ILIKE understand non-ASCII
    // text; --no-locale is the fallback for systems without that locale.
    create_private_dir(staging, account)?;
    let first = run_initdb(layout, binaries, account, throwaway, staging, "--locale=C.UTF-8").await;
    match first {
        Err(EmbeddedError::InitDb { ref detail, .. }) if detail.contains("locale") => {
            fs::remove_dir_all(staging).map_err(io_error(staging))?;
            create_private_dir(staging, account)?;
            run_initdb(layout, binaries, account, throwaway, staging, "--no-locale").await
        }
        other => other,
    }
}

async fn run_initdb(
    layout: &Layout,
    binaries: &Binaries,
    account: Option<&Account>,
    throwaway: bool,
    staging: &Path,
    locale: &str,
) -> Result<()> {
    let mut command = tokio::process::Command::new(&binaries.initdb);
    command
        .arg("--pgdata")
        .arg(staging)
        .args(["--username", SUPERUSER, "--encoding=UTF8", locale])
        // The real rules (see `auth`) are written before the server first starts.
        .args(["--auth-local=peer", "--auth-host=reject"]);
    if throwaway {
        command.arg("--no-sync");
    }
    command
        .env_clear()
        .envs(server_environment(binaries))
        .current_dir(&layout.data_dir)
        .stdin(Stdio::null())
        .kill_on_drop(true);
    if let Some(account) = account {
        command.uid(account.uid).gid(account.gid);
    }
    let output = command
        .output()
        .await
        .map_err(|e| spawn_error(&binaries.initdb, e, &layout.data_dir, account))?;
    append_to_log(&layout.log, &output.stdout, &output.stderr)?;
    if output.status.success() {
        return Ok(());
    }
    Err(EmbeddedError::InitDb {
        status: output.status.to_string(),
        detail: last_line(&String::from_utf8_lossy(&output.stderr)),
        log: layout.log.clone(),
    })
}

fn move_into_place(staging: &Path, pgdata: &Path) -> Result<()> {
    match fs::rename(staging, pgdata) {
        Ok(()) => Ok(()),
        // Another process finished its own initdb first; its cluster is as good as ours.
        Err(_) if pgdata.join("PG_VERSION").is_file() => {
            let _ = fs::remove_dir_all(staging);
            Ok(())
        }
        Err(e) if matches!(e.raw_os_error(), Some(libc::ENOTEMPTY | libc::EEXIST)) => {
            Err(EmbeddedError::NotACluster(pgdata.to_path_buf()))
        }
        Err(e) => Err(io_error(pgdata)(e)),
    }
}

/// Removes staging directories left by processes that died during initdb.
fn remove_stale_staging_dirs(data_dir: &Path) {
    let Ok(entries) = fs::read_dir(data_dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(owner) = name
            .to_str()
            .and_then(|n| n.strip_prefix(STAGING_PREFIX))
            .and_then(|rest| rest.split('-').next())
            .and_then(|pid| pid.parse::<libc::pid_t>().ok())
        else {
            continue;
        };
        if !process_alive(owner) {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

/// The server gets none of baton's environment: it may hold secrets, and PG* variables
/// would second-guess the settings given on the command line.
pub(super) fn server_environment(binaries: &Binaries) -> Vec<(OsString, OsString)> {
    let mut path = binaries.bin_dir.clone().into_os_string();
    path.push(":/usr/bin:/bin");
    let mut env = vec![(OsString::from("PATH"), path)];
    if let Some(tz) = std::env::var_os("TZ") {
        env.push((OsString::from("TZ"), tz));
    }
    env
}
