//! `/contact log` and `/contact history` through the command core, against PostgreSQL.

mod support;

use baton::core::contact::{self, ContactHistory, LogContact};
use baton::core::{Body, CommandError, MemberRef, Reply, UserError, Visibility};
use baton::domain::contact::Via;
use baton::domain::MemberId;
use chrono::{Duration, TimeZone, Utc};
use support::{request, World, GUILD};

const ALICE: i64 = 11;
const BOB: i64 = 12;

fn log(relation: &str, summary: &str) -> LogContact {
    LogContact {
        relation: relation.into(),
        summary: summary.into(),
        ..LogContact::default()
    }
}

fn history(relation: &str) -> ContactHistory {
    ContactHistory {
        relation: relation.into(),
        limit: None,
    }
}

async fn count(world: &World, table: &str) -> i64 {
    sqlx::query_scalar(&format!("SELECT count(*) FROM {table}"))
        .fetch_one(&world.db.pool)
        .await
        .unwrap()
}

fn logged(reply: &Reply) -> &contact::ContactLogged {
    match &reply.body {
        Body::ContactLogged(logged) => logged,
        other => panic!("expected a logged contact, got {other:?}"),
    }
}

fn shown_history(reply: &Reply) -> &contact::History {
    match &reply.body {
        Body::History(history) => history,
        other => panic!("expected a history, got {other:?}"),
    }
}

fn user_error(result: Result<Reply, CommandError>) -> UserError {
    match result {
        Err(CommandError::User(err)) => err,
        other => panic!("expected a user error, got {other:?}"),
    }
}

#[tokio::test]
async fn logging_a_contact_with_a_new_name_creates_the_relation() {
    let world = World::new().await;

    let reply = contact::log(
        &world.env,
        &request(ALICE, "alice"),
        log("Gemeente Utrecht", "Belde over de offerte"),
    )
    .await
    .unwrap();

    let logged = logged(&reply);
    assert!(logged.relation_created);
    assert_eq!(logged.relation, "Gemeente Utrecht");
    assert_eq!(logged.via, Via::Phone);
    assert_eq!(logged.occurred_at, support::monday_morning());
    assert_eq!(reply.visibility, Visibility::Channel);
    assert_eq!(count(&world, "relations").await, 1);
    assert_eq!(count(&world, "contacts").await, 1);
    let actions: Vec<String> = sqlx::query_scalar("SELECT action FROM events ORDER BY event_id")
        .fetch_all(&world.db.pool)
        .await
        .unwrap();
    assert_eq!(actions, ["relation.created", "contact.logged"]);
}

#[tokio::test]
async fn a_second_contact_reuses_the_relation_whatever_the_spelling() {
    let world = World::new().await;
    contact::log(
        &world.env,
        &request(ALICE, "alice"),
        log("Gemeente Utrecht", "Eerste"),
    )
    .await
    .unwrap();

    let reply = contact::log(
        &world.env,
        &request(BOB, "bob"),
        log("  gemeente utrecht ", "Tweede"),
    )
    .await
    .unwrap();

    assert!(!logged(&reply).relation_created);
    assert_eq!(logged(&reply).relation, "Gemeente Utrecht");
    assert_eq!(count(&world, "relations").await, 1);
}

