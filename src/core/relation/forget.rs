//! `/relation forget`: erasing a person's personal data on request. An admin first sees
//! what would be erased and what is kept; only the confirmation erases, in one transaction.

use serde_json::json;

use crate::core::{Action, Body, CommandError, Env, RelationError, Reply, Request, UserError, Visibility};
use crate::domain::relation::RelationKind;
use crate::domain::RelationId;
use crate::i18n::{say, Msg};
use crate::store::erasure::{Erased, Masks};
use crate::store::events::NewEvent;
use crate::store::{self};

#[derive(Clone, Debug, Default)]
pub struct ForgetPerson {
    pub person: String,
    /// Erase now, without the preview (the console's second step).
    pub confirm: bool,
}

#[derive(Clone, Debug)]
pub enum Forgetting {
    /// What would be erased; nothing is yet.
    Preview {
        relation: RelationId,
        name: String,
        erased: Erased,
    },
    /// Erased: the name it goes by now, and what was overwritten.
    Done { masked: String, erased: Erased },
}

/// Shows what erasing the person would take, with a button to do it; with `confirm`,
/// erases. Admins only: it cannot be undone.
#[tracing::instrument(skip_all, fields(command = "relation forget", guild = %req.guild, actor = %req.actor.id))]
pub async fn forget(env: &Env, req: &Request, input: ForgetPerson) -> Result<Reply, CommandError> {
    if !req.actor.admin {
        return Err(RelationError::ForgetAdminOnly.into());
    }
    let name = super::read_name_of("person", &input.person)?;
    let frame = env.frame(req).await?;
    let mut conn = env.pool.acquire().await?;
    let relation = super::existing(&mut conn, req, &name).await?;
    if input.confirm {
        drop(conn);
        return confirm(env, req, relation.id).await;
    }
    refuse_unforgettable(&mut conn, req, relation.id, &relation.name).await?;
    let erased = store::erasure::preview(&mut conn, req.guild, relation.id).await?;
    let action = Action::Forget(relation.id, relation.name.clone());
    let mut reply = Reply::new(
        Body::Forgetting(Forgetting::Preview {
            relation: relation.id,
            name: relation.name,
            erased,
        }),
        Visibility::Private,
        frame,
    );
    reply.actions = vec![action];
    Ok(reply)
}

/// Erases the person (the confirmation's button). A second press says it is done already.
#[tracing::instrument(skip_all, fields(command = "relation forget", guild = %req.guild, actor = %req.actor.id))]
pub async fn confirm(env: &Env, req: &Request, person: RelationId) -> Result<Reply, CommandError> {
    if !req.actor.admin {
        return Err(RelationError::ForgetAdminOnly.into());
    }
    let (frame, settings) = env.begin(req).await?;
    let mut tx = env.pool.begin().await?;
    let Some(profile) = store::relations::lock(&mut tx, req.guild, person).await? else {
        return Err(UserError::UnknownRelation {
            name: person.0.to_string(),
            suggestions: Vec::new(),
        }
        .into());
    };
    refuse_unforgettable(&mut tx, req, person, &profile.name).await?;
    // The words left behind are the server's, not the admin's own language: everyone
    // reads them.
    let masks = Masks {
        name: Msg::ErasedName.text(settings.lang),
        text: Msg::ErasedText.text(settings.lang),
    };
    let (masked, erased) =
        store::erasure::forget(&mut tx, req.guild, person, req.actor.id, frame.now, masks).await?;
    let event = NewEvent {
        action: "relation.forgotten",
        subject_kind: "relation",
        subject_id: person.0,
        relation: Some(person),
        detail: json!({ "erased": erased }),
    };
    store::events::record(&mut tx, req.guild, frame.now, req.actor.id, &[event]).await?;
    tx.commit().await?;
    Ok(Reply::new(
        Body::Forgetting(Forgetting::Done { masked, erased }),
        Visibility::Private,
        frame,
    ))
}

/// Only a person can be forgotten, and only once.
async fn refuse_unforgettable(
    conn: &mut store::Conn,
    req: &Request,
    id: RelationId,
    name: &str,
) -> Result<(), CommandError> {
    if let Some(done) = store::erasure::of(conn, req.guild, id).await? {
        return Err(RelationError::AlreadyForgotten {
            name: done.masked_name,
            at: done.at,
        }
        .into());
    }
    let profile = store::relations::profile(conn, req.guild, id)
        .await?
        .ok_or_else(|| CommandError::internal(&sqlx::Error::RowNotFound))?;
    if profile.kind == Some(RelationKind::Organisation) {
        return Err(RelationError::ForgetOrganisation {
            name: name.to_string(),
        }
        .into());
    }
    Ok(())
}

/// The masked name's words in a language, for tests and documentation.
pub fn masked_name(lang: crate::domain::Lang, id: RelationId) -> String {
    format!("{} #{}", say(lang, Msg::ErasedName, &[]), id.0)
}
