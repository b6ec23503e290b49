//! Creating a relation the first time someone names it, with the event that records it.

use chrono::{DateTime, Utc};
use serde_json::json;

use super::{CommandError, Request, UserError};
use crate::domain::relation::{RelationKind, RelationName};
use crate::store::events::NewEvent;
use crate::store::relations::RelationRow;
use crate::store::{self, Conn};

/// Creates the relation and records `relation.created`; `None` when a concurrent command
/// created it first (it is there to use).
pub(super) async fn create(
    conn: &mut Conn,
    req: &Request,
    name: &RelationName,
    now: DateTime<Utc>,
) -> Result<Option<RelationRow>, CommandError> {
    let Some(relation) = store::relations::insert(conn, req.guild, name, req.actor.id, now).await? else {
        return Ok(None);
    };
    let event = NewEvent {
        action: "relation.created",
        subject_kind: "relation",
        subject_id: relation.id.0,
        relation: Some(relation.id),
        detail: json!({ "kind": RelationKind::Organisation.as_str() }),
    };
    store::events::record(conn, req.guild, now, req.actor.id, &[event]).await?;
    Ok(Some(relation))
}

/// The relation of that name, created when it is new; says whether it was.
pub(super) async fn find_or_create(
    conn: &mut Conn,
    req: &Request,
    name: &RelationName,
    now: DateTime<Utc>,
) -> Result<(RelationRow, bool), CommandError> {
    if let Some(relation) = store::relations::find(conn, req.guild, name).await? {
        return Ok((relation, false));
    }
    if let Some(relation) = create(conn, req, name, now).await? {
        return Ok((relation, true));
    }
    match store::relations::find(conn, req.guild, name).await? {
        Some(relation) => Ok((relation, false)),
        None => Err(CommandError::internal(&sqlx::Error::RowNotFound)),
    }
}

/// The relation typed into the `relation` option, as a name.
pub(super) fn read_name(typed: &str) -> Result<RelationName, UserError> {
    RelationName::parse(typed).map_err(|problem| UserError::Text {
        option: "relation",
        problem,
    })
}

/// The existing relation of that name; refused, with the names it may have meant, when
/// there is none.
pub(super) async fn existing(
    conn: &mut Conn,
    req: &Request,
    name: &RelationName,
) -> Result<RelationRow, CommandError> {
    if let Some(relation) = store::relations::find(conn, req.guild, name).await? {
        return Ok(relation);
    }
    let suggestions = store::relations::similar(conn, req.guild, name.key(), 3).await?;
    Err(UserError::UnknownRelation {
        name: name.as_str().to_string(),
        suggestions,
    }
    .into())
}
