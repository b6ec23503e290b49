//! From an interaction to a core request, and from the core's reply to Discord's answer:
//! within Discord's three seconds, with nothing typed by people able to ping anyone.

use std::collections::HashMap;
use std::future::Future;
use std::time::Duration;

use chrono::{DateTime, Utc};
use poise::serenity_prelude as serenity;

use super::{Data, Error};
use crate::core::{Actor, CommandError, Frame, Reply, Request, Visibility};
use crate::domain::{text, ChannelId, GuildId, Lang, MemberId};
use crate::render::{self, Surface};

type ApplicationContext<'a> = poise::ApplicationContext<'a, Data, Error>;

/// Discord wants a first answer within three seconds. A command still busy after this long
/// is deferred ("baton is thinking…") and answered when it is done.
const DEFER_AFTER: Duration = Duration::from_millis(2000);

/// Discord's limit on a message's content.
const CONTENT_MAX: usize = 2000;

/// The core request for an interaction in a guild; `None` outside guilds.
pub fn request(ctx: &ApplicationContext<'_>) -> Option<Request> {
    let interaction = ctx.interaction;
    let guild = GuildId::from_snowflake(interaction.guild_id?.get())?;
    let user = &interaction.user;
    let member = interaction.member.as_deref();
    let admin = member
        .and_then(|member| member.permissions)
        .is_some_and(|p| p.administrator() || p.manage_guild());
    let name = member
        .and_then(|member| member.nick.clone())
        .or_else(|| user.global_name.clone())
        .unwrap_or_else(|| user.name.clone());
    Some(Request {
        guild,
        channel: ChannelId::from_snowflake(interaction.channel_id.get()),
        actor: Actor {
            id: MemberId::from_snowflake(user.id.get())?,
            name,
            admin,
        },
        lang: Lang::from_locale(&interaction.locale),
    })
}

/// Runs the command's work and answers the interaction with its reply or its failure.
/// `expected` is how a success will be shown, known before the work ends so a deferral
/// can already take that visibility.
pub async fn answer<F>(
    ctx: ApplicationContext<'_>,
    req: &Request,
    expected: Visibility,
    work: F,
) -> Result<(), Error>
where
    F: Future<Output = Result<Reply, CommandError>>,
{
    let interaction = ctx.interaction;
    let http = &ctx.serenity_context().http;
    tokio::pin!(work);
    let result = tokio::select! {
        result = &mut work => {
            let message = Message::of(ctx.data(), req, &result);
            let response = serenity::CreateInteractionResponseMessage::new()
                .content(message.text)
                .ephemeral(message.ephemeral)
                .allowed_mentions(message.mentions);
            interaction
                .create_response(http, serenity::CreateInteractionResponse::Message(response))
                .await?;
            return Ok(());
        }
        () = tokio::time::sleep(DEFER_AFTER) => {
            if expected == Visibility::Private {
                interaction.defer_ephemeral(http).await?;
            } else {
                interaction.defer(http).await?;
            }
            work.await
        }
    };
    let message = Message::of(ctx.data(), req, &result);
    if message.ephemeral && expected == Visibility::Channel {
        // The deferral is visible to the channel; a failure must not be. Replace it with a
        // private follow-up.
        interaction.delete_response(http).await?;
        let followup = serenity::CreateInteractionResponseFollowup::new()
            .content(message.text)
            .ephemeral(true)
            .allowed_mentions(message.mentions);
        interaction.create_followup(http, followup).await?;
    } else {
        let edit = serenity::EditInteractionResponse::new()
            .content(message.text)
            .allowed_mentions(message.mentions);
        interaction.edit_response(http, edit).await?;
    }
    Ok(())
}

/// What to post for a command's result.
struct Message {
    text: String,
    ephemeral: bool,
    mentions: serenity::CreateAllowedMentions,
}

impl Message {
    fn of(env: &Data, req: &Request, result: &Result<Reply, CommandError>) -> Self {
        match result {
            Ok(reply) => Message {
                text: render::reply(reply, &DiscordSurface),
                ephemeral: reply.visibility == Visibility::Private,
                // Only the members the core chose to notify; never roles, never @everyone,
                // never anyone named inside text people typed.
                mentions: serenity::CreateAllowedMentions::new().users(
                    reply
                        .notify
                        .iter()
                        .map(|member| serenity::UserId::new(member.snowflake().max(1))),
                ),
            },
            Err(err) => Message {
                text: render::error(err, &env.cached_frame(req), &DiscordSurface),
                ephemeral: true,
                mentions: serenity::CreateAllowedMentions::new(),
            },
        }
    }
}

