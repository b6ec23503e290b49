//! Appointments through the command core on PostgreSQL, with the reminder engine run after
//! every change: reminders before the start once per participant (also after a move), the
//! outcome question once, Missed and Moved only with a new date and an inform promise, Kept
//! logged as a contact, and refusals that write nothing.

mod support;

use std::sync::Arc;

use baton::core::appointment::{self, AddAppointment, GiveOutcome};
use baton::core::{contact, Action, Body, MemberRef, Reply, Request, UserError};
use baton::domain::appointment::{AppointmentStatus, Outcome, Refusal};
use baton::domain::{AppointmentRef, GuildId, MemberId, SubjectRef};
use baton::reminders::Outgoing;
use baton::store::deliveries::Target;
use support::engine::{amsterdam, scheduler, ALICE, BOB};
use support::notifier::Recording;
use support::{admin_request, refused, request, World, CHANNEL};

const CAS: i64 = 13;

fn text(reply: &Reply) -> String {
    baton::render::reply(reply, &baton::console::ConsoleSurface)
}

fn intake(when: &str) -> AddAppointment {
    AddAppointment {
        relation: "GGD Utrecht".into(),
        when: when.into(),
        duration: Some("1,5 uur".into()),
        place: Some("Stationsplein 1".into()),
        with: Some(MemberRef {
            id: MemberId(BOB),
            name: "bob".into(),
        }),
        with_is_bot: false,
        with_is_member: true,
        about: Some("intake".into()),
        new_relation: false,
    }
}

/// A request without a channel: reminders go by direct message.
fn direct(member: i64, name: &str) -> Request {
    Request {
        channel: None,
        ..request(member, name)
    }
}

/// What the posts reminded of before the start: (appointment, participant, minutes before).
fn coming(posted: &[Outgoing]) -> Vec<(String, i64, u32)> {
    let mut seen: Vec<(String, i64, u32)> = posted
        .iter()
        .flat_map(|m| m.nudges.iter())
        .filter_map(|n| n.participant.map(|p| (n.reference.to_string(), p.0, n.number)))
        .collect();
    seen.sort();
    seen
}

/// The outcome questions posted: (appointment, number, escalated).
fn questions(posted: &[Outgoing]) -> Vec<(String, u32, bool)> {
    posted
        .iter()
        .flat_map(|m| m.nudges.iter())
        .filter(|n| matches!(n.reference, SubjectRef::Appointment(_)) && n.participant.is_none())
        .map(|n| (n.reference.to_string(), n.number, n.escalated))
        .collect()
}

/// Runs the engine twice at each of these moments in December 2026 (day, hour, minute):
/// the second run must find nothing left to send.
async fn tick_at(world: &World, engine: &Arc<baton::reminders::Scheduler>, moments: &[(u32, u32, u32)]) {
    for (day, hour, minute) in moments {
        world.clock.set(amsterdam(2026, 12, *day, *hour, *minute));
        engine.tick().await.unwrap();
        engine.tick().await.unwrap();
    }
}

fn outcome(appointment: &str, outcome: Outcome) -> GiveOutcome {
    GiveOutcome {
        appointment: appointment.into(),
        outcome: Some(outcome),
        ..GiveOutcome::default()
    }
}

