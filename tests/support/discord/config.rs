//! What the fake Discord knows about the world: the application, the bot user and the guilds
//! with their channels, roles and members, and how that turns into gateway payloads and
//! interaction callers.

use std::collections::HashMap;
use std::time::Duration;

use serde_json::Value;

use super::models::{self, GuildShape, ALL_PERMISSIONS, DEFAULT_PERMISSIONS};
use super::payloads::Caller;

#[derive(Clone, Debug)]
pub struct StandInConfig {
    pub application_id: u64,
    pub bot_id: u64,
    pub bot_name: String,
    /// Reported by `GET /oauth2/applications/@me`; defaults to the first guild's owner.
    pub application_owner: Option<u64>,
    pub guilds: Vec<GuildConfig>,
    pub default_locale: String,
    pub heartbeat_interval_ms: u64,
    /// When false every RESUME is refused (op 9), forcing the client to identify again.
    pub allow_resume: bool,
    /// Discord forgets an interaction that is not answered within three seconds.
    pub interaction_deadline: Duration,
}

impl Default for StandInConfig {
    fn default() -> Self {
        Self {
            application_id: 1_100_000_000_000_000_001,
            bot_id: 1_100_000_000_000_000_001,
            bot_name: "baton".to_string(),
            application_owner: None,
            guilds: Vec::new(),
            default_locale: "en-US".to_string(),
            heartbeat_interval_ms: 41_250,
            allow_resume: true,
            interaction_deadline: Duration::from_secs(3),
        }
    }
}

#[derive(Clone, Debug)]
pub struct GuildConfig {
    pub id: u64,
    pub name: String,
    pub owner_id: u64,
    pub locale: String,
    pub channels: Vec<u64>,
    pub roles: Vec<RoleConfig>,
    pub members: Vec<MemberConfig>,
}

#[derive(Clone, Debug)]
pub struct RoleConfig {
    pub id: u64,
    pub name: String,
    pub permissions: u64,
}

#[derive(Clone, Debug)]
pub struct MemberConfig {
    pub user_id: u64,
    pub name: String,
    pub roles: Vec<u64>,
    pub admin: bool,
}

impl GuildConfig {
    pub fn new(id: u64, name: &str, owner_id: u64) -> Self {
        Self {
            id,
            name: name.to_string(),
            owner_id,
            locale: "en-US".to_string(),
            channels: Vec::new(),
            roles: Vec::new(),
            members: Vec::new(),
        }
    }

    pub fn channel(mut self, id: u64) -> Self {
        self.channels.push(id);
        self
    }

    pub fn role(mut self, id: u64, name: &str, permissions: u64) -> Self {
        self.roles.push(RoleConfig {
            id,
            name: name.to_string(),
            permissions,
        });
        self
    }

    pub fn member(mut self, member: MemberConfig) -> Self {
        self.members.push(member);
        self
    }

    pub fn locale(mut self, locale: &str) -> Self {
        self.locale = locale.to_string();
        self
    }

    pub fn find_member(&self, user_id: u64) -> Option<&MemberConfig> {
        self.members.iter().find(|m| m.user_id == user_id)
    }

    /// Owners and admins hold everything; others hold @everyone's defaults plus their roles'.
    pub fn permissions_of(&self, user_id: u64) -> u64 {
        let Some(m) = self.find_member(user_id) else {
            return DEFAULT_PERMISSIONS;
        };
        let granted = self
            .roles
            .iter()
            .filter(|r| m.roles.contains(&r.id))
            .fold(DEFAULT_PERMISSIONS, |acc, r| acc | r.permissions);
        let is_admin = granted & models::ADMINISTRATOR != 0;
        if user_id == self.owner_id || m.admin || is_admin {
            ALL_PERMISSIONS
        } else {
            granted
        }
    }
}

impl MemberConfig {
    pub fn new(user_id: u64, name: &str) -> Self {
        Self {
            user_id,
            name: name.to_string(),
            roles: Vec::new(),
            admin: false,
        }
    }

