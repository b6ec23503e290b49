//! Everything baton holds about relations, as JSON: the profile, places over time, contacts
//! (restricted notes only for a reader allowed them), promises, handovers, appointments and the
//! events about them. Scheduling state stays out: it says nothing about the relation.

use serde_json::Value;

use super::relation_search::Reader;
use super::Conn;
use crate::domain::{GuildId, RelationId};

/// One JSON object per relation, by name; all of the guild's when `only` is `None`. A
/// restricted note the reader may not read has no summary.
#[tracing::instrument(skip(conn))]
pub async fn relations(
    conn: &mut Conn,
    guild: GuildId,
    only: Option<RelationId>,
    reader: Reader,
) -> sqlx::Result<Vec<Value>> {
    sqlx::query_scalar!(
        r#"SELECT jsonb_build_object(
               'id', r.relation_id, 'name', r.name, 'kind', r.kind, 'email', r.email, 'phone', r.phone,
               'linkedin', r.linkedin, 'tags', r.tags, 'keep_in_touch', r.keep_in_touch::text,
               'account_owner', r.owner_id, 'source', r.source, 'import_batch', r.import_batch_id,
               'merged_into', r.merged_into, 'created_by', r.created_by, 'created_at', r.created_at,
               'updated_at', r.updated_at,
               'affiliations', coalesce((
                   SELECT jsonb_agg(jsonb_build_object(
                              'person', a.person_id, 'person_name', pn.name, 'organisation', a.organisation_id,
                              'organisation_name', o.name, 'role', a.role, 'since', a.since, 'until', a.until)
                          ORDER BY a.since)
                   FROM affiliations a
                   JOIN relations pn ON pn.guild_id = a.guild_id AND pn.relation_id = a.person_id
                   JOIN relations o ON o.guild_id = a.guild_id AND o.relation_id = a.organisation_id
                   WHERE a.guild_id = r.guild_id AND (a.person_id = r.relation_id OR a.organisation_id = r.relation_id)
               ), '[]'::jsonb),
               'contacts', coalesce((
                   SELECT jsonb_agg(jsonb_build_object(
                              'id', c.contact_id, 'occurred_at', c.occurred_at, 'via', c.via, 'by', c.logged_by,
                              'summary', CASE WHEN NOT c.restricted OR $3 OR c.logged_by = $4 THEN c.summary END,
                              'restricted', c.restricted, 'logged_at', c.created_at)
                          ORDER BY c.occurred_at, c.contact_id)
                   FROM contacts c WHERE c.guild_id = r.guild_id AND c.relation_id = r.relation_id
               ), '[]'::jsonb),
               'promises', coalesce((
                   SELECT jsonb_agg(jsonb_build_object(
                              'ref', 'P-' || m.ref, 'kind', m.kind, 'direction', m.direction, 'certainty', m.certainty,
                              'what', m.what, 'owner', m.owner_id, 'created_by', m.created_by, 'due_at', m.due_at,
                              'status', m.status, 'closed_at', m.closed_at, 'closed_by', m.closed_by,
                              'close_note', m.close_note, 'created_at', m.created_at) ORDER BY m.ref)
                   FROM commitments m WHERE m.guild_id = r.guild_id AND m.relation_id = r.relation_id
               ), '[]'::jsonb),
               'handovers', coalesce((
                   SELECT jsonb_agg(jsonb_build_object(
                              'ref', 'H-' || h.ref, 'from', h.from_id, 'to', h.to_id, 'notes', h.notes,
                              'status', h.status, 'answered_by', h.answered_by, 'answered_at', h.answered_at,
                              'answer_note', h.answer_note, 'created_at', h.created_at) ORDER BY h.ref)
                   FROM handovers h WHERE h.guild_id = r.guild_id AND h.relation_id = r.relation_id
               ), '[]'::jsonb),
               'appointments', coalesce((
                   SELECT jsonb_agg(jsonb_build_object(
                              'ref', 'A-' || p.ref, 'owner', p.owner_id, 'starts_at', p.starts_at, 'ends_at', p.ends_at,
                              'place', p.place, 'about', p.about, 'status', p.status, 'answer_note', p.answer_note,
                              'created_at', p.created_at) ORDER BY p.ref)
                   FROM appointments p WHERE p.guild_id = r.guild_id AND p.relation_id = r.relation_id
               ), '[]'::jsonb),
               'events', coalesce((
                   SELECT jsonb_agg(jsonb_build_object(
                              'at', e.at, 'by', e.actor_id, 'action', e.action, 'detail', e.detail)
                          ORDER BY e.at, e.event_id)
                   FROM events e WHERE e.guild_id = r.guild_id AND e.relation_id = r.relation_id
               ), '[]'::jsonb)
           ) AS "relation!"
           FROM relations r
           WHERE r.guild_id = $1 AND ($2::bigint IS NULL OR r.relation_id = $2)
           ORDER BY r.name_key"#,
        guild.0,
        only.map(|r| r.0),
        reader.all,
        reader.member.0
    )
    .fetch_all(conn)
    .await
}
