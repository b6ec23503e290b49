//! The scheduler's reads and writes: commitments whose next reminder is due, the nudges
//! recorded for them, and what a delivery is about when it is sent.

use chrono::{DateTime, Duration, NaiveDate, Utc};

use super::commitments::{commitment_row, CommitmentRow};
use super::{Conn, Scope};
use crate::domain::schedule::NudgeState;
use crate::domain::{ChannelId, CommitmentId, GuildId, MemberId};

/// An open commitment whose next reminder is due, locked for planning.
#[derive(Clone, Debug)]
pub struct Due {
    pub guild: GuildId,
    pub id: CommitmentId,
    pub owner: MemberId,
    pub channel: Option<ChannelId>,
    pub nudge: NudgeState,
    /// The due date's series: part of every nudge's identity.
    pub series: i32,
    /// Planning failed this many times in a row before.
    pub plan_attempts: i32,
}

/// Claims up to `limit` commitments whose next reminder is due at `now` (of those given,
/// when some are), skipping any another scheduler holds. The lock lasts until the caller's
/// transaction ends.
#[tracing::instrument(skip(conn))]
pub async fn claim_due(
    conn: &mut Conn,
    now: DateTime<Utc>,
    limit: i64,
    scope: Scope,
    only: Option<&[CommitmentId]>,
) -> sqlx::Result<Vec<Due>> {
    let rows = sqlx::query!(
        "SELECT guild_id, commitment_id, owner_id, channel_id, due_at, remind_before_minutes,
                heads_up_sent, nudges_sent, last_nudged_at, series, plan_attempts
         FROM commitments
         WHERE status = 'open' AND next_nudge_at <= $1
           AND ($3::bigint IS NULL OR guild_id = $3) AND ($4::bigint IS NULL OR guild_id <> $4)
           AND ($5::bigint[] IS NULL OR commitment_id = ANY($5))
         ORDER BY next_nudge_at
         LIMIT $2
         FOR UPDATE SKIP LOCKED",
        now,
        limit,
        scope.only(),
        scope.except(),
        only.map(|ids| ids.iter().map(|id| id.0).collect::<Vec<i64>>()) as Option<Vec<i64>>
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| Due {
            series: row.series,
            plan_attempts: row.plan_attempts,
            guild: GuildId(row.guild_id),
            id: CommitmentId(row.commitment_id),
            owner: MemberId(row.owner_id),
            channel: row.channel_id.map(ChannelId),
            nudge: NudgeState {
                due_at: row.due_at,
                remind_before: row.remind_before_minutes.map(|m| Duration::minutes(i64::from(m))),
                heads_up_sent: row.heads_up_sent,
                nudges_sent: u32::try_from(row.nudges_sent).unwrap_or(0),
                last_nudged_at: row.last_nudged_at,
            },
        })
        .collect())
}

/// A commitment's reminder state after planning.
#[derive(Clone, Debug)]
pub struct Planned {
    pub guild: GuildId,
    pub id: CommitmentId,
    pub nudge: NudgeState,
    pub next_nudge_at: DateTime<Utc>,
}

