//! The shape of every command: names, options, kinds and limits. The canonical English names
//! are the contract with users. The console reads typed lines against this table; the Discord
//! adapter's declared commands are checked against it in tests, so the two cannot drift.

use crate::domain::commitment::WHAT_MAX;
use crate::domain::contact::{Via, SUMMARY_MAX};
use crate::domain::relation::NAME_MAX;

use super::contact::{HISTORY_MAX, PHRASE_MAX};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Choices {
    Via,
}

impl Choices {
    pub fn words(self) -> Vec<&'static str> {
        match self {
            Choices::Via => Via::ALL.iter().map(|via| via.as_str()).collect(),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OptionKind {
    Text { max: usize },
    Integer { min: i64, max: i64 },
    Member,
    Bool,
    Choice(Choices),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OptionSpec {
    pub name: &'static str,
    pub kind: OptionKind,
    pub required: bool,
    pub autocomplete: bool,
    /// A value to show in "for example" hints.
    pub example: &'static str,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CommandSpec {
    pub group: &'static str,
    pub name: &'static str,
    pub options: &'static [OptionSpec],
}

impl CommandSpec {
    /// `contact log`, the key of its texts in the catalog.
    pub fn key(&self) -> String {
        format!("{} {}", self.group, self.name)
    }

    pub fn option(&self, name: &str) -> Option<&'static OptionSpec> {
        self.options.iter().find(|option| option.name == name)
    }
}

const fn opt(name: &'static str, kind: OptionKind, required: bool, example: &'static str) -> OptionSpec {
    OptionSpec {
        name,
        kind,
        required,
        autocomplete: false,
        example,
    }
}

const RELATION: OptionSpec = OptionSpec {
    autocomplete: true,
    ..opt(
        "relation",
        OptionKind::Text { max: NAME_MAX },
        true,
        "relation:\"Gemeente Utrecht\"",
    )
};

pub const CONTACT_LOG: CommandSpec = CommandSpec {
    group: "contact",
    name: "log",
    options: &[
        RELATION,
        opt(
            "summary",
            OptionKind::Text { max: SUMMARY_MAX },
            true,
            "summary:\"Called about the quote\"",
        ),
        opt("via", OptionKind::Choice(Choices::Via), false, "via:email"),
        opt(
            "when",
            OptionKind::Text { max: PHRASE_MAX },
            false,
            "when:\"yesterday 14:00\"",
        ),
        opt(
            "follow_up",
            OptionKind::Text { max: WHAT_MAX },
            false,
            "follow_up:\"Send the quote\"",
        ),
        opt(
            "follow_up_due",
            OptionKind::Text { max: PHRASE_MAX },
            false,
            "follow_up_due:\"friday 12:00\"",
        ),
        opt(
            "follow_up_owner",
            OptionKind::Member,
            false,
            "follow_up_owner:bob",
        ),
        opt("restricted", OptionKind::Bool, false, "restricted:yes"),
    ],
};

pub const CONTACT_HISTORY: CommandSpec = CommandSpec {
    group: "contact",
    name: "history",
    options: &[
        RELATION,
        opt(
            "limit",
            OptionKind::Integer {
                min: 1,
                max: HISTORY_MAX,
            },
            false,
            "limit:20",
        ),
    ],
};

pub const COMMANDS: &[CommandSpec] = &[CONTACT_LOG, CONTACT_HISTORY];

/// The command of that group and name.
pub fn find(group: &str, name: &str) -> Option<&'static CommandSpec> {
    COMMANDS
        .iter()
        .find(|spec| spec.group == group && spec.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::command_text;

    #[test]
    fn every_command_option_and_choice_has_texts_in_both_languages() {
        for spec in COMMANDS {
            assert!(command_text(spec.group).is_some(), "{}", spec.group);
            assert!(command_text(&spec.key()).is_some(), "{}", spec.key());
            for option in spec.options {
                assert!(command_text(option.name).is_some(), "{}", option.name);
                if let OptionKind::Choice(choices) = option.kind {
                    for word in choices.words() {
                        assert!(command_text(&format!("choice {word}")).is_some(), "{word}");
                    }
                }
            }
        }
    }

    #[test]
    fn required_options_come_first_as_discord_demands() {
        for spec in COMMANDS {
            let first_optional = spec
                .options
                .iter()
                .position(|o| !o.required)
                .unwrap_or(spec.options.len());
            assert!(
                spec.options[first_optional..].iter().all(|o| !o.required),
                "{}",
                spec.key()
            );
        }
    }
}
