//! The patterns a day or a time of day can be written in, each recognising one piece at
//! the start of the remaining tokens.

use chrono::{NaiveDate, NaiveTime, Weekday};

use super::amount::amounts;
use super::lexer::{num, sym, word, Tok};
use super::reader::{Day, Dir, Match, Period, Piece, Third, WeekRef, YearRef};
use super::vocabulary::{Unit, ZoneName, W};
use super::DateError::{self, NoSuchDate, Unreadable};
use super::NOON;

/// The highest hour a bare number next to a daypart may be.
const MAX_HOUR: u64 = 23;

/// `2026-12-01`, `1-12`, `1/12/2026`, `01-12-26`, `1.12.2026`; day before month.
pub(super) fn numeric_date(t: &[Tok]) -> Match {
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
        // Two numbers joined by a dot are a Dutch clock time ("14.30") or, with a unit
        // after them, an amount ("1.5 uur").
        None if sep == '.' => return Ok(None),
        None if short => (YearRef::None, b, a),
        Some((c, c_digits)) if a_digits == 4 && b_digits <= 2 && c_digits <= 2 => {
            (YearRef::Full(i32::try_from(a).map_err(|_| NoSuchDate)?), b, c)
        }
        Some((c, 4)) if short => (YearRef::Full(i32::try_from(c).map_err(|_| NoSuchDate)?), b, a),
        Some((c, 2)) if short => (YearRef::Short(u32::try_from(c).map_err(|_| NoSuchDate)?), b, a),
        _ => return Err(Unreadable),
    };
    let swappable = a_digits <= 2 && a != b && (1..=12).contains(&a) && (1..=12).contains(&b);
    let mut used = if third.is_some() { 5 } else { 3 };
    if word(t, used) == Some(W::T) && num(t, used + 1).is_some() {
        used += 1;
    }
    let day = date_day(year, month, day, swappable)?;
    Ok(Some((Piece::Day(day), used)))
}

fn date_day(year: YearRef, month: u64, day: u64, swappable: bool) -> Result<Day, DateError> {
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return Err(NoSuchDate);
    }
    let month = u32::try_from(month).map_err(|_| NoSuchDate)?;
    let day = u32::try_from(day).map_err(|_| NoSuchDate)?;
    if let YearRef::Full(year) = year {
        NaiveDate::from_ymd_opt(year, month, day).ok_or(NoSuchDate)?;
    }
    // No year has a 31 April; a 29 February waits for its year.
    NaiveDate::from_ymd_opt(2000, month, day).ok_or(NoSuchDate)?;
    Ok(Day::Date {
        year,
        month,
        day,
        swappable,
    })
}

/// `1 dec`, `1st december`, `dec 1`, `december 1st 2026`.
pub(super) fn day_month(t: &[Tok]) -> Match {
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
        Some((year, 4)) => (
            YearRef::Full(i32::try_from(year).map_err(|_| NoSuchDate)?),
            used + 1,
        ),
        _ => (YearRef::None, used),
    };
    Ok(Some((
        Piece::Day(date_day(year, u64::from(month), day, false)?),
        used,
    )))
}

/// `de 19e`, `the 19th`, `19de`, `de 1e van volgende maand`, `the 1st of next month`.
pub(super) fn day_of_month(t: &[Tok]) -> Match {
    let (Some((day, digits)), Some(W::Ord)) = (num(t, 0), word(t, 1)) else {
        return Ok(None);
    };
    if digits > 2 || !(1..=31).contains(&day) {
        return Err(NoSuchDate);
    }
    let day = u32::try_from(day).map_err(|_| NoSuchDate)?;
    let (months, used) = match (word(t, 2), word(t, 3)) {
        (Some(W::Next), Some(W::Unit(Unit::Month))) => (Some(1), 4),
        (Some(W::This), Some(W::Unit(Unit::Month))) => (Some(0), 4),
        (Some(W::Last), Some(W::Unit(Unit::Month))) => (Some(-1), 4),
        _ => (None, 2),
    };
    Ok(Some((Piece::Day(Day::OfMonth { day, months }), used)))
}

