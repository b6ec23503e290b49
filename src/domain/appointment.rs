//! Appointments with a relation: when, how long, who attends; the reminders before the start;
//! and what happened: kept, missed or moved, and a missed or moved one always gets a new
//! date, which the relation must be told.

use chrono::{DateTime, Duration, Utc};

use super::dates;
use super::schedule::ReminderRules;
use super::MemberId;

pub const PLACE_MAX: usize = 200;
pub const ABOUT_MAX: usize = 200;
pub const REASON_MAX: usize = 500;
/// Longest appointment: a day. Anything longer is a typo or not an appointment.
pub const LONGEST: Duration = Duration::hours(24);
/// How long an appointment lasts when nobody said.
pub const USUAL: Duration = Duration::hours(1);
/// At most this many reminders before an appointment, each at most this long before it.
pub const REMINDERS_MAX: usize = 4;
pub const REMIND_BEFORE_MAX: Duration = Duration::days(30);
/// A reminder sent this long after its moment is still on time, whatever the hour.
const ON_TIME: Duration = Duration::minutes(15);

super::word_enum!(
    /// Where an appointment stands. Only a scheduled one changes, and only once.
    AppointmentStatus {
        Scheduled = "scheduled",
        Kept = "kept",
        Missed = "missed",
        Moved = "moved",
        Cancelled = "cancelled",
    }
);

super::word_enum!(
    /// What the owner says happened.
    Outcome {
        Kept = "kept",
        Missed = "missed",
        Moved = "moved",
    }
);

impl Outcome {
    pub fn status(self) -> AppointmentStatus {
        match self {
            Outcome::Kept => AppointmentStatus::Kept,
            Outcome::Missed => AppointmentStatus::Missed,
            Outcome::Moved => AppointmentStatus::Moved,
        }
    }

    /// A missed or moved appointment is closed only with a new date.
    pub fn needs_new_date(self) -> bool {
        matches!(self, Outcome::Missed | Outcome::Moved)
    }
}

/// What someone does with a scheduled appointment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Act {
    Outcome(Outcome),
    Cancel,
}

/// Why an act is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// It was already kept, missed, moved or cancelled.
    Settled(AppointmentStatus),
    /// Only the owner, who made it, their backup or an admin may.
    NotYours,
    /// Kept or missed before it began.
    NotBegun,
    /// Cancelled after it began: it was kept or missed.
    Begun,
}

/// The state after `act` at `now`, or why not. Scheduled → kept | missed (once begun) |
/// moved (any time) | cancelled (before it begins); nothing after that.
pub fn answer(
    status: AppointmentStatus,
    act: Act,
    allowed: bool,
    starts_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<AppointmentStatus, Refusal> {
    if status != AppointmentStatus::Scheduled {
        return Err(Refusal::Settled(status));
    }
    if !allowed {
        return Err(Refusal::NotYours);
    }
    let begun = now >= starts_at;
    match act {
        Act::Outcome(Outcome::Kept | Outcome::Missed) if !begun => Err(Refusal::NotBegun),
        Act::Outcome(outcome) => Ok(outcome.status()),
        Act::Cancel if begun => Err(Refusal::Begun),
        Act::Cancel => Ok(AppointmentStatus::Cancelled),
    }
}

/// Who may say what happened to an appointment, move or cancel it: its owner, who made it,
/// the owner's backup while they are away, and admins.
pub fn may_change(
    actor: MemberId,
    admin: bool,
    owner: MemberId,
    creator: MemberId,
    backs_owner: bool,
) -> bool {
    admin || actor == owner || actor == creator || backs_owner
}

/// Why a time is refused for a new appointment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimeRefusal {
    InPast,
    EndBeforeStart,
    TooLong,
}

