//! Planning: which due commitments get which nudge now, grouped into messages per target.
//! The grouping is pure; `record` writes the result in one transaction, before anything is
//! sent.

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};

use super::Scheduler;
use crate::core::GuildSettings;
use crate::domain::away::{self, Away};
use crate::domain::schedule::{self, Nudge};
use crate::domain::{GuildId, Subject};
use crate::store::deliveries::{self, DeliveryKind, Target};
use crate::store::nudges::{self, Due, NewNudge, Planned};
use crate::store::{self, Conn};

/// One nudge decided on: for which subject, which one, and where it goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decided {
    pub guild: GuildId,
    pub subject: Subject,
    pub series: i32,
    pub nudge: Nudge,
    pub target: Target,
}

/// What planning writes: every claimed subject's new state, and the nudges to send grouped
/// into messages.
#[derive(Clone, Debug, Default)]
pub struct Plan {
    pub states: Vec<Planned>,
    pub messages: Vec<((GuildId, Target), Vec<Decided>)>,
}

/// Decides for each due subject what to send now, and what comes next. `away` holds each
/// guild's absences now: what would go to an away member directly goes to their backup.
pub fn decide(
    due: &[Due],
    settings: &HashMap<GuildId, GuildSettings>,
    away: &HashMap<GuildId, Vec<Away>>,
    now: DateTime<Utc>,
    per_message: usize,
) -> Plan {
    let mut states = Vec::with_capacity(due.len());
    let mut decided = Vec::new();
    for item in due {
        let settings = settings.get(&item.guild).copied().unwrap_or_default();
        let rules = settings.rules();
        let absent = away.get(&item.guild).map_or(&[][..], Vec::as_slice);
        if let Some(touch) = item.touch {
            let step = rules.touch(touch.cadence, touch.anchor, touch.state, now);
            if step.send {
                decided.push(Decided {
                    guild: item.guild,
                    subject: item.subject,
                    series: step.state.series,
                    nudge: Nudge::KeepInTouch,
                    target: target(&settings, item, Nudge::KeepInTouch, absent, now),
                });
            }
            states.push(Planned {
                guild: item.guild,
                subject: item.subject,
                nudge: item.nudge,
                handled: None,
                next_nudge_at: step.next_at,
                touch: Some(step.state),
            });
            continue;
        }
        if let Some(before) = item.before {
            let step = settings
                .appointment_reminders
                .step(before.starts_at, before.handled, now, &rules);
            if let Some(span) = step.send {
                let nudge = Nudge::Before {
                    minutes: crate::domain::appointment::reminder_number(span),
                };
                decided.push(Decided {
                    guild: item.guild,
                    subject: item.subject,
                    series: item.series,
                    nudge,
                    target: target(&settings, item, nudge, absent, now),
                });
            }
            states.push(Planned {
                guild: item.guild,
                subject: item.subject,
                nudge: item.nudge,
                handled: step.handled,
                next_nudge_at: step.next_at,
                touch: None,
            });
            continue;
        }
        let mut state = item.nudge;
        if let Some(nudge) = rules.due_now(&state, now) {
            state = rules.after_sending(&state, nudge, now);
            decided.push(Decided {
                guild: item.guild,
                subject: item.subject,
                series: item.series,
                nudge,
                target: target(&settings, item, nudge, absent, now),
            });
        }
        states.push(Planned {
            guild: item.guild,
            subject: item.subject,
            nudge: state,
            handled: None,
            next_nudge_at: Some(rules.next_at(&state, now)),
            touch: None,
        });
    }
    let messages = schedule::group(decided, |d| (d.guild, d.target), per_message);
    Plan { states, messages }
}

/// Where a nudge goes: an escalation without a role to call goes to the escalation channel;
/// otherwise the guild's reminder channel, else the channel where it was promised or handed
/// over, else a direct message to the owner (their backup while they are away). An
/// escalated handover with no channel to go to is told to its sender, who still holds the
/// ball.
fn target(settings: &GuildSettings, item: &Due, nudge: Nudge, away: &[Away], now: DateTime<Utc>) -> Target {
    if nudge.escalated() && settings.escalation_role.is_none() {
        if let Some(channel) = settings.escalation_channel {
            return Target::Channel(channel);
        }
    }
    match settings.reminder_channel.or(item.channel) {
        Some(channel) => Target::Channel(channel),
        None => {
            let member = match (item.subject, item.sender) {
                (Subject::Handover(_), Some(sender)) if nudge.escalated() => sender,
                _ => item.owner,
            };
            Target::Direct(away::route(member, away, now).to)
        }
    }
}

