//! Lengths of time ("3 dagen", "een half uur", "1,5 uur", "1d2h", "een uur of twee"),
//! both for offsets from now and for the spans of "remind me this long before".

use super::lexer::{num, sym, word, Tok};
use super::vocabulary::{Unit, W};

/// Amounts saturate rather than overflow: an absurd amount stays absurd, and the checked
/// conversions where it is used refuse it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct Amount {
    pub(super) months: u64,
    pub(super) days: u64,
    pub(super) minutes: u64,
    /// Some part was in minutes or hours: the span is elapsed time to the minute. Without
    /// it the span counts days, and lands on a day rather than an instant.
    pub(super) exact: bool,
    /// "about an hour", "een uur of twee", "a few days": read as exactly this.
    pub(super) approximate: bool,
    /// A lone `N uur`, `Nu` or `Nh` written with digits or a number word: what is a clock
    /// time when nothing else makes it a span ("9u", "14h", "3 uur").
    pub(super) clock_like: bool,
}

/// A count in thousandths, so that "1,5" and "anderhalf" are exact.
const ONE: u64 = 1000;
/// At most three decimals: "1,125 uur" is read, "1,1234 uur" is not.
const MAX_DECIMALS: usize = 3;
/// Days in the fraction of a month ("anderhalve maand" is a month and 15 days).
const DAYS_PER_MONTH_FRACTION: u64 = 30;

/// `value × per / ONE`, rounded half up.
fn scaled(value: u64, per: u64) -> u64 {
    value.saturating_mul(per).saturating_add(ONE / 2) / ONE
}

impl Amount {
    /// `count` thousandths of `unit`. Fractions of minutes and hours become whole minutes,
    /// fractions of days and weeks whole days, of a year whole months and of a month days
    /// at 30 a month; each rounded half up.
    fn of(count: u64, unit: Unit) -> Self {
        let mut amount = Self {
            exact: matches!(unit, Unit::Minute | Unit::Quarter | Unit::Hour),
            ..Self::default()
        };
        match unit {
            Unit::Minute => amount.minutes = scaled(count, 1),
            Unit::Quarter => amount.minutes = scaled(count, 15),
            Unit::Hour => amount.minutes = scaled(count, 60),
            Unit::Day => amount.days = scaled(count, 1),
            Unit::Week => amount.days = scaled(count, 7),
            Unit::Fortnight => amount.days = scaled(count, 14),
            Unit::Month => {
                amount.months = count / ONE;
                amount.days = scaled(count % ONE, DAYS_PER_MONTH_FRACTION);
            }
            Unit::Year => amount.months = scaled(count, 12),
        }
        amount
    }

    fn plus(self, other: Self) -> Self {
        Self {
            months: self.months.saturating_add(other.months),
            days: self.days.saturating_add(other.days),
            minutes: self.minutes.saturating_add(other.minutes),
            exact: self.exact || other.exact,
            approximate: self.approximate || other.approximate,
            clock_like: false,
        }
    }
}

/// How many of a unit, before the unit word.
#[derive(Clone, Copy)]
struct Count {
    thousandths: u64,
    used: usize,
    /// Digits or a number word, nothing else: "3", "drie" (not "een", "1,5", "half").
    plain: bool,
    approximate: bool,
}

/// One or more amounts: "3 days", "een half uur", "1 hour and 30 minutes", "1d2h",
/// optionally after "about"/"ongeveer".
pub(super) fn amounts(t: &[Tok]) -> Option<(Amount, usize)> {
    let about = word(t, 0) == Some(W::About);
    let mut used = usize::from(about);
    let mut total: Option<Amount> = None;
    while let Some((one, n)) = t.get(used..).and_then(amount) {
        total = Some(match total {
            None => one,
            Some(sum) => sum.plus(one),
        });
        used += n;
        let more = t.get(used + 1..).and_then(amount).is_some();
        if word(t, used) == Some(W::And) && more {
            used += 1;
        }
    }
    let mut total = total?;
    total.approximate |= about;
    total.clock_like &= !about;
    Some((total, used))
}

fn amount(t: &[Tok]) -> Option<(Amount, usize)> {
    let first = count(t)?;
    let mut used = first.used;
    // "half an hour", "a quarter of an hour": the article of the unit.
    if word(t, used) == Some(W::A) && !first.plain {
        used += 1;
    }
    let (unit, clock_suffix, n) = unit(t, used)?;
    used += n;
    let mut thousandths = first.thousandths;
    let mut approximate = first.approximate;
    let mut tail = false;
    // "an hour and a half", "een uur en een half".
    if let (Some(W::And), Some(W::A), Some(W::Half)) = (word(t, used), word(t, used + 1), word(t, used + 2)) {
        thousandths = thousandths.saturating_add(ONE / 2);
        used += 3;
        tail = true;
    }
    // "een uur of twee": about two hours.
    if word(t, used) == Some(W::Of) {
        let guess = t.get(used + 1..).and_then(count)?;
        thousandths = guess.thousandths;
        approximate = true;
        used += 1 + guess.used;
        tail = true;
    }
    let mut amount = Amount::of(thousandths, unit);
    amount.approximate = approximate;
    amount.clock_like = first.plain && clock_suffix && !tail;
    Some((amount, used))
}

