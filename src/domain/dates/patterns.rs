//! The patterns a day or a time of day can be written in, each recognising one piece at
//! the start of the remaining tokens.

use chrono::{NaiveDate, NaiveTime};

use super::amount::amounts;
use super::lexer::{num, sym, word, Tok};
use super::reader::{Day, Match, Piece, WeekRef};
use super::vocabulary::{Unit, W};
use super::DateError::{self, NoSuchDate, Unreadable};
use super::NOON;

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
        Some((year, 4)) => (Some(year), used + 1),
        _ => (None, used),
    };
    Ok(Some((Piece::Day(date_day(year, u64::from(month), day)?), used)))
}

/// `14:00`, `14.00 uur`, `14:00:30`, `9u`, `14u30`, `14h`, `9 uur`, `9am`, `2:30 pm`, `noon`.
pub(super) fn clock_time(t: &[Tok]) -> Match {
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

/// `3 days ago`, `2 uur geleden`.
pub(super) fn shift_ago(t: &[Tok]) -> Match {
    match amounts(t) {
        Some((amount, used)) if word(t, used) == Some(W::Ago) => {
            Ok(Some((Piece::Day(Day::Shift { back: true, amount }), used + 1)))
        }
        _ => Ok(None),
    }
}

/// `in 3 days`, `over een half uur`, and the daypart of "morgen in de middag".
pub(super) fn shift_in(t: &[Tok]) -> Match {
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
pub(super) fn word_piece(t: &[Tok]) -> Match {
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
