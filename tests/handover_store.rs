//! Handovers and absences in the store, against a real PostgreSQL: per-guild references,
//! one answer per handover, exactly the chosen commitments moving, and one absence at a
//! time per member.

mod support;

use baton::domain::away::Away;
use baton::domain::commitment::{Certainty, CommitmentKind, Direction};
use baton::domain::handover::HandoverStatus;
use baton::domain::relation::RelationName;
use baton::domain::{CommitmentId, GuildId, HandoverRef, MemberId, RelationId};
use baton::store::commitments::NewCommitment;
use baton::store::handovers::NewHandover;
use baton::store::{self, Conn};
use chrono::Duration;
use support::{db::TestDb, monday_morning, GUILD};

const ANN: MemberId = MemberId(11);
const BOB: MemberId = MemberId(12);
const CAS: MemberId = MemberId(13);
const OTHER_GUILD: GuildId = GuildId(99);

async fn relation(conn: &mut Conn, guild: GuildId, name: &str) -> RelationId {
    store::guilds::ensure(conn, guild, monday_morning())
        .await
        .unwrap();
    let name = RelationName::parse(name).unwrap();
    let new = store::relations::NewRelation::named(&name, ANN, monday_morning());
    store::relations::insert(conn, guild, &new)
        .await
        .unwrap()
        .unwrap()
        .id
}

async fn promise(conn: &mut Conn, guild: GuildId, relation: RelationId, owner: MemberId) -> CommitmentId {
    let new = NewCommitment {
        relation,
        contact: None,
        kind: CommitmentKind::Promise,
        direction: Direction::WeOwe,
        certainty: Certainty::Expected,
        what: "Rapport sturen",
        depends_on: None,
        owner,
        created_by: owner,
        channel: None,
        due_at: monday_morning() + Duration::days(1),
        remind_before: None,
        next_nudge_at: monday_morning() + Duration::days(1),
        created_at: monday_morning(),
    };
    store::commitments::insert(conn, guild, &new).await.unwrap().0
}

fn handover(relation: RelationId, from: MemberId, to: MemberId) -> NewHandover<'static> {
    NewHandover {
        relation,
        from,
        to,
        created_by: from,
        notes: "Belt liever na 10 uur",
        channel: None,
        created_at: monday_morning(),
        ack_due_at: monday_morning() + Duration::hours(4),
        next_nudge_at: monday_morning() + Duration::hours(4),
    }
}

#[tokio::test]
async fn handover_references_count_per_guild() {
    let db = TestDb::new().await;
    let mut conn = db.pool.acquire().await.unwrap();
    let here = relation(&mut conn, GUILD, "GGD").await;
    let there = relation(&mut conn, OTHER_GUILD, "GGD").await;

    let (_, first) = store::handovers::insert(&mut conn, GUILD, &handover(here, ANN, BOB), &[])
        .await
        .unwrap();
    let (_, second) = store::handovers::insert(&mut conn, GUILD, &handover(here, ANN, CAS), &[])
        .await
        .unwrap();
    let (_, elsewhere) = store::handovers::insert(&mut conn, OTHER_GUILD, &handover(there, ANN, BOB), &[])
        .await
        .unwrap();

    assert_eq!(
        (first, second, elsewhere),
        (HandoverRef(1), HandoverRef(2), HandoverRef(1))
    );
    assert!(
        store::handovers::lock_by_ref(&mut conn, OTHER_GUILD, HandoverRef(2))
            .await
            .unwrap()
            .is_none()
    );
}

#[tokio::test]
async fn a_handover_to_oneself_cannot_be_stored() {
    let db = TestDb::new().await;
    let mut conn = db.pool.acquire().await.unwrap();
    let ggd = relation(&mut conn, GUILD, "GGD").await;

    let refused = store::handovers::insert(&mut conn, GUILD, &handover(ggd, ANN, ANN), &[]).await;

    assert!(refused.is_err());
}