#[tokio::test]
async fn a_follow_up_becomes_an_open_commitment_owned_by_whom_it_names() {
    let world = World::new().await;
    let input = LogContact {
        follow_up: Some("Offerte sturen".into()),
        follow_up_due: Some("vrijdag 12:00".into()),
        follow_up_owner: Some(MemberRef {
            id: MemberId(BOB),
            name: "bob".into(),
        }),
        ..log("Gemeente Utrecht", "Belde over de offerte")
    };

    let reply = contact::log(&world.env, &request(ALICE, "alice"), input)
        .await
        .unwrap();

    let follow_up = logged(&reply).follow_up.clone().expect("a follow-up");
    let friday_noon = Utc.with_ymd_and_hms(2026, 11, 27, 11, 0, 0).unwrap();
    assert_eq!(follow_up.due_at, friday_noon);
    assert_eq!(follow_up.owner, MemberId(BOB));
    assert_eq!(follow_up.reference.to_string(), "P-1");
    assert_eq!(reply.notify, vec![MemberId(BOB)], "the new ball holder is told");
    let (status, owner, kind): (String, i64, String) =
        sqlx::query_as("SELECT status, owner_id, kind FROM commitments")
            .fetch_one(&world.db.pool)
            .await
            .unwrap();
    assert_eq!(
        (status.as_str(), owner, kind.as_str()),
        ("open", BOB, "follow_up")
    );
}

#[tokio::test]
async fn a_follow_up_for_yourself_notifies_nobody() {
    let world = World::new().await;
    let input = LogContact {
        follow_up: Some("Terugbellen".into()),
        ..log("GGD", "Gebeld")
    };

    let reply = contact::log(&world.env, &request(ALICE, "alice"), input)
        .await
        .unwrap();

    assert!(reply.notify.is_empty());
    let follow_up = logged(&reply).follow_up.clone().unwrap();
    assert_eq!(follow_up.owner, MemberId(ALICE));
    // Monday without a due date: the end of Tuesday.
    assert_eq!(
        follow_up.due_at,
        Utc.with_ymd_and_hms(2026, 11, 24, 16, 0, 0).unwrap()
    );
    assert!(follow_up.due_phrase.is_none());
}

#[tokio::test]
async fn a_refused_command_leaves_nothing_behind() {
    let world = World::new().await;
    let input = LogContact {
        follow_up: Some("Offerte sturen".into()),
        follow_up_due: Some("gisteren".into()),
        ..log("Nieuwe Relatie", "Gebeld")
    };

    let err = user_error(contact::log(&world.env, &request(ALICE, "alice"), input).await);

    assert!(
        matches!(
            err,
            UserError::DueInPast {
                option: "follow_up_due",
                ..
            }
        ),
        "{err:?}"
    );
    for table in ["relations", "contacts", "commitments", "events"] {
        assert_eq!(count(&world, table).await, 0, "{table}");
    }
}

#[tokio::test]
async fn a_failure_halfway_rolls_back_the_whole_command() {
    let world = World::new().await;
    // Make the last write of the command fail, after the relation and contact went in.
    sqlx::raw_sql(
        "CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused'; END $$;
         CREATE TRIGGER refuse BEFORE INSERT ON events FOR EACH ROW EXECUTE FUNCTION refuse();",
    )
    .execute(&world.db.pool)
    .await
    .unwrap();
    let input = LogContact {
        follow_up: Some("Offerte sturen".into()),
        ..log("Nieuwe Relatie", "Gebeld")
    };

    let result = contact::log(&world.env, &request(ALICE, "alice"), input).await;

    assert!(matches!(result, Err(CommandError::Internal { .. })), "{result:?}");
    for table in ["relations", "contacts", "commitments"] {
        assert_eq!(count(&world, table).await, 0, "{table}");
    }
}

