//! Autocomplete: suggestions while someone types. These run on every keystroke, so they
//! read only, use one connection, and never fail loudly: no suggestions is a fine answer.

use super::{CommandError, Env, Request};
use crate::domain::relation;
use crate::store;

/// Discord shows at most 25 choices.
pub const MAX_CHOICES: usize = 25;

/// Relations for a partly typed name: an empty field shows the relations the person
/// logged most recently; typed text matches the start of the name first, then anywhere in
/// it, then names that look like it (a typo). Accents and case do not matter. A person
/// shows where they work now: "Jan de Vries · GGD Utrecht".
#[tracing::instrument(skip_all, fields(guild = %req.guild))]
pub async fn relations(env: &Env, req: &Request, partial: &str) -> Result<Vec<Suggestion>, CommandError> {
    let key = relation::search_key(partial);
    let mut conn = env.pool.acquire().await?;
    let limit = MAX_CHOICES as i64;
    let mut found = if key.is_empty() {
        store::relations::recent_for(&mut conn, req.guild, req.actor.id, limit).await?
    } else {
        Vec::new()
    };
    if found.len() < MAX_CHOICES {
        for choice in store::relations::suggest(&mut conn, req.guild, &key, limit).await? {
            if found.len() == MAX_CHOICES {
                break;
            }
            if !found.iter().any(|f| f.name == choice.name) {
                found.push(choice);
            }
        }
    }
    Ok(found
        .into_iter()
        .map(|choice| {
            let label = match &choice.organisation {
                Some(org) => format!("{} · {org}", choice.name),
                None => choice.name.clone(),
            };
            Suggestion {
                label: crate::domain::text::shorten(&label, LABEL_MAX),
                value: choice.name,
            }
        })
        .collect())
}

/// A choice: what the person sees, and what is filled in when they pick it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suggestion {
    pub label: String,
    pub value: String,
}

/// Discord shows at most 100 characters of a choice.
const LABEL_MAX: usize = 100;

/// Open promises matching what is typed (a number or words), soonest due first:
/// "P-12 · Offerte sturen · Gemeente Utrecht · vr 27 nov".
#[tracing::instrument(skip_all, fields(guild = %req.guild))]
pub async fn promises(env: &Env, req: &Request, partial: &str) -> Result<Vec<Suggestion>, CommandError> {
    let frame = env.cached_frame(req);
    let mut conn = env.pool.acquire().await?;
    let rows = store::commitments::search_open(&mut conn, req.guild, partial, MAX_CHOICES as i64).await?;
    Ok(rows
        .into_iter()
        .map(|row| {
            let due = crate::i18n::time::absolute(row.due_at, frame.zone, frame.lang);
            let label = format!("{} · {} · {} · {due}", row.reference, row.what, row.relation_name);
            Suggestion {
                label: crate::domain::text::shorten(&label, LABEL_MAX),
                value: row.reference.to_string(),
            }
        })
        .collect())
}

/// Pending handovers the person may answer or withdraw (to or from them, or of someone
/// they back up), matching what is typed: "H-3 · GGD · alice → bob".
#[tracing::instrument(skip_all, fields(guild = %req.guild))]
pub async fn handovers(env: &Env, req: &Request, partial: &str) -> Result<Vec<Suggestion>, CommandError> {
    let frame = env.cached_frame(req);
    let mut conn = env.pool.acquire().await?;
    let absences = store::away::at(&mut conn, req.guild, frame.now).await?;
    let mut members = vec![req.actor.id];
    members.extend(crate::domain::away::backed_by(req.actor.id, &absences, frame.now));
    let rows = store::handovers::pending_for(&mut conn, req.guild, &members).await?;
    let people: Vec<_> = rows.iter().flat_map(|h| [h.from, h.to]).collect();
    let names: std::collections::HashMap<_, _> = store::members::names(&mut conn, req.guild, &people)
        .await?
        .into_iter()
        .collect();
    let key = relation::search_key(partial);
    let name = |id| names.get(&id).cloned().unwrap_or_else(|| id.to_string());
    Ok(rows
        .into_iter()
        .filter(|h| {
            key.is_empty()
                || h.reference.to_string().to_lowercase().contains(&key)
                || relation::search_key(&h.relation_name).contains(&key)
        })
        .take(MAX_CHOICES)
        .map(|h| Suggestion {
            label: crate::domain::text::shorten(
                &format!(
                    "{} · {} · {} → {}",
                    h.reference,
                    h.relation_name,
                    name(h.from),
                    name(h.to)
                ),
                LABEL_MAX,
            ),
            value: h.reference.to_string(),
        })
        .collect())
}

