//! The Details button of a minimal channel post: what a reminder, digest or handover card
//! left out in the channel, shown privately to whoever holds it (or an admin), from the
//! items as they are now.

use super::handover::HandoverCard;
pub use super::Detail;
use super::{appointment::AppointmentView, Body, CommandError, Env, Reply, Request, UserError, Visibility};
use crate::domain::away::Away;
use crate::domain::{GuildId, MemberId, RoleId};
use crate::store::commitments::CommitmentRow;
use crate::store::deliveries::DeliveryKind;
use crate::store::nudges::{self, Item};
use crate::store::{self, Conn};

/// What a channel post left out, in full.
#[derive(Clone, Debug)]
pub enum Details {
    /// A reminder's items still open, with the absences that route them to a backup.
    Nudge {
        items: Vec<Item>,
        away: Vec<Away>,
        escalation_role: Option<RoleId>,
    },
    Digest(DigestItems),
    Handover(Box<HandoverCard>),
}

/// Shows what `detail` is about, privately. Only those it concerns (whoever must act on it,
/// its owner, a handover's sender) and admins may read it: the channel post was minimal so
/// that the rest of the channel would not.
#[tracing::instrument(skip_all, fields(command = "details", guild = %req.guild, actor = %req.actor.id))]
pub async fn show(env: &Env, req: &Request, detail: Detail) -> Result<Reply, CommandError> {
    let (frame, settings) = env.begin(req).await?;
    let mut conn = env.pool.acquire().await?;
    // Who may read it, and who else it names.
    let (details, concerned, mut named) = match detail {
        Detail::Delivery(delivery) => {
            match store::deliveries::kind_of(&mut conn, req.guild, delivery).await? {
                Some(DeliveryKind::Nudge) => {
                    let items = nudges::items(&mut conn, &[(req.guild, delivery)]).await?;
                    let items: Vec<Item> = items.into_iter().filter(|item| item.current(frame.now)).collect();
                    if items.is_empty() {
                        return Err(UserError::NothingToDetail.into());
                    }
                    let away = store::away::at(&mut conn, req.guild, frame.now).await?;
                    let mut concerned: Vec<MemberId> = items.iter().flat_map(Item::named).collect();
                    concerned.extend(
                        items
                            .iter()
                            .map(|item| crate::domain::away::route(item.owner(), &away, frame.now).to),
                    );
                    let details = Details::Nudge {
                        items,
                        away,
                        escalation_role: settings.escalation_role,
                    };
                    (details, concerned, Vec::new())
                }
                Some(DeliveryKind::Digest) => {
                    let digest = digest_items(&mut conn, req.guild, &settings, &frame, delivery)
                        .await?
                        .ok_or(UserError::NothingToDetail)?;
                    let mut concerned = digest.whose.clone();
                    concerned.extend(digest.open.iter().map(|c| c.owner));
                    (Details::Digest(digest), concerned, Vec::new())
                }
                _ => return Err(UserError::NothingToDetail.into()),
            }
        }
        Detail::Handover(reference) => {
            // Read under the locks an answer takes, so the card is one moment's; nothing is
            // written, and the transaction ends at once.
            let mut tx = env.pool.begin().await?;
            let row = store::handovers::lock_by_ref(&mut tx, req.guild, reference)
                .await?
                .ok_or(UserError::NoSuchHandover { reference })?;
            let items = store::handovers::lock_items(&mut tx, req.guild, row.id).await?;
            let (card, people) = super::handover::card(&mut tx, req.guild, &row, &items, frame.now).await?;
            tx.rollback().await?;
            let mut concerned = vec![row.from, row.to];
            concerned.extend(card.recipient_backup);
            (Details::Handover(Box::new(card)), concerned, people)
        }
    };
    if !req.actor.admin && !concerned.contains(&req.actor.id) {
        return Err(UserError::DetailsNotYours.into());
    }
    named.extend(concerned);
    named.push(req.actor.id);
    let names = super::names_with(&mut conn, req.guild, &named).await?;
    drop(conn);
    let mut reply = Reply::new(Body::Details(details), Visibility::Private, frame);
    reply.names = names;
    Ok(reply)
}

/// A member's digest as it stands: what they, and the colleagues they back up now, hold
/// overdue or due by the end of its day, and their appointments still to come today.
#[derive(Clone, Debug)]
pub struct DigestItems {
    pub member: MemberId,
    /// The member and those they back up.
    pub whose: Vec<MemberId>,
    pub open: Vec<CommitmentRow>,
    pub today: Vec<AppointmentView>,
}

/// The digest a delivery is, as it stands at `frame.now`; `None` when the delivery is no
/// digest or nothing is left in it. The scheduler posts it, and Details shows it.
pub async fn digest_items(
    conn: &mut Conn,
    guild: GuildId,
    settings: &super::GuildSettings,
    frame: &super::Frame,
    delivery: i64,
) -> sqlx::Result<Option<DigestItems>> {
    let Some((member, day)) = nudges::digest_of(conn, guild, delivery).await? else {
        return Ok(None);
    };
    let away = store::away::at(conn, guild, frame.now).await?;
    let mut whose = vec![member];
    whose.extend(crate::domain::away::backed_by(member, &away, frame.now));
    let open = nudges::open_due_before(conn, guild, &whose, settings.end_of_day(day, frame.now)).await?;
    let today = super::appointment::rest_of_today(conn, guild, member, frame).await?;
    if open.is_empty() && today.is_empty() {
        return Ok(None);
    }
    Ok(Some(DigestItems {
        member,
        whose,
        open,
        today,
    }))
}
