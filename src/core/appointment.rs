//! `/appointment add`, `list`, `cancel` and `outcome`, and the Kept / Missed / Moved answers
//! to the question whether an appointment took place. A missed or moved appointment is
//! closed only with a new one, and the relation must be told the new date.

use chrono::{DateTime, Duration, NaiveTime, Utc};
use serde_json::json;

use super::input::{present, read_date, read_due, read_optional_text, read_text, Dated, Typed};
use super::promise::PromiseView;
use super::{
    Body, CommandError, Env, Frame, GuildSettings, MemberRef, Reply, Request, UserError, Visibility,
};
use crate::domain::appointment::{
    self, Act, AppointmentStatus, DurationError, Outcome, TimeRefusal, ABOUT_MAX, PLACE_MAX, REASON_MAX,
};
use crate::domain::commitment::{self, Certainty, CommitmentKind, CommitmentStatus, Direction};
use crate::domain::contact::{self, Via};
use crate::domain::dates::Lean;
use crate::domain::{AppointmentId, AppointmentRef, Lang, MemberId};
use crate::i18n::{self, Msg};
use crate::ics;
use crate::store::appointments::{AppointmentRow, NewAppointment, NewParticipant, Query, Settled};
use crate::store::commitments::NewCommitment;
use crate::store::contact_log::NewFollowUp;
use crate::store::contacts::NewContact;
use crate::store::events::NewEvent;
use crate::store::{self, Conn};

/// Most appointments a list shows (and puts in one calendar file).
const LIST_MAX: i64 = 50;

/// A file a reply carries (the calendar file of an appointment).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attachment {
    pub name: String,
    pub content_type: &'static str,
    pub data: Vec<u8>,
}

/// An appointment as replies show it.
#[derive(Clone, Debug)]
pub struct AppointmentView {
    pub reference: AppointmentRef,
    pub relation: String,
    pub owner: MemberId,
    pub participants: Vec<MemberId>,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub place: Option<String>,
    pub about: Option<String>,
    pub status: AppointmentStatus,
    pub answer_note: Option<String>,
    pub previous: Option<AppointmentRef>,
    pub next: Option<AppointmentRef>,
}

impl AppointmentView {
    pub fn of(row: &AppointmentRow) -> AppointmentView {
        AppointmentView {
            reference: row.reference,
            relation: row.relation_name.clone(),
            owner: row.owner,
            participants: row.participants.clone(),
            starts_at: row.starts_at,
            ends_at: row.ends_at,
            place: row.place.clone(),
            about: row.about.clone(),
            status: row.status,
            answer_note: row.answer_note.clone(),
            previous: row.previous,
            next: row.next,
        }
    }
}

/// A colleague who already has an appointment at that time.
pub type Overlap = store::appointments::Booked;

#[derive(Clone, Debug)]
pub struct AppointmentAdded {
    pub appointment: AppointmentView,
    pub relation_created: bool,
    pub when_phrase: Typed,
    pub overlaps: Vec<Overlap>,
    /// The confirmation for the relation is written in the guild's language.
    pub confirmation_lang: Lang,
    /// When the first reminder before it goes out, and the guild's spans before the start.
    pub first_reminder: Option<DateTime<Utc>>,
    pub reminder_spans: Vec<Duration>,
}

#[derive(Clone, Debug, Default)]
pub struct AddAppointment {
    pub relation: String,
    pub when: String,
    pub duration: Option<String>,
    pub place: Option<String>,
    pub with: Option<MemberRef>,
    /// Discord says whether the colleague is a bot and in the server.
    pub with_is_bot: bool,
    pub with_is_member: bool,
    pub about: Option<String>,
    /// Create the relation even when its name looks like an existing one.
    pub new_relation: bool,
}

