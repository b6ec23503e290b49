//! A private PostgreSQL server for baton, run from the machine's own installation.
//!
//! When no database URL is configured, baton keeps its data in a cluster of its own inside its
//! data folder. The server listens only on a Unix socket in that folder, so it never collides
//! with a server the machine already runs.
//!
//! Several baton processes may use one data folder at once (a bot and a console, tests): the
//! first starts the server, the others join it, and the server runs as long as any of them
//! does. Each holds a shared lock on `run/users.lock` while it uses the server; the server runs
//! under a small shell keeper, independent of whichever process started it, that takes the lock
//! exclusively once every user has gone — by [`EmbeddedPostgres::stop`], by exiting, or killed
//! outright — and then shuts the server down cleanly. The last user to stop shuts it down itself
//! and returns once it has exited.
//!
//! Only baton's own OS account and the server's may connect: the socket directory is private
//! to the server account, and peer authentication with a `pg_ident.conf` map admits exactly
//! those two accounts, as the superuser. Both files are rewritten on every start, which also
//! tightens clusters made by older versions of baton.
//!
//! Layout of the data folder:
//! - `pgdata/` the cluster,
//! - `run/` the socket directory and the users' lock,
//! - `postgres.log` everything initdb, the keeper and the server print.
//!
//! PostgreSQL refuses to run as root, so when baton is root the cluster belongs to, and the
//! server runs as, an unprivileged account: `baton` or `postgres` if one exists, else a `baton`
//! system account baton creates; never `nobody`, whose processes are any daemon's (a cluster an
//! older baton gave to `nobody` is taken back on start). Only Linux is supported: the keeper
//! relies on util-linux's `flock` and `/proc`.

mod account;
mod auth;
mod cluster;
mod connect;
mod error;
mod process;
mod server_log;
mod users;

use std::io;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use sqlx::postgres::{PgConnectOptions, PgSslMode};

use account::{
    create_private_dir, give_tree, is_root, peer_names, server_account, spawn_error, ServerAccount,
};
use auth::restrict_access;
use cluster::{check_socket_path, find_binaries, init_cluster, Layout};
use connect::{ensure_database, wait_until_ready};
pub use error::EmbeddedError;
use process::{
    keeper_command, launch, live_server, parent_of, reload, shut_down, wait_until_gone, Keeper, LiveServer,
    KEEPER_STOP_TIMEOUT, SHELL,
};
use server_log::open_log;
use users::{Leaving, Usage};

/// The superuser initdb creates; peer authentication maps baton's own account to it.
const SUPERUSER: &str = "postgres";
/// Only names the socket file (`.s.PGSQL.<port>`): the server never opens a TCP port.
const PORT: u16 = 5432;
const MAINTENANCE_DB: &str = "postgres";
/// `sun_path` holds 108 bytes including the terminating NUL.
const MAX_SOCKET_PATH: usize = 107;
/// How long a keeper this process started may take to follow its server out.
const KEEPER_EXIT_TIMEOUT: Duration = Duration::from_secs(5);

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

type Result<T, E = EmbeddedError> = std::result::Result<T, E>;

fn io_error(path: &Path) -> impl FnOnce(io::Error) -> EmbeddedError + '_ {
    move |source| EmbeddedError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// This process's use of the embedded server, which it either started or joined. The server
/// keeps running while any process uses it; see the module documentation.
#[derive(Debug)]
pub struct EmbeddedPostgres {
    layout: Layout,
    socket_dir: PathBuf,
    port: u16,
    database: String,
    /// `None` once stopped.
    usage: Option<Usage>,
    /// The keeper, when this process started the server in use.
    keeper: Option<Keeper>,
}

