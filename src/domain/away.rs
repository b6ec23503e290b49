//! Absence: while a member is away, their reminders, digest items and handovers go to their
//! backup, who may act on them. Pure: the periods and the moment are arguments.

use chrono::{DateTime, Duration, Utc};

use super::MemberId;

/// The longest absence one period may cover.
pub const MAX_DAYS: i64 = 366;
/// Longest note on an absence.
pub const NOTE_MAX: usize = 200;

/// One absence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Away {
    pub member: MemberId,
    pub backup: MemberId,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
}

impl Away {
    pub fn covers(&self, at: DateTime<Utc>) -> bool {
        self.starts_at <= at && at < self.ends_at
    }

    pub fn overlaps(&self, starts_at: DateTime<Utc>, ends_at: DateTime<Utc>) -> bool {
        self.starts_at < ends_at && starts_at < self.ends_at
    }
}

/// Why an absence is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AwayRefusal {
    EndsBeforeStart,
    TooLong,
    /// It ends before now: there is nothing to route any more.
    InThePast,
    OwnBackup,
    /// The backup is away during part of it.
    BackupAway {
        starts_at: DateTime<Utc>,
        ends_at: DateTime<Utc>,
    },
    /// The member is already away during part of it.
    AlreadyAway {
        starts_at: DateTime<Utc>,
        ends_at: DateTime<Utc>,
    },
}

/// Checks a new absence against the clock and the absences already known.
pub fn check(new: &Away, known: &[Away], now: DateTime<Utc>) -> Result<(), AwayRefusal> {
    if new.ends_at <= new.starts_at {
        return Err(AwayRefusal::EndsBeforeStart);
    }
    if new.ends_at <= now {
        return Err(AwayRefusal::InThePast);
    }
    if new.ends_at - new.starts_at > Duration::days(MAX_DAYS) {
        return Err(AwayRefusal::TooLong);
    }
    if new.backup == new.member {
        return Err(AwayRefusal::OwnBackup);
    }
    let clash = |member: MemberId| {
        known
            .iter()
            .find(|a| a.member == member && a.overlaps(new.starts_at, new.ends_at))
    };
    if let Some(a) = clash(new.member) {
        return Err(AwayRefusal::AlreadyAway {
            starts_at: a.starts_at,
            ends_at: a.ends_at,
        });
    }
    if let Some(a) = clash(new.backup) {
        return Err(AwayRefusal::BackupAway {
            starts_at: a.starts_at,
            ends_at: a.ends_at,
        });
    }
    Ok(())
}

/// Who receives what is meant for `member` at `at`, and on whose behalf.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Route {
    pub to: MemberId,
    /// The away member the message is for, when it goes to a backup.
    pub on_behalf_of: Option<MemberId>,
}

/// Follows backups while the one found is away too (a backup who went away later), and
/// stops at the first one present. A circle of absences leaves it with the member: someone
/// must get it.
pub fn route(member: MemberId, known: &[Away], at: DateTime<Utc>) -> Route {
    let mut to = member;
    let mut seen = vec![member];
    while let Some(a) = known.iter().find(|a| a.member == to && a.covers(at)) {
        if seen.contains(&a.backup) {
            return Route {
                to: member,
                on_behalf_of: None,
            };
        }
        to = a.backup;
        seen.push(to);
    }
    Route {
        to,
        on_behalf_of: (to != member).then_some(member),
    }
}

/// Whether `actor` stands in for `member` at `at` (directly or down the chain).
pub fn stands_in(actor: MemberId, member: MemberId, known: &[Away], at: DateTime<Utc>) -> bool {
    actor != member && route(member, known, at).to == actor
}

/// The absences at `at` in which `member` stands in for someone (directly or down the chain).
pub fn backing(member: MemberId, known: &[Away], at: DateTime<Utc>) -> Vec<Away> {
    known
        .iter()
        .filter(|a| a.covers(at) && stands_in(member, a.member, known, at))
        .copied()
        .collect()
}

