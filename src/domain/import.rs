//! What an import does with each row it read: a new relation, details added to one that
//! exists, a duplicate, or a row refused, decided against the relations that exist and the
//! rows before it in the same file. Pure: the caller looks the candidates up.

use serde::{Deserialize, Serialize};

use super::relation::RelationKind;
use super::RelationId;

/// A row as it will be imported: validated details, names already folded into keys.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Incoming {
    /// The row's line (or card) in the file.
    pub line: usize,
    pub kind: RelationKind,
    pub name: String,
    pub key: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub linkedin: Option<String>,
    /// For a person: where they work, by name and key.
    pub organisation: Option<(String, String)>,
    pub role: Option<String>,
    pub tags: Vec<String>,
}

/// An existing relation, as far as matching needs it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Existing {
    pub id: RelationId,
    pub name: String,
    pub key: String,
    pub kind: Option<RelationKind>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub linkedin: Option<String>,
    pub tags: Vec<String>,
    /// Whether the person has a current place anywhere.
    pub placed: bool,
}

/// The blanks a row fills in a relation that exists: details it lacked, tags it did not
/// have, and a first current place.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Fill {
    pub email: Option<String>,
    pub phone: Option<String>,
    pub linkedin: Option<String>,
    pub tags: Vec<String>,
    pub place: bool,
}

impl Fill {
    pub fn is_empty(&self) -> bool {
        self.email.is_none()
            && self.phone.is_none()
            && self.linkedin.is_none()
            && self.tags.is_empty()
            && !self.place
    }
}

/// Why a row that was read cannot be imported.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Conflict {
    /// Its name is an existing relation of the other kind.
    OtherKind { name: String, kind: RelationKind },
    /// Its organisation is the name of a person.
    OrganisationIsPerson { name: String },
    /// A person given as their own organisation.
    OwnOrganisation,
}

/// What becomes of one row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    New,
    /// An existing relation (matched by email, LinkedIn or name) gets what it lacked.
    Update {
        id: RelationId,
        fill: Fill,
    },
    /// Nothing new: it exists already, or an earlier row of the file is the same.
    Duplicate {
        id: Option<RelationId>,
    },
    Refused(Conflict),
}

/// Looks up what exists: by email, by LinkedIn URL, by name key; and an organisation by
/// its key.
pub trait Lookup {
    fn by_email(&self, email: &str) -> Option<&Existing>;
    fn by_linkedin(&self, url: &str) -> Option<&Existing>;
    fn by_key(&self, key: &str) -> Option<&Existing>;
}

/// Decides every row in file order. A row matching an earlier row of the file (same email,
/// LinkedIn URL or name) is a duplicate of it.
pub fn plan(rows: &[Incoming], existing: &dyn Lookup) -> Vec<Verdict> {
    let mut seen_keys = std::collections::HashSet::new();
    let mut seen_emails = std::collections::HashSet::new();
    let mut seen_linkedin = std::collections::HashSet::new();
    let mut verdicts = Vec::with_capacity(rows.len());
    for row in rows {
        let again = seen_keys.contains(&row.key)
            || row
                .email
                .as_ref()
                .is_some_and(|e| seen_emails.contains(&e.to_lowercase()))
            || row
                .linkedin
                .as_ref()
                .is_some_and(|l| seen_linkedin.contains(&l.to_lowercase()));
        let verdict = if again {
            Verdict::Duplicate {
                id: matched(row, existing).map(|e| e.id),
            }
        } else {
            decide(row, existing)
        };
        if !matches!(verdict, Verdict::Refused(_)) {
            seen_keys.insert(row.key.clone());
            seen_emails.extend(row.email.as_ref().map(|e| e.to_lowercase()));
            seen_linkedin.extend(row.linkedin.as_ref().map(|l| l.to_lowercase()));
        }
        verdicts.push(verdict);
    }
    verdicts
}

