//! Byte sniffing, decoding and the small string rules shared by all formats.

use encoding_rs::{UTF_16BE, UTF_16LE, WINDOWS_1252};

use super::BinaryKind;

/// Replacement character left by decoding bytes that were not valid.
pub(super) const REPLACEMENT: char = '\u{FFFD}';

/// Characters that are invisible and never meant as content; Excel and
/// web forms leave them behind in copied names.
const INVISIBLE: [char; 4] = ['\u{200B}', '\u{200C}', '\u{200D}', '\u{FEFF}'];

pub(super) struct Decoded {
    pub text: String,
    pub encoding: &'static str,
}

const PNG: &[u8] = b"\x89PNG\r\n\x1a\n";
/// The container of old Office files (.xls, .doc, .msg).
const OLE: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

/// Recognises the binary files people upload by mistake by their magic
/// numbers, before anything is decoded.
pub(super) fn sniff_binary(bytes: &[u8], file_name: Option<&str>) -> Option<BinaryKind> {
    let named = |exts: &[&str]| {
        file_name.is_some_and(|name| {
            let name = name.to_ascii_lowercase();
            exts.iter().any(|ext| name.ends_with(ext))
        })
    };
    if bytes.starts_with(PNG)
        || bytes.starts_with(b"\xFF\xD8\xFF")
        || bytes.starts_with(b"GIF87a")
        || bytes.starts_with(b"GIF89a")
    {
        return Some(BinaryKind::Image);
    }
    if bytes.starts_with(b"%PDF-") {
        return Some(BinaryKind::Pdf);
    }
    if bytes.starts_with(b"PK\x03\x04")
        || bytes.starts_with(b"PK\x05\x06")
        || bytes.starts_with(b"PK\x07\x08")
    {
        // An .xlsx names its parts "xl/…" near the start (a .docx "word/…");
        // an .ods says so in its first entry, "mimetype".
        let head = &bytes[..bytes.len().min(64 * 1024)];
        let spreadsheet = named(&[".xlsx", ".xlsm", ".ods"])
            || contains(head, b"xl/")
            || contains(head, b"opendocument.spreadsheet");
        let document =
            named(&[".docx", ".pptx", ".odt"]) || contains(head, b"word/") || contains(head, b"ppt/");
        return Some(if spreadsheet {
            BinaryKind::Spreadsheet
        } else if document {
            BinaryKind::Other
        } else {
            BinaryKind::Archive
        });
    }
    if bytes.starts_with(OLE) {
        return Some(if named(&[".doc", ".msg", ".ppt"]) {
            BinaryKind::Other
        } else {
            BinaryKind::Spreadsheet
        });
    }
    None
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// Decodes the whole file. Exports are UTF-8 (often with a BOM) or, from
/// older Excel and Outlook on Dutch Windows, Windows-1252; Excel's "Unicode
/// text" is UTF-16 with a BOM.
///
/// A file that is UTF-8 except for a few bad bytes (two exports pasted
/// together, say) stays UTF-8: the bad bytes become U+FFFD and only the
/// rows that use them are rejected, instead of every accent in the file
/// turning into mojibake.
pub(super) fn decode(bytes: &[u8]) -> Decoded {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return decode_8bit(rest);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        let (text, _) = UTF_16LE.decode_without_bom_handling(rest);
        return Decoded {
            text: text.into_owned(),
            encoding: "UTF-16LE",
        };
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        let (text, _) = UTF_16BE.decode_without_bom_handling(rest);
        return Decoded {
            text: text.into_owned(),
            encoding: "UTF-16BE",
        };
    }
    decode_8bit(bytes)
}

fn decode_8bit(bytes: &[u8]) -> Decoded {
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Decoded {
            text: text.to_owned(),
            encoding: "UTF-8",
        };
    }
    let (mut multibyte, mut invalid) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        multibyte += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        invalid += chunk.invalid().len();
    }
    if multibyte > invalid {
        return Decoded {
            text: String::from_utf8_lossy(bytes).into_owned(),
            encoding: "UTF-8",
        };
    }
    let (text, _) = WINDOWS_1252.decode_without_bom_handling(bytes);
    Decoded {
        text: text.into_owned(),
        encoding: "Windows-1252",
    }
}

