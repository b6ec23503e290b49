//! `/settings guild` (admins: where and when reminders go) and `/settings digest` (each
//! member: the daily digest on or off).

use chrono_tz::Tz;

use super::{Body, CommandError, Env, GuildSettings, Reply, Request, UserError, Visibility};
use crate::domain::schedule::{self, DigestTo, Repeat, Within, WorkingHours};
use crate::domain::{ChannelId, Lang, RoleId};
use crate::store;

/// Settings an admin can put back to the default.
pub const RESETTABLE: &[&str] = &[
    "reminder_channel",
    "escalation_role",
    "escalation_channel",
    "restricted_role",
    "minimal_channel_posts",
    "working_hours",
    "repeat_every",
    "ack_within",
    "appointment_reminders",
    "inform_within",
    "escalate_after",
    "digest_time",
    "digest_to",
    "digest_channel",
    "zone",
    "language",
];

#[derive(Clone, Debug, Default)]
pub struct ChangeSettings {
    pub reminder_channel: Option<ChannelId>,
    pub escalation_role: Option<RoleId>,
    pub escalation_channel: Option<ChannelId>,
    pub restricted_role: Option<RoleId>,
    pub minimal_channel_posts: Option<bool>,
    pub working_hours: Option<String>,
    pub repeat_every: Option<String>,
    pub ack_within: Option<String>,
    pub appointment_reminders: Option<String>,
    pub inform_within: Option<String>,
    pub escalate_after: Option<i64>,
    pub digest_time: Option<String>,
    pub digest_to: Option<DigestTo>,
    pub digest_channel: Option<ChannelId>,
    pub zone: Option<String>,
    pub language: Option<Lang>,
    /// One of `RESETTABLE`: back to the configured default.
    pub reset: Option<String>,
}

#[derive(Clone, Debug)]
pub struct SettingsShown {
    pub settings: GuildSettings,
    /// The option names that changed; empty when only shown.
    pub changed: Vec<&'static str>,
}

/// The settings that decide when reminders are due.
const TIMING: [&str; 4] = ["working_hours", "repeat_every", "zone", "appointment_reminders"];

/// Shows the guild's settings and changes those given. Admins only: they decide for everyone.
#[tracing::instrument(skip_all, fields(command = "settings guild", guild = %req.guild, actor = %req.actor.id))]
pub async fn guild(env: &Env, req: &Request, input: ChangeSettings) -> Result<Reply, CommandError> {
    if !req.actor.admin {
        return Err(UserError::AdminOnly.into());
    }
    let (frame, _) = env.begin(req).await?;
    let mut tx = env.pool.begin().await?;
    let mut row = store::guilds::get(&mut tx, req.guild).await?;
    let mut changed = Vec::new();
    let mut change = |name: &'static str| changed.push(name);

    if let Some(channel) = input.reminder_channel {
        row.reminder_channel_id = Some(channel.0);
        change("reminder_channel");
    }
    if let Some(role) = input.escalation_role {
        row.escalation_role_id = Some(role.0);
        change("escalation_role");
    }
    if let Some(channel) = input.escalation_channel {
        row.escalation_channel_id = Some(channel.0);
        change("escalation_channel");
    }
    if let Some(role) = input.restricted_role {
        row.restricted_role_id = Some(role.0);
        change("restricted_role");
    }
    if let Some(minimal) = input.minimal_channel_posts {
        row.minimal_channel_posts = Some(minimal);
        change("minimal_channel_posts");
    }
    if let Some(text) = input.working_hours.as_deref() {
        let hours =
            WorkingHours::parse(text).map_err(|_| bad("working_hours", text, "mon-fri 08:30-17:30"))?;
        row.working_hours = Some(hours.canonical());
        change("working_hours");
    }
    if let Some(text) = input.repeat_every.as_deref() {
        let repeat = Repeat::parse(text).map_err(|_| bad("repeat_every", text, "1 working day"))?;
        row.repeat_every = Some(repeat.canonical());
        change("repeat_every");
    }
    if let Some(text) = input.ack_within.as_deref() {
        let within = Within::parse(text).map_err(|_| bad("ack_within", text, "4 working hours"))?;
        row.handover_ack_within = Some(within.canonical());
        change("ack_within");
    }
    if let Some(text) = input.appointment_reminders.as_deref() {
        let reminders = crate::domain::appointment::Reminders::parse(text)
            .map_err(|_| bad("appointment_reminders", text, "1 day, 1 hour"))?;
        row.appointment_reminders = Some(reminders.canonical());
        change("appointment_reminders");
    }
    if let Some(text) = input.inform_within.as_deref() {
        let within = Within::parse(text).map_err(|_| bad("inform_within", text, "1 working day"))?;
        row.appointment_inform_within = Some(within.canonical());
        change("inform_within");
    }
    if let Some(n) = input.escalate_after {
        if !(1..=20).contains(&n) {
            return Err(UserError::OutOfRange {
                option: "escalate_after",
                min: 1,
                max: 20,
                input: n.to_string(),
            }
            .into());
        }
        row.escalate_after = i32::try_from(n).ok();
        change("escalate_after");
    }
    if let Some(text) = input.digest_time.as_deref() {
        row.digest_time = Some(schedule::parse_clock(text).ok_or_else(|| bad("digest_time", text, "08:45"))?);
        change("digest_time");
    }
    if let Some(to) = input.digest_to {
        row.digest_to = Some(to.as_str().to_string());
        change("digest_to");
    }
    if let Some(channel) = input.digest_channel {
        row.digest_channel_id = Some(channel.0);
        change("digest_channel");
    }
    if let Some(text) = input.zone.as_deref() {
        let zone: Tz = text
            .trim()
            .parse()
            .map_err(|_| bad("zone", text, "Europe/Amsterdam"))?;
        row.zone = Some(zone.name().to_string());
        change("zone");
    }
    if let Some(lang) = input.language {
        row.locale = Some(lang.code().to_string());
        change("language");
    }
    if let Some(name) = input.reset.as_deref() {
        let Some(name) = RESETTABLE.iter().find(|known| **known == name.trim()) else {
            return Err(bad("reset", name, "reminder_channel").into());
        };
        reset(&mut row, name);
        change(name);
    }
    if !changed.is_empty() {
        store::guilds::update(&mut tx, req.guild, &row).await?;
    }
    // Reminders planned under the old rules are planned again under the new ones, at once:
    // wider working hours must not wait for the moment the old ones would have opened.
    if changed.iter().any(|name| TIMING.contains(name)) {
        store::commitments::replan(&mut tx, req.guild, frame.now).await?;
    }
    tx.commit().await?;
    env.forget_guild(req.guild);

    let settings = GuildSettings::over(&env.defaults, &row);
    let mut frame = frame;
    frame.zone = settings.zone;
    Ok(Reply::new(
        Body::Settings(SettingsShown { settings, changed }),
        Visibility::Private,
        frame,
    ))
}

