//! Absences through the command core on PostgreSQL, with the reminder engine running after
//! every change: who may set one, what is refused, reminders, digests and handovers going
//! to the backup "on behalf of" the away member, the backup acting on them, and the one
//! summary when the absence ends.

mod support;

use std::sync::Arc;

use baton::core::away::{self, SetAway};
use baton::core::handover::{self, GiveHandover};
use baton::core::{listing, promise, Body, MemberRef, Reply, UserError};
use baton::domain::MemberId;
use chrono::NaiveTime;
use support::engine::{amsterdam, promise_for, refs, scheduler, scheduler_with, ALICE, BOB};
use support::notifier::Recording;
use support::{admin_request, refused, request, World};

const CAS: i64 = 13;

fn member(id: i64, name: &str) -> Option<MemberRef> {
    Some(MemberRef {
        id: MemberId(id),
        name: name.to_string(),
    })
}

fn away_until(until: &str, backup: i64, name: &str) -> SetAway {
    SetAway {
        until: until.into(),
        backup: member(backup, name),
        backup_is_member: true,
        ..SetAway::default()
    }
}

fn text(reply: &Reply) -> String {
    baton::render::reply(reply, &baton::console::ConsoleSurface)
}

async fn absences(world: &World) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM away_periods")
        .fetch_one(&world.db.pool)
        .await
        .unwrap()
}

#[tokio::test]
async fn bad_absences_are_refused_with_a_clear_message_and_nothing_written() {
    let world = World::new().await;
    world.clock.set(amsterdam(2026, 11, 23, 10, 0));
    let env = &world.env;
    let alice = request(ALICE, "alice");

    let before = refused(away::set(env, &alice, away_until("gisteren", BOB, "bob")).await);
    assert!(
        matches!(before, UserError::AwayEndsBeforeStart { .. }),
        "{before:?}"
    );
    let input = SetAway {
        from: Some("14 december".into()),
        ..away_until("10 december", BOB, "bob")
    };
    let reversed = refused(away::set(env, &alice, input).await);
    assert!(
        matches!(reversed, UserError::AwayEndsBeforeStart { .. }),
        "{reversed:?}"
    );
    let long = refused(away::set(env, &alice, away_until("over 2 jaar", BOB, "bob")).await);
    assert_eq!(long, UserError::AwayTooLong);
    let own = refused(away::set(env, &alice, away_until("vrijdag", ALICE, "alice")).await);
    assert_eq!(own, UserError::OwnBackup);
    let unreadable = refused(away::set(env, &alice, away_until("als het kan", BOB, "bob")).await);
    assert!(matches!(
        unreadable,
        UserError::DateUnreadable { option: "until", .. }
    ));
    let bot = SetAway {
        backup_is_bot: true,
        ..away_until("vrijdag", BOB, "bob")
    };
    assert_eq!(refused(away::set(env, &alice, bot).await), UserError::BackupIsBot);
    let stranger = SetAway {
        backup_is_member: false,
        ..away_until("vrijdag", BOB, "bob")
    };
    assert!(matches!(
        refused(away::set(env, &alice, stranger).await),
        UserError::NotAMember { .. }
    ));
    let someone_else = SetAway {
        member: member(CAS, "cas"),
        ..away_until("vrijdag", BOB, "bob")
    };
    assert_eq!(
        refused(away::set(env, &alice, someone_else).await),
        UserError::AwayAdminOnly
    );
    assert_eq!(
        refused(away::end(env, &alice, member(BOB, "bob")).await),
        UserError::AwayAdminOnly
    );
    assert!(matches!(
        refused(away::end(env, &alice, None).await),
        UserError::NotAway { .. }
    ));
    assert_eq!(absences(&world).await, 0, "nothing was written");

    // Bob is away this week: he cannot back anyone up then, and Alice cannot be away twice.
    away::set(env, &request(BOB, "bob"), away_until("vrijdag", CAS, "cas"))
        .await
        .unwrap();
    let busy = refused(away::set(env, &alice, away_until("woensdag", BOB, "bob")).await);
    assert!(matches!(busy, UserError::BackupAway { .. }), "{busy:?}");
    away::set(env, &alice, away_until("volgende week vrijdag", CAS, "cas"))
        .await
        .unwrap();
    let twice = refused(away::set(env, &alice, away_until("over 3 weken", CAS, "cas")).await);
    assert!(matches!(twice, UserError::AlreadyAway { .. }), "{twice:?}");
    assert_eq!(absences(&world).await, 2);

    // "From Monday until Friday" is that week's Friday.
    let week = SetAway {
        from: Some("14 december".into()),
        ..away_until("vrijdag", BOB, "bob")
    };
    let reply = away::set(env, &request(CAS, "cas"), week).await;
    let Ok(Reply {
        body: Body::AwaySet(set),
        ..
    }) = reply
    else {
        panic!("{reply:?}")
    };
    assert_eq!(
        set.view.away.ends_at - set.view.away.starts_at,
        chrono::Duration::minutes(4 * 1440 + 1439)
    );
}

