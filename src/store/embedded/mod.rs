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

mod account;
mod cluster;
mod connect;
mod process;
mod server_log;

use std::io;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use sqlx::postgres::{PgConnectOptions, PgSslMode};

use account::{create_private_dir, is_root, server_account, spawn_error};
use cluster::{check_socket_path, find_binaries, init_cluster, Layout};
use connect::{ensure_database, wait_until_ready};
use process::{launch, live_server, server_command, shut_down, LiveServer, ServerProcess};
use server_log::open_log;

/// The superuser initdb creates; trust authentication on the private socket lets baton use it.
const SUPERUSER: &str = "postgres";
/// Only names the socket file (`.s.PGSQL.<port>`): the server never opens a TCP port.
const PORT: u16 = 5432;
const MAINTENANCE_DB: &str = "postgres";
/// `sun_path` holds 108 bytes including the terminating NUL.
const MAX_SOCKET_PATH: usize = 107;

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
    fn url_encoding() {
        assert_eq!(percent_encode(b"/tmp/a b,c"), "/tmp/a%20b%2Cc");
    }
}
