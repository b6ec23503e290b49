//! Replies about handovers: the card the colleague gets, an answer, the list.

use super::contact::contact_line;
use super::promise::certainty;
use super::Surface;
use crate::core::handover::{
    HandedOverAll, HandoverAnswered, HandoverCard, HandoverList, HandoverView, MemberLeft,
};
use crate::core::Reply;
use crate::domain::commitment::Direction;
use crate::domain::handover::HandoverStatus;
use crate::domain::Lang;
use crate::i18n::{say, Msg};

pub(super) fn status_word(status: HandoverStatus, lang: Lang) -> &'static str {
    match status {
        HandoverStatus::Pending => Msg::HandoverStatusPending,
        HandoverStatus::Accepted => Msg::HandoverStatusAccepted,
        HandoverStatus::Declined => Msg::HandoverStatusDeclined,
        HandoverStatus::Cancelled => Msg::HandoverStatusCancelled,
    }
    .text(lang)
}

pub(super) fn card(card: &HandoverCard, reply: &Reply, surface: &dyn Surface) -> Vec<String> {
    let frame = &reply.frame;
    let lang = frame.lang;
    let h = &card.handover;
    let member = |id| surface.member(id, &reply.names);
    let relation = surface.strong(&surface.user_text(&h.relation));
    let mut lines = vec![say(
        lang,
        Msg::HandoverGiven,
        &[
            ("from", &member(h.from)),
            ("to", &member(h.to)),
            ("relation", &relation),
            ("ref", &h.reference.to_string()),
        ],
    )];
    if card.minimal {
        return minimal_card(card, reply, surface, lines);
    }
    lines.push(say(lang, Msg::HandoverNotes, &[("to", &member(h.to))]));
    lines.push(surface.quote(&h.notes));
    if card.nothing_open {
        lines.push(say(lang, Msg::HandoverNothingOpen, &[("relation", &relation)]));
    } else {
        lines.push(say(lang, Msg::HandoverPromisesHead, &[]));
        for p in &card.promises {
            let direction = match p.direction {
                Direction::WeOwe => Msg::WeOwe,
                Direction::TheyOwe => Msg::TheyOwe,
            };
            lines.push(format!(
                "• {}",
                say(
                    lang,
                    Msg::HandoverPromiseLine,
                    &[
                        ("ref", &p.reference.to_string()),
                        ("what", &surface.user_text(&p.what)),
                        ("due", &surface.moment(p.due_at, frame)),
                        ("direction", direction.text(lang)),
                        ("certainty", certainty(p.certainty, lang)),
                    ],
                )
            ));
        }
    }
    if !card.others_open.is_empty() {
        lines.push(say(lang, Msg::HandoverOthersOpen, &[("relation", &relation)]));
        for p in &card.others_open {
            lines.push(format!(
                "• {} {} · {} · {}",
                p.reference,
                surface.user_text(&p.what),
                surface.moment(p.due_at, frame),
                member(p.owner)
            ));
        }
    }
    if card.contacts.is_empty() {
        lines.push(say(lang, Msg::HandoverNoContacts, &[("relation", &relation)]));
    } else {
        lines.push(say(lang, Msg::HandoverContactsHead, &[]));
        lines.extend(card.contacts.iter().map(|c| contact_line(c, reply, surface)));
    }
    if !card.earlier.is_empty() {
        lines.push(say(lang, Msg::HandoverEarlierHead, &[]));
        for e in &card.earlier {
            lines.push(format!(
                "• {}",
                say(
                    lang,
                    Msg::HandoverEarlierLine,
                    &[
                        ("ref", &e.reference.to_string()),
                        ("from", &member(e.from)),
                        ("to", &member(e.to)),
                        ("when", &surface.date(e.created_at, frame)),
                        ("status", status_word(e.status, lang)),
                    ],
                )
            ));
        }
    }
    if !card.appointments.is_empty() {
        lines.push(say(lang, Msg::HandoverAppointmentsHead, &[]));
        for a in &card.appointments {
            lines.push(format!("• {}", super::appointment::short_line(a, frame, surface)));
        }
    }
    lines.extend(answer_lines(card, reply, surface));
    lines
}

/// Who answers and by when: the recipient, or their backup while they are away.
fn answer_lines(card: &HandoverCard, reply: &Reply, surface: &dyn Surface) -> Vec<String> {
    let frame = &reply.frame;
    let lang = frame.lang;
    let h = &card.handover;
    let member = |id| surface.member(id, &reply.names);
    let mut lines = Vec::new();
    if let Some(backup) = card.recipient_backup {
        lines.push(say(
            lang,
            Msg::HandoverRecipientAway,
            &[("to", &member(h.to)), ("backup", &member(backup))],
        ));
    }
    lines.push(say(
        lang,
        Msg::HandoverAnswerBy,
        &[
            ("to", &member(h.to)),
            ("due", &surface.moment(card.ack_due_at, frame)),
        ],
    ));
    lines
}

