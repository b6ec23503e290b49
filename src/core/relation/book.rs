//! `/relation add`, `/relation edit` and `/relation show`: a relation's profile card.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use serde_json::json;

use super::{organisation, OrganisationLookup};
use crate::core::appointment::{self, AppointmentView};
use crate::core::contact::HistoryOpen;
use crate::core::input::{present, read_optional_text};
use crate::core::{
    Action, Body, CommandError, Env, Frame, MemberRef, RelationError, Reply, Request, UserError, Visibility,
};
use crate::domain::affiliation::{self, AffiliationError, Period};
use crate::domain::commitment::{self, CommitmentStatus};
use crate::domain::contact::Via;
use crate::domain::profile::{self, Cadence, DetailError, ROLE_MAX};
use crate::domain::relation::{RelationKind, RelationName};
use crate::domain::{MemberId, RelationId};
use crate::store::affiliations::{AffiliationRow, NewAffiliation};
use crate::store::events::NewEvent;
use crate::store::relations::{NewRelation, Profile};
use crate::store::{self, Conn};

/// Open promises and coming appointments a card shows at most.
const CARD_ITEMS: i64 = 8;

#[derive(Clone, Debug, Default)]
pub struct AddRelation {
    pub name: String,
    pub kind: Option<RelationKind>,
    pub organisation: Option<String>,
    pub details: Details,
    /// Create it even when its name, or its organisation's, looks like an existing one.
    pub new_relation: bool,
}

#[derive(Clone, Debug, Default)]
pub struct EditRelation {
    pub relation: String,
    /// A new name.
    pub name: Option<String>,
    pub kind: Option<RelationKind>,
    /// Corrects the person's current organisation (a move is `/relation move`).
    pub organisation: Option<String>,
    pub details: Details,
    pub new_relation: bool,
}

/// The fields `add` and `edit` share, as typed. In `edit`, "-" (or "none", "geen") clears
/// one.
#[derive(Clone, Debug, Default)]
pub struct Details {
    pub role: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub linkedin: Option<String>,
    pub tags: Option<String>,
    pub keep_in_touch: Option<String>,
    pub owner: Option<MemberRef>,
    pub owner_is_bot: bool,
}

/// What became of a card's relation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CardChange {
    /// Created, with its organisation when that was created too.
    Added {
        organisation_created: Option<String>,
    },
    /// These fields changed.
    Edited {
        fields: Vec<&'static str>,
    },
    Shown,
}

/// A relation's profile card: who they are, where they work or who works there, who of us
/// knows them and holds the ball for what.
#[derive(Clone, Debug)]
pub struct RelationCard {
    pub change: CardChange,
    pub profile: Profile,
    /// A person's places (newest first), or an organisation's people now and before.
    pub affiliations: Vec<AffiliationRow>,
    pub contacts: i64,
    pub last_contact: Option<(DateTime<Utc>, MemberId, Via)>,
    pub open: Vec<HistoryOpen>,
    pub appointments: Vec<AppointmentView>,
    /// Names of the relations merged into this one.
    pub merged: Vec<String>,
}

/// One field of `edit`: left alone, cleared, or set.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Field<T> {
    Keep,
    Clear,
    Set(T),
}

impl<T> Field<T> {
    fn apply(self, slot: &mut Option<T>) -> bool {
        match self {
            Field::Keep => false,
            Field::Clear => slot.take().is_some(),
            Field::Set(value) => {
                *slot = Some(value);
                true
            }
        }
    }
}

/// Words that clear a field in `edit`.
const CLEAR: &[&str] = &["-", "none", "geen", "leeg", "clear", "wissen"];

fn field<T>(
    option: &'static str,
    input: &Option<String>,
    read: impl Fn(&str) -> Result<T, DetailError>,
) -> Result<Field<T>, UserError> {
    match present(input) {
        None => Ok(Field::Keep),
        Some(typed) if CLEAR.contains(&typed.to_lowercase().as_str()) => Ok(Field::Clear),
        Some(typed) => read(typed).map(Field::Set).map_err(|problem| {
            RelationError::Detail {
                option,
                input: typed.to_string(),
                problem,
            }
            .into()
        }),
    }
}

