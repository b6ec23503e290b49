//! When reminders go out: working hours, the repeat interval, escalation, and the plan of a
//! commitment's next nudge. Pure: "now" is always an argument, so the same inputs always give
//! the same plan.

mod hours;

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, Timelike, Utc};
use chrono_tz::Tz;

use super::dates;

use hours::next_day;
pub use hours::{parse_clock, Repeat, ScheduleError, Within, WorkingHours};

super::word_enum!(
    /// Where a member's daily digest goes.
    DigestTo {
        Dm = "dm",
        Channel = "channel",
    }
);

/// Tries before a reminder counts as failed: it is shown in `/ball` from then on.
pub const FAILED_AFTER: i32 = 6;

/// A guild's reminder rules.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReminderRules {
    pub zone: Tz,
    pub hours: WorkingHours,
    pub repeat: Repeat,
    /// Nudges before escalating: the one after this many also calls in the escalation role.
    pub escalate_after: u32,
}

/// Where a commitment stands in its reminders.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NudgeState {
    pub due_at: DateTime<Utc>,
    pub remind_before: Option<Duration>,
    pub heads_up_sent: bool,
    pub nudges_sent: u32,
    pub last_nudged_at: Option<DateTime<Utc>>,
}

impl NudgeState {
    /// A commitment that has had no reminder yet.
    pub fn fresh(due_at: DateTime<Utc>, remind_before: Option<Duration>) -> Self {
        NudgeState {
            due_at,
            remind_before,
            heads_up_sent: false,
            nudges_sent: 0,
            last_nudged_at: None,
        }
    }
}

/// One reminder.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Nudge {
    /// Before the due time, when asked for with `remind_before`.
    HeadsUp,
    /// After the due time: the 1st, 2nd, … nudge.
    Overdue { number: u32, escalated: bool },
    /// This many minutes before an appointment starts.
    Before { minutes: u32 },
    /// A relation has gone without a contact for longer than its cadence.
    KeepInTouch,
}

impl Nudge {
    /// The nudge's number in its identity (commitment, number): 0 for the heads-up.
    pub fn number(&self) -> u32 {
        match self {
            Nudge::HeadsUp => 0,
            Nudge::Overdue { number, .. } => *number,
            Nudge::Before { minutes } => *minutes,
            Nudge::KeepInTouch => 1,
        }
    }

    pub fn escalated(&self) -> bool {
        matches!(self, Nudge::Overdue { escalated: true, .. })
    }
}

impl ReminderRules {
    /// When the next reminder for `state` is due, as seen at `now`. A heads-up whose moment
    /// passed together with the due time (baton was down) is skipped: the overdue nudge says
    /// more.
    pub fn next_at(&self, state: &NudgeState, now: DateTime<Utc>) -> DateTime<Utc> {
        if let Some(at) = self.heads_up_at(state) {
            if now < state.due_at {
                return at;
            }
        }
        match state.last_nudged_at.filter(|_| state.nudges_sent > 0) {
            None => self.hours.next_open(state.due_at, self.zone),
            Some(last) => self.repeat.after(last, &self.hours, self.zone),
        }
    }

    /// The reminder to send at `now`, if one is due. After downtime this is one catch-up
    /// nudge, never one for every repeat that was missed.
    pub fn due_now(&self, state: &NudgeState, now: DateTime<Utc>) -> Option<Nudge> {
        if self.next_at(state, now) > now {
            return None;
        }
        if self.heads_up_at(state).is_some() && now < state.due_at {
            return Some(Nudge::HeadsUp);
        }
        let number = state.nudges_sent + 1;
        Some(Nudge::Overdue {
            number,
            escalated: number > self.escalate_after,
        })
    }

    /// The state after `nudge` went out at `now`.
    pub fn after_sending(&self, state: &NudgeState, nudge: Nudge, now: DateTime<Utc>) -> NudgeState {
        match nudge {
            Nudge::HeadsUp => NudgeState {
                heads_up_sent: true,
                ..*state
            },
            Nudge::Overdue { number, .. } => NudgeState {
                nudges_sent: number,
                last_nudged_at: Some(now),
                ..*state
            },
            Nudge::Before { .. } | Nudge::KeepInTouch => *state,
        }
    }

    fn heads_up_at(&self, state: &NudgeState) -> Option<DateTime<Utc>> {
        let before = state.remind_before?;
        if state.heads_up_sent || state.nudges_sent > 0 {
            return None;
        }
        // A span read from people is at most ten years, but the state may come from a row
        // written by anything: a heads-up earlier than time can say goes out at the due time.
        let at = state.due_at.checked_sub_signed(before).unwrap_or(state.due_at);
        Some(self.hours.last_open(at, self.zone).min(state.due_at))
    }