/// A new appointment starts ahead and lasts more than nothing and at most a day.
pub fn check_times(
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<(), TimeRefusal> {
    if starts_at <= now {
        return Err(TimeRefusal::InPast);
    }
    if ends_at <= starts_at {
        return Err(TimeRefusal::EndBeforeStart);
    }
    if ends_at - starts_at > LONGEST {
        return Err(TimeRefusal::TooLong);
    }
    Ok(())
}

/// Whether two stretches of time share a moment; touching ends (10–11 and 11–12) do not.
pub fn overlaps(a: (DateTime<Utc>, DateTime<Utc>), b: (DateTime<Utc>, DateTime<Utc>)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

/// Why a duration is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DurationError {
    Unreadable,
    TooLong,
}

/// How long an appointment lasts: "30m", "1 uur", "90 minutes", "1,5 uur", "1.5 hours",
/// "anderhalf uur", "2u30"; more than nothing and at most a day.
pub fn parse_duration(text: &str) -> Result<Duration, DurationError> {
    let text = text.trim().to_lowercase();
    let span = match fraction(&text).or_else(|| compact(&text)) {
        Some(span) => span,
        None => dates::parse_span(&text).map_err(|err| match err {
            dates::DateError::TooFar => DurationError::TooLong,
            _ => DurationError::Unreadable,
        })?,
    };
    if span <= Duration::zero() {
        return Err(DurationError::Unreadable);
    }
    if span > LONGEST {
        return Err(DurationError::TooLong);
    }
    Ok(span)
}

/// "1,5 uur", "2.25 hours", "anderhalf uur", "an hour and a half": a fraction of a unit the
/// span reader knows.
fn fraction(text: &str) -> Option<Duration> {
    let (amount, unit) = if let Some(unit) = text
        .strip_prefix("anderhalf ")
        .or(text.strip_prefix("anderhalve "))
    {
        (1.5, unit.trim())
    } else if let Some(rest) = text.strip_suffix(" and a half") {
        let unit = rest.trim().trim_start_matches("an ").trim_start_matches("a ");
        (1.5, unit)
    } else {
        let end = text.find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'))?;
        let (number, unit) = text.split_at(end);
        if !number.contains([',', '.']) {
            return None;
        }
        let amount: f64 = number.replace(',', ".").parse().ok()?;
        (amount, unit.trim())
    };
    if !(amount.is_finite() && amount > 0.0 && amount <= 1000.0) {
        return None;
    }
    let one = dates::parse_span(&format!("1 {unit}")).ok()?;
    let minutes = (one.num_minutes() as f64 * amount).round();
    (minutes >= 1.0).then(|| Duration::minutes(minutes as i64))
}

/// "30m", "2u", "2h", "1u30", "1h30m": hours and minutes written short, without spaces.
fn compact(text: &str) -> Option<Duration> {
    let mut minutes: i64 = 0;
    let mut rest = text;
    let mut after_hours = false;
    while !rest.is_empty() {
        let digits = rest.find(|c: char| !c.is_ascii_digit()).unwrap_or(rest.len());
        if digits == 0 || digits > 4 {
            return None;
        }
        let n: i64 = rest[..digits].parse().ok()?;
        rest = &rest[digits..];
        let unit = rest.find(|c: char| c.is_ascii_digit()).unwrap_or(rest.len());
        let per = match &rest[..unit] {
            "h" | "u" | "uur" => 60,
            "m" | "min" => 1,
            "" if after_hours => 1,
            _ => return None,
        };
        after_hours = per == 60;
        minutes = minutes.checked_add(n.checked_mul(per)?)?;
        rest = &rest[unit..];
    }
    (minutes > 0).then(|| Duration::minutes(minutes))
}

/// The reminders before an appointment: spans before the start, longest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reminders {
    spans: [Duration; REMINDERS_MAX],
    len: usize,
}

impl Default for Reminders {
    /// The day before and an hour before.
    fn default() -> Self {
        Reminders::of(&[Duration::days(1), Duration::hours(1)])
    }
}

/// Why a list of reminders is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RemindersError {
    Unreadable,
    TooMany,
    TooFar,
}

impl Reminders {
    /// Reads "1 day, 1 hour", "1 dag en 2 uur", "30 min"; "none"/"geen" for no reminders.
    pub fn parse(text: &str) -> Result<Reminders, RemindersError> {
        let text = text.trim().to_lowercase();
        if matches!(text.as_str(), "none" | "no" | "geen" | "nee" | "off" | "uit") {
            return Ok(Reminders::of(&[]));
        }
        let mut spans = Vec::new();
        for part in text
            .split([',', ';', '+'])
            .flat_map(|part| part.split(" and "))
            .flat_map(|part| part.split(" en "))
            .map(str::trim)
            .filter(|part| !part.is_empty())
        {
            let span = dates::parse_span(part).map_err(|err| match err {
                dates::DateError::TooFar => RemindersError::TooFar,
                _ => RemindersError::Unreadable,
            })?;
            if span > REMIND_BEFORE_MAX {
                return Err(RemindersError::TooFar);
            }
            spans.push(span);
        }
        if spans.is_empty() {
            return Err(RemindersError::Unreadable);
        }
        spans.sort_unstable_by(|a, b| b.cmp(a));
        spans.dedup();
        if spans.len() > REMINDERS_MAX {
            return Err(RemindersError::TooMany);
        }
        Ok(Reminders::of(&spans))
    }

