//! Scenario 5: PostgreSQL stops under a running baton and starts again, twice. Commands
//! during the outage must get a clear "nothing was saved" within Discord's three seconds;
//! afterwards commands are saved again without restarting baton, and reminders that fell
//! due during either outage are delivered once.

use std::collections::HashSet;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::bail;

use crate::commands::{burst, log_contact, numbered, warm_up, Answer};
use crate::discord::StandIn;
use crate::harness::{wait_for, Baton, Launch};
use crate::report::Row;
use crate::world::{self, delivery_states, Server, Tally, GUILD};

const PROMISES: i64 = 60;
/// Promises falling due during the first outage; the rest during the second.
const HALF: i64 = 30;
const CHANNELS: i64 = 6;
const DURING: usize = 5;
/// Discord's window for the first answer.
const WINDOW: Duration = Duration::from_secs(3);
const RELATION: &str = "Storing relatie";

pub async fn postgres_restart(server: &mut Server, launch: &Launch) -> anyhow::Result<Row> {
    let mut db = server.database("faults_outage").await?;
    // Due tomorrow for now; made due during the outage below.
    world::seed(
        &db.pool,
        PROMISES,
        CHANNELS,
        chrono::Utc::now() + chrono::Duration::days(1),
    )
    .await?;
    let standin = Arc::new(world::standin(CHANNELS).await);
    let launch = Launch {
        api_base: standin.api_base(),
        database_url: db.url.clone(),
        ..launch.clone()
    };
    let mut baton = Baton::spawn("s5-outage", &launch)?;
    baton.ready(&standin).await?;
    let (first, _) = log_contact(&standin, RELATION, "before the outage").await;
    if first != Answer::Saved {
        bail!("the command before the outage was not saved: {first:?}");
    }
    warm_up(&standin).await?;

    // Commands keep coming while the server goes down: each answer must match what is
    // stored, above all no "logged" for something that is not.
    let (stop, saved) = (Arc::new(AtomicBool::new(false)), Arc::new(AtomicUsize::new(0)));
    let crossing = tokio::spawn({
        let (standin, stop, saved) = (standin.clone(), stop.clone(), saved.clone());
        async move { burst(&standin, (0..10_000).collect(), "crossing", 8, &stop, &saved).await }
    });
    tokio::time::sleep(Duration::from_millis(500)).await;
    // Half the promises fall due 3 s from now, when the server will be down.
    let due = make_due(&db, 1..=HALF, 3).await?;
    db.pool.close().await;
    server.stop().await?;
    let down = Instant::now();
    stop.store(true, Ordering::SeqCst);
    let crossing = crossing.await??;
    let mut during = Vec::new();
    for k in 0..DURING {
        let asked = Instant::now();
        during.push(log_contact(&standin, RELATION, &format!("during the outage {k}")).await);
        tokio::time::sleep(Duration::from_secs(1).saturating_sub(asked.elapsed())).await;
    }
    while chrono::Utc::now() < due + chrono::Duration::seconds(1) {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    server.start_again().await?;
    let up = Instant::now();
    let outage = up - down;

    // Saved again, by the same process.
    let mut tries = 0;
    let saved_again = wait_for_saved(&standin, &mut tries).await?;
    let mut after = Vec::new();
    for k in 0..DURING {
        after.push(
            log_contact(&standin, RELATION, &format!("after the outage {k}"))
                .await
                .0,
        );
    }
    server.reconnect(&mut db).await?;
    let delivered = all_delivered(&standin, HALF, up).await?;

    // A second, short outage once baton has recovered: what falls due during it must not
    // wait out a restart pause the first outage grew.
    let due = make_due(&db, HALF + 1..=PROMISES, 2).await?;
    db.pool.close().await;
    server.stop().await?;
    let down_again = Instant::now();
    while chrono::Utc::now() < due + chrono::Duration::seconds(1) {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    server.start_again().await?;
    let up_again = Instant::now();
    server.reconnect(&mut db).await?;
    let delivered_again = all_delivered(&standin, PROMISES, up_again).await?;
    // Time for a duplicate to show, should one be on its way.
    tokio::time::sleep(Duration::from_secs(2)).await;
    let tally = Tally::of(&standin, CHANNELS);
    let states = delivery_states(&db.pool).await?;
    let stored_during: i64 =
        sqlx::query_scalar("SELECT count(*) FROM contacts WHERE summary LIKE 'during the outage%'")
            .fetch_one(&db.pool)
            .await?;
    let stored_after: i64 =
        sqlx::query_scalar("SELECT count(*) FROM contacts WHERE summary LIKE 'after the outage%'")
            .fetch_one(&db.pool)
            .await?;
    let crossed: HashSet<String> =
        sqlx::query_scalar("SELECT summary FROM contacts WHERE summary LIKE 'crossing %'")
            .fetch_all(&db.pool)
            .await?
            .into_iter()
            .collect();
    let (status, _) = baton.terminate(Duration::from_secs(60)).await?;
    let panics = baton.panics();
    server.drop_database(db).await?;

    let stored = |i: &usize| crossed.contains(&numbered("crossing", *i));
    let crossing_saved = crossing.iter().filter(|(_, a)| *a == Answer::Saved).count();
    let saved_not_stored = crossing
        .iter()
        .filter(|(i, a)| *a == Answer::Saved && !stored(i))
        .count();
    let refused_but_stored = crossing
        .iter()
        .filter(|(i, a)| *a != Answer::Saved && stored(i))
        .count();

    let not_saved = during
        .iter()
        .filter(|(a, _)| matches!(a, Answer::Refused(text) if text.contains("nothing was saved")))
        .count();
    let slowest = during.iter().map(|(_, t)| *t).max().unwrap_or_default();
    let wrongly_saved = during.iter().filter(|(a, _)| *a == Answer::Saved).count();
    let after_saved = after.iter().filter(|a| **a == Answer::Saved).count();
    let (lost, duplicated) = (tally.lost(PROMISES), tally.duplicated());
    let pass = saved_not_stored == 0
        && not_saved == DURING
        && slowest < WINDOW
        && stored_during == 0
        && after_saved == DURING
        && stored_after == DURING as i64
        && lost == 0
        && duplicated == 0
        && status.success()
        && panics == 0;
    Ok(Row {
        scenario: "5. PostgreSQL restarted under a running baton".to_string(),
        done: format!(
            "server stopped for {:.1} s with commands in flight; {DURING} `/contact log` during the outage; \
             {HALF} promises over {CHANNELS} channels fell due during it; then stopped again for {:.1} s with {} more falling due",
            outage.as_secs_f64(),
            (up_again - down_again).as_secs_f64(),
            PROMISES - HALF
        ),
        result: format!(
            "across the stop: {} sent, {crossing_saved} answered \"logged\", **{saved_not_stored} of them not stored**, \
             {refused_but_stored} stored without a \"logged\"; \
             during: {not_saved}/{DURING} answered \"nothing was saved\", slowest in {} ms, {wrongly_saved} said saved, {stored_during} stored; \
             after: first saved {:.1} s after the server was back ({tries} tries), then {after_saved}/{DURING} saved and {stored_after} stored, same process; \
             reminders: {}/{PROMISES} delivered, {:.1} s and {:.1} s after the server was back, \
             **lost {lost}, duplicated {duplicated}**, deliveries: {states}; panics {panics}",
            crossing.len(),
            slowest.as_millis(),
            saved_again.as_secs_f64(),
            tally.delivered(),
            delivered.as_secs_f64(),
            delivered_again.as_secs_f64(),
        ),
        pass,
    })
}

/// Makes promises `refs` fall due `seconds` from now; when that is.
async fn make_due(
    db: &world::Database,
    refs: std::ops::RangeInclusive<i64>,
    seconds: i64,
) -> sqlx::Result<chrono::DateTime<chrono::Utc>> {
    let due = chrono::Utc::now() + chrono::Duration::seconds(seconds);
    sqlx::query(
        "UPDATE commitments SET due_at = $1, next_nudge_at = $1 WHERE guild_id = $2 AND ref BETWEEN $3 AND $4",
    )
    .bind(due)
    .bind(GUILD as i64)
    .bind(*refs.start() as i32)
    .bind(*refs.end() as i32)
    .execute(&db.pool)
    .await?;
    Ok(due)
}

/// Waits until promises 1..=`n` have been delivered; how long after `since`.
async fn all_delivered(standin: &StandIn, n: i64, since: Instant) -> anyhow::Result<Duration> {
    wait_for(
        &format!("promises 1 to {n} to be delivered"),
        Duration::from_secs(150),
        || {
            let tally = Tally::of(standin, CHANNELS);
            let missing = tally.lost(n);
            if missing == 0 {
                Ok(since.elapsed())
            } else {
                Err(format!("{missing} of them not yet"))
            }
        },
    )
    .await
}

/// Sends `/contact log` every quarter second until one is saved; how long that took.
async fn wait_for_saved(standin: &StandIn, tries: &mut usize) -> anyhow::Result<Duration> {
    let since = Instant::now();
    while since.elapsed() < Duration::from_secs(60) {
        *tries += 1;
        let (answer, _) = log_contact(standin, RELATION, &format!("reconnect try {tries}")).await;
        if answer == Answer::Saved {
            return Ok(since.elapsed());
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    bail!("timed out after 60 s waiting for a command to be saved after the restart ({tries} tries)")
}