/// `14:00`, `14.00 uur`, `14:00:30`, `9u`, `14u30`, `14h`, `9 uur`, `drie uur`, `9am`,
/// `2:30 pm`, `3 o'clock`.
pub(super) fn clock_time(t: &[Tok]) -> Match {
    let (hour, hour_digits) = match (t.first(), word(t, 1)) {
        (Some(&Tok::Num(hour, digits)), _) => (hour, digits),
        (Some(&Tok::W(W::Count(hour))), Some(W::Uur)) => (u64::from(hour), 2),
        _ => return Ok(None),
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

/// A number on its own, which only a daypart can make an hour: "8 's avonds".
pub(super) fn bare_hour(t: &[Tok]) -> Match {
    match num(t, 0) {
        Some((hour, digits)) if digits <= 2 && hour <= MAX_HOUR => Ok(Some((Piece::BareHour(hour), 1))),
        Some(_) => Err(Unreadable),
        None => Ok(None),
    }
}

/// A zone abbreviation as a word ("CET") or a numeric one ("+04", "-0330").
pub(super) fn zone_name(t: &[Tok]) -> Match {
    if let Some(W::Zone(name)) = word(t, 0) {
        return Ok(Some((Piece::Zone(name), 1)));
    }
    let (Some(sign @ ('+' | '-')), Some((value, digits @ (2 | 4))), None) = (sym(t, 0), num(t, 1), t.get(2))
    else {
        return Ok(None);
    };
    let text = format!("{sign}{value:0digits$}");
    Ok(ZoneName::new(&text).map(|name| (Piece::Zone(name), 2)))
}

/// Spans from now: `in 3 days`, `over een half uur`, `na 3 dagen`, `binnen 2 weken`,
/// `3 days ago`, `3 days from now`, `2 weeks later`, and a bare `2d` that leans with the
/// field. Also the daypart of "morgen in de middag" and the Monday of "na het weekend".
pub(super) fn shift(t: &[Tok]) -> Match {
    let lead = matches!(word(t, 0), Some(W::In | W::After));
    match (word(t, 0), word(t, 1)) {
        (Some(W::In), Some(W::Daypart(part))) => return Ok(Some((Piece::Daypart(part), 2))),
        (Some(W::After), Some(W::Weekend)) => {
            return Ok(Some((
                Piece::Day(Day::Weekday(Weekday::Mon, WeekRef::AfterWeekend)),
                2,
            )));
        }
        _ => {}
    }
    let from = usize::from(lead);
    let Some((amount, used)) = t.get(from..).and_then(amounts) else {
        return if lead { Err(Unreadable) } else { Ok(None) };
    };
    let end = from + used;
    let (dir, used) = match (lead, word(t, end)) {
        (true, Some(W::Ago | W::Later)) => return Err(Unreadable),
        (true, _) => (Dir::Ahead, end),
        (false, Some(W::Ago)) => (Dir::Back, end + 1),
        (false, Some(W::Later)) => (Dir::Ahead, end + 1),
        // "9u", "14h", "3 uur" alone are clock times; with "in", "ago" or as a span they
        // are hours.
        (false, _) if amount.clock_like => return Ok(None),
        (false, _) => (Dir::Lean, end),
    };
    Ok(Some((Piece::Day(Day::Shift { dir, amount }), used)))
}

/// Words that start a piece: relative days, weekdays, dayparts, week modifiers, period parts.
pub(super) fn word_piece(t: &[Tok]) -> Match {
    let Some(first) = word(t, 0) else {
        return Ok(None);
    };
    let piece = match first {
        W::Now => (Piece::Day(Day::Now), 1),
        W::Rel(n) => (Piece::Day(Day::Rel(i64::from(n))), 1),
        W::Daypart(part) => (Piece::Daypart(part), 1),
        W::Noon => (Piece::Clock(NOON, true), 1),
        W::Midnight => (Piece::Midnight, 1),
        W::Eod => (Piece::Eod, 1),
        W::Before => (Piece::Before, 1),
        W::About => (Piece::About, 1),
        W::Weekend => (Piece::Day(Day::Weekday(Weekday::Sat, WeekRef::Nearest)), 1),
        // "vrijdag volgende week" is the Friday of next week.
        W::Weekday(wd) => match week_ref(t, 1) {
            Some(k) => (Piece::Day(Day::Weekday(wd, WeekRef::Week(k))), 3),
            None => (Piece::Day(Day::Weekday(wd, WeekRef::Nearest)), 1),
        },
        W::Next | W::This | W::Last => return modified(t, first),
        W::Begin | W::Mid | W::End | W::Half => return part_of(t),
        _ => return Ok(None),
    };
    Ok(Some(piece))
}

/// How many periods a modifier moves: next 1, this 0, last -1.
fn step(w: Option<W>) -> Option<i64> {
    match w? {
        W::Next => Some(1),
        W::This => Some(0),
        W::Last => Some(-1),
        _ => None,
    }
}

/// "next friday", "volgende week (maandag)", "volgende maand", "vorig jaar", "dit
/// weekend", "this afternoon", "last night".
fn modified(t: &[Tok], first: W) -> Match {
    let k = step(Some(first)).ok_or(Unreadable)?;
    let piece = match (week_ref(t, 0), word(t, 1), word(t, 2)) {
        (Some(k), _, Some(W::Weekday(wd))) => (Piece::Day(Day::Weekday(wd, WeekRef::Week(k))), 3),
        // "this week", "deze maand": which day of it?
        (_, Some(W::Unit(Unit::Week | Unit::Month | Unit::Year)), _) if k == 0 => return Err(Unreadable),
        (Some(k), _, _) => (Piece::Day(Day::Start(Period::Week(k))), 2),
        (None, Some(W::Unit(Unit::Month)), _) => (Piece::Day(Day::Start(Period::Month(k))), 2),
        (None, Some(W::Unit(Unit::Year)), _) => (Piece::Day(Day::Start(Period::Year(k))), 2),
        (None, Some(W::Weekend), _) => (Piece::Day(Day::Weekday(Weekday::Sat, WeekRef::Week(k))), 2),
        (None, Some(W::Weekday(wd)), _) => {
            let r = match first {
                W::Next => WeekRef::Week(1),
                W::This => WeekRef::Week(0),
                _ => WeekRef::Before,
            };
            (Piece::Day(Day::Weekday(wd, r)), 2)
        }
        (None, Some(W::Daypart(part)), _) if k <= 0 => (Piece::DayWithDaypart(Day::Rel(k), part), 2),
        _ => return Err(Unreadable),
    };
    Ok(Some(piece))
}

/// "next week", "deze week", "vorige week" at `i`: weeks from the current one.
fn week_ref(t: &[Tok], i: usize) -> Option<i64> {
    let k = step(word(t, i))?;
    (word(t, i + 1)? == W::Unit(Unit::Week)).then_some(k)
}

/// `end of day`, `eind van de week`, `eind volgende maand`, `begin januari`, `half maart`,
/// `mid next month`, `early 2027`, `end of the year`.
fn part_of(t: &[Tok]) -> Match {
    let third = match word(t, 0) {
        Some(W::Begin) => Third::Begin,
        Some(W::Mid | W::Half) => Third::Mid,
        Some(W::End) => Third::End,
        _ => return Ok(None),
    };
    // "mid-march".
    let i = 1 + usize::from(sym(t, 1) == Some('-'));
    let (k, i) = match step(word(t, i)) {
        Some(k) => (Some(k), i + 1),
        None => (None, i),
    };
    let period = match (word(t, i), k) {
        (Some(W::Unit(Unit::Day)), None) if third == Third::End => return Ok(Some((Piece::Eod, i + 1))),
        (Some(W::Unit(Unit::Week)), k) => Period::Week(k.unwrap_or(0)),
        (Some(W::Unit(Unit::Month)), k) => Period::Month(k.unwrap_or(0)),
        (Some(W::Unit(Unit::Year)), k) => Period::Year(k.unwrap_or(0)),
        (Some(W::Month(month)), None) => {
            return Ok(Some(match num(t, i + 1) {
                Some((year, 4)) => {
                    let year = i32::try_from(year).map_err(|_| NoSuchDate)?;
                    (
                        Piece::Day(Day::PartOf(third, Period::Named(month, Some(year)))),
                        i + 2,
                    )
                }
                _ => (Piece::Day(Day::PartOf(third, Period::Named(month, None))), i + 1),
            }));
        }
        (None, None) => match num(t, i) {
            Some((year, 4)) => Period::InYear(i32::try_from(year).map_err(|_| NoSuchDate)?),
            _ => return Err(Unreadable),
        },
        _ => return Err(Unreadable),
    };
    Ok(Some((Piece::Day(Day::PartOf(third, period)), i + 1)))
}
