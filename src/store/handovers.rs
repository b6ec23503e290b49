//! Handovers: the transfer of the ball for one relation, pending until answered, and the
//! commitments each one moves.

use chrono::{DateTime, Utc};

use super::commitments::{commitment_row, CommitmentRow};
use super::Conn;
use crate::domain::handover::HandoverStatus;
use crate::domain::{
    ChannelId, CommitmentId, CommitmentRef, GuildId, HandoverId, HandoverRef, MemberId, RelationId,
};

#[derive(Clone, Debug)]
pub struct NewHandover<'a> {
    pub relation: RelationId,
    pub from: MemberId,
    pub to: MemberId,
    pub created_by: MemberId,
    pub notes: &'a str,
    pub channel: Option<ChannelId>,
    pub created_at: DateTime<Utc>,
    pub ack_due_at: DateTime<Utc>,
    pub next_nudge_at: DateTime<Utc>,
}

/// A handover with its relation's name.
#[derive(Clone, Debug)]
pub struct HandoverRow {
    pub id: HandoverId,
    pub reference: HandoverRef,
    pub relation: RelationId,
    pub relation_name: String,
    pub from: MemberId,
    pub to: MemberId,
    pub created_by: MemberId,
    pub notes: String,
    pub channel: Option<ChannelId>,
    pub status: HandoverStatus,
    pub answered_by: Option<MemberId>,
    pub answered_at: Option<DateTime<Utc>>,
    pub answer_note: Option<String>,
    pub created_at: DateTime<Utc>,
    pub ack_due_at: DateTime<Utc>,
}

