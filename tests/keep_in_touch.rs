//! Keeping in touch through the delivery engine, against PostgreSQL: a relation with a
//! cadence and no contact for that long nudges whoever keeps it, once per lapse and in
//! working hours; every contact, edit and merge is followed by time passing and the engine
//! running.

mod support;

use std::sync::Arc;

use baton::core::contact::{self, LogContact};
use baton::core::relation::{self, AddRelation, Details, EditRelation, MergeRelations};
use baton::core::{listing, Action, MemberRef};
use baton::domain::relation::RelationKind;
use baton::domain::MemberId;
use baton::reminders::{Outgoing, SendError};
use baton::store::deliveries::Target;
use chrono::Duration;
use support::engine::{amsterdam, scheduler, ALICE, BOB};
use support::notifier::Recording;
use support::{request, World};

const CAS: i64 = 13;

fn kept(name: &str, cadence: &str, owner: Option<i64>) -> AddRelation {
    AddRelation {
        name: name.into(),
        kind: Some(RelationKind::Organisation),
        details: Details {
            keep_in_touch: Some(cadence.into()),
            owner: owner.map(|id| MemberRef {
                id: MemberId(id),
                name: format!("member {id}"),
            }),
            ..Details::default()
        },
        ..AddRelation::default()
    }
}

async fn log(world: &World, member: i64, relation: &str, when: Option<&str>) {
    let input = LogContact {
        relation: relation.into(),
        summary: "Gebeld over de samenwerking".into(),
        when: when.map(Into::into),
        ..LogContact::default()
    };
    contact::log(&world.env, &request(member, &format!("member {member}")), input)
        .await
        .unwrap();
}

/// The keep-in-touch messages posted so far.
fn touches(notifier: &Recording) -> Vec<Outgoing> {
    notifier
        .posted()
        .into_iter()
        .filter(|m| m.text.contains("time to get in touch"))
        .collect()
}

/// Alice changes the relation's cadence with `/relation edit` ("-" clears it).
async fn set_cadence(world: &World, relation: &str, cadence: &str) {
    let input = EditRelation {
        relation: relation.into(),
        details: Details {
            keep_in_touch: Some(cadence.into()),
            ..Details::default()
        },
        ..EditRelation::default()
    };
    relation::edit(&world.env, &request(ALICE, "alice"), input)
        .await
        .unwrap();
}

async fn ball_text(world: &World, member: i64) -> String {
    let reply = listing::ball(&world.env, &request(member, &format!("member {member}")), None)
        .await
        .unwrap();
    baton::render::reply(&reply, &baton::console::ConsoleSurface)
}

