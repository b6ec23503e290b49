//! Working hours and the repeat interval: when reminders may go out, and how often.

use std::fmt::Write as _;

use chrono::{DateTime, Datelike, Days, Duration, NaiveDate, NaiveTime, Utc, Weekday};
use chrono_tz::Tz;

use super::super::dates;
use super::super::Lang;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ScheduleError {
    /// Not readable; the text says what was expected.
    Unreadable,
    /// The end of the day comes before its start, or no day is named.
    Empty,
}

/// The days and hours in which reminders may go out, in the guild's zone. A nudge that falls
/// outside waits for the next opening: nobody is nagged on Sunday night.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WorkingHours {
    /// Monday first.
    days: [bool; 7],
    start: NaiveTime,
    end: NaiveTime,
}

pub(super) const fn clock(hour: u32, minute: u32) -> NaiveTime {
    match NaiveTime::from_hms_opt(hour, minute, 0) {
        Some(time) => time,
        None => NaiveTime::MIN,
    }
}

const DAY_CODES: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
const DAY_CODES_NL: [&str; 7] = ["ma", "di", "wo", "do", "vr", "za", "zo"];

impl Default for WorkingHours {
    /// Monday to Friday, 08:30 to 17:30.
    fn default() -> Self {
        WorkingHours {
            days: [true, true, true, true, true, false, false],
            start: clock(8, 30),
            end: clock(17, 30),
        }
    }
}

impl WorkingHours {
    /// Reads "mon-fri 08:30-17:30", "ma-vr 8.30-17.30", "ma,wo,vr 9-17", "daily 9:00-17:00".
    pub fn parse(text: &str) -> Result<Self, ScheduleError> {
        let text = text.trim().to_lowercase().replace(['–', '—'], "-");
        let (days, times) = text
            .rsplit_once(char::is_whitespace)
            .ok_or(ScheduleError::Unreadable)?;
        let (start, end) = times.split_once('-').ok_or(ScheduleError::Unreadable)?;
        let start = parse_clock(start).ok_or(ScheduleError::Unreadable)?;
        let end = parse_clock(end).ok_or(ScheduleError::Unreadable)?;
        let days = parse_days(days.trim())?;
        if end <= start || !days.contains(&true) {
            return Err(ScheduleError::Empty);
        }
        Ok(WorkingHours { days, start, end })
    }

    /// The form stored and read back by `parse`: "mon-fri 08:30-17:30".
    pub fn canonical(&self) -> String {
        self.describe(&DAY_CODES)
    }

    /// For people: "ma-vr 08:30-17:30" in Dutch.
    pub fn display(&self, lang: Lang) -> String {
        match lang {
            Lang::En => self.describe(&DAY_CODES),
            Lang::Nl => self.describe(&DAY_CODES_NL),
        }
    }

    fn describe(&self, names: &[&str; 7]) -> String {
        let mut out = String::new();
        let mut i = 0;
        while i < 7 {
            if !self.days[i] {
                i += 1;
                continue;
            }
            let first = i;
            while i + 1 < 7 && self.days[i + 1] {
                i += 1;
            }
            if !out.is_empty() {
                out.push(',');
            }
            out.push_str(names[first]);
            if i > first {
                out.push('-');
                out.push_str(names[i]);
            }
            i += 1;
        }
        let _ = write!(
            out,
            " {}-{}",
            self.start.format("%H:%M"),
            self.end.format("%H:%M")
        );
        out
    }

    /// When the working day ends.
    pub fn closing(&self) -> NaiveTime {
        self.end
    }

    pub fn is_working_day(&self, day: Weekday) -> bool {
        self.days[day.num_days_from_monday() as usize]
    }

    /// `t` itself when inside working hours, else the next opening.
    pub fn next_open(&self, t: DateTime<Utc>, zone: Tz) -> DateTime<Utc> {
        let local = t.with_timezone(&zone);
        let mut day = local.date_naive();
        let time = local.time();
        for offset in 0..8 {
            if self.is_working_day(day.weekday()) {
                if offset == 0 && time >= self.start && time < self.end {
                    return t;
                }
                if offset > 0 || time < self.start {
                    return self.at(day, self.start, zone, t);
                }
            }
            day = next_day(day);
        }
        t
    }