fn matched<'a>(row: &Incoming, existing: &'a dyn Lookup) -> Option<&'a Existing> {
    row.email
        .as_deref()
        .and_then(|e| existing.by_email(e))
        .or_else(|| row.linkedin.as_deref().and_then(|l| existing.by_linkedin(l)))
        .or_else(|| existing.by_key(&row.key))
}

fn decide(row: &Incoming, existing: &dyn Lookup) -> Verdict {
    if let Some((_, org_key)) = &row.organisation {
        if *org_key == row.key {
            return Verdict::Refused(Conflict::OwnOrganisation);
        }
        if let Some(org) = existing.by_key(org_key) {
            if org.kind == Some(RelationKind::Person) {
                return Verdict::Refused(Conflict::OrganisationIsPerson {
                    name: org.name.clone(),
                });
            }
        }
    }
    let Some(found) = matched(row, existing) else {
        return Verdict::New;
    };
    if let Some(kind) = found.kind.filter(|k| *k != row.kind) {
        return Verdict::Refused(Conflict::OtherKind {
            name: found.name.clone(),
            kind,
        });
    }
    let blank = |have: &Option<String>, new: &Option<String>| if have.is_none() { new.clone() } else { None };
    let folded: Vec<String> = found.tags.iter().map(|t| super::relation::fold(t)).collect();
    let fill = Fill {
        email: blank(&found.email, &row.email),
        phone: blank(&found.phone, &row.phone),
        linkedin: blank(&found.linkedin, &row.linkedin),
        tags: row
            .tags
            .iter()
            .filter(|t| !folded.contains(&super::relation::fold(t)))
            .cloned()
            .collect(),
        place: row.kind == RelationKind::Person && row.organisation.is_some() && !found.placed,
    };
    if fill.is_empty() {
        Verdict::Duplicate { id: Some(found.id) }
    } else {
        Verdict::Update { id: found.id, fill }
    }
}

/// How many rows of each verdict.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    pub new: usize,
    pub updated: usize,
    pub duplicate: usize,
    /// Refused here, and refused when the file was read.
    pub rejected: usize,
    /// Of those, refused when the file was read: they are not planned again.
    #[serde(default)]
    pub unreadable: usize,
    /// Organisations that persons' rows name and that do not exist yet.
    pub organisations: usize,
}

