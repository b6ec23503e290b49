//! Runs real PostgreSQL servers from the machine's installation.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use baton::store::embedded::{EmbeddedError, EmbeddedOptions, EmbeddedPostgres};
use sqlx::{Connection, PgConnection};

#[path = "embedded/access.rs"]
mod access;
#[path = "embedded/common.rs"]
mod common;
#[path = "embedded/sharing.rs"]
mod sharing;

use common::{postmaster_pid, process_gone, select_one, wait_until, TempDataDir};

/// Set in the environment of the child process that
/// `the_server_stops_by_itself_when_its_only_user_is_killed` kills.
const CHILD_DATA_DIR: &str = "EMBEDDED_PG_TEST_CHILD_DATA_DIR";

#[tokio::test]
async fn data_survives_restart() {
    let dir = TempDataDir::new("restart");
    let mut pg = EmbeddedPostgres::start(dir.options(false))
        .await
        .expect("first start");
    assert_eq!(select_one(&pg).await, 1);
    assert!(
        pg.url().starts_with("postgres://postgres@localhost/baton?host=/"),
        "{}",
        pg.url()
    );
    let from_url: sqlx::postgres::PgConnectOptions = pg.url().parse().expect("a URL sqlx reads");
    PgConnection::connect_with(&from_url)
        .await
        .expect("the URL reaches the server")
        .close()
        .await
        .expect("close");

    let mut conn = PgConnection::connect_with(&pg.connect_options())
        .await
        .expect("connect");
    sqlx::query("CREATE TABLE kept (note text NOT NULL)")
        .execute(&mut conn)
        .await
        .expect("create table");
    sqlx::query("INSERT INTO kept VALUES ('still here')")
        .execute(&mut conn)
        .await
        .expect("insert");
    conn.close().await.expect("close");

    let pid = postmaster_pid(&dir.0).expect("postmaster.pid while running");
    pg.stop().await.expect("stop");
    assert!(process_gone(pid), "server still running after stop");
    assert!(postmaster_pid(&dir.0).is_none(), "postmaster.pid left behind");
    pg.stop().await.expect("second stop is a no-op");

    let mut pg = EmbeddedPostgres::start(dir.options(false))
        .await
        .expect("second start");
    let mut conn = PgConnection::connect_with(&pg.connect_options())
        .await
        .expect("reconnect");
    let note: String = sqlx::query_scalar("SELECT note FROM kept")
        .fetch_one(&mut conn)
        .await
        .expect("table kept between runs");
    assert_eq!(note, "still here");
    conn.close().await.expect("close");
    pg.stop().await.expect("stop");
}

#[tokio::test]
async fn second_start_reuses_running_server() {
    let dir = TempDataDir::new("reuse");
    let mut first = EmbeddedPostgres::start(dir.options(true))
        .await
        .expect("first start");
    let pid = postmaster_pid(&dir.0).expect("postmaster.pid");

    let mut second = EmbeddedPostgres::start(dir.options(true))
        .await
        .expect("second start");
    assert_eq!(postmaster_pid(&dir.0), Some(pid), "a second server was started");
    assert_eq!(select_one(&second).await, 1);

    second.stop().await.expect("stop second");
    assert!(
        !process_gone(pid),
        "stopping the second handle stopped the server"
    );
    assert_eq!(select_one(&first).await, 1);

    first.stop().await.expect("stop first");
    assert!(
        process_gone(pid),
        "the last user's stop returned before the server exited"
    );
}

#[tokio::test]
async fn stale_postmaster_pid_does_not_block_start() {
    let dir = TempDataDir::new("stale");
    let mut pg = EmbeddedPostgres::start(dir.options(true))
        .await
        .expect("first start");
    let pid = postmaster_pid(&dir.0).expect("postmaster.pid");
    // SAFETY: pid is the postmaster this test just started.
    assert_eq!(unsafe { libc::kill(pid, libc::SIGKILL) }, 0);
    assert!(wait_until(Duration::from_secs(10), || process_gone(pid)));
    assert_eq!(
        postmaster_pid(&dir.0),
        Some(pid),
        "expected a stale postmaster.pid"
    );
    pg.stop().await.expect("stopping a dead server");

    let mut pg = EmbeddedPostgres::start(dir.options(true))
        .await
        .expect("start over a stale postmaster.pid");
    assert_ne!(postmaster_pid(&dir.0), Some(pid));
    assert_eq!(select_one(&pg).await, 1);
    pg.stop().await.expect("stop");
}

/// Not a test on its own: the body of the child process in
/// `the_server_stops_by_itself_when_its_only_user_is_killed`.
#[test]
fn child_process_entry() {
    let Some(data_dir) = std::env::var_os(CHILD_DATA_DIR) else {
        return;
    };
    let data_dir = PathBuf::from(data_dir);
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let pg = runtime
        .block_on(EmbeddedPostgres::start(EmbeddedOptions {
            throwaway: true,
            ..EmbeddedOptions::new(&data_dir, "baton")
        }))
        .expect("start in child");
    std::fs::write(data_dir.join("child-ready"), b"").expect("ready marker");
    // Waits to be killed; the bound keeps a forgotten child from living on.
    std::thread::sleep(Duration::from_secs(120));
    drop(pg);
}

