//! The pattern reader: walks the tokens and collects at most one day and one time of day.

use chrono::{NaiveTime, Timelike, Weekday};

use super::amount::Amount;
use super::lexer::{word, Tok};
use super::patterns::{clock_time, day_month, numeric_date, shift_ago, shift_in, word_piece};
use super::vocabulary::W;
use super::DateError::{self, Unreadable};
use super::{AFTERNOON, END_OF_DAY};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Day {
    Now,
    Date {
        year: Option<i32>,
        month: u32,
        day: u32,
    },
    Rel(i64),
    Weekday(Weekday, WeekRef),
    /// Monday of the week this many weeks from the current one.
    WeekStart(i64),
    Shift {
        back: bool,
        amount: Amount,
    },
    /// Friday of the week this many weeks from the current one.
    EndOfWeek(i64),
    /// Last day of the month this many months from the current one.
    EndOfMonth(i64),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum WeekRef {
    /// A bare weekday: the nearest one in the direction of the lean.
    Nearest,
    /// In the ISO week this many weeks from the current one.
    Week(i64),
    /// Strictly before today ("last friday").
    Before,
}

pub(super) enum Piece {
    Day(Day),
    /// A clock time, and whether it carried am/pm.
    Clock(NaiveTime, bool),
    Eod,
    Daypart(NaiveTime),
    DayWithDaypart(Day, NaiveTime),
}

pub(super) type Match = Result<Option<(Piece, usize)>, DateError>;

/// What a phrase said, before it meets the clock.
#[derive(Default)]
pub(super) struct Reading {
    pub(super) day: Option<Day>,
    clock: Option<NaiveTime>,
    /// The clock time is beyond doubt (it said am/pm, or is noon or end of day), so no
    /// daypart moves it.
    meridiem: bool,
    /// "end of day" alone means today, whatever the lean.
    pub(super) eod: bool,
    daypart: Option<NaiveTime>,
    /// A weekday written next to a date ("vrijdag 4 december") must agree with it.
    pub(super) weekday: Option<Weekday>,
}

pub(super) fn read(tokens: &[Tok]) -> Result<Reading, DateError> {
    // Order matters where patterns share a start: "1-12" is a date before "1" can be an
    // hour, and "2 uur geleden" an offset before "2 uur" can be a clock time.
    const MATCHERS: [fn(&[Tok]) -> Match; 6] = [
        numeric_date,
        shift_ago,
        shift_in,
        day_month,
        clock_time,
        word_piece,
    ];
    let mut reading = Reading::default();
    let mut rest = tokens;
    if rest.is_empty() {
        return Err(Unreadable);
    }
    while !rest.is_empty() {
        if word(rest, 0) == Some(W::At) {
            rest = rest.get(1..).unwrap_or_default();
            continue;
        }
        let mut found = None;
        for matcher in MATCHERS {
            found = matcher(rest)?;
            if found.is_some() {
                break;
            }
        }
        let (piece, used) = found.ok_or(Unreadable)?;
        reading.add(piece)?;
        rest = rest.get(used.max(1)..).unwrap_or_default();
    }
    Ok(reading)
}

fn set_once<T>(slot: &mut Option<T>, value: T) -> Result<(), DateError> {
    if slot.is_some() {
        return Err(Unreadable);
    }
    *slot = Some(value);
    Ok(())
}

impl Reading {
    fn add(&mut self, piece: Piece) -> Result<(), DateError> {
        match piece {
            Piece::Day(day) => self.set_day(day),
            Piece::Clock(time, meridiem) => {
                self.meridiem = meridiem;
                set_once(&mut self.clock, time)
            }
            Piece::Eod => {
                self.eod = true;
                self.meridiem = true;
                set_once(&mut self.clock, END_OF_DAY)
            }
            Piece::Daypart(time) => set_once(&mut self.daypart, time),
            Piece::DayWithDaypart(day, time) => {
                self.set_day(day)?;
                set_once(&mut self.daypart, time)
            }
        }
    }

    fn set_day(&mut self, day: Day) -> Result<(), DateError> {
        let day = match (self.day, day) {
            (None, day) => day,
            (Some(Day::Weekday(wd, WeekRef::Nearest)), date @ Day::Date { .. })
            | (Some(date @ Day::Date { .. }), Day::Weekday(wd, WeekRef::Nearest)) => {
                set_once(&mut self.weekday, wd)?;
                date
            }
            _ => return Err(Unreadable),
        };
        self.day = Some(day);
        Ok(())
    }

    /// The clock time if there is one, read in the afternoon when an afternoon or evening
    /// daypart says so ("vanavond 8 uur"); else the daypart.
    pub(super) fn time_of_day(&self) -> Option<NaiveTime> {
        match (self.clock, self.daypart) {
            (Some(clock), Some(part))
                if !self.meridiem && part >= AFTERNOON && (1..12).contains(&clock.hour()) =>
            {
                clock.with_hour(clock.hour() + 12)
            }
            (Some(clock), _) => Some(clock),
            (None, part) => part,
        }
    }
}
