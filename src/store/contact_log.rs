//! A logged contact as one unit: the contact, its follow-up commitment and their events,
//! written by a single statement. A statement is atomic by itself, so the common case needs
//! no explicit transaction and only one round trip.

use chrono::{DateTime, Utc};

use super::contacts::NewContact;
use super::relations::RelationRow;
use super::Conn;
use crate::domain::commitment::{Certainty, CommitmentKind, Direction};
use crate::domain::relation::RelationName;
use crate::domain::{CommitmentId, CommitmentRef, ContactId, GuildId, MemberId, RelationId};

/// The follow-up agreed in the contact.
#[derive(Clone, Debug)]
pub struct NewFollowUp<'a> {
    pub what: &'a str,
    pub owner: MemberId,
    pub due_at: DateTime<Utc>,
    /// When its first reminder is due, as the planner says.
    pub next_nudge_at: DateTime<Utc>,
}

#[derive(Clone, Debug)]
pub struct Logged {
    pub contact: ContactId,
    pub relation: RelationRow,
    pub follow_up: Option<(CommitmentId, CommitmentRef)>,
}

/// Logs the contact (and follow-up) against the relation called `name`. `None`, with
/// nothing written, when no relation has that name.
#[tracing::instrument(skip_all, fields(guild = %guild))]
pub async fn insert(
    conn: &mut Conn,
    guild: GuildId,
    name: &RelationName,
    contact: &NewContact<'_>,
    follow_up: Option<&NewFollowUp<'_>>,
) -> sqlx::Result<Option<Logged>> {
    let row = sqlx::query!(
        r#"WITH r AS (
               SELECT r.relation_id, r.name
               FROM relations named
               JOIN relations r ON r.guild_id = named.guild_id
                               AND r.relation_id = coalesce(named.merged_into, named.relation_id)
               WHERE named.guild_id = $1 AND named.name_key = $2
           ), c AS (
               INSERT INTO contacts (guild_id, relation_id, occurred_at, via, logged_by, summary,
                                     restricted, channel_id, created_at)
               SELECT $1, r.relation_id, $3, $4, $5, $6, $7, $8, $9 FROM r
               RETURNING contact_id, relation_id
           ), counter AS (
               SELECT next_commitment_ref($1) AS ref
               WHERE $10::text IS NOT NULL AND EXISTS (SELECT 1 FROM r)
           ), k AS (
               INSERT INTO commitments (guild_id, ref, relation_id, contact_id, kind, direction,
                                        certainty, what, owner_id, created_by, channel_id, due_at,
                                        next_nudge_at, created_at)
               SELECT $1, counter.ref, c.relation_id, c.contact_id, $13, $14, $15, $10, $11, $5, $8,
                      $12, $16, $9
               FROM c, counter
               RETURNING commitment_id, ref, contact_id
           ), e AS (
               INSERT INTO events (guild_id, at, actor_id, action, subject_kind, subject_id,
                                   relation_id, detail)
               SELECT $1, $9, $5, 'contact.logged', 'contact', c.contact_id, c.relation_id,
                      jsonb_build_object('relation_id', c.relation_id, 'via', $4::text,
                                         'occurred_at', $3::timestamptz, 'restricted', $7::boolean)
               FROM c
               UNION ALL
               SELECT $1, $9, $5, 'commitment.created', 'commitment', k.commitment_id, c.relation_id,
                      jsonb_build_object('ref', k.ref, 'kind', $13::text, 'relation_id', c.relation_id,
                                         'contact_id', c.contact_id, 'owner_id', $11::bigint,
                                         'due_at', $12::timestamptz)
               FROM k JOIN c USING (contact_id)
           )
           SELECT c.contact_id AS "contact_id!", r.relation_id AS "relation_id!", r.name AS "name!",
                  k.commitment_id AS "commitment_id?", k.ref AS "ref?"
           FROM c JOIN r USING (relation_id) LEFT JOIN k USING (contact_id)"#,
        guild.0,
        name.key(),
        contact.occurred_at,
        contact.via.as_str(),
        contact.logged_by.0,
        contact.summary,
        contact.restricted,
        contact.channel.map(|c| c.0),
        contact.created_at,
        follow_up.map(|f| f.what),
        follow_up.map(|f| f.owner.0),
        follow_up.map(|f| f.due_at),
        CommitmentKind::FollowUp.as_str(),
        Direction::WeOwe.as_str(),
        Certainty::Expected.as_str(),
        follow_up.map(|f| f.next_nudge_at),
    )
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|row| Logged {
        contact: ContactId(row.contact_id),
        relation: RelationRow {
            id: RelationId(row.relation_id),
            name: row.name,
        },
        follow_up: row
            .commitment_id
            .zip(row.r#ref)
            .map(|(id, reference)| (CommitmentId(id), CommitmentRef(reference))),
    }))
}
