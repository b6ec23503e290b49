//! Dates and times written out in words, for surfaces that cannot show Discord's
//! `<t:…>` timestamps (the console, autocomplete choices, error messages).

use chrono::{DateTime, Datelike, Timelike, Utc};
use chrono_tz::Tz;

use crate::domain::Lang;

mod relative;

pub use relative::relative;

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

const LONG_WEEKDAYS: [[&str; 7]; 2] = [
    [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ],
    [
        "maandag",
        "dinsdag",
        "woensdag",
        "donderdag",
        "vrijdag",
        "zaterdag",
        "zondag",
    ],
];
const LONG_MONTHS: [[&str; 12]; 2] = [
    [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ],
];

/// `Thursday 10 December 2026` / `donderdag 10 december 2026`: a day written out, for
/// letters to relations.
pub fn long_day(at: DateTime<Utc>, zone: Tz, lang: Lang) -> String {
    let local = at.with_timezone(&zone);
    let weekday = LONG_WEEKDAYS[row(lang)][local.weekday().num_days_from_monday() as usize];
    let month = LONG_MONTHS[row(lang)][local.month0() as usize];
    format!("{weekday} {} {month} {}", local.day(), local.year())
}

/// `10:00`: the local time of day.
pub fn clock_time(at: DateTime<Utc>, zone: Tz) -> String {
    let local = at.with_timezone(&zone);
    format!("{:02}:{:02}", local.hour(), local.minute())
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
    use chrono::TimeZone;
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
    fn calendar_days_count_midnights_in_the_zone() {
        let late_yesterday = Utc.with_ymd_and_hms(2026, 11, 22, 22, 30, 0).unwrap(); // 23:30 local
        assert_eq!(calendar_days_ago(late_yesterday, now(), Amsterdam), 1);
        assert_eq!(calendar_days_ago(now(), now(), Amsterdam), 0);
    }
}
