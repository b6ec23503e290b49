//! The delivery engine against PostgreSQL: each nudge once, across schedulers and crashes;
//! retries, rate limits, fallbacks and failures; repeats, escalation, catch-up, grouping
//! and digests, with time moved by the test rather than slept.

mod support;

use std::sync::Arc;
use std::time::Duration as StdDuration;

use baton::core::promise::{self, AddPromise};
use baton::core::settings::{self, ChangeSettings};
use baton::core::{listing, Body, GuildSettings};
use baton::domain::{ChannelId, MemberId, RoleId};
use baton::reminders::{self, Options, Scheduler, SendError};
use baton::store::deliveries::Target;
use chrono::{DateTime, Duration, NaiveTime, Utc};
use support::engine::{amsterdam, delivery_states, promise_for, refs, scheduler, scheduler_with, ALICE, BOB};
use support::notifier::Recording;
use support::{request, World, CHANNEL};

#[tokio::test]
async fn an_overdue_promise_is_nudged_once_in_the_channel_where_it_was_made() {
    let world = World::new().await;
    let notifier = Arc::new(Recording::default());
    let scheduler = scheduler(&world, notifier.clone());
    promise_for(&world, BOB, "Offerte sturen", "vandaag 12:00").await;

    let early = scheduler.tick().await.unwrap();
    world.clock.set(amsterdam(2026, 11, 23, 12, 0));
    let due = scheduler.tick().await.unwrap();
    let again = scheduler.tick().await.unwrap();

    assert_eq!(early.nudges, 0);
    assert_eq!((due.nudges, due.sent.len()), (1, 1));
    assert_eq!((again.nudges, again.sent.len()), (0, 0));
    let posted = notifier.posted();
    assert_eq!(posted.len(), 1);
    let message = &posted[0];
    assert_eq!(message.target, Target::Channel(CHANNEL));
    assert_eq!(
        message.notify_users,
        vec![MemberId(BOB)],
        "the owner is mentioned"
    );
    assert!(
        message
            .text
            .contains("member 12, P-1 for Gemeente Utrecht was due"),
        "{}",
        message.text
    );
    assert!(message.text.contains("Reminder 1."), "{}", message.text);
    let delivery: i64 = sqlx::query_scalar("SELECT delivery_id FROM deliveries")
        .fetch_one(&world.db.pool)
        .await
        .unwrap();
    assert_eq!(message.nonce, format!("baton-{delivery}"));
    assert_eq!(delivery_states(&world).await, [("sent".to_string(), 1)]);
}

#[tokio::test]
async fn two_schedulers_at_once_send_each_nudge_once() {
    let world = World::new().await;
    for i in 0..100 {
        promise_for(&world, 100 + i % 7, &format!("item {i}"), "vandaag 12:00").await;
    }
    world.clock.set(amsterdam(2026, 11, 23, 12, 0));
    let (one, two) = (Arc::new(Recording::default()), Arc::new(Recording::default()));
    let (a, b) = (scheduler(&world, one.clone()), scheduler(&world, two.clone()));

    let (ra, rb) = tokio::join!(a.tick(), b.tick());
    ra.unwrap();
    rb.unwrap();
    let (ra, rb) = tokio::join!(a.tick(), b.tick());

    assert_eq!(ra.unwrap().nudges + rb.unwrap().nudges, 0, "nothing left to plan");
    let mut all = one.posted();
    all.extend(two.posted());
    let sent = refs(&all);
    let mut expected: Vec<String> = (1..=100).map(|i| format!("P-{i}")).collect();
    expected.sort();
    assert_eq!(sent, expected, "every promise exactly once");
    let nudges: i64 = sqlx::query_scalar("SELECT count(*) FROM nudges")
        .fetch_one(&world.db.pool)
        .await
        .unwrap();
    assert_eq!(nudges, 100);
    assert!(
        // Discord shows five rows of five: the items' buttons and Details.
        all.iter().all(|m| m.actions.len() <= 25),
        "buttons fit one message"
    );
}