/// The user here is a test binary, not baton: the keeper must not need baton's binary.
#[test]
fn the_server_stops_by_itself_when_its_only_user_is_killed() {
    let dir = TempDataDir::new("orphan");
    let mut child = Command::new(std::env::current_exe().expect("test binary"))
        .args([
            "child_process_entry",
            "--exact",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD_DATA_DIR, &dir.0)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .spawn()
        .expect("spawn child");

    let ready = wait_until(Duration::from_secs(60), || {
        dir.0.join("child-ready").exists() || matches!(child.try_wait(), Ok(Some(_)))
    });
    assert!(
        ready && dir.0.join("child-ready").exists(),
        "child did not start the server"
    );
    let pid = postmaster_pid(&dir.0).expect("postmaster.pid");

    child.kill().expect("SIGKILL the child");
    child.wait().expect("reap the child");

    assert!(
        wait_until(Duration::from_secs(5), || process_gone(pid)),
        "server outlived its process"
    );
    assert!(
        wait_until(Duration::from_secs(5), || postmaster_pid(&dir.0).is_none()),
        "server did not shut down cleanly"
    );
}

#[tokio::test]
async fn missing_binaries_give_install_hint() {
    let dir = TempDataDir::new("missing");
    let options = EmbeddedOptions {
        bin_dir: Some(PathBuf::from("/nonexistent/postgresql/bin")),
        ..dir.options(true)
    };
    let error = EmbeddedPostgres::start(options)
        .await
        .expect_err("no binaries there");
    assert!(matches!(error, EmbeddedError::NotInstalled), "{error:?}");
    assert_eq!(
        error.to_string(),
        "PostgreSQL is not installed: install Debian's `postgresql` package (apt install postgresql) \
         or set DATABASE_URL to a running server"
    );
}

#[tokio::test]
async fn unsafe_database_names_are_refused() {
    let dir = TempDataDir::new("badname");
    let options = EmbeddedOptions::new(&dir.0, "baton\"; DROP DATABASE postgres; --");
    let error = EmbeddedPostgres::start(options).await.expect_err("invalid name");
    assert!(
        matches!(error, EmbeddedError::InvalidDatabaseName(_)),
        "{error:?}"
    );
}

#[tokio::test]
async fn root_needs_a_folder_the_server_account_can_reach() {
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } != 0 {
        return;
    }
    let home = Path::new("/root");
    let private = std::fs::metadata(home).map(|m| {
        use std::os::unix::fs::PermissionsExt;
        m.permissions().mode() & 0o001 == 0
    });
    if !matches!(private, Ok(true)) {
        return;
    }
    let dir = TempDataDir(home.join(format!("baton-embedded-private-{}", std::process::id())));
    let error = EmbeddedPostgres::start(dir.options(true))
        .await
        .expect_err("unreachable folder");
    assert!(matches!(error, EmbeddedError::Unreachable { .. }), "{error:?}");
    assert!(error.to_string().contains("cannot enter /root:"), "{error}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_first_starts_share_one_server() {
    let dir = TempDataDir::new("concurrent");
    let (a, b) = tokio::join!(
        EmbeddedPostgres::start(dir.options(true)),
        EmbeddedPostgres::start(dir.options(true))
    );
    let (mut a, mut b) = (a.expect("start a"), b.expect("start b"));
    assert_eq!(select_one(&a).await, 1);
    assert_eq!(select_one(&b).await, 1);
    let pid = postmaster_pid(&dir.0).expect("postmaster.pid");
    let staging_left = std::fs::read_dir(&dir.0)
        .expect("data dir")
        .flatten()
        .any(|e| e.file_name().to_string_lossy().starts_with("pgdata.init-"));
    assert!(!staging_left, "initdb staging directory left behind");
    a.stop().await.expect("stop a");
    b.stop().await.expect("stop b");
    assert!(
        process_gone(pid),
        "the last user's stop returned before the server exited"
    );
}

#[tokio::test]
async fn failed_start_names_the_log() {
    let dir = TempDataDir::new("broken");
    let mut pg = EmbeddedPostgres::start(dir.options(true))
        .await
        .expect("first start");
    pg.stop().await.expect("stop");
    let conf = dir.0.join("pgdata/postgresql.conf");
    let mut text = std::fs::read_to_string(&conf).expect("read conf");
    text.push_str("\nthis is not a setting\n");
    std::fs::write(&conf, text).expect("break conf");

    let error = EmbeddedPostgres::start(dir.options(true))
        .await
        .expect_err("broken configuration");
    let message = error.to_string();
    assert!(matches!(error, EmbeddedError::Exited { .. }), "{error:?}");
    assert!(!message.contains('\n'), "{message}");
    assert!(message.contains("postgres.log"), "{message}");
    assert!(
        message.contains("syntax error") || message.contains("FATAL"),
        "{message}"
    );
}
