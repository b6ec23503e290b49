//! The console adapter: the same commands as Discord, typed in a terminal, answered as text.
//! One shared "console" guild; colleagues are told apart by name (`/as alice`).

mod dispatch;
mod notifier;
mod options;
pub mod parse;
mod start;
mod surface;

use std::sync::Arc;

use chrono::{DateTime, Utc};
use tokio::io::{AsyncBufRead, AsyncBufReadExt, AsyncWrite, AsyncWriteExt};
use tokio::sync::mpsc;

use crate::clock::{Clock, ShiftedClock};
use crate::core::{self, Actor, Env, Frame, MemberRef, Request};
use crate::domain::dates::DateError;
use crate::domain::{ChannelId, GuildId, Lang, MemberId, RoleId};
use crate::i18n::{command_text, option_name, option_text_in, say, Msg};
use crate::reminders::Scheduler;
use crate::render;

use options::Options;
use parse::{Line, ParseError};

pub use notifier::ConsoleNotifier;
pub use start::{ClockStart, StartError};
pub use surface::ConsoleSurface;

/// Reminders while the console runs: the scheduler, what it prints, and the clock people
/// can move forward to see them fire.
pub struct Reminders {
    pub scheduler: Arc<Scheduler>,
    pub printed: mpsc::UnboundedReceiver<String>,
    pub clock: Arc<ShiftedClock>,
}

impl Reminders {
    async fn tick(&self) {
        if let Err(err) = self.scheduler.tick().await {
            tracing::warn!(error = %err, "console reminders failed");
        }
    }

    async fn print<W: AsyncWrite + Unpin>(&mut self, output: &mut W) -> std::io::Result<()> {
        while let Ok(printed) = self.printed.try_recv() {
            write(output, &printed).await?;
        }
        Ok(())
    }
}

/// The guild the console acts in. Discord guild ids are far larger, so the two never meet.
pub const CONSOLE_GUILD: GuildId = GuildId(1);
pub const CONSOLE_CHANNEL: ChannelId = ChannelId(1);

/// Runs a console session until `/quit` or the end of input, printing reminders as they
/// fire.
pub async fn run<R, W>(
    env: &Env,
    input: R,
    mut output: W,
    actor: &str,
    interactive: bool,
    mut reminders: Option<Reminders>,
) -> std::io::Result<()>
where
    R: AsyncBufRead + Unpin,
    W: AsyncWrite + Unpin,
{
    let mut session = Session {
        actor: member(actor),
        admin: false,
        roles: Vec::new(),
    };
    let mut lines = input.lines();
    if interactive {
        let req = session.request();
        let frame = env.frame(&req).await.unwrap_or_else(|_| env.cached_frame(&req));
        let banner = say(
            frame.lang,
            Msg::ConsoleWelcome,
            &[("name", &session.actor.name), ("place", "console")],
        );
        write(&mut output, &banner).await?;
        prompt(&mut output).await?;
    }
    loop {
        let line = match reminders.as_mut() {
            // The console runs its own reminders, between commands, so what it prints
            // comes in a clear order.
            Some(reminders) => {
                let wake = reminders
                    .scheduler
                    .next_wake()
                    .await
                    .unwrap_or_else(|_| env.clock.now());
                tokio::select! {
                    line = lines.next_line() => line?,
                    () = reminders.clock.sleep_until(wake) => {
                        reminders.tick().await;
                        reminders.print(&mut output).await?;
                        continue;
                    }
                }
            }
            None => lines.next_line().await?,
        };
        let Some(line) = line else { break };
        let text = match parse::parse(&line) {
            Ok(Line::Quit) => break,
            Ok(Line::Clock(shift)) => Some(session.clock(env, reminders.as_ref(), shift.as_deref()).await),
            Ok(line) => session.handle(env, line).await,
            Err(err) => Some(parse_error(&err, &env.cached_frame(&session.request()))),
        };
        if let Some(text) = text {
            write(&mut output, &text).await?;
        }
        // What a command set off (a reminder for something already overdue) shows before
        // the next prompt.
        if let Some(reminders) = reminders.as_mut() {
            reminders.tick().await;
            reminders.print(&mut output).await?;
        }
        if interactive {
            prompt(&mut output).await?;
        }
    }
    output.flush().await
}

struct Session {
    actor: MemberRef,
    admin: bool,
    roles: Vec<RoleId>,
}

impl Session {
    fn request(&self) -> Request {
        Request {
            guild: CONSOLE_GUILD,
            channel: Some(CONSOLE_CHANNEL),
            actor: Actor {
                id: self.actor.id,
                name: self.actor.name.clone(),
                admin: self.admin,
                roles: self.roles.clone(),
            },
            lang: None,
        }
    }

    /// `/clock +2h`: moves the console's clock forward and runs the reminders that became
    /// due; `/clock` alone tells the time.
    async fn clock(&self, env: &Env, reminders: Option<&Reminders>, shift: Option<&str>) -> String {
        // The guild's own zone, even when `/clock` is the session's first command.
        let req = self.request();
        let frame = env.frame(&req).await.unwrap_or_else(|_| env.cached_frame(&req));
        let Some(reminders) = reminders else {
            return say(frame.lang, Msg::ConsoleClockFixed, &[]);
        };
        if let Some(phrase) = shift {
            let refused = match crate::domain::dates::parse_span(phrase.trim_start_matches('+')) {
                Ok(span) if reminders.clock.shift(span) => None,
                Ok(_) | Err(DateError::TooFar) => Some(Msg::ConsoleClockTooFar),
                Err(_) => Some(Msg::ConsoleClockUnreadable),
            };
            if let Some(msg) = refused {
                return say(frame.lang, msg, &[("input", phrase)]);
            }
        }
        let now = env.clock.now();
        let time = crate::i18n::time::absolute(now, frame.zone, frame.lang);
        say(frame.lang, Msg::ConsoleClockNow, &[("time", &time)])
    }

