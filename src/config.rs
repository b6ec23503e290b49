//! Configuration: defaults, then the file (`--config PATH` or `BATON_CONFIG`), then the
//! environment (`BATON_DISCORD_TOKEN`, `DATABASE_URL`, `BATON_<SECTION>_<KEY>`). Every key is
//! checked: an unknown key, a wrong type or a bad zone stops start-up with one line naming
//! the key, so nothing runs half-configured. Secrets never print.

use std::fmt;
use std::path::{Path, PathBuf};

use chrono::NaiveTime;
use chrono_tz::Tz;
use secrecy::SecretString;

use crate::domain::schedule::{self, DigestTo, Repeat, WorkingHours};
use crate::domain::Lang;

pub const DISCORD_API: &str = "https://discord.com";

#[derive(Debug, Clone)]
pub struct Config {
    pub discord: DiscordConfig,
    pub database: DatabaseConfig,
    pub time: TimeConfig,
    pub reminders: RemindersConfig,
    pub digest: DigestConfig,
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

#[derive(Debug, Clone)]
pub struct ConfigError {
    pub key: String,
    pub source: Option<Source>,
    pub problem: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.source {
            Some(Source::File(path)) => write!(
                f,
                "config error: `{}` in {}: {}",
                self.key,
                path.display(),
                self.problem
            ),
            Some(Source::Env(var)) => {
                write!(f, "config error: {var} (`{}`): {}", self.key, self.problem)
            }
            None => write!(f, "config error: `{}`: {}", self.key, self.problem),
        }
    }
}

impl std::error::Error for ConfigError {}

/// A raw value from the file (typed TOML) or the environment (always text).
enum Raw {
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

type Setter = fn(&mut Config, Raw) -> Result<(), String>;

struct Key {
    name: &'static str,
    env: &'static str,
    set: Setter,
}

const KEYS: &[Key] = &[
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

/// Environment variables that are not settings but are baton's own.
const OTHER_VARS: &[&str] = &["BATON_CONFIG", "BATON_HOME", "BATON_LOG"];

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
        let error = |key: &str, problem: String| ConfigError {
            key: key.to_string(),
            source: source.clone(),
            problem,
        };
        let text =
            std::fs::read_to_string(path).map_err(|err| error("(file)", format!("cannot read it: {err}")))?;
        let table: toml::Table = text
            .parse()
            .map_err(|err: toml::de::Error| error("(file)", one_line(&err.to_string())))?;
        for (name, raw) in flatten(table) {
            let key = key_named(&name)
                .ok_or_else(|| error(&name, "unknown key (see bot-config.example.toml)".to_string()))?;
            (key.set)(self, Raw::Toml(raw)).map_err(|problem| error(&name, problem))?;
        }
        Ok(())
    }

    fn apply_env(&mut self, var: &str, value: String) -> Result<(), ConfigError> {
        let error = |key: &str, problem: String| ConfigError {
            key: key.to_string(),
            source: Some(Source::Env(var.to_string())),
            problem,
        };
        if let Some(key) = KEYS.iter().find(|key| key.env == var) {
            return (key.set)(self, Raw::Env(value)).map_err(|problem| error(key.name, problem));
        }
        if var.starts_with("BATON_") && !OTHER_VARS.contains(&var) {
            return Err(error(
                "(environment)",
                "unknown setting (see bot-config.example.toml)".into(),
            ));
        }
        Ok(())
    }

