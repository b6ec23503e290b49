//! Replies about promises: added, done, cancelled, moved, told; the list and the ball.

use super::{read_as, Surface};
use crate::core::listing::{Ball, List};
use crate::core::promise::{PromiseAdded, PromiseClosed, PromiseMoved, PromiseView, Told};
use crate::core::Reply;
use crate::domain::commitment::{Certainty, CommitmentStatus, Direction};
use crate::domain::Lang;
use crate::i18n::{option_name, say, Msg};
use crate::store::commitments::Filter;
use crate::store::deliveries::FailedAbout;

pub(super) fn added(added: &PromiseAdded, reply: &Reply, surface: &dyn Surface) -> Vec<String> {
    let frame = &reply.frame;
    let lang = frame.lang;
    let promise = &added.promise;
    let msg = match promise.direction {
        Direction::WeOwe => Msg::PromiseAdded,
        Direction::TheyOwe => Msg::PromiseAddedTheyOwe,
    };
    let mut lines = vec![say(
        lang,
        msg,
        &[
            ("ref", &promise.reference.to_string()),
            ("relation", &surface.strong(&surface.user_text(&promise.relation))),
            ("what", &surface.user_text(&promise.what)),
            ("due", &surface.moment(promise.due_at, frame)),
            ("owner", &surface.member(promise.owner, &reply.names)),
        ],
    )];
    lines.push(read_as(&added.due_phrase, promise.due_at, frame, surface));
    if added.relation_created {
        let relation = surface.strong(&surface.user_text(&promise.relation));
        lines.push(say(lang, Msg::RelationCreated, &[("relation", &relation)]));
    }
    if promise.certainty != Certainty::Confirmed {
        // Tell "komt wel goed" from a signed contract: ask how sure, and on what it hangs.
        let mut question = say(
            lang,
            Msg::CertaintyQuestion,
            &[("certainty", certainty(promise.certainty, lang))],
        );
        question.push(' ');
        question.push_str(&match &promise.depends_on {
            Some(depends) => say(lang, Msg::DependsOn, &[("depends", &surface.user_text(depends))]),
            None => say(
                lang,
                Msg::DependsUnknown,
                &[("option", option_name("depends_on", lang))],
            ),
        });
        lines.push(question);
    } else if let Some(depends) = &promise.depends_on {
        lines.push(say(
            lang,
            Msg::DependsOn,
            &[("depends", &surface.user_text(depends))],
        ));
    }
    if let Some(at) = added.heads_up_at {
        lines.push(say(lang, Msg::HeadsUpAt, &[("at", &surface.moment(at, frame))]));
    }
    lines
}

pub(super) fn certainty(certainty: Certainty, lang: Lang) -> &'static str {
    let msg = match certainty {
        Certainty::Confirmed => Msg::CertaintyConfirmed,
        Certainty::Expected => Msg::CertaintyExpected,
        Certainty::Hope => Msg::CertaintyHope,
    };
    msg.text(lang)
}

fn status(status: CommitmentStatus, lang: Lang) -> &'static str {
    match status {
        CommitmentStatus::Open => Msg::StatusOpen.text(lang),
        CommitmentStatus::Done => Msg::StatusDone.text(lang),
        CommitmentStatus::Cancelled => Msg::StatusCancelled.text(lang),
    }
}

pub(super) fn status_word(value: CommitmentStatus, lang: Lang) -> &'static str {
    status(value, lang)
}

pub(super) fn closed(closed: &PromiseClosed, reply: &Reply, surface: &dyn Surface) -> Vec<String> {
    let lang = reply.frame.lang;
    let promise = &closed.promise;
    let msg = match promise.status {
        CommitmentStatus::Cancelled => Msg::PromiseCancelled,
        _ => Msg::PromiseDone,
    };
    let mut lines = vec![say(
        lang,
        msg,
        &[
            ("ref", &promise.reference.to_string()),
            ("what", &surface.user_text(&promise.what)),
            ("relation", &surface.strong(&surface.user_text(&promise.relation))),
            ("by", &surface.member(closed.by, &reply.names)),
        ],
    )];
    if let Some(note) = &closed.note {
        lines.push(say(lang, Msg::CloseNote, &[("note", &surface.user_text(note))]));
    }
    lines
}

