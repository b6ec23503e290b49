//! The delivery engine. It wakes at the next due time (or when PostgreSQL says something
//! changed), plans the nudges and digests that are due, records them in the outbox, and
//! sends them through a `Notifier`. Every step is claimed in PostgreSQL, so several
//! instances on one database share the work and a crash at any point leaves it to be done
//! again, once.

pub mod digest;
pub mod notifier;
pub mod plan;
pub mod returns;
pub mod send;

use std::sync::Arc;
use std::time::Duration as StdDuration;

use chrono::{DateTime, Duration, Utc};
use sqlx::postgres::PgListener;
use sqlx::PgPool;
use tokio::sync::{watch, Mutex};

use crate::clock::Clock;
use crate::core::GuildSettings;
use crate::store::{deliveries, nudges};

pub use crate::store::Scope;
pub use notifier::{Notifier, Outgoing, SendError, Shown};
pub use send::Sent;

/// The channel schedulers listen on.
const CHANNEL: &str = "baton_schedule";
/// However quiet it is, look again this often: a lost notification costs at most this.
const LONGEST_SLEEP: Duration = Duration::minutes(5);

#[derive(Clone, Copy, Debug)]
pub struct Options {
    /// Commitments planned per transaction.
    pub plan_batch: i64,
    /// Deliveries claimed per round.
    pub send_batch: i64,
    /// Nudges in one message at most: three buttons each must fit Discord's 25.
    pub per_message: usize,
    /// How long a claimed delivery is an instance's to send.
    pub lease: Duration,
    /// Tries before a delivery is marked failed.
    pub max_attempts: i32,
    /// Sends in flight at once.
    pub concurrency: usize,
    /// Messages per second towards Discord, across all channels.
    pub sends_per_second: u32,
    /// The guilds this scheduler serves.
    pub scope: Scope,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            plan_batch: 1000,
            send_batch: 200,
            per_message: 8,
            lease: Duration::seconds(30),
            max_attempts: crate::domain::schedule::FAILED_AFTER,
            concurrency: 16,
            sends_per_second: 40,
            scope: Scope::All,
        }
    }
}

pub struct Scheduler {
    pool: PgPool,
    clock: Arc<dyn Clock>,
    defaults: GuildSettings,
    notifier: Arc<dyn Notifier>,
    options: Options,
    pacer: Pacer,
    /// When the next digest is due, as the last tick found.
    next_digest: std::sync::Mutex<Option<DateTime<Utc>>>,
    /// Ticks `run` completed: the supervisor tells a recovered scheduler from one that keeps
    /// failing by it.
    ticks: std::sync::atomic::AtomicU64,
}

/// What one tick did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    pub nudges: usize,
    pub digests: usize,
    /// Summaries of ended absences recorded.
    pub returns: usize,
    pub sent: Vec<Sent>,
}

impl Scheduler {
    pub fn new(
        pool: PgPool,
        clock: Arc<dyn Clock>,
        defaults: GuildSettings,
        notifier: Arc<dyn Notifier>,
        options: Options,
    ) -> Arc<Scheduler> {
        Arc::new(Scheduler {
            pool,
            clock,
            defaults,
            notifier,
            pacer: Pacer::new(options.sends_per_second),
            options,
            next_digest: std::sync::Mutex::new(None),
            ticks: std::sync::atomic::AtomicU64::new(0),
        })
    }

    /// Plans and sends everything due now. Tests drive the scheduler with this directly.
    pub async fn tick(self: &Arc<Self>) -> sqlx::Result<Report> {
        self.tick_until(&watch::channel(false).1).await
    }

    async fn tick_until(self: &Arc<Self>, stop: &watch::Receiver<bool>) -> sqlx::Result<Report> {
        let mut report = Report::default();
        loop {
            let now = self.clock.now();
            let (planned, more) = plan::plan_batch(self, now).await?;
            report.nudges += planned;
            if !more || *stop.borrow() {
                break;
            }
        }
        let (digests, next_digest) = digest::plan(self, self.clock.now()).await?;
        report.digests = digests;
        report.returns = returns::plan(self, self.clock.now()).await?;
        *self
            .next_digest
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = next_digest;
        loop {
            let (sent, more) = send::send_batch(self, self.clock.now()).await?;
            report.sent.extend(sent);
            // Stopping waits for the sends under way, never cuts one in half.
            if !more || *stop.borrow() {
                break;
            }
        }
        Ok(report)
    }