/// The details, read: everything that can be refused is refused before any writing.
struct Read {
    role: Field<String>,
    email: Field<String>,
    phone: Field<String>,
    linkedin: Field<String>,
    tags: Field<Vec<String>>,
    keep_in_touch: Field<Cadence>,
    owner: Option<MemberRef>,
}

fn read_details(details: &Details) -> Result<Read, UserError> {
    if details.owner_is_bot {
        return Err(RelationError::OwnerIsBot.into());
    }
    let role = match present(&details.role) {
        Some(typed) if CLEAR.contains(&typed.to_lowercase().as_str()) => Field::Clear,
        Some(_) => Field::Set(read_optional_text("role", &details.role, ROLE_MAX)?.unwrap_or_default()),
        None => Field::Keep,
    };
    Ok(Read {
        role,
        email: field("email", &details.email, profile::email)?,
        phone: field("phone", &details.phone, profile::phone)?,
        linkedin: field("linkedin", &details.linkedin, profile::linkedin)?,
        tags: field("tags", &details.tags, profile::tags)?,
        keep_in_touch: field("keep_in_touch", &details.keep_in_touch, Cadence::parse)?,
        owner: details.owner.clone(),
    })
}

fn set<T: Clone>(field: &Field<T>) -> Option<T> {
    match field {
        Field::Set(value) => Some(value.clone()),
        _ => None,
    }
}

#[tracing::instrument(skip_all, fields(command = "relation add", guild = %req.guild, actor = %req.actor.id))]
pub async fn add(env: &Env, req: &Request, input: AddRelation) -> Result<Reply, CommandError> {
    let frame = env.frame(req).await?;
    let name = super::read_name_of("name", &input.name)?;
    let read = read_details(&input.details)?;
    let kind = input.kind.unwrap_or(RelationKind::Person);
    let organisation_typed = present(&input.organisation);
    if kind == RelationKind::Organisation {
        if organisation_typed.is_some() {
            return Err(RelationError::OnlyForPersons {
                option: "organisation",
            }
            .into());
        }
        if read.role != Field::Keep {
            return Err(RelationError::OnlyForPersons { option: "role" }.into());
        }
    } else if organisation_typed.is_none() && read.role != Field::Keep {
        return Err(RelationError::NeedsOrganisation { option: "role" }.into());
    }
    if let Some(typed) = organisation_typed {
        let same = super::read_name_of("organisation", typed)?;
        if same.key() == name.key() {
            return Err(RelationError::OwnOrganisation {
                name: name.as_str().to_string(),
            }
            .into());
        }
    }
    if let Some(owner) = &read.owner {
        env.note_members(req.guild, std::slice::from_ref(owner), frame.now)
            .await?;
    }

    let mut tx = env.pool.begin().await?;
    if let Some(found) = store::relations::find(&mut tx, req.guild, &name).await? {
        return Err(RelationError::RelationExists { name: found.name }.into());
    }
    let tags = set(&read.tags).unwrap_or_default();
    let (email, phone, linkedin) = (set(&read.email), set(&read.phone), set(&read.linkedin));
    let new = NewRelation {
        name: &name,
        kind: Some(kind),
        email: email.as_deref(),
        phone: phone.as_deref(),
        linkedin: linkedin.as_deref(),
        tags: &tags,
        keep_in_touch: set(&read.keep_in_touch),
        owner: read.owner.as_ref().map(|o| o.id),
        created_by: req.actor.id,
        now: frame.now,
        import_batch: None,
    };
    let Some(created) = super::create(&mut tx, req, "name", &new, input.new_relation).await? else {
        return Err(RelationError::RelationExists {
            name: name.as_str().to_string(),
        }
        .into());
    };
    let mut organisation_created = None;
    if let Some(typed) = organisation_typed {
        let lookup = OrganisationLookup {
            option: "organisation",
            creates: false,
            allow_new: input.new_relation,
        };
        let (org, was_created) = organisation(&mut tx, req, typed, lookup, frame.now).await?;
        if was_created {
            organisation_created = Some(org.name.clone());
        }
        let role = set(&read.role);
        let new = NewAffiliation {
            person: created.id,
            organisation: org.id,
            role: role.as_deref(),
            since: frame.now,
            created_by: req.actor.id,
            now: frame.now,
            import_batch: None,
        };
        store::affiliations::insert(&mut tx, req.guild, &new).await?;
    }
    let card = card(
        &mut tx,
        req,
        &frame,
        created.id,
        CardChange::Added { organisation_created },
    )
    .await?;
    let reply = reply(card, frame, &mut tx, req).await?;
    tx.commit().await?;
    Ok(reply)
}

