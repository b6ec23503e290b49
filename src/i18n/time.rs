//! Dates and times written out in words, for surfaces that cannot show Discord's
//! `<t:…>` timestamps (the console, autocomplete choices, error messages).

use chrono::{DateTime, Datelike, Timelike, Utc};
use chrono_tz::Tz;

use crate::domain::Lang;

const WEEKDAYS: [[&str; 7]; 2] = [
    ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
    ["ma", "di", "wo", "do", "vr", "za", "zo"],
];
const MONTHS: [[&str; 12]; 2] = [
    [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ],
    [
        "jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec",
    ],
];

fn row(lang: Lang) -> usize {
    match lang {
        Lang::En => 0,
        Lang::Nl => 1,
    }
}

/// `Fri 28 Nov 2026 12:00 CET` / `vr 28 nov 2026 12:00 CET`.
pub fn absolute(at: DateTime<Utc>, zone: Tz, lang: Lang) -> String {
    let local = at.with_timezone(&zone);
    let weekday = WEEKDAYS[row(lang)][local.weekday().num_days_from_monday() as usize];
    let month = MONTHS[row(lang)][local.month0() as usize];
    format!(
        "{weekday} {} {month} {} {:02}:{:02} {}",
        local.day(),
        local.year(),
        local.hour(),
        local.minute(),
        local.format("%Z")
    )
}

/// `Fri 28 Nov 2026` / `vr 28 nov 2026`: a day without a time.
pub fn day(day: chrono::NaiveDate, lang: Lang) -> String {
    let weekday = WEEKDAYS[row(lang)][day.weekday().num_days_from_monday() as usize];
    let month = MONTHS[row(lang)][day.month0() as usize];
    format!("{weekday} {} {month} {}", day.day(), day.year())
}

/// `in 4 days`, `3 hours ago`, `over 4 dagen`, `3 uur geleden`: the largest whole unit.
pub fn relative(at: DateTime<Utc>, now: DateTime<Utc>, lang: Lang) -> String {
    let seconds = (at - now).num_seconds();
    let span = seconds.unsigned_abs();
    if span < 60 {
        return match lang {
            Lang::En => "just now".into(),
            Lang::Nl => "zojuist".into(),
        };
    }
    let (count, unit) = match span {
        s if s < 3_600 => (s / 60, Unit::Minute),
        s if s < 86_400 => (s / 3_600, Unit::Hour),
        s if s < 86_400 * 60 => (s / 86_400, Unit::Day),
        s if s < 86_400 * 730 => (s / (86_400 * 30), Unit::Month),
        s => (s / (86_400 * 365), Unit::Year),
    };
    let words = unit.words(lang, count == 1);
    match (lang, seconds > 0) {
        (Lang::En, true) => format!("in {count} {words}"),
        (Lang::En, false) => format!("{count} {words} ago"),
        (Lang::Nl, true) => format!("over {count} {words}"),
        (Lang::Nl, false) => format!("{count} {words} geleden"),
    }
}

enum Unit {
    Minute,
    Hour,
    Day,
    Month,
    Year,
}

impl Unit {
    fn words(&self, lang: Lang, one: bool) -> &'static str {
        match (self, lang, one) {
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

/// Whole calendar days between `at` and `now` in the guild's zone: yesterday evening is one
/// day ago even when it was only ten hours.
pub fn calendar_days_ago(at: DateTime<Utc>, now: DateTime<Utc>, zone: Tz) -> i64 {
    let then = at.with_timezone(&zone).date_naive();
    let today = now.with_timezone(&zone).date_naive();
    (today - then).num_days()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, TimeZone};
    use chrono_tz::Europe::Amsterdam;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap()
    }

    #[test]
    fn absolute_dates_use_the_guild_zone_and_language() {
        let friday_noon = Utc.with_ymd_and_hms(2026, 11, 27, 11, 0, 0).unwrap();

        assert_eq!(
            absolute(friday_noon, Amsterdam, Lang::Nl),
            "vr 27 nov 2026 12:00 CET"
        );
        assert_eq!(
            absolute(friday_noon, Amsterdam, Lang::En),
            "Fri 27 Nov 2026 12:00 CET"
        );
    }

    #[test]
    fn summer_dates_show_summer_time() {
        let july = Utc.with_ymd_and_hms(2026, 7, 1, 12, 0, 0).unwrap();
        assert_eq!(absolute(july, Amsterdam, Lang::En), "Wed 1 Jul 2026 14:00 CEST");
    }

    #[test]
    fn relative_times_read_naturally() {
        for (offset, lang, expected) in [
            (Duration::seconds(10), Lang::En, "just now"),
            (Duration::days(4), Lang::En, "in 4 days"),
            (Duration::days(4), Lang::Nl, "over 4 dagen"),
            (-Duration::hours(3), Lang::En, "3 hours ago"),
            (-Duration::hours(1), Lang::Nl, "1 uur geleden"),
            (Duration::minutes(1), Lang::En, "in 1 minute"),
            (Duration::days(90), Lang::Nl, "over 3 maanden"),
        ] {
            assert_eq!(
                relative(now() + offset, now(), lang),
                expected,
                "{offset:?} {lang:?}"
            );
        }
    }

    #[test]
    fn calendar_days_count_midnights_in_the_zone() {
        let late_yesterday = Utc.with_ymd_and_hms(2026, 11, 22, 22, 30, 0).unwrap(); // 23:30 local
        assert_eq!(calendar_days_ago(late_yesterday, now(), Amsterdam), 1);
        assert_eq!(calendar_days_ago(now(), now(), Amsterdam), 0);
    }
}
