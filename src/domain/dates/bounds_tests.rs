//! The ten-year bounds on dates and spans, and messy or absurd input that must be refused
//! with the right error rather than overflow.

use super::*;
use chrono_tz::Europe::Amsterdam;

/// Monday 2026-11-23 10:00 in Amsterdam (CET, UTC+1).
fn monday() -> DateTime<Utc> {
    "2026-11-23T09:00:00Z".parse().expect("valid instant")
}

fn context(now: DateTime<Utc>, lean: Lean) -> DateContext {
    DateContext {
        now,
        zone: Amsterdam,
        lean,
        default_time: clock(9, 0),
    }
}

fn utc(text: &str) -> DateTime<Utc> {
    text.parse().expect("test instants are valid RFC 3339")
}

/// Checks every row and reports all mismatches at once.
fn assert_parses(cx: &DateContext, table: &[(&str, Result<&str, DateError>)]) {
    let failures: Vec<String> = table
        .iter()
        .filter_map(|(phrase, expected)| {
            let expected = expected.clone().map(utc);
            let got = parse(phrase, cx);
            (got != expected).then(|| format!("{phrase:?}: expected {expected:?}, got {got:?}"))
        })
        .collect();
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn dates_up_to_ten_years_either_way_are_read_and_further_ones_are_too_far() {
    let ahead = context(monday(), Lean::Future);
    let back = context(monday(), Lean::Past);

    assert_parses(
        &ahead,
        &[
            ("in 10 years", Ok("2036-11-23T08:00:00Z")),
            ("over 120 maanden", Ok("2036-11-23T08:00:00Z")),
            ("in 3653 days", Ok("2036-11-23T08:00:00Z")),
            ("2036-11-23 10:00", Ok("2036-11-23T09:00:00Z")),
            ("2036-11-23 10:01", Err(TooFar)),
            ("in 10 years and 1 minute", Err(TooFar)),
            ("in 10 years and 1 day", Err(TooFar)),
            ("in 3654 days", Err(TooFar)),
            ("in 11 jaar", Err(TooFar)),
            ("over 99999999 dagen", Err(TooFar)),
            ("over 9223372036854775807 minuten", Err(TooFar)),
            ("in 18446744073709551615 weeks", Err(TooFar)),
            ("in 18446744073709551616 months", Err(TooFar)),
            ("9999-12-31", Err(TooFar)),
            ("31-12-9999 23:59", Err(TooFar)),
            ("1 dec 2099", Err(TooFar)),
            ("0000-01-01", Err(TooFar)),
            ("1-1-0000", Err(TooFar)),
        ],
    );
    assert_parses(
        &back,
        &[
            ("10 years ago", Ok("2016-11-23T09:00:00Z")),
            ("2016-11-23 10:00", Ok("2016-11-23T09:00:00Z")),
            ("2016-11-23 09:59", Err(TooFar)),
            ("11 jaar geleden", Err(TooFar)),
            ("99999999 dagen geleden", Err(TooFar)),
            ("9223372036854775807 minutes ago", Err(TooFar)),
            ("1900-01-01", Err(TooFar)),
        ],
    );
}

#[test]
fn messy_dates_fail_with_the_error_that_says_what_is_wrong() {
    let cx = context(monday(), Lean::Future);
    let long_words = "vrijdag ".repeat(1280);
    let long_digits = "9".repeat(10 * 1024);
    assert_parses(
        &cx,
        &[
            ("31-02", Err(NoSuchDate)),
            ("29-02-2027", Err(NoSuchDate)),
            ("29-02-2028", Ok("2028-02-29T08:00:00Z")),
            ("-5 days", Err(Unreadable)),
            ("over -5 dagen", Err(Unreadable)),
            ("99999999 dagen", Err(TooFar)),
            ("over 0 dagen", Ok("2026-11-23T09:00:00Z")),
            ("🙂", Err(Unreadable)),
            ("morgen 🙂", Err(Unreadable)),
            ("غدا", Err(Unreadable)),
            ("\u{202e}vrijdag", Err(Unreadable)),
            ("vrijdag\u{0}", Err(Unreadable)),
            ("\u{0}", Err(Unreadable)),
            (&long_words, Err(Unreadable)),
            (&long_digits, Err(Unreadable)),
            ("", Err(DateError::Empty)),
        ],
    );
}

#[test]
fn spans_are_at_most_ten_years() {
    let table: [(&str, Result<Duration, DateError>); 12] = [
        ("3653 days", Ok(Duration::days(3653))),
        ("5260320 minutes", Ok(Duration::minutes(5_260_320))),
        ("521 weken", Ok(Duration::weeks(521))),
        ("3654 dagen", Err(TooFar)),
        ("5260321 minuten", Err(TooFar)),
        ("522 weeks", Err(TooFar)),
        ("99999999 dagen", Err(TooFar)),
        ("9223372036854775807 minuten", Err(TooFar)),
        ("18446744073709551615 days", Err(TooFar)),
        ("3653 days and 1 minute", Err(TooFar)),
        ("0 dagen", Err(NoSuchDate)),
        ("-5 days", Err(Unreadable)),
    ];
    let failures: Vec<String> = table
        .iter()
        .filter_map(|(phrase, expected)| {
            let got = parse_span(phrase);
            (&got != expected).then(|| format!("{phrase:?}: expected {expected:?}, got {got:?}"))
        })
        .collect();
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
    assert_eq!(max_span(), Duration::days(3653));
    assert!(i32::try_from(max_span().num_minutes()).is_ok());
}

#[test]
fn messy_spans_are_unreadable() {
    let nul = "1 dag\u{0}";
    let long = "1 dag ".repeat(2000);
    for phrase in ["🙂", "١ يوم", "\u{202e}1 day", nul, &long, "1 maand", "dag", "1"] {
        assert_eq!(parse_span(phrase), Err(Unreadable), "{phrase:?}");
    }
}

#[test]
fn every_accepted_date_lies_within_the_window_whatever_now_is() {
    let phrases = [
        "in 10 years",
        "10 years ago",
        "in 3653 days",
        "over 120 maanden",
        "2036-11-23 10:00",
        "1 dec",
        "29 feb",
        "morgen",
        "end of next month",
        "next friday",
        "9999-12-31",
        "0001-01-01",
        "in 1 day",
        "now",
    ];
    let nows = [
        monday(),
        utc("0001-01-01T00:00:00Z"),
        utc("0005-06-01T00:00:00Z"),
        utc("9995-06-01T00:00:00Z"),
        utc("9999-12-31T23:59:59Z"),
        DateTime::<Utc>::MIN_UTC,
        DateTime::<Utc>::MAX_UTC,
    ];
    for now in nows {
        for lean in [Lean::Future, Lean::Past] {
            let cx = context(now, lean);
            for phrase in phrases {
                if let Ok(at) = parse(phrase, &cx) {
                    assert!(window(now).contains(&at), "{phrase:?} at {now}: {at}");
                }
            }
        }
    }
}

#[test]
fn the_window_stops_at_the_ends_of_time() {
    let min = DateTime::<Utc>::MIN_UTC;
    let max = DateTime::<Utc>::MAX_UTC;

    assert_eq!(*window(min).start(), min);
    assert_eq!(*window(max).end(), max);
    assert_eq!(
        window(monday()),
        utc("2016-11-23T09:00:00Z")..=utc("2036-11-23T09:00:00Z")
    );
}
