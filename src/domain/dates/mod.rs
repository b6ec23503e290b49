//! Reading the short date phrases people type into a slash-command option
//! ("vrijdag 12:00", "tomorrow 9:00", "over 3 dagen", "end of week", "3 days from now",
//! "begin januari", "over een uur of twee") and turning them into one instant, plus the
//! durations of "remind me this long before".
//!
//! Dutch and English are always both accepted, whatever the interface language,
//! because teams mix them freely. The parser is pure: "now", the zone and the way
//! ambiguous phrases lean all come from [`DateContext`], so autocomplete can call it
//! on every keystroke and tests can pin the clock.
//!
//! Reading happens in three steps: a lexer splits the phrase into words, numbers and
//! a few separators; a classifier maps the words of both languages onto one small
//! vocabulary and drops filler words; a pattern reader then takes at most one day and
//! one time of day from the tokens and resolves them against the context. Where the
//! reading assumed something the user may want to see (a clamped month end, a day-first
//! numeric date, midnight as the end of a day), [`read_phrase`] says so in a [`Note`].
//!
//! # Clock times
//! Only clock times that cannot be misread are accepted: `14:00`, `14.00` (optionally
//! followed by `uur`), `14:00:30`, `9u`, `14u30`, `14h`, `14h30`, `9am`, `2:30 pm`,
//! `12am` (00:00), `12pm` (12:00), `N uur`, `drie uur`, `3 o'clock`, `noon` and
//! `midnight`. `N uur` is N:00 on the 24-hour clock, so `3 uur` is 03:00 and `15 uur` is
//! 15:00. A bare number ("vrijdag 3") is refused rather than guessed at, since whether it
//! means 03:00 or 15:00 depends on the speaker. A daypart does settle it, and then a bare
//! number is an hour too ("8 's avonds", "vanavond 8", "3 in the afternoon"): the table of
//! [day parts](#day-parts) says which hours it moves past noon. Otherwise the clock time
//! wins over the daypart.
//!
//! `middernacht` and `midnight` are the end of the day they are said with: "morgen
//! middernacht" is 24:00 tomorrow, which is 00:00 the day after, and the reading says so
//! ([`Note::Midnight`]). `12am` stays the start of its day.
//!
//! # Day parts
//! One table (`Part` in this module) gives each day part its time and the hours it reads
//! after noon:
//!
//! | part      | words                                  | time  | hours typed without am/pm        |
//! |-----------|----------------------------------------|-------|----------------------------------|
//! | morning   | ochtend, 's ochtends, 's morgens, morning | 09:00 | as typed                      |
//! | afternoon | middag, 's middags, afternoon          | 14:00 | 1–11 are after noon (3 → 15:00)  |
//! | evening   | avond, 's avonds, evening              | 19:00 | 1–11 are after noon (8 → 20:00)  |
//! | night     | nacht, 's nachts, night, vannacht      | 23:00 | 6–11 after noon, 12 is 00:00, 1–5 as typed; with a day, hours before 06:00 are the small hours after it |
//!
//! `noon` (and `middaguur`, `tussen de middag`) is 12:00. Dutch writes day and part as
//! one word, and every weekday and `morgen`, `overmorgen`, `gisteren`/`gister` combine
//! with every part: `vrijdagmiddag`, `maandagochtend`, `morgenavond`, `gisteravond`.
//! `vannacht` is the night nearest now in the direction of the lean, like a bare time;
//! `last night` is yesterday's.
//!
//! # Spans
//! An amount is a count and a unit: digits (`3`), a decimal (`1,5` or `1.5`), a number
//! word up to a hundred (`drie`, `vijfenveertig`, `forty-five`, `a hundred`), an article
//! (`een`, `a`, `an` are one), `half`, `anderhalf(ve)`, `een kwartier`, `a quarter of an
//! hour`, `een paar` (2), `a couple` (2), `a few` (3); units long and short (`1d`, `2w`,
//! `3h`, `30m`, `1u`, `2 dgn`, `3 wkn`, `2 mnd`, `1y`), and several in a row (`1d2h`,
//! `1 hour and 30 minutes`). "About", "ongeveer", "een uur of twee" are read as the
//! amount they name, with [`Note::Approximate`].
//!
//! A number followed by a comma and digits, or by a dot and exactly one digit, and then a
//! unit, is a decimal amount: "1,5 uur", "1.5 hours". Two digits after a dot are the
//! minutes of a clock time ("14.00 uur", "9.30"), and three numbers joined by dots a date
//! ("1.5.2026"). Fractions become whole minutes for minutes and hours, whole days for
//! days and weeks ("anderhalve week" is 11 days), months and days at 30 a month for
//! months, and whole months for years; each rounded half up.
//!
//! A span is forward after "in", "over", "binnen", "within", "na", "after", and before
//! "later" or "from now"; backward before "ago" or "geleden"; and written alone ("2d",
//! "3 dagen") it follows the field's lean. One exception keeps the clock times: a single
//! `N u`, `N h` or `N uur` with a plain number (digits or a number word) and nothing
//! else is a clock time in [`parse`] ("9u", "14h", "3h" and "3 uur" are 09:00, 14:00,
//! 03:00 and 03:00), whatever the hour; with "in", "ago" or a second amount ("2h30m"),
//! and always in [`parse_span`], it is hours. "een uur" and "1,5 uur" are never clock
//! times.
//!
//! Minutes and hours are elapsed time and keep the exact minute. A span of days, weeks,
//! months or years is a day, not an instant: it lands on that day at
//! [`DateContext::default_time`], unless the phrase names a time ("over 3 dagen om 14:00").
//! A span that mixes both ("1 dag 2 uur") keeps the wall-clock time plus the hours. A
//! day-granular landing never falls on the wrong side of now (so "0 dagen geleden" is now,
//! and "3 dagen geleden" is at the default time of that day, which a past field should
//! set to something it accepts) and never outside the [`window`]. Month arithmetic
//! clamps to the end of a shorter month (31 January + 1 month is 28 or 29 February) and
//! says so ([`Note::MonthEnd`]).
//!
//! # Time zones
//! Local times are read in [`DateContext::zone`]. A wall-clock time that does not exist
//! (skipped when clocks spring forward) moves forward by the length of the gap; one that
//! occurs twice (when clocks fall back) is taken at its first occurrence, unless the
//! phrase ends in the zone's abbreviation as chrono-tz renders it (`%Z`): then "02:30
//! CEST" is the first and "02:30 CET" the second. An abbreviation the zone does not use
//! at that moment ("EST" in Amsterdam, "CEST" in December) is [`DateError::NoSuchDate`].
//! Any last word after a clock time is taken for an abbreviation, so "14:00 asdf" is
//! `NoSuchDate` too. Zones that chrono-tz names by offset read it the same way ("+04",
//! "+0545"). So the product's own rendering, "za 28 nov 2026 12:00 CET" or "Sat 28 Nov
//! 2026 12:00 CET", reads back to the same instant; its weekday is checked against the
//! date ("Fri 28 Nov 2026" is `NoSuchDate`).
//!
//! # Bounds
//! A date lies at most ten years before or after now, and a span is at most ten years
//! long; anything further is [`DateError::TooFar`]. Nobody plans a promise further ahead,
//! and the bound keeps every later step (heads-ups, repeats, storing a span in minutes)
//! far inside the range of chrono and of the database columns. Every number a user types
//! is bounded: digits saturate, number words stop at a hundred, decimals at three places.

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
mod phrase_tests;
#[cfg(test)]
mod prop_tests;
#[cfg(test)]
mod tests;