#[tracing::instrument(skip_all, fields(command = "appointment add", guild = %req.guild, actor = %req.actor.id))]
pub async fn add(env: &Env, req: &Request, input: AddAppointment) -> Result<Reply, CommandError> {
    let (frame, settings) = env.begin(req).await?;
    let name = super::relation::read_name(&input.relation)?;
    let (starts_at, ends_at, when) = read_when("when", &input.when, input.duration.as_deref(), &frame)?;
    let place = read_optional_text("where", &input.place, PLACE_MAX)?;
    let about = read_optional_text("about", &input.about, ABOUT_MAX)?;
    let mut people = vec![MemberRef {
        id: req.actor.id,
        name: req.actor.name.clone(),
    }];
    if let Some(with) = input.with.clone().filter(|with| with.id != req.actor.id) {
        if input.with_is_bot {
            return Err(UserError::WithIsBot.into());
        }
        if !input.with_is_member {
            return Err(UserError::NotAMember {
                member: with.id,
                name: with.name,
            }
            .into());
        }
        people.push(with);
    }
    env.note_members(req.guild, &people, frame.now).await?;
    let members: Vec<MemberId> = people.iter().map(|p| p.id).collect();

    let mut tx = env.pool.begin().await?;
    let (relation, relation_created) =
        super::relation::find_or_create(&mut tx, req, &name, input.new_relation, frame.now).await?;
    let new = NewAppointment {
        relation: relation.id,
        owner: req.actor.id,
        created_by: req.actor.id,
        starts_at,
        ends_at,
        place: place.as_deref(),
        about: about.as_deref(),
        channel: req.channel,
        previous: None,
        created_at: frame.now,
        next_nudge_at: super::promise::first_nudge(&settings, ends_at, None, &frame),
    };
    let (row, overlaps, first_reminder) = create(&mut tx, req, &frame, &settings, &new, &members).await?;
    let names = super::names_with(&mut tx, req.guild, &members).await?;
    tx.commit().await?;

    let attachment = calendar_file(std::slice::from_ref(&row), req, &frame, &settings);
    let mut reply = Reply::new(
        Body::AppointmentAdded(Box::new(AppointmentAdded {
            appointment: AppointmentView::of(&row),
            relation_created,
            when_phrase: when,
            overlaps,
            confirmation_lang: settings.lang,
            first_reminder,
            reminder_spans: settings.appointment_reminders.spans().to_vec(),
        })),
        Visibility::Channel,
        frame,
    );
    reply.names = names;
    reply.notify = members.into_iter().filter(|m| *m != req.actor.id).collect();
    reply.attachments.push(attachment);
    Ok(reply)
}

/// Inserts the appointment with its participants and its event; returns it as stored, the
/// participants' other appointments at that time, and when the first reminder goes out.
async fn create(
    tx: &mut Conn,
    req: &Request,
    frame: &Frame,
    settings: &GuildSettings,
    new: &NewAppointment<'_>,
    members: &[MemberId],
) -> Result<(AppointmentRow, Vec<Overlap>, Option<DateTime<Utc>>), CommandError> {
    let overlaps = store::appointments::overlapping(tx, req.guild, members, new.starts_at, new.ends_at)
        .await?
        .into_iter()
        .filter(|b| appointment::overlaps((b.starts_at, b.ends_at), (new.starts_at, new.ends_at)))
        .collect();
    let rules = settings.rules();
    let step = settings
        .appointment_reminders
        .fresh(new.starts_at, frame.now, &rules);
    let participants: Vec<NewParticipant> = members
        .iter()
        .map(|member| NewParticipant {
            member: *member,
            handled: step.handled,
            next_nudge_at: step.next_at,
        })
        .collect();
    let (id, reference) = store::appointments::insert(tx, req.guild, new, &participants).await?;
    let event = NewEvent {
        action: "appointment.created",
        subject_kind: "appointment",
        subject_id: id.0,
        relation: Some(new.relation),
        detail: json!({
            "ref": reference.0,
            "starts_at": new.starts_at,
            "ends_at": new.ends_at,
            "owner_id": new.owner.0,
            "participants": members.iter().map(|m| m.0).collect::<Vec<_>>(),
            "previous_id": new.previous.map(|p| p.0),
        }),
    };
    store::events::record(tx, req.guild, frame.now, req.actor.id, &[event]).await?;
    let row = one(tx, req, id).await?;
    Ok((row, overlaps, step.next_at))
}

async fn one(conn: &mut Conn, req: &Request, id: AppointmentId) -> Result<AppointmentRow, CommandError> {
    let query = Query {
        ids: Some(vec![id]),
        limit: 1,
        ..Query::default()
    };
    store::appointments::select(conn, req.guild, &query)
        .await?
        .into_iter()
        .next()
        .ok_or_else(|| CommandError::internal(&sqlx::Error::RowNotFound))
}

/// Reads `when` (a date phrase with a time, or a range "friday 10:00-11:30") and the
/// duration into a start and end that lie ahead and last at most a day, with `when` as
/// typed.
fn read_when(
    option: &'static str,
    when: &str,
    duration: Option<&str>,
    frame: &Frame,
) -> Result<(DateTime<Utc>, DateTime<Utc>, Typed), UserError> {
    let when = when.trim();
    let (start_phrase, until) = split_range(when);
    let start = read_start(option, start_phrase, frame)?;
    let starts_at = start.at;
    let ends_at = match until {
        Some(end) => {
            let local = starts_at.with_timezone(&frame.zone);
            crate::domain::dates::at_local(frame.zone, local.date_naive(), end).map_err(|_| {
                UserError::DateUnreadable {
                    option,
                    input: when.to_string(),
                }
            })?
        }
        None => {
            let span = match duration.map(str::trim).filter(|d| !d.is_empty()) {
                None => appointment::USUAL,
                Some(text) => appointment::parse_duration(text).map_err(|err| match err {
                    DurationError::TooLong => UserError::DurationTooLong {
                        input: text.to_string(),
                    },
                    DurationError::Unreadable => UserError::DurationUnreadable {
                        input: text.to_string(),
                    },
                })?,
            };
            starts_at
                .checked_add_signed(span)
                .ok_or(UserError::DurationTooLong {
                    input: duration.unwrap_or_default().to_string(),
                })?
        }
    };
    appointment::check_times(starts_at, ends_at, frame.now).map_err(|refusal| match refusal {
        TimeRefusal::InPast => UserError::StartsInPast {
            option,
            input: when.to_string(),
            at: starts_at,
        },
        TimeRefusal::EndBeforeStart => UserError::EndsBeforeStart {
            input: when.to_string(),
        },
        TimeRefusal::TooLong => UserError::DurationTooLong {
            input: duration.unwrap_or(when).to_string(),
        },
    })?;
    let typed = Typed {
        text: when.to_string(),
        notes: start.typed.notes,
    };
    Ok((starts_at, ends_at, typed))
}

