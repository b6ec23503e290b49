//! The words of both languages and the one small vocabulary they map onto.

use chrono::Weekday;

use super::lexer::Raw;
use super::Part;

/// The shared vocabulary both languages map onto.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum W {
    Now,
    /// Days from today: tomorrow is 1, eergisteren -2.
    Rel(i8),
    Weekday(Weekday),
    Month(u32),
    Daypart(Part),
    Noon,
    /// The end of a day: 24:00, which is 00:00 of the next.
    Midnight,
    Eod,
    Next,
    This,
    Last,
    /// "in", "over", "binnen", "within": a span from now, forward.
    In,
    /// "na", "after": forward too ("na 3 dagen"), or the day after a weekend.
    After,
    /// "voor", "before": the working day before a day.
    Before,
    /// "later", "from now": a span from now, written after it.
    Later,
    Ago,
    Begin,
    Mid,
    End,
    And,
    Unit(Unit),
    /// "uur" is both a unit ("over 2 uur") and a clock suffix ("9 uur").
    Uur,
    /// "u" and "h": clock suffixes ("9u", "14h30") or hour units ("in 2h").
    U,
    Am,
    Pm,
    /// The ISO date/time separator.
    T,
    /// Ordinal suffixes: 1st, 2nd, 3rd, 4th, 1e, 1ste, 19de.
    Ord,
    /// a, an, een: the number one.
    A,
    /// A number word, zero to a hundred.
    Count(u8),
    /// "a couple", "een paar", "a few": a guess at a count.
    Few(u8),
    Half,
    OneAndHalf,
    /// "quarter", "kwart": a quarter of the unit after it ("a quarter of an hour").
    Quarter,
    /// "about", "ongeveer": the amount after it is a guess.
    About,
    /// The Dutch "of" of "een uur of twee" (an hour or two); elsewhere "of" is filler.
    Of,
    Weekend,
    /// "at", "om", "@": meaningless in itself, but it ends a list of amounts, so that
    /// "over 3 dagen om 14 uur" is 14:00 and not three days and fourteen hours.
    At,
    /// A time-zone abbreviation after a clock time ("CET", "EDT").
    Zone(ZoneName),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Unit {
    Minute,
    /// A quarter of an hour: "kwartier".
    Quarter,
    Hour,
    Day,
    Week,
    /// Two weeks.
    Fortnight,
    Month,
    Year,
}

/// A zone abbreviation as typed, lowercased: "cet", "cest", "+04". Stored inline so a
/// token stays `Copy`; longer words are not abbreviations.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct ZoneName {
    bytes: [u8; ZoneName::MAX],
    len: u8,
}

impl ZoneName {
    const MAX: usize = 6;

    pub(super) fn new(text: &str) -> Option<Self> {
        let len = text.len();
        if !(2..=Self::MAX).contains(&len) || !text.is_ascii() {
            return None;
        }
        let mut bytes = [0; Self::MAX];
        bytes.get_mut(..len)?.copy_from_slice(text.as_bytes());
        Some(Self {
            bytes,
            len: u8::try_from(len).ok()?,
        })
    }

    /// Whether chrono-tz's rendering of an offset (`%Z`) is this abbreviation.
    pub(super) fn matches(&self, rendered: &str) -> bool {
        self.bytes
            .get(..usize::from(self.len))
            .is_some_and(|typed| typed.eq_ignore_ascii_case(rendered.as_bytes()))
    }
}

pub(super) enum Entry {
    One(W),
    Two(W, W),
    Filler,
}

