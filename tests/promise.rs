//! Promises through the command core, against PostgreSQL: add, done, move, cancel, told,
//! list, ball and settings, with who may do what.

mod support;

use baton::core::listing::{self, ListPromises};
use baton::core::promise::{self, AddPromise};
use baton::core::settings::{self, ChangeSettings};
use baton::core::{Action, Body, CommandError, MemberRef, Reply, UserError, Visibility};
use baton::domain::commitment::{Certainty, CommitmentStatus, Direction};
use baton::domain::{CommitmentRef, GuildId, MemberId};
use baton::store::commitments::Filter;
use chrono::{DateTime, Duration, TimeZone, Utc};
use support::{admin_request, request, World};

const ALICE: i64 = 11;
const BOB: i64 = 12;
const CAROL: i64 = 13;

fn add(relation: &str, what: &str, due: &str) -> AddPromise {
    AddPromise {
        relation: relation.into(),
        what: what.into(),
        due: due.into(),
        ..AddPromise::default()
    }
}

fn bob() -> MemberRef {
    MemberRef {
        id: MemberId(BOB),
        name: "bob".into(),
    }
}

fn user_error(result: Result<Reply, CommandError>) -> UserError {
    match result {
        Err(CommandError::User(err)) => err,
        other => panic!("expected a user error, got {other:?}"),
    }
}

fn amsterdam(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    chrono_tz::Europe::Amsterdam
        .with_ymd_and_hms(y, m, d, h, min, 0)
        .unwrap()
        .with_timezone(&Utc)
}

async fn row(world: &World, reference: i32) -> (String, DateTime<Utc>, Option<DateTime<Utc>>, i32) {
    sqlx::query_as("SELECT status, due_at, next_nudge_at, nudges_sent FROM commitments WHERE ref = $1")
        .bind(reference)
        .fetch_one(&world.db.pool)
        .await
        .unwrap()
}