/// Writes the planned states of many commitments in one statement; planning succeeded, so
/// earlier failures are forgotten.
#[tracing::instrument(skip_all, fields(count = planned.len()))]
pub async fn update_planned(conn: &mut Conn, planned: &[Planned]) -> sqlx::Result<()> {
    let guilds: Vec<i64> = planned.iter().map(|p| p.guild.0).collect();
    let ids: Vec<i64> = planned.iter().map(|p| p.id.0).collect();
    let heads_up: Vec<bool> = planned.iter().map(|p| p.nudge.heads_up_sent).collect();
    let sent: Vec<i32> = planned
        .iter()
        .map(|p| i32::try_from(p.nudge.nudges_sent).unwrap_or(i32::MAX))
        .collect();
    let last: Vec<Option<DateTime<Utc>>> = planned.iter().map(|p| p.nudge.last_nudged_at).collect();
    let next: Vec<DateTime<Utc>> = planned.iter().map(|p| p.next_nudge_at).collect();
    sqlx::query!(
        "UPDATE commitments c
         SET heads_up_sent = u.heads_up, nudges_sent = u.sent, last_nudged_at = u.last, next_nudge_at = u.next,
             plan_attempts = 0, plan_error = NULL
         FROM UNNEST($1::bigint[], $2::bigint[], $3::boolean[], $4::integer[], $5::timestamptz[], $6::timestamptz[])
              AS u(guild, id, heads_up, sent, last, next)
         WHERE c.guild_id = u.guild AND c.commitment_id = u.id",
        &guilds,
        &ids,
        &heads_up,
        &sent,
        &last as &[Option<DateTime<Utc>>],
        &next
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// One recorded nudge: its identity (commitment, number) and the delivery carrying it.
#[derive(Clone, Debug)]
pub struct NewNudge {
    pub guild: GuildId,
    pub commitment: CommitmentId,
    pub number: u32,
    pub escalated: bool,
    pub delivery: i64,
    pub series: i32,
}

/// Records nudges. Their key is their identity, so the same nudge can never be recorded
/// twice; the caller holds the commitments' locks, so it never tries.
#[tracing::instrument(skip_all, fields(count = nudges.len()))]
pub async fn record(conn: &mut Conn, nudges: &[NewNudge], now: DateTime<Utc>) -> sqlx::Result<()> {
    let guilds: Vec<i64> = nudges.iter().map(|n| n.guild.0).collect();
    let ids: Vec<i64> = nudges.iter().map(|n| n.commitment.0).collect();
    let numbers: Vec<i32> = nudges
        .iter()
        .map(|n| i32::try_from(n.number).unwrap_or(i32::MAX))
        .collect();
    let escalated: Vec<bool> = nudges.iter().map(|n| n.escalated).collect();
    let deliveries: Vec<i64> = nudges.iter().map(|n| n.delivery).collect();
    let series: Vec<i32> = nudges.iter().map(|n| n.series).collect();
    sqlx::query!(
        "INSERT INTO nudges (guild_id, commitment_id, series, number, escalated, delivery_id, created_at)
         SELECT n.guild, n.id, n.series, n.number, n.escalated, n.delivery, $6
         FROM UNNEST($1::bigint[], $2::bigint[], $3::integer[], $4::boolean[], $5::bigint[], $7::integer[])
              AS n(guild, id, number, escalated, delivery, series)",
        &guilds,
        &ids,
        &numbers,
        &escalated,
        &deliveries,
        now,
        &series
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// What one delivery reminds of: its commitments as they are now, with the nudge numbers.
#[derive(Clone, Debug)]
pub struct Item {
    pub delivery: i64,
    pub number: u32,
    pub escalated: bool,
    /// The series the nudge was planned for; stale once the commitment moved on.
    pub series: i32,
    pub commitment: CommitmentRow,
}

impl Item {
    /// Still worth saying at `now`: the commitment is open and still at the date this nudge
    /// was for, and a heads-up is still ahead of that date (once it has passed, the overdue
    /// nudge says more).
    pub fn current(&self, now: DateTime<Utc>) -> bool {
        self.commitment.status == crate::domain::commitment::CommitmentStatus::Open
            && self.commitment.series == self.series
            && (self.number > 0 || now < self.commitment.due_at)
    }
}

/// The items of the given deliveries, in reference order.
#[tracing::instrument(skip_all, fields(count = deliveries.len()))]
pub async fn items(conn: &mut Conn, deliveries: &[(GuildId, i64)]) -> sqlx::Result<Vec<Item>> {
    let guilds: Vec<i64> = deliveries.iter().map(|(g, _)| g.0).collect();
    let ids: Vec<i64> = deliveries.iter().map(|(_, d)| *d).collect();
    let rows = sqlx::query!(
        r#"SELECT n.delivery_id, n.number, n.escalated, n.series AS nudge_series,
                  c.commitment_id, c.ref, c.relation_id, r.name AS relation_name, c.kind, c.direction,
                  c.certainty, c.what, c.depends_on, c.owner_id, c.created_by, c.channel_id, c.due_at,
                  c.status, c.closed_at, c.remind_before_minutes, c.heads_up_sent, c.nudges_sent,
                  c.last_nudged_at, c.series, c.told_series
           FROM UNNEST($1::bigint[], $2::bigint[]) AS d(guild, id)
           JOIN nudges n ON n.guild_id = d.guild AND n.delivery_id = d.id
           JOIN commitments c ON c.guild_id = n.guild_id AND c.commitment_id = n.commitment_id
           JOIN relations r ON r.guild_id = c.guild_id AND r.relation_id = c.relation_id
           ORDER BY n.delivery_id, c.ref"#,
        &guilds,
        &ids
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| Item {
            delivery: row.delivery_id,
            number: u32::try_from(row.number).unwrap_or(0),
            escalated: row.escalated,
            series: row.nudge_series,
            commitment: commitment_row!(row),
        })
        .collect())
}

/// Records that planning a commitment's reminder failed: the error and the attempt stay on
/// the commitment, which is tried again at `retry_at`.
#[tracing::instrument(skip(conn, error))]
pub async fn plan_failed(
    conn: &mut Conn,
    guild: GuildId,
    id: CommitmentId,
    error: &str,
    retry_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query!(
        "UPDATE commitments
         SET plan_attempts = plan_attempts + 1, plan_error = $3, next_nudge_at = $4, plan_failed_at = $5
         WHERE guild_id = $1 AND commitment_id = $2 AND status = 'open'",
        guild.0,
        id.0,
        error,
        retry_at,
        now
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// When the next reminder of any open commitment is due.
#[tracing::instrument(skip(conn))]
pub async fn next_due(conn: &mut Conn, scope: Scope) -> sqlx::Result<Option<DateTime<Utc>>> {
    sqlx::query_scalar!(
        "SELECT min(next_nudge_at) FROM commitments
         WHERE status = 'open'
           AND ($1::bigint IS NULL OR guild_id = $1) AND ($2::bigint IS NULL OR guild_id <> $2)",
        scope.only(),
        scope.except()
    )
    .fetch_one(conn)
    .await
}

/// Members of a guild who hold open commitments due before `until` and want a digest.
#[tracing::instrument(skip(conn))]
pub async fn digest_members(
    conn: &mut Conn,
    guild: GuildId,
    until: DateTime<Utc>,
) -> sqlx::Result<Vec<MemberId>> {
    let ids = sqlx::query_scalar!(
        r#"SELECT DISTINCT c.owner_id AS "owner_id!"
           FROM commitments c
           LEFT JOIN members m ON m.guild_id = c.guild_id AND m.member_id = c.owner_id
           WHERE c.guild_id = $1 AND c.status = 'open' AND c.due_at < $2 AND coalesce(m.digest, true)
           ORDER BY 1"#,
        guild.0,
        until
    )
    .fetch_all(conn)
    .await?;
    Ok(ids.into_iter().map(MemberId).collect())
}

/// Records the digests of one guild's day under the given deliveries.
#[tracing::instrument(skip_all, fields(guild = %guild, count = members.len()))]
pub async fn record_digests(
    conn: &mut Conn,
    guild: GuildId,
    day: NaiveDate,
    members: &[MemberId],
    deliveries: &[i64],
) -> sqlx::Result<()> {
    let ids: Vec<i64> = members.iter().map(|m| m.0).collect();
    sqlx::query!(
        "INSERT INTO digests (guild_id, member_id, day, delivery_id)
         SELECT $1, d.member, $2, d.delivery FROM UNNEST($3::bigint[], $4::bigint[]) AS d(member, delivery)",
        guild.0,
        day,
        &ids,
        deliveries
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// The member and day a digest delivery is for.
#[tracing::instrument(skip(conn))]
pub async fn digest_of(
    conn: &mut Conn,
    guild: GuildId,
    delivery: i64,
) -> sqlx::Result<Option<(MemberId, NaiveDate)>> {
    let row = sqlx::query!(
        "SELECT member_id, day FROM digests WHERE guild_id = $1 AND delivery_id = $2",
        guild.0,
        delivery
    )
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|row| (MemberId(row.member_id), row.day)))
}

/// A member's open commitments due before `until`, soonest first: a digest's contents.
#[tracing::instrument(skip(conn))]
pub async fn open_due_before(
    conn: &mut Conn,
    guild: GuildId,
    owner: MemberId,
    until: DateTime<Utc>,
) -> sqlx::Result<Vec<CommitmentRow>> {
    let rows = sqlx::query!(
        r#"SELECT c.commitment_id, c.ref, c.relation_id, r.name AS relation_name, c.kind, c.direction,
                  c.certainty, c.what, c.depends_on, c.owner_id, c.created_by, c.channel_id, c.due_at,
                  c.status, c.closed_at, c.remind_before_minutes, c.heads_up_sent, c.nudges_sent,
                  c.last_nudged_at, c.series, c.told_series
           FROM commitments c JOIN relations r USING (guild_id, relation_id)
           WHERE c.guild_id = $1 AND c.owner_id = $2 AND c.status = 'open' AND c.due_at < $3
           ORDER BY c.due_at, c.ref"#,
        guild.0,
        owner.0,
        until
    )
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(|row| commitment_row!(row)).collect())
}
