//! `/handover give`, `list` and `cancel`, and the recipient's Accept and Decline: a transfer
//! of the ball that the colleague must accept, with the relation's story attached.

use chrono::{DateTime, Utc};
use serde_json::json;

use super::contact::HistoryContact;
use super::input::{read_handover, read_text};
use super::promise::PromiseView;
use super::{Action, Body, CommandError, Env, MemberRef, Reply, Request, UserError, Visibility};
use crate::domain::away;
use crate::domain::commitment::CommitmentStatus;
use crate::domain::handover::{self, Answer, HandoverStatus, Parties, Refusal, NOTES_MAX, REASON_MAX};
use crate::domain::{CommitmentId, CommitmentRef, HandoverRef, MemberId};
use crate::store;
use crate::store::commitments::CommitmentRow;
use crate::store::deliveries::{self, DeliveryKind, Target};
use crate::store::events::NewEvent;
use crate::store::handovers::{HandoverRow, NewHandover};

/// Contacts and earlier handovers a card shows.
const CARD_CONTACTS: i64 = 5;
const CARD_HANDOVERS: i64 = 3;
const CARD_APPOINTMENTS: i64 = 3;
/// Most promises one handover names.
const PROMISES_MAX: usize = 25;

#[derive(Clone, Debug, Default)]
pub struct GiveHandover {
    pub to: Option<MemberRef>,
    /// Discord says whether the person is a bot, and whether they are in the server.
    pub to_is_bot: bool,
    pub to_is_member: bool,
    pub relation: String,
    pub notes: String,
    /// `P-3, P-7`; empty: all that the sender holds for the relation.
    pub promises: Option<String>,
}

/// A handover as shown to both sides.
#[derive(Clone, Debug)]
pub struct HandoverView {
    pub reference: HandoverRef,
    pub relation: String,
    pub from: MemberId,
    pub to: MemberId,
    pub notes: String,
    pub status: HandoverStatus,
    pub created_at: DateTime<Utc>,
    pub answer_note: Option<String>,
}

impl HandoverView {
    pub fn of(row: &HandoverRow) -> HandoverView {
        HandoverView {
            reference: row.reference,
            relation: row.relation_name.clone(),
            from: row.from,
            to: row.to,
            notes: row.notes.clone(),
            status: row.status,
            created_at: row.created_at,
            answer_note: row.answer_note.clone(),
        }
    }
}

/// The card the colleague gets: the notes and the relation's story.
#[derive(Clone, Debug)]
pub struct HandoverCard {
    pub handover: HandoverView,
    pub promises: Vec<PromiseView>,
    /// The relation's newest contacts; restricted ones without their note.
    pub contacts: Vec<HistoryContact>,
    /// Open promises of the relation that this handover does not move (others hold them).
    pub others_open: Vec<PromiseView>,
    pub earlier: Vec<HandoverView>,
    /// The relation's coming appointments.
    pub appointments: Vec<super::appointment::AppointmentView>,
    /// Nothing open was handed over: the colleague becomes the relation's contact person.
    pub nothing_open: bool,
    /// The recipient is away: their backup answers meanwhile.
    pub recipient_backup: Option<MemberId>,
    pub ack_due_at: DateTime<Utc>,
    /// Posted in a shared channel under `privacy.minimal_channel_posts`: only who, which
    /// relation, which promises and by when; the rest behind the Details button.
    pub minimal: bool,
}

#[derive(Clone, Debug)]
pub struct HandoverAnswered {
    pub handover: HandoverView,
    pub by: MemberId,
    /// The promises that moved to the recipient (accepted).
    pub moved: Vec<CommitmentRef>,
    /// Promises of the handover closed or moved to someone else meanwhile: left alone.
    pub skipped: Vec<CommitmentRef>,
}

#[derive(Clone, Debug)]
pub struct HandoverList {
    pub member: MemberId,
    pub to_me: Vec<HandoverView>,
    pub from_me: Vec<HandoverView>,
    /// Pending for someone this member backs up now.
    pub as_backup: Vec<HandoverView>,
}

