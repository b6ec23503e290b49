//! Importing contact files through the command core, against PostgreSQL: the real-shaped
//! exports under tests/fixtures/import give exact counts, a preview writes nothing, confirm
//! writes everything as one batch, a second import of the same file finds only duplicates,
//! and undo removes what the batch made unless it was changed or used since.

mod support;

use baton::core::contact::{self, LogContact};
use baton::core::import::{self, ImportCommand, ImportError, ImportFile};
use baton::core::relation::{self, AddRelation, Details, EditRelation};
use baton::core::{Body, Reply, UserError};
use baton::domain::relation::RelationKind;
use support::{admin_request, refused, request, World};

const ALICE: i64 = 11;
const BOB: i64 = 12;

fn fixture(name: &str) -> ImportFile {
    let path = format!("{}/tests/fixtures/import/{name}", env!("CARGO_MANIFEST_DIR"));
    ImportFile {
        name: Some(name.to_string()),
        bytes: std::fs::read(path).expect("the fixture is there"),
    }
}

fn text(reply: &Reply) -> String {
    baton::render::reply(reply, &baton::console::ConsoleSurface)
}

fn batch_of(reply: &Reply) -> i64 {
    match &reply.body {
        Body::ImportPreview(p) => p.batch,
        other => panic!("not a preview: {other:?}"),
    }
}

async fn count(world: &World, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(&world.db.pool).await.unwrap()
}

async fn preview(world: &World, member: i64, file: ImportFile, map: Option<&str>) -> Reply {
    let command = ImportCommand {
        file: Some(file),
        map: map.map(Into::into),
        ..ImportCommand::default()
    };
    import::run(&world.env, &request(member, "alice"), command, &|_, _| {})
        .await
        .unwrap()
}

