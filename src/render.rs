//! Turns a command's `Reply` (or its failure) into text, the same facts for every surface.
//! A `Surface` says how the adapter shows moments, members and emphasis: Discord uses
//! `<t:…>` timestamps and mentions, the console writes them out.

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use crate::core::contact::{ContactLogged, History};
use crate::core::{Body, CommandError, Frame, Reply, UserError};
use crate::domain::text::{shorten, TextError};
use crate::domain::{Lang, MemberId};
use crate::i18n::{self, choice_label, option_name, say, Msg};

/// History lines show at most this much of each note.
const HISTORY_SUMMARY_MAX: usize = 300;

pub trait Surface {
    /// A moment with how far away it is.
    fn moment(&self, at: DateTime<Utc>, frame: &Frame) -> String;
    /// A moment, briefly.
    fn date(&self, at: DateTime<Utc>, frame: &Frame) -> String;
    fn member(&self, id: MemberId, names: &HashMap<MemberId, String>) -> String;
    fn strong(&self, text: &str) -> String;
    /// Text people typed, made safe to embed in a message.
    fn user_text(&self, text: &str) -> String;
    /// A note people typed, set apart as a quote.
    fn quote(&self, text: &str) -> String;
    /// The longest message this surface can show.
    fn max_len(&self) -> usize;
}

pub fn reply(reply: &Reply, surface: &dyn Surface) -> String {
    let lines = match &reply.body {
        Body::ContactLogged(logged) => contact_logged(logged, reply, surface),
        Body::History(history) => self::history(history, reply, surface),
    };
    // A guard only: every body keeps itself within the limit.
    shorten(lines.join("\n").trim_end(), surface.max_len())
}

fn contact_logged(logged: &ContactLogged, reply: &Reply, surface: &dyn Surface) -> Vec<String> {
    let frame = &reply.frame;
    let lang = frame.lang;
    let relation = surface.strong(&surface.user_text(&logged.relation));
    let mut lines = vec![say(
        lang,
        Msg::ContactLogged,
        &[
            ("relation", &relation),
            ("via", choice_label(logged.via.as_str(), lang)),
            ("when", &surface.moment(logged.occurred_at, frame)),
            ("by", &surface.member(logged.by, &reply.names)),
        ],
    )];
    if let Some(phrase) = &logged.when_phrase {
        lines.push(read_as(phrase, logged.occurred_at, frame, surface));
    }
    if logged.relation_created {
        lines.push(say(lang, Msg::RelationCreated, &[("relation", &relation)]));
    }
    if logged.restricted {
        lines.push(say(lang, Msg::RestrictedLogged, &[]));
    } else {
        lines.push(surface.quote(&logged.summary));
    }
    if let Some(follow_up) = &logged.follow_up {
        lines.push(say(
            lang,
            Msg::FollowUpLogged,
            &[
                ("ref", &follow_up.reference.to_string()),
                ("what", &surface.user_text(&follow_up.what)),
                ("due", &surface.moment(follow_up.due_at, frame)),
                ("owner", &surface.member(follow_up.owner, &reply.names)),
            ],
        ));
        match &follow_up.due_phrase {
            Some(phrase) => lines.push(read_as(phrase, follow_up.due_at, frame, surface)),
            None => lines.push(say(lang, Msg::FollowUpDefaultDue, &[])),
        }
    }
    lines
}

/// "“vrijdag 12:00” read as vr 27 nov 2026 12:00 CET": the guild's own clock, so people
/// can check the phrase was understood.
fn read_as(phrase: &str, at: DateTime<Utc>, frame: &Frame, surface: &dyn Surface) -> String {
    let instant = i18n::time::absolute(at, frame.zone, frame.lang);
    format!(
        "↳ {}",
        say(
            frame.lang,
            Msg::ReadAs,
            &[
                ("phrase", &surface.user_text(phrase.trim())),
                ("instant", &instant)
            ]
        )
    )
}

fn history(history: &History, reply: &Reply, surface: &dyn Surface) -> Vec<String> {
    let frame = &reply.frame;
    let lang = frame.lang;
    let relation = surface.strong(&surface.user_text(&history.relation));
    let mut lines = Vec::new();
    match history.contacts.first() {
        None => lines.push(say(lang, Msg::HistoryEmpty, &[("relation", &relation)])),
        Some(last) => lines.push(say(
            lang,
            Msg::HistoryHead,
            &[
                ("relation", &relation),
                ("ago", &days_ago(last.occurred_at, frame)),
                ("by", &surface.member(last.by, &reply.names)),
            ],
        )),
    }
    let mut tail = vec![String::new()];
    if history.open.is_empty() {
        tail.push(say(lang, Msg::HistoryNothingOpen, &[]));
    } else {
        tail.push(surface.strong(&say(lang, Msg::HistoryOpenHead, &[])));
        for open in &history.open {
            let mut line = format!(
                "• {}",
                say(
                    lang,
                    Msg::HistoryOpenLine,
                    &[
                        ("ref", &open.reference.to_string()),
                        ("what", &surface.user_text(&open.what)),
                        ("owner", &surface.member(open.owner, &reply.names)),
                        ("due", &surface.moment(open.due_at, frame)),
                    ],
                )
            );
            if open.overdue {
                line.push(' ');
                line.push_str(&say(lang, Msg::HistoryOverdue, &[]));
            }
            tail.push(line);
        }
    }

    // Newest contacts first, as many as fit beside the heading and what is open.
    let budget = surface
        .max_len()
        .saturating_sub(length(&lines) + length(&tail) + OLDER_LINE_RESERVE);
    let mut used = 0;
    let mut shown: i64 = 0;
    for contact in &history.contacts {
        let summary = match &contact.summary {
            Some(text) => surface.user_text(&shorten(&text.replace('\n', " "), HISTORY_SUMMARY_MAX)),
            None => say(lang, Msg::HistoryRestricted, &[]),
        };
        let line = format!(
            "• {}",
            say(
                lang,
                Msg::HistoryLine,
                &[
                    ("when", &surface.date(contact.occurred_at, frame)),
                    ("via", choice_label(contact.via.as_str(), lang)),
                    ("by", &surface.member(contact.by, &reply.names)),
                    ("summary", &summary),
                ],
            )
        );
        used += line.chars().count() + 1;
        if used > budget {
            break;
        }
        lines.push(line);
        shown += 1;
    }
    let older = history.total - shown;
    if older > 0 {
        lines.push(say(lang, Msg::HistoryOlder, &[("count", &older.to_string())]));
    }
    lines.extend(tail);
    lines
}

