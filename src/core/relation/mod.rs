//! Relations: finding one by name, creating one the first time someone names it (offering
//! the existing one when a new name is close to it), and the address-book commands.

mod book;
mod change;
mod forget;
mod search;

pub use book::{add, edit, show, AddRelation, CardChange, Details, EditRelation, RelationCard};
pub use change::{merge, move_person, MergeRelations, MoveRelation, RelationMoved, RelationsMerged};
pub use forget::{confirm as confirm_forget, forget, masked_name, ForgetPerson, Forgetting};
pub use search::{search, who, Acquainted, RelationSearch, RelationWho, QUERY_MAX, SEARCH_HITS};

use chrono::{DateTime, Utc};
use serde_json::json;

use super::{CommandError, RelationError, Request, UserError};
use crate::domain::relation::{self, RelationKind, RelationName};
use crate::store::events::NewEvent;
use crate::store::relations::{NewRelation, RelationRow};
use crate::store::{self, Conn};

/// Existing names offered at most instead of creating a near-duplicate.
const NEAR_OFFERED: i64 = 3;

/// Creates the relation and records `relation.created`; `None` when a concurrent command
/// created it first (it is there to use). Unless `allow_new`, a name close to existing ones
/// is refused with those names, for the option `option`.
pub(super) async fn create(
    conn: &mut Conn,
    req: &Request,
    option: &'static str,
    new: &NewRelation<'_>,
    allow_new: bool,
) -> Result<Option<RelationRow>, CommandError> {
    if !allow_new {
        refuse_near_duplicates(conn, req, option, new.name).await?;
    }
    let Some(relation) = store::relations::insert(conn, req.guild, new).await? else {
        return Ok(None);
    };
    let event = NewEvent {
        action: "relation.created",
        subject_kind: "relation",
        subject_id: relation.id.0,
        relation: Some(relation.id),
        detail: json!({ "kind": new.kind.map(RelationKind::as_str), "source": "chat" }),
    };
    store::events::record(conn, req.guild, new.now, req.actor.id, &[event]).await?;
    Ok(Some(relation))
}

/// Refuses a new name when existing relations look like it ("Gemeente Den Hag" while
/// "Gemeente Den Haag" exists), naming them.
async fn refuse_near_duplicates(
    conn: &mut Conn,
    req: &Request,
    option: &'static str,
    name: &RelationName,
) -> Result<(), CommandError> {
    let existing: Vec<String> = store::relations::similar(conn, req.guild, name.key(), NEAR_OFFERED)
        .await?
        .into_iter()
        .filter(|(_, key)| relation::near_duplicate(name.key(), key))
        .map(|(name, _)| name)
        .collect();
    if existing.is_empty() {
        return Ok(());
    }
    Err(RelationError::NearDuplicate {
        option,
        name: name.as_str().to_string(),
        existing,
    }
    .into())
}

/// The relation of that name, created when it is new; says whether it was.
pub(super) async fn find_or_create(
    conn: &mut Conn,
    req: &Request,
    name: &RelationName,
    allow_new: bool,
    now: DateTime<Utc>,
) -> Result<(RelationRow, bool), CommandError> {
    if let Some(relation) = store::relations::find(conn, req.guild, name).await? {
        return Ok((relation, false));
    }
    let new = NewRelation::named(name, req.actor.id, now);
    if let Some(relation) = create(conn, req, "relation", &new, allow_new).await? {
        return Ok((relation, true));
    }
    match store::relations::find(conn, req.guild, name).await? {
        Some(relation) => Ok((relation, false)),
        None => Err(CommandError::internal(&sqlx::Error::RowNotFound)),
    }
}

/// The name of a relation a button carries by id, looked up in the guild acting.
pub async fn name_of(
    env: &super::Env,
    req: &Request,
    id: crate::domain::RelationId,
) -> Result<String, CommandError> {
    let mut conn = env.pool.acquire().await?;
    match store::relations::profile(&mut conn, req.guild, id).await? {
        Some(profile) => Ok(profile.name),
        None => Err(UserError::UnknownRelation {
            name: id.0.to_string(),
            suggestions: Vec::new(),
        }
        .into()),
    }
}

