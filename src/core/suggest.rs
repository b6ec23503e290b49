//! Autocomplete: suggestions while someone types. These run on every keystroke, so they
//! read only, use one connection, and never fail loudly: no suggestions is a fine answer.

use super::{CommandError, Env, Request};
use crate::domain::relation;
use crate::store;

/// Discord shows at most 25 choices.
pub const MAX_CHOICES: usize = 25;

/// Relation names for a partly typed name: an empty field shows the relations the person
/// logged most recently; typed text matches anywhere in the name, starts first.
#[tracing::instrument(skip_all, fields(guild = %req.guild))]
pub async fn relations(env: &Env, req: &Request, partial: &str) -> Result<Vec<String>, CommandError> {
    let key = relation::search_key(partial);
    let mut conn = env.pool.acquire().await?;
    let limit = MAX_CHOICES as i64;
    let mut names = if key.is_empty() {
        store::relations::recent_for(&mut conn, req.guild, req.actor.id, limit).await?
    } else {
        Vec::new()
    };
    if names.len() < MAX_CHOICES {
        for name in store::relations::search(&mut conn, req.guild, &key, limit).await? {
            if names.len() == MAX_CHOICES {
                break;
            }
            if !names.contains(&name) {
                names.push(name);
            }
        }
    }
    Ok(names)
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

/// How a date phrase is being read, while it is typed: "vrijdag 12:00 → vr 27 nov 2026
/// 12:00 CET". Pure and fast: it runs on every keystroke. An empty field offers examples;
/// an unreadable one says so and keeps what was typed.
pub fn due(frame: &crate::core::Frame, partial: &str) -> Vec<Suggestion> {
    use crate::domain::dates::{self, DateContext, Lean};
    use crate::i18n::{say, Msg};

    let typed = partial.trim();
    let read = |phrase: &str| {
        let cx = DateContext {
            now: frame.now,
            zone: frame.zone,
            lean: Lean::Future,
            default_time: dates::END_OF_DAY,
        };
        dates::parse(phrase, &cx).ok().filter(|at| *at > frame.now)
    };
    let preview = |phrase: &str| {
        read(phrase).map(|at| Suggestion {
            label: crate::domain::text::shorten(
                &format!(
                    "{phrase} → {}",
                    crate::i18n::time::absolute(at, frame.zone, frame.lang)
                ),
                LABEL_MAX,
            ),
            value: phrase.to_string(),
        })
    };
    if typed.is_empty() {
        let examples = match frame.lang {
            crate::domain::Lang::En => [
                "tomorrow 9:00",
                "friday 12:00",
                "in 3 days",
                "end of week",
                "next monday",
            ],
            crate::domain::Lang::Nl => [
                "morgen 9:00",
                "vrijdag 12:00",
                "over 3 dagen",
                "eind van de week",
                "volgende week maandag",
            ],
        };
        return examples.iter().filter_map(|example| preview(example)).collect();
    }
    match preview(typed) {
        Some(suggestion) => vec![suggestion],
        None => {
            let label = say(frame.lang, Msg::DueNotYetReadable, &[("phrase", typed)]);
            vec![Suggestion {
                label: crate::domain::text::shorten(&label, LABEL_MAX),
                value: crate::domain::text::shorten(typed, LABEL_MAX),
            }]
        }
    }
}