impl Counts {
    pub fn of(verdicts: &[Verdict], unreadable: usize, new_organisations: usize) -> Counts {
        let mut counts = Counts {
            rejected: unreadable,
            unreadable,
            organisations: new_organisations,
            ..Counts::default()
        };
        for verdict in verdicts {
            match verdict {
                Verdict::New => counts.new += 1,
                Verdict::Update { .. } => counts.updated += 1,
                Verdict::Duplicate { .. } => counts.duplicate += 1,
                Verdict::Refused(_) => counts.rejected += 1,
            }
        }
        counts
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    #[derive(Default)]
    struct Book(Vec<Existing>);

    impl Lookup for Book {
        fn by_email(&self, email: &str) -> Option<&Existing> {
            self.0
                .iter()
                .find(|e| e.email.as_deref().is_some_and(|x| x.eq_ignore_ascii_case(email)))
        }
        fn by_linkedin(&self, url: &str) -> Option<&Existing> {
            self.0
                .iter()
                .find(|e| e.linkedin.as_deref().is_some_and(|x| x.eq_ignore_ascii_case(url)))
        }
        fn by_key(&self, key: &str) -> Option<&Existing> {
            self.0.iter().find(|e| e.key == key)
        }
    }

    fn person(line: usize, name: &str, email: Option<&str>, org: Option<&str>) -> Incoming {
        Incoming {
            line,
            kind: RelationKind::Person,
            name: name.into(),
            key: super::super::relation::fold(name),
            email: email.map(Into::into),
            phone: None,
            linkedin: None,
            organisation: org.map(|o| (o.to_string(), super::super::relation::fold(o))),
            role: None,
            tags: Vec::new(),
        }
    }

    fn existing(id: i64, name: &str, kind: Option<RelationKind>, email: Option<&str>) -> Existing {
        Existing {
            id: RelationId(id),
            name: name.into(),
            key: super::super::relation::fold(name),
            kind,
            email: email.map(Into::into),
            phone: None,
            linkedin: None,
            tags: vec!["zorg".into()],
            placed: false,
        }
    }

    #[test]
    fn rows_are_new_filled_in_duplicate_or_refused() {
        let book = Book(vec![
            existing(1, "Jan de Vries", Some(RelationKind::Person), Some("jan@ggd.nl")),
            existing(2, "Zoë Bakker", None, None),
            existing(3, "Gemeente Utrecht", Some(RelationKind::Organisation), None),
            existing(4, "Piet Smit", Some(RelationKind::Person), Some("piet@smit.nl")),
        ]);
        let mut renamed = person(5, "J. de Vries", Some("JAN@ggd.nl"), None);
        renamed.tags = vec!["Zorg".into()];
        let rows = [
            person(2, "Anna Jansen", Some("anna@zeist.nl"), Some("Gemeente Zeist")),
            person(3, "zoe bakker", Some("zoe@ggd.nl"), Some("GGD Utrecht")),
            person(4, "Gemeente Utrecht", None, None),
            renamed,
            person(6, "Anna  Jansen", None, None),
            person(7, "Kees Klaassen", Some("anna@zeist.nl"), None),
            person(8, "Piet Smit", None, Some("Piet Smit")),
            person(9, "Mia Mol", None, Some("Jan de Vries")),
        ];
        let verdicts = plan(&rows, &book);
        assert_eq!(verdicts[0], Verdict::New);
        assert_eq!(
            verdicts[1],
            Verdict::Update {
                id: RelationId(2),
                fill: Fill {
                    email: Some("zoe@ggd.nl".into()),
                    place: true,
                    ..Fill::default()
                }
            }
        );
        assert_eq!(
            verdicts[2],
            Verdict::Refused(Conflict::OtherKind {
                name: "Gemeente Utrecht".into(),
                kind: RelationKind::Organisation
            })
        );
        assert_eq!(
            verdicts[3],
            Verdict::Duplicate {
                id: Some(RelationId(1))
            },
            "matched by email, whatever the case, and its tag is there already"
        );
        assert_eq!(
            verdicts[4],
            Verdict::Duplicate { id: None },
            "the same as row 2 of the file"
        );
        assert_eq!(verdicts[5], Verdict::Duplicate { id: None }, "row 2's email");
        assert_eq!(verdicts[6], Verdict::Refused(Conflict::OwnOrganisation));
        assert_eq!(
            verdicts[7],
            Verdict::Refused(Conflict::OrganisationIsPerson {
                name: "Jan de Vries".into()
            })
        );
        let counts = Counts::of(&verdicts, 2, 1);
        assert_eq!(
            (
                counts.new,
                counts.updated,
                counts.duplicate,
                counts.rejected,
                counts.organisations
            ),
            (1, 1, 3, 5, 1)
        );
    }

    #[test]
    fn importing_what_was_imported_finds_only_duplicates() {
        let rows: Vec<Incoming> = (0..50)
            .map(|i| {
                person(
                    i + 2,
                    &format!("Persoon {i}"),
                    Some(&format!("p{i}@x.nl")),
                    Some("Org"),
                )
            })
            .collect();
        let mut book = Book::default();
        for (i, row) in rows.iter().enumerate() {
            let mut e = existing(
                i as i64 + 10,
                &row.name,
                Some(RelationKind::Person),
                row.email.as_deref(),
            );
            e.tags.clear();
            e.placed = true;
            book.0.push(e);
        }
        let verdicts = plan(&rows, &book);
        let kinds: HashMap<bool, usize> = verdicts.iter().fold(HashMap::new(), |mut m, v| {
            *m.entry(matches!(v, Verdict::Duplicate { .. })).or_default() += 1;
            m
        });
        assert_eq!(kinds.get(&true), Some(&50));
    }
}
