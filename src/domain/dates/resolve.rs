//! Where a reading meets the clock: now, the zone and the lean turn it into one instant.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Utc};

use super::amount::Amount;
use super::calendar::{
    add_days, add_months, at_local, at_local_named, local_now, month_end, month_start, working_day_before,
};
use super::reader::{Day, Dir, Parsed, Period, Third, WeekRef, YearRef};
use super::vocabulary::ZoneName;
use super::DateError::{self, NoSuchDate, TooFar, Unreadable};
use super::{
    window, DateContext, Lean, Note, Part, END_OF_DAY, MAX_MONTHS, MAX_SPAN_DAYS, MAX_SPAN_MINUTES,
    MAX_YEARS, NIGHT_ENDS,
};

type Instant = DateTime<Utc>;

/// How a named date becomes an instant: at the phrase's time (or a default), moved to the
/// next day for midnight and for the small hours of a night, to the working day before for
/// "voor", and read with the zone abbreviation when the phrase gave one.
#[derive(Clone, Copy)]
struct Landing<'a> {
    cx: &'a DateContext,
    time: NaiveTime,
    /// The phrase named its own time; period parts and "voor" only default the time.
    given: bool,
    next_day: bool,
    before: bool,
    zone: Option<ZoneName>,
}

impl Landing<'_> {
    /// The same landing at `default` unless the phrase named a time.
    fn or(self, default: NaiveTime) -> Self {
        Self {
            time: if self.given { self.time } else { default },
            ..self
        }
    }

    fn at(&self, date: NaiveDate) -> Result<Instant, DateError> {
        let date = if self.before {
            working_day_before(date)?
        } else {
            date
        };
        let date = if self.next_day { add_days(date, 1)? } else { date };
        match self.zone {
            Some(name) => at_local_named(self.cx.zone, date, self.time, name),
            None => at_local(self.cx.zone, date, self.time),
        }
    }
}

impl Parsed {
    pub(super) fn resolve(self, cx: &DateContext, notes: &mut Vec<Note>) -> Result<Instant, DateError> {
        let given = self.time_of_day();
        if self.before && given.is_none() && matches!(self.day, None | Some(Day::Now | Day::Shift { .. })) {
            return Err(Unreadable);
        }
        // "vrijdagnacht 3 uur" is the small hours after Friday.
        let small_hours = self.day.is_some()
            && self.daypart == Some(Part::Night)
            && !self.midnight
            && given.is_some_and(|t| t < NIGHT_ENDS);
        let before = self.before && given.is_none();
        let land = Landing {
            cx,
            time: if before {
                END_OF_DAY
            } else {
                given.unwrap_or(cx.default_time)
            },
            given: given.is_some() || before,
            next_day: self.midnight || small_hours,
            before,
            zone: self.zone,
        };
        if self.approximate {
            notes.push(Note::Approximate);
        }
        let (at, named) = self.land(cx, land, given, notes)?;
        if let Some(named) = named {
            if before {
                let landed = working_day_before(named)?;
                notes.push(Note::WorkingDayBefore { named, landed });
            }
            if self.midnight {
                notes.push(Note::Midnight { day: named });
            }
        }
        Ok(at)
    }

