//! The scheduler's reads and writes: subjects (commitments, handovers) whose next reminder
//! is due, the nudges recorded for them, and what a delivery is about when it is sent.

use chrono::{DateTime, Duration, NaiveDate, Utc};

use super::appointments::AppointmentRow;
use super::commitments::{commitment_row, CommitmentRow};
use super::handovers::{handover_row, HandoverRow};
use super::{Conn, Scope};
use crate::domain::appointment::AppointmentStatus;
use crate::domain::handover::HandoverStatus;
use crate::domain::profile::Cadence;
use crate::domain::schedule::{NudgeState, TouchState};
use crate::domain::{
    AppointmentId, ChannelId, CommitmentId, GuildId, HandoverId, HandoverRef, MemberId, ParticipantId,
    RelationId, Subject, SubjectRef,
};

/// A subject whose next reminder is due, locked for planning.
#[derive(Clone, Debug)]
pub struct Due {
    pub guild: GuildId,
    pub subject: Subject,
    /// Who must act: the commitment's owner, the handover's recipient.
    pub owner: MemberId,
    /// Who gave a handover: told when it is escalated.
    pub sender: Option<MemberId>,
    pub channel: Option<ChannelId>,
    pub nudge: NudgeState,
    /// The due date's series: part of every nudge's identity.
    pub series: i32,
    /// Planning failed this many times in a row before.
    pub plan_attempts: i32,
    /// For a participant's reminders before an appointment: when it starts and the
    /// shortest span before it already handled. `nudge` is then unused.
    pub before: Option<Before>,
    /// For a relation to keep in touch with: its cadence and where its lapse stands.
    /// `nudge` is then unused.
    pub touch: Option<Touch>,
}

/// Where a relation stands in keeping in touch, as claimed for planning.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Touch {
    /// `None` once the cadence was cleared or the relation merged away.
    pub cadence: Option<Cadence>,
    /// The latest contact's moment, or when the cadence was set.
    pub anchor: DateTime<Utc>,
    pub state: TouchState,
}

/// Where a participant stands in the reminders before an appointment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Before {
    pub starts_at: DateTime<Utc>,
    pub handled: Option<Duration>,
}

