//! The summary a member gets when an absence ends: planned once per absence, sent as a
//! direct message at the guild's next working moment, composed when sent.

use chrono::{DateTime, Utc};

use super::{plan, Scheduler};
use crate::store::deliveries::{self, DeliveryKind, Target};
use crate::store::{self};

/// Absences summarised per transaction.
const BATCH: i64 = 100;

/// Records a summary delivery for every absence that has ended. Returns how many.
pub async fn plan(scheduler: &Scheduler, now: DateTime<Utc>) -> sqlx::Result<usize> {
    let mut tx = scheduler.pool.begin().await?;
    let ended = store::away::claim_ended(&mut tx, now, scheduler.options.scope, BATCH).await?;
    if ended.is_empty() {
        return Ok(0);
    }
    let settings = plan::guild_settings(
        &mut tx,
        &scheduler.defaults,
        ended.iter().map(|(guild, _, _)| *guild),
    )
    .await?;
    let ids = deliveries::allocate(&mut tx, ended.len() as i64).await?;
    for ((guild, away_id, away), delivery) in ended.iter().zip(&ids) {
        let settings = settings.get(guild).copied().unwrap_or(scheduler.defaults);
        // Welcomed back at the start of a working day, not at midnight.
        let at = settings.hours.next_open(now, settings.zone);
        deliveries::insert(
            &mut tx,
            &[*guild],
            &[*delivery],
            &[Target::Direct(away.member)],
            DeliveryKind::Return,
            at,
        )
        .await?;
        store::away::set_summary(&mut tx, *guild, *away_id, *delivery).await?;
    }
    tx.commit().await?;
    Ok(ended.len())
}
