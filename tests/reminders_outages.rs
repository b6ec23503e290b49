//! The supervised scheduler over a database that goes away more than once: its pause before a
//! restart grows while it keeps failing, and starts short again once it has recovered, so a
//! later outage delays reminders by seconds, not by the pause an earlier one left behind.

mod support;

use std::sync::Arc;
use std::time::{Duration, Instant};

use baton::clock::ManualClock;
use baton::core::promise::{self, AddPromise};
use baton::core::{Env, GuildSettings};
use baton::reminders::{self, Options, Scheduler};
use baton::store::embedded::EmbeddedPostgres;
use chrono::NaiveTime;
use support::engine::{amsterdam, ALICE};
use support::notifier::Recording;
use support::request;

async fn promise_due(
    env: &Env,
    clock: &ManualClock,
    what: &str,
    due: &str,
    day_hour_minute: (u32, u32, u32),
) {
    let input = AddPromise {
        relation: "GGD".into(),
        what: what.into(),
        due: due.into(),
        ..AddPromise::default()
    };
    promise::add(env, &request(ALICE, "alice"), input).await.unwrap();
    let (day, hour, minute) = day_hour_minute;
    clock.set(amsterdam(2026, 11, day, hour, minute));
}

/// Waits up to `within` for the `n`th post; how long it took.
async fn posted(notifier: &Recording, n: usize, within: Duration) -> Option<Duration> {
    let since = Instant::now();
    while since.elapsed() < within {
        if notifier.posted().len() >= n {
            return Some(since.elapsed());
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    None
}

#[tokio::test]
async fn after_recovering_from_a_long_outage_the_scheduler_comes_back_quickly_from_the_next() {
    let dir =
        std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("outages-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let mut server = EmbeddedPostgres::start(support::db::embedded_options(&dir))
        .await
        .unwrap();
    let pool = baton::store::connect_lazy(server.connect_options(), 4);
    baton::store::migrate(&pool).await.unwrap();
    let clock = Arc::new(ManualClock::new(support::monday_morning()));
    // No digest: the posts to wait for are the nudges.
    let defaults = GuildSettings {
        digest_time: NaiveTime::from_hms_opt(23, 59, 0).unwrap(),
        ..GuildSettings::default()
    };
    let env = Arc::new(Env::new(pool.clone(), clock.clone(), defaults));
    let notifier = Arc::new(Recording::default());
    let running = reminders::supervise(Scheduler::new(
        pool.clone(),
        clock.clone(),
        env.defaults,
        notifier.clone(),
        Options::default(),
    ));
    tokio::time::sleep(Duration::from_millis(300)).await;

    // A long outage: the scheduler fails again and again, pausing longer each time.
    server.stop().await.unwrap();
    tokio::time::sleep(Duration::from_secs(10)).await;
    let mut server = EmbeddedPostgres::start(support::db::embedded_options(&dir))
        .await
        .unwrap();
    promise_due(&env, &clock, "Rapport", "10:30", (23, 10, 30)).await;
    let first = posted(&notifier, 1, Duration::from_secs(40)).await;
    // A short one, once it had recovered.
    server.stop().await.unwrap();
    tokio::time::sleep(Duration::from_secs(1)).await;
    let mut server = EmbeddedPostgres::start(support::db::embedded_options(&dir))
        .await
        .unwrap();
    promise_due(&env, &clock, "Offerte", "11:00", (23, 11, 0)).await;
    let second = posted(&notifier, 2, Duration::from_secs(40)).await;

    assert!(first.is_some(), "delivered after the long outage");
    let second = second.expect("delivered after the short outage");
    assert!(
        second < Duration::from_secs(5),
        "the short outage cost {second:?}: the pause the long one left behind"
    );
    tokio::time::timeout(Duration::from_secs(10), running.stop())
        .await
        .expect("stops in time");
    pool.close().await;
    server.stop().await.unwrap();
    let _ = std::fs::remove_dir_all(&dir);
}
