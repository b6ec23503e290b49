//! The console adapter: the same commands as Discord, typed in a terminal, answered as text.
//! One shared "console" guild; colleagues are told apart by name (`/as alice`).

mod parse;

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use tokio::io::{AsyncBufRead, AsyncBufReadExt, AsyncWrite, AsyncWriteExt};

use crate::core::spec::{CommandSpec, OptionKind};
use crate::core::{self, contact, Actor, CommandError, Env, Frame, MemberRef, Reply, Request, UserError};
use crate::domain::contact::Via;
use crate::domain::{ChannelId, GuildId, Lang, MemberId};
use crate::i18n::{self, choice_label, command_text, option_name, say, Msg};
use crate::render::{self, Surface};

use parse::{Line, ParseError};

/// The guild the console acts in. Discord guild ids are far larger, so the two never meet.
pub const CONSOLE_GUILD: GuildId = GuildId(1);
const CONSOLE_CHANNEL: ChannelId = ChannelId(1);

/// Runs a console session until `/quit` or the end of input.
pub async fn run<R, W>(
    env: &Env,
    input: R,
    mut output: W,
    actor: &str,
    interactive: bool,
) -> std::io::Result<()>
where
    R: AsyncBufRead + Unpin,
    W: AsyncWrite + Unpin,
{
    let mut session = Session { actor: member(actor) };
    let mut lines = input.lines();
    if interactive {
        let frame = env
            .frame(&session.request())
            .await
            .unwrap_or_else(|_| env.cached_frame(&session.request()));
        let banner = say(
            frame.lang,
            Msg::ConsoleWelcome,
            &[("name", &session.actor.name), ("place", "console")],
        );
        write(&mut output, &banner).await?;
        prompt(&mut output).await?;
    }
    while let Some(line) = lines.next_line().await? {
        let text = match parse::parse(&line) {
            Ok(Line::Quit) => break,
            Ok(line) => session.handle(env, line).await,
            Err(err) => parse_error(&err, &env.cached_frame(&session.request())),
        };
        if let Some(text) = text {
            write(&mut output, &text).await?;
        }
        if interactive {
            prompt(&mut output).await?;
        }
    }
    output.flush().await
}

struct Session {
    actor: MemberRef,
}

impl Session {
    fn request(&self) -> Request {
        Request {
            guild: CONSOLE_GUILD,
            channel: Some(CONSOLE_CHANNEL),
            actor: Actor {
                id: self.actor.id,
                name: self.actor.name.clone(),
                admin: false,
            },
            lang: None,
        }
    }

    async fn handle(&mut self, env: &Env, line: Line) -> Option<String> {
        let req = self.request();
        let frame = env.cached_frame(&req);
        match line {
            Line::Blank | Line::Quit => None,
            Line::Help => Some(help(frame.lang)),
            Line::As(name) => {
                self.actor = member(&name);
                Some(say(frame.lang, Msg::ConsoleNowActing, &[("name", &name)]))
            }
            Line::Command { spec, options } => {
                let result = match Options::read(spec, options, frame.lang) {
                    Ok(options) => dispatch(env, &req, spec, options).await,
                    Err(text) => return Some(text),
                };
                Some(match result {
                    Ok(reply) => render::reply(&reply, &ConsoleSurface),
                    Err(err) => render::error(&err, &env.cached_frame(&req), &ConsoleSurface),
                })
            }
        }
    }
}

async fn dispatch(
    env: &Env,
    req: &Request,
    spec: &CommandSpec,
    mut options: Options,
) -> Result<Reply, CommandError> {
    match (spec.group, spec.name) {
        ("contact", "log") => {
            let input = contact::LogContact {
                relation: options.text("relation"),
                summary: options.text("summary"),
                via: options.via.take(),
                when: options.optional("when"),
                follow_up: options.optional("follow_up"),
                follow_up_due: options.optional("follow_up_due"),
                follow_up_owner: options.member.take(),
                restricted: options.flag.unwrap_or(false),
            };
            contact::log(env, req, input).await
        }
        ("contact", "history") => {
            let input = contact::ContactHistory {
                relation: options.text("relation"),
                limit: options.integer,
            };
            contact::history(env, req, input).await
        }
        _ => Err(CommandError::internal(&std::io::Error::other(format!(
            "console has no handler for {}",
            spec.key()
        )))),
    }
}