pub(super) fn moved(moved: &PromiseMoved, reply: &Reply, surface: &dyn Surface) -> Vec<String> {
    let frame = &reply.frame;
    let lang = frame.lang;
    let promise = &moved.promise;
    let relation = surface.strong(&surface.user_text(&promise.relation));
    let mut lines = vec![
        say(
            lang,
            Msg::PromiseMoved,
            &[
                ("ref", &promise.reference.to_string()),
                ("what", &surface.user_text(&promise.what)),
                ("relation", &relation),
                ("due", &surface.moment(promise.due_at, frame)),
                ("from", &surface.date(moved.from, frame)),
                ("owner", &surface.member(promise.owner, &reply.names)),
            ],
        ),
        read_as(&moved.due_phrase, promise.due_at, frame, surface),
        say(
            lang,
            Msg::MoveReason,
            &[("reason", &surface.user_text(&moved.reason))],
        ),
    ];
    if moved.ask_told {
        lines.push(say(lang, Msg::AskTold, &[("relation", &relation)]));
    }
    lines
}

pub(super) fn told(told: &Told, reply: &Reply, surface: &dyn Surface) -> Vec<String> {
    vec![say(
        reply.frame.lang,
        Msg::ToldLogged,
        &[
            ("relation", &surface.strong(&surface.user_text(&told.relation))),
            ("summary", &surface.user_text(&told.summary)),
        ],
    )]
}

/// One line per commitment: reference, what, relation, owner, due; flagged when overdue,
/// closed, or owed to us.
fn line(item: &PromiseView, reply: &Reply, surface: &dyn Surface) -> String {
    let lang = reply.frame.lang;
    let mut line = format!(
        "• {}",
        say(
            lang,
            Msg::ListLine,
            &[
                ("ref", &item.reference.to_string()),
                ("what", &surface.user_text(&item.what)),
                ("relation", &surface.user_text(&item.relation)),
                ("owner", &surface.member(item.owner, &reply.names)),
                ("due", &surface.moment(item.due_at, &reply.frame)),
            ],
        )
    );
    if item.overdue {
        line.push(' ');
        line.push_str(Msg::HistoryOverdue.text(lang));
    }
    if item.status != CommitmentStatus::Open {
        line.push_str(&format!(" ({})", status(item.status, lang)));
    }
    if item.direction == Direction::TheyOwe {
        line.push_str(&format!(" · {}", Msg::TheyOwe.text(lang)));
    }
    line
}

pub(super) fn list(list: &List, reply: &Reply, surface: &dyn Surface) -> Vec<String> {
    let lang = reply.frame.lang;
    let mut head = match list.filter {
        Filter::Open => Msg::ListOpen,
        Filter::Overdue => Msg::ListOverdue,
        Filter::Done => Msg::ListDone,
        Filter::All => Msg::ListAll,
    }
    .text(lang)
    .to_string();
    if let Some(owner) = list.owner {
        head.push(' ');
        head.push_str(&say(
            lang,
            Msg::ListOf,
            &[("owner", &surface.member(owner, &reply.names))],
        ));
    }
    if let Some(relation) = &list.relation {
        head.push(' ');
        head.push_str(&say(
            lang,
            Msg::ListWith,
            &[("relation", &surface.user_text(relation))],
        ));
    }
    head.push_str(&format!(
        " ({})",
        say(
            lang,
            Msg::ListPage,
            &[
                ("page", &list.page.to_string()),
                ("pages", &list.pages.to_string()),
                ("total", &list.total.to_string()),
            ],
        )
    ));
    let mut lines = vec![surface.strong(&head)];
    if list.items.is_empty() {
        lines.push(Msg::ListEmpty.text(lang).to_string());
    }
    lines.extend(list.items.iter().map(|item| line(item, reply, surface)));
    lines
}

