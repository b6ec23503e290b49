//! Daily digests: at each guild's digest time on working days, one message per member with
//! overdue or today-due items, claimed per guild and day so it goes out once.

use chrono::{DateTime, NaiveDate, Utc};

use super::Scheduler;
use crate::core::GuildSettings;
use crate::domain::schedule::DigestTo;
use crate::domain::{GuildId, MemberId};
use crate::store::deliveries::{self, DeliveryKind, Target};
use crate::store::{self, nudges};

/// Hands out the digests due at `now`. Returns how many were recorded and when the next
/// digest of any guild is due.
pub async fn plan(scheduler: &Scheduler, now: DateTime<Utc>) -> sqlx::Result<(usize, Option<DateTime<Utc>>)> {
    let mut conn = scheduler.pool.acquire().await?;
    let mut guilds = store::guilds::with_open_commitments(&mut conn).await?;
    drop(conn);
    guilds.retain(|(guild, _, _)| scheduler.options.scope.includes(*guild));
    let mut recorded = 0;
    let mut next: Option<DateTime<Utc>> = None;
    for (guild, row, mut done_on) in guilds {
        let settings = GuildSettings::over(&scheduler.defaults, &row);
        let rules = settings.rules();
        if let Some(day) = rules.digest_due(settings.digest_time, done_on, now) {
            match hand_out(scheduler, guild, &settings, day, now).await {
                Ok(count) => {
                    recorded += count;
                    done_on = Some(day);
                }
                Err(err) if store::is_unavailable(&err) => return Err(err),
                // One guild's failure is its own: it is tried again at the next tick, and
                // the other guilds get theirs.
                Err(err) => tracing::error!(%guild, error = %err, "handing out digests failed"),
            }
        }
        let at = rules.next_digest_at(settings.digest_time, done_on, now);
        next = Some(next.map_or(at, |n| n.min(at)));
    }
    Ok((recorded, next))
}

/// Records one guild's digests of `day`, once: the day is claimed in the same transaction.
async fn hand_out(
    scheduler: &Scheduler,
    guild: GuildId,
    settings: &GuildSettings,
    day: NaiveDate,
    now: DateTime<Utc>,
) -> sqlx::Result<usize> {
    let mut tx = scheduler.pool.begin().await?;
    let mut recorded = 0;
    if store::guilds::claim_digest_day(&mut tx, guild, day).await? {
        let until = settings.end_of_day(day, now);
        let holders = nudges::digest_members(&mut tx, guild, until).await?;
        // An away member's digest items go to their backup's digest.
        let away = store::away::at(&mut tx, guild, now).await?;
        let mut members: Vec<MemberId> = holders
            .into_iter()
            .map(|m| crate::domain::away::route(m, &away, now).to)
            .collect();
        members.sort_unstable();
        members.dedup();
        if !members.is_empty() {
            let ids = deliveries::allocate(&mut tx, members.len() as i64).await?;
            let targets: Vec<Target> = members.iter().map(|m| target(settings, *m)).collect();
            let guilds = vec![guild; members.len()];
            deliveries::insert(&mut tx, &guilds, &ids, &targets, DeliveryKind::Digest, now).await?;
            nudges::record_digests(&mut tx, guild, day, &members, &ids).await?;
            recorded = members.len();
        }
    }
    tx.commit().await?;
    Ok(recorded)
}

fn target(settings: &GuildSettings, member: MemberId) -> Target {
    match (settings.digest_to, settings.digest_channel) {
        (DigestTo::Channel, Some(channel)) => Target::Channel(channel),
        _ => Target::Direct(member),
    }
}