    pub fn roles(mut self, roles: &[u64]) -> Self {
        self.roles = roles.to_vec();
        self
    }

    pub fn admin(mut self) -> Self {
        self.admin = true;
        self
    }
}

impl StandInConfig {
    pub fn guild(&self, id: u64) -> Option<&GuildConfig> {
        self.guilds.iter().find(|g| g.id == id)
    }

    pub fn guild_of_channel(&self, channel_id: u64) -> Option<&GuildConfig> {
        self.guilds.iter().find(|g| g.channels.contains(&channel_id))
    }

    pub fn owner(&self) -> Option<u64> {
        self.application_owner
            .or_else(|| self.guilds.first().map(|g| g.owner_id))
    }

    /// A user object for any configured member; unknown ids get a placeholder name.
    pub fn user_json(&self, user_id: u64) -> Value {
        if user_id == self.bot_id {
            return models::user(user_id, &self.bot_name, true);
        }
        let name = self
            .guilds
            .iter()
            .find_map(|g| g.find_member(user_id))
            .map_or_else(|| format!("user-{user_id}"), |m| m.name.clone());
        models::user(user_id, &name, false)
    }

    pub fn known_user(&self, user_id: u64) -> bool {
        user_id == self.bot_id || self.guilds.iter().any(|g| g.find_member(user_id).is_some())
    }

    pub fn member_json(&self, guild: &GuildConfig, user_id: u64, joined_at: &str) -> Value {
        let roles = guild
            .find_member(user_id)
            .map(|m| m.roles.clone())
            .unwrap_or_default();
        models::member(self.user_json(user_id), &roles, joined_at, None)
    }

    /// The GUILD_CREATE payload; the bot is always a member and @everyone always a role.
    pub fn guild_create(&self, g: &GuildConfig, joined_at: &str) -> Value {
        let mut roles = vec![models::role(g.id, "@everyone", 0, DEFAULT_PERMISSIONS)];
        roles.extend(
            g.roles
                .iter()
                .zip(1..)
                .map(|(r, pos)| models::role(r.id, &r.name, pos, r.permissions)),
        );
        let channels = g
            .channels
            .iter()
            .zip(0..)
            .map(|(id, pos)| models::text_channel(*id, g.id, &format!("channel-{pos}"), pos))
            .collect();
        let mut user_ids: Vec<u64> = g.members.iter().map(|m| m.user_id).collect();
        if !user_ids.contains(&self.bot_id) {
            user_ids.push(self.bot_id);
        }
        let members = user_ids
            .iter()
            .map(|u| self.member_json(g, *u, joined_at))
            .collect();
        models::guild_create(GuildShape {
            id: g.id,
            name: &g.name,
            owner_id: g.owner_id,
            locale: &g.locale,
            roles,
            channels,
            members,
            joined_at,
        })
    }

    /// An interaction author in `guild` (or a DM when `None`) typing in `channel`.
    pub fn caller(&self, guild: Option<u64>, channel: u64, user: u64, joined_at: &str) -> Caller {
        let g = guild.and_then(|id| self.guild(id));
        let directory: HashMap<u64, Value> = g
            .map(|g| {
                g.members
                    .iter()
                    .map(|m| (m.user_id, self.member_json(g, m.user_id, joined_at)))
                    .collect()
            })
            .unwrap_or_default();
        Caller {
            application_id: self.application_id,
            guild_id: guild,
            guild_locale: g.map(|g| g.locale.clone()),
            channel_id: channel,
            user: self.user_json(user),
            roles: g
                .and_then(|g| g.find_member(user))
                .map(|m| m.roles.clone())
                .unwrap_or_default(),
            joined_at: joined_at.to_string(),
            permissions: g.map_or(DEFAULT_PERMISSIONS, |g| g.permissions_of(user)),
            app_permissions: DEFAULT_PERMISSIONS,
            locale: self.default_locale.clone(),
            directory,
        }
    }
}
