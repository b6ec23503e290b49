//! Lengths of time ("3 dagen", "een half uur", "1 hour and 30 minutes"), both for offsets
//! from now and for the spans of "remind me this long before".

use super::lexer::{word, Tok};
use super::vocabulary::{Unit, W};

/// Amounts saturate rather than overflow: an absurd amount stays absurd, and the checked
/// conversions where it is used refuse it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct Amount {
    pub(super) months: u64,
    pub(super) days: u64,
    pub(super) minutes: u64,
}

impl Amount {
    fn of(n: u64, unit: Unit) -> Self {
        let mut amount = Self::default();
        match unit {
            Unit::Minute => amount.minutes = n,
            Unit::Hour => amount.minutes = n.saturating_mul(60),
            Unit::Day => amount.days = n,
            Unit::Week => amount.days = n.saturating_mul(7),
            Unit::Month => amount.months = n,
            Unit::Year => amount.months = n.saturating_mul(12),
        }
        amount
    }

    fn plus(self, other: Self) -> Self {
        Self {
            months: self.months.saturating_add(other.months),
            days: self.days.saturating_add(other.days),
            minutes: self.minutes.saturating_add(other.minutes),
        }
    }
}

/// One or more amounts: "3 days", "een half uur", "1 hour and 30 minutes".
pub(super) fn amounts(t: &[Tok]) -> Option<(Amount, usize)> {
    let mut total = Amount::default();
    let mut used = 0;
    while let Some((one, n)) = t.get(used..).and_then(amount) {
        total = total.plus(one);
        used += n;
        let more = t.get(used + 1..).and_then(amount).is_some();
        if word(t, used) == Some(W::And) && more {
            used += 1;
        }
    }
    (used > 0).then_some((total, used))
}

fn amount(t: &[Tok]) -> Option<(Amount, usize)> {
    let is_hour = |w: Option<W>| matches!(w, Some(W::Uur | W::U | W::Unit(Unit::Hour)));
    let minutes = |minutes| Amount {
        minutes,
        ..Amount::default()
    };
    match (word(t, 0), word(t, 1), word(t, 2)) {
        (Some(W::A), Some(W::Half), hour) if is_hour(hour) => return Some((minutes(30), 3)),
        (Some(W::Half), Some(W::A), hour) if is_hour(hour) => return Some((minutes(30), 3)),
        (Some(W::Half), hour, _) if is_hour(hour) => return Some((minutes(30), 2)),
        (Some(W::OneAndHalf), hour, _) if is_hour(hour) => return Some((minutes(90), 2)),
        _ => {}
    }
    let n = match t.first()? {
        &Tok::Num(n, _) => n,
        Tok::W(W::A) => 1,
        &Tok::W(W::Count(n)) => u64::from(n),
        _ => return None,
    };
    let unit = match word(t, 1)? {
        W::Unit(unit) => unit,
        W::Uur | W::U => Unit::Hour,
        _ => return None,
    };
    Some((Amount::of(n, unit), 2))
}
