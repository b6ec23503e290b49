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
fn appointment_reminders_and_the_inform_time_are_read_and_bounded() {
    let defaults = Config::load(None, env(&[])).unwrap();
    assert_eq!(defaults.appointments.remind_before.canonical(), "1 day, 1 hour");
    assert_eq!(defaults.appointments.inform_within, Within::WorkingDays(1));
    let file =
        write_config("[appointments]\nremind_before = \"2 dagen, 30 min\"\ninform_within = \"4 werkuren\"\n");
    let config = Config::load(Some(file.path()), env(&[])).unwrap();
    assert_eq!(
        config.appointments.remind_before.canonical(),
        "2 days, 30 minutes"
    );
    assert_eq!(config.appointments.inform_within, Within::WorkingHours(4));

    let err = Config::load(
        None,
        env(&[("BATON_APPOINTMENTS_REMIND_BEFORE", "99999999 dagen")]),
    )
    .unwrap_err();
    assert_eq!(err.key.as_deref(), Some("appointments.remind_before"));
    assert!(err.to_string().contains("1 day, 1 hour"), "{err}");
    let err = Config::load(None, env(&[("BATON_APPOINTMENTS_INFORM_WITHIN", "gauw")])).unwrap_err();
    assert_eq!(err.key.as_deref(), Some("appointments.inform_within"));
}

#[test]
fn the_handover_answer_time_is_read_in_working_time_and_refused_otherwise() {
    assert_eq!(
        Config::load(None, env(&[])).unwrap().handover.ack_within,
        Within::WorkingHours(4)
    );
    let file = write_config("[handover]\nack_within = \"1 werkdag\"\n");
    let config = Config::load(Some(file.path()), env(&[])).unwrap();
    assert_eq!(config.handover.ack_within, Within::WorkingDays(1));

    let err = Config::load(None, env(&[("BATON_HANDOVER_ACK_WITHIN", "soon")])).unwrap_err();
    assert_eq!(err.key.as_deref(), Some("handover.ack_within"));
    assert!(err.to_string().contains("4 working hours"), "{err}");
}

#[test]
fn unreadable_working_hours_are_named_with_an_example() {
    let err = Config::load(None, env(&[("BATON_REMINDERS_WORKING_HOURS", "weekdays")])).unwrap_err();
    assert_eq!(err.key.as_deref(), Some("reminders.working_hours"));
    assert!(err.to_string().contains("mon-fri 08:30-17:30"), "{err}");
}

#[test]
fn an_unknown_key_is_named() {
    let file = write_config("[discord]\ntokn = \"x\"\n");

    let err = Config::load(Some(file.path()), env(&[])).unwrap_err();

    assert_eq!(err.key.as_deref(), Some("discord.tokn"));
    assert!(err.to_string().contains("unknown key"), "{err}");
}

#[test]
fn a_wrong_type_is_named() {
    let file = write_config("[database]\nmax_connections = \"many\"\n");

    let err = Config::load(Some(file.path()), env(&[])).unwrap_err();

    assert_eq!(err.key.as_deref(), Some("database.max_connections"));
    assert!(err.to_string().contains("whole number"), "{err}");
}

