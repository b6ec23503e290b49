//! What can go wrong in a command: the person's input (shown to them, in their language),
//! the database being away (they are asked to retry), or a bug (logged with an id that the
//! person sees, so the two can be matched).

use chrono::{DateTime, Utc};

use crate::domain::appointment::{self, Outcome};
use crate::domain::commitment::CommitmentStatus;
use crate::domain::handover::{Answer, HandoverStatus};
use crate::domain::profile::DetailError;
use crate::domain::relation::RelationKind;
use crate::domain::text::TextError;
use crate::domain::{AppointmentRef, CommitmentRef, HandoverRef, MemberId};

/// The `Display` texts are for logs; people see the catalog's words (see `render`).
#[derive(Debug, thiserror::Error)]
pub enum CommandError {
    #[error("refused: {0:?}")]
    User(UserError),
    #[error("database unavailable")]
    Unavailable,
    #[error("internal error {id}")]
    Internal { id: String },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UserError {
    Text {
        option: &'static str,
        problem: TextError,
    },
    DateUnreadable {
        option: &'static str,
        input: String,
    },
    NoSuchDate {
        option: &'static str,
        input: String,
    },
    /// A date more than ten years from now.
    DateTooFar {
        option: &'static str,
        input: String,
    },
    DueInPast {
        option: &'static str,
        input: String,
        at: DateTime<Utc>,
    },
    WhenInFuture {
        option: &'static str,
        input: String,
        at: DateTime<Utc>,
    },
    /// A follow-up detail was given without the follow-up itself.
    NeedsFollowUp {
        option: &'static str,
    },
    UnknownRelation {
        name: String,
        suggestions: Vec<String>,
    },
    OutOfRange {
        option: &'static str,
        min: i64,
        max: i64,
        input: String,
    },
    SpanUnreadable {
        option: &'static str,
        input: String,
    },
    /// A span longer than ten years.
    SpanTooLong {
        option: &'static str,
        input: String,
    },
    NotAReference {
        option: &'static str,
        input: String,
    },
    /// No commitment with that reference in this guild.
    NoSuchPromise {
        reference: CommitmentRef,
    },
    NotOpen {
        reference: CommitmentRef,
        status: CommitmentStatus,
    },
    /// Only the owner, whoever made it, or an admin may change a commitment.
    NotYours {
        reference: CommitmentRef,
        owner: MemberId,
        /// For surfaces that name people rather than mention them.
        owner_name: Option<String>,
    },
    SameDue {
        reference: CommitmentRef,
        at: DateTime<Utc>,
    },
    /// `told` for a commitment whose date never changed: there is no new date to tell.
    NotMoved {
        reference: CommitmentRef,
    },
    /// `told` twice for the same new date.
    AlreadyTold {
        reference: CommitmentRef,
        relation: String,
    },
    AdminOnly,
    /// The person named is not in this server.
    NotAMember {
        member: MemberId,
        name: String,
    },
    /// A promise named in a handover belongs to another relation.
    PromiseOfOtherRelation {
        reference: CommitmentRef,
        relation: String,
    },
    HandoverToSelf,
    HandoverToBot,
    /// The chat service could not be asked something the command needs.
    ChatUnreachable,
    /// Only admins hand over everything a colleague holds.
    HandoverAllAdminOnly,
    /// Only admins set or end someone else's absence.
    AwayAdminOnly,
    BackupIsBot,
    OwnBackup,
    AwayEndsBeforeStart {
        input: String,
    },
    AwayTooLong,
    AlreadyAway {
        member: super::MemberRef,
        starts_at: DateTime<Utc>,
        ends_at: DateTime<Utc>,
    },
    BackupAway {
        backup: super::MemberRef,
        starts_at: DateTime<Utc>,
        ends_at: DateTime<Utc>,
    },
    NotAway {
        member: super::MemberRef,
    },
    /// A colleague typed by name that baton does not know, or knows more than one of.
    UnknownColleague {
        typed: String,
        matches: usize,
    },
    /// The promise already travels in a pending handover.
    AlreadyHandedOver {
        promise: CommitmentRef,
        handover: HandoverRef,
    },
    NoSuchHandover {
        reference: HandoverRef,
    },
    /// A Details button whose reminder has nothing left open to show.
    NothingToDetail,
    /// A Details button pressed by someone the post is not about.
    DetailsNotYours,
    /// A second answer: it was already accepted, declined or withdrawn.
    HandoverSettled {
        reference: HandoverRef,
        status: HandoverStatus,
        by: Option<MemberId>,
        /// For surfaces that name people rather than mention them.
        names: Vec<(MemberId, String)>,
    },
    /// Only the recipient answers, only the sender withdraws (or their backups, or admins).
    HandoverNotYours {
        reference: HandoverRef,
        answer: Answer,
        to: MemberId,
        from: MemberId,
        names: Vec<(MemberId, String)>,
    },
    /// A setting that could not be read; `example` shows the form that works.
    BadSetting {
        option: &'static str,
        input: String,
        example: &'static str,
    },
    /// An appointment's colleague is a bot.
    WithIsBot,
    /// A way of contact typed in a form that is none of the known ones.
    ViaUnknown {
        input: String,
    },
    DurationUnreadable {
        input: String,
    },
    DurationTooLong {
        input: String,
    },
    StartsInPast {
        option: &'static str,
        input: String,
        at: DateTime<Utc>,
    },
    EndsBeforeStart {
        input: String,
    },
    /// A day without a time of day, where a start is needed.
    NeedsTime {
        option: &'static str,
        input: String,
    },
    NoSuchAppointment {
        reference: AppointmentRef,
    },
    AppointmentRefused {
        reference: AppointmentRef,
        refusal: appointment::Refusal,
        starts_at: DateTime<Utc>,
        owner: MemberId,
        owner_name: Option<String>,
        /// Who settled it, when it was settled.
        by: Option<MemberId>,
    },
    NeedsNewDate {
        reference: AppointmentRef,
        outcome: Outcome,
    },
    NeedsReason {
        reference: AppointmentRef,
        outcome: Outcome,
    },
    NewDateNotNeeded {
        reference: AppointmentRef,
    },
    /// Refused by the address book.
    Relation(RelationError),
    /// An import refused, or its undo.
    Import(super::import::ImportError),
    Export(super::export::ExportError),
}

/// What `/relation` and the relation options refuse.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RelationError {
    /// A new name close to existing ones: perhaps one of those was meant. `new_relation`
    /// creates it anyway.
    NearDuplicate {
        option: &'static str,
        name: String,
        existing: Vec<String>,
    },
    /// `/relation add` of a name that is already a relation.
    RelationExists {
        name: String,
    },
    /// A person's organisation that is not a relation yet.
    UnknownOrganisation {
        name: String,
    },
    /// A relation used as an organisation, or as a person, that is the other kind.
    WrongKind {
        option: &'static str,
        name: String,
        kind: RelationKind,
    },
    /// A person named as their own organisation.
    OwnOrganisation {
        name: String,
    },
    /// `organisation` or `role` given for an organisation, or `role` without a place.
    OnlyForPersons {
        option: &'static str,
    },
    NeedsOrganisation {
        option: &'static str,
    },
    /// The person already works at that organisation.
    AlreadyThere {
        person: String,
        organisation: String,
    },
    Detail {
        option: &'static str,
        input: String,
        problem: DetailError,
    },
    /// `/relation merge` of a relation with itself.
    MergeSame {
        name: String,
    },
    /// A merge across kinds, without `confirm`.
    MergeKinds {
        keep: String,
        keep_kind: RelationKind,
        remove: String,
        remove_kind: RelationKind,
    },
    /// The new name is already another relation's.
    NameTaken {
        name: String,
    },
    /// The new name is one a merge left behind: it leads to the relation it was merged into.
    NameOfMerged {
        name: String,
    },
    /// A change of kind while people or places depend on the current one.
    KindInUse {
        name: String,
        kind: RelationKind,
    },
    /// A bot as a relation's account owner.
    OwnerIsBot,
    /// `/relation edit` with nothing to change.
    NothingToEdit,
    /// A search with nothing to look for.
    SearchEmpty,
    /// A search of only words nearly every text holds ("de het", "the of"), and no name
    /// matched it.
    SearchCommonWords,
    /// `/relation forget` by someone who is not an admin.
    ForgetAdminOnly,
    /// An organisation named to forget: only people have personal data to erase.
    ForgetOrganisation {
        name: String,
    },
    /// A person erased already.
    AlreadyForgotten {
        name: String,
        at: chrono::DateTime<chrono::Utc>,
    },
}

