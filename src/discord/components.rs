//! Buttons and the new-date form: what they carry in their `custom_id` (people can forge
//! it, so it is parsed, never trusted), how they are shown, and what pressing them does.

use poise::serenity_prelude as serenity;

use super::respond::{self, Placement, Responding};
use super::Data;
use crate::core::listing::{self, filter_word};
use crate::core::{promise, Action, ListQuery, Visibility};
use crate::domain::{CommitmentRef, Lang, MemberId, RelationId};
use crate::i18n::{say, Msg};

const PREFIX: &str = "baton";
/// Discord allows five buttons in a row and five rows in a message.
const PER_ROW: usize = 5;
const MAX_ROWS: usize = 5;

/// What a button or form is for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ComponentId {
    Done(CommitmentRef),
    NewDate(CommitmentRef),
    Told(CommitmentRef),
    Page(ListQuery, u32),
    /// The new-date form of a commitment.
    Move(CommitmentRef),
}

impl ComponentId {
    pub fn encode(&self) -> String {
        match self {
            ComponentId::Done(r) => format!("{PREFIX}:done:{}", r.0),
            ComponentId::NewDate(r) => format!("{PREFIX}:date:{}", r.0),
            ComponentId::Told(r) => format!("{PREFIX}:told:{}", r.0),
            ComponentId::Move(r) => format!("{PREFIX}:move:{}", r.0),
            ComponentId::Page(query, page) => format!(
                "{PREFIX}:page:{}:{}:{}:{page}",
                filter_word(query.filter),
                query.owner.map_or(0, |m| m.0),
                query.relation.map_or(0, |r| r.0)
            ),
        }
    }

    /// Reads a `custom_id`; anything else than what `encode` writes is refused.
    pub fn parse(id: &str) -> Option<ComponentId> {
        let mut parts = id.split(':');
        if parts.next()? != PREFIX {
            return None;
        }
        let kind = parts.next()?;
        let reference = |parts: &mut std::str::Split<'_, char>| -> Option<CommitmentRef> {
            CommitmentRef::parse(parts.next()?)
        };
        let parsed = match kind {
            "done" => ComponentId::Done(reference(&mut parts)?),
            "date" => ComponentId::NewDate(reference(&mut parts)?),
            "told" => ComponentId::Told(reference(&mut parts)?),
            "move" => ComponentId::Move(reference(&mut parts)?),
            "page" => {
                let filter = listing::filter(parts.next()?)?;
                let owner: i64 = parts.next()?.parse().ok()?;
                let relation: i64 = parts.next()?.parse().ok()?;
                let page: u32 = parts.next()?.parse().ok()?;
                let query = ListQuery {
                    filter,
                    owner: (owner > 0).then_some(MemberId(owner)),
                    relation: (relation > 0).then_some(RelationId(relation)),
                };
                ComponentId::Page(query, page.max(1))
            }
            _ => return None,
        };
        parts.next().is_none().then_some(parsed)
    }
}

/// Buttons for the next steps a reply or reminder offers.
pub fn rows(actions: &[Action], lang: Lang) -> Vec<serenity::CreateActionRow> {
    let buttons: Vec<serenity::CreateButton> = actions.iter().map(|action| button(action, lang)).collect();
    buttons
        .chunks(PER_ROW)
        .take(MAX_ROWS)
        .map(|row| serenity::CreateActionRow::Buttons(row.to_vec()))
        .collect()
}

fn button(action: &Action, lang: Lang) -> serenity::CreateButton {
    let (id, label, style) = match action {
        Action::Done(r) => (
            ComponentId::Done(*r),
            say(lang, Msg::ButtonDone, &[("ref", &r.to_string())]),
            serenity::ButtonStyle::Success,
        ),
        Action::NewDate(r) => (
            ComponentId::NewDate(*r),
            say(lang, Msg::ButtonNewDate, &[("ref", &r.to_string())]),
            serenity::ButtonStyle::Secondary,
        ),
        Action::Told(r) => (
            ComponentId::Told(*r),
            say(lang, Msg::ButtonTold, &[]),
            serenity::ButtonStyle::Primary,
        ),
        Action::Page(query, page) => {
            let label = say(lang, Msg::ButtonPage, &[("page", &page.to_string())]);
            (
                ComponentId::Page(*query, *page),
                label,
                serenity::ButtonStyle::Secondary,
            )
        }
    };
    serenity::CreateButton::new(id.encode()).label(label).style(style)
}

/// Handles a pressed button or a submitted form.
pub async fn on_interaction(ctx: &serenity::Context, interaction: &serenity::Interaction, env: &Data) {
    let outcome = match interaction {
        serenity::Interaction::Component(pressed) => on_component(ctx, pressed, env).await,
        serenity::Interaction::Modal(submitted) => on_modal(ctx, submitted, env).await,
        _ => Ok(()),
    };
    if let Err(err) = outcome {
        tracing::warn!(error = %err, "answering a button or form failed");
    }
}

