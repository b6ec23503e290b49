//! What can go wrong running the embedded server. Each message is one line that says what to do.

use std::io;
use std::path::PathBuf;
use std::time::Duration;

use super::MAX_SOCKET_PATH;

#[derive(Debug, thiserror::Error)]
pub enum EmbeddedError {
    #[error(
        "PostgreSQL is not installed: install Debian's `postgresql` package (apt install postgresql) \
         or set DATABASE_URL to a running server"
    )]
    NotInstalled,
    #[error(
        "util-linux's `flock` is missing (it stops the embedded PostgreSQL once no baton uses it): \
         install util-linux or set DATABASE_URL to a running server"
    )]
    NoFlock,
    #[error("invalid database name {0:?}: use 1 to 63 characters from a-z, 0-9 and _")]
    InvalidDatabaseName(String),
    #[error(
        "no account of its own to run PostgreSQL as (it refuses to run as root, and `nobody` is shared \
         with other programs), and useradd could not create one: create it (useradd --system --user-group baton), \
         run baton as a regular user, or set DATABASE_URL"
    )]
    NoServerUser,
    #[error(
        "the account running baton{} has no name in the user database, which PostgreSQL's peer \
         authentication needs: give it one or set DATABASE_URL",
        .uid.map(|uid| format!(" (uid {uid})")).unwrap_or_default()
    )]
    NamelessAccount { uid: Option<u32> },
    #[error(
        "the account name {0:?} cannot be written into pg_ident.conf: run baton as another account or set DATABASE_URL"
    )]
    UnmappableAccount(String),
    #[error(
        "{} belongs to root, but PostgreSQL refuses to run as root: give it to an unprivileged user \
         (chown -R postgres: {}) or choose another data folder (BATON_HOME)",
        .0.display(), .0.display()
    )]
    RootOwnedCluster(PathBuf),
    #[error(
        "the embedded PostgreSQL in {} runs as `nobody`, whom other programs share: stop the baton that \
         started it (an older version), then start baton again to hand the cluster to an account of its own",
        .0.display()
    )]
    SharedAccountServer(PathBuf),
    #[error(
        "cannot hand {} to `{user}` ({detail}): chown -R {user}: {} by hand, or choose another data folder (BATON_HOME)",
        path.display(), path.display()
    )]
    TakeOver {
        path: PathBuf,
        user: String,
        detail: String,
    },
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
    #[error(
        "another process has been stopping the embedded PostgreSQL for {} s (it holds {}): wait for it, or stop \
         the server by hand (kill -INT, pid in postmaster.pid)",
        timeout.as_secs(), path.display()
    )]
    LockTimeout { path: PathBuf, timeout: Duration },
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
    #[error(
        "embedded PostgreSQL refused baton's account ({detail}): check pg_hba.conf and pg_ident.conf in its \
         cluster, or set DATABASE_URL; see {}",
        log.display()
    )]
    Refused { detail: String, log: PathBuf },
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