use std::ops::RangeInclusive;

use std::fmt;

use chrono::{DateTime, Datelike, Duration, Months, NaiveDate, NaiveTime, Utc};
use chrono_tz::Tz;

use amount::amounts;
use lexer::tokenize;
use reader::read;
use vocabulary::W;

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
    /// Time of day used when the phrase names a day but no time ("friday", "1 dec"), and
    /// where a span of days, weeks, months or years lands ("over 2 weken", "3 dagen
    /// geleden"). A past field should pick a time inside the day it accepts (noon, say):
    /// a landing after now is clamped to now.
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
const NOON: NaiveTime = clock(12, 0);
/// With a night and a day ("vrijdagnacht 3 uur"), a time before this is after midnight.
const NIGHT_ENDS: NaiveTime = clock(6, 0);

/// The parts of a day, and the one table of what each means: see [the module
/// docs](self#day-parts).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Part {
    Morning,
    Afternoon,
    Evening,
    Night,
}

impl Part {
    /// The time the part stands for when the phrase names no time ("morgenochtend").
    const fn time(self) -> NaiveTime {
        match self {
            Part::Morning => clock(9, 0),
            Part::Afternoon => clock(14, 0),
            Part::Evening => clock(19, 0),
            Part::Night => clock(23, 0),
        }
    }

