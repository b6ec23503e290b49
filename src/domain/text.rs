//! Free text typed by people: trimmed, bounded, without control characters. Every text
//! field goes through `clean`, so limits are enforced in one place.

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TextError {
    Empty,
    TooLong { max: usize, len: usize },
}

/// Trims, drops control characters (newlines survive where `multiline`), and checks the
/// length in characters, as Discord counts them.
pub fn clean(input: &str, max: usize, multiline: bool) -> Result<String, TextError> {
    let mut out = String::with_capacity(input.len());
    for ch in input.trim().chars() {
        match ch {
            '\n' if multiline => out.push('\n'),
            '\r' => {}
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    let out = out.trim().to_string();
    let len = out.chars().count();
    if len == 0 {
        Err(TextError::Empty)
    } else if len > max {
        Err(TextError::TooLong { max, len })
    } else {
        Ok(out)
    }
}

/// Longest member name kept; Discord's own limit is 32, the console's is what people type.
pub const DISPLAY_NAME_MAX: usize = 100;

/// A member's name as it is kept: control characters become spaces (PostgreSQL text cannot
/// hold a NUL, and the console takes names as typed), trimmed and shortened. Never refused:
/// a name is what the chat says it is.
pub fn display_name(name: &str) -> String {
    let spaced: String = name
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    shorten(spaced.trim(), DISPLAY_NAME_MAX)
}

/// Cuts `text` to at most `max` characters, marking the cut with an ellipsis.
pub fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut cut: String = text.chars().take(max.saturating_sub(1)).collect();
    cut.truncate(cut.trim_end().len());
    cut.push('…');
    cut
}

/// Puts a backslash before every character of `special`, so a syntax that gives them a
/// meaning (LIKE patterns, Markdown) reads them literally.
pub fn escape(text: &str, special: &[char]) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for ch in text.chars() {
        if special.contains(&ch) {
            out.push('\\');
        }
        out.push(ch);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_lose_control_characters_and_stay_short() {
        assert_eq!(display_name(" al\u{0}ice\n"), "al ice");
        assert_eq!(display_name("\u{0}\u{0}"), "");
        assert_eq!(display_name(&"é".repeat(500)).chars().count(), DISPLAY_NAME_MAX);
        assert_eq!(display_name("Bob 🙂"), "Bob 🙂");
    }

    #[test]
    fn clean_trims_and_keeps_inner_text() {
        assert_eq!(
            clean("  Belde over de offerte \n", 100, false).as_deref(),
            Ok("Belde over de offerte")
        );
    }

    #[test]
    fn clean_refuses_blank_text() {
        assert_eq!(clean(" \t\n ", 100, true), Err(TextError::Empty));
    }

    #[test]
    fn clean_counts_characters_not_bytes() {
        assert!(clean(&"é".repeat(10), 10, false).is_ok());
        assert_eq!(
            clean(&"é".repeat(11), 10, false),
            Err(TextError::TooLong { max: 10, len: 11 })
        );
    }

    #[test]
    fn clean_keeps_newlines_only_where_allowed() {
        assert_eq!(clean("a\r\nb", 10, true).as_deref(), Ok("a\nb"));
        assert_eq!(clean("a\nb\u{7}c", 10, false).as_deref(), Ok("a b c"));
    }

    #[test]
    fn escape_marks_only_the_special_characters() {
        assert_eq!(escape("50%_a\\b", &['%', '_', '\\']), "50\\%\\_a\\\\b");
        assert_eq!(escape("plain", &['*']), "plain");
    }

    #[test]
    fn shorten_marks_the_cut() {
        assert_eq!(shorten("abcdef", 10), "abcdef");
        assert_eq!(shorten("abc defgh", 5), "abc…");
    }
}