#[tokio::test]
async fn bad_input_is_refused_with_the_option_named() {
    let world = World::new().await;
    let alice = request(ALICE, "alice");
    let cases = [
        (log("", "x"), "relation"),
        (log("GGD", "   "), "summary"),
        (log(&"x".repeat(101), "x"), "relation"),
        (log("GGD", &"x".repeat(1001)), "summary"),
        (
            LogContact {
                when: Some("blurp".into()),
                ..log("GGD", "x")
            },
            "when",
        ),
        (
            LogContact {
                when: Some("morgen 9:00".into()),
                ..log("GGD", "x")
            },
            "when",
        ),
        (
            LogContact {
                follow_up_due: Some("vrijdag".into()),
                ..log("GGD", "x")
            },
            "follow_up_due",
        ),
        (
            LogContact {
                follow_up: Some("x".into()),
                follow_up_due: Some("31 februari".into()),
                ..log("GGD", "x")
            },
            "follow_up_due",
        ),
    ];
    for (input, option) in cases {
        let err = user_error(contact::log(&world.env, &alice, input.clone()).await);
        let named = match &err {
            UserError::Text { option, .. }
            | UserError::DateUnreadable { option, .. }
            | UserError::NoSuchDate { option, .. }
            | UserError::DueInPast { option, .. }
            | UserError::WhenInFuture { option, .. }
            | UserError::NeedsFollowUp { option } => *option,
            other => panic!("{other:?}"),
        };
        assert_eq!(named, option, "{input:?} gave {err:?}");
    }
    assert_eq!(count(&world, "contacts").await, 0);
}

#[tokio::test]
async fn a_contact_time_is_read_in_the_guild_zone() {
    let world = World::new().await;
    let input = LogContact {
        when: Some("gisteren 14:00".into()),
        ..log("GGD", "x")
    };

    let reply = contact::log(&world.env, &request(ALICE, "alice"), input)
        .await
        .unwrap();

    assert_eq!(
        logged(&reply).occurred_at,
        Utc.with_ymd_and_hms(2026, 11, 22, 13, 0, 0).unwrap()
    );
}

#[tokio::test]
async fn history_shows_newest_first_with_what_is_open() {
    let world = World::new().await;
    let alice = request(ALICE, "alice");
    contact::log(
        &world.env,
        &alice,
        LogContact {
            when: Some("3 dagen geleden".into()),
            ..log("GGD", "Oudste")
        },
    )
    .await
    .unwrap();
    contact::log(
        &world.env,
        &request(BOB, "bob"),
        LogContact {
            when: Some("gisteren 10:00".into()),
            follow_up: Some("Rapport sturen".into()),
            follow_up_due: Some("morgen".into()),
            ..log("GGD", "Nieuwste")
        },
    )
    .await
    .unwrap();
    world.clock.advance(Duration::days(2));

    let reply = contact::history(&world.env, &alice, history("ggd"))
        .await
        .unwrap();

    let history = shown_history(&reply);
    assert_eq!(reply.visibility, Visibility::Private);
    let summaries: Vec<_> = history
        .contacts
        .iter()
        .map(|c| c.summary.clone().unwrap())
        .collect();
    assert_eq!(summaries, ["Nieuwste", "Oudste"]);
    assert_eq!(history.total, 2);
    assert_eq!(history.open.len(), 1);
    assert_eq!(history.open[0].owner, MemberId(BOB));
    assert!(
        history.open[0].overdue,
        "due yesterday, two days on it is overdue"
    );
    assert_eq!(reply.names.get(&MemberId(BOB)).map(String::as_str), Some("bob"));
}

#[tokio::test]
async fn history_respects_the_limit_and_counts_the_rest() {
    let world = World::new().await;
    let alice = request(ALICE, "alice");
    for i in 0..5 {
        contact::log(&world.env, &alice, log("GGD", &format!("contact {i}")))
            .await
            .unwrap();
        world.clock.advance(Duration::minutes(1));
    }

    let reply = contact::history(
        &world.env,
        &alice,
        ContactHistory {
            limit: Some(2),
            ..history("GGD")
        },
    )
    .await
    .unwrap();

    let history = shown_history(&reply);
    assert_eq!(history.contacts.len(), 2);
    assert_eq!(history.total, 5);
    assert_eq!(history.contacts[0].summary.as_deref(), Some("contact 4"));
}

#[tokio::test]
async fn a_history_limit_out_of_range_is_refused() {
    let world = World::new().await;
    let alice = request(ALICE, "alice");
    contact::log(&world.env, &alice, log("GGD", "x")).await.unwrap();

    let err = user_error(
        contact::history(
            &world.env,
            &alice,
            ContactHistory {
                limit: Some(51),
                ..history("GGD")
            },
        )
        .await,
    );

    assert!(
        matches!(
            err,
            UserError::OutOfRange {
                option: "limit",
                min: 1,
                max: 50,
                ..
            }
        ),
        "{err:?}"
    );
}

