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

use std::ops::RangeInclusive;

use chrono::{
    DateTime, Datelike, Days, Duration, LocalResult, Months, NaiveDate, NaiveDateTime, NaiveTime, Offset,
    TimeZone, Timelike, Utc, Weekday,
};
use chrono_tz::Tz;

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
    /// Amounts too large for the calendar ("in 99999999999 days") land here too.
    NoSuchDate,
}

use DateError::{Empty, NoSuchDate, Unreadable};

/// The close of a working day: what "end of day", "end of week" and "end of month"
/// resolve to when no time is given.
pub const END_OF_DAY: NaiveTime = clock(17, 0);
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
    if YEARS.contains(&instant.year()) {
        Ok(instant)
    } else {
        Err(NoSuchDate)
    }
}

/// A duration phrase for "remind me this long before": "1 day", "1 dag", "2 hours", "2 uur",
/// "30 min", "1 week", "90 minuten". Returns a positive chrono::Duration.
///
/// Months and years are refused as unreadable: they have no fixed length. A zero span is
/// `NoSuchDate`, as is one too long to represent.
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
        .ok_or(NoSuchDate)?;
    if minutes == 0 {
        return Err(NoSuchDate);
    }
    i64::try_from(minutes)
        .ok()
        .and_then(Duration::try_minutes)
        .ok_or(NoSuchDate)
}

// ---------------------------------------------------------------------------------------
// Lexing and classification

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Raw<'a> {
    Word(&'a str),
    /// Value (saturated, so absurd numbers stay absurd) and digit count.
    Num(u64, usize),
    Sym(char),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tok {
    Num(u64, usize),
    Sym(char),
    W(W),
}

/// The shared vocabulary both languages map onto.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum W {
    Now,
    /// Days from today: tomorrow is 1, eergisteren -2.
    Rel(i8),
    Weekday(Weekday),
    Month(u32),
    Daypart(NaiveTime),
    Noon,
    Eod,
    Next,
    This,
    Last,
    In,
    Ago,
    End,
    And,
    Unit(Unit),
    /// "uur" is both a unit ("over 2 uur") and a clock suffix ("9 uur").
    Uur,
    /// "u" and "h": clock suffixes ("9u", "14h30") or hour units ("2h").
    U,
    Am,
    Pm,
    /// The ISO date/time separator.
    T,
    /// Ordinal suffixes: 1st, 2nd, 3rd, 4th, 1e, 1ste.
    Ord,
    /// a, an, een: the number one.
    A,
    Count(u8),
    Half,
    OneAndHalf,
    /// "at", "om", "@": meaningless in itself, but it ends a list of amounts, so that
    /// "over 3 dagen om 14 uur" is 14:00 and not three days and fourteen hours.
    At,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Unit {
    Minute,
    Hour,
    Day,
    Week,
    Month,
    Year,
}

enum Entry {
    One(W),
    Two(W, W),
    Filler,
}

fn tokenize(phrase: &str) -> Result<Vec<Tok>, DateError> {
    let text = phrase.trim();
    if text.is_empty() {
        return Err(Empty);
    }
    if text.len() > MAX_PHRASE_BYTES {
        return Err(Unreadable);
    }
    let lower = text.to_lowercase();
    let raw = lex(&lower)?;
    let mut tokens = Vec::with_capacity(raw.len() + 2);
    let mut i = 0;
    while let Some(rest) = raw.get(i..) {
        let Some(&first) = rest.first() else {
            break;
        };
        if let Some((w, used)) = fixed_expression(rest) {
            tokens.push(Tok::W(w));
            i += used;
            continue;
        }
        match first {
            Raw::Num(value, digits) => tokens.push(Tok::Num(value, digits)),
            Raw::Sym(c) => tokens.push(Tok::Sym(c)),
            Raw::Word(word) => match lookup(word).or_else(|| compound(word)) {
                Some(Entry::One(w)) => tokens.push(Tok::W(w)),
                Some(Entry::Two(a, b)) => tokens.extend([Tok::W(a), Tok::W(b)]),
                Some(Entry::Filler) => {}
                None => return Err(Unreadable),
            },
        }
        i += 1;
    }
    Ok(tokens)
}

fn lex(text: &str) -> Result<Vec<Raw<'_>>, DateError> {
    let mut out = Vec::with_capacity(8);
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if c.is_alphabetic() {
            let mut end = start + c.len_utf8();
            while let Some(&(i, next)) = chars.peek() {
                if !next.is_alphabetic() {
                    break;
                }
                end = i + next.len_utf8();
                chars.next();
            }
            out.push(Raw::Word(text.get(start..end).ok_or(Unreadable)?));
        } else if let Some(first) = c.to_digit(10) {
            let mut value = u64::from(first);
            let mut digits = 1;
            while let Some(d) = chars.peek().and_then(|&(_, next)| next.to_digit(10)) {
                value = value.saturating_mul(10).saturating_add(u64::from(d));
                digits += 1;
                chars.next();
            }
            out.push(Raw::Num(value, digits));
        } else if c == '@' {
            out.push(Raw::Word("at"));
        } else if c.is_whitespace() || matches!(c, ',' | '\'' | '\u{2018}' | '\u{2019}') {
            // Separators only; the apostrophe belongs to "'s avonds".
        } else if c == '.' && matches!(out.last(), Some(Raw::Word(_))) {
            // The dot of an abbreviation: "dec.", "a.m.".
        } else if matches!(c, '-' | '/' | ':' | '.') {
            out.push(Raw::Sym(c));
        } else {
            return Err(Unreadable);
        }
    }
    Ok(out)
}

