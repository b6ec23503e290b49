//! `privacy.minimal_channel_posts` against PostgreSQL: reminders, digests and handover cards
//! in a shared channel name the reference, the relation and the time; what they are about
//! is shown by their Details button, privately, to whoever holds it (and admins), from the
//! items as they are then. Direct messages stay in full, and a server may turn it off.

mod support;

use std::sync::Arc;

use baton::core::details::{self, Detail};
use baton::core::handover::{self, GiveHandover};
use baton::core::promise;
use baton::core::settings::{self, ChangeSettings};
use baton::core::{Action, Body, CommandError, MemberRef, Reply, UserError};
use baton::domain::schedule::DigestTo;
use baton::domain::{ChannelId, HandoverRef, MemberId};
use baton::reminders::Outgoing;
use baton::store::deliveries::Target;
use support::engine::{amsterdam, promise_for, scheduler_with, ALICE, BOB};
use support::notifier::Recording;
use support::{request, World};

const WHAT: &str = "Offerte sturen voor het zorgplan van mevrouw De Wit";

fn text(reply: &Reply) -> String {
    baton::render::reply(reply, &baton::console::ConsoleSurface)
}

fn details_of(message: &Outgoing) -> Option<Detail> {
    message.actions.iter().find_map(|action| match action {
        Action::Details(detail) => Some(*detail),
        _ => None,
    })
}

/// The reminders posted (not the digests).
fn nudges(notifier: &Recording) -> Vec<Outgoing> {
    notifier
        .posted()
        .into_iter()
        .filter(|m| m.text.starts_with('⏰'))
        .collect()
}

fn admin() -> baton::core::Request {
    let mut admin = request(99, "admin");
    admin.actor.admin = true;
    admin
}

async fn set(world: &World, change: ChangeSettings) {
    settings::guild(&world.env, &admin(), change).await.unwrap();
}

#[tokio::test]
async fn a_channel_reminder_leaves_out_what_and_its_details_button_shows_it_to_the_owner_only() {
    let world = World::new().await;
    let notifier = Arc::new(Recording::default());
    let scheduler = scheduler_with(&world, notifier.clone(), world.env.defaults);
    promise_for(&world, BOB, WHAT, "vandaag 12:00").await;

    world.clock.set(amsterdam(2026, 11, 23, 12, 0));
    scheduler.tick().await.unwrap();

    let posted = nudges(&notifier);
    assert_eq!(posted.len(), 1);
    let message = &posted[0];
    assert!(matches!(message.target, Target::Channel(_)));
    assert!(
        message
            .text
            .contains("member 12, P-1 for Gemeente Utrecht was due"),
        "{}",
        message.text
    );
    assert!(!message.text.contains("Offerte"), "{}", message.text);
    assert!(message.text.contains("press Details"), "{}", message.text);
    let delivery: i64 = message.nonce.trim_start_matches("baton-").parse().unwrap();
    assert_eq!(details_of(message), Some(Detail::Delivery(delivery)));
    assert!(message
        .actions
        .contains(&Action::Done(baton::domain::CommitmentRef(1))));

    // The owner reads it in full; an admin may; a colleague it is not about may not.
    let owner = details::show(&world.env, &request(BOB, "bob"), Detail::Delivery(delivery))
        .await
        .unwrap();
    assert!(matches!(owner.body, Body::Details(_)));
    assert_eq!(owner.visibility, baton::core::Visibility::Private);
    let shown = text(&owner);
    assert!(shown.contains(WHAT), "{shown}");
    assert!(shown.contains("P-1 for Gemeente Utrecht was due"), "{shown}");
    assert!(!shown.contains("press Details"), "{shown}");
    let by_admin = details::show(&world.env, &admin(), Detail::Delivery(delivery)).await;
    assert!(text(&by_admin.unwrap()).contains(WHAT));
    let by_colleague = details::show(&world.env, &request(ALICE, "alice"), Detail::Delivery(delivery)).await;
    assert!(
        matches!(by_colleague, Err(CommandError::User(UserError::DetailsNotYours))),
        "{by_colleague:?}"
    );
    // A forged id of another guild's or no delivery shows nothing.
    let forged = details::show(
        &world.env,
        &request(BOB, "bob"),
        Detail::Delivery(delivery + 1000),
    )
    .await;
    assert!(matches!(
        forged,
        Err(CommandError::User(UserError::NothingToDetail))
    ));

    // Once it is done there is nothing left to show, and no further reminder comes.
    promise::done(&world.env, &request(BOB, "bob"), "P-1", None)
        .await
        .unwrap();
    let after = details::show(&world.env, &request(BOB, "bob"), Detail::Delivery(delivery)).await;
    assert!(matches!(
        after,
        Err(CommandError::User(UserError::NothingToDetail))
    ));
    world.clock.set(amsterdam(2026, 11, 25, 12, 0));
    scheduler.tick().await.unwrap();
    assert_eq!(nudges(&notifier).len(), 1);
}

