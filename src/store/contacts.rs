//! Logged contacts. Logging itself, with its follow-up, is `contact_log`.

use chrono::{DateTime, Utc};

use super::Conn;
use crate::domain::contact::Via;
use crate::domain::{ChannelId, ContactId, GuildId, MemberId, RelationId};

#[derive(Clone, Debug)]
pub struct NewContact<'a> {
    pub occurred_at: DateTime<Utc>,
    pub via: Via,
    pub logged_by: MemberId,
    pub summary: &'a str,
    pub restricted: bool,
    pub channel: Option<ChannelId>,
    pub created_at: DateTime<Utc>,
}

#[derive(Clone, Debug)]
pub struct ContactRow {
    pub id: ContactId,
    pub occurred_at: DateTime<Utc>,
    pub via: Via,
    pub logged_by: MemberId,
    pub summary: String,
    pub restricted: bool,
}

/// The newest contacts with a relation, newest first.
#[tracing::instrument(skip(conn))]
pub async fn newest(
    conn: &mut Conn,
    guild: GuildId,
    relation: RelationId,
    limit: i64,
) -> sqlx::Result<Vec<ContactRow>> {
    let rows = sqlx::query!(
        "SELECT contact_id, occurred_at, via, logged_by, summary, restricted
         FROM contacts WHERE guild_id = $1 AND relation_id = $2
         ORDER BY occurred_at DESC, contact_id DESC
         LIMIT $3",
        guild.0,
        relation.0,
        limit
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| ContactRow {
            id: ContactId(row.contact_id),
            occurred_at: row.occurred_at,
            // The CHECK constraint admits only known words; phone is the harmless fallback.
            via: Via::parse(&row.via).unwrap_or(Via::Phone),
            logged_by: MemberId(row.logged_by),
            summary: row.summary,
            restricted: row.restricted,
        })
        .collect())
}

#[tracing::instrument(skip(conn))]
pub async fn count(conn: &mut Conn, guild: GuildId, relation: RelationId) -> sqlx::Result<i64> {
    let n = sqlx::query_scalar!(
        r#"SELECT count(*) AS "n!" FROM contacts WHERE guild_id = $1 AND relation_id = $2"#,
        guild.0,
        relation.0
    )
    .fetch_one(conn)
    .await?;
    Ok(n)
}
