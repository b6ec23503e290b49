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

/// An `AffiliationRow` from a row that has its columns under their own names.
macro_rules! affiliation_row {
    ($row:ident) => {
        AffiliationRow {
            id: $row.affiliation_id,
            person: RelationId($row.person_id),
            person_name: $row.person_name,
            organisation: RelationId($row.organisation_id),
            organisation_name: $row.organisation_name,
            role: $row.role,
            since: $row.since,
            until: $row.until,
        }
    };
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
    Ok(rows.into_iter().map(|row| affiliation_row!(row)).collect())
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
    /// The import that records it, if any.
    pub import_batch: Option<i64>,
}

#[tracing::instrument(skip_all, fields(guild = %guild))]
pub async fn insert(conn: &mut Conn, guild: GuildId, new: &NewAffiliation<'_>) -> sqlx::Result<i64> {
    sqlx::query_scalar!(
        "INSERT INTO affiliations (guild_id, person_id, organisation_id, role, since, created_by, created_at,
                                   import_batch_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         RETURNING affiliation_id",
        guild.0,
        new.person.0,
        new.organisation.0,
        new.role,
        new.since,
        new.created_by.0,
        new.now,
        new.import_batch
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

/// Records one move notice per colleague, each a delivery of its own sent by direct message
/// from `at`. A colleague already told of this affiliation is not told again.
#[tracing::instrument(skip(conn))]
pub async fn record_notices(
    conn: &mut Conn,
    guild: GuildId,
    affiliation: i64,
    members: &[MemberId],
    at: DateTime<Utc>,
) -> sqlx::Result<()> {
    if members.is_empty() {
        return Ok(());
    }
    let ids = super::deliveries::allocate(conn, members.len() as i64).await?;
    let targets: Vec<super::deliveries::Target> = members
        .iter()
        .map(|m| super::deliveries::Target::Direct(*m))
        .collect();
    super::deliveries::insert(
        conn,
        &vec![guild; members.len()],
        &ids,
        &targets,
        super::deliveries::DeliveryKind::Notice,
        at,
    )
    .await?;
    let members: Vec<i64> = members.iter().map(|m| m.0).collect();
    sqlx::query!(
        "INSERT INTO move_notices (guild_id, delivery_id, member_id, affiliation_id)
         SELECT $1, n.delivery, n.member, $2 FROM UNNEST($3::bigint[], $4::bigint[]) AS n(delivery, member)",
        guild.0,
        affiliation,
        &ids,
        &members
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// What a move notice delivery tells, and to whom: the affiliation as it is now, and who
/// recorded it.
#[tracing::instrument(skip(conn))]
pub async fn notice_of(
    conn: &mut Conn,
    guild: GuildId,
    delivery: i64,
) -> sqlx::Result<Option<(MemberId, AffiliationRow, MemberId)>> {
    let row = sqlx::query!(
        "SELECT n.member_id, a.affiliation_id, a.person_id, p.name AS person_name, a.organisation_id,
                o.name AS organisation_name, a.role, a.since, a.until, a.created_by
         FROM move_notices n
         JOIN affiliations a ON a.guild_id = n.guild_id AND a.affiliation_id = n.affiliation_id
         JOIN relations p ON p.guild_id = a.guild_id AND p.relation_id = a.person_id
         JOIN relations o ON o.guild_id = a.guild_id AND o.relation_id = a.organisation_id
         WHERE n.guild_id = $1 AND n.delivery_id = $2",
        guild.0,
        delivery
    )
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|row| {
        let (member, by) = (MemberId(row.member_id), MemberId(row.created_by));
        (member, affiliation_row!(row), by)
    }))
}