/// "vrijdag 10:00-11:30", "friday 10:00 to 11:30": the start phrase and the end time.
fn split_range(when: &str) -> (&str, Option<NaiveTime>) {
    for separator in [" tot ", " to ", " until ", "–", " - ", "-"] {
        if let Some((start, end)) = when.rsplit_once(separator) {
            let start = start.trim_end();
            let ends_in_clock = start.ends_with(|c: char| c.is_ascii_digit() || c == 'u' || c == 'h');
            if let Some(end) = crate::domain::schedule::parse_clock(end.trim()).filter(|_| ends_in_clock) {
                return (start, Some(end));
            }
        }
    }
    (when, None)
}

/// A start: a date phrase with a time of day. A day alone ("vrijdag") is refused with an
/// example, as an appointment needs a time.
fn read_start(option: &'static str, phrase: &str, frame: &Frame) -> Result<Dated, UserError> {
    // Read with two default times: when they differ, the phrase named no time of its own.
    let early = NaiveTime::from_hms_opt(0, 7, 0).unwrap_or(NaiveTime::MIN);
    let late = NaiveTime::from_hms_opt(0, 11, 0).unwrap_or(NaiveTime::MIN);
    let start = read_date(option, phrase, frame, Lean::Future, early)?;
    let at = start.at;
    if read_date(option, phrase, frame, Lean::Future, late)?.at != at {
        return Err(UserError::NeedsTime {
            option,
            input: phrase.to_string(),
        });
    }
    if at <= frame.now {
        return Err(UserError::StartsInPast {
            option,
            input: phrase.to_string(),
            at,
        });
    }
    Ok(start)
}

/// How a date phrase for an appointment's start reads, for the autocomplete preview:
/// refused when it names no time of day.
pub fn preview_start(phrase: &str, frame: &Frame) -> Result<Dated, UserError> {
    let (start, _) = split_range(phrase.trim());
    read_start("when", start, frame)
}

#[derive(Clone, Debug, Default)]
pub struct ListAppointments {
    pub member: Option<MemberRef>,
    pub relation: Option<String>,
    /// `today`, `week`, `month`, or a date phrase (that day).
    pub range: Option<String>,
    pub ics: bool,
}

#[derive(Clone, Debug)]
pub struct AppointmentList {
    pub appointments: Vec<AppointmentView>,
    pub from: DateTime<Utc>,
    pub until: DateTime<Utc>,
    pub member: Option<MemberId>,
    pub relation: Option<String>,
    /// More appointments matched than are shown.
    pub more: bool,
}

#[tracing::instrument(skip_all, fields(command = "appointment list", guild = %req.guild, actor = %req.actor.id))]
pub async fn list(env: &Env, req: &Request, input: ListAppointments) -> Result<Reply, CommandError> {
    let (frame, settings) = env.begin(req).await?;
    let (from, until) = read_range(input.range.as_deref(), &frame)?;
    let mut conn = env.pool.acquire().await?;
    let relation = match present(&input.relation) {
        Some(typed) => {
            Some(super::relation::existing(&mut conn, req, &super::relation::read_name(typed)?).await?)
        }
        None => None,
    };
    let query = Query {
        relation: relation.as_ref().map(|r| r.id),
        members: input.member.as_ref().map(|m| vec![m.id]),
        from: Some(from),
        until: Some(until),
        limit: LIST_MAX + 1,
        ..Query::default()
    };
    let mut rows = store::appointments::select(&mut conn, req.guild, &query).await?;
    let more = rows.len() as i64 > LIST_MAX;
    rows.truncate(LIST_MAX as usize);
    let people: Vec<MemberId> = rows.iter().flat_map(|r| r.participants.iter().copied()).collect();
    let names = super::names_with(&mut conn, req.guild, &people).await?;
    drop(conn);
    let attachment = (input.ics && !rows.is_empty()).then(|| calendar_file(&rows, req, &frame, &settings));
    let mut reply = Reply::new(
        Body::AppointmentList(AppointmentList {
            appointments: rows.iter().map(AppointmentView::of).collect(),
            from,
            until,
            member: input.member.map(|m| m.id),
            relation: relation.map(|r| r.name),
            more,
        }),
        Visibility::Private,
        frame,
    );
    reply.names = names;
    reply.attachments.extend(attachment);
    Ok(reply)
}

