use chrono::TimeZone;
use chrono_tz::Europe::Amsterdam;

use super::hours::clock;
use super::*;
use crate::domain::Lang;

/// A moment given in Amsterdam wall-clock time.
fn ams(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    Amsterdam
        .with_ymd_and_hms(y, m, d, h, min, 0)
        .earliest()
        .unwrap()
        .with_timezone(&Utc)
}

fn rules() -> ReminderRules {
    ReminderRules {
        zone: Amsterdam,
        hours: WorkingHours::default(),
        repeat: Repeat::default(),
        escalate_after: 2,
    }
}

#[test]
fn working_hours_are_read_in_both_languages() {
    for (text, canonical) in [
        ("mon-fri 08:30-17:30", "mon-fri 08:30-17:30"),
        ("ma-vr 8.30-17.30", "mon-fri 08:30-17:30"),
        ("ma,wo,vr 9-17", "mon,wed,fri 09:00-17:00"),
        ("Mon-Sat 7:00-19:00", "mon-sat 07:00-19:00"),
        ("daily 9:00-17:00", "mon-sun 09:00-17:00"),
        ("za-ma 10-14", "mon,sat-sun 10:00-14:00"),
        ("ma–vr 08:30–17:30", "mon-fri 08:30-17:30"),
    ] {
        assert_eq!(
            WorkingHours::parse(text).map(|h| h.canonical()),
            Ok(canonical.to_string()),
            "{text}"
        );
    }
}

#[test]
fn unreadable_working_hours_are_refused() {
    for text in [
        "",
        "weekdays",
        "mon-fri",
        "mon-fri 17:30-08:30",
        "blah 9-17",
        "mon-fri 9-25",
    ] {
        assert!(WorkingHours::parse(text).is_err(), "{text}");
    }
}

#[test]
fn working_hours_display_in_dutch() {
    assert_eq!(WorkingHours::default().display(Lang::Nl), "ma-vr 08:30-17:30");
}

#[test]
fn a_moment_inside_working_hours_stays() {
    let tuesday_ten = ams(2026, 11, 24, 10, 0);
    assert_eq!(
        WorkingHours::default().next_open(tuesday_ten, Amsterdam),
        tuesday_ten
    );
}

#[test]
fn evenings_and_weekends_wait_for_the_next_opening() {
    let hours = WorkingHours::default();
    for (at, opening) in [
        (ams(2026, 11, 24, 7, 0), ams(2026, 11, 24, 8, 30)), // Tuesday early
        (ams(2026, 11, 24, 17, 30), ams(2026, 11, 25, 8, 30)), // Tuesday at closing
        (ams(2026, 11, 27, 18, 0), ams(2026, 11, 30, 8, 30)), // Friday evening
        (ams(2026, 11, 28, 12, 0), ams(2026, 11, 30, 8, 30)), // Saturday
        (ams(2026, 11, 29, 23, 59), ams(2026, 11, 30, 8, 30)), // Sunday night
    ] {
        assert_eq!(hours.next_open(at, Amsterdam), opening, "{at}");
    }
}

#[test]
fn openings_keep_local_time_across_dst_changes() {
    let hours = WorkingHours::default();
    // Saturday before the spring change → Monday 08:30 CEST (06:30 UTC).
    assert_eq!(
        hours.next_open(ams(2026, 3, 28, 12, 0), Amsterdam),
        Utc.with_ymd_and_hms(2026, 3, 30, 6, 30, 0).unwrap()
    );
    // Saturday before the autumn change → Monday 08:30 CET (07:30 UTC).
    assert_eq!(
        hours.next_open(ams(2026, 10, 24, 12, 0), Amsterdam),
        Utc.with_ymd_and_hms(2026, 10, 26, 7, 30, 0).unwrap()
    );
}

#[test]
fn round_the_clock_hours_open_in_a_dst_gap() {
    let hours = WorkingHours::parse("daily 00:00-24:00").unwrap();
    // 02:30 does not exist on 29 March 2026; the instant is simply inside the open hours.
    let at = Utc.with_ymd_and_hms(2026, 3, 29, 1, 15, 0).unwrap();
    assert_eq!(hours.next_open(at, Amsterdam), at);
}

