//! `/contact log` and `/contact history`.

use std::collections::HashMap;

use chrono::{DateTime, NaiveTime, Utc};

use super::input::{present, read_date, read_due, read_text, Typed};
use super::{
    promise, Actor, Body, CommandError, Env, Frame, MemberRef, Reply, Request, UserError, Visibility,
};
use crate::domain::commitment;
use crate::domain::contact::{self, Via};
use crate::domain::dates::Lean;
use crate::domain::relation::RelationName;
use crate::domain::{CommitmentRef, HandoverRef, Lang, MemberId, SubjectRef};
use crate::store;
use crate::store::contact_log::{Logged, NewFollowUp};
use crate::store::contacts::NewContact;
use crate::store::relations::NewRelation;

pub const HISTORY_DEFAULT: i64 = 10;
pub const HISTORY_MAX: i64 = 50;
/// Appointments a history shows at most.
const HISTORY_APPOINTMENTS: i64 = 6;
/// A contact logged with a day but no time ("yesterday") is placed at noon.
pub(super) const CONTACT_DEFAULT_TIME: NaiveTime = NaiveTime::from_hms_opt(12, 0, 0).expect("valid time");

#[derive(Clone, Debug, Default)]
pub struct LogContact {
    pub relation: String,
    pub summary: String,
    pub via: Option<Via>,
    pub when: Option<String>,
    pub follow_up: Option<String>,
    pub follow_up_due: Option<String>,
    pub follow_up_owner: Option<MemberRef>,
    pub restricted: bool,
    /// Create the relation even when its name looks like an existing one.
    pub new_relation: bool,
}

/// A way of contact typed as a word (in a form, where there is no choice list): the
/// canonical word or its label in either language, any case. Blank is none.
pub fn read_via(typed: &str) -> Result<Option<Via>, UserError> {
    let word = crate::domain::relation::fold(typed);
    if word.is_empty() {
        return Ok(None);
    }
    let found = Via::ALL.iter().copied().find(|via| {
        let labels = [Lang::En, Lang::Nl]
            .map(|lang| crate::domain::relation::fold(crate::i18n::choice_label(via.as_str(), lang)));
        via.as_str() == word || labels.contains(&word)
    });
    found.map(Some).ok_or_else(|| UserError::ViaUnknown {
        input: typed.trim().to_string(),
    })
}

#[derive(Clone, Debug)]
pub struct ContactLogged {
    pub relation: String,
    pub relation_created: bool,
    pub via: Via,
    pub occurred_at: DateTime<Utc>,
    /// `when` as typed, so the reply can show how it was read.
    pub when_phrase: Option<Typed>,
    pub by: MemberId,
    pub summary: String,
    pub restricted: bool,
    pub follow_up: Option<FollowUpLogged>,
}

#[derive(Clone, Debug)]
pub struct FollowUpLogged {
    pub reference: CommitmentRef,
    pub what: String,
    pub owner: MemberId,
    pub due_at: DateTime<Utc>,
    /// What the person typed, so the reply can show how it was read.
    pub due_phrase: Option<Typed>,
}

/// The input, checked and read: everything that can be refused is refused before the
/// transaction starts.
struct Checked {
    relation: RelationName,
    summary: String,
    via: Via,
    occurred_at: DateTime<Utc>,
    /// `when` as typed, when it was.
    when: Option<Typed>,
    follow_up: Option<CheckedFollowUp>,
}

struct CheckedFollowUp {
    what: String,
    owner: MemberRef,
    due_at: DateTime<Utc>,
    /// `follow_up_due` as typed, when it was.
    due: Option<Typed>,
}