#[tracing::instrument(skip_all, fields(command = "handover give", guild = %req.guild, actor = %req.actor.id))]
pub async fn give(env: &Env, req: &Request, input: GiveHandover) -> Result<Reply, CommandError> {
    let (frame, settings) = env.begin(req).await?;
    let to = input.to.clone().ok_or(UserError::Text {
        option: "to",
        problem: crate::domain::text::TextError::Empty,
    })?;
    let name = super::relation::read_name(&input.relation)?;
    let notes = read_text("notes", &input.notes, NOTES_MAX, true)?;
    let wanted = read_references(input.promises.as_deref())?;
    if !input.to_is_member && !input.to_is_bot {
        return Err(UserError::NotAMember {
            member: to.id,
            name: to.name,
        }
        .into());
    }
    env.note_members(req.guild, std::slice::from_ref(&to), frame.now)
        .await?;

    let mut tx = env.pool.begin().await?;
    let relation = super::relation::existing(&mut tx, req, &name).await?;
    let absences = store::away::at(&mut tx, req.guild, frame.now).await?;
    let open = store::commitments::open_for_relation(&mut tx, req.guild, relation.id).await?;
    let chosen: Vec<CommitmentRow> = match &wanted {
        Some(refs) => {
            let mut chosen = Vec::with_capacity(refs.len());
            for reference in refs {
                let row = store::commitments::lock_by_ref(&mut tx, req.guild, *reference)
                    .await?
                    .ok_or(UserError::NoSuchPromise {
                        reference: *reference,
                    })?;
                if row.status != CommitmentStatus::Open {
                    return Err(UserError::NotOpen {
                        reference: *reference,
                        status: row.status,
                    }
                    .into());
                }
                if row.relation != relation.id {
                    return Err(UserError::PromiseOfOtherRelation {
                        reference: *reference,
                        relation: row.relation_name,
                    }
                    .into());
                }
                chosen.push(row);
            }
            chosen
        }
        None => open
            .iter()
            .filter(|c| {
                c.owner == req.actor.id || away::stands_in(req.actor.id, c.owner, &absences, frame.now)
            })
            .cloned()
            .collect(),
    };
    // The sender is whoever holds what is handed over: the actor, or the one they act for.
    let from = chosen.first().map_or(req.actor.id, |c| c.owner);
    for row in &chosen {
        let backs = away::stands_in(req.actor.id, row.owner, &absences, frame.now);
        if row.owner != from || !handover::may_give(req.actor.id, req.actor.admin, row.owner, backs) {
            let owner_name = super::member_name(&mut tx, req.guild, row.owner).await?;
            return Err(UserError::NotYours {
                reference: row.reference,
                owner: row.owner,
                owner_name,
            }
            .into());
        }
    }
    handover::check_recipient(from, to.id, input.to_is_bot).map_err(|refusal| match refusal {
        Refusal::ToBot => UserError::HandoverToBot,
        _ => UserError::HandoverToSelf,
    })?;
    let ids: Vec<CommitmentId> = chosen.iter().map(|c| c.id).collect();
    if let Some((promise, handover)) = store::handovers::pending_with(&mut tx, req.guild, &ids)
        .await?
        .into_iter()
        .next()
    {
        return Err(UserError::AlreadyHandedOver { promise, handover }.into());
    }

    let (id, reference) = record(
        &mut tx,
        req,
        &frame,
        &settings,
        relation.id,
        from,
        to.id,
        &notes,
        &chosen,
    )
    .await?;

    let row = store::handovers::lock_by_ref(&mut tx, req.guild, reference)
        .await?
        .ok_or(UserError::NoSuchHandover { reference })?;
    let (mut card, mut people) = card(&mut tx, req.guild, &row, &chosen, frame.now).await?;
    card.minimal = settings.minimal_posts;
    people.push(req.actor.id);
    // The recipient (their backup while they are away) gets the card by direct message too,
    // through the outbox: once, even when baton stops right after this command.
    let dm = deliveries::allocate(&mut tx, 1).await?;
    let dm_to = card.recipient_backup.unwrap_or(to.id);
    deliveries::insert(
        &mut tx,
        &[req.guild],
        &dm,
        &[Target::Direct(dm_to)],
        DeliveryKind::Card,
        frame.now,
    )
    .await?;
    store::handovers::set_card_delivery(&mut tx, req.guild, id, dm[0]).await?;
    let names = super::names_with(&mut tx, req.guild, &people).await?;
    tx.commit().await?;
    let recipient_backup = card.recipient_backup;
    let mut reply = Reply::new(Body::HandoverGiven(card), Visibility::Channel, frame);
    reply.names = names;
    // An away recipient is named, not pinged: their backup is called instead.
    reply.notify.push(recipient_backup.unwrap_or(to.id));
    reply.actions = vec![Action::Accept(reference), Action::Decline(reference)];
    if settings.minimal_posts {
        reply
            .actions
            .push(Action::Details(super::Detail::Handover(reference)));
    }
    Ok(reply)
}