#[test]
fn the_last_opening_before_a_weekend_moment_is_friday_close() {
    let hours = WorkingHours::default();
    assert_eq!(
        hours.last_open(ams(2026, 11, 29, 9, 0), Amsterdam),
        ams(2026, 11, 27, 17, 30)
    );
    assert_eq!(
        hours.last_open(ams(2026, 11, 24, 7, 0), Amsterdam),
        ams(2026, 11, 23, 17, 30)
    );
    assert_eq!(
        hours.last_open(ams(2026, 11, 24, 10, 0), Amsterdam),
        ams(2026, 11, 24, 10, 0)
    );
}

#[test]
fn repeats_are_read_in_both_languages() {
    for (text, repeat) in [
        ("1 working day", Repeat::WorkingDays(1)),
        ("2 werkdagen", Repeat::WorkingDays(2)),
        ("elke werkdag", Repeat::WorkingDays(1)),
        ("every working day", Repeat::WorkingDays(1)),
        ("4 hours", Repeat::Hours(4)),
        ("4 uur", Repeat::Hours(4)),
    ] {
        assert_eq!(Repeat::parse(text), Ok(repeat), "{text}");
        assert_eq!(Repeat::parse(&repeat.canonical()), Ok(repeat));
    }
    for text in ["", "0 hours", "soon", "3 weeks", "-1 uur"] {
        assert!(Repeat::parse(text).is_err(), "{text}");
    }
}

#[test]
fn the_first_nudge_comes_at_the_due_time_inside_working_hours() {
    let due = ams(2026, 11, 24, 12, 0);
    let state = NudgeState::fresh(due, None);

    assert_eq!(rules().next_at(&state, ams(2026, 11, 23, 9, 0)), due);
    assert_eq!(rules().due_now(&state, due - Duration::seconds(1)), None);
    assert_eq!(
        rules().due_now(&state, due),
        Some(Nudge::Overdue {
            number: 1,
            escalated: false
        })
    );
}

#[test]
fn a_promise_due_on_saturday_is_nudged_on_monday_morning() {
    let due = ams(2026, 11, 28, 12, 0);
    let state = NudgeState::fresh(due, None);

    assert_eq!(rules().next_at(&state, due), ams(2026, 11, 30, 8, 30));
    assert_eq!(rules().due_now(&state, ams(2026, 11, 29, 12, 0)), None);
}

#[test]
fn nudges_repeat_every_working_day_and_escalate_after_the_second() {
    let rules = rules();
    let mut state = NudgeState::fresh(ams(2026, 11, 26, 10, 0), None); // Thursday
    let mut sent = Vec::new();
    let mut now = state.due_at;
    for _ in 0..4 {
        now = rules.next_at(&state, now);
        let nudge = rules.due_now(&state, now).expect("due at its own time");
        sent.push((now, nudge));
        state = rules.after_sending(&state, nudge, now);
    }

    let expected = [
        (ams(2026, 11, 26, 10, 0), 1, false), // Thursday
        (ams(2026, 11, 27, 10, 0), 2, false), // Friday
        (ams(2026, 11, 30, 10, 0), 3, true),  // Monday: the weekend is skipped
        (ams(2026, 12, 1, 10, 0), 4, true),
    ];
    for ((at, nudge), (expected_at, number, escalated)) in sent.iter().zip(expected) {
        assert_eq!(*at, expected_at);
        assert_eq!(*nudge, Nudge::Overdue { number, escalated });
    }
}

#[test]
fn hourly_repeats_stop_at_closing_time() {
    let rules = ReminderRules {
        repeat: Repeat::Hours(4),
        ..rules()
    };
    let state = NudgeState {
        nudges_sent: 1,
        last_nudged_at: Some(ams(2026, 11, 24, 15, 0)),
        ..NudgeState::fresh(ams(2026, 11, 24, 15, 0), None)
    };

    assert_eq!(
        rules.next_at(&state, ams(2026, 11, 24, 15, 0)),
        ams(2026, 11, 25, 8, 30)
    );
}

