//! Scenario 1: SIGKILL in the middle of a burst of `/contact log` commands. Every command
//! that was answered "logged" must be in the database; some stored without an answer are
//! fine (the person saw "interaction failed" and may try again). A restarted baton answers
//! the rest of the burst.

use std::collections::HashSet;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::bail;

use crate::discord::{Opt, StandIn};
use crate::harness::{Baton, Launch};
use crate::report::Row;
use crate::world::{self, Server, CALLER, FIRST_CHANNEL, GUILD};

const TOTAL: usize = 1_000;
const IN_FLIGHT: usize = 32;
/// Answered commands before the kill: well into the burst, with plenty still to come.
const KILL_AFTER: usize = 400;
const RELATIONS: usize = 10;
/// Discord forgets an interaction not acknowledged within 3 s; the stand-in too.
const CALLBACK_WITHIN: Duration = Duration::from_secs(4);
/// A deferred answer may take longer; baton defers after 2 s of work.
const EDIT_WITHIN: Duration = Duration::from_secs(20);

/// How a command was answered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Answer {
    /// "📝 Contact with … logged".
    Saved,
    /// Any other answer, e.g. the database being away: its text.
    Refused(String),
    /// No acknowledgement within Discord's window.
    Unanswered,
}

/// Sends `/contact log` as the bench's colleague and waits for the answer: what it said and
/// how long after sending it came.
pub async fn log_contact(standin: &StandIn, relation: &str, summary: &str) -> (Answer, Duration) {
    let caller = standin.caller(Some(GUILD), FIRST_CHANNEL, CALLER).locale("en-US");
    let payload = standin.slash(
        &caller,
        "contact",
        &[Opt::Sub(
            "log",
            vec![Opt::Str("relation", relation), Opt::Str("summary", summary)],
        )],
    );
    let handle = standin.send_interaction(payload);
    let Some(callback) = handle.callback(CALLBACK_WITHIN).await else {
        return (Answer::Unanswered, handle.sent_at().elapsed());
    };
    if callback["type"] != 5 {
        let text = callback["data"]["content"].as_str().unwrap_or_default();
        let after = handle.callback_latency().unwrap_or_default();
        return (classify(text), after);
    }
    // Deferred: a success edits the answer in place, a failure replaces it with a private
    // follow-up.
    let text = tokio::select! {
        original = handle.original(EDIT_WITHIN) => original.map(|m| m["content"].clone()),
        followups = handle.wait_followups(1, EDIT_WITHIN) => followups.first().map(|m| m["content"].clone()),
    };
    let after = handle.sent_at().elapsed();
    match text {
        Some(text) => (classify(text.as_str().unwrap_or_default()), after),
        None => (Answer::Unanswered, after),
    }
}

fn classify(text: &str) -> Answer {
    if text.starts_with("📝") {
        Answer::Saved
    } else {
        Answer::Refused(text.to_string())
    }
}

fn relation(i: usize) -> String {
    format!("Burst relatie {}", i % RELATIONS)
}

fn summary(i: usize) -> String {
    numbered("burst", i)
}

/// The summary of command `i` of a burst called `label`: unique, so it can be found.
pub fn numbered(label: &str, i: usize) -> String {
    format!("{label} {i:04}")
}

/// Logs one contact with each relation a burst uses, so that the burst logs contacts rather
/// than racing to create ten relations.
pub async fn warm_up(standin: &StandIn) -> anyhow::Result<()> {
    for r in 0..RELATIONS {
        let (answer, _) = log_contact(standin, &relation(r), &format!("warm-up {r}")).await;
        if answer != Answer::Saved {
            bail!("warm-up command {r} was not saved: {answer:?}");
        }
    }
    Ok(())
}

/// Sends the commands numbered `todo` (summaries from `label`) with `in_flight` at a time
/// until `stop` is set; returns each sent one's answer.
pub async fn burst(
    standin: &Arc<StandIn>,
    todo: Vec<usize>,
    label: &'static str,
    in_flight: usize,
    stop: &Arc<AtomicBool>,
    saved: &Arc<AtomicUsize>,
) -> anyhow::Result<Vec<(usize, Answer)>> {
    let todo = Arc::new(todo);
    let next = Arc::new(AtomicUsize::new(0));
    let answers = Arc::new(Mutex::new(Vec::new()));
    let mut workers = tokio::task::JoinSet::new();
    for _ in 0..in_flight {
        let (standin, todo, next, answers) = (standin.clone(), todo.clone(), next.clone(), answers.clone());
        let (stop, saved) = (stop.clone(), saved.clone());
        workers.spawn(async move {
            while !stop.load(Ordering::SeqCst) {
                let Some(&i) = todo.get(next.fetch_add(1, Ordering::SeqCst)) else {
                    break;
                };
                let (answer, _) = log_contact(&standin, &relation(i), &numbered(label, i)).await;
                if answer == Answer::Saved {
                    saved.fetch_add(1, Ordering::SeqCst);
                }
                answers
                    .lock()
                    .unwrap_or_else(|p| p.into_inner())
                    .push((i, answer));
            }
        });
    }
    while let Some(done) = workers.join_next().await {
        done?;
    }
    let answers = std::mem::take(&mut *answers.lock().unwrap_or_else(|p| p.into_inner()));
    Ok(answers)
}

