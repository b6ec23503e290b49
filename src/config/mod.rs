//! Configuration: defaults, then the file (`--config PATH` or `BATON_CONFIG`), then the
//! environment (`BATON_DISCORD_TOKEN`, `DATABASE_URL`, `BATON_<SECTION>_<KEY>`). Every key is
//! checked: an unknown key, a wrong type or a bad zone stops start-up with one line naming
//! the key, so nothing runs half-configured. Secrets never print.

mod keys;
mod syntax;

use std::fmt;
use std::path::{Path, PathBuf};

use chrono::NaiveTime;
use chrono_tz::Tz;
use secrecy::SecretString;

use crate::domain::appointment::Reminders;
use crate::domain::schedule::{self, DigestTo, Repeat, Within, WorkingHours};
use crate::domain::Lang;
use keys::{Key, Raw, KEYS, OTHER_VARS};
pub use syntax::Position;

pub const DISCORD_API: &str = "https://discord.com";

#[derive(Debug, Clone)]
pub struct Config {
    pub discord: DiscordConfig,
    pub database: DatabaseConfig,
    pub time: TimeConfig,
    pub reminders: RemindersConfig,
    pub digest: DigestConfig,
    pub handover: HandoverConfig,
    pub appointments: AppointmentsConfig,
    pub privacy: PrivacyConfig,
    /// The language of a guild that has not chosen one, and of people whose Discord locale
    /// baton does not speak.
    pub locale: Lang,
}

/// Defaults for every guild; a guild changes its own with /settings.
#[derive(Debug, Clone)]
pub struct RemindersConfig {
    pub working_hours: WorkingHours,
    pub repeat_every: Repeat,
    pub escalate_after: u32,
    /// Messages per second baton allows itself towards Discord, across all channels.
    pub sends_per_second: u32,
}

#[derive(Debug, Clone)]
pub struct HandoverConfig {
    /// How long a handover waits for its answer before the recipient is nudged.
    pub ack_within: Within,
}

#[derive(Debug, Clone)]
pub struct AppointmentsConfig {
    /// When participants are reminded before an appointment.
    pub remind_before: Reminders,
    /// How soon a relation must hear the new date of a missed or moved appointment.
    pub inform_within: Within,
}

#[derive(Debug, Clone)]
pub struct PrivacyConfig {
    /// Reminders, digests and handover cards in shared channels name only the reference,
    /// the relation and the time; a guild may turn it off.
    pub minimal_channel_posts: bool,
}

#[derive(Debug, Clone)]
pub struct DigestConfig {
    pub time: NaiveTime,
    pub to: DigestTo,
}

#[derive(Debug, Clone)]
pub struct DiscordConfig {
    pub token: Option<SecretString>,
    /// Discord, or anything that speaks its API (an HTTP proxy in front of it).
    pub api_base: String,
    /// Register commands in these guilds (instant); empty registers them globally.
    pub guild_ids: Vec<u64>,
    /// Announce members who leave a server to its admins. Needs the privileged Server
    /// Members intent, switched on for the bot in Discord's developer portal.
    pub member_events: bool,
}

#[derive(Debug, Clone)]
pub struct DatabaseConfig {
    /// A PostgreSQL URL; without one baton runs its own embedded server.
    pub url: Option<SecretString>,
    /// Where the embedded server keeps its data.
    pub embedded_dir: Option<PathBuf>,
    pub max_connections: u32,
}

#[derive(Debug, Clone)]
pub struct TimeConfig {
    pub zone: Tz,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            discord: DiscordConfig {
                token: None,
                api_base: DISCORD_API.to_string(),
                guild_ids: Vec::new(),
                member_events: false,
            },
            database: DatabaseConfig {
                url: None,
                embedded_dir: None,
                max_connections: 10,
            },
            time: TimeConfig {
                zone: chrono_tz::Europe::Amsterdam,
            },
            reminders: RemindersConfig {
                working_hours: WorkingHours::default(),
                repeat_every: Repeat::default(),
                escalate_after: 2,
                sends_per_second: 40,
            },
            digest: DigestConfig {
                time: schedule::parse_clock("08:45").unwrap_or(NaiveTime::MIN),
                to: DigestTo::Dm,
            },
            handover: HandoverConfig {
                ack_within: Within::default(),
            },
            appointments: AppointmentsConfig {
                remind_before: Reminders::default(),
                inform_within: Within::WorkingDays(1),
            },
            privacy: PrivacyConfig {
                minimal_channel_posts: true,
            },
            locale: Lang::Nl,
        }
    }
}

/// Where a value came from, so an error can point at it.
#[derive(Debug, Clone)]
pub enum Source {
    File(PathBuf),
    Env(String),
}