#[tokio::test]
async fn a_crash_between_claim_and_send_resends_once_with_the_same_nonce() {
    let world = World::new().await;
    promise_for(&world, BOB, "Offerte sturen", "vandaag 12:00").await;
    world.clock.set(amsterdam(2026, 11, 23, 12, 0));
    let stalled = Arc::new(Recording::stalling());
    let crashing = scheduler(&world, stalled.clone());
    let task = tokio::spawn(async move { crashing.tick().await });
    for _ in 0..200 {
        if !stalled.posted().is_empty() {
            break;
        }
        tokio::time::sleep(StdDuration::from_millis(10)).await;
    }
    task.abort();
    let first_nonce = stalled.posted()[0].nonce.clone();
    let recovering = Arc::new(Recording::default());
    let restarted = scheduler(&world, recovering.clone());

    let while_leased = restarted.tick().await.unwrap();
    world.clock.advance(Duration::seconds(31));
    let after_lease = restarted.tick().await.unwrap();
    let later = restarted.tick().await.unwrap();

    assert!(while_leased.sent.is_empty(), "the lease keeps others off");
    assert_eq!(after_lease.sent.len(), 1);
    assert!(later.sent.is_empty());
    let posted = recovering.posted();
    assert_eq!(posted.len(), 1);
    assert_eq!(
        posted[0].nonce, first_nonce,
        "the same nonce: Discord posts it once"
    );
    assert_eq!(delivery_states(&world).await, [("sent".to_string(), 2)]);
}

#[tokio::test]
async fn a_send_that_keeps_failing_is_retried_then_marked_failed_and_shown_in_the_ball() {
    let world = World::new().await;
    promise_for(&world, BOB, "Offerte sturen", "vandaag 12:00").await;
    world.clock.set(amsterdam(2026, 11, 23, 12, 0));
    let notifier = Arc::new(Recording::default());
    notifier.fail_with((0..10).map(|_| SendError::Transient("500 Internal Server Error".into())));
    let scheduler = scheduler(&world, notifier.clone());

    let mut tries = 0;
    for _ in 0..10 {
        tries += scheduler.tick().await.unwrap().sent.len();
        world.clock.advance(Duration::minutes(6));
    }

    assert_eq!(tries, 6, "bounded retries");
    assert!(notifier.posted().is_empty());
    assert_eq!(delivery_states(&world).await, [("failed".to_string(), 6)]);
    let ball = listing::ball(&world.env, &request(BOB, "bob"), None)
        .await
        .unwrap();
    let Body::Ball(ball) = ball.body else { panic!() };
    assert_eq!(ball.failed.len(), 1, "never silently dropped");
    assert_eq!(ball.failed[0].error.as_deref(), Some("500 Internal Server Error"));
}

#[tokio::test]
async fn a_rate_limit_waits_and_does_not_count_as_an_attempt() {
    let world = World::new().await;
    promise_for(&world, BOB, "Offerte sturen", "vandaag 12:00").await;
    world.clock.set(amsterdam(2026, 11, 23, 12, 0));
    let notifier = Arc::new(Recording::default());
    notifier.fail_with([SendError::RateLimited(StdDuration::from_millis(300))]);
    let scheduler = scheduler(&world, notifier.clone());

    scheduler.tick().await.unwrap();
    let too_soon = scheduler.tick().await.unwrap();
    world.clock.advance(Duration::seconds(1));
    let after_wait = scheduler.tick().await.unwrap();

    assert!(too_soon.sent.is_empty(), "it waits for retry_after");
    assert_eq!(after_wait.sent.len(), 1);
    assert_eq!(notifier.posted().len(), 1);
    assert_eq!(delivery_states(&world).await, [("sent".to_string(), 1)]);
}

#[tokio::test]
async fn a_gone_channel_falls_back_to_direct_messages_to_each_owner() {
    let world = World::new().await;
    promise_for(&world, ALICE, "Offerte sturen", "vandaag 12:00").await;
    promise_for(&world, BOB, "Rapport sturen", "vandaag 12:00").await;
    world.clock.set(amsterdam(2026, 11, 23, 12, 0));
    let notifier = Arc::new(Recording::default());
    notifier.fail_with([SendError::Gone("404 Unknown Channel".into())]);
    let scheduler = scheduler(&world, notifier.clone());

    scheduler.tick().await.unwrap();
    scheduler.tick().await.unwrap();

    let mut targets: Vec<Target> = notifier.posted().iter().map(|m| m.target).collect();
    targets.sort_by_key(|t| format!("{t:?}"));
    assert_eq!(
        targets,
        [Target::Direct(MemberId(ALICE)), Target::Direct(MemberId(BOB))]
    );
    assert_eq!(refs(&notifier.posted()), ["P-1", "P-2"]);
}