/// Only whitespace (or stray BOMs) counts as empty.
pub(super) fn is_blank(text: &str) -> bool {
    text.chars().all(|c| c.is_whitespace() || c == '\u{FEFF}')
}

/// Text files have no NUL and almost no other control characters; this
/// catches binaries without a known magic number (and UTF-16 without BOM).
pub(super) fn looks_binary(text: &str) -> bool {
    if text.contains('\0') {
        return true;
    }
    let sample = text.chars().take(8192);
    let (mut total, mut control) = (0usize, 0usize);
    for c in sample {
        total += 1;
        if c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0C') {
            control += 1;
        }
    }
    control * 100 > total
}

/// Trims, drops invisible and control characters, and collapses runs of
/// whitespace (including no-break spaces) to one space.
pub(super) fn clean(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for word in value
        .split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|w| !w.is_empty())
    {
        let word: String = word.chars().filter(|c| !INVISIBLE.contains(c)).collect();
        if word.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&word);
    }
    out
}

/// The form in which header names and map entries are compared: letters
/// and digits only, lower case, accents removed, so "E-mail Address",
/// "email address" and "Categorieën"/"categorieen" match.
pub(super) fn fold_key(value: &str) -> String {
    value
        .chars()
        .flat_map(char::to_lowercase)
        .map(strip_accent)
        .filter(|c| c.is_alphanumeric())
        .collect()
}

fn strip_accent(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => 'a',
        'ç' => 'c',
        'è' | 'é' | 'ê' | 'ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' => 'i',
        'ñ' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' => 'o',
        'ù' | 'ú' | 'û' | 'ü' => 'u',
        'ý' | 'ÿ' => 'y',
        other => other,
    }
}

/// A deliberately loose check: it catches column mix-ups and typos
/// (no @, no domain, spaces), not every address RFC 5321 forbids.
pub(super) fn is_plausible_email(value: &str) -> bool {
    let Some((local, domain)) = value.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
        && !value.chars().any(|c| {
            c.is_whitespace()
                || c.is_control()
                || c == REPLACEMENT
                || matches!(c, '<' | '>' | ',' | ';' | '"' | '(' | ')' | '[' | ']' | '\\')
        })
}

/// Removes a URI scheme that vCard 4.0 and some CSVs put before values
/// ("mailto:", "tel:").
pub(super) fn strip_scheme<'a>(value: &'a str, scheme: &str) -> &'a str {
    match value.get(..scheme.len()) {
        Some(prefix) if prefix.eq_ignore_ascii_case(scheme) => &value[scheme.len()..],
        _ => value,
    }
}

/// A phone number needs a few digits; "n.v.t." or "zie website" do not
/// count.
pub(super) fn is_plausible_phone(value: &str) -> bool {
    value.chars().filter(char::is_ascii_digit).count() >= 3 && !value.contains(REPLACEMENT)
}

/// Accepts LinkedIn profile links with or without scheme and returns them
/// with one, so they can be opened as links.
pub(super) fn linkedin_url(value: &str) -> Option<String> {
    let lower = value.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
        .unwrap_or(&lower);
    let host = rest.split('/').next().unwrap_or_default();
    let is_linkedin = host == "linkedin.com" || host.ends_with(".linkedin.com");
    if !is_linkedin || rest.len() <= host.len() + 1 || value.contains(char::is_whitespace) {
        return None;
    }
    if lower.starts_with("https://") || lower.starts_with("http://") {
        Some(value.to_owned())
    } else {
        Some(format!("https://{value}"))
    }
}

/// Outlook writes categories as "A;B", people type "A, B".
pub(super) fn split_tags(value: &str) -> impl Iterator<Item = String> + '_ {
    value.split([';', ',']).map(clean).filter(|t| !t.is_empty())
}

