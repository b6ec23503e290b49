//! Commitments: who holds the ball for what, by when.

use chrono::{DateTime, Utc};

use super::Conn;
use crate::domain::commitment::{Certainty, CommitmentKind, Direction};
use crate::domain::{ChannelId, CommitmentId, CommitmentRef, ContactId, GuildId, MemberId, RelationId};

#[derive(Clone, Debug)]
pub struct NewCommitment<'a> {
    pub relation: RelationId,
    pub contact: Option<ContactId>,
    pub kind: CommitmentKind,
    pub direction: Direction,
    pub certainty: Certainty,
    pub what: &'a str,
    pub depends_on: Option<&'a str>,
    pub owner: MemberId,
    pub created_by: MemberId,
    pub channel: Option<ChannelId>,
    pub due_at: DateTime<Utc>,
    pub created_at: DateTime<Utc>,
}

#[derive(Clone, Debug)]
pub struct OpenCommitment {
    pub id: CommitmentId,
    pub reference: CommitmentRef,
    pub kind: CommitmentKind,
    pub what: String,
    pub owner: MemberId,
    pub due_at: DateTime<Utc>,
}

/// Inserts the commitment with the guild's next short reference.
#[tracing::instrument(skip_all, fields(guild = %guild))]
pub async fn insert(
    conn: &mut Conn,
    guild: GuildId,
    new: &NewCommitment<'_>,
) -> sqlx::Result<(CommitmentId, CommitmentRef)> {
    let row = sqlx::query!(
        r#"WITH counter AS (SELECT next_commitment_ref($1) AS ref)
           INSERT INTO commitments (guild_id, ref, relation_id, contact_id, kind, direction,
                                    certainty, what, depends_on, owner_id, created_by,
                                    channel_id, due_at, created_at)
           SELECT $1, counter.ref, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13 FROM counter
           RETURNING commitment_id, ref"#,
        guild.0,
        new.relation.0,
        new.contact.map(|c| c.0),
        new.kind.as_str(),
        new.direction.as_str(),
        new.certainty.as_str(),
        new.what,
        new.depends_on,
        new.owner.0,
        new.created_by.0,
        new.channel.map(|c| c.0),
        new.due_at,
        new.created_at
    )
    .fetch_one(conn)
    .await?;
    Ok((CommitmentId(row.commitment_id), CommitmentRef(row.r#ref)))
}

/// Open commitments with a relation, soonest due first.
#[tracing::instrument(skip(conn))]
pub async fn open_for_relation(
    conn: &mut Conn,
    guild: GuildId,
    relation: RelationId,
) -> sqlx::Result<Vec<OpenCommitment>> {
    let rows = sqlx::query!(
        "SELECT commitment_id, ref, kind, what, owner_id, due_at
         FROM commitments
         WHERE guild_id = $1 AND relation_id = $2 AND status = 'open'
         ORDER BY due_at, ref",
        guild.0,
        relation.0
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| OpenCommitment {
            id: CommitmentId(row.commitment_id),
            reference: CommitmentRef(row.r#ref),
            kind: CommitmentKind::parse(&row.kind).unwrap_or(CommitmentKind::Promise),
            what: row.what,
            owner: MemberId(row.owner_id),
            due_at: row.due_at,
        })
        .collect())
}
