//! Reading `.vcf` files. Unfolding, unescaping, quoted-printable and the
//! bare vCard 2.1 parameters (`TEL;WORK;VOICE:`) are left to `calcard`,
//! which is lenient in the way real exports need.

use calcard::vcard::{
    VCard, VCardEntry, VCardKind, VCardParameterName, VCardParameterValue, VCardProperty, VCardType,
    VCardValue,
};
use calcard::{Entry, Parser};

use super::row::Draft;
use super::text::linkedin_url;
use super::{FileError, Reason, Rejected, Row, MAX_ROWS};

/// Reads every card; [`Row::line`] is the card's number in the file,
/// since a card spans many lines.
pub(super) fn read_cards(text: &str) -> Result<(Vec<Row>, Vec<Rejected>), FileError> {
    let mut parser = Parser::new(text);
    let mut cards = Vec::new();
    let mut rejected = Vec::new();
    let mut count = 0usize;
    // Every entry consumes input, so this only guards against a parser
    // that stops advancing.
    for _ in 0..=text.len() {
        match parser.entry() {
            Entry::Eof => break,
            Entry::VCard(card) => {
                count += 1;
                if count <= MAX_ROWS {
                    cards.push((count, card));
                }
            }
            // Text between cards and stray calendar data are not contacts.
            Entry::InvalidLine(_) | Entry::ICalendar(_) => {}
            _ => {
                count += 1;
                rejected.push(Rejected {
                    line: count,
                    reason: Reason::Unreadable,
                });
            }
        }
    }
    if count > MAX_ROWS {
        return Err(FileError::TooManyRows {
            rows: count,
            max: MAX_ROWS,
        });
    }
    let mut rows = Vec::with_capacity(cards.len());
    for (number, card) in cards {
        match draft(number, &card).finish() {
            Ok(row) => rows.push(row),
            Err(reject) => rejected.push(reject),
        }
    }
    rejected.sort_by_key(|r| r.line);
    Ok((rows, rejected))
}

fn draft(number: usize, card: &VCard) -> Draft {
    let mut draft = Draft::new(number);
    let first = |prop: VCardProperty| card.property(&prop).map(value_text).unwrap_or_default();

    draft.full_name = first(VCardProperty::Fn);
    if let Some(n) = card.property(&VCardProperty::N) {
        // N is family;given;additional;prefix;suffix — written given first.
        let part = |i: usize| n.values.get(i).map(component_text).unwrap_or_default();
        draft.name_parts = vec![part(1), part(2), part(0)];
    }
    if let Some(org) = card.property(&VCardProperty::Org) {
        // ORG is organisation;unit;…; the unit is not the organisation.
        draft
            .organisation
            .push(org.values.first().map(component_text).unwrap_or_default());
    }
    draft.role = vec![first(VCardProperty::Title), first(VCardProperty::Role)];

    let mut emails: Vec<&VCardEntry> = card.properties(&VCardProperty::Email).collect();
    emails.sort_by_key(|e| !is_pref(e));
    draft.emails = emails.into_iter().map(value_text).collect();

    let mut phones: Vec<(u8, &VCardEntry)> = card
        .properties(&VCardProperty::Tel)
        .filter_map(|e| phone_rank(e).map(|rank| (rank, e)))
        .collect();
    phones.sort_by_key(|(rank, e)| (*rank, !is_pref(e)));
    draft.phones = phones.into_iter().map(|(_, e)| value_text(e)).collect();

    // Only LinkedIn links are wanted; other URLs are not an error.
    draft.linkedin = card
        .entries
        .iter()
        .filter(|e| {
            e.name == VCardProperty::Url
                || matches!(&e.name, VCardProperty::Other(n) if n.eq_ignore_ascii_case("X-SOCIALPROFILE"))
        })
        .map(value_text)
        .filter(|v| linkedin_url(v.trim()).is_some())
        .collect();

    draft.tags = card
        .properties(&VCardProperty::Categories)
        .flat_map(|e| e.values.iter().map(component_text))
        .collect();

    if is_organisation_card(card) {
        // Such cards carry the organisation in FN; N is empty.
        if draft.organisation.iter().all(|o| o.trim().is_empty()) {
            draft.organisation = vec![draft.full_name.clone()];
        }
        draft.full_name.clear();
        draft.name_parts.clear();
    }
    draft
}

/// vCard 4.0 says `KIND:org`; Apple's 3.0 cards say `X-ABShowAs:COMPANY`.
fn is_organisation_card(card: &VCard) -> bool {
    card.entries.iter().any(|e| match &e.name {
        VCardProperty::Kind => e
            .values
            .iter()
            .any(|v| matches!(v, VCardValue::Kind(VCardKind::Org))),
        VCardProperty::Other(name) if name.eq_ignore_ascii_case("X-ABShowAs") => {
            value_text(e).trim().eq_ignore_ascii_case("COMPANY")
        }
        _ => false,
    })
}

/// Work numbers first, then mobile, then the rest; fax and pager numbers
/// are no way to reach a person and are skipped.
fn phone_rank(entry: &VCardEntry) -> Option<u8> {
    if has_type(entry, VCardType::Fax, "fax") || has_type(entry, VCardType::Pager, "pager") {
        None
    } else if has_type(entry, VCardType::Work, "work") {
        Some(0)
    } else if has_type(entry, VCardType::Cell, "cell") {
        Some(1)
    } else {
        Some(2)
    }
}

/// A type can arrive parsed (`TYPE=work`), as unknown text, or as a bare
/// vCard 2.1 parameter name (`;WORK`).
fn has_type(entry: &VCardEntry, known: VCardType, text: &str) -> bool {
    entry.params.iter().any(|p| match (&p.name, &p.value) {
        (_, VCardParameterValue::Type(t)) => *t == known,
        (VCardParameterName::Type, VCardParameterValue::Text(t)) => t.eq_ignore_ascii_case(text),
        (VCardParameterName::Other(n), VCardParameterValue::Null) => n.eq_ignore_ascii_case(text),
        _ => false,
    })
}

/// `PREF=1` (4.0), `TYPE=pref` (3.0) or a bare `;PREF` (2.1).
fn is_pref(entry: &VCardEntry) -> bool {
    entry.params.iter().any(|p| match (&p.name, &p.value) {
        (VCardParameterName::Pref, _) => true,
        (VCardParameterName::Type, VCardParameterValue::Text(t)) => t.eq_ignore_ascii_case("pref"),
        (VCardParameterName::Other(n), VCardParameterValue::Null) => n.eq_ignore_ascii_case("pref"),
        _ => false,
    })
}

/// The whole value of a single-valued property, as text.
fn value_text(entry: &VCardEntry) -> String {
    let parts: Vec<String> = entry.values.iter().map(component_text).collect();
    parts.join(" ")
}

fn component_text(value: &VCardValue) -> String {
    match value {
        VCardValue::Text(text) => text.clone(),
        VCardValue::Component(parts) => parts.join(" "),
        _ => String::new(),
    }
}
