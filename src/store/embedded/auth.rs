//! Who may connect: peer authentication on the socket, with a `pg_ident.conf` map that lets
//! exactly baton's own OS account and the server's in, as the superuser. Both files are
//! rewritten on every start, which also tightens clusters made by older versions of baton
//! (they trusted anyone who reached the socket).

use std::fs;
use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

use super::account::Account;
use super::{io_error, EmbeddedError, Result, SUPERUSER};

const MAP: &str = "baton";

static STAGED: AtomicU64 = AtomicU64::new(0);

fn hba_conf() -> String {
    format!(
        "# Written by baton on every start; edits are replaced.\n\
         # Only the OS accounts in pg_ident.conf may connect, over the socket, as {SUPERUSER}.\n\
         # TCP is off (listen_addresses is empty) and no host line would accept it anyway.\n\
         local all all peer map={MAP}\n"
    )
}

fn ident_conf(peers: &[String]) -> Result<String> {
    let mut text = String::from(
        "# Written by baton on every start; edits are replaced.\n\
         # MAPNAME SYSTEM-USERNAME PG-USERNAME\n",
    );
    for peer in peers {
        // Quoted, so no name is read as a keyword; a leading slash would make it a regex.
        let plain = !peer.is_empty()
            && !peer.starts_with('/')
            && peer
                .chars()
                .all(|c| !c.is_control() && !c.is_whitespace() && c != '"' && c != '#');
        if !plain {
            return Err(EmbeddedError::UnmappableAccount(peer.clone()));
        }
        text.push_str(&format!("{MAP} \"{peer}\" {SUPERUSER}\n"));
    }
    Ok(text)
}

/// Writes `pg_hba.conf` and `pg_ident.conf` when they differ from what they must be; true when
/// anything changed, so that a running server is told to reload them.
pub(super) fn restrict_access(pgdata: &Path, peers: &[String], account: Option<&Account>) -> Result<bool> {
    let hba = replace_if_different(&pgdata.join("pg_hba.conf"), &hba_conf(), account)?;
    let ident = replace_if_different(&pgdata.join("pg_ident.conf"), &ident_conf(peers)?, account)?;
    Ok(hba || ident)
}

fn replace_if_different(path: &Path, text: &str, account: Option<&Account>) -> Result<bool> {
    if fs::read_to_string(path).is_ok_and(|current| current == text) {
        return Ok(false);
    }
    // A new file renamed over the old one: the server never reads half a file. Its name is
    // this process's own, as another baton may be writing the same file at the same moment.
    let staged = path.with_extension(format!(
        "conf.baton-{}-{}",
        std::process::id(),
        STAGED.fetch_add(1, Ordering::Relaxed)
    ));
    let written = write_new(&staged, text, account);
    if written.is_err() {
        let _ = fs::remove_file(&staged);
    }
    written?;
    fs::rename(&staged, path).map_err(io_error(path))?;
    Ok(true)
}

fn write_new(path: &Path, text: &str, account: Option<&Account>) -> Result<()> {
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .map_err(io_error(path))?;
    file.write_all(text.as_bytes())
        .and_then(|()| file.sync_all())
        .map_err(io_error(path))?;
    if let Some(account) = account {
        std::os::unix::fs::fchown(&file, Some(account.uid), Some(account.gid)).map_err(io_error(path))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_peer_authentication_through_the_map() {
        let hba = hba_conf();
        let rules: Vec<&str> = hba
            .lines()
            .filter(|l| !l.trim_start().starts_with('#') && !l.trim().is_empty())
            .collect();
        assert_eq!(rules, ["local all all peer map=baton"]);
        assert!(!hba.contains("trust"));
    }

    #[test]
    fn the_map_names_each_peer_once_as_the_superuser() {
        let text = ident_conf(&["root".into(), "postgres".into()]).expect("plain names");
        let rules: Vec<&str> = text.lines().filter(|l| !l.starts_with('#')).collect();
        assert_eq!(rules, ["baton \"root\" postgres", "baton \"postgres\" postgres"]);
    }

    #[test]
    fn names_that_would_change_the_map_are_refused() {
        for bad in ["", "/.*", "a b", "a\"b", "a#b", "a\nb"] {
            assert!(ident_conf(&[bad.to_string()]).is_err(), "{bad:?}");
        }
    }
}