#[tracing::instrument(skip_all, fields(command = "relation edit", guild = %req.guild, actor = %req.actor.id))]
pub async fn edit(env: &Env, req: &Request, input: EditRelation) -> Result<Reply, CommandError> {
    let frame = env.frame(req).await?;
    let name = super::read_name(&input.relation)?;
    let rename = present(&input.name)
        .map(|typed| super::read_name_of("name", typed))
        .transpose()?;
    let read = read_details(&input.details)?;
    let organisation_typed = present(&input.organisation);
    let nothing = rename.is_none()
        && input.kind.is_none()
        && organisation_typed.is_none()
        && read.owner.is_none()
        && [&read.role, &read.email, &read.phone, &read.linkedin]
            .iter()
            .all(|f| **f == Field::Keep)
        && read.tags == Field::Keep
        && read.keep_in_touch == Field::Keep;
    if nothing {
        return Err(RelationError::NothingToEdit.into());
    }
    if let Some(owner) = &read.owner {
        env.note_members(req.guild, std::slice::from_ref(owner), frame.now)
            .await?;
    }

    let mut tx = env.pool.begin().await?;
    let found = super::existing(&mut tx, req, &name).await?;
    let mut profile = store::relations::lock(&mut tx, req.guild, found.id)
        .await?
        .ok_or_else(|| CommandError::internal(&sqlx::Error::RowNotFound))?;
    let mut fields = Vec::new();
    if let Some(new_name) = &rename {
        if new_name.as_str() != profile.name {
            rename_to(&mut tx, req, &mut profile, new_name).await?;
            fields.push("name");
        }
    }
    if let Some(kind) = input.kind {
        if profile.kind != Some(kind) {
            change_kind(&mut tx, req, &profile).await?;
            profile.kind = Some(kind);
            fields.push("kind");
        }
    }
    let Read {
        role,
        email,
        phone,
        linkedin,
        tags,
        keep_in_touch,
        owner,
    } = read;
    for (option, changed) in [
        ("email", email.apply(&mut profile.email)),
        ("phone", phone.apply(&mut profile.phone)),
        ("linkedin", linkedin.apply(&mut profile.linkedin)),
        ("keep_in_touch", keep_in_touch.apply(&mut profile.keep_in_touch)),
    ] {
        if changed {
            fields.push(option);
        }
    }
    match tags {
        Field::Keep => {}
        Field::Clear => {
            profile.tags.clear();
            fields.push("tags");
        }
        Field::Set(tags) => {
            profile.tags = tags;
            fields.push("tags");
        }
    }
    if let Some(owner) = owner {
        if profile.owner != Some(owner.id) {
            profile.owner = Some(owner.id);
            fields.push("owner");
        }
    }
    if organisation_typed.is_some() || role != Field::Keep {
        let changed = edit_place(
            &mut tx,
            req,
            &frame,
            &profile,
            organisation_typed,
            role,
            input.new_relation,
        )
        .await?;
        fields.extend(changed);
    }
    store::relations::update(&mut tx, req.guild, &profile, frame.now).await?;
    let event = NewEvent {
        action: "relation.edited",
        subject_kind: "relation",
        subject_id: profile.id.0,
        relation: Some(profile.id),
        detail: json!({ "fields": fields }),
    };
    store::events::record(&mut tx, req.guild, frame.now, req.actor.id, &[event]).await?;
    let card = card(&mut tx, req, &frame, profile.id, CardChange::Edited { fields }).await?;
    let reply = reply(card, frame, &mut tx, req).await?;
    tx.commit().await?;
    Ok(reply)
}