/// Room kept for the "… N older contacts" line.
const OLDER_LINE_RESERVE: usize = 80;

fn length(lines: &[String]) -> usize {
    lines.iter().map(|line| line.chars().count() + 1).sum()
}

fn days_ago(at: DateTime<Utc>, frame: &Frame) -> String {
    match i18n::time::calendar_days_ago(at, frame.now, frame.zone) {
        days if days <= 0 => say(frame.lang, Msg::Today, &[]),
        1 => say(frame.lang, Msg::Yesterday, &[]),
        days => say(frame.lang, Msg::DaysAgo, &[("count", &days.to_string())]),
    }
}

/// The message for a failed command, always shown only to the person who gave it.
pub fn error(err: &CommandError, frame: &Frame, surface: &dyn Surface) -> String {
    let lang = frame.lang;
    match err {
        CommandError::User(user) => user_error(user, frame, surface),
        CommandError::Unavailable => say(lang, Msg::ErrUnavailable, &[]),
        CommandError::Internal { id } => say(lang, Msg::ErrInternal, &[("id", id)]),
    }
}

fn user_error(err: &UserError, frame: &Frame, surface: &dyn Surface) -> String {
    let lang = frame.lang;
    let examples = say(lang, Msg::DateExamples, &[]);
    match err {
        UserError::Text { option, problem } => match problem {
            TextError::Empty => say(lang, Msg::ErrEmpty, &[("option", option_name(option, lang))]),
            TextError::TooLong { max, len } => say(
                lang,
                Msg::ErrTooLong,
                &[
                    ("option", option_name(option, lang)),
                    ("len", &len.to_string()),
                    ("max", &max.to_string()),
                ],
            ),
        },
        UserError::DateUnreadable { option, input } | UserError::NoSuchDate { option, input } => {
            let msg = match err {
                UserError::NoSuchDate { .. } => Msg::ErrNoSuchDate,
                _ => Msg::ErrDateUnreadable,
            };
            say(
                lang,
                msg,
                &[
                    ("option", option_name(option, lang)),
                    ("input", &surface.user_text(input)),
                    ("examples", &examples),
                ],
            )
        }
        UserError::DueInPast { option, input, at } | UserError::WhenInFuture { option, input, at } => {
            let msg = match err {
                UserError::DueInPast { .. } => Msg::ErrDueInPast,
                _ => Msg::ErrWhenInFuture,
            };
            say(
                lang,
                msg,
                &[
                    ("option", option_name(option, lang)),
                    ("input", &surface.user_text(input)),
                    ("at", &i18n::time::absolute(*at, frame.zone, lang)),
                    ("examples", &examples),
                ],
            )
        }
        UserError::NeedsFollowUp { option } => say(
            lang,
            Msg::ErrNeedsFollowUp,
            &[
                ("option", option_name(option, lang)),
                ("follow_up", option_name("follow_up", lang)),
            ],
        ),
        UserError::UnknownRelation { name, suggestions } if suggestions.is_empty() => say(
            lang,
            Msg::ErrUnknownRelation,
            &[("name", &surface.user_text(name))],
        ),
        UserError::UnknownRelation { name, suggestions } => {
            let quoted: Vec<String> = suggestions
                .iter()
                .map(|s| format!("“{}”", surface.user_text(s)))
                .collect();
            say(
                lang,
                Msg::ErrUnknownRelationSuggest,
                &[
                    ("name", &surface.user_text(name)),
                    ("suggestions", &join_or(&quoted, lang)),
                ],
            )
        }
        UserError::OutOfRange {
            option,
            min,
            max,
            input,
        } => say(
            lang,
            Msg::ErrOutOfRange,
            &[
                ("option", option_name(option, lang)),
                ("min", &min.to_string()),
                ("max", &max.to_string()),
                ("input", &surface.user_text(input)),
            ],
        ),
    }
}

/// "a, b or c" / "a, b of c".
pub fn join_or(items: &[String], lang: Lang) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} {} {last}", rest.join(", "), say(lang, Msg::Or, &[])),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn join_or_reads_naturally() {
        let items: Vec<String> = ["a", "b", "c"].iter().map(|s| s.to_string()).collect();
        assert_eq!(join_or(&items, Lang::En), "a, b or c");
        assert_eq!(join_or(&items[..1], Lang::Nl), "a");
        assert_eq!(join_or(&items[..2], Lang::Nl), "a of b");
    }
}