    /// The local day whose digest is due at `now`, if it has not been handed out yet: on
    /// working days, from `time` until closing. A day missed entirely (baton was down) is not
    /// caught up: yesterday's list is stale, today's digest covers it.
    pub fn digest_due(
        &self,
        time: NaiveTime,
        done_on: Option<NaiveDate>,
        now: DateTime<Utc>,
    ) -> Option<NaiveDate> {
        let today = now.with_timezone(&self.zone).date_naive();
        let (start, end) = self.digest_window(today, time)?;
        let due = start <= now && now < end && done_on.is_none_or(|done| done < today);
        due.then_some(today)
    }

    /// When the next digest is due, at `now` or later.
    pub fn next_digest_at(
        &self,
        time: NaiveTime,
        done_on: Option<NaiveDate>,
        now: DateTime<Utc>,
    ) -> DateTime<Utc> {
        let mut day = now.with_timezone(&self.zone).date_naive();
        for _ in 0..8 {
            if let Some((start, end)) = self.digest_window(day, time) {
                if now < end && done_on.is_none_or(|done| done < day) {
                    return start.max(now);
                }
            }
            day = next_day(day);
        }
        now.checked_add_signed(Duration::days(1)).unwrap_or(now)
    }

    /// From the digest time to closing, on a working day.
    fn digest_window(&self, day: NaiveDate, time: NaiveTime) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
        if !self.hours.is_working_day(day.weekday()) {
            return None;
        }
        let start = dates::at_local(self.zone, day, time).ok()?;
        let end = dates::at_local(self.zone, day, self.hours.closing()).ok()?;
        (start < end).then_some((start, end))
    }
}

/// Where a relation stands in keeping in touch: the anchor its current lapse counts from
/// (the latest contact, or when the cadence was set), that anchor's series number, and the
/// series already nudged.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TouchState {
    pub anchor: Option<DateTime<Utc>>,
    pub series: i32,
    pub nudged: i32,
}

/// What planning a relation's keeping in touch decided: its new state, whether the nudge
/// for this lapse goes out now, and when to look again (`None`: not until something
/// changes).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TouchStep {
    pub state: TouchState,
    pub send: bool,
    pub next_at: Option<DateTime<Utc>>,
}

impl ReminderRules {
    /// Keeping in touch with a relation last in contact (or given its cadence) at `anchor`:
    /// once `cadence` has passed since then, one nudge, inside working hours. A new anchor
    /// (a contact logged) is a new lapse with a series of its own; a lapse already nudged
    /// waits for the next contact.
    pub fn touch(
        &self,
        cadence: Option<super::profile::Cadence>,
        anchor: DateTime<Utc>,
        state: TouchState,
        now: DateTime<Utc>,
    ) -> TouchStep {
        let mut state = state;
        if state.anchor != Some(anchor) {
            state = TouchState {
                anchor: Some(anchor),
                series: state.series.saturating_add(1),
                nudged: state.nudged,
            };
        }
        let idle = TouchStep {
            state,
            send: false,
            next_at: None,
        };
        let Some(lapse) = cadence.and_then(|c| c.lapses_at(anchor)) else {
            return idle;
        };
        if state.nudged >= state.series {
            return idle;
        }
        let open = self.hours.next_open(lapse.max(now), self.zone);
        if open > now {
            return TouchStep {
                next_at: Some(open),
                ..idle
            };
        }
        TouchStep {
            state: TouchState {
                nudged: state.series,
                ..state
            },
            send: true,
            next_at: None,
        }
    }
}

/// Splits items bound for the same target into messages of at most `per_message`, keeping
/// their order: many reminders due at once in one channel become one message, not a flood.
pub fn group<T, K: PartialEq + Copy>(
    items: Vec<T>,
    target: impl Fn(&T) -> K,
    per_message: usize,
) -> Vec<(K, Vec<T>)> {
    let mut groups: Vec<(K, Vec<T>)> = Vec::new();
    for item in items {
        let key = target(&item);
        match groups
            .iter_mut()
            .rev()
            .find(|(k, batch)| *k == key && batch.len() < per_message.max(1))
        {
            Some((_, batch)) => batch.push(item),
            None => groups.push((key, vec![item])),
        }
    }
    groups
}

/// Hours and minutes of a time, for display ("08:45").
pub fn clock_text(time: NaiveTime) -> String {
    format!("{:02}:{:02}", time.hour(), time.minute())
}

#[cfg(test)]
mod tests;