/// Claims up to `limit` subjects whose next reminder is due at `now` (of those given, when
/// some are), skipping any another scheduler holds: open commitments first, then pending
/// handovers. The locks last until the caller's transaction ends.
#[tracing::instrument(skip(conn))]
pub async fn claim_due(
    conn: &mut Conn,
    now: DateTime<Utc>,
    limit: i64,
    scope: Scope,
    only: Option<&[Subject]>,
) -> sqlx::Result<Vec<Due>> {
    let ids = |kind: &str| -> Option<Vec<i64>> {
        only.map(|subjects| {
            subjects
                .iter()
                .filter(|s| s.kind() == kind)
                .map(|s| s.id())
                .collect()
        })
    };
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
        ids("commitment") as Option<Vec<i64>>
    )
    .fetch_all(&mut *conn)
    .await?;
    let mut due: Vec<Due> = rows
        .into_iter()
        .map(|row| Due {
            series: row.series,
            plan_attempts: row.plan_attempts,
            guild: GuildId(row.guild_id),
            subject: Subject::Commitment(CommitmentId(row.commitment_id)),
            owner: MemberId(row.owner_id),
            sender: None,
            before: None,
            touch: None,
            channel: row.channel_id.map(ChannelId),
            nudge: NudgeState {
                due_at: row.due_at,
                remind_before: row.remind_before_minutes.map(|m| Duration::minutes(i64::from(m))),
                heads_up_sent: row.heads_up_sent,
                nudges_sent: u32::try_from(row.nudges_sent).unwrap_or(0),
                last_nudged_at: row.last_nudged_at,
            },
        })
        .collect();
    let room = limit - due.len() as i64;
    if room <= 0 {
        return Ok(due);
    }
    let rows = sqlx::query!(
        "SELECT guild_id, handover_id, from_id, to_id, channel_id, ack_due_at, nudges_sent, last_nudged_at, series,
                plan_attempts
         FROM handovers
         WHERE status = 'pending' AND next_nudge_at <= $1
           AND ($3::bigint IS NULL OR guild_id = $3) AND ($4::bigint IS NULL OR guild_id <> $4)
           AND ($5::bigint[] IS NULL OR handover_id = ANY($5))
         ORDER BY next_nudge_at
         LIMIT $2
         FOR UPDATE SKIP LOCKED",
        now,
        room,
        scope.only(),
        scope.except(),
        ids("handover") as Option<Vec<i64>>
    )
    .fetch_all(&mut *conn)
    .await?;
    due.extend(rows.into_iter().map(|row| Due {
        series: row.series,
        plan_attempts: row.plan_attempts,
        guild: GuildId(row.guild_id),
        subject: Subject::Handover(HandoverId(row.handover_id)),
        owner: MemberId(row.to_id),
        sender: Some(MemberId(row.from_id)),
        before: None,
        touch: None,
        channel: row.channel_id.map(ChannelId),
        // An answer has no heads-up: the first nudge is the one at the time it is due.
        nudge: NudgeState {
            due_at: row.ack_due_at,
            remind_before: None,
            heads_up_sent: false,
            nudges_sent: u32::try_from(row.nudges_sent).unwrap_or(0),
            last_nudged_at: row.last_nudged_at,
        },
    }));
    let room = limit - due.len() as i64;
    if room <= 0 {
        return Ok(due);
    }
    let rows = sqlx::query!(
        "SELECT guild_id, appointment_id, owner_id, channel_id, ends_at, nudges_sent, last_nudged_at, series,
                plan_attempts
         FROM appointments
         WHERE status = 'scheduled' AND next_nudge_at <= $1
           AND ($3::bigint IS NULL OR guild_id = $3) AND ($4::bigint IS NULL OR guild_id <> $4)
           AND ($5::bigint[] IS NULL OR appointment_id = ANY($5))
         ORDER BY next_nudge_at
         LIMIT $2
         FOR UPDATE SKIP LOCKED",
        now,
        room,
        scope.only(),
        scope.except(),
        ids("appointment") as Option<Vec<i64>>
    )
    .fetch_all(&mut *conn)
    .await?;
    due.extend(rows.into_iter().map(|row| Due {
        series: row.series,
        plan_attempts: row.plan_attempts,
        guild: GuildId(row.guild_id),
        subject: Subject::Appointment(AppointmentId(row.appointment_id)),
        owner: MemberId(row.owner_id),
        sender: None,
        before: None,
        touch: None,
        channel: row.channel_id.map(ChannelId),
        // The question whether it was kept is due when it ends, and nudged like a promise.
        nudge: NudgeState {
            due_at: row.ends_at,
            remind_before: None,
            heads_up_sent: false,
            nudges_sent: u32::try_from(row.nudges_sent).unwrap_or(0),
            last_nudged_at: row.last_nudged_at,
        },
    }));
    let room = limit - due.len() as i64;
    if room <= 0 {
        return Ok(due);
    }
    let rows = sqlx::query!(
        "SELECT p.guild_id, p.participant_id, p.member_id, a.channel_id, a.starts_at, p.reminded_before,
                p.plan_attempts
         FROM appointment_participants p
         JOIN appointments a ON a.guild_id = p.guild_id AND a.appointment_id = p.appointment_id
         WHERE a.status = 'scheduled' AND p.next_nudge_at <= $1
           AND ($3::bigint IS NULL OR p.guild_id = $3) AND ($4::bigint IS NULL OR p.guild_id <> $4)
           AND ($5::bigint[] IS NULL OR p.participant_id = ANY($5))
         ORDER BY p.next_nudge_at
         LIMIT $2
         FOR UPDATE OF p SKIP LOCKED",
        now,
        room,
        scope.only(),
        scope.except(),
        ids("participant") as Option<Vec<i64>>
    )
    .fetch_all(&mut *conn)
    .await?;
    due.extend(rows.into_iter().map(|row| Due {
        series: 1,
        plan_attempts: row.plan_attempts,
        guild: GuildId(row.guild_id),
        subject: Subject::Participant(ParticipantId(row.participant_id)),
        owner: MemberId(row.member_id),
        sender: None,
        before: Some(Before {
            starts_at: row.starts_at,
            handled: row.reminded_before.map(|m| Duration::minutes(i64::from(m))),
        }),
        touch: None,
        channel: row.channel_id.map(ChannelId),
        nudge: NudgeState::fresh(row.starts_at, None),
    }));
    let room = limit - due.len() as i64;
    if room <= 0 {
        return Ok(due);
    }
    due.extend(claim_touch(conn, now, room, scope, ids("relation")).await?);
    Ok(due)
}