#[tokio::test]
async fn an_admin_sets_an_ill_colleague_away_and_the_list_shows_who_backs_up_whom() {
    let world = World::new().await;
    world.clock.set(amsterdam(2026, 11, 23, 10, 0));
    let env = &world.env;
    let set = SetAway {
        member: member(ALICE, "alice"),
        note: Some("ziek".into()),
        ..away_until("vrijdag", BOB, "bob")
    };
    let reply = away::set(env, &admin_request(CAS, "cas"), set).await.unwrap();
    let said = text(&reply);
    assert!(said.starts_with("🌴 alice is away until"), "{said}");
    assert!(said.contains("bob backs them up"), "{said}");
    assert_eq!(reply.notify, [MemberId(BOB)], "the backup hears of it");

    let ahead = SetAway {
        from: Some("volgende week maandag".into()),
        ..away_until("volgende week woensdag", ALICE, "alice")
    };
    away::set(env, &request(CAS, "cas"), ahead).await.unwrap();

    let list = text(&away::list(env, &request(BOB, "bob")).await.unwrap());
    assert!(list.contains("Away now:\n• alice until"), "{list}");
    assert!(list.contains("backed up by bob · ziek"), "{list}");
    assert!(list.contains("Planned:\n• cas from"), "{list}");

    let ball = listing::ball(env, &request(BOB, "bob"), None).await.unwrap();
    let Body::Ball(shown) = &ball.body else {
        panic!("{:?}", ball.body)
    };
    assert_eq!(shown.backing.len(), 1);
    assert!(text(&ball).contains("Backing up alice until"), "{}", text(&ball));
    let ball = text(&listing::ball(env, &request(ALICE, "alice"), None).await.unwrap());
    assert!(ball.contains("alice is away until"), "{ball}");
}

