//! Reading the short date phrases people type into a slash-command option
//! ("vrijdag 12:00", "tomorrow 9:00", "over 3 dagen", "end of week") and turning
//! them into one instant, plus the durations of "remind me this long before".
//!
//! Dutch and English are always both accepted, whatever the interface language,
//! because teams mix them freely. The parser is pure: "now", the zone and the way
//! ambiguous phrases lean all come from [`DateContext`], so autocomplete can call it
//! on every keystroke and tests can pin the clock.
//!
//! Reading happens in three steps: a lexer splits the phrase into words, numbers and
//! a few separators; a classifier maps the words of both languages onto one small
//! vocabulary and drops filler words; a pattern reader then takes at most one day and
//! one time of day from the tokens and resolves them against the context.
//!
//! # Clock times
//! Only clock times that cannot be misread are accepted: `14:00`, `14.00` (optionally
//! followed by `uur`), `14:00:30`, `9u`, `14u30`, `14h`, `14h30`, `9am`, `2:30 pm`,
//! `12am` (00:00), `12pm` (12:00), `N uur` and `noon`. `N uur` is N:00 on the 24-hour
//! clock, so `3 uur` is 03:00 and `15 uur` is 15:00. A bare number ("vrijdag 3") is
//! refused rather than guessed at, since whether it means 03:00 or 15:00 depends on the
//! speaker. A daypart does settle it: with "afternoon" or "evening" (middag, avond) an
//! hour from 1 to 11 without am/pm is read in the afternoon, so "vanavond 8 uur" is 20:00
//! and "3 uur 's middags" is 15:00. Otherwise the clock time wins over the daypart.
//!
//! # Time zones
//! Local times are read in [`DateContext::zone`]. A wall-clock time that does not exist
//! (skipped when clocks spring forward) moves forward by the length of the gap; one that
//! occurs twice (when clocks fall back) is taken at its first occurrence. Offsets in
//! hours and minutes are exact elapsed time; offsets in days, weeks, months and years
//! are calendar arithmetic that keeps the wall-clock time.
//!
//! # Bounds
//! A date lies at most ten years before or after now, and a span is at most ten years
//! long; anything further is [`DateError::TooFar`]. Nobody plans a promise further ahead,
//! and the bound keeps every later step (heads-ups, repeats, storing a span in minutes)
//! far inside the range of chrono and of the database columns.

mod amount;
mod calendar;
mod lexer;
mod patterns;
mod reader;
mod resolve;
mod vocabulary;

#[cfg(test)]
mod bounds_tests;
#[cfg(test)]
mod tests;

use std::ops::RangeInclusive;

use chrono::{DateTime, Datelike, Duration, Months, NaiveTime, Utc};
use chrono_tz::Tz;

use amount::amounts;
use lexer::tokenize;
use reader::read;

pub use calendar::at_local;

/// Which way an ambiguous phrase (a bare weekday, a day-month without year) resolves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lean {
    Past,
    Future,
}