/// Option values read by kind, the way Discord would hand them over.
struct Options {
    texts: HashMap<&'static str, String>,
    via: Option<Via>,
    member: Option<MemberRef>,
    flag: Option<bool>,
    integer: Option<i64>,
}

impl Options {
    /// Reads raw values by their declared kinds; a value of the wrong kind or a missing
    /// required option comes back as the message to show.
    fn read(
        spec: &'static CommandSpec,
        raw: Vec<(&'static str, String)>,
        lang: Lang,
    ) -> Result<Self, String> {
        let mut options = Options {
            texts: HashMap::new(),
            via: None,
            member: None,
            flag: None,
            integer: None,
        };
        for (name, value) in raw {
            let Some(option) = spec.option(name) else { continue };
            let shown = option_name(name, lang);
            match option.kind {
                OptionKind::Text { .. } => {
                    options.texts.insert(name, value);
                }
                OptionKind::Integer { min, max } => {
                    let n = value.trim().parse().map_err(|_| {
                        render::error(
                            &CommandError::User(UserError::OutOfRange {
                                option: name,
                                min,
                                max,
                                input: value.clone(),
                            }),
                            &plain_frame(lang),
                            &ConsoleSurface,
                        )
                    })?;
                    options.integer = Some(n);
                }
                OptionKind::Member => options.member = Some(member(value.trim())),
                OptionKind::Bool => {
                    options.flag = Some(yes_no(&value).ok_or_else(|| {
                        say(lang, Msg::ErrNotYesNo, &[("option", shown), ("input", &value)])
                    })?);
                }
                OptionKind::Choice(choices) => {
                    let typed = value.trim().to_lowercase();
                    let word = choices
                        .words()
                        .into_iter()
                        .find(|word| {
                            *word == typed
                                || Lang::ALL
                                    .iter()
                                    .any(|l| choice_label(word, *l).to_lowercase() == typed)
                        })
                        .ok_or_else(|| {
                            let labels: Vec<String> = choices
                                .words()
                                .iter()
                                .map(|w| choice_label(w, lang).to_string())
                                .collect();
                            say(
                                lang,
                                Msg::ErrNotAChoice,
                                &[
                                    ("option", shown),
                                    ("input", &value),
                                    ("choices", &render::join_or(&labels, lang)),
                                ],
                            )
                        })?;
                    options.via = Via::parse(word);
                }
            }
        }
        let given = |name: &str| {
            options.texts.contains_key(name)
                || spec
                    .option(name)
                    .is_some_and(|o| !matches!(o.kind, OptionKind::Text { .. }))
                    && (options.via.is_some()
                        || options.member.is_some()
                        || options.flag.is_some()
                        || options.integer.is_some())
        };
        if let Some(missing) = spec.options.iter().find(|o| o.required && !given(o.name)) {
            return Err(say(
                lang,
                Msg::ErrMissing,
                &[
                    ("option", option_name(missing.name, lang)),
                    ("example", missing.example),
                ],
            ));
        }
        Ok(options)
    }

    fn text(&mut self, name: &str) -> String {
        self.texts.remove(name).unwrap_or_default()
    }

    fn optional(&mut self, name: &str) -> Option<String> {
        self.texts.remove(name)
    }
}

fn yes_no(value: &str) -> Option<bool> {
    match value.trim().to_lowercase().as_str() {
        "yes" | "y" | "true" | "1" | "ja" | "j" | "on" | "aan" => Some(true),
        "no" | "n" | "false" | "0" | "nee" | "off" | "uit" => Some(false),
        _ => None,
    }
}

/// A colleague known by name only. The id is derived from the name, so "alice" is the same
/// colleague in every session.
fn member(name: &str) -> MemberRef {
    let name = name.trim().trim_start_matches('@').to_string();
    // FNV-1a: stable across builds and platforms, unlike the std hasher.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in name.to_lowercase().bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    MemberRef {
        id: MemberId((hash >> 1) as i64),
        name,
    }
}

fn plain_frame(lang: Lang) -> Frame {
    Frame {
        lang,
        zone: chrono_tz::UTC,
        now: DateTime::<Utc>::UNIX_EPOCH,
    }
}

