//! The address book through the command core, against PostgreSQL: names that match without
//! accents, near-duplicates offered, persons and their organisations over time, merge,
//! search, who knows whom, and the migration of the relations that existed before.

mod support;

use baton::core::appointment::{self, AddAppointment};
use baton::core::contact::{self, LogContact};
use baton::core::handover::{self, GiveHandover};
use baton::core::promise::{self, AddPromise};
use baton::core::relation::{self, AddRelation, Details, EditRelation, MergeRelations, MoveRelation};
use baton::core::{suggest, Actor, Body, MemberRef, RelationError, Reply, Request, UserError};
use baton::domain::relation::RelationKind;
use baton::domain::{GuildId, Lang, MemberId};
use baton::store::relation_search::Found;
use chrono::Duration;
use support::{admin_request, refused, request, World};

const ALICE: i64 = 11;
const BOB: i64 = 12;
const CAS: i64 = 13;
const OTHER_GUILD: GuildId = GuildId(700_000_000_000_000_099);

fn text(reply: &Reply) -> String {
    baton::render::reply(reply, &baton::console::ConsoleSurface)
}

fn log(relation: &str, summary: &str) -> LogContact {
    LogContact {
        relation: relation.into(),
        summary: summary.into(),
        ..LogContact::default()
    }
}

fn person(name: &str, organisation: Option<&str>, role: Option<&str>) -> AddRelation {
    AddRelation {
        name: name.into(),
        organisation: organisation.map(Into::into),
        details: Details {
            role: role.map(Into::into),
            ..Details::default()
        },
        ..AddRelation::default()
    }
}

fn organisation(name: &str) -> AddRelation {
    AddRelation {
        name: name.into(),
        kind: Some(RelationKind::Organisation),
        ..AddRelation::default()
    }
}

fn elsewhere(member: i64, name: &str) -> Request {
    Request {
        guild: OTHER_GUILD,
        channel: None,
        actor: Actor {
            id: MemberId(member),
            name: name.into(),
            admin: true,
            roles: Vec::new(),
        },
        lang: Some(Lang::En),
    }
}

fn relation_error(err: UserError) -> RelationError {
    match err {
        UserError::Relation(err) => err,
        other => panic!("expected a relation refusal, got {other:?}"),
    }
}

async fn count(world: &World, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(&world.db.pool).await.unwrap()
}

async fn everything(world: &World) -> [i64; 6] {
    let mut counts = [0; 6];
    for (i, table) in [
        "relations",
        "contacts",
        "commitments",
        "affiliations",
        "appointments",
        "handovers",
    ]
    .iter()
    .enumerate()
    {
        counts[i] = count(world, &format!("SELECT count(*) FROM {table}")).await;
    }
    counts
}

