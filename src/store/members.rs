//! The colleagues baton has seen, by the name they go by.

use chrono::{DateTime, Utc};

use super::Conn;
use crate::domain::{GuildId, MemberId};

#[tracing::instrument(skip(conn, display_name))]
pub async fn upsert(
    conn: &mut Conn,
    guild: GuildId,
    member: MemberId,
    display_name: &str,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query!(
        "INSERT INTO members (guild_id, member_id, display_name, seen_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (guild_id, member_id)
         DO UPDATE SET display_name = EXCLUDED.display_name, seen_at = EXCLUDED.seen_at",
        guild.0,
        member.0,
        display_name,
        now
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Display names of the given members; unknown ids are left out.
#[tracing::instrument(skip(conn, members))]
pub async fn names(
    conn: &mut Conn,
    guild: GuildId,
    members: &[MemberId],
) -> sqlx::Result<Vec<(MemberId, String)>> {
    let ids: Vec<i64> = members.iter().map(|m| m.0).collect();
    let rows = sqlx::query!(
        "SELECT member_id, display_name FROM members WHERE guild_id = $1 AND member_id = ANY($2)",
        guild.0,
        &ids
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| (MemberId(row.member_id), row.display_name))
        .collect())
}

/// Turns a member's daily digest on or off.
#[tracing::instrument(skip(conn))]
pub async fn set_digest(conn: &mut Conn, guild: GuildId, member: MemberId, on: bool) -> sqlx::Result<()> {
    sqlx::query!(
        "UPDATE members SET digest = $3 WHERE guild_id = $1 AND member_id = $2",
        guild.0,
        member.0,
        on
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Whether the member wants a daily digest; unknown members get the default, yes.
#[tracing::instrument(skip(conn))]
pub async fn digest(conn: &mut Conn, guild: GuildId, member: MemberId) -> sqlx::Result<bool> {
    let on = sqlx::query_scalar!(
        "SELECT digest FROM members WHERE guild_id = $1 AND member_id = $2",
        guild.0,
        member.0
    )
    .fetch_optional(conn)
    .await?;
    Ok(on.unwrap_or(true))
}

/// Members whose display name is `name`, ignoring case: who "bob" is in a form.
#[tracing::instrument(skip(conn))]
pub async fn by_name(conn: &mut Conn, guild: GuildId, name: &str) -> sqlx::Result<Vec<(MemberId, String)>> {
    let rows = sqlx::query!(
        "SELECT member_id, display_name FROM members
         WHERE guild_id = $1 AND lower(display_name) = lower($2)
         ORDER BY seen_at DESC LIMIT 5",
        guild.0,
        name.trim()
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| (MemberId(row.member_id), row.display_name))
        .collect())
}