#[tokio::test]
async fn accepting_moves_exactly_the_chosen_commitments_and_settles_once() {
    let db = TestDb::new().await;
    let mut conn = db.pool.acquire().await.unwrap();
    let ggd = relation(&mut conn, GUILD, "GGD").await;
    let chosen = promise(&mut conn, GUILD, ggd, ANN).await;
    let kept = promise(&mut conn, GUILD, ggd, ANN).await;
    let (id, reference) = store::handovers::insert(&mut conn, GUILD, &handover(ggd, ANN, BOB), &[chosen])
        .await
        .unwrap();
    assert_eq!(
        store::handovers::pending_with(&mut conn, GUILD, &[chosen, kept])
            .await
            .unwrap(),
        vec![(baton::domain::CommitmentRef(1), reference)]
    );

    let items = store::handovers::lock_items(&mut conn, GUILD, id).await.unwrap();
    assert_eq!(items.iter().map(|c| c.id).collect::<Vec<_>>(), [chosen]);
    store::handovers::transfer(&mut conn, GUILD, &[chosen], BOB)
        .await
        .unwrap();
    let at = monday_morning() + Duration::hours(1);
    store::handovers::settle(&mut conn, GUILD, id, HandoverStatus::Accepted, BOB, None, at)
        .await
        .unwrap();
    // A second answer (a double click) changes nothing: only a pending one settles.
    store::handovers::settle(
        &mut conn,
        GUILD,
        id,
        HandoverStatus::Declined,
        BOB,
        Some("nee"),
        at,
    )
    .await
    .unwrap();

    let row = store::handovers::lock_by_ref(&mut conn, GUILD, reference)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.status, HandoverStatus::Accepted);
    assert_eq!(row.answer_note, None);
    let open = store::commitments::open_for_relation(&mut conn, GUILD, ggd)
        .await
        .unwrap();
    let owners: Vec<(CommitmentId, MemberId)> = open.iter().map(|c| (c.id, c.owner)).collect();
    assert_eq!(owners, [(chosen, BOB), (kept, ANN)]);
    assert!(store::handovers::pending_with(&mut conn, GUILD, &[chosen])
        .await
        .unwrap()
        .is_empty());
    assert!(store::handovers::pending_for(&mut conn, GUILD, &[ANN, BOB])
        .await
        .unwrap()
        .is_empty());
}

fn away(member: MemberId, backup: MemberId, from_days: i64, until_days: i64) -> Away {
    Away {
        member,
        backup,
        starts_at: monday_morning() + Duration::days(from_days),
        ends_at: monday_morning() + Duration::days(until_days),
    }
}

#[tokio::test]
async fn a_member_is_away_once_at_a_time_and_ending_early_ends_or_withdraws() {
    let db = TestDb::new().await;
    let mut conn = db.pool.acquire().await.unwrap();
    store::guilds::ensure(&mut conn, GUILD, monday_morning())
        .await
        .unwrap();
    let now = monday_morning();

    assert!(
        store::away::insert(&mut conn, GUILD, &away(ANN, BOB, 0, 5), None, ANN, now)
            .await
            .unwrap()
    );
    assert!(
        !store::away::insert(&mut conn, GUILD, &away(ANN, CAS, 4, 8), None, ANN, now)
            .await
            .unwrap(),
        "overlapping absences of one member are refused by the database"
    );
    assert!(
        store::away::insert(&mut conn, GUILD, &away(ANN, CAS, 5, 8), None, ANN, now)
            .await
            .unwrap()
    );
    assert_eq!(
        store::away::at(&mut conn, GUILD, now + Duration::days(1))
            .await
            .unwrap(),
        [away(ANN, BOB, 0, 5)]
    );

    let later = now + Duration::days(2);
    let (ended, withdrawn) = store::away::end(&mut conn, GUILD, ANN, later).await.unwrap();

    assert_eq!(
        (ended.len(), withdrawn.len()),
        (1, 1),
        "the current one ends, the one ahead is withdrawn"
    );
    assert!(store::away::at(&mut conn, GUILD, later).await.unwrap().is_empty());
    assert!(store::away::not_ended(&mut conn, GUILD, later)
        .await
        .unwrap()
        .is_empty());
}

#[tokio::test]
async fn two_accepts_at_once_apply_once() {
    let db = TestDb::new().await;
    let mut conn = db.pool.acquire().await.unwrap();
    let ggd = relation(&mut conn, GUILD, "GGD").await;
    let item = promise(&mut conn, GUILD, ggd, ANN).await;
    let (_, reference) = store::handovers::insert(&mut conn, GUILD, &handover(ggd, ANN, BOB), &[item])
        .await
        .unwrap();
    drop(conn);

    // Each click locks the handover, checks it is still pending, moves its items and
    // settles it, in one transaction: the second waits for the first and finds it settled.
    let click = |who: MemberId| {
        let pool = db.pool.clone();
        async move {
            let mut tx = pool.begin().await.unwrap();
            let row = store::handovers::lock_by_ref(&mut tx, GUILD, reference)
                .await
                .unwrap()
                .unwrap();
            if row.status != HandoverStatus::Pending {
                return false;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
            let items = store::handovers::lock_items(&mut tx, GUILD, row.id)
                .await
                .unwrap();
            let ids: Vec<CommitmentId> = items.iter().map(|c| c.id).collect();
            store::handovers::transfer(&mut tx, GUILD, &ids, row.to)
                .await
                .unwrap();
            let at = monday_morning() + Duration::hours(1);
            store::handovers::settle(&mut tx, GUILD, row.id, HandoverStatus::Accepted, who, None, at)
                .await
                .unwrap();
            tx.commit().await.unwrap();
            true
        }
    };
    let (first, second) = tokio::join!(tokio::spawn(click(BOB)), tokio::spawn(click(CAS)));

    let applied = [first.unwrap(), second.unwrap()];
    assert_eq!(applied.iter().filter(|a| **a).count(), 1, "{applied:?}");
    let mut conn = db.pool.acquire().await.unwrap();
    let row = store::handovers::lock_by_ref(&mut conn, GUILD, reference)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.status, HandoverStatus::Accepted);
}
