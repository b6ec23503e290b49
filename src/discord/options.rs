//! Options several command groups share: a relation typed with autocomplete, and a
//! colleague named in a user option.

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
    let names = match ctx {
        poise::Context::Application(app) => match request(&app) {
            Some(req) => suggest::relations(ctx.data(), &req, partial)
                .await
                .unwrap_or_default(),
            None => Vec::new(),
        },
        poise::Context::Prefix(_) => Vec::new(),
    };
    serenity::CreateAutocompleteResponse::new().set_choices(
        names
            .into_iter()
            .map(serenity::AutocompleteChoice::from)
            .collect(),
    )
}
