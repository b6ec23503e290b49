//! Erasing a person on request, against PostgreSQL: the preview writes nothing, only an
//! admin can erase, and afterwards no read path (history, search, autocomplete, export,
//! who, the digest, a reminder queued before) and no column of any table still holds the
//! name, the details or the notes, while the counts stay true.

mod support;

use std::sync::Arc;

use baton::core::contact::{self, ContactHistory, LogContact};
use baton::core::export::{self, ExportRelations};
use baton::core::handover::{self, GiveHandover};
use baton::core::import::{self, ImportCommand, ImportFile};
use baton::core::promise::{self, AddPromise};
use baton::core::relation::{self, AddRelation, Details, ForgetPerson, Forgetting, MergeRelations};
use baton::core::{suggest, Action, Body, MemberRef, RelationError, Reply, UserError};
use baton::domain::relation::RelationKind;
use baton::domain::MemberId;
use chrono::Duration;
use support::engine::{amsterdam, scheduler_with, ALICE, BOB};
use support::notifier::Recording;
use support::{admin_request, refused, request, World};

const ADMIN: i64 = 19;
/// Pieces of everything personal typed about the person: what must be gone afterwards.
/// Stems, so the search documents' lexemes are caught too.
const TRACES: &[&str] = &[
    "jansj",
    "pieters",
    "diabet",
    "insulin",
    "wijkverpleeg",
    "06-1234",
    "jp@",
    "linkedin.com/in/jp",
    "ochtend",
    "griep",
];

fn text(reply: &Reply) -> String {
    baton::render::reply(reply, &baton::console::ConsoleSurface)
}

fn member(id: i64, name: &str) -> Option<MemberRef> {
    Some(MemberRef {
        id: MemberId(id),
        name: name.into(),
    })
}

fn log(relation: &str, summary: &str, restricted: bool) -> LogContact {
    LogContact {
        relation: relation.into(),
        summary: summary.into(),
        restricted,
        ..LogContact::default()
    }
}

fn forget(person: &str, confirm: bool) -> ForgetPerson {
    ForgetPerson {
        person: person.into(),
        confirm,
    }
}

fn assert_clean(what: &str, shown: &str) {
    let lower = shown.to_lowercase();
    for trace in TRACES {
        assert!(!lower.contains(trace), "{what} still shows “{trace}”:\n{shown}");
    }
}

/// Every row of every table, as text, that still holds a trace.
async fn traces_in_database(world: &World) -> Vec<String> {
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT table_name::text FROM information_schema.tables
         WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_sqlx_migrations'",
    )
    .fetch_all(&world.db.pool)
    .await
    .unwrap();
    let mut found = Vec::new();
    for table in tables {
        for trace in TRACES {
            let rows: Vec<String> = sqlx::query_scalar(&format!(
                "SELECT t::text FROM {table} t WHERE lower(t::text) LIKE '%' || $1 || '%'"
            ))
            .bind(trace)
            .fetch_all(&world.db.pool)
            .await
            .unwrap();
            found.extend(rows.into_iter().map(|row| format!("{table} ({trace}): {row}")));
        }
    }
    found
}

