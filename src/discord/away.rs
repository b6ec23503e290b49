//! `/away set`, `end` and `list`.

use poise::serenity_prelude as serenity;

use super::options::member_ref;
use super::respond;
use super::{Context, Error};
use crate::core::away::{self, SetAway};
use crate::core::Visibility;

#[poise::command(
    slash_command,
    guild_only,
    subcommands("set", "end", "list"),
    subcommand_required
)]
pub async fn away(_ctx: Context<'_>) -> Result<(), Error> {
    Ok(())
}

#[poise::command(slash_command, guild_only)]
pub async fn set(
    ctx: Context<'_>,
    #[max_length = 100] until: String,
    backup: serenity::User,
    #[max_length = 100] from: Option<String>,
    member: Option<serenity::User>,
    #[max_length = 200] note: Option<String>,
) -> Result<(), Error> {
    let Some((app, req)) = respond::invoked(ctx) else {
        return Ok(());
    };
    let backup_is_member = app.interaction.data.resolved.members.contains_key(&backup.id);
    let input = SetAway {
        until,
        backup_is_bot: backup.bot,
        backup_is_member,
        backup: member_ref(&app, backup),
        from,
        member: member.and_then(|m| member_ref(&app, m)),
        note,
    };
    let work = away::set(ctx.data(), &req, input);
    respond::answer(app, &req, Visibility::Channel, work).await
}

#[poise::command(slash_command, guild_only)]
pub async fn end(ctx: Context<'_>, member: Option<serenity::User>) -> Result<(), Error> {
    let Some((app, req)) = respond::invoked(ctx) else {
        return Ok(());
    };
    let member = member.and_then(|m| member_ref(&app, m));
    let work = away::end(ctx.data(), &req, member);
    respond::answer(app, &req, Visibility::Channel, work).await
}

#[poise::command(slash_command, guild_only)]
pub async fn list(ctx: Context<'_>) -> Result<(), Error> {
    let Some((app, req)) = respond::invoked(ctx) else {
        return Ok(());
    };
    respond::answer(app, &req, Visibility::Private, away::list(ctx.data(), &req)).await
}
