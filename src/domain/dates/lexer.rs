//! Splitting a phrase into words, numbers and separators, then classifying each word onto
//! the shared vocabulary of both languages.

use super::vocabulary::{compound, fixed_expression, lookup, Entry, ZoneName, W};
use super::DateError::{self, Empty, Unreadable};
use super::MAX_PHRASE_BYTES;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Raw<'a> {
    Word(&'a str),
    /// Value (saturated, so absurd numbers stay absurd) and digit count.
    Num(u64, usize),
    Sym(char),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Tok {
    Num(u64, usize),
    Sym(char),
    W(W),
}

pub(super) fn tokenize(phrase: &str) -> Result<Vec<Tok>, DateError> {
    let text = phrase.trim();
    if text.is_empty() {
        return Err(Empty);
    }
    if text.len() > MAX_PHRASE_BYTES {
        return Err(Unreadable);
    }
    let lower = text.to_lowercase();
    let raw = lex(&lower)?;
    let mut tokens = Vec::with_capacity(raw.len() + 2);
    let mut i = 0;
    while let Some(rest) = raw.get(i..) {
        let Some(&first) = rest.first() else {
            break;
        };
        if let Some((w, used)) = fixed_expression(rest) {
            tokens.push(Tok::W(w));
            i += used;
            continue;
        }
        match first {
            Raw::Num(value, digits) => tokens.push(Tok::Num(value, digits)),
            Raw::Sym(c) => tokens.push(Tok::Sym(c)),
            Raw::Word(word) => match classify(word, &raw, i, tokens.last()) {
                Some(Entry::One(w)) => tokens.push(Tok::W(w)),
                Some(Entry::Two(a, b)) => tokens.extend([Tok::W(a), Tok::W(b)]),
                Some(Entry::Filler) => {}
                None => return Err(Unreadable),
            },
        }
        i += 1;
    }
    Ok(tokens)
}

/// A word in its place: the few words whose meaning depends on their neighbours are
/// settled here, the rest looked up.
fn classify(word: &str, raw: &[Raw], i: usize, before: Option<&Tok>) -> Option<Entry> {
    let previous = i.checked_sub(1).and_then(|p| raw.get(p));
    match word {
        // "19de" is an ordinal; "de" elsewhere is the article.
        "de" if matches!(previous, Some(Raw::Num(..))) => return Some(Entry::One(W::Ord)),
        // "een uur of twee": "or", between a unit and a number; elsewhere ("the 3rd of
        // march", "end of the week") filler.
        "of" if matches!(before, Some(Tok::W(W::Unit(_) | W::Uur))) && counts(raw.get(i + 1)) => {
            return Some(Entry::One(W::Of));
        }
        _ => {}
    }
    let entry = lookup(word).or_else(|| compound(word));
    if entry.is_some() {
        return entry;
    }
    // An unknown last word right after a clock time may be the zone's abbreviation, as the
    // product renders it ("vr 28 nov 2026 12:00 CET"); resolving checks it against the zone.
    let after_clock = matches!(before, Some(Tok::Num(..) | Tok::W(W::Am | W::Pm | W::Uur | W::U)));
    let last = i + 1 == raw.len();
    if after_clock && last && word.chars().all(|c| c.is_ascii_alphabetic()) {
        return ZoneName::new(word).map(|name| Entry::One(W::Zone(name)));
    }
    None
}

/// Whether a raw token can be the count of "een uur of twee".
fn counts(raw: Option<&Raw>) -> bool {
    match raw {
        Some(Raw::Num(..)) => true,
        Some(&Raw::Word(word)) => matches!(lookup(word), Some(Entry::One(W::Count(_) | W::A | W::Few(_)))),
        _ => false,
    }
}

fn lex(text: &str) -> Result<Vec<Raw<'_>>, DateError> {
    let mut out = Vec::with_capacity(8);
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if c.is_alphabetic() {
            let mut end = start + c.len_utf8();
            while let Some(&(i, next)) = chars.peek() {
                if !next.is_alphabetic() {
                    break;
                }
                end = i + next.len_utf8();
                chars.next();
            }
            out.push(Raw::Word(text.get(start..end).ok_or(Unreadable)?));
        } else if let Some(first) = c.to_digit(10) {
            let mut value = u64::from(first);
            let mut digits = 1;
            while let Some(d) = chars.peek().and_then(|&(_, next)| next.to_digit(10)) {
                value = value.saturating_mul(10).saturating_add(u64::from(d));
                digits += 1;
                chars.next();
            }
            out.push(Raw::Num(value, digits));
        } else if c == '@' {
            out.push(Raw::Word("at"));
        } else if c == ',' && matches!(out.last(), Some(Raw::Num(..))) && next_is_digit(&mut chars) {
            // A decimal comma, "1,5 uur"; with a space after it, "dec 1, 2026", a separator.
            out.push(Raw::Sym(','));
        } else if c.is_whitespace() || matches!(c, ',' | '\'' | '\u{2018}' | '\u{2019}') {
            // Separators only; the apostrophe belongs to "'s avonds".
        } else if c == '.' && matches!(out.last(), Some(Raw::Word(_))) {
            // The dot of an abbreviation: "dec.", "a.m.".
        } else if matches!(c, '-' | '/' | ':' | '.' | '+') {
            out.push(Raw::Sym(c));
        } else {
            return Err(Unreadable);
        }
    }
    Ok(out)
}

fn next_is_digit(chars: &mut std::iter::Peekable<std::str::CharIndices>) -> bool {
    chars.peek().is_some_and(|&(_, c)| c.is_ascii_digit())
}

pub(super) fn num(t: &[Tok], i: usize) -> Option<(u64, usize)> {
    match t.get(i) {
        Some(&Tok::Num(value, digits)) => Some((value, digits)),
        _ => None,
    }
}

pub(super) fn sym(t: &[Tok], i: usize) -> Option<char> {
    match t.get(i) {
        Some(&Tok::Sym(c)) => Some(c),
        _ => None,
    }
}

pub(super) fn word(t: &[Tok], i: usize) -> Option<W> {
    match t.get(i) {
        Some(&Tok::W(w)) => Some(w),
        _ => None,
    }
}
