//! Relative times as Discord's client shows `<t:…:R>`, so the console says "in 3 days"
//! where Discord, on the same reply, does too.
//!
//! Discord renders `R` with moment.js's `fromNow`, after setting three of moment's
//! thresholds for it (`s` to 60, `ss` to -1, `m` to 60, in the client's markup
//! `TimestampUtils`); the others keep moment's defaults. Every count is rounded, never
//! truncated, and the unit grows when the rounded count reaches a threshold:
//!
//! | span (rounded)        | reads         |
//! |-----------------------|---------------|
//! | under 60 seconds      | N seconds     |
//! | up to 1 minute        | 1 minute      |
//! | under 60 minutes      | N minutes     |
//! | up to 1 hour          | 1 hour        |
//! | under 22 hours        | N hours       |
//! | up to 1 day           | 1 day         |
//! | under 26 days         | N days        |
//! | up to 1 month         | 1 month       |
//! | under 11 months       | N months      |
//! | then                  | N years (≥ 1) |
//!
//! So 89 seconds is 1 minute and 90 seconds is 2; 35 hours is 1 day and 36 hours is 2; 2
//! days and 23.6 hours is 3 days. Seconds, minutes, hours and days are elapsed time; months
//! and years are counted as moment counts them: whole calendar months from the earlier
//! moment (in the guild's zone), plus the rest at 30.44 days a month.
//!
//! The words follow the catalog: numbers rather than "an hour" ("in 1 hour", "over 1 uur"),
//! and "just now" / "zojuist" within half a second, where Discord says "1 seconds ago".

use chrono::{DateTime, Datelike, Months, Utc};
use chrono_tz::Tz;

use crate::domain::dates::at_local;
use crate::domain::Lang;

const MS_PER_DAY: f64 = 86_400_000.0;
/// moment.js's average month: 146,097 days in 400 years of 4,800 months.
const DAYS_PER_MONTH: f64 = 146_097.0 / 4_800.0;

/// `in 4 days`, `3 hours ago`, `over 4 dagen`, `3 uur geleden`.
pub fn relative(at: DateTime<Utc>, now: DateTime<Utc>, zone: Tz, lang: Lang) -> String {
    let future = at > now;
    let span = if future {
        Span::between(now, at, zone)
    } else {
        Span::between(at, now, zone)
    };
    let Some((count, unit)) = span.reading() else {
        return match lang {
            Lang::En => "just now".into(),
            Lang::Nl => "zojuist".into(),
        };
    };
    let words = unit.words(lang, count == 1);
    match (lang, future) {
        (Lang::En, true) => format!("in {count} {words}"),
        (Lang::En, false) => format!("{count} {words} ago"),
        (Lang::Nl, true) => format!("over {count} {words}"),
        (Lang::Nl, false) => format!("{count} {words} geleden"),
    }
}

/// A span as moment.js holds it for `fromNow`: whole calendar months, then the rest.
struct Span {
    months: u32,
    rest_ms: i64,
}

impl Span {
    fn between(from: DateTime<Utc>, to: DateTime<Utc>, zone: Tz) -> Span {
        let (start, end) = (from.with_timezone(&zone), to.with_timezone(&zone));
        let guess = (end.year() - start.year()) * 12 + end.month() as i32 - start.month() as i32;
        let mut months = u32::try_from(guess).unwrap_or(0);
        loop {
            // A month later on the calendar can overshoot (31 January + 1 month is
            // 28 February, which may still lie ahead); then count one fewer.
            match add_months(from, months, zone) {
                Some(reached) if reached <= to => {
                    return Span {
                        months,
                        rest_ms: (to - reached).num_milliseconds(),
                    }
                }
                _ if months > 0 => months -= 1,
                _ => {
                    return Span {
                        months: 0,
                        rest_ms: (to - from).num_milliseconds(),
                    }
                }
            }
        }
    }

    /// The count and unit Discord shows, or `None` for the same second.
    fn reading(&self) -> Option<(u64, Unit)> {
        // Each unit the way moment computes it, so a boundary such as 59.5 seconds lands
        // on the same side.
        let month_days = (f64::from(self.months) * DAYS_PER_MONTH).round();
        let rest = self.rest_ms as f64;
        let seconds = rounded(month_days * 86_400.0 + rest / 1_000.0);
        let minutes = rounded(month_days * 1_440.0 + rest / 60_000.0);
        let hours = rounded(month_days * 24.0 + rest / 3_600_000.0);
        let days = rounded(month_days + rest / MS_PER_DAY);
        let months = f64::from(self.months) + rest / MS_PER_DAY * 4_800.0 / 146_097.0;
        let (months, years) = (rounded(months), rounded(months / 12.0));
        if seconds == 0 {
            return None;
        }
        // Past each threshold the next unit's rounded count is at least 1 (59.5 seconds
        // is 0.99 minutes); `max(1)` only says so.
        Some(if seconds < 60 {
            (seconds, Unit::Second)
        } else if minutes < 60 {
            (minutes.max(1), Unit::Minute)
        } else if hours < 22 {
            (hours.max(1), Unit::Hour)
        } else if days < 26 {
            (days.max(1), Unit::Day)
        } else if months < 11 {
            (months.max(1), Unit::Month)
        } else {
            (years.max(1), Unit::Year)
        })
    }
}

/// Half up, as JavaScript's `Math.round` does for the positive counts here.
fn rounded(value: f64) -> u64 {
    value.round() as u64
}

/// The same wall-clock time `n` months later, on the last day of a shorter month.
fn add_months(from: DateTime<Utc>, n: u32, zone: Tz) -> Option<DateTime<Utc>> {
    let local = from.with_timezone(&zone).naive_local();
    let later = local.checked_add_months(Months::new(n))?;
    at_local(zone, later.date(), later.time()).ok()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Month,
    Year,
}

impl Unit {
    fn words(self, lang: Lang, one: bool) -> &'static str {
        match (self, lang, one) {
            (Unit::Second, Lang::En, true) => "second",
            (Unit::Second, Lang::En, false) => "seconds",
            (Unit::Second, Lang::Nl, true) => "seconde",
            (Unit::Second, Lang::Nl, false) => "seconden",
            (Unit::Minute, Lang::En, true) => "minute",
            (Unit::Minute, Lang::En, false) => "minutes",
            (Unit::Minute, Lang::Nl, true) => "minuut",
            (Unit::Minute, Lang::Nl, false) => "minuten",
            (Unit::Hour, Lang::En, true) => "hour",
            (Unit::Hour, Lang::En, false) => "hours",
            (Unit::Hour, Lang::Nl, _) => "uur",
            (Unit::Day, Lang::En, true) => "day",
            (Unit::Day, Lang::En, false) => "days",
            (Unit::Day, Lang::Nl, true) => "dag",
            (Unit::Day, Lang::Nl, false) => "dagen",
            (Unit::Month, Lang::En, true) => "month",
            (Unit::Month, Lang::En, false) => "months",
            (Unit::Month, Lang::Nl, true) => "maand",
            (Unit::Month, Lang::Nl, false) => "maanden",
            (Unit::Year, Lang::En, true) => "year",
            (Unit::Year, Lang::En, false) => "years",
            (Unit::Year, Lang::Nl, _) => "jaar",
        }
    }
}

#[cfg(test)]
mod tests;
