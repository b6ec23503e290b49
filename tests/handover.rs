//! Handovers through the command core on PostgreSQL: the card with the relation's story,
//! who may answer, a double accept, and reminders following the ball only once accepted.

mod support;

use std::sync::Arc;

use baton::core::handover::{self, GiveHandover};
use baton::core::{contact, Action, Body, MemberRef, Reply, UserError};
use baton::domain::handover::HandoverStatus;
use baton::domain::{CommitmentRef, HandoverRef, MemberId};
use baton::store::deliveries::Target;
use chrono::Duration;
use support::engine::{amsterdam, promise_for, refs, scheduler, ALICE, BOB};
use support::notifier::Recording;
use support::{admin_request, refused, request, World};

const CAS: i64 = 13;

fn member(id: i64, name: &str) -> Option<MemberRef> {
    Some(MemberRef {
        id: MemberId(id),
        name: name.to_string(),
    })
}

fn give(to: i64, name: &str, promises: Option<&str>) -> GiveHandover {
    GiveHandover {
        to: member(to, name),
        to_is_bot: false,
        to_is_member: true,
        relation: "Gemeente Utrecht".into(),
        notes: "Wethouder belt liever na 10 uur; het rapport wacht op cijfers van de GGD.".into(),
        promises: promises.map(str::to_string),
    }
}

/// Gemeente Utrecht's `/contact history`, as the console shows it.
async fn utrecht_history(env: &baton::core::Env, req: &baton::core::Request) -> String {
    let input = contact::ContactHistory {
        relation: "Gemeente Utrecht".into(),
        ..Default::default()
    };
    text(&contact::history(env, req, input).await.unwrap())
}

fn text(reply: &Reply) -> String {
    baton::render::reply(reply, &baton::console::ConsoleSurface)
}

/// Alice holds P-1 and P-2 for Gemeente Utrecht; bob holds P-3 there; a restricted contact.
async fn world_with_story() -> World {
    let world = World::new().await;
    world.clock.set(amsterdam(2026, 11, 23, 10, 0));
    promise_for(&world, ALICE, "Rapport sturen", "vrijdag 12:00").await;
    promise_for(&world, ALICE, "Offerte", "over 3 dagen").await;
    promise_for(&world, BOB, "Terugbellen", "morgen").await;
    let log = |summary: &str, restricted| contact::LogContact {
        relation: "Gemeente Utrecht".into(),
        summary: summary.into(),
        restricted,
        ..contact::LogContact::default()
    };
    contact::log(
        &world.env,
        &request(ALICE, "alice"),
        log("Belde over de planning", false),
    )
    .await
    .unwrap();
    contact::log(
        &world.env,
        &request(ALICE, "alice"),
        log("Zorgen over de gezondheid van mevrouw", true),
    )
    .await
    .unwrap();
    world
}

#[tokio::test]
async fn the_card_carries_the_notes_the_promises_and_the_story_but_no_restricted_note() {
    let world = world_with_story().await;

    let reply = handover::give(&world.env, &request(ALICE, "alice"), give(CAS, "cas", None))
        .await
        .unwrap();

    let Body::HandoverGiven(card) = &reply.body else {
        panic!("{:?}", reply.body)
    };
    assert_eq!(card.handover.reference, HandoverRef(1));
    assert_eq!(
        card.promises.iter().map(|p| p.reference).collect::<Vec<_>>(),
        [CommitmentRef(2), CommitmentRef(1)],
        "by default everything the sender holds for the relation, soonest due first, not bob's"
    );
    assert_eq!(
        card.others_open.iter().map(|p| p.reference).collect::<Vec<_>>(),
        [CommitmentRef(3)]
    );
    assert_eq!(reply.notify, [MemberId(CAS)]);
    let detail = baton::core::details::Detail::Handover(HandoverRef(1));
    assert_eq!(
        reply.actions,
        [
            Action::Accept(HandoverRef(1)),
            Action::Decline(HandoverRef(1)),
            Action::Details(detail)
        ]
    );
    // The channel's card is minimal; its Details show the recipient the whole card.
    assert!(!text(&reply).contains("Wethouder"), "{}", text(&reply));
    let details = baton::core::details::show(&world.env, &request(CAS, "cas"), detail)
        .await
        .unwrap();
    let shown = text(&details);
    assert!(shown.contains("Wethouder belt liever na 10 uur"), "{shown}");
    assert!(shown.contains("Belde over de planning"), "{shown}");
    assert!(
        !shown.contains("gezondheid"),
        "a restricted note stays out of the card: {shown}"
    );
    assert!(shown.contains("P-1") && shown.contains("P-3"), "{shown}");
    // Monday 10:00 plus 4 working hours.
    assert_eq!(card.ack_due_at, amsterdam(2026, 11, 23, 14, 0));
}