    /// `t` itself when inside working hours, else the close of the last working period
    /// before it: a heads-up must come before the due time, not after.
    pub fn last_open(&self, t: DateTime<Utc>, zone: Tz) -> DateTime<Utc> {
        let local = t.with_timezone(&zone);
        let mut day = local.date_naive();
        let time = local.time();
        for offset in 0..8 {
            if self.is_working_day(day.weekday()) {
                if offset == 0 && time >= self.start && time < self.end {
                    return t;
                }
                if offset > 0 || time >= self.end {
                    return self.at(day, self.end, zone, t);
                }
            }
            day = day.checked_sub_days(Days::new(1)).unwrap_or(day);
        }
        t
    }

    /// The working day `n` working days after `day`.
    fn add_working_days(&self, mut day: NaiveDate, n: u32) -> NaiveDate {
        let mut left = n;
        // Eight empty weeks cannot happen: parse refuses hours without a working day.
        for _ in 0..(n as usize + 1) * 8 {
            if left == 0 {
                break;
            }
            day = next_day(day);
            if self.is_working_day(day.weekday()) {
                left -= 1;
            }
        }
        day
    }

    fn at(&self, day: NaiveDate, time: NaiveTime, zone: Tz, fallback: DateTime<Utc>) -> DateTime<Utc> {
        dates::at_local(zone, day, time).unwrap_or(fallback)
    }
}

pub(super) fn next_day(day: NaiveDate) -> NaiveDate {
    day.checked_add_days(Days::new(1)).unwrap_or(day)
}

/// "8:30", "08.30", "9", "17u".
pub fn parse_clock(text: &str) -> Option<NaiveTime> {
    let text = text.trim().trim_end_matches(['u', 'h']);
    let (hour, minute) = match text.split_once([':', '.']) {
        Some((hour, minute)) => (hour, minute),
        None => (text, "0"),
    };
    let hour: u32 = hour.parse().ok()?;
    let minute: u32 = minute.parse().ok()?;
    if hour == 24 && minute == 0 {
        // "9-24": until midnight, the last minute of the day.
        return NaiveTime::from_hms_opt(23, 59, 59);
    }
    NaiveTime::from_hms_opt(hour, minute, 0)
}

fn parse_days(text: &str) -> Result<[bool; 7], ScheduleError> {
    if matches!(
        text,
        "daily" | "dagelijks" | "every day" | "elke dag" | "all" | "alle dagen"
    ) {
        return Ok([true; 7]);
    }
    let mut days = [false; 7];
    for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let (first, last) = match part.split_once('-') {
            Some((first, last)) => (first, last),
            None => (part, part),
        };
        let first = dates::weekday(first)
            .ok_or(ScheduleError::Unreadable)?
            .num_days_from_monday();
        let last = dates::weekday(last)
            .ok_or(ScheduleError::Unreadable)?
            .num_days_from_monday();
        let mut day = first;
        // A range may wrap around the week: "za-ma".
        loop {
            days[day as usize] = true;
            if day == last {
                break;
            }
            day = (day + 1) % 7;
        }
    }
    Ok(days)
}

/// How often an overdue commitment is nudged again.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Repeat {
    WorkingDays(u32),
    Hours(u32),
}

impl Default for Repeat {
    fn default() -> Self {
        Repeat::WorkingDays(1)
    }
}

impl Repeat {
    /// Reads "1 working day", "2 werkdagen", "4 hours", "4 uur", "elke werkdag".
    pub fn parse(text: &str) -> Result<Self, ScheduleError> {
        let text = text.trim().to_lowercase();
        let words: Vec<&str> = text.split_whitespace().collect();
        let (count, unit) = match words.split_first() {
            Some((first, unit)) if matches!(*first, "every" | "elke" | "iedere") => (1, unit.join(" ")),
            Some((count, unit)) => (
                count.parse::<u32>().map_err(|_| ScheduleError::Unreadable)?,
                unit.join(" "),
            ),
            None => return Err(ScheduleError::Unreadable),
        };
        if count == 0 || count > 1000 {
            return Err(ScheduleError::Unreadable);
        }
        match unit.as_str() {
            "working day" | "working days" | "workday" | "workdays" | "werkdag" | "werkdagen" => {
                Ok(Repeat::WorkingDays(count))
            }
            "hour" | "hours" | "uur" | "h" => Ok(Repeat::Hours(count)),
            _ => Err(ScheduleError::Unreadable),
        }
    }

