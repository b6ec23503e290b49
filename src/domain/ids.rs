//! Typed identifiers. Discord snowflakes are converted to these at the adapter edge; the
//! database stores them as `bigint`.

use std::fmt;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(pub i64);

        impl $name {
            /// Converts a Discord snowflake. Snowflakes stay below 2^63 until the 2080s, so a
            /// larger value can only be forged input.
            pub fn from_snowflake(raw: u64) -> Option<Self> {
                i64::try_from(raw).ok().map(Self)
            }

            pub fn snowflake(self) -> u64 {
                self.0.unsigned_abs()
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

id_type!(
    /// One organisation's server: every row belongs to exactly one.
    GuildId
);
id_type!(
    /// A colleague.
    MemberId
);
id_type!(ChannelId);
id_type!(RoleId);
id_type!(RelationId);
id_type!(ContactId);
id_type!(CommitmentId);

/// The short per-guild reference of a commitment that people type and buttons carry: `P-42`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CommitmentRef(pub i32);

impl CommitmentRef {
    /// Reads `P-42`, `p42`, `#42` or `42`.
    pub fn parse(input: &str) -> Option<Self> {
        let trimmed = input.trim();
        let digits = trimmed
            .strip_prefix(['P', 'p'])
            .map(|rest| rest.strip_prefix('-').unwrap_or(rest))
            .or_else(|| trimmed.strip_prefix('#'))
            .unwrap_or(trimmed);
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        digits.parse().ok().filter(|n| *n > 0).map(Self)
    }
}

impl fmt::Display for CommitmentRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "P-{}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commitment_refs_are_read_in_the_forms_people_type() {
        for (input, expected) in [
            ("P-42", Some(42)),
            ("p42", Some(42)),
            (" #7 ", Some(7)),
            ("12", Some(12)),
            ("P-", None),
            ("P-0", None),
            ("P-4x", None),
            ("P--4", None),
            ("99999999999", None),
            ("", None),
        ] {
            assert_eq!(CommitmentRef::parse(input).map(|r| r.0), expected, "{input:?}");
        }
    }

    #[test]
    fn commitment_refs_display_with_their_prefix() {
        assert_eq!(CommitmentRef(42).to_string(), "P-42");
    }

    #[test]
    fn snowflakes_beyond_i64_are_refused() {
        assert_eq!(MemberId::from_snowflake(u64::MAX), None);
        assert_eq!(MemberId::from_snowflake(42).map(MemberId::snowflake), Some(42));
    }
}
