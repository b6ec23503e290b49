//! Import batches: the preview waiting to be confirmed, what matching needs of the
//! relations that exist, what an import changed, and undoing it.

use chrono::{DateTime, Utc};
use serde_json::Value;

use super::Conn;
use crate::domain::import::{Counts, Existing, Fill, Incoming};
use crate::domain::relation::RelationKind;
use crate::domain::{GuildId, MemberId, RelationId};

crate::domain::word_enum!(
    BatchState {
        Preview = "preview",
        Confirmed = "confirmed",
        Cancelled = "cancelled",
        Undone = "undone",
    }
);

#[derive(Clone, Debug)]
pub struct BatchRow {
    pub id: i64,
    pub created_by: MemberId,
    pub created_at: DateTime<Utc>,
    pub file_name: Option<String>,
    pub format: String,
    pub state: BatchState,
    /// The rows read, while the batch waits to be confirmed.
    pub pending: Vec<Incoming>,
    pub counts: Counts,
}

/// A preview about to be recorded.
pub struct NewBatch<'a> {
    pub by: MemberId,
    pub file_name: Option<&'a str>,
    pub format: &'a str,
    pub pending: &'a [Incoming],
    pub counts: &'a Counts,
    pub now: DateTime<Utc>,
}

/// Records a preview: the rows read wait in the batch until it is confirmed or cancelled.
#[tracing::instrument(skip_all, fields(guild = %guild, rows = new.pending.len()))]
pub async fn create(conn: &mut Conn, guild: GuildId, new: &NewBatch<'_>) -> sqlx::Result<i64> {
    let NewBatch {
        by,
        file_name,
        format,
        now,
        ..
    } = *new;
    let pending = serde_json::to_value(new.pending).unwrap_or(Value::Null);
    let counts = serde_json::to_value(new.counts).unwrap_or(Value::Null);
    sqlx::query_scalar!(
        "INSERT INTO import_batches (guild_id, created_by, created_at, file_name, format, state, pending, counts)
         VALUES ($1, $2, $3, $4, $5, 'preview', $6, $7)
         RETURNING batch_id",
        guild.0,
        by.0,
        now,
        file_name,
        format,
        pending,
        counts
    )
    .fetch_one(conn)
    .await
}

/// The batch, locked until the transaction ends.
#[tracing::instrument(skip(conn))]
pub async fn lock(conn: &mut Conn, guild: GuildId, id: i64) -> sqlx::Result<Option<BatchRow>> {
    let row = sqlx::query!(
        "SELECT batch_id, created_by, created_at, file_name, format, state, pending, counts
         FROM import_batches WHERE guild_id = $1 AND batch_id = $2
         FOR UPDATE",
        guild.0,
        id
    )
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|row| BatchRow {
        id: row.batch_id,
        created_by: MemberId(row.created_by),
        created_at: row.created_at,
        file_name: row.file_name,
        format: row.format,
        state: BatchState::parse(&row.state).unwrap_or(BatchState::Cancelled),
        pending: row
            .pending
            .and_then(|p| serde_json::from_value(p).ok())
            .unwrap_or_default(),
        counts: serde_json::from_value(row.counts).unwrap_or_default(),
    }))
}