#[tokio::test]
async fn only_the_recipient_answers_and_a_second_accept_changes_nothing() {
    let world = world_with_story().await;
    handover::give(
        &world.env,
        &request(ALICE, "alice"),
        give(CAS, "cas", Some("P-1")),
    )
    .await
    .unwrap();

    let by_bob = refused(handover::accept(&world.env, &request(BOB, "bob"), "H-1").await);
    let by_sender = refused(handover::accept(&world.env, &request(ALICE, "alice"), "H-1").await);
    let accepted = handover::accept(&world.env, &request(CAS, "cas"), "h1")
        .await
        .unwrap();
    let again = refused(handover::accept(&world.env, &request(CAS, "cas"), "H-1").await);

    assert!(matches!(by_bob, UserError::HandoverNotYours { .. }), "{by_bob:?}");
    assert!(
        matches!(by_sender, UserError::HandoverNotYours { .. }),
        "{by_sender:?}"
    );
    let Body::HandoverAnswered(answered) = &accepted.body else {
        panic!()
    };
    assert_eq!(answered.moved, [CommitmentRef(1)]);
    assert_eq!(accepted.notify, [MemberId(ALICE)]);
    assert!(
        matches!(
            again,
            UserError::HandoverSettled {
                reference: HandoverRef(1),
                status: HandoverStatus::Accepted,
                by: Some(MemberId(CAS)),
                ..
            }
        ),
        "{again:?}"
    );
    // P-1 is cas's now; P-2 stayed with alice.
    let owners: Vec<(i32, i64)> = sqlx::query_as("SELECT ref, owner_id FROM commitments ORDER BY ref")
        .fetch_all(&world.db.pool)
        .await
        .unwrap();
    assert_eq!(owners, [(1, CAS), (2, ALICE), (3, BOB)]);
}

#[tokio::test]
async fn bad_handovers_are_refused_with_nothing_written() {
    let world = world_with_story().await;
    let alice = request(ALICE, "alice");

    let to_self = refused(handover::give(&world.env, &alice, give(ALICE, "alice", None)).await);
    let bot = GiveHandover {
        to_is_bot: true,
        ..give(99, "robot", None)
    };
    let to_bot = refused(handover::give(&world.env, &alice, bot).await);
    let stranger = GiveHandover {
        to_is_member: false,
        ..give(98, "stranger", None)
    };
    let not_member = refused(handover::give(&world.env, &alice, stranger).await);
    let bobs = refused(handover::give(&world.env, &alice, give(CAS, "cas", Some("P-3"))).await);
    let unknown = refused(handover::give(&world.env, &alice, give(CAS, "cas", Some("P-77"))).await);
    let garbage = refused(handover::give(&world.env, &alice, give(CAS, "cas", Some("P-1, banaan"))).await);
    let no_handover = refused(handover::accept(&world.env, &alice, "H-9").await);
    let no_reason = refused(handover::decline(&world.env, &alice, "H-1", "  ").await);

    assert_eq!(to_self, UserError::HandoverToSelf);
    assert_eq!(to_bot, UserError::HandoverToBot);
    assert!(
        matches!(not_member, UserError::NotAMember { .. }),
        "{not_member:?}"
    );
    assert!(
        matches!(
            bobs,
            UserError::NotYours {
                reference: CommitmentRef(3),
                ..
            }
        ),
        "{bobs:?}"
    );
    assert!(matches!(unknown, UserError::NoSuchPromise { .. }), "{unknown:?}");
    assert!(
        matches!(
            garbage,
            UserError::NotAReference {
                option: "promises",
                ..
            }
        ),
        "{garbage:?}"
    );
    assert_eq!(
        no_handover,
        UserError::NoSuchHandover {
            reference: HandoverRef(9)
        }
    );
    assert!(
        matches!(no_reason, UserError::Text { option: "reason", .. }),
        "{no_reason:?}"
    );
    let count: i64 = sqlx::query_scalar("SELECT count(*) FROM handovers")
        .fetch_one(&world.db.pool)
        .await
        .unwrap();
    assert_eq!(count, 0);
}