/// Claims relations whose keeping in touch is due for planning. The one to nudge is the
/// account owner, else the colleague with the latest contact, else whoever added it.
async fn claim_touch(
    conn: &mut Conn,
    now: DateTime<Utc>,
    limit: i64,
    scope: Scope,
    only: Option<Vec<i64>>,
) -> sqlx::Result<Vec<Due>> {
    let rows = sqlx::query!(
        r#"SELECT t.guild_id AS "guild_id!", t.relation_id AS "relation_id!", t.keep_in_touch, t.merged_into,
                  t.since AS "since!", t.touch_anchor, t.touch_series AS "touch_series!",
                  t.touch_nudged AS "touch_nudged!", t.plan_attempts AS "plan_attempts!", t.keeper AS "keeper!",
                  t.last_at
           FROM relation_touch t
           JOIN relations r ON r.guild_id = t.guild_id AND r.relation_id = t.relation_id
           WHERE r.next_nudge_at <= $1
             AND ($3::bigint IS NULL OR r.guild_id = $3) AND ($4::bigint IS NULL OR r.guild_id <> $4)
             AND ($5::bigint[] IS NULL OR r.relation_id = ANY($5))
           ORDER BY r.next_nudge_at
           LIMIT $2
           FOR UPDATE OF r SKIP LOCKED"#,
        now,
        limit,
        scope.only(),
        scope.except(),
        only as Option<Vec<i64>>
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| {
            let anchor = row.last_at.unwrap_or(row.since);
            Due {
                series: row.touch_series,
                plan_attempts: row.plan_attempts,
                guild: GuildId(row.guild_id),
                subject: Subject::Relation(RelationId(row.relation_id)),
                owner: MemberId(row.keeper),
                sender: None,
                before: None,
                touch: Some(Touch {
                    cadence: super::relations::cadence(row.keep_in_touch)
                        .filter(|_| row.merged_into.is_none()),
                    anchor,
                    state: TouchState {
                        anchor: row.touch_anchor,
                        series: row.touch_series,
                        nudged: row.touch_nudged,
                    },
                }),
                channel: None,
                nudge: NudgeState::fresh(anchor, None),
            }
        })
        .collect())
}

/// A subject's reminder state after planning.
#[derive(Clone, Debug)]
pub struct Planned {
    pub guild: GuildId,
    pub subject: Subject,
    pub nudge: NudgeState,
    /// For a participant: the shortest span before the start handled now.
    pub handled: Option<Duration>,
    /// `None`: nothing more to remind of.
    pub next_nudge_at: Option<DateTime<Utc>>,
    /// For a relation: where keeping in touch stands now.
    pub touch: Option<TouchState>,
}