    /// The instant, and the date the phrase named when it named one.
    fn land(
        &self,
        cx: &DateContext,
        land: Landing,
        given: Option<NaiveTime>,
        notes: &mut Vec<Note>,
    ) -> Result<(Instant, Option<NaiveDate>), DateError> {
        let local = local_now(cx)?;
        let today = local.date();
        let on = |date: NaiveDate| Ok((land.at(date)?, Some(date)));

        let Some(day) = self.day else {
            given.ok_or(Unreadable)?;
            return if self.eod {
                on(today)
            } else {
                nearest(cx, &land, today, 1)
            };
        };
        let monday = add_days(today, -i64::from(today.weekday().num_days_from_monday()))?;
        match day {
            Day::Now if given.is_none() => Ok((cx.now, None)),
            Day::Now => Err(Unreadable),
            Day::Date {
                year,
                month,
                day,
                swappable,
            } => {
                if swappable {
                    notes.push(Note::DayFirst { day, month });
                }
                let date = match year {
                    YearRef::Full(year) => explicit(today, year, month, day)?,
                    YearRef::Short(typed) => {
                        let year = full_year(cx.lean, today.year(), typed)?;
                        notes.push(Note::TwoDigitYear { typed, year });
                        explicit(today, year, month, day)?
                    }
                    YearRef::None => nearest_yearly(cx.lean, today, month, day)?,
                };
                if self.weekday.is_some_and(|wd| wd != date.weekday()) {
                    return Err(NoSuchDate);
                }
                on(date)
            }
            Day::Rel(0) if given.is_none() && !land.before => match cx.lean {
                Lean::Past => Ok((cx.now, None)),
                Lean::Future => on(today),
            },
            Day::Rel(n) => on(add_days(today, n)?),
            Day::Weekday(wd, r) => {
                let target = i64::from(wd.num_days_from_monday());
                let ahead = (target - i64::from(today.weekday().num_days_from_monday())).rem_euclid(7);
                // The first candidate; `nearest` moves a week on when its landing (a
                // default time, or the working day before) falls on the wrong side of now.
                match (r, ahead, cx.lean) {
                    (WeekRef::Week(k), _, _) => on(add_days(monday, k.saturating_mul(7) + target)?),
                    (WeekRef::Before, _, _) => on(add_days(today, ahead - 7)?),
                    (WeekRef::AfterWeekend, 0, Lean::Future) => on(add_days(today, 7)?),
                    (_, _, Lean::Future) => nearest(cx, &land, add_days(today, ahead)?, 7),
                    (_, 0, Lean::Past) => nearest(cx, &land, today, 7),
                    (_, _, Lean::Past) => nearest(cx, &land, add_days(today, ahead - 7)?, 7),
                }
            }
            Day::Start(period) => on(period_start(today, monday, period)?),
            Day::Shift { dir, amount } => {
                let back = match dir {
                    Dir::Ahead => false,
                    Dir::Back => true,
                    Dir::Lean => cx.lean == Lean::Past,
                };
                if amount.approximate {
                    notes.push(Note::Approximate);
                }
                shift(cx, local, back, amount, &land, given, notes)
            }
            Day::PartOf(third, period) => {
                let land = land.or(if third == Third::End {
                    END_OF_DAY
                } else {
                    cx.default_time
                });
                let date = part_date(cx.lean, today, monday, third, period)?;
                let first = land.at(date)?;
                let current = matches!(period, Period::Week(0) | Period::Month(0) | Period::Year(0));
                if current && cx.lean == Lean::Future && first <= cx.now {
                    let date = part_date(cx.lean, today, monday, third, next(period))?;
                    Ok((land.at(date)?, Some(date)))
                } else {
                    Ok((first, Some(date)))
                }
            }
            Day::OfMonth { day, months } => {
                let date = match months {
                    Some(k) => month_start(today, k)?.with_day(day).ok_or(NoSuchDate)?,
                    None => nearest_monthly(cx.lean, today, day)?,
                };
                on(date)
            }
        }
    }
}

/// `date` at the landing if that fits the lean (later than now when leaning to the future,
/// not later than now when leaning to the past); otherwise `step` days further that way.
fn nearest(
    cx: &DateContext,
    land: &Landing,
    date: NaiveDate,
    step: i64,
) -> Result<(Instant, Option<NaiveDate>), DateError> {
    let first = land.at(date)?;
    let (fits, step) = match cx.lean {
        Lean::Future => (first > cx.now, step),
        Lean::Past => (first <= cx.now, -step),
    };
    if fits {
        Ok((first, Some(date)))
    } else {
        let date = add_days(date, step)?;
        Ok((land.at(date)?, Some(date)))
    }
}

