//! Erasing a person on request: every text baton holds about them is overwritten in place,
//! while the facts needed for counts stay (a contact happened on a date, via, by whom).
//!
//! The person's row stays under a masked name, and so do the rows merged into it earlier,
//! which still carry an old spelling of the name. What is erased: the name, contact details
//! and tags, the roles of their affiliations, the summaries of their contacts, the texts
//! and notes of their promises, handovers and appointments, the short reasons in the event
//! log, the undo records of imports (which hold earlier details) and any import preview
//! waiting in the server (its rows could bring the person back). Messages already queued
//! about them are composed when sent, from what is left; notices that they moved are
//! dropped.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::Conn;
use crate::domain::{GuildId, MemberId, RelationId};

/// How much of each kind an erasure overwrites (or, in a preview, would).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Erased {
    /// Earlier names: the person's own and those of relations merged into them.
    pub names: i64,
    /// Email, phone, LinkedIn and tags that were filled in.
    pub details: i64,
    pub roles: i64,
    pub contacts: i64,
    pub promises: i64,
    pub handovers: i64,
    pub appointments: i64,
    /// Reasons typed when a promise was moved or a handover declined.
    pub reasons: i64,
    /// Import previews in the server that were waiting for Confirm, cancelled.
    pub previews: i64,
}

/// An erasure that happened.
#[derive(Clone, Debug)]
pub struct ErasureRow {
    pub by: MemberId,
    pub at: DateTime<Utc>,
    pub masked_name: String,
    pub erased: Erased,
}

/// What erasing `person` would overwrite.
#[tracing::instrument(skip(conn))]
pub async fn preview(conn: &mut Conn, guild: GuildId, person: RelationId) -> sqlx::Result<Erased> {
    let row = sqlx::query!(
        r#"WITH ids AS (SELECT relation_id FROM relations
                        WHERE guild_id = $1 AND (relation_id = $2 OR merged_into = $2))
           SELECT
             (SELECT count(*) FROM ids) AS "names!",
             (SELECT coalesce(sum((email IS NOT NULL)::int + (phone IS NOT NULL)::int
                                  + (linkedin IS NOT NULL)::int + (cardinality(tags) > 0)::int), 0)
              FROM relations WHERE guild_id = $1 AND relation_id IN (SELECT relation_id FROM ids)) AS "details!",
             (SELECT count(*) FROM affiliations
              WHERE guild_id = $1 AND person_id IN (SELECT relation_id FROM ids) AND role IS NOT NULL) AS "roles!",
             (SELECT count(*) FROM contacts
              WHERE guild_id = $1 AND relation_id IN (SELECT relation_id FROM ids)) AS "contacts!",
             (SELECT count(*) FROM commitments
              WHERE guild_id = $1 AND relation_id IN (SELECT relation_id FROM ids)) AS "promises!",
             (SELECT count(*) FROM handovers
              WHERE guild_id = $1 AND relation_id IN (SELECT relation_id FROM ids)) AS "handovers!",
             (SELECT count(*) FROM appointments
              WHERE guild_id = $1 AND relation_id IN (SELECT relation_id FROM ids)) AS "appointments!",
             (SELECT count(*) FROM events
              WHERE guild_id = $1 AND relation_id IN (SELECT relation_id FROM ids) AND detail ? 'reason') AS "reasons!",
             (SELECT count(*) FROM import_batches WHERE guild_id = $1 AND state = 'preview') AS "previews!""#,
        guild.0,
        person.0,
    )
    .fetch_one(&mut *conn)
    .await?;
    Ok(Erased {
        names: row.names,
        details: row.details,
        roles: row.roles,
        contacts: row.contacts,
        promises: row.promises,
        handovers: row.handovers,
        appointments: row.appointments,
        reasons: row.reasons,
        previews: row.previews,
    })
}

/// The words an erasure writes, in the server's language.
#[derive(Clone, Copy, Debug)]
pub struct Masks<'a> {
    /// The name's placeholder, followed by " #<id>": "erased person".
    pub name: &'a str,
    /// What a note or promise text becomes: "(erased)".
    pub text: &'a str,
}