    /// An hour typed without am/pm, read in this part ("'s avonds 8" is 20).
    const fn hour(self, hour: u32) -> u32 {
        match (self, hour) {
            (Part::Afternoon | Part::Evening, 1..=11) | (Part::Night, 6..=11) => hour + 12,
            (Part::Night, 12) => 0,
            _ => hour,
        }
    }
}

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

/// What [`read_phrase`] read: the instant, and what it assumed on the way there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reading {
    pub at: DateTime<Utc>,
    pub notes: Vec<Note>,
}

/// Something a reading assumed that the user may want to see next to the result.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Note {
    /// A numeric date whose numbers could both be the month was read day first: "09/03"
    /// is 9 March.
    DayFirst { day: u32, month: u32 },
    /// A two-digit year was completed in the direction of the field: "3/3/94" leaning
    /// back is 1994.
    TwoDigitYear { typed: u32, year: i32 },
    /// Month arithmetic from `from` ran past the end of a shorter month and took its last
    /// day: 31 January + 1 month is 28 February.
    MonthEnd { from: NaiveDate, landed: NaiveDate },
    /// Midnight is the end of `day`: 24:00, which is 00:00 on the day after.
    Midnight { day: NaiveDate },
    /// "voor vrijdag" / "before friday" is the end of the working day before `named`.
    WorkingDayBefore { named: NaiveDate, landed: NaiveDate },
    /// An approximate phrase ("about an hour", "een uur of twee", "a few days") was read
    /// as exactly the amount it names.
    Approximate,
}

impl fmt::Display for Note {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Note::DayFirst { day, month } => {
                let name = NaiveDate::from_ymd_opt(2000, *month, 1).map(|d| d.format("%B").to_string());
                write!(
                    f,
                    "read {day:02}/{month:02} day first, as {day} {}",
                    name.unwrap_or_default()
                )
            }
            Note::TwoDigitYear { typed, year } => write!(f, "read the year {typed:02} as {year}"),
            Note::MonthEnd { from, landed } => write!(
                f,
                "{} has no day {}: took its last day, {}",
                landed.format("%B %Y"),
                from.day(),
                landed.format("%-d %B")
            ),
            Note::Midnight { day } => write!(
                f,
                "midnight is the end of {}: 00:00 on {}",
                day.format("%a %-d %b"),
                day.succ_opt().unwrap_or(*day).format("%a %-d %b")
            ),
            Note::WorkingDayBefore { named, landed } => write!(
                f,
                "before {} is the end of the working day before it, {}",
                named.format("%a %-d %b"),
                landed.format("%a %-d %b")
            ),
            Note::Approximate => write!(f, "read an approximate amount as exact"),
        }
    }
}

/// Reads a date phrase such as "vrijdag 12:00", "tomorrow 9am", "1 dec", "2026-12-01 14:00",
/// "over 3 dagen", "2 hours ago", "next friday" or "eind van de week" into an instant.
/// The same as [`read_phrase`] without its notes.
pub fn parse(phrase: &str, cx: &DateContext) -> Result<DateTime<Utc>, DateError> {
    read_phrase(phrase, cx).map(|reading| reading.at)
}