#[tokio::test]
async fn each_participant_is_reminded_once_per_span_and_the_owner_asked_once_after_the_end() {
    let world = World::new().await;
    world.clock.set(amsterdam(2026, 12, 2, 10, 0));
    let notifier = Arc::new(Recording::default());
    let engine = scheduler(&world, notifier.clone());
    // A-1 made in the channel: one message calls both. A-2 made without one: a DM each.
    let added = appointment::add(
        &world.env,
        &request(ALICE, "alice"),
        intake("donderdag 10 december 10:00"),
    )
    .await
    .unwrap();
    appointment::add(
        &world.env,
        &direct(ALICE, "alice"),
        AddAppointment {
            duration: None,
            ..intake("donderdag 10 december 14:00")
        },
    )
    .await
    .unwrap();
    let Body::AppointmentAdded(card) = &added.body else {
        panic!("{:?}", added.body)
    };
    assert_eq!(card.appointment.reference, AppointmentRef(1));
    assert_eq!(card.first_reminder, Some(amsterdam(2026, 12, 9, 10, 0)));
    assert_eq!(added.notify, [MemberId(BOB)]);

    world.clock.set(amsterdam(2026, 12, 9, 9, 59));
    engine.tick().await.unwrap();
    assert!(notifier.posted().is_empty(), "{:#?}", notifier.posted());

    world.clock.set(amsterdam(2026, 12, 9, 10, 0));
    engine.tick().await.unwrap();
    engine.tick().await.unwrap();
    let posted = notifier.posted();
    assert_eq!(posted.len(), 1, "{posted:#?}");
    assert_eq!(posted[0].target, Target::Channel(CHANNEL));
    assert_eq!(posted[0].notify_users, [MemberId(ALICE), MemberId(BOB)]);
    assert!(
        posted[0]
            .text
            .contains("alice, bob: appointment A-1 with GGD Utrecht starts"),
        "{}",
        posted[0].text
    );

    world.clock.set(amsterdam(2026, 12, 9, 14, 0));
    engine.tick().await.unwrap();
    let mut dms: Vec<Target> = notifier.posted()[1..].iter().map(|m| m.target).collect();
    dms.sort_by_key(|t| match t {
        Target::Direct(m) => m.0,
        Target::Channel(c) => c.0,
    });
    assert_eq!(
        dms,
        [Target::Direct(MemberId(ALICE)), Target::Direct(MemberId(BOB))]
    );

    tick_at(&world, &engine, &[(10, 9, 0), (10, 9, 30)]).await;
    assert!(questions(&notifier.posted()).is_empty(), "none before the end");

    // A-1 ends at 11:30: its owner is asked, once, with Kept / Missed / Moved.
    world.clock.set(amsterdam(2026, 12, 10, 11, 31));
    engine.tick().await.unwrap();
    engine.tick().await.unwrap();
    assert_eq!(questions(&notifier.posted()), [("A-1".to_string(), 1, false)]);
    let asked = notifier.posted().last().unwrap().clone();
    assert_eq!(asked.notify_users, [MemberId(ALICE)]);
    assert_eq!(
        asked.actions,
        [
            Action::Outcome(AppointmentRef(1), Outcome::Kept),
            Action::Outcome(AppointmentRef(1), Outcome::Missed),
            Action::Outcome(AppointmentRef(1), Outcome::Moved),
            // Asked in the channel, which is not told where: that is behind Details.
            Action::Details(baton::core::details::Detail::Delivery(
                asked.nonce.trim_start_matches("baton-").parse().unwrap()
            )),
        ]
    );
    assert!(
        asked.text.contains("did appointment A-1 with GGD Utrecht"),
        "{}",
        asked.text
    );

    tick_at(&world, &engine, &[(10, 13, 0), (10, 13, 30)]).await;
    assert_eq!(
        coming(&notifier.posted()),
        [
            ("A-1".to_string(), ALICE, 60),
            ("A-1".to_string(), ALICE, 1440),
            ("A-1".to_string(), BOB, 60),
            ("A-1".to_string(), BOB, 1440),
            ("A-2".to_string(), ALICE, 60),
            ("A-2".to_string(), ALICE, 1440),
            ("A-2".to_string(), BOB, 60),
            ("A-2".to_string(), BOB, 1440),
        ]
    );

    // Unanswered: again the next working day, then escalated; answered, never again.
    world.clock.set(amsterdam(2026, 12, 11, 12, 0));
    engine.tick().await.unwrap();
    world.clock.set(amsterdam(2026, 12, 14, 12, 0));
    engine.tick().await.unwrap();
    let asked: Vec<_> = questions(&notifier.posted())
        .into_iter()
        .filter(|q| q.0 == "A-1")
        .collect();
    assert_eq!(
        asked,
        [
            ("A-1".to_string(), 1, false),
            ("A-1".to_string(), 2, false),
            ("A-1".to_string(), 3, true)
        ]
    );
    appointment::outcome(
        &world.env,
        &request(ALICE, "alice"),
        outcome("A-1", Outcome::Kept),
    )
    .await
    .unwrap();
    let before = questions(&notifier.posted()).len();
    world.clock.set(amsterdam(2026, 12, 15, 12, 0));
    engine.tick().await.unwrap();
    let after: Vec<_> = questions(&notifier.posted())[before..].to_vec();
    assert!(after.iter().all(|q| q.0 != "A-1"), "{after:?}");
}