async fn actions(world: &World) -> Vec<String> {
    sqlx::query_scalar("SELECT action FROM events ORDER BY event_id")
        .fetch_all(&world.db.pool)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_promise_gets_a_reference_an_owner_and_its_first_reminder_planned() {
    let world = World::new().await;
    let input = AddPromise {
        owner: Some(bob()),
        ..add("Gemeente Utrecht", "Offerte sturen", "vrijdag 12:00")
    };

    let reply = promise::add(&world.env, &request(ALICE, "alice"), input)
        .await
        .unwrap();

    let Body::PromiseAdded(added) = &reply.body else {
        panic!("{reply:?}")
    };
    assert_eq!(added.promise.reference, CommitmentRef(1));
    assert_eq!(added.promise.owner, MemberId(BOB));
    assert_eq!(added.promise.certainty, Certainty::Expected);
    assert!(added.relation_created);
    assert_eq!(reply.visibility, Visibility::Channel);
    assert_eq!(reply.notify, vec![MemberId(BOB)]);
    let friday_noon = amsterdam(2026, 11, 27, 12, 0);
    let (status, due, next, _) = row(&world, 1).await;
    assert_eq!((status.as_str(), due), ("open", friday_noon));
    assert_eq!(
        next,
        Some(friday_noon),
        "the first nudge is at the due time, inside working hours"
    );
}

#[tokio::test]
async fn a_heads_up_is_planned_before_the_due_time() {
    let world = World::new().await;
    let input = AddPromise {
        remind_before: Some("1 dag".into()),
        certainty: Some(Certainty::Confirmed),
        ..add("GGD", "Rapport sturen", "woensdag 14:00")
    };

    let reply = promise::add(&world.env, &request(ALICE, "alice"), input)
        .await
        .unwrap();

    let Body::PromiseAdded(added) = &reply.body else {
        panic!()
    };
    assert_eq!(added.heads_up_at, Some(amsterdam(2026, 11, 24, 14, 0)));
    assert_eq!(row(&world, 1).await.2, Some(amsterdam(2026, 11, 24, 14, 0)));
}

#[tokio::test]
async fn a_heads_up_asked_further_ahead_than_the_due_time_is_said_to_go_out_now() {
    let world = World::new().await;
    let input = AddPromise {
        remind_before: Some("1 dag".into()),
        ..add("GGD", "Rapport sturen", "over 2 uur")
    };

    let reply = promise::add(&world.env, &request(ALICE, "alice"), input)
        .await
        .unwrap();

    let Body::PromiseAdded(added) = &reply.body else {
        panic!()
    };
    assert_eq!(
        added.heads_up_at,
        Some(support::monday_morning()),
        "now, not a day ago"
    );
}

#[tokio::test]
async fn bad_promise_input_is_refused_with_nothing_saved() {
    let world = World::new().await;
    let alice = request(ALICE, "alice");
    let cases: Vec<(AddPromise, &str)> = vec![
        (add("GGD", "", "morgen"), "what"),
        (add("GGD", "x", "gisteren"), "due"),
        (add("GGD", "x", "ooit"), "due"),
        (
            AddPromise {
                remind_before: Some("soon".into()),
                ..add("GGD", "x", "morgen")
            },
            "remind_before",
        ),
        (
            AddPromise {
                depends_on: Some("x".repeat(201)),
                ..add("GGD", "x", "morgen")
            },
            "depends_on",
        ),
    ];
    for (input, option) in cases {
        let err = user_error(promise::add(&world.env, &alice, input).await);
        let named = match &err {
            UserError::Text { option, .. }
            | UserError::DueInPast { option, .. }
            | UserError::DateUnreadable { option, .. }
            | UserError::SpanUnreadable { option, .. } => *option,
            other => panic!("{other:?}"),
        };
        assert_eq!(named, option, "{err:?}");
    }
    let count: i64 = sqlx::query_scalar("SELECT count(*) FROM commitments")
        .fetch_one(&world.db.pool)
        .await
        .unwrap();
    assert_eq!(count, 0);
}

#[tokio::test]
async fn the_owner_marks_a_promise_done_and_its_reminders_stop() {
    let world = World::new().await;
    let alice = request(ALICE, "alice");
    promise::add(&world.env, &alice, add("GGD", "Rapport sturen", "morgen"))
        .await
        .unwrap();

    let reply = promise::done(&world.env, &alice, "P-1", Some("Per mail verstuurd".into()))
        .await
        .unwrap();

    let Body::PromiseClosed(closed) = &reply.body else {
        panic!()
    };
    assert_eq!(closed.promise.status, CommitmentStatus::Done);
    let (status, _, next, _) = row(&world, 1).await;
    assert_eq!((status.as_str(), next), ("done", None));
    assert_eq!(
        actions(&world).await.last().map(String::as_str),
        Some("commitment.done")
    );
    let again = user_error(promise::done(&world.env, &alice, "p1", None).await);
    assert_eq!(
        again,
        UserError::NotOpen {
            reference: CommitmentRef(1),
            status: CommitmentStatus::Done
        }
    );
}

#[tokio::test]
async fn only_the_owner_the_creator_or_an_admin_may_change_a_promise() {
    let world = World::new().await;
    let input = AddPromise {
        owner: Some(bob()),
        ..add("GGD", "Rapport sturen", "morgen")
    };
    promise::add(&world.env, &request(ALICE, "alice"), input)
        .await
        .unwrap();

    let stranger = user_error(promise::cancel(&world.env, &request(CAROL, "carol"), "P-1", "weg").await);
    let by_admin = promise::move_due(
        &world.env,
        &admin_request(CAROL, "carol"),
        "P-1",
        "vrijdag",
        "later",
    )
    .await;
    let by_creator = promise::move_due(
        &world.env,
        &request(ALICE, "alice"),
        "P-1",
        "maandag",
        "nog later",
    )
    .await;
    let by_owner = promise::done(&world.env, &request(BOB, "bob"), "P-1", None).await;

    assert_eq!(
        stranger,
        UserError::NotYours {
            reference: CommitmentRef(1),
            owner: MemberId(BOB),
            owner_name: Some("bob".into())
        }
    );
    assert!(by_admin.is_ok(), "{by_admin:?}");
    assert!(by_creator.is_ok(), "{by_creator:?}");
    assert!(by_owner.is_ok(), "{by_owner:?}");
}

#[tokio::test]
async fn moving_needs_a_new_date_and_a_reason_and_restarts_the_reminders() {
    let world = World::new().await;
    let alice = request(ALICE, "alice");
    promise::add(&world.env, &alice, add("GGD", "Rapport sturen", "morgen 10:00"))
        .await
        .unwrap();
    sqlx::query("UPDATE commitments SET nudges_sent = 3, heads_up_sent = true")
        .execute(&world.db.pool)
        .await
        .unwrap();

    let no_reason = user_error(promise::move_due(&world.env, &alice, "P-1", "vrijdag", "  ").await);
    let same = user_error(promise::move_due(&world.env, &alice, "P-1", "morgen 10:00", "zelfde").await);
    let past = user_error(promise::move_due(&world.env, &alice, "P-1", "gisteren", "te laat").await);
    let reply = promise::move_due(&world.env, &alice, "P-1", "vrijdag 12:00", "Wachten op cijfers")
        .await
        .unwrap();

    assert!(
        matches!(no_reason, UserError::Text { option: "reason", .. }),
        "{no_reason:?}"
    );
    assert!(matches!(same, UserError::SameDue { .. }), "{same:?}");
    assert!(
        matches!(past, UserError::DueInPast { option: "due", .. }),
        "{past:?}"
    );
    let Body::PromiseMoved(moved) = &reply.body else {
        panic!()
    };
    assert!(moved.ask_told, "we owe it: have they been told?");
    assert_eq!(reply.actions, vec![Action::Told(CommitmentRef(1))]);
    let (_, due, next, nudges) = row(&world, 1).await;
    assert_eq!(due, amsterdam(2026, 11, 27, 12, 0));
    assert_eq!((next, nudges), (Some(due), 0));
    let reason: String =
        sqlx::query_scalar("SELECT detail->>'reason' FROM events WHERE action = 'commitment.moved'")
            .fetch_one(&world.db.pool)
            .await
            .unwrap();
    assert_eq!(reason, "Wachten op cijfers");
}

#[tokio::test]
async fn a_promise_they_owe_us_does_not_ask_whether_they_were_told() {
    let world = World::new().await;
    let alice = request(ALICE, "alice");
    let input = AddPromise {
        direction: Some(Direction::TheyOwe),
        ..add("Leverancier", "Levering stoelen", "morgen")
    };
    promise::add(&world.env, &alice, input).await.unwrap();

    let reply = promise::move_due(&world.env, &alice, "P-1", "vrijdag", "Vertraging")
        .await
        .unwrap();

    let Body::PromiseMoved(moved) = &reply.body else {
        panic!()
    };
    assert!(!moved.ask_told);
    assert!(reply.actions.is_empty());
}

#[tokio::test]
async fn telling_the_relation_is_recorded_as_a_contact_in_the_guild_language() {
    let world = World::new().await;
    let alice = request(ALICE, "alice");
    promise::add(&world.env, &alice, add("GGD", "Rapport sturen", "morgen"))
        .await
        .unwrap();
    promise::move_due(&world.env, &alice, "P-1", "vrijdag 12:00", "Vertraging")
        .await
        .unwrap();

    promise::told(&world.env, &alice, "P-1").await.unwrap();

    let summary: String = sqlx::query_scalar("SELECT summary FROM contacts")
        .fetch_one(&world.db.pool)
        .await
        .unwrap();
    assert_eq!(
        summary,
        "Told them the new date for P-1 (Rapport sturen): Fri 27 Nov 2026 12:00 CET."
    );
}

#[tokio::test]
async fn cancelling_needs_a_reason() {
    let world = World::new().await;
    let alice = request(ALICE, "alice");
    promise::add(&world.env, &alice, add("GGD", "Rapport sturen", "morgen"))
        .await
        .unwrap();

    let err = user_error(promise::cancel(&world.env, &alice, "P-1", "").await);
    promise::cancel(&world.env, &alice, "P-1", "Niet meer nodig")
        .await
        .unwrap();

    assert!(matches!(err, UserError::Text { option: "reason", .. }), "{err:?}");
    assert_eq!(row(&world, 1).await.0, "cancelled");
}

#[tokio::test]
async fn a_reference_from_another_guild_is_not_found() {
    let world = World::new().await;
    promise::add(
        &world.env,
        &request(ALICE, "alice"),
        add("GGD", "Rapport", "morgen"),
    )
    .await
    .unwrap();
    let mut elsewhere = request(ALICE, "alice");
    elsewhere.guild = GuildId(999);

    let err = user_error(promise::done(&world.env, &elsewhere, "P-1", None).await);
    let unreadable = user_error(promise::done(&world.env, &elsewhere, "twaalf", None).await);

    assert_eq!(
        err,
        UserError::NoSuchPromise {
            reference: CommitmentRef(1)
        }
    );
    assert!(matches!(
        unreadable,
        UserError::NotAReference {
            option: "promise",
            ..
        }
    ));
}

#[tokio::test]
async fn lists_filter_by_status_owner_and_relation_and_page() {
    let world = World::new().await;
    let alice = request(ALICE, "alice");
    for i in 0..12 {
        let input = AddPromise {
            owner: (i % 2 == 0).then(bob),
            ..add(
                if i < 6 { "GGD" } else { "Gemeente" },
                &format!("item {i}"),
                &format!("over {} dagen", i + 1),
            )
        };
        promise::add(&world.env, &alice, input).await.unwrap();
    }
    promise::done(&world.env, &alice, "P-12", None).await.unwrap();
    // "over 3 dagen" is Thursday at the end of the working day: Thursday evening, the
    // first three are overdue.
    world.clock.advance(Duration::days(3) + Duration::hours(8));

    let list = |input: ListPromises| listing::list(&world.env, &alice, input);
    let open = list(ListPromises::default()).await.unwrap();
    let overdue = list(ListPromises {
        status: Some(Filter::Overdue),
        ..Default::default()
    })
    .await
    .unwrap();
    let bobs = list(ListPromises {
        owner: Some(bob()),
        ..Default::default()
    })
    .await
    .unwrap();
    let ggd = list(ListPromises {
        relation: Some("ggd".into()),
        ..Default::default()
    })
    .await
    .unwrap();
    let page_two = list(ListPromises {
        page: Some(2),
        ..Default::default()
    })
    .await
    .unwrap();
    let done = list(ListPromises {
        status: Some(Filter::Done),
        ..Default::default()
    })
    .await
    .unwrap();

    let shown = |reply: &Reply| match &reply.body {
        Body::List(list) => (
            list.items.iter().map(|i| i.what.clone()).collect::<Vec<_>>(),
            list.total,
            list.pages,
        ),
        other => panic!("{other:?}"),
    };
    let (items, total, pages) = shown(&open);
    assert_eq!((total, pages, items.len()), (11, 2, 10));
    assert_eq!(items[0], "item 0", "soonest due first");
    assert_eq!(open.visibility, Visibility::Private);
    assert_eq!(open.actions.len(), 1, "a next-page button");
    assert_eq!(shown(&overdue).0, ["item 0", "item 1", "item 2"]);
    assert_eq!(shown(&bobs).1, 6);
    assert_eq!(shown(&ggd).1, 6);
    assert_eq!(shown(&page_two).0, ["item 10"]);
    assert_eq!(shown(&done).0, ["item 11"]);
}

#[tokio::test]
async fn the_ball_shows_what_a_member_holds_overdue_first() {
    let world = World::new().await;
    let alice = request(ALICE, "alice");
    for (what, due) in [("later", "over 5 dagen"), ("soon", "morgen"), ("bobs", "morgen")] {
        let owner = (what == "bobs").then(bob);
        promise::add(
            &world.env,
            &alice,
            AddPromise {
                owner,
                ..add("GGD", what, due)
            },
        )
        .await
        .unwrap();
    }
    world.clock.advance(Duration::days(2));

    let reply = listing::ball(&world.env, &alice, None).await.unwrap();

    let Body::Ball(ball) = &reply.body else { panic!() };
    assert_eq!(
        ball.overdue.iter().map(|i| i.what.as_str()).collect::<Vec<_>>(),
        ["soon"]
    );
    assert_eq!(
        ball.open.iter().map(|i| i.what.as_str()).collect::<Vec<_>>(),
        ["later"]
    );
    assert_eq!(reply.visibility, Visibility::Private);
}

#[tokio::test]
async fn only_admins_change_guild_settings() {
    let world = World::new().await;
    let change = ChangeSettings {
        working_hours: Some("ma-do 9-17".into()),
        repeat_every: Some("4 uur".into()),
        ..ChangeSettings::default()
    };

    let refused = user_error(settings::guild(&world.env, &request(ALICE, "alice"), change.clone()).await);
    let reply = settings::guild(&world.env, &admin_request(CAROL, "carol"), change)
        .await
        .unwrap();
    let bad = user_error(
        settings::guild(
            &world.env,
            &admin_request(CAROL, "carol"),
            ChangeSettings {
                working_hours: Some("weekdays".into()),
                ..Default::default()
            },
        )
        .await,
    );
    let reset = settings::guild(
        &world.env,
        &admin_request(CAROL, "carol"),
        ChangeSettings {
            reset: Some("repeat_every".into()),
            ..Default::default()
        },
    )
    .await
    .unwrap();

    assert_eq!(refused, UserError::AdminOnly);
    let Body::Settings(shown) = &reply.body else {
        panic!()
    };
    assert_eq!(shown.changed, ["working_hours", "repeat_every"]);
    assert_eq!(shown.settings.hours.canonical(), "mon-thu 09:00-17:00");
    assert!(matches!(
        bad,
        UserError::BadSetting {
            option: "working_hours",
            ..
        }
    ));
    let Body::Settings(after) = &reset.body else {
        panic!()
    };
    assert_eq!(
        after.settings.repeat.canonical(),
        "1 working day",
        "back to the default"
    );
    assert_eq!(
        after.settings.hours.canonical(),
        "mon-thu 09:00-17:00",
        "the rest stays"
    );
}

#[tokio::test]
async fn guild_working_hours_decide_when_the_first_reminder_comes() {
    let world = World::new().await;
    let change = ChangeSettings {
        working_hours: Some("ma-vr 13:00-17:00".into()),
        ..Default::default()
    };
    settings::guild(&world.env, &admin_request(CAROL, "carol"), change)
        .await
        .unwrap();

    promise::add(
        &world.env,
        &request(ALICE, "alice"),
        add("GGD", "x", "morgen 9:00"),
    )
    .await
    .unwrap();

    assert_eq!(row(&world, 1).await.2, Some(amsterdam(2026, 11, 24, 13, 0)));
}

#[tokio::test]
async fn members_turn_their_own_digest_off() {
    let world = World::new().await;
    let alice = request(ALICE, "alice");

    let before = settings::digest(&world.env, &alice, None).await.unwrap();
    settings::digest(&world.env, &alice, Some(false)).await.unwrap();
    let after = settings::digest(&world.env, &alice, None).await.unwrap();

    let on = |reply: &Reply| match &reply.body {
        Body::Digest(choice) => choice.on,
        other => panic!("{other:?}"),
    };
    assert!(on(&before));
    assert!(!on(&after));
}

#[tokio::test]
async fn a_relations_history_tells_what_became_of_its_promises() {
    let world = World::new().await;
    let alice = request(ALICE, "alice");
    promise::add(&world.env, &alice, add("GGD", "Rapport sturen", "morgen"))
        .await
        .unwrap();
    world.clock.advance(Duration::minutes(5));
    promise::move_due(&world.env, &alice, "P-1", "vrijdag 12:00", "Wachten op cijfers")
        .await
        .unwrap();
    world.clock.advance(Duration::minutes(5));
    promise::done(&world.env, &alice, "P-1", None).await.unwrap();

    let reply = baton::core::contact::history(
        &world.env,
        &alice,
        baton::core::contact::ContactHistory {
            relation: "GGD".into(),
            limit: None,
        },
    )
    .await
    .unwrap();

    let Body::History(history) = &reply.body else {
        panic!()
    };
    let changes: Vec<_> = history.changes.iter().map(|c| c.change.clone()).collect();
    use baton::core::contact::Change;
    assert_eq!(changes.len(), 3);
    assert_eq!(changes[0], Change::Done, "newest first");
    assert_eq!(
        changes[1],
        Change::Moved {
            to: amsterdam(2026, 11, 27, 12, 0),
            reason: "Wachten op cijfers".into()
        }
    );
    assert!(matches!(changes[2], Change::Promised { .. }));
    let text = baton::render::reply(&reply, &baton::console::ConsoleSurface);
    assert!(
        text.contains("📅 P-1 Rapport sturen moved to Fri 27 Nov 2026 12:00 CET: Wachten op cijfers"),
        "{text}"
    );
}
