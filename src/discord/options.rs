//! Options several command groups share: autocomplete (relations, promises, handovers,
//! appointments), and a colleague named in a user option.

use poise::serenity_prelude as serenity;

use super::respond::request;
use super::{Context, Error};
use crate::core::{suggest, MemberRef};
use crate::domain::MemberId;

/// A colleague named in a user option, by the name they go by in this server.
pub fn member_ref(
    ctx: &poise::ApplicationContext<'_, super::Data, Error>,
    user: serenity::User,
) -> Option<MemberRef> {
    let nick = ctx
        .interaction
        .data
        .resolved
        .members
        .get(&user.id)
        .and_then(|member| member.nick.clone());
    Some(MemberRef {
        id: MemberId::from_snowflake(user.id.get())?,
        name: nick.or(user.global_name).unwrap_or(user.name),
    })
}

/// Autocomplete for a relation option: recent and matching relations.
pub async fn relation_choices(ctx: Context<'_>, partial: &str) -> serenity::CreateAutocompleteResponse {
    suggestions(ctx, Suggest::Relations, partial).await
}

/// Autocomplete for a due date: how the phrase is being read.
pub async fn due_choices(ctx: Context<'_>, partial: &str) -> serenity::CreateAutocompleteResponse {
    previews(ctx, suggest::due, partial)
}

/// Autocomplete for when something happened (`/contact log when`): how the phrase is read.
pub async fn past_choices(ctx: Context<'_>, partial: &str) -> serenity::CreateAutocompleteResponse {
    previews(ctx, suggest::past, partial)
}

/// Autocomplete for an appointment's start: how the phrase is read.
pub async fn start_choices(ctx: Context<'_>, partial: &str) -> serenity::CreateAutocompleteResponse {
    previews(ctx, suggest::appointment_start, partial)
}

/// How a date phrase is read, in the asker's frame: pure, so nothing can fail.
fn previews(
    ctx: Context<'_>,
    preview: fn(&crate::core::Frame, &str) -> Vec<suggest::Suggestion>,
    partial: &str,
) -> serenity::CreateAutocompleteResponse {
    let found = match ctx {
        poise::Context::Application(app) => match request(&app) {
            Some(req) => preview(&ctx.data().cached_frame(&req), partial),
            None => Vec::new(),
        },
        poise::Context::Prefix(_) => Vec::new(),
    };
    choices(found)
}

/// What an autocomplete suggests.
pub(super) enum Suggest {
    Promises,
    OwnPromises,
    Handovers,
    Appointments,
    Relations,
}

/// Suggestions of one kind for what is typed; none when something fails.
pub(super) async fn suggestions(
    ctx: Context<'_>,
    what: Suggest,
    partial: &str,
) -> serenity::CreateAutocompleteResponse {
    let req = match ctx {
        poise::Context::Application(app) => request(&app),
        poise::Context::Prefix(_) => None,
    };
    let Some(req) = req else {
        return choices(Vec::new());
    };
    let env = ctx.data();
    let found = match what {
        Suggest::Promises => suggest::promises(env, &req, partial).await,
        Suggest::OwnPromises => suggest::own_promises(env, &req, partial).await,
        Suggest::Handovers => suggest::handovers(env, &req, partial).await,
        Suggest::Appointments => suggest::appointments(env, &req, partial).await,
        Suggest::Relations => suggest::relations(env, &req, partial).await,
    };
    choices(found.unwrap_or_default())
}

pub(super) fn choices(suggestions: Vec<suggest::Suggestion>) -> serenity::CreateAutocompleteResponse {
    serenity::CreateAutocompleteResponse::new().set_choices(
        suggestions
            .into_iter()
            .map(|s| serenity::AutocompleteChoice::new(s.label, s.value))
            .collect(),
    )
}
