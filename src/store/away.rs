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
    upcoming(conn, guild, now).await
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
/// Returns what was ended and what was withdrawn.
#[tracing::instrument(skip(conn))]
pub async fn end(
    conn: &mut Conn,
    guild: GuildId,
    member: MemberId,
    now: DateTime<Utc>,
) -> sqlx::Result<(Vec<Away>, Vec<Away>)> {
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
    Ok((
        ended.into_iter().map(|row| away_row!(row).away).collect(),
        withdrawn.into_iter().map(|row| away_row!(row).away).collect(),
    ))
}

/// Absences that have not ended by `now`, soonest first, without taking the guild's lock:
/// for showing.
#[tracing::instrument(skip(conn))]
pub async fn upcoming(conn: &mut Conn, guild: GuildId, now: DateTime<Utc>) -> sqlx::Result<Vec<AwayRow>> {
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

/// How long after an absence ended its summary is still worth sending.
pub const SUMMARY_WITHIN_DAYS: i64 = 14;

/// Claims absences that ended by `now` and have no summary yet, skipping any another
/// scheduler holds; the locks last until the caller's transaction ends.
#[tracing::instrument(skip(conn))]
pub async fn claim_ended(
    conn: &mut Conn,
    now: DateTime<Utc>,
    scope: super::Scope,
    limit: i64,
) -> sqlx::Result<Vec<(GuildId, i64, Away)>> {
    let rows = sqlx::query!(
        "SELECT guild_id, away_id, member_id, backup_id, starts_at, ends_at, note FROM away_periods
         WHERE summary_delivery_id IS NULL AND ends_at <= $1 AND ends_at > $1::timestamptz - make_interval(days => $5)
           AND ($2::bigint IS NULL OR guild_id = $2) AND ($3::bigint IS NULL OR guild_id <> $3)
         ORDER BY ends_at
         LIMIT $4
         FOR UPDATE SKIP LOCKED",
        now,
        scope.only(),
        scope.except(),
        limit,
        SUMMARY_WITHIN_DAYS as i32
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| (GuildId(row.guild_id), row.away_id, away_row!(row).away))
        .collect())
}

/// Links an ended absence to the delivery of its summary: it is summarised once.
#[tracing::instrument(skip(conn))]
pub async fn set_summary(conn: &mut Conn, guild: GuildId, away: i64, delivery: i64) -> sqlx::Result<()> {
    sqlx::query!(
        "UPDATE away_periods SET summary_delivery_id = $3 WHERE guild_id = $1 AND away_id = $2",
        guild.0,
        away,
        delivery
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// The absence a summary delivery is about.
#[tracing::instrument(skip(conn))]
pub async fn of_summary(conn: &mut Conn, guild: GuildId, delivery: i64) -> sqlx::Result<Option<Away>> {
    let row = sqlx::query!(
        "SELECT member_id, backup_id, starts_at, ends_at, note FROM away_periods
         WHERE guild_id = $1 AND summary_delivery_id = $2",
        guild.0,
        delivery
    )
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|row| away_row!(row).away))
}

/// When the next absence without a summary ends.
#[tracing::instrument(skip(conn))]
pub async fn next_end(
    conn: &mut Conn,
    scope: super::Scope,
    now: DateTime<Utc>,
) -> sqlx::Result<Option<DateTime<Utc>>> {
    sqlx::query_scalar!(
        "SELECT min(ends_at) FROM away_periods
         WHERE summary_delivery_id IS NULL AND ends_at > $3::timestamptz - make_interval(days => $4)
           AND ($1::bigint IS NULL OR guild_id = $1) AND ($2::bigint IS NULL OR guild_id <> $2)",
        scope.only(),
        scope.except(),
        now,
        SUMMARY_WITHIN_DAYS as i32
    )
    .fetch_one(conn)
    .await
}