/// Word groups whose words would mean something else apart: "before" is otherwise filler
/// and "a" otherwise the number one.
fn fixed_expression(raw: &[Raw]) -> Option<(W, usize)> {
    match raw {
        [Raw::Word("day"), Raw::Word("after"), Raw::Word("tomorrow"), ..] => Some((W::Rel(2), 3)),
        [Raw::Word("day"), Raw::Word("before"), Raw::Word("yesterday"), ..] => Some((W::Rel(-2), 3)),
        [Raw::Word("a"), Raw::Word("m"), ..] => Some((W::Am, 2)),
        [Raw::Word("p"), Raw::Word("m"), ..] => Some((W::Pm, 2)),
        _ => None,
    }
}

fn lookup(word: &str) -> Option<Entry> {
    use Entry::{Filler, One, Two};
    let unit = |u| One(W::Unit(u));
    let entry = match word {
        "now" | "nu" => One(W::Now),
        "today" | "vandaag" => One(W::Rel(0)),
        "tomorrow" | "morgen" => One(W::Rel(1)),
        "overmorgen" => One(W::Rel(2)),
        "yesterday" | "gisteren" => One(W::Rel(-1)),
        "eergisteren" => One(W::Rel(-2)),
        "tonight" | "vanavond" => Two(W::Rel(0), W::Daypart(EVENING)),
        "vanmiddag" => Two(W::Rel(0), W::Daypart(AFTERNOON)),
        "vanochtend" | "vanmorgen" => Two(W::Rel(0), W::Daypart(MORNING)),
        "morning" | "ochtend" | "ochtends" | "morgens" => One(W::Daypart(MORNING)),
        "afternoon" | "middag" | "middags" => One(W::Daypart(AFTERNOON)),
        "evening" | "avond" | "avonds" => One(W::Daypart(EVENING)),
        "noon" => One(W::Noon),
        "eod" => One(W::Eod),

        "monday" | "mon" | "maandag" | "ma" => One(W::Weekday(Weekday::Mon)),
        "tuesday" | "tue" | "tues" | "dinsdag" | "di" => One(W::Weekday(Weekday::Tue)),
        "wednesday" | "wed" | "woensdag" | "wo" => One(W::Weekday(Weekday::Wed)),
        "thursday" | "thu" | "thur" | "thurs" | "donderdag" | "do" => One(W::Weekday(Weekday::Thu)),
        "friday" | "fri" | "vrijdag" | "vr" => One(W::Weekday(Weekday::Fri)),
        "saturday" | "sat" | "zaterdag" | "za" => One(W::Weekday(Weekday::Sat)),
        "sunday" | "sun" | "zondag" | "zo" => One(W::Weekday(Weekday::Sun)),

        "januari" | "january" | "jan" => One(W::Month(1)),
        "februari" | "february" | "feb" => One(W::Month(2)),
        "maart" | "march" | "mrt" | "maa" | "mar" => One(W::Month(3)),
        "april" | "apr" => One(W::Month(4)),
        "mei" | "may" => One(W::Month(5)),
        "juni" | "june" | "jun" => One(W::Month(6)),
        "juli" | "july" | "jul" => One(W::Month(7)),
        "augustus" | "august" | "aug" => One(W::Month(8)),
        "september" | "sep" | "sept" => One(W::Month(9)),
        "oktober" | "october" | "okt" | "oct" => One(W::Month(10)),
        "november" | "nov" => One(W::Month(11)),
        "december" | "dec" => One(W::Month(12)),

        "next" | "volgende" | "komende" => One(W::Next),
        "this" | "deze" | "dit" => One(W::This),
        "last" | "vorige" | "afgelopen" | "previous" => One(W::Last),
        "in" | "over" => One(W::In),
        "ago" | "geleden" => One(W::Ago),
        "end" | "eind" | "einde" => One(W::End),
        "and" | "en" => One(W::And),

        "minute" | "minutes" | "min" | "mins" | "minuut" | "minuten" => unit(Unit::Minute),
        "hour" | "hours" | "hr" | "hrs" | "uren" => unit(Unit::Hour),
        "day" | "days" | "dag" | "dagen" => unit(Unit::Day),
        "week" | "weeks" | "weken" | "wk" => unit(Unit::Week),
        "month" | "months" | "maand" | "maanden" | "mnd" => unit(Unit::Month),
        "year" | "years" | "yr" | "jaar" | "jaren" => unit(Unit::Year),
        "uur" => One(W::Uur),
        "u" | "h" => One(W::U),
        "am" => One(W::Am),
        "pm" => One(W::Pm),
        "t" => One(W::T),
        "st" | "nd" | "rd" | "th" | "e" | "ste" => One(W::Ord),

        "a" | "an" | "een" | "één" => One(W::A),
        "half" => One(W::Half),
        "anderhalf" => One(W::OneAndHalf),
        "one" => One(W::Count(1)),
        "two" | "twee" => One(W::Count(2)),
        "three" | "drie" => One(W::Count(3)),
        "four" | "vier" => One(W::Count(4)),
        "five" | "vijf" => One(W::Count(5)),
        "six" | "zes" => One(W::Count(6)),
        "seven" | "zeven" => One(W::Count(7)),
        "eight" | "acht" => One(W::Count(8)),
        "nine" | "negen" => One(W::Count(9)),
        "ten" | "tien" => One(W::Count(10)),
        "eleven" | "elf" => One(W::Count(11)),
        "twelve" | "twaalf" => One(W::Count(12)),

        "at" | "om" => One(W::At),
        // "voor vrijdag" and "by friday" name the same day as "vrijdag"; "s" is what is
        // left of "'s avonds".
        "on" | "op" | "the" | "de" | "het" | "of" | "van" | "voor" | "before" | "by" | "uiterlijk" | "s" => {
            Filler
        }
        _ => return None,
    };
    Some(entry)
}

