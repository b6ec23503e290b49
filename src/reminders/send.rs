//! Sending: claims recorded deliveries under a lease, renders them from the commitments as
//! they are now, posts them through the notifier with their nonce, and records what
//! happened. Failures retry with backoff and end in a visible `failed`, never a silent drop.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};

use super::notifier::{Outgoing, SendError, Shown};
use super::{plan, returns, Scheduler};
use crate::core::details::{self, Detail, DigestItems};
use crate::core::{Action, Frame, GuildSettings};
use crate::domain::appointment::Outcome;
use crate::domain::{GuildId, MemberId};
use crate::render::reminder::{self, NudgeLine};
use crate::store::deliveries::{self, Claimed, DeliveryKind, Target, Unsent};
use crate::store::nudges::{self, About, Item};
use crate::store::{self, Conn};

/// Buttons a chat message can carry at most (Discord: five rows of five).
const BUTTONS_MAX: usize = 25;

/// What one claimed delivery came to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sent {
    Posted,
    Dropped,
    Retrying,
    Rerouted,
    Failed,
    /// Its lease ran out and another instance took it over: this one changed nothing.
    LeaseLost,
}

/// Claims and sends one batch of due deliveries. Returns what became of each, and whether
/// the batch was full (more may be due). One delivery's failure, even a panic, is recorded
/// on that delivery; only the database being away ends the batch early.
pub async fn send_batch(scheduler: &Arc<Scheduler>, now: DateTime<Utc>) -> sqlx::Result<(Vec<Sent>, bool)> {
    let options = &scheduler.options;
    // While Discord says to wait, claim nothing: a claimed delivery must go out within its
    // lease. And claim no more than goes out in about a second: what waits unclaimed can
    // still take in nudges that fall due meanwhile, so a backlog makes fuller messages.
    scheduler.pacer.until_free().await;
    let batch = options
        .send_batch
        .min(scheduler.pacer.within(Duration::seconds(1)))
        .min(scheduler.pacer.within(options.lease / 2))
        .max(1);
    let mut conn = scheduler.pool.acquire().await?;
    let claimed = deliveries::claim(&mut conn, now, options.lease, batch, options.scope).await?;
    if claimed.is_empty() {
        return Ok((Vec::new(), false));
    }
    let settings =
        plan::guild_settings(&mut conn, &scheduler.defaults, claimed.iter().map(|c| c.guild)).await?;
    drop(conn);
    let full = claimed.len() as i64 == batch;

    let mut running = tokio::task::JoinSet::new();
    let mut tasks: HashMap<tokio::task::Id, Claimed> = HashMap::new();
    let mut outcomes = Vec::with_capacity(claimed.len());
    for delivery in claimed {
        while running.len() >= options.concurrency {
            if let Some(done) = running.join_next_with_id().await {
                outcomes.push(settle(scheduler, &mut tasks, done).await?);
            }
        }
        let settings = settings
            .get(&delivery.guild)
            .copied()
            .unwrap_or(scheduler.defaults);
        let task = {
            let scheduler = Arc::clone(scheduler);
            let delivery = delivery.clone();
            running.spawn(async move { deliver(&scheduler, &delivery, &settings).await })
        };
        tasks.insert(task.id(), delivery);
    }
    while let Some(done) = running.join_next_with_id().await {
        outcomes.push(settle(scheduler, &mut tasks, done).await?);
    }
    Ok((outcomes, full))
}

type Finished = Result<(tokio::task::Id, sqlx::Result<Sent>), tokio::task::JoinError>;

