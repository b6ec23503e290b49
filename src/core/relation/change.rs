//! `/relation move` (a person goes to another organisation, their history with them) and
//! `/relation merge` (two relations that are one become one).

use std::collections::HashMap;

use chrono::Duration;
use serde_json::json;

use super::{organisation, OrganisationLookup};
use crate::core::input::read_optional_text;
use crate::core::{Body, CommandError, Env, RelationError, Reply, Request, Visibility};
use crate::domain::affiliation::{self, AffiliationError};
use crate::domain::profile::ROLE_MAX;
use crate::domain::relation::RelationKind;
use crate::domain::MemberId;
use crate::store;
use crate::store::affiliations::{AffiliationRow, NewAffiliation};
use crate::store::events::NewEvent;
use crate::store::relations::Moved;

/// Colleagues who spoke with a person this recently hear that they moved.
const MOVE_NOTICE_WITHIN_DAYS: i64 = 365;

#[derive(Clone, Debug, Default)]
pub struct MoveRelation {
    pub person: String,
    pub to: String,
    pub role: Option<String>,
    /// Create the organisation even when its name looks like an existing one.
    pub new_relation: bool,
}

#[derive(Clone, Debug)]
pub struct RelationMoved {
    pub person: String,
    pub organisation: String,
    pub organisation_created: bool,
    pub role: Option<String>,
    /// The organisations they left.
    pub left: Vec<String>,
    /// Colleagues who had contact with them in the last year, each told by direct message.
    pub told: Vec<MemberId>,
}

#[tracing::instrument(skip_all, fields(command = "relation move", guild = %req.guild, actor = %req.actor.id))]
pub async fn move_person(env: &Env, req: &Request, input: MoveRelation) -> Result<Reply, CommandError> {
    let (frame, settings) = env.begin(req).await?;
    let person_name = super::read_name_of("person", &input.person)?;
    let to_name = super::read_name_of("to", &input.to)?;
    let role = read_optional_text("role", &input.role, ROLE_MAX)?;
    if person_name.key() == to_name.key() {
        return Err(RelationError::OwnOrganisation {
            name: person_name.as_str().to_string(),
        }
        .into());
    }

    let mut tx = env.pool.begin().await?;
    let person = super::existing_of_kind(&mut tx, req, "person", &person_name, RelationKind::Person).await?;
    store::relations::lock(&mut tx, req.guild, person.id).await?;
    let lookup = OrganisationLookup {
        option: "to",
        creates: true,
        allow_new: input.new_relation,
    };
    let (org, organisation_created) = organisation(&mut tx, req, &input.to, lookup, frame.now).await?;
    let places = store::affiliations::of(&mut tx, req.guild, person.id, false).await?;
    let periods: Vec<_> = places.iter().map(AffiliationRow::period).collect();
    let closing =
        affiliation::plan_move(person.id, &periods, org.id, frame.now).map_err(|err| match err {
            AffiliationError::AlreadyThere => RelationError::AlreadyThere {
                person: person.name.clone(),
                organisation: org.name.clone(),
            },
            AffiliationError::OwnOrganisation => RelationError::OwnOrganisation {
                name: person.name.clone(),
            },
        })?;
    let closed: Vec<i64> = closing.iter().map(|&i| places[i].id).collect();
    store::affiliations::close(&mut tx, req.guild, &closed, frame.now).await?;
    let new = NewAffiliation {
        person: person.id,
        organisation: org.id,
        role: role.as_deref(),
        since: frame.now,
        created_by: req.actor.id,
        now: frame.now,
        import_batch: None,
    };
    let affiliation = store::affiliations::insert(&mut tx, req.guild, &new).await?;
    let event = NewEvent {
        action: "relation.moved",
        subject_kind: "relation",
        subject_id: person.id.0,
        relation: Some(person.id),
        detail: json!({ "organisation_id": org.id.0, "affiliation_id": affiliation, "closed": closed }),
    };
    store::events::record(&mut tx, req.guild, frame.now, req.actor.id, &[event]).await?;
    let since = frame.now - Duration::days(MOVE_NOTICE_WITHIN_DAYS);
    let told: Vec<MemberId> = store::relation_search::recent_colleagues(&mut tx, req.guild, person.id, since)
        .await?
        .into_iter()
        .filter(|m| *m != req.actor.id)
        .collect();
    // Each hears it by direct message, at the next working moment.
    let at = settings.hours.next_open(frame.now, settings.zone);
    store::affiliations::record_notices(&mut tx, req.guild, affiliation, &told, at).await?;
    let mut people = told.clone();
    people.push(req.actor.id);
    let names: HashMap<MemberId, String> = crate::core::names_with(&mut tx, req.guild, &people).await?;
    tx.commit().await?;

    let moved = RelationMoved {
        person: person.name,
        organisation: org.name,
        organisation_created,
        role,
        left: closing
            .iter()
            .map(|&i| places[i].organisation_name.clone())
            .collect(),
        told,
    };
    let mut reply = Reply::new(Body::RelationMoved(moved), Visibility::Channel, frame);
    reply.names = names;
    Ok(reply)
}

