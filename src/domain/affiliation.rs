//! A person's places in organisations over time. A person may work at two organisations at
//! once, but a period at one organisation never overlaps another period there; a move
//! closes every current place and opens the new one, so the old ones stay as history.

use chrono::{DateTime, Utc};

use super::RelationId;

/// One affiliation's organisation and period: `until` is `None` while it lasts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Period {
    pub organisation: RelationId,
    pub since: DateTime<Utc>,
    pub until: Option<DateTime<Utc>>,
}

impl Period {
    /// Whether the person is there at `now`.
    pub fn current(&self, now: DateTime<Utc>) -> bool {
        self.since <= now && self.until.is_none_or(|until| until > now)
    }

    /// Whether two periods share a moment. Touching ends ("until 1 May", "since 1 May")
    /// do not.
    pub fn overlaps(&self, other: &Period) -> bool {
        let before = |until: Option<DateTime<Utc>>, since| until.is_some_and(|u| u <= since);
        !before(self.until, other.since) && !before(other.until, self.since)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AffiliationError {
    /// The person is already at that organisation then.
    AlreadyThere,
    /// A person cannot be their own organisation.
    OwnOrganisation,
}

/// Joining `organisation` from `since` (until `until`), beside any other places: refused
/// when it overlaps a period at the same organisation.
pub fn check_join(person: RelationId, periods: &[Period], new: Period) -> Result<(), AffiliationError> {
    if new.organisation == person {
        return Err(AffiliationError::OwnOrganisation);
    }
    if periods
        .iter()
        .any(|p| p.organisation == new.organisation && p.overlaps(&new))
    {
        return Err(AffiliationError::AlreadyThere);
    }
    Ok(())
}

/// A move to `organisation` at `now`: the indexes of the current periods to close (at
/// `now`). Refused when the person is already there now; a period there that has ended
/// is no obstacle (people come back).
pub fn plan_move(
    person: RelationId,
    periods: &[Period],
    organisation: RelationId,
    now: DateTime<Utc>,
) -> Result<Vec<usize>, AffiliationError> {
    if organisation == person {
        return Err(AffiliationError::OwnOrganisation);
    }
    let closing: Vec<usize> = (0..periods.len()).filter(|&i| periods[i].current(now)).collect();
    if closing.iter().any(|&i| periods[i].organisation == organisation) {
        return Err(AffiliationError::AlreadyThere);
    }
    // What remains after closing must admit the new period (one starting later at the
    // same organisation, added ahead of time, would overlap).
    let after: Vec<Period> = periods
        .iter()
        .enumerate()
        .map(|(i, p)| {
            if closing.contains(&i) {
                Period {
                    until: Some(now),
                    ..*p
                }
            } else {
                *p
            }
        })
        .collect();
    let new = Period {
        organisation,
        since: now,
        until: None,
    };
    check_join(person, &after, new)?;
    Ok(closing)
}

/// The organisation a person is at now: the current period that began last.
pub fn current_organisation(periods: &[Period], now: DateTime<Utc>) -> Option<RelationId> {
    periods
        .iter()
        .filter(|p| p.current(now))
        .max_by_key(|p| p.since)
        .map(|p| p.organisation)
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;
    use proptest::prelude::*;

    use super::*;

    const PERSON: RelationId = RelationId(1);
    const GGD: RelationId = RelationId(2);
    const CITY: RelationId = RelationId(3);

    fn day(d: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 1, 1, 9, 0, 0).unwrap() + chrono::Duration::days(i64::from(d))
    }

    fn at(organisation: RelationId, since: u32, until: Option<u32>) -> Period {
        Period {
            organisation,
            since: day(since),
            until: until.map(day),
        }
    }

    #[test]
    fn periods_overlap_unless_one_ends_before_the_other_begins() {
        assert!(at(GGD, 0, None).overlaps(&at(GGD, 10, Some(20))));
        assert!(at(GGD, 0, Some(11)).overlaps(&at(GGD, 10, Some(20))));
        assert!(!at(GGD, 0, Some(10)).overlaps(&at(GGD, 10, Some(20))));
        assert!(!at(GGD, 21, None).overlaps(&at(GGD, 10, Some(20))));
    }

    #[test]
    fn a_move_closes_every_current_place_and_keeps_the_ended_ones() {
        let periods = [at(GGD, 0, Some(5)), at(CITY, 6, None), at(GGD, 7, None)];
        assert_eq!(
            plan_move(PERSON, &periods, RelationId(4), day(30)),
            Ok(vec![1, 2])
        );
        assert_eq!(
            plan_move(PERSON, &periods, GGD, day(30)),
            Err(AffiliationError::AlreadyThere)
        );
        // Back to an organisation left before.
        let left = [at(GGD, 0, Some(5)), at(CITY, 6, None)];
        assert_eq!(plan_move(PERSON, &left, GGD, day(30)), Ok(vec![1]));
        assert_eq!(
            plan_move(PERSON, &left, PERSON, day(30)),
            Err(AffiliationError::OwnOrganisation)
        );
    }

    #[test]
    fn a_second_place_may_run_beside_the_first_but_not_at_the_same_organisation() {
        let periods = [at(GGD, 0, None)];
        assert_eq!(check_join(PERSON, &periods, at(CITY, 3, None)), Ok(()));
        assert_eq!(
            check_join(PERSON, &periods, at(GGD, 3, None)),
            Err(AffiliationError::AlreadyThere)
        );
        assert_eq!(
            check_join(PERSON, &[at(GGD, 0, Some(3))], at(GGD, 3, None)),
            Ok(())
        );
        assert_eq!(
            current_organisation(&[at(GGD, 0, None), at(CITY, 3, None)], day(4)),
            Some(CITY)
        );
        assert_eq!(current_organisation(&[at(GGD, 0, Some(3))], day(4)), None);
    }

    proptest! {
        /// Any sequence of moves and joins keeps the periods at each organisation apart, and
        /// leaves at most one place begun by a move open at a time.
        #[test]
        fn moves_and_joins_never_overlap_at_one_organisation(steps in prop::collection::vec((0u32..3, 2i64..6, any::<bool>()), 1..30)) {
            let mut periods: Vec<Period> = Vec::new();
            let mut now = day(0);
            for (gap, org, moving) in steps {
                now += chrono::Duration::days(i64::from(gap));
                let organisation = RelationId(org);
                if moving {
                    if let Ok(closing) = plan_move(PERSON, &periods, organisation, now) {
                        for i in closing {
                            periods[i].until = Some(now);
                        }
                        periods.push(Period { organisation, since: now, until: None });
                        prop_assert_eq!(periods.iter().filter(|p| p.current(now)).count(), 1);
                        prop_assert_eq!(current_organisation(&periods, now), Some(organisation));
                    } else {
                        prop_assert!(periods.iter().any(|p| p.current(now) && p.organisation == organisation));
                    }
                } else {
                    let new = Period { organisation, since: now, until: None };
                    if check_join(PERSON, &periods, new).is_ok() {
                        periods.push(new);
                    }
                }
                for (i, a) in periods.iter().enumerate() {
                    for b in &periods[i + 1..] {
                        prop_assert!(a.organisation != b.organisation || !a.overlaps(b), "{:?} and {:?}", a, b);
                    }
                }
            }
        }
    }
}