#[tokio::test]
async fn a_promise_travels_in_one_pending_handover_and_a_decline_or_withdrawal_frees_it() {
    let world = world_with_story().await;
    let alice = request(ALICE, "alice");
    handover::give(&world.env, &alice, give(CAS, "cas", Some("P-1")))
        .await
        .unwrap();

    let twice = refused(handover::give(&world.env, &alice, give(BOB, "bob", Some("P-1"))).await);
    let declined = handover::decline(
        &world.env,
        &request(CAS, "cas"),
        "H-1",
        "Ik ben die week op cursus",
    )
    .await
    .unwrap();
    let again = handover::give(&world.env, &alice, give(BOB, "bob", Some("P-1")))
        .await
        .unwrap();
    let cancel_by_bob = refused(handover::cancel(&world.env, &request(BOB, "bob"), "H-2").await);
    let cancelled = handover::cancel(&world.env, &alice, "H-2").await.unwrap();

    assert_eq!(
        twice,
        UserError::AlreadyHandedOver {
            promise: CommitmentRef(1),
            handover: HandoverRef(1)
        }
    );
    assert!(
        text(&declined).contains("Ik ben die week op cursus"),
        "{}",
        text(&declined)
    );
    let Body::HandoverGiven(card) = &again.body else {
        panic!()
    };
    assert_eq!(card.earlier.len(), 1, "the declined one shows as earlier");
    assert!(matches!(cancel_by_bob, UserError::HandoverNotYours { .. }));
    assert_eq!(cancelled.notify, [MemberId(BOB)]);
}

#[tokio::test]
async fn a_relation_with_nothing_open_can_be_handed_over_and_the_reply_says_so() {
    let world = world_with_story().await;
    let reply = handover::give(&world.env, &request(CAS, "cas"), give(BOB, "bob", None))
        .await
        .unwrap();

    let Body::HandoverGiven(card) = &reply.body else {
        panic!()
    };
    assert!(card.nothing_open);
    assert!(text(&reply).contains("contact person"), "{}", text(&reply));
    handover::accept(&world.env, &request(BOB, "bob"), "H-1")
        .await
        .unwrap();
    let person: Option<i64> = sqlx::query_scalar("SELECT contact_person_id FROM relations")
        .fetch_one(&world.db.pool)
        .await
        .unwrap();
    assert_eq!(person, Some(BOB));
}

#[tokio::test]
async fn reminders_go_to_the_sender_while_pending_and_to_the_recipient_after_accept() {
    let world = World::new().await;
    world.clock.set(amsterdam(2026, 11, 23, 10, 0));
    promise_for(&world, ALICE, "Rapport sturen", "over 1 uur").await;
    promise_for(&world, ALICE, "Offerte", "morgen 12:00").await;
    let notifier = Arc::new(Recording::default());
    let engine = scheduler(&world, notifier.clone());
    handover::give(&world.env, &request(ALICE, "alice"), give(CAS, "cas", None))
        .await
        .unwrap();

    world.clock.advance(Duration::hours(2));
    engine.tick().await.unwrap();
    let first = notifier.posted();
    assert_eq!(refs(&first), ["P-1"]);
    let reminder = first.iter().find(|m| !m.nudges.is_empty()).expect("the reminder");
    assert_eq!(
        reminder.notify_users,
        [MemberId(ALICE)],
        "pending: the sender holds the ball"
    );

    handover::accept(&world.env, &request(CAS, "cas"), "H-1")
        .await
        .unwrap();
    world.clock.set(amsterdam(2026, 11, 24, 12, 30));
    engine.tick().await.unwrap();
    let after: Vec<_> = notifier.posted().into_iter().skip(first.len()).collect();
    assert_eq!(refs(&after), ["P-1", "P-2"]);
    assert!(
        after.iter().all(|m| m.notify_users == [MemberId(CAS)]),
        "{after:?}"
    );
}

