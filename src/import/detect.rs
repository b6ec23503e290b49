//! Telling the formats apart and finding a CSV's header line.

use super::text::{fold_key, reader};
use super::{FileError, Format, MapError, Mapping};

/// LinkedIn puts a few "Notes:" lines before its header, so the header is
/// searched for among the first records rather than assumed on line 1.
const SCAN_RECORDS: usize = 20;

/// In order of preference when a line parses with more than one.
const SEPARATORS: [u8; 3] = [b',', b';', b'\t'];

/// Whether the text is a vCard file: it must start with a card, as every
/// exporter writes them.
pub(super) fn is_vcard(text: &str) -> bool {
    let start = text.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}');
    start
        .get(..11)
        .is_some_and(|head| head.eq_ignore_ascii_case("BEGIN:VCARD"))
}

/// How the columns of a CSV are to be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Layout {
    LinkedIn,
    Outlook,
    Mapped(Mapping),
}

/// The header line of a CSV, once found.
#[derive(Debug, Clone)]
pub(super) struct Header {
    pub separator: u8,
    /// Byte offset where the header record starts; data records follow it.
    pub offset: u64,
    /// The header's fields as written (trimmed).
    pub fields: Vec<String>,
    pub layout: Layout,
}

impl Header {
    pub fn format(&self) -> Format {
        match self.layout {
            Layout::LinkedIn => Format::LinkedIn,
            Layout::Outlook => Format::Outlook,
            Layout::Mapped(_) => Format::Mapped,
        }
    }
}

struct Candidate {
    separator: u8,
    offset: u64,
    fields: Vec<String>,
    keys: Vec<String>,
}

impl Candidate {
    fn has(&self, key: &str) -> bool {
        self.keys.iter().any(|k| k == key)
    }

    fn has_any(&self, keys: &[&str]) -> bool {
        keys.iter().any(|k| self.has(k))
    }

    fn into_header(self, layout: Layout) -> Header {
        Header {
            separator: self.separator,
            offset: self.offset,
            fields: self.fields,
            layout,
        }
    }

    fn named_fields(&self) -> Vec<String> {
        self.fields.iter().filter(|f| !f.is_empty()).cloned().collect()
    }
}

/// The first non-blank records of the text, split with one separator.
fn candidates(text: &str, separator: u8) -> Vec<Candidate> {
    reader(text, separator)
        .into_records()
        .take(SCAN_RECORDS)
        .filter_map(Result::ok)
        .filter(|record| record.iter().any(|f| !f.trim().is_empty()))
        .map(|record| {
            let fields: Vec<String> = record
                .iter()
                .map(|f| f.trim_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}'))
                .map(str::to_owned)
                .collect();
            Candidate {
                separator,
                offset: record.position().map_or(0, |p| p.byte()),
                keys: fields.iter().map(|f| fold_key(f)).collect(),
                fields,
            }
        })
        .collect()
}

fn is_linkedin(c: &Candidate) -> bool {
    c.has("firstname") && c.has("lastname") && c.has("position") && c.has_any(&["connectedon", "url"])
}

/// Outlook's own export, or any sheet that borrows its column names.
/// First, middle and last name alone are not enough: Google's CSV has
/// those too, with other names for everything else.
fn is_outlook(c: &Candidate) -> bool {
    let english = c.has("firstname")
        && c.has("lastname")
        && c.has_any(&[
            "jobtitle",
            "emailaddress",
            "businessphone",
            "mobilephone",
            "homephone",
            "categories",
        ]);
    let dutch = c.has("voornaam")
        && c.has("achternaam")
        && c.has_any(&[
            "functie",
            "emailadres",
            "telefoonopwerk",
            "mobieletelefoon",
            "telefoonthuis",
            "categorieen",
        ]);
    english || dutch
}

