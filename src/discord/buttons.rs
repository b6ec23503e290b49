//! What buttons and forms carry in their `custom_id` (people can forge it, so it is
//! parsed, never trusted) and how the next steps of a reply or reminder are shown as
//! buttons.

use poise::serenity_prelude as serenity;

use crate::core::details::Detail;
use crate::core::listing::{self, filter_word};
use crate::core::{Action, ListQuery};
use crate::domain::appointment::Outcome;
use crate::domain::{AppointmentRef, CommitmentRef, GuildId, HandoverRef, Lang, MemberId, RelationId};
use crate::i18n::{say, Msg};

const PREFIX: &str = "baton";
/// Discord allows five buttons in a row and five rows in a message.
const PER_ROW: usize = 5;
const MAX_ROWS: usize = 5;

/// What a button or form is for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Purpose {
    Done(CommitmentRef),
    NewDate(CommitmentRef),
    Told(CommitmentRef),
    Page(ListQuery, u32),
    /// The new-date form of a commitment.
    Move(CommitmentRef),
    /// Opens the form asking to whom a promise goes.
    HandOver(CommitmentRef),
    /// The hand-over form, with the colleague and the notes.
    HandOverForm(CommitmentRef),
    Accept(HandoverRef),
    /// Opens the form asking why.
    Decline(HandoverRef),
    /// The decline form, with its reason.
    DeclineForm(HandoverRef),
    /// Kept, Missed or Moved: opens the form for the summary or the new date.
    Outcome(AppointmentRef, Outcome),
    /// That form, sent.
    OutcomeForm(AppointmentRef, Outcome),
    /// Opens the form to log a contact with this relation.
    LogContact(RelationId),
    /// That form, sent; `None`: the relation is typed in the form (logging a message).
    LogForm(Option<RelationId>),
    /// The relation's history.
    History(RelationId),
    /// Write a previewed import.
    ImportConfirm(i64),
    /// Drop a previewed import.
    ImportCancel(i64),
    /// Erase a person, after the preview.
    Forget(RelationId),
    /// What a minimal channel post left out.
    Details(Detail),
}

/// A button's or form's `custom_id`: what it is for and the guild it acts in. A direct
/// message carries no guild, so the id does: `baton:done:<guild>:<ref>`. Ids written
/// before they carried one (`baton:done:<ref>`) still work where the guild is known.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ComponentId {
    pub purpose: Purpose,
    pub guild: Option<GuildId>,
}

impl ComponentId {
    pub fn new(purpose: Purpose, guild: GuildId) -> Self {
        ComponentId {
            purpose,
            guild: Some(guild),
        }
    }

    pub fn encode(&self) -> String {
        let guild = self.guild.map_or(String::new(), |g| format!("{}:", g.0));
        match &self.purpose {
            Purpose::Done(r) => format!("{PREFIX}:done:{guild}{}", r.0),
            Purpose::NewDate(r) => format!("{PREFIX}:date:{guild}{}", r.0),
            Purpose::Told(r) => format!("{PREFIX}:told:{guild}{}", r.0),
            Purpose::Move(r) => format!("{PREFIX}:move:{guild}{}", r.0),
            Purpose::HandOver(r) => format!("{PREFIX}:give:{guild}{}", r.0),
            Purpose::HandOverForm(r) => format!("{PREFIX}:to:{guild}{}", r.0),
            Purpose::Accept(r) => format!("{PREFIX}:accept:{guild}{}", r.0),
            Purpose::Decline(r) => format!("{PREFIX}:decline:{guild}{}", r.0),
            Purpose::DeclineForm(r) => format!("{PREFIX}:why:{guild}{}", r.0),
            Purpose::Outcome(r, outcome) => format!("{PREFIX}:{}:{guild}{}", outcome.as_str(), r.0),
            Purpose::OutcomeForm(r, outcome) => format!("{PREFIX}:{}_form:{guild}{}", outcome.as_str(), r.0),
            Purpose::LogContact(r) => format!("{PREFIX}:log:{guild}{}", r.0),
            Purpose::LogForm(r) => format!("{PREFIX}:log_form:{guild}{}", r.map_or(0, |r| r.0)),
            Purpose::History(r) => format!("{PREFIX}:history:{guild}{}", r.0),
            Purpose::ImportConfirm(batch) => format!("{PREFIX}:import:{guild}{batch}"),
            Purpose::ImportCancel(batch) => format!("{PREFIX}:unimport:{guild}{batch}"),
            Purpose::Forget(r) => format!("{PREFIX}:forget:{guild}{}", r.0),
            Purpose::Details(Detail::Delivery(id)) => format!("{PREFIX}:details:{guild}d{id}"),
            Purpose::Details(Detail::Handover(r)) => format!("{PREFIX}:details:{guild}{r}"),
            Purpose::Page(query, page) => format!(
                "{PREFIX}:page:{guild}{}:{}:{}:{page}",
                filter_word(query.filter),
                query.owner.map_or(0, |m| m.0),
                query.relation.map_or(0, |r| r.0)
            ),
        }
    }