/// The relation typed into the `relation` option, as a name.
pub(super) fn read_name(typed: &str) -> Result<RelationName, UserError> {
    read_name_of("relation", typed)
}

/// A relation's name typed into `option`.
pub(crate) fn read_name_of(option: &'static str, typed: &str) -> Result<RelationName, UserError> {
    RelationName::parse(typed).map_err(|problem| UserError::Text { option, problem })
}

/// The existing relation of that name; refused, with the names it may have meant, when
/// there is none.
pub(crate) async fn existing(
    conn: &mut Conn,
    req: &Request,
    name: &RelationName,
) -> Result<RelationRow, CommandError> {
    if let Some(relation) = store::relations::find(conn, req.guild, name).await? {
        return Ok(relation);
    }
    let suggestions = store::relations::similar(conn, req.guild, name.key(), 3)
        .await?
        .into_iter()
        .map(|(name, _)| name)
        .collect();
    Err(UserError::UnknownRelation {
        name: name.as_str().to_string(),
        suggestions,
    }
    .into())
}

/// The existing relation of that name, checked to be (or made, when nobody said yet) a
/// relation of `kind`.
async fn existing_of_kind(
    conn: &mut Conn,
    req: &Request,
    option: &'static str,
    name: &RelationName,
    kind: RelationKind,
) -> Result<RelationRow, CommandError> {
    let relation = existing(conn, req, name).await?;
    settle_kind(conn, req, option, &relation, kind).await?;
    Ok(relation)
}

/// Makes a relation of unknown kind one of `kind`; refuses one of the other kind.
async fn settle_kind(
    conn: &mut Conn,
    req: &Request,
    option: &'static str,
    relation: &RelationRow,
    kind: RelationKind,
) -> Result<(), CommandError> {
    let profile = store::relations::profile(conn, req.guild, relation.id)
        .await?
        .ok_or_else(|| CommandError::internal(&sqlx::Error::RowNotFound))?;
    match profile.kind {
        Some(known) if known != kind => Err(RelationError::WrongKind {
            option,
            name: relation.name.clone(),
            kind: known,
        }
        .into()),
        Some(_) => Ok(()),
        None => Ok(store::relations::settle_kind(conn, req.guild, relation.id, kind).await?),
    }
}

/// How a person's organisation is found: an existing organisation, or one created when
/// the command creates new ones (`/relation move to:`) or the person said so.
#[derive(Clone, Copy, Debug)]
struct OrganisationLookup {
    option: &'static str,
    /// A name that is not a relation yet becomes one.
    creates: bool,
    /// Create it even when it looks like an existing one.
    allow_new: bool,
}

/// The organisation typed into `lookup.option`, and whether it was created.
async fn organisation(
    conn: &mut Conn,
    req: &Request,
    typed: &str,
    lookup: OrganisationLookup,
    now: DateTime<Utc>,
) -> Result<(RelationRow, bool), CommandError> {
    let name = read_name_of(lookup.option, typed)?;
    if let Some(found) = store::relations::find(conn, req.guild, &name).await? {
        settle_kind(conn, req, lookup.option, &found, RelationKind::Organisation).await?;
        return Ok((found, false));
    }
    if !lookup.creates && !lookup.allow_new {
        refuse_near_duplicates(conn, req, lookup.option, &name).await?;
        return Err(RelationError::UnknownOrganisation {
            name: name.as_str().to_string(),
        }
        .into());
    }
    let new = NewRelation {
        kind: Some(RelationKind::Organisation),
        ..NewRelation::named(&name, req.actor.id, now)
    };
    match create(conn, req, lookup.option, &new, lookup.allow_new).await? {
        Some(created) => Ok((created, true)),
        None => {
            let found = existing_of_kind(conn, req, lookup.option, &name, RelationKind::Organisation).await?;
            Ok((found, false))
        }
    }
}
