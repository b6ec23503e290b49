//! `/appointment add`, `list`, `cancel` and `outcome`.

use poise::serenity_prelude as serenity;

use super::options::{member_ref, relation_choices, start_choices, suggestions, Suggest};
use super::respond;
use super::{Context, Error};
use crate::core::appointment::{self, AddAppointment, GiveOutcome, ListAppointments};
use crate::core::Visibility;
use crate::domain::appointment::Outcome;

#[poise::command(
    slash_command,
    guild_only,
    subcommands("add", "list", "cancel", "outcome"),
    subcommand_required
)]
pub async fn appointment(_ctx: Context<'_>) -> Result<(), Error> {
    Ok(())
}

#[allow(clippy::too_many_arguments)]
#[poise::command(slash_command, guild_only)]
pub async fn add(
    ctx: Context<'_>,
    #[autocomplete = "relation_choices"]
    #[max_length = 100]
    relation: String,
    #[autocomplete = "start_choices"]
    #[max_length = 100]
    when: String,
    #[max_length = 40] duration: Option<String>,
    #[rename = "where"]
    #[max_length = 200]
    place: Option<String>,
    with: Option<serenity::User>,
    #[max_length = 200] about: Option<String>,
    new_relation: Option<bool>,
) -> Result<(), Error> {
    let Some((app, req)) = respond::invoked(ctx) else {
        return Ok(());
    };
    // Discord resolves a member only for people in this server.
    let with_is_member = with
        .as_ref()
        .is_some_and(|user| app.interaction.data.resolved.members.contains_key(&user.id));
    let with_is_bot = with.as_ref().is_some_and(|user| user.bot);
    let input = AddAppointment {
        relation,
        when,
        duration,
        place,
        with: with.and_then(|user| member_ref(&app, user)),
        with_is_bot,
        with_is_member,
        about,
        new_relation: new_relation.unwrap_or(false),
    };
    let work = appointment::add(ctx.data(), &req, input);
    respond::answer(app, &req, Visibility::Channel, work).await
}

#[poise::command(slash_command, guild_only)]
pub async fn list(
    ctx: Context<'_>,
    member: Option<serenity::User>,
    #[autocomplete = "relation_choices"]
    #[max_length = 100]
    relation: Option<String>,
    #[max_length = 100] range: Option<String>,
    ics: Option<bool>,
) -> Result<(), Error> {
    let Some((app, req)) = respond::invoked(ctx) else {
        return Ok(());
    };
    let input = ListAppointments {
        member: member.and_then(|user| member_ref(&app, user)),
        relation,
        range,
        ics: ics.unwrap_or(false),
    };
    let work = appointment::list(ctx.data(), &req, input);
    respond::answer(app, &req, Visibility::Private, work).await
}

#[poise::command(slash_command, guild_only)]
pub async fn cancel(
    ctx: Context<'_>,
    #[autocomplete = "appointment_choices"]
    #[max_length = 20]
    appointment: String,
    #[max_length = 500] reason: String,
) -> Result<(), Error> {
    let Some((app, req)) = respond::invoked(ctx) else {
        return Ok(());
    };
    let work = appointment::cancel(ctx.data(), &req, &appointment, &reason);
    respond::answer(app, &req, Visibility::Channel, work).await
}

#[allow(clippy::too_many_arguments)]
#[poise::command(slash_command, guild_only)]
pub async fn outcome(
    ctx: Context<'_>,
    #[autocomplete = "appointment_choices"]
    #[max_length = 20]
    appointment: String,
    outcome: String,
    #[max_length = 100] new_when: Option<String>,
    #[max_length = 500] reason: Option<String>,
    #[max_length = 1000] summary: Option<String>,
    #[max_length = 200] follow_up: Option<String>,
    #[max_length = 100] follow_up_due: Option<String>,
) -> Result<(), Error> {
    let Some((app, req)) = respond::invoked(ctx) else {
        return Ok(());
    };
    let input = GiveOutcome {
        appointment,
        // Discord only sends declared choices.
        outcome: Outcome::parse(&outcome),
        new_when,
        reason,
        summary,
        follow_up,
        follow_up_due,
    };
    let work = appointment::outcome(ctx.data(), &req, input);
    respond::answer(app, &req, Visibility::Channel, work).await
}

/// Scheduled appointments the person may act on.
async fn appointment_choices(ctx: Context<'_>, partial: &str) -> serenity::CreateAutocompleteResponse {
    suggestions(ctx, Suggest::Appointments, partial).await
}
