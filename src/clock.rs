//! Where "now" comes from. Everything that decides by time takes a `Clock`, so tests move
//! time instead of sleeping and the domain never reads the system clock itself.

use std::future::Future;
use std::pin::Pin;
use std::sync::Mutex;

use chrono::{DateTime, Duration, Utc};
use tokio::sync::Notify;

pub type Sleep<'a> = Pin<Box<dyn Future<Output = ()> + Send + 'a>>;

pub trait Clock: Send + Sync {
    fn now(&self) -> DateTime<Utc>;

    /// Resolves once the clock reads `at` or later.
    fn sleep_until(&self, at: DateTime<Utc>) -> Sleep<'_>;
}

/// The wall clock, for production.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }

    fn sleep_until(&self, at: DateTime<Utc>) -> Sleep<'_> {
        let wait = (at - Utc::now()).to_std().unwrap_or_default();
        Box::pin(tokio::time::sleep(wait))
    }
}

/// A clock that only moves when told to, for tests and benchmarks.
#[derive(Debug)]
pub struct ManualClock {
    now: Mutex<DateTime<Utc>>,
    moved: Notify,
}

impl ManualClock {
    pub fn new(start: DateTime<Utc>) -> Self {
        Self {
            now: Mutex::new(start),
            moved: Notify::new(),
        }
    }

    pub fn set(&self, to: DateTime<Utc>) {
        *self.lock() = to;
        self.moved.notify_waiters();
    }

    pub fn advance(&self, by: Duration) {
        {
            let mut now = self.lock();
            *now += by;
        }
        self.moved.notify_waiters();
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, DateTime<Utc>> {
        // A poisoned clock still holds a valid instant; keep going with it.
        self.now.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl Clock for ManualClock {
    fn now(&self) -> DateTime<Utc> {
        *self.lock()
    }

    fn sleep_until(&self, at: DateTime<Utc>) -> Sleep<'_> {
        Box::pin(async move {
            loop {
                // Register before checking, so a move between the two is not missed.
                let moved = self.moved.notified();
                if self.now() >= at {
                    return;
                }
                moved.await;
            }
        })
    }
}

/// The wall clock, moved forward on request: the console's way to see tomorrow's
/// reminders without waiting for tomorrow. It can also be set to start at a chosen moment,
/// so a console session (and a test of one) reads the same times whenever it runs; it
/// still runs at the wall clock's pace from there, so reminders fire as they would.
#[derive(Debug, Default)]
pub struct ShiftedClock {
    offset: Mutex<Offset>,
    moved: Notify,
}

/// How far the clock is from the wall clock: where it was set to start, plus how far it
/// has been moved since.
#[derive(Clone, Copy, Debug, Default)]
struct Offset {
    start: Duration,
    moved: Duration,
}

impl ShiftedClock {
    /// Moves the clock by `by`, unless that takes it more than [`ShiftedClock::max_shift`]
    /// from where it started in all; says whether it moved.
    pub fn shift(&self, by: Duration) -> bool {
        {
            let mut offset = self.lock();
            match offset
                .moved
                .checked_add(&by)
                .filter(|total| total.abs() <= Self::max_shift())
            {
                Some(total) => offset.moved = total,
                None => return false,
            }
        }
        self.moved.notify_waiters();
        true
    }

    /// Makes the clock read `to` now and run on from there.
    pub fn set(&self, to: DateTime<Utc>) {
        *self.lock() = Offset {
            start: to - Utc::now(),
            moved: Duration::zero(),
        };
        self.moved.notify_waiters();
    }

    /// As far as the clock may be moved: further, every date people type would lie beyond
    /// what baton reads anyway, and the sum stays far inside chrono's range.
    pub fn max_shift() -> Duration {
        crate::domain::dates::max_span()
    }

    fn offset(&self) -> Duration {
        let offset = *self.lock();
        offset.start.checked_add(&offset.moved).unwrap_or(offset.start)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Offset> {
        // A poisoned lock still holds a valid offset; keep going with it.
        self.offset
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl Clock for ShiftedClock {
    fn now(&self) -> DateTime<Utc> {
        let now = Utc::now();
        now.checked_add_signed(self.offset()).unwrap_or(now)
    }

    fn sleep_until(&self, at: DateTime<Utc>) -> Sleep<'_> {
        Box::pin(async move {
            loop {
                let moved = self.moved.notified();
                let wait = (at - self.now()).to_std().unwrap_or_default();
                if wait.is_zero() {
                    return;
                }
                tokio::select! {
                    () = tokio::time::sleep(wait) => {}
                    () = moved => {}
                }
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn manual_clock_moves_only_when_advanced() {
        let start = Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap();
        let clock = ManualClock::new(start);

        assert_eq!(clock.now(), start);
        clock.advance(Duration::minutes(90));

        assert_eq!(clock.now(), start + Duration::minutes(90));
    }

    #[tokio::test]
    async fn sleeping_on_a_manual_clock_ends_when_it_is_moved_past_the_moment() {
        let start = Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap();
        let clock = std::sync::Arc::new(ManualClock::new(start));
        let sleeper = {
            let clock = clock.clone();
            tokio::spawn(async move { clock.sleep_until(start + Duration::hours(1)).await })
        };

        clock.advance(Duration::minutes(30));
        tokio::task::yield_now().await;
        assert!(!sleeper.is_finished());
        clock.advance(Duration::minutes(30));

        tokio::time::timeout(std::time::Duration::from_secs(5), sleeper)
            .await
            .unwrap()
            .unwrap();
    }

    #[test]
    fn a_shifted_clock_set_to_a_moment_reads_it_and_moves_on_from_there() {
        let start = Utc.with_ymd_and_hms(2026, 3, 29, 0, 30, 0).unwrap();
        let clock = ShiftedClock::default();

        clock.set(start);
        let read = clock.now();
        clock.shift(Duration::hours(2));

        assert!(read >= start && read - start < Duration::seconds(5), "{read}");
        assert!(clock.now() - start >= Duration::hours(2));
        assert!(clock.now() - start < Duration::hours(2) + Duration::seconds(5));
    }

    #[tokio::test]
    async fn a_shifted_clock_wakes_sleepers_when_shifted() {
        let clock = std::sync::Arc::new(ShiftedClock::default());
        let target = clock.now() + Duration::days(1);
        let sleeper = {
            let clock = clock.clone();
            tokio::spawn(async move { clock.sleep_until(target).await })
        };

        assert!(clock.shift(Duration::days(2)));

        tokio::time::timeout(std::time::Duration::from_secs(5), sleeper)
            .await
            .unwrap()
            .unwrap();
        assert!(clock.now() > target);
    }

    #[test]
    fn a_shifted_clock_refuses_to_move_past_ten_years_in_all() {
        let clock = ShiftedClock::default();

        assert!(clock.shift(ShiftedClock::max_shift()));
        assert!(!clock.shift(Duration::minutes(1)));
        assert!(!clock.shift(Duration::MAX));

        let ahead = clock.now() - Utc::now();
        assert!(
            ahead <= ShiftedClock::max_shift() && ahead > Duration::days(3650),
            "{ahead}"
        );
    }
}
