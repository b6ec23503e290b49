//! Guild rows: a guild's own settings.

use chrono::{DateTime, Utc};

use super::Conn;
use crate::domain::GuildId;

/// A guild's own choices; `None` means the configured default.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GuildRow {
    pub zone: Option<String>,
    pub locale: Option<String>,
}

#[tracing::instrument(skip(conn))]
pub async fn ensure(conn: &mut Conn, guild: GuildId, now: DateTime<Utc>) -> sqlx::Result<GuildRow> {
    sqlx::query!(
        "INSERT INTO guilds (guild_id, created_at) VALUES ($1, $2) ON CONFLICT (guild_id) DO NOTHING",
        guild.0,
        now
    )
    .execute(&mut *conn)
    .await?;
    let row = sqlx::query_as!(
        GuildRow,
        "SELECT zone, locale FROM guilds WHERE guild_id = $1",
        guild.0
    )
    .fetch_one(&mut *conn)
    .await?;
    Ok(row)
}