/// Finds the header line, its separator and how to read the columns.
pub(super) fn find_header(text: &str, mapping: Option<&Mapping>) -> Result<Header, FileError> {
    // Ordered by separator, so the first hit also has the preferred one.
    let mut scanned: Vec<Candidate> = SEPARATORS.iter().flat_map(|&s| candidates(text, s)).collect();
    if let Some(mapping) = mapping {
        return find_mapped(scanned, mapping);
    }
    if let Some(i) = scanned.iter().position(is_linkedin) {
        return Ok(scanned.swap_remove(i).into_header(Layout::LinkedIn));
    }
    if let Some(i) = scanned.iter().position(is_outlook) {
        return Ok(scanned.swap_remove(i).into_header(Layout::Outlook));
    }
    match best_guess(scanned) {
        Some(c) if looks_like_header(&c) => Err(FileError::NeedsMapping {
            headers: c.named_fields(),
        }),
        _ => Err(FileError::NoHeader),
    }
}

/// Without a known header, the first line is taken as the header, split by
/// whichever separator gives it the most columns.
fn best_guess(scanned: Vec<Candidate>) -> Option<Candidate> {
    let mut best: Option<Candidate> = None;
    let mut seen = Vec::new();
    for c in scanned {
        if seen.contains(&c.separator) {
            continue;
        }
        seen.push(c.separator);
        if best.as_ref().is_none_or(|b| c.fields.len() > b.fields.len()) {
            best = Some(c);
        }
    }
    best
}

/// A first line with one column or with an e-mail address in it is data,
/// not a header.
fn looks_like_header(c: &Candidate) -> bool {
    c.named_fields().len() >= 2 && !c.fields.iter().any(|f| f.contains('@'))
}

fn find_mapped(scanned: Vec<Candidate>, mapping: &Mapping) -> Result<Header, FileError> {
    let wanted: Vec<(&str, String)> = mapping.pairs().map(|(h, _)| (h, fold_key(h))).collect();
    let matches = |c: &Candidate| wanted.iter().filter(|(_, k)| c.has(k)).count();

    let mut best: Option<(usize, Candidate)> = None;
    for c in scanned {
        let n = matches(&c);
        if n == wanted.len() {
            return Ok(c.into_header(Layout::Mapped(mapping.clone())));
        }
        if best
            .as_ref()
            .is_none_or(|(m, b)| n > *m || (n == *m && c.fields.len() > b.fields.len()))
        {
            best = Some((n, c));
        }
    }
    let (header, available) = match best {
        Some((_, c)) => {
            let missing = wanted.iter().find(|(_, k)| !c.has(k)).map(|(h, _)| *h);
            (missing.unwrap_or_default(), c.named_fields())
        }
        None => (wanted[0].0, Vec::new()),
    };
    Err(FileError::BadMapping(MapError::UnknownHeader {
        header: header.to_owned(),
        available,
    }))
}

#[cfg(test)]
mod unit {
    use super::*;

    #[test]
    fn vcard_start() {
        assert!(is_vcard("\u{FEFF}\r\n  begin:vcard\r\nVERSION:3.0"));
        assert!(!is_vcard("Name,BEGIN:VCARD"));
        assert!(!is_vcard("BEGIN:VCAR"));
    }

    #[test]
    fn guesses_separator_from_header() {
        let err = find_header("Naam;Bedrijf;Functie, afdeling\nJan;Zorg;Arts\n", None).unwrap_err();
        assert_eq!(
            err,
            FileError::NeedsMapping {
                headers: vec!["Naam".into(), "Bedrijf".into(), "Functie, afdeling".into()]
            }
        );
        let err = find_header("Naam\tBedrijf\nJan\tZorg\n", None).unwrap_err();
        assert!(matches!(err, FileError::NeedsMapping { headers } if headers.len() == 2));
    }

    #[test]
    fn data_without_header_is_no_header() {
        assert_eq!(
            find_header("Jan de Vries,jan@zorg.nl\n", None).unwrap_err(),
            FileError::NoHeader
        );
        assert_eq!(
            find_header("Jan de Vries\nPiet\n", None).unwrap_err(),
            FileError::NoHeader
        );
    }
}
