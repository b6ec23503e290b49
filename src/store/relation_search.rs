//! Full-text search over the address book (names, roles, organisations, contact summaries)
//! and the "who of us knows whom there" view of an organisation.

use chrono::{DateTime, Utc};

use super::Conn;
use crate::domain::relation::RelationKind;
use crate::domain::{GuildId, MemberId, RelationId};

/// Why a relation was found, best first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Found {
    /// The whole name is what was searched for.
    ExactName,
    Name,
    Role,
    /// The person works at an organisation whose name matched.
    Organisation,
    Summary,
}

impl Found {
    fn from_tier(tier: i32) -> Found {
        match tier {
            0 => Found::ExactName,
            1 => Found::Name,
            2 => Found::Role,
            3 => Found::Organisation,
            _ => Found::Summary,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Hit {
    pub relation: RelationId,
    pub name: String,
    pub kind: Option<RelationKind>,
    /// A person's current organisation.
    pub organisation: Option<String>,
    pub found: Found,
    /// The matching text, its matched words between `**`: the role, the organisation's
    /// name, or the contact's summary.
    pub snippet: Option<String>,
    /// For a summary hit: when that contact was, and who logged it.
    pub contact: Option<(DateTime<Utc>, MemberId)>,
}

/// Who may read which summaries while searching.
#[derive(Clone, Copy, Debug)]
pub struct Reader {
    pub member: MemberId,
    /// Reads every restricted summary (an admin).
    pub all: bool,
}

/// Contacts a summary search ranks at most: the newest that match. A very common word
/// otherwise makes every search rank a large share of all contacts.
pub const SUMMARY_CANDIDATES: i64 = 400;

/// Relations matching `query` (words, "quoted phrases", -excluded), best first: an exact
/// name, names, roles, people at a matching organisation, then contact summaries by rank and
/// recency. Restricted summaries are searched only for those who may read them. The query
/// is its own file, so `cargo bench --bench search` can run it as it stands.
#[tracing::instrument(skip(conn, query))]
pub async fn search(
    conn: &mut Conn,
    guild: GuildId,
    query: &str,
    reader: Reader,
    limit: i64,
) -> sqlx::Result<Vec<Hit>> {
    let rows = sqlx::query_file!(
        "src/store/sql/search_relations.sql",
        guild.0,
        query,
        reader.member.0,
        reader.all,
        limit,
        SUMMARY_CANDIDATES,
        super::like_escape(&crate::domain::relation::fold(query))
    )
    // Planned for these words: how many contacts a word matches decides between reading its
    // matches and reading the newest contacts back from now, and one plan for every word
    // reads a common word's hundreds of thousands of matches.
    .fetch_all(super::Unprepared(conn))
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| Hit {
            relation: RelationId(row.relation_id),
            name: row.name,
            kind: row.kind.as_deref().and_then(RelationKind::parse),
            organisation: row.organisation,
            found: Found::from_tier(row.tier),
            snippet: row.snippet,
            contact: row.occurred_at.zip(row.logged_by.map(MemberId)),
        })
        .collect())
}

/// Whether `query` holds a word the full-text search looks for: not only words nearly every
/// text holds ("de het", "the of").
#[tracing::instrument(skip(conn, query))]
pub async fn has_words(conn: &mut Conn, query: &str) -> sqlx::Result<bool> {
    let words = sqlx::query_scalar!(r#"SELECT numnode(baton_search_query($1)) > 0 AS "words!""#, query)
        .fetch_one(conn)
        .await?;
    Ok(words)
}

/// One colleague's contacts with one of an organisation's people (or the organisation).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Acquaintance {
    pub member: MemberId,
    pub relation: RelationId,
    pub name: String,
    /// The person's role there, and whether they have left.
    pub role: Option<String>,
    pub left: bool,
    pub contacts: i64,
    pub last_at: DateTime<Utc>,
    pub last_summary: String,
    pub last_restricted: bool,
}

/// Who of us had contact with whom at the organisation (itself and everyone who worked
/// there), newest first.
#[tracing::instrument(skip(conn))]
pub async fn acquaintances(
    conn: &mut Conn,
    guild: GuildId,
    organisation: RelationId,
    limit: i64,
) -> sqlx::Result<Vec<Acquaintance>> {
    let rows = sqlx::query!(
        r#"WITH people AS (
               SELECT $2::bigint AS relation_id, NULL::text AS role, false AS left_it
               UNION ALL
               (SELECT DISTINCT ON (person_id) person_id, role, until IS NOT NULL
                FROM affiliations WHERE guild_id = $1 AND organisation_id = $2
                ORDER BY person_id, until IS NOT NULL, since DESC)
           )
           SELECT c.logged_by, c.relation_id, r.name, p.role, p.left_it AS "left_it!",
                  count(*) AS "contacts!", max(c.occurred_at) AS "last_at!",
                  (array_agg(c.summary ORDER BY c.occurred_at DESC, c.contact_id DESC))[1] AS "last_summary!",
                  (array_agg(c.restricted ORDER BY c.occurred_at DESC, c.contact_id DESC))[1] AS "last_restricted!"
           FROM people p
           JOIN contacts c ON c.guild_id = $1 AND c.relation_id = p.relation_id
           JOIN relations r ON r.guild_id = $1 AND r.relation_id = p.relation_id
           GROUP BY c.logged_by, c.relation_id, r.name, p.role, p.left_it
           ORDER BY max(c.occurred_at) DESC
           LIMIT $3"#,
        guild.0,
        organisation.0,
        limit
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| Acquaintance {
            member: MemberId(row.logged_by),
            relation: RelationId(row.relation_id),
            name: row.name,
            role: row.role,
            left: row.left_it,
            contacts: row.contacts,
            last_at: row.last_at,
            last_summary: row.last_summary,
            last_restricted: row.last_restricted,
        })
        .collect())
}

