//! The server process: launching it from a thread that lives exactly as long as it does, tying
//! it to baton's lifetime with PR_SET_PDEATHSIG, stopping it with signals, and recognising a
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

pub(super) fn server_command(
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
pub(super) struct ServerProcess {
    pub(super) pid: libc::pid_t,
    /// Becomes `Some(how it ended)` once the process has exited and been reaped.
    pub(super) exit: watch::Receiver<Option<String>>,
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
pub(super) async fn launch(command: std::process::Command) -> io::Result<ServerProcess> {
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
    // process started and has not reaped yet, or of one `live_server` found working in this
    // cluster, so it cannot name an unrelated process.
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

pub(super) async fn shut_down(server: &ServerProcess, log: &Path) -> Result<()> {
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