/// Jansje Pietersen, wijkverpleegkundige at Zorggroep De Linde, with details, an earlier
/// spelling merged into her, two contacts (one restricted), a promise moved with a reason
/// and handed over with notes, and an import of her waiting for Confirm.
async fn a_person_with_a_history(world: &World) {
    let alice = request(ALICE, "alice");
    let org = AddRelation {
        name: "Zorggroep De Linde".into(),
        kind: Some(RelationKind::Organisation),
        ..AddRelation::default()
    };
    relation::add(&world.env, &alice, org).await.unwrap();
    let person = AddRelation {
        name: "Jansje Pietersen".into(),
        organisation: Some("Zorggroep De Linde".into()),
        details: Details {
            role: Some("wijkverpleegkundige".into()),
            email: Some("jp@delinde.nl".into()),
            phone: Some("06-12345678".into()),
            linkedin: Some("https://www.linkedin.com/in/jpietersen".into()),
            tags: Some("cliënt".into()),
            ..Details::default()
        },
        ..AddRelation::default()
    };
    relation::add(&world.env, &alice, person).await.unwrap();
    let spelling = LogContact {
        new_relation: true,
        ..log("J. Pietersen", "Eerste kennismaking, griep in huis", false)
    };
    contact::log(&world.env, &alice, spelling).await.unwrap();
    let merge = MergeRelations {
        keep: "Jansje Pietersen".into(),
        remove: "J. Pietersen".into(),
        confirm: false,
    };
    relation::merge(&world.env, &alice, merge).await.unwrap();
    contact::log(
        &world.env,
        &alice,
        log(
            "Jansje Pietersen",
            "Jansje belde over haar diabetes en de insuline",
            true,
        ),
    )
    .await
    .unwrap();
    let promise = AddPromise {
        relation: "Jansje Pietersen".into(),
        what: "Jansje terugbellen over de insuline".into(),
        due: "dinsdag 11:00".into(),
        owner: member(ALICE, "alice"),
        ..AddPromise::default()
    };
    promise::add(&world.env, &alice, promise).await.unwrap();
    promise::move_due(&world.env, &alice, "P-1", "woensdag 11:00", "Jansje heeft griep")
        .await
        .unwrap();
    let give = GiveHandover {
        to: member(BOB, "bob"),
        to_is_bot: false,
        to_is_member: true,
        relation: "Jansje Pietersen".into(),
        notes: "Jansje wil 's ochtends gebeld worden".into(),
        promises: Some("P-1".into()),
    };
    handover::give(&world.env, &alice, give).await.unwrap();
    let file = ImportFile {
        name: Some("contacts.csv".into()),
        bytes: "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n\
                Jansje,Pietersen,,jp@delinde.nl,Zorggroep De Linde,Wijkverpleegkundige,01 Dec 2026\n"
            .as_bytes()
            .to_vec(),
    };
    let preview = ImportCommand {
        file: Some(file),
        ..ImportCommand::default()
    };
    import::run(&world.env, &alice, preview, &|_, _| {})
        .await
        .unwrap();
}

