//! Guild rows: a guild's own settings (NULL means the configured default).

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};

use super::Conn;
use crate::domain::GuildId;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GuildRow {
    pub zone: Option<String>,
    pub locale: Option<String>,
    pub reminder_channel_id: Option<i64>,
    pub escalation_role_id: Option<i64>,
    pub escalation_channel_id: Option<i64>,
    pub working_hours: Option<String>,
    pub repeat_every: Option<String>,
    pub escalate_after: Option<i32>,
    pub digest_time: Option<NaiveTime>,
    pub digest_to: Option<String>,
    pub digest_channel_id: Option<i64>,
    pub handover_ack_within: Option<String>,
    pub appointment_reminders: Option<String>,
    pub appointment_inform_within: Option<String>,
    pub restricted_role_id: Option<i64>,
    pub minimal_channel_posts: Option<bool>,
}

/// Creates the guild's row on first sight and returns its settings.
#[tracing::instrument(skip(conn))]
pub async fn ensure(conn: &mut Conn, guild: GuildId, now: DateTime<Utc>) -> sqlx::Result<GuildRow> {
    sqlx::query!(
        "INSERT INTO guilds (guild_id, created_at) VALUES ($1, $2) ON CONFLICT (guild_id) DO NOTHING",
        guild.0,
        now
    )
    .execute(&mut *conn)
    .await?;
    get(conn, guild).await
}

#[tracing::instrument(skip(conn))]
pub async fn get(conn: &mut Conn, guild: GuildId) -> sqlx::Result<GuildRow> {
    sqlx::query_as!(
        GuildRow,
        "SELECT zone, locale, reminder_channel_id, escalation_role_id, escalation_channel_id,
                working_hours, repeat_every, escalate_after, digest_time, digest_to, digest_channel_id,
                handover_ack_within, appointment_reminders, appointment_inform_within, restricted_role_id,
                minimal_channel_posts
         FROM guilds WHERE guild_id = $1",
        guild.0
    )
    .fetch_one(conn)
    .await
}

/// Writes the whole settings row: the caller read it, changed what was asked, and hands
/// it back. Guild settings change rarely and by admins only; the last write wins.
#[tracing::instrument(skip(conn, row))]
pub async fn update(conn: &mut Conn, guild: GuildId, row: &GuildRow) -> sqlx::Result<()> {
    sqlx::query!(
        "UPDATE guilds SET zone = $2, locale = $3, reminder_channel_id = $4, escalation_role_id = $5,
                escalation_channel_id = $6, working_hours = $7, repeat_every = $8, escalate_after = $9,
                digest_time = $10, digest_to = $11, digest_channel_id = $12, handover_ack_within = $13,
                appointment_reminders = $14, appointment_inform_within = $15, restricted_role_id = $16,
                minimal_channel_posts = $17
         WHERE guild_id = $1",
        guild.0,
        row.zone,
        row.locale,
        row.reminder_channel_id,
        row.escalation_role_id,
        row.escalation_channel_id,
        row.working_hours,
        row.repeat_every,
        row.escalate_after,
        row.digest_time,
        row.digest_to,
        row.digest_channel_id,
        row.handover_ack_within,
        row.appointment_reminders,
        row.appointment_inform_within,
        row.restricted_role_id,
        row.minimal_channel_posts
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Claims the guild's digest round for `day`: true for exactly one caller, however many
/// instances ask at once.
#[tracing::instrument(skip(conn))]
pub async fn claim_digest_day(conn: &mut Conn, guild: GuildId, day: NaiveDate) -> sqlx::Result<bool> {
    let claimed = sqlx::query!(
        "UPDATE guilds SET digest_done_on = $2
         WHERE guild_id = $1 AND (digest_done_on IS NULL OR digest_done_on < $2)",
        guild.0,
        day
    )
    .execute(conn)
    .await?;
    Ok(claimed.rows_affected() == 1)
}

/// Guilds with open commitments, with their digest state: the ones a digest may be due for.
#[tracing::instrument(skip(conn))]
pub async fn with_open_commitments(
    conn: &mut Conn,
) -> sqlx::Result<Vec<(GuildId, GuildRow, Option<NaiveDate>)>> {
    let rows = sqlx::query!(
        "SELECT g.guild_id, zone, locale, reminder_channel_id, escalation_role_id, escalation_channel_id,
                working_hours, repeat_every, escalate_after, digest_time, digest_to, digest_channel_id,
                handover_ack_within, appointment_reminders, appointment_inform_within, restricted_role_id, minimal_channel_posts,
                digest_done_on
         FROM guilds g
         WHERE EXISTS (SELECT 1 FROM commitments c WHERE c.guild_id = g.guild_id AND c.status = 'open')
            OR EXISTS (SELECT 1 FROM appointments a WHERE a.guild_id = g.guild_id AND a.status = 'scheduled')"
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let row = GuildRow {
                zone: r.zone,
                locale: r.locale,
                reminder_channel_id: r.reminder_channel_id,
                escalation_role_id: r.escalation_role_id,
                escalation_channel_id: r.escalation_channel_id,
                working_hours: r.working_hours,
                repeat_every: r.repeat_every,
                escalate_after: r.escalate_after,
                digest_time: r.digest_time,
                digest_to: r.digest_to,
                digest_channel_id: r.digest_channel_id,
                handover_ack_within: r.handover_ack_within,
                appointment_reminders: r.appointment_reminders,
                appointment_inform_within: r.appointment_inform_within,
                restricted_role_id: r.restricted_role_id,
                minimal_channel_posts: r.minimal_channel_posts,
            };
            (GuildId(r.guild_id), row, r.digest_done_on)
        })
        .collect())
}
