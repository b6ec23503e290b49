//! Who uses the server. Every process using the cluster holds a shared `flock` on
//! `run/users.lock` for as long as it does. The keeper that runs the server waits to take the
//! lock exclusively, which it gets once no user is left — including users killed outright,
//! whose locks the kernel drops — and then stops the server, holding the lock until the server
//! has exited. A process that arrives meanwhile waits for the lock, and so starts a fresh server
//! instead of joining a dying one.

use std::fs::{self, File};
use std::io;
use std::os::fd::AsRawFd;
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;
use std::time::Duration;

use super::account::Account;
use super::{io_error, EmbeddedError, Result};

/// Long enough for a server to finish a fast shutdown, and then an immediate one.
const ARRIVAL_TIMEOUT: Duration = Duration::from_secs(60);
const POLL_INTERVAL: Duration = Duration::from_millis(20);

/// This process's use of the server, held until dropped or [`Usage::leave`]s.
#[derive(Debug)]
pub(super) struct Usage {
    file: File,
}

/// What leaving found.
#[derive(Debug)]
pub(super) enum Leaving {
    /// No other user: this process now holds the lock exclusively, so nobody can join or stop
    /// the server meanwhile, and stops the server itself.
    Last(Exclusive),
    /// Other processes still use the server.
    OthersRemain,
    /// The keeper took the lock the moment this process let go and is stopping the server.
    Stopping,
}

/// The lock held exclusively; dropping it lets others in.
#[derive(Debug)]
pub(super) struct Exclusive {
    _file: File,
}

impl Usage {
    /// Waits while another process stops the server, then registers this process as a user.
    pub(super) async fn begin(path: &Path, account: Option<&Account>) -> Result<Self> {
        let file = open(path, account)?;
        let deadline = tokio::time::Instant::now() + ARRIVAL_TIMEOUT;
        loop {
            if try_lock(&file, libc::LOCK_SH).map_err(io_error(path))? {
                return Ok(Self { file });
            }
            if tokio::time::Instant::now() >= deadline {
                return Err(EmbeddedError::LockTimeout {
                    path: path.to_path_buf(),
                    timeout: ARRIVAL_TIMEOUT,
                });
            }
            tokio::time::sleep(POLL_INTERVAL).await;
        }
    }

    /// Stops using the server and says whether this process was the last user.
    pub(super) fn leave(self, path: &Path) -> Result<Leaving> {
        // Converting a lock drops the shared one first, so a failure leaves this process
        // holding nothing; the second attempt tells the two kinds of holder apart.
        if try_lock(&self.file, libc::LOCK_EX).map_err(io_error(path))? {
            return Ok(Leaving::Last(Exclusive { _file: self.file }));
        }
        if try_lock(&self.file, libc::LOCK_SH).map_err(io_error(path))? {
            // A shared lock was free to take: the holders are users, not the keeper.
            return Ok(Leaving::OthersRemain);
        }
        Ok(Leaving::Stopping)
    }
}

/// Opens the lock file, made and owned by the server account, which must open it too. The
/// file lives in the account's folder, so root refuses to follow a symlink planted there.
fn open(path: &Path, account: Option<&Account>) -> Result<File> {
    let file = fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .mode(0o600)
        .custom_flags(libc::O_NOFOLLOW | libc::O_CLOEXEC)
        .open(path)
        .map_err(io_error(path))?;
    if let Some(account) = account {
        std::os::unix::fs::fchown(&file, Some(account.uid), Some(account.gid)).map_err(io_error(path))?;
    }
    Ok(file)
}

/// `Ok(false)` when another process holds a conflicting lock.
fn try_lock(file: &File, operation: libc::c_int) -> io::Result<bool> {
    loop {
        // SAFETY: flock acts only on the descriptor, which `file` keeps open during the call.
        if unsafe { libc::flock(file.as_raw_fd(), operation | libc::LOCK_NB) } == 0 {
            return Ok(true);
        }
        let error = io::Error::last_os_error();
        match error.raw_os_error() {
            Some(libc::EWOULDBLOCK) => return Ok(false),
            Some(libc::EINTR) => continue,
            _ => return Err(error),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn temp_lock(tag: &str) -> PathBuf {
        std::env::temp_dir().join(format!("baton-users-{tag}-{}.lock", std::process::id()))
    }

    #[tokio::test]
    async fn the_last_user_to_leave_holds_the_lock_alone() {
        let path = temp_lock("last");
        let first = Usage::begin(&path, None).await.expect("first user");
        let second = Usage::begin(&path, None).await.expect("second user");

        let first_left = first.leave(&path).expect("first leaves");
        let second_left = second.leave(&path).expect("second leaves");

        assert!(matches!(first_left, Leaving::OthersRemain), "{first_left:?}");
        assert!(matches!(second_left, Leaving::Last(_)), "{second_left:?}");
        drop(second_left);
        let _ = fs::remove_file(&path);
    }

    #[tokio::test]
    async fn arrivals_wait_while_the_last_user_or_the_keeper_holds_the_lock() {
        let path = temp_lock("stopping");
        let user = Usage::begin(&path, None).await.expect("user");
        // Stands in for the keeper: a second description of the file, waiting to stop.
        let keeper = open(&path, None).expect("keeper's descriptor");
        assert!(!try_lock(&keeper, libc::LOCK_EX).expect("try"), "a user holds it");

        let left = user.leave(&path).expect("leaves");
        let Leaving::Last(exclusive) = left else {
            panic!("the only user is the last: {left:?}");
        };
        assert!(
            !try_lock(&keeper, libc::LOCK_EX).expect("try"),
            "held by the leaver"
        );
        drop(exclusive);
        assert!(
            try_lock(&keeper, libc::LOCK_EX).expect("try"),
            "free once dropped"
        );

        let arriving = open(&path, None).expect("arriving");
        assert!(
            !try_lock(&arriving, libc::LOCK_SH).expect("try"),
            "keeper stops it"
        );
        let _ = fs::remove_file(&path);
    }
}
