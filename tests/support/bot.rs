//! The real bot (serenity + poise, baton's own adapter) connected to the Discord stand-in,
//! over a test database and a manual clock.

use std::sync::Arc;
use std::time::Duration;

use baton::config::Config;
use baton::core::Env;
use baton::discord::DiscordNotifier;
use baton::reminders::{Scheduler, Scope};
use secrecy::SecretString;
use serde_json::Value;

use super::discord::{GuildConfig, MemberConfig, Opt, StandIn, StandInConfig};
use super::{CHANNEL, GUILD};

pub const WAIT: Duration = Duration::from_secs(10);
pub const OWNER: u64 = 700_000_000_000_000_010;
pub const ALICE: u64 = 700_000_000_000_000_011;
pub const BOB: u64 = 700_000_000_000_000_012;
pub const ADMIN: u64 = 700_000_000_000_000_013;
/// A colleague with no special rights.
pub const CAROL: u64 = 700_000_000_000_000_014;
pub const ROLE: u64 = 700_000_000_000_000_020;
/// The role that makes ADMIN a server admin.
pub const ADMIN_ROLE: u64 = 700_000_000_000_000_021;

pub struct TestBot {
    pub standin: StandIn,
    pub config: Config,
    bot: Option<baton::discord::Bot>,
}

impl TestBot {
    /// Starts the stand-in and the bot, and waits until the bot has registered its commands.
    pub async fn start(env: Arc<Env>) -> TestBot {
        TestBot::start_with(env, |_| {}).await
    }

    /// As `start`, with the configuration changed first.
    pub async fn start_with(env: Arc<Env>, configure: impl FnOnce(&mut Config)) -> TestBot {
        let guild = GuildConfig::new(GUILD.0 as u64, "Zorggroep Test", OWNER)
            .channel(CHANNEL.0 as u64)
            .role(ROLE, "zorg", 0)
            .role(ADMIN_ROLE, "beheer", super::discord::models::ADMINISTRATOR)
            .member(MemberConfig::new(OWNER, "owner"))
            .member(MemberConfig::new(ALICE, "alice"))
            .member(MemberConfig::new(BOB, "bob").roles(&[ROLE]))
            .member(MemberConfig::new(ADMIN, "admin").admin().roles(&[ADMIN_ROLE]))
            .member(MemberConfig::new(CAROL, "carol"));
        let standin = StandIn::start(StandInConfig {
            guilds: vec![guild],
            ..Default::default()
        })
        .await;
        let mut config = Config::default();
        config.discord.token = Some(SecretString::from("test-token"));
        config.discord.api_base = standin.api_base();
        config.discord.guild_ids = vec![GUILD.0 as u64];
        configure(&mut config);
        let bot = baton::discord::start(&config, env).await.expect("bot starts");
        assert!(standin.wait_ready(WAIT).await, "the bot identifies");
        standin
            .wait_commands(Some(GUILD.0 as u64), WAIT)
            .await
            .expect("the bot registers its commands");
        TestBot {
            standin,
            config,
            bot: Some(bot),
        }
    }

    /// Sends a slash command from `user` in the test channel and returns the callback body.
    pub async fn slash(
        &self,
        user: u64,
        locale: &str,
        group: &str,
        sub: &str,
        options: Vec<Opt<'_>>,
    ) -> Value {
        let caller = self.caller(user, locale);
        // A command of its own (`/ball`) takes its options directly.
        let options = if sub.is_empty() {
            options
        } else {
            vec![Opt::Sub(sub, options)]
        };
        let payload = self.standin.slash(&caller, group, &options);
        self.standin
            .send_interaction(payload)
            .callback(WAIT)
            .await
            .expect("the bot answers in time")
    }

    /// A reminder scheduler that posts to the stand-in, driven by the test with `tick`.
    pub fn scheduler(&self, env: &Env) -> Arc<Scheduler> {
        let notifier = Arc::new(DiscordNotifier::new(&self.config).expect("a token is set"));
        baton::app::scheduler(&self.config, env, notifier, Scope::All)
    }

    /// `user` in their direct messages with the bot: no guild, no member.
    pub fn direct_caller(&self, user: u64, locale: &str) -> super::discord::Caller {
        let channel = self
            .standin
            .dm_channel_of(user)
            .unwrap_or(CHANNEL.0 as u64 + 1000);
        self.standin.caller(None, channel, user).locale(locale)
    }

    pub fn caller(&self, user: u64, locale: &str) -> super::discord::Caller {
        let caller = self
            .standin
            .caller(Some(GUILD.0 as u64), CHANNEL.0 as u64, user)
            .locale(locale);
        if user == ADMIN {
            caller.admin()
        } else {
            caller
        }
    }

    /// `user` presses a button in the test channel; returns the callback body.
    pub async fn press(&self, user: u64, custom_id: &str) -> Value {
        self.press_as(&self.caller(user, "en-US"), custom_id).await
    }

    /// Someone (in a channel or a direct message) presses a button.
    pub async fn press_as(&self, caller: &super::discord::Caller, custom_id: &str) -> Value {
        let pressed = self.standin.component(caller, 1, custom_id, &[]);
        self.standin
            .send_interaction(pressed)
            .callback(WAIT)
            .await
            .expect("answered")
    }

    /// `user` sends a form in the test channel with these fields.
    pub async fn submit(&self, user: u64, custom_id: &str, fields: &[(&str, &str)]) -> Value {
        let submitted = self
            .standin
            .modal_submit(&self.caller(user, "en-US"), custom_id, fields);
        self.standin
            .send_interaction(submitted)
            .callback(WAIT)
            .await
            .expect("answered")
    }

    pub async fn stop(mut self) {
        if let Some(bot) = self.bot.take() {
            tokio::time::timeout(WAIT, bot.shutdown())
                .await
                .expect("the bot stops in time");
        }
    }
}

/// The text of a type-4 callback.
pub fn content(callback: &Value) -> &str {
    callback["data"]["content"].as_str().unwrap_or_default()
}

/// Whether a callback is visible only to the one who asked.
pub fn is_ephemeral(callback: &Value) -> bool {
    callback["data"]["flags"]
        .as_u64()
        .is_some_and(|flags| flags & 64 != 0)
}

/// The custom ids of a message's buttons, in order.
pub fn button_ids(message: &Value) -> Vec<String> {
    message["components"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|row| row["components"].as_array().cloned().unwrap_or_default())
        .filter_map(|button| button["custom_id"].as_str().map(str::to_string))
        .collect()
}