/// `today` (all of it), `week` (the next 7 days), `month` (the next 31), or the day
/// a date phrase names.
fn read_range(range: Option<&str>, frame: &Frame) -> Result<(DateTime<Utc>, DateTime<Utc>), UserError> {
    let days = |n: i64| {
        frame
            .now
            .checked_add_signed(Duration::days(n))
            .unwrap_or(frame.now)
    };
    let today = frame.now.with_timezone(&frame.zone).date_naive();
    let word = range.map(|r| r.trim().to_lowercase()).unwrap_or_default();
    Ok(match word.as_str() {
        "" | "week" | "deze week" | "this week" => (frame.now, days(7)),
        "today" | "vandaag" => (
            midnight(today, frame),
            midnight(today.succ_opt().unwrap_or(today), frame),
        ),
        "month" | "maand" | "deze maand" | "this month" => (frame.now, days(31)),
        _ => {
            let phrase = range.unwrap_or_default();
            // The last minute of a day, so today's weekday is today, not next week.
            let at = read_date(
                "range",
                phrase,
                frame,
                Lean::Future,
                crate::domain::dates::LAST_MINUTE,
            )?
            .at;
            let day = at.with_timezone(&frame.zone).date_naive();
            (
                midnight(day, frame),
                midnight(day.succ_opt().unwrap_or(day), frame),
            )
        }
    })
}

/// What became of an appointment.
#[derive(Clone, Debug)]
pub struct AppointmentSettled {
    pub appointment: AppointmentView,
    pub status: AppointmentStatus,
    /// The appointment that replaces a missed or moved one.
    pub new: Option<AppointmentView>,
    /// The promise to tell the relation the new date (or the cancellation).
    pub inform: Option<PromiseView>,
    /// How a kept appointment was logged as a contact.
    pub contact_via: Option<Via>,
    pub follow_up: Option<PromiseView>,
    pub overlaps: Vec<Overlap>,
    /// The confirmation of a new date is written in the guild's language.
    pub confirmation_lang: Lang,
}

/// `/appointment outcome`, and the Kept / Missed / Moved buttons and forms.
#[derive(Clone, Debug, Default)]
pub struct GiveOutcome {
    pub appointment: String,
    pub outcome: Option<Outcome>,
    pub new_when: Option<String>,
    pub reason: Option<String>,
    /// For a kept one: what was discussed, and the follow-up agreed.
    pub summary: Option<String>,
    pub follow_up: Option<String>,
    pub follow_up_due: Option<String>,
}

#[tracing::instrument(skip_all, fields(command = "appointment outcome", guild = %req.guild, actor = %req.actor.id))]
pub async fn outcome(env: &Env, req: &Request, input: GiveOutcome) -> Result<Reply, CommandError> {
    let (frame, settings) = env.begin(req).await?;
    let reference = read_appointment(&input.appointment)?;
    let outcome = input.outcome.ok_or(UserError::Text {
        option: "outcome",
        problem: crate::domain::text::TextError::Empty,
    })?;
    let reason = read_optional_text("reason", &input.reason, REASON_MAX)?;
    let summary = present(&input.summary)
        .map(|s| read_text("summary", s, contact::SUMMARY_MAX, true))
        .transpose()?;
    let follow_up = present(&input.follow_up)
        .map(|f| read_text("follow_up", f, commitment::WHAT_MAX, false))
        .transpose()?;
    let follow_up_due = present(&input.follow_up_due)
        .map(|d| read_due("follow_up_due", d, &frame).map(|due| due.at))
        .transpose()?;
    if outcome.needs_new_date() {
        if present(&input.new_when).is_none() {
            return Err(UserError::NeedsNewDate { reference, outcome }.into());
        }
        if reason.is_none() {
            return Err(UserError::NeedsReason { reference, outcome }.into());
        }
    } else if present(&input.new_when).is_some() {
        return Err(UserError::NewDateNotNeeded { reference }.into());
    }

    let mut tx = env.pool.begin().await?;
    let row = allowed(&mut tx, req, reference, Act::Outcome(outcome), &frame).await?;
    let mut settled = AppointmentSettled {
        appointment: AppointmentView::of(&row),
        status: outcome.status(),
        new: None,
        inform: None,
        contact_via: None,
        follow_up: None,
        overlaps: Vec::new(),
        confirmation_lang: settings.lang,
    };
    let mut record = Settled {
        status: outcome.status(),
        by: req.actor.id,
        note: reason.as_deref(),
        contact: None,
        inform: None,
        at: frame.now,
    };
    let mut files = Vec::new();
    if outcome == Outcome::Kept {
        let (contact, follow) = log_kept(
            &mut tx,
            req,
            &frame,
            &settings,
            &row,
            summary.as_deref(),
            follow_up,
            follow_up_due,
        )
        .await?;
        record.contact = Some(contact);
        settled.contact_via = Some(kept_via(&row));
        settled.follow_up = follow;
    } else {
        // The new appointment lasts as long as the old one, unless a range says otherwise.
        let phrase = present(&input.new_when).unwrap_or_default();
        let length = (row.ends_at - row.starts_at).num_minutes().to_string() + " min";
        let (starts_at, ends_at, _) = read_when("new_when", phrase, Some(&length), &frame)?;
        let new = NewAppointment {
            relation: row.relation,
            owner: row.owner,
            created_by: req.actor.id,
            starts_at,
            ends_at,
            place: row.place.as_deref(),
            about: row.about.as_deref(),
            channel: req.channel.or(row.channel),
            previous: Some(row.id),
            created_at: frame.now,
            next_nudge_at: super::promise::first_nudge(&settings, ends_at, None, &frame),
        };
        let (new_row, overlaps, _) = create(&mut tx, req, &frame, &settings, &new, &row.participants).await?;
        let told = (Msg::InformNewDate, new_row.reference, new_row.starts_at);
        let inform = inform(&mut tx, req, &frame, &settings, &row, told).await?;
        record.inform = Some(inform.0);
        settled.inform = Some(inform.1);
        settled.overlaps = overlaps
            .into_iter()
            .filter(|o| o.reference != row.reference)
            .collect();
        files.push(new_row.clone());
        settled.new = Some(AppointmentView::of(&new_row));
    }
    let (old, names) = finish(tx, req, &frame, &row, &record, settled.new.as_ref()).await?;
    settled.appointment = AppointmentView::of(&old);
    if outcome == Outcome::Moved {
        files.insert(0, old);
    }
    Ok(settled_reply(settled, files, names, req, &frame, &settings))
}

