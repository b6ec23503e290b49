//! The server process and its keeper. The server runs under a small `/bin/sh` keeper that lives
//! apart from baton — its own process group, no tie to the process that started it — and stops
//! the server once no process uses it any more (see `users`). This module builds that command,
//! launches it from a thread that waits for it, stops a server with signals, and recognises a
//! server already running on the data folder.

use std::ffi::OsString;
use std::fs;
use std::io;
use std::os::unix::ffi::{OsStrExt, OsStringExt};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

use tokio::sync::{oneshot, watch};

use super::account::Account;
use super::cluster::{server_environment, Binaries, Layout};
use super::{io_error, EmbeddedError, Result, PORT};

const STOP_TIMEOUT: Duration = Duration::from_secs(30);
const IMMEDIATE_STOP_TIMEOUT: Duration = Duration::from_secs(10);
const POLL_INTERVAL: Duration = Duration::from_millis(20);
/// How long to wait for a shutdown the keeper carries out: its stopper gives a fast shutdown
/// 30 s, then forces an immediate one.
pub(super) const KEEPER_STOP_TIMEOUT: Duration = Duration::from_secs(45);
pub(super) const SHELL: &str = "/bin/sh";

/// The keeper, run as `sh -c KEEPER baton-keeper FLOCK LOCK STOPPER POSTGRES ARGS…`. A simple
/// command run in the background is exec'd in the forked shell, so `$!` is the server itself.
/// The waiter takes the users' lock exclusively once no user is left and keeps it until the
/// server has exited, so nobody joins a dying server. Should the server end on its own (it lost
/// a start race, or crashed), the keeper ends the waiter and leaves with the server's status.
/// Signalling the keeper stops the server.
const KEEPER: &str = r#"trap 'kill -INT "$server" 2>/dev/null' INT TERM HUP
flock=$1 lock=$2 stopper=$3
shift 3
"$@" &
server=$!
"$flock" --exclusive "$lock" /bin/sh -c "$stopper" baton-stop "$server" &
waiter=$!
while :; do
    wait "$server"
    status=$?
    kill -0 "$server" 2>/dev/null || break
done
kill "$waiter" 2>/dev/null
exit "$status"
"#;

/// Run by the waiter once it holds the lock: a fast shutdown, an immediate one after 30 s, and
/// back only once the server is gone (reaped by the keeper, so `kill -0` fails).
const STOPPER: &str = r#"kill -INT "$1" 2>/dev/null
waited=0
while kill -0 "$1" 2>/dev/null; do
    if [ "$waited" -eq 300 ]; then kill -QUIT "$1" 2>/dev/null; fi
    waited=$((waited + 1))
    sleep 0.1
done
"#;