#[tokio::test]
async fn a_moved_appointment_is_reminded_afresh_and_the_old_date_never_again() {
    let world = World::new().await;
    world.clock.set(amsterdam(2026, 12, 2, 10, 0));
    let notifier = Arc::new(Recording::default());
    let engine = scheduler(&world, notifier.clone());
    let alice = request(ALICE, "alice");
    appointment::add(&world.env, &alice, intake("donderdag 10 december 10:00"))
        .await
        .unwrap();
    world.clock.set(amsterdam(2026, 12, 9, 10, 0));
    engine.tick().await.unwrap();

    // The client calls: the appointment moves before it began.
    world.clock.set(amsterdam(2026, 12, 9, 11, 0));
    let moved = appointment::outcome(
        &world.env,
        &alice,
        GiveOutcome {
            new_when: Some("maandag 14 december 9:00".into()),
            reason: Some("Client belde af".into()),
            ..outcome("A-1", Outcome::Moved)
        },
    )
    .await
    .unwrap();
    let Body::AppointmentSettled(settled) = &moved.body else {
        panic!()
    };
    let new = settled.new.as_ref().expect("a new appointment");
    assert_eq!(new.reference, AppointmentRef(2));
    assert_eq!(new.previous, Some(AppointmentRef(1)));
    assert_eq!(
        new.ends_at - new.starts_at,
        chrono::Duration::minutes(90),
        "as long as before"
    );
    assert_eq!(settled.appointment.status, AppointmentStatus::Moved);
    assert_eq!(settled.appointment.next, Some(AppointmentRef(2)));
    assert_eq!(moved.attachments.len(), 1);
    assert_eq!(
        moved.attachments[0].name, "appointments.ics",
        "the old one cancelled, the new one"
    );

    tick_at(
        &world,
        &engine,
        &[
            (10, 9, 0),
            (10, 12, 0),
            (11, 9, 0),
            (11, 17, 30),
            (14, 8, 0),
            (14, 8, 30),
        ],
    )
    .await;
    assert_eq!(
        coming(&notifier.posted()),
        [
            ("A-1".to_string(), ALICE, 1440),
            ("A-1".to_string(), BOB, 1440),
            ("A-2".to_string(), ALICE, 60),
            ("A-2".to_string(), ALICE, 1440),
            ("A-2".to_string(), BOB, 60),
            ("A-2".to_string(), BOB, 1440),
        ]
    );
    // A-2's day-before reminder falls on Sunday: it came at Friday's close, 17:30.
    let friday = notifier
        .posted()
        .into_iter()
        .find(|m| m.nudges.iter().any(|n| n.reference.to_string() == "A-2"))
        .unwrap();
    assert!(
        friday.text.contains("Mon 14 Dec 2026 09:00 CET (in 3 days)"),
        "{}",
        friday.text
    );
    assert!(
        questions(&notifier.posted()).is_empty(),
        "a moved appointment is never asked about"
    );
}