/// One line naming what is wrong and where. It never holds a secret's value: `problem`
/// repeats a value only for keys that are not secret, and a file's syntax error is told by
/// line and column without quoting the file.
#[derive(Debug, Clone)]
pub struct ConfigError {
    /// The key, when it is known (a file that does not parse may not say).
    pub key: Option<String>,
    pub source: Option<Source>,
    /// Where in the file, for a syntax error.
    pub position: Option<Position>,
    pub problem: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let key = self.key.as_deref().map(|key| format!("`{key}`"));
        match (&self.source, key) {
            (Some(Source::File(path)), key) => {
                let key = key.map(|key| format!("{key} ")).unwrap_or_default();
                write!(f, "config error: {key}in {}", path.display())?;
                if let Some(Position { line, column }) = self.position {
                    write!(f, ", line {line}, column {column}")?;
                }
                write!(f, ": {}", self.problem)
            }
            (Some(Source::Env(var)), Some(key)) => write!(f, "config error: {var} ({key}): {}", self.problem),
            (Some(Source::Env(var)), None) => write!(f, "config error: {var}: {}", self.problem),
            (None, Some(key)) => write!(f, "config error: {key}: {}", self.problem),
            (None, None) => write!(f, "config error: {}", self.problem),
        }
    }
}

impl std::error::Error for ConfigError {}

fn key_named(name: &str) -> Option<&'static Key> {
    KEYS.iter().find(|key| key.name == name)
}

impl Config {
    /// Loads from an optional file and the given environment.
    pub fn load(
        file: Option<&Path>,
        env: impl IntoIterator<Item = (String, String)>,
    ) -> Result<Config, ConfigError> {
        let mut config = Config::default();
        if let Some(path) = file {
            config.apply_file(path)?;
        }
        let mut vars: Vec<(String, String)> = env.into_iter().collect();
        vars.sort();
        for (var, value) in vars {
            config.apply_env(&var, value)?;
        }
        Ok(config)
    }

    fn apply_file(&mut self, path: &Path) -> Result<(), ConfigError> {
        let source = Some(Source::File(path.to_path_buf()));
        let error = |key: Option<&str>, problem: String| ConfigError {
            key: key.map(str::to_string),
            source: source.clone(),
            position: None,
            problem,
        };
        let text =
            std::fs::read_to_string(path).map_err(|err| error(None, format!("cannot read it: {err}")))?;
        let table: toml::Table = text.parse().map_err(|err: toml::de::Error| {
            let syntax = syntax::describe(&text, &err);
            ConfigError {
                position: syntax.position,
                ..error(syntax.key, syntax.problem)
            }
        })?;
        for (name, raw) in flatten(table) {
            let key = key_named(&name).ok_or_else(|| {
                error(
                    Some(&name),
                    "unknown key (see bot-config.example.toml)".to_string(),
                )
            })?;
            (key.set)(self, Raw::Toml(raw)).map_err(|problem| error(Some(&name), problem))?;
        }
        Ok(())
    }

    fn apply_env(&mut self, var: &str, value: String) -> Result<(), ConfigError> {
        let error = |key: Option<&str>, problem: String| ConfigError {
            key: key.map(str::to_string),
            source: Some(Source::Env(var.to_string())),
            position: None,
            problem,
        };
        if let Some(key) = KEYS.iter().find(|key| key.env == var) {
            return (key.set)(self, Raw::Env(value)).map_err(|problem| error(Some(key.name), problem));
        }
        if var.starts_with("BATON_") && !OTHER_VARS.contains(&var) {
            return Err(error(
                None,
                "unknown setting (see bot-config.example.toml)".into(),
            ));
        }
        Ok(())
    }

    /// The token, required to connect to Discord.
    pub fn require_token(&self) -> Result<&SecretString, ConfigError> {
        self.discord.token.as_ref().ok_or_else(|| ConfigError {
            key: Some("discord.token".into()),
            source: None,
            position: None,
            problem: "is not set: put it in the config file or in BATON_DISCORD_TOKEN".into(),
        })
    }

    /// Whether requests go somewhere else than Discord itself (a proxy or a stand-in).
    pub fn uses_custom_api_base(&self) -> bool {
        self.discord.api_base != DISCORD_API
    }
}

/// `[section] key = v` becomes `section.key`; top-level values keep their name.
fn flatten(table: toml::Table) -> Vec<(String, toml::Value)> {
    let mut out = Vec::new();
    for (name, value) in table {
        match value {
            toml::Value::Table(section) => {
                for (key, value) in section {
                    out.push((format!("{name}.{key}"), value));
                }
            }
            value => out.push((name, value)),
        }
    }
    out
}

#[cfg(test)]
mod tests;
