//! Relations: lookup by name key, creation, and the searches behind autocomplete.

use chrono::{DateTime, Utc};

use super::Conn;
use crate::domain::relation::RelationName;
use crate::domain::{GuildId, MemberId, RelationId};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RelationRow {
    pub id: RelationId,
    pub name: String,
}

#[tracing::instrument(skip(conn, name))]
pub async fn find(conn: &mut Conn, guild: GuildId, name: &RelationName) -> sqlx::Result<Option<RelationRow>> {
    let row = sqlx::query!(
        "SELECT relation_id, name FROM relations WHERE guild_id = $1 AND name_key = $2",
        guild.0,
        name.key()
    )
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|row| RelationRow {
        id: RelationId(row.relation_id),
        name: row.name,
    }))
}

/// Creates the relation, or returns `None` when a concurrent command created it first.
#[tracing::instrument(skip(conn, name))]
pub async fn insert(
    conn: &mut Conn,
    guild: GuildId,
    name: &RelationName,
    created_by: MemberId,
    now: DateTime<Utc>,
) -> sqlx::Result<Option<RelationRow>> {
    let row = sqlx::query!(
        "INSERT INTO relations (guild_id, name, name_key, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (guild_id, name_key) DO NOTHING
         RETURNING relation_id, name",
        guild.0,
        name.as_str(),
        name.key(),
        created_by.0,
        now
    )
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|row| RelationRow {
        id: RelationId(row.relation_id),
        name: row.name,
    }))
}

/// Names containing `key` (lower-cased), those starting with it first.
#[tracing::instrument(skip(conn))]
pub async fn search(conn: &mut Conn, guild: GuildId, key: &str, limit: i64) -> sqlx::Result<Vec<String>> {
    let pattern = super::like_escape(key);
    sqlx::query_scalar!(
        r#"SELECT name FROM relations
           WHERE guild_id = $1 AND name_key LIKE '%' || $2 || '%'
           ORDER BY name_key LIKE $2 || '%' DESC, char_length(name_key), name_key
           LIMIT $3"#,
        guild.0,
        pattern,
        limit
    )
    .fetch_all(conn)
    .await
}

/// The relations a member logged contacts with most recently, for an empty autocomplete.
#[tracing::instrument(skip(conn))]
pub async fn recent_for(
    conn: &mut Conn,
    guild: GuildId,
    member: MemberId,
    limit: i64,
) -> sqlx::Result<Vec<String>> {
    sqlx::query_scalar!(
        r#"SELECT r.name FROM (
               SELECT relation_id, max(created_at) AS last
               FROM (SELECT relation_id, created_at FROM contacts
                     WHERE guild_id = $1 AND logged_by = $2
                     ORDER BY created_at DESC LIMIT 200) recent
               GROUP BY relation_id
           ) mine
           JOIN relations r ON r.guild_id = $1 AND r.relation_id = mine.relation_id
           ORDER BY mine.last DESC
           LIMIT $3"#,
        guild.0,
        member.0,
        limit
    )
    .fetch_all(conn)
    .await
}

/// Names that look like `key`, for "did you mean" after a typo.
#[tracing::instrument(skip(conn))]
pub async fn similar(conn: &mut Conn, guild: GuildId, key: &str, limit: i64) -> sqlx::Result<Vec<String>> {
    sqlx::query_scalar!(
        r#"SELECT name FROM relations
           WHERE guild_id = $1 AND name_key % $2
           ORDER BY similarity(name_key, $2) DESC, name_key
           LIMIT $3"#,
        guild.0,
        key,
        limit
    )
    .fetch_all(conn)
    .await
}
