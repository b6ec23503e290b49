//! Replies about appointments: the confirmation card with the text for the relation, the
//! list, and what became of one.

use super::Surface;
use crate::core::appointment::{AppointmentAdded, AppointmentList, AppointmentSettled, AppointmentView};
use crate::core::{Frame, Reply};
use crate::domain::appointment::{span_text, AppointmentStatus, Outcome};
use crate::domain::Lang;
use crate::i18n::{self, choice_label, say, Msg};

pub(super) fn status_word(status: AppointmentStatus, lang: Lang) -> &'static str {
    match status {
        AppointmentStatus::Scheduled => Msg::AppointmentStatusScheduled,
        AppointmentStatus::Kept => Msg::AppointmentStatusKept,
        AppointmentStatus::Missed => Msg::AppointmentStatusMissed,
        AppointmentStatus::Moved => Msg::AppointmentStatusMoved,
        AppointmentStatus::Cancelled => Msg::AppointmentStatusCancelled,
    }
    .text(lang)
}

pub(super) fn outcome_word(outcome: Outcome, lang: Lang) -> &'static str {
    status_word(outcome.status(), lang)
}

/// "alice, bob": everyone who attends.
fn people(a: &AppointmentView, reply: &Reply, surface: &dyn Surface) -> String {
    a.participants
        .iter()
        .map(|m| surface.member(*m, &reply.names))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The card's lines about one appointment: when, where, what about, who.
fn card_lines(a: &AppointmentView, reply: &Reply, surface: &dyn Surface) -> Vec<String> {
    let frame = &reply.frame;
    let lang = frame.lang;
    let mut lines = vec![say(
        lang,
        Msg::AppointmentAdded,
        &[
            ("ref", &a.reference.to_string()),
            ("relation", &surface.strong(&surface.user_text(&a.relation))),
            ("start", &surface.moment(a.starts_at, frame)),
            ("end", &surface.date(a.ends_at, frame)),
        ],
    )];
    if let Some(place) = &a.place {
        lines.push(say(
            lang,
            Msg::AppointmentPlace,
            &[("place", &surface.user_text(place))],
        ));
    }
    if let Some(about) = &a.about {
        lines.push(say(
            lang,
            Msg::AppointmentAbout,
            &[("about", &surface.user_text(about))],
        ));
    }
    lines.push(say(
        lang,
        Msg::AppointmentPeople,
        &[
            ("people", &people(a, reply, surface)),
            ("owner", &surface.member(a.owner, &reply.names)),
        ],
    ));
    lines
}

fn overlap_lines(
    overlaps: &[crate::core::appointment::Overlap],
    reply: &Reply,
    surface: &dyn Surface,
) -> Vec<String> {
    let frame = &reply.frame;
    overlaps
        .iter()
        .map(|o| {
            say(
                frame.lang,
                Msg::AppointmentOverlap,
                &[
                    ("member", &surface.member(o.member, &reply.names)),
                    ("ref", &o.reference.to_string()),
                    ("relation", &surface.user_text(&o.relation)),
                    ("start", &surface.date(o.starts_at, frame)),
                    ("end", &i18n::time::clock_time(o.ends_at, frame.zone)),
                ],
            )
        })
        .collect()
}

pub(super) fn added(added: &AppointmentAdded, reply: &Reply, surface: &dyn Surface) -> Vec<String> {
    let frame = &reply.frame;
    let lang = frame.lang;
    let a = &added.appointment;
    let mut lines = Vec::new();
    if added.relation_created {
        lines.push(say(
            lang,
            Msg::RelationCreated,
            &[("relation", &surface.strong(&surface.user_text(&a.relation)))],
        ));
    }
    lines.extend(card_lines(a, reply, surface));
    lines.push(super::read_as(&added.when_phrase, a.starts_at, frame, surface));
    lines.extend(overlap_lines(&added.overlaps, reply, surface));
    let owner = surface.member(a.owner, &reply.names);
    lines.push(match added.first_reminder {
        Some(first) => say(
            lang,
            Msg::AppointmentReminders,
            &[
                ("spans", &reminder_spans(&added.reminder_spans, lang)),
                ("first", &surface.moment(first, frame)),
                ("owner", &owner),
            ],
        ),
        None => say(lang, Msg::AppointmentNoReminders, &[("owner", &owner)]),
    });
    lines.push(String::new());
    lines.push(say(
        lang,
        Msg::ConfirmationHead,
        &[("relation", &surface.user_text(&a.relation))],
    ));
    lines.push(surface.quote(&confirmation(a, frame, added.confirmation_lang)));
    for file in &reply.attachments {
        lines.push(say(lang, Msg::CalendarAttached, &[("name", &file.name)]));
    }
    lines
}

/// The spans of the reminders: "1 day, 1 hour".
fn reminder_spans(spans: &[chrono::Duration], lang: Lang) -> String {
    spans
        .iter()
        .map(|span| span_text(*span, lang))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The text for the relation, ready to copy: written out, in the guild's language and
/// zone, without anything only baton's users can read.
pub fn confirmation(a: &AppointmentView, frame: &Frame, lang: Lang) -> String {
    let place = a
        .place
        .as_ref()
        .map(|place| say(lang, Msg::ConfirmationPlace, &[("place", place)]))
        .unwrap_or_default();
    let about = a
        .about
        .as_ref()
        .map(|about| say(lang, Msg::ConfirmationAbout, &[("about", about)]))
        .unwrap_or_default();
    say(
        lang,
        Msg::ConfirmationText,
        &[
            ("day", &i18n::time::long_day(a.starts_at, frame.zone, lang)),
            ("start", &i18n::time::clock_time(a.starts_at, frame.zone)),
            ("end", &i18n::time::clock_time(a.ends_at, frame.zone)),
            ("place", &place),
            ("about", &about),
        ],
    )
}

pub(super) fn list(list: &AppointmentList, reply: &Reply, surface: &dyn Surface) -> Vec<String> {
    let frame = &reply.frame;
    let lang = frame.lang;
    let whose = match (&list.member, &list.relation) {
        (Some(member), _) => say(
            lang,
            Msg::AppointmentListWhose,
            &[("who", &surface.member(*member, &reply.names))],
        ),
        (None, Some(relation)) => say(
            lang,
            Msg::AppointmentListWhose,
            &[("who", &surface.user_text(relation))],
        ),
        (None, None) => String::new(),
    };
    let from = surface.date(list.from, frame);
    let until = surface.date(list.until, frame);
    if list.appointments.is_empty() {
        return vec![say(
            lang,
            Msg::AppointmentListEmpty,
            &[("from", &from), ("until", &until), ("whose", &whose)],
        )];
    }
    let mut lines = vec![say(
        lang,
        Msg::AppointmentListHead,
        &[
            ("count", &list.appointments.len().to_string()),
            ("from", &from),
            ("until", &until),
            ("whose", &whose),
        ],
    )];
    for a in &list.appointments {
        let status = match a.status {
            AppointmentStatus::Scheduled => String::new(),
            other => format!(" · {}", status_word(other, lang)),
        };
        let place = a
            .place
            .as_ref()
            .map(|p| format!(" · {}", surface.user_text(p)))
            .unwrap_or_default();
        lines.push(format!(
            "• {}",
            say(
                lang,
                Msg::AppointmentListLine,
                &[
                    ("ref", &a.reference.to_string()),
                    ("start", &surface.date(a.starts_at, frame)),
                    ("minutes", &(a.ends_at - a.starts_at).num_minutes().to_string()),
                    ("relation", &surface.user_text(&a.relation)),
                    ("place", &place),
                    ("people", &people(a, reply, surface)),
                    ("status", &status),
                ],
            )
        ));
    }
    if list.more {
        lines.push(say(lang, Msg::AppointmentListMore, &[]));
    }
    for file in &reply.attachments {
        lines.push(say(lang, Msg::CalendarAttached, &[("name", &file.name)]));
    }
    lines
}

pub(super) fn settled(settled: &AppointmentSettled, reply: &Reply, surface: &dyn Surface) -> Vec<String> {
    let frame = &reply.frame;
    let lang = frame.lang;
    let a = &settled.appointment;
    let relation = surface.strong(&surface.user_text(&a.relation));
    let reason = a
        .answer_note
        .as_deref()
        .map(|r| surface.user_text(r))
        .unwrap_or_default();
    let mut lines = Vec::new();
    match (&settled.status, &settled.new) {
        (AppointmentStatus::Kept, _) => {
            let via = settled.contact_via.map_or("meeting", |via| via.as_str());
            lines.push(say(
                lang,
                Msg::AppointmentKeptLogged,
                &[
                    ("ref", &a.reference.to_string()),
                    ("relation", &relation),
                    ("via", choice_label(via, lang)),
                ],
            ));
            match &settled.follow_up {
                Some(f) => lines.push(say(
                    lang,
                    Msg::FollowUpLogged,
                    &[
                        ("ref", &f.reference.to_string()),
                        ("what", &surface.user_text(&f.what)),
                        ("due", &surface.moment(f.due_at, frame)),
                        ("owner", &surface.member(f.owner, &reply.names)),
                    ],
                )),
                None => lines.push(say(lang, Msg::AppointmentKeptAddSummary, &[])),
            }
        }
        (status, Some(new)) => {
            lines.push(say(
                lang,
                Msg::AppointmentReplaced,
                &[
                    ("ref", &a.reference.to_string()),
                    ("relation", &relation),
                    ("status", status_word(*status, lang)),
                    ("reason", &reason),
                    ("new", &new.reference.to_string()),
                    ("start", &surface.moment(new.starts_at, frame)),
                ],
            ));
            lines.extend(card_lines(new, reply, surface).into_iter().skip(1));
            lines.extend(overlap_lines(&settled.overlaps, reply, surface));
        }
        (_, None) => lines.push(say(
            lang,
            Msg::AppointmentCancelled,
            &[
                ("ref", &a.reference.to_string()),
                ("relation", &relation),
                ("start", &surface.date(a.starts_at, frame)),
                ("reason", &reason),
            ],
        )),
    }
    if let Some(p) = &settled.inform {
        lines.push(say(
            lang,
            Msg::InformPromise,
            &[
                ("ref", &p.reference.to_string()),
                ("what", &surface.user_text(&p.what)),
                ("due", &surface.moment(p.due_at, frame)),
                ("owner", &surface.member(p.owner, &reply.names)),
            ],
        ));
    }
    if let Some(new) = &settled.new {
        lines.push(String::new());
        lines.push(say(
            lang,
            Msg::ConfirmationHead,
            &[("relation", &surface.user_text(&new.relation))],
        ));
        lines.push(surface.quote(&confirmation(new, frame, settled.confirmation_lang)));
    }
    for file in &reply.attachments {
        lines.push(say(lang, Msg::CalendarAttached, &[("name", &file.name)]));
    }
    lines
}

/// One appointment in a relation's history: when, how it went, and the chain it is in.
pub(super) fn history_line(a: &AppointmentView, frame: &Frame, surface: &dyn Surface) -> String {
    let lang = frame.lang;
    let mut chain = String::new();
    if let Some(previous) = a.previous {
        chain.push_str(&say(
            lang,
            Msg::HistoryReplaces,
            &[("ref", &previous.to_string())],
        ));
    }
    if let Some(next) = a.next {
        chain.push_str(&say(lang, Msg::HistoryReplacedBy, &[("ref", &next.to_string())]));
    }
    if let Some(note) = &a.answer_note {
        chain.push_str(&format!(" · {}", surface.user_text(note)));
    }
    say(
        lang,
        Msg::HistoryAppointment,
        &[
            ("ref", &a.reference.to_string()),
            ("start", &surface.date(a.starts_at, frame)),
            ("status", status_word(a.status, lang)),
            ("chain", &chain),
        ],
    )
}

/// "A-3 GGD · do 10 dec 2026 10:00 CET · Stationsplein 1": one appointment in a list of
/// someone's things.
pub fn short_line(a: &AppointmentView, frame: &Frame, surface: &dyn Surface) -> String {
    let mut line = format!(
        "{} {} · {}",
        a.reference,
        surface.user_text(&a.relation),
        surface.date(a.starts_at, frame)
    );
    if let Some(place) = &a.place {
        line.push_str(&format!(" · {}", surface.user_text(place)));
    }
    line
}
