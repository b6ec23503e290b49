//! The append-only event log: who changed what, when. Details carry ids, choices and the
//! short reasons given for moving or closing a promise, never a contact's note, so notes
//! about people live in one place only, where they can be restricted or erased.

use chrono::{DateTime, Utc};
use serde_json::Value;

use super::Conn;
use crate::domain::{GuildId, MemberId, RelationId};

#[derive(Clone, Debug)]
pub struct NewEvent {
    pub action: &'static str,
    pub subject_kind: &'static str,
    pub subject_id: i64,
    /// The relation the change concerns, for its history.
    pub relation: Option<RelationId>,
    pub detail: Value,
}

#[derive(Clone, Debug)]
pub struct EventRow {
    pub at: DateTime<Utc>,
    pub actor: MemberId,
    pub action: String,
    pub subject_kind: String,
    pub subject_id: i64,
    pub detail: Value,
}

/// Records the events of one command in one round trip.
#[tracing::instrument(skip_all, fields(guild = %guild, count = events.len()))]
pub async fn record(
    conn: &mut Conn,
    guild: GuildId,
    at: DateTime<Utc>,
    actor: MemberId,
    events: &[NewEvent],
) -> sqlx::Result<()> {
    let actions: Vec<&str> = events.iter().map(|e| e.action).collect();
    let kinds: Vec<&str> = events.iter().map(|e| e.subject_kind).collect();
    let ids: Vec<i64> = events.iter().map(|e| e.subject_id).collect();
    let relations: Vec<Option<i64>> = events.iter().map(|e| e.relation.map(|r| r.0)).collect();
    let details: Vec<Value> = events.iter().map(|e| e.detail.clone()).collect();
    sqlx::query!(
        "INSERT INTO events (guild_id, at, actor_id, action, subject_kind, subject_id, relation_id, detail)
         SELECT $1, $2, $3, e.action, e.kind, e.id, e.relation, e.detail
         FROM UNNEST($4::text[], $5::text[], $6::bigint[], $7::bigint[], $8::jsonb[])
              AS e(action, kind, id, relation, detail)",
        guild.0,
        at,
        actor.0,
        &actions as &[&str],
        &kinds as &[&str],
        &ids,
        &relations as &[Option<i64>],
        &details
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// A subject's events, oldest first.
#[tracing::instrument(skip(conn))]
pub async fn for_subject(
    conn: &mut Conn,
    guild: GuildId,
    subject_kind: &str,
    subject_id: i64,
) -> sqlx::Result<Vec<EventRow>> {
    let rows = sqlx::query!(
        "SELECT at, actor_id, action, subject_kind, subject_id, detail FROM events
         WHERE guild_id = $1 AND subject_kind = $2 AND subject_id = $3
         ORDER BY at, event_id",
        guild.0,
        subject_kind,
        subject_id
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| EventRow {
            at: row.at,
            actor: MemberId(row.actor_id),
            action: row.action,
            subject_kind: row.subject_kind,
            subject_id: row.subject_id,
            detail: row.detail,
        })
        .collect())
}

/// A change to one of a relation's commitments, for its history.
#[derive(Clone, Debug)]
pub struct CommitmentChange {
    pub at: DateTime<Utc>,
    pub actor: MemberId,
    pub action: String,
    pub detail: Value,
    pub reference: crate::domain::CommitmentRef,
    pub what: String,
}

/// The newest changes to a relation's commitments (made, moved, done, cancelled), at or
/// after `since` when given.
#[tracing::instrument(skip(conn))]
pub async fn commitment_changes(
    conn: &mut Conn,
    guild: GuildId,
    relation: RelationId,
    since: Option<DateTime<Utc>>,
    limit: i64,
) -> sqlx::Result<Vec<CommitmentChange>> {
    let rows = sqlx::query!(
        "SELECT e.at, e.actor_id, e.action, e.detail, c.ref, c.what
         FROM events e
         JOIN commitments c ON c.guild_id = e.guild_id AND c.commitment_id = e.subject_id
         WHERE e.guild_id = $1 AND e.relation_id = $2 AND e.subject_kind = 'commitment'
           AND ($3::timestamptz IS NULL OR e.at >= $3)
         ORDER BY e.at DESC, e.event_id DESC
         LIMIT $4",
        guild.0,
        relation.0,
        since,
        limit
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| CommitmentChange {
            at: row.at,
            actor: MemberId(row.actor_id),
            action: row.action,
            detail: row.detail,
            reference: crate::domain::CommitmentRef(row.r#ref),
            what: row.what,
        })
        .collect())
}