/// Claims due subjects, decides their nudges and records them with their deliveries,
/// all in one transaction. Returns the number of nudges recorded and whether the batch
/// was full (more may be due).
///
/// When the batch fails for another reason than the database being away, the fault lies
/// with some commitment in it: the batch is split in halves and each planned on its own,
/// down to the one that fails, which keeps the error and is tried again later. The
/// others go out as if nothing happened.
pub async fn plan_batch(scheduler: &Scheduler, now: DateTime<Utc>) -> sqlx::Result<(usize, bool)> {
    let options = &scheduler.options;
    let mut tx = scheduler.pool.begin().await?;
    let due = nudges::claim_due(&mut tx, now, options.plan_batch, options.scope, None).await?;
    if due.is_empty() {
        return Ok((0, false));
    }
    let full = due.len() as i64 == options.plan_batch;
    let failure = match plan_claimed(scheduler, &mut tx, &due, now).await {
        Ok(recorded) => {
            tx.commit().await?;
            return Ok((recorded, full));
        }
        Err(PlanError::Database(err)) if store::is_unavailable(&err) => return Err(err),
        Err(failure) => failure,
    };
    tx.rollback().await?;
    tracing::warn!(error = %failure, count = due.len(), "planning a batch of reminders failed; planning it in parts");
    let mut recorded = 0;
    let mut parts = split(due.iter().map(|d| d.subject).collect());
    while let Some(part) = parts.pop() {
        match plan_part(scheduler, &part, now).await? {
            Ok(count) => recorded += count,
            Err(_) if part.len() > 1 => parts.extend(split(part)),
            Err(failure) => {
                if let Some(item) = due.iter().find(|d| d.subject == part[0]) {
                    record_failure(scheduler, item, &failure, now).await?;
                }
            }
        }
    }
    Ok((recorded, full))
}

/// Why planning failed: the database refused something, or the rules panicked.
#[derive(Debug, thiserror::Error)]
enum PlanError {
    #[error(transparent)]
    Database(#[from] sqlx::Error),
    #[error("planning panicked: {0}")]
    Panicked(String),
}

/// Decides and records the nudges of commitments claimed in `tx`.
async fn plan_claimed(
    scheduler: &Scheduler,
    tx: &mut Conn,
    due: &[Due],
    now: DateTime<Utc>,
) -> Result<usize, PlanError> {
    let per_message = scheduler.options.per_message;
    let settings = guild_settings(tx, &scheduler.defaults, due.iter().map(|d| d.guild)).await?;
    let mut away = HashMap::with_capacity(settings.len());
    for guild in settings.keys() {
        away.insert(*guild, store::away::at(tx, *guild, now).await?);
    }
    let plan = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        decide(due, &settings, &away, now, per_message)
    }))
    .map_err(|panic| PlanError::Panicked(panic_text(panic.as_ref())))?;
    let recorded = record(tx, &plan, per_message, now).await?;
    nudges::update_planned(tx, &plan.states).await?;
    Ok(recorded)
}

/// Plans some of the commitments of a failed batch in a transaction of their own. The
/// outer error is the database being away; the inner one is theirs.
async fn plan_part(
    scheduler: &Scheduler,
    ids: &[Subject],
    now: DateTime<Utc>,
) -> sqlx::Result<Result<usize, PlanError>> {
    let options = &scheduler.options;
    let mut tx = scheduler.pool.begin().await?;
    let due = nudges::claim_due(&mut tx, now, ids.len() as i64, options.scope, Some(ids)).await?;
    match plan_claimed(scheduler, &mut tx, &due, now).await {
        Ok(recorded) => {
            tx.commit().await?;
            Ok(Ok(recorded))
        }
        Err(PlanError::Database(err)) if store::is_unavailable(&err) => Err(err),
        Err(failure) => {
            tx.rollback().await?;
            Ok(Err(failure))
        }
    }
}

/// Keeps the error on the commitment and tries it again after a pause that grows while it
/// keeps failing; after `max_attempts` it shows as failed in `/ball`.
async fn record_failure(
    scheduler: &Scheduler,
    item: &Due,
    failure: &PlanError,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    let attempt = item.plan_attempts.saturating_add(1);
    tracing::error!(guild = %item.guild, subject = ?item.subject, attempt, error = %failure, "planning a reminder failed");
    let retry_at = now + retry_pause(attempt);
    let mut conn = scheduler.pool.acquire().await?;
    let error = crate::domain::text::shorten(&failure.to_string(), 500);
    nudges::plan_failed(&mut conn, item.guild, item.subject, &error, retry_at, now).await
}