async fn rename_to(
    conn: &mut Conn,
    req: &Request,
    profile: &mut Profile,
    new_name: &RelationName,
) -> Result<(), CommandError> {
    if new_name.key() != profile.name_key {
        match store::relations::owner_of_key(conn, req.guild, new_name.key()).await? {
            Some((merged, true)) => return Err(RelationError::NameOfMerged { name: merged.name }.into()),
            Some((other, false)) => return Err(RelationError::NameTaken { name: other.name }.into()),
            None => {}
        }
    }
    profile.name = new_name.as_str().to_string();
    profile.name_key = new_name.key().to_string();
    Ok(())
}

/// A relation becomes the other kind only while nothing depends on what it is: no places
/// for a person, no people for an organisation.
async fn change_kind(conn: &mut Conn, req: &Request, profile: &Profile) -> Result<(), CommandError> {
    let Some(current) = profile.kind else {
        return Ok(());
    };
    let in_use =
        store::affiliations::count(conn, req.guild, profile.id, current == RelationKind::Person).await?;
    if in_use > 0 {
        return Err(RelationError::KindInUse {
            name: profile.name.clone(),
            kind: current,
        }
        .into());
    }
    Ok(())
}

/// Corrects a person's current place (organisation and role), or gives them one when they
/// have none; returns the fields it changed.
async fn edit_place(
    conn: &mut Conn,
    req: &Request,
    frame: &Frame,
    profile: &Profile,
    organisation_typed: Option<&str>,
    role: Field<String>,
    allow_new: bool,
) -> Result<Vec<&'static str>, CommandError> {
    if profile.kind == Some(RelationKind::Organisation) {
        let option = if organisation_typed.is_some() {
            "organisation"
        } else {
            "role"
        };
        return Err(RelationError::OnlyForPersons { option }.into());
    }
    if profile.kind.is_none() {
        store::relations::settle_kind(conn, req.guild, profile.id, RelationKind::Person).await?;
    }
    let places = store::affiliations::of(conn, req.guild, profile.id, false).await?;
    let periods: Vec<Period> = places.iter().map(AffiliationRow::period).collect();
    let current = affiliation::current_organisation(&periods, frame.now).and_then(|org| {
        places
            .iter()
            .find(|p| p.organisation == org && p.period().current(frame.now))
    });
    let target = match organisation_typed {
        Some(typed) if super::read_name_of("organisation", typed)?.key() == profile.name_key => {
            return Err(RelationError::OwnOrganisation {
                name: profile.name.clone(),
            }
            .into());
        }
        Some(typed) => {
            let lookup = OrganisationLookup {
                option: "organisation",
                creates: false,
                allow_new,
            };
            let (org, _) = organisation(conn, req, typed, lookup, frame.now).await?;
            if org.id == profile.id {
                return Err(RelationError::OwnOrganisation {
                    name: profile.name.clone(),
                }
                .into());
            }
            Some(org)
        }
        None => None,
    };
    let mut fields = Vec::new();
    match current {
        Some(place) => {
            let org = target.as_ref().map_or(place.organisation, |t| t.id);
            let others: Vec<Period> = places
                .iter()
                .filter(|p| p.id != place.id)
                .map(AffiliationRow::period)
                .collect();
            let moved = Period {
                organisation: org,
                ..place.period()
            };
            affiliation::check_join(profile.id, &others, moved)
                .map_err(|e| place_error(e, profile, target.as_ref()))?;
            let mut new_role = place.role.clone();
            role.apply(&mut new_role);
            if org != place.organisation {
                fields.push("organisation");
            }
            if new_role != place.role {
                fields.push("role");
            }
            store::affiliations::correct(conn, req.guild, place.id, org, new_role.as_deref()).await?;
        }
        None => {
            let Some(org) = target else {
                return Err(RelationError::NeedsOrganisation { option: "role" }.into());
            };
            let new = Period {
                organisation: org.id,
                since: frame.now,
                until: None,
            };
            affiliation::check_join(profile.id, &periods, new)
                .map_err(|e| place_error(e, profile, Some(&org)))?;
            let role = set(&role);
            let new = NewAffiliation {
                person: profile.id,
                organisation: org.id,
                role: role.as_deref(),
                since: frame.now,
                created_by: req.actor.id,
                now: frame.now,
                import_batch: None,
            };
            store::affiliations::insert(conn, req.guild, &new).await?;
            fields.push("organisation");
            if role.is_some() {
                fields.push("role");
            }
        }
    }
    Ok(fields)
}

