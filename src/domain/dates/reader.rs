//! The pattern reader: walks the tokens and collects at most one day and one time of day.

use chrono::{NaiveTime, Timelike, Weekday};

use super::amount::Amount;
use super::lexer::{word, Tok};
use super::patterns::{
    bare_hour, clock_time, day_month, day_of_month, numeric_date, shift, word_piece, zone_name,
};
use super::vocabulary::{ZoneName, W};
use super::DateError::{self, NoSuchDate, Unreadable};
use super::{Part, END_OF_DAY};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Day {
    Now,
    Date {
        year: YearRef,
        month: u32,
        day: u32,
        /// Both numbers could be the month ("09/03"): read day first, and say so.
        swappable: bool,
    },
    Rel(i64),
    Weekday(Weekday, WeekRef),
    /// The first day of the week, month or year this many periods from the current one
    /// ("next week", "volgende maand", "vorig jaar").
    Start(Period),
    Shift {
        dir: Dir,
        amount: Amount,
    },
    /// Begin, middle or end of a period: "eind van de week", "half maart", "early 2027".
    PartOf(Third, Period),
    /// A day of a month: "de 19e" (the nearest), "the 1st of next month" (`Some(1)`).
    OfMonth {
        day: u32,
        months: Option<i64>,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum YearRef {
    None,
    Full(i32),
    /// Two digits, completed in the direction of the lean.
    Short(u32),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum WeekRef {
    /// A bare weekday: the nearest one in the direction of the lean.
    Nearest,
    /// In the ISO week this many weeks from the current one.
    Week(i64),
    /// Strictly before today ("last friday").
    Before,
    /// "na het weekend": leaning ahead strictly after today, leaning back the nearest.
    AfterWeekend,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Dir {
    Ahead,
    Back,
    /// A bare span ("2d", "3 dagen"): the way the field leans.
    Lean,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Period {
    Week(i64),
    Month(i64),
    Year(i64),
    /// A named month, in a given year or the nearest one.
    Named(u32, Option<i32>),
    /// A year written out: "eind 2027".
    InYear(i32),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Third {
    Begin,
    Mid,
    End,
}

pub(super) enum Piece {
    Day(Day),
    /// A clock time, and whether it carried am/pm.
    Clock(NaiveTime, bool),
    Eod,
    Midnight,
    Daypart(Part),
    DayWithDaypart(Day, Part),
    /// A number alone: an hour only next to a daypart ("8 's avonds", "vanavond 8").
    BareHour(u64),
    Before,
    About,
    Zone(ZoneName),
}

pub(super) type Match = Result<Option<(Piece, usize)>, DateError>;

/// What a phrase said, before it meets the clock.
#[derive(Default)]
pub(super) struct Parsed {
    pub(super) day: Option<Day>,
    clock: Option<NaiveTime>,
    /// The clock time is beyond doubt (it said am/pm, or is noon or end of day), so no
    /// daypart moves it.
    meridiem: bool,
    /// "end of day" alone means today, whatever the lean.
    pub(super) eod: bool,
    /// "middernacht": the end of the day, 00:00 of the next.
    pub(super) midnight: bool,
    pub(super) daypart: Option<Part>,
    bare_hour: Option<u64>,
    /// A weekday written next to a date ("vrijdag 4 december") must agree with it.
    pub(super) weekday: Option<Weekday>,
    /// "voor vrijdag": the working day before.
    pub(super) before: bool,
    /// "ongeveer", "rond": a guess, read as exact.
    pub(super) approximate: bool,
    /// The zone abbreviation after the clock time.
    pub(super) zone: Option<ZoneName>,
}

pub(super) fn read(tokens: &[Tok]) -> Result<Parsed, DateError> {
    // Order matters where patterns share a start: "1-12" is a date before "1" can be an
    // hour, "2 uur geleden" an offset before "2 uur" can be a clock time, and "3 dagen"
    // an amount before "3" can be a bare hour.
    const MATCHERS: [fn(&[Tok]) -> Match; 8] = [
        numeric_date,
        shift,
        day_month,
        day_of_month,
        clock_time,
        bare_hour,
        zone_name,
        word_piece,
    ];
    let mut reading = Parsed::default();
    let mut rest = tokens;
    if rest.is_empty() {
        return Err(Unreadable);
    }
    let mut after_clock = false;
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
        let clock = matches!(piece, Piece::Clock(..) | Piece::Midnight);
        if matches!(piece, Piece::Zone(_)) && !after_clock {
            return Err(Unreadable);
        }
        after_clock = clock;
        reading.add(piece)?;
        rest = rest.get(used.max(1)..).unwrap_or_default();
    }
    reading.settle_bare_hour()?;
    Ok(reading)
}

fn set_once<T>(slot: &mut Option<T>, value: T) -> Result<(), DateError> {
    if slot.is_some() {
        return Err(Unreadable);
    }
    *slot = Some(value);
    Ok(())
}

fn flag_once(flag: &mut bool) -> Result<(), DateError> {
    if *flag {
        return Err(Unreadable);
    }
    *flag = true;
    Ok(())
}

impl Parsed {
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
            Piece::Midnight => {
                self.midnight = true;
                self.meridiem = true;
                set_once(&mut self.clock, NaiveTime::MIN)
            }
            Piece::Daypart(part) => set_once(&mut self.daypart, part),
            Piece::DayWithDaypart(day, part) => {
                self.set_day(day)?;
                set_once(&mut self.daypart, part)
            }
            Piece::BareHour(hour) => set_once(&mut self.bare_hour, hour),
            Piece::Before => flag_once(&mut self.before),
            Piece::About => flag_once(&mut self.approximate),
            Piece::Zone(name) => set_once(&mut self.zone, name),
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

    /// A number alone is an hour only where a daypart says which ("8 's avonds",
    /// "vanavond 8", "3 in the afternoon"); "vrijdag 3" stays refused.
    fn settle_bare_hour(&mut self) -> Result<(), DateError> {
        let Some(hour) = self.bare_hour else {
            return Ok(());
        };
        if self.daypart.is_none() || self.clock.is_some() {
            return Err(Unreadable);
        }
        let hour = u32::try_from(hour).map_err(|_| NoSuchDate)?;
        self.clock = Some(NaiveTime::from_hms_opt(hour, 0, 0).ok_or(NoSuchDate)?);
        Ok(())
    }

    /// The clock time if there is one, moved by the daypart where the daypart table says
    /// so ("vanavond 8 uur" is 20:00); else the daypart's own time.
    pub(super) fn time_of_day(&self) -> Option<NaiveTime> {
        match (self.clock, self.daypart) {
            (Some(clock), Some(part)) if !self.meridiem => clock.with_hour(part.hour(clock.hour())),
            (Some(clock), _) => Some(clock),
            (None, part) => part.map(Part::time),
        }
    }
}
