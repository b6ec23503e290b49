//! Who acts when a button is pressed or a form sent. In a server, Discord says who the
//! member is and what they may do. In a direct message it says neither: the component's id
//! carries the guild, and the person's membership and rights there are read from Discord
//! at the moment of the click, so someone who left or lost their rights cannot act.

use poise::serenity_prelude as serenity;

use super::respond::{self, Responding};
use super::{Data, Error};
use crate::core::{Actor, Request};
use crate::domain::{GuildId, Lang, MemberId, RoleId};
use crate::i18n::{say, Msg};

/// Why a click is not acted on; told to the person only.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// The id names another guild than the one it was pressed in: forged.
    OtherGuild,
    /// Not (or no longer) a member of the guild it is about.
    NotAMember,
    /// Discord could not be asked.
    Unreachable,
}

/// The request of whoever pressed a button or sent a form, in the guild the component acts
/// in (`carried`: from its id).
pub async fn request(
    http: &serenity::Http,
    carried: Option<GuildId>,
    to: Responding<'_>,
) -> Result<Request, Refusal> {
    let (here, channel, user, member, locale) = to.who();
    match (here, carried) {
        (Some(here), Some(carried)) if here.get() != carried.snowflake() => Err(Refusal::OtherGuild),
        (Some(here), _) => {
            respond::request_from(Some(here), channel, user, member, locale).ok_or(Refusal::NotAMember)
        }
        (None, Some(carried)) => from_discord(http, carried, user, locale).await,
        (None, None) => Err(Refusal::NotAMember),
    }
}

/// The request of `user` in `guild`, with their rights there as Discord has them now.
async fn from_discord(
    http: &serenity::Http,
    guild: GuildId,
    user: &serenity::User,
    locale: &str,
) -> Result<Request, Refusal> {
    let id = serenity::GuildId::new(guild.snowflake().max(1));
    let member = http.get_member(id, user.id).await.map_err(refusal)?;
    let server = http.get_guild(id).await.map_err(refusal)?;
    let everyone = serenity::RoleId::new(id.get());
    let admin = server.owner_id == user.id
        || member
            .roles
            .iter()
            .chain(std::iter::once(&everyone))
            .filter_map(|role| server.roles.get(role))
            .any(|role| role.permissions.administrator() || role.permissions.manage_guild());
    let name = member
        .nick
        .clone()
        .or_else(|| user.global_name.clone())
        .unwrap_or_else(|| user.name.clone());
    Ok(Request {
        guild,
        // A direct message is no channel of the guild: nothing happened in one of its
        // channels.
        channel: None,
        actor: Actor {
            id: MemberId::from_snowflake(user.id.get()).ok_or(Refusal::NotAMember)?,
            name,
            admin,
            roles: member
                .roles
                .iter()
                .filter_map(|r| RoleId::from_snowflake(r.get()))
                .collect(),
        },
        lang: Lang::from_locale(locale),
    })
}

pub(super) fn refusal(err: serenity::Error) -> Refusal {
    match &err {
        serenity::Error::Http(serenity::HttpError::UnsuccessfulRequest(response))
            if matches!(response.status_code.as_u16(), 403 | 404) =>
        {
            Refusal::NotAMember
        }
        _ => {
            tracing::warn!(error = %err, "could not check a member with Discord");
            Refusal::Unreachable
        }
    }
}

/// Tells the person, privately, why nothing happened.
pub async fn refuse(
    to: Responding<'_>,
    http: &serenity::Http,
    env: &Data,
    refusal: Refusal,
) -> Result<(), Error> {
    let (_, _, _, _, locale) = to.who();
    let lang = Lang::from_locale(locale).unwrap_or(env.defaults.lang);
    let msg = match refusal {
        Refusal::OtherGuild => Msg::ErrOtherGuild,
        Refusal::NotAMember => Msg::ErrNotAMember,
        Refusal::Unreachable => Msg::ErrDiscordUnreachable,
    };
    let message = serenity::CreateInteractionResponseMessage::new()
        .content(say(lang, msg, &[]))
        .ephemeral(true);
    to.create(http, serenity::CreateInteractionResponse::Message(message))
        .await?;
    Ok(())
}