#[tokio::test]
async fn missed_needs_a_new_date_and_a_reason_and_creates_the_promise_to_tell_the_relation() {
    let world = World::new().await;
    world.clock.set(amsterdam(2026, 12, 2, 10, 0));
    let alice = request(ALICE, "alice");
    appointment::add(&world.env, &alice, intake("vrijdag 10:00"))
        .await
        .unwrap();
    world.clock.set(amsterdam(2026, 12, 4, 12, 0));

    let no_date = refused(appointment::outcome(&world.env, &alice, outcome("A-1", Outcome::Missed)).await);
    let no_reason = refused(
        appointment::outcome(
            &world.env,
            &alice,
            GiveOutcome {
                new_when: Some("dinsdag 14:00".into()),
                ..outcome("A-1", Outcome::Missed)
            },
        )
        .await,
    );
    let in_past = refused(
        appointment::outcome(
            &world.env,
            &alice,
            GiveOutcome {
                new_when: Some("gisteren 14:00".into()),
                reason: Some("Niet komen opdagen".into()),
                ..outcome("A-1", Outcome::Missed)
            },
        )
        .await,
    );
    assert!(matches!(no_date, UserError::NeedsNewDate { .. }), "{no_date:?}");
    assert!(
        matches!(no_reason, UserError::NeedsReason { .. }),
        "{no_reason:?}"
    );
    assert!(
        matches!(
            in_past,
            UserError::StartsInPast {
                option: "new_when",
                ..
            }
        ),
        "{in_past:?}"
    );
    let count: i64 = sqlx::query_scalar("SELECT count(*) FROM appointments")
        .fetch_one(&world.db.pool)
        .await
        .unwrap();
    assert_eq!(count, 1, "nothing half-written");

    let missed = appointment::outcome(
        &world.env,
        &alice,
        GiveOutcome {
            new_when: Some("dinsdag 14:00".into()),
            reason: Some("Niet komen opdagen".into()),
            ..outcome("A-1", Outcome::Missed)
        },
    )
    .await
    .unwrap();
    let Body::AppointmentSettled(settled) = &missed.body else {
        panic!()
    };
    let inform = settled.inform.as_ref().expect("an inform promise");
    assert_eq!(inform.owner, MemberId(ALICE));
    // Friday 12:00 plus one working day.
    assert_eq!(inform.due_at, amsterdam(2026, 12, 7, 12, 0));
    let shown = text(&missed);
    assert!(
        shown.contains("A-1 with GGD Utrecht was missed: Niet komen opdagen"),
        "{shown}"
    );
    assert!(
        shown.contains("Tell GGD Utrecht the new date: A-2 on Tue 8 Dec 2026 14:00"),
        "{shown}"
    );
    let promises: Vec<(String, String, String)> =
        sqlx::query_as("SELECT kind, direction, what FROM commitments ORDER BY ref")
            .fetch_all(&world.db.pool)
            .await
            .unwrap();
    assert_eq!(promises.len(), 1);
    assert_eq!(
        (promises[0].0.as_str(), promises[0].1.as_str()),
        ("promise", "we_owe")
    );

    let history = text(
        &contact::history(
            &world.env,
            &alice,
            contact::ContactHistory {
                relation: "GGD Utrecht".into(),
                ..Default::default()
            },
        )
        .await
        .unwrap(),
    );
    assert!(
        history.contains("A-2 Tue 8 Dec 2026 14:00 CET · scheduled · replaces A-1"),
        "{history}"
    );
    assert!(
        history.contains("A-1 Fri 4 Dec 2026 10:00 CET · missed · replaced by A-2 · Niet komen opdagen"),
        "{history}"
    );
    let again = refused(appointment::outcome(&world.env, &alice, outcome("A-1", Outcome::Kept)).await);
    assert!(
        matches!(
            again,
            UserError::AppointmentRefused {
                refusal: Refusal::Settled(AppointmentStatus::Missed),
                ..
            }
        ),
        "{again:?}"
    );
}

#[tokio::test]
async fn kept_records_a_contact_with_its_follow_up() {
    let world = World::new().await;
    world.clock.set(amsterdam(2026, 12, 2, 10, 0));
    let alice = request(ALICE, "alice");
    appointment::add(&world.env, &alice, intake("vrijdag 10:00"))
        .await
        .unwrap();
    world.clock.set(amsterdam(2026, 12, 4, 12, 0));

    let kept = appointment::outcome(
        &world.env,
        &alice,
        GiveOutcome {
            summary: Some("Zorgplan besproken; moeder wil thuiszorg".into()),
            follow_up: Some("Zorgplan mailen".into()),
            follow_up_due: Some("maandag 12:00".into()),
            ..outcome("A-1", Outcome::Kept)
        },
    )
    .await
    .unwrap();

    let shown = text(&kept);
    assert!(
        shown.contains("A-1 with GGD Utrecht was kept: logged as a contact (visit)"),
        "{shown}"
    );
    assert!(shown.contains("Follow-up P-1: Zorgplan mailen"), "{shown}");
    let contacts: Vec<(String, String, chrono::DateTime<chrono::Utc>)> =
        sqlx::query_as("SELECT via, summary, occurred_at FROM contacts")
            .fetch_all(&world.db.pool)
            .await
            .unwrap();
    assert_eq!(
        contacts,
        [(
            "visit".to_string(),
            "Zorgplan besproken; moeder wil thuiszorg".to_string(),
            amsterdam(2026, 12, 4, 10, 0)
        )]
    );
    let linked: Option<i64> = sqlx::query_scalar("SELECT contact_id FROM appointments")
        .fetch_one(&world.db.pool)
        .await
        .unwrap();
    assert!(linked.is_some(), "the appointment points at its contact");
}

