//! What every command runs against: the pool, the clock, the configured defaults, and two
//! small caches that spare each command a round trip for things that rarely change.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::{DateTime, NaiveTime, Utc};
use chrono_tz::Tz;
use sqlx::PgPool;

use super::{CommandError, Frame, MemberRef, Request};
use crate::clock::Clock;
use crate::domain::appointment::Reminders;
use crate::domain::schedule::{DigestTo, ReminderRules, Repeat, Within, WorkingHours};
use crate::domain::{ChannelId, GuildId, Lang, MemberId, RoleId};
use crate::store::{self, guilds::GuildRow};

/// How long a guild's settings are trusted before they are read again: other baton
/// instances may have changed them.
const GUILD_TTL: Duration = Duration::from_secs(60);

/// A guild's effective settings: its own choices over the configured defaults.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GuildSettings {
    pub zone: Tz,
    pub lang: Lang,
    pub hours: WorkingHours,
    pub repeat: Repeat,
    pub escalate_after: u32,
    /// Where reminders go; `None`: the channel where the commitment was made.
    pub reminder_channel: Option<ChannelId>,
    pub escalation_role: Option<RoleId>,
    pub escalation_channel: Option<ChannelId>,
    pub digest_time: NaiveTime,
    pub digest_to: DigestTo,
    pub digest_channel: Option<ChannelId>,
    /// How long a handover waits for its answer before the recipient is nudged.
    pub ack_within: Within,
    /// When participants are reminded before an appointment.
    pub appointment_reminders: Reminders,
    /// How soon a relation must hear the new date of a missed or moved appointment.
    pub inform_within: Within,
    /// Who reads restricted contact notes besides their author: members with this role;
    /// `None`: the server's admins.
    pub restricted_role: Option<RoleId>,
    /// Reminders, digests and handover cards in a shared channel name only the reference,
    /// the relation and the time; the rest is behind their Details button.
    pub minimal_posts: bool,
}

impl Default for GuildSettings {
    fn default() -> Self {
        GuildSettings {
            zone: chrono_tz::Europe::Amsterdam,
            lang: Lang::Nl,
            hours: WorkingHours::default(),
            repeat: Repeat::default(),
            escalate_after: 2,
            reminder_channel: None,
            escalation_role: None,
            escalation_channel: None,
            digest_time: NaiveTime::from_hms_opt(8, 45, 0).unwrap_or(NaiveTime::MIN),
            digest_to: DigestTo::Dm,
            digest_channel: None,
            ack_within: Within::default(),
            appointment_reminders: Reminders::default(),
            inform_within: Within::WorkingDays(1),
            restricted_role: None,
            minimal_posts: true,
        }
    }
}

impl GuildSettings {
    /// The first moment of the day after `day` in the guild's zone: a digest covers what
    /// is due before it.
    pub fn end_of_day(&self, day: chrono::NaiveDate, fallback: DateTime<Utc>) -> DateTime<Utc> {
        let next = day.checked_add_days(chrono::Days::new(1)).unwrap_or(day);
        crate::domain::dates::at_local(self.zone, next, NaiveTime::MIN).unwrap_or(fallback)
    }

    /// The guild's row over these defaults. A stored value that no longer reads (it was
    /// written by a newer version, say) falls back to the default rather than failing.
    pub fn over(defaults: &GuildSettings, row: &GuildRow) -> GuildSettings {
        GuildSettings {
            zone: row
                .zone
                .as_deref()
                .and_then(|z| z.parse().ok())
                .unwrap_or(defaults.zone),
            lang: row
                .locale
                .as_deref()
                .and_then(Lang::from_locale)
                .unwrap_or(defaults.lang),
            hours: row
                .working_hours
                .as_deref()
                .and_then(|h| WorkingHours::parse(h).ok())
                .unwrap_or(defaults.hours),
            repeat: row
                .repeat_every
                .as_deref()
                .and_then(|r| Repeat::parse(r).ok())
                .unwrap_or(defaults.repeat),
            escalate_after: row
                .escalate_after
                .and_then(|n| u32::try_from(n).ok())
                .unwrap_or(defaults.escalate_after),
            reminder_channel: row.reminder_channel_id.map(ChannelId),
            escalation_role: row.escalation_role_id.map(RoleId),
            restricted_role: row.restricted_role_id.map(RoleId),
            minimal_posts: row.minimal_channel_posts.unwrap_or(defaults.minimal_posts),
            escalation_channel: row.escalation_channel_id.map(ChannelId),
            digest_time: row.digest_time.unwrap_or(defaults.digest_time),
            digest_to: row
                .digest_to
                .as_deref()
                .and_then(DigestTo::parse)
                .unwrap_or(defaults.digest_to),
            digest_channel: row.digest_channel_id.map(ChannelId),
            ack_within: row
                .handover_ack_within
                .as_deref()
                .and_then(|w| Within::parse(w).ok())
                .unwrap_or(defaults.ack_within),
            appointment_reminders: row
                .appointment_reminders
                .as_deref()
                .and_then(|r| Reminders::parse(r).ok())
                .unwrap_or(defaults.appointment_reminders),
            inform_within: row
                .appointment_inform_within
                .as_deref()
                .and_then(|w| Within::parse(w).ok())
                .unwrap_or(defaults.inform_within),
        }
    }

