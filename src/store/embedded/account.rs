//! The accounts involved: baton's own, and the one the server runs as. PostgreSQL refuses to run
//! as root, so a root baton hands the cluster, and the folders the server must use, to an
//! unprivileged account of its own — never `nobody`, whose processes are any daemon's.

use std::fs;
use std::io;
use std::os::unix::fs::{DirBuilderExt, MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::Stdio;

use super::server_log::last_line;
use super::{io_error, EmbeddedError, Result};

/// Accounts tried, in order, for a new cluster when baton is root; `baton` is created when none
/// of them exists.
const SERVER_ACCOUNTS: [&str; 2] = ["baton", "postgres"];
const CREATED_ACCOUNT: &str = "baton";
/// Accounts other programs run as: a cluster they own is open to all of those programs.
const SHARED_ACCOUNTS: [&str; 2] = ["nobody", "nfsnobody"];
const NOBODY_UID: u32 = 65534;

/// The effective uid from /proc, which keeps `unsafe` to the process-control calls.
fn effective_uid() -> Option<u32> {
    let status = fs::read_to_string("/proc/self/status").ok()?;
    effective_uid_in(&status)
}

pub(super) fn is_root() -> bool {
    effective_uid() == Some(0)
}

fn effective_uid_in(status: &str) -> Option<u32> {
    let ids = status.lines().find_map(|line| line.strip_prefix("Uid:"))?;
    ids.split_whitespace().nth(1)?.parse().ok()
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Account {
    pub(super) name: String,
    pub(super) uid: u32,
    pub(super) gid: u32,
}

impl Account {
    fn is_shared(&self) -> bool {
        self.uid == NOBODY_UID || SHARED_ACCOUNTS.contains(&self.name.as_str())
    }
}

/// Who runs the server, and whether the cluster must first be taken from a shared account.
#[derive(Debug)]
pub(super) struct ServerAccount {
    /// `None` when baton is not root: the server then runs as baton's own account.
    pub(super) account: Option<Account>,
    /// The uid of a shared account (`nobody`, chosen by older versions of baton) that owns the
    /// cluster, which must be handed to `account` before the server may run.
    pub(super) take_over: Option<u32>,
}

pub(super) async fn server_account(pgdata: &Path) -> Result<ServerAccount> {
    if !is_root() {
        return Ok(ServerAccount {
            account: None,
            take_over: None,
        });
    }
    // An existing cluster keeps running as whoever owns it: PostgreSQL insists on that.
    if pgdata.join("PG_VERSION").is_file() {
        let meta = fs::metadata(pgdata).map_err(io_error(pgdata))?;
        if meta.uid() == 0 {
            return Err(EmbeddedError::RootOwnedCluster(pgdata.to_path_buf()));
        }
        let owner = lookup(&meta.uid().to_string()).await.unwrap_or_else(|| Account {
            name: meta.uid().to_string(),
            uid: meta.uid(),
            gid: meta.gid(),
        });
        if !owner.is_shared() {
            return Ok(ServerAccount {
                account: Some(owner),
                take_over: None,
            });
        }
        return Ok(ServerAccount {
            account: Some(dedicated_account().await?),
            take_over: Some(owner.uid),
        });
    }
    Ok(ServerAccount {
        account: Some(dedicated_account().await?),
        take_over: None,
    })
}

fn usable(account: &Account) -> bool {
    account.uid != 0 && !account.is_shared()
}

async fn dedicated_account() -> Result<Account> {
    for name in SERVER_ACCOUNTS {
        if let Some(account) = lookup(name).await.filter(usable) {
            return Ok(account);
        }
    }
    create_system_account().await;
    // Created by us or, at the same moment, by another baton: either will do.
    lookup(CREATED_ACCOUNT)
        .await
        .filter(usable)
        .ok_or(EmbeddedError::NoServerUser)
}

/// `useradd --system` makes an account that cannot log in and has no home; its failure is
/// reported by the lookup that follows, as one clear error.
async fn create_system_account() {
    let result = tokio::process::Command::new("useradd")
        .args(["--system", "--user-group", "--no-create-home"])
        .args(["--home-dir", "/nonexistent", "--shell", "/usr/sbin/nologin"])
        .args(["--comment", "baton's PostgreSQL server", CREATED_ACCOUNT])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .await;
    match result {
        Ok(status) if status.success() => {
            tracing::info!("created the system account `{CREATED_ACCOUNT}` to run PostgreSQL")
        }
        Ok(status) => tracing::warn!("useradd {CREATED_ACCOUNT} failed ({status})"),
        Err(error) => tracing::warn!("cannot run useradd: {error}"),
    }
}

/// The OS accounts PostgreSQL's peer authentication will let in as the superuser: baton's own
/// and the server's.
pub(super) async fn peer_names(server: Option<&Account>) -> Result<Vec<String>> {
    let uid = effective_uid().ok_or(EmbeddedError::NamelessAccount { uid: None })?;
    let own = lookup(&uid.to_string())
        .await
        .ok_or(EmbeddedError::NamelessAccount { uid: Some(uid) })?;
    let mut names = vec![own.name];
    // A cluster owner without a name cannot be mapped, and needs no connection of its own.
    if let Some(server) = server.filter(|s| s.name.parse::<u32>().is_err()) {
        if !names.contains(&server.name) {
            names.push(server.name.clone());
        }
    }
    Ok(names)
}

/// By name or uid: /etc/passwd first, then `getent` for accounts from other sources (LDAP …),
/// which PostgreSQL sees too.
async fn lookup(key: &str) -> Option<Account> {
    // useradd refuses all-digit names, so a number is a uid.
    let uid = key.parse::<u32>().ok();
    let by_key = |accounts: Vec<Account>| {
        accounts
            .into_iter()
            .find(|a| uid.map_or(a.name == key, |uid| a.uid == uid))
    };
    let local = fs::read_to_string("/etc/passwd").unwrap_or_default();
    if let Some(account) = by_key(parse_passwd(&local)) {
        return Some(account);
    }
    let output = tokio::process::Command::new("getent")
        .args(["passwd", key])
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .await
        .ok()?;
    by_key(parse_passwd(&String::from_utf8_lossy(&output.stdout)))
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

/// Hands the files under `root` that `shared_uid` owns to `account`. coreutils' chown walks the
/// tree without following symlinks, even ones swapped in while it runs, and `--from` leaves
/// alone anything else a shared account may have linked in.
pub(super) async fn give_tree(root: &Path, shared_uid: u32, account: &Account) -> Result<()> {
    let failed = |detail: String| EmbeddedError::TakeOver {
        path: root.to_path_buf(),
        user: account.name.clone(),
        detail,
    };
    let output = tokio::process::Command::new("chown")
        .args(["--recursive", "--no-dereference"])
        .arg(format!("--from={shared_uid}"))
        .arg(format!("{}:{}", account.uid, account.gid))
        .arg(root)
        .stdin(Stdio::null())
        .output()
        .await
        .map_err(|e| failed(e.to_string()))?;
    if output.status.success() {
        Ok(())
    } else {
        Err(failed(last_line(&String::from_utf8_lossy(&output.stderr))))
    }
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
        assert_eq!(effective_uid_in(status), Some(0));
        assert_eq!(effective_uid_in("Name:\tbaton\n"), None);
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
    fn shared_accounts_never_run_the_server() {
        let account = |name: &str, uid| Account {
            name: name.into(),
            uid,
            gid: uid,
        };
        assert!(!usable(&account("nobody", 65534)));
        assert!(!usable(&account("someone", NOBODY_UID)));
        assert!(!usable(&account("nfsnobody", 65533)));
        assert!(!usable(&account("baton", 0)));
        assert!(usable(&account("baton", 998)));
        assert!(usable(&account("postgres", 101)));
    }
}