    /// The token, required to connect to Discord.
    pub fn require_token(&self) -> Result<&SecretString, ConfigError> {
        self.discord.token.as_ref().ok_or_else(|| ConfigError {
            key: "discord.token".into(),
            source: None,
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

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use secrecy::ExposeSecret;

    fn write_config(text: &str) -> tempfile_path::TempPath {
        tempfile_path::TempPath::with(text)
    }

    /// A file that removes itself, without pulling in a crate for it.
    mod tempfile_path {
        use std::path::{Path, PathBuf};
        use std::sync::atomic::{AtomicUsize, Ordering};

        pub struct TempPath(PathBuf);

        impl TempPath {
            pub fn with(text: &str) -> Self {
                static NEXT: AtomicUsize = AtomicUsize::new(0);
                let path = std::env::temp_dir().join(format!(
                    "baton-config-test-{}-{}.toml",
                    std::process::id(),
                    NEXT.fetch_add(1, Ordering::Relaxed)
                ));
                std::fs::write(&path, text).unwrap();
                Self(path)
            }

            pub fn path(&self) -> &Path {
                &self.0
            }
        }

        impl Drop for TempPath {
            fn drop(&mut self) {
                let _ignored = std::fs::remove_file(&self.0);
            }
        }
    }

    fn env(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn defaults_hold_without_file_or_environment() {
        let config = Config::load(None, env(&[("PATH", "/bin")])).unwrap();

        assert_eq!(config.time.zone, chrono_tz::Europe::Amsterdam);
        assert_eq!(config.locale, Lang::Nl);
        assert_eq!(config.discord.api_base, DISCORD_API);
        assert!(config.database.url.is_none());
    }

    #[test]
    fn the_environment_overrides_the_file() {
        let file = write_config(
            "locale = \"en\"\n[time]\nzone = \"Europe/London\"\n[discord]\nguild_ids = [\"123\", 456]\n",
        );

        let config = Config::load(
            Some(file.path()),
            env(&[
                ("BATON_TIME_ZONE", "America/New_York"),
                ("DATABASE_URL", "postgres://x@h/db"),
            ]),
        )
        .unwrap();

        assert_eq!(config.time.zone, chrono_tz::America::New_York);
        assert_eq!(config.locale, Lang::En);
        assert_eq!(config.discord.guild_ids, vec![123, 456]);
        assert_eq!(config.database.url.unwrap().expose_secret(), "postgres://x@h/db");
    }

    #[test]
    fn reminder_settings_are_read_from_file_and_environment() {
        let file = write_config(
            "[reminders]\nworking_hours = \"ma-vr 9-17\"\nescalate_after = 3\n[digest]\ntime = \"9:15\"\n",
        );

        let config = Config::load(
            Some(file.path()),
            env(&[("BATON_REMINDERS_REPEAT_EVERY", "4 uur")]),
        )
        .unwrap();

        assert_eq!(config.reminders.working_hours.canonical(), "mon-fri 09:00-17:00");
        assert_eq!(config.reminders.escalate_after, 3);
        assert_eq!(config.reminders.repeat_every, Repeat::Hours(4));
        assert_eq!(schedule::clock_text(config.digest.time), "09:15");
    }

    #[test]
    fn unreadable_working_hours_are_named_with_an_example() {
        let err = Config::load(None, env(&[("BATON_REMINDERS_WORKING_HOURS", "weekdays")])).unwrap_err();
        assert_eq!(err.key, "reminders.working_hours");
        assert!(err.to_string().contains("mon-fri 08:30-17:30"), "{err}");
    }

    #[test]
    fn an_unknown_key_is_named() {
        let file = write_config("[discord]\ntokn = \"x\"\n");

        let err = Config::load(Some(file.path()), env(&[])).unwrap_err();

        assert_eq!(err.key, "discord.tokn");
        assert!(err.to_string().contains("unknown key"), "{err}");
    }

    #[test]
    fn a_wrong_type_is_named() {
        let file = write_config("[database]\nmax_connections = \"many\"\n");

        let err = Config::load(Some(file.path()), env(&[])).unwrap_err();

        assert_eq!(err.key, "database.max_connections");
        assert!(err.to_string().contains("whole number"), "{err}");
    }

    #[test]
    fn a_bad_zone_is_named_with_an_example() {
        let err = Config::load(None, env(&[("BATON_TIME_ZONE", "Europe/Amstrdam")])).unwrap_err();

        assert_eq!(err.key, "time.zone");
        assert!(err.to_string().contains("BATON_TIME_ZONE"), "{err}");
        assert!(err.to_string().contains("Europe/Amsterdam"), "{err}");
    }

    #[test]
    fn an_unknown_baton_variable_is_refused() {
        let err = Config::load(None, env(&[("BATON_DISCORD_TOKN", "x")])).unwrap_err();
        assert!(err.to_string().contains("BATON_DISCORD_TOKN"), "{err}");
    }

    #[test]
    fn a_toml_syntax_error_is_one_line() {
        let file = write_config("[discord\ntoken = 1\n");

        let err = Config::load(Some(file.path()), env(&[])).unwrap_err();

        assert!(!err.to_string().contains('\n'), "{err}");
    }

    #[test]
    fn the_token_never_prints() {
        let config = Config::load(None, env(&[("BATON_DISCORD_TOKEN", "sekrit-token")])).unwrap();

        let printed = format!("{config:?}");

        assert!(!printed.contains("sekrit-token"), "{printed}");
        assert_eq!(config.require_token().unwrap().expose_secret(), "sekrit-token");
    }

    #[test]
    fn a_missing_token_is_named_when_required() {
        let config = Config::load(None, env(&[])).unwrap();
        let err = config.require_token().unwrap_err();
        assert!(err.to_string().contains("discord.token"), "{err}");
        assert!(err.to_string().contains("BATON_DISCORD_TOKEN"), "{err}");
    }
}