/// Who a colleague typed in a form is: an @mention, a user id, or a name baton has seen in
/// this guild.
pub async fn colleague(env: &Env, req: &Request, typed: &str) -> Result<MemberRef, CommandError> {
    let trimmed = typed.trim();
    let digits = trimmed
        .trim_start_matches("<@")
        .trim_start_matches('!')
        .trim_end_matches('>');
    let mut conn = env.pool.acquire().await?;
    if let Some(id) = digits.parse::<u64>().ok().and_then(MemberId::from_snowflake) {
        let name = super::member_name(&mut conn, req.guild, id).await?;
        return Ok(MemberRef {
            id,
            name: name.unwrap_or_else(|| id.to_string()),
        });
    }
    let name = trimmed.trim_start_matches('@');
    let found = store::members::by_name(&mut conn, req.guild, name).await?;
    match found.as_slice() {
        [(id, name)] => Ok(MemberRef {
            id: *id,
            name: name.clone(),
        }),
        _ => Err(UserError::UnknownColleague {
            typed: crate::domain::text::shorten(trimmed, 60),
            matches: found.len(),
        }
        .into()),
    }
}

/// Hands one promise over (the **Hand over** button): the relation is the promise's.
#[tracing::instrument(skip_all, fields(command = "hand over", guild = %req.guild, actor = %req.actor.id))]
pub async fn give_promise(
    env: &Env,
    req: &Request,
    promise: &str,
    mut input: GiveHandover,
) -> Result<Reply, CommandError> {
    let reference = super::input::read_reference("promise", promise)?;
    let mut tx = env.pool.begin().await?;
    let row = store::commitments::lock_by_ref(&mut tx, req.guild, reference)
        .await?
        .ok_or(UserError::NoSuchPromise { reference })?;
    tx.rollback().await?;
    input.relation = row.relation_name;
    input.promises = Some(reference.to_string());
    give(env, req, input).await
}

/// Accepts a pending handover: its promises move to the recipient in this one transaction.
#[tracing::instrument(skip_all, fields(command = "handover accept", guild = %req.guild, actor = %req.actor.id))]
pub async fn accept(env: &Env, req: &Request, handover: &str) -> Result<Reply, CommandError> {
    settle(env, req, handover, Answer::Accept, None).await
}

/// Declines a pending handover; a reason is required, so the sender knows why.
#[tracing::instrument(skip_all, fields(command = "handover decline", guild = %req.guild, actor = %req.actor.id))]
pub async fn decline(env: &Env, req: &Request, handover: &str, reason: &str) -> Result<Reply, CommandError> {
    let reason = read_text("reason", reason, REASON_MAX, false)?;
    settle(env, req, handover, Answer::Decline, Some(reason)).await
}

/// The sender withdraws a pending handover.
#[tracing::instrument(skip_all, fields(command = "handover cancel", guild = %req.guild, actor = %req.actor.id))]
pub async fn cancel(env: &Env, req: &Request, handover: &str) -> Result<Reply, CommandError> {
    settle(env, req, handover, Answer::Cancel, None).await
}