#[tokio::test]
async fn an_escalation_to_a_gone_channel_falls_back_to_the_reminder_channel() {
    let world = World::new().await;
    let mut admin = request(99, "admin");
    admin.actor.admin = true;
    let change = ChangeSettings {
        escalation_channel: Some(ChannelId(66)),
        escalate_after: Some(1),
        ..ChangeSettings::default()
    };
    settings::guild(&world.env, &admin, change).await.unwrap();
    promise_for(&world, BOB, "Offerte sturen", "vandaag 12:00").await;
    let notifier = Arc::new(Recording::default());
    let scheduler = scheduler(&world, notifier.clone());
    world.clock.set(amsterdam(2026, 11, 23, 12, 0));
    scheduler.tick().await.unwrap();
    let change = ChangeSettings {
        reminder_channel: Some(ChannelId(77)),
        ..ChangeSettings::default()
    };
    settings::guild(&world.env, &admin, change).await.unwrap();
    notifier.fail_with([SendError::Gone("404 Unknown Channel".into())]);

    world.clock.set(amsterdam(2026, 11, 24, 12, 0));
    scheduler.tick().await.unwrap();
    scheduler.tick().await.unwrap();

    let targets: Vec<Target> = notifier.posted().iter().map(|m| m.target).collect();
    assert_eq!(
        targets,
        [Target::Channel(CHANNEL), Target::Channel(ChannelId(77))],
        "the first nudge where promised; the escalation, its channel gone, to the reminder channel"
    );
}

#[tokio::test]
async fn after_downtime_an_overdue_promise_gets_one_catch_up_nudge() {
    let world = World::new().await;
    promise_for(&world, BOB, "Offerte sturen", "vandaag 12:00").await;
    let notifier = Arc::new(Recording::default());
    let scheduler = scheduler(&world, notifier.clone());

    world.clock.set(amsterdam(2026, 11, 26, 10, 0));
    let back = scheduler.tick().await.unwrap();
    let next: DateTime<Utc> = sqlx::query_scalar("SELECT next_nudge_at FROM commitments")
        .fetch_one(&world.db.pool)
        .await
        .unwrap();

    assert_eq!(back.nudges, 1, "one catch-up, not one per missed day");
    assert!(notifier.posted()[0].text.contains("Reminder 1."));
    assert_eq!(
        next,
        amsterdam(2026, 11, 27, 10, 0),
        "the rhythm restarts from now"
    );
}

#[tokio::test]
async fn nudges_repeat_each_working_day_and_then_call_in_the_escalation_role() {
    let world = World::new().await;
    let mut admin = request(99, "admin");
    admin.actor.admin = true;
    let change = ChangeSettings {
        escalation_role: Some(RoleId(555)),
        ..ChangeSettings::default()
    };
    settings::guild(&world.env, &admin, change).await.unwrap();
    promise_for(&world, BOB, "Offerte sturen", "vrijdag 12:00").await;
    let notifier = Arc::new(Recording::default());
    let scheduler = scheduler(&world, notifier.clone());

    for day in [27, 28, 29, 30] {
        world.clock.set(amsterdam(2026, 11, day, 12, 0));
        scheduler.tick().await.unwrap();
    }
    world.clock.set(amsterdam(2026, 12, 1, 12, 0));
    scheduler.tick().await.unwrap();

    let posted = notifier.posted();
    let numbers: Vec<bool> = posted
        .iter()
        .map(|m| m.notify_roles == vec![RoleId(555)])
        .collect();
    assert_eq!(
        posted.len(),
        3,
        "Friday, then Monday and Tuesday: not at the weekend"
    );
    assert_eq!(numbers, [false, false, true], "the third nudge escalates");
    assert!(
        posted[2]
            .text
            .starts_with("🚨 Escalation: still open after 2 reminders. @555"),
        "{}",
        posted[2].text
    );
}

