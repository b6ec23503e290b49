use super::DateError::Empty;
use super::*;
use chrono::{NaiveDate, Weekday};
use chrono_tz::America::New_York;
use chrono_tz::Europe::Amsterdam;

/// Monday 2026-11-23 10:00 in Amsterdam (CET, UTC+1).
const MONDAY: &str = "2026-11-23T09:00:00Z";

fn utc(text: &str) -> DateTime<Utc> {
    text.parse().expect("test instants are valid RFC 3339")
}

fn context(now: &str, lean: Lean) -> DateContext {
    DateContext {
        now: utc(now),
        zone: Amsterdam,
        lean,
        default_time: clock(9, 0),
    }
}

fn future() -> DateContext {
    context(MONDAY, Lean::Future)
}

fn past() -> DateContext {
    context(MONDAY, Lean::Past)
}

/// Checks every row and reports all mismatches at once.
fn assert_reads(cx: &DateContext, table: &[(&str, &str)]) {
    let failures: Vec<String> = table
        .iter()
        .filter_map(|&(phrase, expected)| {
            let got = parse(phrase, cx);
            (got != Ok(utc(expected))).then(|| format!("{phrase:?}: expected {expected}, got {got:?}"))
        })
        .collect();
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

fn assert_errors(cx: &DateContext, table: &[(&str, DateError)]) {
    let failures: Vec<String> = table
        .iter()
        .filter_map(|(phrase, expected)| {
            let got = parse(phrase, cx);
            (got.as_ref() != Err(expected)).then(|| format!("{phrase:?}: expected {expected:?}, got {got:?}"))
        })
        .collect();
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn iso_dates_read_with_and_without_time() {
    // Arrange
    let cx = future();
    // Act + Assert
    assert_reads(
        &cx,
        &[
            ("2026-12-01", "2026-12-01T08:00:00Z"),
            ("2026-12-01 14:00", "2026-12-01T13:00:00Z"),
            ("2026-12-01T14:00", "2026-12-01T13:00:00Z"),
            ("2026-12-01t14:00", "2026-12-01T13:00:00Z"),
            ("2026-12-01 14:00:30", "2026-12-01T13:00:30Z"),
            ("2026/12/01", "2026-12-01T08:00:00Z"),
            ("2027-06-15 09:30", "2027-06-15T07:30:00Z"),
        ],
    );
}

#[test]
fn numeric_dates_put_the_day_first() {
    let cx = future();
    assert_reads(
        &cx,
        &[
            ("12-1", "2027-01-12T08:00:00Z"),
            ("1-12", "2026-12-01T08:00:00Z"),
            ("1/12", "2026-12-01T08:00:00Z"),
            ("1-12-2026", "2026-12-01T08:00:00Z"),
            ("1/12/2026", "2026-12-01T08:00:00Z"),
            ("01-12-26", "2026-12-01T08:00:00Z"),
            ("1.12.2026", "2026-12-01T08:00:00Z"),
            ("1-12 14:00", "2026-12-01T13:00:00Z"),
            ("1-12-2026 14.30", "2026-12-01T13:30:00Z"),
        ],
    );
}

#[test]
fn day_month_without_year_follows_the_lean() {
    // Arrange
    let (ahead, behind) = (future(), past());
    // Act + Assert: the next occurrence ahead, the latest one behind.
    assert_reads(
        &ahead,
        &[
            ("12-1", "2027-01-12T08:00:00Z"),
            ("1 dec", "2026-12-01T08:00:00Z"),
        ],
    );
    assert_reads(
        &behind,
        &[
            ("12-1", "2026-01-12T08:00:00Z"),
            ("1 dec", "2025-12-01T08:00:00Z"),
        ],
    );
}

#[test]
fn todays_date_without_year_is_this_year_for_both_leans() {
    let expected = "2026-11-23T08:00:00Z";
    assert_reads(&future(), &[("23-11", expected), ("23 nov", expected)]);
    assert_reads(&past(), &[("23-11", expected), ("23 november", expected)]);
}

#[test]
fn leap_day_without_year_waits_for_a_leap_year() {
    assert_reads(&future(), &[("29 feb", "2028-02-29T08:00:00Z")]);
    assert_reads(&past(), &[("29-2", "2024-02-29T08:00:00Z")]);
}

#[test]
fn month_names_read_in_both_orders_and_languages() {
    let cx = future();
    assert_reads(
        &cx,
        &[
            ("1 dec", "2026-12-01T08:00:00Z"),
            ("1 dec.", "2026-12-01T08:00:00Z"),
            ("1 december", "2026-12-01T08:00:00Z"),
            ("1 december 14:00", "2026-12-01T13:00:00Z"),
            ("1 dec 2026", "2026-12-01T08:00:00Z"),
            ("1 dec. 2027 14:00", "2027-12-01T13:00:00Z"),
            ("dec 1", "2026-12-01T08:00:00Z"),
            ("dec. 1, 2026", "2026-12-01T08:00:00Z"),
            ("december 1st", "2026-12-01T08:00:00Z"),
            ("dec 1 14:00", "2026-12-01T13:00:00Z"),
            ("1st december", "2026-12-01T08:00:00Z"),
            ("3rd of march", "2027-03-03T08:00:00Z"),
            ("the 3rd of march", "2027-03-03T08:00:00Z"),
            ("1e december", "2026-12-01T08:00:00Z"),
            ("3 maart", "2027-03-03T08:00:00Z"),
            ("1 mrt", "2027-03-01T08:00:00Z"),
            ("15 mei", "2027-05-15T07:00:00Z"),
            ("1 okt 2027", "2027-10-01T07:00:00Z"),
        ],
    );
}

#[test]
fn every_month_name_maps_to_its_month() {
    let names: [(&str, u32); 38] = [
        ("januari", 1),
        ("january", 1),
        ("jan", 1),
        ("februari", 2),
        ("february", 2),
        ("feb", 2),
        ("maart", 3),
        ("march", 3),
        ("mrt", 3),
        ("maa", 3),
        ("mar", 3),
        ("april", 4),
        ("apr", 4),
        ("mei", 5),
        ("may", 5),
        ("juni", 6),
        ("june", 6),
        ("jun", 6),
        ("juli", 7),
        ("july", 7),
        ("jul", 7),
        ("augustus", 8),
        ("august", 8),
        ("aug", 8),
        ("september", 9),
        ("sep", 9),
        ("sept", 9),
        ("oktober", 10),
        ("october", 10),
        ("okt", 10),
        ("oct", 10),
        ("november", 11),
        ("nov", 11),
        ("december", 12),
        ("dec", 12),
        ("NOV.", 11),
        ("Sept.", 9),
        ("Mei", 5),
    ];
    for (name, month) in names {
        // Act
        let got = parse(&format!("2 {name} 2027"), &future());
        // Assert
        let local = got.map(|t| t.with_timezone(&Amsterdam).date_naive());
        assert_eq!(
            local,
            Ok(NaiveDate::from_ymd_opt(2027, month, 2).expect("valid")),
            "{name}"
        );
    }
}

#[test]
fn clock_times_read_in_every_notation() {
    // Now is 10:00 local; these times are all later today.
    let cx = future();
    assert_reads(
        &cx,
        &[
            ("14:00", "2026-11-23T13:00:00Z"),
            ("14.00", "2026-11-23T13:00:00Z"),
            ("14.00 uur", "2026-11-23T13:00:00Z"),
            ("14:00:30", "2026-11-23T13:00:30Z"),
            ("14u30", "2026-11-23T13:30:00Z"),
            ("14u", "2026-11-23T13:00:00Z"),
            ("14h", "2026-11-23T13:00:00Z"),
            ("14h30", "2026-11-23T13:30:00Z"),
            ("2pm", "2026-11-23T13:00:00Z"),
            ("2 pm", "2026-11-23T13:00:00Z"),
            ("2:30 pm", "2026-11-23T13:30:00Z"),
            ("2:30PM", "2026-11-23T13:30:00Z"),
            ("2 p.m.", "2026-11-23T13:00:00Z"),
            ("11am", "2026-11-23T10:00:00Z"),
            ("12pm", "2026-11-23T11:00:00Z"),
            ("noon", "2026-11-23T11:00:00Z"),
            ("12 uur", "2026-11-23T11:00:00Z"),
            ("15 uur", "2026-11-23T14:00:00Z"),
            ("at 14:00", "2026-11-23T13:00:00Z"),
            ("om 14.00", "2026-11-23T13:00:00Z"),
            ("@ 14:00", "2026-11-23T13:00:00Z"),
            ("@14:00", "2026-11-23T13:00:00Z"),
        ],
    );
}

#[test]
fn twelve_am_is_midnight() {
    // Midnight today has passed, so leaning ahead gives the coming midnight.
    assert_reads(
        &future(),
        &[
            ("12am", "2026-11-23T23:00:00Z"),
            ("12 a.m.", "2026-11-23T23:00:00Z"),
        ],
    );
    assert_reads(&past(), &[("12am", "2026-11-22T23:00:00Z")]);
}

#[test]
fn bare_time_moves_a_day_when_it_falls_on_the_wrong_side_of_now() {
    // Leaning ahead, a time already gone today means tomorrow.
    assert_reads(
        &future(),
        &[
            ("9:00", "2026-11-24T08:00:00Z"),
            ("9u", "2026-11-24T08:00:00Z"),
            ("14:00", "2026-11-23T13:00:00Z"),
        ],
    );
    // Leaning back, a time still to come today means yesterday.
    assert_reads(
        &past(),
        &[
            ("9:00", "2026-11-23T08:00:00Z"),
            ("14:00", "2026-11-22T13:00:00Z"),
            ("10:00", "2026-11-23T09:00:00Z"),
        ],
    );
}

#[test]
fn dayparts_set_the_time_of_a_day() {
    let cx = future();
    assert_reads(
        &cx,
        &[
            ("tomorrow morning", "2026-11-24T08:00:00Z"),
            ("morgenochtend", "2026-11-24T08:00:00Z"),
            ("morgen ochtend", "2026-11-24T08:00:00Z"),
            ("morgen 's ochtends", "2026-11-24T08:00:00Z"),
            ("morgen in de middag", "2026-11-24T13:00:00Z"),
            ("morgenavond", "2026-11-24T18:00:00Z"),
            ("overmorgenmiddag", "2026-11-25T13:00:00Z"),
            ("vrijdagmiddag", "2026-11-27T13:00:00Z"),
            ("vrijdag middag", "2026-11-27T13:00:00Z"),
            ("friday afternoon", "2026-11-27T13:00:00Z"),
            ("friday evening", "2026-11-27T18:00:00Z"),
            ("maandagmorgen", "2026-11-30T08:00:00Z"),
            ("tonight", "2026-11-23T18:00:00Z"),
            ("vanavond", "2026-11-23T18:00:00Z"),
            ("vanmiddag", "2026-11-23T13:00:00Z"),
            ("this afternoon", "2026-11-23T13:00:00Z"),
            ("'s avonds", "2026-11-23T18:00:00Z"),
            ("’s middags", "2026-11-23T13:00:00Z"),
            ("evening", "2026-11-23T18:00:00Z"),
            // The morning of today is gone, so leaning ahead it is tomorrow's.
            ("morning", "2026-11-24T08:00:00Z"),
            // An explicit clock time wins over the daypart.
            ("vanavond 20:00", "2026-11-23T19:00:00Z"),
            ("tomorrow morning 10:30", "2026-11-24T09:30:00Z"),
            ("vanochtend 8 uur", "2026-11-23T07:00:00Z"),
            ("tonight 8am", "2026-11-23T07:00:00Z"),
            ("'s middags 12 uur", "2026-11-23T11:00:00Z"),
        ],
    );
}

#[test]
fn afternoon_and_evening_put_small_hours_after_noon() {
    let cx = future();
    assert_reads(
        &cx,
        &[
            ("vanavond 8 uur", "2026-11-23T19:00:00Z"),
            ("vanavond om 8:30", "2026-11-23T19:30:00Z"),
            ("3 uur 's middags", "2026-11-23T14:00:00Z"),
            ("morgenmiddag 1 uur", "2026-11-24T12:00:00Z"),
            ("friday evening 7 uur", "2026-11-27T18:00:00Z"),
        ],
    );
}

#[test]
fn this_morning_is_today_whatever_the_lean() {
    assert_reads(
        &future(),
        &[
            ("this morning", "2026-11-23T08:00:00Z"),
            ("vanochtend", "2026-11-23T08:00:00Z"),
        ],
    );
    assert_reads(&past(), &[("tonight", "2026-11-23T18:00:00Z")]);
}

#[test]
fn relative_days_read_in_both_languages() {
    let cx = future();
    assert_reads(
        &cx,
        &[
            ("tomorrow", "2026-11-24T08:00:00Z"),
            ("morgen", "2026-11-24T08:00:00Z"),
            ("day after tomorrow", "2026-11-25T08:00:00Z"),
            ("the day after tomorrow", "2026-11-25T08:00:00Z"),
            ("overmorgen", "2026-11-25T08:00:00Z"),
            ("yesterday", "2026-11-22T08:00:00Z"),
            ("gisteren", "2026-11-22T08:00:00Z"),
            ("day before yesterday", "2026-11-21T08:00:00Z"),
            ("eergisteren", "2026-11-21T08:00:00Z"),
            ("tomorrow 9:00", "2026-11-24T08:00:00Z"),
            ("morgen om 9 uur", "2026-11-24T08:00:00Z"),
            ("morgen 9u", "2026-11-24T08:00:00Z"),
            ("morgen 14u30", "2026-11-24T13:30:00Z"),
            ("tomorrow at 2pm", "2026-11-24T13:00:00Z"),
            ("14:00 morgen", "2026-11-24T13:00:00Z"),
            ("gisteren 16.45", "2026-11-22T15:45:00Z"),
            ("vandaag 15:00", "2026-11-23T14:00:00Z"),
            ("today 8:00", "2026-11-23T07:00:00Z"),
        ],
    );
}

#[test]
fn now_is_now_exactly() {
    let cx = context("2026-11-23T09:13:27.5Z", Lean::Future);
    assert_eq!(parse("now", &cx), Ok(cx.now));
    assert_eq!(parse("NU", &cx), Ok(cx.now));
    assert_eq!(
        parse("nu", &context("2026-11-23T09:13:27.5Z", Lean::Past)),
        Ok(cx.now)
    );
}

#[test]
fn today_without_time_is_now_behind_and_default_time_ahead() {
    assert_reads(&past(), &[("today", MONDAY), ("vandaag", MONDAY)]);
    assert_reads(
        &future(),
        &[
            ("today", "2026-11-23T08:00:00Z"),
            ("vandaag", "2026-11-23T08:00:00Z"),
        ],
    );
}

#[test]
fn bare_weekday_leaning_ahead_is_the_next_one() {
    let cx = future();
    assert_reads(
        &cx,
        &[
            ("friday", "2026-11-27T08:00:00Z"),
            ("vrijdag", "2026-11-27T08:00:00Z"),
            ("fri", "2026-11-27T08:00:00Z"),
            ("vr", "2026-11-27T08:00:00Z"),
            ("vrijdag 12:00", "2026-11-27T11:00:00Z"),
            ("tue", "2026-11-24T08:00:00Z"),
            ("zondag", "2026-11-29T08:00:00Z"),
            // Today at the default 09:00 has passed: a week on.
            ("monday", "2026-11-30T08:00:00Z"),
            // Today at 14:00 is still ahead.
            ("maandag 14:00", "2026-11-23T13:00:00Z"),
        ],
    );
}

#[test]
fn bare_weekday_leaning_back_is_the_latest_one() {
    let cx = past();
    assert_reads(
        &cx,
        &[
            ("friday", "2026-11-20T08:00:00Z"),
            ("vrijdag 12:00", "2026-11-20T11:00:00Z"),
            ("di", "2026-11-17T08:00:00Z"),
            ("zondag", "2026-11-22T08:00:00Z"),
            ("monday", "2026-11-23T08:00:00Z"),
            ("maandag 14:00", "2026-11-16T13:00:00Z"),
        ],
    );
}

#[test]
fn every_weekday_name_maps_to_its_weekday() {
    let names: [(&str, Weekday); 30] = [
        ("monday", Weekday::Mon),
        ("mon", Weekday::Mon),
        ("maandag", Weekday::Mon),
        ("ma", Weekday::Mon),
        ("tuesday", Weekday::Tue),
        ("tue", Weekday::Tue),
        ("tues", Weekday::Tue),
        ("dinsdag", Weekday::Tue),
        ("di", Weekday::Tue),
        ("wednesday", Weekday::Wed),
        ("wed", Weekday::Wed),
        ("woensdag", Weekday::Wed),
        ("wo", Weekday::Wed),
        ("thursday", Weekday::Thu),
        ("thu", Weekday::Thu),
        ("thur", Weekday::Thu),
        ("thurs", Weekday::Thu),
        ("donderdag", Weekday::Thu),
        ("do", Weekday::Thu),
        ("friday", Weekday::Fri),
        ("fri", Weekday::Fri),
        ("vrijdag", Weekday::Fri),
        ("vr", Weekday::Fri),
        ("saturday", Weekday::Sat),
        ("sat", Weekday::Sat),
        ("zaterdag", Weekday::Sat),
        ("za", Weekday::Sat),
        ("sunday", Weekday::Sun),
        ("zondag", Weekday::Sun),
        ("zo", Weekday::Sun),
    ];
    for (name, weekday) in names {
        let got = parse(name, &future()).map(|t| t.with_timezone(&Amsterdam).weekday());
        assert_eq!(got, Ok(weekday), "{name}");
    }
    assert_eq!(
        parse("sun", &future()).map(|t| t.with_timezone(&Amsterdam).weekday()),
        Ok(Weekday::Sun)
    );
}

#[test]
fn weekday_modifiers_pick_the_week() {
    for cx in [future(), past()] {
        assert_reads(
            &cx,
            &[
                ("next friday", "2026-12-04T08:00:00Z"),
                ("volgende vrijdag", "2026-12-04T08:00:00Z"),
                ("komende vrijdag", "2026-12-04T08:00:00Z"),
                ("next monday", "2026-11-30T08:00:00Z"),
                ("this friday", "2026-11-27T08:00:00Z"),
                ("deze vrijdag", "2026-11-27T08:00:00Z"),
                ("this monday 14:00", "2026-11-23T13:00:00Z"),
                ("last friday", "2026-11-20T08:00:00Z"),
                ("vorige vrijdag", "2026-11-20T08:00:00Z"),
                ("afgelopen vrijdag", "2026-11-20T08:00:00Z"),
                ("last monday", "2026-11-16T08:00:00Z"),
                ("volgende vrijdagmiddag", "2026-12-04T13:00:00Z"),
            ],
        );
    }
}

#[test]
fn next_week_phrases_mean_next_iso_week() {
    let cx = future();
    assert_reads(
        &cx,
        &[
            ("volgende week maandag", "2026-11-30T08:00:00Z"),
            ("maandag volgende week", "2026-11-30T08:00:00Z"),
            ("next week monday", "2026-11-30T08:00:00Z"),
            ("monday next week", "2026-11-30T08:00:00Z"),
            ("volgende week woensdag 14:00", "2026-12-02T13:00:00Z"),
            ("next week", "2026-11-30T08:00:00Z"),
            ("volgende week", "2026-11-30T08:00:00Z"),
            ("vorige week vrijdag", "2026-11-20T08:00:00Z"),
            ("deze week vrijdag", "2026-11-27T08:00:00Z"),
        ],
    );
}

#[test]
fn weekday_next_to_a_date_must_agree_with_it() {
    assert_reads(
        &future(),
        &[
            ("vrijdag 4 december", "2026-12-04T08:00:00Z"),
            ("fri, dec 4", "2026-12-04T08:00:00Z"),
        ],
    );
    assert_errors(
        &future(),
        &[("vrijdag 5 december", NoSuchDate), ("sat 2026-12-01", NoSuchDate)],
    );
}

#[test]
fn offsets_forward_and_back() {
    let cx = future();
    assert_reads(
        &cx,
        &[
            ("in 3 days", "2026-11-26T08:00:00Z"),
            ("over 3 dagen", "2026-11-26T08:00:00Z"),
            ("in three days", "2026-11-26T08:00:00Z"),
            ("over drie dagen", "2026-11-26T08:00:00Z"),
            ("in 2 hours", "2026-11-23T11:00:00Z"),
            ("over 2 uur", "2026-11-23T11:00:00Z"),
            ("over 2u", "2026-11-23T11:00:00Z"),
            ("in 30 minutes", "2026-11-23T09:30:00Z"),
            ("over 30 minuten", "2026-11-23T09:30:00Z"),
            ("over 30 min", "2026-11-23T09:30:00Z"),
            ("in 2 weeks", "2026-12-07T08:00:00Z"),
            ("over 2 weken", "2026-12-07T08:00:00Z"),
            ("in 1 month", "2026-12-23T08:00:00Z"),
            ("over 1 maand", "2026-12-23T08:00:00Z"),
            ("over een maand", "2026-12-23T08:00:00Z"),
            ("in a week", "2026-11-30T08:00:00Z"),
            ("over een week", "2026-11-30T08:00:00Z"),
            ("in an hour", "2026-11-23T10:00:00Z"),
            ("over een uur", "2026-11-23T10:00:00Z"),
            ("over één uur", "2026-11-23T10:00:00Z"),
            ("over een half uur", "2026-11-23T09:30:00Z"),
            ("in half an hour", "2026-11-23T09:30:00Z"),
            ("over anderhalf uur", "2026-11-23T10:30:00Z"),
            ("in 1 hour and 30 minutes", "2026-11-23T10:30:00Z"),
            ("in 1 day 2 hours", "2026-11-24T11:00:00Z"),
            ("over 1 dag 2 uur", "2026-11-24T11:00:00Z"),
            ("in 1 year", "2027-11-23T08:00:00Z"),
            ("in 0 days", MONDAY),
            ("3 days ago", "2026-11-20T08:00:00Z"),
            ("3 dagen geleden", "2026-11-20T08:00:00Z"),
            ("2 hours ago", "2026-11-23T07:00:00Z"),
            ("2 uur geleden", "2026-11-23T07:00:00Z"),
            ("een week geleden", "2026-11-16T08:00:00Z"),
            ("a month ago", "2026-10-23T07:00:00Z"),
        ],
    );
}

#[test]
fn day_offsets_with_a_time_use_that_time() {
    let cx = future();
    assert_reads(
        &cx,
        &[
            ("in 3 days 14:00", "2026-11-26T13:00:00Z"),
            ("over 3 dagen om 14:00", "2026-11-26T13:00:00Z"),
            ("over 2 dagen 's ochtends", "2026-11-25T08:00:00Z"),
            ("over 3 dagen om 14 uur", "2026-11-26T13:00:00Z"),
            ("in 3 days at 2pm", "2026-11-26T13:00:00Z"),
            ("in 3 days @ 14u", "2026-11-26T13:00:00Z"),
            ("3 dagen geleden om 9 uur", "2026-11-20T08:00:00Z"),
        ],
    );
    assert_errors(&cx, &[("in 2 hours 14:00", Unreadable)]);
}

#[test]
fn month_offsets_clamp_to_the_last_day_of_the_month() {
    // Arrange: 31 January 10:00 local.
    let cx = context("2027-01-31T09:00:00Z", Lean::Future);
    let leap = context("2028-01-31T09:00:00Z", Lean::Future);
    // Act + Assert
    assert_reads(&cx, &[("in 1 month", "2027-02-28T08:00:00Z")]);
    assert_reads(&leap, &[("over een maand", "2028-02-29T08:00:00Z")]);
}

#[test]
fn period_ends_fall_at_end_of_day() {
    let cx = future();
    assert_eq!(END_OF_DAY, clock(17, 0));
    assert_reads(
        &cx,
        &[
            ("end of day", "2026-11-23T16:00:00Z"),
            ("eind van de dag", "2026-11-23T16:00:00Z"),
            ("einde dag", "2026-11-23T16:00:00Z"),
            ("vandaag eind van de dag", "2026-11-23T16:00:00Z"),
            ("EOD", "2026-11-23T16:00:00Z"),
            ("morgen einde dag", "2026-11-24T16:00:00Z"),
            ("end of week", "2026-11-27T16:00:00Z"),
            ("end of the week", "2026-11-27T16:00:00Z"),
            ("eind van de week", "2026-11-27T16:00:00Z"),
            ("einde van de week", "2026-11-27T16:00:00Z"),
            ("eind deze week", "2026-11-27T16:00:00Z"),
            ("einde week", "2026-11-27T16:00:00Z"),
            ("end of week 12:00", "2026-11-27T11:00:00Z"),
            ("end of next week", "2026-12-04T16:00:00Z"),
            ("eind volgende week", "2026-12-04T16:00:00Z"),
            ("end of month", "2026-11-30T16:00:00Z"),
            ("eind van de maand", "2026-11-30T16:00:00Z"),
            ("einde maand", "2026-11-30T16:00:00Z"),
            ("eind volgende maand", "2026-12-31T16:00:00Z"),
        ],
    );
}

#[test]
fn end_of_day_is_today_even_after_five_leaning_ahead() {
    let evening = context("2026-11-23T18:00:00Z", Lean::Future);
    assert_reads(&evening, &[("end of day", "2026-11-23T16:00:00Z")]);
}

#[test]
fn past_end_of_week_moves_to_next_friday_only_leaning_ahead() {
    // Arrange: Saturday 2026-11-28 10:00 local.
    let saturday = "2026-11-28T09:00:00Z";
    // Act + Assert
    assert_reads(
        &context(saturday, Lean::Future),
        &[("end of week", "2026-12-04T16:00:00Z")],
    );
    assert_reads(
        &context(saturday, Lean::Past),
        &[("eind van de week", "2026-11-27T16:00:00Z")],
    );
}

#[test]
fn past_end_of_month_moves_to_next_month_only_leaning_ahead() {
    // Arrange: 30 November 18:00 local, after 17:00 on the last day.
    let late = "2026-11-30T17:00:00Z";
    // Act + Assert
    assert_reads(
        &context(late, Lean::Future),
        &[("end of month", "2026-12-31T16:00:00Z")],
    );
    assert_reads(
        &context(late, Lean::Past),
        &[("einde maand", "2026-11-30T16:00:00Z")],
    );
}

#[test]
fn filler_words_are_ignored() {
    let cx = future();
    let friday = "2026-11-27T08:00:00Z";
    assert_reads(
        &cx,
        &[
            ("on friday", friday),
            ("op vrijdag", friday),
            ("by friday", friday),
            ("uiterlijk vrijdag", friday),
            ("vrijdag, 14:00", "2026-11-27T13:00:00Z"),
            ("op vrijdag om 14:00", "2026-11-27T13:00:00Z"),
            ("friday @ 2pm", "2026-11-27T13:00:00Z"),
            ("on the 1st of december", "2026-12-01T08:00:00Z"),
            ("op 1 december om 14.00 uur", "2026-12-01T13:00:00Z"),
        ],
    );
}

#[test]
fn case_and_spacing_do_not_matter() {
    let cx = future();
    assert_reads(
        &cx,
        &[
            ("  VRIJDAG   14:00  ", "2026-11-27T13:00:00Z"),
            ("Tomorrow Morning", "2026-11-24T08:00:00Z"),
            ("Over\t3 Dagen", "2026-11-26T08:00:00Z"),
            ("1 - 12 - 2026", "2026-12-01T08:00:00Z"),
            ("14 : 00", "2026-11-23T13:00:00Z"),
        ],
    );
}

#[test]
fn spring_forward_keeps_wall_clock_for_days_and_elapsed_time_for_hours() {
    // Arrange: Saturday 2026-03-28 10:00 CET; clocks jump 02:00 -> 03:00 on Sunday.
    let saturday = context("2026-03-28T09:00:00Z", Lean::Future);
    // 01:30 CET on the Sunday, half an hour before the jump.
    let night = context("2026-03-29T00:30:00Z", Lean::Future);
    // Act + Assert
    assert_reads(
        &saturday,
        &[
            // Sunday at the default 09:00 CEST.
            ("in 1 day", "2026-03-29T07:00:00Z"),
            ("over 1 dag", "2026-03-29T07:00:00Z"),
            ("in 24 hours", "2026-03-29T09:00:00Z"),
            // 02:30 does not exist on Sunday: it moves on by the gap to 03:30 CEST.
            ("2026-03-29 02:30", "2026-03-29T01:30:00Z"),
            ("morgen 2:30", "2026-03-29T01:30:00Z"),
            ("2026-03-29 03:30", "2026-03-29T01:30:00Z"),
            ("2026-03-29 01:59", "2026-03-29T00:59:00Z"),
        ],
    );
    // Exactly two hours later: 04:30 CEST.
    assert_reads(
        &night,
        &[
            ("in 2 hours", "2026-03-29T02:30:00Z"),
            ("over 2 uur", "2026-03-29T02:30:00Z"),
        ],
    );
}

#[test]
fn fall_back_keeps_wall_clock_for_days_and_takes_the_first_of_a_repeated_hour() {
    // Arrange: Saturday 2026-10-24 10:00 CEST; clocks fall 03:00 -> 02:00 on Sunday.
    let saturday = context("2026-10-24T08:00:00Z", Lean::Future);
    // 01:30 CEST on the Sunday.
    let night = context("2026-10-24T23:30:00Z", Lean::Future);
    // Act + Assert
    assert_reads(
        &saturday,
        &[
            // Sunday at the default 09:00 CET.
            ("in 1 day", "2026-10-25T08:00:00Z"),
            ("in 24 hours", "2026-10-25T08:00:00Z"),
            // 02:30 happens twice; the first is still CEST.
            ("2026-10-25 02:30", "2026-10-25T00:30:00Z"),
            ("morgen 2.30", "2026-10-25T00:30:00Z"),
            ("2026-10-25 03:30", "2026-10-25T02:30:00Z"),
        ],
    );
    // Exactly two hours later: 02:30 CET, the second reading of 02:30.
    assert_reads(&night, &[("in 2 hours", "2026-10-25T01:30:00Z")]);
}

#[test]
fn weeks_roll_over_into_the_next_year() {
    // Arrange: Monday 2026-12-28 10:00 CET.
    let ahead = context("2026-12-28T09:00:00Z", Lean::Future);
    let behind = context("2026-12-28T09:00:00Z", Lean::Past);
    // Act + Assert
    assert_reads(
        &ahead,
        &[
            ("1 jan", "2027-01-01T08:00:00Z"),
            ("1-1", "2027-01-01T08:00:00Z"),
            ("in 1 week", "2027-01-04T08:00:00Z"),
            ("volgende week maandag", "2027-01-04T08:00:00Z"),
            ("end of month", "2026-12-31T16:00:00Z"),
            ("eind volgende maand", "2027-01-31T16:00:00Z"),
        ],
    );
    assert_reads(&behind, &[("1 jan", "2026-01-01T08:00:00Z")]);
}

#[test]
fn other_zones_read_in_their_own_wall_clock() {
    // Arrange: 2026-11-23 04:00 EST in New York.
    let cx = DateContext {
        zone: New_York,
        ..future()
    };
    // Act + Assert
    assert_reads(
        &cx,
        &[
            ("tomorrow 9:00", "2026-11-24T14:00:00Z"),
            ("today 17:00", "2026-11-23T22:00:00Z"),
            // Spring forward in New York: 02:30 on 8 March 2026 becomes 03:30 EDT.
            ("2026-03-08 02:30", "2026-03-08T07:30:00Z"),
        ],
    );
}

#[test]
fn unreadable_and_impossible_phrases_fail_with_the_right_error() {
    let long = "a".repeat(10 * 1024);
    let cx = future();
    assert_errors(
        &cx,
        &[
            ("", Empty),
            ("   ", Empty),
            ("\t\n", Empty),
            ("asdf", Unreadable),
            ("🙂", Unreadable),
            ("vrijdag 🙂", Unreadable),
            (&long, Unreadable),
            ("in -3 days", Unreadable),
            ("-3 days", Unreadable),
            ("vrijdag 3", Unreadable),
            ("3", Unreadable),
            ("at", Unreadable),
            ("@", Unreadable),
            ("om om", Unreadable),
            (",", Unreadable),
            ("in", Unreadable),
            ("december", Unreadable),
            ("14:0", Unreadable),
            ("14:", Unreadable),
            ("2026-12", Unreadable),
            ("123-1", Unreadable),
            ("1-12-026", Unreadable),
            ("now 14:00", Unreadable),
            ("friday monday", Unreadable),
            ("14:00 15:00", Unreadable),
            ("this week", Unreadable),
            ("1 dec 2026 extra", Unreadable),
            ("32-1", NoSuchDate),
            ("0-1", NoSuchDate),
            ("1-13", NoSuchDate),
            ("31 feb", NoSuchDate),
            ("31 februari", NoSuchDate),
            ("29 feb 2026", NoSuchDate),
            ("31-4-2027", NoSuchDate),
            ("2026-13-01", NoSuchDate),
            ("0000-01-01", TooFar),
            ("25:00", NoSuchDate),
            ("24:00", NoSuchDate),
            ("vrijdag 12:99", NoSuchDate),
            ("13pm", NoSuchDate),
            ("0am", NoSuchDate),
            ("14:00 pm", NoSuchDate),
        ],
    );
}

#[test]
fn absurd_amounts_are_too_far_instead_of_overflowing() {
    let cx = future();
    assert_errors(
        &cx,
        &[
            ("in 99999999999 days", TooFar),
            ("in 99999999999999999999999 days", TooFar),
            ("in 4294967296 months", TooFar),
            ("in 99999999 years", TooFar),
            ("99999999999999 hours ago", TooFar),
            ("in 999999999999999999 minutes", TooFar),
            ("in 100000 years", TooFar),
        ],
    );
}

#[test]
fn spans_read_in_both_languages() {
    let table: [(&str, Duration); 19] = [
        ("1 day", Duration::days(1)),
        ("1 dag", Duration::days(1)),
        ("2 days", Duration::days(2)),
        ("3 dagen", Duration::days(3)),
        ("2 hours", Duration::hours(2)),
        ("2 uur", Duration::hours(2)),
        ("2u", Duration::hours(2)),
        ("2h", Duration::hours(2)),
        ("30 min", Duration::minutes(30)),
        ("90 minuten", Duration::minutes(90)),
        ("1 week", Duration::weeks(1)),
        ("2 weken", Duration::weeks(2)),
        ("een uur", Duration::hours(1)),
        ("an hour", Duration::hours(1)),
        ("half an hour", Duration::minutes(30)),
        ("een half uur", Duration::minutes(30)),
        ("anderhalf uur", Duration::minutes(90)),
        ("1 hour 30 minutes", Duration::minutes(90)),
        ("1 Day Before", Duration::days(1)),
    ];
    for (phrase, expected) in table {
        assert_eq!(parse_span(phrase), Ok(expected), "{phrase:?}");
    }
}

#[test]
fn spans_refuse_what_is_not_a_fixed_positive_duration() {
    let table: [(&str, DateError); 10] = [
        ("", Empty),
        ("  ", Empty),
        ("soon", Unreadable),
        ("30", Unreadable),
        ("-1 day", Unreadable),
        ("1 month", Unreadable),
        ("1 jaar", Unreadable),
        ("1 day tomorrow", Unreadable),
        ("0 min", NoSuchDate),
        ("99999999999999999999 days", TooFar),
    ];
    for (phrase, expected) in table {
        assert_eq!(parse_span(phrase), Err(expected), "{phrase:?}");
    }
}

/// Every phrase any table above uses, for the no-panic sweep and the timing loop.
const PHRASES: &[&str] = &[
    "2026-12-01 14:00:30",
    "2026-12-01T14:00",
    "01-12-26",
    "1.12.2026",
    "1 dec. 2027 14:00",
    "december 1st",
    "the 3rd of march",
    "dec. 1, 2026",
    "14.00 uur",
    "2:30 pm",
    "2 p.m.",
    "12 a.m.",
    "morgen om 9 uur",
    "morgen 14u30",
    "morgen 's ochtends",
    "morgen in de middag",
    "overmorgenmiddag",
    "vrijdagmiddag",
    "’s middags",
    "day after tomorrow",
    "day before yesterday",
    "volgende week maandag",
    "monday next week",
    "vorige week vrijdag",
    "vrijdag 4 december",
    "over een half uur",
    "in half an hour",
    "in 1 hour and 30 minutes",
    "3 dagen geleden om 9 uur",
    "eind van de maand",
    "einde van de week",
    "end of next week",
    "op 1 december om 14.00 uur",
    "friday @ 2pm",
    "  VRIJDAG   14:00  ",
    "in 99999999999999999999999 days",
    "vrijdag 12:99",
    "over 1,5 uur",
    "in 1.5 hours",
    "over een uur of twee",
    "over anderhalve week",
    "in a quarter of an hour",
    "over twee en een half uur",
    "over vijfenveertig minuten",
    "in forty-five minutes",
    "a couple of days",
    "1d2h30m",
    "2d ago",
    "3 days from now",
    "de 1e van volgende maand",
    "the 19th of next month",
    "begin januari 2027",
    "mid-march",
    "eind van het jaar",
    "voor vrijdag",
    "na het weekend",
    "morgen middernacht",
    "vrijdagnacht 3 uur",
    "8 in the evening",
    "vr 4 dec 2026 12:00 CET",
    "Sun 25 Oct 2026 02:30 CEST",
    "12:00 +0530",
    "3/3/94",
    "zojuist",
];

#[test]
fn never_panics_on_prefixes_odd_text_or_extreme_clocks() {
    // Arrange
    let mut inputs: Vec<String> = Vec::new();
    for phrase in PHRASES {
        for (i, _) in phrase.char_indices() {
            inputs.push(phrase[..i].to_string());
            inputs.push(phrase[i..].to_string());
        }
    }
    inputs.extend(
        [
            "99999999999 days",
            "in 99999999999 days",
            "18446744073709551615 minutes ago",
            "in 18446744073709551616 weeks",
            "99999999999:99999999999",
            "9999-12-31 23:59",
            "31-12-9999 23:59",
            "in 1 day 9999-12-31",
            "0001-01-01 00:00",
            "1-1-0000",
            "🙂🙂🙂",
            "ＶＲＩＪＤＡＧ",
            "İstanbul",
            "ß",
            "\u{0}",
            "\u{200b}vrijdag",
            "١٢:٠٠",
            "--//::..",
            "1-",
            "-1",
            "1-1-",
            ":",
            ".",
            "a.m.",
            "p",
            "in in in",
            "end",
            "end of",
            "next",
            "half",
            "een half",
            "and",
            "t",
            "1 t 2",
        ]
        .map(str::to_string),
    );
    inputs.push("a".repeat(10 * 1024));
    inputs.push("9".repeat(10 * 1024));
    inputs.push("1 ".repeat(90));
    let zones = [Amsterdam, New_York, chrono_tz::Pacific::Apia, chrono_tz::UTC];
    let nows = [
        utc(MONDAY),
        DateTime::<Utc>::MIN_UTC,
        DateTime::<Utc>::MAX_UTC,
        utc("9999-12-31T23:59:59Z"),
        utc("0001-01-01T00:00:00Z"),
    ];
    // Act: results do not matter, only that every call returns.
    for zone in zones {
        for now in nows {
            for lean in [Lean::Future, Lean::Past] {
                let cx = DateContext {
                    now,
                    zone,
                    lean,
                    default_time: clock(9, 0),
                };
                for input in &inputs {
                    let _ = parse(input, &cx);
                }
            }
        }
    }
    for input in &inputs {
        let _ = parse_span(input);
    }
    // Assert: the sweep covered prefixes and suffixes of every phrase.
    assert!(inputs.len() > PHRASES.len() * 2);
}

#[test]
#[ignore = "timing loop; run with --release -- --ignored"]
fn timing_per_phrase() {
    let cx = future();
    let rounds = 20_000;
    let start = std::time::Instant::now();
    for _ in 0..rounds {
        for phrase in PHRASES {
            let _ = std::hint::black_box(parse(std::hint::black_box(phrase), &cx));
        }
    }
    let per = start.elapsed().as_nanos() / (rounds * PHRASES.len()) as u128;
    println!("{per} ns/phrase over {} phrases", PHRASES.len());
}
