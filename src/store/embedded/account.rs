//! The account the server runs as. PostgreSQL refuses to run as root, so a root baton hands the
//! cluster, and the folders the server must use, to an unprivileged account and runs the server
//! as that account.

use std::fs;
use std::io;
use std::os::unix::fs::{DirBuilderExt, MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};

use super::{io_error, EmbeddedError, Result};

/// The effective uid from /proc, which keeps `unsafe` to the process-control calls.
pub(super) fn is_root() -> bool {
    fs::read_to_string("/proc/self/status").is_ok_and(|status| effective_uid(&status) == Some(0))
}

fn effective_uid(status: &str) -> Option<u32> {
    let ids = status.lines().find_map(|line| line.strip_prefix("Uid:"))?;
    ids.split_whitespace().nth(1)?.parse().ok()
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Account {
    name: String,
    pub(super) uid: u32,
    pub(super) gid: u32,
}

/// `None` when baton is not root: the server then runs as baton's own user.
pub(super) fn server_account(pgdata: &Path) -> Result<Option<Account>> {
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
pub(super) fn create_private_dir(path: &Path, account: Option<&Account>) -> Result<()> {
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
pub(super) fn spawn_error(
    program: &Path,
    error: io::Error,
    cwd: &Path,
    account: Option<&Account>,
) -> EmbeddedError {
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