/// What became of one send task. A task that failed on its own (a query about that one
/// delivery, a panic) leaves its delivery to be retried or, for a panic, marked failed.
async fn settle(
    scheduler: &Scheduler,
    tasks: &mut HashMap<tokio::task::Id, Claimed>,
    done: Finished,
) -> sqlx::Result<Sent> {
    let (id, failure) = match done {
        Ok((id, Ok(sent))) => {
            tasks.remove(&id);
            return Ok(sent);
        }
        Ok((_, Err(err))) if store::is_unavailable(&err) => return Err(err),
        Ok((id, Err(err))) => (id, Failure::Retry(err.to_string())),
        Err(joined) => {
            let id = joined.id();
            let why = match joined.try_into_panic() {
                Ok(panic) => format!("panicked: {}", plan::panic_text(panic.as_ref())),
                Err(joined) => joined.to_string(),
            };
            (id, Failure::Fail(why))
        }
    };
    let Some(delivery) = tasks.remove(&id) else {
        return Ok(Sent::Failed);
    };
    let mut conn = scheduler.pool.acquire().await?;
    match failure {
        Failure::Retry(why) if delivery.attempts < scheduler.options.max_attempts => {
            tracing::warn!(guild = %delivery.guild, delivery = delivery.id, error = %why, "preparing a reminder failed; retrying");
            let retry = scheduler.clock.now() + backoff(delivery.attempts);
            let held = deliveries::retry_at(&mut conn, &delivery, retry, &why, true).await?;
            Ok(if held { Sent::Retrying } else { Sent::LeaseLost })
        }
        Failure::Retry(why) | Failure::Fail(why) => fail(&mut conn, &delivery, &why).await,
    }
}

enum Failure {
    Retry(String),
    Fail(String),
}

/// Sends one delivery: waits its turn, makes sure its lease still holds, reads what it is
/// about as it is now, posts it and records the outcome under the lease.
async fn deliver(scheduler: &Scheduler, delivery: &Claimed, settings: &GuildSettings) -> sqlx::Result<Sent> {
    let pool = &scheduler.pool;
    scheduler.pacer.wait().await;
    let mut conn = pool.acquire().await?;
    let now = scheduler.clock.now();
    if delivery.lease.until - now < scheduler.options.lease / 3
        && !deliveries::renew(&mut conn, delivery, now + scheduler.options.lease).await?
    {
        return Ok(lease_lost(delivery));
    }
    let items = nudges::items(&mut conn, &[(delivery.guild, delivery.id)]).await?;
    let Some(message) = compose(&mut conn, scheduler, delivery, &items, settings, now).await? else {
        let held = deliveries::finish_unsent(&mut conn, delivery, Unsent::Dropped, None).await?;
        return Ok(if held { Sent::Dropped } else { lease_lost(delivery) });
    };
    drop(conn);
    let result = scheduler.notifier.send(&message).await;
    let at = scheduler.clock.now();
    let mut conn = pool.acquire().await?;
    let (held, sent) = match result {
        Ok(message_id) => {
            let held = deliveries::sent(&mut conn, delivery, message_id, at).await?;
            if held {
                tracing::info!(guild = %delivery.guild, delivery = delivery.id, "reminder delivered");
            }
            (held, Sent::Posted)
        }
        Err(SendError::RateLimited(wait)) => {
            scheduler.pacer.hold(wait).await;
            let retry = at + Duration::from_std(wait).unwrap_or_else(|_| Duration::seconds(1));
            let held = deliveries::retry_at(&mut conn, delivery, retry, "rate limited", false).await?;
            (held, Sent::Retrying)
        }
        Err(SendError::Transient(why)) if delivery.attempts < scheduler.options.max_attempts => {
            let retry = at + backoff(delivery.attempts);
            tracing::warn!(guild = %delivery.guild, delivery = delivery.id, attempt = delivery.attempts, error = %why, "reminder not delivered; retrying");
            let held = deliveries::retry_at(&mut conn, delivery, retry, &why, true).await?;
            (held, Sent::Retrying)
        }
        Err(SendError::Gone(why)) => {
            let away = store::away::at(&mut conn, delivery.guild, at).await?;
            let routes = routes(&items, &away, at);
            match fallback(&delivery.target, settings, !routes.is_empty()) {
                Some(Fallback::Channel(target)) => {
                    tracing::warn!(guild = %delivery.guild, delivery = delivery.id, error = %why, "channel gone; using the reminder channel");
                    (
                        deliveries::retarget(&mut conn, delivery, target, at).await?,
                        Sent::Rerouted,
                    )
                }
                Some(Fallback::Owners) => {
                    tracing::warn!(guild = %delivery.guild, delivery = delivery.id, error = %why, "channel gone; sending direct messages");
                    let held = deliveries::reroute_to_owners(&mut conn, delivery, &routes, at).await?;
                    (held, Sent::Rerouted)
                }
                None => return fail(&mut conn, delivery, &why).await,
            }
        }
        Err(SendError::Transient(why) | SendError::Refused(why)) => {
            return fail(&mut conn, delivery, &why).await
        }
    };
    Ok(if held { sent } else { lease_lost(delivery) })
}

