//! `/contact log` and `/contact history`.

use poise::serenity_prelude as serenity;

use super::options::{due_choices, member_ref, past_choices, relation_choices};
use super::respond;
use super::{Context, Error};
use crate::core::{contact, Visibility};
use crate::domain::contact::Via;

#[poise::command(slash_command, guild_only, subcommands("log", "history"), subcommand_required)]
pub async fn contact(_ctx: Context<'_>) -> Result<(), Error> {
    Ok(())
}

#[allow(clippy::too_many_arguments)]
#[poise::command(slash_command, guild_only)]
pub async fn log(
    ctx: Context<'_>,
    #[autocomplete = "relation_choices"]
    #[max_length = 100]
    relation: String,
    #[max_length = 1000] summary: String,
    via: Option<String>,
    #[autocomplete = "past_choices"]
    #[max_length = 100]
    when: Option<String>,
    #[max_length = 200] follow_up: Option<String>,
    #[autocomplete = "due_choices"]
    #[max_length = 100]
    follow_up_due: Option<String>,
    follow_up_owner: Option<serenity::User>,
    restricted: Option<bool>,
    new_relation: Option<bool>,
) -> Result<(), Error> {
    let Some((app, req)) = respond::invoked(ctx) else {
        return Ok(());
    };
    let owner = follow_up_owner.and_then(|user| member_ref(&app, user));
    let input = contact::LogContact {
        relation,
        summary,
        // Discord only sends declared choices.
        via: via.as_deref().and_then(Via::parse),
        when,
        follow_up,
        follow_up_due,
        follow_up_owner: owner,
        restricted: restricted.unwrap_or(false),
        new_relation: new_relation.unwrap_or(false),
    };
    let env = ctx.data();
    respond::answer(app, &req, Visibility::Channel, contact::log(env, &req, input)).await
}

#[poise::command(slash_command, guild_only)]
pub async fn history(
    ctx: Context<'_>,
    #[autocomplete = "relation_choices"]
    #[max_length = 100]
    relation: String,
    #[min = 1]
    #[max = 50]
    limit: Option<i64>,
) -> Result<(), Error> {
    let Some((app, req)) = respond::invoked(ctx) else {
        return Ok(());
    };
    let input = contact::ContactHistory { relation, limit };
    let env = ctx.data();
    respond::answer(app, &req, Visibility::Private, contact::history(env, &req, input)).await
}

/// "Log as contact" on any message: a form with the message's text as the summary, so
/// what a colleague already wrote becomes a contact in two clicks.
#[poise::command(
    context_menu_command = "Log as contact",
    name_localized("nl", "Vastleggen als contact"),
    guild_only
)]
pub async fn log_message(ctx: Context<'_>, message: serenity::Message) -> Result<(), Error> {
    let Some((app, req)) = respond::invoked(ctx) else {
        return Ok(());
    };
    let lang = req.lang.unwrap_or(ctx.data().cached_frame(&req).lang);
    let form = super::components::log_form(None, Some(&message.content), req.guild, lang);
    app.interaction
        .create_response(ctx.http(), serenity::CreateInteractionResponse::Modal(form))
        .await?;
    Ok(())
}
