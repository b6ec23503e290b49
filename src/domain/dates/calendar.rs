//! Calendar arithmetic and the step from local wall-clock time to UTC across DST changes.

use chrono::{
    DateTime, Datelike, Days, LocalResult, Months, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeZone,
    Utc, Weekday,
};
use chrono_tz::Tz;

use super::vocabulary::ZoneName;

use super::DateError::{self, NoSuchDate};
use super::{DateContext, YEARS};

/// The local wall-clock reading of `cx.now`.
pub(super) fn local_now(cx: &DateContext) -> Result<NaiveDateTime, DateError> {
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

/// The instant of a local date and time written with the zone's abbreviation ("02:30
/// CET"): the reading the zone calls by that name, so that in a DST overlap "CEST" is the
/// first 02:30 and "CET" the second. An abbreviation the zone does not use at that moment
/// (a skipped time, "EST" in Amsterdam) is [`NoSuchDate`].
pub(super) fn at_local_named(
    zone: Tz,
    date: NaiveDate,
    time: NaiveTime,
    name: ZoneName,
) -> Result<DateTime<Utc>, DateError> {
    if !YEARS.contains(&date.year()) {
        return Err(NoSuchDate);
    }
    let local = date.and_time(time);
    let named = |t: &DateTime<Tz>| name.matches(&t.offset().to_string());
    match zone.from_local_datetime(&local) {
        LocalResult::Single(t) if named(&t) => Ok(t.with_timezone(&Utc)),
        LocalResult::Ambiguous(a, b) => [a, b]
            .iter()
            .find(|t| named(t))
            .map(|t| t.with_timezone(&Utc))
            .ok_or(NoSuchDate),
        _ => Err(NoSuchDate),
    }
}

/// The working day (Monday to Friday) before `date`.
pub(super) fn working_day_before(date: NaiveDate) -> Result<NaiveDate, DateError> {
    let mut day = date.pred_opt().ok_or(NoSuchDate)?;
    while matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
        day = day.pred_opt().ok_or(NoSuchDate)?;
    }
    Ok(day)
}

/// The first day of the month `k` months from the one `today` is in.
pub(super) fn month_start(today: NaiveDate, k: i64) -> Result<NaiveDate, DateError> {
    add_months(today.with_day(1).ok_or(NoSuchDate)?, k, false)
}

pub(super) fn add_days(date: NaiveDate, n: i64) -> Result<NaiveDate, DateError> {
    let days = Days::new(n.unsigned_abs());
    if n >= 0 {
        date.checked_add_days(days)
    } else {
        date.checked_sub_days(days)
    }
    .ok_or(NoSuchDate)
}

pub(super) fn add_months(date: NaiveDate, n: i64, back: bool) -> Result<NaiveDate, DateError> {
    let months = Months::new(u32::try_from(n.unsigned_abs()).map_err(|_| NoSuchDate)?);
    if (n >= 0) != back {
        date.checked_add_months(months)
    } else {
        date.checked_sub_months(months)
    }
    .ok_or(NoSuchDate)
}

pub(super) fn month_end(today: NaiveDate, k: i64) -> Result<NaiveDate, DateError> {
    add_months(month_start(today, k)?, 1, false)?
        .pred_opt()
        .ok_or(NoSuchDate)
}
