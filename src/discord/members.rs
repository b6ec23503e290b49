//! A member leaving the server (with `discord.member_events` on): the admins are told what
//! they still hold, with `/handover all` as the way to pass it on.

use poise::serenity_prelude as serenity;

use super::respond::DiscordSurface;
use super::Data;
use crate::core::{handover, MemberRef};
use crate::domain::{GuildId, MemberId};

pub async fn on_leave(ctx: &serenity::Context, guild: serenity::GuildId, user: &serenity::User, env: &Data) {
    let (Some(guild_id), Some(member)) = (
        GuildId::from_snowflake(guild.get()),
        MemberId::from_snowflake(user.id.get()),
    ) else {
        return;
    };
    if user.bot {
        return;
    }
    let name = user.global_name.clone().unwrap_or_else(|| user.name.clone());
    let left = match handover::member_left(env, guild_id, MemberRef { id: member, name }).await {
        Ok(Some(left)) => left,
        Ok(None) => return,
        Err(err) => {
            tracing::warn!(%guild, error = ?err, "could not tell the admins a member left");
            return;
        }
    };
    let (reply, channel) = left;
    let text = crate::render::reply(&reply, &DiscordSurface);
    let message = serenity::CreateMessage::new()
        .content(text)
        .allowed_mentions(serenity::CreateAllowedMentions::new());
    let sent = match channel {
        Some(channel) => serenity::ChannelId::new(channel.snowflake().max(1))
            .send_message(&ctx.http, message)
            .await
            .map(drop),
        // No channel for the admins: the server's owner hears it directly.
        None => match ctx.http.get_guild(guild).await {
            Ok(server) => server.owner_id.direct_message(&ctx.http, message).await.map(drop),
            Err(err) => Err(err),
        },
    };
    if let Err(err) = sent {
        tracing::warn!(%guild, error = %err, "could not tell the admins a member left");
    }
}
