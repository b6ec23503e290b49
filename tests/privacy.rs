//! Restricted contact notes under `privacy.restricted_role`, against PostgreSQL: without
//! the setting their author and the server's admins read them; with it, their author and
//! members with that role, and an admin without it reads them nowhere: not in the history,
//! search, who or an export.

mod support;

use baton::core::contact::{self, ContactHistory, LogContact};
use baton::core::export::{self, ExportRelations};
use baton::core::relation::{self, AddRelation};
use baton::core::settings::{self, ChangeSettings};
use baton::core::{Body, Reply, Request};
use baton::domain::relation::RelationKind;
use baton::domain::RoleId;
use support::{admin_request, request, World};

const ALICE: i64 = 11;
const BOB: i64 = 12;
const ADMIN: i64 = 19;
const CARE: RoleId = RoleId(77);
const NOTE: &str = "Schuldhulp aangevraagd";

fn text(reply: &Reply) -> String {
    baton::render::reply(reply, &baton::console::ConsoleSurface)
}

fn with_care_role(mut req: Request) -> Request {
    req.actor.roles = vec![CARE];
    req
}

async fn history(world: &World, req: &Request) -> String {
    let input = ContactHistory {
        relation: "Karel Mol".into(),
        limit: None,
    };
    text(&contact::history(&world.env, req, input).await.unwrap())
}

async fn finds(world: &World, req: &Request) -> bool {
    let reply = relation::search(&world.env, req, "schuldhulp").await.unwrap();
    let Body::RelationSearch(found) = &reply.body else {
        panic!("{:?}", reply.body)
    };
    !found.hits.is_empty()
}

async fn who(world: &World, req: &Request) -> String {
    text(&relation::who(&world.env, req, "Gemeente Zeist").await.unwrap())
}

async fn exported(world: &World, req: &Request) -> String {
    let input = ExportRelations {
        relation: Some("Karel Mol".into()),
        ..ExportRelations::default()
    };
    let reply = export::export(&world.env, req, input).await.unwrap();
    String::from_utf8(reply.attachments[0].data.clone()).unwrap()
}

/// Whether `req` reads the note on every read path; panics when the paths disagree.
async fn reads(world: &World, req: &Request) -> bool {
    let paths = [
        history(world, req).await.contains(NOTE),
        finds(world, req).await,
        who(world, req).await.contains(NOTE),
    ];
    assert!(
        paths.iter().all(|p| *p == paths[0]),
        "history, search, who: {paths:?}"
    );
    paths[0]
}

#[tokio::test]
async fn the_restricted_role_reads_restricted_notes_instead_of_every_admin() {
    let world = World::new().await;
    let alice = request(ALICE, "alice");
    let org = AddRelation {
        name: "Gemeente Zeist".into(),
        kind: Some(RelationKind::Organisation),
        ..AddRelation::default()
    };
    relation::add(&world.env, &alice, org).await.unwrap();
    let person = AddRelation {
        name: "Karel Mol".into(),
        organisation: Some("Gemeente Zeist".into()),
        ..AddRelation::default()
    };
    relation::add(&world.env, &alice, person).await.unwrap();
    let note = LogContact {
        relation: "Karel Mol".into(),
        summary: NOTE.into(),
        restricted: true,
        ..LogContact::default()
    };
    contact::log(&world.env, &alice, note).await.unwrap();
    let admin = admin_request(ADMIN, "admin");
    let bob = request(BOB, "bob");
    let carer = with_care_role(request(BOB, "bob"));

    // Without the setting: the author and admins.
    assert!(reads(&world, &alice).await);
    assert!(reads(&world, &admin).await);
    assert!(!reads(&world, &bob).await);
    assert!(!reads(&world, &carer).await);
    assert!(exported(&world, &admin).await.contains(NOTE));
    let hidden = history(&world, &bob).await;
    assert!(hidden.contains("restricted"), "{hidden}");

    let change = ChangeSettings {
        restricted_role: Some(CARE),
        ..ChangeSettings::default()
    };
    let shown = text(&settings::guild(&world.env, &admin, change).await.unwrap());
    assert!(
        shown.contains("Restricted contact notes: read by their author and"),
        "{shown}"
    );

    // With it: the author and the role; an admin without the role nowhere, export too.
    assert!(reads(&world, &alice).await);
    assert!(reads(&world, &carer).await);
    assert!(!reads(&world, &admin).await);
    assert!(!reads(&world, &bob).await);
    let file = exported(&world, &admin).await;
    assert!(
        !file.contains(NOTE) && file.contains("\"restricted\": true"),
        "{file}"
    );
    assert!(reads(&world, &with_care_role(admin_request(ADMIN, "admin"))).await);

    // Reset: the admins again.
    let reset = ChangeSettings {
        reset: Some("restricted_role".into()),
        ..ChangeSettings::default()
    };
    settings::guild(&world.env, &admin, reset).await.unwrap();
    assert!(reads(&world, &admin).await);
    assert!(!reads(&world, &carer).await);
}