#[tokio::test]
async fn with_minimal_posts_off_a_reminder_is_posted_in_full_without_a_details_button() {
    let world = World::new().await;
    set(
        &world,
        ChangeSettings {
            minimal_channel_posts: Some(false),
            ..ChangeSettings::default()
        },
    )
    .await;
    let notifier = Arc::new(Recording::default());
    let scheduler = scheduler_with(&world, notifier.clone(), world.env.defaults);
    promise_for(&world, BOB, WHAT, "vandaag 12:00").await;

    world.clock.set(amsterdam(2026, 11, 23, 12, 0));
    scheduler.tick().await.unwrap();
    // Back to the default (on) before the next working day's reminder.
    set(
        &world,
        ChangeSettings {
            reset: Some("minimal_channel_posts".into()),
            ..ChangeSettings::default()
        },
    )
    .await;
    world.clock.set(amsterdam(2026, 11, 24, 12, 0));
    scheduler.tick().await.unwrap();

    let posted = nudges(&notifier);
    assert_eq!(posted.len(), 2, "{posted:?}");
    assert!(posted[0].text.contains(WHAT), "{}", posted[0].text);
    assert_eq!(details_of(&posted[0]), None);
    assert!(!posted[1].text.contains(WHAT), "{}", posted[1].text);
    assert!(details_of(&posted[1]).is_some());
}

#[tokio::test]
async fn a_digest_in_a_channel_is_minimal_and_a_direct_one_is_in_full() {
    let world = World::new().await;
    set(
        &world,
        ChangeSettings {
            digest_to: Some(DigestTo::Channel),
            digest_channel: Some(ChannelId(88)),
            ..ChangeSettings::default()
        },
    )
    .await;
    promise_for(&world, BOB, WHAT, "vandaag 12:00").await;
    let notifier = Arc::new(Recording::default());
    let scheduler = scheduler_with(&world, notifier.clone(), world.env.defaults);

    world.clock.set(amsterdam(2026, 11, 24, 9, 0));
    scheduler.tick().await.unwrap();
    set(
        &world,
        ChangeSettings {
            reset: Some("digest_to".into()),
            ..ChangeSettings::default()
        },
    )
    .await;
    world.clock.set(amsterdam(2026, 11, 25, 9, 0));
    scheduler.tick().await.unwrap();

    let digests: Vec<Outgoing> = notifier
        .posted()
        .into_iter()
        .filter(|m| m.text.starts_with("📋"))
        .collect();
    assert_eq!(digests.len(), 2, "{digests:?}");
    let (channel, direct) = (&digests[0], &digests[1]);
    assert_eq!(channel.target, Target::Channel(ChannelId(88)));
    assert!(
        channel.text.contains("P-1 · Gemeente Utrecht · due"),
        "{}",
        channel.text
    );
    assert!(!channel.text.contains("Offerte"), "{}", channel.text);
    let Some(detail) = details_of(channel) else {
        panic!("{:?}", channel.actions)
    };
    let shown = text(
        &details::show(&world.env, &request(BOB, "bob"), detail)
            .await
            .unwrap(),
    );
    assert!(shown.contains(WHAT), "{shown}");
    let other = details::show(&world.env, &request(ALICE, "alice"), detail).await;
    assert!(matches!(
        other,
        Err(CommandError::User(UserError::DetailsNotYours))
    ));
    assert_eq!(direct.target, Target::Direct(MemberId(BOB)));
    assert!(direct.text.contains(WHAT), "{}", direct.text);
    assert_eq!(details_of(direct), None);
}

#[tokio::test]
async fn a_handover_card_in_the_channel_leaves_out_the_notes_which_the_recipient_gets_by_dm() {
    let world = World::new().await;
    promise_for(&world, ALICE, WHAT, "vrijdag 12:00").await;
    let notes = "Wethouder belt liever na 10 uur; het rapport wacht op cijfers van de GGD.";
    let give = GiveHandover {
        to: Some(MemberRef {
            id: MemberId(BOB),
            name: "bob".into(),
        }),
        to_is_bot: false,
        to_is_member: true,
        relation: "Gemeente Utrecht".into(),
        notes: notes.into(),
        promises: None,
    };

    let reply = handover::give(&world.env, &request(ALICE, "alice"), give)
        .await
        .unwrap();

    let channel = text(&reply);
    assert!(
        channel.contains("Gemeente Utrecht over to bob (H-1)"),
        "{channel}"
    );
    assert!(channel.contains("Promises it moves: P-1."), "{channel}");
    assert!(!channel.contains("Wethouder"), "{channel}");
    assert!(!channel.contains("Offerte"), "{channel}");
    assert_eq!(
        reply.actions.last(),
        Some(&Action::Details(Detail::Handover(HandoverRef(1))))
    );
    let for_bob = text(
        &details::show(&world.env, &request(BOB, "bob"), Detail::Handover(HandoverRef(1)))
            .await
            .unwrap(),
    );
    assert!(for_bob.contains("Wethouder"), "{for_bob}");
    assert!(for_bob.contains(WHAT), "{for_bob}");
    let stranger = details::show(
        &world.env,
        &request(77, "carol"),
        Detail::Handover(HandoverRef(1)),
    )
    .await;
    assert!(matches!(
        stranger,
        Err(CommandError::User(UserError::DetailsNotYours))
    ));

    // The card by direct message is in full.
    let notifier = Arc::new(Recording::default());
    let scheduler = scheduler_with(&world, notifier.clone(), world.env.defaults);
    scheduler.tick().await.unwrap();
    let cards: Vec<Outgoing> = notifier
        .posted()
        .into_iter()
        .filter(|m| m.target == Target::Direct(MemberId(BOB)))
        .collect();
    assert_eq!(cards.len(), 1, "{:?}", notifier.posted());
    assert!(cards[0].text.contains("Wethouder"), "{}", cards[0].text);
    assert_eq!(details_of(&cards[0]), None);
}
