//! One table per class of everyday phrase, in both languages, at pinned clocks: the
//! evening of the issue, the edges of months, leap years, both DST changes, 23:59, a
//! Sunday and New Year's Eve.

use super::*;
use chrono::{NaiveDateTime, TimeZone};
use chrono_tz::America::New_York;
use chrono_tz::Europe::Amsterdam;

/// Tuesday 1 December 2026, 22:58 in Amsterdam (CET): the evening of the issue.
const TUESDAY_EVENING: &str = "2026-12-01 22:58";
/// The default time of a past field ("when", "last contact") in these tests.
const PAST_DEFAULT: NaiveTime = clock(12, 0);

/// A local wall-clock time in `zone` ("2026-12-15 17:00", its first reading in an overlap),
/// or an instant in UTC ("2026-10-25T00:30:00Z").
fn instant(zone: Tz, text: &str) -> DateTime<Utc> {
    if text.ends_with('Z') {
        return text.parse().expect("test instants are valid RFC 3339");
    }
    let local = NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").expect("test times are valid");
    zone.from_local_datetime(&local)
        .earliest()
        .expect("test times exist")
        .with_timezone(&Utc)
}

fn context(zone: Tz, now: &str, lean: Lean, default_time: NaiveTime) -> DateContext {
    DateContext {
        now: instant(zone, now),
        zone,
        lean,
        default_time,
    }
}

/// A due date: leaning ahead, 17:00 by default.
fn due(now: &str) -> DateContext {
    context(Amsterdam, now, Lean::Future, END_OF_DAY)
}

/// When something happened: leaning back, noon by default.
fn when(now: &str) -> DateContext {
    context(Amsterdam, now, Lean::Past, PAST_DEFAULT)
}

