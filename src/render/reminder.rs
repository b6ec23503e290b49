//! The messages the scheduler posts: a nudge about one commitment, a group of them, and the
//! daily digest. Rendered when sent, from the commitments as they are then.

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use super::promise::certainty;
use super::Surface;
use crate::core::details::Details;
use crate::core::{Frame, Reply};
use crate::domain::away::Away;
use crate::domain::commitment::Direction;
use crate::domain::{MemberId, RoleId};
use crate::i18n::{say, Msg};
use crate::store::appointments::AppointmentRow;
use crate::store::commitments::CommitmentRow;
use crate::store::nudges::{About, Item};

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

/// The lines of a nudge about `items`: each for its owner, or their backup while they are
/// away.
pub fn lines<'a>(items: &[&'a Item], away: &[Away], now: DateTime<Utc>) -> Vec<NudgeLine<'a>> {
    items
        .iter()
        .map(|item| {
            let route = crate::domain::away::route(item.owner(), away, now);
            NudgeLine {
                about: &item.about,
                number: item.number,
                escalated: item.escalated,
                on_behalf_of: route.on_behalf_of,
                to: route.to,
            }
        })
        .collect()
}

/// What a minimal channel post left out, for whoever holds it: the same message in full,
/// from the items as they are now.
pub(super) fn details(details: &Details, reply: &Reply, surface: &dyn Surface) -> Vec<String> {
    let frame = &reply.frame;
    let mut out = vec![Msg::DetailsHead.text(frame.lang).to_string()];
    match details {
        Details::Nudge {
            items,
            away,
            escalation_role,
        } => {
            let items: Vec<&Item> = items.iter().collect();
            let open = lines(&items, away, frame.now);
            out.push(nudge(
                &open,
                *escalation_role,
                &reply.names,
                frame,
                surface,
                false,
            ));
        }
        Details::Digest(d) => {
            out.push(digest(
                d.member,
                &d.open,
                &d.today,
                &reply.names,
                frame,
                surface,
                false,
            ));
        }
        Details::Handover(card) => out.extend(super::handover::card(card, reply, surface)),
    }
    out
}

/// A nudge: one subject told in full, several as a list. Whoever must act is mentioned; an
/// escalation calls in the escalation role when there is one, and a handover's sender.
/// `minimal` (a shared channel, and [`withholds`] something): what a promise is and where
/// an appointment is are left out, and a last line points at the Details button.
pub fn nudge(
    lines: &[NudgeLine<'_>],
    escalation_role: Option<RoleId>,
    names: &HashMap<MemberId, String>,
    frame: &Frame,
    surface: &dyn Surface,
    minimal: bool,
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
        [group] => out.push(single(group, frame, surface, names, minimal)),
        _ => {
            out.push(say(
                lang,
                Msg::NudgeGroup,
                &[("count", &groups.len().to_string())],
            ));
            for group in &groups {
                out.push(list_line(group, frame, surface, names, minimal));
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
    if minimal {
        out.push(Msg::DetailsWithheld.text(lang).to_string());
    }
    out.join("\n")
}

/// Whether a minimal post about these leaves anything out: what a promise is, where an
/// appointment is and what for. A handover or keep-in-touch nudge says nothing more.
pub fn withholds<'a>(about: impl IntoIterator<Item = &'a About>) -> bool {
    about.into_iter().any(|about| match about {
        About::Commitment(_) => true,
        About::Outcome(a) | About::Coming(a, _) => a.place.is_some() || a.about.is_some(),
        About::Handover(_) | About::Touch(_) => false,
    })
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

/// " · Stationsplein 1 · intake": where and what for, when known and not `minimal`.
fn place_and_purpose(a: &AppointmentRow, surface: &dyn Surface, minimal: bool) -> String {
    if minimal {
        return String::new();
    }
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
    minimal: bool,
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
                ("place", place_and_purpose(a, surface, minimal)),
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
    let msg = match (line.number, c.direction, minimal) {
        (0, _, false) => Msg::NudgeHeadsUp,
        (0, _, true) => Msg::NudgeHeadsUpMinimal,
        (_, Direction::WeOwe, false) => Msg::NudgeOverdue,
        (_, Direction::WeOwe, true) => Msg::NudgeOverdueMinimal,
        (_, Direction::TheyOwe, false) => Msg::NudgeTheyOwe,
        (_, Direction::TheyOwe, true) => Msg::NudgeTheyOweMinimal,
    };
    say(lang, msg, &args)
}

fn list_line(
    group: &[&NudgeLine<'_>],
    frame: &Frame,
    surface: &dyn Surface,
    names: &HashMap<MemberId, String>,
    minimal: bool,
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
                    ("place", &place_and_purpose(a, surface, minimal)),
                ],
            )
        ),
        About::Commitment(c) => {
            let mut text = format!(
                "• {who} {}",
                say(
                    lang,
                    if minimal {
                        Msg::NudgeListLineMinimal
                    } else {
                        Msg::NudgeListLine
                    },
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

/// The daily digest of what a member holds: overdue and due today. `minimal` (a shared
/// channel): without what the promises are and where the appointments are.
pub fn digest(
    member: MemberId,
    items: &[CommitmentRow],
    appointments: &[crate::core::appointment::AppointmentView],
    names: &HashMap<MemberId, String>,
    frame: &Frame,
    surface: &dyn Surface,
    minimal: bool,
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
                if minimal {
                    Msg::DigestLineMinimal
                } else {
                    Msg::DigestLine
                },
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
            let mut shown = a.clone();
            if minimal {
                shown.place = None;
            }
            out.push(format!(
                "• {}",
                super::appointment::short_line(&shown, frame, surface)
            ));
        }
    }
    if minimal {
        out.push(Msg::DetailsWithheld.text(lang).to_string());
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