#[tokio::test]
async fn wrong_people_early_answers_and_bad_input_are_refused_with_nothing_written() {
    let world = World::new().await;
    world.clock.set(amsterdam(2026, 12, 2, 10, 0));
    let alice = request(ALICE, "alice");
    appointment::add(&world.env, &alice, intake("vrijdag 10:00"))
        .await
        .unwrap();
    let bad = |when: &str, duration: Option<&str>| AddAppointment {
        duration: duration.map(str::to_string),
        ..intake(when)
    };

    let no_time = refused(appointment::add(&world.env, &alice, bad("vrijdag", None)).await);
    let past = refused(appointment::add(&world.env, &alice, bad("gisteren 10:00", None)).await);
    let backwards = refused(appointment::add(&world.env, &alice, bad("vrijdag 11:00-10:00", None)).await);
    let long = refused(appointment::add(&world.env, &alice, bad("vrijdag 10:00", Some("25 uur"))).await);
    let absurd =
        refused(appointment::add(&world.env, &alice, bad("vrijdag 10:00", Some("99999999 dagen"))).await);
    let unreadable = refused(appointment::add(&world.env, &alice, bad("vrijdag 10:00", Some("even"))).await);
    let bot = refused(
        appointment::add(
            &world.env,
            &alice,
            AddAppointment {
                with_is_bot: true,
                ..intake("vrijdag 10:00")
            },
        )
        .await,
    );
    let by_cas = refused(appointment::cancel(&world.env, &request(CAS, "cas"), "A-1", "weg").await);
    let early = refused(appointment::outcome(&world.env, &alice, outcome("A-1", Outcome::Kept)).await);
    let unknown = refused(appointment::cancel(&world.env, &alice, "A-9", "weg").await);
    let garbage = refused(appointment::cancel(&world.env, &alice, "banaan", "weg").await);
    let mut elsewhere = request(ALICE, "alice");
    elsewhere.guild = GuildId(700_000_000_000_000_999);
    let other_guild = refused(appointment::cancel(&world.env, &elsewhere, "A-1", "weg").await);

    assert!(
        matches!(no_time, UserError::NeedsTime { option: "when", .. }),
        "{no_time:?}"
    );
    assert!(matches!(past, UserError::StartsInPast { .. }), "{past:?}");
    assert!(
        matches!(backwards, UserError::EndsBeforeStart { .. }),
        "{backwards:?}"
    );
    assert!(matches!(long, UserError::DurationTooLong { .. }), "{long:?}");
    assert!(matches!(absurd, UserError::DurationTooLong { .. }), "{absurd:?}");
    assert!(
        matches!(unreadable, UserError::DurationUnreadable { .. }),
        "{unreadable:?}"
    );
    assert_eq!(bot, UserError::WithIsBot);
    assert!(
        matches!(
            by_cas,
            UserError::AppointmentRefused {
                refusal: Refusal::NotYours,
                ..
            }
        ),
        "{by_cas:?}"
    );
    assert!(
        matches!(
            early,
            UserError::AppointmentRefused {
                refusal: Refusal::NotBegun,
                ..
            }
        ),
        "{early:?}"
    );
    assert_eq!(
        unknown,
        UserError::NoSuchAppointment {
            reference: AppointmentRef(9)
        }
    );
    assert!(matches!(garbage, UserError::NotAReference { .. }), "{garbage:?}");
    assert_eq!(
        other_guild,
        UserError::NoSuchAppointment {
            reference: AppointmentRef(1)
        }
    );
    let rows: Vec<(i32, String)> = sqlx::query_as("SELECT ref, status FROM appointments ORDER BY ref")
        .fetch_all(&world.db.pool)
        .await
        .unwrap();
    assert_eq!(rows, [(1, "scheduled".to_string())]);
    let promises: i64 = sqlx::query_scalar("SELECT count(*) FROM commitments")
        .fetch_one(&world.db.pool)
        .await
        .unwrap();
    assert_eq!(promises, 0);

    // An admin may cancel it; then the relation must be told, and nobody is reminded.
    let notifier = Arc::new(Recording::default());
    let engine = scheduler(&world, notifier.clone());
    let cancelled = appointment::cancel(&world.env, &admin_request(CAS, "cas"), "A-1", "Cliënt opgenomen")
        .await
        .unwrap();
    let shown = text(&cancelled);
    assert!(shown.contains("A-1 with GGD Utrecht"), "{shown}");
    assert!(shown.contains("is cancelled: Cliënt opgenomen"), "{shown}");
    assert!(shown.contains("Tell GGD Utrecht that A-1"), "{shown}");
    let cancelled_ics = String::from_utf8(cancelled.attachments[0].data.clone()).unwrap();
    assert!(cancelled_ics.contains("STATUS:CANCELLED"), "{cancelled_ics}");
    for day in [3, 4, 7] {
        world.clock.set(amsterdam(2026, 12, day, 12, 0));
        engine.tick().await.unwrap();
    }
    assert!(coming(&notifier.posted()).is_empty());
    assert!(questions(&notifier.posted()).is_empty());
}

