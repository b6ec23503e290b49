//! Properties over phrases built from the grammar's pieces, at random clocks.
//!
//! What is asserted of every phrase that reads:
//! - the instant lies within [`window`] of now;
//! - it reads back from the product's rendering ("vr 28 nov 2026 12:00 CET" or "Fri 28
//!   Nov 2026 12:00 CET") to the same instant, in both languages, in the phrase's zone;
//! - it lies on the side of now the field leans to, as far as the phrase leaves that open:
//!   - [`Side::Lean`] phrases leave the direction to the field (bare spans, weekdays,
//!     times, dayparts, "voor vrijdag", "na het weekend"): leaning ahead not before now,
//!     leaning back not after now;
//!   - [`Side::Date`] phrases name a day of the year or month without a year ("1 dec",
//!     "de 19e", "begin januari"), and today's date counts either way: their local date is
//!     not before today leaning ahead and not after today leaning back;
//!   - [`Side::Ahead`] and [`Side::Back`] phrases name their own direction ("over 3
//!     dagen", "3 days ago", "volgende maand"): held to the field only when they agree
//!     with it;
//!   - [`Side::Any`] phrases name a day outright ("morgen", "gisteravond", "next
//!     friday"), which a field may refuse; only the window and the round trip hold.

use chrono::{Datelike, TimeZone};
use chrono_tz::America::New_York;
use chrono_tz::Europe::Amsterdam;
use proptest::prelude::*;

use super::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Side {
    Lean,
    Date,
    Ahead,
    Back,
    Any,
}

const WEEKDAYS: [&str; 21] = [
    "maandag",
    "dinsdag",
    "woensdag",
    "donderdag",
    "vrijdag",
    "zaterdag",
    "zondag",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "ma",
    "di",
    "wo",
    "do",
    "vr",
    "fri",
    "sat",
];
const DUTCH_DAYS: [&str; 7] = [
    "maandag",
    "dinsdag",
    "woensdag",
    "donderdag",
    "vrijdag",
    "zaterdag",
    "zondag",
];
const COMPOUND_PARTS: [&str; 5] = ["ochtend", "morgen", "middag", "avond", "nacht"];
const DAYPARTS: [&str; 12] = [
    "ochtend",
    "middag",
    "avond",
    "nacht",
    "morning",
    "afternoon",
    "evening",
    "night",
    "'s ochtends",
    "'s middags",
    "'s avonds",
    "'s nachts",
];
const MONTHS: [&str; 16] = [
    "januari", "februari", "maart", "mei", "juni", "oktober", "december", "january", "march", "may", "june",
    "october", "jan", "mrt", "okt", "dec",
];
const COUNT_WORDS: [&str; 20] = [
    "een",
    "a",
    "an",
    "twee",
    "drie",
    "vijftien",
    "twintig",
    "eenentwintig",
    "vijfenveertig",
    "honderd",
    "two",
    "three",
    "fifteen",
    "twenty-one",
    "forty five",
    "a hundred",
    "anderhalve",
    "een half",
    "a couple of",
    "een paar",
];
const UNITS: [&str; 26] = [
    "minuten", "minutes", "min", "uur", "uren", "hours", "hour", "kwartier", "dagen", "days", "day", "dag",
    "dgn", "weken", "weeks", "week", "wkn", "maanden", "months", "maand", "mnd", "jaar", "years", "d", "h",
    "w",
];
const MONTH_STEPS: [(&str, Side); 8] = [
    ("volgende maand", Side::Ahead),
    ("next month", Side::Ahead),
    ("volgend jaar", Side::Ahead),
    ("next year", Side::Ahead),
    ("vorige maand", Side::Back),
    ("last month", Side::Back),
    ("vorig jaar", Side::Back),
    ("last year", Side::Back),
];
const EXPLICIT: [&str; 16] = [
    "morgen",
    "gisteren",
    "overmorgen",
    "next friday",
    "vorige week dinsdag",
    "last week tuesday",
    "eind volgende maand",
    "end of next month",
    "this afternoon",
    "vanavond",
    "tonight",
    "last night",
    "morgen middernacht",
    "volgende week",
    "de 1e van volgende maand",
    "the 3rd of next month",
];