/// The unit at `i`: its unit, whether it was a clock suffix ("uur", "u", "h"), and how
/// many tokens it took ("quarter of an hour" takes three).
fn unit(t: &[Tok], i: usize) -> Option<(Unit, bool, usize)> {
    match word(t, i)? {
        W::Unit(unit) => Some((unit, false, 1)),
        W::Uur | W::U => Some((Unit::Hour, true, 1)),
        W::Quarter => {
            let article = usize::from(word(t, i + 1) == Some(W::A));
            match word(t, i + 1 + article)? {
                W::Unit(Unit::Hour) | W::Uur => Some((Unit::Quarter, false, 2 + article)),
                _ => None,
            }
        }
        _ => None,
    }
}

/// The count before a unit: `3`, `1,5`, `1.5`, `drie`, `forty-five`, `a hundred`, `een`,
/// `half`, `anderhalf`, `a couple`, `twee en een half`.
fn count(t: &[Tok]) -> Option<Count> {
    let whole = |thousandths, used, plain| Count {
        thousandths,
        used,
        plain,
        approximate: false,
    };
    let mut count = match (t.first()?, word(t, 1)) {
        (&Tok::Num(n, _), _) => decimal(t, n).unwrap_or(whole(n.saturating_mul(ONE), 1, true)),
        (Tok::W(W::Count(1)), Some(W::Count(100))) => whole(100 * ONE, 2, true),
        (Tok::W(W::A), Some(W::Count(100))) => whole(100 * ONE, 2, false),
        (&Tok::W(W::Count(n)), _) => words(t, n),
        (Tok::W(W::A), Some(W::Half)) => whole(ONE / 2, 2, false),
        (Tok::W(W::A), Some(W::Few(n))) | (&Tok::W(W::Few(n)), _) => {
            let few = if word(t, 0) == Some(W::A) { 2 } else { 1 };
            Count {
                approximate: true,
                ..whole(u64::from(n) * ONE, few, false)
            }
        }
        (Tok::W(W::A), _) => whole(ONE, 1, false),
        (Tok::W(W::Half), _) => whole(ONE / 2, 1, false),
        (Tok::W(W::OneAndHalf), _) => whole(ONE + ONE / 2, 1, false),
        _ => return None,
    };
    // "twee en een half uur", "2 and a half hours".
    let i = count.used;
    if let (Some(W::And), Some(W::A), Some(W::Half)) = (word(t, i), word(t, i + 1), word(t, i + 2)) {
        count.thousandths = count.thousandths.saturating_add(ONE / 2);
        count.used += 3;
        count.plain = false;
    }
    Some(count)
}

/// `1,5` (a decimal comma is never anything else) or `1.5` (a dot with one decimal; two
/// decimals after a dot are the minutes of a clock time, "14.30").
fn decimal(t: &[Tok], whole: u64) -> Option<Count> {
    let sep = sym(t, 1)?;
    let (fraction, digits) = num(t, 2)?;
    let fits = match sep {
        ',' => (1..=MAX_DECIMALS).contains(&digits),
        '.' => digits == 1,
        _ => false,
    };
    // A third number after another dot makes it a date ("1.5.2026").
    if !fits || sym(t, 3) == Some('.') {
        return None;
    }
    let scale = 10u64.pow(u32::try_from(MAX_DECIMALS - digits).ok()?);
    Some(Count {
        thousandths: whole
            .saturating_mul(ONE)
            .saturating_add(fraction.saturating_mul(scale)),
        used: 3,
        plain: false,
        approximate: false,
    })
}

/// A number word, with an English units word after a tens word: "forty five",
/// "forty-five", "twenty one".
fn words(t: &[Tok], n: u8) -> Count {
    let tens = (20..100).contains(&n) && n.is_multiple_of(10);
    let hyphen = usize::from(sym(t, 1) == Some('-'));
    let value = match word(t, 1 + hyphen) {
        Some(W::Count(u @ 1..=9)) if tens => Some(u64::from(n + u)),
        _ => None,
    };
    let (value, used) = match value {
        Some(value) => (value, 2 + hyphen),
        None => (u64::from(n), 1),
    };
    Count {
        thousandths: value * ONE,
        used,
        plain: true,
        approximate: false,
    }
}
