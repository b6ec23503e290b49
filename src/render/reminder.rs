//! The messages the scheduler posts: a nudge about one commitment, a group of them, and the
//! daily digest. Rendered when sent, from the commitments as they are then.

use std::collections::HashMap;

use super::promise::certainty;
use super::Surface;
use crate::core::Frame;
use crate::domain::commitment::Direction;
use crate::domain::{MemberId, RoleId};
use crate::i18n::{say, Msg};
use crate::store::appointments::AppointmentRow;
use crate::store::commitments::CommitmentRow;
use crate::store::nudges::About;

/// One subject in a nudge, with which nudge it is and who is called for it: its owner, or
/// their backup while they are away.
pub struct NudgeLine<'a> {
    pub about: &'a About,
    pub number: u32,
    pub escalated: bool,
    /// The away member a backup gets this for.
    pub on_behalf_of: Option<MemberId>,
    pub to: MemberId,
}

/// A nudge: one subject told in full, several as a list. Whoever must act is mentioned; an
/// escalation calls in the escalation role when there is one, and a handover's sender.
pub fn nudge(
    lines: &[NudgeLine<'_>],
    escalation_role: Option<RoleId>,
    names: &HashMap<MemberId, String>,
    frame: &Frame,
    surface: &dyn Surface,
) -> String {
    let lang = frame.lang;
    let mut out = Vec::new();
    let escalated: Vec<&NudgeLine<'_>> = lines.iter().filter(|line| line.escalated).collect();
    if let Some(first) = escalated.first() {
        let role = escalation_role.map(|role| surface.role(role)).unwrap_or_default();
        let count = first.number.saturating_sub(1).to_string();
        out.push(
            say(lang, Msg::NudgeEscalated, &[("count", &count), ("role", &role)])
                .trim_end()
                .to_string(),
        );
    }
    let groups = together(lines);
    match groups.as_slice() {
        [group] => out.push(single(group, frame, surface, names)),
        _ => {
            out.push(say(
                lang,
                Msg::NudgeGroup,
                &[("count", &groups.len().to_string())],
            ));
            for group in &groups {
                out.push(list_line(group, frame, surface, names));
            }
        }
    }
    for line in escalated {
        if let About::Handover(h) = line.about {
            out.push(say(
                lang,
                Msg::NudgeHandoverEscalated,
                &[
                    ("from", &surface.member(h.from, names)),
                    ("to", &surface.member(h.to, names)),
                    ("ref", &h.reference.to_string()),
                    ("relation", &surface.user_text(&h.relation_name)),
                ],
            ));
        }
    }
    out.join("\n")
}

/// The lines said together: the reminders of several participants of one appointment are
/// one line calling them all.
fn together<'l, 'a>(lines: &'l [NudgeLine<'a>]) -> Vec<Vec<&'l NudgeLine<'a>>> {
    let mut groups: Vec<Vec<&NudgeLine<'_>>> = Vec::new();
    for line in lines {
        let same = |other: &&NudgeLine<'_>| match (other.about, line.about) {
            (About::Coming(a, _), About::Coming(b, _)) => a.id == b.id && other.number == line.number,
            _ => false,
        };
        match groups.iter_mut().find(|group| group.first().is_some_and(same)) {
            Some(group) => group.push(line),
            None => groups.push(vec![line]),
        }
    }
    groups
}

