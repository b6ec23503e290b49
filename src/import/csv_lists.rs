//! Reading the records of a CSV once its header is known.

use csv::StringRecord;

use super::detect::{Header, Layout};
use super::row::Draft;
use super::text::{fold_key, linkedin_url, reader, LineIndex};
use super::{FileError, Reason, Rejected, Row, Target, MAX_ROWS};

/// Column indexes feeding each field, in order of preference.
#[derive(Debug, Default)]
struct Columns {
    full_name: Vec<usize>,
    first: Vec<usize>,
    middle: Vec<usize>,
    last: Vec<usize>,
    emails: Vec<usize>,
    phones: Vec<usize>,
    linkedin: Vec<usize>,
    /// Web page columns: used only when they hold a LinkedIn profile,
    /// without a warning otherwise, since any site may be there.
    web_pages: Vec<usize>,
    organisation: Vec<usize>,
    role: Vec<usize>,
    tags: Vec<usize>,
}

/// Outlook's phone columns, English and Dutch, in the order they are
/// preferred: work first, then mobile, then home; the switchboard last.
const OUTLOOK_PHONES: [&str; 16] = [
    "businessphone",
    "telefoonopwerk",
    "businessphone2",
    "telefoonopwerk2",
    "mobilephone",
    "mobieletelefoon",
    "homephone",
    "telefoonthuis",
    "homephone2",
    "telefoonthuis2",
    "primaryphone",
    "hoofdtelefoon",
    "otherphone",
    "anderetelefoon",
    "companymainphone",
    "hoofdtelefoonbedrijf",
];

impl Columns {
    fn new(header: &Header) -> Columns {
        let keys: Vec<String> = header.fields.iter().map(|f| fold_key(f)).collect();
        let find = |names: &[&str]| -> Vec<usize> {
            names
                .iter()
                .flat_map(|name| {
                    keys.iter()
                        .enumerate()
                        .filter(move |(_, k)| k == name)
                        .map(|(i, _)| i)
                })
                .collect()
        };
        match &header.layout {
            Layout::LinkedIn => Columns {
                first: find(&["firstname"]),
                last: find(&["lastname"]),
                linkedin: find(&["url"]),
                emails: find(&["emailaddress"]),
                organisation: find(&["company"]),
                role: find(&["position"]),
                ..Columns::default()
            },
            Layout::Outlook => Columns {
                first: find(&["firstname", "voornaam"]),
                // Dutch sheets that borrow Outlook's names keep "de", "van der"
                // in a tussenvoegsel column; without it "Jan de Vries" would
                // silently become "Jan Vries".
                middle: find(&["middlename", "middelstenaam", "tussenvoegsel", "tussenvoegsels"]),
                last: find(&["lastname", "achternaam"]),
                emails: find(&[
                    "emailaddress",
                    "emailadres",
                    "email2address",
                    "emailadres2",
                    "email3address",
                    "emailadres3",
                ]),
                phones: find(&OUTLOOK_PHONES),
                web_pages: find(&["webpage", "webpagina", "persoonlijkewebsite"]),
                organisation: find(&["company", "bedrijf", "organisatie"]),
                role: find(&["jobtitle", "functie"]),
                tags: find(&["categories", "categorieen"]),
                ..Columns::default()
            },
            Layout::Mapped(mapping) => {
                let mut columns = Columns::default();
                for (name, target) in mapping.pairs() {
                    let found = find(&[fold_key(name).as_str()]);
                    let list = match target {
                        Target::Name => &mut columns.full_name,
                        Target::FirstName => &mut columns.first,
                        Target::MiddleName => &mut columns.middle,
                        Target::LastName => &mut columns.last,
                        Target::Email => &mut columns.emails,
                        Target::Phone => &mut columns.phones,
                        Target::Linkedin => &mut columns.linkedin,
                        Target::Organisation => &mut columns.organisation,
                        Target::Role => &mut columns.role,
                        Target::Tags => &mut columns.tags,
                    };
                    list.extend(found);
                }
                columns
            }
        }
    }

    fn draft(&self, line: usize, record: &StringRecord) -> Draft {
        let values = |cols: &[usize]| -> Vec<String> {
            cols.iter()
                .filter_map(|&i| record.get(i))
                .map(str::to_owned)
                .collect()
        };
        let first_of = |cols: &[usize]| {
            values(cols)
                .into_iter()
                .find(|v| !v.trim().is_empty())
                .unwrap_or_default()
        };
        let mut linkedin = values(&self.linkedin);
        linkedin.extend(
            values(&self.web_pages)
                .into_iter()
                .filter(|v| linkedin_url(v.trim()).is_some()),
        );
        Draft {
            line,
            full_name: first_of(&self.full_name),
            name_parts: vec![
                first_of(&self.first),
                first_of(&self.middle),
                first_of(&self.last),
            ],
            emails: values(&self.emails),
            phones: values(&self.phones),
            linkedin,
            organisation: values(&self.organisation),
            role: values(&self.role),
            tags: values(&self.tags),
        }
    }
}

fn is_blank(record: &StringRecord) -> bool {
    record.iter().all(|f| f.trim().is_empty())
}

/// Whether a record has the header's shape. Empty fields at the end are
/// allowed to differ: spreadsheets add or drop trailing separators, and
/// no value is lost either way.
fn fits(record: &StringRecord, header: &[String]) -> bool {
    let named = header.iter().rposition(|f| !f.is_empty()).map_or(0, |i| i + 1);
    let len = record.len();
    let tail_blank = record.iter().skip(header.len()).all(|f| f.trim().is_empty());
    len >= named && (len <= header.len() || tail_blank)
}

/// Reads every data record after the header.
pub(super) fn read_records(text: &str, header: &Header) -> Result<(Vec<Row>, Vec<Rejected>), FileError> {
    let lines = LineIndex::new(text);
    let mut records = Vec::new();
    let mut unreadable = Vec::new();
    let mut count = 0usize;
    for result in reader(text, header.separator).into_records() {
        match result {
            Ok(record) => {
                let byte = record.position().map_or(0, |p| p.byte());
                if byte <= header.offset || is_blank(&record) {
                    continue;
                }
                count += 1;
                if count <= MAX_ROWS {
                    records.push((lines.line_of(byte), record));
                }
            }
            Err(err) => {
                count += 1;
                let line = err.position().map_or(1, |p| lines.line_of(p.byte()));
                unreadable.push(Rejected {
                    line,
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

    let columns = Columns::new(header);
    let mut rows = Vec::with_capacity(records.len());
    let mut rejected = unreadable;
    for (line, record) in records {
        if !fits(&record, &header.fields) {
            rejected.push(Rejected {
                line,
                reason: Reason::WrongColumnCount {
                    expected: header.fields.len(),
                    found: record.len(),
                },
            });
            continue;
        }
        match columns.draft(line, &record).finish() {
            Ok(row) => rows.push(row),
            Err(reject) => rejected.push(reject),
        }
    }
    rejected.sort_by_key(|r| r.line);
    Ok((rows, rejected))
}
