//! The Discord adapter: declares the slash commands with poise, reads each interaction into a
//! core request, and renders the core's reply. No rule lives here.

mod acting;
mod appointment;
mod away;
pub mod buttons;
mod components;
mod contact;
mod handover;
mod localize;
mod members;
mod notifier;
mod options;
mod promise;
mod relation;
mod respond;
mod settings;

use std::sync::Arc;

use poise::serenity_prelude as serenity;
use secrecy::ExposeSecret;

use crate::config::Config;
use crate::core::Env;

pub use notifier::DiscordNotifier;
pub use respond::DiscordSurface;

pub type Data = Arc<Env>;
pub type Error = Box<dyn std::error::Error + Send + Sync>;
pub type Context<'a> = poise::Context<'a, Data, Error>;

/// Every slash command baton declares, with names and descriptions from the catalog.
pub fn commands() -> Vec<poise::Command<Data, Error>> {
    let mut commands = vec![
        contact::contact(),
        promise::promise(),
        promise::ball(),
        handover::handover(),
        away::away(),
        appointment::appointment(),
        relation::relation(),
        settings::settings(),
        contact::log_message(),
    ];
    for command in &mut commands {
        localize::apply(command);
    }
    commands
}

/// A running bot; `shutdown` disconnects it cleanly.
pub struct Bot {
    shard_manager: Arc<serenity::ShardManager>,
    task: tokio::task::JoinHandle<Result<(), serenity::Error>>,
}

impl Bot {
    pub async fn shutdown(self) {
        self.shard_manager.shutdown_all().await;
        match self.task.await {
            Ok(Ok(())) => {}
            Ok(Err(err)) => tracing::warn!(error = %err, "Discord client ended with an error"),
            Err(err) => tracing::warn!(error = %err, "Discord client task failed"),
        }
    }

    /// Waits until the client stops by itself (a fatal gateway error).
    pub async fn stopped(&mut self) -> Result<(), serenity::Error> {
        match (&mut self.task).await {
            Ok(result) => result,
            Err(err) => Err(serenity::Error::Other(if err.is_panic() {
                "client panicked"
            } else {
                "client cancelled"
            })),
        }
    }
}

/// Connects to Discord (or whatever `discord.api_base` points at) and starts answering.
pub async fn start(config: &Config, env: Arc<Env>) -> Result<Bot, Box<dyn std::error::Error + Send + Sync>> {
    let token = config.require_token()?.expose_secret().to_string();
    let http = if config.uses_custom_api_base() {
        // serenity sends requests to the proxy only with its own rate limiter off; the
        // proxy (or Discord's answers) then govern the pace.
        serenity::HttpBuilder::new(&token)
            .proxy(config.discord.api_base.clone())
            .ratelimiter_disabled(true)
            .build()
    } else {
        serenity::HttpBuilder::new(&token).build()
    };
    let guild_ids = config.discord.guild_ids.clone();
    let framework = poise::Framework::builder()
        .options(poise::FrameworkOptions {
            commands: commands(),
            initialize_owners: false,
            on_error: |error| Box::pin(respond::on_error(error)),
            event_handler: |framework, event| {
                Box::pin(async move {
                    match event {
                        serenity::FullEvent::InteractionCreate { interaction } => {
                            components::on_interaction(
                                framework.serenity_context,
                                interaction,
                                framework.user_data,
                            )
                            .await;
                        }
                        serenity::FullEvent::GuildMemberRemoval { guild_id, user, .. } => {
                            members::on_leave(
                                framework.serenity_context,
                                *guild_id,
                                user,
                                framework.user_data,
                            )
                            .await;
                        }
                        _ => {}
                    }
                    Ok(())
                })
            },
            ..Default::default()
        })
        .setup(move |ctx, ready, framework| {
            Box::pin(async move {
                tracing::info!(user = %ready.user.name, guilds = ready.guilds.len(), "connected to Discord");
                let declared = localize::declared(&framework.options().commands);
                register(ctx, declared, &guild_ids).await;
                Ok(env)
            })
        })
        .build();
    // Members leaving are seen only with the privileged Server Members intent, asked for
    // only when `discord.member_events` is on.
    let intents = if config.discord.member_events {
        serenity::GatewayIntents::GUILDS | serenity::GatewayIntents::GUILD_MEMBERS
    } else {
        serenity::GatewayIntents::GUILDS
    };
    let mut client = serenity::ClientBuilder::new_with_http(http, intents)
        .framework(framework)
        .await?;
    let shard_manager = client.shard_manager.clone();
    let task = tokio::spawn(async move { client.start_autosharded().await });
    Ok(Bot { shard_manager, task })
}

/// Registers the commands per guild (instantly visible) or globally. A failure is logged, not
/// fatal: commands registered earlier keep working.
async fn register(ctx: &serenity::Context, declared: Vec<serenity::CreateCommand>, guild_ids: &[u64]) {
    if guild_ids.is_empty() {
        match serenity::Command::set_global_commands(ctx, declared).await {
            Ok(registered) => tracing::info!(count = registered.len(), "registered commands globally"),
            Err(err) => tracing::error!(error = %err, "could not register commands globally"),
        }
        return;
    }
    for guild in guild_ids {
        let guild = serenity::GuildId::new(*guild);
        match guild.set_commands(ctx, declared.clone()).await {
            Ok(registered) => tracing::info!(%guild, count = registered.len(), "registered commands"),
            Err(err) => tracing::error!(%guild, error = %err, "could not register commands"),
        }
    }
}
