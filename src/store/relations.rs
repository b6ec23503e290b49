//! Relations: lookup by name key (a merged relation's name leads to the one it was merged
//! into), creation, profiles, merging, and the name searches behind autocomplete.

use chrono::{DateTime, Utc};
use sqlx::postgres::types::PgInterval;

use super::Conn;
use crate::domain::profile::Cadence;
use crate::domain::relation::{RelationKind, RelationName};
use crate::domain::{GuildId, MemberId, RelationId};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RelationRow {
    pub id: RelationId,
    pub name: String,
}

/// Everything a relation's card shows of the relation itself.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Profile {
    pub id: RelationId,
    pub name: String,
    pub name_key: String,
    pub kind: Option<RelationKind>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub linkedin: Option<String>,
    pub tags: Vec<String>,
    pub keep_in_touch: Option<Cadence>,
    pub owner: Option<MemberId>,
    pub imported: bool,
    pub created_by: MemberId,
    pub created_at: DateTime<Utc>,
}

impl Profile {
    pub fn row(&self) -> RelationRow {
        RelationRow {
            id: self.id,
            name: self.name.clone(),
        }
    }
}

/// A relation being created: its name and whatever else was said about it.
#[derive(Clone, Debug)]
pub struct NewRelation<'a> {
    pub name: &'a RelationName,
    pub kind: Option<RelationKind>,
    pub email: Option<&'a str>,
    pub phone: Option<&'a str>,
    pub linkedin: Option<&'a str>,
    pub tags: &'a [String],
    pub keep_in_touch: Option<Cadence>,
    pub owner: Option<MemberId>,
    pub created_by: MemberId,
    pub now: DateTime<Utc>,
    /// The import that creates it, if any: its source.
    pub import_batch: Option<i64>,
}

impl<'a> NewRelation<'a> {
    /// A relation known only by its name, as the first contact with it creates it.
    pub fn named(name: &'a RelationName, created_by: MemberId, now: DateTime<Utc>) -> Self {
        NewRelation {
            name,
            kind: None,
            email: None,
            phone: None,
            linkedin: None,
            tags: &[],
            keep_in_touch: None,
            owner: None,
            created_by,
            now,
            import_batch: None,
        }
    }
}

fn interval(cadence: Option<Cadence>) -> Option<PgInterval> {
    cadence.map(|c| PgInterval {
        months: i32::try_from(c.months).unwrap_or(i32::MAX),
        days: i32::try_from(c.days).unwrap_or(i32::MAX),
        microseconds: 0,
    })
}

pub(super) fn cadence(interval: Option<PgInterval>) -> Option<Cadence> {
    let i = interval?;
    Some(Cadence {
        months: u32::try_from(i.months).ok()?,
        days: u32::try_from(i.days).ok()?,
    })
}

/// The relation of that name, following a merge to the relation it went into.
#[tracing::instrument(skip(conn, name))]
pub async fn find(conn: &mut Conn, guild: GuildId, name: &RelationName) -> sqlx::Result<Option<RelationRow>> {
    let row = sqlx::query!(
        "SELECT r.relation_id, r.name
         FROM relations named
         JOIN relations r ON r.guild_id = named.guild_id
                         AND r.relation_id = coalesce(named.merged_into, named.relation_id)
         WHERE named.guild_id = $1 AND named.name_key = $2",
        guild.0,
        name.key()
    )
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|row| RelationRow {
        id: RelationId(row.relation_id),
        name: row.name,
    }))
}

/// The relation whose own key this is, without following a merge, and whether it was
/// merged into another: a name in use, even as the name a merge left behind.
#[tracing::instrument(skip(conn))]
pub async fn owner_of_key(
    conn: &mut Conn,
    guild: GuildId,
    key: &str,
) -> sqlx::Result<Option<(RelationRow, bool)>> {
    let row = sqlx::query!(
        "SELECT relation_id, name, merged_into FROM relations WHERE guild_id = $1 AND name_key = $2",
        guild.0,
        key
    )
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|row| {
        let merged = row.merged_into.is_some();
        (
            RelationRow {
                id: RelationId(row.relation_id),
                name: row.name,
            },
            merged,
        )
    }))
}

