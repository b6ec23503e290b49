//! A commitment's whole life through the delivery engine: after every change the clock
//! moves and the scheduler runs. Each test here is a defect that was seen: moving after a
//! reminder, one broken item stopping everyone's, a lease taken over, a message composed
//! from stale rows, a panicking send, `told` without checks, a reply read after its commit.

mod support;

use std::sync::Arc;
use std::time::Duration as StdDuration;

use baton::clock::{Clock, ShiftedClock};
use baton::core::promise::{self, AddPromise};
use baton::core::{listing, Body, CommandError, Request, UserError};
use baton::domain::{ChannelId, GuildId};
use baton::reminders::{Options, Scheduler, SendError};
use baton::store::deliveries::{self, DeliveryKind, FailedAbout, Target, Unsent};
use chrono::Duration;
use support::engine::{
    amsterdam, delivery_states, nudges_only, promise_for, refs, scheduler, scheduler_with_options, ALICE, BOB,
};
use support::notifier::Recording;
use support::{request, World, CHANNEL};

const OTHER_GUILD: GuildId = GuildId(700_000_000_000_000_101);
const OTHER_CHANNEL: ChannelId = ChannelId(700_000_000_000_000_102);

fn in_other_guild(mut req: Request) -> Request {
    req.guild = OTHER_GUILD;
    req.channel = Some(OTHER_CHANNEL);
    req
}

fn in_channel(mut req: Request, channel: i64) -> Request {
    req.channel = Some(ChannelId(channel));
    req
}

fn admin() -> Request {
    let mut admin = request(99, "admin");
    admin.actor.admin = true;
    admin
}

async fn add(world: &World, req: &Request, relation: &str, what: &str, due: &str) {
    let input = AddPromise {
        relation: relation.into(),
        what: what.into(),
        due: due.into(),
        ..AddPromise::default()
    };
    promise::add(&world.env, req, input).await.unwrap();
}

/// P-1 "Rapport sturen" in the test channel and P-2 `second` in channel 5, both due at
/// noon: two messages.
async fn due_at_noon_in_two_channels(world: &World, second: &str) {
    let alice = request(ALICE, "alice");
    add(world, &alice, "GGD", "Rapport sturen", "vandaag 12:00").await;
    add(world, &in_channel(alice, 5), "GGD", second, "vandaag 12:00").await;
}

fn texts(notifier: &Recording) -> Vec<String> {
    notifier.posted().into_iter().map(|m| m.text).collect()
}

#[tokio::test]
async fn a_promise_moved_after_its_reminder_is_reminded_again_at_its_new_time_and_the_others_still_are() {
    let world = World::new().await;
    let notifier = Arc::new(Recording::default());
    let scheduler = scheduler(&world, notifier.clone());
    let alice = request(ALICE, "alice");
    world.clock.set(amsterdam(2026, 11, 23, 9, 0));
    add(&world, &alice, "GGD", "Rapport sturen", "over 1 uur").await;
    world.clock.advance(Duration::hours(2));
    scheduler.tick().await.unwrap();
    assert_eq!(refs(&notifier.posted()), ["P-1"], "reminder 1 for P-1");

    promise::move_due(&world.env, &alice, "P-1", "over 3 uur", "wacht op cijfers")
        .await
        .unwrap();
    world.clock.advance(Duration::hours(2));
    let before_new_date = scheduler.tick().await.unwrap();
    world.clock.advance(Duration::hours(2));
    let after_new_date = scheduler.tick().await.unwrap();
    add(&world, &alice, "Zorgkantoor", "Offerte", "over 1 uur").await;
    world.clock.advance(Duration::minutes(61));
    let p2_due = scheduler.tick().await.unwrap();

    assert_eq!(before_new_date.nudges, 0, "not overdue before its new date");
    assert_eq!(after_new_date.nudges, 1, "reminded again at its new time");
    assert_eq!(p2_due.nudges, 1, "P-2 gets its own reminder");
    assert_eq!(refs(&notifier.posted()), ["P-1", "P-1", "P-2"]);
    let texts = texts(&notifier);
    assert!(texts[1].contains("Reminder 1."), "a new series: {}", texts[1]);
    let series: Vec<(i32, i32)> =
        sqlx::query_as("SELECT series, number FROM nudges ORDER BY created_at, subject_id")
            .fetch_all(&world.db.pool)
            .await
            .unwrap();
    assert_eq!(series, [(1, 1), (2, 1), (1, 1)]);
}