#[tokio::test]
async fn while_away_reminders_and_handovers_go_to_the_backup_who_may_act_and_the_summary_comes_once() {
    let world = World::new().await;
    world.clock.set(amsterdam(2026, 11, 23, 10, 0));
    let env = &world.env;
    promise_for(&world, ALICE, "Rapport sturen", "over 1 uur").await;
    promise_for(&world, ALICE, "Offerte", "over 2 weken").await;
    let notifier = Arc::new(Recording::default());
    let engine = scheduler(&world, notifier.clone());
    engine.tick().await.unwrap();

    // Not away yet: bob may not touch alice's promise.
    assert!(matches!(
        refused(promise::done(env, &request(BOB, "bob"), "P-1", None).await),
        UserError::NotYours { .. }
    ));
    away::set(env, &request(ALICE, "alice"), away_until("woensdag", BOB, "bob"))
        .await
        .unwrap();

    world.clock.set(amsterdam(2026, 11, 23, 11, 30));
    engine.tick().await.unwrap();
    let posted = notifier.posted();
    assert_eq!(refs(&posted), ["P-1"]);
    assert_eq!(posted[0].notify_users, [MemberId(BOB)], "alice is not pinged");
    assert!(
        posted[0].text.contains("bob (on behalf of alice, who is away)"),
        "{}",
        posted[0].text
    );

    // A handover to alice is nudged to bob; bob answers it for her.
    let give = GiveHandover {
        to: member(ALICE, "alice"),
        to_is_member: true,
        relation: "Gemeente Utrecht".into(),
        notes: "Jij kent de wethouder".into(),
        ..GiveHandover::default()
    };
    promise_for(&world, CAS, "Terugbellen", "over 2 weken").await;
    let card = handover::give(env, &request(CAS, "cas"), give).await.unwrap();
    assert_eq!(
        card.notify,
        [MemberId(BOB)],
        "the away recipient is not pinged, the backup is"
    );
    world.clock.set(amsterdam(2026, 11, 23, 16, 0));
    engine.tick().await.unwrap();
    let posted = notifier.posted();
    let nudge = posted
        .iter()
        .find(|m| {
            m.nudges
                .iter()
                .any(|n| matches!(n.reference, baton::domain::SubjectRef::Handover(_)))
        })
        .expect("the handover is nudged");
    assert!(nudge.text.contains("handed"), "{}", nudge.text);
    assert_eq!(nudge.notify_users, [MemberId(BOB)]);
    let card = posted
        .iter()
        .find(|m| m.text.contains("What alice needs to know"))
        .expect("the card by direct message");
    assert_eq!(
        card.target,
        baton::store::deliveries::Target::Direct(MemberId(BOB)),
        "to the backup"
    );

    promise::done(env, &request(BOB, "bob"), "P-1", None)
        .await
        .expect("the backup may close it");
    handover::accept(env, &request(BOB, "bob"), "H-1")
        .await
        .expect("the backup may accept it");

    // Back on Thursday: one summary of what happened, at the start of the working day.
    world.clock.set(amsterdam(2026, 11, 26, 0, 30));
    engine.tick().await.unwrap();
    let count = notifier.posted().len();
    world.clock.set(amsterdam(2026, 11, 26, 9, 5));
    engine.tick().await.unwrap();
    engine.tick().await.unwrap();
    let posted = notifier.posted();
    let summaries: Vec<_> = posted[count..]
        .iter()
        .filter(|m| m.text.starts_with("👋"))
        .collect();
    assert_eq!(summaries.len(), 1, "{posted:#?}");
    let summary = &summaries[0];
    assert_eq!(summary.notify_users, [MemberId(ALICE)]);
    assert!(
        matches!(
            summary.target,
            baton::store::deliveries::Target::Direct(MemberId(ALICE))
        ),
        "{:?}",
        summary.target
    );
    assert!(summary.text.contains("bob backed you up"), "{}", summary.text);
    assert!(
        summary.text.contains("P-1 Rapport sturen done"),
        "{}",
        summary.text
    );
    assert!(summary.text.contains("H-1 handover accepted"), "{}", summary.text);
    assert!(
        summary.text.contains("Yours now: 2 open promise(s)"),
        "{}",
        summary.text
    );

    // Back: bob may no longer act for her.
    assert!(matches!(
        refused(promise::done(env, &request(BOB, "bob"), "P-2", None).await),
        UserError::NotYours { .. }
    ));
}

#[tokio::test]
async fn the_digest_of_an_away_member_joins_their_backups_and_ending_early_summarises_at_once() {
    let world = World::new().await;
    world.clock.set(amsterdam(2026, 11, 23, 8, 0));
    let env = &world.env;
    promise_for(&world, ALICE, "Rapport sturen", "vandaag 16:00").await;
    promise_for(&world, BOB, "Offerte", "vandaag 15:00").await;
    away::set(env, &request(ALICE, "alice"), away_until("vrijdag", BOB, "bob"))
        .await
        .unwrap();
    let notifier = Arc::new(Recording::default());
    let defaults = baton::core::GuildSettings {
        digest_time: NaiveTime::from_hms_opt(9, 0, 0).unwrap(),
        ..world.env.defaults
    };
    let engine = scheduler_with(&world, notifier.clone(), defaults);
    world.clock.set(amsterdam(2026, 11, 23, 9, 1));
    engine.tick().await.unwrap();
    let digests: Vec<_> = notifier
        .posted()
        .into_iter()
        .filter(|m| m.text.starts_with("📋"))
        .collect();
    assert_eq!(digests.len(), 1, "{digests:#?}");
    assert_eq!(digests[0].notify_users, [MemberId(BOB)]);
    assert!(digests[0].text.contains("P-2 Offerte"), "{}", digests[0].text);
    assert!(
        digests[0].text.contains("P-1 Rapport sturen") && digests[0].text.contains("for alice, who is away"),
        "{}",
        digests[0].text
    );

    let ended = away::end(env, &request(ALICE, "alice"), None).await.unwrap();
    assert!(text(&ended).starts_with("👋 alice is back"), "{}", text(&ended));
    engine.tick().await.unwrap();
    let back: Vec<_> = notifier
        .posted()
        .into_iter()
        .filter(|m| m.text.starts_with("👋"))
        .collect();
    assert_eq!(back.len(), 1);
    assert!(
        back[0].text.contains("Nobody changed anything"),
        "{}",
        back[0].text
    );
}