#[tracing::instrument(skip_all, fields(command = "appointment cancel", guild = %req.guild, actor = %req.actor.id))]
pub async fn cancel(
    env: &Env,
    req: &Request,
    appointment: &str,
    reason: &str,
) -> Result<Reply, CommandError> {
    let (frame, settings) = env.begin(req).await?;
    let reference = read_appointment(appointment)?;
    let reason = read_text("reason", reason, REASON_MAX, false)?;
    let mut tx = env.pool.begin().await?;
    let row = allowed(&mut tx, req, reference, Act::Cancel, &frame).await?;
    let told = (Msg::InformCancelled, row.reference, row.starts_at);
    let (inform_id, inform_view) = inform(&mut tx, req, &frame, &settings, &row, told).await?;
    let record = Settled {
        status: AppointmentStatus::Cancelled,
        by: req.actor.id,
        note: Some(&reason),
        contact: None,
        inform: Some(inform_id),
        at: frame.now,
    };
    let (old, names) = finish(tx, req, &frame, &row, &record, None).await?;
    let settled = AppointmentSettled {
        appointment: AppointmentView::of(&old),
        status: AppointmentStatus::Cancelled,
        new: None,
        inform: Some(inform_view),
        contact_via: None,
        follow_up: None,
        overlaps: Vec::new(),
        confirmation_lang: settings.lang,
    };
    Ok(settled_reply(settled, vec![old], names, req, &frame, &settings))
}

fn settled_reply(
    settled: AppointmentSettled,
    files: Vec<AppointmentRow>,
    names: std::collections::HashMap<MemberId, String>,
    req: &Request,
    frame: &Frame,
    settings: &GuildSettings,
) -> Reply {
    let notify: Vec<MemberId> = settled
        .appointment
        .participants
        .iter()
        .copied()
        .filter(|m| *m != req.actor.id)
        .collect();
    let mut reply = Reply::new(
        Body::AppointmentSettled(Box::new(settled)),
        Visibility::Channel,
        *frame,
    );
    reply.names = names;
    reply.notify = notify;
    if !files.is_empty() {
        reply
            .attachments
            .push(calendar_file(&files, req, frame, settings));
    }
    reply
}

/// Whether the actor may give this outcome now: asked when a button opens its form, so the
/// wrong person or a second click hears so before filling it in.
pub async fn may_answer(
    env: &Env,
    req: &Request,
    appointment: &str,
    outcome: Outcome,
) -> Result<(), CommandError> {
    let (frame, _) = env.begin(req).await?;
    let reference = read_appointment(appointment)?;
    let mut tx = env.pool.begin().await?;
    allowed(&mut tx, req, reference, Act::Outcome(outcome), &frame).await?;
    tx.rollback().await?;
    Ok(())
}

/// The appointment, locked, if `act` is allowed on it now by the actor.
async fn allowed(
    conn: &mut Conn,
    req: &Request,
    reference: AppointmentRef,
    act: Act,
    frame: &Frame,
) -> Result<AppointmentRow, CommandError> {
    let row = store::appointments::lock_by_ref(conn, req.guild, reference)
        .await?
        .ok_or(UserError::NoSuchAppointment { reference })?;
    let backs = {
        let absences = store::away::at(conn, req.guild, frame.now).await?;
        crate::domain::away::stands_in(req.actor.id, row.owner, &absences, frame.now)
    };
    let may = appointment::may_change(req.actor.id, req.actor.admin, row.owner, row.created_by, backs);
    if let Err(refusal) = appointment::answer(row.status, act, may, row.starts_at, frame.now) {
        let owner_name = super::member_name(conn, req.guild, row.owner).await?;
        return Err(UserError::AppointmentRefused {
            reference,
            refusal,
            starts_at: row.starts_at,
            owner: row.owner,
            owner_name,
            by: row.answered_by,
        }
        .into());
    }
    Ok(row)
}