/// A date with its year written out, refused as too far before it meets the clock, so
/// that "0000-01-01" is called too far away rather than a date that does not exist.
fn explicit(today: NaiveDate, year: i32, month: u32, day: u32) -> Result<NaiveDate, DateError> {
    if year.abs_diff(today.year()) > MAX_YEARS {
        return Err(TooFar);
    }
    NaiveDate::from_ymd_opt(year, month, day).ok_or(NoSuchDate)
}

/// A two-digit year in the direction of the lean: leaning back the latest such year not
/// after this one ("94" in 2026 is 1994), leaning ahead the first not before it ("30" is
/// 2030, "20" is 2120 and so too far).
fn full_year(lean: Lean, this_year: i32, typed: u32) -> Result<i32, DateError> {
    let typed = i32::try_from(typed).map_err(|_| NoSuchDate)?;
    let candidate = this_year - this_year.rem_euclid(100) + typed;
    Ok(match lean {
        Lean::Past if candidate > this_year => candidate - 100,
        Lean::Future if candidate < this_year => candidate + 100,
        _ => candidate,
    })
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
            if fits(lean, date, today) {
                return Ok(date);
            }
        }
    }
    Err(NoSuchDate)
}

/// The next (or latest) date with this day of the month, today counting either way; months
/// too short for it are skipped ("de 31e" in November is 31 December).
fn nearest_monthly(lean: Lean, today: NaiveDate, day: u32) -> Result<NaiveDate, DateError> {
    // Three months always reach a 31st.
    for k in 0..=3 {
        let k = if lean == Lean::Future { k } else { -k };
        if let Some(date) = month_start(today, k)?.with_day(day) {
            if fits(lean, date, today) {
                return Ok(date);
            }
        }
    }
    Err(NoSuchDate)
}

fn fits(lean: Lean, date: NaiveDate, today: NaiveDate) -> bool {
    match lean {
        Lean::Future => date >= today,
        Lean::Past => date <= today,
    }
}

fn next(period: Period) -> Period {
    match period {
        Period::Week(k) => Period::Week(k.saturating_add(1)),
        Period::Month(k) => Period::Month(k.saturating_add(1)),
        Period::Year(k) => Period::Year(k.saturating_add(1)),
        other => other,
    }
}

fn year_of(today: NaiveDate, k: i64) -> Result<i32, DateError> {
    i32::try_from(k)
        .ok()
        .and_then(|k| today.year().checked_add(k))
        .ok_or(NoSuchDate)
}

fn period_start(today: NaiveDate, monday: NaiveDate, period: Period) -> Result<NaiveDate, DateError> {
    part_date(Lean::Future, today, monday, Third::Begin, period)
}

/// The day a part of a period falls on: a week begins on Monday, is in the middle on
/// Wednesday and ends on Friday; a month on the 1st, the 15th and its last day; a year on
/// 1 January, 1 July and 31 December.
fn part_date(
    lean: Lean,
    today: NaiveDate,
    monday: NaiveDate,
    third: Third,
    period: Period,
) -> Result<NaiveDate, DateError> {
    match period {
        Period::Week(k) => {
            let offset = match third {
                Third::Begin => 0,
                Third::Mid => 2,
                Third::End => 4,
            };
            add_days(monday, k.saturating_mul(7).saturating_add(offset))
        }
        Period::Month(k) => in_month(month_start(today, k)?, third),
        Period::Year(k) => in_year(year_of(today, k)?, third),
        Period::InYear(year) => {
            if year.abs_diff(today.year()) > MAX_YEARS {
                return Err(TooFar);
            }
            in_year(year, third)
        }
        Period::Named(month, Some(year)) => in_month(explicit(today, year, month, 1)?, third),
        Period::Named(month, None) => {
            let this = in_month(explicit(today, today.year(), month, 1)?, third)?;
            let other = match lean {
                Lean::Future => today.year() + 1,
                Lean::Past => today.year() - 1,
            };
            if fits(lean, this, today) {
                Ok(this)
            } else {
                in_month(explicit(today, other, month, 1)?, third)
            }
        }
    }
}