async fn settle(
    env: &Env,
    req: &Request,
    handover: &str,
    answer: Answer,
    note: Option<String>,
) -> Result<Reply, CommandError> {
    let (frame, _) = env.begin(req).await?;
    let reference = read_handover("handover", handover)?;
    let mut tx = env.pool.begin().await?;
    let row = store::handovers::lock_by_ref(&mut tx, req.guild, reference)
        .await?
        .ok_or(UserError::NoSuchHandover { reference })?;
    let absences = store::away::at(&mut tx, req.guild, frame.now).await?;
    let parties = Parties {
        from: row.from,
        to: row.to,
        actor_backs_from: away::stands_in(req.actor.id, row.from, &absences, frame.now),
        actor_backs_to: away::stands_in(req.actor.id, row.to, &absences, frame.now),
    };
    let status = match handover::answer(row.status, answer, req.actor.id, req.actor.admin, &parties) {
        Ok(status) => status,
        Err(refusal) => {
            let people: Vec<MemberId> = [row.from, row.to].into_iter().chain(row.answered_by).collect();
            let names = super::names_with(&mut tx, req.guild, &people)
                .await?
                .into_iter()
                .collect();
            return Err(match refusal {
                Refusal::Settled(status) => UserError::HandoverSettled {
                    reference,
                    status,
                    by: row.answered_by,
                    names,
                },
                _ => UserError::HandoverNotYours {
                    reference,
                    answer,
                    to: row.to,
                    from: row.from,
                    names,
                },
            }
            .into());
        }
    };
    let (mut moved, mut skipped) = (Vec::new(), Vec::new());
    let mut events = Vec::new();
    if status == HandoverStatus::Accepted {
        (moved, skipped) = move_items(&mut tx, req, &row, &mut events).await?;
    }
    close(
        &mut tx,
        req,
        &frame,
        &row,
        status,
        note.as_deref(),
        &moved,
        events,
    )
    .await?;
    let names = super::names_with(&mut tx, req.guild, &[row.from, row.to, req.actor.id]).await?;
    tx.commit().await?;

    let mut view = HandoverView::of(&row);
    view.status = status;
    view.answer_note = note;
    let mut reply = Reply::new(
        Body::HandoverAnswered(HandoverAnswered {
            handover: view,
            by: req.actor.id,
            moved,
            skipped,
        }),
        Visibility::Channel,
        frame,
    );
    reply.names = names;
    // The other side hears of it: the sender of an answer, the recipient of a withdrawal;
    // their backup while they are away.
    let other = if answer == Answer::Cancel {
        row.to
    } else {
        row.from
    };
    let other = away::route(other, &absences, frame.now).to;
    if other != req.actor.id {
        reply.notify.push(other);
    }
    Ok(reply)
}

/// The card of a handover: its notes and the relation's story as it is at `now`, with the
/// people it names. `items` are the promises it moves.
pub async fn card(
    conn: &mut store::Conn,
    guild: crate::domain::GuildId,
    row: &HandoverRow,
    items: &[CommitmentRow],
    now: DateTime<Utc>,
) -> sqlx::Result<(HandoverCard, Vec<MemberId>)> {
    let open = store::commitments::open_for_relation(conn, guild, row.relation).await?;
    let contacts = store::contacts::newest(conn, guild, row.relation, CARD_CONTACTS).await?;
    let earlier = store::handovers::for_relation(conn, guild, row.relation, CARD_HANDOVERS + 1).await?;
    let coming = store::appointments::Query {
        relation: Some(row.relation),
        status: Some(crate::domain::appointment::AppointmentStatus::Scheduled),
        from: Some(now),
        limit: CARD_APPOINTMENTS,
        ..Default::default()
    };
    let appointments = store::appointments::select(conn, guild, &coming).await?;
    let absences = store::away::at(conn, guild, now).await?;
    let recipient_backup = Some(away::route(row.to, &absences, now))
        .filter(|route| route.on_behalf_of.is_some())
        .map(|route| route.to);
    let mut people = vec![row.from, row.to];
    people.extend(contacts.iter().map(|c| c.logged_by));
    people.extend(open.iter().map(|c| c.owner));
    people.extend(earlier.iter().flat_map(|h| [h.from, h.to]));
    people.extend(recipient_backup);
    let ids: Vec<CommitmentId> = items.iter().map(|c| c.id).collect();
    let card = HandoverCard {
        nothing_open: items.is_empty(),
        promises: items.iter().map(|c| PromiseView::of(c, now)).collect(),
        others_open: open
            .iter()
            .filter(|c| !ids.contains(&c.id))
            .map(|c| PromiseView::of(c, now))
            .collect(),
        contacts: contacts
            .into_iter()
            .map(|c| HistoryContact {
                occurred_at: c.occurred_at,
                via: c.via,
                by: c.logged_by,
                // The card is shared: a restricted note stays in the history.
                summary: (!c.restricted).then_some(c.summary),
            })
            .collect(),
        earlier: earlier
            .iter()
            .filter(|h| h.id != row.id)
            .take(CARD_HANDOVERS as usize)
            .map(HandoverView::of)
            .collect(),
        handover: HandoverView::of(row),
        appointments: appointments
            .iter()
            .map(super::appointment::AppointmentView::of)
            .collect(),
        recipient_backup,
        ack_due_at: row.ack_due_at,
        minimal: false,
    };
    Ok((card, people))
}

