//! Commitments: something someone must do by a due time. The owner holds the ball.

use chrono::{DateTime, Datelike, Days, Utc, Weekday};
use chrono_tz::Tz;

use super::{dates, MemberId};

pub const WHAT_MAX: usize = 200;

super::word_enum!(
    CommitmentKind {
        /// Explicitly promised, by us or by them.
        Promise = "promise",
        /// The next step agreed in a logged contact.
        FollowUp = "follow_up",
    }
);

super::word_enum!(
    Direction {
        /// We promised the relation.
        WeOwe = "we_owe",
        /// The relation promised us; the owner chases it.
        TheyOwe = "they_owe",
    }
);

super::word_enum!(
    /// How sure a promise is: a signed contract is not "it should be fine".
    Certainty {
        Confirmed = "confirmed",
        Expected = "expected",
        Hope = "hope",
    }
);

super::word_enum!(
    CommitmentStatus {
        Open = "open",
        Done = "done",
        Cancelled = "cancelled",
    }
);

/// A new commitment must lie ahead: a due time already passed is a typo or a broken promise,
/// not something to plan.
pub fn due_is_acceptable(due: DateTime<Utc>, now: DateTime<Utc>) -> bool {
    due > now
}

/// When a follow-up is due if nobody said: the end of the next working day. Soon enough that
/// "we'll call you back" is kept, late enough to be doable.
pub fn default_due(now: DateTime<Utc>, zone: Tz) -> DateTime<Utc> {
    let mut day = now.with_timezone(&zone).date_naive();
    loop {
        day = day.checked_add_days(Days::new(1)).unwrap_or(day);
        if !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
            break;
        }
    }
    // Only a date beyond the calendar's end can fail; a day later is then as good as any.
    dates::at_local(zone, day, dates::END_OF_DAY).unwrap_or(now + chrono::Duration::days(1))
}

/// Who may mark a commitment done, move or cancel it: whoever holds the ball, whoever
/// made it, and admins.
pub fn may_change(actor: MemberId, admin: bool, owner: MemberId, creator: MemberId) -> bool {
    admin || actor == owner || actor == creator
}

/// Overdue is derived, never stored: open and past due.
pub fn is_overdue(status: CommitmentStatus, due: DateTime<Utc>, now: DateTime<Utc>) -> bool {
    status == CommitmentStatus::Open && due <= now
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, TimeZone};

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap()
    }

    #[test]
    fn a_due_time_must_lie_ahead() {
        assert!(due_is_acceptable(now() + Duration::minutes(1), now()));
        assert!(!due_is_acceptable(now(), now()));
        assert!(!due_is_acceptable(now() - Duration::days(1), now()));
    }

    #[test]
    fn only_open_commitments_past_due_are_overdue() {
        let past = now() - Duration::hours(1);

        assert!(is_overdue(CommitmentStatus::Open, past, now()));
        assert!(!is_overdue(CommitmentStatus::Done, past, now()));
        assert!(!is_overdue(
            CommitmentStatus::Open,
            now() + Duration::hours(1),
            now()
        ));
    }

    #[test]
    fn the_default_due_is_the_end_of_the_next_working_day() {
        let zone = chrono_tz::Europe::Amsterdam;
        let friday_morning = Utc.with_ymd_and_hms(2026, 11, 27, 8, 0, 0).unwrap();
        let monday_five_pm = Utc.with_ymd_and_hms(2026, 11, 30, 16, 0, 0).unwrap();
        let tuesday_five_pm = Utc.with_ymd_and_hms(2026, 12, 1, 16, 0, 0).unwrap();

        assert_eq!(default_due(friday_morning, zone), monday_five_pm);
        assert_eq!(
            default_due(now(), zone),
            Utc.with_ymd_and_hms(2026, 11, 24, 16, 0, 0).unwrap()
        );
        assert_eq!(default_due(monday_five_pm, zone), tuesday_five_pm);
    }

    #[test]
    fn only_the_owner_the_creator_or_an_admin_may_change_a_commitment() {
        let (owner, creator, other) = (MemberId(1), MemberId(2), MemberId(3));

        assert!(may_change(owner, false, owner, creator));
        assert!(may_change(creator, false, owner, creator));
        assert!(may_change(other, true, owner, creator));
        assert!(!may_change(other, false, owner, creator));
    }

    #[test]
    fn words_round_trip() {
        for kind in CommitmentKind::ALL {
            assert_eq!(CommitmentKind::parse(kind.as_str()), Some(*kind));
        }
        for direction in Direction::ALL {
            assert_eq!(Direction::parse(direction.as_str()), Some(*direction));
        }
        for certainty in Certainty::ALL {
            assert_eq!(Certainty::parse(certainty.as_str()), Some(*certainty));
        }
        for status in CommitmentStatus::ALL {
            assert_eq!(CommitmentStatus::parse(status.as_str()), Some(*status));
        }
    }
}
