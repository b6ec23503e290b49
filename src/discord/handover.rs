//! `/handover give`, `list`, `cancel`, `accept` and `decline`.

use poise::serenity_prelude as serenity;

use super::options::{member_ref, relation_choices, suggestions, Suggest};
use super::respond;
use super::{Context, Error};
use crate::core::handover::{self, GiveHandover, HandOverAll};
use crate::core::Visibility;

#[poise::command(
    slash_command,
    guild_only,
    subcommands("give", "list", "cancel", "accept", "decline", "all"),
    subcommand_required
)]
pub async fn handover(_ctx: Context<'_>) -> Result<(), Error> {
    Ok(())
}

#[poise::command(slash_command, guild_only)]
pub async fn give(
    ctx: Context<'_>,
    to: serenity::User,
    #[autocomplete = "relation_choices"]
    #[max_length = 100]
    relation: String,
    #[max_length = 1500] notes: String,
    #[autocomplete = "promises_choices"]
    #[max_length = 200]
    promises: Option<String>,
) -> Result<(), Error> {
    let Some((app, req)) = respond::invoked(ctx) else {
        return Ok(());
    };
    // Discord resolves a member only for people in this server.
    let to_is_member = app.interaction.data.resolved.members.contains_key(&to.id);
    let input = GiveHandover {
        to_is_bot: to.bot,
        to_is_member,
        to: member_ref(&app, to),
        relation,
        notes,
        promises,
    };
    let work = handover::give(ctx.data(), &req, input);
    respond::answer(app, &req, Visibility::Channel, work).await
}

#[poise::command(slash_command, guild_only)]
pub async fn list(ctx: Context<'_>) -> Result<(), Error> {
    let Some((app, req)) = respond::invoked(ctx) else {
        return Ok(());
    };
    respond::answer(app, &req, Visibility::Private, handover::list(ctx.data(), &req)).await
}

#[poise::command(slash_command, guild_only)]
pub async fn cancel(
    ctx: Context<'_>,
    #[autocomplete = "handover_choices"]
    #[max_length = 20]
    handover: String,
) -> Result<(), Error> {
    let Some((app, req)) = respond::invoked(ctx) else {
        return Ok(());
    };
    let work = handover::cancel(ctx.data(), &req, &handover);
    respond::answer(app, &req, Visibility::Channel, work).await
}

#[poise::command(slash_command, guild_only)]
pub async fn accept(
    ctx: Context<'_>,
    #[autocomplete = "handover_choices"]
    #[max_length = 20]
    handover: String,
) -> Result<(), Error> {
    let Some((app, req)) = respond::invoked(ctx) else {
        return Ok(());
    };
    let work = handover::accept(ctx.data(), &req, &handover);
    respond::answer(app, &req, Visibility::Channel, work).await
}

#[poise::command(slash_command, guild_only)]
pub async fn decline(
    ctx: Context<'_>,
    #[autocomplete = "handover_choices"]
    #[max_length = 20]
    handover: String,
    #[max_length = 500] reason: String,
) -> Result<(), Error> {
    let Some((app, req)) = respond::invoked(ctx) else {
        return Ok(());
    };
    let work = handover::decline(ctx.data(), &req, &handover, &reason);
    respond::answer(app, &req, Visibility::Channel, work).await
}

#[poise::command(slash_command, guild_only)]
pub async fn all(
    ctx: Context<'_>,
    from: serenity::User,
    to: serenity::User,
    #[max_length = 1500] notes: String,
    accept_now: Option<bool>,
) -> Result<(), Error> {
    let Some((app, req)) = respond::invoked(ctx) else {
        return Ok(());
    };
    let to_is_member = app.interaction.data.resolved.members.contains_key(&to.id);
    let input = HandOverAll {
        to_is_bot: to.bot,
        to_is_member,
        from: member_ref(&app, from),
        to: member_ref(&app, to),
        notes,
        accept_now: accept_now.unwrap_or(false),
    };
    let work = handover::all(ctx.data(), &req, input);
    respond::answer(app, &req, Visibility::Channel, work).await
}

/// Pending handovers the person may answer or withdraw.
async fn handover_choices(ctx: Context<'_>, partial: &str) -> serenity::CreateAutocompleteResponse {
    suggestions(ctx, Suggest::Handovers, partial).await
}

/// The person's own open promises, for a comma-separated list.
async fn promises_choices(ctx: Context<'_>, partial: &str) -> serenity::CreateAutocompleteResponse {
    suggestions(ctx, Suggest::OwnPromises, partial).await
}
