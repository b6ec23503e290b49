//! `/promise add`, `done`, `move`, `cancel`, `told` and `list`, and `/ball`.

use poise::serenity_prelude as serenity;

use super::options::{due_choices, member_ref, relation_choices, suggestions, Suggest};
use super::respond;
use super::{Context, Error};
use crate::core::{listing, promise, Visibility};
use crate::domain::commitment::{Certainty, Direction};

#[poise::command(
    slash_command,
    guild_only,
    subcommands("add", "done", "move_due", "cancel", "told", "list"),
    subcommand_required
)]
pub async fn promise(_ctx: Context<'_>) -> Result<(), Error> {
    Ok(())
}

#[allow(clippy::too_many_arguments)]
#[poise::command(slash_command, guild_only)]
pub async fn add(
    ctx: Context<'_>,
    #[autocomplete = "relation_choices"]
    #[max_length = 100]
    relation: String,
    #[max_length = 200] what: String,
    #[autocomplete = "due_choices"]
    #[max_length = 100]
    due: String,
    owner: Option<serenity::User>,
    direction: Option<String>,
    certainty: Option<String>,
    #[max_length = 200] depends_on: Option<String>,
    #[max_length = 100] remind_before: Option<String>,
    new_relation: Option<bool>,
) -> Result<(), Error> {
    let Some((app, req)) = respond::invoked(ctx) else {
        return Ok(());
    };
    let input = promise::AddPromise {
        relation,
        what,
        due,
        owner: owner.and_then(|user| member_ref(&app, user)),
        // Discord only sends declared choices.
        direction: direction.as_deref().and_then(Direction::parse),
        certainty: certainty.as_deref().and_then(Certainty::parse),
        depends_on,
        remind_before,
        new_relation: new_relation.unwrap_or(false),
    };
    respond::answer(
        app,
        &req,
        Visibility::Channel,
        promise::add(ctx.data(), &req, input),
    )
    .await
}

#[poise::command(slash_command, guild_only)]
pub async fn done(
    ctx: Context<'_>,
    #[autocomplete = "promise_choices"]
    #[max_length = 20]
    promise: String,
    #[max_length = 200] note: Option<String>,
) -> Result<(), Error> {
    let Some((app, req)) = respond::invoked(ctx) else {
        return Ok(());
    };
    respond::answer(
        app,
        &req,
        Visibility::Channel,
        promise::done(ctx.data(), &req, &promise, note),
    )
    .await
}

#[poise::command(slash_command, guild_only, rename = "move")]
pub async fn move_due(
    ctx: Context<'_>,
    #[autocomplete = "promise_choices"]
    #[max_length = 20]
    promise: String,
    #[autocomplete = "due_choices"]
    #[max_length = 100]
    due: String,
    #[max_length = 200] reason: String,
) -> Result<(), Error> {
    let Some((app, req)) = respond::invoked(ctx) else {
        return Ok(());
    };
    let work = promise::move_due(ctx.data(), &req, &promise, &due, &reason);
    respond::answer(app, &req, Visibility::Channel, work).await
}

#[poise::command(slash_command, guild_only)]
pub async fn cancel(
    ctx: Context<'_>,
    #[autocomplete = "promise_choices"]
    #[max_length = 20]
    promise: String,
    #[max_length = 200] reason: String,
) -> Result<(), Error> {
    let Some((app, req)) = respond::invoked(ctx) else {
        return Ok(());
    };
    respond::answer(
        app,
        &req,
        Visibility::Channel,
        promise::cancel(ctx.data(), &req, &promise, &reason),
    )
    .await
}

#[poise::command(slash_command, guild_only)]
pub async fn told(
    ctx: Context<'_>,
    #[autocomplete = "promise_choices"]
    #[max_length = 20]
    promise: String,
) -> Result<(), Error> {
    let Some((app, req)) = respond::invoked(ctx) else {
        return Ok(());
    };
    respond::answer(
        app,
        &req,
        Visibility::Channel,
        promise::told(ctx.data(), &req, &promise),
    )
    .await
}

#[poise::command(slash_command, guild_only)]
pub async fn list(
    ctx: Context<'_>,
    owner: Option<serenity::User>,
    #[autocomplete = "relation_choices"]
    #[max_length = 100]
    relation: Option<String>,
    status: Option<String>,
    #[min = 1]
    #[max = 1000]
    page: Option<i64>,
) -> Result<(), Error> {
    let Some((app, req)) = respond::invoked(ctx) else {
        return Ok(());
    };
    let input = listing::ListPromises {
        owner: owner.and_then(|user| member_ref(&app, user)),
        relation,
        status: status.as_deref().and_then(listing::filter),
        page,
    };
    respond::answer(
        app,
        &req,
        Visibility::Private,
        listing::list(ctx.data(), &req, input),
    )
    .await
}

#[poise::command(slash_command, guild_only)]
pub async fn ball(ctx: Context<'_>, member: Option<serenity::User>) -> Result<(), Error> {
    let Some((app, req)) = respond::invoked(ctx) else {
        return Ok(());
    };
    let member = member.and_then(|user| member_ref(&app, user));
    respond::answer(
        app,
        &req,
        Visibility::Private,
        listing::ball(ctx.data(), &req, member),
    )
    .await
}

async fn promise_choices(ctx: Context<'_>, partial: &str) -> serenity::CreateAutocompleteResponse {
    suggestions(ctx, Suggest::Promises, partial).await
}
