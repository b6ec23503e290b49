//! Commitments: who holds the ball for what, by when.

use chrono::{DateTime, Duration, Utc};

use super::Conn;
use crate::domain::commitment::{Certainty, CommitmentKind, CommitmentStatus, Direction};
use crate::domain::schedule::NudgeState;
use crate::domain::{ChannelId, CommitmentId, CommitmentRef, ContactId, GuildId, MemberId, RelationId};

#[derive(Clone, Debug)]
pub struct NewCommitment<'a> {
    pub relation: RelationId,
    pub contact: Option<ContactId>,
    pub kind: CommitmentKind,
    pub direction: Direction,
    pub certainty: Certainty,
    pub what: &'a str,
    pub depends_on: Option<&'a str>,
    pub owner: MemberId,
    pub created_by: MemberId,
    pub channel: Option<ChannelId>,
    pub due_at: DateTime<Utc>,
    pub remind_before: Option<Duration>,
    pub next_nudge_at: DateTime<Utc>,
    pub created_at: DateTime<Utc>,
}

/// A commitment with its relation's name, as commands and reminders show it.
#[derive(Clone, Debug)]
pub struct CommitmentRow {
    pub id: CommitmentId,
    pub reference: CommitmentRef,
    pub relation: RelationId,
    pub relation_name: String,
    pub kind: CommitmentKind,
    pub direction: Direction,
    pub certainty: Certainty,
    pub what: String,
    pub depends_on: Option<String>,
    pub owner: MemberId,
    pub created_by: MemberId,
    pub channel: Option<ChannelId>,
    pub due_at: DateTime<Utc>,
    pub status: CommitmentStatus,
    pub closed_at: Option<DateTime<Utc>>,
    pub nudge: NudgeState,
    /// Which due date this is: 1 for the first, one more for every move. A nudge's
    /// identity includes it, so a new date starts its reminders afresh.
    pub series: i32,
    /// The series whose date the relation was told about.
    pub told_series: Option<i32>,
}