macro_rules! handover_row {
    ($row:expr) => {{
        let row = $row;
        HandoverRow {
            id: HandoverId(row.handover_id),
            reference: HandoverRef(row.r#ref),
            relation: RelationId(row.relation_id),
            relation_name: row.relation_name,
            from: MemberId(row.from_id),
            to: MemberId(row.to_id),
            created_by: MemberId(row.created_by),
            notes: row.notes,
            channel: row.channel_id.map(ChannelId),
            // The CHECK constraint admits only known words.
            status: HandoverStatus::parse(&row.status).unwrap_or(HandoverStatus::Pending),
            answered_by: row.answered_by.map(MemberId),
            answered_at: row.answered_at,
            answer_note: row.answer_note,
            created_at: row.created_at,
            ack_due_at: row.ack_due_at,
        }
    }};
}

pub(crate) use handover_row;

/// Inserts a pending handover with the guild's next `H-n` and the commitments it moves.
#[tracing::instrument(skip_all, fields(guild = %guild))]
pub async fn insert(
    conn: &mut Conn,
    guild: GuildId,
    new: &NewHandover<'_>,
    items: &[CommitmentId],
) -> sqlx::Result<(HandoverId, HandoverRef)> {
    let row = sqlx::query!(
        "INSERT INTO handovers (guild_id, ref, relation_id, from_id, to_id, created_by, notes, channel_id,
                                created_at, ack_due_at, next_nudge_at)
         VALUES ($1, next_handover_ref($1), $2, $3, $4, $5, $6, $7, $8, $9, $10)
         RETURNING handover_id, ref",
        guild.0,
        new.relation.0,
        new.from.0,
        new.to.0,
        new.created_by.0,
        new.notes,
        new.channel.map(|c| c.0),
        new.created_at,
        new.ack_due_at,
        new.next_nudge_at
    )
    .fetch_one(&mut *conn)
    .await?;
    let ids: Vec<i64> = items.iter().map(|c| c.0).collect();
    sqlx::query!(
        "INSERT INTO handover_items (guild_id, handover_id, commitment_id)
         SELECT $1, $2, c FROM UNNEST($3::bigint[]) AS c",
        guild.0,
        row.handover_id,
        &ids
    )
    .execute(conn)
    .await?;
    Ok((HandoverId(row.handover_id), HandoverRef(row.r#ref)))
}

/// The handover with this reference, locked until the transaction ends: two answers at once
/// (a double click) take turns, and the second finds it settled.
#[tracing::instrument(skip(conn))]
pub async fn lock_by_ref(
    conn: &mut Conn,
    guild: GuildId,
    reference: HandoverRef,
) -> sqlx::Result<Option<HandoverRow>> {
    let row = sqlx::query!(
        "SELECT h.handover_id, h.ref, h.relation_id, r.name AS relation_name, h.from_id, h.to_id, h.created_by,
                h.notes, h.channel_id, h.status, h.answered_by, h.answered_at, h.answer_note, h.created_at,
                h.ack_due_at
         FROM handovers h JOIN relations r USING (guild_id, relation_id)
         WHERE h.guild_id = $1 AND h.ref = $2
         FOR UPDATE OF h",
        guild.0,
        reference.0
    )
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|row| handover_row!(row)))
}

/// Settles a pending handover: accepted, declined (with the reason) or cancelled. Its
/// reminders stop with it.
#[tracing::instrument(skip(conn, note))]
pub async fn settle(
    conn: &mut Conn,
    guild: GuildId,
    id: HandoverId,
    status: HandoverStatus,
    by: MemberId,
    note: Option<&str>,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query!(
        "UPDATE handovers
         SET status = $3, answered_by = $4, answer_note = $5, answered_at = $6, next_nudge_at = NULL
         WHERE guild_id = $1 AND handover_id = $2 AND status = 'pending'",
        guild.0,
        id.0,
        status.as_str(),
        by.0,
        note,
        now
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// The commitments a handover moves, locked, in reference order.
#[tracing::instrument(skip(conn))]
pub async fn lock_items(conn: &mut Conn, guild: GuildId, id: HandoverId) -> sqlx::Result<Vec<CommitmentRow>> {
    let rows = sqlx::query!(
        r#"SELECT c.commitment_id, c.ref, c.relation_id, r.name AS relation_name, c.kind, c.direction,
                  c.certainty, c.what, c.depends_on, c.owner_id, c.created_by, c.channel_id, c.due_at,
                  c.status, c.closed_at, c.remind_before_minutes, c.heads_up_sent, c.nudges_sent,
                  c.last_nudged_at, c.series, c.told_series
           FROM handover_items i
           JOIN commitments c ON c.guild_id = i.guild_id AND c.commitment_id = i.commitment_id
           JOIN relations r ON r.guild_id = c.guild_id AND r.relation_id = c.relation_id
           WHERE i.guild_id = $1 AND i.handover_id = $2
           ORDER BY c.ref
           FOR UPDATE OF c"#,
        guild.0,
        id.0
    )
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(|row| commitment_row!(row)).collect())
}

/// Which of these commitments a pending handover already carries, and in which.
#[tracing::instrument(skip(conn))]
pub async fn pending_with(
    conn: &mut Conn,
    guild: GuildId,
    commitments: &[CommitmentId],
) -> sqlx::Result<Vec<(CommitmentRef, HandoverRef)>> {
    let ids: Vec<i64> = commitments.iter().map(|c| c.0).collect();
    let rows = sqlx::query!(
        "SELECT c.ref AS promise, h.ref AS handover
         FROM handover_items i
         JOIN handovers h ON h.guild_id = i.guild_id AND h.handover_id = i.handover_id
         JOIN commitments c ON c.guild_id = i.guild_id AND c.commitment_id = i.commitment_id
         WHERE i.guild_id = $1 AND i.commitment_id = ANY($2) AND h.status = 'pending'
         ORDER BY c.ref",
        guild.0,
        &ids
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| (CommitmentRef(row.promise), HandoverRef(row.handover)))
        .collect())
}

/// Pending handovers to or from any of `members`, oldest first.
#[tracing::instrument(skip(conn))]
pub async fn pending_for(
    conn: &mut Conn,
    guild: GuildId,
    members: &[MemberId],
) -> sqlx::Result<Vec<HandoverRow>> {
    let ids: Vec<i64> = members.iter().map(|m| m.0).collect();
    let rows = sqlx::query!(
        "SELECT h.handover_id, h.ref, h.relation_id, r.name AS relation_name, h.from_id, h.to_id, h.created_by,
                h.notes, h.channel_id, h.status, h.answered_by, h.answered_at, h.answer_note, h.created_at,
                h.ack_due_at
         FROM handovers h JOIN relations r USING (guild_id, relation_id)
         WHERE h.guild_id = $1 AND h.status = 'pending' AND (h.to_id = ANY($2) OR h.from_id = ANY($2))
         ORDER BY h.created_at, h.ref",
        guild.0,
        &ids
    )
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(|row| handover_row!(row)).collect())
}