#[tokio::test]
async fn names_match_without_accents_case_or_spacing() {
    let world = World::new().await;
    let alice = request(ALICE, "alice");
    relation::add(&world.env, &alice, person("Zoë Bakker", None, None))
        .await
        .unwrap();

    let reply = contact::log(&world.env, &alice, log("  zoe   BAKKER ", "Koffie"))
        .await
        .unwrap();

    match &reply.body {
        Body::ContactLogged(logged) => {
            assert_eq!(logged.relation, "Zoë Bakker");
            assert!(!logged.relation_created);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(count(&world, "SELECT count(*) FROM relations").await, 1);
    let err = relation_error(refused(
        relation::add(&world.env, &alice, person("ZOE Bakker", None, None)).await,
    ));
    assert_eq!(
        err,
        RelationError::RelationExists {
            name: "Zoë Bakker".into()
        }
    );
}

#[tokio::test]
async fn a_near_duplicate_is_offered_and_can_still_be_created_deliberately() {
    let world = World::new().await;
    let alice = request(ALICE, "alice");
    contact::log(&world.env, &alice, log("Gemeente Den Haag", "Belde"))
        .await
        .unwrap();
    let before = everything(&world).await;

    let from_log = refused(contact::log(&world.env, &alice, log("Gemeente Den Hag", "Typo")).await);
    let promise = AddPromise {
        relation: "gemeente den haag bv".into(),
        what: "Offerte".into(),
        due: "friday 12:00".into(),
        ..AddPromise::default()
    };
    let from_promise = refused(promise::add(&world.env, &alice, promise.clone()).await);
    let from_add = refused(relation::add(&world.env, &alice, organisation("Den Haag Gemeente")).await);

    for err in [from_log, from_promise, from_add] {
        match relation_error(err) {
            RelationError::NearDuplicate { existing, .. } => assert_eq!(existing, ["Gemeente Den Haag"]),
            other => panic!("{other:?}"),
        }
    }
    assert_eq!(everything(&world).await, before, "nothing written");

    let deliberate = LogContact {
        new_relation: true,
        ..log("Gemeente Den Hag", "Really another one")
    };
    let reply = contact::log(&world.env, &alice, deliberate).await.unwrap();
    assert!(
        text(&reply).contains("Gemeente Den Hag is a new relation"),
        "{}",
        text(&reply)
    );
    // A name sharing only a word is another relation, without asking.
    contact::log(&world.env, &alice, log("Gemeente Zeist", "Belde"))
        .await
        .unwrap();
    assert_eq!(count(&world, "SELECT count(*) FROM relations").await, 3);
}

#[tokio::test]
async fn a_person_gets_an_organisation_and_bad_details_are_refused_before_anything_is_written() {
    let world = World::new().await;
    let alice = request(ALICE, "alice");

    let unknown = refused(
        relation::add(
            &world.env,
            &alice,
            person("Jan de Vries", Some("GGD Haaglanden"), Some("arts")),
        )
        .await,
    );
    assert_eq!(
        relation_error(unknown),
        RelationError::UnknownOrganisation {
            name: "GGD Haaglanden".into()
        }
    );
    assert_eq!(everything(&world).await, [0; 6]);

    let both = AddRelation {
        new_relation: true,
        details: Details {
            role: Some("arts".into()),
            email: Some("mailto:Jan@GGD.nl".into()),
            phone: Some("06-12345678".into()),
            linkedin: Some("linkedin.com/in/jan-de-vries/".into()),
            tags: Some("jeugd, zorg, Jeugd".into()),
            keep_in_touch: Some("elke 3 maanden".into()),
            owner: Some(MemberRef {
                id: MemberId(BOB),
                name: "bob".into(),
            }),
            owner_is_bot: false,
        },
        ..person("Jan de Vries", Some("GGD Haaglanden"), None)
    };
    let reply = relation::add(&world.env, &alice, both).await.unwrap();
    let shown = text(&reply);
    let Body::RelationCard(card) = &reply.body else {
        panic!("{shown}")
    };
    assert_eq!(card.profile.email.as_deref(), Some("Jan@ggd.nl"));
    assert_eq!(
        card.profile.linkedin.as_deref(),
        Some("https://www.linkedin.com/in/jan-de-vries")
    );
    assert_eq!(card.profile.tags, ["jeugd", "zorg"]);
    assert_eq!(card.profile.owner, Some(MemberId(BOB)));
    assert_eq!(card.affiliations.len(), 1);
    for expected in [
        "👤 Jan de Vries added, as person.",
        "✨ GGD Haaglanden is a new organisation: it was created too.",
        "🔁 Keep in touch every 3 months.",
        "🧭 Account owner: bob",
        "• GGD Haaglanden as arts, since Mon 23 Nov 2026",
    ] {
        assert!(shown.contains(expected), "{expected}\n{shown}");
    }
    let kinds: Vec<(String, Option<String>)> =
        sqlx::query_as("SELECT name, kind FROM relations ORDER BY relation_id")
            .fetch_all(&world.db.pool)
            .await
            .unwrap();
    assert_eq!(
        kinds,
        [
            ("Jan de Vries".to_string(), Some("person".to_string())),
            ("GGD Haaglanden".to_string(), Some("organisation".to_string()))
        ]
    );

    let before = everything(&world).await;
    let bad = |details: Details| AddRelation {
        details,
        ..person("Piet Jansen", Some("GGD Haaglanden"), None)
    };
    let refusals = [
        bad(Details {
            email: Some("piet@".into()),
            ..Details::default()
        }),
        bad(Details {
            phone: Some("bel me".into()),
            ..Details::default()
        }),
        bad(Details {
            linkedin: Some("https://evil.example/in/piet".into()),
            ..Details::default()
        }),
        bad(Details {
            keep_in_touch: Some("elke dag".into()),
            ..Details::default()
        }),
        bad(Details {
            keep_in_touch: Some("af en toe".into()),
            ..Details::default()
        }),
        bad(Details {
            keep_in_touch: Some("elke 99999999 jaar".into()),
            ..Details::default()
        }),
        bad(Details {
            owner_is_bot: true,
            ..Details::default()
        }),
        person("Piet Jansen", Some("piet jansen"), None),
        person("Piet Jansen", Some("Jan de Vries"), None),
        person("Piet Jansen", None, Some("arts")),
        AddRelation {
            details: Details {
                role: Some("ceo".into()),
                ..Details::default()
            },
            ..organisation("Acme")
        },
        AddRelation {
            organisation: Some("GGD Haaglanden".into()),
            ..organisation("Acme")
        },
    ];
    for input in refusals {
        let name = format!("{input:?}");
        let err = relation::add(&world.env, &alice, input).await;
        assert!(
            matches!(err, Err(baton::core::CommandError::User(_))),
            "{name}: {err:?}"
        );
    }
    assert_eq!(everything(&world).await, before, "nothing half-written");
}

#[tokio::test]
async fn moving_a_person_keeps_their_history_and_tells_who_spoke_with_them() {
    let world = World::new().await;
    let (alice, bob, cas) = (request(ALICE, "alice"), request(BOB, "bob"), request(CAS, "cas"));
    relation::add(&world.env, &alice, organisation("Gemeente Utrecht"))
        .await
        .unwrap();
    relation::add(
        &world.env,
        &alice,
        person("Zoë Bakker", Some("Gemeente Utrecht"), Some("beleidsmedewerker")),
    )
    .await
    .unwrap();
    contact::log(&world.env, &bob, log("Zoë Bakker", "Over de Wmo"))
        .await
        .unwrap();
    world.clock.advance(Duration::days(400));
    contact::log(&world.env, &cas, log("Zoë Bakker", "Nieuwjaarsborrel"))
        .await
        .unwrap();
    world.clock.advance(Duration::days(1));

    let input = MoveRelation {
        person: "zoe bakker".into(),
        to: "Provincie Utrecht".into(),
        role: Some("adviseur".into()),
        new_relation: false,
    };
    let reply = relation::move_person(&world.env, &alice, input.clone())
        .await
        .unwrap();

    let shown = text(&reply);
    assert!(
        shown.contains("🚚 Zoë Bakker now works at Provincie Utrecht as adviseur."),
        "{shown}"
    );
    assert!(shown.contains("Left: Gemeente Utrecht"), "{shown}");
    // Bob spoke with her more than a year ago; alice moved her herself. Cas is told by a
    // direct message of her own, through the delivery engine, not by a mention here.
    assert!(reply.notify.is_empty(), "{:?}", reply.notify);
    assert!(
        shown.contains("cas had contact with Zoë Bakker this past year and hear it by direct message."),
        "{shown}"
    );
    let notifier = std::sync::Arc::new(support::notifier::Recording::default());
    let scheduler = support::engine::scheduler(&world, notifier.clone());
    scheduler.tick().await.unwrap();
    let again = refused(relation::move_person(&world.env, &alice, input).await);
    assert!(matches!(
        relation_error(again),
        RelationError::AlreadyThere { .. }
    ));
    world.clock.advance(Duration::days(1));
    scheduler.tick().await.unwrap();
    let posted = notifier.posted();
    assert_eq!(posted.len(), 1, "one notice, to cas only: {posted:?}");
    assert_eq!(
        posted[0].target,
        baton::store::deliveries::Target::Direct(MemberId(CAS))
    );
    assert!(
        posted[0].text.starts_with(
            "🚚 Zoë Bakker now works at Provincie Utrecht as adviseur, alice noted Wed 29 Dec 2027 10:00 CET"
        ) && posted[0]
            .text
            .contains("You had contact with Zoë Bakker this past year"),
        "{}",
        posted[0].text
    );
    assert!(
        matches!(&posted[0].actions[..], [baton::core::Action::History(_, name)] if name == "Zoë Bakker"),
        "{:?}",
        posted[0].actions
    );

    let card = relation::show(&world.env, &alice, "Zoë Bakker").await.unwrap();
    let shown = text(&card);
    assert!(
        shown.contains("Works at\n• Provincie Utrecht as adviseur"),
        "{shown}"
    );
    assert!(
        shown.contains("Before\n• Gemeente Utrecht as beleidsmedewerker, Mon 23 Nov 2026 –"),
        "{shown}"
    );
    assert!(
        shown.contains("2 logged in all"),
        "the history stays with her: {shown}"
    );
    let city = text(
        &relation::show(&world.env, &alice, "Gemeente Utrecht")
            .await
            .unwrap(),
    );
    assert!(
        city.contains("Worked there before\n• Zoë Bakker as beleidsmedewerker"),
        "{city}"
    );

    let not_a_person = refused(
        relation::move_person(
            &world.env,
            &alice,
            MoveRelation {
                person: "Gemeente Utrecht".into(),
                to: "Provincie Utrecht".into(),
                ..MoveRelation::default()
            },
        )
        .await,
    );
    assert!(matches!(
        relation_error(not_a_person),
        RelationError::WrongKind {
            kind: RelationKind::Organisation,
            ..
        }
    ));
}

#[tokio::test]
async fn merge_moves_everything_to_the_one_kept_and_loses_nothing() {
    let world = World::new().await;
    let alice = request(ALICE, "alice");
    relation::add(&world.env, &alice, organisation("Gemeente Den Haag"))
        .await
        .unwrap();
    relation::add(
        &world.env,
        &alice,
        AddRelation {
            new_relation: true,
            ..organisation("Gem. Den Haag")
        },
    )
    .await
    .unwrap();
    relation::add(
        &world.env,
        &alice,
        person("Zoë Bakker", Some("Gem. Den Haag"), Some("wethouder")),
    )
    .await
    .unwrap();
    contact::log(&world.env, &alice, log("Gemeente Den Haag", "Kept side"))
        .await
        .unwrap();
    contact::log(&world.env, &alice, log("Gem. Den Haag", "Removed side"))
        .await
        .unwrap();
    let promise = AddPromise {
        relation: "Gem. Den Haag".into(),
        what: "Offerte sturen".into(),
        due: "friday 12:00".into(),
        ..AddPromise::default()
    };
    promise::add(&world.env, &alice, promise).await.unwrap();
    let meeting = AddAppointment {
        relation: "Gem. Den Haag".into(),
        when: "thursday 10:00".into(),
        ..AddAppointment::default()
    };
    appointment::add(&world.env, &alice, meeting).await.unwrap();
    let give = GiveHandover {
        to: Some(MemberRef {
            id: MemberId(BOB),
            name: "bob".into(),
        }),
        to_is_member: true,
        relation: "Gem. Den Haag".into(),
        notes: "Jij neemt het over".into(),
        ..GiveHandover::default()
    };
    handover::give(&world.env, &alice, give).await.unwrap();
    let before = everything(&world).await;

    let same = refused(
        relation::merge(
            &world.env,
            &alice,
            merge("Gemeente Den Haag", "gemeente den haag", false),
        )
        .await,
    );
    assert!(matches!(relation_error(same), RelationError::MergeSame { .. }));
    let kinds = refused(
        relation::merge(
            &world.env,
            &alice,
            merge("Gemeente Den Haag", "Zoë Bakker", false),
        )
        .await,
    );
    assert!(matches!(relation_error(kinds), RelationError::MergeKinds { .. }));

    let reply = relation::merge(
        &world.env,
        &alice,
        merge("Gemeente Den Haag", "Gem. Den Haag", false),
    )
    .await
    .unwrap();

    let Body::RelationsMerged(merged) = &reply.body else {
        panic!("{}", text(&reply))
    };
    // The name the merge left behind leads to the kept relation; no relation can take it.
    let rename = EditRelation {
        relation: "Gemeente Den Haag".into(),
        name: Some("gem. den haag".into()),
        ..EditRelation::default()
    };
    let taken = relation_error(refused(relation::edit(&world.env, &alice, rename).await));
    assert_eq!(
        taken,
        RelationError::NameOfMerged {
            name: "Gem. Den Haag".into()
        }
    );
    assert_eq!(
        (
            merged.moved.contacts,
            merged.moved.commitments,
            merged.moved.appointments,
            merged.moved.handovers,
            merged.moved.affiliations
        ),
        (1, 1, 1, 1, 1)
    );
    assert_eq!(everything(&world).await, before, "every row is still there");
    let on_removed = count(
        &world,
        "SELECT (SELECT count(*) FROM contacts c JOIN relations r USING (guild_id, relation_id) WHERE r.merged_into IS NOT NULL)
              + (SELECT count(*) FROM commitments c JOIN relations r USING (guild_id, relation_id) WHERE r.merged_into IS NOT NULL)
              + (SELECT count(*) FROM appointments c JOIN relations r USING (guild_id, relation_id) WHERE r.merged_into IS NOT NULL)
              + (SELECT count(*) FROM handovers c JOIN relations r USING (guild_id, relation_id) WHERE r.merged_into IS NOT NULL)
              + (SELECT count(*) FROM affiliations a JOIN relations r ON r.guild_id = a.guild_id AND r.relation_id = a.organisation_id WHERE r.merged_into IS NOT NULL)",
    )
    .await;
    assert_eq!(on_removed, 0);
    assert_eq!(
        count(
            &world,
            "SELECT count(*) FROM events WHERE action = 'relation.merged'"
        )
        .await,
        1
    );

    // The old name leads to the kept relation; the history and the card show the merge.
    let logged = contact::log(&world.env, &alice, log("Gem. Den Haag", "Via the old name"))
        .await
        .unwrap();
    assert!(
        text(&logged).contains("Contact with Gemeente Den Haag logged"),
        "{}",
        text(&logged)
    );
    let card = text(
        &relation::show(&world.env, &alice, "Gemeente Den Haag")
            .await
            .unwrap(),
    );
    for expected in [
        "People there\n• Zoë Bakker as wethouder",
        "P-1 Offerte sturen",
        "A-1",
        "Merged into it: Gem. Den Haag.",
        "3 logged in all",
    ] {
        assert!(card.contains(expected), "{expected}\n{card}");
    }
    let history = contact::history(
        &world.env,
        &alice,
        baton::core::contact::ContactHistory {
            relation: "Gemeente Den Haag".into(),
            limit: None,
        },
    )
    .await
    .unwrap();
    assert!(
        text(&history).contains("Merged into it: Gem. Den Haag"),
        "{}",
        text(&history)
    );
    let suggestions = suggest::relations(&world.env, &alice, "gem").await.unwrap();
    assert_eq!(
        suggestions.iter().map(|s| s.value.as_str()).collect::<Vec<_>>(),
        ["Gemeente Den Haag"]
    );

    // A person and an organisation merge only when confirmed.
    relation::merge(&world.env, &alice, merge("Gemeente Den Haag", "Zoë Bakker", true))
        .await
        .unwrap();
    assert_eq!(
        count(
            &world,
            "SELECT count(*) FROM affiliations WHERE person_id = organisation_id"
        )
        .await,
        0
    );
}

fn merge(keep: &str, remove: &str, confirm: bool) -> MergeRelations {
    MergeRelations {
        keep: keep.into(),
        remove: remove.into(),
        confirm,
    }
}

#[tokio::test]
async fn search_ranks_names_first_and_never_shows_another_guild_or_a_restricted_note() {
    let world = World::new().await;
    let (alice, bob) = (request(ALICE, "alice"), request(BOB, "bob"));
    relation::add(&world.env, &alice, organisation("Offerteburo Jansen"))
        .await
        .unwrap();
    relation::add(
        &world.env,
        &alice,
        person("Zoë Bakker", Some("Offerteburo Jansen"), Some("inkoper")),
    )
    .await
    .unwrap();
    contact::log(
        &world.env,
        &alice,
        log("Gemeente Utrecht", "Belde over de offertes voor de Wmo"),
    )
    .await
    .unwrap();
    let secret = LogContact {
        restricted: true,
        ..log("GGD Utrecht", "Offerte voor de jeugdzorg van een cliënt")
    };
    contact::log(&world.env, &bob, secret).await.unwrap();
    contact::log(
        &world.env,
        &elsewhere(ALICE, "alice"),
        log("Offerte Elders", "Offerte in another guild"),
    )
    .await
    .unwrap();

    let found = |reply: &Reply| match &reply.body {
        Body::RelationSearch(search) => search
            .hits
            .iter()
            .map(|h| (h.name.clone(), h.found))
            .collect::<Vec<_>>(),
        other => panic!("{other:?}"),
    };
    let for_alice = relation::search(&world.env, &alice, "offerte").await.unwrap();
    assert_eq!(
        found(&for_alice),
        [
            ("Offerteburo Jansen".to_string(), Found::Name),
            ("Zoë Bakker".to_string(), Found::Organisation),
            ("Gemeente Utrecht".to_string(), Found::Summary),
        ],
        "{}",
        text(&for_alice)
    );
    let Body::RelationSearch(search) = &for_alice.body else {
        unreachable!()
    };
    assert_eq!(
        search.hits[2].snippet.as_deref(),
        Some("Belde over de **offertes** voor de Wmo")
    );
    let for_bob = relation::search(&world.env, &bob, "jeugdzorg").await.unwrap();
    assert_eq!(found(&for_bob), [("GGD Utrecht".to_string(), Found::Summary)]);
    let admin = relation::search(&world.env, &admin_request(CAS, "cas"), "jeugdzorg")
        .await
        .unwrap();
    assert_eq!(found(&admin).len(), 1);
    assert!(found(&relation::search(&world.env, &alice, "jeugdzorg").await.unwrap()).is_empty());
    let exact = relation::search(&world.env, &alice, "offerteburo jansen")
        .await
        .unwrap();
    assert_eq!(
        found(&exact)[0],
        ("Offerteburo Jansen".to_string(), Found::ExactName)
    );
    let role = relation::search(&world.env, &alice, "inkopers").await.unwrap();
    assert_eq!(found(&role), [("Zoë Bakker".to_string(), Found::Role)]);
    let accents = relation::search(&world.env, &alice, "zoe").await.unwrap();
    assert_eq!(found(&accents)[0].0, "Zoë Bakker");
    let elsewhere_hits = relation::search(&world.env, &elsewhere(ALICE, "alice"), "offerte")
        .await
        .unwrap();
    assert_eq!(
        found(&elsewhere_hits),
        [("Offerte Elders".to_string(), Found::Name)]
    );
    let empty = refused(relation::search(&world.env, &alice, " -- ").await);
    assert_eq!(relation_error(empty), RelationError::SearchEmpty);
    // Words nearly every note holds find nothing by themselves, in either language.
    for common in ["de het", "the of", "De \"van de\""] {
        let refusal = refused(relation::search(&world.env, &alice, common).await);
        assert_eq!(
            relation_error(refusal),
            RelationError::SearchCommonWords,
            "{common}"
        );
    }
    let with_a_word = relation::search(&world.env, &alice, "de offertes").await.unwrap();
    assert_eq!(
        found(&with_a_word),
        [("Gemeente Utrecht".to_string(), Found::Summary)]
    );
    // A name is still found by them.
    relation::add(&world.env, &alice, organisation("Hotel Van der Valk"))
        .await
        .unwrap();
    let named = relation::search(&world.env, &alice, "van der").await.unwrap();
    assert_eq!(found(&named), [("Hotel Van der Valk".to_string(), Found::Name)]);
}

#[tokio::test]
async fn who_shows_who_knows_whom_and_hides_restricted_notes() {
    let world = World::new().await;
    let (alice, bob) = (request(ALICE, "alice"), request(BOB, "bob"));
    relation::add(&world.env, &alice, organisation("GGD Utrecht"))
        .await
        .unwrap();
    relation::add(
        &world.env,
        &alice,
        person("Jan de Vries", Some("GGD Utrecht"), Some("arts")),
    )
    .await
    .unwrap();
    contact::log(&world.env, &alice, log("Jan de Vries", "Over het rapport"))
        .await
        .unwrap();
    contact::log(&world.env, &alice, log("Jan de Vries", "Rapport ontvangen"))
        .await
        .unwrap();
    contact::log(
        &world.env,
        &bob,
        LogContact {
            restricted: true,
            ..log("Jan de Vries", "Vertrouwelijk")
        },
    )
    .await
    .unwrap();
    contact::log(&world.env, &bob, log("GGD Utrecht", "Algemene vraag"))
        .await
        .unwrap();
    let promise = AddPromise {
        relation: "Jan de Vries".into(),
        what: "Terugbellen".into(),
        due: "friday 12:00".into(),
        ..AddPromise::default()
    };
    promise::add(&world.env, &bob, promise).await.unwrap();

    let reply = relation::who(&world.env, &alice, "ggd utrecht").await.unwrap();

    let shown = text(&reply);
    for expected in [
        "• bob → GGD Utrecht: 1×",
        "• bob → Jan de Vries as arts: 1×",
        "— restricted contact",
        "• alice → Jan de Vries as arts: 2×",
        "— Rapport ontvangen",
        "Who holds the ball there\n• bob: 1 open promises, 0 coming appointments",
    ] {
        assert!(shown.contains(expected), "{expected}\n{shown}");
    }
    assert!(!shown.contains("Vertrouwelijk"), "{shown}");
    assert!(text(&relation::who(&world.env, &bob, "GGD Utrecht").await.unwrap()).contains("Vertrouwelijk"));
    let person = refused(relation::who(&world.env, &alice, "Jan de Vries").await);
    assert!(matches!(relation_error(person), RelationError::WrongKind { .. }));
    let other = refused(relation::who(&world.env, &elsewhere(ALICE, "alice"), "GGD Utrecht").await);
    assert!(matches!(other, UserError::UnknownRelation { .. }), "{other:?}");
}

#[tokio::test]
async fn autocomplete_matches_starts_then_words_then_typos_and_shows_where_a_person_works() {
    let world = World::new().await;
    let alice = request(ALICE, "alice");
    relation::add(&world.env, &alice, organisation("GGD Utrecht"))
        .await
        .unwrap();
    relation::add(
        &world.env,
        &alice,
        person("Jan de Vries", Some("GGD Utrecht"), None),
    )
    .await
    .unwrap();
    relation::add(&world.env, &alice, organisation("Gemeente Utrecht"))
        .await
        .unwrap();
    relation::add(&world.env, &alice, organisation("Utrechtse Zorg"))
        .await
        .unwrap();
    contact::log(&world.env, &elsewhere(ALICE, "alice"), log("Utrecht Elders", "x"))
        .await
        .unwrap();

    let labels = |s: Vec<suggest::Suggestion>| s.into_iter().map(|s| s.label).collect::<Vec<_>>();
    assert_eq!(
        labels(suggest::relations(&world.env, &alice, "UTR").await.unwrap()),
        ["Utrechtse Zorg", "GGD Utrecht", "Gemeente Utrecht"]
    );
    assert_eq!(
        labels(suggest::relations(&world.env, &alice, "jan").await.unwrap()),
        ["Jan de Vries · GGD Utrecht"]
    );
    assert_eq!(
        labels(
            suggest::relations(&world.env, &alice, "gemeete utrecht")
                .await
                .unwrap()
        )[0],
        "Gemeente Utrecht"
    );
    assert!(suggest::relations(&world.env, &alice, "elders")
        .await
        .unwrap()
        .is_empty());
    let values: Vec<String> = suggest::relations(&world.env, &alice, "jan")
        .await
        .unwrap()
        .into_iter()
        .map(|s| s.value)
        .collect();
    assert_eq!(values, ["Jan de Vries"], "picking it fills in the name only");
}

#[tokio::test]
async fn edit_changes_clears_and_refuses_what_would_break() {
    let world = World::new().await;
    let alice = request(ALICE, "alice");
    relation::add(&world.env, &alice, organisation("GGD Utrecht"))
        .await
        .unwrap();
    relation::add(&world.env, &alice, organisation("Gemeente Utrecht"))
        .await
        .unwrap();
    let jan = AddRelation {
        details: Details {
            email: Some("jan@ggd.nl".into()),
            ..Details::default()
        },
        ..person("Jan de Vries", Some("GGD Utrecht"), Some("arts"))
    };
    relation::add(&world.env, &alice, jan).await.unwrap();
    let edit = |f: fn(&mut EditRelation)| {
        let mut input = EditRelation {
            relation: "Jan de Vries".into(),
            ..EditRelation::default()
        };
        f(&mut input);
        input
    };

    let reply = relation::edit(
        &world.env,
        &alice,
        edit(|e| {
            e.details.email = Some("-".into());
            e.details.role = Some("jeugdarts".into());
            e.details.keep_in_touch = Some("per kwartaal".into());
            e.organisation = Some("gemeente utrecht".into());
        }),
    )
    .await
    .unwrap();

    let shown = text(&reply);
    assert!(
        shown.contains("✏️ Jan de Vries updated: email, keep_in_touch, organisation, role."),
        "{shown}"
    );
    assert!(
        shown.contains("• Gemeente Utrecht as jeugdarts, since"),
        "a correction, not a move: {shown}"
    );
    assert!(
        !shown.contains("jan@ggd.nl") && !shown.contains("Before"),
        "{shown}"
    );
    for (input, expected) in [
        (edit(|_| {}), RelationError::NothingToEdit),
        (
            edit(|e| e.name = Some("ggd utrecht".into())),
            RelationError::NameTaken {
                name: "GGD Utrecht".into(),
            },
        ),
        (
            edit(|e| e.kind = Some(RelationKind::Organisation)),
            RelationError::KindInUse {
                name: "Jan de Vries".into(),
                kind: RelationKind::Person,
            },
        ),
        (
            edit(|e| e.organisation = Some("Jan de Vries".into())),
            RelationError::OwnOrganisation {
                name: "Jan de Vries".into(),
            },
        ),
    ] {
        assert_eq!(
            relation_error(refused(relation::edit(&world.env, &alice, input).await)),
            expected
        );
    }
    let renamed = relation::edit(
        &world.env,
        &alice,
        edit(|e| e.name = Some("Jan de Vries-Bakker".into())),
    )
    .await
    .unwrap();
    assert!(
        text(&renamed).contains("📇 Jan de Vries-Bakker · person"),
        "{}",
        text(&renamed)
    );
}

#[tokio::test]
async fn existing_relations_survive_the_migration_with_folded_keys() {
    let db = support::db::TestDb::unmigrated().await;
    let all = sqlx::migrate!("./migrations");
    let before = sqlx::migrate::Migrator {
        migrations: std::borrow::Cow::Owned(
            all.migrations
                .iter()
                .filter(|m| m.version < 20261203000001)
                .cloned()
                .collect(),
        ),
        ..sqlx::migrate!("./migrations")
    };
    before.run(&db.pool).await.unwrap();
    sqlx::raw_sql(
        "INSERT INTO guilds (guild_id, created_at) VALUES (1, now());
         INSERT INTO relations (guild_id, name, name_key, created_by, created_at) VALUES
             (1, 'Zoë Bakker', 'zoë bakker', 7, now()),
             (1, 'Gemeente Utrecht', 'gemeente utrecht', 7, now()),
             (1, 'Café Noord', 'café noord', 7, now()),
             (1, 'Cafe Noord', 'cafe noord', 7, now());
         INSERT INTO contacts (guild_id, relation_id, occurred_at, via, logged_by, summary, created_at)
             SELECT 1, relation_id, now(), 'phone', 7, 'Belde ' || name, now() FROM relations;",
    )
    .execute(&db.pool)
    .await
    .unwrap();

    baton::store::migrate(&db.pool).await.unwrap();

    let rows: Vec<(String, String, Option<String>, i64)> = sqlx::query_as(
        "SELECT r.name, r.name_key, r.kind, count(c.contact_id)
         FROM relations r LEFT JOIN contacts c USING (guild_id, relation_id)
         GROUP BY r.guild_id, r.relation_id ORDER BY r.relation_id",
    )
    .fetch_all(&db.pool)
    .await
    .unwrap();
    assert_eq!(
        rows,
        [
            ("Zoë Bakker".into(), "zoe bakker".into(), None, 1),
            ("Gemeente Utrecht".into(), "gemeente utrecht".into(), None, 1),
            // Two that fold to one key keep theirs: nothing is merged behind anyone's back.
            ("Café Noord".into(), "café noord".into(), None, 1),
            ("Cafe Noord".into(), "cafe noord".into(), None, 1),
        ]
    );
    let key = baton::domain::relation::RelationName::parse("ZOE  bakker").unwrap();
    let mut conn = db.pool.acquire().await.unwrap();
    let found = baton::store::relations::find(&mut conn, GuildId(1), &key)
        .await
        .unwrap();
    assert_eq!(found.map(|r| r.name), Some("Zoë Bakker".to_string()));
}
