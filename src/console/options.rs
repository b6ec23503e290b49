//! Option values typed in the console, read by their declared kinds the way Discord would
//! hand them over: text, numbers, yes/no, colleagues by name, channels and roles by number,
//! choices by their word or label in either language.

use std::collections::HashMap;

use crate::core::spec::{CommandSpec, OptionKind};
use crate::core::{CommandError, MemberRef, UserError};
use crate::domain::{ChannelId, Lang, RoleId};
use crate::i18n::{choice_label, option_name, say, Msg};
use crate::render;

use super::{member, plain_frame, ConsoleSurface};

enum Value {
    Text(String),
    Integer(i64),
    Member(MemberRef),
    Channel(ChannelId),
    Role(RoleId),
    Bool(bool),
    Choice(&'static str),
}

pub struct Options {
    values: HashMap<&'static str, Value>,
}

impl Options {
    /// Reads raw values by their declared kinds; a value of the wrong kind or a missing
    /// required option comes back as the message to show.
    pub fn read(
        spec: &'static CommandSpec,
        raw: Vec<(&'static str, String)>,
        lang: Lang,
    ) -> Result<Self, String> {
        let mut values = HashMap::new();
        for (name, typed) in raw {
            let Some(option) = spec.option(name) else { continue };
            values.insert(name, read_value(name, option.kind, typed, lang)?);
        }
        if let Some(missing) = spec
            .options
            .iter()
            .find(|o| o.required && !values.contains_key(o.name))
        {
            return Err(say(
                lang,
                Msg::ErrMissing,
                &[
                    ("option", option_name(missing.name, lang)),
                    ("example", missing.example),
                ],
            ));
        }
        Ok(Options { values })
    }

    /// A required text option (present: `read` checked).
    pub fn text(&mut self, name: &str) -> String {
        self.optional(name).unwrap_or_default()
    }

    pub fn optional(&mut self, name: &str) -> Option<String> {
        match self.values.remove(name) {
            Some(Value::Text(text)) => Some(text),
            _ => None,
        }
    }

    pub fn integer(&self, name: &str) -> Option<i64> {
        match self.values.get(name) {
            Some(Value::Integer(n)) => Some(*n),
            _ => None,
        }
    }

    pub fn member(&self, name: &str) -> Option<MemberRef> {
        match self.values.get(name) {
            Some(Value::Member(member)) => Some(member.clone()),
            _ => None,
        }
    }

    pub fn channel(&self, name: &str) -> Option<ChannelId> {
        match self.values.get(name) {
            Some(Value::Channel(channel)) => Some(*channel),
            _ => None,
        }
    }

    pub fn role(&self, name: &str) -> Option<RoleId> {
        match self.values.get(name) {
            Some(Value::Role(role)) => Some(*role),
            _ => None,
        }
    }

    pub fn flag(&self, name: &str) -> Option<bool> {
        match self.values.get(name) {
            Some(Value::Bool(flag)) => Some(*flag),
            _ => None,
        }
    }

    pub fn choice(&self, name: &str) -> Option<&'static str> {
        match self.values.get(name) {
            Some(Value::Choice(word)) => Some(word),
            _ => None,
        }
    }
}

fn read_value(name: &'static str, kind: OptionKind, typed: String, lang: Lang) -> Result<Value, String> {
    let shown = option_name(name, lang);
    let trimmed = typed.trim();
    match kind {
        OptionKind::Text { .. } | OptionKind::File => Ok(Value::Text(typed)),
        OptionKind::Integer { min, max } => trimmed.parse().map(Value::Integer).map_err(|_| {
            let err = CommandError::User(UserError::OutOfRange {
                option: name,
                min,
                max,
                input: typed.clone(),
            });
            render::error(&err, &plain_frame(lang), &ConsoleSurface)
        }),
        OptionKind::Member => Ok(Value::Member(member(trimmed))),
        OptionKind::Channel => number(trimmed, &['<', '#', '>'])
            .map(|id| Value::Channel(ChannelId(id)))
            .ok_or_else(|| say(lang, Msg::ErrNotAnId, &[("option", shown), ("input", &typed)])),
        OptionKind::Role => number(trimmed, &['<', '@', '&', '>'])
            .map(|id| Value::Role(RoleId(id)))
            .ok_or_else(|| say(lang, Msg::ErrNotAnId, &[("option", shown), ("input", &typed)])),
        OptionKind::Bool => yes_no(trimmed)
            .map(Value::Bool)
            .ok_or_else(|| say(lang, Msg::ErrNotYesNo, &[("option", shown), ("input", &typed)])),
        OptionKind::Choice(choices) => {
            let lowered = trimmed.to_lowercase();
            choices
                .words()
                .into_iter()
                .find(|word| {
                    *word == lowered
                        || Lang::ALL
                            .iter()
                            .any(|l| choice_label(word, *l).to_lowercase() == lowered)
                })
                .map(Value::Choice)
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
                            ("input", &typed),
                            ("choices", &render::join_or(&labels, lang)),
                        ],
                    )
                })
        }
    }
}

/// A number, ignoring the decoration Discord puts around mentions (`<#12>`, `<@&12>`).
fn number(typed: &str, decoration: &[char]) -> Option<i64> {
    typed.trim_matches(decoration).parse().ok().filter(|n| *n > 0)
}

pub fn yes_no(value: &str) -> Option<bool> {
    match value.trim().to_lowercase().as_str() {
        "yes" | "y" | "true" | "1" | "ja" | "j" | "on" | "aan" => Some(true),
        "no" | "n" | "false" | "0" | "nee" | "off" | "uit" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yes_and_no_in_both_languages() {
        assert_eq!(yes_no("ja"), Some(true));
        assert_eq!(yes_no("No"), Some(false));
        assert_eq!(yes_no("misschien"), None);
    }

    #[test]
    fn channels_and_roles_are_read_with_or_without_decoration() {
        assert_eq!(number("<#12>", &['<', '#', '>']), Some(12));
        assert_eq!(number("#12", &['<', '#', '>']), Some(12));
        assert_eq!(number("<@&7>", &['<', '@', '&', '>']), Some(7));
        assert_eq!(number("#general", &['<', '#', '>']), None);
    }
}