async fn on_component(
    ctx: &serenity::Context,
    pressed: &serenity::ComponentInteraction,
    env: &Data,
) -> Result<(), super::Error> {
    let Some(id) = ComponentId::parse(&pressed.data.custom_id) else {
        tracing::warn!(custom_id = %pressed.data.custom_id, "unknown button");
        return Ok(());
    };
    let Some(req) = respond::request_from(
        pressed.guild_id,
        pressed.channel_id,
        &pressed.user,
        pressed.member.as_ref(),
        &pressed.locale,
    ) else {
        return Ok(());
    };
    let http = &ctx.http;
    let to = Responding::Component(pressed);
    match id {
        ComponentId::Done(r) => {
            let reference = r.to_string();
            let work = promise::done(env, &req, &reference, None);
            respond::respond(to, http, env, &req, Visibility::Channel, Placement::New, work).await
        }
        ComponentId::Told(r) => {
            let reference = r.to_string();
            let work = promise::told(env, &req, &reference);
            respond::respond(to, http, env, &req, Visibility::Channel, Placement::New, work).await
        }
        ComponentId::Page(query, page) => {
            let work = listing::page_of(env, &req, query, page);
            respond::respond(to, http, env, &req, Visibility::Private, Placement::Update, work).await
        }
        ComponentId::NewDate(r) | ComponentId::Move(r) => {
            let lang = req.lang.unwrap_or(env.cached_frame(&req).lang);
            let form = move_form(r, lang);
            pressed
                .create_response(http, serenity::CreateInteractionResponse::Modal(form))
                .await?;
            Ok(())
        }
    }
}

/// The form asking for a new date and the reason.
fn move_form(reference: CommitmentRef, lang: Lang) -> serenity::CreateModal {
    let title = say(lang, Msg::FormMoveTitle, &[("ref", &reference.to_string())]);
    let due = serenity::CreateInputText::new(
        serenity::InputTextStyle::Short,
        say(lang, Msg::FormDue, &[]),
        "due",
    )
    .placeholder(say(lang, Msg::FormDuePlaceholder, &[]))
    .max_length(100)
    .required(true);
    let reason = serenity::CreateInputText::new(
        serenity::InputTextStyle::Paragraph,
        say(lang, Msg::FormReason, &[]),
        "reason",
    )
    .max_length(200)
    .required(true);
    serenity::CreateModal::new(ComponentId::Move(reference).encode(), title).components(vec![
        serenity::CreateActionRow::InputText(due),
        serenity::CreateActionRow::InputText(reason),
    ])
}

async fn on_modal(
    ctx: &serenity::Context,
    submitted: &serenity::ModalInteraction,
    env: &Data,
) -> Result<(), super::Error> {
    let Some(ComponentId::Move(reference)) = ComponentId::parse(&submitted.data.custom_id) else {
        tracing::warn!(custom_id = %submitted.data.custom_id, "unknown form");
        return Ok(());
    };
    let Some(req) = respond::request_from(
        submitted.guild_id,
        submitted.channel_id,
        &submitted.user,
        submitted.member.as_ref(),
        &submitted.locale,
    ) else {
        return Ok(());
    };
    let field = |name: &str| {
        submitted
            .data
            .components
            .iter()
            .flat_map(|row| row.components.iter())
            .find_map(|component| match component {
                serenity::ActionRowComponent::InputText(input) if input.custom_id == name => {
                    input.value.clone()
                }
                _ => None,
            })
            .unwrap_or_default()
    };
    let (due, reason) = (field("due"), field("reason"));
    let reference = reference.to_string();
    let work = promise::move_due(env, &req, &reference, &due, &reason);
    let to = Responding::Modal(submitted);
    respond::respond(
        to,
        &ctx.http,
        env,
        &req,
        Visibility::Channel,
        Placement::New,
        work,
    )
    .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::commitments::Filter;

    #[test]
    fn ids_round_trip() {
        let query = ListQuery {
            filter: Filter::Overdue,
            owner: Some(MemberId(42)),
            relation: None,
        };
        for id in [
            ComponentId::Done(CommitmentRef(12)),
            ComponentId::NewDate(CommitmentRef(3)),
            ComponentId::Told(CommitmentRef(7)),
            ComponentId::Move(CommitmentRef(9)),
            ComponentId::Page(query, 2),
        ] {
            let encoded = id.encode();
            assert!(encoded.len() <= 100, "Discord's limit: {encoded}");
            assert_eq!(ComponentId::parse(&encoded), Some(id));
        }
    }

    #[test]
    fn forged_ids_are_refused_not_trusted() {
        for forged in [
            "",
            "baton",
            "baton:done",
            "baton:done:x",
            "baton:done:12:extra",
            "other:done:12",
            "baton:page:open:1:2",
            "baton:page:sideways:0:0:1",
            "baton:page:open:a:0:1",
            "baton:explode:1",
        ] {
            assert_eq!(ComponentId::parse(forged), None, "{forged}");
        }
    }
}