pub(super) fn ball(ball: &Ball, reply: &Reply, surface: &dyn Surface) -> Vec<String> {
    let lang = reply.frame.lang;
    let member = surface.member(ball.member, &reply.names);
    let mut lines = Vec::new();
    if ball.overdue.is_empty() && ball.open.is_empty() {
        lines.push(say(lang, Msg::BallEmpty, &[("member", &member)]));
    } else {
        lines.push(say(lang, Msg::BallHead, &[("member", &member)]));
    }
    for (items, head) in [(&ball.overdue, Msg::BallOverdue), (&ball.open, Msg::BallOpen)] {
        if !items.is_empty() {
            lines.push(surface.strong(head.text(lang)));
            lines.extend(items.iter().map(|item| line(item, reply, surface)));
        }
    }
    if ball.more > 0 {
        lines.push(say(lang, Msg::BallMore, &[("count", &ball.more.to_string())]));
    }
    if let Some(a) = &ball.away {
        let msg = if a.covers(reply.frame.now) {
            Msg::BallAwayNow
        } else {
            Msg::BallAwayAhead
        };
        lines.push(say(
            lang,
            msg,
            &[
                ("member", &member),
                ("backup", &surface.member(a.backup, &reply.names)),
                ("from", &surface.date(a.starts_at, &reply.frame)),
                ("until", &surface.moment(a.ends_at, &reply.frame)),
            ],
        ));
    }
    for a in &ball.backing {
        lines.push(say(
            lang,
            Msg::BallBacking,
            &[
                ("member", &surface.member(a.member, &reply.names)),
                ("until", &surface.moment(a.ends_at, &reply.frame)),
            ],
        ));
    }
    if !ball.handovers.is_empty() {
        lines.push(surface.strong(Msg::BallHandovers.text(lang)));
        for h in &ball.handovers {
            lines.push(format!(
                "• {}",
                say(
                    lang,
                    Msg::HandoverListLine,
                    &[
                        ("ref", &h.reference.to_string()),
                        ("relation", &surface.user_text(&h.relation)),
                        ("from", &surface.member(h.from, &reply.names)),
                        ("to", &surface.member(h.to, &reply.names)),
                        ("when", &surface.date(h.created_at, &reply.frame)),
                    ],
                )
            ));
        }
    }
    if !ball.outcomes.is_empty() {
        lines.push(surface.strong(Msg::BallOutcomesHead.text(lang)));
        for a in &ball.outcomes {
            lines.push(format!(
                "• {}",
                super::appointment::short_line(a, &reply.frame, surface)
            ));
        }
    }
    if !ball.today.is_empty() {
        lines.push(surface.strong(Msg::BallAppointmentsHead.text(lang)));
        for a in &ball.today {
            lines.push(format!(
                "• {}",
                super::appointment::short_line(a, &reply.frame, surface)
            ));
        }
    }
    if !ball.lapsed.is_empty() {
        lines.push(surface.strong(Msg::BallTouchHead.text(lang)));
        for t in &ball.lapsed {
            lines.push(format!(
                "• {}",
                super::relation::touch_line(t, &reply.frame, surface, &reply.names)
            ));
        }
    }
    if !ball.failed.is_empty() {
        lines.push(say(lang, Msg::BallFailed, &[]));
        for failed in &ball.failed {
            let at = surface.date(failed.at, &reply.frame);
            let mut line = match &failed.about {
                FailedAbout::Reminder {
                    reference: crate::domain::SubjectRef::Relation(_),
                    what,
                    owner,
                } => say(
                    lang,
                    Msg::FailedTouchLine,
                    &[
                        ("what", &surface.user_text(what)),
                        ("owner", &surface.member(*owner, &reply.names)),
                        ("at", &at),
                    ],
                ),
                FailedAbout::Reminder {
                    reference,
                    what,
                    owner,
                } => say(
                    lang,
                    Msg::FailedLine,
                    &[
                        ("ref", &reference.to_string()),
                        ("what", &surface.user_text(what)),
                        ("owner", &surface.member(*owner, &reply.names)),
                        ("at", &at),
                    ],
                ),
                FailedAbout::Digest { member, day } => say(
                    lang,
                    Msg::FailedDigestLine,
                    &[
                        ("day", &crate::i18n::time::day(*day, lang)),
                        ("member", &surface.member(*member, &reply.names)),
                        ("at", &at),
                    ],
                ),
            };
            if let Some(error) = &failed.error {
                line.push_str(" · ");
                line.push_str(&surface.user_text(&crate::domain::text::shorten(error, 120)));
            }
            lines.push(format!("• {line}"));
        }
    }
    lines
}
