//! The column map a user gives for a CSV that is not from LinkedIn or
//! Outlook, written as one line of text because it is typed into a chat.

use std::fmt;
use std::str::FromStr;

use super::text::fold_key;

/// A contact field a CSV column can be mapped to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Target {
    Name,
    FirstName,
    /// Dutch lists keep the "tussenvoegsel" (de, van der) in its own column.
    MiddleName,
    LastName,
    Email,
    Phone,
    Linkedin,
    Organisation,
    Role,
    Tags,
}

impl Target {
    pub const ALL: [Target; 10] = [
        Target::Name,
        Target::FirstName,
        Target::MiddleName,
        Target::LastName,
        Target::Email,
        Target::Phone,
        Target::Linkedin,
        Target::Organisation,
        Target::Role,
        Target::Tags,
    ];

    /// The name used in map text.
    pub const fn as_str(self) -> &'static str {
        match self {
            Target::Name => "name",
            Target::FirstName => "first_name",
            Target::MiddleName => "middle_name",
            Target::LastName => "last_name",
            Target::Email => "email",
            Target::Phone => "phone",
            Target::Linkedin => "linkedin",
            Target::Organisation => "organisation",
            Target::Role => "role",
            Target::Tags => "tags",
        }
    }

    /// Forgiving about case and "first name" vs "first_name", and accepts
    /// the American spelling, since people type this by hand.
    fn from_text(text: &str) -> Option<Target> {
        let key: String = text
            .trim()
            .chars()
            .map(|c| match c {
                ' ' | '-' => '_',
                c => c.to_ascii_lowercase(),
            })
            .collect();
        if key == "organization" {
            return Some(Target::Organisation);
        }
        Target::ALL.into_iter().find(|t| t.as_str() == key)
    }
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

fn valid_targets() -> String {
    Target::ALL.map(Target::as_str).join(", ")
}

/// Why a column map could not be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MapError {
    #[error("the column map is empty; write it as Header=target, e.g. \"Naam=name,Bedrijf=organisation\"")]
    Empty,
    #[error("\"{pair}\" is not Header=target; write it as e.g. \"Naam=name\"")]
    NotAPair { pair: String },
    #[error(
        "unknown target \"{target}\" for column \"{header}\"; valid targets: {}",
        valid_targets()
    )]
    UnknownTarget { header: String, target: String },
    #[error("column \"{header}\" appears twice in the column map")]
    DuplicateHeader { header: String },
    #[error("the column map has no name: map a column to name, first_name, last_name or organisation")]
    NoName,
    #[error("column \"{header}\" is not in the file; its columns are: {}", .available.join(", "))]
    UnknownHeader { header: String, available: Vec<String> },
}

/// Which CSV column feeds which field, e.g. parsed from
/// `"Naam=name,Bedrijf=organisation,Functie=role"`.
///
/// Several columns may feed one target: for `email` and `phone` the first
/// usable value wins (in map order), for `tags` all are combined, for the
/// others the first non-empty value wins.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mapping {
    pairs: Vec<(String, Target)>,
}

impl Mapping {
    /// Parses `Header=target` pairs separated by commas, semicolons or
    /// newlines. Header names cannot contain those characters or `=`.
    ///
    /// # Errors
    ///
    /// A [`MapError`] naming the pair that is wrong; whether the headers
    /// exist is only known once a file is read.
    pub fn parse(text: &str) -> Result<Mapping, MapError> {
        let mut pairs: Vec<(String, Target)> = Vec::new();
        for pair in text
            .split([',', ';', '\n'])
            .map(str::trim)
            .filter(|p| !p.is_empty())
        {
            let (header, target) = pair
                .split_once('=')
                .map(|(h, t)| (h.trim(), t.trim()))
                .filter(|(h, _)| !fold_key(h).is_empty())
                .ok_or_else(|| MapError::NotAPair {
                    pair: pair.to_owned(),
                })?;
            let target = Target::from_text(target).ok_or_else(|| MapError::UnknownTarget {
                header: header.to_owned(),
                target: target.to_owned(),
            })?;
            if pairs.iter().any(|(h, _)| fold_key(h) == fold_key(header)) {
                return Err(MapError::DuplicateHeader {
                    header: header.to_owned(),
                });
            }
            pairs.push((header.to_owned(), target));
        }
        if pairs.is_empty() {
            return Err(MapError::Empty);
        }
        let names = [
            Target::Name,
            Target::FirstName,
            Target::MiddleName,
            Target::LastName,
            Target::Organisation,
        ];
        if !pairs.iter().any(|(_, t)| names.contains(t)) {
            return Err(MapError::NoName);
        }
        Ok(Mapping { pairs })
    }

    /// The pairs in the order given, headers as the user wrote them.
    pub fn pairs(&self) -> impl Iterator<Item = (&str, Target)> + '_ {
        self.pairs.iter().map(|(h, t)| (h.as_str(), *t))
    }
}

impl FromStr for Mapping {
    type Err = MapError;

    fn from_str(text: &str) -> Result<Mapping, MapError> {
        Mapping::parse(text)
    }
}

#[cfg(test)]
mod unit {
    use super::*;

    #[test]
    fn parses_pairs_forgivingly() {
        let map = Mapping::parse(" Naam = name ; Bedrijf=Organization,\nE-mail=EMAIL ,Voornaam=first name")
            .unwrap();
        let pairs: Vec<_> = map.pairs().collect();
        assert_eq!(
            pairs,
            [
                ("Naam", Target::Name),
                ("Bedrijf", Target::Organisation),
                ("E-mail", Target::Email),
                ("Voornaam", Target::FirstName),
            ]
        );
    }

    #[test]
    fn rejects_bad_maps() {
        assert_eq!(Mapping::parse(" , "), Err(MapError::Empty));
        assert_eq!(
            Mapping::parse("Naam"),
            Err(MapError::NotAPair { pair: "Naam".into() })
        );
        assert_eq!(
            Mapping::parse("=name"),
            Err(MapError::NotAPair { pair: "=name".into() })
        );
        assert_eq!(
            Mapping::parse("Naam=name,naam=role"),
            Err(MapError::DuplicateHeader {
                header: "naam".into()
            })
        );
        assert_eq!(Mapping::parse("Functie=role"), Err(MapError::NoName));
    }
}