#[tokio::test]
async fn a_linkedin_export_is_previewed_confirmed_found_again_and_undone() {
    let world = World::new().await;
    let alice = request(ALICE, "alice");
    // Gemeente Utrecht is known already, and so is Sanne, without her details.
    relation::add(
        &world.env,
        &alice,
        AddRelation {
            name: "Gemeente Utrecht".into(),
            kind: Some(RelationKind::Organisation),
            ..AddRelation::default()
        },
    )
    .await
    .unwrap();
    relation::add(
        &world.env,
        &alice,
        AddRelation {
            name: "Sanne Bakker".into(),
            ..AddRelation::default()
        },
    )
    .await
    .unwrap();

    let shown = preview(&world, ALICE, fixture("linkedin_connections.csv"), None).await;
    let out = text(&shown);
    assert!(
        out.starts_with("📥 Import #1 read as LinkedIn Connections.csv (UTF-8, separated by “,”)."),
        "{out}"
    );
    assert!(
        out.contains(
            "• 6 new · 1 updated (blanks filled) · 0 already known · 1 refused · 5 new organisations"
        ),
        "{out}"
    );
    assert!(out.contains("• line 9: no name and no organisation"), "{out}");
    assert_eq!(shown.attachments.len(), 1, "the refused rows as a report");
    assert_eq!(
        String::from_utf8_lossy(&shown.attachments[0].data),
        "line,reason\n9,\"no name and no organisation\"\n"
    );
    assert_eq!(
        count(&world, "SELECT count(*) FROM relations").await,
        2,
        "a preview writes nothing"
    );
    let batch = batch_of(&shown);

    // Someone else may not confirm it.
    let other = refused(import::confirm(&world.env, &request(BOB, "bob"), batch, &|_, _| {}).await);
    assert!(
        matches!(other, UserError::Import(ImportError::NotYours { .. })),
        "{other:?}"
    );

    let seen = std::sync::Mutex::new(Vec::new());
    let done = import::confirm(&world.env, &alice, batch, &|d, t| {
        seen.lock().unwrap().push((d, t))
    })
    .await
    .unwrap();
    assert!(
        text(&done).starts_with(
            "📥 Import #1 done: 6 new, 1 updated, 0 already known, 1 refused, 5 new organisations."
        ),
        "{}",
        text(&done)
    );
    assert_eq!(
        seen.lock().unwrap().last(),
        Some(&(7, 7)),
        "progress ends at all rows"
    );
    assert_eq!(count(&world, "SELECT count(*) FROM relations").await, 2 + 6 + 5);
    assert_eq!(
        count(
            &world,
            "SELECT count(*) FROM relations WHERE source = 'import' AND import_batch_id = 1"
        )
        .await,
        11
    );
    assert_eq!(
        count(
            &world,
            "SELECT count(*) FROM affiliations WHERE import_batch_id = 1"
        )
        .await,
        6
    );
    assert_eq!(
        count(
            &world,
            "SELECT count(*) FROM import_batches WHERE pending IS NOT NULL"
        )
        .await,
        0,
        "the rows read are dropped once confirmed"
    );
    let sanne = text(&relation::show(&world.env, &alice, "sanne bakker").await.unwrap());
    assert!(sanne.contains("sanne.bakker@utrecht.example"), "{sanne}");
    assert!(
        sanne.contains("Gemeente Utrecht as Beleidsadviseur Wmo"),
        "{sanne}"
    );
    let again = refused(import::confirm(&world.env, &alice, batch, &|_, _| {}).await);
    assert!(
        matches!(again, UserError::Import(ImportError::Settled { .. })),
        "{again:?}"
    );

    // The same file again: all known.
    let second = preview(&world, ALICE, fixture("linkedin_connections.csv"), None).await;
    assert!(
        text(&second).contains(
            "• 0 new · 0 updated (blanks filled) · 7 already known · 1 refused · 0 new organisations"
        ),
        "{}",
        text(&second)
    );
    import::cancel(&world.env, &alice, batch_of(&second))
        .await
        .unwrap();

    // Since the import: a contact with Fatma, and Zoë's phone number.
    contact::log(
        &world.env,
        &alice,
        LogContact {
            relation: "Fatma Yılmaz".into(),
            summary: "Kennismaking".into(),
            ..LogContact::default()
        },
    )
    .await
    .unwrap();
    relation::edit(
        &world.env,
        &alice,
        EditRelation {
            relation: "Zoë de Jong".into(),
            details: Details {
                phone: Some("06 1234 5678".into()),
                ..Details::default()
            },
            ..EditRelation::default()
        },
    )
    .await
    .unwrap();
    let cancelled = refused(import::undo(&world.env, &alice, batch_of(&second)).await);
    assert!(
        matches!(cancelled, UserError::Import(ImportError::Settled { .. })),
        "{cancelled:?}"
    );
    let third = preview(&world, ALICE, fixture("linkedin_connections.csv"), None).await;
    let not_yet = refused(import::undo(&world.env, &alice, batch_of(&third)).await);
    assert!(
        matches!(not_yet, UserError::Import(ImportError::NotConfirmed { .. })),
        "{not_yet:?}"
    );
    let undone = import::undo(&world.env, &admin_request(BOB, "bob"), batch)
        .await
        .unwrap();
    let out = text(&undone);
    assert!(
        out.starts_with(
            "↩️ Import #1 undone: 9 relations removed, 1 put back as they were, 6 places removed."
        ),
        "{out}"
    );
    assert!(
        out.contains("Left alone, because they were changed or used since: Fatma Yılmaz, Zoë de Jong."),
        "{out}"
    );
    let sanne = text(&relation::show(&world.env, &alice, "sanne bakker").await.unwrap());
    assert!(
        !sanne.contains("sanne.bakker@utrecht.example"),
        "put back: {sanne}"
    );
    assert_eq!(
        count(&world, "SELECT count(*) FROM relations").await,
        4,
        "Utrecht, Sanne, Fatma, Zoë"
    );
    assert_eq!(
        count(&world, "SELECT count(*) FROM contacts").await,
        1,
        "nothing of the colleagues' work lost"
    );
}

#[tokio::test]
async fn outlook_excel_and_vcard_files_give_their_counts_and_bad_files_write_nothing() {
    let world = World::new().await;
    for (file, map, expected) in [
        (
            "outlook_en.csv",
            None,
            "Outlook contacts (CSV) (UTF-8, separated by “,”)",
        ),
        (
            "outlook_nl.csv",
            None,
            "Outlook contacts (CSV) (Windows-1252, separated by “;”)",
        ),
        (
            "excel_semicolon_1252.csv",
            Some("Naam=name,Bedrijf=organisation,Functie=role,E-mail=email,Telefoon=phone"),
            "CSV with your column map (Windows-1252, separated by “;”)",
        ),
        ("contacts_v3.vcf", None, "read as vCard (UTF-8)"),
    ] {
        let shown = preview(&world, ALICE, fixture(file), map).await;
        let out = text(&shown);
        assert!(out.contains(expected), "{file}: {out}");
        assert!(!out.contains("• 0 new"), "{file}: {out}");
    }
    let before = count(&world, "SELECT count(*) FROM import_batches").await;
    for (file, expected) in [
        ("empty.csv", "The file is empty"),
        ("image.png", "This is an image, not a contact list"),
        (
            "excel_semicolon_1252.csv",
            "These columns are not from LinkedIn or Outlook: Naam, Bedrijf",
        ),
    ] {
        let command = ImportCommand {
            file: Some(fixture(file)),
            ..ImportCommand::default()
        };
        let err = import::run(&world.env, &request(ALICE, "alice"), command, &|_, _| {}).await;
        let shown = baton::render::error(
            &err.expect_err(file),
            &world.env.cached_frame(&request(ALICE, "alice")),
            &baton::console::ConsoleSurface,
        );
        assert!(shown.contains(expected), "{file}: {shown}");
    }
    let nothing = import::run(
        &world.env,
        &request(ALICE, "alice"),
        ImportCommand::default(),
        &|_, _| {},
    )
    .await;
    assert!(matches!(
        refused(nothing),
        UserError::Import(ImportError::FileOrUndo)
    ));
    assert_eq!(
        count(&world, "SELECT count(*) FROM import_batches").await,
        before,
        "refused files write nothing"
    );
}

