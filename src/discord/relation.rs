//! `/relation add`, `show`, `edit`, `merge`, `move`, `who` and `search`: the shared address
//! book.

use poise::serenity_prelude as serenity;

use super::options::{member_ref, relation_choices};
use super::respond;
use super::{Context, Error};
use crate::core::relation::{self, AddRelation, Details, EditRelation, MergeRelations, MoveRelation};
use crate::core::Visibility;
use crate::domain::relation::RelationKind;

#[poise::command(
    slash_command,
    guild_only,
    subcommands("add", "show", "edit", "merge", "move_", "who", "search"),
    subcommand_required
)]
pub async fn relation(_ctx: Context<'_>) -> Result<(), Error> {
    Ok(())
}

/// The profile fields `add` and `edit` share, as Discord gave them.
#[allow(clippy::too_many_arguments)]
fn details(
    app: &poise::ApplicationContext<'_, super::Data, Error>,
    role: Option<String>,
    email: Option<String>,
    phone: Option<String>,
    linkedin: Option<String>,
    tags: Option<String>,
    keep_in_touch: Option<String>,
    owner: Option<serenity::User>,
) -> Details {
    Details {
        role,
        email,
        phone,
        linkedin,
        tags,
        keep_in_touch,
        owner_is_bot: owner.as_ref().is_some_and(|user| user.bot),
        owner: owner.and_then(|user| member_ref(app, user)),
    }
}

#[allow(clippy::too_many_arguments)]
#[poise::command(slash_command, guild_only)]
pub async fn add(
    ctx: Context<'_>,
    #[max_length = 100] name: String,
    kind: Option<String>,
    #[autocomplete = "relation_choices"]
    #[max_length = 100]
    organisation: Option<String>,
    #[max_length = 100] role: Option<String>,
    #[max_length = 254] email: Option<String>,
    #[max_length = 40] phone: Option<String>,
    #[max_length = 200] linkedin: Option<String>,
    #[max_length = 200] tags: Option<String>,
    #[max_length = 40] keep_in_touch: Option<String>,
    owner: Option<serenity::User>,
    new_relation: Option<bool>,
) -> Result<(), Error> {
    let Some((app, req)) = respond::invoked(ctx) else {
        return Ok(());
    };
    let input = AddRelation {
        name,
        // Discord only sends declared choices.
        kind: kind.as_deref().and_then(RelationKind::parse),
        organisation,
        details: details(&app, role, email, phone, linkedin, tags, keep_in_touch, owner),
        new_relation: new_relation.unwrap_or(false),
    };
    let work = relation::add(ctx.data(), &req, input);
    respond::answer(app, &req, Visibility::Private, work).await
}

#[poise::command(slash_command, guild_only)]
pub async fn show(
    ctx: Context<'_>,
    #[autocomplete = "relation_choices"]
    #[max_length = 100]
    relation: String,
) -> Result<(), Error> {
    let Some((app, req)) = respond::invoked(ctx) else {
        return Ok(());
    };
    let work = relation::show(ctx.data(), &req, &relation);
    respond::answer(app, &req, Visibility::Private, work).await
}

#[allow(clippy::too_many_arguments)]
#[poise::command(slash_command, guild_only)]
pub async fn edit(
    ctx: Context<'_>,
    #[autocomplete = "relation_choices"]
    #[max_length = 100]
    relation: String,
    #[max_length = 100] name: Option<String>,
    kind: Option<String>,
    #[autocomplete = "relation_choices"]
    #[max_length = 100]
    organisation: Option<String>,
    #[max_length = 100] role: Option<String>,
    #[max_length = 254] email: Option<String>,
    #[max_length = 40] phone: Option<String>,
    #[max_length = 200] linkedin: Option<String>,
    #[max_length = 200] tags: Option<String>,
    #[max_length = 40] keep_in_touch: Option<String>,
    owner: Option<serenity::User>,
    new_relation: Option<bool>,
) -> Result<(), Error> {
    let Some((app, req)) = respond::invoked(ctx) else {
        return Ok(());
    };
    let input = EditRelation {
        relation,
        name,
        kind: kind.as_deref().and_then(RelationKind::parse),
        organisation,
        details: details(&app, role, email, phone, linkedin, tags, keep_in_touch, owner),
        new_relation: new_relation.unwrap_or(false),
    };
    let work = relation::edit(ctx.data(), &req, input);
    respond::answer(app, &req, Visibility::Private, work).await
}

#[poise::command(slash_command, guild_only)]
pub async fn merge(
    ctx: Context<'_>,
    #[autocomplete = "relation_choices"]
    #[max_length = 100]
    keep: String,
    #[autocomplete = "relation_choices"]
    #[max_length = 100]
    remove: String,
    confirm: Option<bool>,
) -> Result<(), Error> {
    let Some((app, req)) = respond::invoked(ctx) else {
        return Ok(());
    };
    let input = MergeRelations {
        keep,
        remove,
        confirm: confirm.unwrap_or(false),
    };
    let work = relation::merge(ctx.data(), &req, input);
    respond::answer(app, &req, Visibility::Private, work).await
}

#[poise::command(slash_command, guild_only, rename = "move")]
pub async fn move_(
    ctx: Context<'_>,
    #[autocomplete = "relation_choices"]
    #[max_length = 100]
    person: String,
    #[autocomplete = "relation_choices"]
    #[max_length = 100]
    to: String,
    #[max_length = 100] role: Option<String>,
    new_relation: Option<bool>,
) -> Result<(), Error> {
    let Some((app, req)) = respond::invoked(ctx) else {
        return Ok(());
    };
    let input = MoveRelation {
        person,
        to,
        role,
        new_relation: new_relation.unwrap_or(false),
    };
    let work = relation::move_person(ctx.data(), &req, input);
    respond::answer(app, &req, Visibility::Channel, work).await
}

#[poise::command(slash_command, guild_only)]
pub async fn who(
    ctx: Context<'_>,
    #[autocomplete = "relation_choices"]
    #[max_length = 100]
    organisation: String,
) -> Result<(), Error> {
    let Some((app, req)) = respond::invoked(ctx) else {
        return Ok(());
    };
    let work = relation::who(ctx.data(), &req, &organisation);
    respond::answer(app, &req, Visibility::Private, work).await
}

#[poise::command(slash_command, guild_only)]
pub async fn search(ctx: Context<'_>, #[max_length = 100] query: String) -> Result<(), Error> {
    let Some((app, req)) = respond::invoked(ctx) else {
        return Ok(());
    };
    let work = relation::search(ctx.data(), &req, &query);
    respond::answer(app, &req, Visibility::Private, work).await
}