    async fn handle(&mut self, env: &Env, line: Line) -> Option<String> {
        let req = self.request();
        let frame = env.cached_frame(&req);
        match line {
            Line::Blank | Line::Quit | Line::Clock(_) => None,
            Line::Help => Some(help(frame.lang)),
            Line::As(name) => {
                // "/as carol admin role:42": a colleague with a server admin's rights and
                // the role with id 42, in any order after the name.
                let mut words: Vec<&str> = name.split_whitespace().collect();
                let mut admin = false;
                let mut roles = Vec::new();
                while let Some(last) = words.last() {
                    if *last == "admin" {
                        admin = true;
                    } else if let Some(id) = last
                        .strip_prefix("role:")
                        .or_else(|| last.strip_prefix("rol:"))
                        .and_then(|id| id.trim_matches(['<', '@', '&', '>']).parse::<i64>().ok())
                        .filter(|id| *id > 0)
                    {
                        roles.push(RoleId(id));
                    } else {
                        break;
                    }
                    words.pop();
                }
                let name = words.join(" ");
                self.actor = member(&name);
                self.admin = admin;
                self.roles = roles;
                Some(say(frame.lang, Msg::ConsoleNowActing, &[("name", &name)]))
            }
            Line::Details(None) => Some(Msg::ConsoleDetailsHow.text(frame.lang).to_string()),
            Line::Details(Some(detail)) => Some(match core::details::show(env, &req, detail).await {
                Ok(reply) => render::reply(&reply, &ConsoleSurface),
                Err(err) => render::error(&err, &frame, &ConsoleSurface),
            }),
            Line::Command { spec, options } => {
                let options = match Options::read(spec, options, frame.lang) {
                    Ok(options) => options,
                    Err(text) => return Some(text),
                };
                Some(match dispatch::run(env, &req, spec, options).await {
                    Ok(reply) => {
                        let mut lines = vec![render::reply(&reply, &ConsoleSurface)];
                        lines.extend(surface::action_hints(
                            &reply.actions,
                            &reply.names,
                            reply.frame.lang,
                        ));
                        lines.extend(reply.attachments.iter().map(save));
                        lines.join("\n")
                    }
                    Err(err) => render::error(&err, &env.cached_frame(&req), &ConsoleSurface),
                })
            }
        }
    }
}

/// Where the console puts a reply's file: the folder `BATON_CONSOLE_FILES` names, if any.
fn save(file: &core::appointment::Attachment) -> String {
    let Some(folder) = std::env::var_os("BATON_CONSOLE_FILES") else {
        return format!(
            "  📎 {} ({} bytes; set BATON_CONSOLE_FILES to a folder to save it)",
            file.name,
            file.data.len()
        );
    };
    let path = std::path::Path::new(&folder).join(&file.name);
    match std::fs::write(&path, &file.data) {
        Ok(()) => format!("  📎 {}", path.display()),
        Err(err) => format!("  📎 {} not saved: {err}", path.display()),
    }
}

/// A request in the console's guild from the colleague of that name, as an admin: what
/// `baton import` acts as, since whoever runs the command line holds the database anyway.
pub fn request_as(name: &str) -> Request {
    Session {
        actor: member(name),
        admin: true,
        roles: Vec::new(),
    }
    .request()
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

/// A frame for messages that need no guild: errors in reading the line itself.
fn plain_frame(lang: Lang) -> Frame {
    Frame {
        lang,
        zone: chrono_tz::UTC,
        now: DateTime::<Utc>::UNIX_EPOCH,
    }
}

fn parse_error(err: &ParseError, frame: &Frame) -> String {
    let lang = frame.lang;
    match err {
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
    }
}

/// `contact log`, or `contact vastleggen` in Dutch.
fn command_name(spec: &core::spec::CommandSpec, lang: Lang) -> String {
    let localized = |path: &str, canonical: &'static str| match (lang, command_text(path)) {
        (Lang::Nl, Some(text)) => text.nl_name,
        _ => canonical,
    };
    let group = localized(spec.group, spec.group);
    if spec.name.is_empty() {
        group.to_string()
    } else {
        format!("{group} {}", localized(&spec.key(), spec.name))
    }
}

fn help(lang: Lang) -> String {
    let describe = |text: Option<&'static crate::i18n::CommandText>| {
        text.map(|t| if lang == Lang::En { t.en } else { t.nl })
            .unwrap_or("")
    };
    let mut lines = vec![say(lang, Msg::ConsoleHelpHead, &[])];
    for spec in core::spec::COMMANDS {
        lines.push(format!(
            "/{}: {}",
            command_name(spec, lang),
            describe(command_text(&spec.key()))
        ));
        for option in spec.options {
            let required = if option.required {
                format!(" ({})", say(lang, Msg::ConsoleRequired, &[]))
            } else {
                String::new()
            };
            lines.push(format!(
                "    {}:…{required}  {}",
                option_text_in(&spec.key(), option.name)
                    .filter(|_| lang == Lang::Nl)
                    .map_or(option.name, |t| t.nl_name),
                describe(option_text_in(&spec.key(), option.name))
            ));
        }
    }
    lines.push(say(lang, Msg::ConsoleHelpAs, &[]));
    lines.push(say(lang, Msg::ConsoleHelpClock, &[]));
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
    fn help_lists_every_command_in_the_language() {
        let text = help(Lang::Nl);
        assert!(text.contains("/contact vastleggen"), "{text}");
        assert!(text.contains("relatie:…"), "{text}");
        assert!(text.contains("/bal:"), "{text}");
        assert!(text.contains("/belofte verzetten"), "{text}");
    }
}
