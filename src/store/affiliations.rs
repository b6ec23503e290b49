//! Affiliations: a person's places in organisations over time.

use chrono::{DateTime, Utc};

use super::Conn;
use crate::domain::affiliation::Period;
use crate::domain::{GuildId, MemberId, RelationId};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AffiliationRow {
    pub id: i64,
    pub person: RelationId,
    pub person_name: String,
    pub organisation: RelationId,
    pub organisation_name: String,
    pub role: Option<String>,
    pub since: DateTime<Utc>,
    pub until: Option<DateTime<Utc>>,
}

impl AffiliationRow {
    pub fn period(&self) -> Period {
        Period {
            organisation: self.organisation,
            since: self.since,
            until: self.until,
        }
    }
}

/// A person's affiliations, or an organisation's people (`of_organisation`), newest first.
#[tracing::instrument(skip(conn))]
pub async fn of(
    conn: &mut Conn,
    guild: GuildId,
    relation: RelationId,
    of_organisation: bool,
) -> sqlx::Result<Vec<AffiliationRow>> {
    let rows = sqlx::query!(
        "SELECT a.affiliation_id, a.person_id, p.name AS person_name, a.organisation_id,
                o.name AS organisation_name, a.role, a.since, a.until
         FROM affiliations a
         JOIN relations p ON p.guild_id = a.guild_id AND p.relation_id = a.person_id
         JOIN relations o ON o.guild_id = a.guild_id AND o.relation_id = a.organisation_id
         WHERE a.guild_id = $1 AND (CASE WHEN $3 THEN a.organisation_id ELSE a.person_id END) = $2
         ORDER BY a.until IS NOT NULL, a.since DESC, a.affiliation_id DESC",
        guild.0,
        relation.0,
        of_organisation
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| AffiliationRow {
            id: row.affiliation_id,
            person: RelationId(row.person_id),
            person_name: row.person_name,
            organisation: RelationId(row.organisation_id),
            organisation_name: row.organisation_name,
            role: row.role,
            since: row.since,
            until: row.until,
        })
        .collect())
}

/// How many people an organisation has had, or a person places (`as_person`).
#[tracing::instrument(skip(conn))]
pub async fn count(
    conn: &mut Conn,
    guild: GuildId,
    relation: RelationId,
    as_person: bool,
) -> sqlx::Result<i64> {
    sqlx::query_scalar!(
        r#"SELECT count(*) AS "n!" FROM affiliations
           WHERE guild_id = $1 AND (CASE WHEN $3 THEN person_id ELSE organisation_id END) = $2"#,
        guild.0,
        relation.0,
        as_person
    )
    .fetch_one(conn)
    .await
}

#[derive(Clone, Debug)]
pub struct NewAffiliation<'a> {
    pub person: RelationId,
    pub organisation: RelationId,
    pub role: Option<&'a str>,
    pub since: DateTime<Utc>,
    pub created_by: MemberId,
    pub now: DateTime<Utc>,
}

#[tracing::instrument(skip_all, fields(guild = %guild))]
pub async fn insert(conn: &mut Conn, guild: GuildId, new: &NewAffiliation<'_>) -> sqlx::Result<i64> {
    sqlx::query_scalar!(
        "INSERT INTO affiliations (guild_id, person_id, organisation_id, role, since, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         RETURNING affiliation_id",
        guild.0,
        new.person.0,
        new.organisation.0,
        new.role,
        new.since,
        new.created_by.0,
        new.now
    )
    .fetch_one(conn)
    .await
}

/// Ends these affiliations at `until`.
#[tracing::instrument(skip(conn))]
pub async fn close(conn: &mut Conn, guild: GuildId, ids: &[i64], until: DateTime<Utc>) -> sqlx::Result<()> {
    sqlx::query!(
        "UPDATE affiliations SET until = greatest($3, since)
         WHERE guild_id = $1 AND affiliation_id = ANY($2) AND until IS NULL",
        guild.0,
        ids,
        until
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Corrects an affiliation: another organisation or role, the period unchanged.
#[tracing::instrument(skip(conn, role))]
pub async fn correct(
    conn: &mut Conn,
    guild: GuildId,
    id: i64,
    organisation: RelationId,
    role: Option<&str>,
) -> sqlx::Result<()> {
    sqlx::query!(
        "UPDATE affiliations SET organisation_id = $3, role = $4 WHERE guild_id = $1 AND affiliation_id = $2",
        guild.0,
        id,
        organisation.0,
        role
    )
    .execute(conn)
    .await?;
    Ok(())
}