/// Reads a row selected with the commitment columns (`c.commitment_id, c.ref, …,
/// c.last_nudged_at, c.series, c.told_series` and `relation_name`) into a `CommitmentRow`.
macro_rules! commitment_row {
    ($row:expr) => {{
        use $crate::domain::commitment::{Certainty, CommitmentKind, CommitmentStatus, Direction};
        let row = $row;
        $crate::store::commitments::CommitmentRow {
            id: $crate::domain::CommitmentId(row.commitment_id),
            reference: $crate::domain::CommitmentRef(row.r#ref),
            relation: $crate::domain::RelationId(row.relation_id),
            relation_name: row.relation_name,
            // The CHECK constraints admit only known words; the fallbacks are unreachable.
            kind: CommitmentKind::parse(&row.kind).unwrap_or(CommitmentKind::Promise),
            direction: Direction::parse(&row.direction).unwrap_or(Direction::WeOwe),
            certainty: Certainty::parse(&row.certainty).unwrap_or(Certainty::Expected),
            what: row.what,
            depends_on: row.depends_on,
            owner: $crate::domain::MemberId(row.owner_id),
            created_by: $crate::domain::MemberId(row.created_by),
            channel: row.channel_id.map($crate::domain::ChannelId),
            due_at: row.due_at,
            status: CommitmentStatus::parse(&row.status).unwrap_or(CommitmentStatus::Open),
            closed_at: row.closed_at,
            nudge: $crate::domain::schedule::NudgeState {
                due_at: row.due_at,
                remind_before: row
                    .remind_before_minutes
                    .map(|m| chrono::Duration::minutes(i64::from(m))),
                heads_up_sent: row.heads_up_sent,
                nudges_sent: u32::try_from(row.nudges_sent).unwrap_or(0),
                last_nudged_at: row.last_nudged_at,
            },
            series: row.series,
            told_series: row.told_series,
        }
    }};
}
pub(crate) use commitment_row;

pub(crate) fn minutes(span: Option<Duration>) -> Option<i32> {
    span.and_then(|d| i32::try_from(d.num_minutes()).ok())
}

/// Inserts the commitment with the guild's next short reference.
#[tracing::instrument(skip_all, fields(guild = %guild))]
pub async fn insert(
    conn: &mut Conn,
    guild: GuildId,
    new: &NewCommitment<'_>,
) -> sqlx::Result<(CommitmentId, CommitmentRef)> {
    let row = sqlx::query!(
        r#"INSERT INTO commitments (guild_id, ref, relation_id, contact_id, kind, direction, certainty,
                                    what, depends_on, owner_id, created_by, channel_id, due_at,
                                    remind_before_minutes, next_nudge_at, created_at)
           VALUES ($1, next_commitment_ref($1), $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
           RETURNING commitment_id, ref AS "ref!""#,
        guild.0,
        new.relation.0,
        new.contact.map(|c| c.0),
        new.kind.as_str(),
        new.direction.as_str(),
        new.certainty.as_str(),
        new.what,
        new.depends_on,
        new.owner.0,
        new.created_by.0,
        new.channel.map(|c| c.0),
        new.due_at,
        minutes(new.remind_before),
        new.next_nudge_at,
        new.created_at
    )
    .fetch_one(conn)
    .await?;
    Ok((CommitmentId(row.commitment_id), CommitmentRef(row.r#ref)))
}

/// The commitment with this reference in this guild, locked for a change.
#[tracing::instrument(skip(conn))]
pub async fn lock_by_ref(
    conn: &mut Conn,
    guild: GuildId,
    reference: CommitmentRef,
) -> sqlx::Result<Option<CommitmentRow>> {
    let row = sqlx::query!(
        r#"SELECT c.commitment_id, c.ref, c.relation_id, r.name AS relation_name, c.kind, c.direction,
                  c.certainty, c.what, c.depends_on, c.owner_id, c.created_by, c.channel_id, c.due_at,
                  c.status, c.closed_at, c.remind_before_minutes, c.heads_up_sent, c.nudges_sent,
                  c.last_nudged_at, c.series, c.told_series
           FROM commitments c JOIN relations r USING (guild_id, relation_id)
           WHERE c.guild_id = $1 AND c.ref = $2
           FOR UPDATE OF c"#,
        guild.0,
        reference.0
    )
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|row| commitment_row!(row)))
}

/// Closes an open commitment (done or cancelled): no more reminders.
#[tracing::instrument(skip(conn, note))]
pub async fn close(
    conn: &mut Conn,
    guild: GuildId,
    id: CommitmentId,
    status: CommitmentStatus,
    by: MemberId,
    note: Option<&str>,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query!(
        "UPDATE commitments
         SET status = $3, closed_at = $4, closed_by = $5, close_note = $6, next_nudge_at = NULL
         WHERE guild_id = $1 AND commitment_id = $2 AND status = 'open'",
        guild.0,
        id.0,
        status.as_str(),
        now,
        by.0,
        note
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Gives a commitment a new due time: a new series of reminders, numbered afresh, while
/// the nudges of the old date keep their identities (and are no longer shown). Returns the
/// new series.
#[tracing::instrument(skip(conn))]
pub async fn reschedule(
    conn: &mut Conn,
    guild: GuildId,
    id: CommitmentId,
    due_at: DateTime<Utc>,
    next_nudge_at: DateTime<Utc>,
) -> sqlx::Result<i32> {
    sqlx::query_scalar!(
        "UPDATE commitments
         SET due_at = $3, next_nudge_at = $4, series = series + 1, heads_up_sent = false,
             nudges_sent = 0, last_nudged_at = NULL, plan_attempts = 0, plan_error = NULL
         WHERE guild_id = $1 AND commitment_id = $2
         RETURNING series",
        guild.0,
        id.0,
        due_at,
        next_nudge_at
    )
    .fetch_one(conn)
    .await
}

/// Makes every open commitment and pending handover of the guild with a reminder ahead due
/// for planning now: the planner then decides each one's next reminder under the guild's
/// current rules.
#[tracing::instrument(skip(conn))]
pub async fn replan(conn: &mut Conn, guild: GuildId, now: DateTime<Utc>) -> sqlx::Result<u64> {
    let done = sqlx::query!(
        "UPDATE commitments SET next_nudge_at = $2
         WHERE guild_id = $1 AND status = 'open' AND next_nudge_at > $2",
        guild.0,
        now
    )
    .execute(&mut *conn)
    .await?;
    let handovers = sqlx::query!(
        "UPDATE handovers SET next_nudge_at = $2
         WHERE guild_id = $1 AND status = 'pending' AND next_nudge_at > $2",
        guild.0,
        now
    )
    .execute(&mut *conn)
    .await?;
    let appointments = sqlx::query!(
        "UPDATE appointments SET next_nudge_at = $2
         WHERE guild_id = $1 AND status = 'scheduled' AND next_nudge_at > $2",
        guild.0,
        now
    )
    .execute(&mut *conn)
    .await?;
    // Reminders before an appointment are replanned while it lies ahead, also when none
    // was left under the old spans: new ones may have been added.
    let participants = sqlx::query!(
        "UPDATE appointment_participants p SET next_nudge_at = $2
         FROM appointments a
         WHERE a.guild_id = p.guild_id AND a.appointment_id = p.appointment_id
           AND p.guild_id = $1 AND a.status = 'scheduled' AND a.starts_at > $2
           AND (p.next_nudge_at IS NULL OR p.next_nudge_at > $2)",
        guild.0,
        now
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected()
        + handovers.rows_affected()
        + appointments.rows_affected()
        + participants.rows_affected())
}

/// Records that the relation was told about this series' date.
#[tracing::instrument(skip(conn))]
pub async fn mark_told(conn: &mut Conn, guild: GuildId, id: CommitmentId, series: i32) -> sqlx::Result<()> {
    sqlx::query!(
        "UPDATE commitments SET told_series = $3 WHERE guild_id = $1 AND commitment_id = $2",
        guild.0,
        id.0,
        series
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Which commitments a list shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Filter {
    Open,
    Overdue,
    Done,
    All,
}

/// One page of commitments, with the number there are in all. Open and overdue ones come
/// soonest due first (what needs doing first); done and all newest due first.
#[tracing::instrument(skip(conn))]
#[allow(clippy::too_many_arguments)]
pub async fn list(
    conn: &mut Conn,
    guild: GuildId,
    filter: Filter,
    owner: Option<MemberId>,
    relation: Option<RelationId>,
    now: DateTime<Utc>,
    limit: i64,
    offset: i64,
) -> sqlx::Result<(Vec<CommitmentRow>, i64)> {
    let status = match filter {
        Filter::Open | Filter::Overdue => Some("open"),
        Filter::Done => Some("done"),
        Filter::All => None,
    };
    let due_before = (filter == Filter::Overdue).then_some(now);
    let ascending = matches!(filter, Filter::Open | Filter::Overdue);
    let rows = sqlx::query!(
        r#"SELECT c.commitment_id, c.ref, c.relation_id, r.name AS relation_name, c.kind, c.direction,
                  c.certainty, c.what, c.depends_on, c.owner_id, c.created_by, c.channel_id, c.due_at,
                  c.status, c.closed_at, c.remind_before_minutes, c.heads_up_sent, c.nudges_sent,
                  c.last_nudged_at, c.series, c.told_series, count(*) OVER () AS "total!"
           FROM commitments c JOIN relations r USING (guild_id, relation_id)
           WHERE c.guild_id = $1
             AND ($2::text IS NULL OR c.status = $2)
             AND ($3::timestamptz IS NULL OR c.due_at <= $3)
             AND ($4::bigint IS NULL OR c.owner_id = $4)
             AND ($5::bigint IS NULL OR c.relation_id = $5)
           ORDER BY CASE WHEN $6 THEN c.due_at END ASC, CASE WHEN NOT $6 THEN c.due_at END DESC, c.ref
           LIMIT $7 OFFSET $8"#,
        guild.0,
        status,
        due_before,
        owner.map(|m| m.0),
        relation.map(|r| r.0),
        ascending,
        limit,
        offset
    )
    .fetch_all(conn)
    .await?;
    let total = rows.first().map_or(0, |row| row.total);
    Ok((rows.into_iter().map(|row| commitment_row!(row)).collect(), total))
}

/// Open commitments with a relation, soonest due first.
#[tracing::instrument(skip(conn))]
pub async fn open_for_relation(
    conn: &mut Conn,
    guild: GuildId,
    relation: RelationId,
) -> sqlx::Result<Vec<CommitmentRow>> {
    let rows = sqlx::query!(
        r#"SELECT c.commitment_id, c.ref, c.relation_id, r.name AS relation_name, c.kind, c.direction,
                  c.certainty, c.what, c.depends_on, c.owner_id, c.created_by, c.channel_id, c.due_at,
                  c.status, c.closed_at, c.remind_before_minutes, c.heads_up_sent, c.nudges_sent,
                  c.last_nudged_at, c.series, c.told_series
           FROM commitments c JOIN relations r USING (guild_id, relation_id)
           WHERE c.guild_id = $1 AND c.relation_id = $2 AND c.status = 'open'
           ORDER BY c.due_at, c.ref"#,
        guild.0,
        relation.0
    )
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(|row| commitment_row!(row)).collect())
}

/// Open commitments whose reference or text matches what is typed, soonest due first.
#[tracing::instrument(skip(conn))]
pub async fn search_open(
    conn: &mut Conn,
    guild: GuildId,
    typed: &str,
    limit: i64,
) -> sqlx::Result<Vec<CommitmentRow>> {
    let number = CommitmentRef::parse(typed).map(|r| r.0.to_string());
    let text = format!("%{}%", super::like_escape(&typed.trim().to_lowercase()));
    let rows = sqlx::query!(
        r#"SELECT c.commitment_id, c.ref, c.relation_id, r.name AS relation_name, c.kind, c.direction,
                  c.certainty, c.what, c.depends_on, c.owner_id, c.created_by, c.channel_id, c.due_at,
                  c.status, c.closed_at, c.remind_before_minutes, c.heads_up_sent, c.nudges_sent,
                  c.last_nudged_at, c.series, c.told_series
           FROM commitments c JOIN relations r USING (guild_id, relation_id)
           WHERE c.guild_id = $1 AND c.status = 'open'
             AND (($2::text IS NOT NULL AND c.ref::text LIKE $2 || '%')
                  OR lower(c.what) LIKE $3 OR r.name_key LIKE $3)
           ORDER BY c.due_at, c.ref
           LIMIT $4"#,
        guild.0,
        number,
        text,
        limit
    )
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(|row| commitment_row!(row)).collect())
}

/// A member's open commitments, by relation, locked for a change: everything they hold.
#[tracing::instrument(skip(conn))]
pub async fn lock_open_of(
    conn: &mut Conn,
    guild: GuildId,
    owner: MemberId,
) -> sqlx::Result<Vec<CommitmentRow>> {
    let rows = sqlx::query!(
        r#"SELECT c.commitment_id, c.ref, c.relation_id, r.name AS relation_name, c.kind, c.direction,
                  c.certainty, c.what, c.depends_on, c.owner_id, c.created_by, c.channel_id, c.due_at,
                  c.status, c.closed_at, c.remind_before_minutes, c.heads_up_sent, c.nudges_sent,
                  c.last_nudged_at, c.series, c.told_series
           FROM commitments c JOIN relations r USING (guild_id, relation_id)
           WHERE c.guild_id = $1 AND c.owner_id = $2 AND c.status = 'open'
           ORDER BY r.name, c.ref
           FOR UPDATE OF c"#,
        guild.0,
        owner.0
    )
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(|row| commitment_row!(row)).collect())
}