/// A relation's handovers, newest first: the story a new one carries.
#[tracing::instrument(skip(conn))]
pub async fn for_relation(
    conn: &mut Conn,
    guild: GuildId,
    relation: RelationId,
    limit: i64,
) -> sqlx::Result<Vec<HandoverRow>> {
    let rows = sqlx::query!(
        "SELECT h.handover_id, h.ref, h.relation_id, r.name AS relation_name, h.from_id, h.to_id, h.created_by,
                h.notes, h.channel_id, h.status, h.answered_by, h.answered_at, h.answer_note, h.created_at,
                h.ack_due_at
         FROM handovers h JOIN relations r USING (guild_id, relation_id)
         WHERE h.guild_id = $1 AND h.relation_id = $2
         ORDER BY h.created_at DESC, h.ref DESC
         LIMIT $3",
        guild.0,
        relation.0,
        limit
    )
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(|row| handover_row!(row)).collect())
}

/// Gives the commitments to a new holder.
#[tracing::instrument(skip(conn))]
pub async fn transfer(
    conn: &mut Conn,
    guild: GuildId,
    commitments: &[CommitmentId],
    to: MemberId,
) -> sqlx::Result<()> {
    let ids: Vec<i64> = commitments.iter().map(|c| c.0).collect();
    sqlx::query!(
        "UPDATE commitments SET owner_id = $3 WHERE guild_id = $1 AND commitment_id = ANY($2) AND status = 'open'",
        guild.0,
        &ids,
        to.0
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Makes `member` the relation's contact person.
#[tracing::instrument(skip(conn))]
pub async fn set_contact_person(
    conn: &mut Conn,
    guild: GuildId,
    relation: RelationId,
    member: MemberId,
) -> sqlx::Result<()> {
    sqlx::query!(
        "UPDATE relations SET contact_person_id = $3 WHERE guild_id = $1 AND relation_id = $2",
        guild.0,
        relation.0,
        member.0
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// The relations `member` is the contact person of, by name.
#[tracing::instrument(skip(conn))]
pub async fn contact_person_of(
    conn: &mut Conn,
    guild: GuildId,
    member: MemberId,
) -> sqlx::Result<Vec<(RelationId, String)>> {
    let rows = sqlx::query!(
        "SELECT relation_id, name FROM relations WHERE guild_id = $1 AND contact_person_id = $2 ORDER BY name",
        guild.0,
        member.0
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| (RelationId(row.relation_id), row.name))
        .collect())
}

/// Links a handover to the delivery of its card by direct message.
#[tracing::instrument(skip(conn))]
pub async fn set_card_delivery(
    conn: &mut Conn,
    guild: GuildId,
    id: HandoverId,
    delivery: i64,
) -> sqlx::Result<()> {
    sqlx::query!(
        "UPDATE handovers SET card_delivery_id = $3 WHERE guild_id = $1 AND handover_id = $2",
        guild.0,
        id.0,
        delivery
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// The handover a card delivery is about, with the promises it moves.
#[tracing::instrument(skip(conn))]
pub async fn of_card(
    conn: &mut Conn,
    guild: GuildId,
    delivery: i64,
) -> sqlx::Result<Option<(HandoverRow, Vec<CommitmentRow>)>> {
    let row = sqlx::query!(
        "SELECT h.handover_id, h.ref, h.relation_id, r.name AS relation_name, h.from_id, h.to_id, h.created_by,
                h.notes, h.channel_id, h.status, h.answered_by, h.answered_at, h.answer_note, h.created_at,
                h.ack_due_at
         FROM handovers h JOIN relations r USING (guild_id, relation_id)
         WHERE h.guild_id = $1 AND h.card_delivery_id = $2",
        guild.0,
        delivery
    )
    .fetch_optional(&mut *conn)
    .await?;
    let Some(row) = row.map(|row| handover_row!(row)) else {
        return Ok(None);
    };
    let items = lock_items(conn, guild, row.id).await?;
    Ok(Some((row, items)))
}