/// The person's open promises for `/handover give promises:`, a comma-separated list: what
/// is typed after the last comma is completed, the ones before it are kept.
#[tracing::instrument(skip_all, fields(guild = %req.guild))]
pub async fn own_promises(env: &Env, req: &Request, partial: &str) -> Result<Vec<Suggestion>, CommandError> {
    let frame = env.cached_frame(req);
    let (before, last) = match partial.rfind(',') {
        Some(at) => (partial[..at].trim(), partial[at + 1..].trim()),
        None => ("", partial.trim()),
    };
    let chosen: Vec<&str> = before
        .split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let mut conn = env.pool.acquire().await?;
    let (rows, _) = store::commitments::list(
        &mut conn,
        req.guild,
        store::commitments::Filter::Open,
        Some(req.actor.id),
        None,
        frame.now,
        100,
        0,
    )
    .await?;
    let key = relation::search_key(last);
    let prefix = if chosen.is_empty() {
        String::new()
    } else {
        format!("{}, ", chosen.join(", "))
    };
    Ok(rows
        .into_iter()
        .filter(|c| {
            !chosen
                .iter()
                .any(|p| p.eq_ignore_ascii_case(&c.reference.to_string()))
        })
        .filter(|c| {
            key.is_empty()
                || c.reference.to_string().to_lowercase().contains(&key)
                || relation::search_key(&c.what).contains(&key)
                || relation::search_key(&c.relation_name).contains(&key)
        })
        .take(MAX_CHOICES)
        .map(|c| {
            let value = format!("{prefix}{}", c.reference);
            Suggestion {
                label: crate::domain::text::shorten(
                    &format!("{value} · {} · {}", c.what, c.relation_name),
                    LABEL_MAX,
                ),
                value: crate::domain::text::shorten(&value, LABEL_MAX),
            }
        })
        .collect())
}

/// How a date phrase is being read, while it is typed: "vrijdag 12:00 → vr 27 nov 2026
/// 12:00 CET". Pure and fast: it runs on every keystroke. An empty field offers examples;
/// an unreadable one says so and keeps what was typed.
pub fn due(frame: &crate::core::Frame, partial: &str) -> Vec<Suggestion> {
    use crate::domain::dates::{self, Lean};

    let read = |phrase: &str| {
        reading(frame, phrase, Lean::Future, dates::END_OF_DAY).filter(|(at, _)| *at > frame.now)
    };
    let examples = match frame.lang {
        crate::domain::Lang::En => &[
            "tomorrow 9:00",
            "friday 12:00",
            "in 3 days",
            "end of week",
            "next monday",
        ][..],
        crate::domain::Lang::Nl => &[
            "morgen 9:00",
            "vrijdag 12:00",
            "over 3 dagen",
            "eind van de week",
            "volgende week maandag",
        ][..],
    };
    preview(
        frame,
        partial,
        read,
        examples,
        crate::i18n::Msg::DueNotYetReadable,
    )
}

/// How a moment in the past is being read while it is typed (`/contact log when`):
/// "gisteravond → di 1 dec 2026 19:00 CET".
pub fn past(frame: &crate::core::Frame, partial: &str) -> Vec<Suggestion> {
    use crate::domain::dates::Lean;

    let read = |phrase: &str| {
        reading(frame, phrase, Lean::Past, super::contact::CONTACT_DEFAULT_TIME)
            .filter(|(at, _)| !crate::domain::contact::occurred_in_future(*at, frame.now))
    };
    let examples = match frame.lang {
        crate::domain::Lang::En => &["yesterday 14:00", "last night", "2 hours ago", "monday"][..],
        crate::domain::Lang::Nl => &["gisteren 14:00", "gisteravond", "2 uur geleden", "maandag"][..],
    };
    preview(
        frame,
        partial,
        read,
        examples,
        crate::i18n::Msg::PastNotYetReadable,
    )
}