#[tokio::test]
async fn a_reminder_still_waiting_for_the_old_date_is_dropped_when_the_promise_moves() {
    let world = World::new().await;
    promise_for(&world, BOB, "Offerte sturen", "vandaag 12:00").await;
    let notifier = Arc::new(Recording::default());
    notifier.fail_with([SendError::Transient("502 Bad Gateway".into())]);
    let scheduler = scheduler(&world, notifier.clone());
    world.clock.set(amsterdam(2026, 11, 23, 12, 0));
    scheduler.tick().await.unwrap();

    promise::move_due(
        &world.env,
        &request(BOB, "bob"),
        "P-1",
        "morgen 16:00",
        "wacht op de directeur",
    )
    .await
    .unwrap();
    world.clock.advance(Duration::minutes(5));
    scheduler.tick().await.unwrap();

    assert!(notifier.posted().is_empty(), "never posted as overdue: it is not");
    assert_eq!(delivery_states(&world).await[0].0, "dropped");
    world.clock.set(amsterdam(2026, 11, 24, 16, 0));
    scheduler.tick().await.unwrap();
    assert_eq!(refs(&notifier.posted()), ["P-1"], "and reminded at its new date");
}

/// A trigger that refuses to record a nudge for one commitment: a broken row.
async fn break_nudges_of(world: &World, reference: i32) {
    let id: i64 =
        sqlx::query_scalar("SELECT commitment_id FROM commitments WHERE guild_id = $1 AND ref = $2")
            .bind(support::GUILD.0)
            .bind(reference)
            .fetch_one(&world.db.pool)
            .await
            .unwrap();
    let function = format!(
        "CREATE FUNCTION refuse_nudge() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN
             IF NEW.subject_id = {id} THEN RAISE EXCEPTION 'this row is broken'; END IF;
             RETURN NEW;
         END $$"
    );
    sqlx::query(&function).execute(&world.db.pool).await.unwrap();
    sqlx::query("CREATE TRIGGER refuse BEFORE INSERT ON nudges FOR EACH ROW EXECUTE FUNCTION refuse_nudge()")
        .execute(&world.db.pool)
        .await
        .unwrap();
}

#[tokio::test]
async fn a_commitment_whose_reminder_cannot_be_recorded_stops_nobody_else_and_ends_visibly_failed() {
    let world = World::new().await;
    let alice = request(ALICE, "alice");
    for i in 1..=6 {
        add(&world, &alice, "GGD", &format!("item {i}"), "vandaag 12:00").await;
    }
    let elsewhere = in_other_guild(request(BOB, "bob"));
    add(&world, &elsewhere, "Zorgkantoor", "Offerte", "vandaag 12:00").await;
    break_nudges_of(&world, 4).await;
    let notifier = Arc::new(Recording::default());
    let scheduler = scheduler(&world, notifier.clone());

    world.clock.set(amsterdam(2026, 11, 23, 12, 0));
    let first = scheduler.tick().await;

    let report = first.expect("one broken row never fails the tick");
    assert_eq!(report.nudges, 6);
    assert_eq!(
        refs(&notifier.posted()),
        ["P-1", "P-1", "P-2", "P-3", "P-5", "P-6"]
    );
    let (attempts, error): (i32, Option<String>) =
        sqlx::query_as("SELECT plan_attempts, plan_error FROM commitments WHERE guild_id = $1 AND ref = 4")
            .bind(support::GUILD.0)
            .fetch_one(&world.db.pool)
            .await
            .unwrap();
    assert_eq!(attempts, 1);
    assert!(error.unwrap().contains("this row is broken"));

    for _ in 0..6 {
        world.clock.advance(Duration::minutes(70));
        scheduler.tick().await.expect("retries fail alone");
    }
    let ball = listing::ball(&world.env, &admin(), None).await.unwrap();
    let Body::Ball(ball) = ball.body else { panic!() };
    assert_eq!(ball.failed.len(), 1, "shown as failed to the guild's admins");
    assert!(matches!(&ball.failed[0].about, FailedAbout::Reminder { what, .. } if what == "item 4"));
    assert!(ball.failed[0]
        .error
        .as_deref()
        .unwrap()
        .contains("this row is broken"));

    sqlx::query("DROP TRIGGER refuse ON nudges")
        .execute(&world.db.pool)
        .await
        .unwrap();
    world.clock.advance(Duration::minutes(70));
    scheduler.tick().await.unwrap();
    assert!(
        refs(&notifier.posted()).contains(&"P-4".to_string()),
        "mended, it goes out"
    );
    let ball = listing::ball(&world.env, &admin(), None).await.unwrap();
    let Body::Ball(ball) = ball.body else { panic!() };
    assert!(ball.failed.is_empty());
}

