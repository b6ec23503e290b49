//! Reading what people typed into options: text, dates, durations. Every refusal names the
//! option, so the message can say where the mistake is.

use chrono::{DateTime, Duration, NaiveTime, Utc};

use super::{Frame, UserError};
use crate::domain::commitment;
use crate::domain::dates::{self, DateContext, DateError, Lean};
use crate::domain::text::{self, TextError};
use crate::domain::CommitmentRef;

/// Longest date phrase accepted; also the declared option length.
pub const PHRASE_MAX: usize = 100;

/// An optional text option counts as absent when blank.
pub fn present(option: &Option<String>) -> Option<&str> {
    option.as_deref().map(str::trim).filter(|text| !text.is_empty())
}

/// Cleaned text of at most `max` characters.
pub fn read_text(
    option: &'static str,
    input: &str,
    max: usize,
    multiline: bool,
) -> Result<String, UserError> {
    text::clean(input, max, multiline).map_err(|problem| UserError::Text { option, problem })
}

/// An optional text: absent when blank, else cleaned.
pub fn read_optional_text(
    option: &'static str,
    input: &Option<String>,
    max: usize,
) -> Result<Option<String>, UserError> {
    present(input)
        .map(|text| read_text(option, text, max, false))
        .transpose()
}

/// Reads a date phrase typed into `option`.
pub fn read_date(
    option: &'static str,
    phrase: &str,
    frame: &Frame,
    lean: Lean,
    default_time: NaiveTime,
) -> Result<DateTime<Utc>, UserError> {
    let len = phrase.chars().count();
    if len > PHRASE_MAX {
        return Err(UserError::Text {
            option,
            problem: TextError::TooLong { max: PHRASE_MAX, len },
        });
    }
    let cx = DateContext {
        now: frame.now,
        zone: frame.zone,
        lean,
        default_time,
    };
    dates::parse(phrase, &cx).map_err(|err| match err {
        DateError::NoSuchDate => UserError::NoSuchDate {
            option,
            input: phrase.to_string(),
        },
        DateError::Empty | DateError::Unreadable => UserError::DateUnreadable {
            option,
            input: phrase.to_string(),
        },
    })
}

/// A due time: a date phrase that must lie ahead. A day without a time means the end of
/// that working day.
pub fn read_due(option: &'static str, phrase: &str, frame: &Frame) -> Result<DateTime<Utc>, UserError> {
    let at = read_date(option, phrase, frame, Lean::Future, dates::END_OF_DAY)?;
    if !commitment::due_is_acceptable(at, frame.now) {
        return Err(UserError::DueInPast {
            option,
            input: phrase.to_string(),
            at,
        });
    }
    Ok(at)
}

/// A span like "1 day" or "2 uur".
pub fn read_span(option: &'static str, phrase: &str) -> Result<Duration, UserError> {
    dates::parse_span(phrase).map_err(|_| UserError::SpanUnreadable {
        option,
        input: phrase.to_string(),
    })
}

/// A commitment reference like "P-12".
pub fn read_reference(option: &'static str, input: &str) -> Result<CommitmentRef, UserError> {
    CommitmentRef::parse(input).ok_or_else(|| UserError::NotAReference {
        option,
        input: input.trim().to_string(),
    })
}