impl EmbeddedPostgres {
    /// Finds the binaries, creates the cluster on first use, starts the server (or joins the one
    /// already running on `data_dir`), waits until it accepts connections and creates the database.
    pub async fn start(opts: EmbeddedOptions) -> Result<Self> {
        validate_database_name(&opts.database)?;
        let layout = Layout::create(&opts.data_dir)?;
        let ServerAccount { account, take_over } = server_account(&layout.pgdata).await?;
        let account = account.as_ref();
        let peers = peer_names(account).await?;
        create_private_dir(&layout.socket_dir, account)?;
        check_socket_path(&layout.socket_dir)?;
        // From here on nobody stops the server under this process, and a server that was
        // being stopped has finished stopping.
        let usage = Usage::begin(&layout.users_lock, account).await?;
        if let Some(live) = live_server(&layout.pgdata) {
            if take_over.is_some() {
                return Err(EmbeddedError::SharedAccountServer(layout.pgdata));
            }
            if restrict_access(&layout.pgdata, &peers, account)? {
                tracing::info!(
                    "embedded PostgreSQL (pid {}) now admits only {}",
                    live.pid,
                    peers.join(" and ")
                );
                reload(live.pid)?;
            }
            return Self::attach(layout, live, opts.database, usage).await;
        }
        if let (Some(shared_uid), Some(account)) = (take_over, account) {
            tracing::warn!(
                "{} belonged to a shared account (uid {shared_uid}); handing it to `{}`",
                layout.pgdata.display(),
                account.name
            );
            give_tree(&layout.pgdata, shared_uid, account).await?;
            give_tree(&layout.socket_dir, shared_uid, account).await?;
        }

        let binaries = find_binaries(opts.bin_dir.as_deref(), &layout.pgdata).await?;
        if !layout.pgdata.join("PG_VERSION").is_file() {
            init_cluster(&layout, &binaries, account, opts.throwaway).await?;
        }
        restrict_access(&layout.pgdata, &peers, account)?;
        let log = open_log(&layout.log)?;
        let command = keeper_command(&binaries, &layout, account, opts.throwaway, log)?;
        let keeper = launch(command)
            .await
            .map_err(|e| spawn_error(Path::new(SHELL), e, &layout.pgdata, account))?;

        let maintenance = options_at(&layout.socket_dir, PORT, MAINTENANCE_DB);
        let ready = wait_until_ready(&maintenance, Some(&keeper), &layout.log).await;
        // Another process may have started a server on this folder since we looked: ours then
        // loses the race for postmaster.pid (and its keeper leaves with it), and theirs is the
        // one to use.
        let rival = live_server(&layout.pgdata).filter(|live| parent_of(live.pid) != Some(keeper.pid));
        match (ready, rival) {
            (Ok(()) | Err(EmbeddedError::Exited { .. }), Some(live)) => {
                return Self::attach(layout, live, opts.database, usage).await;
            }
            (Ok(()), None) => {}
            (Err(error), _) => return Err(error),
        }
        let pid = live_server(&layout.pgdata).map_or(keeper.pid, |live| live.pid);
        let this = Self {
            socket_dir: layout.socket_dir.clone(),
            port: PORT,
            database: opts.database,
            usage: Some(usage),
            keeper: Some(keeper),
            layout,
        };
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

    async fn attach(layout: Layout, live: LiveServer, database: String, usage: Usage) -> Result<Self> {
        let this = Self {
            layout,
            socket_dir: live.socket_dir,
            port: live.port,
            database,
            usage: Some(usage),
            keeper: None,
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

    /// Ends this process's use of the server. When other processes still use it, it keeps
    /// running for them; when this was the last user, the server is shut down (fast shutdown)
    /// and this returns once it has exited. Does nothing when already stopped.
    pub async fn stop(&mut self) -> Result<()> {
        let Some(usage) = self.usage.take() else {
            return Ok(());
        };
        // Read while still a user, when nobody can be stopping it.
        let live = live_server(&self.layout.pgdata);
        match usage.leave(&self.layout.users_lock)? {
            Leaving::OthersRemain => {
                tracing::info!("embedded PostgreSQL left running for the other processes using it");
                return Ok(());
            }
            Leaving::Stopping => {
                if let Some(live) = live {
                    if !wait_until_gone(live.pid, KEEPER_STOP_TIMEOUT).await {
                        return Err(EmbeddedError::StopTimeout {
                            pid: live.pid,
                            timeout: KEEPER_STOP_TIMEOUT,
                            log: self.layout.log.clone(),
                        });
                    }
                }
                self.wait_for_keeper().await;
            }
            Leaving::Last(exclusive) => {
                if let Some(live) = live {
                    shut_down(live.pid, &self.layout.log).await?;
                }
                // Still holding the lock, so that the keeper, seeing its server gone, leaves
                // instead of taking the lock and stopping a server that no longer exists.
                self.wait_for_keeper().await;
                drop(exclusive);
            }
        }
        tracing::info!(
            "embedded PostgreSQL stopped (data in {})",
            self.layout.pgdata.display()
        );
        Ok(())
    }

    async fn wait_for_keeper(&mut self) {
        if let Some(keeper) = self.keeper.take() {
            if !keeper.wait(KEEPER_EXIT_TIMEOUT).await {
                tracing::warn!(
                    "the keeper of embedded PostgreSQL (pid {}) is still running",
                    keeper.pid
                );
            }
        }
    }

    fn options_for(&self, database: &str) -> PgConnectOptions {
        options_at(&self.socket_dir, self.port, database)
    }
}

fn options_at(socket_dir: &Path, port: u16, database: &str) -> PgConnectOptions {
    PgConnectOptions::new_without_pgpass()
        .socket(socket_dir)
        .port(port)
        .username(SUPERUSER)
        .database(database)
        .ssl_mode(PgSslMode::Disable)
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
