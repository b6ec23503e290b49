//! RFC 5545 iCalendar (.ics) files for appointments.
//!
//! The `icalendar` crate writes the VCALENDAR and VEVENT components, escapes TEXT values and folds
//! lines. Two things are added here:
//! - VTIMEZONE: the crate cannot build it. Custom components can't be created through its public
//!   API, and every component it serializes gets a DTSTAMP and a random UID, which VTIMEZONE must
//!   not have. So we write the BEGIN/END lines ourselves and serialize each property with
//!   `icalendar::Property`, which escapes and folds it.
//! - `refold`: icalendar 0.17's folder sometimes ends a value with a 76-octet continuation line.
//!   Those lines get split once more, and every other line is left as it is.

use std::collections::BTreeSet;

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime, Offset, TimeDelta, TimeZone, Utc};
use chrono_tz::{OffsetComponents, OffsetName, Tz};
use icalendar::{Calendar, CalendarDateTime, Component, DatePerhapsTime, EventLike, EventStatus, Property};

/// Whether the event takes place.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// It takes place (STATUS:CONFIRMED).
    Confirmed,
    /// It was called off (STATUS:CANCELLED).
    Cancelled,
}

/// One appointment as a calendar event (VEVENT).
#[derive(Clone, Debug)]
pub struct Event {
    /// Stable per appointment, e.g. "A-12.1234567890@baton" — re-importing updates instead of duplicating.
    pub uid: String,
    /// Raised on each change (RFC 5545 SEQUENCE).
    pub sequence: u32,
    /// When the appointment begins.
    pub start: DateTime<Utc>,
    /// When it ends. If it is before `start`, `start` is used instead.
    pub end: DateTime<Utc>,
    /// Title shown in the calendar.
    pub summary: String,
    /// Where it takes place, if known.
    pub location: Option<String>,
    /// Longer free text.
    pub description: Option<String>,
    /// Whether it takes place.
    pub status: Status,
    /// When the appointment was last changed (LAST-MODIFIED).
    pub modified: DateTime<Utc>,
}

/// A calendar file with these events, times written as local times in `zone`
/// (`DTSTART;TZID=Europe/Amsterdam:20261210T100000`), plus a VTIMEZONE for `zone`.
///
/// For each year in which an event starts or ends (or the year of `stamp` if there are no events),
/// the VTIMEZONE lists every offset change of that year. It also gives the offset in force at the
/// start of the year when the previous year isn't listed, so the earliest event is covered too.
/// Zones without changes get a single STANDARD observance. If a local time would be out of
/// chrono's range, that time is written in UTC instead. `stamp` is used as every DTSTAMP.
pub fn calendar(events: &[Event], zone: Tz, stamp: DateTime<Utc>) -> String {
    let mut cal = Calendar::empty();
    for (key, value) in [
        ("VERSION", "2.0"),
        ("PRODID", "-//baton//appointments//EN"),
        ("CALSCALE", "GREGORIAN"),
        ("METHOD", "PUBLISH"),
        ("X-WR-TIMEZONE", zone.name()),
    ] {
        cal.append_property(Property::new(key, value));
    }
    cal.extend(events.iter().map(|event| vevent(event, zone, stamp)));
    let mut ics: String = (&cal).try_into().unwrap_or_default();
    // The VTIMEZONE goes in front of the first event, or in front of END:VCALENDAR if there are none.
    // Content lines never start with BEGIN/END (continuation lines start with a space).
    let at = ics
        .find("\r\nBEGIN:")
        .or_else(|| ics.rfind("\r\nEND:VCALENDAR"))
        .map_or(0, |i| i + 2);
    ics.insert_str(at, &vtimezone(zone, &years(events, zone, stamp)));
    refold(&ics)
}

fn vevent(event: &Event, zone: Tz, stamp: DateTime<Utc>) -> icalendar::Event {
    let mut vevent = icalendar::Event::new();
    vevent
        .uid(&clean(&event.uid))
        .sequence(event.sequence)
        .timestamp(stamp)
        .last_modified(event.modified)
        .starts(local(event.start, zone))
        .ends(local(event.end.max(event.start), zone))
        .summary(&clean(&event.summary))
        .status(match event.status {
            Status::Confirmed => EventStatus::Confirmed,
            Status::Cancelled => EventStatus::Cancelled,
        });
    if let Some(location) = &event.location {
        vevent.location(&clean(location));
    }
    if let Some(description) = &event.description {
        vevent.description(&clean(description));
    }
    vevent.done()
}