#[tokio::test]
async fn a_send_that_panics_ends_failed_with_its_panic_and_the_other_messages_go_out() {
    let world = World::new().await;
    due_at_noon_in_two_channels(&world, "Broken thing").await;
    let notifier = Arc::new(Recording::default());
    *notifier.panic_on.lock().unwrap() = Some("Broken thing".into());
    // Posts in full, so the broken one can be told apart by what it is about.
    let full = baton::core::GuildSettings {
        minimal_posts: false,
        ..support::engine::nudges_only(&world)
    };
    let scheduler = support::engine::scheduler_with(&world, notifier.clone(), full);

    world.clock.set(amsterdam(2026, 11, 23, 12, 0));
    scheduler.tick().await.expect("a panic is that message's failure");
    world.clock.advance(Duration::minutes(10));
    scheduler.tick().await.unwrap();

    assert_eq!(refs(&notifier.posted()), ["P-1"]);
    let rows: Vec<(String, Option<String>)> =
        sqlx::query_as("SELECT state, last_error FROM deliveries WHERE channel_id = 5")
            .fetch_all(&world.db.pool)
            .await
            .unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].0, "failed", "not pending forever");
    assert!(rows[0]
        .1
        .as_deref()
        .unwrap()
        .contains("the notifier broke on this message"));
    let ball = listing::ball(&world.env, &admin(), None).await.unwrap();
    let Body::Ball(ball) = ball.body else { panic!() };
    assert_eq!(ball.failed.len(), 1);
}

#[tokio::test]
async fn only_the_instance_holding_a_lease_can_finish_the_delivery() {
    let world = World::new().await;
    let now = amsterdam(2026, 11, 23, 12, 0);
    let mut conn = world.db.pool.acquire().await.unwrap();
    sqlx::query("INSERT INTO guilds (guild_id, created_at) VALUES ($1, $2)")
        .bind(support::GUILD.0)
        .bind(now)
        .execute(&mut *conn)
        .await
        .unwrap();
    let ids = deliveries::allocate(&mut conn, 1).await.unwrap();
    let target = Target::Channel(CHANNEL);
    deliveries::insert(
        &mut conn,
        &[support::GUILD],
        &ids,
        &[target],
        DeliveryKind::Nudge,
        now,
    )
    .await
    .unwrap();
    let lease = Duration::seconds(30);
    let all = baton::store::Scope::All;

    let first = deliveries::claim(&mut conn, now, lease, 10, all).await.unwrap();
    let while_held = deliveries::claim(&mut conn, now + Duration::seconds(10), lease, 10, all)
        .await
        .unwrap();
    let second = deliveries::claim(&mut conn, now + Duration::seconds(31), lease, 10, all)
        .await
        .unwrap();
    let late = &first[0];
    let current = &second[0];

    assert!(while_held.is_empty());
    assert!(!deliveries::renew(&mut conn, late, now + Duration::seconds(60))
        .await
        .unwrap());
    assert!(!deliveries::sent(&mut conn, late, 1, now).await.unwrap());
    assert!(
        !deliveries::finish_unsent(&mut conn, late, Unsent::Failed, Some("late"))
            .await
            .unwrap()
    );
    assert!(deliveries::sent(&mut conn, current, 2, now).await.unwrap());
    assert!(!deliveries::retry_at(&mut conn, late, now, "late", true)
        .await
        .unwrap());
    let (state, message, error): (String, i64, Option<String>) =
        sqlx::query_as("SELECT state, message_id, last_error FROM deliveries")
            .fetch_one(&mut *conn)
            .await
            .unwrap();
    assert_eq!((state.as_str(), message, error), ("sent", 2, None));
}