/// How a kept appointment is logged: a visit when it had a place, else a meeting.
fn kept_via(row: &AppointmentRow) -> Via {
    if row.place.is_some() {
        Via::Visit
    } else {
        Via::Meeting
    }
}

/// Records a kept appointment as a contact with the relation (a meeting at its start), with
/// the follow-up agreed in it.
#[allow(clippy::too_many_arguments)]
async fn log_kept(
    tx: &mut Conn,
    req: &Request,
    frame: &Frame,
    settings: &GuildSettings,
    row: &AppointmentRow,
    summary: Option<&str>,
    follow_up: Option<String>,
    follow_up_due: Option<DateTime<Utc>>,
) -> Result<(crate::domain::ContactId, Option<PromiseView>), CommandError> {
    let default = i18n::say(
        settings.lang,
        Msg::KeptSummary,
        &[
            ("ref", &row.reference.to_string()),
            ("about", row.about.as_deref().unwrap_or_default()),
        ],
    );
    let summary = summary.map(str::to_string).unwrap_or_else(|| {
        crate::domain::text::shorten(default.trim_end_matches([' ', ':']), contact::SUMMARY_MAX)
    });
    let name = super::relation::read_name(&row.relation_name)?;
    let new = NewContact {
        occurred_at: row.starts_at.min(frame.now),
        via: kept_via(row),
        logged_by: req.actor.id,
        summary: &summary,
        restricted: false,
        channel: req.channel,
        created_at: frame.now,
    };
    let due_at = follow_up_due.unwrap_or_else(|| commitment::default_due(frame.now, frame.zone));
    let follow = follow_up.as_deref().map(|what| NewFollowUp {
        what,
        owner: row.owner,
        due_at,
        next_nudge_at: super::promise::first_nudge(settings, due_at, None, frame),
    });
    let logged = store::contact_log::insert(tx, req.guild, &name, &new, follow.as_ref())
        .await?
        .ok_or_else(|| CommandError::internal(&sqlx::Error::RowNotFound))?;
    let view = logged
        .follow_up
        .zip(follow_up)
        .map(|((_, reference), what)| PromiseView {
            reference,
            relation: row.relation_name.clone(),
            kind: CommitmentKind::FollowUp,
            direction: Direction::WeOwe,
            certainty: Certainty::Expected,
            what,
            depends_on: None,
            owner: row.owner,
            due_at,
            status: CommitmentStatus::Open,
            overdue: false,
        });
    Ok((logged.contact, view))
}

/// Settles the appointment with its event, reads it back with the names the reply shows,
/// and commits.
async fn finish(
    mut tx: sqlx::Transaction<'_, sqlx::Postgres>,
    req: &Request,
    frame: &Frame,
    row: &AppointmentRow,
    record: &Settled<'_>,
    new: Option<&AppointmentView>,
) -> Result<(AppointmentRow, std::collections::HashMap<MemberId, String>), CommandError> {
    store::appointments::settle(&mut tx, req.guild, row.id, record).await?;
    record_settled(&mut tx, req, frame, row, record, new).await?;
    let mut people = row.participants.clone();
    people.push(req.actor.id);
    let names = super::names_with(&mut tx, req.guild, &people).await?;
    let old = one(&mut tx, req, row.id).await?;
    tx.commit().await?;
    Ok((old, names))
}

/// The promise to tell the relation `told`: the message, and which appointment at what
/// time. `we_owe`, the owner's, due within the guild's `inform_within`, written in the
/// guild's language.
async fn inform(
    tx: &mut Conn,
    req: &Request,
    frame: &Frame,
    settings: &GuildSettings,
    row: &AppointmentRow,
    told: (Msg, AppointmentRef, DateTime<Utc>),
) -> Result<(crate::domain::CommitmentId, PromiseView), CommandError> {
    let (msg, reference, when) = told;
    let what = i18n::say(
        settings.lang,
        msg,
        &[
            ("relation", &row.relation_name),
            ("ref", &reference.to_string()),
            ("when", &i18n::time::absolute(when, frame.zone, settings.lang)),
        ],
    );
    let what = crate::domain::text::shorten(&what, commitment::WHAT_MAX);
    let due_at = inform_due(settings, frame.now);
    let new = NewCommitment {
        relation: row.relation,
        contact: None,
        kind: CommitmentKind::Promise,
        direction: Direction::WeOwe,
        certainty: Certainty::Confirmed,
        what: &what,
        depends_on: None,
        owner: row.owner,
        created_by: req.actor.id,
        channel: req.channel.or(row.channel),
        due_at,
        remind_before: None,
        next_nudge_at: super::promise::first_nudge(settings, due_at, None, frame),
        created_at: frame.now,
    };
    let (id, reference) = store::commitments::insert(tx, req.guild, &new).await?;
    let event = NewEvent {
        action: "commitment.created",
        subject_kind: "commitment",
        subject_id: id.0,
        relation: Some(row.relation),
        detail: json!({
            "ref": reference.0,
            "kind": CommitmentKind::Promise.as_str(),
            "direction": Direction::WeOwe.as_str(),
            "certainty": Certainty::Confirmed.as_str(),
            "owner_id": row.owner.0,
            "due_at": due_at,
            "appointment_ref": row.reference.0,
        }),
    };
    store::events::record(tx, req.guild, frame.now, req.actor.id, &[event]).await?;
    let view = PromiseView {
        reference,
        relation: row.relation_name.clone(),
        kind: CommitmentKind::Promise,
        direction: Direction::WeOwe,
        certainty: Certainty::Confirmed,
        what,
        depends_on: None,
        owner: row.owner,
        due_at,
        status: CommitmentStatus::Open,
        overdue: false,
    };
    Ok((id, view))
}