fn reset(row: &mut store::guilds::GuildRow, name: &str) {
    match name {
        "reminder_channel" => row.reminder_channel_id = None,
        "escalation_role" => row.escalation_role_id = None,
        "escalation_channel" => row.escalation_channel_id = None,
        "restricted_role" => row.restricted_role_id = None,
        "minimal_channel_posts" => row.minimal_channel_posts = None,
        "working_hours" => row.working_hours = None,
        "repeat_every" => row.repeat_every = None,
        "ack_within" => row.handover_ack_within = None,
        "appointment_reminders" => row.appointment_reminders = None,
        "inform_within" => row.appointment_inform_within = None,
        "escalate_after" => row.escalate_after = None,
        "digest_time" => row.digest_time = None,
        "digest_to" => row.digest_to = None,
        "digest_channel" => row.digest_channel_id = None,
        "zone" => row.zone = None,
        _ => row.locale = None,
    }
}

fn bad(option: &'static str, input: &str, example: &'static str) -> UserError {
    UserError::BadSetting {
        option,
        input: input.trim().to_string(),
        example,
    }
}

#[derive(Clone, Debug)]
pub struct DigestChoice {
    pub on: bool,
}

/// Turns the member's own daily digest on or off (without a choice: shows it).
#[tracing::instrument(skip_all, fields(command = "settings digest", guild = %req.guild, actor = %req.actor.id))]
pub async fn digest(env: &Env, req: &Request, on: Option<bool>) -> Result<Reply, CommandError> {
    let (frame, _) = env.begin(req).await?;
    let me = super::MemberRef {
        id: req.actor.id,
        name: req.actor.name.clone(),
    };
    env.note_members(req.guild, &[me], frame.now).await?;
    let mut conn = env.pool.acquire().await?;
    let on = match on {
        Some(on) => {
            store::members::set_digest(&mut conn, req.guild, req.actor.id, on).await?;
            on
        }
        None => store::members::digest(&mut conn, req.guild, req.actor.id).await?,
    };
    Ok(Reply::new(
        Body::Digest(DigestChoice { on }),
        Visibility::Private,
        frame,
    ))
}