#[tokio::test]
async fn a_message_is_composed_when_it_is_sent_not_when_it_was_claimed() {
    let world = World::new().await;
    due_at_noon_in_two_channels(&world, "Offerte").await;
    let notifier = Arc::new(Recording::default());
    let gate = notifier.gated();
    let options = Options {
        concurrency: 1,
        ..Options::default()
    };
    let defaults = nudges_only(&world);
    let scheduler = scheduler_with_options(&world, notifier.clone(), defaults, options);
    world.clock.set(amsterdam(2026, 11, 23, 12, 0));

    let ticking = tokio::spawn({
        let scheduler = scheduler.clone();
        async move { scheduler.tick().await }
    });
    for _ in 0..200 {
        if !notifier.attempted().is_empty() {
            break;
        }
        tokio::time::sleep(StdDuration::from_millis(10)).await;
    }
    promise::done(&world.env, &request(ALICE, "alice"), "P-2", None)
        .await
        .unwrap();
    gate.add_permits(10);
    ticking.await.unwrap().unwrap();

    assert_eq!(
        refs(&notifier.posted()),
        ["P-1"],
        "P-2 was done before its turn came"
    );
}

#[tokio::test]
async fn a_delivery_held_behind_a_rate_limit_past_its_lease_is_sent_once() {
    let world = World::new().await;
    due_at_noon_in_two_channels(&world, "Offerte").await;
    // Real time passes here: the rate limit holds sends for longer than the lease.
    let clock = Arc::new(ShiftedClock::default());
    clock.set(amsterdam(2026, 11, 23, 12, 0));
    let options = Options {
        concurrency: 1,
        lease: Duration::seconds(1),
        ..Options::default()
    };
    let make = |notifier: Arc<Recording>| {
        Scheduler::new(
            world.db.pool.clone(),
            clock.clone(),
            nudges_only(&world),
            notifier,
            Options {
                sends_per_second: 10_000,
                ..options
            },
        )
    };
    let (held, other) = (Arc::new(Recording::default()), Arc::new(Recording::default()));
    held.fail_with([SendError::RateLimited(StdDuration::from_millis(2500))]);
    let (first, second) = (make(held.clone()), make(other.clone()));

    let waiting = tokio::spawn(async move { first.tick().await });
    tokio::time::sleep(StdDuration::from_millis(1500)).await;
    second.tick().await.unwrap();
    waiting.await.unwrap().unwrap();
    tokio::time::sleep(StdDuration::from_millis(2600)).await;
    second.tick().await.unwrap();

    let mut all = held.posted();
    all.extend(other.posted());
    assert_eq!(refs(&all), ["P-1", "P-2"], "each once: {:?}", clock.now());
}

#[tokio::test]
async fn told_is_checked_like_the_other_changes_and_recorded_once_per_move() {
    let world = World::new().await;
    let (alice, carol) = (request(ALICE, "alice"), request(13, "carol"));
    add(&world, &alice, "GGD", "Rapport sturen", "morgen 12:00").await;

    let never_moved = promise::told(&world.env, &alice, "P-1").await;
    promise::move_due(&world.env, &alice, "P-1", "vrijdag 12:00", "wacht op cijfers")
        .await
        .unwrap();
    let someone_else = promise::told(&world.env, &carol, "P-1").await;
    let told = promise::told(&world.env, &alice, "P-1").await;
    let twice = promise::told(&world.env, &alice, "P-1").await;
    promise::move_due(&world.env, &alice, "P-1", "volgende week maandag", "ziek")
        .await
        .unwrap();
    let after_another_move = promise::told(&world.env, &admin(), "P-1").await;
    promise::done(&world.env, &alice, "P-1", None).await.unwrap();
    let closed = promise::told(&world.env, &alice, "P-1").await;

    let refused = |result: Result<_, CommandError>| match result {
        Err(CommandError::User(err)) => err,
        other => panic!("expected a refusal, got {other:?}"),
    };
    assert!(matches!(refused(never_moved), UserError::NotMoved { .. }));
    assert!(matches!(refused(someone_else), UserError::NotYours { .. }));
    assert!(told.is_ok());
    assert!(matches!(refused(twice), UserError::AlreadyTold { .. }));
    assert!(after_another_move.is_ok(), "a new date may be told again");
    assert!(matches!(refused(closed), UserError::NotOpen { .. }));
    let events: i64 = sqlx::query_scalar("SELECT count(*) FROM events WHERE action = 'commitment.told'")
        .fetch_one(&world.db.pool)
        .await
        .unwrap();
    let contacts: i64 = sqlx::query_scalar("SELECT count(*) FROM contacts")
        .fetch_one(&world.db.pool)
        .await
        .unwrap();
    assert_eq!((events, contacts), (2, 2));
}