/// When the relation must have heard the new date: `inform_within` working time from now.
pub fn inform_due(settings: &GuildSettings, now: DateTime<Utc>) -> DateTime<Utc> {
    settings.inform_within.after(now, &settings.hours, settings.zone)
}

async fn record_settled(
    tx: &mut Conn,
    req: &Request,
    frame: &Frame,
    row: &AppointmentRow,
    record: &Settled<'_>,
    new: Option<&AppointmentView>,
) -> Result<(), CommandError> {
    let event = NewEvent {
        action: match record.status {
            AppointmentStatus::Kept => "appointment.kept",
            AppointmentStatus::Missed => "appointment.missed",
            AppointmentStatus::Moved => "appointment.moved",
            _ => "appointment.cancelled",
        },
        subject_kind: "appointment",
        subject_id: row.id.0,
        relation: Some(row.relation),
        detail: json!({
            "ref": row.reference.0,
            "starts_at": row.starts_at,
            "reason": record.note,
            "new_ref": new.map(|n| n.reference.0),
            "new_starts_at": new.map(|n| n.starts_at),
            "contact_id": record.contact.map(|c| c.0),
        }),
    };
    store::events::record(tx, req.guild, frame.now, req.actor.id, &[event]).await?;
    Ok(())
}

/// An appointment reference like "A-3".
pub fn read_appointment(input: &str) -> Result<AppointmentRef, UserError> {
    AppointmentRef::parse(input).ok_or_else(|| UserError::NotAReference {
        option: "appointment",
        input: input.trim().to_string(),
    })
}

/// The calendar file of these appointments, times in the guild's zone.
fn calendar_file(
    rows: &[AppointmentRow],
    req: &Request,
    frame: &Frame,
    settings: &GuildSettings,
) -> Attachment {
    let events: Vec<ics::Event> = rows.iter().map(|row| event(row, req, settings.lang)).collect();
    let name = match rows {
        [row] => format!("{}.ics", row.reference),
        _ => "appointments.ics".to_string(),
    };
    Attachment {
        name,
        content_type: "text/calendar",
        data: ics::calendar(&events, frame.zone, frame.now).into_bytes(),
    }
}

fn event(row: &AppointmentRow, req: &Request, lang: Lang) -> ics::Event {
    let summary = i18n::say(
        lang,
        Msg::CalendarSummary,
        &[
            ("relation", &row.relation_name),
            ("ref", &row.reference.to_string()),
        ],
    );
    ics::Event {
        uid: format!("{}.{}@baton", row.reference, req.guild),
        sequence: u32::try_from(row.sequence).unwrap_or(0),
        start: row.starts_at,
        end: row.ends_at,
        summary,
        location: row.place.clone(),
        description: row.about.clone(),
        status: match row.status {
            AppointmentStatus::Cancelled | AppointmentStatus::Moved => ics::Status::Cancelled,
            _ => ics::Status::Confirmed,
        },
        modified: row.updated_at,
    }
}

/// A member's appointments that ended and wait to be told how they went: `/ball` shows
/// them with their buttons.
pub async fn awaiting_outcome(
    conn: &mut Conn,
    guild: crate::domain::GuildId,
    member: MemberId,
    now: DateTime<Utc>,
) -> sqlx::Result<Vec<AppointmentView>> {
    let waiting = Query {
        owner: Some(member),
        status: Some(AppointmentStatus::Scheduled),
        ended_by: Some(now),
        limit: 10,
        ..Query::default()
    };
    let rows = store::appointments::select(conn, guild, &waiting).await?;
    Ok(rows.iter().map(AppointmentView::of).collect())
}

