//! The pure heart of baton: plain data types and rules. No serenity, no sqlx, no clock
//! reads, no I/O: whatever needs "now" takes it as an argument.

pub mod affiliation;
pub mod appointment;
pub mod away;
pub mod commitment;
pub mod contact;
pub mod dates;
pub mod handover;
pub mod ids;
pub mod import;
pub mod lang;
pub mod profile;
pub mod relation;
pub mod schedule;
pub mod text;

pub use ids::*;
pub use lang::Lang;

/// Declares an enum stored and exchanged as a fixed lowercase word ("phone", "we_owe").
macro_rules! word_enum {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident = $word:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum $name {
            $($(#[$vdoc])* $variant),+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $word),+
                }
            }

            pub fn parse(word: &str) -> Option<Self> {
                match word {
                    $($word => Some($name::$variant),)+
                    _ => None,
                }
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let word = <String as serde::Deserialize>::deserialize(deserializer)?;
                Self::parse(&word).ok_or_else(|| serde::de::Error::custom(format!("unknown word {word:?}")))
            }
        }
    };
}
pub(crate) use word_enum;
