//! The store against a real PostgreSQL: constraints, scoping and the event log's rules.

mod support;

use baton::domain::commitment::{Certainty, CommitmentKind, Direction};
use baton::domain::contact::Via;
use baton::domain::relation::RelationName;
use baton::domain::{GuildId, MemberId, RelationId};
use baton::store::commitments::NewCommitment;
use baton::store::contact_log::NewFollowUp;
use baton::store::contacts::NewContact;
use baton::store::{self, events::NewEvent};
use chrono::Duration;
use serde_json::json;
use support::{db::TestDb, monday_morning, GUILD};

const ALICE: MemberId = MemberId(11);
const OTHER_GUILD: GuildId = GuildId(99);

fn contact(summary: &str) -> NewContact<'_> {
    NewContact {
        occurred_at: monday_morning(),
        via: Via::Phone,
        logged_by: ALICE,
        summary,
        restricted: false,
        channel: None,
        created_at: monday_morning(),
    }
}

fn follow_up(relation: RelationId, what: &str) -> NewCommitment<'_> {
    NewCommitment {
        relation,
        contact: None,
        kind: CommitmentKind::FollowUp,
        direction: Direction::WeOwe,
        certainty: Certainty::Expected,
        what,
        depends_on: None,
        owner: ALICE,
        created_by: ALICE,
        channel: None,
        due_at: monday_morning() + Duration::days(1),
        remind_before: None,
        next_nudge_at: monday_morning() + Duration::days(1),
        created_at: monday_morning(),
    }
}

async fn relation(db: &TestDb, guild: GuildId, name: &str) -> RelationId {
    let mut conn = db.pool.acquire().await.unwrap();
    store::guilds::ensure(&mut conn, guild, monday_morning())
        .await
        .unwrap();
    let name = RelationName::parse(name).unwrap();
    let new = store::relations::NewRelation::named(&name, ALICE, monday_morning());
    store::relations::insert(&mut conn, guild, &new)
        .await
        .unwrap()
        .unwrap()
        .id
}

#[tokio::test]
async fn a_contact_finds_its_relation_by_name_whatever_the_case() {
    let db = TestDb::new().await;
    let id = relation(&db, GUILD, "Gemeente Utrecht").await;
    let mut conn = db.pool.acquire().await.unwrap();

    let found = store::contact_log::insert(
        &mut conn,
        GUILD,
        &RelationName::parse("gemeente   UTRECHT").unwrap(),
        &contact("Belde"),
        None,
    )
    .await
    .unwrap();

    let logged = found.expect("relation found");
    assert_eq!(logged.relation.id, id);
    assert_eq!(logged.relation.name, "Gemeente Utrecht");
    assert!(logged.follow_up.is_none());
}

#[tokio::test]
async fn a_contact_for_an_unknown_name_writes_nothing() {
    let db = TestDb::new().await;
    relation(&db, GUILD, "Gemeente Utrecht").await;
    let mut conn = db.pool.acquire().await.unwrap();
    let wanted = NewFollowUp {
        what: "Bellen",
        owner: ALICE,
        due_at: monday_morning() + Duration::days(1),
        next_nudge_at: monday_morning() + Duration::days(1),
    };

    let found = store::contact_log::insert(
        &mut conn,
        GUILD,
        &RelationName::parse("GGD").unwrap(),
        &contact("x"),
        Some(&wanted),
    )
    .await
    .unwrap();

    assert!(found.is_none());
    for table in ["contacts", "commitments", "events"] {
        let count: i64 = sqlx::query_scalar(&format!("SELECT count(*) FROM {table}"))
            .fetch_one(&mut *conn)
            .await
            .unwrap();
        assert_eq!(count, 0, "{table}");
    }
    let id = store::relations::find(
        &mut conn,
        GUILD,
        &RelationName::parse("Gemeente Utrecht").unwrap(),
    )
    .await
    .unwrap()
    .unwrap()
    .id;
    let (_, reference) = store::commitments::insert(&mut conn, GUILD, &follow_up(id, "a"))
        .await
        .unwrap();
    assert_eq!(reference.0, 1, "no reference was used up");
}