/// Records a pending handover of `chosen` (all of `from`'s, for `relation`) with its event.
#[allow(clippy::too_many_arguments)]
async fn record(
    tx: &mut store::Conn,
    req: &Request,
    frame: &super::Frame,
    settings: &super::GuildSettings,
    relation: crate::domain::RelationId,
    from: MemberId,
    to: MemberId,
    notes: &str,
    chosen: &[CommitmentRow],
) -> Result<(crate::domain::HandoverId, HandoverRef), CommandError> {
    let ack_due_at = settings
        .ack_within
        .after(frame.now, &settings.hours, settings.zone);
    let next_nudge_at = settings.hours.next_open(ack_due_at, settings.zone);
    let ids: Vec<CommitmentId> = chosen.iter().map(|c| c.id).collect();
    let new = NewHandover {
        relation,
        from,
        to,
        created_by: req.actor.id,
        notes,
        channel: req.channel,
        created_at: frame.now,
        ack_due_at,
        next_nudge_at,
    };
    let (id, reference) = store::handovers::insert(tx, req.guild, &new, &ids).await?;
    let event = NewEvent {
        action: "handover.given",
        subject_kind: "handover",
        subject_id: id.0,
        relation: Some(relation),
        detail: json!({
            "ref": reference.0,
            "from_id": from.0,
            "to_id": to.0,
            "promises": chosen.iter().map(|c| c.reference.0).collect::<Vec<_>>(),
        }),
    };
    store::events::record(tx, req.guild, frame.now, req.actor.id, &[event]).await?;
    Ok((id, reference))
}

/// Moves an accepted handover's promises that are still open and still the sender's to the
/// recipient, who becomes the relation's contact person. Returns what moved and what was
/// left alone; the events of the moves join `events`.
async fn move_items(
    tx: &mut store::Conn,
    req: &Request,
    row: &HandoverRow,
    events: &mut Vec<NewEvent>,
) -> Result<(Vec<CommitmentRef>, Vec<CommitmentRef>), CommandError> {
    let items = store::handovers::lock_items(tx, req.guild, row.id).await?;
    let (still, gone): (Vec<CommitmentRow>, Vec<CommitmentRow>) = items
        .into_iter()
        .partition(|c| c.status == CommitmentStatus::Open && c.owner == row.from);
    let ids: Vec<CommitmentId> = still.iter().map(|c| c.id).collect();
    store::handovers::transfer(tx, req.guild, &ids, row.to).await?;
    store::handovers::set_contact_person(tx, req.guild, row.relation, row.to).await?;
    for c in &still {
        events.push(NewEvent {
            action: "commitment.handed_over",
            subject_kind: "commitment",
            subject_id: c.id.0,
            relation: Some(row.relation),
            detail: json!({ "ref": c.reference.0, "from_id": row.from.0, "to_id": row.to.0, "handover": row.reference.0 }),
        });
    }
    Ok((
        still.iter().map(|c| c.reference).collect(),
        gone.iter().map(|c| c.reference).collect(),
    ))
}

/// Settles a handover and records the answer's event after `events`.
#[allow(clippy::too_many_arguments)]
async fn close(
    tx: &mut store::Conn,
    req: &Request,
    frame: &super::Frame,
    row: &HandoverRow,
    status: HandoverStatus,
    note: Option<&str>,
    moved: &[CommitmentRef],
    mut events: Vec<NewEvent>,
) -> Result<(), CommandError> {
    store::handovers::settle(tx, req.guild, row.id, status, req.actor.id, note, frame.now).await?;
    events.push(NewEvent {
        action: match status {
            HandoverStatus::Accepted => "handover.accepted",
            HandoverStatus::Declined => "handover.declined",
            _ => "handover.cancelled",
        },
        subject_kind: "handover",
        subject_id: row.id.0,
        relation: Some(row.relation),
        detail: json!({ "ref": row.reference.0, "reason": note, "moved": moved.iter().map(|r| r.0).collect::<Vec<_>>() }),
    });
    store::events::record(tx, req.guild, frame.now, req.actor.id, &events).await?;
    Ok(())
}