#[tokio::test]
async fn a_lapse_is_nudged_once_to_the_owner_and_a_contact_resets_it() {
    let world = World::new().await;
    let notifier = Arc::new(Recording::default());
    let scheduler = scheduler(&world, notifier.clone());
    // Monday 23 November 10:00: bob keeps Gemeente Zeist, every 2 weeks.
    relation::add(
        &world.env,
        &request(ALICE, "alice"),
        kept("Gemeente Zeist", "every 2 weeks", Some(BOB)),
    )
    .await
    .unwrap();
    scheduler.tick().await.unwrap();
    world.clock.set(amsterdam(2026, 12, 7, 9, 59));
    scheduler.tick().await.unwrap();
    assert!(touches(&notifier).is_empty(), "not lapsed yet");
    assert!(!ball_text(&world, BOB).await.contains("Time to get in touch"));

    // Monday 7 December 10:00: two weeks without a contact.
    world.clock.set(amsterdam(2026, 12, 7, 10, 0));
    scheduler.tick().await.unwrap();
    let posted = touches(&notifier);
    assert_eq!(posted.len(), 1, "{:?}", notifier.posted());
    let nudge = &posted[0];
    assert_eq!(
        nudge.target,
        Target::Direct(MemberId(BOB)),
        "no channel: the keeper by DM"
    );
    assert_eq!(nudge.notify_users, vec![MemberId(BOB)]);
    assert!(
        nudge
            .text
            .contains("time to get in touch with Gemeente Zeist: no contact logged since")
            && nudge.text.contains("keep in touch every 2 weeks"),
        "{}",
        nudge.text
    );
    assert!(
        nudge
            .actions
            .iter()
            .any(|a| matches!(a, Action::LogContact(_, name) if name == "Gemeente Zeist")),
        "{:?}",
        nudge.actions
    );

    // Time passes and the engine runs: nothing more for this lapse; `/ball` lists it.
    for days in [1, 2, 7] {
        world.clock.advance(Duration::days(days));
        scheduler.tick().await.unwrap();
    }
    assert_eq!(touches(&notifier).len(), 1, "one nudge per lapse");
    let ball = ball_text(&world, BOB).await;
    assert!(
        ball.contains("Time to get in touch") && ball.contains("Gemeente Zeist: no contact logged since"),
        "{ball}"
    );
    assert!(
        !ball_text(&world, ALICE).await.contains("Gemeente Zeist"),
        "alice does not keep it"
    );

    // Cas calls them (Thursday 17 December 11:00): reset, and off bob's ball.
    world.clock.set(amsterdam(2026, 12, 17, 11, 0));
    log(&world, CAS, "gemeente zeist", None).await;
    scheduler.tick().await.unwrap();
    assert_eq!(touches(&notifier).len(), 1);
    assert!(!ball_text(&world, BOB).await.contains("Gemeente Zeist"));

    // Two weeks after that contact: one new nudge, to the owner, naming the last contact.
    world.clock.set(amsterdam(2026, 12, 31, 10, 59));
    scheduler.tick().await.unwrap();
    assert_eq!(touches(&notifier).len(), 1);
    world.clock.set(amsterdam(2026, 12, 31, 11, 0));
    scheduler.tick().await.unwrap();
    world.clock.advance(Duration::days(3));
    scheduler.tick().await.unwrap();
    let posted = touches(&notifier);
    assert_eq!(posted.len(), 2, "{posted:?}");
    assert_eq!(posted[1].target, Target::Direct(MemberId(BOB)));
    assert!(
        posted[1].text.contains("last contact") && posted[1].text.contains("by member 13"),
        "{}",
        posted[1].text
    );
}

#[tokio::test]
async fn without_an_owner_the_latest_colleague_is_nudged_in_working_hours() {
    let world = World::new().await;
    let notifier = Arc::new(Recording::default());
    let scheduler = scheduler(&world, notifier.clone());
    relation::add(
        &world.env,
        &request(ALICE, "alice"),
        kept("Zorggroep De Linde", "elke 3 weken", None),
    )
    .await
    .unwrap();
    // Cas logs a contact on Wednesday 25 November at 19:30: it lapses on Wednesday 16
    // December at 19:30, after closing.
    world.clock.set(amsterdam(2026, 11, 25, 19, 30));
    log(&world, CAS, "Zorggroep De Linde", None).await;
    world.clock.set(amsterdam(2026, 12, 16, 19, 30));
    scheduler.tick().await.unwrap();
    world.clock.set(amsterdam(2026, 12, 17, 8, 29));
    scheduler.tick().await.unwrap();
    assert!(touches(&notifier).is_empty(), "not in the evening or the night");
    world.clock.set(amsterdam(2026, 12, 17, 8, 30));
    scheduler.tick().await.unwrap();
    let posted = touches(&notifier);
    assert_eq!(posted.len(), 1);
    assert_eq!(
        posted[0].target,
        Target::Direct(MemberId(CAS)),
        "the colleague with the latest contact"
    );

    // A contact logged afterwards but dated before the latest one does not reset it.
    log(&world, ALICE, "Zorggroep De Linde", Some("2026-11-20 10:00")).await;
    world.clock.advance(Duration::days(1));
    scheduler.tick().await.unwrap();
    assert_eq!(touches(&notifier).len(), 1);

    // A longer cadence, set by edit, is no new lapse once it is met again.
    set_cadence(&world, "Zorggroep De Linde", "every 2 months").await;
    world.clock.advance(Duration::days(1));
    scheduler.tick().await.unwrap();
    assert_eq!(touches(&notifier).len(), 1, "not lapsed under the new cadence");
    world.clock.set(amsterdam(2027, 1, 26, 10, 0));
    scheduler.tick().await.unwrap();
    assert_eq!(touches(&notifier).len(), 1, "the lapse was nudged already");

    // Clearing the cadence stops it for good.
    set_cadence(&world, "Zorggroep De Linde", "-").await;
    world.clock.set(amsterdam(2027, 6, 1, 10, 0));
    scheduler.tick().await.unwrap();
    assert_eq!(touches(&notifier).len(), 1);
    assert!(!ball_text(&world, CAS).await.contains("De Linde"));
}

