//! Puts the catalog's words on the declared commands: English descriptions, Dutch names and
//! descriptions, and the choices of choice options. Poise declares the shape; the words
//! come from one place.

use poise::serenity_prelude as serenity;

use super::{Data, Error};
use crate::core::spec::{self, Choices, OptionKind};
use crate::domain::Lang;
use crate::i18n::{choice_label, command_text, option_text_in};

/// Discord's code for Dutch.
const DUTCH: &str = "nl";

/// Applies the texts to a top-level command and its subcommands.
pub fn apply(command: &mut poise::Command<Data, Error>) {
    apply_at(command, None);
}

fn apply_at(command: &mut poise::Command<Data, Error>, parent: Option<&str>) {
    // Poise fills in qualified names only once the framework starts; build the key here.
    let key = match parent {
        Some(parent) => format!("{parent} {}", command.name),
        None => command.name.to_string(),
    };
    if let Some(text) = command_text(&key) {
        command.description = Some(text.en.into());
        command.description_localizations = vec![(DUTCH.into(), text.nl.into())].into();
        command.name_localizations = vec![(DUTCH.into(), text.nl_name.into())].into();
    }
    let spec = match key.split_once(' ') {
        Some((group, name)) => spec::find(group, name),
        None => spec::find(&key, ""),
    };
    for parameter in &mut command.parameters {
        if let Some(text) = option_text_in(&key, &parameter.name) {
            parameter.description = Some(text.en.into());
            parameter.description_localizations = vec![(DUTCH.into(), text.nl.into())].into();
            parameter.name_localizations = vec![(DUTCH.into(), text.nl_name.into())].into();
        }
        let kind = spec
            .and_then(|spec| spec.option(&parameter.name))
            .map(|option| option.kind);
        if let Some(OptionKind::Choice(choices)) = kind {
            parameter.type_setter = Some(match choices {
                Choices::Via => |b| with_choices(b, Choices::Via),
                Choices::Direction => |b| with_choices(b, Choices::Direction),
                Choices::Certainty => |b| with_choices(b, Choices::Certainty),
                Choices::ListStatus => |b| with_choices(b, Choices::ListStatus),
                Choices::DigestTo => |b| with_choices(b, Choices::DigestTo),
                Choices::Language => |b| with_choices(b, Choices::Language),
                Choices::Reset => |b| with_choices(b, Choices::Reset),
                Choices::Outcome => |b| with_choices(b, Choices::Outcome),
                Choices::Kind => |b| with_choices(b, Choices::Kind),
                Choices::ExportFormat => |b| with_choices(b, Choices::ExportFormat),
            });
        }
    }
    for subcommand in &mut command.subcommands {
        apply_at(subcommand, Some(&key));
    }
}

/// The commands as Discord is told them: poise's slash commands, and its context-menu
/// commands with the localized names poise leaves off.
pub fn declared(commands: &[poise::Command<Data, Error>]) -> Vec<serenity::CreateCommand> {
    commands
        .iter()
        .flat_map(|command| {
            let menu = command.create_as_context_menu_command().map(|builder| {
                command
                    .name_localizations
                    .iter()
                    .fold(builder, |builder, (locale, name)| {
                        builder.name_localized(locale.as_ref(), name.as_ref())
                    })
            });
            command.create_as_slash_command().into_iter().chain(menu)
        })
        .collect()
}

/// A string option whose choices are the words of `choices`, labelled in both languages.
fn with_choices(builder: serenity::CreateCommandOption, choices: Choices) -> serenity::CreateCommandOption {
    choices.words().into_iter().fold(
        builder.kind(serenity::CommandOptionType::String),
        |builder, word| {
            builder.add_string_choice_localized(
                choice_label(word, Lang::En),
                word,
                [(DUTCH, choice_label(word, Lang::Nl))],
            )
        },
    )
}

#[cfg(test)]
mod tests {
    use serde_json::Value;

    use super::super::commands;
    use crate::core::spec::{OptionKind, COMMANDS};

    /// The commands as they would be registered, as JSON.
    fn declared() -> Vec<Value> {
        super::declared(&commands())
            .iter()
            .map(|command| serde_json::to_value(command).unwrap())
            .collect()
    }

    /// The declared command `group name`, or `group` itself for a command of its own.
    fn subcommand<'a>(declared: &'a [Value], group: &str, name: &str) -> &'a Value {
        let group = declared.iter().find(|c| c["name"] == group).unwrap();
        if name.is_empty() {
            return group;
        }
        let options = group["options"].as_array().unwrap();
        options.iter().find(|o| o["name"] == name).unwrap()
    }

    #[test]
    fn declared_commands_match_the_command_table() {
        let declared = declared();
        for spec in COMMANDS {
            let command = subcommand(&declared, spec.group, spec.name);
            let options = command["options"].as_array().unwrap();
            let names: Vec<&str> = options.iter().map(|o| o["name"].as_str().unwrap()).collect();
            let expected: Vec<&str> = spec.options.iter().map(|o| o.name).collect();
            assert_eq!(names, expected, "{}", spec.key());
            for (option, declared) in spec.options.iter().zip(options) {
                assert_eq!(declared["required"], option.required, "{}", option.name);
                assert_eq!(declared["autocomplete"], option.autocomplete, "{}", option.name);
                let discord_type = match option.kind {
                    OptionKind::Text { max } => {
                        assert_eq!(declared["max_length"], max as u64, "{}", option.name);
                        3
                    }
                    OptionKind::Choice(choices) => {
                        let words: Vec<&str> = declared["choices"]
                            .as_array()
                            .unwrap()
                            .iter()
                            .map(|c| c["value"].as_str().unwrap())
                            .collect();
                        assert_eq!(words, choices.words());
                        3
                    }
                    OptionKind::Integer { min, max } => {
                        // Discord takes numbers as floats here.
                        assert_eq!(
                            declared["min_value"].as_f64(),
                            Some(min as f64),
                            "{}",
                            option.name
                        );
                        assert_eq!(
                            declared["max_value"].as_f64(),
                            Some(max as f64),
                            "{}",
                            option.name
                        );
                        4
                    }
                    OptionKind::Bool => 5,
                    OptionKind::Member => 6,
                    OptionKind::Channel => 7,
                    OptionKind::Role => 8,
                    OptionKind::File => 11,
                };
                assert_eq!(declared["type"], discord_type, "{}", option.name);
            }
        }
    }

    #[test]
    fn every_name_and_description_has_a_dutch_version() {
        fn check(value: &Value) {
            assert!(
                value["description"].as_str().is_some_and(|d| !d.is_empty()),
                "{value}"
            );
            assert!(value["name_localizations"]["nl"].is_string(), "{value}");
            assert!(value["description_localizations"]["nl"].is_string(), "{value}");
            for choice in value["choices"].as_array().into_iter().flatten() {
                assert!(choice["name_localizations"]["nl"].is_string(), "{choice}");
            }
            for option in value["options"].as_array().into_iter().flatten() {
                check(option);
            }
        }
        for command in declared() {
            if command["type"] == 3 {
                // A message menu has a name, in both languages, and no description.
                assert!(command["name_localizations"]["nl"].is_string(), "{command}");
                continue;
            }
            check(&command);
        }
    }
}
