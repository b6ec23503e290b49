//! The outbox: messages baton will post, recorded before they are sent. Instances share it
//! through short leases, so each message is sent by one of them, once.

use chrono::{DateTime, Duration, NaiveDate, Utc};

use super::{Conn, Scope};
use crate::domain::{ChannelId, CommitmentRef, GuildId, MemberId};

/// Where a message goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Target {
    Channel(ChannelId),
    Direct(MemberId),
}

impl Target {
    fn columns(self) -> (Option<i64>, Option<i64>) {
        match self {
            Target::Channel(channel) => (Some(channel.0), None),
            Target::Direct(member) => (None, Some(member.0)),
        }
    }

    fn from_columns(channel: Option<i64>, member: Option<i64>) -> Target {
        match (channel, member) {
            (Some(channel), _) => Target::Channel(ChannelId(channel)),
            (None, member) => Target::Direct(MemberId(member.unwrap_or_default())),
        }
    }
}

crate::domain::word_enum!(
    DeliveryKind {
        Nudge = "nudge",
        Digest = "digest",
        Return = "return",
        Card = "card",
        Notice = "notice",
    }
);

/// A delivery claimed for sending.
#[derive(Clone, Debug)]
pub struct Claimed {
    pub guild: GuildId,
    pub id: i64,
    pub kind: DeliveryKind,
    pub target: Target,
    pub attempts: i32,
    /// Proof of the lease: only its holder may finish the delivery.
    pub lease: Lease,
}

/// A lease on a delivery: the token the claim wrote, and until when it holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Lease {
    pub token: i64,
    pub until: DateTime<Utc>,
}

impl Claimed {
    /// The nonce Discord deduplicates a retried post by; at most 25 characters.
    pub fn nonce(&self) -> String {
        format!("baton-{}", self.id)
    }
}

/// Allocates ids for `count` new deliveries at once.
#[tracing::instrument(skip(conn))]
pub async fn allocate(conn: &mut Conn, count: i64) -> sqlx::Result<Vec<i64>> {
    sqlx::query_scalar!(
        r#"SELECT nextval(pg_get_serial_sequence('deliveries', 'delivery_id')) AS "id!"
           FROM generate_series(1, $1::bigint)"#,
        count
    )
    .fetch_all(conn)
    .await
}

