//! A syntax error in the config file, told without quoting the file. toml's own `Display`
//! shows the offending line, and that line may hold `discord.token`; so this gives the
//! line and column, the key when it is one baton knows, and toml's message with nothing
//! of the file in it.

use std::ops::Range;

use super::{key_named, KEYS};

/// Where the error is, counted from 1 as editors do; the column in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

pub(super) struct SyntaxError {
    pub(super) key: Option<&'static str>,
    pub(super) position: Option<Position>,
    pub(super) problem: String,
}

/// A probe key no config file uses, for finding which table a line belongs to.
const PROBE: &str = "__baton_probe__";
/// How far back to look for the start of the statement that failed: config files are short.
const LOOKBACK_LINES: usize = 200;

pub(super) fn describe(text: &str, err: &toml::de::Error) -> SyntaxError {
    let at = err.span().map(|span| start_of(text, span));
    SyntaxError {
        key: at.and_then(|at| key_at(text, at)),
        position: at.map(|at| position(text, at)),
        problem: problem(err.message()),
    }
}

/// The span's start, inside the text and on a character boundary.
fn start_of(text: &str, span: Range<usize>) -> usize {
    let mut at = span.start.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn position(text: &str, at: usize) -> Position {
    // At the very end of a file that ends in a newline, point just past its last line
    // rather than at a line that is not there.
    let at = if at == text.len() && text.ends_with('\n') {
        at - 1
    } else {
        at
    };
    let before = &text[..at];
    let line_start = before.rfind('\n').map_or(0, |nl| nl + 1);
    Position {
        line: before.matches('\n').count() + 1,
        column: before[line_start..].chars().count() + 1,
    }
}

/// The known key whose statement holds byte `at`. The statement starts on the latest line
/// before which the file still parses (a string or list may span lines); the table it is
/// in is where a probe key put there lands. Only a key baton knows is named, so nothing
/// read from the file is repeated.
fn key_at(text: &str, at: usize) -> Option<&'static str> {
    let mut line_starts: Vec<usize> = std::iter::once(0)
        .chain(text[..at].match_indices('\n').map(|(nl, _)| nl + 1))
        .collect();
    line_starts.reverse();
    let start = line_starts
        .into_iter()
        .take(LOOKBACK_LINES)
        .find(|&start| text[..start].parse::<toml::Table>().is_ok())?;
    let line = text[start..].lines().next().unwrap_or("").trim_start();
    let name: String = line
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
        .collect();
    if name.is_empty() {
        return None;
    }
    let full = match table_at(&text[..start])? {
        Some(table) => format!("{table}.{name}"),
        None => name,
    };
    key_named(&full).map(|key| key.name)
}

/// The table a line after `prefix` belongs to: `None` at the top level, `Some(name)` in a
/// `[name]` section; unknown (the outer `None`) anywhere deeper.
fn table_at(prefix: &str) -> Option<Option<String>> {
    let probed: toml::Table = format!("{prefix}\n{PROBE} = true\n").parse().ok()?;
    if probed.contains_key(PROBE) {
        return Some(None);
    }
    probed.iter().find_map(|(name, value)| match value {
        toml::Value::Table(section) if section.contains_key(PROBE) => Some(Some(name.clone())),
        _ => None,
    })
}

/// toml's message on one line. It quotes nothing of the file but keys ("duplicate key
/// `token`"); a quoted piece that is neither grammar (`=`, `]`, `true` …) nor a name baton
/// knows is left out, in case a pasted secret was read as a key.
fn problem(message: &str) -> String {
    let message = message
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join("; ");
    message
        .split('`')
        .enumerate()
        .map(|(i, piece)| match i % 2 {
            0 => piece.to_string(),
            _ if is_grammar_or_known(piece) => format!("`{piece}`"),
            _ => "`…`".to_string(),
        })
        .collect()
}

fn is_grammar_or_known(piece: &str) -> bool {
    piece.chars().count() <= 3
        || matches!(piece, "true" | "false" | "inf" | "nan")
        || KEYS
            .iter()
            .any(|key| key.name == piece || key.name.split('.').any(|part| part == piece))
}
