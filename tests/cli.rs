//! The `baton` command line: help, and refusing to start half-configured.

use std::process::{Command, Output, Stdio};

/// Runs `baton` with only the given environment, and the console's clock pinned as in
/// every test, so nothing here depends on when it runs.
fn baton(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_baton"));
    command
        .args(args)
        .env_clear()
        .env("BATON_CLOCK_START", "2026-11-23 10:00")
        .stdin(Stdio::null());
    for (key, value) in env {
        command.env(key, value);
    }
    command.output().expect("baton runs")
}

fn one_line_error(output: &Output) -> String {
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr).trim().to_string();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    stderr
}

#[test]
fn help_lists_the_commands() {
    let output = baton(&["--help"], &[]);

    let text = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success());
    for command in ["run", "console", "migrate"] {
        assert!(text.contains(command), "{text}");
    }
}

#[test]
fn every_command_has_help() {
    for command in ["run", "console", "migrate"] {
        let output = baton(&[command, "--help"], &[]);
        assert!(output.status.success(), "{command}");
        assert!(!output.stdout.is_empty(), "{command}");
    }
}

#[test]
fn run_without_a_token_names_the_key_and_starts_nothing() {
    // An unreachable database: if anything started before the check, this would hang or fail
    // differently.
    let output = baton(
        &["run"],
        &[("DATABASE_URL", "postgres://nobody@127.0.0.1:9/none")],
    );

    let stderr = one_line_error(&output);
    assert!(stderr.contains("discord.token"), "{stderr}");
    assert!(stderr.contains("BATON_DISCORD_TOKEN"), "{stderr}");
}

#[test]
fn an_unknown_key_in_the_file_is_named() {
    let path = std::env::temp_dir().join(format!("baton-cli-test-{}.toml", std::process::id()));
    std::fs::write(&path, "[discord]\ntoken = \"x\"\nguild = 1\n").unwrap();

    let output = baton(&["--config", path.to_str().unwrap(), "run"], &[]);
    std::fs::remove_file(&path).ok();

    let stderr = one_line_error(&output);
    assert!(stderr.contains("discord.guild"), "{stderr}");
    assert!(stderr.contains("unknown key"), "{stderr}");
}

#[test]
fn a_syntax_error_near_the_token_names_line_and_key_and_never_prints_the_token() {
    let token = "MTIz.abc.def-sekrit";
    for (n, (text, place)) in [
        (
            format!("[discord]\ntoken = \"{token}\nguild_ids = [1]\n"),
            "line 2",
        ),
        (format!("[discord]\ntoken = {token}\n"), "line 2"),
        (
            format!("[discord]\ntoken = \"{token}\"\ntoken = \"{token}\"\n"),
            "line 3",
        ),
    ]
    .into_iter()
    .enumerate()
    {
        let path = std::env::temp_dir().join(format!("baton-cli-syntax-{}-{n}.toml", std::process::id()));
        std::fs::write(&path, text).unwrap();

        let output = baton(&["--config", path.to_str().unwrap(), "run"], &[]);
        std::fs::remove_file(&path).ok();

        let stderr = one_line_error(&output);
        assert!(stderr.contains("`discord.token`"), "{stderr}");
        assert!(stderr.contains(place), "{stderr}");
        assert!(!stderr.contains("sekrit"), "{stderr}");
        assert!(output.stdout.is_empty());
    }
}

#[test]
fn a_wrong_type_is_named() {
    let output = baton(&["migrate"], &[("BATON_DATABASE_MAX_CONNECTIONS", "lots")]);

    let stderr = one_line_error(&output);
    assert!(stderr.contains("database.max_connections"), "{stderr}");
}

#[test]
fn an_unreadable_console_start_time_is_refused_before_anything_starts() {
    // An unreachable database: the start time must be refused before baton tries it.
    let unreachable = ("DATABASE_URL", "postgres://nobody@127.0.0.1:9/none");

    let from_env = baton(
        &["console"],
        &[unreachable, ("BATON_CLOCK_START", "tomorrow 9:00")],
    );
    let from_flag = baton(&["console", "--now", "23-11-2026 09:00"], &[unreachable]);

    let stderr = one_line_error(&from_env);
    assert!(stderr.contains("“tomorrow 9:00” is not readable"), "{stderr}");
    assert!(stderr.contains("\"2026-11-23 09:00\""), "{stderr}");
    let stderr = one_line_error(&from_flag);
    assert!(stderr.contains("“23-11-2026 09:00” is not readable"), "{stderr}");
}

#[test]
fn console_help_tells_how_to_start_the_clock_at_a_moment() {
    let output = baton(&["console", "--help"], &[]);

    let text = String::from_utf8_lossy(&output.stdout);
    assert!(text.contains("--now <TIME>"), "{text}");
    assert!(text.contains("BATON_CLOCK_START"), "{text}");
    assert!(text.contains("2026-11-23 09:00"), "{text}");
}