#[derive(Clone, Debug, Default)]
pub struct HandOverAll {
    pub from: Option<MemberRef>,
    pub to: Option<MemberRef>,
    pub to_is_bot: bool,
    pub to_is_member: bool,
    pub notes: String,
    pub accept_now: bool,
}

/// What `/handover all` did: one handover per relation.
#[derive(Clone, Debug)]
pub struct HandedOverAll {
    pub from: MemberId,
    pub to: MemberId,
    pub accepted: bool,
    /// Each relation's handover and the promises in it.
    pub handovers: Vec<(HandoverRef, String, Vec<CommitmentRef>)>,
    /// Promises already travelling in a pending handover: left in it.
    pub already: Vec<(CommitmentRef, HandoverRef)>,
}

/// An admin hands everything a colleague holds (every relation with open promises, and
/// those they are the contact person of) to another, one handover per relation; with
/// `accept_now` the ball moves at once. One transaction: all of it, or nothing.
#[tracing::instrument(skip_all, fields(command = "handover all", guild = %req.guild, actor = %req.actor.id))]
pub async fn all(env: &Env, req: &Request, input: HandOverAll) -> Result<Reply, CommandError> {
    let (frame, settings) = env.begin(req).await?;
    if !req.actor.admin {
        return Err(UserError::HandoverAllAdminOnly.into());
    }
    let empty = |option| UserError::Text {
        option,
        problem: crate::domain::text::TextError::Empty,
    };
    let from = input.from.clone().ok_or(empty("from"))?;
    let to = input.to.clone().ok_or(empty("to"))?;
    let notes = read_text("notes", &input.notes, NOTES_MAX, true)?;
    if !input.to_is_member && !input.to_is_bot {
        return Err(UserError::NotAMember {
            member: to.id,
            name: to.name,
        }
        .into());
    }
    handover::check_recipient(from.id, to.id, input.to_is_bot).map_err(|refusal| match refusal {
        Refusal::ToBot => UserError::HandoverToBot,
        _ => UserError::HandoverToSelf,
    })?;
    env.note_members(req.guild, &[from.clone(), to.clone()], frame.now)
        .await?;

    let mut tx = env.pool.begin().await?;
    let open = store::commitments::lock_open_of(&mut tx, req.guild, from.id).await?;
    let ids: Vec<CommitmentId> = open.iter().map(|c| c.id).collect();
    let already = store::handovers::pending_with(&mut tx, req.guild, &ids).await?;
    let mut relations: Vec<(crate::domain::RelationId, String)> = open
        .iter()
        .map(|c| (c.relation, c.relation_name.clone()))
        .collect();
    relations.extend(store::handovers::contact_person_of(&mut tx, req.guild, from.id).await?);
    relations.sort_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0)));
    relations.dedup_by_key(|r| r.0);
    let mut handovers = Vec::with_capacity(relations.len());
    for (relation, name) in relations {
        let chosen: Vec<CommitmentRow> = open
            .iter()
            .filter(|c| c.relation == relation && !already.iter().any(|(p, _)| *p == c.reference))
            .cloned()
            .collect();
        if chosen.is_empty() && open.iter().any(|c| c.relation == relation) {
            // All of it already travels in a pending handover.
            continue;
        }
        let (id, reference) = record(
            &mut tx, req, &frame, &settings, relation, from.id, to.id, &notes, &chosen,
        )
        .await?;
        if input.accept_now {
            let row = store::handovers::lock_by_ref(&mut tx, req.guild, reference)
                .await?
                .ok_or(UserError::NoSuchHandover { reference })?;
            debug_assert_eq!(row.id, id);
            let mut events = Vec::new();
            let (moved, _) = move_items(&mut tx, req, &row, &mut events).await?;
            close(
                &mut tx,
                req,
                &frame,
                &row,
                HandoverStatus::Accepted,
                None,
                &moved,
                events,
            )
            .await?;
        }
        handovers.push((reference, name, chosen.iter().map(|c| c.reference).collect()));
    }
    let names = super::names_with(&mut tx, req.guild, &[from.id, to.id, req.actor.id]).await?;
    tx.commit().await?;
    let mut reply = Reply::new(
        Body::HandedOverAll(HandedOverAll {
            from: from.id,
            to: to.id,
            accepted: input.accept_now,
            handovers,
            already,
        }),
        Visibility::Channel,
        frame,
    );
    reply.names = names;
    reply.notify.push(to.id);
    Ok(reply)
}