/// The members `member` stands in for at `at`.
pub fn backed_by(member: MemberId, known: &[Away], at: DateTime<Utc>) -> Vec<MemberId> {
    let mut backed: Vec<MemberId> = backing(member, known, at).iter().map(|a| a.member).collect();
    backed.sort_unstable();
    backed.dedup();
    backed
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    const ANN: MemberId = MemberId(1);
    const BOB: MemberId = MemberId(2);
    const CAS: MemberId = MemberId(3);

    fn at(day: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, day, 9, 0, 0).unwrap()
    }

    fn away(member: MemberId, backup: MemberId, from: u32, until: u32) -> Away {
        Away {
            member,
            backup,
            starts_at: at(from),
            ends_at: at(until),
        }
    }

    #[test]
    fn an_absence_routes_to_the_backup_only_while_it_lasts() {
        let known = [away(ANN, BOB, 3, 10)];
        assert_eq!(
            route(ANN, &known, at(2)),
            Route {
                to: ANN,
                on_behalf_of: None
            }
        );
        assert_eq!(
            route(ANN, &known, at(3)),
            Route {
                to: BOB,
                on_behalf_of: Some(ANN)
            }
        );
        assert_eq!(
            route(ANN, &known, at(10)),
            Route {
                to: ANN,
                on_behalf_of: None
            }
        );
        assert_eq!(
            route(BOB, &known, at(5)),
            Route {
                to: BOB,
                on_behalf_of: None
            }
        );
        assert!(stands_in(BOB, ANN, &known, at(5)));
        assert!(!stands_in(BOB, ANN, &known, at(11)));
        assert!(!stands_in(ANN, ANN, &known, at(5)));
    }

    #[test]
    fn a_backup_who_went_away_later_passes_it_on_and_a_circle_stays_put() {
        let chain = [away(ANN, BOB, 3, 10), away(BOB, CAS, 5, 8)];
        assert_eq!(
            route(ANN, &chain, at(6)),
            Route {
                to: CAS,
                on_behalf_of: Some(ANN)
            }
        );
        assert!(stands_in(CAS, ANN, &chain, at(6)));
        let circle = [away(ANN, BOB, 3, 10), away(BOB, ANN, 5, 8)];
        assert_eq!(
            route(ANN, &circle, at(6)),
            Route {
                to: ANN,
                on_behalf_of: None
            }
        );
    }

    #[test]
    fn absences_that_make_no_sense_are_refused() {
        let now = at(2);
        assert_eq!(
            check(&away(ANN, BOB, 5, 4), &[], now),
            Err(AwayRefusal::EndsBeforeStart)
        );
        assert_eq!(
            check(&away(ANN, BOB, 5, 5), &[], now),
            Err(AwayRefusal::EndsBeforeStart)
        );
        assert_eq!(
            check(&away(ANN, ANN, 3, 5), &[], now),
            Err(AwayRefusal::OwnBackup)
        );
        let long = Away {
            ends_at: at(3) + Duration::days(MAX_DAYS + 1),
            ..away(ANN, BOB, 3, 5)
        };
        assert_eq!(check(&long, &[], now), Err(AwayRefusal::TooLong));
        let past = Away {
            starts_at: at(1) - Duration::days(3),
            ends_at: at(1),
            ..away(ANN, BOB, 3, 5)
        };
        assert_eq!(check(&past, &[], now), Err(AwayRefusal::InThePast));
        assert_eq!(check(&away(ANN, BOB, 3, 10), &[], now), Ok(()));
    }

    #[test]
    fn a_backup_away_over_the_same_days_or_a_second_absence_is_refused() {
        let now = at(1);
        let bob_away = [away(BOB, CAS, 8, 12)];
        assert_eq!(
            check(&away(ANN, BOB, 3, 10), &bob_away, now),
            Err(AwayRefusal::BackupAway {
                starts_at: at(8),
                ends_at: at(12)
            })
        );
        assert_eq!(
            check(&away(ANN, BOB, 3, 8), &bob_away, now),
            Ok(()),
            "ends as Bob leaves"
        );
        let ann_away = [away(ANN, CAS, 2, 4)];
        assert_eq!(
            check(&away(ANN, BOB, 3, 10), &ann_away, now),
            Err(AwayRefusal::AlreadyAway {
                starts_at: at(2),
                ends_at: at(4)
            })
        );
    }
}
