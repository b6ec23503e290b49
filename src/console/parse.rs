//! Reads a console line (`/contact log relation:"Gemeente Utrecht" summary:…`) into a command
//! and its raw option values, against the same command table Discord is declared from.
//! English and Dutch names are both understood; values keep their text.

use crate::core::details::Detail;
use crate::core::spec::{self, CommandSpec};
use crate::domain::HandoverRef;
use crate::i18n::{command_text, option_text_in};

#[derive(Debug, PartialEq, Eq)]
pub enum Line {
    Blank,
    Help,
    Quit,
    As(String),
    /// `/clock` or `/clock +2h`.
    Clock(Option<String>),
    /// `/details message:12` or `/details handover:H-3`: the Details button of a minimal
    /// channel post.
    Details(Option<Detail>),
    Command {
        spec: &'static CommandSpec,
        options: Vec<(&'static str, String)>,
    },
}

#[derive(Debug, PartialEq, Eq)]
pub enum ParseError {
    UnclosedQuote,
    NoName(String),
    UnknownCommand(String),
    UnknownOption {
        spec: &'static CommandSpec,
        option: String,
    },
}

pub fn parse(line: &str) -> Result<Line, ParseError> {
    let words = split(line.trim())?;
    let Some(first) = words.first() else {
        return Ok(Line::Blank);
    };
    let head = first.trim_start_matches('/').to_lowercase();
    match head.as_str() {
        "help" | "hulp" | "?" => return Ok(Line::Help),
        "quit" | "exit" | "stop" => return Ok(Line::Quit),
        "clock" | "klok" => {
            let shift = words[1..].join(" ");
            return Ok(Line::Clock(
                (!shift.trim().is_empty()).then(|| shift.trim().to_string()),
            ));
        }
        "details" => {
            let detail = words.get(1).and_then(|word| {
                let (name, value) = word.split_once([':', '='])?;
                match name.to_lowercase().as_str() {
                    "message" | "bericht" => value.parse().ok().filter(|id| *id > 0).map(Detail::Delivery),
                    "handover" | "overdracht" => HandoverRef::parse(value).map(Detail::Handover),
                    _ => None,
                }
            });
            return Ok(Line::Details(detail));
        }
        "as" | "als" => {
            let name = words[1..].join(" ");
            return Ok(if name.trim().is_empty() {
                Line::Help
            } else {
                Line::As(name.trim().trim_start_matches('@').to_string())
            });
        }
        _ => {}
    }
    // A command of its own (`/ball`), else a group and its subcommand (`/contact log`).
    let (spec, rest) = match spec::COMMANDS
        .iter()
        .find(|spec| spec.name.is_empty() && command_matches(spec.group, &head))
    {
        Some(spec) => (spec, &words[1..]),
        None => {
            let sub = words.get(1).map(|w| w.to_lowercase()).unwrap_or_default();
            let spec = spec::COMMANDS
                .iter()
                .find(|spec| {
                    !spec.name.is_empty()
                        && command_matches(spec.group, &head)
                        && command_matches(&spec.key(), &sub)
                })
                .ok_or_else(|| ParseError::UnknownCommand(words[..words.len().min(2)].join(" ")))?;
            (spec, words.get(2..).unwrap_or_default())
        }
    };
    let mut options = Vec::new();
    for word in rest {
        let (name, value) = word
            .split_once([':', '='])
            .ok_or_else(|| ParseError::NoName(word.clone()))?;
        let name = name.trim().to_lowercase();
        let option = spec
            .options
            .iter()
            .find(|option| {
                option.name == name
                    || option_text_in(&spec.key(), option.name).is_some_and(|t| t.nl_name == name)
            })
            .ok_or_else(|| ParseError::UnknownOption {
                spec,
                option: name.clone(),
            })?;
        options.push((option.name, value.to_string()));
    }
    Ok(Line::Command { spec, options })
}

/// Whether a typed word names the command at `path` (`"contact log"`): its canonical
/// (last) word or its Dutch name.
fn command_matches(path: &str, typed: &str) -> bool {
    let canonical = path.rsplit(' ').next().unwrap_or(path);
    typed == canonical || command_text(path).is_some_and(|text| text.nl_name == typed)
}

/// Splits on whitespace, keeping quoted stretches ("…", '…', “…”) together and dropping the
/// quotes: `relation:"Gemeente Utrecht"` is one word `relation:Gemeente Utrecht`.
fn split(line: &str) -> Result<Vec<String>, ParseError> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut in_word = false;
    let mut chars = line.chars();
    while let Some(ch) = chars.next() {
        match ch {
            '"' | '\'' | '“' | '‘' => {
                let close = match ch {
                    '“' => '”',
                    '‘' => '’',
                    other => other,
                };
                in_word = true;
                loop {
                    match chars.next() {
                        Some(c) if c == close || (ch == '“' && c == '"') => break,
                        Some('\\') => {
                            if let Some(escaped) = chars.next() {
                                word.push(escaped);
                            }
                        }
                        Some(c) => word.push(c),
                        None => return Err(ParseError::UnclosedQuote),
                    }
                }
            }
            c if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut word));
                    in_word = false;
                }
            }
            c => {
                in_word = true;
                word.push(c);
            }
        }
    }
    if in_word {
        words.push(word);
    }
    Ok(words)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options(line: &str) -> Vec<(&'static str, String)> {
        match parse(line) {
            Ok(Line::Command { options, .. }) => options,
            other => panic!("{line}: {other:?}"),
        }
    }

    #[test]
    fn reads_the_example_from_the_readme() {
        let line = r#"/contact log relation:"Gemeente Utrecht" summary:"Belde over de offerte" follow_up:"Offerte sturen" follow_up_due:"vrijdag 12:00""#;

        assert_eq!(
            options(line),
            vec![
                ("relation", "Gemeente Utrecht".to_string()),
                ("summary", "Belde over de offerte".to_string()),
                ("follow_up", "Offerte sturen".to_string()),
                ("follow_up_due", "vrijdag 12:00".to_string()),
            ]
        );
    }

    #[test]
    fn dutch_command_and_option_names_are_understood() {
        let parsed =
            parse(r#"/contact vastleggen relatie:"GGD" samenvatting:'Gebeld' opvolging_voor=morgen"#)
                .unwrap();

        let Line::Command { spec, options } = parsed else {
            panic!()
        };
        assert_eq!(spec.key(), "contact log");
        assert_eq!(options[0], ("relation", "GGD".to_string()));
        assert_eq!(options[2], ("follow_up_due", "morgen".to_string()));
    }

    #[test]
    fn smart_quotes_from_copy_paste_work() {
        assert_eq!(
            options("/contact history relation:“Gemeente Utrecht”")[0].1,
            "Gemeente Utrecht"
        );
    }

    #[test]
    fn escaped_quotes_stay_in_the_value() {
        assert_eq!(
            options(r#"/contact history relation:"De \"Brug\"""#)[0].1,
            "De \"Brug\""
        );
    }

    #[test]
    fn mistakes_are_named() {
        assert_eq!(
            parse("/contact log relation:\"open"),
            Err(ParseError::UnclosedQuote)
        );
        assert_eq!(
            parse("/contact log hello"),
            Err(ParseError::NoName("hello".into()))
        );
        assert_eq!(
            parse("/contact lgo"),
            Err(ParseError::UnknownCommand("/contact lgo".into()))
        );
        assert!(matches!(
            parse("/contact log colour:red"),
            Err(ParseError::UnknownOption { option, .. }) if option == "colour"
        ));
    }

    #[test]
    fn a_command_of_its_own_takes_options_right_away() {
        let parsed = parse("/bal collega:bob").unwrap();

        let Line::Command { spec, options } = parsed else {
            panic!()
        };
        assert_eq!(spec.key(), "ball");
        assert_eq!(options, vec![("member", "bob".to_string())]);
    }

    #[test]
    fn console_words_are_recognised() {
        assert_eq!(parse("   "), Ok(Line::Blank));
        assert_eq!(parse("/help"), Ok(Line::Help));
        assert_eq!(parse("/quit"), Ok(Line::Quit));
        assert_eq!(parse("/as @alice"), Ok(Line::As("alice".into())));
        assert_eq!(parse("/clock +2 uur"), Ok(Line::Clock(Some("+2 uur".into()))));
        assert_eq!(parse("/klok"), Ok(Line::Clock(None)));
    }
}