/// A member who left the server, with what they still hold.
#[derive(Clone, Debug)]
pub struct MemberLeft {
    pub member: MemberId,
    pub name: String,
    pub open: i64,
    pub handovers: usize,
    pub contact_of: usize,
}

/// What a member who left still holds, for the admins: `None` when they hold nothing. The
/// reply goes to the escalation channel, else the reminder channel (`channel`).
pub async fn member_left(
    env: &Env,
    guild: crate::domain::GuildId,
    member: MemberRef,
) -> Result<Option<(Reply, Option<crate::domain::ChannelId>)>, CommandError> {
    let now = env.clock.now();
    let settings = env.guild(guild, now).await?;
    let frame = super::Frame {
        lang: settings.lang,
        zone: settings.zone,
        now,
    };
    let mut conn = env.pool.acquire().await?;
    let (_, open) = store::commitments::list(
        &mut conn,
        guild,
        store::commitments::Filter::Open,
        Some(member.id),
        None,
        now,
        1,
        0,
    )
    .await?;
    let handovers = store::handovers::pending_for(&mut conn, guild, &[member.id])
        .await?
        .len();
    let contact_of = store::handovers::contact_person_of(&mut conn, guild, member.id)
        .await?
        .len();
    drop(conn);
    if open == 0 && handovers == 0 && contact_of == 0 {
        return Ok(None);
    }
    let mut reply = Reply::new(
        Body::MemberLeft(MemberLeft {
            member: member.id,
            name: member.name.clone(),
            open,
            handovers,
            contact_of,
        }),
        Visibility::Channel,
        frame,
    );
    reply.names.insert(member.id, member.name);
    Ok(Some((
        reply,
        settings.escalation_channel.or(settings.reminder_channel),
    )))
}

/// Pending handovers to and from a member, and those they hold as someone's backup.
#[tracing::instrument(skip_all, fields(command = "handover list", guild = %req.guild, actor = %req.actor.id))]
pub async fn list(env: &Env, req: &Request) -> Result<Reply, CommandError> {
    let (frame, _) = env.begin(req).await?;
    let me = req.actor.id;
    let mut conn = env.pool.acquire().await?;
    let absences = store::away::at(&mut conn, req.guild, frame.now).await?;
    let backed: Vec<MemberId> = away::backed_by(me, &absences, frame.now);
    let mut members = vec![me];
    members.extend(&backed);
    let rows = store::handovers::pending_for(&mut conn, req.guild, &members).await?;
    let mut people: Vec<MemberId> = rows.iter().flat_map(|h| [h.from, h.to]).collect();
    people.push(me);
    let names = super::names_with(&mut conn, req.guild, &people).await?;
    drop(conn);
    let pick =
        |f: &dyn Fn(&HandoverRow) -> bool| rows.iter().filter(|h| f(h)).map(HandoverView::of).collect();
    let body = HandoverList {
        member: me,
        to_me: pick(&|h| h.to == me),
        from_me: pick(&|h| h.from == me),
        as_backup: pick(&|h| h.to != me && h.from != me),
    };
    let mut reply = Reply::new(Body::HandoverList(body), Visibility::Private, frame);
    reply.names = names;
    reply.actions = rows
        .iter()
        .filter(|h| h.to == me || backed.contains(&h.to))
        .take(10)
        .flat_map(|h| [Action::Accept(h.reference), Action::Decline(h.reference)])
        .collect();
    Ok(reply)
}

/// Reads `P-3, P-7` (or `P-3 P-7`); `None` when nothing was typed.
fn read_references(typed: Option<&str>) -> Result<Option<Vec<CommitmentRef>>, UserError> {
    let Some(typed) = typed.map(str::trim).filter(|t| !t.is_empty()) else {
        return Ok(None);
    };
    let mut refs = Vec::new();
    for part in typed
        .split([',', ';', ' '])
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        let reference = CommitmentRef::parse(part).ok_or_else(|| UserError::NotAReference {
            option: "promises",
            input: crate::domain::text::shorten(part, 40),
        })?;
        if !refs.contains(&reference) {
            refs.push(reference);
        }
    }
    if refs.len() > PROMISES_MAX {
        return Err(UserError::OutOfRange {
            option: "promises",
            min: 1,
            max: PROMISES_MAX as i64,
            input: refs.len().to_string(),
        });
    }
    Ok(Some(refs))
}