    /// At most `REMINDERS_MAX` spans, longest first.
    fn of(spans: &[Duration]) -> Reminders {
        let mut reminders = Reminders {
            spans: [Duration::zero(); REMINDERS_MAX],
            len: spans.len().min(REMINDERS_MAX),
        };
        reminders.spans[..reminders.len].copy_from_slice(&spans[..reminders.len]);
        reminders
    }

    pub fn spans(&self) -> &[Duration] {
        &self.spans[..self.len]
    }

    /// The form stored and read back by `parse`: "1 day, 1 hour".
    pub fn canonical(&self) -> String {
        self.display(super::Lang::En)
    }

    pub fn display(&self, lang: super::Lang) -> String {
        if self.len == 0 {
            return match lang {
                super::Lang::En => "none".to_string(),
                super::Lang::Nl => "geen".to_string(),
            };
        }
        self.spans()
            .iter()
            .map(|span| span_text(*span, lang))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// When the reminder `before` the start goes out. One a day or more ahead falls inside
    /// working hours (at the close of the last working period before it, if need be); a
    /// shorter one goes at its exact moment, as the appointment may be outside hours.
    pub fn at(&self, before: Duration, starts_at: DateTime<Utc>, rules: &ReminderRules) -> DateTime<Utc> {
        let at = starts_at.checked_sub_signed(before).unwrap_or(starts_at);
        if before >= Duration::days(1) {
            rules.hours.last_open(at, rules.zone).min(at)
        } else {
            at
        }
    }

    /// For one participant who has had the reminders up to `handled` (the shortest span
    /// done), what to send at `now` and what comes next. After downtime only the latest
    /// reminder that fell due is sent; nothing is sent once the appointment has begun. One a
    /// day or more ahead that falls due outside working hours (the spans changed in the
    /// evening) waits for the next opening, or gives way to a shorter one.
    pub fn step(
        &self,
        starts_at: DateTime<Utc>,
        handled: Option<Duration>,
        now: DateTime<Utc>,
        rules: &ReminderRules,
    ) -> Step {
        let ahead = self.ahead(starts_at, handled, rules);
        if now >= starts_at {
            return Step {
                send: None,
                handled: ahead.last().map(|(span, _)| *span).or(handled),
                next_at: None,
            };
        }
        let due = ahead.iter().rfind(|(_, at)| *at <= now).copied();
        let mut send = due.map(|(span, _)| span);
        let mut wait = None;
        // Its own moment may be a close of working hours; only one long past waits.
        if due.is_some_and(|(span, at)| span >= Duration::days(1) && now - at > ON_TIME) {
            let opens = rules.hours.next_open(now, rules.zone);
            if opens != now {
                send = None;
                wait = Some(opens).filter(|opens| *opens < starts_at);
            }
        }
        let handled = send.or(handled);
        let next_at = ahead
            .iter()
            .filter(|(span, at)| handled.is_none_or(|done| *span < done) && *at > now)
            .map(|(_, at)| *at)
            .chain(wait)
            .min();
        Step {
            send,
            handled,
            next_at,
        }
    }

    /// A new participant's state: reminders whose moment has already passed are not sent
    /// (nobody needs "tomorrow" an hour after making it).
    pub fn fresh(&self, starts_at: DateTime<Utc>, now: DateTime<Utc>, rules: &ReminderRules) -> Step {
        let ahead = self.ahead(starts_at, None, rules);
        let handled = ahead
            .iter()
            .filter(|(_, at)| *at <= now)
            .map(|(span, _)| *span)
            .next_back();
        let next_at = ahead
            .iter()
            .filter(|(_, at)| *at > now && now < starts_at)
            .map(|(_, at)| *at)
            .min();
        Step {
            send: None,
            handled,
            next_at,
        }
    }

    /// The spans shorter than `handled` with their moments, longest first.
    fn ahead(
        &self,
        starts_at: DateTime<Utc>,
        handled: Option<Duration>,
        rules: &ReminderRules,
    ) -> Vec<(Duration, DateTime<Utc>)> {
        self.spans()
            .iter()
            .filter(|span| handled.is_none_or(|done| **span < done))
            .map(|span| (*span, self.at(*span, starts_at, rules)))
            .collect()
    }
}

/// What one planning step of a participant's reminders decided.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Step {
    /// The reminder to send now: its span before the start.
    pub send: Option<Duration>,
    /// The shortest span handled after this step.
    pub handled: Option<Duration>,
    /// When the next reminder is due; `None`: no more.
    pub next_at: Option<DateTime<Utc>>,
}