/// Word groups whose words would mean something else apart: "before" is otherwise the
/// working day before, "a" otherwise the number one and "now" otherwise now itself.
pub(super) fn fixed_expression(raw: &[Raw]) -> Option<(W, usize)> {
    use Raw::Word as R;
    match raw {
        [R("day"), R("after"), R("tomorrow"), ..] => Some((W::Rel(2), 3)),
        [R("day"), R("before"), R("yesterday"), ..] => Some((W::Rel(-2), 3)),
        [R("a" | "een"), R("moment"), R("ago" | "geleden"), ..] => Some((W::Now, 3)),
        [R("moments"), R("ago"), ..] | [R("just"), R("now"), ..] => Some((W::Now, 2)),
        [R("from" | "vanaf"), R("now" | "nu"), ..] => Some((W::Later, 2)),
        [R("tussen"), R("de"), R("middag"), ..] => Some((W::Noon, 3)),
        [R("o"), R("clock"), ..] => Some((W::Uur, 2)),
        [R("a" | "een"), R("couple" | "paar"), ..] => Some((W::Few(2), 2)),
        [R("a"), R("few"), ..] => Some((W::Few(3), 2)),
        [R("a"), R("m"), ..] => Some((W::Am, 2)),
        [R("p"), R("m"), ..] => Some((W::Pm, 2)),
        _ => None,
    }
}

pub(super) fn lookup(word: &str) -> Option<Entry> {
    use Entry::{Filler, One, Two};
    let unit = |u| One(W::Unit(u));
    let part = |p| One(W::Daypart(p));
    let entry = match word {
        "now" | "nu" | "zojuist" | "zonet" | "zoeven" | "net" => One(W::Now),
        "today" | "vandaag" => One(W::Rel(0)),
        "tomorrow" | "morgen" => One(W::Rel(1)),
        "overmorgen" => One(W::Rel(2)),
        "yesterday" | "gisteren" | "gister" => One(W::Rel(-1)),
        "eergisteren" => One(W::Rel(-2)),
        "tonight" | "vanavond" => Two(W::Rel(0), W::Daypart(Part::Evening)),
        "vanmiddag" => Two(W::Rel(0), W::Daypart(Part::Afternoon)),
        "vanochtend" | "vanmorgen" => Two(W::Rel(0), W::Daypart(Part::Morning)),
        // The night nearest now in the direction of the lean, like a bare time.
        "vannacht" => part(Part::Night),
        "morning" | "ochtend" | "ochtends" | "morgens" => part(Part::Morning),
        "afternoon" | "middag" | "middags" => part(Part::Afternoon),
        "evening" | "avond" | "avonds" => part(Part::Evening),
        "night" | "nacht" | "nachts" => part(Part::Night),
        "noon" | "middaguur" | "lunchtijd" => One(W::Noon),
        "midnight" | "middernacht" => One(W::Midnight),
        "eod" => One(W::Eod),
        "weekend" => One(W::Weekend),

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

        "next" | "volgende" | "volgend" | "komende" | "komend" => One(W::Next),
        "this" | "deze" | "dit" => One(W::This),
        "last" | "vorige" | "vorig" | "afgelopen" | "previous" => One(W::Last),
        "in" | "over" | "binnen" | "within" => One(W::In),
        "na" | "after" => One(W::After),
        // "voor" before a day is the working day before it; after a span ("1 dag van
        // tevoren") it only says the span is a heads-up.
        "voor" | "vóór" | "before" | "tevoren" | "ervoor" | "vooraf" | "earlier" | "eerder" => {
            One(W::Before)
        }
        "later" => One(W::Later),
        "ago" | "geleden" => One(W::Ago),
        "begin" | "start" | "early" | "beginning" => One(W::Begin),
        "mid" | "midden" | "medio" => One(W::Mid),
        "end" | "eind" | "einde" | "late" => One(W::End),
        "and" | "en" => One(W::And),
        "about" | "around" | "approximately" | "roughly" | "ongeveer" | "circa" | "ca" | "rond"
        | "omstreeks" => One(W::About),

        "minute" | "minutes" | "min" | "mins" | "minuut" | "minuten" | "m" => unit(Unit::Minute),
        "kwartier" => unit(Unit::Quarter),
        "hour" | "hours" | "hr" | "hrs" | "uren" => unit(Unit::Hour),
        "day" | "days" | "dag" | "dagen" | "d" | "dg" | "dgn" => unit(Unit::Day),
        "week" | "weeks" | "weken" | "wk" | "wks" | "wkn" | "w" => unit(Unit::Week),
        "fortnight" | "fortnights" => unit(Unit::Fortnight),
        "month" | "months" | "maand" | "maanden" | "mnd" | "mnden" | "mth" | "mths" => unit(Unit::Month),
        "year" | "years" | "yr" | "yrs" | "jaar" | "jaren" | "jr" | "y" | "j" => unit(Unit::Year),
        "uur" => One(W::Uur),
        "u" | "h" => One(W::U),
        "halfuur" => Two(W::Half, W::Uur),
        "am" => One(W::Am),
        "pm" => One(W::Pm),
        "t" => One(W::T),
        "st" | "nd" | "rd" | "th" | "e" | "ste" => One(W::Ord),

        "a" | "an" | "een" | "één" => One(W::A),
        "half" | "halve" => One(W::Half),
        "anderhalf" | "anderhalve" => One(W::OneAndHalf),
        "quarter" | "quarters" | "kwart" => One(W::Quarter),
        "couple" | "paar" => One(W::Few(2)),
        "few" => One(W::Few(3)),

        "at" | "om" => One(W::At),
        // "by friday" and "uiterlijk vrijdag" name the same day as "vrijdag"; "s" is what
        // is left of "'s avonds".
        "on" | "op" | "the" | "de" | "het" | "of" | "van" | "by" | "uiterlijk" | "tegen" | "aan" | "s" => {
            Filler
        }
        _ => return number_word(word).map(|n| One(W::Count(n))),
    };
    Some(entry)
}

