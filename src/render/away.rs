//! Replies about absences: one set, one ended, who is away.

use super::Surface;
use crate::core::away::{AwayEnded, AwayList, AwaySet, AwayView};
use crate::core::Reply;
use crate::i18n::{say, Msg};

pub(super) fn set(set: &AwaySet, reply: &Reply, surface: &dyn Surface) -> Vec<String> {
    let frame = &reply.frame;
    let a = &set.view.away;
    let member = |id| surface.member(id, &reply.names);
    let msg = if set.begun {
        Msg::AwaySetNow
    } else {
        Msg::AwaySetAhead
    };
    let mut lines = vec![say(
        frame.lang,
        msg,
        &[
            ("member", &member(a.member)),
            ("backup", &member(a.backup)),
            ("from", &surface.moment(a.starts_at, frame)),
            ("until", &surface.moment(a.ends_at, frame)),
        ],
    )];
    if let Some(note) = &set.view.note {
        lines.push(surface.quote(note));
    }
    lines
}

pub(super) fn ended(ended: &AwayEnded, reply: &Reply, surface: &dyn Surface) -> Vec<String> {
    let frame = &reply.frame;
    let member = surface.member(ended.member, &reply.names);
    let mut lines = Vec::new();
    if !ended.ended.is_empty() {
        lines.push(say(frame.lang, Msg::AwayEnded, &[("member", &member)]));
    }
    for a in &ended.withdrawn {
        lines.push(say(
            frame.lang,
            Msg::AwayWithdrawn,
            &[
                ("member", &member),
                ("from", &surface.date(a.starts_at, frame)),
                ("until", &surface.date(a.ends_at, frame)),
            ],
        ));
    }
    lines
}

pub(super) fn list(list: &AwayList, reply: &Reply, surface: &dyn Surface) -> Vec<String> {
    let lang = reply.frame.lang;
    if list.now.is_empty() && list.ahead.is_empty() {
        return vec![say(lang, Msg::AwayListNone, &[])];
    }
    let mut lines = Vec::new();
    if list.now.is_empty() {
        lines.push(say(lang, Msg::AwayNobodyNow, &[]));
    } else {
        lines.push(say(lang, Msg::AwayListNow, &[]));
        lines.extend(list.now.iter().map(|v| line(v, Msg::AwayLineNow, reply, surface)));
    }
    if !list.ahead.is_empty() {
        lines.push(say(lang, Msg::AwayListAhead, &[]));
        lines.extend(
            list.ahead
                .iter()
                .map(|v| line(v, Msg::AwayLineAhead, reply, surface)),
        );
    }
    lines
}

/// One absence in a list or in `/ball`.
pub(super) fn line(view: &AwayView, msg: Msg, reply: &Reply, surface: &dyn Surface) -> String {
    let frame = &reply.frame;
    let a = &view.away;
    let mut text = format!(
        "• {}",
        say(
            frame.lang,
            msg,
            &[
                ("member", &surface.member(a.member, &reply.names)),
                ("backup", &surface.member(a.backup, &reply.names)),
                ("from", &surface.date(a.starts_at, frame)),
                ("until", &surface.moment(a.ends_at, frame)),
            ],
        )
    );
    if let Some(note) = &view.note {
        text.push_str(&format!(" · {}", surface.user_text(note)));
    }
    text
}