/// Settles a batch: confirmed (with what it did), cancelled or undone. The rows read are
/// dropped.
#[tracing::instrument(skip(conn, counts))]
pub async fn settle(
    conn: &mut Conn,
    guild: GuildId,
    id: i64,
    state: BatchState,
    counts: Option<&Counts>,
    by: MemberId,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    let counts = counts.map(|c| serde_json::to_value(c).unwrap_or(Value::Null));
    sqlx::query!(
        "UPDATE import_batches SET state = $3, pending = NULL, counts = coalesce($4, counts),
                settled_by = $5, settled_at = $6
         WHERE guild_id = $1 AND batch_id = $2",
        guild.0,
        id,
        state.as_str(),
        counts,
        by.0,
        now
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// The live relations these rows may be: by email, LinkedIn URL or name key (a merged
/// relation's name leads to the one kept, under the name looked up).
#[tracing::instrument(skip_all, fields(guild = %guild, rows = rows.len()))]
pub async fn candidates(conn: &mut Conn, guild: GuildId, rows: &[Incoming]) -> sqlx::Result<Vec<Existing>> {
    let emails: Vec<String> = rows
        .iter()
        .filter_map(|r| r.email.as_ref().map(|e| e.to_lowercase()))
        .collect();
    let linkedin: Vec<String> = rows
        .iter()
        .filter_map(|r| r.linkedin.as_ref().map(|l| l.to_lowercase()))
        .collect();
    let mut keys: Vec<String> = rows.iter().map(|r| r.key.clone()).collect();
    keys.extend(
        rows.iter()
            .filter_map(|r| r.organisation.as_ref().map(|(_, key)| key.clone())),
    );
    let found = sqlx::query!(
        r#"SELECT named.name_key AS "key!", r.relation_id, r.name, r.kind, r.email, r.phone, r.linkedin, r.tags,
                  EXISTS (SELECT 1 FROM affiliations a
                          WHERE a.guild_id = r.guild_id AND a.person_id = r.relation_id AND a.until IS NULL)
                      AS "placed!"
           FROM relations named
           JOIN relations r ON r.guild_id = named.guild_id
                           AND r.relation_id = coalesce(named.merged_into, named.relation_id)
           WHERE named.guild_id = $1
             AND (named.name_key = ANY($2)
                  OR (named.merged_into IS NULL AND lower(named.email) = ANY($3))
                  OR (named.merged_into IS NULL AND lower(named.linkedin) = ANY($4)))"#,
        guild.0,
        &keys,
        &emails,
        &linkedin
    )
    .fetch_all(conn)
    .await?;
    Ok(found
        .into_iter()
        .map(|row| Existing {
            id: RelationId(row.relation_id),
            name: row.name,
            key: row.key,
            kind: row.kind.as_deref().and_then(RelationKind::parse),
            email: row.email,
            phone: row.phone,
            linkedin: row.linkedin,
            tags: row.tags,
            placed: row.placed,
        })
        .collect())
}

/// Fills the blanks of an existing relation and records what they were, so an undo can put
/// them back. Returns whether anything changed (a concurrent edit may have filled them).
#[tracing::instrument(skip(conn, fill))]
pub async fn fill(
    conn: &mut Conn,
    guild: GuildId,
    batch: i64,
    id: RelationId,
    fill: &Fill,
    now: DateTime<Utc>,
) -> sqlx::Result<bool> {
    let before = sqlx::query!(
        "SELECT email, phone, linkedin, tags FROM relations WHERE guild_id = $1 AND relation_id = $2 FOR UPDATE",
        guild.0,
        id.0
    )
    .fetch_optional(&mut *conn)
    .await?;
    let Some(before) = before else {
        return Ok(false);
    };
    let email = fill.email.as_ref().filter(|_| before.email.is_none());
    let phone = fill.phone.as_ref().filter(|_| before.phone.is_none());
    let linkedin = fill.linkedin.as_ref().filter(|_| before.linkedin.is_none());
    if email.is_none() && phone.is_none() && linkedin.is_none() && fill.tags.is_empty() {
        return Ok(false);
    }
    let was = serde_json::json!({
        "email": before.email.is_none() && email.is_some(),
        "phone": before.phone.is_none() && phone.is_some(),
        "linkedin": before.linkedin.is_none() && linkedin.is_some(),
        "tags": before.tags,
    });
    sqlx::query!(
        "UPDATE relations SET email = coalesce(email, $3), phone = coalesce(phone, $4),
                linkedin = coalesce(linkedin, $5), tags = tags || $6::text[], updated_at = $7
         WHERE guild_id = $1 AND relation_id = $2",
        guild.0,
        id.0,
        email,
        phone,
        linkedin,
        &fill.tags,
        now
    )
    .execute(&mut *conn)
    .await?;
    record(conn, guild, batch, id, false, Some(was)).await?;
    Ok(true)
}

/// Records that the batch created or changed a relation, with its details as they are now;
/// the first record of a relation in a batch counts.
#[tracing::instrument(skip(conn, before))]
pub async fn record(
    conn: &mut Conn,
    guild: GuildId,
    batch: i64,
    id: RelationId,
    created: bool,
    before: Option<Value>,
) -> sqlx::Result<()> {
    sqlx::query!(
        "INSERT INTO import_changes (guild_id, batch_id, relation_id, created, before, fingerprint)
         SELECT $1, $2, $3, $4, $5, baton_relation_fingerprint(r)
         FROM relations r WHERE r.guild_id = $1 AND r.relation_id = $3
         ON CONFLICT (guild_id, batch_id, relation_id) DO NOTHING",
        guild.0,
        batch,
        id.0,
        created,
        before
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// What undoing a batch did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Undone {
    pub removed: usize,
    pub restored: usize,
    pub places: usize,
    /// Relations changed since the import, or with contacts, promises or people of their
    /// own by now: left as they are.
    pub left: Vec<String>,
}

/// Undoes a confirmed batch: removes the relations and places it created and puts back the
/// blanks it filled, except for relations changed since or in use by now.
#[tracing::instrument(skip(conn))]
pub async fn undo(conn: &mut Conn, guild: GuildId, batch: i64) -> sqlx::Result<Undone> {
    let places = sqlx::query!(
        "DELETE FROM affiliations WHERE guild_id = $1 AND import_batch_id = $2",
        guild.0,
        batch
    )
    .execute(&mut *conn)
    .await?
    .rows_affected();
    let changes = sqlx::query!(
        r#"SELECT c.relation_id, c.created, c.before, r.name,
                  c.fingerprint <> baton_relation_fingerprint(r) AS "changed!",
                  (EXISTS (SELECT 1 FROM contacts x WHERE x.guild_id = r.guild_id AND x.relation_id = r.relation_id)
                   OR EXISTS (SELECT 1 FROM commitments x WHERE x.guild_id = r.guild_id AND x.relation_id = r.relation_id)
                   OR EXISTS (SELECT 1 FROM handovers x WHERE x.guild_id = r.guild_id AND x.relation_id = r.relation_id)
                   OR EXISTS (SELECT 1 FROM appointments x WHERE x.guild_id = r.guild_id AND x.relation_id = r.relation_id)
                   OR EXISTS (SELECT 1 FROM affiliations x WHERE x.guild_id = r.guild_id
                                 AND (x.person_id = r.relation_id OR x.organisation_id = r.relation_id))
                   OR EXISTS (SELECT 1 FROM relations x WHERE x.guild_id = r.guild_id AND x.merged_into = r.relation_id))
                   AS "in_use!"
           FROM import_changes c
           JOIN relations r ON r.guild_id = c.guild_id AND r.relation_id = c.relation_id
           WHERE c.guild_id = $1 AND c.batch_id = $2
           ORDER BY r.name
           FOR UPDATE OF r"#,
        guild.0,
        batch
    )
    .fetch_all(&mut *conn)
    .await?;
    let mut undone = Undone {
        places: usize::try_from(places).unwrap_or(0),
        ..Undone::default()
    };
    let mut remove = Vec::new();
    for change in changes {
        if change.changed || (change.created && change.in_use) {
            undone.left.push(change.name);
            continue;
        }
        if change.created {
            remove.push(change.relation_id);
            continue;
        }
        let before = change.before.unwrap_or(Value::Null);
        let filled = |field: &str| before.get(field).and_then(Value::as_bool).unwrap_or(false);
        let tags: Option<Vec<String>> = before
            .get("tags")
            .and_then(|t| serde_json::from_value(t.clone()).ok());
        sqlx::query!(
            "UPDATE relations SET email = CASE WHEN $3 THEN NULL ELSE email END,
                    phone = CASE WHEN $4 THEN NULL ELSE phone END,
                    linkedin = CASE WHEN $5 THEN NULL ELSE linkedin END,
                    tags = coalesce($6, tags)
             WHERE guild_id = $1 AND relation_id = $2",
            guild.0,
            change.relation_id,
            filled("email"),
            filled("phone"),
            filled("linkedin"),
            tags.as_deref()
        )
        .execute(&mut *conn)
        .await?;
        undone.restored += 1;
    }
    undone.removed = remove.len();
    sqlx::query!(
        "DELETE FROM relations WHERE guild_id = $1 AND relation_id = ANY($2)",
        guild.0,
        &remove
    )
    .execute(conn)
    .await?;
    Ok(undone)
}

/// The batches of a guild, newest first: what `/relation import undo` offers.
#[tracing::instrument(skip(conn))]
pub async fn recent(
    conn: &mut Conn,
    guild: GuildId,
    limit: i64,
) -> sqlx::Result<Vec<(i64, String, DateTime<Utc>)>> {
    let rows = sqlx::query!(
        "SELECT batch_id, coalesce(file_name, format) AS \"label!\", created_at FROM import_batches
         WHERE guild_id = $1 AND state = 'confirmed'
         ORDER BY created_at DESC, batch_id DESC
         LIMIT $2",
        guild.0,
        limit
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| (r.batch_id, r.label, r.created_at))
        .collect())
}