const UNITS_NL: [&str; 20] = [
    "nul",
    "een",
    "twee",
    "drie",
    "vier",
    "vijf",
    "zes",
    "zeven",
    "acht",
    "negen",
    "tien",
    "elf",
    "twaalf",
    "dertien",
    "veertien",
    "vijftien",
    "zestien",
    "zeventien",
    "achttien",
    "negentien",
];
const UNITS_EN: [&str; 20] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
const TENS_NL: [&str; 8] = [
    "twintig", "dertig", "veertig", "vijftig", "zestig", "zeventig", "tachtig", "negentig",
];
const TENS_EN: [&str; 8] = [
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];

/// Number words up to a hundred. Dutch writes them as one word ("vijfenveertig",
/// "tweeëntwintig"); English ones with a hyphen or space are joined by the amount reader.
/// "een" is the article [`W::A`] and never gets here.
fn number_word(word: &str) -> Option<u8> {
    let index = |table: &[&str], w: &str| table.iter().position(|&t| t == w);
    let tens = |w: &str| index(&TENS_NL, w).or_else(|| index(&TENS_EN, w));
    let value = |i: usize, base: usize| u8::try_from(i + base).ok();
    if let Some(i) = index(&UNITS_NL, word).or_else(|| index(&UNITS_EN, word)) {
        return value(i, 0);
    }
    if let Some(i) = tens(word) {
        return value(i * 10, 20);
    }
    if matches!(word, "honderd" | "eenhonderd" | "hundred") {
        return Some(100);
    }
    TENS_NL.iter().enumerate().find_map(|(i, ten)| {
        let unit = word.strip_suffix(ten)?;
        let unit = unit.strip_suffix("en").or_else(|| unit.strip_suffix("ën"))?;
        let u = index(UNITS_NL.get(1..10)?, unit)?;
        value(i * 10 + u, 21)
    })
}

/// Dutch writes day and daypart as one word: "morgenochtend", "vrijdagmiddag",
/// "gisteravond", "zaterdagnacht".
pub(super) fn compound(word: &str) -> Option<Entry> {
    const PARTS: [(&str, Part); 5] = [
        ("ochtend", Part::Morning),
        ("morgen", Part::Morning),
        ("middag", Part::Afternoon),
        ("avond", Part::Evening),
        ("nacht", Part::Night),
    ];
    PARTS
        .iter()
        .find_map(|&(suffix, part)| match lookup(word.strip_suffix(suffix)?)? {
            Entry::One(day @ (W::Rel(_) | W::Weekday(_))) => Some(Entry::Two(day, W::Daypart(part))),
            _ => None,
        })
}
