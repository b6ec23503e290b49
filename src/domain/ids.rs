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

id_type!(HandoverId);
id_type!(AppointmentId);
id_type!(
    /// One colleague's attendance of one appointment: the subject of their reminders.
    ParticipantId
);

macro_rules! ref_type {
    ($(#[$doc:meta])* $name:ident, $upper:literal, $lower:literal) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(pub i32);

        impl $name {
            /// Reads the reference with or without its letter and dash, or after `#`.
            pub fn parse(input: &str) -> Option<Self> {
                read_reference(input, [$upper, $lower]).map(Self)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}-{}", $upper, self.0)
            }
        }
    };
}

ref_type!(
    /// The short per-guild reference of a commitment that people type and buttons carry:
    /// `P-42` (also read: `p42`, `#42`, `42`).
    CommitmentRef,
    'P',
    'p'
);
ref_type!(
    /// The short per-guild reference of a handover: `H-3` (also `h3`, `#3`, `3`).
    HandoverRef,
    'H',
    'h'
);

ref_type!(
    /// The short per-guild reference of an appointment: `A-5` (also `a5`, `#5`, `5`).
    AppointmentRef,
    'A',
    'a'
);

fn read_reference(input: &str, letters: [char; 2]) -> Option<i32> {
    let trimmed = input.trim();
    let digits = trimmed
        .strip_prefix(letters)
        .map(|rest| rest.strip_prefix('-').unwrap_or(rest))
        .or_else(|| trimmed.strip_prefix('#'))
        .unwrap_or(trimmed);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok().filter(|n| *n > 0)
}

/// What a nudge is about: its subject's kind and id. Every kind shares one identity
/// scheme (subject, series, number) and one delivery engine.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Subject {
    Commitment(CommitmentId),
    Handover(HandoverId),
    /// The question whether an appointment was kept.
    Appointment(AppointmentId),
    /// One participant's reminders before an appointment.
    Participant(ParticipantId),
    /// Keeping in touch with a relation that has a cadence.
    Relation(RelationId),
}

impl Subject {
    /// The kind as stored in `nudges.subject_kind`.
    pub fn kind(self) -> &'static str {
        match self {
            Subject::Commitment(_) => "commitment",
            Subject::Handover(_) => "handover",
            Subject::Appointment(_) => "appointment",
            Subject::Participant(_) => "participant",
            Subject::Relation(_) => "relation",
        }
    }

    pub fn id(self) -> i64 {
        match self {
            Subject::Commitment(id) => id.0,
            Subject::Handover(id) => id.0,
            Subject::Appointment(id) => id.0,
            Subject::Participant(id) => id.0,
            Subject::Relation(id) => id.0,
        }
    }

    /// Reads a stored kind and id back.
    pub fn from_stored(kind: &str, id: i64) -> Option<Subject> {
        match kind {
            "commitment" => Some(Subject::Commitment(CommitmentId(id))),
            "handover" => Some(Subject::Handover(HandoverId(id))),
            "appointment" => Some(Subject::Appointment(AppointmentId(id))),
            "participant" => Some(Subject::Participant(ParticipantId(id))),
            "relation" => Some(Subject::Relation(RelationId(id))),
            _ => None,
        }
    }
}

/// The reference people see for a subject: `P-4` or `H-2`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SubjectRef {
    Promise(CommitmentRef),
    Handover(HandoverRef),
    Appointment(AppointmentRef),
    /// A relation to keep in touch with: it has no reference of its own, only its id.
    Relation(RelationId),
}

impl fmt::Display for SubjectRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SubjectRef::Promise(r) => r.fmt(f),
            SubjectRef::Handover(r) => r.fmt(f),
            SubjectRef::Appointment(r) => r.fmt(f),
            SubjectRef::Relation(id) => write!(f, "#{}", id.0),
        }
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
        assert_eq!(HandoverRef(3).to_string(), "H-3");
    }

    #[test]
    fn handover_refs_take_their_own_letter_only() {
        assert_eq!(HandoverRef::parse("H-3"), Some(HandoverRef(3)));
        assert_eq!(HandoverRef::parse("h3"), Some(HandoverRef(3)));
        assert_eq!(HandoverRef::parse("#3"), Some(HandoverRef(3)));
        assert_eq!(HandoverRef::parse("P-3"), None);
        assert_eq!(CommitmentRef::parse("H-3"), None);
    }

    #[test]
    fn subjects_read_back_as_stored() {
        for subject in [
            Subject::Commitment(CommitmentId(4)),
            Subject::Handover(HandoverId(9)),
            Subject::Appointment(AppointmentId(3)),
            Subject::Participant(ParticipantId(5)),
        ] {
            assert_eq!(Subject::from_stored(subject.kind(), subject.id()), Some(subject));
        }
        assert_eq!(Subject::from_stored("meeting", 1), None);
    }

    #[test]
    fn snowflakes_beyond_i64_are_refused() {
        assert_eq!(MemberId::from_snowflake(u64::MAX), None);
        assert_eq!(MemberId::from_snowflake(42).map(MemberId::snowflake), Some(42));
    }
}
