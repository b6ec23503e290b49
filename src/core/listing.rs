//! `/promise list` and `/ball`: what is open, and who holds it.

use super::promise::PromiseView;
use super::{Action, Body, CommandError, Env, ListQuery, MemberRef, Reply, Request, UserError, Visibility};
use crate::domain::schedule::FAILED_AFTER;
use crate::domain::MemberId;
use crate::store::commitments::Filter;
use crate::store::{self, deliveries::Failed};

/// Items per page: ten lines fit any Discord message with room to spare.
pub const PAGE_SIZE: i64 = 10;
/// At most this many items in `/ball`; the rest is counted.
const BALL_MAX: i64 = 25;
/// Digests that could not be delivered are shown this many days: after that, newer ones
/// have said the same.
const FAILED_DIGESTS_DAYS: i64 = 7;
/// Lapsed relations `/ball` lists.
const LAPSED_MAX: i64 = 10;

#[derive(Clone, Debug, Default)]
pub struct ListPromises {
    pub owner: Option<MemberRef>,
    pub relation: Option<String>,
    pub status: Option<Filter>,
    /// 1-based.
    pub page: Option<i64>,
}

#[derive(Clone, Debug)]
pub struct List {
    pub items: Vec<PromiseView>,
    pub filter: Filter,
    pub owner: Option<MemberId>,
    pub relation: Option<String>,
    pub page: u32,
    pub pages: u32,
    pub total: i64,
}

#[tracing::instrument(skip_all, fields(command = "promise list", guild = %req.guild, actor = %req.actor.id))]
pub async fn list(env: &Env, req: &Request, input: ListPromises) -> Result<Reply, CommandError> {
    let relation = match input.relation.as_deref().map(str::trim).filter(|r| !r.is_empty()) {
        None => None,
        Some(typed) => {
            let name = super::relation::read_name(typed)?;
            let mut conn = env.pool.acquire().await?;
            Some(super::relation::existing(&mut conn, req, &name).await?.id)
        }
    };
    let page = input.page.unwrap_or(1);
    if page < 1 {
        return Err(UserError::OutOfRange {
            option: "page",
            min: 1,
            max: i64::from(u32::MAX),
            input: page.to_string(),
        }
        .into());
    }
    let query = ListQuery {
        filter: input.status.unwrap_or(Filter::Open),
        owner: input.owner.map(|o| o.id),
        relation,
    };
    page_of(env, req, query, u32::try_from(page).unwrap_or(u32::MAX)).await
}

/// One page of a list, for the list command and its page buttons.
pub async fn page_of(env: &Env, req: &Request, query: ListQuery, page: u32) -> Result<Reply, CommandError> {
    let (frame, _) = env.begin(req).await?;
    let mut conn = env.pool.acquire().await?;
    let offset = i64::from(page.max(1) - 1) * PAGE_SIZE;
    let (rows, mut total) = store::commitments::list(
        &mut conn,
        req.guild,
        query.filter,
        query.owner,
        query.relation,
        frame.now,
        PAGE_SIZE,
        offset,
    )
    .await?;
    if rows.is_empty() && offset > 0 {
        // Past the end: the count is not known from an empty page; ask for it.
        let (_, all) = store::commitments::list(
            &mut conn,
            req.guild,
            query.filter,
            query.owner,
            query.relation,
            frame.now,
            1,
            0,
        )
        .await?;
        total = all;
    }
    drop(conn);
    let pages = u32::try_from((total + PAGE_SIZE - 1) / PAGE_SIZE)
        .unwrap_or(u32::MAX)
        .max(1);
    let items: Vec<PromiseView> = rows.iter().map(|row| PromiseView::of(row, frame.now)).collect();
    let owners: Vec<MemberId> = items.iter().map(|item| item.owner).chain(query.owner).collect();
    let relation = match query.relation {
        Some(_) => rows.first().map(|row| row.relation_name.clone()),
        None => None,
    };
    let mut reply = Reply::new(
        Body::List(List {
            items,
            filter: query.filter,
            owner: query.owner,
            relation,
            page,
            pages,
            total,
        }),
        Visibility::Private,
        frame,
    );
    reply.names = env.names(req.guild, &owners).await?;
    if page > 1 {
        reply.actions.push(Action::Page(query, page - 1));
    }
    if page < pages {
        reply.actions.push(Action::Page(query, page + 1));
    }
    Ok(reply)
}

