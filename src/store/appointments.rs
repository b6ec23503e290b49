//! Appointments with relations, who attends them, and the chain of appointments that
//! replaced each other.

use chrono::{DateTime, Duration, Utc};

use super::Conn;
use crate::domain::appointment::AppointmentStatus;
use crate::domain::{
    AppointmentId, AppointmentRef, ChannelId, CommitmentId, ContactId, GuildId, MemberId, RelationId,
};

#[derive(Clone, Debug)]
pub struct NewAppointment<'a> {
    pub relation: RelationId,
    pub owner: MemberId,
    pub created_by: MemberId,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub place: Option<&'a str>,
    pub about: Option<&'a str>,
    pub channel: Option<ChannelId>,
    pub previous: Option<AppointmentId>,
    pub created_at: DateTime<Utc>,
    /// When the owner is first asked whether it was kept.
    pub next_nudge_at: DateTime<Utc>,
}

/// One participant's reminder state when added.
#[derive(Clone, Copy, Debug)]
pub struct NewParticipant {
    pub member: MemberId,
    pub handled: Option<Duration>,
    pub next_nudge_at: Option<DateTime<Utc>>,
}

/// An appointment with its relation's name and who attends.
#[derive(Clone, Debug)]
pub struct AppointmentRow {
    pub id: AppointmentId,
    pub reference: AppointmentRef,
    pub relation: RelationId,
    pub relation_name: String,
    pub owner: MemberId,
    pub created_by: MemberId,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub place: Option<String>,
    pub about: Option<String>,
    pub channel: Option<ChannelId>,
    pub status: AppointmentStatus,
    pub answered_by: Option<MemberId>,
    pub answered_at: Option<DateTime<Utc>>,
    pub answer_note: Option<String>,
    /// The appointment this one replaced, and the one that replaced it.
    pub previous: Option<AppointmentRef>,
    pub next: Option<AppointmentRef>,
    pub sequence: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Everyone who attends, the owner first.
    pub participants: Vec<MemberId>,
}