#[tokio::test]
async fn a_promise_kept_before_its_reminder_went_out_is_not_sent() {
    let world = World::new().await;
    promise_for(&world, BOB, "Offerte sturen", "vandaag 12:00").await;
    world.clock.set(amsterdam(2026, 11, 23, 12, 0));
    let stalled = Arc::new(Recording::stalling());
    let crashing = scheduler(&world, stalled.clone());
    let task = tokio::spawn(async move { crashing.tick().await });
    while stalled.posted().is_empty() {
        tokio::time::sleep(StdDuration::from_millis(10)).await;
    }
    task.abort();
    promise::done(&world.env, &request(BOB, "bob"), "P-1", None)
        .await
        .unwrap();
    let notifier = Arc::new(Recording::default());

    world.clock.advance(Duration::minutes(1));
    scheduler(&world, notifier.clone()).tick().await.unwrap();

    assert!(notifier.posted().is_empty());
    assert_eq!(delivery_states(&world).await[0].0, "dropped");
}

#[tokio::test]
async fn a_heads_up_comes_before_the_due_time() {
    let world = World::new().await;
    let input = AddPromise {
        relation: "GGD".into(),
        what: "Rapport".into(),
        due: "woensdag 14:00".into(),
        remind_before: Some("1 dag".into()),
        ..AddPromise::default()
    };
    promise::add(&world.env, &request(ALICE, "alice"), input)
        .await
        .unwrap();
    let notifier = Arc::new(Recording::default());
    let scheduler = scheduler(&world, notifier.clone());

    world.clock.set(amsterdam(2026, 11, 24, 14, 0));
    scheduler.tick().await.unwrap();

    let posted = notifier.posted();
    assert_eq!(posted.len(), 1);
    assert!(
        posted[0].text.starts_with("🔔 alice, P-1 for GGD is due"),
        "{}",
        posted[0].text
    );
}

#[tokio::test]
async fn the_daily_digest_goes_once_to_each_member_who_wants_it() {
    let world = World::new().await;
    promise_for(&world, ALICE, "Offerte sturen", "vandaag 12:00").await;
    promise_for(&world, BOB, "Rapport sturen", "vandaag 12:00").await;
    settings::digest(&world.env, &request(BOB, "bob"), Some(false))
        .await
        .unwrap();
    let notifier = Arc::new(Recording::default());
    let scheduler = scheduler_with(&world, notifier.clone(), world.env.defaults);

    world.clock.set(amsterdam(2026, 11, 24, 8, 45));
    let first = scheduler.tick().await.unwrap();
    world.clock.advance(Duration::minutes(30));
    let again = scheduler.tick().await.unwrap();

    assert_eq!(first.digests, 1);
    assert_eq!(again.digests, 0, "once a day");
    let digests: Vec<_> = notifier
        .posted()
        .into_iter()
        .filter(|m| m.text.starts_with("📋"))
        .collect();
    assert_eq!(digests.len(), 1);
    assert_eq!(digests[0].target, Target::Direct(MemberId(ALICE)));
    assert!(
        digests[0].text.contains("P-1 Offerte sturen"),
        "{}",
        digests[0].text
    );
}

#[tokio::test]
async fn the_running_scheduler_wakes_at_the_due_time_and_on_notify_and_stops_cleanly() {
    let world = World::new().await;
    let notifier = Arc::new(Recording::default());
    let running = reminders::supervise(scheduler(&world, notifier.clone()));
    // With nothing due it sleeps for five minutes. A promise due sooner, added meanwhile,
    // must wake it through PostgreSQL's NOTIFY, or it would oversleep.
    tokio::time::sleep(StdDuration::from_millis(300)).await;
    promise_for(&world, BOB, "Offerte sturen", "10:02").await;
    tokio::time::sleep(StdDuration::from_millis(1000)).await;
    assert!(notifier.posted().is_empty(), "not yet due");

    world.clock.set(amsterdam(2026, 11, 23, 10, 2));
    let mut waited = 0;
    while notifier.posted().is_empty() && waited < 100 {
        tokio::time::sleep(StdDuration::from_millis(50)).await;
        waited += 1;
    }

    assert_eq!(
        notifier.posted().len(),
        1,
        "sent once the clock reached the due time"
    );
    tokio::time::timeout(StdDuration::from_secs(10), running.stop())
        .await
        .expect("stops in time");
}