/// Writes the planned states of many subjects, one statement per kind; planning succeeded,
/// so earlier failures are forgotten.
#[tracing::instrument(skip_all, fields(count = planned.len()))]
pub async fn update_planned(conn: &mut Conn, planned: &[Planned]) -> sqlx::Result<()> {
    let of = |kind: &'static str| planned.iter().filter(move |p| p.subject.kind() == kind);
    let columns = |kind: &'static str| {
        let guilds: Vec<i64> = of(kind).map(|p| p.guild.0).collect();
        let ids: Vec<i64> = of(kind).map(|p| p.subject.id()).collect();
        let heads_up: Vec<bool> = of(kind).map(|p| p.nudge.heads_up_sent).collect();
        let sent: Vec<i32> = of(kind)
            .map(|p| i32::try_from(p.nudge.nudges_sent).unwrap_or(i32::MAX))
            .collect();
        let last: Vec<Option<DateTime<Utc>>> = of(kind).map(|p| p.nudge.last_nudged_at).collect();
        let next: Vec<Option<DateTime<Utc>>> = of(kind).map(|p| p.next_nudge_at).collect();
        (guilds, ids, heads_up, sent, last, next)
    };
    let (guilds, ids, heads_up, sent, last, next) = columns("commitment");
    if !ids.is_empty() {
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
            &next as &[Option<DateTime<Utc>>]
        )
        .execute(&mut *conn)
        .await?;
    }
    let (guilds, ids, _, sent, last, next) = columns("handover");
    if !ids.is_empty() {
        sqlx::query!(
            "UPDATE handovers h
             SET nudges_sent = u.sent, last_nudged_at = u.last, next_nudge_at = u.next,
                 plan_attempts = 0, plan_error = NULL
             FROM UNNEST($1::bigint[], $2::bigint[], $3::integer[], $4::timestamptz[], $5::timestamptz[])
                  AS u(guild, id, sent, last, next)
             WHERE h.guild_id = u.guild AND h.handover_id = u.id",
            &guilds,
            &ids,
            &sent,
            &last as &[Option<DateTime<Utc>>],
            &next as &[Option<DateTime<Utc>>]
        )
        .execute(&mut *conn)
        .await?;
    }
    let (guilds, ids, _, sent, last, next) = columns("appointment");
    if !ids.is_empty() {
        sqlx::query!(
            "UPDATE appointments a
             SET nudges_sent = u.sent, last_nudged_at = u.last, next_nudge_at = u.next,
                 plan_attempts = 0, plan_error = NULL
             FROM UNNEST($1::bigint[], $2::bigint[], $3::integer[], $4::timestamptz[], $5::timestamptz[])
                  AS u(guild, id, sent, last, next)
             WHERE a.guild_id = u.guild AND a.appointment_id = u.id",
            &guilds,
            &ids,
            &sent,
            &last as &[Option<DateTime<Utc>>],
            &next as &[Option<DateTime<Utc>>]
        )
        .execute(&mut *conn)
        .await?;
    }
    let (guilds, ids, _, _, _, next) = columns("participant");
    if !ids.is_empty() {
        let handled: Vec<Option<i32>> = of("participant")
            .map(|p| super::commitments::minutes(p.handled))
            .collect();
        sqlx::query!(
            "UPDATE appointment_participants p
             SET reminded_before = u.handled, next_nudge_at = u.next, plan_attempts = 0, plan_error = NULL
             FROM UNNEST($1::bigint[], $2::bigint[], $3::integer[], $4::timestamptz[]) AS u(guild, id, handled, next)
             WHERE p.guild_id = u.guild AND p.participant_id = u.id",
            &guilds,
            &ids,
            &handled as &[Option<i32>],
            &next as &[Option<DateTime<Utc>>]
        )
        .execute(&mut *conn)
        .await?;
    }
    let (guilds, ids, _, _, _, next) = columns("relation");
    if !ids.is_empty() {
        let touch: Vec<TouchState> = of("relation")
            .map(|p| {
                p.touch.unwrap_or(TouchState {
                    anchor: None,
                    series: 1,
                    nudged: 0,
                })
            })
            .collect();
        let anchors: Vec<Option<DateTime<Utc>>> = touch.iter().map(|t| t.anchor).collect();
        let series: Vec<i32> = touch.iter().map(|t| t.series).collect();
        let nudged: Vec<i32> = touch.iter().map(|t| t.nudged).collect();
        sqlx::query!(
            "UPDATE relations r
             SET touch_anchor = u.anchor, touch_series = u.series, touch_nudged = u.nudged, next_nudge_at = u.next,
                 plan_attempts = 0, plan_error = NULL
             FROM UNNEST($1::bigint[], $2::bigint[], $3::timestamptz[], $4::integer[], $5::integer[],
                         $6::timestamptz[]) AS u(guild, id, anchor, series, nudged, next)
             WHERE r.guild_id = u.guild AND r.relation_id = u.id",
            &guilds,
            &ids,
            &anchors as &[Option<DateTime<Utc>>],
            &series,
            &nudged,
            &next as &[Option<DateTime<Utc>>]
        )
        .execute(conn)
        .await?;
    }
    Ok(())
}

/// One recorded nudge: its identity (subject, series, number) and the delivery carrying it.
#[derive(Clone, Debug)]
pub struct NewNudge {
    pub guild: GuildId,
    pub subject: Subject,
    pub number: u32,
    pub escalated: bool,
    pub delivery: i64,
    pub series: i32,
}