fn in_month(first: NaiveDate, third: Third) -> Result<NaiveDate, DateError> {
    match third {
        Third::Begin => Ok(first),
        Third::Mid => first.with_day(15).ok_or(NoSuchDate),
        Third::End => month_end(first, 0),
    }
}

fn in_year(year: i32, third: Third) -> Result<NaiveDate, DateError> {
    let (month, day) = match third {
        Third::Begin => (1, 1),
        Third::Mid => (7, 1),
        Third::End => (12, 31),
    };
    NaiveDate::from_ymd_opt(year, month, day).ok_or(NoSuchDate)
}

/// Hours and minutes are elapsed time. Days, weeks, months and years move the calendar: a
/// span with hours in it keeps the wall-clock time, one of whole days lands on the day at
/// the default time (or the time the phrase gives), never on the wrong side of now and
/// never outside the window.
fn shift(
    cx: &DateContext,
    local: NaiveDateTime,
    back: bool,
    amount: Amount,
    land: &Landing,
    given: Option<NaiveTime>,
    notes: &mut Vec<Note>,
) -> Result<(Instant, Option<NaiveDate>), DateError> {
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
    let elapsed = |base: Instant| {
        if back {
            base.checked_sub_signed(exact)
        } else {
            base.checked_add_signed(exact)
        }
        .ok_or(NoSuchDate)
    };
    if amount.exact && amount.months == 0 && amount.days == 0 && given.is_none() {
        return Ok((elapsed(cx.now)?, None));
    }
    if amount.minutes != 0 && given.is_some() {
        return Err(Unreadable);
    }
    let months = i64::try_from(amount.months).map_err(|_| NoSuchDate)?;
    let days = i64::try_from(amount.days).map_err(|_| NoSuchDate)?;
    let date = add_months(local.date(), months, back)?;
    if date.day() != local.day() {
        notes.push(Note::MonthEnd {
            from: local.date(),
            landed: date,
        });
    }
    let date = add_days(date, if back { -days } else { days })?;
    if given.is_some() {
        return Ok((land.at(date)?, Some(date)));
    }
    let kept = elapsed(at_local(cx.zone, date, local.time())?)?;
    if amount.exact {
        return Ok((kept, None));
    }
    let bounds = window(cx.now);
    if !bounds.contains(&kept) {
        return Err(TooFar);
    }
    let day = at_local(cx.zone, date, cx.default_time)?;
    let day = if back {
        day.min(cx.now).max(*bounds.start())
    } else {
        day.max(cx.now).min(*bounds.end())
    };
    Ok((day, None))
}

#[cfg(test)]
mod year_tests {
    use super::*;
    use chrono::Weekday;

    #[test]
    fn two_digit_years_follow_the_lean() {
        assert_eq!(full_year(Lean::Past, 2026, 94), Ok(1994));
        assert_eq!(full_year(Lean::Past, 2026, 26), Ok(2026));
        assert_eq!(full_year(Lean::Past, 2026, 27), Ok(1927));
        assert_eq!(full_year(Lean::Future, 2026, 30), Ok(2030));
        assert_eq!(full_year(Lean::Future, 2026, 26), Ok(2026));
        assert_eq!(full_year(Lean::Future, 2026, 20), Ok(2120));
        assert_eq!(full_year(Lean::Future, 2099, 1), Ok(2101));
    }

    #[test]
    fn weekends_are_not_working_days() {
        let date = |d| NaiveDate::from_ymd_opt(2026, 11, d).expect("valid");
        // Friday 27 November 2026.
        assert_eq!(working_day_before(date(27)), Ok(date(26)));
        assert_eq!(working_day_before(date(30)), Ok(date(27)));
        assert_eq!(working_day_before(date(29)), Ok(date(27)));
        assert_eq!(date(27).weekday(), Weekday::Fri);
    }
}