fn pick<T: Clone + std::fmt::Debug + 'static>(items: &'static [T]) -> impl Strategy<Value = T> {
    (0..items.len()).prop_map(move |i| items[i].clone())
}

/// "3 dagen", "2d", "vijfenveertig minuten", "1,5 uur", "een paar dagen".
fn amount() -> impl Strategy<Value = String> {
    let digits = (0u32..=40).prop_map(|n| n.to_string());
    let decimal = prop_oneof![
        Just("1,5".to_string()),
        Just("1.5".to_string()),
        Just("2,25".to_string())
    ];
    let count = prop_oneof![digits, decimal, pick(&COUNT_WORDS).prop_map(str::to_string)];
    (count, pick(&UNITS), any::<bool>()).prop_map(|(count, unit, glued)| {
        let glue = glued && unit.len() <= 3 && count.bytes().all(|b| b.is_ascii_digit());
        if glue {
            format!("{count}{unit}")
        } else {
            format!("{count} {unit}")
        }
    })
}

/// "14:00", "9.30", "9u", "15 uur", "3pm", "middernacht".
fn time() -> impl Strategy<Value = String> {
    prop_oneof![
        (0u32..24, 0u32..60).prop_map(|(h, m)| format!("{h}:{m:02}")),
        (0u32..24, 0u32..60).prop_map(|(h, m)| format!("{h}.{m:02}")),
        (0u32..24).prop_map(|h| format!("{h}u")),
        (0u32..24).prop_map(|h| format!("{h} uur")),
        (1u32..=12, any::<bool>()).prop_map(|(h, pm)| format!("{h}{}", if pm { "pm" } else { "am" })),
        Just("middernacht".to_string()),
        Just("midnight".to_string()),
        Just("noon".to_string()),
    ]
}

fn lean(phrase: String) -> (String, Side) {
    (phrase, Side::Lean)
}

fn phrase() -> impl Strategy<Value = (String, Side)> {
    prop_oneof![
        amount().prop_map(lean),
        (
            prop_oneof![
                Just("in"),
                Just("over"),
                Just("binnen"),
                Just("na"),
                Just("after")
            ],
            amount()
        )
            .prop_map(|(w, a)| (format!("{w} {a}"), Side::Ahead)),
        (amount(), prop_oneof![Just("later"), Just("from now")])
            .prop_map(|(a, w)| (format!("{a} {w}"), Side::Ahead)),
        (amount(), prop_oneof![Just("ago"), Just("geleden")])
            .prop_map(|(a, w)| (format!("{a} {w}"), Side::Back)),
        pick(&WEEKDAYS).prop_map(|d| lean(d.to_string())),
        (pick(&WEEKDAYS), time()).prop_map(|(d, t)| lean(format!("{d} {t}"))),
        (pick(&DUTCH_DAYS), pick(&COMPOUND_PARTS)).prop_map(|(d, p)| lean(format!("{d}{p}"))),
        (pick(&WEEKDAYS), pick(&DAYPARTS)).prop_map(|(d, p)| lean(format!("{d} {p}"))),
        (1u32..=11, pick(&DAYPARTS)).prop_map(|(h, p)| lean(format!("{h} {p}"))),
        time().prop_map(lean),
        pick(&DAYPARTS).prop_map(|p| lean(p.to_string())),
        Just(lean("vannacht".to_string())),
        pick(&WEEKDAYS).prop_map(|d| lean(format!("voor {d}"))),
        Just(lean("na het weekend".to_string())),
        Just(lean("after the weekend".to_string())),
        (1u32..=31, pick(&MONTHS)).prop_map(|(d, m)| (format!("{d} {m}"), Side::Date)),
        (1u32..=31).prop_map(|d| (format!("de {d}e"), Side::Date)),
        (1u32..=31).prop_map(|d| (format!("the {d}th"), Side::Date)),
        (
            prop_oneof![Just("begin"), Just("half"), Just("medio"), Just("mid")],
            pick(&MONTHS)
        )
            .prop_map(|(p, m)| (format!("{p} {m}"), Side::Date)),
        pick(&MONTH_STEPS).prop_map(|(s, side)| (s.to_string(), side)),
        pick(&EXPLICIT).prop_map(|s| (s.to_string(), Side::Any)),
        (1u32..=28, 1u32..=12, 0u32..100).prop_map(|(d, m, y)| (format!("{d}/{m}/{y:02}"), Side::Any)),
    ]
}