fn lease_lost(delivery: &Claimed) -> Sent {
    tracing::warn!(guild = %delivery.guild, delivery = delivery.id, "lease ran out; another instance has this reminder");
    Sent::LeaseLost
}

async fn fail(conn: &mut crate::store::Conn, delivery: &Claimed, why: &str) -> sqlx::Result<Sent> {
    if !deliveries::finish_unsent(conn, delivery, Unsent::Failed, Some(why)).await? {
        return Ok(lease_lost(delivery));
    }
    tracing::error!(guild = %delivery.guild, delivery = delivery.id, error = %why, "reminder could not be delivered; marked failed");
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
fn fallback(target: &Target, settings: &GuildSettings, has_owners: bool) -> Option<Fallback> {
    match target {
        Target::Direct(_) => None,
        Target::Channel(channel) => match settings.reminder_channel {
            Some(reminders) if reminders != *channel => Some(Fallback::Channel(Target::Channel(reminders))),
            _ if !has_owners => None,
            _ => Some(Fallback::Owners),
        },
    }
}

/// Each owner of a delivery's items with who receives theirs: the owner, or their backup
/// while they are away.
fn routes(
    items: &[Item],
    away: &[crate::domain::away::Away],
    at: DateTime<Utc>,
) -> Vec<(MemberId, MemberId)> {
    let mut owners: Vec<MemberId> = items.iter().map(Item::owner).collect();
    owners.sort_unstable();
    owners.dedup();
    owners
        .into_iter()
        .map(|owner| (owner, crate::domain::away::route(owner, away, at).to))
        .collect()
}

/// The buttons of one nudge: a promise is done, moved or handed over; a handover accepted
/// or declined.
fn item_actions(item: &Item) -> Vec<Action> {
    match &item.about {
        About::Commitment(c) => vec![
            Action::Done(c.reference),
            Action::NewDate(c.reference),
            Action::HandOver(c.reference),
        ],
        About::Handover(h) => vec![Action::Accept(h.reference), Action::Decline(h.reference)],
        About::Outcome(a) => Outcome::ALL
            .iter()
            .map(|outcome| Action::Outcome(a.reference, *outcome))
            .collect(),
        About::Coming(..) => Vec::new(),
        About::Touch(t) => vec![Action::LogContact(t.id, t.name.clone())],
    }
}

/// The message for a delivery, from what it is about as it is now; `None` when nothing is
/// left to say (all its commitments were closed or moved meanwhile).
async fn compose(
    conn: &mut Conn,
    scheduler: &Scheduler,
    delivery: &Claimed,
    items: &[Item],
    settings: &GuildSettings,
    now: DateTime<Utc>,
) -> sqlx::Result<Option<Outgoing>> {
    let surface = scheduler.notifier.surface();
    let frame = Frame {
        lang: settings.lang,
        zone: settings.zone,
        now,
    };
    // A post in a shared channel names what and when, not what it is about.
    let minimal = settings.minimal_posts && matches!(delivery.target, Target::Channel(_));
    let (text, actions, users, roles, shown) = match delivery.kind {
        DeliveryKind::Nudge => {
            let current: Vec<&Item> = items.iter().filter(|item| item.current(now)).collect();
            if current.is_empty() {
                return Ok(None);
            }
            let away = store::away::at(conn, delivery.guild, now).await?;
            let open: Vec<NudgeLine<'_>> = reminder::lines(&current, &away, now);
            let shown = current
                .iter()
                .map(|item| Shown {
                    reference: item.reference(),
                    series: item.series,
                    number: item.number,
                    escalated: item.escalated,
                    participant: match &item.about {
                        About::Coming(_, member) => Some(*member),
                        _ => None,
                    },
                })
                .collect();
            // Who is called: whoever must act now, and for an escalated handover its sender
            // too. An away member is named, never pinged.
            let mut called: Vec<MemberId> = open.iter().map(|line| line.to).collect();
            for line in open.iter().filter(|line| line.escalated) {
                if let About::Handover(h) = line.about {
                    called.push(crate::domain::away::route(h.from, &away, now).to);
                }
            }
            let mut named = called.clone();
            named.extend(current.iter().flat_map(|item| item.named()));
            let names = member_names(conn, delivery.guild, &named).await?;
            let escalated = open.iter().any(|line| line.escalated);
            let minimal = minimal && reminder::withholds(current.iter().map(|item| &item.about));
            let text = reminder::nudge(&open, settings.escalation_role, &names, &frame, surface, minimal);
            let mut actions: Vec<Action> = current.iter().flat_map(|item| item_actions(item)).collect();
            if minimal {
                // Last, and always shown: Discord shows at most 25 buttons.
                actions.truncate(BUTTONS_MAX - 1);
                actions.push(Action::Details(Detail::Delivery(delivery.id)));
            }
            let roles = settings
                .escalation_role
                .filter(|_| escalated)
                .into_iter()
                .collect();
            (text, actions, called, roles, shown)
        }
        DeliveryKind::Digest => {
            // Theirs, and those of the colleagues they back up now.
            let Some(digest) =
                details::digest_items(conn, delivery.guild, settings, &frame, delivery.id).await?
            else {
                return Ok(None);
            };
            let DigestItems {
                member,
                whose,
                open,
                today,
            } = &digest;
            let names = member_names(conn, delivery.guild, whose).await?;
            let text = reminder::digest(*member, open, today, &names, &frame, surface, minimal);
            let mut actions: Vec<Action> = open
                .iter()
                .take(BUTTONS_MAX - 1)
                .map(|c| Action::Done(c.reference))
                .collect();
            if minimal {
                actions.push(Action::Details(Detail::Delivery(delivery.id)));
            }
            (text, actions, vec![*member], Vec::new(), Vec::new())
        }
        DeliveryKind::Card => {
            let Some((row, items)) = store::handovers::of_card(conn, delivery.guild, delivery.id).await?
            else {
                return Ok(None);
            };
            if row.status != crate::domain::handover::HandoverStatus::Pending {
                return Ok(None);
            }
            let (card, people) = crate::core::handover::card(conn, delivery.guild, &row, &items, now).await?;
            let names = member_names(conn, delivery.guild, &people).await?;
            let called = card.recipient_backup.unwrap_or(row.to);
            let mut reply = crate::core::Reply::new(
                crate::core::Body::HandoverGiven(card),
                crate::core::Visibility::Private,
                frame,
            );
            reply.names = names;
            let text = crate::render::reply(&reply, surface);
            let actions = vec![Action::Accept(row.reference), Action::Decline(row.reference)];
            (text, actions, vec![called], Vec::new(), Vec::new())
        }
        DeliveryKind::Notice => {
            let Some((member, place, by)) =
                store::affiliations::notice_of(conn, delivery.guild, delivery.id).await?
            else {
                return Ok(None);
            };
            let names = member_names(conn, delivery.guild, &[member, by]).await?;
            let text = crate::render::relation::move_notice(&place, by, &names, &frame, surface);
            let actions = vec![Action::History(place.person, place.person_name.clone())];
            (text, actions, vec![member], Vec::new(), Vec::new())
        }
        DeliveryKind::Return => {
            let Some((member, text)) = returns::compose(conn, delivery, &frame, surface).await? else {
                return Ok(None);
            };
            (text, Vec::new(), vec![member], Vec::new(), Vec::new())
        }
    };
    let mut users: Vec<MemberId> = users;
    users.sort_unstable();
    users.dedup();
    Ok(Some(Outgoing {
        guild: delivery.guild,
        target: delivery.target,
        nonce: delivery.nonce(),
        text: crate::domain::text::shorten(&text, surface.max_len()),
        actions,
        lang: settings.lang,
        notify_users: users,
        notify_roles: roles,
        nudges: shown,
    }))
}

pub(super) async fn member_names(
    conn: &mut Conn,
    guild: GuildId,
    members: &[MemberId],
) -> sqlx::Result<HashMap<MemberId, String>> {
    let mut members = members.to_vec();
    members.sort_unstable();
    members.dedup();
    Ok(crate::store::members::names(conn, guild, &members)
        .await?
        .into_iter()
        .collect())
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
