//! `/relation search` (names, roles, organisations and contact summaries, Dutch- and
//! English-aware) and `/relation who` (who of us knows whom at an organisation).

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use crate::core::{Body, CommandError, Env, RelationError, Reply, Request, UserError, Visibility};
use crate::domain::relation::RelationKind;
use crate::domain::text::TextError;
use crate::domain::{MemberId, RelationId};
use crate::store;
use crate::store::relation_search::{Hit, Holder, Reader};

/// Hits a search shows: what fits one message.
pub const SEARCH_HITS: i64 = 15;
/// Colleague–person pairs `who` shows at most.
const WHO_ROWS: i64 = 25;
pub const QUERY_MAX: usize = 100;

#[derive(Clone, Debug)]
pub struct RelationSearch {
    pub query: String,
    pub hits: Vec<Hit>,
}

#[tracing::instrument(skip_all, fields(command = "relation search", guild = %req.guild, actor = %req.actor.id))]
pub async fn search(env: &Env, req: &Request, query: &str) -> Result<Reply, CommandError> {
    let (frame, settings) = env.begin(req).await?;
    let query = read_query(query)?;
    let reader = Reader {
        member: req.actor.id,
        all: req.actor.reads_all_restricted(&settings),
    };
    let mut conn = env.pool.acquire().await?;
    let hits = store::relation_search::search(&mut conn, req.guild, &query, reader, SEARCH_HITS).await?;
    // Words like "de" or "the" are left out of a search, as nearly every note holds them; a
    // query of only such words can still find a name, else it found nothing to look for.
    if hits.is_empty() && !store::relation_search::has_words(&mut conn, &query).await? {
        return Err(RelationError::SearchCommonWords.into());
    }
    let people: Vec<MemberId> = hits.iter().filter_map(|h| h.contact.map(|(_, by)| by)).collect();
    let names = crate::core::names_with(&mut conn, req.guild, &people).await?;
    let mut reply = Reply::new(
        Body::RelationSearch(RelationSearch { query, hits }),
        Visibility::Private,
        frame,
    );
    reply.names = names;
    Ok(reply)
}

/// A search query: trimmed, with something to look for, not too long.
fn read_query(query: &str) -> Result<String, UserError> {
    // Control characters (a NUL cannot even reach PostgreSQL) count as spaces.
    let spaced: String = query
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let trimmed = spaced.split_whitespace().collect::<Vec<_>>().join(" ");
    if !trimmed.chars().any(char::is_alphanumeric) {
        return Err(RelationError::SearchEmpty.into());
    }
    let len = trimmed.chars().count();
    if len > QUERY_MAX {
        return Err(UserError::Text {
            option: "query",
            problem: TextError::TooLong { max: QUERY_MAX, len },
        });
    }
    Ok(trimmed)
}

/// One colleague's contacts with one person there.
#[derive(Clone, Debug)]
pub struct Acquainted {
    pub member: MemberId,
    pub relation: RelationId,
    pub name: String,
    pub role: Option<String>,
    pub left: bool,
    pub contacts: i64,
    pub last_at: DateTime<Utc>,
    /// The last contact's summary; `None` when it is restricted and not the reader's to see.
    pub last_summary: Option<String>,
}

#[derive(Clone, Debug)]
pub struct RelationWho {
    pub organisation: String,
    pub acquainted: Vec<Acquainted>,
    pub holders: Vec<Holder>,
}

#[tracing::instrument(skip_all, fields(command = "relation who", guild = %req.guild, actor = %req.actor.id))]
pub async fn who(env: &Env, req: &Request, organisation: &str) -> Result<Reply, CommandError> {
    let (frame, settings) = env.begin(req).await?;
    let name = super::read_name_of("organisation", organisation)?;
    let mut conn = env.pool.acquire().await?;
    let org = super::existing(&mut conn, req, &name).await?;
    let profile = store::relations::profile(&mut conn, req.guild, org.id)
        .await?
        .ok_or_else(|| CommandError::internal(&sqlx::Error::RowNotFound))?;
    if profile.kind == Some(RelationKind::Person) {
        return Err(RelationError::WrongKind {
            option: "organisation",
            name: org.name,
            kind: RelationKind::Person,
        }
        .into());
    }
    let rows = store::relation_search::acquaintances(&mut conn, req.guild, org.id, WHO_ROWS).await?;
    let holders = store::relation_search::holders(&mut conn, req.guild, org.id, frame.now).await?;
    let people: Vec<MemberId> = rows
        .iter()
        .map(|r| r.member)
        .chain(holders.iter().map(|h| h.member))
        .collect();
    let names: HashMap<MemberId, String> = crate::core::names_with(&mut conn, req.guild, &people).await?;
    let acquainted = rows
        .into_iter()
        .map(|row| {
            // Each row is one colleague's contacts, so its last one is theirs.
            let readable = !row.last_restricted || req.actor.reads_restricted(row.member, &settings);
            Acquainted {
                member: row.member,
                relation: row.relation,
                name: row.name,
                role: row.role,
                left: row.left,
                contacts: row.contacts,
                last_at: row.last_at,
                last_summary: readable.then_some(row.last_summary),
            }
        })
        .collect();
    let who = RelationWho {
        organisation: org.name,
        acquainted,
        holders,
    };
    let mut reply = Reply::new(Body::RelationWho(who), Visibility::Private, frame);
    reply.names = names;
    Ok(reply)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_query_needs_something_to_look_for() {
        assert_eq!(
            read_query("  offerte   gemeente "),
            Ok("offerte gemeente".to_string())
        );
        assert_eq!(read_query(" - \"\" "), Err(RelationError::SearchEmpty.into()));
        assert!(matches!(
            read_query(&"a".repeat(QUERY_MAX + 1)),
            Err(UserError::Text { .. })
        ));
    }
}
