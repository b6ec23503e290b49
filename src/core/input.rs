//! Reading what people typed into options: text, dates, durations. Every refusal names the
//! option, so the message can say where the mistake is.

use chrono::{DateTime, Duration, NaiveTime, Utc};

use super::{Frame, UserError};
use crate::domain::commitment;
use crate::domain::dates::{self, DateContext, DateError, Lean, Note};
use crate::domain::text::{self, TextError};
use crate::domain::{CommitmentRef, HandoverRef};

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

/// A date phrase as it was typed, with what baton assumed reading it ("09/03" day first):
/// replies show both under the result, so a misreading is seen at once.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Typed {
    pub text: String,
    pub notes: Vec<Note>,
}

/// A date read from an option: the instant, and the phrase that gave it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dated {
    pub at: DateTime<Utc>,
    pub typed: Typed,
}

/// Reads a date phrase typed into `option`.
pub fn read_date(
    option: &'static str,
    phrase: &str,
    frame: &Frame,
    lean: Lean,
    default_time: NaiveTime,
) -> Result<Dated, UserError> {
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
    let reading = dates::read_phrase(phrase, &cx).map_err(|err| match err {
        DateError::NoSuchDate => UserError::NoSuchDate {
            option,
            input: phrase.to_string(),
        },
        DateError::Empty | DateError::Unreadable => UserError::DateUnreadable {
            option,
            input: phrase.to_string(),
        },
        DateError::TooFar => UserError::DateTooFar {
            option,
            input: phrase.to_string(),
        },
    })?;
    Ok(Dated {
        at: reading.at,
        typed: Typed {
            text: phrase.trim().to_string(),
            notes: reading.notes,
        },
    })
}

/// A due time: a date phrase that must lie ahead. A day without a time means the end of
/// that working day.
pub fn read_due(option: &'static str, phrase: &str, frame: &Frame) -> Result<Dated, UserError> {
    let due = read_date(option, phrase, frame, Lean::Future, dates::END_OF_DAY)?;
    if !commitment::due_is_acceptable(due.at, frame.now) {
        return Err(UserError::DueInPast {
            option,
            input: phrase.to_string(),
            at: due.at,
        });
    }
    Ok(due)
}

/// `remind_before` is stored as whole minutes in an `i32` column; the longest span the
/// parser returns must fit it, or a heads-up would silently be dropped when stored.
const _: () = assert!(dates::MAX_SPAN_MINUTES <= i32::MAX as u64);

/// A span like "1 day" or "2 uur", positive and at most ten years, so its minutes fit an
/// `i32`.
pub fn read_span(option: &'static str, phrase: &str) -> Result<Duration, UserError> {
    let len = phrase.chars().count();
    if len > PHRASE_MAX {
        return Err(UserError::Text {
            option,
            problem: TextError::TooLong { max: PHRASE_MAX, len },
        });
    }
    dates::parse_span(phrase).map_err(|err| match err {
        DateError::TooFar => UserError::SpanTooLong {
            option,
            input: phrase.to_string(),
        },
        DateError::Empty | DateError::Unreadable | DateError::NoSuchDate => UserError::SpanUnreadable {
            option,
            input: phrase.to_string(),
        },
    })
}

/// A commitment reference like "P-12".
pub fn read_reference(option: &'static str, input: &str) -> Result<CommitmentRef, UserError> {
    CommitmentRef::parse(input).ok_or_else(|| not_a_reference(option, input))
}

/// A handover reference like "H-3".
pub fn read_handover(option: &'static str, input: &str) -> Result<HandoverRef, UserError> {
    HandoverRef::parse(input).ok_or_else(|| not_a_reference(option, input))
}