/// Inserts an appointment with the guild's next `A-n` and its participants.
#[tracing::instrument(skip_all, fields(guild = %guild))]
pub async fn insert(
    conn: &mut Conn,
    guild: GuildId,
    new: &NewAppointment<'_>,
    participants: &[NewParticipant],
) -> sqlx::Result<(AppointmentId, AppointmentRef)> {
    let row = sqlx::query!(
        "INSERT INTO appointments (guild_id, ref, relation_id, owner_id, created_by, starts_at, ends_at, place,
                                   about, channel_id, previous_id, created_at, updated_at, next_nudge_at)
         VALUES ($1, next_appointment_ref($1), $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11, $12)
         RETURNING appointment_id, ref",
        guild.0,
        new.relation.0,
        new.owner.0,
        new.created_by.0,
        new.starts_at,
        new.ends_at,
        new.place,
        new.about,
        new.channel.map(|c| c.0),
        new.previous.map(|p| p.0),
        new.created_at,
        new.next_nudge_at
    )
    .fetch_one(&mut *conn)
    .await?;
    let members: Vec<i64> = participants.iter().map(|p| p.member.0).collect();
    let handled: Vec<Option<i32>> = participants
        .iter()
        .map(|p| super::commitments::minutes(p.handled))
        .collect();
    let next: Vec<Option<DateTime<Utc>>> = participants.iter().map(|p| p.next_nudge_at).collect();
    sqlx::query!(
        "INSERT INTO appointment_participants (guild_id, appointment_id, member_id, reminded_before, next_nudge_at)
         SELECT $1, $2, p.member, p.handled, p.next
         FROM UNNEST($3::bigint[], $4::integer[], $5::timestamptz[]) WITH ORDINALITY AS p(member, handled, next, n)
         ORDER BY p.n",
        guild.0,
        row.appointment_id,
        &members,
        &handled as &[Option<i32>],
        &next as &[Option<DateTime<Utc>>]
    )
    .execute(conn)
    .await?;
    Ok((AppointmentId(row.appointment_id), AppointmentRef(row.r#ref)))
}

/// Which appointments to read. Every filter given must hold.
#[derive(Clone, Debug, Default)]
pub struct Query {
    pub ids: Option<Vec<AppointmentId>>,
    pub relation: Option<RelationId>,
    /// Attended (or owned) by any of these.
    pub members: Option<Vec<MemberId>>,
    /// Held by this one.
    pub owner: Option<MemberId>,
    /// Starting at or after this …
    pub from: Option<DateTime<Utc>>,
    /// … and before this.
    pub until: Option<DateTime<Utc>>,
    /// Ended at or before this.
    pub ended_by: Option<DateTime<Utc>>,
    pub status: Option<AppointmentStatus>,
    /// Newest first instead of soonest first.
    pub newest_first: bool,
    pub limit: i64,
}

/// The appointments `query` selects, in start order.
#[tracing::instrument(skip(conn))]
pub async fn select(conn: &mut Conn, guild: GuildId, query: &Query) -> sqlx::Result<Vec<AppointmentRow>> {
    let ids: Option<Vec<i64>> = query.ids.as_ref().map(|ids| ids.iter().map(|a| a.0).collect());
    let members: Option<Vec<i64>> = query.members.as_ref().map(|m| m.iter().map(|m| m.0).collect());
    let rows = sqlx::query!(
        r#"SELECT a.appointment_id, a.ref, a.relation_id, r.name AS relation_name, a.owner_id, a.created_by,
                  a.starts_at, a.ends_at, a.place, a.about, a.channel_id, a.status, a.answered_by, a.answered_at,
                  a.answer_note, prev.ref AS "previous_ref?", a.sequence, a.created_at, a.updated_at,
                  (SELECT n.ref FROM appointments n
                   WHERE n.guild_id = a.guild_id AND n.previous_id = a.appointment_id
                   ORDER BY n.ref LIMIT 1) AS "next_ref?",
                  ARRAY(SELECT p.member_id FROM appointment_participants p
                        WHERE p.guild_id = a.guild_id AND p.appointment_id = a.appointment_id
                        ORDER BY p.member_id <> a.owner_id, p.participant_id) AS "participants!"
           FROM appointments a
           JOIN relations r ON r.guild_id = a.guild_id AND r.relation_id = a.relation_id
           LEFT JOIN appointments prev ON prev.guild_id = a.guild_id AND prev.appointment_id = a.previous_id
           WHERE a.guild_id = $1
             AND ($2::bigint[] IS NULL OR a.appointment_id = ANY($2))
             AND ($3::bigint IS NULL OR a.relation_id = $3)
             AND ($4::bigint[] IS NULL OR a.owner_id = ANY($4) OR EXISTS (
                     SELECT 1 FROM appointment_participants p
                     WHERE p.guild_id = a.guild_id AND p.appointment_id = a.appointment_id
                       AND p.member_id = ANY($4)))
             AND ($5::timestamptz IS NULL OR a.starts_at >= $5)
             AND ($6::timestamptz IS NULL OR a.starts_at < $6)
             AND ($7::timestamptz IS NULL OR a.ends_at <= $7)
             AND ($8::text IS NULL OR a.status = $8)
             AND ($11::bigint IS NULL OR a.owner_id = $11)
           ORDER BY CASE WHEN $9 THEN -extract(epoch FROM a.starts_at) ELSE extract(epoch FROM a.starts_at) END,
                    a.ref
           LIMIT $10"#,
        guild.0,
        ids as Option<Vec<i64>>,
        query.relation.map(|r| r.0),
        members as Option<Vec<i64>>,
        query.from,
        query.until,
        query.ended_by,
        query.status.map(|s| s.as_str()),
        query.newest_first,
        if query.limit > 0 { query.limit } else { 100 },
        query.owner.map(|m| m.0)
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| AppointmentRow {
            id: AppointmentId(row.appointment_id),
            reference: AppointmentRef(row.r#ref),
            relation: RelationId(row.relation_id),
            relation_name: row.relation_name,
            owner: MemberId(row.owner_id),
            created_by: MemberId(row.created_by),
            starts_at: row.starts_at,
            ends_at: row.ends_at,
            place: row.place,
            about: row.about,
            channel: row.channel_id.map(ChannelId),
            // The CHECK constraint admits only known words.
            status: AppointmentStatus::parse(&row.status).unwrap_or(AppointmentStatus::Scheduled),
            answered_by: row.answered_by.map(MemberId),
            answered_at: row.answered_at,
            answer_note: row.answer_note,
            previous: row.previous_ref.map(AppointmentRef),
            next: row.next_ref.map(AppointmentRef),
            sequence: row.sequence,
            created_at: row.created_at,
            updated_at: row.updated_at,
            participants: row.participants.into_iter().map(MemberId).collect(),
        })
        .collect())
}

/// The appointment with this reference, locked until the transaction ends: two answers at
/// once (a double click) take turns, and the second finds it settled.
#[tracing::instrument(skip(conn))]
pub async fn lock_by_ref(
    conn: &mut Conn,
    guild: GuildId,
    reference: AppointmentRef,
) -> sqlx::Result<Option<AppointmentRow>> {
    let id = sqlx::query_scalar!(
        "SELECT appointment_id FROM appointments WHERE guild_id = $1 AND ref = $2 FOR UPDATE",
        guild.0,
        reference.0
    )
    .fetch_optional(&mut *conn)
    .await?;
    let Some(id) = id else { return Ok(None) };
    let query = Query {
        ids: Some(vec![AppointmentId(id)]),
        limit: 1,
        ..Query::default()
    };
    Ok(select(conn, guild, &query).await?.into_iter().next())
}

/// What settling an appointment records.
#[derive(Clone, Copy, Debug)]
pub struct Settled<'a> {
    pub status: AppointmentStatus,
    pub by: MemberId,
    pub note: Option<&'a str>,
    pub contact: Option<ContactId>,
    pub inform: Option<CommitmentId>,
    pub at: DateTime<Utc>,
}

/// Settles a scheduled appointment; its outcome question and reminders stop with it.
#[tracing::instrument(skip(conn, settled))]
pub async fn settle(
    conn: &mut Conn,
    guild: GuildId,
    id: AppointmentId,
    settled: &Settled<'_>,
) -> sqlx::Result<()> {
    sqlx::query!(
        "UPDATE appointments
         SET status = $3, answered_by = $4, answer_note = $5, answered_at = $6, contact_id = $7, inform_id = $8,
             sequence = sequence + 1, updated_at = $6, next_nudge_at = NULL
         WHERE guild_id = $1 AND appointment_id = $2 AND status = 'scheduled'",
        guild.0,
        id.0,
        settled.status.as_str(),
        settled.by.0,
        settled.note,
        settled.at,
        settled.contact.map(|c| c.0),
        settled.inform.map(|c| c.0)
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!(
        "UPDATE appointment_participants SET next_nudge_at = NULL WHERE guild_id = $1 AND appointment_id = $2",
        guild.0,
        id.0
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// A colleague's appointment at some time.
#[derive(Clone, Debug)]
pub struct Booked {
    pub member: MemberId,
    pub reference: AppointmentRef,
    pub relation: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
}

/// Scheduled appointments of any of `members` that share a moment with `from`–`until`.
#[tracing::instrument(skip(conn))]
pub async fn overlapping(
    conn: &mut Conn,
    guild: GuildId,
    members: &[MemberId],
    from: DateTime<Utc>,
    until: DateTime<Utc>,
) -> sqlx::Result<Vec<Booked>> {
    let ids: Vec<i64> = members.iter().map(|m| m.0).collect();
    let rows = sqlx::query!(
        "SELECT p.member_id, a.ref, r.name, a.starts_at, a.ends_at
         FROM appointment_participants p
         JOIN appointments a ON a.guild_id = p.guild_id AND a.appointment_id = p.appointment_id
         JOIN relations r ON r.guild_id = a.guild_id AND r.relation_id = a.relation_id
         WHERE p.guild_id = $1 AND p.member_id = ANY($2) AND a.status = 'scheduled'
           AND a.starts_at < $4 AND a.ends_at > $3
         ORDER BY a.starts_at, a.ref, p.member_id",
        guild.0,
        &ids,
        from,
        until
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| Booked {
            member: MemberId(row.member_id),
            reference: AppointmentRef(row.r#ref),
            relation: row.name,
            starts_at: row.starts_at,
            ends_at: row.ends_at,
        })
        .collect())
}

/// The appointment and member of participant reminders.
#[tracing::instrument(skip(conn))]
pub async fn participants(
    conn: &mut Conn,
    guild: GuildId,
    ids: &[i64],
) -> sqlx::Result<Vec<(i64, AppointmentId, MemberId)>> {
    let rows = sqlx::query!(
        "SELECT participant_id, appointment_id, member_id FROM appointment_participants
         WHERE guild_id = $1 AND participant_id = ANY($2)",
        guild.0,
        ids
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| {
            (
                row.participant_id,
                AppointmentId(row.appointment_id),
                MemberId(row.member_id),
            )
        })
        .collect())
}