#[derive(Clone, Debug, Default)]
pub struct MergeRelations {
    pub keep: String,
    pub remove: String,
    /// Merge a person and an organisation all the same.
    pub confirm: bool,
}

#[derive(Clone, Debug)]
pub struct RelationsMerged {
    pub kept: String,
    pub removed: String,
    pub moved: Moved,
    /// Details the kept relation took over from the removed one, which it lacked.
    pub took_over: Vec<&'static str>,
}

#[tracing::instrument(skip_all, fields(command = "relation merge", guild = %req.guild, actor = %req.actor.id))]
pub async fn merge(env: &Env, req: &Request, input: MergeRelations) -> Result<Reply, CommandError> {
    let frame = env.frame(req).await?;
    let keep_name = super::read_name_of("keep", &input.keep)?;
    let remove_name = super::read_name_of("remove", &input.remove)?;

    let mut tx = env.pool.begin().await?;
    let keep = super::existing(&mut tx, req, &keep_name).await?;
    let remove = super::existing(&mut tx, req, &remove_name).await?;
    if keep.id == remove.id {
        return Err(RelationError::MergeSame { name: keep.name }.into());
    }
    // Locked in one order, so two merges of the same pair cannot deadlock.
    let (first, second) = if keep.id.0 < remove.id.0 {
        (keep.id, remove.id)
    } else {
        (remove.id, keep.id)
    };
    let missing = || CommandError::internal(&sqlx::Error::RowNotFound);
    let a = store::relations::lock(&mut tx, req.guild, first)
        .await?
        .ok_or_else(missing)?;
    let b = store::relations::lock(&mut tx, req.guild, second)
        .await?
        .ok_or_else(missing)?;
    let (mut kept, removed) = if a.id == keep.id { (a, b) } else { (b, a) };
    if let (Some(keep_kind), Some(remove_kind)) = (kept.kind, removed.kind) {
        if keep_kind != remove_kind && !input.confirm {
            return Err(RelationError::MergeKinds {
                keep: kept.name,
                keep_kind,
                remove: removed.name,
                remove_kind,
            }
            .into());
        }
    }
    let mut took_over = Vec::new();
    for (option, slot, theirs) in [
        ("email", &mut kept.email, &removed.email),
        ("phone", &mut kept.phone, &removed.phone),
        ("linkedin", &mut kept.linkedin, &removed.linkedin),
    ] {
        if slot.is_none() && theirs.is_some() {
            slot.clone_from(theirs);
            took_over.push(option);
        }
    }
    if kept.owner.is_none() && removed.owner.is_some() {
        kept.owner = removed.owner;
        took_over.push("owner");
    }
    if kept.keep_in_touch.is_none() && removed.keep_in_touch.is_some() {
        kept.keep_in_touch = removed.keep_in_touch;
        took_over.push("keep_in_touch");
    }
    if kept.kind.is_none() && removed.kind.is_some() {
        kept.kind = removed.kind;
        took_over.push("kind");
    }
    for tag in &removed.tags {
        let fold = crate::domain::relation::fold;
        if !kept.tags.iter().any(|t| fold(t) == fold(tag))
            && kept.tags.len() < crate::domain::profile::TAGS_MAX
        {
            kept.tags.push(tag.clone());
            if !took_over.contains(&"tags") {
                took_over.push("tags");
            }
        }
    }
    let moved = store::relations::merge(&mut tx, req.guild, kept.id, removed.id, frame.now).await?;
    store::relations::update(&mut tx, req.guild, &kept, frame.now).await?;
    let detail = json!({
        "kept_id": kept.id.0,
        "removed_id": removed.id.0,
        "contacts": moved.contacts,
        "commitments": moved.commitments,
        "handovers": moved.handovers,
        "appointments": moved.appointments,
        "affiliations": moved.affiliations,
    });
    let events = [
        NewEvent {
            action: "relation.merged",
            subject_kind: "relation",
            subject_id: kept.id.0,
            relation: Some(kept.id),
            detail: detail.clone(),
        },
        NewEvent {
            action: "relation.merged_away",
            subject_kind: "relation",
            subject_id: removed.id.0,
            relation: Some(removed.id),
            detail,
        },
    ];
    store::events::record(&mut tx, req.guild, frame.now, req.actor.id, &events).await?;
    tx.commit().await?;

    let merged = RelationsMerged {
        kept: kept.name,
        removed: removed.name,
        moved,
        took_over,
    };
    Ok(Reply::new(
        Body::RelationsMerged(merged),
        Visibility::Private,
        frame,
    ))
}