/// Flexible, because a record with a wrong number of fields should reject
/// that record with its line number, not stop the whole file.
pub(super) fn reader(text: &str, separator: u8) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(separator)
        .from_reader(text.as_bytes())
}

#[cfg(test)]
mod unit {
    use super::*;

    #[test]
    fn cleans_whitespace_and_invisibles() {
        assert_eq!(clean("  Zo\u{200B}ë \u{A0}  de\tJong \r\n"), "Zoë de Jong");
        assert_eq!(clean(" \u{FEFF} "), "");
    }

    #[test]
    fn folds_keys() {
        assert_eq!(fold_key("E-mail Address"), "emailaddress");
        assert_eq!(fold_key(" Categorieën "), "categorieen");
        assert_eq!(fold_key("TELEFOON op werk"), "telefoonopwerk");
    }

    #[test]
    fn email_sanity() {
        assert!(is_plausible_email("zoe.de-jong@zorg.example.nl"));
        for bad in [
            "zoe",
            "zoe@",
            "@zorg.nl",
            "zoe@zorg",
            "zoe@@zorg.nl",
            "a@b@c.nl",
            "zoe @zorg.nl",
            "zoe@.nl",
            "zoe@zorg.",
            "zoe@zorg..nl",
            "/o=ExchangeLabs/ou=Exchange/cn=Recipients/cn=zoe",
        ] {
            assert!(!is_plausible_email(bad), "{bad}");
        }
    }

    #[test]
    fn linkedin_urls() {
        assert_eq!(
            linkedin_url("www.linkedin.com/in/zoe").as_deref(),
            Some("https://www.linkedin.com/in/zoe")
        );
        assert_eq!(
            linkedin_url("https://nl.linkedin.com/in/zoe").as_deref(),
            Some("https://nl.linkedin.com/in/zoe")
        );
        assert_eq!(linkedin_url("https://linkedin.com/"), None);
        assert_eq!(linkedin_url("https://notlinkedin.com/in/zoe"), None);
        assert_eq!(linkedin_url("https://example.org/linkedin.com/in/x"), None);
    }

    #[test]
    fn mostly_utf8_stays_utf8() {
        let bytes = "Zoë;Müller;Jörg\n\u{e9}".as_bytes();
        let mut bytes = bytes.to_vec();
        bytes.push(0xE9);
        let decoded = decode(&bytes);
        assert_eq!(decoded.encoding, "UTF-8");
        assert!(decoded.text.ends_with(REPLACEMENT));
    }
}

/// Maps byte offsets to 1-based line numbers. The offsets `csv` reports
/// can point at the terminator before a record, and its own line count is
/// off after CRLF and blank lines, so lines are counted here, treating
/// CRLF, LF and lone CR (old Mac Excel) alike.
pub(super) struct LineIndex<'a> {
    text: &'a [u8],
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> LineIndex<'a> {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        for (i, &b) in bytes.iter().enumerate() {
            let ends_line = b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n'));
            if ends_line {
                starts.push(i + 1);
            }
        }
        LineIndex { text: bytes, starts }
    }

    /// The line of the first character at or after `offset` that is not a
    /// line terminator.
    pub fn line_of(&self, offset: u64) -> usize {
        let mut at = usize::try_from(offset).unwrap_or(usize::MAX).min(self.text.len());
        while matches!(self.text.get(at), Some(b'\r' | b'\n')) {
            at += 1;
        }
        self.starts.partition_point(|&start| start <= at)
    }
}

#[cfg(test)]
mod lines {
    use super::LineIndex;

    #[test]
    fn counts_all_line_endings() {
        let text = "a\r\nb\n\nc\rd";
        let index = LineIndex::new(text);
        assert_eq!(index.line_of(0), 1);
        assert_eq!(index.line_of(1), 2); // at "\r\n" before "b"
        assert_eq!(index.line_of(3), 2);
        assert_eq!(index.line_of(5), 4); // blank line skipped to "c"
        assert_eq!(index.line_of(8), 5);
    }
}