    /// The form stored and read back by `parse`.
    pub fn canonical(&self) -> String {
        match self {
            Repeat::WorkingDays(1) => "1 working day".to_string(),
            Repeat::WorkingDays(n) => format!("{n} working days"),
            Repeat::Hours(1) => "1 hour".to_string(),
            Repeat::Hours(n) => format!("{n} hours"),
        }
    }

    pub fn display(&self, lang: Lang) -> String {
        match (self, lang) {
            (_, Lang::En) => self.canonical(),
            (Repeat::WorkingDays(1), Lang::Nl) => "1 werkdag".to_string(),
            (Repeat::WorkingDays(n), Lang::Nl) => format!("{n} werkdagen"),
            (Repeat::Hours(n), Lang::Nl) => format!("{n} uur"),
        }
    }

    /// The next nudge after one sent at `last`: the same time of day `n` working days on, or
    /// `n` hours on, moved into working hours.
    pub(super) fn after(&self, last: DateTime<Utc>, hours: &WorkingHours, zone: Tz) -> DateTime<Utc> {
        match *self {
            Repeat::WorkingDays(n) => {
                let local = last.with_timezone(&zone);
                let day = hours.add_working_days(local.date_naive(), n);
                let at = dates::at_local(zone, day, local.time())
                    .unwrap_or_else(|_| later(last, Duration::days(1)));
                hours.next_open(at, zone)
            }
            Repeat::Hours(n) => hours.next_open(later(last, Duration::hours(i64::from(n))), zone),
        }
    }
}

/// `t + by`, or `t` at the end of time: a repeat must never panic on a stored instant.
fn later(t: DateTime<Utc>, by: Duration) -> DateTime<Utc> {
    t.checked_add_signed(by).unwrap_or(t)
}

/// How long something may wait, counted in working time: "4 working hours", "1 werkdag".
/// A handover waits this long for its answer before the recipient is nudged.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Within {
    WorkingHours(u32),
    WorkingDays(u32),
}

impl Default for Within {
    fn default() -> Self {
        Within::WorkingHours(4)
    }
}

impl Within {
    /// Reads "4 working hours", "4 werkuren", "4 werkuur", "1 working day", "2 werkdagen";
    /// plain hours and days ("2 uur", "1 day") count as working ones, as an answer waits
    /// only in working time.
    pub fn parse(text: &str) -> Result<Self, ScheduleError> {
        let text = text.trim().to_lowercase();
        let (count, unit) = text
            .split_once(char::is_whitespace)
            .ok_or(ScheduleError::Unreadable)?;
        let count: u32 = count.parse().map_err(|_| ScheduleError::Unreadable)?;
        if count == 0 || count > 200 {
            return Err(ScheduleError::Unreadable);
        }
        match unit.split_whitespace().collect::<Vec<_>>().join(" ").as_str() {
            "working hour" | "working hours" | "werkuur" | "werkuren" | "hour" | "hours" | "uur" | "uren"
            | "h" | "u" => Ok(Within::WorkingHours(count)),
            "working day" | "working days" | "workday" | "workdays" | "werkdag" | "werkdagen" | "day"
            | "days" | "dag" | "dagen" => Ok(Within::WorkingDays(count)),
            _ => Err(ScheduleError::Unreadable),
        }
    }

    /// The form stored and read back by `parse`.
    pub fn canonical(&self) -> String {
        match self {
            Within::WorkingHours(1) => "1 working hour".to_string(),
            Within::WorkingHours(n) => format!("{n} working hours"),
            Within::WorkingDays(1) => "1 working day".to_string(),
            Within::WorkingDays(n) => format!("{n} working days"),
        }
    }

