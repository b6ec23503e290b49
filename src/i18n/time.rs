//! Dates and times written out in words, for surfaces that cannot show Discord's
//! `<t:…>` timestamps (the console, autocomplete choices, error messages).

use chrono::{DateTime, Datelike, NaiveDate, Timelike, Utc};
use chrono_tz::Tz;

use super::{say, Msg};
use crate::domain::dates::Note;
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
    format!("{} {}", short_day(day, lang), day.year())
}

/// `Fri 28 Nov` / `vr 28 nov`: a day without its year.
fn short_day(day: NaiveDate, lang: Lang) -> String {
    let weekday = WEEKDAYS[row(lang)][day.weekday().num_days_from_monday() as usize];
    let month = MONTHS[row(lang)][day.month0() as usize];
    format!("{weekday} {} {month}", day.day())
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

/// What a date reading assumed, in words: "read 09/03 day first, as 9 March" /
/// "09/03 gelezen met de dag eerst, als 9 maart".
pub fn note(note: &Note, lang: Lang) -> String {
    // The instant is shown beside the note: a day is named briefly, without its year.
    let short = |day| short_day(day, lang);
    match *note {
        Note::DayFirst { day, month } => {
            let named = LONG_MONTHS[row(lang)][month.clamp(1, 12) as usize - 1];
            say(
                lang,
                Msg::NoteDayFirst,
                &[
                    ("typed", &format!("{day:02}/{month:02}")),
                    ("read", &format!("{day} {named}")),
                ],
            )
        }
        Note::TwoDigitYear { typed, year } => say(
            lang,
            Msg::NoteTwoDigitYear,
            &[("typed", &format!("{typed:02}")), ("year", &year.to_string())],
        ),
        Note::MonthEnd { from, landed } => say(
            lang,
            Msg::NoteMonthEnd,
            &[
                (
                    "month",
                    &format!(
                        "{} {}",
                        LONG_MONTHS[row(lang)][landed.month0() as usize],
                        landed.year()
                    ),
                ),
                ("day", &from.day().to_string()),
            ],
        ),
        Note::Midnight { day } => say(lang, Msg::NoteMidnight, &[("day", &short(day))]),
        Note::WorkingDayBefore { named, .. } => {
            say(lang, Msg::NoteWorkingDayBefore, &[("named", &short(named))])
        }
        Note::Approximate => say(lang, Msg::NoteApproximate, &[]),
    }
}

/// Several notes on one line, set apart from what precedes them: " (…; …)", or nothing.
pub fn notes(notes: &[Note], lang: Lang) -> String {
    if notes.is_empty() {
        return String::new();
    }
    let written: Vec<String> = notes.iter().map(|n| note(n, lang)).collect();
    format!(" ({})", written.join("; "))
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
    fn what_a_reading_assumed_is_written_in_both_languages() {
        let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let month_end = Note::MonthEnd {
            from: date(2027, 1, 31),
            landed: date(2027, 2, 28),
        };
        assert_eq!(
            note(&month_end, Lang::En),
            "February 2027 has no day 31: took its last day"
        );
        assert_eq!(
            note(&month_end, Lang::Nl),
            "februari 2027 heeft geen dag 31: de laatste dag genomen"
        );
        let day_first = Note::DayFirst { day: 9, month: 3 };
        assert_eq!(note(&day_first, Lang::En), "read 09/03 day first, as 9 March");
        let two_digits = Note::TwoDigitYear {
            typed: 94,
            year: 1994,
        };
        assert_eq!(note(&two_digits, Lang::Nl), "het jaar 94 gelezen als 1994");
        let before = Note::WorkingDayBefore {
            named: date(2026, 12, 4),
            landed: date(2026, 12, 3),
        };
        assert_eq!(
            notes(&[before, Note::Approximate], Lang::En),
            " (before Fri 4 Dec is the end of the working day before it; an approximate amount read as exact)"
        );
        assert_eq!(notes(&[], Lang::Nl), "");
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