/// Creates the relation, or returns `None` when one with that name exists (a concurrent
/// command may have created it first).
#[tracing::instrument(skip_all, fields(guild = %guild))]
pub async fn insert(
    conn: &mut Conn,
    guild: GuildId,
    new: &NewRelation<'_>,
) -> sqlx::Result<Option<RelationRow>> {
    let row = sqlx::query!(
        "INSERT INTO relations (guild_id, name, name_key, kind, email, phone, linkedin, tags,
                                keep_in_touch, owner_id, created_by, created_at, updated_at,
                                touch_since, next_nudge_at, source, import_batch_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12,
                 CASE WHEN $9::interval IS NOT NULL THEN $12::timestamptz END,
                 CASE WHEN $9::interval IS NOT NULL THEN 'epoch'::timestamptz END,
                 CASE WHEN $13::bigint IS NULL THEN 'chat' ELSE 'import' END, $13)
         ON CONFLICT (guild_id, name_key) DO NOTHING
         RETURNING relation_id, name",
        guild.0,
        new.name.as_str(),
        new.name.key(),
        new.kind.map(RelationKind::as_str),
        new.email,
        new.phone,
        new.linkedin,
        new.tags,
        interval(new.keep_in_touch) as Option<PgInterval>,
        new.owner.map(|m| m.0),
        new.created_by.0,
        new.now,
        new.import_batch
    )
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|row| RelationRow {
        id: RelationId(row.relation_id),
        name: row.name,
    }))
}

/// A relation's row as read, before its words become types.
struct ProfileRecord {
    relation_id: i64,
    name: String,
    name_key: String,
    kind: Option<String>,
    email: Option<String>,
    phone: Option<String>,
    linkedin: Option<String>,
    tags: Vec<String>,
    keep_in_touch: Option<PgInterval>,
    owner_id: Option<i64>,
    source: String,
    created_by: i64,
    created_at: DateTime<Utc>,
}

impl From<ProfileRecord> for Profile {
    fn from(r: ProfileRecord) -> Profile {
        Profile {
            id: RelationId(r.relation_id),
            name: r.name,
            name_key: r.name_key,
            kind: r.kind.as_deref().and_then(RelationKind::parse),
            email: r.email,
            phone: r.phone,
            linkedin: r.linkedin,
            tags: r.tags,
            keep_in_touch: cadence(r.keep_in_touch),
            owner: r.owner_id.map(MemberId),
            imported: r.source == "import",
            created_by: MemberId(r.created_by),
            created_at: r.created_at,
        }
    }
}

/// The relation's profile.
#[tracing::instrument(skip(conn))]
pub async fn profile(conn: &mut Conn, guild: GuildId, id: RelationId) -> sqlx::Result<Option<Profile>> {
    let row = sqlx::query_as!(
        ProfileRecord,
        "SELECT relation_id, name, name_key, kind, email, phone, linkedin, tags, keep_in_touch,
                owner_id, source, created_by, created_at
         FROM relations WHERE guild_id = $1 AND relation_id = $2",
        guild.0,
        id.0
    )
    .fetch_optional(conn)
    .await?;
    Ok(row.map(Profile::from))
}

/// The relation's profile, held until the transaction ends, so that two edits, or a merge
/// and an edit, do not interleave.
#[tracing::instrument(skip(conn))]
pub async fn lock(conn: &mut Conn, guild: GuildId, id: RelationId) -> sqlx::Result<Option<Profile>> {
    let row = sqlx::query_as!(
        ProfileRecord,
        "SELECT relation_id, name, name_key, kind, email, phone, linkedin, tags, keep_in_touch,
                owner_id, source, created_by, created_at
         FROM relations WHERE guild_id = $1 AND relation_id = $2
         FOR UPDATE",
        guild.0,
        id.0
    )
    .fetch_optional(conn)
    .await?;
    Ok(row.map(Profile::from))
}