/// Failures poise catches before or after our handlers: logged with their cause; the
/// person gets an apology with an id when an answer is still possible.
pub async fn on_error(error: poise::FrameworkError<'_, Data, Error>) {
    match error {
        poise::FrameworkError::Command { error, ctx, .. } => {
            tracing::error!(command = %ctx.command().qualified_name, error = %error, "answering a command failed");
        }
        poise::FrameworkError::ArgumentParse { error, ctx, .. } => {
            let failure = CommandError::internal(error.as_ref());
            apologise(ctx, &failure).await;
        }
        poise::FrameworkError::CommandPanic { payload, ctx, .. } => {
            let what = payload.unwrap_or_else(|| "panic".to_string());
            let failure = CommandError::internal(&std::io::Error::other(what));
            apologise(ctx, &failure).await;
        }
        poise::FrameworkError::CommandStructureMismatch { description, ctx, .. } => {
            let failure = CommandError::internal(&std::io::Error::other(description));
            apologise(poise::Context::Application(ctx), &failure).await;
        }
        other => {
            if let Err(err) = poise::builtins::on_error(other).await {
                tracing::error!(error = %err, "handling a framework error failed");
            }
        }
    }
}

async fn apologise(ctx: poise::Context<'_, Data, Error>, failure: &CommandError) {
    let poise::Context::Application(app) = ctx else {
        return;
    };
    let Some(req) = request(&app) else { return };
    let text = render::error(failure, &ctx.data().cached_frame(&req), &DiscordSurface);
    let reply = poise::CreateReply::default()
        .content(text)
        .ephemeral(true)
        .allowed_mentions(serenity::CreateAllowedMentions::new());
    if let Err(err) = ctx.send(reply).await {
        tracing::warn!(error = %err, "could not tell the person about a failure");
    }
}

/// Discord markdown: timestamps that show in each reader's own zone and language, mentions,
/// and typed text escaped so it shows as typed.
pub struct DiscordSurface;

impl Surface for DiscordSurface {
    fn moment(&self, at: DateTime<Utc>, _frame: &Frame) -> String {
        let unix = at.timestamp();
        format!("<t:{unix}:f> (<t:{unix}:R>)")
    }

    fn date(&self, at: DateTime<Utc>, _frame: &Frame) -> String {
        format!("<t:{}:f>", at.timestamp())
    }

    fn member(&self, id: MemberId, _names: &HashMap<MemberId, String>) -> String {
        format!("<@{id}>")
    }

    fn strong(&self, text: &str) -> String {
        format!("**{text}**")
    }

    fn user_text(&self, text: &str) -> String {
        escape_markdown(text)
    }

    fn quote(&self, text: &str) -> String {
        text.lines()
            .map(|line| format!("> {}", escape_markdown(line)))
            .collect::<Vec<_>>()
            .join("\n")
    }

    fn max_len(&self) -> usize {
        CONTENT_MAX
    }
}

/// Backslash-escapes what Discord would read as formatting, so a note shows as typed.
fn escape_markdown(text: &str) -> String {
    text.split('\n')
        .map(|line| {
            let escaped = text::escape(line, &['\\', '*', '_', '~', '`', '|']);
            if line.starts_with(['#', '>', '-']) {
                format!("\\{escaped}")
            } else {
                escaped
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_formatting_shows_as_typed() {
        assert_eq!(
            escape_markdown("**bold** _x_ `c` a|b"),
            "\\*\\*bold\\*\\* \\_x\\_ \\`c\\` a\\|b"
        );
        assert_eq!(escape_markdown("# title\n> quote"), "\\# title\n\\> quote");
    }

    #[test]
    fn moments_become_discord_timestamps() {
        let at = DateTime::from_timestamp(1_764_241_200, 0).unwrap();
        let frame = Frame {
            lang: Lang::En,
            zone: chrono_tz::Europe::Amsterdam,
            now: at,
        };
        assert_eq!(
            DiscordSurface.moment(at, &frame),
            "<t:1764241200:f> (<t:1764241200:R>)"
        );
    }
}