#[test]
fn a_working_day_repeat_keeps_local_time_across_the_autumn_change() {
    // Friday 23 October 10:00 CEST; the clocks go back on Sunday.
    let sent = ams(2026, 10, 23, 10, 0);
    let state = NudgeState {
        nudges_sent: 1,
        last_nudged_at: Some(sent),
        ..NudgeState::fresh(sent, None)
    };

    let next = rules().next_at(&state, sent);

    assert_eq!(next, ams(2026, 10, 26, 10, 0));
    assert_eq!(
        next - sent,
        Duration::hours(72 + 1),
        "an hour longer: the clocks went back"
    );
}

#[test]
fn a_working_day_repeat_keeps_local_time_across_the_spring_change() {
    let sent = ams(2026, 3, 27, 10, 0);
    let state = NudgeState {
        nudges_sent: 1,
        last_nudged_at: Some(sent),
        ..NudgeState::fresh(sent, None)
    };

    let next = rules().next_at(&state, sent);

    assert_eq!(next, ams(2026, 3, 30, 10, 0));
    assert_eq!(next - sent, Duration::hours(72 - 1));
}

#[test]
fn after_downtime_one_catch_up_nudge_comes_not_every_missed_one() {
    let rules = rules();
    let state = NudgeState {
        nudges_sent: 1,
        last_nudged_at: Some(ams(2026, 11, 23, 10, 0)),
        ..NudgeState::fresh(ams(2026, 11, 23, 10, 0), None)
    };
    // Down from Monday until the next Monday: five repeats were missed.
    let back = ams(2026, 11, 30, 11, 0);

    let nudge = rules.due_now(&state, back).expect("one catch-up");
    let after = rules.after_sending(&state, nudge, back);

    assert_eq!(
        nudge,
        Nudge::Overdue {
            number: 2,
            escalated: false
        }
    );
    assert_eq!(rules.due_now(&after, back), None, "nothing more right away");
    assert_eq!(
        rules.next_at(&after, back),
        ams(2026, 12, 1, 11, 0),
        "the rhythm restarts from now"
    );
}

#[test]
fn a_heads_up_comes_before_the_due_time_inside_working_hours() {
    let rules = rules();
    // Due Monday 09:00, remind a day before: Sunday is closed, so Friday at closing.
    let state = NudgeState::fresh(ams(2026, 11, 30, 9, 0), Some(Duration::days(1)));
    let early = ams(2026, 11, 26, 9, 0);

    assert_eq!(rules.next_at(&state, early), ams(2026, 11, 27, 17, 30));
    let at = ams(2026, 11, 27, 17, 30);
    assert_eq!(rules.due_now(&state, at), Some(Nudge::HeadsUp));
    let after = rules.after_sending(&state, Nudge::HeadsUp, at);
    assert_eq!(
        rules.next_at(&after, at),
        ams(2026, 11, 30, 9, 0),
        "then the overdue nudge"
    );
    assert_eq!(
        rules.due_now(&after, ams(2026, 11, 30, 9, 0)),
        Some(Nudge::Overdue {
            number: 1,
            escalated: false
        })
    );
}

#[test]
fn a_heads_up_missed_during_downtime_is_skipped() {
    let rules = rules();
    let state = NudgeState::fresh(ams(2026, 11, 24, 12, 0), Some(Duration::hours(2)));
    let back = ams(2026, 11, 24, 13, 0);

    assert_eq!(
        rules.due_now(&state, back),
        Some(Nudge::Overdue {
            number: 1,
            escalated: false
        })
    );
}

#[test]
fn a_heads_up_longer_than_time_can_hold_comes_at_the_due_time() {
    let rules = rules();
    let due = ams(2026, 11, 30, 9, 0);
    let state = NudgeState::fresh(due, Some(Duration::MAX));

    assert_eq!(rules.next_at(&state, ams(2026, 11, 26, 9, 0)), due);
}

#[test]
fn repeats_past_the_last_four_digit_year_still_move_forward() {
    // A local date past 9999 is refused by the calendar; the repeat falls back to plain
    // elapsed time instead of failing.
    let last = Utc.with_ymd_and_hms(9999, 12, 31, 12, 0, 0).unwrap();
    for repeat in [Repeat::Hours(1000), Repeat::WorkingDays(1000)] {
        let rules = ReminderRules { repeat, ..rules() };
        let state = NudgeState {
            nudges_sent: 1,
            last_nudged_at: Some(last),
            ..NudgeState::fresh(last, None)
        };

        assert!(rules.next_at(&state, last) > last, "{repeat:?}");
    }
}

