//! `/promise add`, `done`, `move` and `cancel`, and recording that a relation was told about
//! a moved date.

use chrono::{DateTime, Duration, Utc};
use serde_json::json;

use super::input::{present, read_due, read_optional_text, read_reference, read_span, read_text, Typed};
use super::{
    Action, Actor, Body, CommandError, Env, Frame, GuildSettings, MemberRef, Reply, Request, UserError,
    Visibility,
};
use crate::domain::commitment::{self, Certainty, CommitmentKind, CommitmentStatus, Direction};
use crate::domain::contact::{self, Via};
use crate::domain::schedule::NudgeState;
use crate::domain::{CommitmentRef, MemberId};
use crate::i18n::{self, Msg};
use crate::store::commitments::{CommitmentRow, NewCommitment};
use crate::store::contacts::NewContact;
use crate::store::events::NewEvent;
use crate::store::{self, Conn};

/// Longest note, reason or dependency.
pub const NOTE_MAX: usize = 200;

/// A commitment as replies show it.
#[derive(Clone, Debug)]
pub struct PromiseView {
    pub reference: CommitmentRef,
    pub relation: String,
    pub kind: CommitmentKind,
    pub direction: Direction,
    pub certainty: Certainty,
    pub what: String,
    pub depends_on: Option<String>,
    pub owner: MemberId,
    pub due_at: DateTime<Utc>,
    pub status: CommitmentStatus,
    pub overdue: bool,
}

impl PromiseView {
    pub fn of(row: &CommitmentRow, now: DateTime<Utc>) -> PromiseView {
        PromiseView {
            reference: row.reference,
            relation: row.relation_name.clone(),
            kind: row.kind,
            direction: row.direction,
            certainty: row.certainty,
            what: row.what.clone(),
            depends_on: row.depends_on.clone(),
            owner: row.owner,
            due_at: row.due_at,
            status: row.status,
            overdue: commitment::is_overdue(row.status, row.due_at, now),
        }
    }
}

#[derive(Clone, Debug, Default)]
pub struct AddPromise {
    pub relation: String,
    pub what: String,
    pub due: String,
    pub owner: Option<MemberRef>,
    pub direction: Option<Direction>,
    pub certainty: Option<Certainty>,
    pub depends_on: Option<String>,
    pub remind_before: Option<String>,
    /// Create the relation even when its name looks like an existing one.
    pub new_relation: bool,
}

#[derive(Clone, Debug)]
pub struct PromiseAdded {
    pub promise: PromiseView,
    pub relation_created: bool,
    pub due_phrase: Typed,
    /// When the heads-up goes out, if one was asked for.
    pub heads_up_at: Option<DateTime<Utc>>,
}