#[tracing::instrument(skip_all, fields(command = "contact log", guild = %req.guild, actor = %req.actor.id))]
pub async fn log(env: &Env, req: &Request, input: LogContact) -> Result<Reply, CommandError> {
    let (frame, settings) = env.begin(req).await?;
    let checked = check_log(&input, &req.actor, &frame)?;
    let actor = MemberRef {
        id: req.actor.id,
        name: req.actor.name.clone(),
    };
    let mut people = vec![actor];
    if let Some(follow_up) = &checked.follow_up {
        people.push(follow_up.owner.clone());
    }
    env.note_members(req.guild, &people, frame.now).await?;

    let new_contact = NewContact {
        occurred_at: checked.occurred_at,
        via: checked.via,
        logged_by: req.actor.id,
        summary: &checked.summary,
        restricted: input.restricted,
        channel: req.channel,
        created_at: frame.now,
    };
    let new_follow_up = checked.follow_up.as_ref().map(|f| NewFollowUp {
        what: &f.what,
        owner: f.owner.id,
        due_at: f.due_at,
        next_nudge_at: promise::first_nudge(&settings, f.due_at, None, &frame),
    });
    let (logged, relation_created) = insert_log(
        env,
        req,
        &checked.relation,
        input.new_relation,
        &new_contact,
        new_follow_up.as_ref(),
    )
    .await?;
    let follow_up = checked
        .follow_up
        .as_ref()
        .zip(logged.follow_up)
        .map(|(f, (_, reference))| FollowUpLogged {
            reference,
            what: f.what.clone(),
            owner: f.owner.id,
            due_at: f.due_at,
            due_phrase: f.due.clone(),
        });

    let mut names = HashMap::from([(req.actor.id, req.actor.name.clone())]);
    let mut notify = Vec::new();
    if let Some(follow_up) = &checked.follow_up {
        names.insert(follow_up.owner.id, follow_up.owner.name.clone());
        if follow_up.owner.id != req.actor.id {
            notify.push(follow_up.owner.id);
        }
    }
    Ok(Reply {
        body: Body::ContactLogged(ContactLogged {
            relation: logged.relation.name,
            relation_created,
            via: checked.via,
            occurred_at: checked.occurred_at,
            when_phrase: checked.when,
            by: req.actor.id,
            summary: checked.summary,
            restricted: input.restricted,
            follow_up,
        }),
        visibility: Visibility::Channel,
        notify,
        frame,
        names,
        actions: Vec::new(),
        attachments: Vec::new(),
    })
}

/// Logs against the relation of that name, creating the relation when it is new; says
/// whether it did. The everyday case, a known relation, is one atomic statement.
async fn insert_log(
    env: &Env,
    req: &Request,
    name: &RelationName,
    allow_new: bool,
    contact: &NewContact<'_>,
    follow_up: Option<&NewFollowUp<'_>>,
) -> Result<(Logged, bool), CommandError> {
    let mut conn = env.pool.acquire().await?;
    if let Some(logged) = store::contact_log::insert(&mut conn, req.guild, name, contact, follow_up).await? {
        return Ok((logged, false));
    }
    drop(conn);
    let mut tx = env.pool.begin().await?;
    let new = NewRelation::named(name, req.actor.id, contact.created_at);
    let created = super::relation::create(&mut tx, req, "relation", &new, allow_new).await?;
    let Some(logged) = store::contact_log::insert(&mut tx, req.guild, name, contact, follow_up).await? else {
        return Err(CommandError::internal(&sqlx::Error::RowNotFound));
    };
    tx.commit().await?;
    Ok((logged, created.is_some()))
}

fn check_log(input: &LogContact, actor: &Actor, frame: &Frame) -> Result<Checked, UserError> {
    let relation = super::relation::read_name(&input.relation)?;
    let summary = read_text("summary", &input.summary, contact::SUMMARY_MAX, true)?;
    let (occurred_at, when) = match present(&input.when) {
        None => (frame.now, None),
        Some(phrase) => {
            let when = read_date("when", phrase, frame, Lean::Past, CONTACT_DEFAULT_TIME)?;
            if contact::occurred_in_future(when.at, frame.now) {
                return Err(UserError::WhenInFuture {
                    option: "when",
                    input: phrase.to_string(),
                    at: when.at,
                });
            }
            (when.at, Some(when.typed))
        }
    };
    let follow_up = match present(&input.follow_up) {
        None => {
            if present(&input.follow_up_due).is_some() {
                return Err(UserError::NeedsFollowUp {
                    option: "follow_up_due",
                });
            }
            if input.follow_up_owner.is_some() {
                return Err(UserError::NeedsFollowUp {
                    option: "follow_up_owner",
                });
            }
            None
        }
        Some(what) => Some(check_follow_up(what, input, actor, frame)?),
    };
    Ok(Checked {
        relation,
        summary,
        via: input.via.unwrap_or(Via::Phone),
        occurred_at,
        when,
        follow_up,
    })
}