/// What one colleague holds at an organisation: open promises and coming appointments
/// with it or its current people.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Holder {
    pub member: MemberId,
    pub promises: i64,
    pub appointments: i64,
    /// The soonest due promise or coming appointment.
    pub next_at: DateTime<Utc>,
}

#[tracing::instrument(skip(conn))]
pub async fn holders(
    conn: &mut Conn,
    guild: GuildId,
    organisation: RelationId,
    now: DateTime<Utc>,
) -> sqlx::Result<Vec<Holder>> {
    let rows = sqlx::query!(
        r#"WITH people AS (
               SELECT $2::bigint AS relation_id
               UNION
               SELECT person_id FROM affiliations
               WHERE guild_id = $1 AND organisation_id = $2 AND until IS NULL
           ), items AS (
               SELECT c.owner_id AS member, 1 AS promise, 0 AS appointment, c.due_at AS at
               FROM commitments c JOIN people p USING (relation_id)
               WHERE c.guild_id = $1 AND c.status = 'open'
               UNION ALL
               SELECT a.owner_id, 0, 1, a.starts_at
               FROM appointments a JOIN people p USING (relation_id)
               WHERE a.guild_id = $1 AND a.status = 'scheduled' AND a.ends_at > $3
           )
           SELECT member AS "member!", sum(promise)::bigint AS "promises!", sum(appointment)::bigint AS "appointments!",
                  min(at) AS "next_at!"
           FROM items GROUP BY member ORDER BY min(at), member"#,
        guild.0,
        organisation.0,
        now
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| Holder {
            member: MemberId(row.member),
            promises: row.promises,
            appointments: row.appointments,
            next_at: row.next_at,
        })
        .collect())
}

/// Colleagues who logged a contact with the relation since `since`, for telling them it
/// changed.
#[tracing::instrument(skip(conn))]
pub async fn recent_colleagues(
    conn: &mut Conn,
    guild: GuildId,
    relation: RelationId,
    since: DateTime<Utc>,
) -> sqlx::Result<Vec<MemberId>> {
    let rows = sqlx::query_scalar!(
        "SELECT DISTINCT logged_by FROM contacts
         WHERE guild_id = $1 AND relation_id = $2 AND occurred_at >= $3
         ORDER BY logged_by",
        guild.0,
        relation.0,
        since
    )
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(MemberId).collect())
}