/// The handover nudges among what was posted: (number, escalated, who was called).
fn handover_nudges(posted: &[baton::reminders::Outgoing]) -> Vec<(u32, bool, Vec<MemberId>)> {
    posted
        .iter()
        .filter(|m| {
            m.nudges
                .iter()
                .any(|n| matches!(n.reference, baton::domain::SubjectRef::Handover(_)))
        })
        .map(|m| (m.nudges[0].number, m.nudges[0].escalated, m.notify_users.clone()))
        .collect()
}

#[tokio::test]
async fn an_unanswered_handover_is_nudged_each_working_day_then_escalated_to_its_sender_until_answered() {
    let world = World::new().await;
    world.clock.set(amsterdam(2026, 11, 23, 10, 0));
    promise_for(&world, ALICE, "Rapport sturen", "over 2 weken").await;
    let notifier = Arc::new(Recording::default());
    let engine = scheduler(&world, notifier.clone());
    handover::give(&world.env, &request(ALICE, "alice"), give(CAS, "cas", None))
        .await
        .unwrap();

    // Four working hours to answer: nothing before 14:00.
    // The card goes to cas by direct message at once, once.
    world.clock.set(amsterdam(2026, 11, 23, 13, 55));
    engine.tick().await.unwrap();
    engine.tick().await.unwrap();
    assert!(handover_nudges(&notifier.posted()).is_empty());
    let cards = notifier.posted();
    assert_eq!(cards.len(), 1, "{cards:#?}");
    assert_eq!(cards[0].target, Target::Direct(MemberId(CAS)));
    assert!(
        cards[0].text.contains("What cas needs to know"),
        "{}",
        cards[0].text
    );
    assert_eq!(
        cards[0].actions,
        [Action::Accept(HandoverRef(1)), Action::Decline(HandoverRef(1))]
    );

    world.clock.set(amsterdam(2026, 11, 23, 14, 5));
    engine.tick().await.unwrap();
    let posted: Vec<_> = notifier.posted().into_iter().skip(1).collect();
    assert_eq!(handover_nudges(&posted), [(1, false, vec![MemberId(CAS)])]);
    assert!(
        posted[0].text.contains("waiting for your answer"),
        "{}",
        posted[0].text
    );
    assert_eq!(
        posted[0].actions,
        [Action::Accept(HandoverRef(1)), Action::Decline(HandoverRef(1))]
    );
    engine.tick().await.unwrap();
    assert_eq!(handover_nudges(&notifier.posted()).len(), 1, "once per nudge");

    // Again the next working days; the third calls in the sender, who still holds the ball.
    for day in [24, 25] {
        world.clock.set(amsterdam(2026, 11, day, 15, 0));
        engine.tick().await.unwrap();
    }
    let nudges = handover_nudges(&notifier.posted());
    assert_eq!(nudges.len(), 3, "{nudges:?}");
    assert_eq!(nudges[1], (2, false, vec![MemberId(CAS)]));
    assert_eq!(nudges[2].0, 3);
    assert!(nudges[2].1, "escalated");
    assert_eq!(nudges[2].2, [MemberId(ALICE), MemberId(CAS)]);
    let escalation = notifier.posted().last().unwrap().text.clone();
    assert!(escalation.contains("you still hold the ball"), "{escalation}");

    // Answered: it never comes again.
    handover::accept(&world.env, &request(CAS, "cas"), "H-1")
        .await
        .unwrap();
    for day in [26, 27, 30] {
        world.clock.set(amsterdam(2026, 11, day, 15, 0));
        engine.tick().await.unwrap();
    }
    assert_eq!(handover_nudges(&notifier.posted()).len(), 3);
}