#[tokio::test]
async fn a_colleague_already_booked_then_gets_a_warning_not_a_refusal() {
    let world = World::new().await;
    world.clock.set(amsterdam(2026, 12, 2, 10, 0));
    appointment::add(&world.env, &request(BOB, "bob"), intake("vrijdag 10:00"))
        .await
        .unwrap();

    let second = appointment::add(
        &world.env,
        &request(ALICE, "alice"),
        AddAppointment {
            relation: "Gemeente Zeist".into(),
            duration: None,
            ..intake("vrijdag 11:00")
        },
    )
    .await
    .unwrap();
    let after = appointment::add(
        &world.env,
        &request(ALICE, "alice"),
        AddAppointment {
            relation: "Gemeente Zeist".into(),
            duration: None,
            ..intake("vrijdag 11:30")
        },
    )
    .await
    .unwrap();

    let Body::AppointmentAdded(card) = &second.body else {
        panic!()
    };
    assert_eq!(
        card.overlaps
            .iter()
            .map(|o| (o.member, o.reference))
            .collect::<Vec<_>>(),
        [(MemberId(BOB), AppointmentRef(1))]
    );
    assert!(text(&second).contains("already has A-1 with GGD Utrecht"));
    let Body::AppointmentAdded(card) = &after.body else {
        panic!()
    };
    assert_eq!(
        card.overlaps
            .iter()
            .map(|o| (o.member, o.reference))
            .collect::<Vec<_>>(),
        [
            (MemberId(ALICE), AppointmentRef(2)),
            (MemberId(BOB), AppointmentRef(2))
        ],
        "11:30 touches A-1's end and shares a moment with A-2 only"
    );
}