#[tokio::test]
async fn restricted_notes_are_read_only_by_their_author_and_admins() {
    let world = World::new().await;
    let input = LogContact {
        restricted: true,
        ..log("Familie Jansen", "Vertrouwelijk gesprek")
    };
    contact::log(&world.env, &request(ALICE, "alice"), input)
        .await
        .unwrap();

    let mut admin = request(99, "carol");
    admin.actor.admin = true;
    let as_author = contact::history(&world.env, &request(ALICE, "alice"), history("Familie Jansen"))
        .await
        .unwrap();
    let as_colleague = contact::history(&world.env, &request(BOB, "bob"), history("Familie Jansen"))
        .await
        .unwrap();
    let as_admin = contact::history(&world.env, &admin, history("Familie Jansen"))
        .await
        .unwrap();

    assert!(shown_history(&as_author).contacts[0].summary.is_some());
    assert!(shown_history(&as_colleague).contacts[0].summary.is_none());
    assert!(shown_history(&as_admin).contacts[0].summary.is_some());
}

#[tokio::test]
async fn history_of_an_unknown_name_suggests_near_ones() {
    let world = World::new().await;
    contact::log(&world.env, &request(ALICE, "alice"), log("Gemeente Utrecht", "x"))
        .await
        .unwrap();

    let err =
        user_error(contact::history(&world.env, &request(ALICE, "alice"), history("Gemeente Utreht")).await);

    assert_eq!(
        err,
        UserError::UnknownRelation {
            name: "Gemeente Utreht".into(),
            suggestions: vec!["Gemeente Utrecht".into()],
        }
    );
}

#[tokio::test]
async fn concurrent_first_contacts_create_one_relation() {
    let world = std::sync::Arc::new(World::new().await);

    let logs = (0..8).map(|i| {
        let world = world.clone();
        tokio::spawn(async move {
            contact::log(
                &world.env,
                &request(100 + i, "someone"),
                log("Brand New", &format!("contact {i}")),
            )
            .await
        })
    });
    let mut created = 0;
    for log in logs {
        if logged(&log.await.unwrap().unwrap()).relation_created {
            created += 1;
        }
    }

    assert_eq!(created, 1);
    assert_eq!(count(&world, "relations").await, 1);
    assert_eq!(count(&world, "contacts").await, 8);
}

#[tokio::test]
async fn autocomplete_offers_your_recent_relations_then_matches() {
    let world = World::new().await;
    let alice = request(ALICE, "alice");
    for name in ["Zorggroep Noord", "Gemeente Utrecht", "GGD Utrecht"] {
        contact::log(&world.env, &alice, log(name, "x")).await.unwrap();
        world.clock.advance(Duration::minutes(1));
    }
    contact::log(&world.env, &request(BOB, "bob"), log("Alleen Bob", "x"))
        .await
        .unwrap();

    let names = |found: Vec<baton::core::suggest::Suggestion>| -> Vec<String> {
        found.into_iter().map(|s| s.value).collect()
    };
    let recent = names(
        baton::core::suggest::relations(&world.env, &alice, "")
            .await
            .unwrap(),
    );
    let typed = names(
        baton::core::suggest::relations(&world.env, &alice, "utr")
            .await
            .unwrap(),
    );

    assert_eq!(
        &recent[..3],
        ["GGD Utrecht", "Gemeente Utrecht", "Zorggroep Noord"]
    );
    assert!(recent.contains(&"Alleen Bob".to_string()), "then everything else");
    assert_eq!(typed, ["GGD Utrecht", "Gemeente Utrecht"]);
    assert_eq!(support::GUILD, GUILD);
}
