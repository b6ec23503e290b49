//! From an interaction to a core request, and from the core's reply to Discord's answer:
//! within Discord's three seconds, with nothing typed by people able to ping anyone.

use std::collections::HashMap;
use std::future::Future;
use std::time::Duration;

use chrono::{DateTime, Utc};
use poise::serenity_prelude as serenity;

use super::{buttons, Data, Error};
use crate::core::{Actor, CommandError, Frame, Reply, Request, Visibility};
use crate::domain::{text, ChannelId, GuildId, Lang, MemberId, RoleId};
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
    request_from(
        interaction.guild_id,
        interaction.channel_id,
        &interaction.user,
        interaction.member.as_deref(),
        &interaction.locale,
    )
}

/// The slash command being answered and its core request; `None` outside guilds (commands
/// are declared guild-only, so that is forged input, ignored).
pub fn invoked(ctx: super::Context<'_>) -> Option<(ApplicationContext<'_>, Request)> {
    let poise::Context::Application(app) = ctx else {
        return None;
    };
    let req = request(&app)?;
    Some((app, req))
}

/// The core request for any interaction: who, where, in which language.
pub fn request_from(
    guild: Option<serenity::GuildId>,
    channel: serenity::ChannelId,
    user: &serenity::User,
    member: Option<&serenity::Member>,
    locale: &str,
) -> Option<Request> {
    let guild = GuildId::from_snowflake(guild?.get())?;
    let admin = member
        .and_then(|member| member.permissions)
        .is_some_and(|p| p.administrator() || p.manage_guild());
    let name = member
        .and_then(|member| member.nick.clone())
        .or_else(|| user.global_name.clone())
        .unwrap_or_else(|| user.name.clone());
    Some(Request {
        guild,
        channel: ChannelId::from_snowflake(channel.get()),
        actor: Actor {
            id: MemberId::from_snowflake(user.id.get())?,
            name,
            admin,
            roles: member
                .map(|m| {
                    m.roles
                        .iter()
                        .filter_map(|r| RoleId::from_snowflake(r.get()))
                        .collect()
                })
                .unwrap_or_default(),
        },
        lang: Lang::from_locale(locale),
    })
}