impl From<RelationError> for UserError {
    fn from(err: RelationError) -> Self {
        UserError::Relation(err)
    }
}

impl From<RelationError> for CommandError {
    fn from(err: RelationError) -> Self {
        CommandError::User(UserError::Relation(err))
    }
}

impl From<UserError> for CommandError {
    fn from(err: UserError) -> Self {
        CommandError::User(err)
    }
}

impl From<sqlx::Error> for CommandError {
    fn from(err: sqlx::Error) -> Self {
        if crate::store::is_unavailable(&err) {
            crate::store::health::failed();
            tracing::warn!(error = %err, "database unavailable");
            return CommandError::Unavailable;
        }
        CommandError::internal(&err)
    }
}

impl CommandError {
    /// Logs an unexpected failure with its cause chain and returns the error the person
    /// sees: a short id to quote, nothing of the cause.
    pub fn internal(err: &(dyn std::error::Error + 'static)) -> Self {
        let id = error_id();
        let mut chain = err.to_string();
        let mut source = err.source();
        while let Some(cause) = source {
            chain.push_str(": ");
            chain.push_str(&cause.to_string());
            source = cause.source();
        }
        tracing::error!(error_id = %id, error = %chain, "command failed");
        CommandError::Internal { id }
    }
}

/// Eight hex digits, unique enough to find one log line among a day's.
fn error_id() -> String {
    use std::collections::hash_map::RandomState;
    use std::hash::{BuildHasher, Hash, Hasher};
    use std::sync::atomic::{AtomicU64, Ordering};

    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let mut hasher = RandomState::new().build_hasher();
    COUNTER.fetch_add(1, Ordering::Relaxed).hash(&mut hasher);
    std::time::SystemTime::now().hash(&mut hasher);
    format!("{:08x}", hasher.finish() as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_ids_are_short_and_differ() {
        let a = error_id();
        let b = error_id();
        assert_eq!(a.len(), 8);
        assert_ne!(a, b);
    }

    #[test]
    fn a_refused_connection_counts_as_unavailable() {
        let err = sqlx::Error::Io(std::io::Error::from(std::io::ErrorKind::ConnectionRefused));
        assert!(matches!(CommandError::from(err), CommandError::Unavailable));
    }

    #[test]
    fn a_bad_query_is_internal() {
        let err = sqlx::Error::ColumnNotFound("nope".into());
        assert!(matches!(CommandError::from(err), CommandError::Internal { .. }));
    }
}