#[tokio::test]
async fn the_same_name_in_another_guild_is_another_relation() {
    let db = TestDb::new().await;
    relation(&db, GUILD, "GGD").await;
    let mut conn = db.pool.acquire().await.unwrap();
    store::guilds::ensure(&mut conn, OTHER_GUILD, monday_morning())
        .await
        .unwrap();

    let found = store::contact_log::insert(
        &mut conn,
        OTHER_GUILD,
        &RelationName::parse("GGD").unwrap(),
        &contact("x"),
        None,
    )
    .await
    .unwrap();

    assert!(found.is_none(), "a guild must not see another guild's relations");
}

#[tokio::test]
async fn a_row_cannot_point_at_another_guilds_relation() {
    let db = TestDb::new().await;
    let theirs = relation(&db, GUILD, "GGD").await;
    let mut conn = db.pool.acquire().await.unwrap();
    store::guilds::ensure(&mut conn, OTHER_GUILD, monday_morning())
        .await
        .unwrap();

    let result = sqlx::query(
        "INSERT INTO contacts (guild_id, relation_id, occurred_at, via, logged_by, summary, created_at)
         VALUES ($1, $2, $3, 'phone', 1, 'x', $3)",
    )
    .bind(OTHER_GUILD.0)
    .bind(theirs.0)
    .bind(monday_morning())
    .execute(&mut *conn)
    .await;

    let err = result.expect_err("foreign keys include the guild");
    assert_eq!(
        err.as_database_error().and_then(|e| e.code()).as_deref(),
        Some("23503")
    );
}

#[tokio::test]
async fn a_logged_contact_with_a_follow_up_writes_contact_commitment_and_events_at_once() {
    let db = TestDb::new().await;
    relation(&db, GUILD, "GGD").await;
    let mut conn = db.pool.acquire().await.unwrap();
    let follow_up = NewFollowUp {
        what: "Bellen",
        owner: MemberId(12),
        due_at: monday_morning() + Duration::days(1),
        next_nudge_at: monday_morning() + Duration::days(1),
    };

    let logged = store::contact_log::insert(
        &mut conn,
        GUILD,
        &RelationName::parse("GGD").unwrap(),
        &contact("Gebeld"),
        Some(&follow_up),
    )
    .await
    .unwrap()
    .unwrap();

    let (_, reference) = logged.follow_up.expect("a follow-up");
    assert_eq!(reference.0, 1);
    let (owner, contact_id, what): (i64, i64, String) =
        sqlx::query_as("SELECT owner_id, contact_id, what FROM commitments")
            .fetch_one(&mut *conn)
            .await
            .unwrap();
    assert_eq!(
        (owner, contact_id, what.as_str()),
        (12, logged.contact.0, "Bellen")
    );
    let events: Vec<(String, serde_json::Value)> =
        sqlx::query_as("SELECT action, detail FROM events ORDER BY action")
            .fetch_all(&mut *conn)
            .await
            .unwrap();
    assert_eq!(events[0].0, "commitment.created");
    assert_eq!(events[0].1["ref"], 1);
    assert_eq!(events[1].0, "contact.logged");
    assert!(
        !events
            .iter()
            .any(|(_, detail)| detail.to_string().contains("Gebeld")),
        "events never copy note text"
    );
}

#[tokio::test]
async fn creating_an_existing_relation_returns_none() {
    let db = TestDb::new().await;
    relation(&db, GUILD, "GGD").await;
    let mut conn = db.pool.acquire().await.unwrap();

    let name = RelationName::parse("ggd").unwrap();
    let new = store::relations::NewRelation::named(&name, ALICE, monday_morning());
    let again = store::relations::insert(&mut conn, GUILD, &new).await.unwrap();

    assert!(again.is_none());
}

#[tokio::test]
async fn commitment_references_count_up_per_guild() {
    let db = TestDb::new().await;
    let ours = relation(&db, GUILD, "GGD").await;
    let theirs = relation(&db, OTHER_GUILD, "GGD").await;
    let mut conn = db.pool.acquire().await.unwrap();

    let (_, first) = store::commitments::insert(&mut conn, GUILD, &follow_up(ours, "a"))
        .await
        .unwrap();
    let (_, second) = store::commitments::insert(&mut conn, GUILD, &follow_up(ours, "b"))
        .await
        .unwrap();
    let (_, elsewhere) = store::commitments::insert(&mut conn, OTHER_GUILD, &follow_up(theirs, "c"))
        .await
        .unwrap();

    assert_eq!((first.0, second.0, elsewhere.0), (1, 2, 1));
}

