//! A private PostgreSQL server for baton, run from the machine's own installation.
//!
//! When no database URL is configured, baton keeps its data in a cluster of its own inside its
//! data folder and runs `postgres` as a child process. The server listens only on a Unix socket
//! in that folder, so it never collides with a server the machine already runs, and it is tied
//! to baton's lifetime: [`EmbeddedPostgres::stop`] shuts it down cleanly, and the kernel tells
//! it to shut down if baton dies without doing so.
//!
//! Layout of the data folder:
//! - `pgdata/` the cluster,
//! - `run/` the socket directory,
//! - `postgres.log` everything initdb and the server print.
//!
//! PostgreSQL refuses to run as root, so when baton is root the cluster belongs to, and the
//! server runs as, an unprivileged account (`postgres`, else `nobody`). Only Linux is supported:
//! the lifetime tie relies on `PR_SET_PDEATHSIG`.

use std::ffi::OsString;
use std::fs;
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::os::unix::ffi::{OsStrExt, OsStringExt};
use std::os::unix::fs::{DirBuilderExt, MetadataExt, OpenOptionsExt, PermissionsExt};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use sqlx::postgres::{PgConnectOptions, PgConnection, PgSslMode};
use sqlx::Connection;
use tokio::sync::{oneshot, watch};

/// The superuser initdb creates; trust authentication on the private socket lets baton use it.
const SUPERUSER: &str = "postgres";
/// Only names the socket file (`.s.PGSQL.<port>`): the server never opens a TCP port.
const PORT: u16 = 5432;
const MAINTENANCE_DB: &str = "postgres";
const START_TIMEOUT: Duration = Duration::from_secs(30);
const STOP_TIMEOUT: Duration = Duration::from_secs(30);
const IMMEDIATE_STOP_TIMEOUT: Duration = Duration::from_secs(10);
const CONNECT_ATTEMPT_TIMEOUT: Duration = Duration::from_secs(5);
const POLL_INTERVAL: Duration = Duration::from_millis(50);
/// `sun_path` holds 108 bytes including the terminating NUL.
const MAX_SOCKET_PATH: usize = 107;
const LOG_ROTATE_BYTES: u64 = 10 * 1024 * 1024;
/// initdb works in a staging directory that is renamed into place, so a crash halfway
/// never leaves a half-made cluster where baton would later try to start it.
const STAGING_PREFIX: &str = "pgdata.init-";

/// Where and how to run the embedded server.
#[derive(Debug, Clone)]
pub struct EmbeddedOptions {
    /// The cluster lives in `data_dir/pgdata`, the socket in `data_dir/run`.
    pub data_dir: PathBuf,
    /// Created if missing; only `a-z`, `0-9` and `_` are allowed.
    pub database: String,
    /// Trades durability for speed (no fsync): only for clusters that may be lost, such as tests.
    pub throwaway: bool,
    /// Look for `initdb` and `postgres` only here instead of searching the installation.
    pub bin_dir: Option<PathBuf>,
}