#[tracing::instrument(skip_all, fields(command = "promise add", guild = %req.guild, actor = %req.actor.id))]
pub async fn add(env: &Env, req: &Request, input: AddPromise) -> Result<Reply, CommandError> {
    let (frame, settings) = env.begin(req).await?;
    let name = super::relation::read_name(&input.relation)?;
    let what = read_text("what", &input.what, commitment::WHAT_MAX, false)?;
    let due = read_due("due", input.due.trim(), &frame)?;
    let due_at = due.at;
    let depends_on = read_optional_text("depends_on", &input.depends_on, NOTE_MAX)?;
    let remind_before = present(&input.remind_before)
        .map(|p| read_span("remind_before", p))
        .transpose()?;
    let owner = input.owner.clone().unwrap_or_else(|| actor_ref(&req.actor));
    env.note_members(req.guild, &[actor_ref(&req.actor), owner.clone()], frame.now)
        .await?;

    let rules = settings.rules();
    let nudge = NudgeState::fresh(due_at, remind_before);
    let next_nudge_at = rules.next_at(&nudge, frame.now);
    let direction = input.direction.unwrap_or(Direction::WeOwe);
    let certainty = input.certainty.unwrap_or(Certainty::Expected);
    let mut tx = env.pool.begin().await?;
    let (relation, relation_created) =
        super::relation::find_or_create(&mut tx, req, &name, input.new_relation, frame.now).await?;
    let new = NewCommitment {
        relation: relation.id,
        contact: None,
        kind: CommitmentKind::Promise,
        direction,
        certainty,
        what: &what,
        depends_on: depends_on.as_deref(),
        owner: owner.id,
        created_by: req.actor.id,
        channel: req.channel,
        due_at,
        remind_before,
        next_nudge_at,
        created_at: frame.now,
    };
    let (id, reference) = store::commitments::insert(&mut tx, req.guild, &new).await?;
    let event = NewEvent {
        action: "commitment.created",
        subject_kind: "commitment",
        subject_id: id.0,
        relation: Some(relation.id),
        detail: json!({
            "ref": reference.0,
            "kind": CommitmentKind::Promise.as_str(),
            "direction": direction.as_str(),
            "certainty": certainty.as_str(),
            "owner_id": owner.id.0,
            "due_at": due_at,
        }),
    };
    store::events::record(&mut tx, req.guild, frame.now, req.actor.id, &[event]).await?;
    tx.commit().await?;

    // A heads-up asked for further ahead than the due time goes out at once, not "a day ago".
    let heads_up_at = remind_before
        .map(|_| next_nudge_at.max(frame.now))
        .filter(|at| *at < due_at);
    let promise = PromiseView {
        reference,
        relation: relation.name,
        kind: CommitmentKind::Promise,
        direction,
        certainty,
        what,
        depends_on,
        owner: owner.id,
        due_at,
        status: CommitmentStatus::Open,
        overdue: false,
    };
    let mut reply = Reply::new(
        Body::PromiseAdded(PromiseAdded {
            promise,
            relation_created,
            due_phrase: due.typed,
            heads_up_at,
        }),
        Visibility::Channel,
        frame,
    );
    reply.names.insert(req.actor.id, req.actor.name.clone());
    reply.names.insert(owner.id, owner.name.clone());
    if owner.id != req.actor.id {
        reply.notify.push(owner.id);
    }
    Ok(reply)
}

fn actor_ref(actor: &Actor) -> MemberRef {
    MemberRef {
        id: actor.id,
        name: actor.name.clone(),
    }
}

#[derive(Clone, Debug)]
pub struct PromiseClosed {
    pub promise: PromiseView,
    pub by: MemberId,
    pub note: Option<String>,
}

/// Marks an open commitment done.
#[tracing::instrument(skip_all, fields(command = "promise done", guild = %req.guild, actor = %req.actor.id))]
pub async fn done(
    env: &Env,
    req: &Request,
    promise: &str,
    note: Option<String>,
) -> Result<Reply, CommandError> {
    close(env, req, promise, CommitmentStatus::Done, "note", note).await
}

/// Cancels an open commitment; a reason is required, so the history says why.
#[tracing::instrument(skip_all, fields(command = "promise cancel", guild = %req.guild, actor = %req.actor.id))]
pub async fn cancel(env: &Env, req: &Request, promise: &str, reason: &str) -> Result<Reply, CommandError> {
    let reason = read_text("reason", reason, NOTE_MAX, false)?;
    close(
        env,
        req,
        promise,
        CommitmentStatus::Cancelled,
        "reason",
        Some(reason),
    )
    .await
}