#[tokio::test]
async fn a_command_that_fails_before_its_reply_is_read_has_changed_nothing() {
    let world = World::new().await;
    let alice = request(ALICE, "alice");
    add(&world, &alice, "GGD", "Rapport sturen", "morgen 12:00").await;
    // The names a reply needs can no longer be read: the command must not both fail and
    // have happened.
    sqlx::query("ALTER TABLE members RENAME TO members_away")
        .execute(&world.db.pool)
        .await
        .unwrap();

    let done = promise::done(&world.env, &alice, "P-1", None).await;
    let moved = promise::move_due(&world.env, &alice, "P-1", "vrijdag 12:00", "later").await;

    sqlx::query("ALTER TABLE members_away RENAME TO members")
        .execute(&world.db.pool)
        .await
        .unwrap();
    let (status, series): (String, i32) = sqlx::query_as("SELECT status, series FROM commitments")
        .fetch_one(&world.db.pool)
        .await
        .unwrap();
    assert_eq!(done.is_err(), status == "open", "done: failed means not done");
    assert_eq!(moved.is_err(), series == 1, "move: failed means not moved");
}

#[tokio::test]
async fn a_digest_that_cannot_be_delivered_shows_in_the_ball_like_a_reminder() {
    let world = World::new().await;
    promise_for(&world, BOB, "Offerte sturen", "vandaag 12:00").await;
    let notifier = Arc::new(Recording::default());
    notifier.fail_with((0..20).map(|_| SendError::Transient("503 Service Unavailable".into())));
    let scheduler = support::engine::scheduler_with(&world, notifier.clone(), world.env.defaults);
    world.clock.set(amsterdam(2026, 11, 24, 8, 45));

    for _ in 0..8 {
        scheduler.tick().await.unwrap();
        world.clock.advance(Duration::minutes(6));
    }
    let ball = listing::ball(&world.env, &request(BOB, "bob"), None)
        .await
        .unwrap();

    let Body::Ball(ball) = ball.body else { panic!() };
    assert!(
        ball.failed
            .iter()
            .any(|f| matches!(f.about, FailedAbout::Digest { .. })),
        "{:?}",
        ball.failed
    );
}

#[tokio::test]
async fn wider_working_hours_bring_a_waiting_reminder_forward_at_once() {
    let world = World::new().await;
    world.clock.set(amsterdam(2026, 11, 27, 17, 0));
    add(
        &world,
        &request(ALICE, "alice"),
        "GGD",
        "Rapport sturen",
        "vandaag 17:45",
    )
    .await;
    let notifier = Arc::new(Recording::default());
    let scheduler = scheduler(&world, notifier.clone());
    world.clock.set(amsterdam(2026, 11, 27, 18, 0));
    scheduler.tick().await.unwrap();
    assert!(notifier.posted().is_empty(), "after closing: Monday morning");

    let wider = baton::core::settings::ChangeSettings {
        working_hours: Some("ma-za 7:00-20:00".into()),
        ..Default::default()
    };
    baton::core::settings::guild(&world.env, &admin(), wider)
        .await
        .unwrap();
    scheduler.tick().await.unwrap();

    assert_eq!(refs(&notifier.posted()), ["P-1"], "open now under the new hours");
}

#[tokio::test]
async fn a_heads_up_held_up_past_the_due_time_gives_way_to_the_overdue_reminder() {
    let world = World::new().await;
    let input = AddPromise {
        relation: "GGD".into(),
        what: "Rapport sturen".into(),
        due: "vandaag 12:00".into(),
        remind_before: Some("1 uur".into()),
        ..AddPromise::default()
    };
    promise::add(&world.env, &request(ALICE, "alice"), input)
        .await
        .unwrap();
    let notifier = Arc::new(Recording::default());
    notifier.fail_with([SendError::Transient("502 Bad Gateway".into())]);
    let scheduler = scheduler(&world, notifier.clone());
    world.clock.set(amsterdam(2026, 11, 23, 11, 0));
    scheduler.tick().await.unwrap();

    world.clock.set(amsterdam(2026, 11, 23, 12, 1));
    scheduler.tick().await.unwrap();

    let shown: Vec<u32> = notifier
        .posted()
        .iter()
        .flat_map(|m| m.nudges.iter().map(|n| n.number))
        .collect();
    assert_eq!(
        shown,
        [1],
        "no heads-up after the due time, the overdue nudge instead"
    );
}