#[tokio::test]
async fn concurrent_commitments_never_share_a_reference() {
    let db = TestDb::new().await;
    let ours = relation(&db, GUILD, "GGD").await;

    let inserts = (0..16).map(|i| {
        let pool = db.pool.clone();
        tokio::spawn(async move {
            let what = format!("item {i}");
            let mut tx = pool.begin().await.unwrap();
            let (_, reference) = store::commitments::insert(&mut tx, GUILD, &follow_up(ours, &what))
                .await
                .unwrap();
            tx.commit().await.unwrap();
            reference.0
        })
    });
    let mut refs = Vec::new();
    for insert in inserts {
        refs.push(insert.await.unwrap());
    }

    refs.sort_unstable();
    assert_eq!(refs, (1..=16).collect::<Vec<_>>());
}

#[tokio::test]
async fn events_cannot_be_changed_or_deleted() {
    let db = TestDb::new().await;
    let id = relation(&db, GUILD, "GGD").await;
    let mut conn = db.pool.acquire().await.unwrap();
    let event = NewEvent {
        action: "relation.created",
        subject_kind: "relation",
        subject_id: id.0,
        relation: Some(id),
        detail: json!({}),
    };
    store::events::record(&mut conn, GUILD, monday_morning(), ALICE, &[event])
        .await
        .unwrap();

    let update = sqlx::query("UPDATE events SET action = 'x'")
        .execute(&mut *conn)
        .await;
    let delete = sqlx::query("DELETE FROM events").execute(&mut *conn).await;

    assert!(update.is_err(), "an update must be refused");
    assert!(delete.is_err(), "a delete must be refused");
    let kept = store::events::for_subject(&mut conn, GUILD, "relation", id.0)
        .await
        .unwrap();
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0].action, "relation.created");
}

#[tokio::test]
async fn events_go_with_their_guild_when_it_is_erased() {
    let db = TestDb::new().await;
    let id = relation(&db, GUILD, "GGD").await;
    let mut conn = db.pool.acquire().await.unwrap();
    let event = NewEvent {
        action: "relation.created",
        subject_kind: "relation",
        subject_id: id.0,
        relation: Some(id),
        detail: json!({}),
    };
    store::events::record(&mut conn, GUILD, monday_morning(), ALICE, &[event])
        .await
        .unwrap();

    sqlx::query("DELETE FROM guilds WHERE guild_id = $1")
        .bind(GUILD.0)
        .execute(&mut *conn)
        .await
        .unwrap();

    let left: i64 = sqlx::query_scalar("SELECT count(*) FROM events")
        .fetch_one(&mut *conn)
        .await
        .unwrap();
    assert_eq!(left, 0);
}

#[tokio::test]
async fn search_puts_names_starting_with_the_text_first_and_reads_wildcards_literally() {
    let db = TestDb::new().await;
    for name in [
        "Stichting Utrecht Zorg",
        "Utrecht Gemeente",
        "Gemeente Utrecht",
        "100% Zorg",
        "1000 Zorg",
    ] {
        relation(&db, GUILD, name).await;
    }
    let mut conn = db.pool.acquire().await.unwrap();

    let names = |choices: Vec<store::relations::Choice>| -> Vec<String> {
        choices.into_iter().map(|c| c.name).collect()
    };
    let utrecht = names(
        store::relations::suggest(&mut conn, GUILD, "utrecht", 25)
            .await
            .unwrap(),
    );
    let percent = names(
        store::relations::suggest(&mut conn, GUILD, "100%", 25)
            .await
            .unwrap(),
    );

    assert_eq!(utrecht[0], "Utrecht Gemeente");
    assert_eq!(utrecht.len(), 3);
    // "%" is a character like any other, not a wildcard; "1000 Zorg" only looks like it.
    assert_eq!(percent, vec!["100% Zorg", "1000 Zorg"]);
}

#[tokio::test]
async fn similar_names_are_found_after_a_typo() {
    let db = TestDb::new().await;
    relation(&db, GUILD, "Gemeente Utrecht").await;
    relation(&db, GUILD, "Zorgverzekeraar").await;
    let mut conn = db.pool.acquire().await.unwrap();

    let similar = store::relations::similar(&mut conn, GUILD, "gemeente utrech", 3)
        .await
        .unwrap();

    assert_eq!(
        similar,
        vec![("Gemeente Utrecht".to_string(), "gemeente utrecht".to_string())]
    );
}