fn place_error(
    err: AffiliationError,
    person: &Profile,
    organisation: Option<&store::relations::RelationRow>,
) -> CommandError {
    match err {
        AffiliationError::OwnOrganisation => RelationError::OwnOrganisation {
            name: person.name.clone(),
        },
        AffiliationError::AlreadyThere => RelationError::AlreadyThere {
            person: person.name.clone(),
            organisation: organisation.map(|o| o.name.clone()).unwrap_or_default(),
        },
    }
    .into()
}

#[tracing::instrument(skip_all, fields(command = "relation show", guild = %req.guild, actor = %req.actor.id))]
pub async fn show(env: &Env, req: &Request, relation: &str) -> Result<Reply, CommandError> {
    let frame = env.frame(req).await?;
    let name = super::read_name(relation)?;
    let mut conn = env.pool.acquire().await?;
    let found = super::existing(&mut conn, req, &name).await?;
    let card = card(&mut conn, req, &frame, found.id, CardChange::Shown).await?;
    reply(card, frame, &mut conn, req)
        .await
        .map_err(CommandError::from)
}

/// Reads everything a card shows, on `conn` (inside the command's transaction when it
/// changed something, so the card shows what was written).
pub(super) async fn card(
    conn: &mut Conn,
    req: &Request,
    frame: &Frame,
    id: RelationId,
    change: CardChange,
) -> Result<RelationCard, CommandError> {
    let profile = store::relations::profile(conn, req.guild, id)
        .await?
        .ok_or_else(|| CommandError::internal(&sqlx::Error::RowNotFound))?;
    let as_organisation = profile.kind == Some(RelationKind::Organisation);
    let affiliations = store::affiliations::of(conn, req.guild, id, as_organisation).await?;
    let newest = store::contacts::newest(conn, req.guild, id, 1).await?;
    let contacts = store::contacts::count(conn, req.guild, id).await?;
    let open = store::commitments::open_for_relation(conn, req.guild, id)
        .await?
        .into_iter()
        .take(CARD_ITEMS as usize)
        .map(|c| HistoryOpen {
            overdue: commitment::is_overdue(CommitmentStatus::Open, c.due_at, frame.now),
            reference: c.reference,
            what: c.what,
            owner: c.owner,
            due_at: c.due_at,
        })
        .collect();
    let appointments = appointment::for_relation(conn, req, id, Some(frame.now), CARD_ITEMS).await?;
    let merged = store::relations::merged_into(conn, req.guild, id)
        .await?
        .into_iter()
        .map(|r| r.name)
        .collect();
    Ok(RelationCard {
        change,
        profile,
        affiliations,
        contacts,
        last_contact: newest.first().map(|c| (c.occurred_at, c.logged_by, c.via)),
        open,
        appointments,
        merged,
    })
}

/// The card as a reply, with the names it mentions and the buttons to log a contact and
/// to see the history.
pub(super) async fn reply(
    card: RelationCard,
    frame: Frame,
    conn: &mut Conn,
    req: &Request,
) -> sqlx::Result<Reply> {
    let mut people: Vec<MemberId> = card
        .open
        .iter()
        .map(|o| o.owner)
        .chain(card.appointments.iter().map(|a| a.owner))
        .chain(card.last_contact.map(|(_, by, _)| by))
        .chain(card.profile.owner)
        .collect();
    people.push(req.actor.id);
    let names: HashMap<MemberId, String> = crate::core::names_with(conn, req.guild, &people).await?;
    let actions = vec![
        Action::LogContact(card.profile.id, card.profile.name.clone()),
        Action::History(card.profile.id, card.profile.name.clone()),
    ];
    let mut reply = Reply::new(Body::RelationCard(Box::new(card)), Visibility::Private, frame);
    reply.names = names;
    reply.actions = actions;
    Ok(reply)
}
