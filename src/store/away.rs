//! Absences: who is away when, and who backs them up.

use chrono::{DateTime, Utc};

use super::Conn;
use crate::domain::away::Away;
use crate::domain::{GuildId, MemberId};

/// An absence as listed.
#[derive(Clone, Debug)]
pub struct AwayRow {
    pub away: Away,
    pub note: Option<String>,
}

macro_rules! away_row {
    ($row:expr) => {{
        let row = $row;
        AwayRow {
            away: Away {
                member: MemberId(row.member_id),
                backup: MemberId(row.backup_id),
                starts_at: row.starts_at,
                ends_at: row.ends_at,
            },
            note: row.note,
        }
    }};
}

/// Records an absence. `None` when an overlapping absence of the same member was recorded
/// at the same moment (the exclusion constraint keeps one).
#[tracing::instrument(skip(conn, note))]
pub async fn insert(
    conn: &mut Conn,
    guild: GuildId,
    away: &Away,
    note: Option<&str>,
    created_by: MemberId,
    now: DateTime<Utc>,
) -> sqlx::Result<bool> {
    let result = sqlx::query!(
        "INSERT INTO away_periods (guild_id, member_id, backup_id, starts_at, ends_at, note, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        guild.0,
        away.member.0,
        away.backup.0,
        away.starts_at,
        away.ends_at,
        note,
        created_by.0,
        now
    )
    .execute(conn)
    .await;
    match result {
        Ok(_) => Ok(true),
        Err(sqlx::Error::Database(err)) if err.code().as_deref() == Some("23P01") => Ok(false),
        Err(err) => Err(err),
    }
}

/// Absences that have not ended by `now`, soonest first; locks the guild's absences for the
/// transaction, so two commands that check against them take turns.
#[tracing::instrument(skip(conn))]
pub async fn not_ended(conn: &mut Conn, guild: GuildId, now: DateTime<Utc>) -> sqlx::Result<Vec<AwayRow>> {
    sqlx::query!(
        "SELECT pg_advisory_xact_lock(hashtextextended('away', $1))",
        guild.0
    )
    .execute(&mut *conn)
    .await?;
    let rows = sqlx::query!(
        "SELECT member_id, backup_id, starts_at, ends_at, note FROM away_periods
         WHERE guild_id = $1 AND ends_at > $2
         ORDER BY starts_at, member_id",
        guild.0,
        now
    )
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(|row| away_row!(row)).collect())
}

/// The absences covering `at`, for routing.
#[tracing::instrument(skip(conn))]
pub async fn at(conn: &mut Conn, guild: GuildId, at: DateTime<Utc>) -> sqlx::Result<Vec<Away>> {
    let rows = sqlx::query!(
        "SELECT member_id, backup_id, starts_at, ends_at, note FROM away_periods
         WHERE guild_id = $1 AND starts_at <= $2 AND ends_at > $2",
        guild.0,
        at
    )
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(|row| away_row!(row).away).collect())
}

/// Ends a member's absence at `now`: the current one ends, one still ahead is withdrawn.
/// Returns what was ended.
#[tracing::instrument(skip(conn))]
pub async fn end(
    conn: &mut Conn,
    guild: GuildId,
    member: MemberId,
    now: DateTime<Utc>,
) -> sqlx::Result<Vec<Away>> {
    let ended = sqlx::query!(
        "UPDATE away_periods SET ends_at = $3
         WHERE guild_id = $1 AND member_id = $2 AND starts_at < $3 AND ends_at > $3
         RETURNING member_id, backup_id, starts_at, ends_at, note",
        guild.0,
        member.0,
        now
    )
    .fetch_all(&mut *conn)
    .await?;
    let withdrawn = sqlx::query!(
        "DELETE FROM away_periods
         WHERE guild_id = $1 AND member_id = $2 AND starts_at >= $3
         RETURNING member_id, backup_id, starts_at, ends_at, note",
        guild.0,
        member.0,
        now
    )
    .fetch_all(conn)
    .await?;
    Ok(ended
        .into_iter()
        .map(|row| away_row!(row).away)
        .chain(withdrawn.into_iter().map(|row| away_row!(row).away))
        .collect())
}
