//! Where a reading meets the clock: now, the zone and the lean turn it into one instant.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Utc};

use super::amount::Amount;
use super::calendar::{add_days, add_months, at_local, local_now, month_end};
use super::reader::{Day, Reading, WeekRef};
use super::DateError::{self, NoSuchDate, TooFar, Unreadable};
use super::{DateContext, Lean, END_OF_DAY, MAX_MONTHS, MAX_SPAN_DAYS, MAX_SPAN_MINUTES, MAX_YEARS};

impl Reading {
    pub(super) fn resolve(self, cx: &DateContext) -> Result<DateTime<Utc>, DateError> {
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
                    Some(year) => {
                        let date = NaiveDate::from_ymd_opt(year, month, day).ok_or(NoSuchDate)?;
                        // Refused before it meets the clock, so "0000-01-01" is called too
                        // far away rather than a date that does not exist.
                        if year.abs_diff(today.year()) > MAX_YEARS {
                            return Err(TooFar);
                        }
                        date
                    }
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

/// Hours and minutes are elapsed time; days, weeks, months and years move the calendar
/// and keep the wall-clock time (or take the time the phrase gives).
fn shift(
    cx: &DateContext,
    local: NaiveDateTime,
    back: bool,
    amount: Amount,
    time: Option<NaiveTime>,
) -> Result<DateTime<Utc>, DateError> {
    // Any one amount past the bound is too far whatever the rest says; refusing it here
    // also keeps the arithmetic below from overflowing into a misleading "no such date".
    if amount.months > u64::from(MAX_MONTHS)
        || amount.days > MAX_SPAN_DAYS
        || amount.minutes > MAX_SPAN_MINUTES
    {
        return Err(TooFar);
    }
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
