//! The words of both languages and the one small vocabulary they map onto.

use chrono::{NaiveTime, Weekday};

use super::lexer::Raw;
use super::{AFTERNOON, EVENING, MORNING};

/// The shared vocabulary both languages map onto.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum W {
    Now,
    /// Days from today: tomorrow is 1, eergisteren -2.
    Rel(i8),
    Weekday(Weekday),
    Month(u32),
    Daypart(NaiveTime),
    Noon,
    Eod,
    Next,
    This,
    Last,
    In,
    Ago,
    End,
    And,
    Unit(Unit),
    /// "uur" is both a unit ("over 2 uur") and a clock suffix ("9 uur").
    Uur,
    /// "u" and "h": clock suffixes ("9u", "14h30") or hour units ("2h").
    U,
    Am,
    Pm,
    /// The ISO date/time separator.
    T,
    /// Ordinal suffixes: 1st, 2nd, 3rd, 4th, 1e, 1ste.
    Ord,
    /// a, an, een: the number one.
    A,
    Count(u8),
    Half,
    OneAndHalf,
    /// "at", "om", "@": meaningless in itself, but it ends a list of amounts, so that
    /// "over 3 dagen om 14 uur" is 14:00 and not three days and fourteen hours.
    At,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Unit {
    Minute,
    Hour,
    Day,
    Week,
    Month,
    Year,
}

pub(super) enum Entry {
    One(W),
    Two(W, W),
    Filler,
}

/// Word groups whose words would mean something else apart: "before" is otherwise filler
/// and "a" otherwise the number one.
pub(super) fn fixed_expression(raw: &[Raw]) -> Option<(W, usize)> {
    match raw {
        [Raw::Word("day"), Raw::Word("after"), Raw::Word("tomorrow"), ..] => Some((W::Rel(2), 3)),
        [Raw::Word("day"), Raw::Word("before"), Raw::Word("yesterday"), ..] => Some((W::Rel(-2), 3)),
        [Raw::Word("a"), Raw::Word("m"), ..] => Some((W::Am, 2)),
        [Raw::Word("p"), Raw::Word("m"), ..] => Some((W::Pm, 2)),
        _ => None,
    }
}