impl EmbeddedOptions {
    /// A durable cluster in `data_dir` with the installation's binaries.
    pub fn new(data_dir: impl Into<PathBuf>, database: impl Into<String>) -> Self {
        Self {
            data_dir: data_dir.into(),
            database: database.into(),
            throwaway: false,
            bin_dir: None,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum EmbeddedError {
    #[error(
        "PostgreSQL is not installed: install Debian's `postgresql` package (apt install postgresql) \
         or set DATABASE_URL to a running server"
    )]
    NotInstalled,
    #[error("invalid database name {0:?}: use 1 to 63 characters from a-z, 0-9 and _")]
    InvalidDatabaseName(String),
    #[error(
        "no unprivileged account to run PostgreSQL as (it refuses to run as root): create a \
         `postgres` user, run baton as a regular user, or set DATABASE_URL"
    )]
    NoServerUser,
    #[error(
        "{} belongs to root, but PostgreSQL refuses to run as root: give it to an unprivileged user \
         (chown -R postgres: {}) or choose another data folder (BATON_HOME)",
        .0.display(), .0.display()
    )]
    RootOwnedCluster(PathBuf),
    #[error(
        "{} exists but is not a PostgreSQL cluster: move it away or choose another data folder (BATON_HOME)",
        .0.display()
    )]
    NotACluster(PathBuf),
    #[error(
        "the socket path {} is longer than {MAX_SOCKET_PATH} bytes: choose a data folder with a shorter path (BATON_HOME)",
        .0.display()
    )]
    SocketPathTooLong(PathBuf),
    #[error(
        "user `{user}` cannot enter {}: make it traversable (chmod o+x) or choose a data folder outside it (BATON_HOME)",
        dir.display()
    )]
    Unreachable { user: String, dir: PathBuf },
    #[error("cannot use {}: {source}; check its permissions or choose another data folder (BATON_HOME)", path.display())]
    Io { path: PathBuf, source: io::Error },
    #[error("cannot run {}: {source}; check the PostgreSQL installation", program.display())]
    Spawn { program: PathBuf, source: io::Error },
    #[error("initdb failed ({status}): {detail}; see {}", log.display())]
    InitDb {
        status: String,
        detail: String,
        log: PathBuf,
    },
    #[error("embedded PostgreSQL exited while starting ({status}): {detail}; see {}", log.display())]
    Exited {
        status: String,
        detail: String,
        log: PathBuf,
    },
    #[error("embedded PostgreSQL did not accept connections within {} s; see {}", timeout.as_secs(), log.display())]
    StartTimeout { timeout: Duration, log: PathBuf },
    #[error("cannot create database `{database}`: {source}; see {}", log.display())]
    CreateDatabase {
        database: String,
        log: PathBuf,
        source: sqlx::Error,
    },
    #[error("cannot signal embedded PostgreSQL (pid {pid}): {source}")]
    Signal { pid: i32, source: io::Error },
    #[error(
        "embedded PostgreSQL (pid {pid}) did not shut down within {} s: stop it by hand (kill -QUIT {pid}); see {}",
        timeout.as_secs(), log.display()
    )]
    StopTimeout {
        pid: i32,
        timeout: Duration,
        log: PathBuf,
    },
}

type Result<T, E = EmbeddedError> = std::result::Result<T, E>;

fn io_error(path: &Path) -> impl FnOnce(io::Error) -> EmbeddedError + '_ {
    move |source| EmbeddedError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// A running embedded server, either started by this handle or found already running on the
/// same data folder (then it is left running by [`EmbeddedPostgres::stop`]).
#[derive(Debug)]
pub struct EmbeddedPostgres {
    layout: Layout,
    socket_dir: PathBuf,
    port: u16,
    database: String,
    /// `None` when the server belongs to someone else, or once stopped.
    server: Option<ServerProcess>,
}

impl EmbeddedPostgres {
    /// Finds the binaries, creates the cluster on first use, starts the server (or joins the one
    /// already running on `data_dir`), waits until it accepts connections and creates the database.
    pub async fn start(opts: EmbeddedOptions) -> Result<Self> {
        validate_database_name(&opts.database)?;
        let layout = Layout::create(&opts.data_dir)?;
        if let Some(live) = live_server(&layout.pgdata) {
            return Self::attach(layout, live, opts.database).await;
        }

        let binaries = find_binaries(opts.bin_dir.as_deref(), &layout.pgdata).await?;
        let account = server_account(&layout.pgdata)?;
        if !layout.pgdata.join("PG_VERSION").is_file() {
            init_cluster(&layout, &binaries, account.as_ref(), opts.throwaway).await?;
        }
        create_private_dir(&layout.socket_dir, account.as_ref())?;
        check_socket_path(&layout.socket_dir)?;
        let log = open_log(&layout.log)?;
        let command = server_command(&binaries, &layout, account.as_ref(), opts.throwaway, log)?;
        let server = launch(command)
            .await
            .map_err(|e| spawn_error(&binaries.postgres, e, &layout.pgdata, account.as_ref()))?;
        let pid = server.pid;

        let this = Self {
            socket_dir: layout.socket_dir.clone(),
            port: PORT,
            database: opts.database,
            server: Some(server),
            layout,
        };
        let ready = wait_until_ready(
            &this.options_for(MAINTENANCE_DB),
            this.server.as_ref(),
            &this.layout.log,
        )
        .await;
        // Another process may have started a server on this folder since we looked: ours then
        // loses the race for postmaster.pid, and theirs is the one to use.
        let rival = live_server(&this.layout.pgdata).filter(|live| live.pid != pid);
        match (ready, rival) {
            (Ok(()) | Err(EmbeddedError::Exited { .. }), Some(live)) => {
                let Self { layout, database, .. } = this;
                return Self::attach(layout, live, database).await;
            }
            (Ok(()), None) => {}
            (Err(error), _) => return Err(error),
        }
        ensure_database(
            &this.options_for(MAINTENANCE_DB),
            &this.database,
            &this.layout.log,
        )
        .await?;
        tracing::info!(
            "embedded PostgreSQL started at {} (pid {}, log {})",
            this.url(),
            pid,
            this.layout.log.display()
        );
        Ok(this)
    }