#[tokio::test]
async fn an_admin_exports_everything_about_a_relation_and_nobody_else_may() {
    use baton::core::export::{self, ExportError, ExportFormat, ExportRelations};
    use baton::core::promise::{self, AddPromise};
    let world = World::new().await;
    let alice = request(ALICE, "alice");
    relation::add(
        &world.env,
        &alice,
        AddRelation {
            name: "Jan de Vries".into(),
            organisation: Some("GGD Utrecht".into()),
            new_relation: true,
            ..AddRelation::default()
        },
    )
    .await
    .unwrap();
    for (summary, restricted) in [("Over het rapport", false), ("Vertrouwelijk: diagnose", true)] {
        let input = LogContact {
            relation: "Jan de Vries".into(),
            summary: summary.into(),
            restricted,
            ..LogContact::default()
        };
        contact::log(&world.env, &alice, input).await.unwrap();
    }
    let promise = AddPromise {
        relation: "Jan de Vries".into(),
        what: "Rapport sturen".into(),
        due: "friday 12:00".into(),
        ..AddPromise::default()
    };
    promise::add(&world.env, &alice, promise).await.unwrap();
    // Another guild's relation of the same name is never part of it.
    let elsewhere = baton::core::Request {
        guild: baton::domain::GuildId(700_000_000_000_000_099),
        ..admin_request(ALICE, "alice")
    };
    relation::add(
        &world.env,
        &elsewhere,
        AddRelation {
            name: "Jan de Vries".into(),
            ..AddRelation::default()
        },
    )
    .await
    .unwrap();

    let one = || ExportRelations {
        relation: Some("jan de vries".into()),
        ..ExportRelations::default()
    };
    let refused_to_alice = refused(export::export(&world.env, &alice, one()).await);
    assert_eq!(refused_to_alice, UserError::Export(ExportError::AdminOnly));
    let admin = admin_request(BOB, "bob");
    let neither = refused(export::export(&world.env, &admin, ExportRelations::default()).await);
    assert_eq!(neither, UserError::Export(ExportError::RelationOrAll));

    let reply = export::export(&world.env, &admin, one()).await.unwrap();
    assert!(
        text(&reply)
            .starts_with("📤 Everything baton holds about Jan de Vries is attached (1 relations, json)."),
        "{}",
        text(&reply)
    );
    let file = &reply.attachments[0];
    assert!(
        file.name.starts_with("relation-") && file.name.ends_with(".json"),
        "{}",
        file.name
    );
    let doc: serde_json::Value = serde_json::from_slice(&file.data).unwrap();
    let jan = &doc["relations"][0];
    assert_eq!(jan["name"], "Jan de Vries");
    assert_eq!(jan["contacts"].as_array().unwrap().len(), 2);
    assert_eq!(
        jan["contacts"][1]["summary"], "Vertrouwelijk: diagnose",
        "restricted notes too, for admins"
    );
    assert_eq!(jan["contacts"][1]["restricted"], true);
    assert_eq!(jan["promises"][0]["what"], "Rapport sturen");
    assert_eq!(jan["affiliations"].as_array().unwrap().len(), 1);
    assert!(!jan["events"].as_array().unwrap().is_empty(), "{jan}");

    let all = ExportRelations {
        all: true,
        format: Some(ExportFormat::Csv),
        ..ExportRelations::default()
    };
    let reply = export::export(&world.env, &admin, all).await.unwrap();
    let csv = String::from_utf8(reply.attachments[0].data.clone()).unwrap();
    assert!(csv.starts_with("relation,section,when,by,kind,text\n"), "{csv}");
    assert!(
        csv.contains(",contacts,") && csv.contains("Vertrouwelijk: diagnose"),
        "{csv}"
    );
    assert!(csv.contains("GGD Utrecht,relation,"), "{csv}");
    assert_eq!(
        csv.matches("Jan de Vries,relation,").count(),
        1,
        "one guild only: {csv}"
    );
}