fn check_follow_up(
    what: &str,
    input: &LogContact,
    actor: &Actor,
    frame: &Frame,
) -> Result<CheckedFollowUp, UserError> {
    let what = read_text("follow_up", what, commitment::WHAT_MAX, false)?;
    let (due_at, due) = match present(&input.follow_up_due) {
        None => (commitment::default_due(frame.now, frame.zone), None),
        Some(phrase) => {
            let due = read_due("follow_up_due", phrase, frame)?;
            (due.at, Some(due.typed))
        }
    };
    let owner = input.follow_up_owner.clone().unwrap_or_else(|| MemberRef {
        id: actor.id,
        name: actor.name.clone(),
    });
    Ok(CheckedFollowUp {
        what,
        owner,
        due_at,
        due,
    })
}

#[derive(Clone, Debug, Default)]
pub struct ContactHistory {
    pub relation: String,
    pub limit: Option<i64>,
}

#[derive(Clone, Debug)]
pub struct History {
    pub relation: String,
    pub contacts: Vec<HistoryContact>,
    /// All contacts with the relation, of which `contacts` are the newest.
    pub total: i64,
    /// What happened to the relation's commitments in the same stretch of time.
    pub changes: Vec<HistoryChange>,
    pub open: Vec<HistoryOpen>,
    /// The relation's appointments, the furthest ahead first: coming ones and the latest past,
    /// with how they went and what replaced them.
    pub appointments: Vec<super::appointment::AppointmentView>,
    /// Names of the relations merged into this one.
    pub merged: Vec<String>,
    /// When the person's data was erased, and by whom.
    pub erased: Option<(DateTime<Utc>, MemberId)>,
}

/// A change to a commitment, as the history tells it.
#[derive(Clone, Debug)]
pub struct HistoryChange {
    pub at: DateTime<Utc>,
    pub by: MemberId,
    pub reference: SubjectRef,
    pub what: String,
    pub change: Change,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    Promised {
        due_at: DateTime<Utc>,
    },
    Moved {
        to: DateTime<Utc>,
        reason: String,
    },
    Done,
    Cancelled {
        reason: String,
    },
    HandedOver {
        from: MemberId,
        to: MemberId,
        handover: HandoverRef,
    },
    HandoverGiven {
        from: MemberId,
        to: MemberId,
    },
    HandoverAccepted,
    HandoverDeclined {
        reason: String,
    },
    HandoverCancelled,
}

impl Change {
    /// The colleagues a change names besides who made it.
    pub fn people(&self) -> Vec<MemberId> {
        match self {
            Change::HandedOver { from, to, .. } | Change::HandoverGiven { from, to } => vec![*from, *to],
            _ => Vec::new(),
        }
    }
}

impl HistoryChange {
    /// Reads a stored event; events of other kinds (a follow-up's creation shows with its
    /// contact) give `None`.
    pub fn of(event: store::events::CommitmentChange) -> Option<HistoryChange> {
        let text = |key: &str| event.detail[key].as_str().unwrap_or_default().to_string();
        let time = |key: &str| {
            event.detail[key]
                .as_str()
                .and_then(|t| t.parse::<DateTime<Utc>>().ok())
        };
        let member = |key: &str| event.detail[key].as_i64().map(MemberId);
        let change = match event.action.as_str() {
            "commitment.created" if event.detail["kind"] == "promise" => Change::Promised {
                due_at: time("due_at")?,
            },
            "commitment.moved" => Change::Moved {
                to: time("to")?,
                reason: text("reason"),
            },
            "commitment.done" => Change::Done,
            "commitment.cancelled" => Change::Cancelled {
                reason: text("reason"),
            },
            "commitment.handed_over" => Change::HandedOver {
                from: member("from_id")?,
                to: member("to_id")?,
                handover: HandoverRef(i32::try_from(event.detail["handover"].as_i64()?).ok()?),
            },
            "handover.given" => Change::HandoverGiven {
                from: member("from_id")?,
                to: member("to_id")?,
            },
            "handover.accepted" => Change::HandoverAccepted,
            "handover.declined" => Change::HandoverDeclined {
                reason: text("reason"),
            },
            "handover.cancelled" => Change::HandoverCancelled,
            _ => return None,
        };
        Some(HistoryChange {
            at: event.at,
            by: event.actor,
            reference: event.reference,
            what: event.what,
            change,
        })
    }
}

