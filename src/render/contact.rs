//! Replies to `/contact log` and `/contact history`.

use chrono::{DateTime, Utc};

use super::{read_as, Surface};
use crate::core::contact::{ContactLogged, History};
use crate::core::{Frame, Reply};
use crate::domain::text::shorten;
use crate::i18n::{self, choice_label, say, Msg};

/// History lines show at most this much of each note.
const HISTORY_SUMMARY_MAX: usize = 300;

pub(super) fn contact_logged(logged: &ContactLogged, reply: &Reply, surface: &dyn Surface) -> Vec<String> {
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

pub(super) fn history(history: &History, reply: &Reply, surface: &dyn Surface) -> Vec<String> {
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