    /// Reads a `custom_id`; anything else than what `encode` writes is refused.
    pub fn parse(id: &str) -> Option<ComponentId> {
        let parts: Vec<&str> = id.split(':').collect();
        let (&prefix, &kind) = (parts.first()?, parts.get(1)?);
        if prefix != PREFIX {
            return None;
        }
        let arity = if kind == "page" { 4 } else { 1 };
        let (guild, rest) = match parts.len() - 2 {
            n if n == arity => (None, &parts[2..]),
            n if n == arity + 1 => {
                let guild = parts[2]
                    .parse::<u64>()
                    .ok()
                    .and_then(GuildId::from_snowflake)
                    .filter(|g| g.0 > 0)?;
                (Some(guild), &parts[3..])
            }
            _ => return None,
        };
        let reference = || CommitmentRef::parse(rest[0]);
        let relation = || rest[0].parse::<i64>().ok().filter(|id| *id >= 0);
        let purpose = match kind {
            "done" => Purpose::Done(reference()?),
            "date" => Purpose::NewDate(reference()?),
            "told" => Purpose::Told(reference()?),
            "move" => Purpose::Move(reference()?),
            "give" => Purpose::HandOver(reference()?),
            "to" => Purpose::HandOverForm(reference()?),
            "accept" => Purpose::Accept(HandoverRef::parse(rest[0])?),
            "decline" => Purpose::Decline(HandoverRef::parse(rest[0])?),
            "why" => Purpose::DeclineForm(HandoverRef::parse(rest[0])?),
            "log" => Purpose::LogContact(RelationId(relation().filter(|id| *id > 0)?)),
            "log_form" => {
                let id = relation()?;
                Purpose::LogForm((id > 0).then_some(RelationId(id)))
            }
            "history" => Purpose::History(RelationId(relation().filter(|id| *id > 0)?)),
            "import" => Purpose::ImportConfirm(relation().filter(|id| *id > 0)?),
            "unimport" => Purpose::ImportCancel(relation().filter(|id| *id > 0)?),
            "forget" => Purpose::Forget(RelationId(relation().filter(|id| *id > 0)?)),
            // A delivery is "d12"; a handover "H-3".
            "details" => Purpose::Details(match rest[0].strip_prefix('d') {
                Some(id) => Detail::Delivery(id.parse().ok().filter(|id: &i64| *id > 0)?),
                None => Detail::Handover(HandoverRef::parse(rest[0])?),
            }),
            "page" => {
                let filter = listing::filter(rest[0])?;
                let owner: i64 = rest[1].parse().ok()?;
                let relation: i64 = rest[2].parse().ok()?;
                let page: u32 = rest[3].parse().ok()?;
                let query = ListQuery {
                    filter,
                    owner: (owner > 0).then_some(MemberId(owner)),
                    relation: (relation > 0).then_some(RelationId(relation)),
                };
                Purpose::Page(query, page.max(1))
            }
            word => {
                let (word, form) = match word.strip_suffix("_form") {
                    Some(word) => (word, true),
                    None => (word, false),
                };
                let outcome = Outcome::parse(word)?;
                let reference = AppointmentRef::parse(rest[0])?;
                if form {
                    Purpose::OutcomeForm(reference, outcome)
                } else {
                    Purpose::Outcome(reference, outcome)
                }
            }
        };
        Some(ComponentId { purpose, guild })
    }
}