/// Checks every row and reports all mismatches at once. Expectations are local times in
/// the context's zone unless they end in `Z`.
fn assert_reads(cx: &DateContext, table: &[(&str, &str)]) {
    let failures: Vec<String> = table
        .iter()
        .filter_map(|&(phrase, expected)| {
            let want = instant(cx.zone, expected);
            let got = parse(phrase, cx);
            (got != Ok(want)).then(|| {
                let shown = got.map(|t| {
                    t.with_timezone(&cx.zone)
                        .format("%a %Y-%m-%d %H:%M %Z")
                        .to_string()
                });
                format!("{phrase:?}: expected {expected}, got {shown:?}")
            })
        })
        .collect();
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

fn assert_refuses(cx: &DateContext, table: &[(&str, DateError)]) {
    let failures: Vec<String> = table
        .iter()
        .filter_map(|(phrase, expected)| {
            let got = parse(phrase, cx);
            (got.as_ref() != Err(expected)).then(|| format!("{phrase:?}: expected {expected:?}, got {got:?}"))
        })
        .collect();
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

fn notes(phrase: &str, cx: &DateContext) -> Vec<Note> {
    read_phrase(phrase, cx).map(|r| r.notes).unwrap_or_default()
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
}

#[test]
fn every_phrase_of_the_issue_reads() {
    let evening = due(TUESDAY_EVENING);
    assert_reads(
        &evening,
        &[
            ("volgende maand", "2027-01-01 17:00"),
            ("over 1,5 uur", "2026-12-02 00:28"),
            ("3 days from now", "2026-12-04 17:00"),
            // The end of Wednesday: 24:00, which is 00:00 on Thursday.
            ("morgen middernacht", "2026-12-03 00:00"),
            // Ten and a half days, rounded to eleven.
            ("over anderhalve week", "2026-12-12 17:00"),
            ("in a fortnight", "2026-12-15 17:00"),
            ("over een uur of twee", "2026-12-02 00:58"),
            ("begin januari", "2027-01-01 17:00"),
            ("na het weekend", "2026-12-07 17:00"),
            ("de 19e", "2026-12-19 17:00"),
            ("eind volgende maand", "2027-01-31 17:00"),
            // Was 15 Dec 22:58, a due time in the middle of the night.
            ("over twee weken", "2026-12-15 17:00"),
        ],
    );
    let past = when(TUESDAY_EVENING);
    assert_reads(
        &past,
        &[
            ("gisteravond", "2026-11-30 19:00"),
            ("vanochtend 9:30", "2026-12-01 09:30"),
            ("een half uur geleden", "2026-12-01 22:28"),
        ],
    );
    assert_eq!(
        notes("morgen middernacht", &evening),
        vec![Note::Midnight {
            day: date(2026, 12, 2)
        }]
    );
    assert_eq!(notes("over een uur of twee", &evening), vec![Note::Approximate]);
}

#[test]
fn month_and_year_steps_start_the_period() {
    let ahead = due(TUESDAY_EVENING);
    let back = when(TUESDAY_EVENING);
    assert_reads(
        &ahead,
        &[
            ("volgende maand", "2027-01-01 17:00"),
            ("next month", "2027-01-01 17:00"),
            ("komende maand", "2027-01-01 17:00"),
            ("volgend jaar", "2027-01-01 17:00"),
            ("next year", "2027-01-01 17:00"),
            ("volgende maand 10:00", "2027-01-01 10:00"),
        ],
    );
    assert_reads(
        &back,
        &[
            ("vorige maand", "2026-11-01 12:00"),
            ("last month", "2026-11-01 12:00"),
            ("vorig jaar", "2025-01-01 12:00"),
            ("last year", "2025-01-01 12:00"),
        ],
    );
    assert_refuses(&ahead, &[("deze maand", Unreadable), ("this year", Unreadable)]);
}

#[test]
fn parts_of_months_weeks_and_years() {
    let cx = due(TUESDAY_EVENING);
    assert_reads(
        &cx,
        &[
            ("begin januari", "2027-01-01 17:00"),
            ("early January", "2027-01-01 17:00"),
            ("start of january", "2027-01-01 17:00"),
            ("half maart", "2027-03-15 17:00"),
            ("midden maart", "2027-03-15 17:00"),
            ("medio maart", "2027-03-15 17:00"),
            ("mid March", "2027-03-15 17:00"),
            ("mid-march", "2027-03-15 17:00"),
            ("eind januari", "2027-01-31 17:00"),
            ("end of January", "2027-01-31 17:00"),
            ("late january", "2027-01-31 17:00"),
            ("eind februari 2028", "2028-02-29 17:00"),
            ("end of next month", "2027-01-31 17:00"),
            ("eind volgende maand", "2027-01-31 17:00"),
            ("begin volgende maand", "2027-01-01 17:00"),
            ("half volgende maand", "2027-01-15 17:00"),
            ("mid next month", "2027-01-15 17:00"),
            ("begin volgende week", "2026-12-07 17:00"),
            ("midden volgende week", "2026-12-09 17:00"),
            ("eind van het jaar", "2026-12-31 17:00"),
            ("end of the year", "2026-12-31 17:00"),
            ("begin volgend jaar", "2027-01-01 17:00"),
            ("medio 2027", "2027-07-01 17:00"),
            ("eind 2027", "2027-12-31 17:00"),
            ("half deze maand", "2026-12-15 17:00"),
            // December is this month and its end is ahead.
            ("eind december", "2026-12-31 17:00"),
            // Today counts, as with "1 dec".
            ("begin december", "2026-12-01 17:00"),
        ],
    );
    assert_reads(
        &when(TUESDAY_EVENING),
        &[
            ("begin januari", "2026-01-01 12:00"),
            ("eind oktober", "2026-10-31 17:00"),
        ],
    );
}

#[test]
fn days_of_the_month() {
    let cx = due(TUESDAY_EVENING);
    assert_reads(
        &cx,
        &[
            ("de 19e", "2026-12-19 17:00"),
            ("de 19de", "2026-12-19 17:00"),
            ("19e", "2026-12-19 17:00"),
            ("the 19th", "2026-12-19 17:00"),
            ("on the 3rd", "2026-12-03 17:00"),
            // Today counts, like "1 dec".
            ("the 1st", "2026-12-01 17:00"),
            ("de 1e van volgende maand", "2027-01-01 17:00"),
            ("the 1st of next month", "2027-01-01 17:00"),
            ("de 3e van volgende maand om 10:00", "2027-01-03 10:00"),
            ("de 19e om 14:00", "2026-12-19 14:00"),
        ],
    );
    // November has no 31st: the next 31st is in December.
    assert_reads(&due("2026-11-05 10:00"), &[("de 31e", "2026-12-31 17:00")]);
    // February 2027 has no 29th or 30th; 2028's has a 29th.
    assert_reads(&due("2027-02-01 10:00"), &[("de 30e", "2027-03-30 17:00")]);
    assert_reads(
        &due("2028-01-15 10:00"),
        &[("de 29e van volgende maand", "2028-02-29 17:00")],
    );
    assert_reads(&when(TUESDAY_EVENING), &[("de 19e", "2026-11-19 12:00")]);
    assert_refuses(
        &due("2027-01-15 10:00"),
        &[("de 30e van volgende maand", NoSuchDate), ("de 32e", NoSuchDate)],
    );
}

#[test]
fn month_arithmetic_clamps_and_says_so() {
    // 31 January, plain and leap year.
    let plain = due("2027-01-31 10:00");
    let leap = due("2028-01-31 10:00");
    assert_reads(
        &plain,
        &[
            ("over een maand", "2027-02-28 17:00"),
            ("in 1 month", "2027-02-28 17:00"),
            ("1 mnd", "2027-02-28 17:00"),
            // A month step is the 1st: nothing to clamp.
            ("volgende maand", "2027-02-01 17:00"),
            ("over 3 maanden", "2027-04-30 17:00"),
        ],
    );
    assert_reads(&leap, &[("over een maand", "2028-02-29 17:00")]);
    assert_eq!(
        notes("over een maand", &plain),
        vec![Note::MonthEnd {
            from: date(2027, 1, 31),
            landed: date(2027, 2, 28)
        }]
    );
    assert_eq!(notes("over 2 maanden", &plain), vec![]);
    // 29 February plus a year.
    let leap_day = due("2028-02-29 10:00");
    assert_reads(&leap_day, &[("over een jaar", "2029-02-28 17:00")]);
    assert_eq!(
        notes("in a year", &leap_day),
        vec![Note::MonthEnd {
            from: date(2028, 2, 29),
            landed: date(2029, 2, 28)
        }]
    );
    assert_reads(
        &when("2028-03-31 10:00"),
        &[("een maand geleden", "2028-02-29 12:00")],
    );
}

#[test]
fn spans_from_now_in_both_languages() {
    let cx = due(TUESDAY_EVENING);
    assert_reads(
        &cx,
        &[
            ("3 days from now", "2026-12-04 17:00"),
            ("3 dagen vanaf nu", "2026-12-04 17:00"),
            ("2 weeks later", "2026-12-15 17:00"),
            ("2 weken later", "2026-12-15 17:00"),
            ("after 4 days", "2026-12-05 17:00"),
            ("na 3 dagen", "2026-12-04 17:00"),
            ("within 2 weeks", "2026-12-15 17:00"),
            ("binnen 2 weken", "2026-12-15 17:00"),
            ("binnen 2 uur", "2026-12-02 00:58"),
            ("over een week", "2026-12-08 17:00"),
            ("uiterlijk vrijdag", "2026-12-04 17:00"),
            ("by friday", "2026-12-04 17:00"),
            ("after the weekend", "2026-12-07 17:00"),
            ("na het weekend", "2026-12-07 17:00"),
            ("2 hours from now", "2026-12-02 00:58"),
        ],
    );
    assert_refuses(&cx, &[("in 3 days ago", Unreadable), ("na", Unreadable)]);
}

#[test]
fn before_a_day_is_the_end_of_the_working_day_before() {
    let cx = due(TUESDAY_EVENING);
    assert_reads(
        &cx,
        &[
            ("voor vrijdag", "2026-12-03 17:00"),
            ("before Friday", "2026-12-03 17:00"),
            ("vóór vrijdag", "2026-12-03 17:00"),
            // The working day before a Monday is the Friday.
            ("voor maandag", "2026-12-04 17:00"),
            ("before the weekend", "2026-12-04 17:00"),
            ("voor het weekend", "2026-12-04 17:00"),
            ("voor 10 december", "2026-12-09 17:00"),
            // A time named with the day is the deadline itself.
            ("voor vrijdag 12:00", "2026-12-04 12:00"),
        ],
    );
    assert_eq!(
        notes("voor vrijdag", &cx),
        vec![Note::WorkingDayBefore {
            named: date(2026, 12, 4),
            landed: date(2026, 12, 3)
        }]
    );
    // On a Friday morning, this Friday's Thursday has gone: next week's.
    assert_reads(&due("2026-12-04 09:00"), &[("voor vrijdag", "2026-12-10 17:00")]);
    // On a Thursday morning, today at five is still ahead.
    assert_reads(&due("2026-12-03 09:00"), &[("voor vrijdag", "2026-12-03 17:00")]);
    assert_refuses(&cx, &[("voor", Unreadable), ("voor 3 dagen", Unreadable)]);
}

#[test]
fn fractions_and_approximations() {
    let cx = due(TUESDAY_EVENING);
    assert_reads(
        &cx,
        &[
            ("over 1,5 uur", "2026-12-02 00:28"),
            ("1,5 uur", "2026-12-02 00:28"),
            ("in 1.5 hours", "2026-12-02 00:28"),
            ("1.5 hours", "2026-12-02 00:28"),
            ("over anderhalf uur", "2026-12-02 00:28"),
            ("over anderhalve week", "2026-12-12 17:00"),
            ("over een half uur", "2026-12-01 23:28"),
            ("een halfuur", "2026-12-01 23:28"),
            ("in half an hour", "2026-12-01 23:28"),
            ("over een kwartier", "2026-12-01 23:13"),
            ("over drie kwartier", "2026-12-01 23:43"),
            ("in a quarter of an hour", "2026-12-01 23:13"),
            ("in three quarters of an hour", "2026-12-01 23:43"),
            ("over een uur of twee", "2026-12-02 00:58"),
            ("over een dag of drie", "2026-12-04 17:00"),
            ("in about an hour", "2026-12-01 23:58"),
            ("about an hour", "2026-12-01 23:58"),
            ("ongeveer 3 dagen", "2026-12-04 17:00"),
            ("over ongeveer 3 dagen", "2026-12-04 17:00"),
            ("in a couple of days", "2026-12-03 17:00"),
            ("over een paar dagen", "2026-12-03 17:00"),
            ("in a few days", "2026-12-04 17:00"),
            ("in an hour and a half", "2026-12-02 00:28"),
            ("over twee en een half uur", "2026-12-02 01:28"),
            ("in 2 and a half hours", "2026-12-02 01:28"),
            ("over 2,25 uur", "2026-12-02 01:13"),
            ("over anderhalve maand", "2027-01-16 17:00"),
            ("over anderhalf jaar", "2028-06-01 17:00"),
            ("over een halve dag", "2026-12-02 17:00"),
        ],
    );
    // The same digits as a clock time or a date.
    assert_reads(
        &cx,
        &[
            ("14.00", "2026-12-02 14:00"),
            ("14.00 uur", "2026-12-02 14:00"),
            ("9.30", "2026-12-02 09:30"),
            ("1.5.2027", "2027-05-01 17:00"),
            ("1.5.27", "2027-05-01 17:00"),
        ],
    );
    assert_refuses(
        &cx,
        &[
            ("1.5", Unreadable),
            ("over 1,2345 uur", Unreadable),
            ("1,5", Unreadable),
        ],
    );
    assert_eq!(notes("ongeveer 3 dagen", &cx), vec![Note::Approximate]);
    assert_eq!(notes("a few days", &cx), vec![Note::Approximate]);
}

#[test]
fn number_words_up_to_a_hundred_and_articles() {
    let cx = due(TUESDAY_EVENING);
    assert_reads(
        &cx,
        &[
            ("over vijftien minuten", "2026-12-01 23:13"),
            ("in fifteen minutes", "2026-12-01 23:13"),
            ("over twintig minuten", "2026-12-01 23:18"),
            ("in twenty minutes", "2026-12-01 23:18"),
            ("over vijfenveertig minuten", "2026-12-01 23:43"),
            ("in forty-five minutes", "2026-12-01 23:43"),
            ("in forty five minutes", "2026-12-01 23:43"),
            ("over eenentwintig dagen", "2026-12-22 17:00"),
            ("over tweeëntwintig dagen", "2026-12-23 17:00"),
            ("in twenty-one days", "2026-12-22 17:00"),
            ("over negentig minuten", "2026-12-02 00:28"),
            ("in ninety minutes", "2026-12-02 00:28"),
            ("over negenennegentig dagen", "2027-03-10 17:00"),
            ("over honderd dagen", "2027-03-11 17:00"),
            ("in a hundred days", "2027-03-11 17:00"),
            ("in one hundred days", "2027-03-11 17:00"),
            ("in a day", "2026-12-02 17:00"),
            ("over een dag", "2026-12-02 17:00"),
            ("in an hour", "2026-12-01 23:58"),
            ("over één uur", "2026-12-01 23:58"),
            ("over nul minuten", "2026-12-01 22:58"),
            ("om drie uur", "2026-12-02 03:00"),
        ],
    );
}

#[test]
fn short_forms() {
    let ahead = due(TUESDAY_EVENING);
    let back = when(TUESDAY_EVENING);
    assert_reads(
        &ahead,
        &[
            ("1d", "2026-12-02 17:00"),
            ("2w", "2026-12-15 17:00"),
            ("30m", "2026-12-01 23:28"),
            ("2 dgn", "2026-12-03 17:00"),
            ("3 wkn", "2026-12-22 17:00"),
            ("2 mnd", "2027-02-01 17:00"),
            ("1y", "2027-12-01 17:00"),
            ("1d2h", "2026-12-03 00:58"),
            ("2h30m", "2026-12-02 01:28"),
            ("in 1d", "2026-12-02 17:00"),
            ("in 3h", "2026-12-02 01:58"),
            ("over 1u", "2026-12-01 23:58"),
            ("2d", "2026-12-03 17:00"),
            ("3 dagen", "2026-12-04 17:00"),
            ("2 hours", "2026-12-02 00:58"),
            // A lone N h / N u / N uur is a clock time, whatever the hour.
            ("3h", "2026-12-02 03:00"),
            ("14h", "2026-12-02 14:00"),
            ("1u", "2026-12-02 01:00"),
            ("9u", "2026-12-02 09:00"),
            ("14h30", "2026-12-02 14:30"),
            ("3 uur", "2026-12-02 03:00"),
        ],
    );
    assert_reads(
        &back,
        &[
            ("2d ago", "2026-11-29 12:00"),
            ("2d", "2026-11-29 12:00"),
            ("3 dagen", "2026-11-28 12:00"),
            ("30m", "2026-12-01 22:28"),
            ("2 wkn geleden", "2026-11-17 12:00"),
        ],
    );
    let spans: [(&str, Duration); 12] = [
        ("2d", Duration::days(2)),
        ("1d", Duration::days(1)),
        ("2w", Duration::weeks(2)),
        ("3h", Duration::hours(3)),
        ("14h", Duration::hours(14)),
        ("1u", Duration::hours(1)),
        ("30m", Duration::minutes(30)),
        ("1d2h", Duration::hours(26)),
        ("2 dgn", Duration::days(2)),
        ("een kwartier", Duration::minutes(15)),
        ("1,5 uur", Duration::minutes(90)),
        ("1 dag van tevoren", Duration::days(1)),
    ];
    for (phrase, expected) in spans {
        assert_eq!(parse_span(phrase), Ok(expected), "{phrase:?}");
    }
    assert_eq!(parse_span("2 mnd"), Err(Unreadable));
    assert_eq!(parse_period("2w"), Some((0, 14)));
    assert_eq!(parse_period("2 mnd"), Some((2, 0)));
}

#[test]
fn dayparts_and_compounds() {
    let cx = due(TUESDAY_EVENING);
    assert_reads(
        &cx,
        &[
            // The end of today.
            ("middernacht", "2026-12-02 00:00"),
            ("midnight", "2026-12-02 00:00"),
            ("vrijdag middernacht", "2026-12-05 00:00"),
            ("middag", "2026-12-02 14:00"),
            ("noon", "2026-12-02 12:00"),
            ("middaguur", "2026-12-02 12:00"),
            ("tussen de middag", "2026-12-02 12:00"),
            ("vanavond", "2026-12-01 19:00"),
            ("tonight", "2026-12-01 19:00"),
            ("vannacht", "2026-12-01 23:00"),
            ("morgenochtend", "2026-12-02 09:00"),
            ("morgenmiddag", "2026-12-02 14:00"),
            ("morgenavond", "2026-12-02 19:00"),
            ("morgennacht", "2026-12-02 23:00"),
            ("overmorgenochtend", "2026-12-03 09:00"),
            ("vrijdagmiddag", "2026-12-04 14:00"),
            ("maandagochtend", "2026-12-07 09:00"),
            ("zaterdagavond", "2026-12-05 19:00"),
            ("'s ochtends", "2026-12-02 09:00"),
            ("om 3 uur 's middags", "2026-12-02 15:00"),
            ("3 in the afternoon", "2026-12-02 15:00"),
            ("8 in the evening", "2026-12-02 20:00"),
            ("8 's avonds", "2026-12-02 20:00"),
            ("morgenavond 8", "2026-12-02 20:00"),
            ("vrijdag om 10 uur 's ochtends", "2026-12-04 10:00"),
            ("11 uur 's nachts", "2026-12-01 23:00"),
            // The small hours after Friday.
            ("vrijdagnacht 3 uur", "2026-12-05 03:00"),
            ("tomorrow night", "2026-12-02 23:00"),
            ("3 o'clock", "2026-12-02 03:00"),
        ],
    );
    assert_reads(
        &when(TUESDAY_EVENING),
        &[
            ("gisteravond", "2026-11-30 19:00"),
            ("gisterenavond", "2026-11-30 19:00"),
            ("last night", "2026-11-30 23:00"),
            ("gisterochtend", "2026-11-30 09:00"),
            ("gisteravond om 8 uur", "2026-11-30 20:00"),
            // Leaning back, the latest midnight: the start of today.
            ("middernacht", "2026-12-01 00:00"),
        ],
    );
    assert_refuses(
        &cx,
        &[
            ("vrijdag 3", Unreadable),
            ("3", Unreadable),
            ("avond 25", Unreadable),
        ],
    );
}

#[test]
fn every_weekday_combines_with_every_daypart() {
    // Monday 23 November 2026, 08:00: every weekday of the week is still ahead.
    let cx = due("2026-11-23 08:00");
    let days = [
        "maandag",
        "dinsdag",
        "woensdag",
        "donderdag",
        "vrijdag",
        "zaterdag",
        "zondag",
    ];
    let parts = [
        ("ochtend", 9),
        ("morgen", 9),
        ("middag", 14),
        ("avond", 19),
        ("nacht", 23),
    ];
    for (i, day) in days.iter().enumerate() {
        for (part, hour) in parts {
            let phrase = format!("{day}{part}");
            let expected = format!("2026-11-{} {hour:02}:00", 23 + i);
            assert_reads(&cx, &[(&phrase, &expected)]);
        }
    }
    for (rel, day) in [("morgen", 24), ("overmorgen", 25)] {
        for (part, hour) in parts {
            let phrase = format!("{rel}{part}");
            assert_reads(&cx, &[(&phrase, &format!("2026-11-{day} {hour:02}:00"))]);
        }
    }
    let back = when("2026-11-23 08:00");
    for (rel, day) in [("gisteren", 22), ("gister", 22), ("eergisteren", 21)] {
        for (part, hour) in parts {
            let phrase = format!("{rel}{part}");
            assert_reads(&back, &[(&phrase, &format!("2026-11-{day} {hour:02}:00"))]);
        }
    }
}

#[test]
fn now_and_just_now() {
    let cx = when(TUESDAY_EVENING);
    let now = cx.now.to_rfc3339();
    let now = now.replace("+00:00", "Z");
    let table: Vec<(&str, &str)> = [
        "nu",
        "now",
        "zojuist",
        "net",
        "zonet",
        "just now",
        "a moment ago",
        "een moment geleden",
    ]
    .iter()
    .map(|&p| (p, now.as_str()))
    .collect();
    assert_reads(&cx, &table);
    assert_reads(&due(TUESDAY_EVENING), &table);
    assert_reads(
        &cx,
        &[
            ("vorige week dinsdag", "2026-11-24 12:00"),
            ("last week Tuesday", "2026-11-24 12:00"),
            ("last week tuesday 14:00", "2026-11-24 14:00"),
        ],
    );
}

#[test]
fn two_digit_years_follow_the_field() {
    // Leaning back from 2000, "94" is 1994.
    let back_2000 = context(Amsterdam, "2000-06-01 12:00", Lean::Past, PAST_DEFAULT);
    assert_reads(
        &back_2000,
        &[("3/3/94", "1994-03-03 12:00"), ("3-3-00", "2000-03-03 12:00")],
    );
    let back = when(TUESDAY_EVENING);
    assert_reads(
        &back,
        &[("3/3/20", "2020-03-03 12:00"), ("3/3/26", "2026-03-03 12:00")],
    );
    // 1994 is read, but lies beyond the ten-year bound.
    assert_refuses(&back, &[("3/3/94", TooFar), ("3/3/27", TooFar)]);
    assert_eq!(
        read_phrase("3/3/94", &back_2000).map(|r| r.notes),
        Ok(vec![Note::TwoDigitYear {
            typed: 94,
            year: 1994
        }])
    );
    let ahead = due(TUESDAY_EVENING);
    assert_reads(
        &ahead,
        &[("3/3/30", "2030-03-03 17:00"), ("3/3/27", "2027-03-03 17:00")],
    );
    assert_refuses(&ahead, &[("3/3/20", TooFar)]);
}

#[test]
fn numeric_dates_say_they_were_read_day_first() {
    let cx = due(TUESDAY_EVENING);
    assert_reads(&cx, &[("09/03", "2027-03-09 17:00")]);
    assert_eq!(notes("09/03", &cx), vec![Note::DayFirst { day: 9, month: 3 }]);
    assert_eq!(
        Note::DayFirst { day: 9, month: 3 }.to_string(),
        "read 09/03 day first, as 9 March"
    );
    // Only one order is possible, or both are the same: nothing to say.
    assert_eq!(notes("19/03", &cx), vec![]);
    assert_eq!(notes("3/3", &cx), vec![]);
    assert_eq!(notes("2027-03-09", &cx), vec![]);
}

#[test]
fn renderings_read_back_across_both_dst_changes() {
    let cx = due(TUESDAY_EVENING);
    assert_reads(
        &cx,
        &[
            ("za 28 nov 2026 12:00 CET", "2026-11-28T11:00:00Z"),
            ("Sat 28 Nov 2026 12:00 CET", "2026-11-28T11:00:00Z"),
            // The repeated hour of 25 October 2026: CEST first, CET second.
            ("zo 25 okt 2026 02:30 CEST", "2026-10-25T00:30:00Z"),
            ("zo 25 okt 2026 02:30 CET", "2026-10-25T01:30:00Z"),
            ("Sun 25 Oct 2026 02:30 CET", "2026-10-25T01:30:00Z"),
            ("zo 29 mrt 2026 03:30 CEST", "2026-03-29T01:30:00Z"),
            ("zo 29 mrt 2026 01:59 CET", "2026-03-29T00:59:00Z"),
            ("wo 1 jul 2026 00:00 CEST", "2026-06-30T22:00:00Z"),
        ],
    );
    assert_refuses(
        &cx,
        &[
            // The issue's own example: 28 November 2026 is a Saturday.
            ("Fri 28 Nov 2026 12:00 CET", NoSuchDate),
            ("za 28 nov 2026 12:00 EST", NoSuchDate),
            ("za 28 nov 2026 12:00 CEST", NoSuchDate),
            // Skipped by the spring change.
            ("zo 29 mrt 2026 02:30 CET", NoSuchDate),
            ("1 dec 2026 CET", Unreadable),
        ],
    );
    let new_york = context(New_York, "2026-10-20 12:00", Lean::Future, END_OF_DAY);
    assert_reads(
        &new_york,
        &[
            ("Sun 1 Nov 2026 01:30 EDT", "2026-11-01T05:30:00Z"),
            ("Sun 1 Nov 2026 01:30 EST", "2026-11-01T06:30:00Z"),
            ("zo 8 mrt 2026 03:30 EDT", "2026-03-08T07:30:00Z"),
        ],
    );
    let utc = context(chrono_tz::UTC, "2026-10-20 12:00", Lean::Future, END_OF_DAY);
    assert_reads(&utc, &[("Sat 28 Nov 2026 12:00 UTC", "2026-11-28T12:00:00Z")]);
    // Zones whose abbreviation chrono-tz renders as an offset.
    let dubai = context(
        chrono_tz::Asia::Dubai,
        "2026-10-20 12:00",
        Lean::Future,
        END_OF_DAY,
    );
    assert_reads(&dubai, &[("Sat 28 Nov 2026 12:00 +04", "2026-11-28T08:00:00Z")]);
    let kathmandu = context(
        chrono_tz::Asia::Kathmandu,
        "2026-10-20 12:00",
        Lean::Future,
        END_OF_DAY,
    );
    assert_reads(
        &kathmandu,
        &[("za 28 nov 2026 12:00 +0545", "2026-11-28T06:15:00Z")],
    );
    assert_refuses(&dubai, &[("Sat 28 Nov 2026 12:00 +05", NoSuchDate)]);
}

#[test]
fn day_granular_spans_land_on_the_default_time() {
    let ahead = due(TUESDAY_EVENING);
    let back = when(TUESDAY_EVENING);
    assert_reads(
        &ahead,
        &[
            ("over twee weken", "2026-12-15 17:00"),
            ("in 3 days", "2026-12-04 17:00"),
            ("over 1 maand", "2027-01-01 17:00"),
            ("in 1 year", "2027-12-01 17:00"),
            // Hours keep the minute; a mix keeps the wall-clock time.
            ("over 2 uur", "2026-12-02 00:58"),
            ("over 1 dag 2 uur", "2026-12-03 00:58"),
            ("over 3 dagen om 9:00", "2026-12-04 09:00"),
            // Today at five has passed: never before now.
            ("over 0 dagen", "2026-12-01 22:58"),
        ],
    );
    assert_reads(
        &back,
        &[
            ("3 dagen geleden", "2026-11-28 12:00"),
            ("a week ago", "2026-11-24 12:00"),
            ("2 uur geleden", "2026-12-01 20:58"),
        ],
    );
    // At 08:00 today's noon is ahead: "0 days ago" is now, never in the future.
    let morning = when("2026-12-01 08:00");
    assert_reads(
        &morning,
        &[
            ("0 days ago", "2026-12-01 08:00"),
            ("0 dagen", "2026-12-01 08:00"),
        ],
    );
}

#[test]
fn edges_at_23_59_on_new_years_eve() {
    // Thursday 31 December 2026, 23:59.
    let cx = due("2026-12-31 23:59");
    assert_reads(
        &cx,
        &[
            ("morgen", "2027-01-01 17:00"),
            ("over 1 dag", "2027-01-01 17:00"),
            ("in 1 minute", "2027-01-01 00:00"),
            ("volgend jaar", "2027-01-01 17:00"),
            ("volgende maand", "2027-01-01 17:00"),
            ("middernacht", "2027-01-01 00:00"),
            ("eind van het jaar", "2027-12-31 17:00"),
            ("1-1", "2027-01-01 17:00"),
            ("de 1e", "2027-01-01 17:00"),
            ("vrijdag", "2027-01-01 17:00"),
            ("na het weekend", "2027-01-04 17:00"),
        ],
    );
    assert_reads(
        &when("2026-12-31 23:59"),
        &[
            ("vorig jaar", "2025-01-01 12:00"),
            ("gisteravond", "2026-12-30 19:00"),
        ],
    );
}

#[test]
fn edges_on_a_sunday() {
    // Sunday 29 November 2026, 12:00.
    let cx = due("2026-11-29 12:00");
    assert_reads(
        &cx,
        &[
            ("na het weekend", "2026-11-30 17:00"),
            ("after the weekend", "2026-11-30 17:00"),
            ("maandag", "2026-11-30 17:00"),
            ("volgende week", "2026-11-30 17:00"),
            ("eind van de week", "2026-12-04 17:00"),
            ("zondag", "2026-11-29 17:00"),
            // Friday the 27th has passed: the Friday before next Monday.
            ("voor maandag", "2026-12-04 17:00"),
            ("weekend", "2026-12-05 17:00"),
        ],
    );
    assert_reads(
        &when("2026-11-29 12:00"),
        &[("na het weekend", "2026-11-23 12:00")],
    );
}

#[test]
fn both_dst_changes_in_amsterdam() {
    // Saturday 28 March 2026, 22:58 CET; clocks jump 02:00 -> 03:00 on Sunday.
    let spring = due("2026-03-28 22:58");
    assert_reads(
        &spring,
        &[
            ("over 1 dag", "2026-03-29T15:00:00Z"),
            ("morgen middernacht", "2026-03-30 00:00"),
            ("over 4 uur", "2026-03-29T01:58:00Z"),
            ("morgenochtend", "2026-03-29 09:00"),
            ("vannacht", "2026-03-28 23:00"),
        ],
    );
    // Saturday 24 October 2026, 22:58 CEST; clocks fall 03:00 -> 02:00 on Sunday.
    let autumn = due("2026-10-24 22:58");
    assert_reads(
        &autumn,
        &[
            ("over 1 dag", "2026-10-25T16:00:00Z"),
            ("over 4 uur", "2026-10-25T00:58:00Z"),
            ("morgen 2:30", "2026-10-25T00:30:00Z"),
            ("morgenochtend", "2026-10-25 09:00"),
            ("over een week", "2026-10-31 17:00"),
        ],
    );
}

#[test]
fn truly_ambiguous_or_meaningless_phrases_stay_refused() {
    let cx = due(TUESDAY_EVENING);
    assert_refuses(
        &cx,
        &[
            ("someday maybe", Unreadable),
            ("vrijdag 3", Unreadable),
            ("31 februari", NoSuchDate),
            ("soon", Unreadable),
            ("this week", Unreadable),
            ("next", Unreadable),
            ("after friday", Unreadable),
            ("morgen gisteren", Unreadable),
            ("half", Unreadable),
            ("begin", Unreadable),
            ("eind van de", Unreadable),
            ("1 dec 2026 extra", Unreadable),
            ("14:00 asdf", NoSuchDate),
        ],
    );
}
