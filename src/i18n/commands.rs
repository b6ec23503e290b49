//! The slash-command surface in both languages: Dutch names and the descriptions Discord
//! shows while typing. Keys: `group`, `group sub` for commands, the option name for options,
//! `choice word` for choice labels. The canonical English names are the contract.

use crate::domain::Lang;

/// How one command, option or choice presents itself.
#[derive(Clone, Copy, Debug)]
pub struct CommandText {
    pub key: &'static str,
    /// The Dutch name (commands and options) or label (choices).
    pub nl_name: &'static str,
    /// The English label for choices; the description for commands and options.
    pub en: &'static str,
    /// The Dutch description (commands and options); equal to `nl_name` for choices.
    pub nl: &'static str,
}

const fn t(key: &'static str, nl_name: &'static str, en: &'static str, nl: &'static str) -> CommandText {
    CommandText { key, nl_name, en, nl }
}

static TEXTS: &[CommandText] = &[
    t(
        "contact",
        "contact",
        "Log and look up contacts with relations",
        "Contacten met relaties vastleggen en terugzien",
    ),
    t(
        "contact log",
        "vastleggen",
        "Log a contact with a relation: what was discussed and who follows up",
        "Leg een contact met een relatie vast: wat er besproken is en wie opvolgt",
    ),
    t(
        "contact history",
        "geschiedenis",
        "The history of a relation: recent contacts and what is open",
        "De geschiedenis van een relatie: recente contacten en wat er open staat",
    ),
    // options
    t(
        "relation",
        "relatie",
        "Organisation or person; a new name creates the relation",
        "Organisatie of persoon; een nieuwe naam maakt de relatie aan",
    ),
    t(
        "summary",
        "samenvatting",
        "What was discussed",
        "Wat er besproken is",
    ),
    t(
        "via",
        "via",
        "How the contact happened (default: phone)",
        "Hoe het contact was (standaard: telefoon)",
    ),
    t(
        "when",
        "wanneer",
        "When it happened (default: now), e.g. 'yesterday 14:00'",
        "Wanneer het was (standaard: nu), bijv. 'gisteren 14:00'",
    ),
    t(
        "follow_up",
        "opvolging",
        "The next step someone must take, e.g. 'Send the quote'",
        "De volgende stap die iemand moet zetten, bijv. 'Offerte sturen'",
    ),
    t(
        "follow_up_due",
        "opvolging_voor",
        "When the follow-up must be done, e.g. 'friday 12:00'",
        "Wanneer de opvolging af moet zijn, bijv. 'vrijdag 12:00'",
    ),
    t(
        "follow_up_owner",
        "opvolging_door",
        "Who holds the ball for the follow-up (default: you)",
        "Wie de bal heeft voor de opvolging (standaard: jij)",
    ),
    t(
        "restricted",
        "afgeschermd",
        "Personal or sensitive: only you and admins can read the summary",
        "Persoonlijk of gevoelig: alleen jij en beheerders kunnen de samenvatting lezen",
    ),
    t(
        "limit",
        "aantal",
        "How many contacts to show (1 to 50, default 10)",
        "Hoeveel contacten te tonen (1 tot en met 50, standaard 10)",
    ),
    // choices
    t("choice phone", "telefoon", "phone", "telefoon"),
    t("choice email", "e-mail", "email", "e-mail"),
    t("choice meeting", "overleg", "meeting", "overleg"),
    t("choice visit", "bezoek", "visit", "bezoek"),
    t("choice video", "videogesprek", "video call", "videogesprek"),
    t("choice chat", "chat", "chat", "chat"),
    t("choice letter", "brief", "letter", "brief"),
];

/// The texts for a command (`"contact log"`), an option (`"relation"`) or a choice
/// (`"choice phone"`).
pub fn command_text(key: &str) -> Option<&'static CommandText> {
    TEXTS.iter().find(|text| text.key == key)
}

/// An option's name as the person sees it in their language.
pub fn option_name(name: &'static str, lang: Lang) -> &'static str {
    match (lang, command_text(name)) {
        (Lang::Nl, Some(text)) => text.nl_name,
        _ => name,
    }
}

/// A choice's label (`phone` → "telefoon") in the person's language.
pub fn choice_label(word: &str, lang: Lang) -> &'static str {
    let key = format!("choice {word}");
    match command_text(&key) {
        Some(text) => match lang {
            Lang::En => text.en,
            Lang::Nl => text.nl_name,
        },
        None => "?",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_unique() {
        for (i, a) in TEXTS.iter().enumerate() {
            assert!(TEXTS[i + 1..].iter().all(|b| b.key != a.key), "{} twice", a.key);
        }
    }

    #[test]
    fn dutch_names_are_valid_discord_names() {
        for text in TEXTS.iter().filter(|text| !text.key.starts_with("choice ")) {
            let name = text.nl_name;
            assert!((1..=32).contains(&name.chars().count()), "{name}");
            assert!(
                name.chars()
                    .all(|c| c.is_lowercase() || c.is_ascii_digit() || c == '_' || c == '-'),
                "{name}"
            );
            assert!((1..=100).contains(&text.en.chars().count()), "{}", text.key);
            assert!((1..=100).contains(&text.nl.chars().count()), "{}", text.key);
        }
    }

    #[test]
    fn choices_have_labels_in_both_languages() {
        assert_eq!(choice_label("phone", Lang::Nl), "telefoon");
        assert_eq!(choice_label("phone", Lang::En), "phone");
        assert_eq!(option_name("follow_up_due", Lang::Nl), "opvolging_voor");
        assert_eq!(option_name("follow_up_due", Lang::En), "follow_up_due");
    }
}
