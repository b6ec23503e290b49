//! Relations: the external organisations and persons a team deals with, their names as
//! keys that ignore case, accents and spacing, and when a new name is close enough to an
//! existing one to offer that one instead.

use std::collections::HashSet;

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

use super::text::{self, TextError};

pub const NAME_MAX: usize = 100;

super::word_enum!(
    RelationKind {
        Organisation = "organisation",
        Person = "person",
    }
);

/// A relation's name as shown, with the key that makes "gemeente  utrecht", "Gemeente
/// Utrecht" and "Zoë" / "Zoe" the same relation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RelationName {
    shown: String,
    key: String,
}

impl RelationName {
    pub fn parse(input: &str) -> Result<Self, TextError> {
        let cleaned = text::clean(input, NAME_MAX, false)?;
        let shown = cleaned.split_whitespace().collect::<Vec<_>>().join(" ");
        let key = fold(&shown);
        Ok(Self { shown, key })
    }

    pub fn as_str(&self) -> &str {
        &self.shown
    }

    pub fn key(&self) -> &str {
        &self.key
    }
}

/// The lookup key of a (partly) typed name: lower-cased, accents folded, whitespace
/// collapsed. It agrees with the database's `baton_fold` for the letters names are made of,
/// so a key computed here finds rows keyed there.
pub fn fold(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    let mut space = false;
    for ch in input.nfkd() {
        if is_combining_mark(ch) {
            continue;
        }
        if ch.is_whitespace() || ch.is_control() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        match ch {
            'ß' => out.push_str("ss"),
            'æ' | 'Æ' => out.push_str("ae"),
            'œ' | 'Œ' => out.push_str("oe"),
            'ø' | 'Ø' => out.push('o'),
            'ł' | 'Ł' => out.push('l'),
            'đ' | 'Đ' => out.push('d'),
            'þ' | 'Þ' => out.push_str("th"),
            'ı' => out.push('i'),
            '‘' | '’' | '‚' | '′' => out.push('\''),
            '“' | '”' | '„' | '″' => out.push('"'),
            '–' | '—' => out.push('-'),
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// The lookup key of a partly typed name, for autocomplete and search.
pub fn search_key(partial: &str) -> String {
    fold(partial)
}

/// How alike two keys are, as PostgreSQL's `pg_trgm` measures it: the share of three-letter
/// pieces of their words the two have in common (0 to 1). Word order does not matter.
pub fn similarity(a: &str, b: &str) -> f32 {
    let (a, b) = (trigrams(a), trigrams(b));
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let shared = a.intersection(&b).count();
    let all = a.len() + b.len() - shared;
    shared as f32 / all as f32
}

/// Words padded as `pg_trgm` pads them: two spaces before, one after.
fn trigrams(key: &str) -> HashSet<[char; 3]> {
    let mut set = HashSet::new();
    for word in key
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        let padded: Vec<char> = "  ".chars().chain(word.chars()).chain(" ".chars()).collect();
        for piece in padded.windows(3) {
            set.insert([piece[0], piece[1], piece[2]]);
        }
    }
    set
}

/// From this similarity on, a new name is offered the existing one: "Gemeente Den Hag" for
/// "Gemeente Den Haag", "Jansen" for "Janssen". Below it names that merely share words
/// ("Gemeente Utrecht" and "Gemeente Zeist", "Zorggroep De Linde" and "Zorggroep De Eik")
/// are different relations.
pub const NEAR_DUPLICATE: f32 = 0.6;

/// Whether a name being created is probably the existing one, mistyped or ordered
/// differently. The existing key never equals the new one: equal keys are the same relation.
pub fn near_duplicate(new_key: &str, existing_key: &str) -> bool {
    new_key != existing_key && similarity(new_key, existing_key) >= NEAR_DUPLICATE
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_differing_in_case_spacing_and_accents_share_a_key() {
        let a = RelationName::parse("Gemeente  Den Haag").unwrap();
        let b = RelationName::parse(" gemeente den haag ").unwrap();
        assert_eq!(a.key(), b.key());
        assert_eq!(a.as_str(), "Gemeente Den Haag");

        for (typed, key) in [
            ("Zoë", "zoe"),
            ("ZOË", "zoe"),
            ("Anaïs Müller", "anais muller"),
            ("Straße 1", "strasse 1"),
            ("Ærø Œuvre", "aero oeuvre"),
            ("Café\u{0301}", "cafe"),
            ("Łódź", "lodz"),
            ("’s-Hertogenbosch", "'s-hertogenbosch"),
            ("Zorg\u{00a0}en\u{2003}Welzijn", "zorg en welzijn"),
            ("Ｆｕｌｌ", "full"),
            ("a\u{0}b", "a b"),
        ] {
            assert_eq!(RelationName::parse(typed).unwrap().key(), key, "{typed}");
        }
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
    fn similarity_follows_pg_trgm() {
        // pg_trgm: similarity('word', 'two words') = 0.36363637
        assert!((similarity("word", "two words") - 0.363_636_37).abs() < 1e-6);
        assert_eq!(similarity("gemeente utrecht", "utrecht gemeente"), 1.0);
        assert_eq!(similarity("", "x"), 0.0);
        assert_eq!(similarity("a", "a"), 1.0);
    }

    #[test]
    fn mistyped_and_reordered_names_are_near_duplicates() {
        for (new, existing) in [
            ("gemeente den hag", "gemeente den haag"),
            ("gemeente den haag", "gemeente den haag bv"),
            ("janssen", "jansen"),
            ("den haag gemeente", "gemeente den haag"),
            ("ggd hollands-midden", "ggd hollands midden"),
            ("zorggroep de linden", "zorggroep de linde"),
        ] {
            assert!(
                near_duplicate(new, existing),
                "{new} ~ {existing}: {}",
                similarity(new, existing)
            );
        }
    }

    #[test]
    fn names_sharing_only_a_word_are_different_relations() {
        for (new, existing) in [
            ("gemeente utrecht", "gemeente zeist"),
            ("gemeente utrecht", "gemeente utrechtse heuvelrug"),
            ("jan de vries", "jan de wit"),
            ("ggd utrecht", "ggd amsterdam"),
            ("ab", "abc"),
            ("zorggroep de linde", "zorggroep de eik"),
            ("piet de boer", "piet de vries"),
        ] {
            assert!(
                !near_duplicate(new, existing),
                "{new} ~ {existing}: {}",
                similarity(new, existing)
            );
        }
        assert!(!near_duplicate("zoe", "zoe"));
    }

    #[test]
    fn relation_kinds_round_trip_through_their_words() {
        for kind in RelationKind::ALL {
            assert_eq!(RelationKind::parse(kind.as_str()), Some(*kind));
        }
    }
}