/// A card in a shared channel: who hands what to whom and by when; the notes, what the
/// promises are and the relation's history are behind the Details button.
fn minimal_card(
    card: &HandoverCard,
    reply: &Reply,
    surface: &dyn Surface,
    mut lines: Vec<String>,
) -> Vec<String> {
    let frame = &reply.frame;
    let lang = frame.lang;
    let h = &card.handover;
    if card.nothing_open {
        let relation = surface.strong(&surface.user_text(&h.relation));
        lines.push(say(lang, Msg::HandoverNothingOpen, &[("relation", &relation)]));
    } else {
        let refs: Vec<String> = card.promises.iter().map(|p| p.reference.to_string()).collect();
        lines.push(say(lang, Msg::HandoverPromiseRefs, &[("refs", &refs.join(", "))]));
    }
    lines.extend(answer_lines(card, reply, surface));
    lines.push(Msg::DetailsWithheld.text(lang).to_string());
    lines
}

pub(super) fn answered(answered: &HandoverAnswered, reply: &Reply, surface: &dyn Surface) -> Vec<String> {
    let lang = reply.frame.lang;
    let h = &answered.handover;
    let member = |id| surface.member(id, &reply.names);
    let relation = surface.strong(&surface.user_text(&h.relation));
    let reference = h.reference.to_string();
    let refs = |list: &[crate::domain::CommitmentRef]| {
        list.iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(", ")
    };
    let base = [
        ("by", member(answered.by)),
        ("ref", reference),
        ("relation", relation),
        ("from", member(h.from)),
        ("to", member(h.to)),
        (
            "reason",
            surface.user_text(h.answer_note.as_deref().unwrap_or_default()),
        ),
    ];
    let args: Vec<(&str, &str)> = base.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let mut lines = vec![match h.status {
        HandoverStatus::Accepted => say(lang, Msg::HandoverAccepted, &args),
        HandoverStatus::Declined => say(lang, Msg::HandoverDeclined, &args),
        _ => say(lang, Msg::HandoverCancelled, &args),
    }];
    if !answered.moved.is_empty() {
        lines.push(say(
            lang,
            Msg::HandoverMoved,
            &[("to", &member(h.to)), ("refs", &refs(&answered.moved))],
        ));
    }
    if !answered.skipped.is_empty() {
        lines.push(say(
            lang,
            Msg::HandoverSkipped,
            &[("refs", &refs(&answered.skipped))],
        ));
    }
    lines
}

pub(super) fn list(list: &HandoverList, reply: &Reply, surface: &dyn Surface) -> Vec<String> {
    let lang = reply.frame.lang;
    let me = surface.member(list.member, &reply.names);
    if list.to_me.is_empty() && list.from_me.is_empty() && list.as_backup.is_empty() {
        return vec![say(lang, Msg::HandoverListNone, &[("member", &me)])];
    }
    let mut lines = vec![say(lang, Msg::HandoverListHead, &[("member", &me)])];
    for (head, items) in [
        (Msg::HandoverToYou, &list.to_me),
        (Msg::HandoverFromYou, &list.from_me),
        (Msg::HandoverAsBackup, &list.as_backup),
    ] {
        if items.is_empty() {
            continue;
        }
        lines.push(head.text(lang).to_string());
        lines.extend(items.iter().map(|h| list_line(h, reply, surface)));
    }
    lines
}

fn list_line(h: &HandoverView, reply: &Reply, surface: &dyn Surface) -> String {
    format!(
        "• {}",
        say(
            reply.frame.lang,
            Msg::HandoverListLine,
            &[
                ("ref", &h.reference.to_string()),
                ("relation", &surface.user_text(&h.relation)),
                ("from", &surface.member(h.from, &reply.names)),
                ("to", &surface.member(h.to, &reply.names)),
                ("when", &surface.date(h.created_at, &reply.frame)),
            ],
        )
    )
}

pub(super) fn all(all: &HandedOverAll, reply: &Reply, surface: &dyn Surface) -> Vec<String> {
    let lang = reply.frame.lang;
    let member = |id| surface.member(id, &reply.names);
    if all.handovers.is_empty() && all.already.is_empty() {
        return vec![say(lang, Msg::HandoverAllNothing, &[("from", &member(all.from))])];
    }
    let head = match (all.handovers.is_empty(), all.accepted) {
        (true, _) => Msg::HandoverAllNothingNew,
        (false, true) => Msg::HandoverAllAccepted,
        (false, false) => Msg::HandoverAllPending,
    };
    let mut lines = vec![say(
        lang,
        head,
        &[("from", &member(all.from)), ("to", &member(all.to))],
    )];
    for (reference, relation, promises) in &all.handovers {
        let refs: Vec<String> = promises.iter().map(ToString::to_string).collect();
        let what = if refs.is_empty() {
            Msg::HandoverAllContactOnly.text(lang).to_string()
        } else {
            refs.join(", ")
        };
        lines.push(format!("• {reference} {} · {what}", surface.user_text(relation)));
    }
    if !all.already.is_empty() {
        let refs: Vec<String> = all
            .already
            .iter()
            .map(|(promise, handover)| format!("{promise} ({handover})"))
            .collect();
        lines.push(say(lang, Msg::HandoverAllAlready, &[("refs", &refs.join(", "))]));
    }
    lines
}

pub(super) fn left(left: &MemberLeft, reply: &Reply) -> Vec<String> {
    vec![say(
        reply.frame.lang,
        Msg::MemberLeft,
        &[
            ("name", &left.name),
            ("open", &left.open.to_string()),
            ("handovers", &left.handovers.to_string()),
            ("relations", &left.contact_of.to_string()),
            ("id", &left.member.to_string()),
        ],
    )]
}