/// Records nudges. Their key is their identity, so the same nudge can never be recorded
/// twice; the caller holds the subjects' locks, so it never tries.
#[tracing::instrument(skip_all, fields(count = nudges.len()))]
pub async fn record(conn: &mut Conn, nudges: &[NewNudge], now: DateTime<Utc>) -> sqlx::Result<()> {
    let guilds: Vec<i64> = nudges.iter().map(|n| n.guild.0).collect();
    let kinds: Vec<&str> = nudges.iter().map(|n| n.subject.kind()).collect();
    let ids: Vec<i64> = nudges.iter().map(|n| n.subject.id()).collect();
    let numbers: Vec<i32> = nudges
        .iter()
        .map(|n| i32::try_from(n.number).unwrap_or(i32::MAX))
        .collect();
    let escalated: Vec<bool> = nudges.iter().map(|n| n.escalated).collect();
    let deliveries: Vec<i64> = nudges.iter().map(|n| n.delivery).collect();
    let series: Vec<i32> = nudges.iter().map(|n| n.series).collect();
    sqlx::query!(
        "INSERT INTO nudges (guild_id, subject_kind, subject_id, series, number, escalated, delivery_id, created_at)
         SELECT n.guild, n.kind, n.id, n.series, n.number, n.escalated, n.delivery, $6
         FROM UNNEST($1::bigint[], $2::bigint[], $3::integer[], $4::boolean[], $5::bigint[], $7::integer[],
                     $8::text[])
              AS n(guild, id, number, escalated, delivery, series, kind)",
        &guilds,
        &ids,
        &numbers,
        &escalated,
        &deliveries,
        now,
        &series,
        &kinds as &[&str]
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// What a nudge is about, as it is now.
#[derive(Clone, Debug)]
pub enum About {
    Commitment(CommitmentRow),
    Handover(HandoverRow),
    /// Whether the appointment was kept: asked of its owner after it ended.
    Outcome(AppointmentRow),
    /// An appointment coming up, for one of its participants.
    Coming(AppointmentRow, MemberId),
    /// A relation gone without a contact for longer than its cadence.
    Touch(TouchRow),
}

/// A `TouchRow` from a row of `relation_touch`; a relation merged into another has no
/// cadence left.
macro_rules! touch_row {
    ($row:ident, $merged_into:expr) => {
        TouchRow {
            id: RelationId($row.relation_id),
            cadence: super::relations::cadence($row.keep_in_touch).filter(|_| $merged_into.is_none()),
            last: $row.last_at.zip($row.last_by.map(MemberId)),
            since: $row.since,
            planned_anchor: $row.touch_anchor,
            series: $row.touch_series,
            keeper: MemberId($row.keeper),
            name: $row.name,
        }
    };
}

/// A relation to keep in touch with, as it is now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TouchRow {
    pub id: RelationId,
    pub name: String,
    /// `None` once cleared, or when the relation was merged into another.
    pub cadence: Option<Cadence>,
    /// The latest contact: when, and by whom.
    pub last: Option<(DateTime<Utc>, MemberId)>,
    /// When the cadence was set (or the relation added): the start when never in contact.
    pub since: DateTime<Utc>,
    /// The anchor and series the planner last saw.
    pub planned_anchor: Option<DateTime<Utc>>,
    pub series: i32,
    /// Who is nudged: the account owner, else the colleague with the latest contact, else
    /// whoever added it.
    pub keeper: MemberId,
}

impl TouchRow {
    /// What the current lapse counts from.
    pub fn anchor(&self) -> DateTime<Utc> {
        self.last.map_or(self.since, |(at, _)| at)
    }

    /// When the relation lapsed (or will), with its cadence.
    pub fn lapses_at(&self) -> Option<DateTime<Utc>> {
        self.cadence?.lapses_at(self.anchor())
    }
}

/// What one delivery reminds of: its subjects as they are now, with the nudge numbers.
#[derive(Clone, Debug)]
pub struct Item {
    pub delivery: i64,
    pub number: u32,
    pub escalated: bool,
    /// The series the nudge was planned for; stale once the subject moved on.
    pub series: i32,
    pub about: About,
}

impl Item {
    /// Still worth saying at `now`: a commitment open and still at the date this nudge was
    /// for, a heads-up still ahead of that date (once it has passed, the overdue nudge says
    /// more); a handover still unanswered.
    pub fn current(&self, now: DateTime<Utc>) -> bool {
        match &self.about {
            About::Commitment(c) => {
                c.status == crate::domain::commitment::CommitmentStatus::Open
                    && c.series == self.series
                    && (self.number > 0 || now < c.due_at)
            }
            About::Handover(h) => h.status == HandoverStatus::Pending,
            About::Outcome(a) => a.status == AppointmentStatus::Scheduled,
            About::Coming(a, member) => {
                a.status == AppointmentStatus::Scheduled
                    && now < a.starts_at
                    && a.participants.contains(member)
            }
            // Still lapsed, and no contact logged since it was planned.
            About::Touch(t) => {
                t.series == self.series
                    && t.planned_anchor == Some(t.anchor())
                    && t.lapses_at().is_some_and(|at| at <= now)
            }
        }
    }

    /// Who must act on it: the commitment's owner, the handover's recipient.
    pub fn owner(&self) -> MemberId {
        match &self.about {
            About::Commitment(c) => c.owner,
            About::Handover(h) => h.to,
            About::Outcome(a) => a.owner,
            About::Coming(_, member) => *member,
            About::Touch(t) => t.keeper,
        }
    }

    /// The members a message about it names: its owner, a handover's sender, the colleague
    /// of a relation's last contact.
    pub fn named(&self) -> Vec<MemberId> {
        let mut named = vec![self.owner()];
        match &self.about {
            About::Handover(h) => named.push(h.from),
            About::Touch(t) => named.extend(t.last.map(|(_, by)| by)),
            _ => {}
        }
        named
    }

    pub fn reference(&self) -> SubjectRef {
        match &self.about {
            About::Commitment(c) => SubjectRef::Promise(c.reference),
            About::Handover(h) => SubjectRef::Handover(h.reference),
            About::Outcome(a) | About::Coming(a, _) => SubjectRef::Appointment(a.reference),
            About::Touch(t) => SubjectRef::Relation(t.id),
        }
    }
}

/// The items of the given deliveries: promises in reference order, then handovers.
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
           JOIN nudges n ON n.guild_id = d.guild AND n.delivery_id = d.id AND n.subject_kind = 'commitment'
           JOIN commitments c ON c.guild_id = n.guild_id AND c.commitment_id = n.subject_id
           JOIN relations r ON r.guild_id = c.guild_id AND r.relation_id = c.relation_id
           ORDER BY n.delivery_id, c.ref"#,
        &guilds,
        &ids
    )
    .fetch_all(&mut *conn)
    .await?;
    let mut items: Vec<Item> = rows
        .into_iter()
        .map(|row| Item {
            delivery: row.delivery_id,
            number: u32::try_from(row.number).unwrap_or(0),
            escalated: row.escalated,
            series: row.nudge_series,
            about: About::Commitment(commitment_row!(row)),
        })
        .collect();
    let rows = sqlx::query!(
        r#"SELECT n.delivery_id, n.number, n.escalated, n.series AS nudge_series,
                  h.handover_id, h.ref, h.relation_id, r.name AS relation_name, h.from_id, h.to_id, h.created_by,
                  h.notes, h.channel_id, h.status, h.answered_by, h.answered_at, h.answer_note, h.created_at,
                  h.ack_due_at
           FROM UNNEST($1::bigint[], $2::bigint[]) AS d(guild, id)
           JOIN nudges n ON n.guild_id = d.guild AND n.delivery_id = d.id AND n.subject_kind = 'handover'
           JOIN handovers h ON h.guild_id = n.guild_id AND h.handover_id = n.subject_id
           JOIN relations r ON r.guild_id = h.guild_id AND r.relation_id = h.relation_id
           ORDER BY n.delivery_id, h.ref"#,
        &guilds,
        &ids
    )
    .fetch_all(&mut *conn)
    .await?;
    items.extend(rows.into_iter().map(|row| Item {
        delivery: row.delivery_id,
        number: u32::try_from(row.number).unwrap_or(0),
        escalated: row.escalated,
        series: row.nudge_series,
        about: About::Handover(handover_row!(row)),
    }));
    items.extend(appointment_items(&mut *conn, &guilds, &ids).await?);
    items.extend(touch_items(conn, &guilds, &ids).await?);
    items.sort_by_key(|item| item.delivery);
    Ok(items)
}

