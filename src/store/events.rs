//! The append-only event log: who changed what, when. Details carry ids and choices, never
//! note text, so personal data lives in one place only.

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
