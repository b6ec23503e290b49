//! The command core: one function per command, chat-agnostic. Each takes typed input (already
//! read from Discord or the console), the acting member and the guild; validates; runs one
//! transaction; and returns a `Reply` saying what happened. Adapters only render it.

pub mod appointment;
pub mod away;
pub mod contact;
pub mod details;
mod env;
mod error;
pub mod export;
pub mod handover;
pub mod import;
pub mod input;
pub mod listing;
pub mod promise;
pub mod relation;
pub mod settings;
pub mod spec;
pub mod suggest;

pub use env::{member_name, names_with, Env, GuildSettings};
pub use error::{CommandError, RelationError, UserError};

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use crate::domain::appointment::Outcome;
use crate::domain::{
    AppointmentRef, ChannelId, CommitmentRef, GuildId, HandoverRef, Lang, MemberId, RelationId, RoleId,
};
use crate::store::commitments::Filter;

/// Who is acting, as the adapter knows them.
#[derive(Clone, Debug)]
pub struct Actor {
    pub id: MemberId,
    pub name: String,
    /// May act on anyone's items, and read restricted notes unless the server gives that
    /// to a role.
    pub admin: bool,
    /// The member's roles in the server, as far as the adapter knows them.
    pub roles: Vec<RoleId>,
}

impl Actor {
    /// Whether this member reads a restricted note written by `author`: its author always,
    /// others as [`Actor::reads_all_restricted`] says.
    pub fn reads_restricted(&self, author: MemberId, settings: &GuildSettings) -> bool {
        author == self.id || self.reads_all_restricted(settings)
    }

    /// Whether this member reads every restricted note, whoever wrote it: members with the
    /// server's restricted role, or, when none is set, its admins.
    pub fn reads_all_restricted(&self, settings: &GuildSettings) -> bool {
        match settings.restricted_role {
            Some(role) => self.roles.contains(&role),
            None => self.admin,
        }
    }
}

/// A colleague named in a command option (the follow-up owner).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MemberRef {
    pub id: MemberId,
    pub name: String,
}

/// Where and by whom a command was given.
#[derive(Clone, Debug)]
pub struct Request {
    pub guild: GuildId,
    pub channel: Option<ChannelId>,
    pub actor: Actor,
    /// The person's own language, when the adapter knows it and baton speaks it.
    pub lang: Option<Lang>,
}

/// Who may see a reply.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Visibility {
    /// The whole channel: sharing what happened with a relation is the point.
    Channel,
    /// Only the person who asked.
    Private,
}

/// What a command did, for an adapter to render.
#[derive(Clone, Debug)]
pub struct Reply {
    pub body: Body,
    pub visibility: Visibility,
    /// Members this reply deliberately notifies (the colleague handed the ball). Nothing
    /// typed by people ever notifies anyone.
    pub notify: Vec<MemberId>,
    pub frame: Frame,
    /// Display names of the members the body mentions, for surfaces without mentions.
    pub names: HashMap<MemberId, String>,
    /// What the person can do next.
    pub actions: Vec<Action>,
    /// Files that come with it (an appointment's calendar file).
    pub attachments: Vec<appointment::Attachment>,
}

/// Something a person can do next, offered with a reply or a reminder. Adapters show them
/// as buttons (Discord) or as commands to type (console).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    Done(CommitmentRef),
    NewDate(CommitmentRef),
    /// Record that the relation was told about a moved date.
    Told(CommitmentRef),
    /// Hand a promise over to a colleague (a form asks to whom).
    HandOver(CommitmentRef),
    /// Take over a pending handover.
    Accept(HandoverRef),
    /// Decline a pending handover, with a reason.
    Decline(HandoverRef),
    /// Say what happened to an appointment (Missed and Moved ask for the new date).
    Outcome(AppointmentRef, Outcome),
    /// Log a contact with this relation (a form asks what was discussed).
    LogContact(RelationId, String),
    /// Show the relation's history.
    History(RelationId, String),
    /// Another page of a list.
    Page(ListQuery, u32),
    /// Write the previewed import.
    ImportConfirm(i64),
    /// Drop the previewed import.
    ImportCancel(i64),
    /// Erase a person for good (after the preview of what goes).
    Forget(RelationId, String),
    /// Show privately what a minimal channel post left out.
    Details(Detail),
}

/// What a Details button is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Detail {
    /// A reminder or digest baton posted: its delivery.
    Delivery(i64),
    /// A handover, whose card was posted in the channel.
    Handover(HandoverRef),
}

/// What a commitment list shows: the filters of `/promise list`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ListQuery {
    pub filter: Filter,
    pub owner: Option<MemberId>,
    pub relation: Option<RelationId>,
}

/// The language, zone and moment a reply is rendered in.
#[derive(Clone, Copy, Debug)]
pub struct Frame {
    pub lang: Lang,
    pub zone: Tz,
    pub now: DateTime<Utc>,
}

#[derive(Clone, Debug)]
pub enum Body {
    ContactLogged(contact::ContactLogged),
    History(contact::History),
    PromiseAdded(promise::PromiseAdded),
    PromiseClosed(promise::PromiseClosed),
    PromiseMoved(promise::PromiseMoved),
    Told(promise::Told),
    List(listing::List),
    Ball(listing::Ball),
    Settings(settings::SettingsShown),
    Digest(settings::DigestChoice),
    HandoverGiven(handover::HandoverCard),
    HandoverAnswered(handover::HandoverAnswered),
    HandoverList(handover::HandoverList),
    HandedOverAll(handover::HandedOverAll),
    MemberLeft(handover::MemberLeft),
    AwaySet(away::AwaySet),
    AwayEnded(away::AwayEnded),
    AwayList(away::AwayList),
    AppointmentAdded(Box<appointment::AppointmentAdded>),
    AppointmentList(appointment::AppointmentList),
    AppointmentSettled(Box<appointment::AppointmentSettled>),
    RelationCard(Box<relation::RelationCard>),
    RelationMoved(relation::RelationMoved),
    RelationsMerged(relation::RelationsMerged),
    RelationWho(relation::RelationWho),
    RelationSearch(relation::RelationSearch),
    ImportPreview(import::ImportPreview),
    ImportDone(import::ImportDone),
    ImportSettled(import::ImportSettled),
    Exported(export::Exported),
    Forgetting(relation::Forgetting),
    Details(details::Details),
}

impl Reply {
    /// A reply with nothing to notify and nothing to offer.
    pub fn new(body: Body, visibility: Visibility, frame: Frame) -> Reply {
        Reply {
            body,
            visibility,
            notify: Vec::new(),
            frame,
            names: HashMap::new(),
            actions: Vec::new(),
            attachments: Vec::new(),
        }
    }
}