/// The appointment items of the given deliveries: outcome questions and reminders before.
async fn appointment_items(conn: &mut Conn, guilds: &[i64], ids: &[i64]) -> sqlx::Result<Vec<Item>> {
    let rows = sqlx::query!(
        "SELECT n.guild_id, n.delivery_id, n.number, n.escalated, n.series, n.subject_kind, n.subject_id
         FROM UNNEST($1::bigint[], $2::bigint[]) AS d(guild, id)
         JOIN nudges n ON n.guild_id = d.guild AND n.delivery_id = d.id
         WHERE n.subject_kind IN ('appointment', 'participant')
         ORDER BY n.delivery_id, n.subject_kind, n.subject_id",
        guilds,
        ids
    )
    .fetch_all(&mut *conn)
    .await?;
    let mut items = Vec::with_capacity(rows.len());
    let mut by_guild: std::collections::BTreeMap<i64, Vec<_>> = std::collections::BTreeMap::new();
    for row in rows {
        by_guild.entry(row.guild_id).or_default().push(row);
    }
    for (guild, rows) in by_guild {
        let guild = GuildId(guild);
        let participant_ids: Vec<i64> = rows
            .iter()
            .filter(|r| r.subject_kind == "participant")
            .map(|r| r.subject_id)
            .collect();
        let participants = super::appointments::participants(conn, guild, &participant_ids).await?;
        let mut wanted: Vec<AppointmentId> = rows
            .iter()
            .filter(|r| r.subject_kind == "appointment")
            .map(|r| AppointmentId(r.subject_id))
            .chain(participants.iter().map(|(_, a, _)| *a))
            .collect();
        wanted.sort_unstable();
        wanted.dedup();
        let query = super::appointments::Query {
            limit: wanted.len() as i64 + 1,
            ids: Some(wanted),
            ..Default::default()
        };
        let appointments = super::appointments::select(conn, guild, &query).await?;
        let find = |id: AppointmentId| appointments.iter().find(|a| a.id == id).cloned();
        for row in rows {
            let about = if row.subject_kind == "appointment" {
                find(AppointmentId(row.subject_id)).map(About::Outcome)
            } else {
                participants
                    .iter()
                    .find(|(p, _, _)| *p == row.subject_id)
                    .and_then(|(_, a, member)| find(*a).map(|a| About::Coming(a, *member)))
            };
            if let Some(about) = about {
                items.push(Item {
                    delivery: row.delivery_id,
                    number: u32::try_from(row.number).unwrap_or(0),
                    escalated: row.escalated,
                    series: row.series,
                    about,
                });
            }
        }
    }
    Ok(items)
}