#[tokio::test]
async fn the_calendar_file_carries_the_zone_a_stable_uid_and_a_raised_sequence() {
    let world = World::new().await;
    world.clock.set(amsterdam(2026, 12, 2, 10, 0));
    let alice = request(ALICE, "alice");
    let added = appointment::add(&world.env, &alice, intake("vrijdag 10:00"))
        .await
        .unwrap();
    let ics = String::from_utf8(added.attachments[0].data.clone()).unwrap();
    let calendar: icalendar::Calendar = ics.parse().expect("the file parses");
    let event = calendar
        .components
        .iter()
        .find_map(|c| c.as_event())
        .expect("one event");
    use icalendar::{Component, EventLike};
    assert_eq!(
        event.get_uid(),
        Some(format!("A-1.{}@baton", support::GUILD).as_str())
    );
    assert_eq!(event.get_summary(), Some("GGD Utrecht (A-1)"));
    assert_eq!(event.get_location(), Some("Stationsplein 1"));
    assert!(
        ics.contains("DTSTART;TZID=Europe/Amsterdam:20261204T100000"),
        "{ics}"
    );
    assert!(
        ics.contains("DTEND;TZID=Europe/Amsterdam:20261204T113000"),
        "{ics}"
    );
    assert!(ics.contains("BEGIN:VTIMEZONE"), "{ics}");
    assert!(ics.contains("SEQUENCE:0"), "{ics}");

    world.clock.set(amsterdam(2026, 12, 3, 9, 0));
    let cancelled = appointment::cancel(&world.env, &alice, "A-1", "ziek")
        .await
        .unwrap();
    let ics = String::from_utf8(cancelled.attachments[0].data.clone()).unwrap();
    assert!(
        ics.contains(&format!("UID:A-1.{}@baton", support::GUILD)),
        "{ics}"
    );
    assert!(ics.contains("SEQUENCE:1"), "{ics}");
    assert!(ics.contains("STATUS:CANCELLED"), "{ics}");
}

#[tokio::test]
async fn todays_appointments_are_in_the_digest_the_ball_and_a_handover_card() {
    let world = World::new().await;
    world.clock.set(amsterdam(2026, 12, 2, 10, 0));
    let notifier = Arc::new(Recording::default());
    // Digests as configured: 08:45 on working days.
    let engine = support::engine::scheduler_with(&world, notifier.clone(), world.env.defaults);
    let alice = request(ALICE, "alice");
    appointment::add(&world.env, &alice, intake("donderdag 10:00"))
        .await
        .unwrap();

    let card = baton::core::handover::give(
        &world.env,
        &alice,
        baton::core::handover::GiveHandover {
            to: Some(MemberRef {
                id: MemberId(CAS),
                name: "cas".into(),
            }),
            to_is_member: true,
            relation: "GGD Utrecht".into(),
            notes: "Intake donderdag".into(),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    // The channel's card leaves the appointments to its Details, for the recipient.
    assert!(!text(&card).contains("Stationsplein"), "{}", text(&card));
    let details = baton::core::details::show(
        &world.env,
        &request(CAS, "cas"),
        baton::core::details::Detail::Handover(baton::domain::HandoverRef(1)),
    )
    .await
    .unwrap();
    let shown = text(&details);
    assert!(shown.contains("Coming appointments:"), "{shown}");
    assert!(
        shown.contains("• A-1 GGD Utrecht · Thu 3 Dec 2026 10:00 CET · Stationsplein 1"),
        "{shown}"
    );

    world.clock.set(amsterdam(2026, 12, 3, 8, 50));
    engine.tick().await.unwrap();
    let digests: Vec<_> = notifier
        .posted()
        .into_iter()
        .filter(|m| m.nudges.is_empty() && m.text.contains("Appointments today:"))
        .collect();
    let mut to: Vec<Target> = digests.iter().map(|m| m.target).collect();
    to.sort_by_key(|t| match t {
        Target::Direct(m) => m.0,
        Target::Channel(c) => c.0,
    });
    assert_eq!(
        to,
        [Target::Direct(MemberId(ALICE)), Target::Direct(MemberId(BOB))]
    );
    assert!(
        digests[0]
            .text
            .contains("• A-1 GGD Utrecht · Thu 3 Dec 2026 10:00 CET"),
        "{}",
        digests[0].text
    );

    let ball = baton::core::listing::ball(&world.env, &alice, None)
        .await
        .unwrap();
    assert!(
        text(&ball).contains("Your appointments today:"),
        "{}",
        text(&ball)
    );
    world.clock.set(amsterdam(2026, 12, 3, 12, 0));
    let ball = baton::core::listing::ball(&world.env, &alice, None)
        .await
        .unwrap();
    assert!(
        text(&ball).contains("Appointments to say how they went"),
        "{}",
        text(&ball)
    );
    assert_eq!(
        ball.actions,
        [
            Action::Outcome(AppointmentRef(1), Outcome::Kept),
            Action::Outcome(AppointmentRef(1), Outcome::Missed),
            Action::Outcome(AppointmentRef(1), Outcome::Moved),
        ]
    );
}