    pub fn rules(&self) -> ReminderRules {
        ReminderRules {
            zone: self.zone,
            hours: self.hours,
            repeat: self.repeat,
            escalate_after: self.escalate_after,
        }
    }
}

pub struct Env {
    pub pool: PgPool,
    pub clock: Arc<dyn Clock>,
    pub defaults: GuildSettings,
    guilds: Mutex<HashMap<GuildId, (GuildSettings, Instant)>>,
    members: Mutex<HashMap<(GuildId, MemberId), String>>,
}

impl Env {
    pub fn new(pool: PgPool, clock: Arc<dyn Clock>, defaults: GuildSettings) -> Self {
        Self {
            pool,
            clock,
            defaults,
            guilds: Mutex::default(),
            members: Mutex::default(),
        }
    }

    /// The guild's settings, creating its row on first sight.
    pub async fn guild(&self, guild: GuildId, now: DateTime<Utc>) -> Result<GuildSettings, CommandError> {
        if let Some((settings, read_at)) = lock(&self.guilds).get(&guild) {
            if read_at.elapsed() < GUILD_TTL {
                return Ok(*settings);
            }
        }
        let mut conn = self.pool.acquire().await?;
        let row = store::guilds::ensure(&mut conn, guild, now).await?;
        let settings = GuildSettings::over(&self.defaults, &row);
        lock(&self.guilds).insert(guild, (settings, Instant::now()));
        Ok(settings)
    }

    /// The zone a guild reads dates in, without creating its row: the default zone for a
    /// guild not seen yet. For reading a moment before the clock is known.
    pub async fn zone(&self, guild: GuildId) -> Result<Tz, CommandError> {
        let mut conn = self.pool.acquire().await?;
        match store::guilds::get(&mut conn, guild).await {
            Ok(row) => Ok(GuildSettings::over(&self.defaults, &row).zone),
            Err(sqlx::Error::RowNotFound) => Ok(self.defaults.zone),
            Err(err) => Err(err.into()),
        }
    }

    /// The frame a request's reply is rendered in.
    pub async fn frame(&self, req: &Request) -> Result<Frame, CommandError> {
        Ok(self.begin(req).await?.0)
    }

    /// The frame of a request and its guild's settings: where every command starts. The
    /// actor's name is remembered, so replies can name them later.
    pub async fn begin(&self, req: &Request) -> Result<(Frame, GuildSettings), CommandError> {
        let now = self.clock.now();
        let settings = self.guild(req.guild, now).await?;
        let actor = MemberRef {
            id: req.actor.id,
            name: req.actor.name.clone(),
        };
        self.note_members(req.guild, &[actor], now).await?;
        let frame = Frame {
            lang: req.lang.unwrap_or(settings.lang),
            zone: settings.zone,
            now,
        };
        Ok((frame, settings))
    }

    /// Display names of members, for replies that mention them.
    pub async fn names(
        &self,
        guild: GuildId,
        members: &[MemberId],
    ) -> Result<HashMap<MemberId, String>, CommandError> {
        let mut conn = self.pool.acquire().await?;
        Ok(names_with(&mut conn, guild, members).await?)
    }

    /// A frame without asking the database, for answering when a command failed before it
    /// had one (the database may be why).
    pub fn cached_frame(&self, req: &Request) -> Frame {
        let settings = lock(&self.guilds)
            .get(&req.guild)
            .map(|(settings, _)| *settings)
            .unwrap_or(self.defaults);
        Frame {
            lang: req.lang.unwrap_or(settings.lang),
            zone: settings.zone,
            now: self.clock.now(),
        }
    }

    /// Remembers the names members go by (for history and the console), writing only
    /// when a name is new or changed. Not part of any command's transaction: it is a
    /// directory, not a record.
    pub async fn note_members(
        &self,
        guild: GuildId,
        members: &[MemberRef],
        now: DateTime<Utc>,
    ) -> Result<(), CommandError> {
        for member in members {
            let name = crate::domain::text::display_name(&member.name);
            let known = lock(&self.members)
                .get(&(guild, member.id))
                .is_some_and(|known| *known == name);
            if known {
                continue;
            }
            let mut conn = self.pool.acquire().await?;
            store::members::upsert(&mut conn, guild, member.id, &name, now).await?;
            lock(&self.members).insert((guild, member.id), name);
        }
        Ok(())
    }

    /// Forgets cached settings, after a guild changed them here.
    pub fn forget_guild(&self, guild: GuildId) {
        lock(&self.guilds).remove(&guild);
    }
}

/// Display names of members, read on `conn`: inside a command's transaction, so a reply
/// never depends on a read after its commit.
pub async fn names_with(
    conn: &mut store::Conn,
    guild: GuildId,
    members: &[MemberId],
) -> sqlx::Result<HashMap<MemberId, String>> {
    let mut ids = members.to_vec();
    ids.sort_unstable();
    ids.dedup();
    Ok(store::members::names(conn, guild, &ids)
        .await?
        .into_iter()
        .collect())
}

/// The name one member goes by, for messages that name rather than mention them.
pub async fn member_name(
    conn: &mut store::Conn,
    guild: GuildId,
    member: MemberId,
) -> sqlx::Result<Option<String>> {
    Ok(store::members::names(conn, guild, &[member])
        .await?
        .into_iter()
        .next()
        .map(|(_, name)| name))
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    // A cache poisoned by a panic elsewhere still holds usable entries.
    mutex.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}