/// Writes a profile's editable fields back. Refused by the database (a unique violation)
/// when the new name is another relation's.
#[tracing::instrument(skip_all, fields(guild = %guild, relation = %profile.id))]
pub async fn update(
    conn: &mut Conn,
    guild: GuildId,
    profile: &Profile,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query!(
        "UPDATE relations SET name = $3, name_key = $4, kind = $5, email = $6, phone = $7,
                linkedin = $8, tags = $9, keep_in_touch = $10::interval, owner_id = $11, updated_at = $12,
                touch_since = CASE WHEN $10 IS NULL THEN NULL
                                   WHEN keep_in_touch IS NULL THEN $12 ELSE touch_since END,
                touch_series = CASE WHEN keep_in_touch IS NULL AND $10 IS NOT NULL THEN touch_series + 1
                                    ELSE touch_series END,
                next_nudge_at = CASE WHEN $10 IS NOT NULL THEN 'epoch'::timestamptz END
         WHERE guild_id = $1 AND relation_id = $2",
        guild.0,
        profile.id.0,
        profile.name,
        profile.name_key,
        profile.kind.map(RelationKind::as_str),
        profile.email,
        profile.phone,
        profile.linkedin,
        &profile.tags,
        interval(profile.keep_in_touch) as Option<PgInterval>,
        profile.owner.map(|m| m.0),
        now
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Says what a relation of unknown kind is, once it is used as one.
#[tracing::instrument(skip(conn))]
pub async fn settle_kind(
    conn: &mut Conn,
    guild: GuildId,
    id: RelationId,
    kind: RelationKind,
) -> sqlx::Result<()> {
    sqlx::query!(
        "UPDATE relations SET kind = $3 WHERE guild_id = $1 AND relation_id = $2 AND kind IS NULL",
        guild.0,
        id.0,
        kind.as_str()
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// What moved in a merge.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Moved {
    pub contacts: u64,
    pub commitments: u64,
    pub handovers: u64,
    pub appointments: u64,
    pub affiliations: u64,
}

/// Moves everything of `remove` to `keep`: contacts, commitments, handovers, appointments,
/// affiliations on either side, and the relations merged into it before. `remove` stays as
/// a row merged into `keep`, so its name leads there and the events about it keep their
/// subject. Both rows must be locked by the caller.
#[tracing::instrument(skip(conn))]
pub async fn merge(
    conn: &mut Conn,
    guild: GuildId,
    keep: RelationId,
    remove: RelationId,
    now: DateTime<Utc>,
) -> sqlx::Result<Moved> {
    let (g, k, r) = (guild.0, keep.0, remove.0);
    let moved = sqlx::query!(
        r#"WITH contacts AS (
               UPDATE contacts SET relation_id = $2 WHERE guild_id = $1 AND relation_id = $3 RETURNING 1
           ), commitments AS (
               UPDATE commitments SET relation_id = $2 WHERE guild_id = $1 AND relation_id = $3 RETURNING 1
           ), handovers AS (
               UPDATE handovers SET relation_id = $2 WHERE guild_id = $1 AND relation_id = $3 RETURNING 1
           ), appointments AS (
               UPDATE appointments SET relation_id = $2 WHERE guild_id = $1 AND relation_id = $3 RETURNING 1
           )
           SELECT (SELECT count(*) FROM contacts) AS "contacts!",
                  (SELECT count(*) FROM commitments) AS "commitments!",
                  (SELECT count(*) FROM handovers) AS "handovers!",
                  (SELECT count(*) FROM appointments) AS "appointments!""#,
        g,
        k,
        r
    )
    .fetch_one(&mut *conn)
    .await?;
    let count = |n: i64| u64::try_from(n).unwrap_or(0);
    // An affiliation between the two would make the kept relation its own organisation:
    // it ends, and stays as history of the removed one.
    sqlx::query!(
        "UPDATE affiliations SET until = coalesce(least(until, $4), $4)
         WHERE guild_id = $1 AND ((person_id = $2 AND organisation_id = $3)
                               OR (person_id = $3 AND organisation_id = $2))",
        g,
        k,
        r,
        now
    )
    .execute(&mut *conn)
    .await?;
    let affiliations = sqlx::query!(
        "WITH a AS (
             UPDATE affiliations SET person_id = $2
             WHERE guild_id = $1 AND person_id = $3 AND organisation_id <> $2
             RETURNING 1
         ), b AS (
             UPDATE affiliations SET organisation_id = $2
             WHERE guild_id = $1 AND organisation_id = $3 AND person_id <> $2
             RETURNING 1
         )
         SELECT (SELECT count(*) FROM a) + (SELECT count(*) FROM b) AS \"moved!\"",
        g,
        k,
        r
    )
    .fetch_one(&mut *conn)
    .await?
    .moved;
    sqlx::query!(
        "UPDATE relations SET merged_into = $2, updated_at = $4, next_nudge_at = NULL
         WHERE guild_id = $1 AND (relation_id = $3 OR merged_into = $3)",
        g,
        k,
        r,
        now
    )
    .execute(&mut *conn)
    .await?;
    Ok(Moved {
        contacts: count(moved.contacts),
        commitments: count(moved.commitments),
        handovers: count(moved.handovers),
        appointments: count(moved.appointments),
        affiliations: count(affiliations),
    })
}

/// The relations merged into this one (their ids keep the events about them).
#[tracing::instrument(skip(conn))]
pub async fn merged_into(conn: &mut Conn, guild: GuildId, id: RelationId) -> sqlx::Result<Vec<RelationRow>> {
    let rows = sqlx::query!(
        "SELECT relation_id, name FROM relations WHERE guild_id = $1 AND merged_into = $2 ORDER BY updated_at",
        guild.0,
        id.0
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| RelationRow {
            id: RelationId(row.relation_id),
            name: row.name,
        })
        .collect())
}