#[test]
fn a_bad_zone_is_named_with_an_example() {
    let err = Config::load(None, env(&[("BATON_TIME_ZONE", "Europe/Amstrdam")])).unwrap_err();

    assert_eq!(err.key.as_deref(), Some("time.zone"));
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
fn a_syntax_error_near_the_token_names_line_and_key_and_never_the_token() {
    for (text, key, line, column) in [
        // Unterminated, with more lines after it.
        (
            "[discord]\ntoken = \"abc.def\nguild_ids = [1]\n",
            Some("discord.token"),
            2,
            17,
        ),
        ("[discord]\ntoken = \"abc.def", Some("discord.token"), 2, 17),
        ("[discord]\ntoken = 'abc.def\n", Some("discord.token"), 2, 17),
        (
            "[discord]\ntoken = \"\"\"abc.def\nguild_ids = [1]\n",
            Some("discord.token"),
            3,
            16,
        ),
        // Unquoted, trailing text, no `=`, a bad escape, a dotted key at the top.
        ("[discord]\ntoken = abc.def\n", Some("discord.token"), 2, 9),
        ("[discord]\ntoken = \"abc.def\"x\n", Some("discord.token"), 2, 18),
        ("[discord]\n  token \"abc.def\"\n", Some("discord.token"), 2, 9),
        (
            "locale = \"en\"\n[discord]\ntoken = \"abc.def\\q\"\n",
            Some("discord.token"),
            3,
            19,
        ),
        ("discord.token = \"abc.def\n", Some("discord.token"), 1, 25),
        // Twice, and a broken line after it: the token's own line is fine.
        (
            "[discord]\ntoken = \"abc.def\"\ntoken = \"abc.def\"\n",
            Some("discord.token"),
            3,
            1,
        ),
        (
            "[discord]\ntoken = \"abc.def\"\nguild_ids = [1,\n",
            Some("discord.guild_ids"),
            3,
            16,
        ),
        // A broken header before it: no key to name.
        ("[discord\ntoken = \"abc.def\"\n", None, 1, 9),
    ] {
        let file = write_config(text);

        let err = Config::load(Some(file.path()), env(&[])).unwrap_err();

        let message = err.to_string();
        assert_eq!(err.key.as_deref(), key, "{message}");
        assert_eq!(err.position, Some(Position { line, column }), "{message}");
        assert!(
            message.contains(&format!("line {line}, column {column}")),
            "{message}"
        );
        assert!(!message.contains("abc.def"), "{message}");
        assert!(!message.contains('\n'), "{message}");
    }
}

#[test]
fn a_secret_read_as_a_key_is_not_repeated() {
    // A token pasted on a line of its own, twice, reads as a duplicate dotted key.
    let file = write_config("[discord]\nMTIzNDU2Nzg5.GhIjKl = 1\nMTIzNDU2Nzg5.GhIjKl = 1\n");

    let err = Config::load(Some(file.path()), env(&[])).unwrap_err();

    let message = err.to_string();
    assert_eq!(err.key, None, "{message}");
    assert!(message.contains("line 3, column 1"), "{message}");
    assert!(message.contains("duplicate key"), "{message}");
    assert!(!message.contains("MTIzNDU2Nzg5"), "{message}");
    assert!(!message.contains("GhIjKl"), "{message}");
}

#[test]
fn a_bad_secret_value_is_named_but_never_repeated() {
    let file = write_config("[discord]\ntoken = 98765432123\n");
    let from_file = Config::load(Some(file.path()), env(&[])).unwrap_err();
    let blank = Config::load(None, env(&[("BATON_DISCORD_TOKEN", "   ")])).unwrap_err();
    let not_postgres =
        Config::load(None, env(&[("DATABASE_URL", "mysql://baton:sekrit@db/baton")])).unwrap_err();

    assert_eq!(from_file.key.as_deref(), Some("discord.token"));
    assert!(from_file.to_string().contains("must be a string"), "{from_file}");
    assert!(!from_file.to_string().contains("98765432123"), "{from_file}");
    assert!(blank.to_string().contains("BATON_DISCORD_TOKEN"), "{blank}");
    assert!(blank.to_string().contains("is empty"), "{blank}");
    assert!(
        not_postgres.to_string().contains("database.url"),
        "{not_postgres}"
    );
    assert!(!not_postgres.to_string().contains("sekrit"), "{not_postgres}");
}

#[test]
fn the_token_never_prints() {
    let config = Config::load(
        None,
        env(&[
            ("BATON_DISCORD_TOKEN", "sekrit-token"),
            ("DATABASE_URL", "postgres://baton:sekrit-password@db/baton"),
        ]),
    )
    .unwrap();

    let printed = format!("{config:?} {config:#?}");

    assert!(!printed.contains("sekrit"), "{printed}");
    assert_eq!(config.require_token().unwrap().expose_secret(), "sekrit-token");
}

#[test]
fn a_missing_token_is_named_when_required() {
    let config = Config::load(None, env(&[])).unwrap();
    let err = config.require_token().unwrap_err();
    assert!(err.to_string().contains("discord.token"), "{err}");
    assert!(err.to_string().contains("BATON_DISCORD_TOKEN"), "{err}");
}