/// How an appointment's start is being read while it is typed: "vrijdag 10:00 → vr 4 dec
/// 2026 10:00 CET"; a day without a time asks for one.
pub fn appointment_start(frame: &crate::core::Frame, partial: &str) -> Vec<Suggestion> {
    let read = |phrase: &str| {
        super::appointment::preview_start(phrase, frame)
            .ok()
            .map(|start| (start.at, start.typed.notes))
    };
    let examples = match frame.lang {
        crate::domain::Lang::En => &["tomorrow 10:00", "friday 14:00-15:30", "next monday 9:30"][..],
        crate::domain::Lang::Nl => &[
            "morgen 10:00",
            "vrijdag 14:00-15:30",
            "volgende week maandag 9:30",
        ][..],
    };
    preview(
        frame,
        partial,
        read,
        examples,
        crate::i18n::Msg::WhenNotYetReadable,
    )
}

/// How `phrase` reads in the frame, leaning `lean`, with what the reading assumed.
fn reading(
    frame: &crate::core::Frame,
    phrase: &str,
    lean: crate::domain::dates::Lean,
    default_time: chrono::NaiveTime,
) -> Option<(chrono::DateTime<chrono::Utc>, Vec<crate::domain::dates::Note>)> {
    let cx = crate::domain::dates::DateContext {
        now: frame.now,
        zone: frame.zone,
        lean,
        default_time,
    };
    crate::domain::dates::read_phrase(phrase, &cx)
        .ok()
        .map(|reading| (reading.at, reading.notes))
}

/// A date option's suggestions: the examples that read, for an empty field; else how the
/// phrase reads, with what the reading assumed, or `unreadable` with what was typed kept.
fn preview(
    frame: &crate::core::Frame,
    partial: &str,
    read: impl Fn(&str) -> Option<(chrono::DateTime<chrono::Utc>, Vec<crate::domain::dates::Note>)>,
    examples: &[&str],
    unreadable: crate::i18n::Msg,
) -> Vec<Suggestion> {
    let shown = |phrase: &str| {
        read(phrase).map(|(at, notes)| Suggestion {
            label: crate::domain::text::shorten(
                &format!(
                    "{phrase} → {}{}",
                    crate::i18n::time::absolute(at, frame.zone, frame.lang),
                    crate::i18n::time::notes(&notes, frame.lang)
                ),
                LABEL_MAX,
            ),
            value: phrase.to_string(),
        })
    };
    let typed = partial.trim();
    if typed.is_empty() {
        return examples.iter().filter_map(|example| shown(example)).collect();
    }
    match shown(typed) {
        Some(suggestion) => vec![suggestion],
        None => {
            let label = crate::i18n::say(frame.lang, unreadable, &[("phrase", typed)]);
            vec![Suggestion {
                label: crate::domain::text::shorten(&label, LABEL_MAX),
                value: crate::domain::text::shorten(typed, LABEL_MAX),
            }]
        }
    }
}

/// Scheduled appointments the person may act on (theirs, made by them, or of someone they
/// back up; an admin's: all), matching what is typed: "A-3 · GGD · vr 4 dec 10:00".
#[tracing::instrument(skip_all, fields(guild = %req.guild))]
pub async fn appointments(env: &Env, req: &Request, partial: &str) -> Result<Vec<Suggestion>, CommandError> {
    let frame = env.cached_frame(req);
    let mut conn = env.pool.acquire().await?;
    let absences = store::away::at(&mut conn, req.guild, frame.now).await?;
    let mut members = vec![req.actor.id];
    members.extend(crate::domain::away::backed_by(req.actor.id, &absences, frame.now));
    let query = store::appointments::Query {
        members: (!req.actor.admin).then(|| members.clone()),
        status: Some(crate::domain::appointment::AppointmentStatus::Scheduled),
        limit: 200,
        ..Default::default()
    };
    let rows = store::appointments::select(&mut conn, req.guild, &query).await?;
    let key = relation::search_key(partial);
    Ok(rows
        .into_iter()
        // Who attends may see it, but only who holds it may act on it.
        .filter(|a| req.actor.admin || members.contains(&a.owner) || a.created_by == req.actor.id)
        .filter(|a| {
            key.is_empty()
                || a.reference.to_string().to_lowercase().contains(&key)
                || relation::search_key(&a.relation_name).contains(&key)
        })
        .take(MAX_CHOICES)
        .map(|a| Suggestion {
            label: crate::domain::text::shorten(
                &format!(
                    "{} · {} · {}",
                    a.reference,
                    a.relation_name,
                    crate::i18n::time::absolute(a.starts_at, frame.zone, frame.lang)
                ),
                LABEL_MAX,
            ),
            value: a.reference.to_string(),
        })
        .collect())
}
