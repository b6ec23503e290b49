//! What the fuzz targets share: turning fuzzer bytes into the moment, zone, language and
//! text a command is read in, and the checks every target makes on what was accepted.

use baton::core::{CommandError, Frame, UserError};
use baton::domain::dates::{DateContext, Lean};
use baton::domain::Lang;
use chrono::{DateTime, NaiveTime, Utc};
use chrono_tz::Tz;
use libfuzzer_sys::arbitrary::{Result, Unstructured};

/// Mostly a "now" people could live in, sometimes any instant chrono can hold: the readers
/// must cope with every clock, but the interesting paths need a sane one.
pub fn now(u: &mut Unstructured) -> Result<DateTime<Utc>> {
    let (min, max) = if u.ratio(1, 8)? {
        (
            DateTime::<Utc>::MIN_UTC.timestamp(),
            DateTime::<Utc>::MAX_UTC.timestamp(),
        )
    } else {
        // 1900-01-01 to 2200-01-01.
        (-2_208_988_800, 7_258_118_400)
    };
    let secs = u.int_in_range(min..=max)?;
    Ok(DateTime::from_timestamp(secs, 0).unwrap_or(DateTime::<Utc>::UNIX_EPOCH))
}

/// Zones whose clocks do the odd things: DST gaps at midnight, half- and quarter-hour
/// offsets, negative DST, a skipped day, two-hour DST, the extremes of +14 and -12. Every
/// zone of the database is a table of its own, so fuzzing all ~600 fills the corpus with
/// one input per table and nothing new about the parser.
const ZONES: &[Tz] = &[
    Tz::UTC,
    Tz::Europe__Amsterdam,
    Tz::Europe__London,
    Tz::Europe__Dublin,
    Tz::America__New_York,
    Tz::America__St_Johns,
    Tz::America__Sao_Paulo,
    Tz::America__Santiago,
    Tz::America__Havana,
    Tz::Pacific__Apia,
    Tz::Pacific__Kiritimati,
    Tz::Pacific__Chatham,
    Tz::Etc__GMTPlus12,
    Tz::Asia__Kathmandu,
    Tz::Asia__Kolkata,
    Tz::Asia__Tehran,
    Tz::Asia__Gaza,
    Tz::Australia__Lord_Howe,
    Tz::Antarctica__Troll,
    Tz::Africa__Casablanca,
];

pub fn zone(u: &mut Unstructured) -> Result<Tz> {
    u.choose(ZONES).copied()
}

pub fn lang(u: &mut Unstructured) -> Result<Lang> {
    u.choose(&Lang::ALL).copied()
}

pub fn lean(u: &mut Unstructured) -> Result<Lean> {
    Ok(if u.arbitrary::<bool>()? {
        Lean::Future
    } else {
        Lean::Past
    })
}

pub fn time_of_day(u: &mut Unstructured) -> Result<NaiveTime> {
    let secs = u.int_in_range(0..=86_399)?;
    Ok(NaiveTime::from_num_seconds_from_midnight_opt(secs, 0).unwrap_or(NaiveTime::MIN))
}

pub fn context(u: &mut Unstructured) -> Result<DateContext> {
    Ok(DateContext {
        now: now(u)?,
        zone: zone(u)?,
        lean: lean(u)?,
        default_time: time_of_day(u)?,
    })
}

pub fn frame(u: &mut Unstructured) -> Result<Frame> {
    Ok(Frame {
        lang: lang(u)?,
        zone: zone(u)?,
        now: now(u)?,
    })
}

/// The rest of the input as text, invalid UTF-8 replaced: people type text, not bytes.
pub fn rest(u: Unstructured) -> String {
    String::from_utf8_lossy(u.take_rest()).into_owned()
}

/// A refusal must be a message a person can read, in both languages and on both surfaces.
pub fn assert_tells_the_user(err: UserError, frame: &Frame) {
    let err = CommandError::User(err);
    for lang in Lang::ALL {
        let frame = Frame { lang, ..*frame };
        let console = baton::render::error(&err, &frame, &baton::console::ConsoleSurface);
        let discord = baton::render::error(&err, &frame, &baton::discord::DiscordSurface);
        assert!(
            !console.trim().is_empty() && !discord.trim().is_empty(),
            "{err:?}"
        );
    }
}