/// Erases `person` (locked by the caller, in its transaction) and records the erasure.
/// Returns the masked name and what was overwritten.
#[tracing::instrument(skip(conn, masks))]
pub async fn forget(
    conn: &mut Conn,
    guild: GuildId,
    person: RelationId,
    by: MemberId,
    at: DateTime<Utc>,
    masks: Masks<'_>,
) -> sqlx::Result<(String, Erased)> {
    let erased = preview(conn, guild, person).await?;
    let ids: Vec<i64> = sqlx::query_scalar!(
        "SELECT relation_id FROM relations WHERE guild_id = $1 AND (relation_id = $2 OR merged_into = $2)",
        guild.0,
        person.0,
    )
    .fetch_all(&mut *conn)
    .await?;

    sqlx::query!(
        "UPDATE contacts SET summary = $3 WHERE guild_id = $1 AND relation_id = ANY($2)",
        guild.0,
        &ids,
        masks.text,
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!(
        "UPDATE commitments SET what = $3, close_note = NULL, depends_on = NULL
         WHERE guild_id = $1 AND relation_id = ANY($2)",
        guild.0,
        &ids,
        masks.text,
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!(
        "UPDATE handovers SET notes = $3, answer_note = NULL WHERE guild_id = $1 AND relation_id = ANY($2)",
        guild.0,
        &ids,
        masks.text,
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!(
        "UPDATE appointments SET about = NULL, place = NULL, answer_note = NULL
         WHERE guild_id = $1 AND relation_id = ANY($2)",
        guild.0,
        &ids,
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!(
        "UPDATE affiliations SET role = NULL WHERE guild_id = $1 AND person_id = ANY($2) AND role IS NOT NULL",
        guild.0,
        &ids,
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!(
        "UPDATE events SET detail = detail - 'reason'
         WHERE guild_id = $1 AND relation_id = ANY($2) AND detail ? 'reason'",
        guild.0,
        &ids,
    )
    .execute(&mut *conn)
    .await?;
    // Undo records hold earlier details; undoing an import leaves an erased person alone.
    sqlx::query!(
        "DELETE FROM import_changes WHERE guild_id = $1 AND relation_id = ANY($2)",
        guild.0,
        &ids,
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!(
        "UPDATE import_batches SET state = 'cancelled', pending = NULL, settled_by = $2, settled_at = $3
         WHERE guild_id = $1 AND state = 'preview'",
        guild.0,
        by.0,
        at,
    )
    .execute(&mut *conn)
    .await?;
    // Nothing more is said about them: their move notices and keep-in-touch nudges that
    // wait to be sent are dropped.
    sqlx::query!(
        "UPDATE deliveries d SET state = 'dropped', lease_until = NULL
         WHERE d.guild_id = $1 AND d.state = 'pending'
           AND (EXISTS (SELECT 1 FROM move_notices m JOIN affiliations a
                          ON a.guild_id = m.guild_id AND a.affiliation_id = m.affiliation_id
                        WHERE m.guild_id = d.guild_id AND m.delivery_id = d.delivery_id
                          AND a.person_id = ANY($2))
                OR EXISTS (SELECT 1 FROM nudges n
                           WHERE n.guild_id = d.guild_id AND n.delivery_id = d.delivery_id
                             AND n.subject_kind = 'relation' AND n.subject_id = ANY($2)))",
        guild.0,
        &ids,
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!(
        "UPDATE relations
         SET name = $3 || ' #' || relation_id, name_key = baton_fold($3 || ' #' || relation_id),
             email = NULL, phone = NULL, linkedin = NULL, tags = '{}', keep_in_touch = NULL,
             next_nudge_at = NULL, plan_error = NULL, erased_at = $4, updated_at = $4
         WHERE guild_id = $1 AND relation_id = ANY($2)",
        guild.0,
        &ids,
        masks.name,
        at,
    )
    .execute(&mut *conn)
    .await?;
    let masked = format!("{} #{}", masks.name, person.0);
    sqlx::query!(
        "INSERT INTO erasures (guild_id, relation_id, erased_by, erased_at, masked_name, counts)
         VALUES ($1, $2, $3, $4, $5, $6)",
        guild.0,
        person.0,
        by.0,
        at,
        masked,
        serde_json::to_value(&erased).unwrap_or_default(),
    )
    .execute(&mut *conn)
    .await?;
    Ok((masked, erased))
}

/// The erasure of a relation, if it was erased.
#[tracing::instrument(skip(conn))]
pub async fn of(conn: &mut Conn, guild: GuildId, relation: RelationId) -> sqlx::Result<Option<ErasureRow>> {
    let row = sqlx::query!(
        "SELECT erased_by, erased_at, masked_name, counts FROM erasures WHERE guild_id = $1 AND relation_id = $2",
        guild.0,
        relation.0,
    )
    .fetch_optional(&mut *conn)
    .await?;
    Ok(row.map(|row| ErasureRow {
        by: MemberId(row.erased_by),
        at: row.erased_at,
        masked_name: row.masked_name,
        erased: serde_json::from_value(row.counts).unwrap_or_default(),
    }))
}