    /// When something next becomes due: a nudge, a delivery to (re)try, or a digest.
    pub async fn next_wake(&self) -> sqlx::Result<DateTime<Utc>> {
        let now = self.clock.now();
        let mut conn = self.pool.acquire().await?;
        let nudge = nudges::next_due(&mut conn, self.options.scope).await?;
        let delivery = deliveries::next_due(&mut conn, self.options.scope).await?;
        let back = crate::store::away::next_end(&mut conn, self.options.scope, now).await?;
        drop(conn);
        let digest = *self
            .next_digest
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let wake = [nudge, delivery, digest, back]
            .into_iter()
            .flatten()
            .min()
            .unwrap_or(now + LONGEST_SLEEP);
        Ok(wake.min(now + LONGEST_SLEEP).max(now))
    }

    /// Ticks, then sleeps until the next due time or a notification, until `stop` turns
    /// true.
    pub async fn run(self: Arc<Self>, mut stop: watch::Receiver<bool>) -> Result<(), sqlx::Error> {
        let mut listener = PgListener::connect_with(&self.pool).await?;
        listener.listen(CHANNEL).await?;
        while !*stop.borrow() {
            let report = self.tick_until(&stop).await?;
            self.ticks.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            if report.nudges + report.digests + report.sent.len() > 0 {
                tracing::debug!(
                    nudges = report.nudges,
                    digests = report.digests,
                    sent = report.sent.len(),
                    "tick"
                );
            }
            let wake = self.next_wake().await?;
            tokio::select! {
                () = self.clock.sleep_until(wake) => {}
                notified = listener.recv() => { notified?; }
                _ = stop.changed() => {}
            }
        }
        Ok(())
    }
}

/// A running scheduler, restarted when it fails.
pub struct Supervised {
    stop: watch::Sender<bool>,
    task: tokio::task::JoinHandle<()>,
}

/// Runs the scheduler under supervision: a failure or panic is logged and the scheduler
/// restarted after a pause that grows while it keeps failing.
pub fn supervise(scheduler: Arc<Scheduler>) -> Supervised {
    const FIRST_PAUSE: StdDuration = StdDuration::from_secs(1);
    let (stop, stopped) = watch::channel(false);
    let task = tokio::spawn(async move {
        let mut pause = FIRST_PAUSE;
        loop {
            let ticks = scheduler.ticks.load(std::sync::atomic::Ordering::Relaxed);
            let run = tokio::spawn(Arc::clone(&scheduler).run(stopped.clone()));
            match run.await {
                Ok(Ok(())) => return,
                Ok(Err(err)) => tracing::error!(error = %err, "reminder scheduler failed; restarting"),
                Err(err) => tracing::error!(error = %err, "reminder scheduler panicked; restarting"),
            }
            // A run that completed a tick had recovered: this failure is a new one, and must
            // not wait out the pause an earlier outage grew to.
            if scheduler.ticks.load(std::sync::atomic::Ordering::Relaxed) != ticks {
                pause = FIRST_PAUSE;
            }
            let mut stopped = stopped.clone();
            tokio::select! {
                () = tokio::time::sleep(pause) => {}
                _ = stopped.changed() => return,
            }
            if *stopped.borrow() {
                return;
            }
            pause = (pause * 2).min(StdDuration::from_secs(60));
        }
    });
    Supervised { stop, task }
}

impl Supervised {
    /// Stops after the sends under way have finished.
    pub async fn stop(self) {
        let _receivers_gone = self.stop.send(true);
        if let Err(err) = self.task.await {
            tracing::warn!(error = %err, "reminder scheduler did not stop cleanly");
        }
    }
}

/// Spaces sends so baton stays under Discord's rate limits, and holds all of them when
/// Discord says to wait.
struct Pacer {
    interval: StdDuration,
    next: Mutex<tokio::time::Instant>,
}

impl Pacer {
    fn new(per_second: u32) -> Pacer {
        Pacer {
            interval: StdDuration::from_secs(1) / per_second.max(1),
            next: Mutex::new(tokio::time::Instant::now()),
        }
    }

    async fn wait(&self) {
        let at = {
            let mut next = self.next.lock().await;
            let at = (*next).max(tokio::time::Instant::now());
            *next = at + self.interval;
            at
        };
        tokio::time::sleep_until(at).await;
    }

    async fn hold(&self, wait: StdDuration) {
        let mut next = self.next.lock().await;
        *next = (*next).max(tokio::time::Instant::now() + wait);
    }

    /// Waits while Discord has said to hold all sends.
    async fn until_free(&self) {
        let next = *self.next.lock().await;
        tokio::time::sleep_until(next).await;
    }

    /// How many sends fit in `span` at this pace.
    fn within(&self, span: Duration) -> i64 {
        let span = span.to_std().unwrap_or_default();
        i64::try_from(span.as_nanos() / self.interval.as_nanos().max(1)).unwrap_or(i64::MAX)
    }
}