fn not_a_reference(option: &'static str, input: &str) -> UserError {
    UserError::NotAReference {
        option,
        input: input.trim().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;
    use crate::domain::Lang;

    fn frame() -> Frame {
        Frame {
            lang: Lang::Nl,
            zone: chrono_tz::Europe::Amsterdam,
            now: Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap(),
        }
    }

    /// A short name for the refusal, so a table can say which one it expects.
    fn kind(err: &UserError) -> &'static str {
        match err {
            UserError::Text { .. } => "text",
            UserError::DateUnreadable { .. } => "unreadable",
            UserError::NoSuchDate { .. } => "no such date",
            UserError::DateTooFar { .. } => "too far",
            UserError::DueInPast { .. } => "in the past",
            UserError::SpanUnreadable { .. } => "span unreadable",
            UserError::SpanTooLong { .. } => "span too long",
            UserError::NotAReference { .. } => "not a reference",
            _ => "other",
        }
    }

    #[test]
    fn due_dates_are_refused_for_what_is_wrong_with_them() {
        let frame = frame();
        let long = "over 3 dagen ".repeat(800);
        let table: &[(&str, &str)] = &[
            ("over 99999999 dagen", "too far"),
            ("over 9223372036854775807 minuten", "too far"),
            ("in 11 years", "too far"),
            ("9999-12-31", "too far"),
            ("0000-01-01", "too far"),
            ("31-02", "no such date"),
            ("29-02-2027", "no such date"),
            ("-5 days", "unreadable"),
            ("🙂", "unreadable"),
            ("\u{0}", "unreadable"),
            ("غدا", "unreadable"),
            ("gisteren", "in the past"),
            ("2016-11-23 10:00", "in the past"),
            (&long, "text"),
        ];
        let failures: Vec<String> = table
            .iter()
            .filter_map(|&(phrase, expected)| {
                let got = read_due("due", phrase, &frame);
                let got = got.as_ref().map_err(kind);
                (got != Err(expected)).then(|| format!("{phrase:?}: expected {expected}, got {got:?}"))
            })
            .collect();
        assert!(failures.is_empty(), "\n{}", failures.join("\n"));
    }

    #[test]
    fn a_due_date_ten_years_ahead_is_accepted() {
        let frame = frame();

        let at = read_due("due", "over 10 jaar", &frame).map(|due| due.at);

        assert_eq!(at, Ok(Utc.with_ymd_and_hms(2036, 11, 23, 9, 0, 0).unwrap()));
    }

    #[test]
    fn a_contact_date_more_than_ten_years_back_is_too_far() {
        let frame = frame();
        let read = |phrase| read_date("when", phrase, &frame, Lean::Past, dates::END_OF_DAY);

        assert!(read("10 jaar geleden").is_ok());
        assert!(matches!(
            read("11 jaar geleden"),
            Err(UserError::DateTooFar { option: "when", .. })
        ));
        assert!(matches!(read("1-1-1900"), Err(UserError::DateTooFar { .. })));
    }

    #[test]
    fn spans_are_refused_for_what_is_wrong_with_them() {
        let long = "1 dag ".repeat(2000);
        let table: &[(&str, &str)] = &[
            ("99999999 dagen", "span too long"),
            ("over 9223372036854775807 minuten", "span unreadable"),
            ("9223372036854775807 minuten", "span too long"),
            ("3654 days", "span too long"),
            ("0 dagen", "span unreadable"),
            ("-5 days", "span unreadable"),
            ("🙂", "span unreadable"),
            ("1 dag\u{0}", "span unreadable"),
            (&long, "text"),
        ];
        let failures: Vec<String> = table
            .iter()
            .filter_map(|&(phrase, expected)| {
                let got = read_span("remind_before", phrase);
                let got = got.as_ref().map_err(kind);
                (got != Err(expected)).then(|| format!("{phrase:?}: expected {expected}, got {got:?}"))
            })
            .collect();
        assert!(failures.is_empty(), "\n{}", failures.join("\n"));
    }

    #[test]
    fn the_longest_span_fits_the_minutes_column() {
        let span = read_span("remind_before", "3653 dagen").expect("ten years is accepted");

        assert!(i32::try_from(span.num_minutes()).is_ok());
        assert_eq!(crate::store::commitments::minutes(Some(span)), Some(5_260_320));
    }

    #[test]
    fn references_out_of_range_are_not_references() {
        for input in ["P-999999999999", "P-0", "P--1", "P-", "#", "P-1\u{0}", "P-١٢"] {
            assert!(
                matches!(
                    read_reference("promise", input),
                    Err(UserError::NotAReference { .. })
                ),
                "{input:?}"
            );
        }
        assert_eq!(read_reference("promise", " p-12 "), Ok(CommitmentRef(12)));
    }
}