/// Dutch writes day and daypart as one word: "morgenochtend", "vrijdagmiddag".
fn compound(word: &str) -> Option<Entry> {
    const PARTS: [(&str, NaiveTime); 4] = [
        ("ochtend", MORNING),
        ("morgen", MORNING),
        ("middag", AFTERNOON),
        ("avond", EVENING),
    ];
    PARTS
        .iter()
        .find_map(|&(suffix, time)| match lookup(word.strip_suffix(suffix)?)? {
            Entry::One(day @ (W::Rel(_) | W::Weekday(_))) => Some(Entry::Two(day, W::Daypart(time))),
            _ => None,
        })
}

// ---------------------------------------------------------------------------------------
// Reading tokens into a day and a time of day

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Day {
    Now,
    Date {
        year: Option<i32>,
        month: u32,
        day: u32,
    },
    Rel(i64),
    Weekday(Weekday, WeekRef),
    /// Monday of the week this many weeks from the current one.
    WeekStart(i64),
    Shift {
        back: bool,
        amount: Amount,
    },
    /// Friday of the week this many weeks from the current one.
    EndOfWeek(i64),
    /// Last day of the month this many months from the current one.
    EndOfMonth(i64),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum WeekRef {
    /// A bare weekday: the nearest one in the direction of the lean.
    Nearest,
    /// In the ISO week this many weeks from the current one.
    Week(i64),
    /// Strictly before today ("last friday").
    Before,
}

/// Amounts saturate rather than overflow: an absurd amount stays absurd, and the checked
/// conversions where it is used refuse it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Amount {
    months: u64,
    days: u64,
    minutes: u64,
}

impl Amount {
    fn of(n: u64, unit: Unit) -> Self {
        let mut amount = Self::default();
        match unit {
            Unit::Minute => amount.minutes = n,
            Unit::Hour => amount.minutes = n.saturating_mul(60),
            Unit::Day => amount.days = n,
            Unit::Week => amount.days = n.saturating_mul(7),
            Unit::Month => amount.months = n,
            Unit::Year => amount.months = n.saturating_mul(12),
        }
        amount
    }

    fn plus(self, other: Self) -> Self {
        Self {
            months: self.months.saturating_add(other.months),
            days: self.days.saturating_add(other.days),
            minutes: self.minutes.saturating_add(other.minutes),
        }
    }
}

enum Piece {
    Day(Day),
    /// A clock time, and whether it carried am/pm.
    Clock(NaiveTime, bool),
    Eod,
    Daypart(NaiveTime),
    DayWithDaypart(Day, NaiveTime),
}

