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