/// Makes text safe for a TEXT value: line breaks become `\n`, other control characters except
/// tab are dropped. The crate does the escaping itself.
fn clean(text: &str) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    text.chars()
        .filter(|&c| c == '\n' || c == '\t' || !c.is_control())
        .collect()
}

/// `at` as a local time in `zone`, or in UTC if the local time would be out of chrono's range.
fn local(at: DateTime<Utc>, zone: Tz) -> CalendarDateTime {
    match local_time(zone, at.naive_utc()) {
        Some(date_time) => CalendarDateTime::WithTimezone {
            date_time,
            tzid: zone.name().to_owned(),
        },
        None => CalendarDateTime::Utc(at),
    }
}

fn local_time(zone: Tz, utc: NaiveDateTime) -> Option<NaiveDateTime> {
    utc.checked_add_offset(zone.offset_from_utc_datetime(&utc).fix())
}

/// The local years in which some event starts or ends, or the year of `stamp` if there are no events.
fn years(events: &[Event], zone: Tz, stamp: DateTime<Utc>) -> BTreeSet<i32> {
    let year = |at: DateTime<Utc>| local_time(zone, at.naive_utc()).map_or(at.year(), |t| t.year());
    let mut years: BTreeSet<i32> = events
        .iter()
        .flat_map(|e| [e.start, e.end.max(e.start)])
        .map(year)
        .collect();
    if years.is_empty() {
        years.insert(year(stamp));
    }
    years
}

/// The part of a zone's offset that VTIMEZONE describes.
#[derive(Clone, Debug, PartialEq)]
struct Observance {
    /// Seconds east of UTC.
    offset: i32,
    daylight: bool,
    name: Option<String>,
}

fn observance(zone: Tz, utc: NaiveDateTime) -> Observance {
    let offset = zone.offset_from_utc_datetime(&utc);
    Observance {
        offset: offset.fix().local_minus_utc(),
        // Positive only: Europe/Dublin's negative winter DST is still standard time.
        daylight: offset.dst_offset() > TimeDelta::zero(),
        name: offset.abbreviation().map(str::to_owned),
    }
}

/// The VTIMEZONE component for `zone` covering `years`. Empty if none of the years can be described.
fn vtimezone(zone: Tz, years: &BTreeSet<i32>) -> String {
    let mut observances = String::new();
    for &year in years {
        let (Some(start), Some(end)) = (new_year(zone, year), new_year(zone, year.saturating_add(1))) else {
            continue;
        };
        if !years.contains(&year.saturating_sub(1)) {
            let initial = observance(zone, start);
            observances += &sub_component(&initial, &initial, start);
        }
        for (at, before, after) in transitions(zone, start, end) {
            observances += &sub_component(&before, &after, at);
        }
    }
    if observances.is_empty() {
        return observances;
    }
    format!(
        "BEGIN:VTIMEZONE\r\n{}{observances}END:VTIMEZONE\r\n",
        line(Property::new("TZID", zone.name()))
    )
}

/// The UTC instant of local midnight on 1 January of `year` (taken as UTC if it falls in a gap).
fn new_year(zone: Tz, year: i32) -> Option<NaiveDateTime> {
    let midnight = NaiveDate::from_ymd_opt(year, 1, 1)?.and_hms_opt(0, 0, 0)?;
    Some(
        zone.from_local_datetime(&midnight)
            .earliest()
            .map_or(midnight, |t| t.naive_utc()),
    )
}

