//! Sending: claims recorded deliveries under a lease, renders them from the commitments as
//! they are now, posts them through the notifier with their nonce, and records what
//! happened. Failures retry with backoff and end in a visible `failed`, never a silent drop.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};

use super::notifier::{Outgoing, SendError};
use super::{digest, plan, Scheduler};
use crate::core::{Action, Frame, GuildSettings};
use crate::domain::commitment::CommitmentStatus;
use crate::domain::{GuildId, MemberId};
use crate::render::reminder::{self, NudgeLine};
use crate::store::deliveries::{self, Claimed, DeliveryKind, Target};
use crate::store::nudges::{self, Item};

/// What one claimed delivery came to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sent {
    Posted,
    Dropped,
    Retrying,
    Rerouted,
    Failed,
}

/// Claims and sends one batch of due deliveries. Returns what became of each, and whether
/// the batch was full (more may be due).
pub async fn send_batch(scheduler: &Arc<Scheduler>, now: DateTime<Utc>) -> sqlx::Result<(Vec<Sent>, bool)> {
    let options = &scheduler.options;
    // Claim no more than can go out in about a second: what waits unclaimed can still take
    // in nudges that fall due meanwhile, so a backlog makes fuller messages, not more.
    let batch = options.send_batch.min(i64::from(options.sends_per_second.max(1)));
    let mut conn = scheduler.pool.acquire().await?;
    let claimed = deliveries::claim(&mut conn, now, options.lease, batch, options.scope).await?;
    if claimed.is_empty() {
        return Ok((Vec::new(), false));
    }
    let nudge_ids: Vec<(GuildId, i64)> = claimed
        .iter()
        .filter(|c| c.kind == DeliveryKind::Nudge)
        .map(|c| (c.guild, c.id))
        .collect();
    let mut items: HashMap<i64, Vec<Item>> = HashMap::new();
    for item in nudges::items(&mut conn, &nudge_ids).await? {
        items.entry(item.delivery).or_default().push(item);
    }
    let settings =
        plan::guild_settings(&mut conn, &scheduler.defaults, claimed.iter().map(|c| c.guild)).await?;
    // The owners' names, once for the whole batch, for surfaces that name people.
    let mut names: HashMap<GuildId, HashMap<MemberId, String>> = HashMap::new();
    for guild in settings.keys() {
        let owners: Vec<MemberId> = claimed
            .iter()
            .filter(|c| c.guild == *guild)
            .flat_map(|c| items.get(&c.id).into_iter().flatten())
            .map(|item| item.commitment.owner)
            .collect();
        if !owners.is_empty() {
            let known = crate::store::members::names(&mut conn, *guild, &owners).await?;
            names.insert(*guild, known.into_iter().collect());
        }
    }
    drop(conn);
    let full = claimed.len() as i64 == batch;

    let mut running = tokio::task::JoinSet::new();
    let mut outcomes = Vec::with_capacity(claimed.len());
    for delivery in claimed {
        while running.len() >= options.concurrency {
            if let Some(done) = running.join_next().await {
                outcomes.push(done.unwrap_or(Ok(Sent::Failed))?);
            }
        }
        let scheduler = Arc::clone(scheduler);
        let items = items.remove(&delivery.id).unwrap_or_default();
        let settings = settings
            .get(&delivery.guild)
            .copied()
            .unwrap_or(scheduler.defaults);
        let names = names.get(&delivery.guild).cloned().unwrap_or_default();
        running.spawn(async move { deliver(&scheduler, delivery, items, settings, names, now).await });
    }
    while let Some(done) = running.join_next().await {
        outcomes.push(done.unwrap_or(Ok(Sent::Failed))?);
    }
    Ok((outcomes, full))
}

async fn deliver(
    scheduler: &Scheduler,
    delivery: Claimed,
    items: Vec<Item>,
    settings: GuildSettings,
    names: HashMap<MemberId, String>,
    now: DateTime<Utc>,
) -> sqlx::Result<Sent> {
    let pool = &scheduler.pool;
    let Some(message) = compose(scheduler, &delivery, &items, &settings, &names, now).await? else {
        let mut conn = pool.acquire().await?;
        deliveries::finish_unsent(&mut conn, delivery.guild, delivery.id, "dropped", None).await?;
        return Ok(Sent::Dropped);
    };
    scheduler.pacer.wait().await;
    let result = scheduler.notifier.send(&message).await;
    let at = scheduler.clock.now();
    let mut conn = pool.acquire().await?;
    match result {
        Ok(message_id) => {
            deliveries::sent(&mut conn, delivery.guild, delivery.id, message_id, at).await?;
            tracing::info!(guild = %delivery.guild, delivery = delivery.id, "reminder delivered");
            Ok(Sent::Posted)
        }
        Err(SendError::RateLimited(wait)) => {
            scheduler.pacer.hold(wait).await;
            let retry = at + Duration::from_std(wait).unwrap_or_else(|_| Duration::seconds(1));
            deliveries::retry_at(
                &mut conn,
                delivery.guild,
                delivery.id,
                retry,
                "rate limited",
                false,
            )
            .await?;
            Ok(Sent::Retrying)
        }
        Err(SendError::Transient(why)) if delivery.attempts < scheduler.options.max_attempts => {
            let retry = at + backoff(delivery.attempts);
            tracing::warn!(guild = %delivery.guild, delivery = delivery.id, attempt = delivery.attempts, error = %why, "reminder not delivered; retrying");
            deliveries::retry_at(&mut conn, delivery.guild, delivery.id, retry, &why, true).await?;
            Ok(Sent::Retrying)
        }
        Err(SendError::Gone(why)) => {
            let owners = owners(&delivery, &items);
            match fallback(&delivery.target, &settings, &owners) {
                Some(Fallback::Channel(target)) => {
                    tracing::warn!(guild = %delivery.guild, delivery = delivery.id, error = %why, "channel gone; using the reminder channel");
                    deliveries::retarget(&mut conn, delivery.guild, delivery.id, target, at).await?;
                    Ok(Sent::Rerouted)
                }
                Some(Fallback::Owners) => {
                    tracing::warn!(guild = %delivery.guild, delivery = delivery.id, error = %why, "channel gone; sending direct messages");
                    deliveries::reroute_to_owners(&mut conn, delivery.guild, delivery.id, &owners, at)
                        .await?;
                    Ok(Sent::Rerouted)
                }
                None => fail(&mut conn, &delivery, &why).await,
            }
        }
        Err(SendError::Transient(why) | SendError::Refused(why)) => fail(&mut conn, &delivery, &why).await,
    }
}