/// The relations `member` keeps that have gone without a contact for longer than their
/// cadence at `now`, longest lapsed first.
#[tracing::instrument(skip(conn))]
pub async fn lapsed(
    conn: &mut Conn,
    guild: GuildId,
    member: MemberId,
    now: DateTime<Utc>,
    limit: i64,
) -> sqlx::Result<Vec<TouchRow>> {
    let rows = sqlx::query!(
        r#"SELECT t.relation_id AS "relation_id!", t.name AS "name!", t.keep_in_touch, t.since AS "since!",
                  t.touch_anchor, t.touch_series AS "touch_series!", t.keeper AS "keeper!", t.last_at, t.last_by
           FROM relation_touch t
           WHERE t.guild_id = $1 AND t.keeper = $2 AND t.keep_in_touch IS NOT NULL AND t.merged_into IS NULL
             AND coalesce(t.last_at, t.since) + t.keep_in_touch <= $3
           ORDER BY coalesce(t.last_at, t.since) + t.keep_in_touch, t.name
           LIMIT $4"#,
        guild.0,
        member.0,
        now,
        limit
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| touch_row!(row, None::<i64>))
        // The database's calendar and the domain's agree; the domain has the last word.
        .filter(|t| t.lapses_at().is_some_and(|at| at <= now))
        .collect())
}

/// The relations to keep in touch with of the given deliveries, as they are now.
async fn touch_items(conn: &mut Conn, guilds: &[i64], ids: &[i64]) -> sqlx::Result<Vec<Item>> {
    let rows = sqlx::query!(
        r#"SELECT n.delivery_id, n.number, n.escalated, n.series, t.relation_id AS "relation_id!",
                  t.name AS "name!", t.keep_in_touch, t.merged_into, t.since AS "since!", t.touch_anchor,
                  t.touch_series AS "touch_series!", t.keeper AS "keeper!", t.last_at, t.last_by
           FROM UNNEST($1::bigint[], $2::bigint[]) AS d(guild, id)
           JOIN nudges n ON n.guild_id = d.guild AND n.delivery_id = d.id AND n.subject_kind = 'relation'
           JOIN relation_touch t ON t.guild_id = n.guild_id AND t.relation_id = n.subject_id
           ORDER BY n.delivery_id, t.name"#,
        guilds,
        ids
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| Item {
            delivery: row.delivery_id,
            number: u32::try_from(row.number).unwrap_or(0),
            escalated: row.escalated,
            series: row.series,
            about: About::Touch(touch_row!(row, row.merged_into)),
        })
        .collect())
}