    pub fn display(&self, lang: Lang) -> String {
        match (self, lang) {
            (_, Lang::En) => self.canonical(),
            (Within::WorkingHours(1), Lang::Nl) => "1 werkuur".to_string(),
            (Within::WorkingHours(n), Lang::Nl) => format!("{n} werkuren"),
            (Within::WorkingDays(1), Lang::Nl) => "1 werkdag".to_string(),
            (Within::WorkingDays(n), Lang::Nl) => format!("{n} werkdagen"),
        }
    }

    /// The moment this much working time has passed since `from`: time outside working
    /// hours does not count. Working days land at the same time of day, inside hours.
    pub fn after(&self, from: DateTime<Utc>, hours: &WorkingHours, zone: Tz) -> DateTime<Utc> {
        match *self {
            Within::WorkingDays(n) => Repeat::WorkingDays(n).after(hours.next_open(from, zone), hours, zone),
            Within::WorkingHours(n) => {
                let mut left = Duration::hours(i64::from(n));
                let mut at = hours.next_open(from, zone);
                // Each pass uses up one working day's remainder; n ≤ 200 hours needs far fewer.
                for _ in 0..400 {
                    let local = at.with_timezone(&zone);
                    let close = dates::at_local(zone, local.date_naive(), hours.end).unwrap_or(at);
                    let today = (close - at).max(Duration::zero());
                    if left <= today {
                        return later(at, left);
                    }
                    left -= today;
                    let next = hours.next_open(later(close, Duration::minutes(1)), zone);
                    if next <= at {
                        return later(at, left);
                    }
                    at = next;
                }
                at
            }
        }
    }
}

#[cfg(test)]
mod within_tests {
    use chrono::TimeZone;

    use super::*;

    fn amsterdam(d: u32, h: u32, m: u32) -> DateTime<Utc> {
        chrono_tz::Europe::Amsterdam
            .with_ymd_and_hms(2026, 12, d, h, m, 0)
            .unwrap()
            .with_timezone(&Utc)
    }

    #[test]
    fn working_hours_skip_evenings_and_weekends() {
        let hours = WorkingHours::default();
        let zone = chrono_tz::Europe::Amsterdam;
        let four = Within::WorkingHours(4);
        // Wednesday 2 December 10:00 → 14:00 the same day.
        assert_eq!(four.after(amsterdam(2, 10, 0), &hours, zone), amsterdam(2, 14, 0));
        // 16:00 → 1.5 hours today, 2.5 tomorrow from 08:30: Thursday 11:00.
        assert_eq!(four.after(amsterdam(2, 16, 0), &hours, zone), amsterdam(3, 11, 0));
        // Friday 16:30 → Monday 11:30.
        assert_eq!(
            four.after(amsterdam(4, 16, 30), &hours, zone),
            amsterdam(7, 11, 30)
        );
        // Saturday night counts from Monday's opening.
        assert_eq!(
            four.after(amsterdam(5, 23, 0), &hours, zone),
            amsterdam(7, 12, 30)
        );
        assert_eq!(
            Within::WorkingDays(1).after(amsterdam(4, 10, 0), &hours, zone),
            amsterdam(7, 10, 0)
        );
    }

    #[test]
    fn spans_are_read_in_both_languages_and_bounded() {
        for (text, expected) in [
            ("4 working hours", Some(Within::WorkingHours(4))),
            ("4 werkuren", Some(Within::WorkingHours(4))),
            ("1 Werkuur", Some(Within::WorkingHours(1))),
            ("2 werkdagen", Some(Within::WorkingDays(2))),
            ("1 working day", Some(Within::WorkingDays(1))),
            ("0 working hours", None),
            ("99999999999 working hours", None),
            ("4 hours", Some(Within::WorkingHours(4))),
            ("2 uur", Some(Within::WorkingHours(2))),
            ("1 dag", Some(Within::WorkingDays(1))),
            ("4 weeks", None),
            ("four hours", None),
            ("soon", None),
        ] {
            assert_eq!(Within::parse(text).ok(), expected, "{text}");
        }
        for within in [
            Within::WorkingHours(1),
            Within::WorkingHours(4),
            Within::WorkingDays(3),
        ] {
            assert_eq!(Within::parse(&within.canonical()), Ok(within));
            assert_eq!(Within::parse(&within.display(Lang::Nl)), Ok(within));
        }
    }
}
