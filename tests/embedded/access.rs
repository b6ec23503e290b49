//! Who may connect: baton's own OS account and the server's, and nobody else — also on
//! clusters made by older versions of baton, which trusted anyone reaching the socket.
//! Switching accounts needs root, so these tests say so and pass when run as anyone else.

use std::os::unix::fs::MetadataExt;
use std::process::Command;
use std::time::Duration;

use baton::store::embedded::EmbeddedPostgres;

use crate::common::{
    connect_as, is_root, open_socket_to_everyone, owner_name, select_one, wait_until, TempDataDir,
};

const PEER_REFUSAL: &str = "Peer authentication failed";

fn skip_unless_root() -> bool {
    if !is_root() {
        eprintln!("skipped: switching OS accounts needs root");
    }
    !is_root()
}

/// What an older baton wrote: anyone reaching the socket is the superuser.
fn trust_everyone(pgdata: &std::path::Path) {
    std::fs::write(pgdata.join("pg_hba.conf"), "local all all trust\n").expect("old pg_hba.conf");
    std::fs::write(pgdata.join("pg_ident.conf"), "").expect("old pg_ident.conf");
}

#[tokio::test]
async fn another_account_cannot_connect_even_when_it_reaches_the_socket() {
    if skip_unless_root() {
        return;
    }
    let dir = TempDataDir::new("peers");
    let mut pg = EmbeddedPostgres::start(dir.options(true)).await.expect("start");
    let server_account = owner_name(&dir.0.join("pgdata"));

    let own = connect_as("root", &dir.socket_dir());
    let server = connect_as(&server_account, &dir.socket_dir());
    let nobody_outside = connect_as("nobody", &dir.socket_dir());
    open_socket_to_everyone(&dir.socket_dir());
    let nobody_at_the_socket = connect_as("nobody", &dir.socket_dir());

    assert_ne!(server_account, "nobody");
    assert_eq!(own, Ok("1".into()), "baton's own account");
    assert_eq!(server, Ok("1".into()), "the server account {server_account}");
    let refusal = nobody_outside.expect_err("nobody reached the private socket directory");
    assert!(refusal.contains("Permission denied"), "{refusal}");
    let refusal = nobody_at_the_socket.expect_err("nobody connected");
    assert!(refusal.contains(PEER_REFUSAL), "{refusal}");
    pg.stop().await.expect("stop");
}

#[tokio::test]
async fn an_old_cluster_given_to_nobody_and_trusting_everyone_is_taken_back_and_tightened_on_start() {
    if skip_unless_root() {
        return;
    }
    let dir = TempDataDir::new("old-nobody");
    let pgdata = dir.0.join("pgdata");
    let mut pg = EmbeddedPostgres::start(dir.options(true))
        .await
        .expect("first start");
    pg.stop().await.expect("stop");
    trust_everyone(&pgdata);
    let chown = Command::new("chown")
        .args(["-R", "nobody:nogroup"])
        .arg(&pgdata)
        .arg(dir.socket_dir())
        .status()
        .expect("chown runs");
    assert!(chown.success());

    let mut pg = EmbeddedPostgres::start(dir.options(true))
        .await
        .expect("start on the old cluster");
    open_socket_to_everyone(&dir.socket_dir());
    let nobody = connect_as("nobody", &dir.socket_dir());

    let owner = std::fs::metadata(&pgdata).expect("pgdata").uid();
    assert!(
        owner != 0 && owner != 65534,
        "cluster still belongs to uid {owner}"
    );
    let hba = std::fs::read_to_string(pgdata.join("pg_hba.conf")).expect("pg_hba.conf");
    assert!(!hba.contains("trust"), "{hba}");
    let refusal = nobody.expect_err("nobody connected");
    assert!(refusal.contains(PEER_REFUSAL), "{refusal}");
    assert_eq!(select_one(&pg).await, 1, "baton itself still connects");
    pg.stop().await.expect("stop");
}

#[tokio::test]
async fn a_running_server_that_trusts_everyone_is_tightened_when_baton_joins_it() {
    if skip_unless_root() {
        return;
    }
    let dir = TempDataDir::new("old-running");
    let mut first = EmbeddedPostgres::start(dir.options(true))
        .await
        .expect("first start");
    let pid = crate::common::postmaster_pid(&dir.0).expect("postmaster.pid");
    trust_everyone(&dir.0.join("pgdata"));
    // SAFETY: pid is the postmaster this test started; SIGHUP makes it reread pg_hba.conf.
    assert_eq!(unsafe { libc::kill(pid, libc::SIGHUP) }, 0);
    open_socket_to_everyone(&dir.socket_dir());
    let open_before = wait_until(Duration::from_secs(5), || {
        connect_as("nobody", &dir.socket_dir()).is_ok()
    });

    let mut second = EmbeddedPostgres::start(dir.options(true))
        .await
        .expect("joining start");
    open_socket_to_everyone(&dir.socket_dir());
    let refused_after = wait_until(Duration::from_secs(5), || {
        connect_as("nobody", &dir.socket_dir()).is_err_and(|e| e.contains(PEER_REFUSAL))
    });

    assert!(
        open_before,
        "the old rules did not let nobody in, so this test proves nothing"
    );
    assert!(refused_after, "{:?}", connect_as("nobody", &dir.socket_dir()));
    assert_eq!(
        crate::common::postmaster_pid(&dir.0),
        Some(pid),
        "joined, not restarted"
    );
    assert_eq!(select_one(&second).await, 1);
    second.stop().await.expect("stop second");
    first.stop().await.expect("stop first");
}
