//! `/away set`, `end` and `list`: a member's absence and the colleague who backs them up
//! meanwhile. The routing itself happens where reminders, digests and handovers are
//! addressed; here absences are recorded, checked and shown.

use chrono::NaiveTime;
use serde_json::json;

use super::input::{read_date, read_optional_text};
use super::{Body, CommandError, Env, MemberRef, Reply, Request, UserError, Visibility};
use crate::domain::away::{self, Away, AwayRefusal, NOTE_MAX};
use crate::domain::dates::{self, Lean};
use crate::domain::MemberId;
use crate::store;
use crate::store::events::NewEvent;

#[derive(Clone, Debug, Default)]
pub struct SetAway {
    pub until: String,
    pub backup: Option<MemberRef>,
    /// Discord says whether the backup is a bot, and whether they are in the server.
    pub backup_is_bot: bool,
    pub backup_is_member: bool,
    /// Default: now.
    pub from: Option<String>,
    /// Default: whoever gives the command; someone else only for admins.
    pub member: Option<MemberRef>,
    pub note: Option<String>,
}

/// An absence as the replies show it.
#[derive(Clone, Debug)]
pub struct AwayView {
    pub away: Away,
    pub note: Option<String>,
}

#[derive(Clone, Debug)]
pub struct AwaySet {
    pub view: AwayView,
    /// It has begun: routing starts now.
    pub begun: bool,
}

#[derive(Clone, Debug)]
pub struct AwayEnded {
    pub member: MemberId,
    /// Current absences ended now (their summary follows), and future ones withdrawn.
    pub ended: Vec<Away>,
    pub withdrawn: Vec<Away>,
}

#[derive(Clone, Debug)]
pub struct AwayList {
    /// Away now, and absences still ahead, soonest first.
    pub now: Vec<AwayView>,
    pub ahead: Vec<AwayView>,
}

#[tracing::instrument(skip_all, fields(command = "away set", guild = %req.guild, actor = %req.actor.id))]
pub async fn set(env: &Env, req: &Request, input: SetAway) -> Result<Reply, CommandError> {
    let (frame, _) = env.begin(req).await?;
    let member = input.member.clone().unwrap_or_else(|| MemberRef {
        id: req.actor.id,
        name: req.actor.name.clone(),
    });
    if member.id != req.actor.id && !req.actor.admin {
        return Err(UserError::AwayAdminOnly.into());
    }
    let backup = input.backup.clone().ok_or(UserError::Text {
        option: "backup",
        problem: crate::domain::text::TextError::Empty,
    })?;
    if input.backup_is_bot {
        return Err(UserError::BackupIsBot.into());
    }
    if !input.backup_is_member {
        return Err(UserError::NotAMember {
            member: backup.id,
            name: backup.name,
        }
        .into());
    }
    let starts_at = match super::input::present(&input.from) {
        Some(phrase) => read_date("from", phrase, &frame, Lean::Future, NaiveTime::MIN)?.at,
        None => frame.now,
    };
    // "Until Friday" is away all of Friday. A phrase is read from now; when that lands
    // before the start, it is read from the start, as in "from Monday until Friday", as
    // long as that stays within a week of it (a date that wraps to next year is a mistake).
    let until = |now| {
        let cx = super::Frame { now, ..frame };
        read_date("until", &input.until, &cx, Lean::Future, dates::LAST_MINUTE).map(|until| until.at)
    };
    let mut ends_at = until(frame.now)?;
    if ends_at <= starts_at {
        if let Ok(later) = until(starts_at) {
            if later > starts_at && later - starts_at <= chrono::Duration::days(7) {
                ends_at = later;
            }
        }
    }
    let note = read_optional_text("note", &input.note, NOTE_MAX)?;
    let new = Away {
        member: member.id,
        backup: backup.id,
        starts_at,
        ends_at,
    };
    env.note_members(req.guild, &[member.clone(), backup.clone()], frame.now)
        .await?;

    let mut tx = env.pool.begin().await?;
    let known: Vec<Away> = store::away::not_ended(&mut tx, req.guild, frame.now)
        .await?
        .into_iter()
        .map(|row| row.away)
        .collect();
    away::check(&new, &known, frame.now)
        .map_err(|refusal| refused(refusal, &input.until, &member, &backup))?;
    if !store::away::insert(&mut tx, req.guild, &new, note.as_deref(), req.actor.id, frame.now).await? {
        return Err(UserError::AlreadyAway {
            member: member.clone(),
            starts_at: new.starts_at,
            ends_at: new.ends_at,
        }
        .into());
    }
    let event = NewEvent {
        action: "away.set",
        subject_kind: "member",
        subject_id: member.id.0,
        relation: None,
        detail: json!({
            "backup_id": backup.id.0,
            "starts_at": new.starts_at,
            "ends_at": new.ends_at,
        }),
    };
    store::events::record(&mut tx, req.guild, frame.now, req.actor.id, &[event]).await?;
    let names = super::names_with(&mut tx, req.guild, &[member.id, backup.id]).await?;
    tx.commit().await?;

    let mut reply = Reply::new(
        Body::AwaySet(AwaySet {
            begun: new.covers(frame.now),
            view: AwayView { away: new, note },
        }),
        Visibility::Channel,
        frame,
    );
    reply.names = names;
    reply.notify.push(backup.id);
    Ok(reply)
}

