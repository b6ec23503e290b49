//! Replies to `/contact log` and `/contact history`.

use chrono::{DateTime, Utc};

use super::{read_as, Surface};
use crate::core::contact::{Change, ContactLogged, History, HistoryChange, HistoryContact, HistoryOpen};
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
    if let Some((at, by)) = history.erased {
        lines.push(say(
            lang,
            Msg::HistoryErased,
            &[
                ("when", &surface.date(at, frame)),
                ("by", &surface.member(by, &reply.names)),
            ],
        ));
    }
    let mut tail = vec![String::new()];
    if history.open.is_empty() {
        tail.push(say(lang, Msg::HistoryNothingOpen, &[]));
    } else {
        tail.push(surface.strong(&say(lang, Msg::HistoryOpenHead, &[])));
        for open in &history.open {
            tail.push(open_line(open, reply, surface));
        }
    }

    if !history.appointments.is_empty() {
        tail.push(String::new());
        tail.push(surface.strong(&say(lang, Msg::HistoryAppointmentsHead, &[])));
        for a in &history.appointments {
            tail.push(format!(
                "• {}",
                super::appointment::history_line(a, frame, surface)
            ));
        }
    }

    if !history.merged.is_empty() {
        let names: Vec<String> = history.merged.iter().map(|n| surface.user_text(n)).collect();
        tail.push(String::new());
        tail.push(say(lang, Msg::CardMerged, &[("names", &names.join(", "))]));
    }

    // Newest first, contacts and changes to promises together, as many as fit beside the
    // heading and what is open.
    let mut entries: Vec<(DateTime<Utc>, Option<&HistoryContact>, Option<&HistoryChange>)> = history
        .contacts
        .iter()
        .map(|c| (c.occurred_at, Some(c), None))
        .chain(history.changes.iter().map(|c| (c.at, None, Some(c))))
        .collect();
    entries.sort_by_key(|entry| std::cmp::Reverse(entry.0));
    let budget = surface
        .max_len()
        .saturating_sub(length(&lines) + length(&tail) + OLDER_LINE_RESERVE);
    let mut used = 0;
    let mut shown: i64 = 0;
    for entry in entries {
        let line = match entry {
            (_, Some(contact), _) => contact_line(contact, reply, surface),
            (_, _, Some(change)) => change_line(change, reply, surface),
            _ => continue,
        };
        used += line.chars().count() + 1;
        if used > budget {
            break;
        }
        lines.push(line);
        shown += i64::from(entry.1.is_some());
    }
    let older = history.total - shown;
    if older > 0 {
        lines.push(say(lang, Msg::HistoryOlder, &[("count", &older.to_string())]));
    }
    lines.extend(tail);
    lines
}

/// "• P-3 Offerte sturen · bob · due fri 12:00 (overdue)".
pub(super) fn open_line(open: &HistoryOpen, reply: &Reply, surface: &dyn Surface) -> String {
    let frame = &reply.frame;
    let mut line = format!(
        "• {}",
        say(
            frame.lang,
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
        line.push_str(&say(frame.lang, Msg::HistoryOverdue, &[]));
    }
    line
}

pub(super) fn contact_line(contact: &HistoryContact, reply: &Reply, surface: &dyn Surface) -> String {
    let lang = reply.frame.lang;
    let summary = match &contact.summary {
        Some(text) => surface.user_text(&shorten(&text.replace('\n', " "), HISTORY_SUMMARY_MAX)),
        None => say(lang, Msg::HistoryRestricted, &[]),
    };
    format!(
        "• {}",
        say(
            lang,
            Msg::HistoryLine,
            &[
                ("when", &surface.date(contact.occurred_at, &reply.frame)),
                ("via", choice_label(contact.via.as_str(), lang)),
                ("by", &surface.member(contact.by, &reply.names)),
                ("summary", &summary),
            ],
        )
    )
}

fn change_line(change: &HistoryChange, reply: &Reply, surface: &dyn Surface) -> String {
    change_text(change, &reply.frame, &reply.names, surface)
}

/// One change to a promise or handover, with when and by whom.
pub(crate) fn change_text(
    change: &HistoryChange,
    frame: &crate::core::Frame,
    names: &std::collections::HashMap<crate::domain::MemberId, String>,
    surface: &dyn Surface,
) -> String {
    let lang = frame.lang;
    let reference = change.reference.to_string();
    let what = surface.user_text(&change.what);
    let text = match &change.change {
        Change::Promised { due_at } => say(
            lang,
            Msg::HistoryPromised,
            &[
                ("ref", &reference),
                ("what", &what),
                ("due", &surface.date(*due_at, frame)),
            ],
        ),
        Change::Moved { to, reason } => say(
            lang,
            Msg::HistoryMoved,
            &[
                ("ref", &reference),
                ("what", &what),
                ("to", &surface.date(*to, frame)),
                ("reason", &surface.user_text(reason)),
            ],
        ),
        Change::Done => say(lang, Msg::HistoryDone, &[("ref", &reference), ("what", &what)]),
        Change::Cancelled { reason } => say(
            lang,
            Msg::HistoryCancelled,
            &[
                ("ref", &reference),
                ("what", &what),
                ("reason", &surface.user_text(reason)),
            ],
        ),
        Change::HandedOver { from, to, handover } => say(
            lang,
            Msg::HistoryHandedOver,
            &[
                ("ref", &reference),
                ("what", &what),
                ("from", &surface.member(*from, names)),
                ("to", &surface.member(*to, names)),
                ("handover", &handover.to_string()),
            ],
        ),
        Change::HandoverGiven { from, to } => say(
            lang,
            Msg::HistoryHandoverGiven,
            &[
                ("ref", &reference),
                ("from", &surface.member(*from, names)),
                ("to", &surface.member(*to, names)),
            ],
        ),
        Change::HandoverAccepted => say(lang, Msg::HistoryHandoverAccepted, &[("ref", &reference)]),
        Change::HandoverDeclined { reason } => say(
            lang,
            Msg::HistoryHandoverDeclined,
            &[("ref", &reference), ("reason", &surface.user_text(reason))],
        ),
        Change::HandoverCancelled => say(lang, Msg::HistoryHandoverCancelled, &[("ref", &reference)]),
    };
    format!(
        "• {} · {}: {text}",
        surface.date(change.at, frame),
        surface.member(change.by, names)
    )
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