/// 2, 4, 8 … seconds, at most an hour.
pub fn retry_pause(attempt: i32) -> Duration {
    let exponent = u32::try_from(attempt.clamp(1, 12)).unwrap_or(1);
    Duration::seconds(2_i64.pow(exponent).min(3600))
}

fn split(mut ids: Vec<Subject>) -> Vec<Vec<Subject>> {
    let back = ids.split_off(ids.len() / 2);
    [ids, back].into_iter().filter(|part| !part.is_empty()).collect()
}

/// The message of a panic, as far as it has one.
pub fn panic_text(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|text| (*text).to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_string())
}

/// Records the decided nudges. They join messages to the same target that wait unsent and
/// have room, so a backlog (a rate limit, a pile of reminders due at 17:00) makes fuller
/// messages rather than more of them; the rest get new messages.
async fn record(conn: &mut Conn, plan: &Plan, per_message: usize, now: DateTime<Utc>) -> sqlx::Result<usize> {
    let decided: Vec<&Decided> = plan.messages.iter().flat_map(|(_, items)| items).collect();
    if decided.is_empty() {
        return Ok(0);
    }
    let targets: Vec<(GuildId, Target)> = plan
        .messages
        .iter()
        .map(|(key, _)| *key)
        .collect::<std::collections::HashSet<_>>()
        .into_iter()
        .collect();
    let mut room: HashMap<(GuildId, Target), Vec<(i64, usize)>> = HashMap::new();
    for (guild, target, id, items) in deliveries::open_for(conn, &targets, per_message as i64).await? {
        let free = per_message.saturating_sub(usize::try_from(items).unwrap_or(per_message));
        room.entry((guild, target)).or_default().push((id, free));
    }
    let mut placed: Vec<(&Decided, Option<i64>)> = Vec::with_capacity(decided.len());
    for item in decided {
        let slot = room
            .get_mut(&(item.guild, item.target))
            .and_then(|open| open.iter_mut().find(|(_, free)| *free > 0));
        let delivery = slot.map(|(id, free)| {
            *free -= 1;
            *id
        });
        placed.push((item, delivery));
    }
    let fresh: Vec<&Decided> = placed
        .iter()
        .filter(|(_, d)| d.is_none())
        .map(|(item, _)| *item)
        .collect();
    let groups = schedule::group(fresh, |d| (d.guild, d.target), per_message);
    let ids = deliveries::allocate(conn, groups.len() as i64).await?;
    if !groups.is_empty() {
        let guilds: Vec<GuildId> = groups.iter().map(|((guild, _), _)| *guild).collect();
        let targets: Vec<Target> = groups.iter().map(|((_, target), _)| *target).collect();
        deliveries::insert(conn, &guilds, &ids, &targets, DeliveryKind::Nudge, now).await?;
    }
    let new_ones = groups
        .iter()
        .zip(&ids)
        .flat_map(|((_, items), id)| items.iter().map(move |item| (*item, *id)));
    let joined = placed.iter().filter_map(|(item, d)| d.map(|id| (*item, id)));
    let nudges: Vec<NewNudge> = joined
        .chain(new_ones)
        .map(|(d, delivery)| NewNudge {
            guild: d.guild,
            subject: d.subject,
            number: d.nudge.number(),
            escalated: d.nudge.escalated(),
            delivery,
            series: d.series,
        })
        .collect();
    nudges::record(conn, &nudges, now).await?;
    Ok(nudges.len())
}

/// The effective settings of the given guilds.
pub async fn guild_settings(
    conn: &mut Conn,
    defaults: &GuildSettings,
    guilds: impl Iterator<Item = GuildId>,
) -> sqlx::Result<HashMap<GuildId, GuildSettings>> {
    let mut ids: Vec<GuildId> = guilds.collect();
    ids.sort_unstable();
    ids.dedup();
    let mut settings = HashMap::with_capacity(ids.len());
    for guild in ids {
        let row = store::guilds::get(conn, guild).await?;
        settings.insert(guild, GuildSettings::over(defaults, &row));
    }
    Ok(settings)
}

#[cfg(test)]
mod tests {
    use chrono::{Duration, TimeZone};

