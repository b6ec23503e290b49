//! The summary a member gets when an absence ends: planned once per absence, sent as a
//! direct message at the guild's next working moment, composed when sent.

use chrono::{DateTime, Utc};

use super::{plan, send, Scheduler};
use crate::core::contact::HistoryChange;
use crate::core::Frame;
use crate::domain::MemberId;
use crate::render::reminder;
use crate::render::Surface;
use crate::store::commitments::Filter;
use crate::store::deliveries::{self, Claimed, DeliveryKind, Target};
use crate::store::{self, Conn};

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

/// Most changes a summary lists; the rest is pointed to.
const SHOWN: i64 = 15;

/// The summary of the absence a delivery is about, and whom it is for; `None` when the
/// absence is gone (a withdrawn one).
pub async fn compose(
    conn: &mut Conn,
    delivery: &Claimed,
    frame: &Frame,
    surface: &dyn Surface,
) -> sqlx::Result<Option<(MemberId, String)>> {
    let Some(away) = store::away::of_summary(conn, delivery.guild, delivery.id).await? else {
        return Ok(None);
    };
    let (guild, member, now) = (delivery.guild, away.member, frame.now);
    let events =
        store::events::while_away(conn, guild, member, away.starts_at, away.ends_at, SHOWN + 1).await?;
    let more = events.len() as i64 > SHOWN;
    let changes: Vec<HistoryChange> = events
        .into_iter()
        .take(SHOWN as usize)
        .filter_map(HistoryChange::of)
        .collect();
    let (_, open) =
        store::commitments::list(conn, guild, Filter::Open, Some(member), None, now, 1, 0).await?;
    let (_, overdue) =
        store::commitments::list(conn, guild, Filter::Overdue, Some(member), None, now, 1, 0).await?;
    let handovers = store::handovers::pending_for(conn, guild, &[member])
        .await?
        .iter()
        .filter(|h| h.to == member)
        .count();
    let mut people = vec![member, away.backup];
    people.extend(changes.iter().map(|c| c.by));
    people.extend(changes.iter().flat_map(|c| c.change.people()));
    let names = send::member_names(conn, guild, &people).await?;
    let back = reminder::Back {
        away: &away,
        changes: &changes,
        more,
        open,
        overdue,
        handovers,
    };
    Ok(Some((member, reminder::back(&back, &names, frame, surface))))
}