type Match = Result<Option<(Piece, usize)>, DateError>;

/// What a phrase said, before it meets the clock.
#[derive(Default)]
struct Reading {
    day: Option<Day>,
    clock: Option<NaiveTime>,
    /// The clock time is beyond doubt (it said am/pm, or is noon or end of day), so no
    /// daypart moves it.
    meridiem: bool,
    /// "end of day" alone means today, whatever the lean.
    eod: bool,
    daypart: Option<NaiveTime>,
    /// A weekday written next to a date ("vrijdag 4 december") must agree with it.
    weekday: Option<Weekday>,
}

fn read(tokens: &[Tok]) -> Result<Reading, DateError> {
    // Order matters where patterns share a start: "1-12" is a date before "1" can be an
    // hour, and "2 uur geleden" an offset before "2 uur" can be a clock time.
    const MATCHERS: [fn(&[Tok]) -> Match; 6] = [
        numeric_date,
        shift_ago,
        shift_in,
        day_month,
        clock_time,
        word_piece,
    ];
    let mut reading = Reading::default();
    let mut rest = tokens;
    if rest.is_empty() {
        return Err(Unreadable);
    }
    while !rest.is_empty() {
        if word(rest, 0) == Some(W::At) {
            rest = rest.get(1..).unwrap_or_default();
            continue;
        }
        let mut found = None;
        for matcher in MATCHERS {
            found = matcher(rest)?;
            if found.is_some() {
                break;
            }
        }
        let (piece, used) = found.ok_or(Unreadable)?;
        reading.add(piece)?;
        rest = rest.get(used.max(1)..).unwrap_or_default();
    }
    Ok(reading)
}

fn num(t: &[Tok], i: usize) -> Option<(u64, usize)> {
    match t.get(i) {
        Some(&Tok::Num(value, digits)) => Some((value, digits)),
        _ => None,
    }
}

fn sym(t: &[Tok], i: usize) -> Option<char> {
    match t.get(i) {
        Some(&Tok::Sym(c)) => Some(c),
        _ => None,
    }
}

fn word(t: &[Tok], i: usize) -> Option<W> {
    match t.get(i) {
        Some(&Tok::W(w)) => Some(w),
        _ => None,
    }
}

/// `2026-12-01`, `1-12`, `1/12/2026`, `01-12-26`, `1.12.2026`; day before month.
fn numeric_date(t: &[Tok]) -> Match {
    let (Some((a, a_digits)), Some(sep @ ('-' | '/' | '.')), Some((b, b_digits))) =
        (num(t, 0), sym(t, 1), num(t, 2))
    else {
        return Ok(None);
    };
    let third = match (sym(t, 3), num(t, 4)) {
        (Some(s), Some(c)) if s == sep => Some(c),
        _ => None,
    };
    let short = a_digits <= 2 && b_digits <= 2;
    let (year, month, day) = match third {
        // Two numbers joined by a dot are a Dutch clock time: "14.30".
        None if sep == '.' => return Ok(None),
        None if short => (None, b, a),
        Some((c, c_digits)) if a_digits == 4 && b_digits <= 2 && c_digits <= 2 => (Some(a), b, c),
        Some((c, 4)) if short => (Some(c), b, a),
        Some((c, 2)) if short => (Some(2000 + c), b, a),
        _ => return Err(Unreadable),
    };
    let mut used = if third.is_some() { 5 } else { 3 };
    if word(t, used) == Some(W::T) && num(t, used + 1).is_some() {
        used += 1;
    }
    Ok(Some((Piece::Day(date_day(year, month, day)?), used)))
}

fn date_day(year: Option<u64>, month: u64, day: u64) -> Result<Day, DateError> {
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return Err(NoSuchDate);
    }
    let month = u32::try_from(month).map_err(|_| NoSuchDate)?;
    let day = u32::try_from(day).map_err(|_| NoSuchDate)?;
    let year = match year {
        None => None,
        Some(year) => {
            let year = i32::try_from(year).map_err(|_| NoSuchDate)?;
            NaiveDate::from_ymd_opt(year, month, day).ok_or(NoSuchDate)?;
            Some(year)
        }
    };
    Ok(Day::Date { year, month, day })
}