/// Buttons for the next steps a reply or reminder about `guild` offers.
pub fn rows(actions: &[Action], guild: GuildId, lang: Lang) -> Vec<serenity::CreateActionRow> {
    let buttons: Vec<serenity::CreateButton> =
        actions.iter().map(|action| button(action, guild, lang)).collect();
    buttons
        .chunks(PER_ROW)
        .take(MAX_ROWS)
        .map(|row| serenity::CreateActionRow::Buttons(row.to_vec()))
        .collect()
}

fn button(action: &Action, guild: GuildId, lang: Lang) -> serenity::CreateButton {
    let (purpose, label, style) = match action {
        Action::Done(r) => (
            Purpose::Done(*r),
            say(lang, Msg::ButtonDone, &[("ref", &r.to_string())]),
            serenity::ButtonStyle::Success,
        ),
        Action::NewDate(r) => (
            Purpose::NewDate(*r),
            say(lang, Msg::ButtonNewDate, &[("ref", &r.to_string())]),
            serenity::ButtonStyle::Secondary,
        ),
        Action::Told(r) => (
            Purpose::Told(*r),
            say(lang, Msg::ButtonTold, &[]),
            serenity::ButtonStyle::Primary,
        ),
        Action::HandOver(r) => (
            Purpose::HandOver(*r),
            say(lang, Msg::ButtonHandOver, &[("ref", &r.to_string())]),
            serenity::ButtonStyle::Secondary,
        ),
        Action::Accept(r) => (
            Purpose::Accept(*r),
            say(lang, Msg::ButtonAccept, &[("ref", &r.to_string())]),
            serenity::ButtonStyle::Success,
        ),
        Action::Decline(r) => (
            Purpose::Decline(*r),
            say(lang, Msg::ButtonDecline, &[("ref", &r.to_string())]),
            serenity::ButtonStyle::Danger,
        ),
        Action::Outcome(r, outcome) => {
            let (label, style) = match outcome {
                Outcome::Kept => (Msg::ButtonKept, serenity::ButtonStyle::Success),
                Outcome::Missed => (Msg::ButtonMissed, serenity::ButtonStyle::Danger),
                Outcome::Moved => (Msg::ButtonMoved, serenity::ButtonStyle::Secondary),
            };
            (
                Purpose::Outcome(*r, *outcome),
                format!("{} ({r})", say(lang, label, &[])),
                style,
            )
        }
        Action::LogContact(r, _) => (
            Purpose::LogContact(*r),
            say(lang, Msg::ButtonLogContact, &[]),
            serenity::ButtonStyle::Primary,
        ),
        Action::History(r, _) => (
            Purpose::History(*r),
            say(lang, Msg::ButtonHistory, &[]),
            serenity::ButtonStyle::Secondary,
        ),
        Action::ImportConfirm(batch) => (
            Purpose::ImportConfirm(*batch),
            say(lang, Msg::ButtonImportConfirm, &[]),
            serenity::ButtonStyle::Success,
        ),
        Action::ImportCancel(batch) => (
            Purpose::ImportCancel(*batch),
            say(lang, Msg::ButtonImportCancel, &[]),
            serenity::ButtonStyle::Secondary,
        ),
        Action::Forget(r, _) => (
            Purpose::Forget(*r),
            say(lang, Msg::ButtonForget, &[]),
            serenity::ButtonStyle::Danger,
        ),
        Action::Details(detail) => (
            Purpose::Details(*detail),
            say(lang, Msg::ButtonDetails, &[]),
            serenity::ButtonStyle::Secondary,
        ),
        Action::Page(query, page) => {
            let label = say(lang, Msg::ButtonPage, &[("page", &page.to_string())]);
            (
                Purpose::Page(*query, *page),
                label,
                serenity::ButtonStyle::Secondary,
            )
        }
    };
    let id = ComponentId::new(purpose, guild);
    serenity::CreateButton::new(id.encode()).label(label).style(style)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::commitments::Filter;

    const GUILD: GuildId = GuildId(700_000_000_000_000_001);

    #[test]
    fn ids_round_trip_with_their_guild() {
        let query = ListQuery {
            filter: Filter::Overdue,
            owner: Some(MemberId(42)),
            relation: None,
        };
        for purpose in [
            Purpose::Done(CommitmentRef(12)),
            Purpose::NewDate(CommitmentRef(3)),
            Purpose::Told(CommitmentRef(7)),
            Purpose::Move(CommitmentRef(9)),
            Purpose::HandOver(CommitmentRef(9)),
            Purpose::HandOverForm(CommitmentRef(9)),
            Purpose::Accept(HandoverRef(4)),
            Purpose::Decline(HandoverRef(4)),
            Purpose::DeclineForm(HandoverRef(4)),
            Purpose::Outcome(AppointmentRef(5), Outcome::Kept),
            Purpose::Outcome(AppointmentRef(5), Outcome::Missed),
            Purpose::OutcomeForm(AppointmentRef(5), Outcome::Moved),
            Purpose::Page(query, 2),
            Purpose::LogContact(RelationId(77)),
            Purpose::LogForm(Some(RelationId(77))),
            Purpose::LogForm(None),
            Purpose::History(RelationId(77)),
            Purpose::ImportConfirm(12),
            Purpose::ImportCancel(12),
            Purpose::Forget(RelationId(4)),
            Purpose::Details(Detail::Delivery(3)),
            Purpose::Details(Detail::Handover(HandoverRef(3))),
        ] {
            let id = ComponentId::new(purpose, GUILD);
            let encoded = id.encode();
            assert!(encoded.len() <= 100, "Discord's limit: {encoded}");
            assert_eq!(ComponentId::parse(&encoded), Some(id));
        }
        assert_eq!(
            ComponentId::new(Purpose::Done(CommitmentRef(12)), GUILD).encode(),
            "baton:done:700000000000000001:12"
        );
        assert_eq!(
            ComponentId::new(Purpose::Details(Detail::Delivery(3)), GUILD).encode(),
            "baton:details:700000000000000001:d3"
        );
        for forged in [
            "baton:details:1:d0",
            "baton:details:1:d-4",
            "baton:details:1:dx",
            "baton:details:1:",
        ] {
            assert_eq!(ComponentId::parse(forged), None, "{forged}");
        }
    }

    #[test]
    fn ids_from_before_they_carried_a_guild_still_read() {
        assert_eq!(
            ComponentId::parse("baton:done:12"),
            Some(ComponentId {
                purpose: Purpose::Done(CommitmentRef(12)),
                guild: None
            })
        );
        let page = ComponentId::parse("baton:page:open:0:0:2").unwrap();
        assert_eq!(page.guild, None);
    }

    #[test]
    fn forged_ids_are_refused_not_trusted() {
        for forged in [
            "",
            "baton",
            "baton:done",
            "baton:done:x",
            "baton:done:12:extra",
            "baton:done:12:extra:more",
            "baton:done:0:12",
            "baton:done:-5:12",
            "baton:done:99999999999999999999:12",
            "other:done:12",
            "baton:page:open:1:2",
            "baton:page:sideways:0:0:1",
            "baton:page:open:a:0:1",
            "baton:explode:1",
            "baton:explode:1:2",
            "baton:kept:1:A-x",
            "baton:kept_formx:1:3",
            "baton:log:1:0",
            "baton:log:1:-4",
            "baton:history:1:x",
            "baton:log_form:1:-1",
            "baton:log_form:1:x",
        ] {
            assert_eq!(ComponentId::parse(forged), None, "{forged}");
        }
    }
}