    use super::*;
    use crate::domain::schedule::NudgeState;
    use crate::domain::{ChannelId, CommitmentId, MemberId, RoleId};

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 24, 10, 0, 0).unwrap()
    }

    fn due(id: i64, channel: Option<i64>, nudges_sent: u32) -> Due {
        Due {
            guild: GuildId(1),
            subject: Subject::Commitment(CommitmentId(id)),
            owner: MemberId(100 + id),
            sender: None,
            before: None,
            touch: None,
            channel: channel.map(ChannelId),
            series: 1,
            plan_attempts: 0,
            nudge: NudgeState {
                nudges_sent,
                last_nudged_at: (nudges_sent > 0).then(|| now() - Duration::days(1)),
                ..NudgeState::fresh(now() - Duration::hours(1), None)
            },
        }
    }

    fn settings(settings: GuildSettings) -> HashMap<GuildId, GuildSettings> {
        HashMap::from([(GuildId(1), settings)])
    }

    #[test]
    fn many_nudges_in_one_channel_become_one_message() {
        let items: Vec<Due> = (1..=5)
            .map(|i| due(i, Some(7), 0))
            .chain([due(6, Some(8), 0)])
            .collect();

        let plan = decide(
            &items,
            &settings(GuildSettings::default()),
            &HashMap::new(),
            now(),
            12,
        );

        assert_eq!(plan.messages.len(), 2);
        assert_eq!(plan.messages[0].0, (GuildId(1), Target::Channel(ChannelId(7))));
        assert_eq!(plan.messages[0].1.len(), 5);
        assert_eq!(plan.states.len(), 6);
    }

    #[test]
    fn a_large_group_is_split_to_fit_a_message() {
        let items: Vec<Due> = (1..=30).map(|i| due(i, Some(7), 0)).collect();

        let plan = decide(
            &items,
            &settings(GuildSettings::default()),
            &HashMap::new(),
            now(),
            12,
        );

        let sizes: Vec<usize> = plan.messages.iter().map(|(_, m)| m.len()).collect();
        assert_eq!(sizes, [12, 12, 6]);
    }

    #[test]
    fn the_guild_reminder_channel_wins_and_no_channel_means_a_direct_message() {
        let with_channel = GuildSettings {
            reminder_channel: Some(ChannelId(9)),
            ..GuildSettings::default()
        };

        let routed = decide(
            &[due(1, Some(7), 0)],
            &settings(with_channel),
            &HashMap::new(),
            now(),
            12,
        );
        let direct = decide(
            &[due(2, None, 0)],
            &settings(GuildSettings::default()),
            &HashMap::new(),
            now(),
            12,
        );

        assert_eq!(routed.messages[0].0 .1, Target::Channel(ChannelId(9)));
        assert_eq!(direct.messages[0].0 .1, Target::Direct(MemberId(102)));
    }

    #[test]
    fn escalations_go_to_the_escalation_channel_when_there_is_no_role() {
        let channel_only = GuildSettings {
            escalation_channel: Some(ChannelId(66)),
            ..GuildSettings::default()
        };
        let with_role = GuildSettings {
            escalation_role: Some(RoleId(5)),
            escalation_channel: Some(ChannelId(66)),
            ..GuildSettings::default()
        };

        let to_channel = decide(
            &[due(1, Some(7), 2)],
            &settings(channel_only),
            &HashMap::new(),
            now(),
            12,
        );
        let with_role = decide(
            &[due(1, Some(7), 2)],
            &settings(with_role),
            &HashMap::new(),
            now(),
            12,
        );
        let not_yet = decide(
            &[due(1, Some(7), 1)],
            &settings(channel_only),
            &HashMap::new(),
            now(),
            12,
        );

        assert_eq!(to_channel.messages[0].0 .1, Target::Channel(ChannelId(66)));
        assert!(to_channel.messages[0].1[0].nudge.escalated());
        assert_eq!(
            with_role.messages[0].0 .1,
            Target::Channel(ChannelId(7)),
            "the role is called in the channel"
        );
        assert_eq!(not_yet.messages[0].0 .1, Target::Channel(ChannelId(7)));
    }

    #[test]
    fn a_commitment_claimed_early_gets_no_nudge_but_a_new_plan() {
        // Planned before the weekend began: now it is Saturday, outside working hours.
        let saturday = Utc.with_ymd_and_hms(2026, 11, 28, 11, 0, 0).unwrap();
        let mut item = due(1, Some(7), 0);
        item.nudge.due_at = saturday - Duration::hours(1);

        let plan = decide(
            &[item],
            &settings(GuildSettings::default()),
            &HashMap::new(),
            saturday,
            12,
        );

        assert!(plan.messages.is_empty());
        assert_eq!(
            plan.states[0].next_nudge_at,
            Some(Utc.with_ymd_and_hms(2026, 11, 30, 7, 30, 0).unwrap())
        );
    }
}