/// Records that planning a subject's reminder failed: the error and the attempt stay on
/// it, and it is tried again at `retry_at`.
#[tracing::instrument(skip(conn, error))]
pub async fn plan_failed(
    conn: &mut Conn,
    guild: GuildId,
    subject: Subject,
    error: &str,
    retry_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    match subject {
        Subject::Commitment(id) => {
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
            .await?
        }
        Subject::Handover(id) => {
            sqlx::query!(
                "UPDATE handovers
             SET plan_attempts = plan_attempts + 1, plan_error = $3, next_nudge_at = $4, plan_failed_at = $5
             WHERE guild_id = $1 AND handover_id = $2 AND status = 'pending'",
                guild.0,
                id.0,
                error,
                retry_at,
                now
            )
            .execute(conn)
            .await?
        }
        Subject::Appointment(id) => {
            sqlx::query!(
                "UPDATE appointments
             SET plan_attempts = plan_attempts + 1, plan_error = $3, next_nudge_at = $4, plan_failed_at = $5
             WHERE guild_id = $1 AND appointment_id = $2 AND status = 'scheduled'",
                guild.0,
                id.0,
                error,
                retry_at,
                now
            )
            .execute(conn)
            .await?
        }
        Subject::Participant(id) => {
            sqlx::query!(
                "UPDATE appointment_participants
             SET plan_attempts = plan_attempts + 1, plan_error = $3, next_nudge_at = $4, plan_failed_at = $5
             WHERE guild_id = $1 AND participant_id = $2",
                guild.0,
                id.0,
                error,
                retry_at,
                now
            )
            .execute(conn)
            .await?
        }
        Subject::Relation(id) => {
            sqlx::query!(
                "UPDATE relations
             SET plan_attempts = plan_attempts + 1, plan_error = $3, next_nudge_at = $4, plan_failed_at = $5
             WHERE guild_id = $1 AND relation_id = $2",
                guild.0,
                id.0,
                error,
                retry_at,
                now
            )
            .execute(conn)
            .await?
        }
    };
    Ok(())
}

/// When the next reminder of any open commitment or pending handover is due.
#[tracing::instrument(skip(conn))]
pub async fn next_due(conn: &mut Conn, scope: Scope) -> sqlx::Result<Option<DateTime<Utc>>> {
    sqlx::query_scalar!(
        "SELECT min(at) FROM (
             SELECT min(next_nudge_at) AS at FROM commitments
             WHERE status = 'open'
               AND ($1::bigint IS NULL OR guild_id = $1) AND ($2::bigint IS NULL OR guild_id <> $2)
             UNION ALL
             SELECT min(next_nudge_at) FROM handovers
             WHERE status = 'pending'
               AND ($1::bigint IS NULL OR guild_id = $1) AND ($2::bigint IS NULL OR guild_id <> $2)
             UNION ALL
             SELECT min(next_nudge_at) FROM appointments
             WHERE status = 'scheduled'
               AND ($1::bigint IS NULL OR guild_id = $1) AND ($2::bigint IS NULL OR guild_id <> $2)
             UNION ALL
             SELECT min(p.next_nudge_at) FROM appointment_participants p
             JOIN appointments a ON a.guild_id = p.guild_id AND a.appointment_id = p.appointment_id
             WHERE a.status = 'scheduled'
               AND ($1::bigint IS NULL OR p.guild_id = $1) AND ($2::bigint IS NULL OR p.guild_id <> $2)
             UNION ALL
             SELECT min(next_nudge_at) FROM relations
             WHERE next_nudge_at IS NOT NULL
               AND ($1::bigint IS NULL OR guild_id = $1) AND ($2::bigint IS NULL OR guild_id <> $2)
         ) due",
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
           UNION
           SELECT p.member_id
           FROM appointment_participants p
           JOIN appointments a ON a.guild_id = p.guild_id AND a.appointment_id = p.appointment_id
           LEFT JOIN members m ON m.guild_id = p.guild_id AND m.member_id = p.member_id
           WHERE p.guild_id = $1 AND a.status = 'scheduled' AND a.starts_at < $2
             AND a.starts_at >= $2 - interval '1 day' AND coalesce(m.digest, true)
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

/// The open commitments of these members due before `until`, soonest first: a digest's
/// contents (a member's own, and those of colleagues they back up).
#[tracing::instrument(skip(conn))]
pub async fn open_due_before(
    conn: &mut Conn,
    guild: GuildId,
    owners: &[MemberId],
    until: DateTime<Utc>,
) -> sqlx::Result<Vec<CommitmentRow>> {
    let owners: Vec<i64> = owners.iter().map(|m| m.0).collect();
    let rows = sqlx::query!(
        r#"SELECT c.commitment_id, c.ref, c.relation_id, r.name AS relation_name, c.kind, c.direction,
                  c.certainty, c.what, c.depends_on, c.owner_id, c.created_by, c.channel_id, c.due_at,
                  c.status, c.closed_at, c.remind_before_minutes, c.heads_up_sent, c.nudges_sent,
                  c.last_nudged_at, c.series, c.told_series
           FROM commitments c JOIN relations r USING (guild_id, relation_id)
           WHERE c.guild_id = $1 AND c.owner_id = ANY($2) AND c.status = 'open' AND c.due_at < $3
           ORDER BY c.due_at, c.ref"#,
        guild.0,
        &owners,
        until
    )
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(|row| commitment_row!(row)).collect())
}