/// Everyone a group of lines calls.
fn called_all(
    group: &[&NudgeLine<'_>],
    lang: crate::domain::Lang,
    surface: &dyn Surface,
    names: &HashMap<MemberId, String>,
) -> String {
    group
        .iter()
        .map(|line| called(line, lang, surface, names))
        .collect::<Vec<_>>()
        .join(", ")
}

/// " · Stationsplein 1 · intake": where and what for, when known.
fn place_and_purpose(a: &AppointmentRow, surface: &dyn Surface) -> String {
    [&a.place, &a.about]
        .into_iter()
        .flatten()
        .map(|text| format!(" · {}", surface.user_text(text)))
        .collect()
}

/// Who a line calls: the owner, or "backup (on behalf of owner)".
fn called(
    line: &NudgeLine<'_>,
    lang: crate::domain::Lang,
    surface: &dyn Surface,
    names: &HashMap<MemberId, String>,
) -> String {
    match line.on_behalf_of {
        Some(owner) => say(
            lang,
            Msg::OnBehalfOf,
            &[
                ("backup", &surface.member(line.to, names)),
                (
                    "owner",
                    &names
                        .get(&owner)
                        .cloned()
                        .unwrap_or_else(|| surface.member(owner, names)),
                ),
            ],
        ),
        None => surface.member(line.to, names),
    }
}

fn single(
    group: &[&NudgeLine<'_>],
    frame: &Frame,
    surface: &dyn Surface,
    names: &HashMap<MemberId, String>,
) -> String {
    let lang = frame.lang;
    let line = group[0];
    let who = called_all(group, lang, surface, names);
    let c = match line.about {
        About::Commitment(c) => c,
        About::Touch(t) => {
            return say(
                lang,
                Msg::NudgeTouch,
                &[
                    ("owner", &who),
                    ("relation", &surface.strong(&surface.user_text(&t.name))),
                    ("last", &super::relation::touch_last(t, frame, surface, names)),
                    ("cadence", &super::relation::touch_cadence(t, lang)),
                ],
            );
        }
        About::Outcome(a) | About::Coming(a, _) => {
            let args = [
                ("owner", who),
                ("ref", a.reference.to_string()),
                ("relation", surface.strong(&surface.user_text(&a.relation_name))),
                ("start", surface.moment(a.starts_at, frame)),
                ("place", place_and_purpose(a, surface)),
                ("number", line.number.to_string()),
            ];
            let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let msg = match line.about {
                About::Outcome(_) => Msg::NudgeOutcome,
                _ => Msg::NudgeComing,
            };
            return say(lang, msg, &args);
        }
        About::Handover(h) => {
            let args = [
                ("owner", who),
                ("from", surface.member(h.from, names)),
                ("ref", h.reference.to_string()),
                ("relation", surface.strong(&surface.user_text(&h.relation_name))),
                ("since", surface.moment(h.created_at, frame)),
                ("number", line.number.to_string()),
            ];
            let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
            return say(lang, Msg::NudgeHandover, &args);
        }
    };
    let args = [
        ("owner", who),
        ("ref", c.reference.to_string()),
        ("relation", surface.strong(&surface.user_text(&c.relation_name))),
        ("what", surface.user_text(&c.what)),
        ("due", surface.moment(c.due_at, frame)),
        ("certainty", certainty(c.certainty, lang).to_string()),
        ("number", line.number.to_string()),
    ];
    let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let msg = match (line.number, c.direction) {
        (0, _) => Msg::NudgeHeadsUp,
        (_, Direction::WeOwe) => Msg::NudgeOverdue,
        (_, Direction::TheyOwe) => Msg::NudgeTheyOwe,
    };
    say(lang, msg, &args)
}

fn list_line(
    group: &[&NudgeLine<'_>],
    frame: &Frame,
    surface: &dyn Surface,
    names: &HashMap<MemberId, String>,
) -> String {
    let lang = frame.lang;
    let line = group[0];
    let who = called_all(group, lang, surface, names);
    let mut text = match line.about {
        About::Touch(t) => format!(
            "• {who} {}",
            super::relation::touch_line(t, frame, surface, names)
        ),
        About::Outcome(a) | About::Coming(a, _) => format!(
            "• {who} {}",
            say(
                lang,
                match line.about {
                    About::Outcome(_) => Msg::NudgeOutcomeLine,
                    _ => Msg::NudgeComingLine,
                },
                &[
                    ("ref", &a.reference.to_string()),
                    ("relation", &surface.user_text(&a.relation_name)),
                    ("start", &surface.moment(a.starts_at, frame)),
                    ("place", &place_and_purpose(a, surface)),
                ],
            )
        ),
        About::Commitment(c) => {
            let mut text = format!(
                "• {who} {}",
                say(
                    lang,
                    Msg::NudgeListLine,
                    &[
                        ("ref", &c.reference.to_string()),
                        ("what", &surface.user_text(&c.what)),
                        ("relation", &surface.user_text(&c.relation_name)),
                        ("certainty", certainty(c.certainty, lang)),
                        ("due", &surface.moment(c.due_at, frame)),
                    ],
                )
            );
            if c.direction == Direction::TheyOwe {
                text.push_str(&format!(" · {}", Msg::TheyOwe.text(lang)));
            }
            text
        }
        About::Handover(h) => format!(
            "• {who} {}",
            say(
                lang,
                Msg::NudgeHandoverLine,
                &[
                    ("ref", &h.reference.to_string()),
                    ("relation", &surface.user_text(&h.relation_name)),
                    ("from", &surface.member(h.from, names)),
                    ("since", &surface.moment(h.created_at, frame)),
                ],
            )
        ),
    };
    if line.escalated {
        text.push_str(" · 🚨");
    }
    text
}

/// The daily digest of what a member holds: overdue and due today.
pub fn digest(
    member: MemberId,
    items: &[CommitmentRow],
    appointments: &[crate::core::appointment::AppointmentView],
    names: &HashMap<MemberId, String>,
    frame: &Frame,
    surface: &dyn Surface,
) -> String {
    let lang = frame.lang;
    let mut out = vec![say(
        lang,
        Msg::DigestHead,
        &[("member", &surface.member(member, names))],
    )];
    for c in items {
        let mut line = format!(
            "• {}",
            say(
                lang,
                Msg::DigestLine,
                &[
                    ("ref", &c.reference.to_string()),
                    ("what", &surface.user_text(&c.what)),
                    ("relation", &surface.user_text(&c.relation_name)),
                    ("due", &surface.moment(c.due_at, frame)),
                ],
            )
        );
        if c.due_at <= frame.now {
            line.push(' ');
            line.push_str(Msg::HistoryOverdue.text(lang));
        }
        if c.owner != member {
            line.push_str(" · ");
            line.push_str(&say(
                lang,
                Msg::DigestFor,
                &[("owner", &surface.member(c.owner, names))],
            ));
        }
        out.push(line);
    }
    if !appointments.is_empty() {
        out.push(Msg::DigestAppointmentsHead.text(lang).to_string());
        for a in appointments {
            out.push(format!("• {}", super::appointment::short_line(a, frame, surface)));
        }
    }
    out.join("\n")
}

/// The summary a member gets when an absence ends.
pub struct Back<'a> {
    pub away: &'a crate::domain::away::Away,
    /// What others did with their items meanwhile, oldest first.
    pub changes: &'a [crate::core::contact::HistoryChange],
    /// More happened than is listed.
    pub more: bool,
    pub open: i64,
    pub overdue: i64,
    /// Handovers to them still waiting for an answer.
    pub handovers: usize,
}

pub fn back(
    back: &Back<'_>,
    names: &HashMap<MemberId, String>,
    frame: &Frame,
    surface: &dyn Surface,
) -> String {
    let lang = frame.lang;
    let a = back.away;
    let mut out = vec![say(
        lang,
        Msg::BackHead,
        &[
            ("member", &surface.member(a.member, names)),
            ("from", &surface.date(a.starts_at, frame)),
            ("until", &surface.date(a.ends_at, frame)),
            ("backup", &surface.member(a.backup, names)),
        ],
    )];
    if back.changes.is_empty() {
        out.push(say(lang, Msg::BackNothing, &[]));
    } else {
        out.push(say(lang, Msg::BackChanged, &[]));
        for change in back.changes {
            out.push(super::contact::change_text(change, frame, names, surface));
        }
        if back.more {
            out.push(say(lang, Msg::BackMore, &[]));
        }
    }
    out.push(say(
        lang,
        Msg::BackNow,
        &[
            ("open", &back.open.to_string()),
            ("overdue", &back.overdue.to_string()),
            ("handovers", &back.handovers.to_string()),
        ],
    ));
    out.join("\n")
}