#[derive(Clone, Debug)]
pub struct HistoryContact {
    pub occurred_at: DateTime<Utc>,
    pub via: Via,
    pub by: MemberId,
    /// `None` when the note is restricted and the viewer may not read it.
    pub summary: Option<String>,
}

#[derive(Clone, Debug)]
pub struct HistoryOpen {
    pub reference: CommitmentRef,
    pub what: String,
    pub owner: MemberId,
    pub due_at: DateTime<Utc>,
    pub overdue: bool,
}

#[tracing::instrument(skip_all, fields(command = "contact history", guild = %req.guild, actor = %req.actor.id))]
pub async fn history(env: &Env, req: &Request, input: ContactHistory) -> Result<Reply, CommandError> {
    let (frame, settings) = env.begin(req).await?;
    let name = super::relation::read_name(&input.relation)?;
    let limit = input.limit.unwrap_or(HISTORY_DEFAULT);
    if !(1..=HISTORY_MAX).contains(&limit) {
        return Err(UserError::OutOfRange {
            option: "limit",
            min: 1,
            max: HISTORY_MAX,
            input: limit.to_string(),
        }
        .into());
    }

    let mut conn = env.pool.acquire().await?;
    let relation = super::relation::existing(&mut conn, req, &name).await?;
    let rows = store::contacts::newest(&mut conn, req.guild, relation.id, limit).await?;
    let total = store::contacts::count(&mut conn, req.guild, relation.id).await?;
    let open = store::commitments::open_for_relation(&mut conn, req.guild, relation.id).await?;
    let appointments =
        super::appointment::for_relation(&mut conn, req, relation.id, None, HISTORY_APPOINTMENTS).await?;
    // Changes from the same stretch of time as the contacts shown: since the oldest of
    // them when older ones are left out.
    let since = (total > limit)
        .then(|| rows.last().map(|c| c.occurred_at))
        .flatten();
    let changes: Vec<HistoryChange> =
        store::events::commitment_changes(&mut conn, req.guild, relation.id, since, limit)
            .await?
            .into_iter()
            .filter_map(HistoryChange::of)
            .collect();

    let erased = store::erasure::of(&mut conn, req.guild, relation.id)
        .await?
        .map(|e| (e.at, e.by));
    // An erased person's earlier names are masked too: listing them says nothing.
    let merged = match erased {
        Some(_) => Vec::new(),
        None => store::relations::merged_into(&mut conn, req.guild, relation.id)
            .await?
            .into_iter()
            .map(|r| r.name)
            .collect(),
    };
    let mut people: Vec<MemberId> = rows
        .iter()
        .map(|c| c.logged_by)
        .chain(open.iter().map(|c| c.owner))
        .chain(changes.iter().map(|c| c.by))
        .chain(changes.iter().flat_map(|c| c.change.people()))
        .chain(appointments.iter().map(|a| a.owner))
        .chain(erased.map(|(_, by)| by))
        .collect();
    people.sort_unstable();
    people.dedup();
    let names = store::members::names(&mut conn, req.guild, &people)
        .await?
        .into_iter()
        .collect();

    let contacts = rows
        .into_iter()
        .map(|row| {
            let readable = !row.restricted || req.actor.reads_restricted(row.logged_by, &settings);
            HistoryContact {
                occurred_at: row.occurred_at,
                via: row.via,
                by: row.logged_by,
                summary: readable.then_some(row.summary),
            }
        })
        .collect();
    let open = open
        .into_iter()
        .map(|c| HistoryOpen {
            overdue: commitment::is_overdue(commitment::CommitmentStatus::Open, c.due_at, frame.now),
            reference: c.reference,
            what: c.what,
            owner: c.owner,
            due_at: c.due_at,
        })
        .collect();
    Ok(Reply {
        body: Body::History(History {
            relation: relation.name,
            contacts,
            total,
            changes,
            open,
            appointments,
            merged,
            erased,
        }),
        visibility: Visibility::Private,
        notify: Vec::new(),
        frame,
        names,
        actions: Vec::new(),
        attachments: Vec::new(),
    })
}