/// A member's appointments still to come today: `/ball` and the digest show them.
pub async fn rest_of_today(
    conn: &mut Conn,
    guild: crate::domain::GuildId,
    member: MemberId,
    frame: &Frame,
) -> sqlx::Result<Vec<AppointmentView>> {
    let today = frame.now.with_timezone(&frame.zone).date_naive();
    let coming = Query {
        members: Some(vec![member]),
        status: Some(AppointmentStatus::Scheduled),
        from: Some(frame.now),
        until: Some(midnight(today.succ_opt().unwrap_or(today), frame)),
        limit: 10,
        ..Query::default()
    };
    let rows = store::appointments::select(conn, guild, &coming).await?;
    Ok(rows.iter().map(AppointmentView::of).collect())
}

/// The first moment of `day` in the frame's zone.
fn midnight(day: chrono::NaiveDate, frame: &Frame) -> DateTime<Utc> {
    crate::domain::dates::at_local(frame.zone, day, NaiveTime::MIN).unwrap_or(frame.now)
}

/// The appointments of a relation: for its history the newest, coming and past
/// (`coming_from` `None`); for its card those still to come from then, soonest first.
pub async fn for_relation(
    conn: &mut Conn,
    req: &Request,
    relation: crate::domain::RelationId,
    coming_from: Option<DateTime<Utc>>,
    limit: i64,
) -> sqlx::Result<Vec<AppointmentView>> {
    let query = Query {
        relation: Some(relation),
        newest_first: coming_from.is_none(),
        from: coming_from,
        status: coming_from.map(|_| AppointmentStatus::Scheduled),
        limit,
        ..Query::default()
    };
    Ok(store::appointments::select(conn, req.guild, &query)
        .await?
        .iter()
        .map(AppointmentView::of)
        .collect())
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    fn frame() -> Frame {
        Frame {
            lang: Lang::Nl,
            zone: chrono_tz::Europe::Amsterdam,
            // Wednesday 2 December 2026, 10:00 in Amsterdam.
            now: Utc.with_ymd_and_hms(2026, 12, 2, 9, 0, 0).unwrap(),
        }
    }

    fn local(d: u32, h: u32, m: u32) -> DateTime<Utc> {
        chrono_tz::Europe::Amsterdam
            .with_ymd_and_hms(2026, 12, d, h, m, 0)
            .unwrap()
            .with_timezone(&Utc)
    }

    /// The start and end only.
    fn read_when(
        option: &'static str,
        when: &str,
        duration: Option<&str>,
        frame: &Frame,
    ) -> Result<(DateTime<Utc>, DateTime<Utc>), UserError> {
        super::read_when(option, when, duration, frame).map(|(start, end, _)| (start, end))
    }

    #[test]
    fn a_start_needs_a_time_of_day() {
        assert!(matches!(
            read_when("when", "vrijdag", None, &frame()),
            Err(UserError::NeedsTime { .. })
        ));
        assert_eq!(
            read_when("when", "vrijdag 10:00", None, &frame()),
            Ok((local(4, 10, 0), local(4, 11, 0)))
        );
        assert_eq!(
            read_when("when", "vrijdag 10:00", Some("1,5 uur"), &frame()),
            Ok((local(4, 10, 0), local(4, 11, 30)))
        );
    }

    #[test]
    fn ranges_give_the_end_and_an_end_before_the_start_is_refused() {
        assert_eq!(
            read_when("when", "vrijdag 10:00-11:30", None, &frame()),
            Ok((local(4, 10, 0), local(4, 11, 30)))
        );
        assert_eq!(
            read_when("when", "friday 10:00 to 12:00", Some("30m"), &frame()),
            Ok((local(4, 10, 0), local(4, 12, 0)))
        );
        assert!(matches!(
            read_when("when", "vrijdag 11:00-10:00", None, &frame()),
            Err(UserError::EndsBeforeStart { .. })
        ));
    }

    #[test]
    fn the_past_and_absurd_durations_are_refused() {
        assert!(matches!(
            read_when("when", "gisteren 10:00", None, &frame()),
            Err(UserError::StartsInPast { .. })
        ));
        assert!(matches!(
            read_when("when", "vrijdag 10:00", Some("25 uur"), &frame()),
            Err(UserError::DurationTooLong { .. })
        ));
        assert!(matches!(
            read_when("when", "vrijdag 10:00", Some("99999999 dagen"), &frame()),
            Err(UserError::DurationTooLong { .. })
        ));
        assert!(matches!(
            read_when("when", "vrijdag 10:00", Some("even"), &frame()),
            Err(UserError::DurationUnreadable { .. })
        ));
    }

    #[test]
    fn ranges_for_lists() {
        let (from, until) = read_range(Some("vandaag"), &frame()).unwrap();
        assert_eq!((from, until), (local(2, 0, 0), local(3, 0, 0)));
        let (from, until) = read_range(None, &frame()).unwrap();
        assert_eq!(until - from, Duration::days(7));
        let (from, until) = read_range(Some("vrijdag"), &frame()).unwrap();
        assert_eq!((from, until), (local(4, 0, 0), local(5, 0, 0)));
        let (from, _) = read_range(Some("woensdag"), &frame()).unwrap();
        assert_eq!(from, local(2, 0, 0), "today's weekday is today");
        assert!(read_range(Some("blabla"), &frame()).is_err());
    }
}