fn parse_error(err: &ParseError, frame: &Frame) -> Option<String> {
    let lang = frame.lang;
    Some(match err {
        ParseError::UnclosedQuote => say(
            lang,
            Msg::ErrUnreadableLine,
            &[("problem", &say(lang, Msg::ProblemUnclosedQuote, &[]))],
        ),
        ParseError::NoName(word) => say(
            lang,
            Msg::ErrUnreadableLine,
            &[("problem", &say(lang, Msg::ProblemNoColon, &[("word", word)]))],
        ),
        ParseError::UnknownCommand(input) => say(lang, Msg::ErrUnknownCommand, &[("input", input)]),
        ParseError::UnknownOption { spec, option } => {
            let names: Vec<String> = spec
                .options
                .iter()
                .map(|o| option_name(o.name, lang).to_string())
                .collect();
            say(
                lang,
                Msg::ErrUnknownOption,
                &[
                    ("command", &format!("/{}", command_name(spec, lang))),
                    ("option", option),
                    ("options", &render::join_or(&names, lang)),
                ],
            )
        }
    })
}

fn command_name(spec: &CommandSpec, lang: Lang) -> String {
    let localized = |key: &str, canonical: &'static str| match (lang, command_text(key)) {
        (Lang::Nl, Some(text)) => text.nl_name,
        _ => canonical,
    };
    format!(
        "{} {}",
        localized(spec.group, spec.group),
        localized(&spec.key(), spec.name)
    )
}

fn help(lang: Lang) -> String {
    let mut lines = vec![say(lang, Msg::ConsoleHelpHead, &[])];
    for spec in core::spec::COMMANDS {
        let description = command_text(&spec.key())
            .map(|t| if lang == Lang::En { t.en } else { t.nl })
            .unwrap_or("");
        lines.push(format!("/{}: {description}", command_name(spec, lang)));
        for option in spec.options {
            let description = command_text(option.name)
                .map(|t| if lang == Lang::En { t.en } else { t.nl })
                .unwrap_or("");
            let required = if option.required {
                format!(" ({})", say(lang, Msg::ConsoleRequired, &[]))
            } else {
                String::new()
            };
            lines.push(format!(
                "    {}:…{required}  {description}",
                option_name(option.name, lang)
            ));
        }
    }
    lines.push(say(lang, Msg::ConsoleHelpAs, &[]));
    lines.push(say(lang, Msg::ConsoleHelpQuit, &[]));
    lines.join("\n")
}

async fn write<W: AsyncWrite + Unpin>(output: &mut W, text: &str) -> std::io::Result<()> {
    output.write_all(text.as_bytes()).await?;
    output.write_all(b"\n").await?;
    output.flush().await
}

async fn prompt<W: AsyncWrite + Unpin>(output: &mut W) -> std::io::Result<()> {
    output.write_all(b"> ").await?;
    output.flush().await
}

/// Plain text: moments written out in the guild's zone, members by name.
pub struct ConsoleSurface;

impl Surface for ConsoleSurface {
    fn moment(&self, at: DateTime<Utc>, frame: &Frame) -> String {
        format!(
            "{} ({})",
            i18n::time::absolute(at, frame.zone, frame.lang),
            i18n::time::relative(at, frame.now, frame.lang)
        )
    }

    fn date(&self, at: DateTime<Utc>, frame: &Frame) -> String {
        i18n::time::absolute(at, frame.zone, frame.lang)
    }

    fn member(&self, id: MemberId, names: &HashMap<MemberId, String>) -> String {
        names.get(&id).cloned().unwrap_or_else(|| format!("#{id}"))
    }

    fn strong(&self, text: &str) -> String {
        text.to_string()
    }

    fn user_text(&self, text: &str) -> String {
        text.to_string()
    }

    fn quote(&self, text: &str) -> String {
        text.lines()
            .map(|line| format!("  │ {line}"))
            .collect::<Vec<_>>()
            .join("\n")
    }

    fn max_len(&self) -> usize {
        // A terminal scrolls; keep the same limit as Discord so both show the same.
        2000
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_is_the_same_colleague_in_every_session() {
        assert_eq!(member("alice").id, member("Alice").id);
        assert_eq!(member("@alice").name, "alice");
        assert_ne!(member("alice").id, member("bob").id);
        assert!(member("alice").id.0 > 0);
    }

    #[test]
    fn yes_and_no_in_both_languages() {
        assert_eq!(yes_no("ja"), Some(true));
        assert_eq!(yes_no("No"), Some(false));
        assert_eq!(yes_no("misschien"), None);
    }

    #[test]
    fn help_lists_every_command_in_the_language() {
        let text = help(Lang::Nl);
        assert!(text.contains("/contact vastleggen"), "{text}");
        assert!(text.contains("relatie:…"), "{text}");
    }
}