/// Records deliveries under ids from `allocate`.
#[tracing::instrument(skip_all, fields(count = ids.len()))]
pub async fn insert(
    conn: &mut Conn,
    guilds: &[GuildId],
    ids: &[i64],
    targets: &[Target],
    kind: DeliveryKind,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    let guilds: Vec<i64> = guilds.iter().map(|g| g.0).collect();
    let (channels, members): (Vec<Option<i64>>, Vec<Option<i64>>) =
        targets.iter().map(|t| t.columns()).unzip();
    sqlx::query!(
        "INSERT INTO deliveries (guild_id, delivery_id, kind, channel_id, dm_member_id, not_before, created_at)
         OVERRIDING SYSTEM VALUE
         SELECT d.guild, d.id, $4, d.channel, d.member, $5, $5
         FROM UNNEST($1::bigint[], $2::bigint[], $3::bigint[], $6::bigint[]) AS d(guild, id, channel, member)",
        &guilds,
        ids,
        &channels as &[Option<i64>],
        kind.as_str(),
        now,
        &members as &[Option<i64>]
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Claims up to `limit` deliveries that are due and not being sent by anyone, leasing them
/// until `now + lease`. One statement: the claim commits at once, so a crash after it
/// leaves the lease to run out and the delivery to be claimed again.
#[tracing::instrument(skip(conn))]
pub async fn claim(
    conn: &mut Conn,
    now: DateTime<Utc>,
    lease: Duration,
    limit: i64,
    scope: Scope,
) -> sqlx::Result<Vec<Claimed>> {
    let rows = sqlx::query!(
        r#"UPDATE deliveries d
         SET lease_until = $1 + $2::interval, attempts = d.attempts + 1, lease_token = nextval('delivery_leases')
         FROM (SELECT guild_id, delivery_id FROM deliveries
               WHERE state = 'pending' AND not_before <= $1 AND (lease_until IS NULL OR lease_until <= $1)
                 AND ($4::bigint IS NULL OR guild_id = $4) AND ($5::bigint IS NULL OR guild_id <> $5)
               ORDER BY not_before, delivery_id
               LIMIT $3
               FOR UPDATE SKIP LOCKED) due
         WHERE d.guild_id = due.guild_id AND d.delivery_id = due.delivery_id
         RETURNING d.guild_id, d.delivery_id, d.kind, d.channel_id, d.dm_member_id, d.attempts,
                   d.lease_token AS "lease_token!", d.lease_until AS "lease_until!""#,
        now,
        sqlx::postgres::types::PgInterval::try_from(lease).unwrap_or_default(),
        limit,
        scope.only(),
        scope.except()
    )
    .fetch_all(conn)
    .await?;
    let mut claimed: Vec<Claimed> = rows
        .into_iter()
        .map(|row| Claimed {
            guild: GuildId(row.guild_id),
            id: row.delivery_id,
            kind: DeliveryKind::parse(&row.kind).unwrap_or(DeliveryKind::Nudge),
            target: Target::from_columns(row.channel_id, row.dm_member_id),
            attempts: row.attempts,
            lease: Lease {
                token: row.lease_token,
                until: row.lease_until,
            },
        })
        .collect();
    claimed.sort_by_key(|c| c.id);
    Ok(claimed)
}

/// Every write that finishes or reschedules a claimed delivery names it by its lease: an
/// instance whose lease ran out (and was taken over) changes nothing. Each returns whether
/// the lease still held.
#[tracing::instrument(skip(conn))]
pub async fn sent(
    conn: &mut Conn,
    delivery: &Claimed,
    message: u64,
    now: DateTime<Utc>,
) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "UPDATE deliveries SET state = 'sent', message_id = $3, sent_at = $4, lease_until = NULL, last_error = NULL
         WHERE guild_id = $1 AND delivery_id = $2 AND lease_token = $5 AND state = 'pending'",
        delivery.guild.0,
        delivery.id,
        i64::try_from(message).unwrap_or(i64::MAX),
        now,
        delivery.lease.token
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Extends a lease held by `delivery` until `until`.
#[tracing::instrument(skip(conn))]
pub async fn renew(conn: &mut Conn, delivery: &Claimed, until: DateTime<Utc>) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "UPDATE deliveries SET lease_until = $4
         WHERE guild_id = $1 AND delivery_id = $2 AND lease_token = $3 AND state = 'pending'",
        delivery.guild.0,
        delivery.id,
        delivery.lease.token,
        until
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Puts a delivery back to be tried at `at`. A rate limit does not count as an attempt.
#[tracing::instrument(skip(conn, error))]
pub async fn retry_at(
    conn: &mut Conn,
    delivery: &Claimed,
    at: DateTime<Utc>,
    error: &str,
    counts: bool,
) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "UPDATE deliveries
         SET not_before = $3, lease_until = NULL, last_error = $4,
             attempts = attempts - CASE WHEN $5 THEN 0 ELSE 1 END
         WHERE guild_id = $1 AND delivery_id = $2 AND lease_token = $6 AND state = 'pending'",
        delivery.guild.0,
        delivery.id,
        at,
        error,
        counts,
        delivery.lease.token
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Sends a delivery somewhere else from now on (its channel is gone).
#[tracing::instrument(skip(conn))]
pub async fn retarget(
    conn: &mut Conn,
    delivery: &Claimed,
    target: Target,
    now: DateTime<Utc>,
) -> sqlx::Result<bool> {
    let (channel, member) = target.columns();
    let done = sqlx::query!(
        "UPDATE deliveries SET channel_id = $3, dm_member_id = $4, not_before = $5, lease_until = NULL
         WHERE guild_id = $1 AND delivery_id = $2 AND lease_token = $6 AND state = 'pending'",
        delivery.guild.0,
        delivery.id,
        channel,
        member,
        now,
        delivery.lease.token
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Ends a delivery without sending: `failed` (visible to the people concerned) or
/// `dropped` (nothing left to say: its commitments were closed meanwhile).
#[tracing::instrument(skip(conn, error))]
pub async fn finish_unsent(
    conn: &mut Conn,
    delivery: &Claimed,
    state: Unsent,
    error: Option<&str>,
) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "UPDATE deliveries SET state = $3, last_error = COALESCE($4, last_error), lease_until = NULL
         WHERE guild_id = $1 AND delivery_id = $2 AND lease_token = $5 AND state = 'pending'",
        delivery.guild.0,
        delivery.id,
        state.as_str(),
        error,
        delivery.lease.token
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

crate::domain::word_enum!(
    /// How a delivery ends without being sent.
    Unsent {
        /// Visible to the people concerned: it could not be delivered.
        Failed = "failed",
        /// Nothing left to say: its commitments were closed or moved meanwhile.
        Dropped = "dropped",
    }
);

/// When the next pending delivery may be tried.
#[tracing::instrument(skip(conn))]
pub async fn next_due(conn: &mut Conn, scope: Scope) -> sqlx::Result<Option<DateTime<Utc>>> {
    sqlx::query_scalar!(
        "SELECT min(greatest(not_before, coalesce(lease_until, not_before))) FROM deliveries
         WHERE state = 'pending'
           AND ($1::bigint IS NULL OR guild_id = $1) AND ($2::bigint IS NULL OR guild_id <> $2)",
        scope.only(),
        scope.except()
    )
    .fetch_one(conn)
    .await
}

/// Something baton could not deliver, shown to the people concerned and to admins.
#[derive(Clone, Debug)]
pub struct Failed {
    pub about: FailedAbout,
    pub at: DateTime<Utc>,
    pub error: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FailedAbout {
    /// A reminder about an open commitment or a pending handover could not be posted, or
    /// not even planned. `what` is a handover's relation.
    Reminder {
        reference: crate::domain::SubjectRef,
        what: String,
        owner: MemberId,
    },
    /// A member's daily digest could not be posted.
    Digest { member: MemberId, day: NaiveDate },
}

impl Failed {
    /// The member it was meant for.
    pub fn member(&self) -> MemberId {
        match &self.about {
            FailedAbout::Reminder { owner, .. } => *owner,
            FailedAbout::Digest { member, .. } => *member,
        }
    }
}

/// What could not be delivered: reminders about open commitments at their current date
/// (posting failed, or planning kept failing `plan_failures` times), and digests since
/// `since`; of `member`, or all in the guild. Newest first.
#[tracing::instrument(skip(conn))]
pub async fn failed(
    conn: &mut Conn,
    guild: GuildId,
    member: Option<MemberId>,
    plan_failures: i32,
    since: DateTime<Utc>,
    limit: i64,
) -> sqlx::Result<Vec<Failed>> {
    let rows = sqlx::query!(
        r#"SELECT kind AS "kind!", ref AS "ref?", what AS "what?", member AS "member!", at AS "at!", error,
                  day AS "day?"
           FROM (
               SELECT 'commitment' AS kind, c.ref, c.what, c.owner_id AS member, d.created_at AS at,
                      d.last_error AS error, NULL::date AS day
               FROM deliveries d
               JOIN nudges n ON n.guild_id = d.guild_id AND n.delivery_id = d.delivery_id
               JOIN commitments c ON c.guild_id = n.guild_id AND c.commitment_id = n.subject_id
                                  AND n.subject_kind = 'commitment'
               WHERE d.guild_id = $1 AND d.state = 'failed' AND c.status = 'open' AND n.series = c.series
               UNION ALL
               SELECT 'commitment', c.ref, c.what, c.owner_id, c.plan_failed_at, c.plan_error, NULL
               FROM commitments c
               WHERE c.guild_id = $1 AND c.status = 'open' AND c.plan_error IS NOT NULL
                 AND c.plan_attempts >= $3
               UNION ALL
               SELECT 'handover', h.ref, r.name, h.to_id, d.created_at, d.last_error, NULL
               FROM deliveries d
               JOIN nudges n ON n.guild_id = d.guild_id AND n.delivery_id = d.delivery_id
               JOIN handovers h ON h.guild_id = n.guild_id AND h.handover_id = n.subject_id
                                AND n.subject_kind = 'handover'
               JOIN relations r ON r.guild_id = h.guild_id AND r.relation_id = h.relation_id
               WHERE d.guild_id = $1 AND d.state = 'failed' AND h.status = 'pending'
               UNION ALL
               SELECT 'handover', h.ref, r.name, h.to_id, h.plan_failed_at, h.plan_error, NULL
               FROM handovers h JOIN relations r USING (guild_id, relation_id)
               WHERE h.guild_id = $1 AND h.status = 'pending' AND h.plan_error IS NOT NULL
                 AND h.plan_attempts >= $3
               UNION ALL
               SELECT 'appointment', a.ref, r.name, CASE WHEN n.subject_kind = 'participant' THEN p.member_id
                                                           ELSE a.owner_id END,
                      d.created_at, d.last_error, NULL
               FROM deliveries d
               JOIN nudges n ON n.guild_id = d.guild_id AND n.delivery_id = d.delivery_id
                             AND n.subject_kind IN ('appointment', 'participant')
               LEFT JOIN appointment_participants p ON p.guild_id = n.guild_id AND p.participant_id = n.subject_id
                                                    AND n.subject_kind = 'participant'
               JOIN appointments a ON a.guild_id = n.guild_id
                                   AND a.appointment_id = CASE WHEN n.subject_kind = 'participant'
                                                               THEN p.appointment_id ELSE n.subject_id END
               JOIN relations r ON r.guild_id = a.guild_id AND r.relation_id = a.relation_id
               WHERE d.guild_id = $1 AND d.state = 'failed' AND a.status = 'scheduled'
               UNION ALL
               SELECT 'appointment', a.ref, r.name, a.owner_id, a.plan_failed_at, a.plan_error, NULL
               FROM appointments a JOIN relations r USING (guild_id, relation_id)
               WHERE a.guild_id = $1 AND a.status = 'scheduled' AND a.plan_error IS NOT NULL
                 AND a.plan_attempts >= $3
               UNION ALL
               SELECT 'appointment', a.ref, r.name, p.member_id, p.plan_failed_at, p.plan_error, NULL
               FROM appointment_participants p
               JOIN appointments a ON a.guild_id = p.guild_id AND a.appointment_id = p.appointment_id
               JOIN relations r ON r.guild_id = a.guild_id AND r.relation_id = a.relation_id
               WHERE p.guild_id = $1 AND a.status = 'scheduled' AND p.plan_error IS NOT NULL
                 AND p.plan_attempts >= $3
               UNION ALL
               SELECT 'digest', NULL, NULL, g.member_id, d.created_at, d.last_error, g.day
               FROM deliveries d JOIN digests g ON g.guild_id = d.guild_id AND g.delivery_id = d.delivery_id
               WHERE d.guild_id = $1 AND d.state = 'failed' AND d.created_at >= $4
           ) failures
           WHERE ($2::bigint IS NULL OR member = $2)
           ORDER BY at DESC
           LIMIT $5"#,
        guild.0,
        member.map(|m| m.0),
        plan_failures,
        since,
        limit
    )
    .fetch_all(&mut *conn)
    .await?;
    let mut failed: Vec<Failed> = rows
        .into_iter()
        .map(|row| {
            let about = match (row.r#ref, row.day) {
                (Some(reference), _) => FailedAbout::Reminder {
                    reference: match row.kind.as_str() {
                        "handover" => {
                            crate::domain::SubjectRef::Handover(crate::domain::HandoverRef(reference))
                        }
                        "appointment" => {
                            crate::domain::SubjectRef::Appointment(crate::domain::AppointmentRef(reference))
                        }
                        _ => crate::domain::SubjectRef::Promise(CommitmentRef(reference)),
                    },
                    what: row.what.unwrap_or_default(),
                    owner: MemberId(row.member),
                },
                (None, day) => FailedAbout::Digest {
                    member: MemberId(row.member),
                    day: day.unwrap_or_default(),
                },
            };
            Failed {
                about,
                at: row.at,
                error: row.error,
            }
        })
        .collect();
    failed.extend(failed_touch(conn, guild, member, plan_failures, limit).await?);
    failed.sort_by_key(|f| std::cmp::Reverse(f.at));
    failed.truncate(usize::try_from(limit).unwrap_or(0));
    Ok(failed)
}

/// Keeping in touch that could not be posted, or not even planned, while the relation is
/// still lapsed as it was.
async fn failed_touch(
    conn: &mut Conn,
    guild: GuildId,
    member: Option<MemberId>,
    plan_failures: i32,
    limit: i64,
) -> sqlx::Result<Vec<Failed>> {
    let rows = sqlx::query!(
        r#"SELECT relation_id AS "relation_id!", name AS "name!", keeper AS "keeper!", at AS "at!", error
           FROM (
               SELECT t.relation_id, t.name, t.keeper, d.created_at AS at, d.last_error AS error
               FROM deliveries d
               JOIN nudges n ON n.guild_id = d.guild_id AND n.delivery_id = d.delivery_id
                             AND n.subject_kind = 'relation'
               JOIN relation_touch t ON t.guild_id = n.guild_id AND t.relation_id = n.subject_id
               WHERE d.guild_id = $1 AND d.state = 'failed' AND n.series = t.touch_series
                 AND t.keep_in_touch IS NOT NULL AND t.merged_into IS NULL
               UNION ALL
               SELECT t.relation_id, t.name, t.keeper, t.plan_failed_at, t.plan_error
               FROM relation_touch t
               WHERE t.guild_id = $1 AND t.plan_error IS NOT NULL AND t.plan_attempts >= $3
           ) failures
           WHERE ($2::bigint IS NULL OR keeper = $2)
           ORDER BY at DESC
           LIMIT $4"#,
        guild.0,
        member.map(|m| m.0),
        plan_failures,
        limit
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| Failed {
            about: FailedAbout::Reminder {
                reference: crate::domain::SubjectRef::Relation(crate::domain::RelationId(row.relation_id)),
                what: row.name,
                owner: MemberId(row.keeper),
            },
            at: row.at,
            error: row.error,
        })
        .collect())
}

/// Splits a delivery whose channel is gone into direct messages, one per recipient, and
/// drops the original. `routes` pairs each owner of its nudges (a commitment's owner, a
/// handover's recipient) with who receives theirs: the owner, or their backup while they
/// are away. One transaction: the nudges move, or nothing does.
#[tracing::instrument(skip(conn))]
pub async fn reroute_to_owners(
    conn: &mut Conn,
    delivery: &Claimed,
    routes: &[(MemberId, MemberId)],
    now: DateTime<Utc>,
) -> sqlx::Result<bool> {
    use sqlx::Connection;
    let (guild, id) = (delivery.guild, delivery.id);
    let mut tx = conn.begin().await?;
    // Ended first, by its lease: without the lease nothing else happens.
    if !finish_unsent(
        &mut tx,
        delivery,
        Unsent::Dropped,
        Some("channel gone: sent as direct messages"),
    )
    .await?
    {
        return Ok(false);
    }
    let mut recipients: Vec<MemberId> = routes.iter().map(|(_, to)| *to).collect();
    recipients.sort_unstable();
    recipients.dedup();
    let ids = allocate(&mut tx, recipients.len() as i64).await?;
    let guilds = vec![guild; recipients.len()];
    let targets: Vec<Target> = recipients.iter().map(|m| Target::Direct(*m)).collect();
    insert(&mut tx, &guilds, &ids, &targets, DeliveryKind::Nudge, now).await?;
    let owners: Vec<i64> = routes.iter().map(|(owner, _)| owner.0).collect();
    let deliveries: Vec<i64> = routes
        .iter()
        .map(|(_, to)| ids[recipients.binary_search(to).unwrap_or(0)])
        .collect();
    sqlx::query!(
        "UPDATE nudges n SET delivery_id = r.delivery
         FROM UNNEST($3::bigint[], $4::bigint[]) AS r(owner, delivery)
         WHERE n.guild_id = $1 AND n.delivery_id = $2
           AND r.owner = CASE n.subject_kind
               WHEN 'commitment' THEN (SELECT c.owner_id FROM commitments c
                                       WHERE c.guild_id = n.guild_id AND c.commitment_id = n.subject_id)
               ELSE (SELECT h.to_id FROM handovers h WHERE h.guild_id = n.guild_id AND h.handover_id = n.subject_id)
           END",
        guild.0,
        id,
        &owners,
        &deliveries
    )
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(true)
}

/// Pending nudge messages not yet tried, for the given targets, that still have room:
/// new nudges join them instead of adding messages. Locked, so no sender claims one while
/// nudges are being added (a sender skips it this round and finds it complete the next).
#[tracing::instrument(skip_all, fields(count = targets.len()))]
pub async fn open_for(
    conn: &mut Conn,
    targets: &[(GuildId, Target)],
    room: i64,
) -> sqlx::Result<Vec<(GuildId, Target, i64, i64)>> {
    let guilds: Vec<i64> = targets.iter().map(|(g, _)| g.0).collect();
    let (channels, members): (Vec<Option<i64>>, Vec<Option<i64>>) =
        targets.iter().map(|(_, t)| t.columns()).unzip();
    let rows = sqlx::query!(
        r#"SELECT d.guild_id, d.delivery_id, d.channel_id, d.dm_member_id,
                  (SELECT count(*) FROM nudges n WHERE n.guild_id = d.guild_id AND n.delivery_id = d.delivery_id) AS "items!"
           FROM deliveries d
           JOIN UNNEST($1::bigint[], $2::bigint[], $3::bigint[]) AS t(guild, channel, member)
             ON d.guild_id = t.guild
            AND d.channel_id IS NOT DISTINCT FROM t.channel AND d.dm_member_id IS NOT DISTINCT FROM t.member
           WHERE d.state = 'pending' AND d.kind = 'nudge' AND d.attempts = 0 AND d.lease_until IS NULL
           FOR UPDATE OF d SKIP LOCKED"#,
        &guilds,
        &channels as &[Option<i64>],
        &members as &[Option<i64>]
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .filter(|row| row.items < room)
        .map(|row| {
            let target = Target::from_columns(row.channel_id, row.dm_member_id);
            (GuildId(row.guild_id), target, row.delivery_id, row.items)
        })
        .collect())
}

/// What a delivery of `guild` is, when it is one: a Details button names it, and may be
/// forged, so the guild is part of the key.
#[tracing::instrument(skip(conn))]
pub async fn kind_of(conn: &mut Conn, guild: GuildId, delivery: i64) -> sqlx::Result<Option<DeliveryKind>> {
    let kind = sqlx::query_scalar!(
        "SELECT kind FROM deliveries WHERE guild_id = $1 AND delivery_id = $2",
        guild.0,
        delivery
    )
    .fetch_optional(conn)
    .await?;
    Ok(kind.as_deref().and_then(DeliveryKind::parse))
}