/// `1 dec`, `1st december`, `dec 1`, `december 1st 2026`.
fn day_month(t: &[Tok]) -> Match {
    let (day, digits, month, used) = match (t.first(), word(t, 1), word(t, 2)) {
        (Some(&Tok::Num(d, n)), Some(W::Month(m)), _) => (d, n, m, 2),
        (Some(&Tok::Num(d, n)), Some(W::Ord), Some(W::Month(m))) => (d, n, m, 3),
        (Some(&Tok::W(W::Month(m))), _, _) => match (num(t, 1), word(t, 2)) {
            (Some((d, n)), Some(W::Ord)) => (d, n, m, 3),
            (Some((d, n)), _) => (d, n, m, 2),
            (None, _) => return Err(Unreadable),
        },
        _ => return Ok(None),
    };
    if digits > 2 {
        return Err(Unreadable);
    }
    // Only four digits make a year: "dec 1 14:00" must keep its hour.
    let (year, used) = match num(t, used) {
        Some((year, 4)) => (Some(year), used + 1),
        _ => (None, used),
    };
    Ok(Some((Piece::Day(date_day(year, u64::from(month), day)?), used)))
}

/// `14:00`, `14.00 uur`, `14:00:30`, `9u`, `14u30`, `14h`, `9 uur`, `9am`, `2:30 pm`, `noon`.
fn clock_time(t: &[Tok]) -> Match {
    if word(t, 0) == Some(W::Noon) {
        return Ok(Some((Piece::Clock(NOON, true), 1)));
    }
    let Some((hour, hour_digits)) = num(t, 0) else {
        return Ok(None);
    };
    let (minute, second, mut used, suffix_allowed) = match (sym(t, 1), word(t, 1)) {
        (Some(':' | '.'), _) => {
            let Some((minute, 2)) = num(t, 2) else {
                return Err(Unreadable);
            };
            match (sym(t, 3), num(t, 4)) {
                (Some(':'), Some((second, 2))) => (minute, second, 5, true),
                (Some(':'), _) => return Err(Unreadable),
                _ => (minute, 0, 3, true),
            }
        }
        (_, Some(W::U)) => match num(t, 2) {
            Some((minute, 2)) => (minute, 0, 3, false),
            Some(_) => return Err(Unreadable),
            None => (0, 0, 2, false),
        },
        (_, Some(W::Uur)) => (0, 0, 2, false),
        (_, Some(W::Am | W::Pm)) => (0, 0, 1, true),
        _ => return Ok(None),
    };
    if hour_digits > 2 {
        return Err(Unreadable);
    }
    let mut hour = hour;
    let mut meridiem = false;
    if suffix_allowed {
        match word(t, used) {
            Some(half @ (W::Am | W::Pm)) => {
                if !(1..=12).contains(&hour) {
                    return Err(NoSuchDate);
                }
                hour = hour % 12 + if half == W::Pm { 12 } else { 0 };
                meridiem = true;
                used += 1;
            }
            Some(W::Uur) => used += 1,
            _ => {}
        }
    }
    let part = |value: u64| u32::try_from(value).map_err(|_| NoSuchDate);
    let time = NaiveTime::from_hms_opt(part(hour)?, part(minute)?, part(second)?).ok_or(NoSuchDate)?;
    Ok(Some((Piece::Clock(time, meridiem), used)))
}

/// One or more amounts: "3 days", "een half uur", "1 hour and 30 minutes".
fn amounts(t: &[Tok]) -> Option<(Amount, usize)> {
    let mut total = Amount::default();
    let mut used = 0;
    while let Some((one, n)) = t.get(used..).and_then(amount) {
        total = total.plus(one);
        used += n;
        let more = t.get(used + 1..).and_then(amount).is_some();
        if word(t, used) == Some(W::And) && more {
            used += 1;
        }
    }
    (used > 0).then_some((total, used))
}

fn amount(t: &[Tok]) -> Option<(Amount, usize)> {
    let is_hour = |w: Option<W>| matches!(w, Some(W::Uur | W::U | W::Unit(Unit::Hour)));
    let minutes = |minutes| Amount {
        minutes,
        ..Amount::default()
    };
    match (word(t, 0), word(t, 1), word(t, 2)) {
        (Some(W::A), Some(W::Half), hour) if is_hour(hour) => return Some((minutes(30), 3)),
        (Some(W::Half), Some(W::A), hour) if is_hour(hour) => return Some((minutes(30), 3)),
        (Some(W::Half), hour, _) if is_hour(hour) => return Some((minutes(30), 2)),
        (Some(W::OneAndHalf), hour, _) if is_hour(hour) => return Some((minutes(90), 2)),
        _ => {}
    }
    let n = match t.first()? {
        &Tok::Num(n, _) => n,
        Tok::W(W::A) => 1,
        &Tok::W(W::Count(n)) => u64::from(n),
        _ => return None,
    };
    let unit = match word(t, 1)? {
        W::Unit(unit) => unit,
        W::Uur | W::U => Unit::Hour,
        _ => return None,
    };
    Some((Amount::of(n, unit), 2))
}