async fn close(
    env: &Env,
    req: &Request,
    promise: &str,
    status: CommitmentStatus,
    note_option: &'static str,
    note: Option<String>,
) -> Result<Reply, CommandError> {
    let (frame, _) = env.begin(req).await?;
    let reference = read_reference("promise", promise)?;
    let note = read_optional_text(note_option, &note, NOTE_MAX)?;
    let mut tx = env.pool.begin().await?;
    let row = open_and_allowed(&mut tx, req, reference, frame.now).await?;
    store::commitments::close(
        &mut tx,
        req.guild,
        row.id,
        status,
        req.actor.id,
        note.as_deref(),
        frame.now,
    )
    .await?;
    let action = match status {
        CommitmentStatus::Done => "commitment.done",
        _ => "commitment.cancelled",
    };
    let mut detail = json!({ "ref": reference.0 });
    detail[note_option] = json!(note);
    let event = NewEvent {
        action,
        subject_kind: "commitment",
        subject_id: row.id.0,
        relation: Some(row.relation),
        detail,
    };
    store::events::record(&mut tx, req.guild, frame.now, req.actor.id, &[event]).await?;
    let names = super::names_with(&mut tx, req.guild, &[row.owner]).await?;
    tx.commit().await?;

    let mut promise = PromiseView::of(&row, frame.now);
    promise.status = status;
    promise.overdue = false;
    let mut reply = Reply::new(
        Body::PromiseClosed(PromiseClosed {
            promise,
            by: req.actor.id,
            note,
        }),
        Visibility::Channel,
        frame,
    );
    reply.names = names;
    reply.names.insert(req.actor.id, req.actor.name.clone());
    Ok(reply)
}

/// The commitment, locked, if it is open and the actor may change it: its owner, whoever
/// made it, an admin, or the owner's backup while they are away.
async fn open_and_allowed(
    conn: &mut Conn,
    req: &Request,
    reference: CommitmentRef,
    now: DateTime<Utc>,
) -> Result<CommitmentRow, CommandError> {
    let row = store::commitments::lock_by_ref(conn, req.guild, reference)
        .await?
        .ok_or(UserError::NoSuchPromise { reference })?;
    if row.status != CommitmentStatus::Open {
        return Err(UserError::NotOpen {
            reference,
            status: row.status,
        }
        .into());
    }
    let allowed = commitment::may_change(req.actor.id, req.actor.admin, row.owner, row.created_by) || {
        let absences = store::away::at(conn, req.guild, now).await?;
        crate::domain::away::stands_in(req.actor.id, row.owner, &absences, now)
    };
    if !allowed {
        let owner_name = super::member_name(conn, req.guild, row.owner).await?;
        return Err(UserError::NotYours {
            reference,
            owner: row.owner,
            owner_name,
        }
        .into());
    }
    Ok(row)
}

#[derive(Clone, Debug)]
pub struct PromiseMoved {
    pub promise: PromiseView,
    pub from: DateTime<Utc>,
    pub due_phrase: Typed,
    pub reason: String,
    /// We promised them: have they been told?
    pub ask_told: bool,
}

/// Gives a commitment a new due time. Moving needs a new date and a reason: a promise that
/// slips is told, not silently stretched.
#[tracing::instrument(skip_all, fields(command = "promise move", guild = %req.guild, actor = %req.actor.id))]
pub async fn move_due(
    env: &Env,
    req: &Request,
    promise: &str,
    due: &str,
    reason: &str,
) -> Result<Reply, CommandError> {
    let (frame, settings) = env.begin(req).await?;
    let reference = read_reference("promise", promise)?;
    let read = read_due("due", due.trim(), &frame)?;
    let due_at = read.at;
    let reason = read_text("reason", reason, NOTE_MAX, false)?;
    let mut tx = env.pool.begin().await?;
    let row = open_and_allowed(&mut tx, req, reference, frame.now).await?;
    if row.due_at == due_at {
        return Err(UserError::SameDue {
            reference,
            at: due_at,
        }
        .into());
    }
    let fresh = NudgeState::fresh(due_at, row.nudge.remind_before);
    let next_nudge_at = settings.rules().next_at(&fresh, frame.now);
    let series = store::commitments::reschedule(&mut tx, req.guild, row.id, due_at, next_nudge_at).await?;
    let event = NewEvent {
        action: "commitment.moved",
        subject_kind: "commitment",
        subject_id: row.id.0,
        relation: Some(row.relation),
        detail: json!({
            "ref": reference.0,
            "from": row.due_at,
            "to": due_at,
            "reason": reason,
            "series": series,
        }),
    };
    store::events::record(&mut tx, req.guild, frame.now, req.actor.id, &[event]).await?;
    let names = super::names_with(&mut tx, req.guild, &[row.owner]).await?;
    tx.commit().await?;

    let ask_told = row.direction == Direction::WeOwe;
    let mut promise = PromiseView::of(&row, frame.now);
    promise.due_at = due_at;
    promise.overdue = false;
    let mut reply = Reply::new(
        Body::PromiseMoved(PromiseMoved {
            promise,
            from: row.due_at,
            due_phrase: read.typed,
            reason,
            ask_told,
        }),
        Visibility::Channel,
        frame,
    );
    reply.names = names;
    if ask_told {
        reply.actions.push(Action::Told(reference));
    }
    Ok(reply)
}