pub(super) fn keeper_command(
    binaries: &Binaries,
    layout: &Layout,
    account: Option<&Account>,
    throwaway: bool,
    log: fs::File,
) -> Result<std::process::Command> {
    let log_for_stdout = log.try_clone().map_err(io_error(&layout.log))?;
    let mut command = std::process::Command::new(SHELL);
    command
        .args(["-c", KEEPER, "baton-keeper"])
        .arg(&binaries.flock)
        .arg(&layout.users_lock)
        .arg(STOPPER)
        .arg(&binaries.postgres)
        .arg("-D")
        .arg(&layout.pgdata);
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
        // Its own process group: a Ctrl-C at baton's terminal reaches baton alone, and the
        // keeper stays when baton goes while other processes still use the server.
        .process_group(0);
    if let Some(account) = account {
        command.uid(account.uid).gid(account.gid);
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

/// A keeper this process started, watched by a thread of its own. Dropping it leaves the keeper
/// running: it belongs to every user of the server, not to this process.
#[derive(Debug)]
pub(super) struct Keeper {
    pub(super) pid: libc::pid_t,
    /// Becomes `Some(how it ended)` once the keeper has exited and been reaped; it ends with
    /// its server's status.
    pub(super) exit: watch::Receiver<Option<String>>,
}

impl Keeper {
    /// True when it exited within `timeout`.
    pub(super) async fn wait(&self, timeout: Duration) -> bool {
        let mut exit = self.exit.clone();
        // A closed channel also means the watching thread, and with it the keeper, is gone.
        tokio::time::timeout(timeout, async move {
            let _ = exit.wait_for(Option::is_some).await;
        })
        .await
        .is_ok()
    }
}

/// Spawns the keeper from a thread that then waits for it, so it is reaped when it ends.
pub(super) async fn launch(command: std::process::Command) -> io::Result<Keeper> {
    let (started_tx, started_rx) = oneshot::channel();
    let (exit_tx, exit_rx) = watch::channel(None);
    std::thread::Builder::new()
        .name("embedded-postgres".into())
        .spawn(move || watch_keeper(command, started_tx, exit_tx))?;
    let pid = started_rx
        .await
        .map_err(|_| io::Error::other("the thread watching PostgreSQL ended unexpectedly"))??;
    Ok(Keeper { pid, exit: exit_rx })
}

fn watch_keeper(
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
    // Should nobody wait for the start any more, its lock is gone and the keeper stops the
    // server by itself.
    let pid = libc::pid_t::try_from(child.id()).map_err(|_| io::Error::from_raw_os_error(libc::EOVERFLOW));
    let _ = started.send(pid);
    let outcome = match child.wait() {
        Ok(status) => status.to_string(),
        Err(error) => format!("lost track of it: {error}"),
    };
    exit.send_replace(Some(outcome));
}

fn signal(pid: libc::pid_t, signal: libc::c_int) -> io::Result<()> {
    // SAFETY: kill has no memory-safety preconditions; callers pass the pid of a postmaster
    // that `live_server` found working in this cluster.
    if unsafe { libc::kill(pid, signal) } == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

/// Has the postmaster read its configuration files again.
pub(super) fn reload(pid: libc::pid_t) -> Result<()> {
    send_unless_gone(pid, libc::SIGHUP)
}

/// Fast shutdown of the postmaster `pid`, then an immediate one; back once it has exited.
pub(super) async fn shut_down(pid: libc::pid_t, log: &Path) -> Result<()> {
    send_unless_gone(pid, libc::SIGINT)?;
    if wait_until_gone(pid, STOP_TIMEOUT).await {
        return Ok(());
    }
    tracing::warn!(
        "embedded PostgreSQL (pid {pid}) did not finish a fast shutdown within {} s; forcing an immediate shutdown",
        STOP_TIMEOUT.as_secs()
    );
    send_unless_gone(pid, libc::SIGQUIT)?;
    if wait_until_gone(pid, IMMEDIATE_STOP_TIMEOUT).await {
        return Ok(());
    }
    Err(EmbeddedError::StopTimeout {
        pid,
        timeout: STOP_TIMEOUT + IMMEDIATE_STOP_TIMEOUT,
        log: log.to_path_buf(),
    })
}

/// Waits for a shutdown someone else (the keeper) is carrying out.
pub(super) async fn wait_until_gone(pid: libc::pid_t, timeout: Duration) -> bool {
    let deadline = tokio::time::Instant::now() + timeout;
    while process_alive(pid) {
        if tokio::time::Instant::now() >= deadline {
            return false;
        }
        tokio::time::sleep(POLL_INTERVAL).await;
    }
    true
}

fn send_unless_gone(pid: libc::pid_t, sig: libc::c_int) -> Result<()> {
    match signal(pid, sig) {
        Err(e) if e.raw_os_error() != Some(libc::ESRCH) => Err(EmbeddedError::Signal { pid, source: e }),
        _ => Ok(()),
    }
}

// ---------------------------------------------------------------------------------------------
// A server already running on the data folder

#[derive(Debug)]
pub(super) struct LiveServer {
    pub(super) pid: libc::pid_t,
    pub(super) socket_dir: PathBuf,
    pub(super) port: u16,
}

/// Reads postmaster.pid and checks that the postmaster it names is alive and really serves this
/// cluster; a stale file (the server died) yields `None` and PostgreSQL replaces it on start.
pub(super) fn live_server(pgdata: &Path) -> Option<LiveServer> {
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

/// The parent of `pid`, from /proc.
pub(super) fn parent_of(pid: libc::pid_t) -> Option<libc::pid_t> {
    let stat = fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let (_, after_name) = stat.rsplit_once(')')?;
    after_name.split_whitespace().nth(1)?.parse().ok()
}

/// Alive and not a zombie waiting to be reaped.
pub(super) fn process_alive(pid: libc::pid_t) -> bool {
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
    fn socket_list_quoting() {
        let settings = server_settings(Path::new("/tmp/a\"b,c"), false);
        assert_eq!(
            settings[1],
            OsString::from("unix_socket_directories=\"/tmp/a\"\"b,c\"")
        );
    }
}