#[derive(Clone, Copy, Debug)]
pub struct DateContext {
    pub now: DateTime<Utc>,
    pub zone: Tz,
    pub lean: Lean,
    /// Time of day used when the phrase names a day but no time ("friday", "1 dec").
    pub default_time: NaiveTime,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DateError {
    Empty,
    /// The phrase could not be read at all.
    Unreadable,
    /// Read, but the calendar date does not exist (31 februari, 2026-13-01, 25:00).
    NoSuchDate,
    /// Read, but more than ten years from now ("over 99999999 dagen", "9999-12-31"), or
    /// a span longer than ten years.
    TooFar,
}

use DateError::{NoSuchDate, TooFar, Unreadable};

/// The close of a working day: what "end of day", "end of week" and "end of month"
/// resolve to when no time is given.
pub const END_OF_DAY: NaiveTime = clock(17, 0);
/// The time of day for "until <day>": all of that day.
pub const LAST_MINUTE: NaiveTime = clock(23, 59);
const MORNING: NaiveTime = clock(9, 0);
const AFTERNOON: NaiveTime = clock(14, 0);
const EVENING: NaiveTime = clock(19, 0);
const NOON: NaiveTime = clock(12, 0);

/// No date phrase is this long; refusing early keeps autocomplete cheap on pasted text.
const MAX_PHRASE_BYTES: usize = 200;

/// Nobody's appointment lies outside four-digit years, and staying well inside chrono's
/// range keeps every later step of arithmetic in range too.
const YEARS: RangeInclusive<i32> = 1..=9999;

const MINUTES_PER_DAY: u64 = 24 * 60;

/// How many years a date may lie from now, and how long a span may be.
pub const MAX_YEARS: u32 = 10;
const MAX_MONTHS: u32 = 12 * MAX_YEARS;
/// Ten years of days, counting the most leap days ten years can hold.
pub const MAX_SPAN_DAYS: u64 = 365 * MAX_YEARS as u64 + 3;
/// The longest span in minutes: about 5.3 million, so it fits an `i32` minutes column.
pub const MAX_SPAN_MINUTES: u64 = MAX_SPAN_DAYS * MINUTES_PER_DAY;

/// The longest span [`parse_span`] returns.
pub fn max_span() -> Duration {
    Duration::days(MAX_SPAN_DAYS as i64)
}

/// The instants a date phrase may resolve to: ten calendar years either side of `now`.
/// Near the ends of chrono's range the window stops at the end.
pub fn window(now: DateTime<Utc>) -> RangeInclusive<DateTime<Utc>> {
    let months = Months::new(MAX_MONTHS);
    let earliest = now.checked_sub_months(months).unwrap_or(DateTime::<Utc>::MIN_UTC);
    let latest = now.checked_add_months(months).unwrap_or(DateTime::<Utc>::MAX_UTC);
    earliest..=latest
}

const fn clock(hour: u32, minute: u32) -> NaiveTime {
    match NaiveTime::from_hms_opt(hour, minute, 0) {
        Some(time) => time,
        None => NaiveTime::MIN,
    }
}

/// Reads a date phrase such as "vrijdag 12:00", "tomorrow 9am", "1 dec", "2026-12-01 14:00",
/// "over 3 dagen", "2 hours ago", "next friday" or "eind van de week" into an instant.
///
/// Past or future results are both returned; whether one is acceptable is the caller's call.
/// Every result lies within [`window`] of `cx.now`; anything further is [`DateError::TooFar`].
///
/// How the less explicit phrases resolve:
/// - A bare time ("14:00", "'s avonds") is today at that time. Leaning to the future, a time
///   already gone moves to tomorrow; leaning to the past, a time still ahead moves to yesterday.
/// - A bare weekday is the nearest such day in the direction of the lean; today counts when
///   its instant (given or default time) is after now leaning ahead, or not after now
///   leaning back.
/// - A day and month without year is the next occurrence (leaning ahead) or the latest one
///   (leaning back); today's date counts as this year either way.
/// - "today"/"vandaag" without time is now leaning back, and today at the default time
///   leaning ahead. "now"/"nu" is `cx.now` exactly.
/// - "next friday" is the Friday of the next ISO week, "this friday" that of the current
///   one, "last friday" the latest Friday before today. "next week" alone is its Monday.
/// - "end of day" is today at [`END_OF_DAY`]; "end of week" is this week's Friday and
///   "end of month" its last day, both at [`END_OF_DAY`] and, leaning ahead, moved on by a
///   week or a month once past.
/// - "in 3 days" keeps the current time of day unless the phrase names one.
/// - "voor vrijdag", "by friday" and "uiterlijk vrijdag" mean that Friday.
pub fn parse(phrase: &str, cx: &DateContext) -> Result<DateTime<Utc>, DateError> {
    let tokens = tokenize(phrase)?;
    let instant = read(&tokens)?.resolve(cx)?;
    if !window(cx.now).contains(&instant) {
        Err(TooFar)
    } else if YEARS.contains(&instant.year()) {
        Ok(instant)
    } else {
        Err(NoSuchDate)
    }
}

/// A weekday's name or abbreviation in either language ("vr", "friday", "Mon").
pub fn weekday(word: &str) -> Option<chrono::Weekday> {
    match vocabulary::lookup(&word.trim().to_lowercase()) {
        Some(vocabulary::Entry::One(vocabulary::W::Weekday(day))) => Some(day),
        _ => None,
    }
}

/// A calendar period, as in "every 3 months": whole months (a year is 12) and days (a week
/// is 7), never hours. `None` for anything else, an empty period included.
pub fn parse_period(phrase: &str) -> Option<(u32, u32)> {
    let tokens = tokenize(phrase).ok()?;
    let (amount, used) = amounts(&tokens)?;
    if used != tokens.len() || amount.minutes != 0 || amount.months + amount.days == 0 {
        return None;
    }
    Some((
        u32::try_from(amount.months).ok()?,
        u32::try_from(amount.days).ok()?,
    ))
}

/// A duration phrase for "remind me this long before": "1 day", "1 dag", "2 hours", "2 uur",
/// "30 min", "1 week", "90 minuten". Returns a positive chrono::Duration of at most
/// [`max_span`].
///
/// Months and years are refused as unreadable: they have no fixed length. A zero span is
/// `NoSuchDate`; one longer than ten years is `TooFar`.
pub fn parse_span(phrase: &str) -> Result<Duration, DateError> {
    let tokens = tokenize(phrase)?;
    let (amount, used) = amounts(&tokens).ok_or(Unreadable)?;
    if used != tokens.len() || amount.months != 0 {
        return Err(Unreadable);
    }
    let minutes = amount
        .days
        .checked_mul(MINUTES_PER_DAY)
        .and_then(|m| m.checked_add(amount.minutes))
        .ok_or(TooFar)?;
    if minutes == 0 {
        return Err(NoSuchDate);
    }
    if minutes > MAX_SPAN_MINUTES {
        return Err(TooFar);
    }
    i64::try_from(minutes)
        .ok()
        .and_then(Duration::try_minutes)
        .ok_or(NoSuchDate)
}