fn refused(refusal: AwayRefusal, until: &str, member: &MemberRef, backup: &MemberRef) -> UserError {
    match refusal {
        AwayRefusal::EndsBeforeStart | AwayRefusal::InThePast => UserError::AwayEndsBeforeStart {
            input: crate::domain::text::shorten(until, 100),
        },
        AwayRefusal::TooLong => UserError::AwayTooLong,
        AwayRefusal::OwnBackup => UserError::OwnBackup,
        AwayRefusal::AlreadyAway { starts_at, ends_at } => UserError::AlreadyAway {
            member: member.clone(),
            starts_at,
            ends_at,
        },
        AwayRefusal::BackupAway { starts_at, ends_at } => UserError::BackupAway {
            backup: backup.clone(),
            starts_at,
            ends_at,
        },
    }
}

/// Ends an absence early (the member's own, or anyone's for an admin); one still ahead is
/// withdrawn.
#[tracing::instrument(skip_all, fields(command = "away end", guild = %req.guild, actor = %req.actor.id))]
pub async fn end(env: &Env, req: &Request, member: Option<MemberRef>) -> Result<Reply, CommandError> {
    let (frame, _) = env.begin(req).await?;
    let who = member.unwrap_or_else(|| MemberRef {
        id: req.actor.id,
        name: req.actor.name.clone(),
    });
    let member = who.id;
    if member != req.actor.id && !req.actor.admin {
        return Err(UserError::AwayAdminOnly.into());
    }
    let mut tx = env.pool.begin().await?;
    // Takes the guild's absence lock, as `set` does.
    store::away::not_ended(&mut tx, req.guild, frame.now).await?;
    let (ended, withdrawn) = store::away::end(&mut tx, req.guild, member, frame.now).await?;
    if ended.is_empty() && withdrawn.is_empty() {
        return Err(UserError::NotAway { member: who }.into());
    }
    let event = NewEvent {
        action: "away.ended",
        subject_kind: "member",
        subject_id: member.0,
        relation: None,
        detail: json!({ "ended": ended.len(), "withdrawn": withdrawn.len() }),
    };
    store::events::record(&mut tx, req.guild, frame.now, req.actor.id, &[event]).await?;
    let mut people = vec![member];
    people.extend(ended.iter().chain(&withdrawn).map(|a| a.backup));
    let names = super::names_with(&mut tx, req.guild, &people).await?;
    tx.commit().await?;
    let mut reply = Reply::new(
        Body::AwayEnded(AwayEnded {
            member,
            ended,
            withdrawn,
        }),
        Visibility::Channel,
        frame,
    );
    reply.names = names;
    Ok(reply)
}

/// Who is away now and who backs them up, and the absences ahead.
#[tracing::instrument(skip_all, fields(command = "away list", guild = %req.guild, actor = %req.actor.id))]
pub async fn list(env: &Env, req: &Request) -> Result<Reply, CommandError> {
    let (frame, _) = env.begin(req).await?;
    let mut tx = env.pool.begin().await?;
    let rows = store::away::not_ended(&mut tx, req.guild, frame.now).await?;
    let people: Vec<MemberId> = rows.iter().flat_map(|r| [r.away.member, r.away.backup]).collect();
    let names = super::names_with(&mut tx, req.guild, &people).await?;
    tx.commit().await?;
    let (now, ahead): (Vec<AwayView>, Vec<AwayView>) = rows
        .into_iter()
        .map(|row| AwayView {
            away: row.away,
            note: row.note,
        })
        .partition(|view| view.away.covers(frame.now));
    let mut reply = Reply::new(
        Body::AwayList(AwayList { now, ahead }),
        Visibility::Private,
        frame,
    );
    reply.names = names;
    Ok(reply)
}