#[derive(Clone, Debug)]
pub struct Told {
    pub reference: CommitmentRef,
    pub relation: String,
    pub summary: String,
}

/// Records, as a contact with the relation, that they were told the new date of a moved
/// promise: one click instead of retyping it. The same people who may move it may say so,
/// once per new date.
#[tracing::instrument(skip_all, fields(command = "promise told", guild = %req.guild, actor = %req.actor.id))]
pub async fn told(env: &Env, req: &Request, promise: &str) -> Result<Reply, CommandError> {
    let (frame, settings) = env.begin(req).await?;
    let reference = read_reference("promise", promise)?;
    let mut tx = env.pool.begin().await?;
    let row = open_and_allowed(&mut tx, req, reference, frame.now).await?;
    if row.series == 1 {
        return Err(UserError::NotMoved { reference }.into());
    }
    if row.told_series == Some(row.series) {
        return Err(UserError::AlreadyTold {
            reference,
            relation: row.relation_name,
        }
        .into());
    }
    // Written in the guild's language: the history is shared by everyone.
    let summary = i18n::say(
        settings.lang,
        Msg::ToldSummary,
        &[
            ("ref", &reference.to_string()),
            ("what", &row.what),
            (
                "due",
                &i18n::time::absolute(row.due_at, frame.zone, settings.lang),
            ),
        ],
    );
    let summary = crate::domain::text::shorten(&summary, contact::SUMMARY_MAX);
    let name = super::relation::read_name(&row.relation_name)?;
    let new = NewContact {
        occurred_at: frame.now,
        via: Via::Phone,
        logged_by: req.actor.id,
        summary: &summary,
        restricted: false,
        channel: req.channel,
        created_at: frame.now,
    };
    let logged = store::contact_log::insert(&mut tx, req.guild, &name, &new, None)
        .await?
        .ok_or_else(|| CommandError::internal(&sqlx::Error::RowNotFound))?;
    store::commitments::mark_told(&mut tx, req.guild, row.id, row.series).await?;
    let event = NewEvent {
        action: "commitment.told",
        subject_kind: "commitment",
        subject_id: row.id.0,
        relation: Some(row.relation),
        detail: json!({
            "ref": reference.0,
            "due_at": row.due_at,
            "series": row.series,
            "contact_id": logged.contact.0,
        }),
    };
    store::events::record(&mut tx, req.guild, frame.now, req.actor.id, &[event]).await?;
    tx.commit().await?;
    Ok(Reply::new(
        Body::Told(Told {
            reference,
            relation: row.relation_name,
            summary,
        }),
        Visibility::Channel,
        frame,
    ))
}

/// The next nudge of a commitment created now, for the contact log's follow-up.
pub fn first_nudge(
    settings: &GuildSettings,
    due_at: DateTime<Utc>,
    remind_before: Option<Duration>,
    frame: &Frame,
) -> DateTime<Utc> {
    settings
        .rules()
        .next_at(&NudgeState::fresh(due_at, remind_before), frame.now)
}
