use super::*;
use chrono::{Duration, TimeZone};
use chrono_tz::Europe::Amsterdam;

/// Monday 23 November 2026, 10:00 in Amsterdam.
fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap()
}

/// A moment on Amsterdam's clocks.
fn local(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    Amsterdam
        .with_ymd_and_hms(y, m, d, h, min, 0)
        .earliest()
        .unwrap()
        .with_timezone(&Utc)
}

fn ms(n: i64) -> Duration {
    Duration::milliseconds(n)
}

fn dhm(days: i64, hours: i64, minutes: i64) -> Duration {
    Duration::days(days) + Duration::hours(hours) + Duration::minutes(minutes)
}

#[track_caller]
fn check(cases: &[(Duration, &str, &str)]) {
    for (offset, en, nl) in cases {
        let at = now() + *offset;
        assert_eq!(relative(at, now(), Amsterdam, Lang::En), *en, "{offset:?}");
        assert_eq!(relative(at, now(), Amsterdam, Lang::Nl), *nl, "{offset:?}");
    }
}

#[test]
fn within_half_a_second_is_just_now() {
    check(&[
        (Duration::zero(), "just now", "zojuist"),
        (ms(499), "just now", "zojuist"),
        (ms(-499), "just now", "zojuist"),
    ]);
}

#[test]
fn seconds_are_counted_up_to_a_minute() {
    check(&[
        (ms(500), "in 1 second", "over 1 seconde"),
        (Duration::seconds(10), "in 10 seconds", "over 10 seconden"),
        (Duration::seconds(44), "in 44 seconds", "over 44 seconden"),
        (Duration::seconds(45), "in 45 seconds", "over 45 seconden"),
        (ms(59_499), "in 59 seconds", "over 59 seconden"),
        (ms(59_500), "in 1 minute", "over 1 minuut"),
        (ms(-59_499), "59 seconds ago", "59 seconden geleden"),
        (ms(-59_500), "1 minute ago", "1 minuut geleden"),
    ]);
}

#[test]
fn minutes_and_hours_round_to_the_nearest() {
    check(&[
        (ms(89_999), "in 1 minute", "over 1 minuut"),
        (Duration::seconds(90), "in 2 minutes", "over 2 minuten"),
        (Duration::minutes(44), "in 44 minutes", "over 44 minuten"),
        (Duration::minutes(45), "in 45 minutes", "over 45 minuten"),
        (
            Duration::seconds(59 * 60 + 29),
            "in 59 minutes",
            "over 59 minuten",
        ),
        (Duration::seconds(59 * 60 + 30), "in 1 hour", "over 1 uur"),
        (Duration::seconds(89 * 60 + 59), "in 1 hour", "over 1 uur"),
        (Duration::minutes(90), "in 2 hours", "over 2 uur"),
        (-Duration::minutes(90), "2 hours ago", "2 uur geleden"),
        (-Duration::hours(3), "3 hours ago", "3 uur geleden"),
        (dhm(0, 21, 29), "in 21 hours", "over 21 uur"),
        (dhm(0, 21, 30), "in 1 day", "over 1 dag"),
        (-dhm(0, 21, 30), "1 day ago", "1 dag geleden"),
    ]);
}

#[test]
fn days_round_to_the_nearest() {
    check(&[
        (dhm(1, 11, 59), "in 1 day", "over 1 dag"),
        (Duration::hours(36), "in 2 days", "over 2 dagen"),
        (dhm(2, 11, 59), "in 2 days", "over 2 dagen"),
        (Duration::hours(60), "in 3 days", "over 3 dagen"),
        // Tuesday 12:23 to Friday 12:00: what Discord shows as "in 3 days".
        (dhm(2, 23, 37), "in 3 days", "over 3 dagen"),
        (-dhm(2, 23, 37), "3 days ago", "3 dagen geleden"),
        (Duration::days(4), "in 4 days", "over 4 dagen"),
        (dhm(25, 11, 59), "in 25 days", "over 25 dagen"),
        (dhm(25, 12, 0), "in 1 month", "over 1 maand"),
        (-dhm(25, 12, 0), "1 month ago", "1 maand geleden"),
    ]);
}

#[test]
fn months_and_years_count_calendar_months_then_the_rest() {
    // From Monday 23 November 2026, 10:00.
    for (at, en, nl) in [
        (local(2027, 1, 7, 10, 0), "in 1 month", "over 1 maand"), // 1 month + 15 days
        (local(2027, 1, 8, 10, 0), "in 2 months", "over 2 maanden"), // 1 month + 16 days
        (now() + Duration::days(90), "in 3 months", "over 3 maanden"),
        (local(2027, 10, 8, 10, 0), "in 10 months", "over 10 maanden"), // 10 + 15 days
        (local(2027, 10, 9, 10, 0), "in 1 year", "over 1 jaar"),        // 10 + 16 days
        (local(2028, 4, 23, 10, 0), "in 1 year", "over 1 jaar"),        // 17 months
        (local(2028, 5, 23, 10, 0), "in 2 years", "over 2 jaar"),       // 18 months
        (local(2036, 11, 23, 10, 0), "in 10 years", "over 10 jaar"),
    ] {
        assert_eq!(relative(at, now(), Amsterdam, Lang::En), en, "{at}");
        assert_eq!(relative(at, now(), Amsterdam, Lang::Nl), nl, "{at}");
    }
    let past = local(2025, 10, 8, 10, 0); // 13 months + 15 days before
    assert_eq!(relative(past, now(), Amsterdam, Lang::En), "1 year ago");
}

#[test]
fn a_month_is_a_calendar_month_not_thirty_days() {
    // 1 February to 17 March is 44 days: one calendar month and 16 days, which rounds to
    // two months, where 44 days of 30.44 would round to one.
    let first_of_february = local(2027, 2, 1, 0, 0);
    let seventeenth_of_march = local(2027, 3, 17, 0, 0);
    // 31 January plus a month is 28 February: to 16 March is a month and 16 days.
    let end_of_january = local(2027, 1, 31, 12, 0);

    assert_eq!(
        relative(seventeenth_of_march, first_of_february, Amsterdam, Lang::En),
        "in 2 months"
    );
    assert_eq!(
        relative(first_of_february, seventeenth_of_march, Amsterdam, Lang::Nl),
        "2 maanden geleden"
    );
    assert_eq!(
        relative(local(2027, 3, 16, 12, 0), end_of_january, Amsterdam, Lang::En),
        "in 2 months"
    );
}

#[test]
fn days_are_elapsed_time_across_a_change_of_clocks() {
    // Clocks spring forward on Sunday 29 March 2026: Saturday noon to Sunday noon is 23
    // hours, a day; Thursday 23:30 to Sunday noon is 2 days and 11.5 hours, 2 days.
    let sunday_noon = local(2026, 3, 29, 12, 0);

    assert_eq!(
        relative(sunday_noon, local(2026, 3, 28, 12, 0), Amsterdam, Lang::En),
        "in 1 day"
    );
    assert_eq!(
        relative(sunday_noon, local(2026, 3, 26, 23, 30), Amsterdam, Lang::En),
        "in 2 days"
    );
    // Clocks fall back on Sunday 25 October 2026: Saturday 22:00 to Sunday 19:00 is 22
    // hours, a day, though the clocks moved only 21.
    assert_eq!(
        relative(
            local(2026, 10, 25, 19, 0),
            local(2026, 10, 24, 22, 0),
            Amsterdam,
            Lang::Nl
        ),
        "over 1 dag"
    );
}
