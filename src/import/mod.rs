//! Reading contact lists that people export from LinkedIn, Outlook, Excel or
//! their phone (vCard), so that the address book can import them.
//!
//! The input is an uploaded file of unknown origin, so everything is decided
//! from the bytes: the file is refused as a whole only when it cannot be a
//! contact list at all ([`FileError`]). Problems with single contacts never
//! fail the file: a contact that cannot be used becomes a [`Rejected`] entry
//! with its line number, and a contact that can be used but lost a bad value
//! (an e-mail address without a domain, say) keeps a warning in
//! [`Row::warnings`], so the person importing can be told exactly what to fix.
//!
//! Messages ([`Reason`], [`FileError`], [`MapError`]) are short English
//! sentences via `Display`; callers that translate should match on the enums.

mod csv_lists;
mod detect;
mod mapping;
mod row;
mod text;
mod vcard;

#[cfg(test)]
mod tests;

use std::fmt;

pub use mapping::{MapError, Mapping, Target};

/// Larger uploads are refused unread: even a big organisation's address
/// book stays far below this, and it bounds the work done per upload.
pub const MAX_BYTES: usize = 10 * 1024 * 1024;

/// More contacts than this are refused rather than half-imported.
pub const MAX_ROWS: usize = 50_000;

/// Where a file came from, as far as its contents tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// `Connections.csv` from LinkedIn's "Get a copy of your data".
    LinkedIn,
    /// Outlook's "Export to a file › Comma Separated Values", English or Dutch.
    Outlook,
    /// Any CSV, read through the column map the user gave.
    Mapped,
    /// A `.vcf` file (2.1, 3.0 or 4.0) from a phone, Google or Outlook.
    VCard,
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Format::LinkedIn => "LinkedIn Connections.csv",
            Format::Outlook => "Outlook contacts (CSV)",
            Format::Mapped => "CSV with your column map",
            Format::VCard => "vCard 3.0/4.0",
        })
    }
}

/// Whether a row names a person or only an organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Person,
    /// No person's name but an organisation: kept, because a list of
    /// municipalities or care providers is a normal thing to import.
    /// [`Row::name`] then holds the organisation's name as well.
    Organisation,
}

/// One usable contact. All text is trimmed, with inner whitespace
/// collapsed to single spaces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// 1-based line where the record starts (CSV), or card number (vCard).
    pub line: usize,
    pub kind: Kind,
    /// "First Middle Last", or the organisation for [`Kind::Organisation`].
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub linkedin: Option<String>,
    pub organisation: Option<String>,
    pub role: Option<String>,
    pub tags: Vec<String>,
    /// Values that were present but unusable and so were left out.
    pub warnings: Vec<Reason>,
}

/// A contact field, as named in [`Reason`]s.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Name,
    Email,
    Phone,
    Linkedin,
    Organisation,
    Role,
    Tag,
}

impl Field {
    /// Longest value accepted, in characters; longer ones mean a column
    /// mix-up or a runaway quote rather than a real name.
    pub const fn max_chars(self) -> usize {
        match self {
            Field::Name | Field::Organisation | Field::Role => 100,
            Field::Email => 254,
            Field::Phone => 40,
            Field::Linkedin => 200,
            Field::Tag => 50,
        }
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Field::Name => "name",
            Field::Email => "e-mail address",
            Field::Phone => "phone number",
            Field::Linkedin => "LinkedIn URL",
            Field::Organisation => "organisation",
            Field::Role => "role",
            Field::Tag => "category",
        })
    }
}

/// Why a contact was rejected, or why a value was left out of a row.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Reason {
    #[error("no name and no organisation")]
    NoName,
    #[error("{field} is longer than {max} characters")]
    TooLong { field: Field, max: usize },
    #[error("expected {expected} columns, found {found}")]
    WrongColumnCount { expected: usize, found: usize },
    /// Bytes that are neither UTF-8 nor decodable, in a field that is used.
    #[error("{field} contains characters that could not be read")]
    BadEncoding { field: Field },
    /// A CSV record or vCard the parser could not make sense of.
    #[error("this contact could not be read")]
    Unreadable,
    #[error("not a usable e-mail address, left out: {0}")]
    BadEmail(String),
    #[error("not a usable phone number, left out: {0}")]
    BadPhone(String),
    #[error("not a LinkedIn profile URL, left out: {0}")]
    BadLinkedin(String),
}