/// Reads a date phrase into an instant, with [`Note`]s on what it assumed.
///
/// Past or future results are both returned; whether one is acceptable is the caller's call.
/// Every result lies within [`window`] of `cx.now`; anything further is [`DateError::TooFar`].
///
/// How the less explicit phrases resolve:
/// - A bare time ("14:00", "'s avonds", "middernacht") is today at that time. Leaning to
///   the future, a time already gone moves to tomorrow; leaning to the past, a time still
///   ahead moves to yesterday.
/// - A bare weekday is the nearest such day in the direction of the lean; today counts when
///   its instant (given or default time) is after now leaning ahead, or not after now
///   leaning back.
/// - A day and month without year is the next occurrence (leaning ahead) or the latest one
///   (leaning back); today's date counts as this year either way. "de 19e" / "the 19th" is
///   the next (or latest) 19th the same way, skipping months too short for it; "de 1e van
///   volgende maand" is that day of that month, refused if the month lacks it.
/// - A numeric date is day first ("09/03" is 9 March, with [`Note::DayFirst`]); a two-digit
///   year is the latest such year leaning back and the first one from this year on leaning
///   ahead ([`Note::TwoDigitYear`]).
/// - "today"/"vandaag" without time is now leaning back, and today at the default time
///   leaning ahead. "now", "nu", "zojuist", "net", "just now" and "a moment ago" are
///   `cx.now` exactly.
/// - "next friday" is the Friday of the next ISO week, "this friday" that of the current
///   one, "last friday" the latest Friday before today. "next week" alone is its Monday,
///   "volgende maand" / "next month" the 1st of next month and "volgend jaar" / "next year"
///   1 January, each at the default time; "vorige" / "last" go back the same way.
///   "weekend" is Saturday, "volgend weekend" next week's.
/// - Parts of a period: begin, half/midden/medio/mid, eind/end of a week (Monday,
///   Wednesday, Friday), a month (the 1st, the 15th, the last day; "begin januari", "half
///   maart", "end of next month") or a year (1 January, 1 July, 31 December). The end is at
///   [`END_OF_DAY`], the others at the default time. Leaning ahead, a part of the current
///   week, month or year already past moves on by one; a named month without a year is
///   the next (or latest) one whose day has not passed, today counting.
/// - "end of day" is today at [`END_OF_DAY`].
/// - Spans: see [the module docs](self#spans). "in 3 days" lands on that day at the
///   default time; "in 2 hours" is exactly two hours on. "binnen 2 weken" / "within 2
///   weeks" is the end of the span, the same as "over 2 weken".
/// - "na het weekend" / "after the weekend" is Monday: leaning ahead the first Monday
///   after today, leaning back the nearest one.
/// - "voor vrijdag" / "before friday" is the end of the working day before it: Thursday
///   at [`END_OF_DAY`] ([`Note::WorkingDayBefore`]), and a bare weekday picks the nearest
///   Friday whose Thursday fits the lean. With a time ("voor vrijdag 12:00") it is that
///   time on Friday. "by friday" and "uiterlijk vrijdag" mean that Friday.
/// - A phrase the product rendered ("za 28 nov 2026 12:00 CET") reads back to the instant
///   it shows, its zone abbreviation choosing between the two readings of a repeated hour.
pub fn read_phrase(phrase: &str, cx: &DateContext) -> Result<Reading, DateError> {
    let tokens = tokenize(phrase)?;
    let mut notes = Vec::new();
    let at = read(&tokens)?.resolve(cx, &mut notes)?;
    if !window(cx.now).contains(&at) {
        Err(TooFar)
    } else if YEARS.contains(&at.year()) {
        Ok(Reading { at, notes })
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
/// "30 min", "1 week", "90 minuten", "3h", "1d2h", "1,5 uur", "een kwartier", optionally
/// followed by "before" / "van tevoren". Every `N h` / `N uur` is hours here, never a
/// clock time. Returns a positive chrono::Duration of at most [`max_span`].
///
/// Months and years are refused as unreadable: they have no fixed length. A zero span is
/// `NoSuchDate`; one longer than ten years is `TooFar`.
pub fn parse_span(phrase: &str) -> Result<Duration, DateError> {
    let mut tokens = tokenize(phrase)?;
    // "1 day before", "1 dag van tevoren": a heads-up is always before.
    if tokens.len() > 1 && tokens.last() == Some(&lexer::Tok::W(W::Before)) {
        tokens.pop();
    }
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
