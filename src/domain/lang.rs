//! The languages baton answers in.

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Lang {
    En,
    Nl,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Nl];

    /// Reads a Discord locale (`nl`, `en-US`, `en-GB`) or a config value (`en`, `nl`).
    /// Locales baton does not speak give `None`, so the caller falls back to the guild's.
    pub fn from_locale(locale: &str) -> Option<Lang> {
        let primary = locale.split(['-', '_']).next().unwrap_or("").trim();
        match primary.to_ascii_lowercase().as_str() {
            "en" => Some(Lang::En),
            "nl" => Some(Lang::Nl),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Nl => "nl",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn discord_locales_map_to_languages() {
        for (locale, lang) in [
            ("nl", Some(Lang::Nl)),
            ("en-US", Some(Lang::En)),
            ("en-GB", Some(Lang::En)),
            ("EN", Some(Lang::En)),
            ("de", None),
            ("", None),
        ] {
            assert_eq!(Lang::from_locale(locale), lang, "{locale:?}");
        }
    }
}
