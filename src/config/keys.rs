//! Every configuration key: its name, its environment variable, and how its value is read
//! and checked.

use std::path::PathBuf;

use secrecy::SecretString;

use super::Config;
use crate::domain::schedule::{self, DigestTo, Repeat, Within, WorkingHours};
use crate::domain::Lang;

/// A raw value from the file (typed TOML) or the environment (always text).
pub(super) enum Raw {
    Toml(toml::Value),
    Env(String),
}

impl Raw {
    fn text(self) -> Result<String, String> {
        match self {
            Raw::Toml(toml::Value::String(text)) | Raw::Env(text) => Ok(text),
            Raw::Toml(other) => Err(format!("must be a string, not {}", other.type_str())),
        }
    }

    fn integer(self) -> Result<i64, String> {
        match self {
            Raw::Toml(toml::Value::Integer(n)) => Ok(n),
            Raw::Env(text) => text
                .trim()
                .parse()
                .map_err(|_| format!("must be a whole number, not “{text}”")),
            Raw::Toml(other) => Err(format!("must be a whole number, not {}", other.type_str())),
        }
    }

    fn boolean(self) -> Result<bool, String> {
        match self {
            Raw::Toml(toml::Value::Boolean(b)) => Ok(b),
            Raw::Env(text) => match text.trim().to_lowercase().as_str() {
                "true" | "yes" | "on" | "1" => Ok(true),
                "false" | "no" | "off" | "0" | "" => Ok(false),
                _ => Err(format!("must be true or false, not “{text}”")),
            },
            Raw::Toml(other) => Err(format!("must be true or false, not {}", other.type_str())),
        }
    }

    fn snowflakes(self) -> Result<Vec<u64>, String> {
        let items: Vec<Raw> = match self {
            Raw::Toml(toml::Value::Array(items)) => items.into_iter().map(Raw::Toml).collect(),
            Raw::Env(text) => text
                .split(',')
                .map(str::trim)
                .filter(|part| !part.is_empty())
                .map(|part| Raw::Env(part.to_string()))
                .collect(),
            Raw::Toml(other) => return Err(format!("must be a list of ids, not {}", other.type_str())),
        };
        items
            .into_iter()
            .map(|item| match item {
                // Ids written as strings are common: Discord shows them as text.
                Raw::Toml(toml::Value::String(text)) => Raw::Env(text),
                other => other,
            })
            .map(|item| {
                item.integer().and_then(|n| {
                    u64::try_from(n)
                        .ok()
                        .filter(|n| *n > 0)
                        .ok_or_else(|| format!("{n} is not a Discord id"))
                })
            })
            .collect()
    }
}

pub(super) type Setter = fn(&mut Config, Raw) -> Result<(), String>;

pub(super) struct Key {
    pub(super) name: &'static str,
    pub(super) env: &'static str,
    pub(super) set: Setter,
}

