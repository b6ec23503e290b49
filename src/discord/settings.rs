//! `/settings guild` and `/settings digest`.

use poise::serenity_prelude as serenity;

use super::respond;
use super::{Context, Error};
use crate::core::settings::{self, ChangeSettings};
use crate::core::Visibility;
use crate::domain::schedule::DigestTo;
use crate::domain::{ChannelId, Lang, RoleId};

#[poise::command(
    slash_command,
    guild_only,
    subcommands("guild", "digest"),
    subcommand_required
)]
pub async fn settings(_ctx: Context<'_>) -> Result<(), Error> {
    Ok(())
}

#[allow(clippy::too_many_arguments)]
#[poise::command(slash_command, guild_only)]
pub async fn guild(
    ctx: Context<'_>,
    reminder_channel: Option<serenity::ChannelId>,
    escalation_role: Option<serenity::RoleId>,
    escalation_channel: Option<serenity::ChannelId>,
    restricted_role: Option<serenity::RoleId>,
    minimal_channel_posts: Option<bool>,
    #[max_length = 60] working_hours: Option<String>,
    #[max_length = 40] repeat_every: Option<String>,
    #[max_length = 40] ack_within: Option<String>,
    #[max_length = 60] appointment_reminders: Option<String>,
    #[max_length = 40] inform_within: Option<String>,
    #[min = 1]
    #[max = 20]
    escalate_after: Option<i64>,
    #[max_length = 10] digest_time: Option<String>,
    digest_to: Option<String>,
    digest_channel: Option<serenity::ChannelId>,
    #[max_length = 64] zone: Option<String>,
    language: Option<String>,
    reset: Option<String>,
) -> Result<(), Error> {
    let Some((app, req)) = respond::invoked(ctx) else {
        return Ok(());
    };
    let channel = |id: Option<serenity::ChannelId>| id.and_then(|c| ChannelId::from_snowflake(c.get()));
    let input = ChangeSettings {
        reminder_channel: channel(reminder_channel),
        escalation_role: escalation_role.and_then(|r| RoleId::from_snowflake(r.get())),
        escalation_channel: channel(escalation_channel),
        restricted_role: restricted_role.and_then(|r| RoleId::from_snowflake(r.get())),
        minimal_channel_posts,
        working_hours,
        repeat_every,
        ack_within,
        appointment_reminders,
        inform_within,
        escalate_after,
        digest_time,
        digest_to: digest_to.as_deref().and_then(DigestTo::parse),
        digest_channel: channel(digest_channel),
        zone,
        language: language.as_deref().and_then(Lang::from_locale),
        reset,
    };
    respond::answer(
        app,
        &req,
        Visibility::Private,
        settings::guild(ctx.data(), &req, input),
    )
    .await
}

#[poise::command(slash_command, guild_only)]
pub async fn digest(ctx: Context<'_>, enabled: Option<bool>) -> Result<(), Error> {
    let Some((app, req)) = respond::invoked(ctx) else {
        return Ok(());
    };
    respond::answer(
        app,
        &req,
        Visibility::Private,
        settings::digest(ctx.data(), &req, enabled),
    )
    .await
}