#[tokio::test]
async fn handover_all_moves_everything_of_a_leaver_in_one_step_and_the_history_tells_it() {
    let world = world_with_story().await;
    let env = &world.env;
    // Alice also holds a promise for a second relation, and P-2 already travels to bob.
    let other = baton::core::promise::AddPromise {
        relation: "GGD Regio".into(),
        what: "Cijfers".into(),
        due: "over 2 weken".into(),
        ..Default::default()
    };
    baton::core::promise::add(env, &request(ALICE, "alice"), other)
        .await
        .unwrap();
    handover::give(env, &request(ALICE, "alice"), give(BOB, "bob", Some("P-2")))
        .await
        .unwrap();
    let input = handover::HandOverAll {
        from: member(ALICE, "alice"),
        to: member(CAS, "cas"),
        to_is_member: true,
        notes: "Alice is vertrokken; haar relaties zijn nu van jou.".into(),
        ..Default::default()
    };
    assert_eq!(
        refused(handover::all(env, &request(BOB, "bob"), input.clone()).await),
        UserError::HandoverAllAdminOnly
    );
    let to_self = handover::HandOverAll {
        to: member(ALICE, "alice"),
        ..input.clone()
    };
    assert_eq!(
        refused(handover::all(env, &admin_request(BOB, "bob"), to_self).await),
        UserError::HandoverToSelf
    );

    let accept_now = handover::HandOverAll {
        accept_now: true,
        ..input
    };
    let reply = handover::all(env, &admin_request(BOB, "bob"), accept_now)
        .await
        .unwrap();
    let said = text(&reply);
    assert!(
        said.starts_with("🤝 Everything alice held is now with cas, accepted at once:"),
        "{said}"
    );
    assert!(said.contains("H-2 GGD Regio · P-4"), "{said}");
    assert!(said.contains("H-3 Gemeente Utrecht · P-1"), "{said}");
    assert!(said.contains("P-2 (H-1)"), "left in its pending handover: {said}");
    let owners: Vec<(i32, i64)> = sqlx::query_as("SELECT ref, owner_id FROM commitments ORDER BY ref")
        .fetch_all(&world.db.pool)
        .await
        .unwrap();
    assert_eq!(owners, [(1, CAS), (2, ALICE), (3, BOB), (4, CAS)]);

    let history = utrecht_history(env, &request(CAS, "cas")).await;
    assert!(
        history.contains("P-1 Rapport sturen went from alice to cas (H-3)"),
        "{history}"
    );
    assert!(history.contains("H-3 handover accepted"), "{history}");
    assert!(history.contains("H-1 handover from alice to bob"), "{history}");
}

#[tokio::test]
async fn a_decline_shows_in_the_history_with_its_reason() {
    let world = world_with_story().await;
    handover::give(&world.env, &request(ALICE, "alice"), give(CAS, "cas", None))
        .await
        .unwrap();
    handover::decline(&world.env, &request(CAS, "cas"), "H-1", "Ik ben die week weg")
        .await
        .unwrap();
    let history = utrecht_history(&world.env, &request(ALICE, "alice")).await;
    assert!(
        history.contains("cas: ↩️ H-1 handover declined: Ik ben die week weg"),
        "{history}"
    );
}

#[tokio::test]
async fn a_handover_nudge_that_cannot_be_delivered_shows_in_the_recipients_ball() {
    let world = World::new().await;
    world.clock.set(amsterdam(2026, 11, 23, 10, 0));
    promise_for(&world, ALICE, "Rapport sturen", "over 2 weken").await;
    let notifier = Arc::new(Recording::default());
    let engine = scheduler(&world, notifier.clone());
    handover::give(&world.env, &request(ALICE, "alice"), give(CAS, "cas", None))
        .await
        .unwrap();
    engine.tick().await.unwrap();
    assert_eq!(notifier.posted().len(), 1, "the card");

    notifier.fail_with([baton::reminders::SendError::Refused("403 Missing Access".into())]);
    world.clock.set(amsterdam(2026, 11, 23, 14, 5));
    engine.tick().await.unwrap();

    let ball = text(
        &baton::core::listing::ball(&world.env, &request(CAS, "cas"), None)
            .await
            .unwrap(),
    );
    assert!(ball.contains("H-1 Gemeente Utrecht"), "{ball}");
    assert!(ball.contains("403 Missing Access"), "{ball}");
}
