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
    pub reference: crate::domain::SubjectRef,
    /// The promise's text; empty for a handover.
    pub what: String,
}

/// Reads a row of `at, actor_id, action, detail, subject_kind, ref, what` into a
/// `CommitmentChange`.
macro_rules! change_row {
    ($row:expr) => {{
        let row = $row;
        CommitmentChange {
            at: row.at,
            actor: MemberId(row.actor_id),
            action: row.action,
            detail: row.detail,
            reference: if row.subject_kind == "handover" {
                crate::domain::SubjectRef::Handover(crate::domain::HandoverRef(row.r#ref))
            } else {
                crate::domain::SubjectRef::Promise(crate::domain::CommitmentRef(row.r#ref))
            },
            what: row.what,
        }
    }};
}

/// The newest changes to a relation's commitments (made, moved, done, cancelled, handed
/// over) and handovers (given, accepted, declined, withdrawn), at or after `since` when
/// given.
#[tracing::instrument(skip(conn))]
pub async fn commitment_changes(
    conn: &mut Conn,
    guild: GuildId,
    relation: RelationId,
    since: Option<DateTime<Utc>>,
    limit: i64,
) -> sqlx::Result<Vec<CommitmentChange>> {
    let rows = sqlx::query!(
        r#"SELECT e.at, e.actor_id, e.action, e.detail, e.subject_kind,
                  coalesce(c.ref, h.ref) AS "ref!", coalesce(c.what, '') AS "what!"
           FROM events e
           LEFT JOIN commitments c ON e.subject_kind = 'commitment'
                AND c.guild_id = e.guild_id AND c.commitment_id = e.subject_id
           LEFT JOIN handovers h ON e.subject_kind = 'handover'
                AND h.guild_id = e.guild_id AND h.handover_id = e.subject_id
           WHERE e.guild_id = $1 AND e.relation_id = $2 AND e.subject_kind IN ('commitment', 'handover')
             AND coalesce(c.ref, h.ref) IS NOT NULL
             AND ($3::timestamptz IS NULL OR e.at >= $3)
           ORDER BY e.at DESC, e.event_id DESC
           LIMIT $4"#,
        guild.0,
        relation.0,
        since,
        limit
    )
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(|row| change_row!(row)).collect())
}

/// What others did, between `from` and `until`, to the commitments `member` holds now and
/// the handovers to or from them: what happened while they were away. Oldest first.
#[tracing::instrument(skip(conn))]
pub async fn while_away(
    conn: &mut Conn,
    guild: GuildId,
    member: MemberId,
    from: DateTime<Utc>,
    until: DateTime<Utc>,
    limit: i64,
) -> sqlx::Result<Vec<CommitmentChange>> {
    let rows = sqlx::query!(
        r#"SELECT e.at, e.actor_id, e.action, e.detail, e.subject_kind,
                  coalesce(c.ref, h.ref) AS "ref!", coalesce(c.what, '') AS "what!"
           FROM events e
           LEFT JOIN commitments c ON e.subject_kind = 'commitment'
                AND c.guild_id = e.guild_id AND c.commitment_id = e.subject_id
           LEFT JOIN handovers h ON e.subject_kind = 'handover'
                AND h.guild_id = e.guild_id AND h.handover_id = e.subject_id
           WHERE e.guild_id = $1 AND e.at >= $3 AND e.at <= $4 AND e.actor_id <> $2
             AND (c.owner_id = $2 OR (e.detail ->> 'from_id')::bigint = $2 OR h.to_id = $2 OR h.from_id = $2)
             AND coalesce(c.ref, h.ref) IS NOT NULL
           ORDER BY e.at, e.event_id
           LIMIT $5"#,
        guild.0,
        member.0,
        from,
        until,
        limit
    )
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(|row| change_row!(row)).collect())
}