/// A minute-aligned clock somewhere in 2020..2033, so that renderings, which show minutes,
/// can give back the very instant.
fn context() -> impl Strategy<Value = DateContext> {
    let start = Utc
        .with_ymd_and_hms(2020, 1, 1, 0, 0, 0)
        .single()
        .map(|t| t.timestamp() / 60);
    let start = start.unwrap_or_default();
    let minutes: i64 = 13 * 366 * 24 * 60;
    (
        0..minutes,
        any::<bool>(),
        any::<bool>(),
        prop_oneof![
            Just(clock(9, 0)),
            Just(clock(12, 0)),
            Just(END_OF_DAY),
            Just(LAST_MINUTE)
        ],
    )
        .prop_map(move |(offset, dutch_zone, ahead, default_time)| DateContext {
            now: DateTime::from_timestamp((start + offset) * 60, 0).unwrap_or_default(),
            zone: if dutch_zone { Amsterdam } else { New_York },
            lean: if ahead { Lean::Future } else { Lean::Past },
            default_time,
        })
}

const EN_DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const NL_DAYS: [&str; 7] = ["ma", "di", "wo", "do", "vr", "za", "zo"];
const EN_MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
const NL_MONTHS: [&str; 12] = [
    "jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec",
];

/// The product's rendering: "Fri 28 Nov 2026 12:00 CET" or "vr 28 nov 2026 12:00 CET".
fn render(at: DateTime<Utc>, zone: Tz, dutch: bool) -> String {
    let local = at.with_timezone(&zone);
    let (days, months) = if dutch {
        (NL_DAYS, NL_MONTHS)
    } else {
        (EN_DAYS, EN_MONTHS)
    };
    let day = days[local.weekday().num_days_from_monday() as usize];
    let month = months[local.month0() as usize];
    format!(
        "{day} {} {month} {} {}",
        local.day(),
        local.year(),
        local.format("%H:%M %Z")
    )
}

fn on_its_side(side: Side, at: DateTime<Utc>, cx: &DateContext) -> Result<(), String> {
    let today = cx.now.with_timezone(&cx.zone).date_naive();
    let day = at.with_timezone(&cx.zone).date_naive();
    let held = match (side, cx.lean) {
        (Side::Lean | Side::Ahead, Lean::Future) => at >= cx.now,
        (Side::Lean | Side::Back, Lean::Past) => at <= cx.now,
        (Side::Date, Lean::Future) => day >= today,
        (Side::Date, Lean::Past) => day <= today,
        (Side::Ahead, Lean::Past) | (Side::Back, Lean::Future) | (Side::Any, _) => true,
    };
    if held {
        Ok(())
    } else {
        Err(format!("{side:?} phrase landed on the wrong side of now: {at}"))
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn read_phrases_fit_the_field_and_survive_a_round_trip((phrase, side) in phrase(), cx in context()) {
        let Ok(at) = parse(&phrase, &cx) else {
            return Ok(());
        };
        prop_assert!(window(cx.now).contains(&at), "{phrase:?} at {}: {at} outside the window", cx.now);
        if let Err(why) = on_its_side(side, at, &cx) {
            prop_assert!(false, "{phrase:?} at {} ({:?}, {}): {why}", cx.now, cx.lean, cx.zone);
        }
        for dutch in [true, false] {
            let shown = render(at, cx.zone, dutch);
            prop_assert_eq!(parse(&shown, &cx), Ok(at), "{:?} rendered as {:?}", phrase, shown);
        }
    }

    #[test]
    fn every_instant_reads_back_from_its_rendering(cx in context(), minutes in -5_000_000i64..5_000_000) {
        let at = cx.now + Duration::minutes(minutes);
        for dutch in [true, false] {
            let shown = render(at, cx.zone, dutch);
            prop_assert_eq!(parse(&shown, &cx), Ok(at), "{:?}", shown);
        }
    }

    #[test]
    fn spans_of_the_grammar_are_positive_and_bounded(phrase in amount()) {
        if let Ok(span) = parse_span(&phrase) {
            prop_assert!(span > Duration::zero() && span <= max_span(), "{phrase:?}: {span}");
        }
    }
}