/// A contact that could not be imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejected {
    /// Same numbering as [`Row::line`].
    pub line: usize,
    pub reason: Reason,
}

/// The outcome of reading one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Read {
    pub format: Format,
    /// "UTF-8", "Windows-1252", "UTF-16LE" or "UTF-16BE".
    pub encoding: &'static str,
    /// The CSV separator; `None` for vCards.
    pub separator: Option<char>,
    pub rows: Vec<Row>,
    pub rejected: Vec<Rejected>,
}

/// What a binary upload turned out to be, so the refusal can say what to
/// upload instead.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BinaryKind {
    /// .xlsx, .ods or old .xls.
    Spreadsheet,
    Image,
    Pdf,
    /// A ZIP that is not a spreadsheet; LinkedIn's data export is one.
    Archive,
    Other,
}

/// Why a whole file was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FileError {
    #[error("the file is empty")]
    Empty,
    #[error("the file is {bytes} bytes; at most {max} bytes can be imported")]
    TooLarge { bytes: usize, max: usize },
    #[error("the file has more than {max} contacts; split it into smaller files")]
    TooManyRows { rows: usize, max: usize },
    #[error("{}", binary_message(*.0))]
    Binary(BinaryKind),
    #[error(
        "no header line found; expected LinkedIn's (First Name, Last Name, URL, Email Address, \
         Company, Position), Outlook's (First Name, Last Name, E-mail Address, … or Voornaam, \
         Achternaam, E-mailadres, …), or a vCard"
    )]
    NoHeader,
    #[error(
        "the columns are not from LinkedIn or Outlook; give a column map such as \
         \"Naam=name,Bedrijf=organisation\"; the columns are: {}",
        .headers.join(", ")
    )]
    NeedsMapping { headers: Vec<String> },
    #[error(transparent)]
    BadMapping(#[from] MapError),
}

fn binary_message(kind: BinaryKind) -> &'static str {
    match kind {
        BinaryKind::Spreadsheet => {
            "this is a spreadsheet workbook, not a CSV file; open it, save it as \
             \"CSV UTF-8 (comma delimited)\" and import that file"
        }
        BinaryKind::Image => "this is an image, not a contact list",
        BinaryKind::Pdf => "this is a PDF; export the contacts as CSV or vCard instead",
        BinaryKind::Archive => {
            "this is a ZIP archive; unpack it and import the CSV or vCard file inside \
             (for LinkedIn: Connections.csv)"
        }
        BinaryKind::Other => "this is not a text file",
    }
}

/// Reads a contact list.
///
/// `file_name` only sharpens the message for binary uploads; the contents
/// decide the format. A `mapping` makes any CSV [`Format::Mapped`], even
/// one from LinkedIn or Outlook; it is ignored for vCards.
///
/// # Errors
///
/// A [`FileError`] when the file as a whole cannot be imported; problems
/// with single contacts are reported in [`Read::rejected`] instead.
pub fn read(bytes: &[u8], file_name: Option<&str>, mapping: Option<&Mapping>) -> Result<Read, FileError> {
    if bytes.len() > MAX_BYTES {
        return Err(FileError::TooLarge {
            bytes: bytes.len(),
            max: MAX_BYTES,
        });
    }
    if let Some(kind) = text::sniff_binary(bytes, file_name) {
        return Err(FileError::Binary(kind));
    }
    let decoded = text::decode(bytes);
    if text::is_blank(&decoded.text) {
        return Err(FileError::Empty);
    }
    if text::looks_binary(&decoded.text) {
        return Err(FileError::Binary(BinaryKind::Other));
    }

    if detect::is_vcard(&decoded.text) {
        let (rows, rejected) = vcard::read_cards(&decoded.text)?;
        return Ok(Read {
            format: Format::VCard,
            encoding: decoded.encoding,
            separator: None,
            rows,
            rejected,
        });
    }

    let header = detect::find_header(&decoded.text, mapping)?;
    let (rows, rejected) = csv_lists::read_records(&decoded.text, &header)?;
    Ok(Read {
        format: header.format(),
        encoding: decoded.encoding,
        separator: Some(char::from(header.separator)),
        rows,
        rejected,
    })
}