async fn fail(conn: &mut crate::store::Conn, delivery: &Claimed, why: &str) -> sqlx::Result<Sent> {
    tracing::error!(guild = %delivery.guild, delivery = delivery.id, error = %why, "reminder could not be delivered; marked failed");
    deliveries::finish_unsent(conn, delivery.guild, delivery.id, "failed", Some(why)).await?;
    Ok(Sent::Failed)
}

/// 2, 4, 8 … seconds, at most five minutes.
fn backoff(attempts: i32) -> Duration {
    let exponent = u32::try_from(attempts.clamp(1, 10)).unwrap_or(1);
    Duration::seconds(2_i64.pow(exponent).min(300))
}

enum Fallback {
    Channel(Target),
    Owners,
}

/// Where a message goes when its target is gone: the guild's reminder channel, else a
/// direct message to each owner; nothing when it already was a direct message.
fn fallback(target: &Target, settings: &GuildSettings, owners: &[MemberId]) -> Option<Fallback> {
    match target {
        Target::Direct(_) => None,
        Target::Channel(channel) => match settings.reminder_channel {
            Some(reminders) if reminders != *channel => Some(Fallback::Channel(Target::Channel(reminders))),
            _ if owners.is_empty() => None,
            _ => Some(Fallback::Owners),
        },
    }
}

fn owners(delivery: &Claimed, items: &[Item]) -> Vec<MemberId> {
    let mut owners: Vec<MemberId> = items.iter().map(|i| i.commitment.owner).collect();
    if let Target::Direct(member) = delivery.target {
        owners.push(member);
    }
    owners.sort_unstable();
    owners.dedup();
    owners
}

/// The message for a delivery, from its commitments as they are now; `None` when nothing
/// is left to say (all were closed meanwhile).
async fn compose(
    scheduler: &Scheduler,
    delivery: &Claimed,
    items: &[Item],
    settings: &GuildSettings,
    names: &HashMap<MemberId, String>,
    now: DateTime<Utc>,
) -> sqlx::Result<Option<Outgoing>> {
    let surface = scheduler.notifier.surface();
    let frame = Frame {
        lang: settings.lang,
        zone: settings.zone,
        now,
    };
    let (text, actions, users, roles) = match delivery.kind {
        DeliveryKind::Nudge => {
            let open: Vec<NudgeLine<'_>> = items
                .iter()
                .filter(|item| item.commitment.status == CommitmentStatus::Open)
                .map(|item| NudgeLine {
                    commitment: &item.commitment,
                    number: item.number,
                    escalated: item.escalated,
                })
                .collect();
            if open.is_empty() {
                return Ok(None);
            }
            let escalated = open.iter().any(|line| line.escalated);
            let text = reminder::nudge(&open, settings.escalation_role, names, &frame, surface);
            let actions = open
                .iter()
                .flat_map(|line| {
                    let reference = line.commitment.reference;
                    [Action::Done(reference), Action::NewDate(reference)]
                })
                .collect();
            let users = open.iter().map(|line| line.commitment.owner).collect();
            let roles = settings
                .escalation_role
                .filter(|_| escalated)
                .into_iter()
                .collect();
            (text, actions, users, roles)
        }
        DeliveryKind::Digest => {
            let mut conn = scheduler.pool.acquire().await?;
            let Some((member, day)) = nudges::digest_of(&mut conn, delivery.guild, delivery.id).await? else {
                return Ok(None);
            };
            let until = digest::end_of_day(settings, day, now);
            let open = nudges::open_due_before(&mut conn, delivery.guild, member, until).await?;
            if open.is_empty() {
                return Ok(None);
            }
            let names: HashMap<MemberId, String> =
                crate::store::members::names(&mut conn, delivery.guild, &[member])
                    .await?
                    .into_iter()
                    .collect();
            drop(conn);
            let text = reminder::digest(member, &open, &names, &frame, surface);
            let actions = open.iter().take(25).map(|c| Action::Done(c.reference)).collect();
            (text, actions, vec![member], Vec::new())
        }
    };
    let mut users: Vec<MemberId> = users;
    users.sort_unstable();
    users.dedup();
    Ok(Some(Outgoing {
        target: delivery.target,
        nonce: delivery.nonce(),
        text: crate::domain::text::shorten(&text, surface.max_len()),
        actions,
        lang: settings.lang,
        notify_users: users,
        notify_roles: roles,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_and_is_capped() {
        assert_eq!(backoff(1), Duration::seconds(2));
        assert_eq!(backoff(3), Duration::seconds(8));
        assert_eq!(backoff(20), Duration::seconds(300));
    }
}
