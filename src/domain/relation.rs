//! Relations: the external organisations and persons a team deals with.

use super::text::{self, TextError};

pub const NAME_MAX: usize = 100;

super::word_enum!(
    RelationKind {
        Organisation = "organisation",
        Person = "person",
    }
);

/// A relation's name as shown, with the key that makes "gemeente  utrecht" and
/// "Gemeente Utrecht" the same relation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RelationName {
    shown: String,
    key: String,
}

impl RelationName {
    pub fn parse(input: &str) -> Result<Self, TextError> {
        let cleaned = text::clean(input, NAME_MAX, false)?;
        let shown = cleaned.split_whitespace().collect::<Vec<_>>().join(" ");
        let key = shown.to_lowercase();
        Ok(Self { shown, key })
    }

    pub fn as_str(&self) -> &str {
        &self.shown
    }

    pub fn key(&self) -> &str {
        &self.key
    }
}

/// The lookup key of a partly typed name, for autocomplete.
pub fn search_key(partial: &str) -> String {
    partial
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_differing_in_case_and_spacing_share_a_key() {
        let a = RelationName::parse("Gemeente  Utrecht").unwrap();
        let b = RelationName::parse(" gemeente utrecht ").unwrap();

        assert_eq!(a.key(), b.key());
        assert_eq!(a.as_str(), "Gemeente Utrecht");
    }

    #[test]
    fn empty_and_overlong_names_are_refused() {
        assert_eq!(RelationName::parse("  "), Err(TextError::Empty));
        assert!(matches!(
            RelationName::parse(&"x".repeat(NAME_MAX + 1)),
            Err(TextError::TooLong { .. })
        ));
    }

    #[test]
    fn relation_kinds_round_trip_through_their_words() {
        for kind in RelationKind::ALL {
            assert_eq!(RelationKind::parse(kind.as_str()), Some(*kind));
        }
    }
}