#[tokio::test]
async fn a_nudge_joins_a_message_to_the_same_channel_that_is_still_waiting() {
    let world = World::new().await;
    promise_for(&world, ALICE, "Offerte sturen", "vandaag 12:00").await;
    promise_for(&world, BOB, "Rapport sturen", "vandaag 12:05").await;
    let notifier = Arc::new(Recording::default());
    notifier.fail_with([SendError::RateLimited(StdDuration::from_millis(50))]);
    let scheduler = scheduler(&world, notifier.clone());

    world.clock.set(amsterdam(2026, 11, 23, 12, 0));
    scheduler.tick().await.unwrap();
    world.clock.set(amsterdam(2026, 11, 23, 12, 5));
    scheduler.tick().await.unwrap();

    let posted = notifier.posted();
    assert_eq!(posted.len(), 1, "one message, not two");
    assert_eq!(refs(&posted), ["P-1", "P-2"]);
    assert!(
        posted[0].text.starts_with("⏰ 2 items need attention:"),
        "{}",
        posted[0].text
    );
}

#[tokio::test]
async fn a_digest_can_go_to_a_channel_instead_of_direct_messages() {
    let world = World::new().await;
    let mut admin = request(99, "admin");
    admin.actor.admin = true;
    let change = ChangeSettings {
        digest_to: Some(baton::domain::schedule::DigestTo::Channel),
        digest_channel: Some(ChannelId(88)),
        ..ChangeSettings::default()
    };
    settings::guild(&world.env, &admin, change).await.unwrap();
    promise_for(&world, BOB, "Rapport sturen", "vandaag 12:00").await;
    let notifier = Arc::new(Recording::default());
    let scheduler = scheduler_with(&world, notifier.clone(), world.env.defaults);

    world.clock.set(amsterdam(2026, 11, 24, 9, 0));
    scheduler.tick().await.unwrap();

    let digests: Vec<_> = notifier
        .posted()
        .into_iter()
        .filter(|m| m.text.starts_with("📋"))
        .collect();
    assert_eq!(digests.len(), 1);
    assert_eq!(digests[0].target, Target::Channel(ChannelId(88)));
    assert_eq!(digests[0].notify_users, vec![MemberId(BOB)]);
}

#[tokio::test]
async fn the_supervised_scheduler_recovers_when_the_database_comes_back() {
    use baton::store::embedded::EmbeddedPostgres;
    let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("sched-outage-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let mut server = EmbeddedPostgres::start(support::db::embedded_options(&dir))
        .await
        .unwrap();
    let pool = baton::store::connect_lazy(server.connect_options(), 4);
    baton::store::migrate(&pool).await.unwrap();
    let clock = Arc::new(baton::clock::ManualClock::new(support::monday_morning()));
    // No digest: the one post to wait for is the nudge.
    let defaults = GuildSettings {
        digest_time: NaiveTime::from_hms_opt(23, 59, 0).unwrap(),
        ..GuildSettings::default()
    };
    let env = Arc::new(baton::core::Env::new(pool.clone(), clock.clone(), defaults));
    let notifier = Arc::new(Recording::default());
    let running = reminders::supervise(Scheduler::new(
        pool.clone(),
        clock.clone(),
        env.defaults,
        notifier.clone(),
        Options::default(),
    ));
    tokio::time::sleep(StdDuration::from_millis(300)).await;

    server.stop().await.unwrap();
    tokio::time::sleep(StdDuration::from_millis(1500)).await;
    let mut server = EmbeddedPostgres::start(support::db::embedded_options(&dir))
        .await
        .unwrap();
    let input = AddPromise {
        relation: "GGD".into(),
        what: "Rapport".into(),
        due: "10:30".into(),
        ..AddPromise::default()
    };
    promise::add(&env, &request(ALICE, "alice"), input).await.unwrap();
    clock.set(amsterdam(2026, 11, 23, 10, 30));
    let mut waited = 0;
    while notifier.posted().is_empty() && waited < 300 {
        tokio::time::sleep(StdDuration::from_millis(50)).await;
        waited += 1;
    }

    assert_eq!(notifier.posted().len(), 1, "the restarted scheduler delivered it");
    tokio::time::timeout(StdDuration::from_secs(10), running.stop())
        .await
        .expect("stops in time");
    pool.close().await;
    server.stop().await.unwrap();
    let _ = std::fs::remove_dir_all(&dir);
}
