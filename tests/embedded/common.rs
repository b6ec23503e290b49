//! What the embedded-server tests share: throwaway data folders, watching the postmaster,
//! `baton console` processes fed through a pipe, and connection attempts as other OS accounts.

use std::io::{BufRead, BufReader, Write};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use baton::store::embedded::{EmbeddedOptions, EmbeddedPostgres};
use sqlx::{Connection, PgConnection};

/// A fresh, not yet existing folder under the temp dir, removed when dropped.
pub struct TempDataDir(pub PathBuf);

impl TempDataDir {
    pub fn new(tag: &str) -> Self {
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        Self(std::env::temp_dir().join(format!("baton-embedded-{tag}-{}-{nanos}", std::process::id())))
    }

    pub fn options(&self, throwaway: bool) -> EmbeddedOptions {
        EmbeddedOptions {
            throwaway,
            ..EmbeddedOptions::new(&self.0, "baton")
        }
    }

    pub fn socket_dir(&self) -> PathBuf {
        self.0.join("run")
    }
}

impl Drop for TempDataDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

pub fn postmaster_pid(data_dir: &Path) -> Option<i32> {
    std::fs::read_to_string(data_dir.join("pgdata/postmaster.pid"))
        .ok()?
        .lines()
        .next()?
        .trim()
        .parse()
        .ok()
}

/// Gone, or a zombie nobody has reaped yet (it has exited all the same).
pub fn process_gone(pid: i32) -> bool {
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        Err(_) => true,
        Ok(stat) => stat
            .rsplit_once(')')
            .and_then(|(_, rest)| rest.trim_start().chars().next())
            .is_some_and(|state| state == 'Z' || state == 'X'),
    }
}

pub fn wait_until(timeout: Duration, mut condition: impl FnMut() -> bool) -> bool {
    let deadline = Instant::now() + timeout;
    while Instant::now() < deadline {
        if condition() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    condition()
}

pub async fn select_one(pg: &EmbeddedPostgres) -> i32 {
    let mut conn = PgConnection::connect_with(&pg.connect_options())
        .await
        .expect("connect");
    let one: i32 = sqlx::query_scalar("SELECT 1")
        .fetch_one(&mut conn)
        .await
        .expect("select");
    conn.close().await.expect("close");
    one
}

pub fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions.
    unsafe { libc::geteuid() == 0 }
}

/// `baton console` on a data folder of its own (no DATABASE_URL), reading commands from a pipe.
pub struct Console {
    child: Child,
    stdin: Option<ChildStdin>,
    lines: mpsc::Receiver<String>,
}

impl Console {
    pub fn start(data_dir: &Path, name: &str) -> Console {
        std::fs::create_dir_all(data_dir).expect("data folder");
        let stderr = std::fs::File::create(data_dir.join(format!("{name}.stderr"))).expect("stderr file");
        let mut child = Command::new(env!("CARGO_BIN_EXE_baton"))
            .args(["console", "--as", name])
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("BATON_HOME", data_dir)
            .env("BATON_LOCALE", "en")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(stderr)
            .spawn()
            .expect("baton starts");
        let stdin = child.stdin.take();
        let stdout = child.stdout.take().expect("piped stdout");
        let (tx, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        Console { child, stdin, lines }
    }

    /// Sends one command and returns the first line of the answer that contains `expect`.
    pub fn ask(&mut self, command: &str, expect: &str) -> String {
        let stdin = self.stdin.as_mut().expect("console still open");
        writeln!(stdin, "{command}").expect("write command");
        stdin.flush().expect("flush");
        let deadline = Instant::now() + Duration::from_secs(60);
        let mut seen = Vec::new();
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            match self.lines.recv_timeout(left) {
                Ok(line) if line.contains(expect) => return line,
                Ok(line) => seen.push(line),
                Err(_) => break,
            }
        }
        panic!("no line with {expect:?} in answer to {command:?}; got {seen:?}");
    }

    /// Closes its input, as at the end of a script, and waits for it to exit.
    pub fn quit(mut self) -> ExitStatus {
        drop(self.stdin.take());
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            if let Some(status) = self.child.try_wait().expect("wait for console") {
                return status;
            }
            assert!(Instant::now() < deadline, "console did not exit");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// SIGKILL: no chance to stop anything.
    pub fn kill(mut self) {
        self.child.kill().expect("SIGKILL the console");
        self.child.wait().expect("reap the console");
    }
}

impl Drop for Console {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The newest installed psql, which (unlike Debian's wrapper) needs no cluster configuration.
fn psql() -> PathBuf {
    let mut found: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .expect("PostgreSQL installed")
        .flatten()
        .map(|e| e.path().join("bin/psql"))
        .filter(|p| p.is_file())
        .collect();
    found.sort();
    found.pop().expect("psql installed")
}

/// `SELECT 1` over the socket in `socket_dir`, as superuser `postgres`, from a process running
/// as OS account `user`: `Ok(output)` or `Err(psql's complaint)`.
pub fn connect_as(user: &str, socket_dir: &Path) -> Result<String, String> {
    // In sbin, which a test's PATH may lack.
    let runuser = ["/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser"]
        .into_iter()
        .find(|p| Path::new(p).is_file())
        .expect("util-linux's runuser installed");
    let output = Command::new(runuser)
        .args(["-u", user, "--"])
        .arg(psql())
        .args(["-X", "-w", "-At", "-h"])
        .arg(socket_dir)
        .args(["-U", "postgres", "-d", "postgres", "-c", "SELECT 1"])
        .env_clear()
        .env("PATH", "/usr/bin:/bin")
        .env("PGCONNECT_TIMEOUT", "5")
        .stdin(Stdio::null())
        .output()
        .expect("runuser runs");
    if output.status.success() {
        Ok(String::from_utf8_lossy(&output.stdout).trim().to_string())
    } else {
        Err(String::from_utf8_lossy(&output.stderr).trim().to_string())
    }
}

/// Lets every account reach the socket, as when an older baton ran the server as `nobody`:
/// then only the server's own rules stand between them and the database.
pub fn open_socket_to_everyone(socket_dir: &Path) {
    let mode = |path: &Path, mode| {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).expect("chmod");
    };
    mode(socket_dir, 0o755);
    mode(&socket_dir.join(".s.PGSQL.5432"), 0o777);
}

/// The name of the account owning `path`.
pub fn owner_name(path: &Path) -> String {
    use std::os::unix::fs::MetadataExt;
    let uid = std::fs::metadata(path).expect("stat").uid();
    std::fs::read_to_string("/etc/passwd")
        .expect("passwd")
        .lines()
        .find_map(|line| {
            let fields: Vec<&str> = line.split(':').collect();
            (fields.get(2) == Some(&uid.to_string().as_str())).then(|| fields[0].to_string())
        })
        .unwrap_or_else(|| uid.to_string())
}