/// "1 day", "2 uur", "1 day 2 hours": a span in its largest whole units.
pub fn span_text(span: Duration, lang: super::Lang) -> String {
    let minutes = span.num_minutes();
    let (days, hours, mins) = (minutes / 1440, minutes % 1440 / 60, minutes % 60);
    let unit = |n: i64, en: (&str, &str), nl: (&str, &str)| {
        let (one, many) = match lang {
            super::Lang::En => en,
            super::Lang::Nl => nl,
        };
        format!("{n} {}", if n == 1 { one } else { many })
    };
    let mut parts = Vec::new();
    if days > 0 {
        parts.push(unit(days, ("day", "days"), ("dag", "dagen")));
    }
    if hours > 0 {
        parts.push(unit(hours, ("hour", "hours"), ("uur", "uur")));
    }
    if mins > 0 || parts.is_empty() {
        parts.push(unit(mins, ("minute", "minutes"), ("minuut", "minuten")));
    }
    parts.join(" ")
}

/// The span's number in a nudge's identity: its minutes, so each span is reminded once
/// whatever else changes.
pub fn reminder_number(span: Duration) -> u32 {
    u32::try_from(span.num_minutes()).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;
    use chrono_tz::Europe::Amsterdam;

    use super::*;
    use crate::domain::schedule::{Repeat, WorkingHours};

    fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap()
    }

    fn local(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        Amsterdam
            .with_ymd_and_hms(y, m, d, h, min, 0)
            .unwrap()
            .with_timezone(&Utc)
    }

    fn rules() -> ReminderRules {
        ReminderRules {
            zone: Amsterdam,
            hours: WorkingHours::default(),
            repeat: Repeat::default(),
            escalate_after: 2,
        }
    }

    #[test]
    fn kept_and_missed_wait_for_the_start_moved_does_not_and_cancel_must_come_before() {
        let start = utc(2026, 12, 10, 9, 0);
        let before = start - Duration::hours(1);
        let after = start + Duration::hours(2);
        let scheduled = AppointmentStatus::Scheduled;
        let kept = Act::Outcome(Outcome::Kept);
        let missed = Act::Outcome(Outcome::Missed);
        let moved = Act::Outcome(Outcome::Moved);

        assert_eq!(
            answer(scheduled, kept, true, start, before),
            Err(Refusal::NotBegun)
        );
        assert_eq!(
            answer(scheduled, missed, true, start, before),
            Err(Refusal::NotBegun)
        );
        assert_eq!(
            answer(scheduled, moved, true, start, before),
            Ok(AppointmentStatus::Moved)
        );
        assert_eq!(
            answer(scheduled, Act::Cancel, true, start, before),
            Ok(AppointmentStatus::Cancelled)
        );
        assert_eq!(
            answer(scheduled, kept, true, start, after),
            Ok(AppointmentStatus::Kept)
        );
        assert_eq!(
            answer(scheduled, missed, true, start, start),
            Ok(AppointmentStatus::Missed)
        );
        assert_eq!(
            answer(scheduled, Act::Cancel, true, start, after),
            Err(Refusal::Begun)
        );
        assert_eq!(
            answer(scheduled, kept, false, start, after),
            Err(Refusal::NotYours)
        );
    }

    #[test]
    fn the_owner_the_maker_a_backup_or_an_admin_may_change_it() {
        let (owner, maker, other) = (MemberId(1), MemberId(2), MemberId(3));
        assert!(may_change(owner, false, owner, maker, false));
        assert!(may_change(maker, false, owner, maker, false));
        assert!(may_change(other, false, owner, maker, true));
        assert!(may_change(other, true, owner, maker, false));
        assert!(!may_change(other, false, owner, maker, false));
    }

    mod machine {
        use super::*;
        use proptest::prelude::*;

        fn any_act() -> impl Strategy<Value = (Act, bool, i64)> {
            (
                prop_oneof![
                    Just(Act::Outcome(Outcome::Kept)),
                    Just(Act::Outcome(Outcome::Missed)),
                    Just(Act::Outcome(Outcome::Moved)),
                    Just(Act::Cancel)
                ],
                any::<bool>(),
                -180i64..180,
            )
        }

        proptest! {
            /// Random acts by allowed and other people at random moments, against a model:
            /// the first act the rules allow settles it; nothing changes it afterwards.
            #[test]
            fn only_the_first_allowed_act_counts(steps in proptest::collection::vec(any_act(), 1..12)) {
                let start = utc(2026, 12, 10, 9, 0);
                let mut status = AppointmentStatus::Scheduled;
                let mut model: Option<AppointmentStatus> = None;
                for (act, allowed, minutes) in steps {
                    let now = start + Duration::minutes(minutes);
                    let result = answer(status, act, allowed, start, now);
                    let begun = minutes >= 0;
                    let expected = match (model, act) {
                        (Some(settled), _) => Err(Refusal::Settled(settled)),
                        (None, _) if !allowed => Err(Refusal::NotYours),
                        (None, Act::Cancel) if begun => Err(Refusal::Begun),
                        (None, Act::Cancel) => Ok(AppointmentStatus::Cancelled),
                        (None, Act::Outcome(Outcome::Moved)) => Ok(AppointmentStatus::Moved),
                        (None, Act::Outcome(o)) if begun => Ok(o.status()),
                        (None, Act::Outcome(_)) => Err(Refusal::NotBegun),
                    };
                    prop_assert_eq!(result, expected);
                    if let Ok(next) = result {
                        model = Some(next);
                        status = next;
                    }
                }
            }
        }
    }

    #[test]
    fn times_must_lie_ahead_and_last_at_most_a_day() {
        let now = utc(2026, 12, 2, 10, 0);
        let start = now + Duration::hours(2);
        assert_eq!(
            check_times(now - Duration::minutes(1), start, now),
            Err(TimeRefusal::InPast)
        );
        assert_eq!(check_times(start, start, now), Err(TimeRefusal::EndBeforeStart));
        assert_eq!(
            check_times(start, start - Duration::hours(1), now),
            Err(TimeRefusal::EndBeforeStart)
        );
        assert_eq!(
            check_times(start, start + Duration::hours(25), now),
            Err(TimeRefusal::TooLong)
        );
        assert_eq!(check_times(start, start + LONGEST, now), Ok(()));
    }

    #[test]
    fn overlap_needs_a_shared_moment() {
        let t = |h| utc(2026, 12, 10, h, 0);
        assert!(overlaps((t(10), t(11)), (t(10), t(11))));
        assert!(overlaps((t(10), t(12)), (t(11), t(13))));
        assert!(overlaps((t(9), t(14)), (t(10), t(11))));
        assert!(!overlaps((t(10), t(11)), (t(11), t(12))));
        assert!(!overlaps((t(13), t(14)), (t(10), t(11))));
    }

    #[test]
    fn durations_are_read_as_people_type_them() {
        let table: &[(&str, Result<i64, DurationError>)] = &[
            ("30m", Ok(30)),
            ("2u", Ok(120)),
            ("1u30", Ok(90)),
            ("1h30m", Ok(90)),
            ("30", Err(DurationError::Unreadable)),
            ("30 min", Ok(30)),
            ("90 minutes", Ok(90)),
            ("1 uur", Ok(60)),
            ("2 hours", Ok(120)),
            ("1,5 uur", Ok(90)),
            ("1.5 hours", Ok(90)),
            ("0,75 uur", Ok(45)),
            ("anderhalf uur", Ok(90)),
            ("an hour and a half", Ok(90)),
            ("1 dag", Ok(1440)),
            ("25 uur", Err(DurationError::TooLong)),
            ("2 dagen", Err(DurationError::TooLong)),
            ("99999999 dagen", Err(DurationError::TooLong)),
            ("1,5", Err(DurationError::Unreadable)),
            ("soms", Err(DurationError::Unreadable)),
            ("0 min", Err(DurationError::Unreadable)),
            ("-1 uur", Err(DurationError::Unreadable)),
            ("1e308 uur", Err(DurationError::Unreadable)),
            ("", Err(DurationError::Unreadable)),
        ];
        for (text, expected) in table {
            assert_eq!(
                parse_duration(text).map(|d| d.num_minutes()),
                *expected,
                "{text:?}"
            );
        }
    }

    #[test]
    fn reminder_lists_read_in_both_languages_and_are_bounded() {
        let parse = |t| Reminders::parse(t).map(|r| r.canonical());
        assert_eq!(parse("1 day, 1 hour").as_deref(), Ok("1 day, 1 hour"));
        assert_eq!(parse("1 uur en 1 dag").as_deref(), Ok("1 day, 1 hour"));
        assert_eq!(parse("30 min").as_deref(), Ok("30 minutes"));
        assert_eq!(parse("geen").as_deref(), Ok("none"));
        assert_eq!(parse("2 dagen, 2 dagen").as_deref(), Ok("2 days"));
        assert_eq!(parse("soms"), Err(RemindersError::Unreadable));
        assert_eq!(parse("1 day,,"), Ok("1 day".to_string()));
        assert_eq!(parse("31 days"), Err(RemindersError::TooFar));
        assert_eq!(parse("99999999 dagen"), Err(RemindersError::TooFar));
        assert_eq!(
            parse("1 min, 2 min, 3 min, 4 min, 5 min"),
            Err(RemindersError::TooMany)
        );
        assert_eq!(
            Reminders::default().display(crate::domain::Lang::Nl),
            "1 dag, 1 uur"
        );
        let canonical = Reminders::parse("2 dagen, 90 min").unwrap().canonical();
        assert_eq!(Reminders::parse(&canonical).map(|r| r.canonical()), Ok(canonical));
    }

    #[test]
    fn the_day_before_falls_in_working_hours_the_hour_before_is_exact() {
        let reminders = Reminders::default();
        // Monday 8:00: a day before is Sunday; the close of Friday's hours instead.
        let monday_early = local(2026, 12, 7, 8, 0);
        assert_eq!(
            reminders.at(Duration::days(1), monday_early, &rules()),
            local(2026, 12, 4, 17, 30)
        );
        assert_eq!(
            reminders.at(Duration::hours(1), monday_early, &rules()),
            local(2026, 12, 7, 7, 0)
        );
        // Thursday 10:00: Wednesday 10:00 is inside hours.
        let thursday = local(2026, 12, 10, 10, 0);
        assert_eq!(
            reminders.at(Duration::days(1), thursday, &rules()),
            local(2026, 12, 9, 10, 0)
        );
    }

    #[test]
    fn reminder_times_hold_across_both_dst_changes() {
        let reminders = Reminders::default();
        // Spring: clocks go from 2:00 to 3:00 on Sunday 29 March 2026.
        let monday_spring = local(2026, 3, 30, 10, 0);
        assert_eq!(
            reminders.at(Duration::hours(1), monday_spring, &rules()),
            utc(2026, 3, 30, 7, 0)
        );
        assert_eq!(
            reminders.at(Duration::days(1), monday_spring, &rules()),
            local(2026, 3, 27, 17, 30)
        );
        let sunday_spring = local(2026, 3, 29, 3, 30);
        assert_eq!(
            reminders.at(Duration::hours(1), sunday_spring, &rules()),
            utc(2026, 3, 29, 0, 30)
        );
        // Autumn: from 3:00 back to 2:00 on Sunday 25 October 2026; Tuesday's day-before
        // reminder is Monday at the same wall-clock time, 24 hours earlier in UTC too.
        let tuesday_autumn = local(2026, 10, 27, 10, 0);
        assert_eq!(
            reminders.at(Duration::days(1), tuesday_autumn, &rules()),
            utc(2026, 10, 26, 9, 0)
        );
        let monday_autumn = local(2026, 10, 26, 10, 0);
        // A day before is Sunday 10:00 (UTC+1): back to Friday's close (UTC+2).
        assert_eq!(
            reminders.at(Duration::days(1), monday_autumn, &rules()),
            utc(2026, 10, 23, 15, 30)
        );
    }

    #[test]
    fn each_reminder_goes_once_and_downtime_sends_only_the_latest() {
        let reminders = Reminders::default();
        let start = local(2026, 12, 10, 10, 0);
        let made = local(2026, 12, 2, 10, 0);
        let fresh = reminders.fresh(start, made, &rules());
        assert_eq!(
            fresh,
            Step {
                send: None,
                handled: None,
                next_at: Some(local(2026, 12, 9, 10, 0))
            }
        );

        let day_before = reminders.step(start, None, local(2026, 12, 9, 10, 0), &rules());
        assert_eq!(day_before.send, Some(Duration::days(1)));
        assert_eq!(day_before.next_at, Some(local(2026, 12, 10, 9, 0)));
        let again = reminders.step(start, day_before.handled, local(2026, 12, 9, 10, 5), &rules());
        assert_eq!(again.send, None, "the day-before reminder goes once");
        let hour_before = reminders.step(start, day_before.handled, local(2026, 12, 10, 9, 0), &rules());
        assert_eq!(
            (hour_before.send, hour_before.next_at),
            (Some(Duration::hours(1)), None)
        );

        // Down from before the day-before reminder until 9:30 on the day: one reminder.
        let late = reminders.step(start, None, local(2026, 12, 10, 9, 30), &rules());
        assert_eq!(
            (late.send, late.handled, late.next_at),
            (Some(Duration::hours(1)), Some(Duration::hours(1)), None)
        );
        // Down until after the start: nothing at all.
        let after = reminders.step(start, None, local(2026, 12, 10, 10, 30), &rules());
        assert_eq!((after.send, after.next_at), (None, None));
    }

    #[test]
    fn an_appointment_made_shortly_before_skips_what_has_passed() {
        let reminders = Reminders::default();
        let start = local(2026, 12, 10, 10, 0);
        let fresh = reminders.fresh(start, local(2026, 12, 10, 8, 0), &rules());
        assert_eq!(fresh.send, None);
        assert_eq!(fresh.handled, Some(Duration::days(1)));
        assert_eq!(fresh.next_at, Some(local(2026, 12, 10, 9, 0)));
        let soon = reminders.fresh(start, local(2026, 12, 10, 9, 30), &rules());
        assert_eq!((soon.handled, soon.next_at), (Some(Duration::hours(1)), None));
    }

    #[test]
    fn a_day_before_reminder_that_falls_due_at_night_waits_for_the_morning() {
        // The spans changed on Wednesday evening: Friday 10:00's "2 days before" has passed.
        let reminders = Reminders::parse("2 dagen, 2 uur").unwrap();
        let start = local(2026, 12, 4, 10, 0);
        let evening = local(2026, 12, 2, 22, 58);
        let step = reminders.step(start, None, evening, &rules());
        assert_eq!(step.send, None);
        assert_eq!(step.next_at, Some(local(2026, 12, 3, 8, 30)));
        let morning = reminders.step(start, step.handled, local(2026, 12, 3, 8, 30), &rules());
        assert_eq!(morning.send, Some(Duration::days(2)));
        assert_eq!(morning.next_at, Some(local(2026, 12, 4, 8, 0)));
        // Made at night for early the next morning: the hour before comes, exactly.
        let soon = local(2026, 12, 3, 7, 0);
        let night = reminders.step(soon, None, local(2026, 12, 3, 5, 30), &rules());
        assert_eq!((night.send, night.next_at), (Some(Duration::hours(2)), None));
    }

    #[test]
    fn a_day_before_reminder_at_the_close_of_friday_goes_then() {
        let reminders = Reminders::default();
        let monday = local(2026, 12, 7, 9, 0);
        let close = local(2026, 12, 4, 17, 30);
        let step = reminders.step(monday, None, close + Duration::seconds(20), &rules());
        assert_eq!(step.send, Some(Duration::days(1)));
    }

    #[test]
    fn spans_read_back_in_words() {
        use crate::domain::Lang;
        assert_eq!(span_text(Duration::minutes(90), Lang::En), "1 hour 30 minutes");
        assert_eq!(span_text(Duration::days(2), Lang::Nl), "2 dagen");
        assert_eq!(reminder_number(Duration::days(1)), 1440);
    }
}
