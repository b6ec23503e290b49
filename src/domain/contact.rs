//! Contacts: one logged interaction with a relation.

use chrono::{DateTime, Duration, Utc};

pub const SUMMARY_MAX: usize = 1000;

super::word_enum!(
    /// How the contact happened.
    Via {
        Phone = "phone",
        Email = "email",
        Meeting = "meeting",
        Visit = "visit",
        Video = "video",
        Chat = "chat",
        Letter = "letter",
    }
);

/// Clocks of phones and servers differ a little; a contact "now" may arrive a bit ahead.
const FUTURE_TOLERANCE: Duration = Duration::minutes(5);

/// A contact is something that happened: it cannot lie in the future (that would be an
/// appointment).
pub fn occurred_in_future(at: DateTime<Utc>, now: DateTime<Utc>) -> bool {
    at > now + FUTURE_TOLERANCE
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn every_via_round_trips_through_its_word() {
        for via in Via::ALL {
            assert_eq!(Via::parse(via.as_str()), Some(*via));
        }
        assert_eq!(Via::parse("pigeon"), None);
    }

    #[test]
    fn a_contact_a_minute_ahead_is_fine_but_tomorrow_is_not() {
        let now = Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap();

        assert!(!occurred_in_future(now + Duration::minutes(1), now));
        assert!(occurred_in_future(now + Duration::days(1), now));
    }
}