async fn stored(db: &world::Database) -> sqlx::Result<(HashSet<String>, i64)> {
    let rows: Vec<(String, i64)> = sqlx::query_as(
        "SELECT summary, count(*) FROM contacts WHERE summary LIKE 'burst %' GROUP BY summary",
    )
    .fetch_all(&db.pool)
    .await?;
    let twice = rows.iter().filter(|(_, n)| *n > 1).count() as i64;
    Ok((rows.into_iter().map(|(s, _)| s).collect(), twice))
}

pub async fn kill_during_burst(server: &Server, launch: Launch) -> anyhow::Result<Row> {
    let db = server.database("faults_burst").await?;
    let standin = Arc::new(world::standin(1).await);
    let launch = Launch {
        api_base: standin.api_base(),
        database_url: db.url.clone(),
        ..launch
    };
    let mut first = Baton::spawn("s1-burst-first", &launch)?;
    first.ready(&standin).await?;
    warm_up(&standin).await?;

    let stop = Arc::new(AtomicBool::new(false));
    let saved = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let sending = tokio::spawn({
        let (standin, stop, saved) = (standin.clone(), stop.clone(), saved.clone());
        async move { burst(&standin, (0..TOTAL).collect(), "burst", IN_FLIGHT, &stop, &saved).await }
    });
    // Polled often: a fast build answers a few hundred commands per second.
    let deadline = Instant::now() + Duration::from_secs(120);
    while saved.load(Ordering::SeqCst) < KILL_AFTER && Instant::now() < deadline && !sending.is_finished() {
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
    let answered_at_kill = saved.load(Ordering::SeqCst);
    first.kill().await?;
    stop.store(true, Ordering::SeqCst);
    let killed_at = started.elapsed();
    let answers = sending.await??;
    if answered_at_kill < KILL_AFTER {
        bail!(
            "only {answered_at_kill} commands were answered (within 120 s, or before the burst ended), short of the {KILL_AFTER} to kill after; see {}",
            first.log.display()
        );
    }
    // A COMMIT the killed process had sent may still be finishing in its server backend.
    tokio::time::sleep(Duration::from_secs(1)).await;

    let acknowledged: HashSet<String> = answers
        .iter()
        .filter(|(_, a)| *a == Answer::Saved)
        .map(|(i, _)| summary(*i))
        .collect();
    let refused = answers
        .iter()
        .filter(|(_, a)| matches!(a, Answer::Refused(_)))
        .count();
    let (kept, twice) = stored(&db).await?;
    let lost = acknowledged.difference(&kept).count();
    let unacknowledged = kept.difference(&acknowledged).count();

    // A new process takes over and answers the rest of the burst.
    let mut second = Baton::spawn("s1-burst-second", &launch)?;
    let ready_in = second.ready(&standin).await?;
    let sent: HashSet<usize> = answers.iter().map(|(i, _)| *i).collect();
    let rest: Vec<usize> = (0..TOTAL).filter(|i| !sent.contains(i)).collect();
    let after = burst(
        &standin,
        rest.clone(),
        "burst",
        IN_FLIGHT,
        &Arc::new(AtomicBool::new(false)),
        &Arc::new(AtomicUsize::new(0)),
    )
    .await?;
    let (kept_after, twice_after) = stored(&db).await?;
    let answered_after = after.iter().filter(|(_, a)| *a == Answer::Saved).count();
    let stored_after = rest.iter().filter(|i| kept_after.contains(&summary(**i))).count();
    let (status, _) = second.terminate(Duration::from_secs(30)).await?;
    let panics = first.panics() + second.panics();
    server.drop_database(db).await?;

    let pass = lost == 0
        && twice_after == 0
        && answered_after == rest.len()
        && stored_after == rest.len()
        && status.success()
        && panics == 0;
    Ok(Row {
        scenario: "1. SIGKILL during a burst of 1,000 `/contact log`".to_string(),
        done: format!(
            "{IN_FLIGHT} in flight; SIGKILL {:.1} s in, after {answered_at_kill} answers; restarted; rest of the burst sent to the new process",
            killed_at.as_secs_f64()
        ),
        result: format!(
            "before the kill: {} sent, {} answered \"logged\", {} stored; **lost {lost}** (answered, not stored); \
             {unacknowledged} stored without an answer; {refused} refused; {twice} stored twice. \
             Restarted process ready in {:.1} s, answered {answered_after}/{} of the rest, {stored_after} stored; \
             panics {panics}; SIGTERM exit {}",
            answers.len(),
            acknowledged.len(),
            kept.len(),
            ready_in.as_secs_f64(),
            rest.len(),
            status.code().map_or("signal".to_string(), |c| c.to_string()),
        ),
        pass,
    })
}
