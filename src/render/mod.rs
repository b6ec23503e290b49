//! Turns a command's `Reply` (or its failure) into text, the same facts for every surface.
//! A `Surface` says how the adapter shows moments, members and emphasis: Discord uses
//! `<t:…>` timestamps and mentions, the console writes them out.

pub mod appointment;
mod away;
mod contact;
mod errors;
mod handover;
pub mod import;
mod promise;
pub mod relation;
mod relation_errors;
pub mod reminder;
mod settings;

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use crate::core::input::Typed;
use crate::core::{Body, Frame, Reply};
use crate::domain::text::shorten;
use crate::domain::{ChannelId, Lang, MemberId, RoleId};
use crate::i18n::{self, say, Msg};

pub use errors::error;

pub trait Surface: Send + Sync {
    /// A moment with how far away it is.
    fn moment(&self, at: DateTime<Utc>, frame: &Frame) -> String;
    /// A moment, briefly.
    fn date(&self, at: DateTime<Utc>, frame: &Frame) -> String;
    fn member(&self, id: MemberId, names: &HashMap<MemberId, String>) -> String;
    fn channel(&self, id: ChannelId) -> String;
    fn role(&self, id: RoleId) -> String;
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
        Body::ContactLogged(logged) => contact::contact_logged(logged, reply, surface),
        Body::History(history) => contact::history(history, reply, surface),
        Body::PromiseAdded(added) => promise::added(added, reply, surface),
        Body::PromiseClosed(closed) => promise::closed(closed, reply, surface),
        Body::PromiseMoved(moved) => promise::moved(moved, reply, surface),
        Body::Told(told) => promise::told(told, reply, surface),
        Body::List(list) => promise::list(list, reply, surface),
        Body::Ball(ball) => promise::ball(ball, reply, surface),
        Body::Settings(shown) => settings::shown(shown, reply, surface),
        Body::Digest(choice) => settings::digest(choice, reply),
        Body::HandoverGiven(card) => handover::card(card, reply, surface),
        Body::HandoverAnswered(answered) => handover::answered(answered, reply, surface),
        Body::HandoverList(list) => handover::list(list, reply, surface),
        Body::HandedOverAll(all) => handover::all(all, reply, surface),
        Body::MemberLeft(left) => handover::left(left, reply),
        Body::AwaySet(set) => away::set(set, reply, surface),
        Body::AwayEnded(ended) => away::ended(ended, reply, surface),
        Body::AwayList(list) => away::list(list, reply, surface),
        Body::AppointmentAdded(added) => appointment::added(added, reply, surface),
        Body::AppointmentList(list) => appointment::list(list, reply, surface),
        Body::AppointmentSettled(settled) => appointment::settled(settled, reply, surface),
        Body::RelationCard(card) => relation::card(card, reply, surface),
        Body::RelationMoved(moved) => relation::moved(moved, reply, surface),
        Body::RelationsMerged(merged) => relation::merged(merged, reply, surface),
        Body::RelationWho(who) => relation::who(who, reply, surface),
        Body::RelationSearch(found) => relation::search(found, reply, surface),
        Body::ImportPreview(preview) => import::preview(preview, reply, surface),
        Body::ImportDone(done) => import::done(done, reply),
        Body::ImportSettled(settled) => import::settled(settled, reply, surface),
        Body::Exported(exported) => import::exported(exported, reply, surface),
        Body::Forgetting(f) => relation::forgetting(f, reply, surface),
        Body::Details(details) => reminder::details(details, reply, surface),
    };
    // A guard only: every body keeps itself within the limit.
    shorten(lines.join("\n").trim_end(), surface.max_len())
}

/// "“vrijdag 12:00” read as vr 27 nov 2026 12:00 CET": the guild's own clock, so people
/// can check the phrase was understood, with what the reading assumed ("(read 09/03 day
/// first, as 9 March)").
fn read_as(typed: &Typed, at: DateTime<Utc>, frame: &Frame, surface: &dyn Surface) -> String {
    let instant = i18n::time::absolute(at, frame.zone, frame.lang);
    format!(
        "↳ {}{}",
        say(
            frame.lang,
            Msg::ReadAs,
            &[
                ("phrase", &surface.user_text(typed.text.trim())),
                ("instant", &instant)
            ]
        ),
        i18n::time::notes(&typed.notes, frame.lang)
    )
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