/// `3 days ago`, `2 uur geleden`.
fn shift_ago(t: &[Tok]) -> Match {
    match amounts(t) {
        Some((amount, used)) if word(t, used) == Some(W::Ago) => {
            Ok(Some((Piece::Day(Day::Shift { back: true, amount }), used + 1)))
        }
        _ => Ok(None),
    }
}

/// `in 3 days`, `over een half uur`, and the daypart of "morgen in de middag".
fn shift_in(t: &[Tok]) -> Match {
    if word(t, 0) != Some(W::In) {
        return Ok(None);
    }
    if let Some(W::Daypart(time)) = word(t, 1) {
        return Ok(Some((Piece::Daypart(time), 2)));
    }
    let (amount, used) = t.get(1..).and_then(amounts).ok_or(Unreadable)?;
    Ok(Some((Piece::Day(Day::Shift { back: false, amount }), used + 1)))
}

/// Words that start a piece: relative days, weekdays, dayparts, week modifiers, period ends.
fn word_piece(t: &[Tok]) -> Match {
    let Some(first) = word(t, 0) else {
        return Ok(None);
    };
    let piece = match first {
        W::Now => (Piece::Day(Day::Now), 1),
        W::Rel(n) => (Piece::Day(Day::Rel(i64::from(n))), 1),
        W::Daypart(time) => (Piece::Daypart(time), 1),
        W::Eod => (Piece::Eod, 1),
        // "vrijdag volgende week" is the Friday of next week.
        W::Weekday(wd) => match week_ref(t, 1) {
            Some(k) => (Piece::Day(Day::Weekday(wd, WeekRef::Week(k))), 3),
            None => (Piece::Day(Day::Weekday(wd, WeekRef::Nearest)), 1),
        },
        W::Next | W::This | W::Last => match (week_ref(t, 0), word(t, 1), word(t, 2)) {
            (Some(k), _, Some(W::Weekday(wd))) => (Piece::Day(Day::Weekday(wd, WeekRef::Week(k))), 3),
            (Some(0), _, _) => return Err(Unreadable),
            (Some(k), _, _) => (Piece::Day(Day::WeekStart(k)), 2),
            (None, Some(W::Weekday(wd)), _) => {
                let r = match first {
                    W::Next => WeekRef::Week(1),
                    W::This => WeekRef::Week(0),
                    _ => WeekRef::Before,
                };
                (Piece::Day(Day::Weekday(wd, r)), 2)
            }
            (None, Some(W::Daypart(time)), _) if first == W::This => {
                (Piece::DayWithDaypart(Day::Rel(0), time), 2)
            }
            _ => return Err(Unreadable),
        },
        W::End => return end_of(t),
        _ => return Ok(None),
    };
    Ok(Some(piece))
}

/// "next week", "deze week", "vorige week" at `i`: weeks from the current one.
fn week_ref(t: &[Tok], i: usize) -> Option<i64> {
    let k = match word(t, i)? {
        W::Next => 1,
        W::This => 0,
        W::Last => -1,
        _ => return None,
    };
    (word(t, i + 1)? == W::Unit(Unit::Week)).then_some(k)
}

/// `end of day`, `eind van de week`, `eind volgende week`, `einde maand`.
fn end_of(t: &[Tok]) -> Match {
    let (k, i) = match word(t, 1) {
        Some(W::Next) => (1, 2),
        Some(W::This) => (0, 2),
        Some(W::Last) => (-1, 2),
        _ => (0, 1),
    };
    let piece = match word(t, i) {
        Some(W::Unit(Unit::Day)) if i == 1 => Piece::Eod,
        Some(W::Unit(Unit::Week)) => Piece::Day(Day::EndOfWeek(k)),
        Some(W::Unit(Unit::Month)) => Piece::Day(Day::EndOfMonth(k)),
        _ => return Err(Unreadable),
    };
    Ok(Some((piece, i + 1)))
}

fn set_once<T>(slot: &mut Option<T>, value: T) -> Result<(), DateError> {
    if slot.is_some() {
        return Err(Unreadable);
    }
    *slot = Some(value);
    Ok(())
}

impl Reading {
    fn add(&mut self, piece: Piece) -> Result<(), DateError> {
        match piece {
            Piece::Day(day) => self.set_day(day),
            Piece::Clock(time, meridiem) => {
                self.meridiem = meridiem;
                set_once(&mut self.clock, time)
            }
            Piece::Eod => {
                self.eod = true;
                self.meridiem = true;
                set_once(&mut self.clock, END_OF_DAY)
            }
            Piece::Daypart(time) => set_once(&mut self.daypart, time),
            Piece::DayWithDaypart(day, time) => {
                self.set_day(day)?;
                set_once(&mut self.daypart, time)
            }
        }
    }