#[test]
fn digests_go_out_once_per_working_day_from_their_time() {
    let rules = rules();
    let time = clock(8, 45);
    let monday = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();

    assert_eq!(rules.digest_due(time, None, ams(2026, 11, 23, 8, 44)), None);
    assert_eq!(
        rules.digest_due(time, None, ams(2026, 11, 23, 8, 45)),
        Some(monday)
    );
    assert_eq!(
        rules.digest_due(time, Some(monday), ams(2026, 11, 23, 12, 0)),
        None
    );
    assert_eq!(
        rules.digest_due(time, None, ams(2026, 11, 28, 9, 0)),
        None,
        "not on Saturday"
    );
    assert_eq!(
        rules.digest_due(time, None, ams(2026, 11, 23, 18, 0)),
        None,
        "not after closing"
    );
    assert_eq!(
        rules.next_digest_at(time, Some(monday), ams(2026, 11, 23, 12, 0)),
        ams(2026, 11, 24, 8, 45)
    );
    assert_eq!(
        rules.next_digest_at(time, None, ams(2026, 11, 27, 18, 0)),
        ams(2026, 11, 30, 8, 45)
    );
}

#[test]
fn grouping_puts_one_channel_in_one_message_up_to_a_size() {
    let items = vec![(1, 'a'), (2, 'b'), (1, 'c'), (1, 'd'), (3, 'e'), (1, 'f')];

    let groups = group(items, |(channel, _)| *channel, 3);

    let shape: Vec<(i32, String)> = groups
        .into_iter()
        .map(|(k, items)| (k, items.into_iter().map(|(_, c)| c).collect()))
        .collect();
    assert_eq!(
        shape,
        vec![
            (1, "acd".to_string()),
            (2, "b".to_string()),
            (3, "e".to_string()),
            (1, "f".to_string())
        ]
    );
}

mod keep_in_touch {
    use proptest::prelude::*;

    use super::*;
    use crate::domain::profile::Cadence;

    const MONTHLY: Cadence = Cadence { months: 1, days: 0 };
    const FRESH: TouchState = TouchState {
        anchor: None,
        series: 1,
        nudged: 0,
    };

    #[test]
    fn a_lapse_is_nudged_once_in_working_hours() {
        let rules = rules();
        // Last contact Tuesday 3 November 10:00; a month later is Thursday 3 December 10:00.
        let last = ams(2026, 11, 3, 10, 0);
        let early = rules.touch(Some(MONTHLY), last, FRESH, ams(2026, 11, 20, 9, 0));
        assert!(!early.send);
        assert_eq!(early.next_at, Some(ams(2026, 12, 3, 10, 0)));
        let due = rules.touch(Some(MONTHLY), last, early.state, ams(2026, 12, 3, 10, 0));
        assert!(due.send);
        assert_eq!(due.next_at, None);
        let again = rules.touch(Some(MONTHLY), last, due.state, ams(2026, 12, 9, 11, 0));
        assert!(!again.send, "one nudge per lapse");
        assert_eq!(again.next_at, None);
        // A contact logged resets it: the next lapse is a month after that contact.
        let contact = ams(2026, 12, 9, 12, 0);
        let reset = rules.touch(Some(MONTHLY), contact, again.state, ams(2026, 12, 9, 12, 0));
        assert!(!reset.send);
        assert_eq!(
            reset.next_at,
            Some(ams(2027, 1, 11, 8, 30)),
            "9 January is a Saturday"
        );
        assert_ne!(reset.state.series, due.state.series);
    }

    #[test]
    fn a_lapse_in_the_evening_waits_for_the_morning() {
        let rules = rules();
        let last = ams(2026, 11, 3, 21, 0);
        let step = rules.touch(Some(MONTHLY), last, FRESH, ams(2026, 12, 3, 21, 0));
        assert!(!step.send);
        assert_eq!(step.next_at, Some(ams(2026, 12, 4, 8, 30)));
        // Friday 4 December 20:00 (missed the day, baton was down): Monday morning.
        let step = rules.touch(Some(MONTHLY), last, step.state, ams(2026, 12, 4, 20, 0));
        assert_eq!(step.next_at, Some(ams(2026, 12, 7, 8, 30)));
        assert!(
            rules
                .touch(Some(MONTHLY), last, step.state, ams(2026, 12, 7, 8, 30))
                .send
        );
    }