#[derive(Clone, Debug)]
pub struct Ball {
    pub member: MemberId,
    pub overdue: Vec<PromiseView>,
    pub open: Vec<PromiseView>,
    /// Open items beyond those shown.
    pub more: i64,
    /// Reminders that could not be delivered: the member's own, or all of the guild's for
    /// an admin looking at their own ball.
    pub failed: Vec<Failed>,
    /// Handovers waiting for an answer, to and from the member: until accepted, the sender
    /// holds the ball.
    pub handovers: Vec<super::handover::HandoverView>,
    /// The member's absence, now or next.
    pub away: Option<crate::domain::away::Away>,
    /// Colleagues the member backs up now.
    pub backing: Vec<crate::domain::away::Away>,
    /// The member's appointments that ended and still wait to be told how they went.
    pub outcomes: Vec<super::appointment::AppointmentView>,
    /// The member's appointments still to come today.
    pub today: Vec<super::appointment::AppointmentView>,
    /// Relations the member keeps that have gone too long without a contact.
    pub lapsed: Vec<store::nudges::TouchRow>,
}

/// Everything a member holds, overdue first.
#[tracing::instrument(skip_all, fields(command = "ball", guild = %req.guild, actor = %req.actor.id))]
pub async fn ball(env: &Env, req: &Request, member: Option<MemberRef>) -> Result<Reply, CommandError> {
    let (frame, _) = env.begin(req).await?;
    let member = member.unwrap_or_else(|| MemberRef {
        id: req.actor.id,
        name: req.actor.name.clone(),
    });
    env.note_members(req.guild, std::slice::from_ref(&member), frame.now)
        .await?;
    let member = member.id;
    let mut conn = env.pool.acquire().await?;
    let (rows, total) = store::commitments::list(
        &mut conn,
        req.guild,
        Filter::Open,
        Some(member),
        None,
        frame.now,
        BALL_MAX,
        0,
    )
    .await?;
    let whose = (!(req.actor.admin && member == req.actor.id)).then_some(member);
    let since = frame.now - chrono::Duration::days(FAILED_DIGESTS_DAYS);
    let failed = store::deliveries::failed(&mut conn, req.guild, whose, FAILED_AFTER, since, 10).await?;
    let handovers = store::handovers::pending_for(&mut conn, req.guild, &[member]).await?;
    let outcomes = super::appointment::awaiting_outcome(&mut conn, req.guild, member, frame.now).await?;
    let today = super::appointment::rest_of_today(&mut conn, req.guild, member, &frame).await?;
    let lapsed = store::nudges::lapsed(&mut conn, req.guild, member, frame.now, LAPSED_MAX).await?;
    // Kept, Missed, Moved for the first few, and a contact to log for the first lapsed
    // relations: within Discord's 25 buttons.
    let mut actions: Vec<super::Action> = outcomes
        .iter()
        .take(5)
        .flat_map(|a| {
            crate::domain::appointment::Outcome::ALL
                .iter()
                .map(|o| super::Action::Outcome(a.reference, *o))
        })
        .collect();
    actions.extend(
        lapsed
            .iter()
            .take(5)
            .map(|t| super::Action::LogContact(t.id, t.name.clone())),
    );
    let absences: Vec<crate::domain::away::Away> = store::away::upcoming(&mut conn, req.guild, frame.now)
        .await?
        .into_iter()
        .map(|row| row.away)
        .collect();
    drop(conn);
    let away = absences.iter().find(|a| a.member == member).copied();
    let backing = crate::domain::away::backing(member, &absences, frame.now);
    let (overdue, open): (Vec<PromiseView>, Vec<PromiseView>) = rows
        .iter()
        .map(|row| PromiseView::of(row, frame.now))
        .partition(|item| item.overdue);
    let mut people = vec![member];
    people.extend(failed.iter().map(Failed::member));
    people.extend(handovers.iter().flat_map(|h| [h.from, h.to]));
    people.extend(away.iter().map(|a| a.backup));
    people.extend(backing.iter().map(|a| a.member));
    people.extend(today.iter().flat_map(|a| a.participants.iter().copied()));
    people.extend(lapsed.iter().filter_map(|t| t.last.map(|(_, by)| by)));
    let mut reply = Reply::new(
        Body::Ball(Ball {
            member,
            more: total - (overdue.len() + open.len()) as i64,
            overdue,
            open,
            failed,
            handovers: handovers.iter().map(super::handover::HandoverView::of).collect(),
            away,
            backing,
            outcomes,
            today,
            lapsed,
        }),
        Visibility::Private,
        frame,
    );
    reply.names = env.names(req.guild, &people).await?;
    reply.actions = actions;
    Ok(reply)
}

/// The filter of a `status` choice word.
pub fn filter(word: &str) -> Option<Filter> {
    match word {
        "open" => Some(Filter::Open),
        "overdue" => Some(Filter::Overdue),
        "done" => Some(Filter::Done),
        "all" => Some(Filter::All),
        _ => None,
    }
}

/// The choice word of a filter.
pub fn filter_word(filter: Filter) -> &'static str {
    match filter {
        Filter::Open => "open",
        Filter::Overdue => "overdue",
        Filter::Done => "done",
        Filter::All => "all",
    }
}