#[tokio::test]
async fn forgetting_a_person_leaves_no_trace_in_any_read_path_or_table() {
    let world = World::new().await;
    a_person_with_a_history(&world).await;
    let admin = admin_request(ADMIN, "admin");

    // Only an admin, and never an organisation.
    let err = refused(
        relation::forget(
            &world.env,
            &request(BOB, "bob"),
            forget("Jansje Pietersen", false),
        )
        .await,
    );
    assert_eq!(err, UserError::Relation(RelationError::ForgetAdminOnly));
    let err = refused(relation::forget(&world.env, &admin, forget("Zorggroep De Linde", false)).await);
    assert!(
        matches!(err, UserError::Relation(RelationError::ForgetOrganisation { .. })),
        "{err:?}"
    );

    // The preview names what goes and writes nothing.
    let before = traces_in_database(&world).await.len();
    let preview = relation::forget(&world.env, &admin, forget("jansje pietersen", false))
        .await
        .unwrap();
    let shown = text(&preview);
    let Body::Forgetting(Forgetting::Preview {
        relation: id, erased, ..
    }) = &preview.body
    else {
        panic!("{:?}", preview.body)
    };
    assert_eq!(
        (
            erased.names,
            erased.details,
            erased.roles,
            erased.contacts,
            erased.promises,
            erased.handovers
        ),
        (2, 4, 1, 2, 1, 1),
        "{shown}"
    );
    assert_eq!((erased.reasons, erased.previews), (1, 1), "{shown}");
    assert!(
        shown.contains("Erasing Jansje Pietersen cannot be undone")
            && shown.contains(&format!("it becomes “erased person #{}”", id.0))
            && shown.contains("contact notes (2)")
            && shown.contains("Kept, without any text"),
        "{shown}"
    );
    assert!(matches!(preview.actions.as_slice(), [Action::Forget(r, _)] if r == id));
    assert_eq!(
        traces_in_database(&world).await.len(),
        before,
        "a preview writes nothing"
    );

    // The button erases; a second press says it is done.
    let done = relation::confirm_forget(&world.env, &admin, *id).await.unwrap();
    let masked = format!("erased person #{}", id.0);
    assert!(
        text(&done).contains(&format!("now “{masked}”")),
        "{}",
        text(&done)
    );
    let again = refused(relation::confirm_forget(&world.env, &admin, *id).await);
    assert!(
        matches!(&again, UserError::Relation(RelationError::AlreadyForgotten { name, .. }) if *name == masked),
        "{again:?}"
    );

    let left = traces_in_database(&world).await;
    assert!(left.is_empty(), "still in the database:\n{}", left.join("\n"));

    // The counts stay true: two contacts, one promise, one handover, a place at De Linde.
    let history = contact::history(
        &world.env,
        &admin,
        ContactHistory {
            relation: masked.clone(),
            limit: None,
        },
    )
    .await
    .unwrap();
    let Body::History(shown_history) = &history.body else {
        panic!()
    };
    assert_eq!(shown_history.total, 2);
    let history = text(&history);
    assert_clean("history", &history);
    assert!(history.contains("Personal data erased on"), "{history}");
    assert!(history.contains("(erased)"), "{history}");

    let old_name = refused(
        contact::history(
            &world.env,
            &admin,
            ContactHistory {
                relation: "Jansje Pietersen".into(),
                limit: None,
            },
        )
        .await,
    );
    let UserError::UnknownRelation { suggestions, .. } = old_name else {
        panic!("{old_name:?}")
    };
    assert_clean("an unknown name's suggestions", &suggestions.join(", "));

    for query in [
        "Jansje",
        "Pietersen",
        "diabetes",
        "insuline",
        "wijkverpleegkundige",
        "griep",
    ] {
        let found = relation::search(&world.env, &admin, query).await.unwrap();
        let Body::RelationSearch(found) = &found.body else {
            panic!("{:?}", found.body)
        };
        // "griep" was in a contact note: the erased note no longer matches.
        assert!(found.hits.is_empty(), "search {query}: {:?}", found.hits);
    }
    for partial in ["Jans", "Piet", "J. P"] {
        let choices = suggest::relations(&world.env, &admin, partial).await.unwrap();
        assert_clean(&format!("autocomplete {partial}"), &format!("{choices:?}"));
    }
    let who = relation::who(&world.env, &admin, "Zorggroep De Linde")
        .await
        .unwrap();
    let who = text(&who);
    assert_clean("who", &who);
    assert!(who.contains(&masked), "{who}");
    for input in [
        ExportRelations {
            relation: Some(masked.clone()),
            ..ExportRelations::default()
        },
        ExportRelations {
            all: true,
            ..ExportRelations::default()
        },
    ] {
        let exported = export::export(&world.env, &admin, input).await.unwrap();
        let file = String::from_utf8(exported.attachments[0].data.clone()).unwrap();
        assert_clean("export", &file);
    }

    // The reminder queued for the promise and the next digest come from what is left.
    let notifier = Arc::new(Recording::default());
    let scheduler = scheduler_with(&world, notifier.clone(), world.env.defaults);
    for day in [24, 25, 26] {
        world.clock.set(amsterdam(2026, 11, day, 8, 45));
        scheduler.tick().await.unwrap();
        world.clock.advance(Duration::hours(3));
        scheduler.tick().await.unwrap();
    }
    let posted = notifier.posted();
    assert!(
        posted.iter().any(|m| m.text.contains("P-1")),
        "the promise is still reminded: {posted:?}"
    );
    for message in &posted {
        assert_clean("a message sent afterwards", &message.text);
    }
    assert!(traces_in_database(&world).await.is_empty());
}

#[tokio::test]
async fn after_an_erasure_the_name_can_be_a_new_relation_and_the_import_was_cancelled() {
    let world = World::new().await;
    a_person_with_a_history(&world).await;
    let admin = admin_request(ADMIN, "admin");
    relation::forget(&world.env, &admin, forget("Jansje Pietersen", true))
        .await
        .unwrap();

    // The preview that could bring her back cannot be confirmed any more.
    let confirm = ImportCommand {
        confirm: Some("1".into()),
        ..ImportCommand::default()
    };
    let err = import::run(&world.env, &request(ALICE, "alice"), confirm, &|_, _| {})
        .await
        .unwrap_err();
    assert!(format!("{err:?}").contains("Settled"), "{err:?}");

    // Someone of that name met later is a new relation, with nothing of the old one.
    let reply = contact::log(
        &world.env,
        &request(ALICE, "alice"),
        log("Jansje Pietersen", "Nieuwe kennismaking", false),
    )
    .await
    .unwrap();
    let Body::ContactLogged(logged) = &reply.body else {
        panic!()
    };
    assert!(logged.relation_created, "{}", text(&reply));
}