/// A relation offered while typing: its name, kind and, for a person, where they work now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Choice {
    pub name: String,
    pub kind: Option<RelationKind>,
    pub organisation: Option<String>,
}

/// Relations for a partly typed key: names starting with it (in order), then names
/// containing it, then names in which most of what was typed occurs (a typo), at most
/// `limit`, merged ones left out. The
/// query is its own file, so `cargo bench --bench search` can run it as it stands.
#[tracing::instrument(skip(conn))]
pub async fn suggest(conn: &mut Conn, guild: GuildId, key: &str, limit: i64) -> sqlx::Result<Vec<Choice>> {
    let after = prefix_end(key);
    let pattern = super::like_escape(key);
    let rows = sqlx::query_file!(
        "src/store/sql/suggest_relations.sql",
        guild.0,
        key,
        after,
        pattern,
        limit
    )
    // Planned for what was typed each time: a plan for any key cannot know how many names
    // a key matches.
    .fetch_all(super::Unprepared(conn))
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| Choice {
            name: row.name,
            kind: row.kind.as_deref().and_then(RelationKind::parse),
            organisation: row.organisation,
        })
        .collect())
}

/// The first key after every key that starts with `key`, in byte order: `key` with its last
/// character raised by one ("gem" → "gen"). Empty for an empty key: every key is after it.
pub fn prefix_end(key: &str) -> String {
    let mut chars: Vec<char> = key.chars().collect();
    while let Some(last) = chars.pop() {
        if let Some(next) = char::from_u32(u32::from(last) + 1) {
            chars.push(next);
            return chars.into_iter().collect();
        }
    }
    // Only an empty key (or one of unraisable characters) gets here: no upper bound.
    "\u{10FFFF}".to_string()
}

/// The relations a member logged contacts with most recently, for an empty autocomplete.
#[tracing::instrument(skip(conn))]
pub async fn recent_for(
    conn: &mut Conn,
    guild: GuildId,
    member: MemberId,
    limit: i64,
) -> sqlx::Result<Vec<Choice>> {
    let rows = sqlx::query!(
        r#"SELECT r.name, r.kind, org.name AS "organisation?" FROM (
               SELECT relation_id, max(created_at) AS last
               FROM (SELECT relation_id, created_at FROM contacts
                     WHERE guild_id = $1 AND logged_by = $2
                     ORDER BY created_at DESC LIMIT 200) recent
               GROUP BY relation_id
           ) mine
           JOIN relations r ON r.guild_id = $1 AND r.relation_id = mine.relation_id
           LEFT JOIN LATERAL (
               SELECT o.name FROM affiliations a
               JOIN relations o ON o.guild_id = a.guild_id AND o.relation_id = a.organisation_id
               WHERE a.guild_id = $1 AND a.person_id = r.relation_id AND a.until IS NULL
               ORDER BY a.since DESC LIMIT 1
           ) org ON true
           ORDER BY mine.last DESC
           LIMIT $3"#,
        guild.0,
        member.0,
        limit
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| Choice {
            name: row.name,
            kind: row.kind.as_deref().and_then(RelationKind::parse),
            organisation: row.organisation,
        })
        .collect())
}

/// Names that look like `key`, for "did you mean" after a typo and for offering an
/// existing relation instead of a near-duplicate: (name, key), most alike first.
#[tracing::instrument(skip(conn))]
pub async fn similar(
    conn: &mut Conn,
    guild: GuildId,
    key: &str,
    limit: i64,
) -> sqlx::Result<Vec<(String, String)>> {
    let rows = sqlx::query!(
        r#"SELECT name, name_key FROM relations
           WHERE guild_id = $1 AND merged_into IS NULL AND name_key % $2
           ORDER BY similarity(name_key, $2) DESC, name_key
           LIMIT $3"#,
        guild.0,
        key,
        limit
    )
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(|row| (row.name, row.name_key)).collect())
}

#[cfg(test)]
mod tests {
    use super::prefix_end;

    #[test]
    fn a_prefix_ends_just_after_its_last_character() {
        assert_eq!(prefix_end("gem"), "gen");
        assert_eq!(prefix_end("zo"), "zp");
        assert_eq!(prefix_end("a "), "a!");
        assert!(prefix_end("").as_str() > "zzzz");
        assert!(prefix_end("gem").as_str() > "gemeente utrecht");
    }
}
