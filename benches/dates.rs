//! The date-phrase parser, which runs on every keystroke of a date option: time per phrase
//! over a mix of English and Dutch phrases, readable and not.

use std::hint::black_box;
use std::time::Instant;

use baton::domain::dates::{self, DateContext, Lean};
use chrono::{TimeZone, Utc};

const PHRASES: &[&str] = &[
    "2026-12-01 14:00",
    "12-1",
    "1 dec",
    "1 december 14:00",
    "today",
    "vandaag",
    "tomorrow 9:00",
    "morgen 9:00",
    "friday",
    "vrijdag 12:00",
    "next monday",
    "volgende week maandag",
    "in 3 days",
    "over 3 dagen",
    "in 2 hours",
    "over 2 uur",
    "end of week",
    "eind van de week",
    "morgenochtend",
    "3 dagen geleden",
    "gisteren 14:00",
    "volgende maand",
    "over 1,5 uur",
    "3 days from now",
    "morgen middernacht",
    "over anderhalve week",
    "in a fortnight",
    "over een uur of twee",
    "begin januari",
    "na het weekend",
    "de 19e",
    "gisteravond",
    "the 1st of next month",
    "end of next month",
    "voor vrijdag",
    "binnen 2 weken",
    "in a quarter of an hour",
    "over vijfenveertig minuten",
    "in forty-five minutes",
    "a couple of days",
    "1d2h",
    "2d ago",
    "om 3 uur 's middags",
    "8 in the evening",
    "vrijdagmiddag",
    "last week tuesday",
    "3/3/94",
    "09/03",
    "vr 4 dec 2026 12:00 CET",
    "Sun 25 Oct 2026 02:30 CET",
    "half maart",
    "zojuist",
    "vrijdag 3",
    "someday maybe",
    "31 februari",
    "",
];

fn main() {
    let cx = DateContext {
        now: Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap(),
        zone: chrono_tz::Europe::Amsterdam,
        lean: Lean::Future,
        default_time: dates::END_OF_DAY,
    };
    // Warm up, then measure whole passes over the table.
    for phrase in PHRASES {
        black_box(dates::parse(black_box(phrase), &cx).ok());
    }
    let rounds = 20_000;
    let started = Instant::now();
    for _ in 0..rounds {
        for phrase in PHRASES {
            black_box(dates::parse(black_box(phrase), &cx).ok());
        }
    }
    let per_phrase = started.elapsed().as_nanos() as f64 / (rounds * PHRASES.len()) as f64;
    println!(
        "date phrase parse: {per_phrase:.0} ns per phrase over {} phrases ({} parses)",
        PHRASES.len(),
        rounds * PHRASES.len()
    );
    let mut slowest = (0.0, "");
    for phrase in PHRASES {
        let started = Instant::now();
        for _ in 0..20_000 {
            black_box(dates::parse(black_box(phrase), &cx).ok());
        }
        let each = started.elapsed().as_nanos() as f64 / 20_000.0;
        if each > slowest.0 {
            slowest = (each, phrase);
        }
    }
    println!("slowest phrase: {:.0} ns (“{}”)", slowest.0, slowest.1);
    // The guard: the parser runs on every keystroke of a date option.
    const GUARD_NS: f64 = 20_000.0;
    assert!(
        per_phrase <= GUARD_NS && slowest.0 <= GUARD_NS,
        "date phrases must parse within 20 µs each"
    );
}
