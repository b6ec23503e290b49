//! Where the console's clock starts: now, or a moment given with `--now` or
//! `BATON_CLOCK_START`. A session started at a given moment reads "in 3 days 12:00" the
//! same way whatever the hour, weekday or season it runs in, which is what a test of it
//! (or a demo) needs.

use std::fmt;

use chrono::{DateTime, NaiveDateTime, Utc};
use chrono_tz::Tz;

use crate::domain::dates;

/// A start moment as written: an exact instant, or a date and time on the guild's clocks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClockStart {
    At(DateTime<Utc>),
    Local(NaiveDateTime),
}

/// Local forms, all year-first, so nothing depends on a day-month order.
const LOCAL_FORMATS: &[&str] = &[
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%dT%H:%M:%S",
];

impl ClockStart {
    pub fn parse(text: &str) -> Result<ClockStart, StartError> {
        let text = text.trim();
        if let Ok(at) = DateTime::parse_from_rfc3339(text) {
            return Ok(ClockStart::At(at.with_timezone(&Utc)));
        }
        LOCAL_FORMATS
            .iter()
            .find_map(|format| NaiveDateTime::parse_from_str(text, format).ok())
            .map(ClockStart::Local)
            .ok_or_else(|| StartError::Unreadable(text.to_string()))
    }

    /// The instant. A local time is read in `zone` as every date phrase is: one the clocks
    /// skip moves past the gap, one they show twice is the first of the two.
    pub fn resolve(self, zone: Tz) -> Result<DateTime<Utc>, StartError> {
        match self {
            ClockStart::At(at) => Ok(at),
            ClockStart::Local(local) => {
                dates::at_local(zone, local.date(), local.time()).map_err(|_| StartError::OutOfRange(local))
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StartError {
    Unreadable(String),
    OutOfRange(NaiveDateTime),
}

impl fmt::Display for StartError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = "the console's start time (--now or BATON_CLOCK_START)";
        match self {
            StartError::Unreadable(text) => write!(
                f,
                "{what} “{text}” is not readable: write a date and time like \"2026-11-23 09:00\" \
                 (on the guild's clocks) or an RFC 3339 moment like \"2026-11-23T09:00:00+01:00\""
            ),
            StartError::OutOfRange(local) => {
                write!(f, "{what} “{local}” is outside the calendar baton reads")
            }
        }
    }
}

impl std::error::Error for StartError {}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use chrono_tz::Europe::Amsterdam;

    fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap()
    }

    #[test]
    fn start_times_are_read_on_the_guild_clocks_or_exactly() {
        for (text, expected) in [
            ("2026-11-23 09:00", utc(2026, 11, 23, 8, 0)),
            (
                "2026-11-23T09:00:30",
                utc(2026, 11, 23, 8, 0) + chrono::Duration::seconds(30),
            ),
            (" 2026-07-01 09:00 ", utc(2026, 7, 1, 7, 0)),
            ("2026-11-23T09:00:00+01:00", utc(2026, 11, 23, 8, 0)),
            ("2026-11-23T09:00:00Z", utc(2026, 11, 23, 9, 0)),
            // Clocks spring forward at 02:00: 02:30 is read as 03:30 summer time.
            ("2026-03-29 02:30", utc(2026, 3, 29, 1, 30)),
            // Clocks fall back at 03:00: 02:30 happens twice; the first is summer time.
            ("2026-10-25 02:30", utc(2026, 10, 25, 0, 30)),
        ] {
            let start = ClockStart::parse(text).and_then(|start| start.resolve(Amsterdam));
            assert_eq!(start, Ok(expected), "{text}");
        }
    }

    #[test]
    fn an_unreadable_start_time_is_refused_with_an_example() {
        for text in [
            "",
            "tomorrow 9:00",
            "23-11-2026 09:00",
            "2026-11-31 09:00",
            "2026-11-23 25:00",
        ] {
            let err = ClockStart::parse(text).unwrap_err();
            let message = err.to_string();
            assert!(message.contains(&format!("“{}”", text.trim())), "{message}");
            assert!(message.contains("2026-11-23 09:00"), "{message}");
            assert!(message.contains("BATON_CLOCK_START"), "{message}");
            assert!(!message.contains('\n'), "{message}");
        }
    }
}