    #[test]
    fn no_cadence_or_one_past_time_plans_nothing() {
        let rules = rules();
        let last = ams(2026, 11, 3, 10, 0);
        let none = rules.touch(None, last, FRESH, ams(2027, 6, 1, 10, 0));
        assert_eq!((none.send, none.next_at), (false, None));
        let absurd = Cadence {
            months: u32::MAX,
            days: 0,
        };
        let step = rules.touch(Some(absurd), last, FRESH, ams(2027, 6, 1, 10, 0));
        assert_eq!((step.send, step.next_at), (false, None));
    }

    #[derive(Clone, Debug)]
    enum Op {
        /// Time passes: this many hours.
        Wait(u16),
        /// A contact logged, this many hours before now.
        Contact(u16),
        /// The cadence changes to this many weeks (0: none).
        Cadence(u8),
    }

    fn op() -> impl Strategy<Value = Op> {
        prop_oneof![
            4 => (1u16..24 * 20).prop_map(Op::Wait),
            2 => (0u16..24 * 60).prop_map(Op::Contact),
            1 => (0u8..8).prop_map(Op::Cadence),
        ]
    }

    proptest! {
        /// Random contacts, cadence changes and time passing, with the planner run whenever
        /// it asked to be or something changed, against a model: each anchor is nudged at
        /// most once, only once lapsed and only in working hours, and a lapse left alone is
        /// nudged in the end.
        #[test]
        fn each_lapse_is_nudged_exactly_once(ops in proptest::collection::vec(op(), 1..40)) {
            let rules = rules();
            let mut now = ams(2026, 12, 2, 10, 0);
            let since = now;
            let mut cadence = Some(Cadence { months: 0, days: 14 });
            let mut last: Option<DateTime<Utc>> = None;
            let mut state = FRESH;
            let mut next: Option<DateTime<Utc>> = Some(now);
            let mut nudged: Vec<DateTime<Utc>> = Vec::new();
            let mut run = |now: DateTime<Utc>, cadence: Option<Cadence>, last: Option<DateTime<Utc>>,
                           state: &mut TouchState, next: &mut Option<DateTime<Utc>>|
             -> Result<(), TestCaseError> {
                let anchor = last.unwrap_or(since);
                let step = rules.touch(cadence, anchor, *state, now);
                if step.send {
                    let lapse = cadence.and_then(|c| c.lapses_at(anchor));
                    prop_assert!(lapse.is_some_and(|l| l <= now), "nudged before the lapse");
                    prop_assert_eq!(rules.hours.next_open(now, rules.zone), now, "outside working hours");
                    prop_assert!(!nudged.contains(&anchor), "a lapse nudged twice");
                    nudged.push(anchor);
                }
                *state = step.state;
                *next = step.next_at;
                Ok(())
            };
            for op in ops {
                match op {
                    Op::Wait(hours) => {
                        let until = now + Duration::hours(i64::from(hours));
                        while let Some(at) = next.filter(|at| *at <= until) {
                            now = at.max(now);
                            run(now, cadence, last, &mut state, &mut next)?;
                        }
                        now = until;
                    }
                    Op::Contact(hours_ago) => {
                        let at = now - Duration::hours(i64::from(hours_ago));
                        last = Some(last.map_or(at, |l| l.max(at)));
                        run(now, cadence, last, &mut state, &mut next)?;
                    }
                    Op::Cadence(weeks) => {
                        cadence = (weeks > 0).then(|| Cadence { months: 0, days: u32::from(weeks) * 7 });
                        run(now, cadence, last, &mut state, &mut next)?;
                    }
                }
            }
            // Left alone for long enough, the current lapse is nudged.
            if let Some(c) = cadence {
                let anchor = last.unwrap_or(since);
                let end = c.lapses_at(anchor).unwrap().max(now) + Duration::days(10);
                while let Some(at) = next.filter(|at| *at <= end) {
                    now = at.max(now);
                    run(now, cadence, last, &mut state, &mut next)?;
                }
                prop_assert!(nudged.contains(&anchor), "a lapse never nudged");
            }
        }
    }
}