/// Offset changes in `(start, end]` (UTC) as (instant, before, after). Days are scanned for a
/// change, which is then bisected to the second.
fn transitions(
    zone: Tz,
    start: NaiveDateTime,
    end: NaiveDateTime,
) -> Vec<(NaiveDateTime, Observance, Observance)> {
    let mut found = Vec::new();
    let (mut from, mut before) = (start, observance(zone, start));
    while from < end {
        let Some(to) = from.checked_add_signed(TimeDelta::days(1)).map(|t| t.min(end)) else {
            break;
        };
        if observance(zone, to) == before {
            from = to;
            continue;
        }
        // Invariant: the observance at `lo` is `before` and the one at `hi` is not.
        let (mut lo, mut hi) = (from, to);
        while hi - lo > TimeDelta::seconds(1) {
            let Some(mid) = lo.checked_add_signed((hi - lo) / 2) else {
                break;
            };
            if observance(zone, mid) == before {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        let after = observance(zone, hi);
        found.push((hi, before, after.clone()));
        // Go on from the change itself, so a second change on the same day is found as well.
        (from, before) = (hi, after);
    }
    found
}

/// A STANDARD or DAYLIGHT sub-component for switching from `before` to `after` at `at` (UTC).
fn sub_component(before: &Observance, after: &Observance, at: NaiveDateTime) -> String {
    // DTSTART is the local time just before the change, in the old offset.
    let Some(onset) = FixedOffset::east_opt(before.offset).and_then(|o| at.checked_add_offset(o)) else {
        return String::new();
    };
    let kind = if after.daylight { "DAYLIGHT" } else { "STANDARD" };
    let mut lines = line(DatePerhapsTime::from(onset).to_property("DTSTART"));
    lines += &line(Property::new("TZOFFSETFROM", utc_offset(before.offset)));
    lines += &line(Property::new("TZOFFSETTO", utc_offset(after.offset)));
    if let Some(name) = &after.name {
        lines += &line(Property::new("TZNAME", name));
    }
    format!("BEGIN:{kind}\r\n{lines}END:{kind}\r\n")
}

/// A UTC-OFFSET value: `+0100`, or `+001932` when there are seconds.
fn utc_offset(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let abs = seconds.unsigned_abs();
    let hours_minutes = format!("{sign}{:02}{:02}", abs / 3600, abs / 60 % 60);
    match abs % 60 {
        0 => hours_minutes,
        secs => format!("{hours_minutes}{secs:02}"),
    }
}

/// One content line, escaped and folded by the crate, ending in CRLF.
fn line(property: Property) -> String {
    property.try_into().unwrap_or_default()
}

/// Splits physical lines longer than 75 octets (a continuation line may follow).
fn refold(ics: &str) -> String {
    const MAX: usize = 75;
    let mut out = String::with_capacity(ics.len() + ics.len() / 64);
    for mut rest in ics.split_terminator("\r\n") {
        // The first piece may use all 75 octets; later ones lose one to the leading space.
        let mut limit = MAX;
        while rest.len() > limit {
            let mut cut = limit;
            while !rest.is_char_boundary(cut) {
                cut -= 1;
            }
            let (head, tail) = rest.split_at(cut);
            out.push_str(head);
            out.push_str("\r\n ");
            rest = tail;
            limit = MAX - 1;
        }
        out.push_str(rest);
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::{Asia::Tokyo, Europe::Amsterdam, UTC};
    use icalendar::parser::{read_calendar, unfold};

    fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).unwrap()
    }

    fn naive(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, mo, d)
            .unwrap()
            .and_hms_opt(h, mi, 0)
            .unwrap()
    }

    fn stamp() -> DateTime<Utc> {
        utc(2026, 11, 1, 12, 0)
    }

    fn event(uid: &str, start: DateTime<Utc>) -> Event {
        Event {
            uid: uid.to_owned(),
            sequence: 3,
            start,
            end: start + TimeDelta::hours(1),
            summary: "Intake".to_owned(),
            location: None,
            description: None,
            status: Status::Confirmed,
            modified: utc(2026, 10, 30, 9, 15),
        }
    }

    fn parse(ics: &str) -> Calendar {
        ics.parse().unwrap()
    }

    fn amsterdam(date_time: NaiveDateTime) -> Option<DatePerhapsTime> {
        Some(
            CalendarDateTime::WithTimezone {
                date_time,
                tzid: "Europe/Amsterdam".to_owned(),
            }
            .into(),
        )
    }

    /// The STANDARD/DAYLIGHT sub-components as (kind, DTSTART, TZOFFSETFROM, TZOFFSETTO, TZNAME).
    fn observances(ics: &str) -> Vec<[String; 5]> {
        let unfolded = unfold(ics);
        let cal = read_calendar(&unfolded).unwrap();
        let zones: Vec<_> = cal.components.iter().filter(|c| c.name == "VTIMEZONE").collect();
        assert_eq!(zones.len(), 1);
        zones[0]
            .components
            .iter()
            .map(|c| {
                let prop = |key: &str| c.find_prop(key).map(|p| p.val.to_string()).unwrap_or_default();
                [
                    c.name.to_string(),
                    prop("DTSTART"),
                    prop("TZOFFSETFROM"),
                    prop("TZOFFSETTO"),
                    prop("TZNAME"),
                ]
            })
            .collect()
    }

    fn obs(kind: &str, start: &str, from: &str, to: &str, name: &str) -> [String; 5] {
        [kind, start, from, to, name].map(str::to_owned)
    }

    #[test]
    fn event_parses_back_with_local_times() {
        let ics = calendar(
            &[event("A-12.1234567890@baton", utc(2026, 12, 10, 9, 0))],
            Amsterdam,
            stamp(),
        );
        assert!(ics.contains("\r\nDTSTART;TZID=Europe/Amsterdam:20261210T100000\r\n"));
        let cal = parse(&ics);
        for (key, value) in [
            ("VERSION", "2.0"),
            ("PRODID", "-//baton//appointments//EN"),
            ("CALSCALE", "GREGORIAN"),
            ("METHOD", "PUBLISH"),
            ("X-WR-TIMEZONE", "Europe/Amsterdam"),
        ] {
            assert_eq!(cal.property_value(key), Some(value), "{key}");
        }
        let events: Vec<_> = cal.events().collect();
        assert_eq!(events.len(), 1);
        let e = events[0];
        assert_eq!(e.get_start(), amsterdam(naive(2026, 12, 10, 10, 0)));
        assert_eq!(e.get_end(), amsterdam(naive(2026, 12, 10, 11, 0)));
        assert_eq!(e.get_uid(), Some("A-12.1234567890@baton"));
        assert_eq!(e.get_sequence(), Some(3));
        assert_eq!(e.get_status(), Some(EventStatus::Confirmed));
        assert_eq!(e.get_timestamp(), Some(stamp()));
        assert_eq!(e.get_last_modified(), Some(utc(2026, 10, 30, 9, 15)));
        assert_eq!(e.get_summary(), Some("Intake"));
        assert_eq!(e.get_location(), None);
        // The VTIMEZONE comes before the event and starts with the observance in force on 1 January.
        assert!(ics.find("BEGIN:VTIMEZONE").unwrap() < ics.find("BEGIN:VEVENT").unwrap());
        assert_eq!(
            observances(&ics),
            [
                obs("STANDARD", "20260101T000000", "+0100", "+0100", "CET"),
                obs("DAYLIGHT", "20260329T020000", "+0100", "+0200", "CEST"),
                obs("STANDARD", "20261025T030000", "+0200", "+0100", "CET"),
            ]
        );
    }

    #[test]
    fn dst_changes_2027() {
        let events = [
            event("before-march", utc(2027, 3, 26, 9, 0)),
            event("after-march", utc(2027, 3, 29, 8, 0)),
            event("before-october", utc(2027, 10, 29, 8, 0)),
            event("after-october", utc(2027, 11, 1, 9, 0)),
        ];
        let ics = calendar(&events, Amsterdam, stamp());
        let cal = parse(&ics);
        let starts: Vec<_> = cal.events().map(|e| e.get_start()).collect();
        assert_eq!(
            starts,
            [
                amsterdam(naive(2027, 3, 26, 10, 0)),
                amsterdam(naive(2027, 3, 29, 10, 0)),
                amsterdam(naive(2027, 10, 29, 10, 0)),
                amsterdam(naive(2027, 11, 1, 10, 0)),
            ]
        );
        assert_eq!(
            observances(&ics),
            [
                obs("STANDARD", "20270101T000000", "+0100", "+0100", "CET"),
                obs("DAYLIGHT", "20270328T020000", "+0100", "+0200", "CEST"),
                obs("STANDARD", "20271031T030000", "+0200", "+0100", "CET"),
            ]
        );
    }

    #[test]
    fn events_across_years_cover_each_year() {
        // New Year's Eve into 2027 and one in 2030: 2026 and 2027 are contiguous, 2030 gets its own start.
        let mut new_year = event("nye", utc(2026, 12, 31, 22, 0));
        new_year.end = utc(2027, 1, 1, 1, 0);
        let ics = calendar(
            &[new_year, event("later", utc(2030, 6, 1, 8, 0))],
            Amsterdam,
            stamp(),
        );
        let starts: Vec<_> = observances(&ics).into_iter().map(|o| o[1].clone()).collect();
        assert_eq!(
            starts,
            [
                "20260101T000000",
                "20260329T020000",
                "20261025T030000",
                "20270328T020000",
                "20271031T030000",
                "20300101T000000",
                "20300331T020000",
                "20301027T030000",
            ]
        );
    }

    #[test]
    fn cancelled_event() {
        let mut e = event("A-1@baton", utc(2026, 12, 10, 9, 0));
        e.status = Status::Cancelled;
        e.sequence = 4;
        let ics = calendar(&[e], Amsterdam, stamp());
        assert!(ics.contains("\r\nSTATUS:CANCELLED\r\n"));
        assert!(!ics.contains("CONFIRMED"));
        let cal = parse(&ics);
        let parsed = cal.events().next().unwrap();
        assert_eq!(parsed.get_status(), Some(EventStatus::Cancelled));
        assert_eq!(parsed.get_sequence(), Some(4));
    }

    fn assert_lines_ok(ics: &str) {
        assert!(ics.ends_with("\r\n"));
        for line in ics.split_inclusive('\n') {
            let content = line
                .strip_suffix("\r\n")
                .unwrap_or_else(|| panic!("no CRLF: {line:?}"));
            assert!(!content.contains('\r'), "{line:?}");
            assert!(content.len() <= 75, "{} octets: {line:?}", content.len());
        }
    }

    #[test]
    fn text_is_escaped_folded_and_round_trips() {
        let text = "Zoë, Den Haag; 2e verdieping\nbel aan \\ achterom";
        let long = format!("{text} — {}", "lange omschrijving met ë en 老虎, ".repeat(8));
        let mut e = event("A-7@baton", utc(2026, 12, 10, 9, 0));
        e.summary = text.to_owned();
        e.location = Some(text.to_owned());
        e.description = Some(long.clone());
        let ics = calendar(&[e], Amsterdam, stamp());
        assert!(ics.contains(r"SUMMARY:Zoë\, Den Haag\; 2e verdieping\nbel aan \\ achterom"));
        assert_lines_ok(&ics);
        let cal = parse(&ics);
        let parsed = cal.events().next().unwrap();
        assert_eq!(parsed.get_summary(), Some(text));
        assert_eq!(parsed.get_location(), Some(text));
        assert_eq!(parsed.get_description(), Some(long.as_str()));
    }

    #[test]
    fn every_length_folds_within_75_octets() {
        // icalendar 0.17 alone leaves a 76-octet line for some lengths (e.g. 150 octets of ASCII).
        for piece in ["x", "ë", "老", "😀", "a b"] {
            for n in 1..200 {
                let text = piece.repeat(n);
                let mut e = event("A-8@baton", utc(2026, 12, 10, 9, 0));
                e.description = Some(text.clone());
                let ics = calendar(&[e], Amsterdam, stamp());
                assert_lines_ok(&ics);
                assert_eq!(
                    parse(&ics).events().next().unwrap().get_description(),
                    Some(text.as_str())
                );
            }
        }
    }

    #[test]
    fn carriage_returns_and_controls_are_cleaned() {
        let mut e = event("A-9@baton", utc(2026, 12, 10, 9, 0));
        e.summary = "een\r\ntwee\rdrie\u{7}\tvier".to_owned();
        let ics = calendar(&[e], Amsterdam, stamp());
        assert_lines_ok(&ics);
        assert_eq!(
            parse(&ics).events().next().unwrap().get_summary(),
            Some("een\ntwee\ndrie\tvier")
        );
    }

    #[test]
    fn zones_without_dst_get_one_standard() {
        let ics = calendar(&[event("A-3@baton", utc(2026, 12, 10, 1, 0))], Tokyo, stamp());
        assert!(ics.contains("\r\nDTSTART;TZID=Asia/Tokyo:20261210T100000\r\n"));
        assert!(ics.contains("\r\nX-WR-TIMEZONE:Asia/Tokyo\r\n"));
        assert_eq!(
            observances(&ics),
            [obs("STANDARD", "20260101T000000", "+0900", "+0900", "JST")]
        );

        let ics = calendar(&[event("A-3@baton", utc(2026, 12, 10, 1, 0))], UTC, stamp());
        assert_eq!(
            observances(&ics),
            [obs("STANDARD", "20260101T000000", "+0000", "+0000", "UTC")]
        );
    }

    #[test]
    fn several_events_each_their_own_vevent() {
        let mut cancelled = event("A-3.3@baton", utc(2026, 12, 12, 9, 0));
        cancelled.status = Status::Cancelled;
        let events = [
            event("A-1.1@baton", utc(2026, 12, 10, 9, 0)),
            event("A-2.2@baton", utc(2026, 12, 11, 9, 0)),
            cancelled,
        ];
        let ics = calendar(&events, Amsterdam, stamp());
        assert_eq!(ics.matches("BEGIN:VEVENT\r\n").count(), 3);
        assert_eq!(ics.matches("END:VEVENT\r\n").count(), 3);
        assert_eq!(ics.matches("BEGIN:VTIMEZONE\r\n").count(), 1);
        let cal = parse(&ics);
        let parsed: Vec<_> = cal
            .events()
            .map(|e| (e.get_uid(), e.get_start(), e.get_status()))
            .collect();
        assert_eq!(
            parsed,
            [
                (
                    Some("A-1.1@baton"),
                    amsterdam(naive(2026, 12, 10, 10, 0)),
                    Some(EventStatus::Confirmed)
                ),
                (
                    Some("A-2.2@baton"),
                    amsterdam(naive(2026, 12, 11, 10, 0)),
                    Some(EventStatus::Confirmed)
                ),
                (
                    Some("A-3.3@baton"),
                    amsterdam(naive(2026, 12, 12, 10, 0)),
                    Some(EventStatus::Cancelled)
                ),
            ]
        );
    }

    #[test]
    fn odd_input_does_not_panic() {
        // No events: still a VTIMEZONE (for the stamp's year) and a parsable file.
        let ics = calendar(&[], Amsterdam, stamp());
        assert_eq!(observances(&ics).len(), 3);
        assert!(ics.ends_with("END:VTIMEZONE\r\nEND:VCALENDAR\r\n"));
        // End before start is written as a zero-length event.
        let mut backwards = event("A-5@baton", utc(2026, 12, 10, 9, 0));
        backwards.end = utc(2026, 12, 10, 8, 0);
        let cal = parse(&calendar(&[backwards], Amsterdam, stamp()));
        assert_eq!(
            cal.events().next().unwrap().get_end(),
            amsterdam(naive(2026, 12, 10, 10, 0))
        );
        // Extreme instants fall back to UTC where the local time doesn't exist.
        let mut extreme = event("A-6@baton", DateTime::<Utc>::MIN_UTC);
        extreme.end = DateTime::<Utc>::MAX_UTC;
        let ics = calendar(&[extreme], Tokyo, DateTime::<Utc>::MAX_UTC);
        assert!(ics.starts_with("BEGIN:VCALENDAR\r\n") && ics.ends_with("END:VCALENDAR\r\n"));
        assert!(ics.contains("DTEND:+262142"), "{ics}");
        assert_lines_ok(&ics);
    }

    #[test]
    fn utc_offsets() {
        assert_eq!(utc_offset(0), "+0000");
        assert_eq!(utc_offset(-4 * 3600 - 30 * 60), "-0430");
        assert_eq!(utc_offset(1172), "+001932");
    }
}
