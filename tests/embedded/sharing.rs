//! Several processes on one data folder: they share one server, it outlives any of them but the
//! last, and it goes away with the last one, however that one ends.

use std::time::Duration;

use baton::store::embedded::EmbeddedPostgres;

use crate::common::{postmaster_pid, process_gone, select_one, wait_until, Console, TempDataDir};

const LOGGED: &str = "📝 Contact with GGD logged";

#[test]
fn two_consoles_share_one_server_and_the_last_to_leave_stops_it() {
    let dir = TempDataDir::new("consoles");
    // Both start at once on a folder with no cluster yet.
    let mut alice = Console::start(&dir.0, "alice");
    let mut bob = Console::start(&dir.0, "bob");
    alice.ask("/contact log relation:GGD summary:from-alice", LOGGED);
    bob.ask("/contact log relation:GGD summary:from-bob", LOGGED);
    let pid = postmaster_pid(&dir.0).expect("postmaster.pid");

    let alice_left = alice.quit();
    let running_after_alice = !process_gone(pid);
    let history = bob.ask("/contact history relation:GGD", "from-alice");
    let bob_left = bob.quit();

    assert!(alice_left.success(), "{alice_left}");
    assert!(running_after_alice, "the server stopped under bob");
    assert!(history.contains("alice"), "{history}");
    assert!(bob_left.success(), "{bob_left}");
    assert!(process_gone(pid), "the server outlived the last console");
    assert_eq!(postmaster_pid(&dir.0), None, "not a clean shutdown");
}

#[test]
fn the_server_outlives_a_killed_user_and_stops_by_itself_when_the_last_is_killed() {
    let dir = TempDataDir::new("killed");
    let mut alice = Console::start(&dir.0, "alice");
    alice.ask("/contact log relation:GGD summary:first", LOGGED);
    let mut bob = Console::start(&dir.0, "bob");
    bob.ask("/contact log relation:GGD summary:second", LOGGED);
    let pid = postmaster_pid(&dir.0).expect("postmaster.pid");

    alice.kill();
    std::thread::sleep(Duration::from_millis(500));
    let running_after_alice = !process_gone(pid);
    bob.ask("/contact log relation:GGD summary:third", LOGGED);
    bob.kill();
    let stopped = wait_until(Duration::from_secs(5), || process_gone(pid));

    assert!(running_after_alice, "the server stopped under bob");
    assert!(stopped, "the server outlived its last user");
    assert!(
        wait_until(Duration::from_secs(1), || postmaster_pid(&dir.0).is_none()),
        "not a clean shutdown"
    );
}

#[tokio::test]
async fn a_user_arriving_while_the_server_stops_gets_a_running_server() {
    let dir = TempDataDir::new("arriving");
    // The keeper starts stopping as soon as the first user lets go; arrive at different moments
    // of that shutdown.
    for delay_ms in [0, 10, 50, 150] {
        let first = EmbeddedPostgres::start(dir.options(true))
            .await
            .expect("first start");
        drop(first);
        tokio::time::sleep(Duration::from_millis(delay_ms)).await;

        let mut second = EmbeddedPostgres::start(dir.options(true))
            .await
            .expect("start while stopping");
        let pid = postmaster_pid(&dir.0).expect("postmaster.pid");
        tokio::time::sleep(Duration::from_millis(300)).await;

        assert_eq!(select_one(&second).await, 1, "after {delay_ms} ms");
        second.stop().await.expect("stop");
        assert!(process_gone(pid), "after {delay_ms} ms");
    }
}