#[tokio::test]
async fn a_queued_nudge_is_not_sent_once_a_contact_was_logged_and_a_merge_carries_the_contacts() {
    let world = World::new().await;
    let notifier = Arc::new(Recording::default());
    let scheduler = scheduler(&world, notifier.clone());
    let alice = request(ALICE, "alice");
    relation::add(&world.env, &alice, kept("GGD Utrecht", "every week", Some(BOB)))
        .await
        .unwrap();
    // A week later the nudge is planned, but Discord fails: it waits to be retried.
    world.clock.set(amsterdam(2026, 11, 30, 10, 0));
    notifier.fail_with([SendError::Transient("502 Bad Gateway".into())]);
    scheduler.tick().await.unwrap();
    assert!(touches(&notifier).is_empty());
    let tried = notifier.attempted();
    assert!(
        tried
            .iter()
            .any(|m| m.text.contains("time to get in touch with GGD Utrecht")),
        "{tried:?}"
    );
    // Meanwhile bob calls them: the retried message has nothing left to say.
    log(&world, BOB, "GGD Utrecht", None).await;
    world.clock.advance(Duration::minutes(10));
    scheduler.tick().await.unwrap();
    assert!(touches(&notifier).is_empty(), "{:?}", notifier.posted());

    // A second relation with its own cadence is merged into it: the removed one never
    // nudges again, and its contacts count for the kept one.
    let second = AddRelation {
        new_relation: true,
        ..kept("GGD regio Utrecht", "every week", Some(ALICE))
    };
    relation::add(&world.env, &alice, second).await.unwrap();
    world.clock.set(amsterdam(2026, 12, 3, 10, 0));
    log(&world, ALICE, "GGD regio Utrecht", None).await;
    relation::merge(
        &world.env,
        &alice,
        MergeRelations {
            keep: "GGD Utrecht".into(),
            remove: "GGD regio Utrecht".into(),
            ..MergeRelations::default()
        },
    )
    .await
    .unwrap();
    // Bob's contact was on 30 November; alice's (now on the kept one) on 3 December.
    world.clock.set(amsterdam(2026, 12, 7, 12, 0));
    scheduler.tick().await.unwrap();
    assert!(
        touches(&notifier).is_empty(),
        "the merged contact of 3 December counts"
    );
    world.clock.set(amsterdam(2026, 12, 10, 10, 0));
    scheduler.tick().await.unwrap();
    world.clock.advance(Duration::days(1));
    scheduler.tick().await.unwrap();
    let posted = touches(&notifier);
    assert_eq!(posted.len(), 1, "{posted:?}");
    assert!(
        posted[0]
            .text
            .contains("with GGD Utrecht: last contact Thu 3 Dec 2026 10:00 CET (7 days ago) by alice"),
        "{}",
        posted[0].text
    );
    assert_eq!(posted[0].target, Target::Direct(MemberId(BOB)));
}