pub(super) fn lookup(word: &str) -> Option<Entry> {
    use Entry::{Filler, One, Two};
    let unit = |u| One(W::Unit(u));
    let entry = match word {
        "now" | "nu" => One(W::Now),
        "today" | "vandaag" => One(W::Rel(0)),
        "tomorrow" | "morgen" => One(W::Rel(1)),
        "overmorgen" => One(W::Rel(2)),
        "yesterday" | "gisteren" => One(W::Rel(-1)),
        "eergisteren" => One(W::Rel(-2)),
        "tonight" | "vanavond" => Two(W::Rel(0), W::Daypart(EVENING)),
        "vanmiddag" => Two(W::Rel(0), W::Daypart(AFTERNOON)),
        "vanochtend" | "vanmorgen" => Two(W::Rel(0), W::Daypart(MORNING)),
        "morning" | "ochtend" | "ochtends" | "morgens" => One(W::Daypart(MORNING)),
        "afternoon" | "middag" | "middags" => One(W::Daypart(AFTERNOON)),
        "evening" | "avond" | "avonds" => One(W::Daypart(EVENING)),
        "noon" => One(W::Noon),
        "eod" => One(W::Eod),

        "monday" | "mon" | "maandag" | "ma" => One(W::Weekday(Weekday::Mon)),
        "tuesday" | "tue" | "tues" | "dinsdag" | "di" => One(W::Weekday(Weekday::Tue)),
        "wednesday" | "wed" | "woensdag" | "wo" => One(W::Weekday(Weekday::Wed)),
        "thursday" | "thu" | "thur" | "thurs" | "donderdag" | "do" => One(W::Weekday(Weekday::Thu)),
        "friday" | "fri" | "vrijdag" | "vr" => One(W::Weekday(Weekday::Fri)),
        "saturday" | "sat" | "zaterdag" | "za" => One(W::Weekday(Weekday::Sat)),
        "sunday" | "sun" | "zondag" | "zo" => One(W::Weekday(Weekday::Sun)),

        "januari" | "january" | "jan" => One(W::Month(1)),
        "februari" | "february" | "feb" => One(W::Month(2)),
        "maart" | "march" | "mrt" | "maa" | "mar" => One(W::Month(3)),
        "april" | "apr" => One(W::Month(4)),
        "mei" | "may" => One(W::Month(5)),
        "juni" | "june" | "jun" => One(W::Month(6)),
        "juli" | "july" | "jul" => One(W::Month(7)),
        "augustus" | "august" | "aug" => One(W::Month(8)),
        "september" | "sep" | "sept" => One(W::Month(9)),
        "oktober" | "october" | "okt" | "oct" => One(W::Month(10)),
        "november" | "nov" => One(W::Month(11)),
        "december" | "dec" => One(W::Month(12)),

        "next" | "volgende" | "komende" => One(W::Next),
        "this" | "deze" | "dit" => One(W::This),
        "last" | "vorige" | "afgelopen" | "previous" => One(W::Last),
        "in" | "over" => One(W::In),
        "ago" | "geleden" => One(W::Ago),
        "end" | "eind" | "einde" => One(W::End),
        "and" | "en" => One(W::And),

        "minute" | "minutes" | "min" | "mins" | "minuut" | "minuten" => unit(Unit::Minute),
        "hour" | "hours" | "hr" | "hrs" | "uren" => unit(Unit::Hour),
        "day" | "days" | "dag" | "dagen" => unit(Unit::Day),
        "week" | "weeks" | "weken" | "wk" => unit(Unit::Week),
        "month" | "months" | "maand" | "maanden" | "mnd" => unit(Unit::Month),
        "year" | "years" | "yr" | "jaar" | "jaren" => unit(Unit::Year),
        "uur" => One(W::Uur),
        "u" | "h" => One(W::U),
        "am" => One(W::Am),
        "pm" => One(W::Pm),
        "t" => One(W::T),
        "st" | "nd" | "rd" | "th" | "e" | "ste" => One(W::Ord),

        "a" | "an" | "een" | "één" => One(W::A),
        "half" => One(W::Half),
        "anderhalf" => One(W::OneAndHalf),
        "one" => One(W::Count(1)),
        "two" | "twee" => One(W::Count(2)),
        "three" | "drie" => One(W::Count(3)),
        "four" | "vier" => One(W::Count(4)),
        "five" | "vijf" => One(W::Count(5)),
        "six" | "zes" => One(W::Count(6)),
        "seven" | "zeven" => One(W::Count(7)),
        "eight" | "acht" => One(W::Count(8)),
        "nine" | "negen" => One(W::Count(9)),
        "ten" | "tien" => One(W::Count(10)),
        "eleven" | "elf" => One(W::Count(11)),
        "twelve" | "twaalf" => One(W::Count(12)),

        "at" | "om" => One(W::At),
        // "voor vrijdag" and "by friday" name the same day as "vrijdag"; "s" is what is
        // left of "'s avonds".
        "on" | "op" | "the" | "de" | "het" | "of" | "van" | "voor" | "before" | "by" | "uiterlijk" | "s" => {
            Filler
        }
        _ => return None,
    };
    Some(entry)
}

/// Dutch writes day and daypart as one word: "morgenochtend", "vrijdagmiddag".
pub(super) fn compound(word: &str) -> Option<Entry> {
    const PARTS: [(&str, NaiveTime); 4] = [
        ("ochtend", MORNING),
        ("morgen", MORNING),
        ("middag", AFTERNOON),
        ("avond", EVENING),
    ];
    PARTS
        .iter()
        .find_map(|&(suffix, time)| match lookup(word.strip_suffix(suffix)?)? {
            Entry::One(day @ (W::Rel(_) | W::Weekday(_))) => Some(Entry::Two(day, W::Daypart(time))),
            _ => None,
        })
}