    fn set_day(&mut self, day: Day) -> Result<(), DateError> {
        let day = match (self.day, day) {
            (None, day) => day,
            (Some(Day::Weekday(wd, WeekRef::Nearest)), date @ Day::Date { .. })
            | (Some(date @ Day::Date { .. }), Day::Weekday(wd, WeekRef::Nearest)) => {
                set_once(&mut self.weekday, wd)?;
                date
            }
            _ => return Err(Unreadable),
        };
        self.day = Some(day);
        Ok(())
    }

    /// The clock time if there is one, read in the afternoon when an afternoon or evening
    /// daypart says so ("vanavond 8 uur"); else the daypart.
    fn time_of_day(&self) -> Option<NaiveTime> {
        match (self.clock, self.daypart) {
            (Some(clock), Some(part))
                if !self.meridiem && part >= AFTERNOON && (1..12).contains(&clock.hour()) =>
            {
                clock.with_hour(clock.hour() + 12)
            }
            (Some(clock), _) => Some(clock),
            (None, part) => part,
        }
    }

    fn resolve(self, cx: &DateContext) -> Result<DateTime<Utc>, DateError> {
        let local = local_now(cx)?;
        let today = local.date();
        let time = self.time_of_day();
        let named = time.unwrap_or(cx.default_time);
        let at = |date: NaiveDate, time: NaiveTime| at_local(cx.zone, date, time);

        let Some(day) = self.day else {
            let time = time.ok_or(Unreadable)?;
            return if self.eod {
                at(today, time)
            } else {
                nearest(cx, today, time, 1)
            };
        };
        let monday = add_days(today, -i64::from(today.weekday().num_days_from_monday()))?;
        match day {
            Day::Now if time.is_none() => Ok(cx.now),
            Day::Now => Err(Unreadable),
            Day::Date { year, month, day } => {
                let date = match year {
                    Some(year) => NaiveDate::from_ymd_opt(year, month, day).ok_or(NoSuchDate)?,
                    None => nearest_yearly(cx.lean, today, month, day)?,
                };
                if self.weekday.is_some_and(|wd| wd != date.weekday()) {
                    return Err(NoSuchDate);
                }
                at(date, named)
            }
            Day::Rel(0) if time.is_none() => match cx.lean {
                Lean::Past => Ok(cx.now),
                Lean::Future => at(today, cx.default_time),
            },
            Day::Rel(n) => at(add_days(today, n)?, named),
            Day::Weekday(wd, r) => {
                let target = i64::from(wd.num_days_from_monday());
                let ahead = (target - i64::from(today.weekday().num_days_from_monday())).rem_euclid(7);
                match (r, ahead, cx.lean) {
                    (WeekRef::Week(k), _, _) => at(add_days(monday, 7 * k + target)?, named),
                    (WeekRef::Before, _, _) => at(add_days(today, ahead - 7)?, named),
                    (WeekRef::Nearest, 0, _) => nearest(cx, today, named, 7),
                    (WeekRef::Nearest, _, Lean::Future) => at(add_days(today, ahead)?, named),
                    (WeekRef::Nearest, _, Lean::Past) => at(add_days(today, ahead - 7)?, named),
                }
            }
            Day::WeekStart(k) => at(add_days(monday, 7 * k)?, named),
            Day::Shift { back, amount } => shift(cx, local, back, amount, time),
            Day::EndOfWeek(k) => {
                let time = time.unwrap_or(END_OF_DAY);
                let friday = add_days(monday, 7 * k + 4)?;
                let first = at(friday, time)?;
                if k == 0 && cx.lean == Lean::Future && first <= cx.now {
                    at(add_days(friday, 7)?, time)
                } else {
                    Ok(first)
                }
            }
            Day::EndOfMonth(k) => {
                let time = time.unwrap_or(END_OF_DAY);
                let first = at(month_end(today, k)?, time)?;
                if k == 0 && cx.lean == Lean::Future && first <= cx.now {
                    at(month_end(today, 1)?, time)
                } else {
                    Ok(first)
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// Calendar arithmetic

/// The local wall-clock reading of `cx.now`.
fn local_now(cx: &DateContext) -> Result<NaiveDateTime, DateError> {
    let utc = cx.now.naive_utc();
    let offset = cx.zone.offset_from_utc_datetime(&utc).fix();
    let local = utc.checked_add_offset(offset).ok_or(NoSuchDate)?;
    if YEARS.contains(&local.year()) {
        Ok(local)
    } else {
        Err(NoSuchDate)
    }
}

/// The instant of a local date and time in `zone`, stepping over DST gaps and taking the
/// first of two readings in a DST overlap.
pub fn at_local(zone: Tz, date: NaiveDate, time: NaiveTime) -> Result<DateTime<Utc>, DateError> {
    if !YEARS.contains(&date.year()) {
        return Err(NoSuchDate);
    }
    let local = date.and_time(time);
    match zone.from_local_datetime(&local) {
        LocalResult::Single(t) => Ok(t.with_timezone(&Utc)),
        LocalResult::Ambiguous(a, b) => Ok(a.with_timezone(&Utc).min(b.with_timezone(&Utc))),
        LocalResult::None => {
            // Reading the skipped time with the offset from before the gap lands exactly
            // the gap's length later on the new offset: 02:30 CET is 03:30 CEST.
            let day_before = local.checked_sub_days(Days::new(1)).ok_or(NoSuchDate)?;
            let before = zone.offset_from_utc_datetime(&day_before).fix();
            let utc = local.checked_sub_offset(before).ok_or(NoSuchDate)?;
            Ok(Utc.from_utc_datetime(&utc))
        }
    }
}

/// `date` at `time` if that fits the lean (later than now when leaning to the future, not
/// later than now when leaning to the past); otherwise `step` days further in that direction.
fn nearest(
    cx: &DateContext,
    date: NaiveDate,
    time: NaiveTime,
    step: i64,
) -> Result<DateTime<Utc>, DateError> {
    let first = at_local(cx.zone, date, time)?;
    let (fits, step) = match cx.lean {
        Lean::Future => (first > cx.now, step),
        Lean::Past => (first <= cx.now, -step),
    };
    if fits {
        Ok(first)
    } else {
        at_local(cx.zone, add_days(date, step)?, time)
    }
}

/// The next (or, leaning to the past, the latest) date with this month and day, counting
/// today as a match either way.
fn nearest_yearly(lean: Lean, today: NaiveDate, month: u32, day: u32) -> Result<NaiveDate, DateError> {
    // Eight years always reach a 29 February.
    for k in 0..=8 {
        let year = match lean {
            Lean::Future => today.year() + k,
            Lean::Past => today.year() - k,
        };
        if let Some(date) = NaiveDate::from_ymd_opt(year, month, day) {
            let fits = match lean {
                Lean::Future => date >= today,
                Lean::Past => date <= today,
            };
            if fits {
                return Ok(date);
            }
        }
    }
    Err(NoSuchDate)
}

fn add_days(date: NaiveDate, n: i64) -> Result<NaiveDate, DateError> {
    let days = Days::new(n.unsigned_abs());
    if n >= 0 {
        date.checked_add_days(days)
    } else {
        date.checked_sub_days(days)
    }
    .ok_or(NoSuchDate)
}

fn add_months(date: NaiveDate, n: i64, back: bool) -> Result<NaiveDate, DateError> {
    let months = Months::new(u32::try_from(n.unsigned_abs()).map_err(|_| NoSuchDate)?);
    if (n >= 0) != back {
        date.checked_add_months(months)
    } else {
        date.checked_sub_months(months)
    }
    .ok_or(NoSuchDate)
}

fn month_end(today: NaiveDate, k: i64) -> Result<NaiveDate, DateError> {
    let first = today.with_day(1).ok_or(NoSuchDate)?;
    add_months(add_months(first, k, false)?, 1, false)?
        .pred_opt()
        .ok_or(NoSuchDate)
}

/// Hours and minutes are elapsed time; days, weeks, months and years move the calendar
/// and keep the wall-clock time (or take the time the phrase gives).
fn shift(
    cx: &DateContext,
    local: NaiveDateTime,
    back: bool,
    amount: Amount,
    time: Option<NaiveTime>,
) -> Result<DateTime<Utc>, DateError> {
    let exact = i64::try_from(amount.minutes)
        .ok()
        .and_then(Duration::try_minutes)
        .ok_or(NoSuchDate)?;
    let base = if amount.months == 0 && amount.days == 0 && time.is_none() {
        cx.now
    } else {
        if amount.minutes != 0 && time.is_some() {
            return Err(Unreadable);
        }
        let months = i64::try_from(amount.months).map_err(|_| NoSuchDate)?;
        let days = i64::try_from(amount.days).map_err(|_| NoSuchDate)?;
        let date = add_months(local.date(), months, back)?;
        let date = add_days(date, if back { -days } else { days })?;
        at_local(cx.zone, date, time.unwrap_or(local.time()))?
    };
    if back {
        base.checked_sub_signed(exact)
    } else {
        base.checked_add_signed(exact)
    }
    .ok_or(NoSuchDate)
}

#[cfg(test)]
#[path = "dates/tests.rs"]
mod tests;