pub(super) const KEYS: &[Key] = &[
    Key {
        name: "discord.token",
        env: "BATON_DISCORD_TOKEN",
        set: |config, raw| {
            let token = raw.text()?.trim().to_string();
            if token.is_empty() {
                return Err("is empty".into());
            }
            config.discord.token = Some(SecretString::from(token));
            Ok(())
        },
    },
    Key {
        name: "discord.api_base",
        env: "BATON_DISCORD_API_BASE",
        set: |config, raw| {
            let base = raw.text()?.trim().trim_end_matches('/').to_string();
            if !(base.starts_with("http://") || base.starts_with("https://")) {
                return Err(format!("must start with http:// or https://, not “{base}”"));
            }
            config.discord.api_base = base;
            Ok(())
        },
    },
    Key {
        name: "discord.guild_ids",
        env: "BATON_DISCORD_GUILD_IDS",
        set: |config, raw| {
            config.discord.guild_ids = raw.snowflakes()?;
            Ok(())
        },
    },
    Key {
        name: "discord.member_events",
        env: "BATON_DISCORD_MEMBER_EVENTS",
        set: |config, raw| {
            config.discord.member_events = raw.boolean()?;
            Ok(())
        },
    },
    Key {
        name: "database.url",
        env: "DATABASE_URL",
        set: |config, raw| {
            let url = raw.text()?.trim().to_string();
            if !(url.starts_with("postgres://") || url.starts_with("postgresql://")) {
                return Err("must be a postgres:// URL".into());
            }
            config.database.url = Some(SecretString::from(url));
            Ok(())
        },
    },
    Key {
        name: "database.embedded_dir",
        env: "BATON_DATABASE_EMBEDDED_DIR",
        set: |config, raw| {
            config.database.embedded_dir = Some(PathBuf::from(raw.text()?));
            Ok(())
        },
    },
    Key {
        name: "database.max_connections",
        env: "BATON_DATABASE_MAX_CONNECTIONS",
        set: |config, raw| {
            let n = raw.integer()?;
            config.database.max_connections = bounded(n, 1, 1000)?;
            Ok(())
        },
    },
    Key {
        name: "time.zone",
        env: "BATON_TIME_ZONE",
        set: |config, raw| {
            let name = raw.text()?;
            config.time.zone = name
                .trim()
                .parse()
                .map_err(|_| format!("“{name}” is not an IANA time zone (for example Europe/Amsterdam)"))?;
            Ok(())
        },
    },
    Key {
        name: "reminders.working_hours",
        env: "BATON_REMINDERS_WORKING_HOURS",
        set: |config, raw| {
            let text = raw.text()?;
            config.reminders.working_hours = WorkingHours::parse(&text).map_err(|_| {
                format!("“{text}” is not readable: write days and hours like \"mon-fri 08:30-17:30\"")
            })?;
            Ok(())
        },
    },
    Key {
        name: "reminders.repeat_every",
        env: "BATON_REMINDERS_REPEAT_EVERY",
        set: |config, raw| {
            let text = raw.text()?;
            config.reminders.repeat_every = Repeat::parse(&text)
                .map_err(|_| format!("“{text}” is not readable: write \"1 working day\" or \"4 hours\""))?;
            Ok(())
        },
    },
    Key {
        name: "reminders.escalate_after",
        env: "BATON_REMINDERS_ESCALATE_AFTER",
        set: |config, raw| {
            config.reminders.escalate_after = bounded(raw.integer()?, 1, 20)?;
            Ok(())
        },
    },
    Key {
        name: "reminders.sends_per_second",
        env: "BATON_REMINDERS_SENDS_PER_SECOND",
        set: |config, raw| {
            config.reminders.sends_per_second = bounded(raw.integer()?, 1, 10_000)?;
            Ok(())
        },
    },
    Key {
        name: "digest.time",
        env: "BATON_DIGEST_TIME",
        set: |config, raw| {
            let text = raw.text()?;
            config.digest.time = schedule::parse_clock(&text)
                .ok_or_else(|| format!("“{text}” is not a time of day like \"08:45\""))?;
            Ok(())
        },
    },
    Key {
        name: "digest.to",
        env: "BATON_DIGEST_TO",
        set: |config, raw| {
            let text = raw.text()?;
            config.digest.to = DigestTo::parse(text.trim())
                .ok_or_else(|| format!("must be \"dm\" or \"channel\", not “{text}”"))?;
            Ok(())
        },
    },
    Key {
        name: "handover.ack_within",
        env: "BATON_HANDOVER_ACK_WITHIN",
        set: |config, raw| {
            let text = raw.text()?;
            config.handover.ack_within = Within::parse(&text).map_err(|_| {
                format!("“{text}” is not readable: write \"4 working hours\" or \"1 working day\"")
            })?;
            Ok(())
        },
    },
    Key {
        name: "appointments.remind_before",
        env: "BATON_APPOINTMENTS_REMIND_BEFORE",
        set: |config, raw| {
            let text = raw.text()?;
            config.appointments.remind_before =
                crate::domain::appointment::Reminders::parse(&text).map_err(|_| {
                    format!(
                        "“{text}” is not readable: write \"1 day, 1 hour\" (at most 4, each at most 30 days)"
                    )
                })?;
            Ok(())
        },
    },
    Key {
        name: "appointments.inform_within",
        env: "BATON_APPOINTMENTS_INFORM_WITHIN",
        set: |config, raw| {
            let text = raw.text()?;
            config.appointments.inform_within = Within::parse(&text).map_err(|_| {
                format!("“{text}” is not readable: write \"1 working day\" or \"4 working hours\"")
            })?;
            Ok(())
        },
    },
    Key {
        name: "privacy.minimal_channel_posts",
        env: "BATON_PRIVACY_MINIMAL_CHANNEL_POSTS",
        set: |config, raw| {
            config.privacy.minimal_channel_posts = raw.boolean()?;
            Ok(())
        },
    },
    Key {
        name: "locale",
        env: "BATON_LOCALE",
        set: |config, raw| {
            let code = raw.text()?;
            config.locale = match code.trim() {
                "en" => Lang::En,
                "nl" => Lang::Nl,
                other => return Err(format!("must be \"en\" or \"nl\", not “{other}”")),
            };
            Ok(())
        },
    },
];

fn bounded(n: i64, min: u32, max: u32) -> Result<u32, String> {
    u32::try_from(n)
        .ok()
        .filter(|n| (min..=max).contains(n))
        .ok_or_else(|| format!("must be from {min} to {max}, not {n}"))
}

/// Environment variables that are not settings but are baton's own (`BATON_CLOCK_START`
/// is `baton console --now`).
pub(super) const OTHER_VARS: &[&str] = &[
    "BATON_CLOCK_START",
    "BATON_CONFIG",
    "BATON_CONSOLE_FILES",
    "BATON_HOME",
    "BATON_LOG",
];