/// The interaction being answered: a slash command, a button or a modal. They answer the
/// same way.
#[derive(Clone, Copy)]
pub enum Responding<'a> {
    Command(&'a serenity::CommandInteraction),
    Component(&'a serenity::ComponentInteraction),
    Modal(&'a serenity::ModalInteraction),
}

impl<'a> Responding<'a> {
    /// Where and by whom: guild, channel, user, member, locale.
    pub fn who(
        &self,
    ) -> (
        Option<serenity::GuildId>,
        serenity::ChannelId,
        &'a serenity::User,
        Option<&'a serenity::Member>,
        &'a str,
    ) {
        match *self {
            Responding::Command(i) => (i.guild_id, i.channel_id, &i.user, i.member.as_deref(), &i.locale),
            Responding::Component(i) => (i.guild_id, i.channel_id, &i.user, i.member.as_ref(), &i.locale),
            Responding::Modal(i) => (i.guild_id, i.channel_id, &i.user, i.member.as_ref(), &i.locale),
        }
    }

    pub async fn create(
        &self,
        http: &serenity::Http,
        response: serenity::CreateInteractionResponse,
    ) -> serenity::Result<()> {
        match self {
            Responding::Command(i) => i.create_response(http, response).await,
            Responding::Component(i) => i.create_response(http, response).await,
            Responding::Modal(i) => i.create_response(http, response).await,
        }
    }

    async fn defer(&self, http: &serenity::Http, ephemeral: bool) -> serenity::Result<()> {
        let message = serenity::CreateInteractionResponseMessage::new().ephemeral(ephemeral);
        self.create(http, serenity::CreateInteractionResponse::Defer(message))
            .await
    }

    async fn edit(
        &self,
        http: &serenity::Http,
        edit: serenity::EditInteractionResponse,
    ) -> serenity::Result<()> {
        match self {
            Responding::Command(i) => i.edit_response(http, edit).await.map(drop),
            Responding::Component(i) => i.edit_response(http, edit).await.map(drop),
            Responding::Modal(i) => i.edit_response(http, edit).await.map(drop),
        }
    }

    async fn delete(&self, http: &serenity::Http) -> serenity::Result<()> {
        match self {
            Responding::Command(i) => i.delete_response(http).await,
            Responding::Component(i) => i.delete_response(http).await,
            Responding::Modal(i) => i.delete_response(http).await,
        }
    }

    async fn followup(
        &self,
        http: &serenity::Http,
        followup: serenity::CreateInteractionResponseFollowup,
    ) -> serenity::Result<()> {
        match self {
            Responding::Command(i) => i.create_followup(http, followup).await.map(drop),
            Responding::Component(i) => i.create_followup(http, followup).await.map(drop),
            Responding::Modal(i) => i.create_followup(http, followup).await.map(drop),
        }
    }
}

/// How a reply takes its place.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Placement {
    /// A new message (or the answer to a slash command).
    New,
    /// Replaces the message the button was on (a list's next page).
    Update,
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
    let http = &ctx.serenity_context().http;
    respond(
        Responding::Command(ctx.interaction),
        http,
        ctx.data(),
        req,
        expected,
        Placement::New,
        work,
    )
    .await
}

/// Answers any interaction with the outcome of `work`, deferring when it takes long.
pub async fn respond<F>(
    to: Responding<'_>,
    http: &serenity::Http,
    env: &Data,
    req: &Request,
    expected: Visibility,
    placement: Placement,
    work: F,
) -> Result<(), Error>
where
    F: Future<Output = Result<Reply, CommandError>>,
{
    tokio::pin!(work);
    let result = tokio::select! {
        result = &mut work => {
            let message = Message::of(env, req, &result);
            let body = serenity::CreateInteractionResponseMessage::new()
                .content(message.text)
                .allowed_mentions(message.mentions)
                .components(message.components)
                .add_files(message.files);
            let response = match (placement, message.ephemeral, &result) {
                (Placement::Update, _, Ok(_)) => serenity::CreateInteractionResponse::UpdateMessage(body),
                (_, ephemeral, _) => serenity::CreateInteractionResponse::Message(body.ephemeral(ephemeral)),
            };
            to.create(http, response).await?;
            return Ok(());
        }
        () = tokio::time::sleep(DEFER_AFTER) => {
            to.defer(http, expected == Visibility::Private).await?;
            work.await
        }
    };
    let message = Message::of(env, req, &result);
    if message.ephemeral && expected == Visibility::Channel {
        // The deferral is visible to the channel; a failure must not be. Replace it with a
        // private follow-up.
        to.delete(http).await?;
        let followup = serenity::CreateInteractionResponseFollowup::new()
            .content(message.text)
            .ephemeral(true)
            .allowed_mentions(message.mentions);
        to.followup(http, followup).await?;
    } else {
        let edit = message.files.into_iter().fold(
            serenity::EditInteractionResponse::new()
                .content(message.text)
                .allowed_mentions(message.mentions)
                .components(message.components),
            serenity::EditInteractionResponse::new_attachment,
        );
        to.edit(http, edit).await?;
    }
    Ok(())
}

/// What to post for a command's result.
struct Message {
    text: String,
    ephemeral: bool,
    mentions: serenity::CreateAllowedMentions,
    components: Vec<serenity::CreateActionRow>,
    /// The reply's files (a calendar file).
    files: Vec<serenity::CreateAttachment>,
}

impl Message {
    fn of(env: &Data, req: &Request, result: &Result<Reply, CommandError>) -> Self {
        match result {
            Ok(reply) => Message {
                text: render::reply(reply, &DiscordSurface),
                ephemeral: reply.visibility == Visibility::Private,
                // Only the members the core chose to notify; never roles, never @everyone,
                // never anyone named inside text people typed.
                mentions: serenity::CreateAllowedMentions::new()
                    .users(reply.notify.iter().map(|m| user_id(*m))),
                components: buttons::rows(&reply.actions, req.guild, reply.frame.lang),
                files: reply
                    .attachments
                    .iter()
                    .map(|file| serenity::CreateAttachment::bytes(file.data.clone(), file.name.clone()))
                    .collect(),
            },
            Err(err) => Message {
                text: render::error(err, &env.cached_frame(req), &DiscordSurface),
                ephemeral: true,
                mentions: serenity::CreateAllowedMentions::new(),
                components: Vec::new(),
                files: Vec::new(),
            },
        }
    }
}

pub fn user_id(member: MemberId) -> serenity::UserId {
    serenity::UserId::new(member.snowflake().max(1))
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

    fn channel(&self, id: ChannelId) -> String {
        format!("<#{id}>")
    }

    fn role(&self, id: RoleId) -> String {
        format!("<@&{id}>")
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
