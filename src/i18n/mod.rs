//! The one message catalog: every word baton shows a person, in English and Dutch.
//! Replies (`Msg`), the slash-command surface (`commands`) and dates (`time`) live here;
//! no user-facing string exists outside this module.

mod commands;
mod messages;
pub mod time;

pub use commands::{
    choice_label, choice_text, command_text, option_name, option_text, option_text_in, CommandText,
};
pub use messages::Msg;

use crate::domain::Lang;

/// Fills `{name}` placeholders in a catalog template. Unknown placeholders stay visible so
/// a mistake shows up in tests instead of silently vanishing.
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 64);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                match args.iter().find(|(key, _)| *key == name) {
                    Some((_, value)) => out.push_str(value),
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// Shorthand for `fill(msg.text(lang), args)`.
pub fn say(lang: Lang, msg: Msg, args: &[(&str, &str)]) -> String {
    fill(msg.text(lang), args)
}

/// The placeholder names a template uses, for checking translations against each other.
pub fn placeholders(template: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else { break };
        names.push(&after[..close]);
        rest = &after[close + 1..];
    }
    names.sort_unstable();
    names.dedup();
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_replaces_known_placeholders_and_keeps_unknown_ones() {
        let out = fill(
            "{who} holds {what} {missing}",
            &[("who", "Bob"), ("what", "the ball")],
        );
        assert_eq!(out, "Bob holds the ball {missing}");
    }

    #[test]
    fn fill_tolerates_a_lone_brace() {
        assert_eq!(fill("a { b", &[]), "a { b");
    }

    #[test]
    fn every_message_uses_the_same_placeholders_in_both_languages() {
        for msg in Msg::ALL {
            assert_eq!(
                placeholders(msg.text(Lang::En)),
                placeholders(msg.text(Lang::Nl)),
                "{msg:?}"
            );
        }
    }
}