    async fn attach(layout: Layout, live: LiveServer, database: String) -> Result<Self> {
        let this = Self {
            layout,
            socket_dir: live.socket_dir,
            port: live.port,
            database,
            server: None,
        };
        wait_until_ready(&this.options_for(MAINTENANCE_DB), None, &this.layout.log).await?;
        ensure_database(
            &this.options_for(MAINTENANCE_DB),
            &this.database,
            &this.layout.log,
        )
        .await?;
        tracing::info!(
            "embedded PostgreSQL already running (pid {}), using it at {}",
            live.pid,
            this.url()
        );
        Ok(this)
    }

    /// Connect options for the database over the Unix socket, as the cluster's superuser.
    pub fn connect_options(&self) -> PgConnectOptions {
        self.options_for(&self.database)
    }

    /// A libpq-style URL of [`Self::connect_options`], for display.
    pub fn url(&self) -> String {
        let mut url = format!(
            "postgres://{SUPERUSER}@localhost/{}?host={}",
            self.database,
            percent_encode(self.socket_dir.as_os_str().as_bytes())
        );
        if self.port != PORT {
            url.push_str(&format!("&port={}", self.port));
        }
        url
    }

    /// Fast shutdown of a server this handle started, waiting until it has exited.
    /// Does nothing for a server found already running, or when already stopped.
    pub async fn stop(&mut self) -> Result<()> {
        let Some(server) = self.server.take() else {
            return Ok(());
        };
        match shut_down(&server, &self.layout.log).await {
            Ok(()) => {
                tracing::info!(
                    "embedded PostgreSQL stopped (data in {})",
                    self.layout.pgdata.display()
                );
                Ok(())
            }
            Err(error) => {
                self.server = Some(server);
                Err(error)
            }
        }
    }

    fn options_for(&self, database: &str) -> PgConnectOptions {
        PgConnectOptions::new_without_pgpass()
            .socket(&self.socket_dir)
            .port(self.port)
            .username(SUPERUSER)
            .database(database)
            .ssl_mode(PgSslMode::Disable)
    }
}

/// Where baton keeps its data by default: `$BATON_HOME`; else `/var/lib/baton` for root (a
/// folder under root's home would be out of the server account's reach); else
/// `$XDG_DATA_HOME/baton` or `~/.local/share/baton`.
pub fn default_data_dir() -> PathBuf {
    data_dir_from(
        |name| {
            std::env::var_os(name)
                .filter(|value| !value.is_empty())
                .map(PathBuf::from)
        },
        is_root(),
    )
}

fn data_dir_from(env: impl Fn(&str) -> Option<PathBuf>, root: bool) -> PathBuf {
    if let Some(home) = env("BATON_HOME") {
        return home;
    }
    if root {
        return PathBuf::from("/var/lib/baton");
    }
    // The XDG spec says to ignore relative values.
    if let Some(data_home) = env("XDG_DATA_HOME").filter(|p| p.is_absolute()) {
        return data_home.join("baton");
    }
    match env("HOME") {
        Some(home) => home.join(".local/share/baton"),
        // Made absolute against the working directory when the server starts.
        None => PathBuf::from(".baton"),
    }
}

/// The effective uid from /proc, which keeps `unsafe` to the process-control calls.
fn is_root() -> bool {
    fs::read_to_string("/proc/self/status").is_ok_and(|status| effective_uid(&status) == Some(0))
}

fn effective_uid(status: &str) -> Option<u32> {
    let ids = status.lines().find_map(|line| line.strip_prefix("Uid:"))?;
    ids.split_whitespace().nth(1)?.parse().ok()
}

#[derive(Debug)]
struct Layout {
    data_dir: PathBuf,
    pgdata: PathBuf,
    socket_dir: PathBuf,
    log: PathBuf,
}

impl Layout {
    fn create(data_dir: &Path) -> Result<Self> {
        fs::create_dir_all(data_dir).map_err(io_error(data_dir))?;
        // Absolute and free of symlinks: the server gets it as -D and it is compared with
        // /proc/<pid>/cwd to recognise a server already running on it.
        let data_dir = fs::canonicalize(data_dir).map_err(io_error(data_dir))?;
        Ok(Self {
            pgdata: data_dir.join("pgdata"),
            socket_dir: data_dir.join("run"),
            log: data_dir.join("postgres.log"),
            data_dir,
        })
    }
}

