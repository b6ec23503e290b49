//! What the scheduler hands an adapter to post, and how a post can fail. Each adapter
//! (Discord, console) implements `Notifier`.

use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use crate::core::Action;
use crate::domain::{GuildId, Lang, MemberId, RoleId, SubjectRef};
use crate::render::Surface;
use crate::store::deliveries::Target;

/// One message to post.
#[derive(Clone, Debug)]
pub struct Outgoing {
    /// The guild it is about: buttons in a direct message carry it, as a DM has none.
    pub guild: GuildId,
    pub target: Target,
    /// Discord deduplicates posts with the same nonce: a retry after a crash cannot post
    /// twice.
    pub nonce: String,
    pub text: String,
    pub actions: Vec<Action>,
    pub lang: Lang,
    /// Who this message may notify: the owners it is about, and the escalation role.
    pub notify_users: Vec<MemberId>,
    pub notify_roles: Vec<RoleId>,
    /// The nudges it is, in the order shown; none for a digest.
    pub nudges: Vec<Shown>,
}

/// One nudge as a message shows it: its identity and whether it calls in the escalation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shown {
    pub reference: SubjectRef,
    pub series: i32,
    /// 0 for the heads-up, then 1, 2, … after the due time; for a reminder before an
    /// appointment, the minutes before its start.
    pub number: u32,
    pub escalated: bool,
    /// For a reminder before an appointment: the participant it is for.
    pub participant: Option<MemberId>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SendError {
    /// Too fast: try again after this long.
    RateLimited(Duration),
    /// A passing failure (5xx, network): try again later.
    Transient(String),
    /// The target is gone or closed to baton (deleted channel, no access): send elsewhere.
    Gone(String),
    /// Refused for good (the message itself is wrong): do not retry.
    Refused(String),
}

impl std::fmt::Display for SendError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SendError::RateLimited(wait) => write!(f, "rate limited for {wait:?}"),
            SendError::Transient(why) => write!(f, "transient failure: {why}"),
            SendError::Gone(why) => write!(f, "target gone: {why}"),
            SendError::Refused(why) => write!(f, "refused: {why}"),
        }
    }
}

pub type Sending<'a> = Pin<Box<dyn Future<Output = Result<u64, SendError>> + Send + 'a>>;

pub trait Notifier: Send + Sync {
    /// How this adapter shows moments, members and emphasis.
    fn surface(&self) -> &dyn Surface;

    /// Posts the message; returns its message id.
    fn send<'a>(&'a self, message: &'a Outgoing) -> Sending<'a>;
}