fn validate_database_name(name: &str) -> Result<()> {
    let valid = (1..=63).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
    if valid {
        Ok(())
    } else {
        Err(EmbeddedError::InvalidDatabaseName(name.to_owned()))
    }
}

fn check_socket_path(socket_dir: &Path) -> Result<()> {
    let socket = socket_dir.join(format!(".s.PGSQL.{PORT}"));
    if socket.as_os_str().len() > MAX_SOCKET_PATH {
        return Err(EmbeddedError::SocketPathTooLong(socket));
    }
    Ok(())
}

fn percent_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    for &b in bytes {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Binaries

#[derive(Debug)]
struct Binaries {
    bin_dir: PathBuf,
    initdb: PathBuf,
    postgres: PathBuf,
}

impl Binaries {
    fn in_dir(dir: &Path) -> Option<Self> {
        let initdb = dir.join("initdb");
        let postgres = dir.join("postgres");
        (initdb.is_file() && postgres.is_file()).then(|| Self {
            bin_dir: dir.to_path_buf(),
            initdb,
            postgres,
        })
    }
}

/// Prefers the major version the cluster was made with (a newer server cannot open it), then
/// the newest Debian installation, then `pg_config`, then `PATH`.
async fn find_binaries(bin_dir: Option<&Path>, pgdata: &Path) -> Result<Binaries> {
    if let Some(dir) = bin_dir {
        return Binaries::in_dir(dir).ok_or(EmbeddedError::NotInstalled);
    }
    let cluster_version = fs::read_to_string(pgdata.join("PG_VERSION")).ok();
    let found = debian_bin_dirs(cluster_version.as_deref().map(str::trim))
        .iter()
        .find_map(|dir| Binaries::in_dir(dir));
    if let Some(binaries) = found {
        return Ok(binaries);
    }
    if let Some(binaries) = pg_config_bindir().await.and_then(|d| Binaries::in_dir(&d)) {
        return Ok(binaries);
    }
    std::env::var_os("PATH")
        .iter()
        .flat_map(std::env::split_paths)
        .find_map(|dir| Binaries::in_dir(&dir))
        .ok_or(EmbeddedError::NotInstalled)
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
// The account the server runs as

#[derive(Debug, Clone, PartialEq, Eq)]
struct Account {
    name: String,
    uid: u32,
    gid: u32,
}

/// `None` when baton is not root: the server then runs as baton's own user.
fn server_account(pgdata: &Path) -> Result<Option<Account>> {
    if !is_root() {
        return Ok(None);
    }
    let passwd = fs::read_to_string("/etc/passwd").unwrap_or_default();
    let accounts = parse_passwd(&passwd);
    // An existing cluster keeps running as whoever owns it: PostgreSQL insists on that.
    if pgdata.join("PG_VERSION").is_file() {
        let meta = fs::metadata(pgdata).map_err(io_error(pgdata))?;
        if meta.uid() == 0 {
            return Err(EmbeddedError::RootOwnedCluster(pgdata.to_path_buf()));
        }
        let name = accounts
            .iter()
            .find(|a| a.uid == meta.uid())
            .map_or_else(|| meta.uid().to_string(), |a| a.name.clone());
        return Ok(Some(Account {
            name,
            uid: meta.uid(),
            gid: meta.gid(),
        }));
    }
    ["postgres", "nobody"]
        .iter()
        .find_map(|wanted| accounts.iter().find(|a| a.name == *wanted && a.uid != 0))
        .cloned()
        .map(Some)
        .ok_or(EmbeddedError::NoServerUser)
}

fn parse_passwd(text: &str) -> Vec<Account> {
    text.lines()
        .filter_map(|line| {
            let mut fields = line.split(':');
            let name = fields.next()?;
            let _password = fields.next()?;
            let uid = fields.next()?.parse().ok()?;
            let gid = fields.next()?.parse().ok()?;
            Some(Account {
                name: name.to_owned(),
                uid,
                gid,
            })
        })
        .collect()
}

/// Creates (or tightens) a directory only the server account may use.
fn create_private_dir(path: &Path, account: Option<&Account>) -> Result<()> {
    match fs::DirBuilder::new().mode(0o700).create(path) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
        Err(e) => return Err(io_error(path)(e)),
    }
    fs::set_permissions(path, fs::Permissions::from_mode(0o700)).map_err(io_error(path))?;
    if let Some(account) = account {
        std::os::unix::fs::chown(path, Some(account.uid), Some(account.gid)).map_err(io_error(path))?;
    }
    Ok(())
}

/// Turns a failed spawn into a hint when the account could not enter its working directory,
/// the usual cause being a data folder under a private home such as /root.
fn spawn_error(program: &Path, error: io::Error, cwd: &Path, account: Option<&Account>) -> EmbeddedError {
    if error.kind() == io::ErrorKind::PermissionDenied {
        if let Some(account) = account {
            if let Some(dir) = first_untraversable(cwd, account) {
                return EmbeddedError::Unreachable {
                    user: account.name.clone(),
                    dir,
                };
            }
        }
    }
    EmbeddedError::Spawn {
        program: program.to_path_buf(),
        source: error,
    }
}

fn first_untraversable(dir: &Path, account: &Account) -> Option<PathBuf> {
    let mut ancestors: Vec<&Path> = dir.ancestors().collect();
    ancestors.reverse();
    ancestors
        .into_iter()
        .find(|d| !traversable(d, account))
        .map(Path::to_path_buf)
}

/// Mode bits only (the spawned process has no supplementary groups); ACLs are not consulted.
fn traversable(dir: &Path, account: &Account) -> bool {
    let Ok(meta) = fs::metadata(dir) else {
        return true;
    };
    let bit = if meta.uid() == account.uid {
        0o100
    } else if meta.gid() == account.gid {
        0o010
    } else {
        0o001
    };
    meta.mode() & bit != 0
}

// ---------------------------------------------------------------------------------------------
// Creating the cluster

static STAGING_COUNTER: AtomicU64 = AtomicU64::new(0);

async fn init_cluster(
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
        // Anyone who can reach the private socket directory is baton itself.
        .args(["--auth-local=trust", "--auth-host=scram-sha-256"]);
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
fn server_environment(binaries: &Binaries) -> Vec<(OsString, OsString)> {
    let mut path = binaries.bin_dir.clone().into_os_string();
    path.push(":/usr/bin:/bin");
    let mut env = vec![(OsString::from("PATH"), path)];
    if let Some(tz) = std::env::var_os("TZ") {
        env.push((OsString::from("TZ"), tz));
    }
    env
}

// ---------------------------------------------------------------------------------------------
// The log

fn open_log(path: &Path) -> Result<fs::File> {
    if fs::metadata(path).is_ok_and(|m| m.len() > LOG_ROTATE_BYTES) {
        let _ = fs::rename(path, path.with_extension("log.1"));
    }
    fs::OpenOptions::new()
        .create(true)
        .append(true)
        .mode(0o600)
        .open(path)
        .map_err(io_error(path))
}

fn append_to_log(path: &Path, stdout: &[u8], stderr: &[u8]) -> Result<()> {
    let mut log = open_log(path)?;
    log.write_all(stdout)
        .and_then(|()| log.write_all(stderr))
        .map_err(io_error(path))
}

/// The most telling line of some output: the last error if there is one, else the last line.
fn last_line(text: &str) -> String {
    let lines: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    let line = lines
        .iter()
        .rev()
        .find(|l| ["FATAL", "PANIC", "ERROR", "error"].iter().any(|w| l.contains(w)))
        .or_else(|| lines.last())
        .copied()
        .unwrap_or("no output");
    line.chars().take(300).collect()
}

fn log_tail(path: &Path) -> String {
    const TAIL: u64 = 4096;
    let mut text = Vec::new();
    if let Ok(mut file) = fs::File::open(path) {
        let start = file.metadata().map_or(0, |m| m.len().saturating_sub(TAIL));
        let _ = file
            .seek(SeekFrom::Start(start))
            .and_then(|_| file.read_to_end(&mut text));
    }
    last_line(&String::from_utf8_lossy(&text))
}

// ---------------------------------------------------------------------------------------------
// Running the server

fn server_command(
    binaries: &Binaries,
    layout: &Layout,
    account: Option<&Account>,
    throwaway: bool,
    log: fs::File,
) -> Result<std::process::Command> {
    let log_for_stdout = log.try_clone().map_err(io_error(&layout.log))?;
    let mut command = std::process::Command::new(&binaries.postgres);
    command.arg("-D").arg(&layout.pgdata);
    for setting in server_settings(&layout.socket_dir, throwaway) {
        command.arg("-c").arg(setting);
    }
    command
        .env_clear()
        .envs(server_environment(binaries))
        .current_dir(&layout.pgdata)
        .stdin(Stdio::null())
        .stdout(log_for_stdout)
        .stderr(log)
        // Its own process group, so a Ctrl-C at baton's terminal reaches baton alone and baton
        // decides when the database goes away.
        .process_group(0);
    if let Some(account) = account {
        command.uid(account.uid).gid(account.gid);
    }
    let parent = libc::pid_t::try_from(std::process::id()).map_err(|_| EmbeddedError::Spawn {
        program: binaries.postgres.clone(),
        source: io::Error::from_raw_os_error(libc::EOVERFLOW),
    })?;
    // SAFETY: the closure runs in the forked child before exec; it only makes the
    // async-signal-safe calls prctl and getppid and does not allocate.
    unsafe {
        command.pre_exec(move || shut_down_with_parent(parent));
    }
    Ok(command)
}

fn server_settings(socket_dir: &Path, throwaway: bool) -> Vec<OsString> {
    // Double quotes keep commas and spaces in the path from splitting the list.
    let mut quoted = b"unix_socket_directories=\"".to_vec();
    for &b in socket_dir.as_os_str().as_bytes() {
        if b == b'"' {
            quoted.push(b'"');
        }
        quoted.push(b);
    }
    quoted.push(b'"');
    let mut settings = vec![
        OsString::from("listen_addresses="),
        OsString::from_vec(quoted),
        OsString::from("unix_socket_permissions=0700"),
        OsString::from(format!("port={PORT}")),
        OsString::from("max_connections=100"),
        OsString::from("shared_buffers=32MB"),
        OsString::from("logging_collector=off"),
    ];
    if throwaway {
        settings.extend(["fsync=off", "synchronous_commit=off", "full_page_writes=off"].map(OsString::from));
    }
    settings
}

/// Runs in the forked child: asks the kernel for SIGINT (fast shutdown) when the thread that
/// forked it ends, and gives up if baton is already gone, since then no signal would come.
fn shut_down_with_parent(parent: libc::pid_t) -> io::Result<()> {
    // SAFETY: PR_SET_PDEATHSIG only sets an attribute of the calling process.
    let rc = unsafe { libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGINT as libc::c_ulong) };
    if rc != 0 {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: getppid has no preconditions and cannot fail.
    if unsafe { libc::getppid() } != parent {
        return Err(io::Error::from_raw_os_error(libc::ESRCH));
    }
    Ok(())
}

/// A server process this process started, watched by a thread of its own.
#[derive(Debug)]
struct ServerProcess {
    pid: libc::pid_t,
    /// Becomes `Some(how it ended)` once the process has exited and been reaped.
    exit: watch::Receiver<Option<String>>,
}

impl ServerProcess {
    fn has_exited(&self) -> bool {
        self.exit.borrow().is_some()
    }
}

impl Drop for ServerProcess {
    /// A handle dropped without `stop` (an aborted start, a panic) still shuts its server down.
    fn drop(&mut self) {
        if !self.has_exited() {
            let _ = signal(self.pid, libc::SIGINT);
        }
    }
}

/// Spawns the server from a dedicated thread. PR_SET_PDEATHSIG fires when the forking *thread*
/// ends, and runtime threads come and go, so this thread lives exactly as long as the server:
/// it spends its life waiting for it.
async fn launch(command: std::process::Command) -> io::Result<ServerProcess> {
    let (started_tx, started_rx) = oneshot::channel();
    let (exit_tx, exit_rx) = watch::channel(None);
    std::thread::Builder::new()
        .name("embedded-postgres".into())
        .spawn(move || supervise(command, started_tx, exit_tx))?;
    let pid = started_rx
        .await
        .map_err(|_| io::Error::other("the thread supervising PostgreSQL ended unexpectedly"))??;
    Ok(ServerProcess { pid, exit: exit_rx })
}

fn supervise(
    mut command: std::process::Command,
    started: oneshot::Sender<io::Result<libc::pid_t>>,
    exit: watch::Sender<Option<String>>,
) {
    let mut child = match command.spawn() {
        Ok(child) => child,
        Err(error) => {
            let _ = started.send(Err(error));
            return;
        }
    };
    match libc::pid_t::try_from(child.id()) {
        Ok(pid) => {
            // Nobody is waiting for the server any more (the start was abandoned).
            if started.send(Ok(pid)).is_err() {
                let _ = signal(pid, libc::SIGINT);
            }
        }
        Err(_) => {
            let _ = child.kill();
            let _ = started.send(Err(io::Error::from_raw_os_error(libc::EOVERFLOW)));
        }
    }
    let outcome = match child.wait() {
        Ok(status) => status.to_string(),
        Err(error) => format!("lost track of it: {error}"),
    };
    exit.send_replace(Some(outcome));
}

fn signal(pid: libc::pid_t, signal: libc::c_int) -> io::Result<()> {
    // SAFETY: kill has no memory-safety preconditions; callers pass the pid of a server this
    // process started and has not reaped yet, so it cannot name an unrelated process.
    if unsafe { libc::kill(pid, signal) } == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

async fn shut_down(server: &ServerProcess, log: &Path) -> Result<()> {
    if server.has_exited() {
        return Ok(());
    }
    send_unless_gone(server.pid, libc::SIGINT)?;
    if wait_for_exit(server, STOP_TIMEOUT).await {
        return Ok(());
    }
    tracing::warn!(
        "embedded PostgreSQL (pid {}) did not finish a fast shutdown within {} s; forcing an immediate shutdown",
        server.pid,
        STOP_TIMEOUT.as_secs()
    );
    send_unless_gone(server.pid, libc::SIGQUIT)?;
    if wait_for_exit(server, IMMEDIATE_STOP_TIMEOUT).await {
        return Ok(());
    }
    Err(EmbeddedError::StopTimeout {
        pid: server.pid,
        timeout: STOP_TIMEOUT + IMMEDIATE_STOP_TIMEOUT,
        log: log.to_path_buf(),
    })
}

fn send_unless_gone(pid: libc::pid_t, sig: libc::c_int) -> Result<()> {
    match signal(pid, sig) {
        Err(e) if e.raw_os_error() != Some(libc::ESRCH) => Err(EmbeddedError::Signal { pid, source: e }),
        _ => Ok(()),
    }
}

async fn wait_for_exit(server: &ServerProcess, timeout: Duration) -> bool {
    let mut exit = server.exit.clone();
    // A closed channel also means the supervising thread, and with it the server, is gone.
    tokio::time::timeout(timeout, async move {
        let _ = exit.wait_for(Option::is_some).await;
    })
    .await
    .is_ok()
}

async fn wait_until_ready(
    options: &PgConnectOptions,
    server: Option<&ServerProcess>,
    log: &Path,
) -> Result<()> {
    let deadline = tokio::time::Instant::now() + START_TIMEOUT;
    loop {
        if let Some(status) = server.and_then(|s| s.exit.borrow().clone()) {
            return Err(EmbeddedError::Exited {
                status,
                detail: log_tail(log),
                log: log.to_path_buf(),
            });
        }
        let attempt = tokio::time::timeout(CONNECT_ATTEMPT_TIMEOUT, PgConnection::connect_with(options));
        if let Ok(Ok(connection)) = attempt.await {
            let _ = connection.close().await;
            return Ok(());
        }
        if tokio::time::Instant::now() >= deadline {
            return Err(EmbeddedError::StartTimeout {
                timeout: START_TIMEOUT,
                log: log.to_path_buf(),
            });
        }
        tokio::time::sleep(POLL_INTERVAL).await;
    }
}

async fn ensure_database(options: &PgConnectOptions, database: &str, log: &Path) -> Result<()> {
    if database == MAINTENANCE_DB {
        return Ok(());
    }
    let error = |source| EmbeddedError::CreateDatabase {
        database: database.to_owned(),
        log: log.to_path_buf(),
        source,
    };
    let mut connection = PgConnection::connect_with(options).await.map_err(error)?;
    if !database_exists(&mut connection, database).await.map_err(error)? {
        // The name was validated to [a-z0-9_], so quoting it is enough.
        let statement = format!("CREATE DATABASE \"{database}\"");
        match sqlx::query(&statement).execute(&mut connection).await {
            Ok(_) => tracing::info!("created database {database}"),
            // Another process using the same server may have created it meanwhile; that shows
            // as one of several errors depending on timing, so look again instead.
            Err(e) => {
                if !database_exists(&mut connection, database).await.unwrap_or(false) {
                    return Err(error(e));
                }
            }
        }
    }
    let _ = connection.close().await;
    Ok(())
}

async fn database_exists(connection: &mut PgConnection, database: &str) -> sqlx::Result<bool> {
    let found: Option<i32> = sqlx::query_scalar("SELECT 1 FROM pg_database WHERE datname = $1")
        .bind(database)
        .fetch_optional(connection)
        .await?;
    Ok(found.is_some())
}

// ---------------------------------------------------------------------------------------------
// A server already running on the data folder

#[derive(Debug)]
struct LiveServer {
    pid: libc::pid_t,
    socket_dir: PathBuf,
    port: u16,
}

/// Reads postmaster.pid and checks that the postmaster it names is alive and really serves this
/// cluster; a stale file (the server died) yields `None` and PostgreSQL replaces it on start.
fn live_server(pgdata: &Path) -> Option<LiveServer> {
    let text = fs::read_to_string(pgdata.join("postmaster.pid")).ok()?;
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    let pid: libc::pid_t = lines.first()?.parse().ok()?;
    if pid <= 0 || !process_alive(pid) {
        return None;
    }
    // A pid reused by an unrelated process after a crash: the postmaster works in its cluster.
    if let Ok(cwd) = fs::read_link(format!("/proc/{pid}/cwd")) {
        let pgdata = fs::canonicalize(pgdata).unwrap_or_else(|_| pgdata.to_path_buf());
        if cwd != pgdata {
            return None;
        }
    }
    let port = lines.get(3).and_then(|l| l.parse().ok()).unwrap_or(PORT);
    // Filled in only once the socket exists; until then it is the one this module would use.
    let socket_dir = lines
        .get(4)
        .filter(|l| !l.is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| pgdata.with_file_name("run"));
    Some(LiveServer {
        pid,
        socket_dir,
        port,
    })
}

/// Alive and not a zombie waiting to be reaped.
fn process_alive(pid: libc::pid_t) -> bool {
    // SAFETY: signal 0 delivers nothing; kill only reports whether the pid exists.
    let exists =
        unsafe { libc::kill(pid, 0) } == 0 || io::Error::last_os_error().raw_os_error() == Some(libc::EPERM);
    exists && !is_zombie(pid)
}

fn is_zombie(pid: libc::pid_t) -> bool {
    fs::read_to_string(format!("/proc/{pid}/stat"))
        .ok()
        .and_then(|stat| {
            let (_, after_name) = stat.rsplit_once(')')?;
            after_name.trim_start().chars().next()
        })
        .is_some_and(|state| state == 'Z' || state == 'X')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn database_names() {
        for good in ["baton", "baton_test_1", "a", &"x".repeat(63)] {
            assert!(validate_database_name(good).is_ok(), "{good}");
        }
        for bad in ["", "Baton", "a-b", "a\"b", "a b", "é", &"x".repeat(64)] {
            assert!(validate_database_name(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn data_dir_choice() {
        let env = |vars: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                vars.iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| PathBuf::from(v))
            }
        };
        let all = &[
            ("BATON_HOME", "/srv/baton"),
            ("XDG_DATA_HOME", "/home/u/.data"),
            ("HOME", "/home/u"),
        ];
        assert_eq!(data_dir_from(env(all), false), Path::new("/srv/baton"));
        assert_eq!(data_dir_from(env(all), true), Path::new("/srv/baton"));
        let no_baton_home = &[("XDG_DATA_HOME", "/home/u/.data"), ("HOME", "/home/u")];
        assert_eq!(
            data_dir_from(env(no_baton_home), true),
            Path::new("/var/lib/baton")
        );
        assert_eq!(
            data_dir_from(env(no_baton_home), false),
            Path::new("/home/u/.data/baton")
        );
        let relative_xdg = &[("XDG_DATA_HOME", "data"), ("HOME", "/home/u")];
        assert_eq!(
            data_dir_from(env(relative_xdg), false),
            Path::new("/home/u/.local/share/baton")
        );
    }

    #[test]
    fn effective_uid_from_status() {
        let status = "Name:\tbaton\nUid:\t1000\t0\t0\t0\nGid:\t100\t100\t100\t100\n";
        assert_eq!(effective_uid(status), Some(0));
        assert_eq!(effective_uid("Name:\tbaton\n"), None);
    }

    #[test]
    fn passwd_lines() {
        let text =
            "root:x:0:0:root:/root:/bin/bash\nbroken\npostgres:x:101:104::/var/lib/postgresql:/bin/bash\n";
        let accounts = parse_passwd(text);
        assert_eq!(accounts.len(), 2);
        assert_eq!(
            accounts[1],
            Account {
                name: "postgres".into(),
                uid: 101,
                gid: 104
            }
        );
    }

    #[test]
    fn url_encoding() {
        assert_eq!(percent_encode(b"/tmp/a b,c"), "/tmp/a%20b%2Cc");
    }

    #[test]
    fn socket_list_quoting() {
        let settings = server_settings(Path::new("/tmp/a\"b,c"), false);
        assert_eq!(
            settings[1],
            OsString::from("unix_socket_directories=\"/tmp/a\"\"b,c\"")
        );
    }

    #[test]
    fn telling_line() {
        let out = "LOG:  starting\nFATAL:  lock file \"postmaster.pid\" already exists\nHINT:  Is another postmaster running?\n";
        assert!(last_line(out).starts_with("FATAL"));
        assert_eq!(last_line(""), "no output");
    }
}
