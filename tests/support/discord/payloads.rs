//! INTERACTION_CREATE payloads a test sends to the bot: slash commands, autocomplete,
//! components and modal submits, each from a [`Caller`] with a guild, channel, member and locale.
//!
//! Field sets follow what serenity 0.12 requires to deserialize an interaction and what poise
//! reads without checking (`member.permissions` and `app_permissions` in guilds).

use std::collections::HashMap;

use serde_json::{json, Map, Value};

use super::models::{member, snowflake, user, ALL_PERMISSIONS, DEFAULT_PERMISSIONS};

/// The 25 MiB upload limit Discord advertises to unboosted guilds.
const ATTACHMENT_SIZE_LIMIT: u64 = 26_214_400;

/// Everything an interaction says about where it came from and who sent it.
#[derive(Clone, Debug)]
pub struct Caller {
    pub application_id: u64,
    pub guild_id: Option<u64>,
    pub guild_locale: Option<String>,
    pub channel_id: u64,
    pub user: Value,
    pub roles: Vec<u64>,
    pub joined_at: String,
    pub permissions: u64,
    pub app_permissions: u64,
    pub locale: String,
    /// Members of the caller's guild by user id, used to fill `resolved` for user options.
    pub directory: HashMap<u64, Value>,
}

impl Caller {
    pub fn locale(mut self, locale: &str) -> Self {
        self.locale = locale.to_string();
        self
    }

    /// Gives the caller the ADMINISTRATOR bit, as Discord reports it for server admins.
    pub fn admin(mut self) -> Self {
        self.permissions = ALL_PERMISSIONS;
        self
    }

    pub fn permissions(mut self, bits: u64) -> Self {
        self.permissions = bits;
        self
    }

    pub fn user_id(&self) -> u64 {
        self.user["id"].as_str().and_then(|s| s.parse().ok()).unwrap_or(0)
    }
}

/// One application-command option as a test writes it.
#[derive(Clone, Debug)]
pub enum Opt<'a> {
    Sub(&'a str, Vec<Opt<'a>>),
    Group(&'a str, Vec<Opt<'a>>),
    Str(&'a str, &'a str),
    Int(&'a str, i64),
    Bool(&'a str, bool),
    User(&'a str, u64),
    /// The string option the user is typing into, for autocomplete.
    Focused(&'a str, &'a str),
    /// A file, as `StandIn::host_file` describes it.
    Attachment(&'a str, Value),
}

fn option_json(opt: &Opt<'_>, resolved: &mut Vec<u64>) -> Value {
    let nested = |name: &str, kind: u8, inner: &[Opt<'_>], resolved: &mut Vec<u64>| {
        let options: Vec<Value> = inner.iter().map(|o| option_json(o, resolved)).collect();
        json!({"type": kind, "name": name, "options": options})
    };
    match opt {
        Opt::Sub(n, inner) => nested(n, 1, inner, resolved),
        Opt::Group(n, inner) => nested(n, 2, inner, resolved),
        Opt::Str(n, v) => json!({"type": 3, "name": n, "value": v}),
        Opt::Int(n, v) => json!({"type": 4, "name": n, "value": v}),
        Opt::Bool(n, v) => json!({"type": 5, "name": n, "value": v}),
        Opt::User(n, id) => {
            resolved.push(*id);
            json!({"type": 6, "name": n, "value": id.to_string()})
        }
        Opt::Focused(n, v) => json!({"type": 3, "name": n, "value": v, "focused": true}),
        Opt::Attachment(n, a) => json!({"type": 11, "name": n, "value": a["id"]}),
    }
}

/// `resolved.users` and `resolved.members` for the user options; members lose their nested
/// `user` and gain `permissions`, as Discord sends them.
fn resolved_users(caller: &Caller, ids: &[u64]) -> Value {
    let mut users = Map::new();
    let mut members = Map::new();
    for id in ids {
        let found = caller.directory.get(id);
        let user = found.map_or_else(|| user(*id, &format!("user-{id}"), false), |m| m["user"].clone());
        users.insert(id.to_string(), user);
        if let Some(m) = found {
            let mut m = m.clone();
            if let Some(obj) = m.as_object_mut() {
                obj.remove("user");
            }
            m["permissions"] = json!(DEFAULT_PERMISSIONS.to_string());
            members.insert(id.to_string(), m);
        }
    }
    json!({"users": users, "members": members})
}

/// The attachments among the options, nested ones too, keyed by id.
fn resolved_attachments(options: &[Opt<'_>], into: &mut Map<String, Value>) {
    for opt in options {
        match opt {
            Opt::Sub(_, inner) | Opt::Group(_, inner) => resolved_attachments(inner, into),
            Opt::Attachment(_, a) => {
                into.insert(a["id"].as_str().unwrap_or_default().to_string(), a.clone());
            }
            _ => {}
        }
    }
}

fn command_data(caller: &Caller, command_id: u64, name: &str, options: &[Opt<'_>]) -> Value {
    let mut ids = Vec::new();
    let mut attachments = Map::new();
    resolved_attachments(options, &mut attachments);
    let options: Vec<Value> = options.iter().map(|o| option_json(o, &mut ids)).collect();
    let mut resolved = resolved_users(caller, &ids);
    if !attachments.is_empty() {
        resolved["attachments"] = Value::Object(attachments);
    }
    let mut data = json!({
        "id": command_id.to_string(),
        "name": name,
        "type": 1,
        "options": options,
        "resolved": resolved,
    });
    if let Some(g) = caller.guild_id {
        data["guild_id"] = json!(g.to_string());
    }
    data
}

/// The envelope every interaction shares; `kind` is the interaction type.
fn interaction(caller: &Caller, kind: u8, data: Value) -> Value {
    let id = snowflake();
    let mut v = json!({
        "id": id.to_string(),
        "application_id": caller.application_id.to_string(),
        "type": kind,
        "data": data,
        "channel_id": caller.channel_id.to_string(),
        "token": format!("standin-token-{id}"),
        "version": 1,
        "locale": caller.locale,
        "entitlements": [],
        "attachment_size_limit": ATTACHMENT_SIZE_LIMIT,
        "app_permissions": caller.app_permissions.to_string(),
    });
    match caller.guild_id {
        Some(g) => {
            v["guild_id"] = json!(g.to_string());
            v["guild_locale"] = json!(caller.guild_locale);
            v["channel"] = json!({"id": caller.channel_id.to_string(), "type": 0, "guild_id": g.to_string()});
            let perms = Some(caller.permissions);
            v["member"] = member(caller.user.clone(), &caller.roles, &caller.joined_at, perms);
            v["authorizing_integration_owners"] = json!({"0": g.to_string()});
            v["context"] = json!(0);
        }
        None => {
            v["channel"] = json!({"id": caller.channel_id.to_string(), "type": 1});
            v["user"] = caller.user.clone();
            v["authorizing_integration_owners"] = json!({"0": "0"});
            v["context"] = json!(1);
        }
    }
    v
}

/// INTERACTION_CREATE data for a slash command (type 2, APPLICATION_COMMAND).
pub fn slash(caller: &Caller, command_id: u64, name: &str, options: &[Opt<'_>]) -> Value {
    interaction(caller, 2, command_data(caller, command_id, name, options))
}

/// INTERACTION_CREATE data for a message context-menu command (type 2, command type 3) on
/// `message`.
pub fn message_command(caller: &Caller, command_id: u64, name: &str, message: Value) -> Value {
    let target = message["id"].clone();
    let target_key = target.as_str().unwrap_or_default().to_string();
    let data = json!({
        "id": command_id.to_string(),
        "name": name,
        "type": 3,
        "target_id": target,
        "resolved": {"messages": {target_key: message}},
    });
    interaction(caller, 2, data)
}

/// INTERACTION_CREATE data for an autocomplete request (type 4); mark the typed option with
/// [`Opt::Focused`].
pub fn autocomplete(caller: &Caller, command_id: u64, name: &str, options: &[Opt<'_>]) -> Value {
    interaction(caller, 4, command_data(caller, command_id, name, options))
}

/// INTERACTION_CREATE data for a button press (no `values`) or a string-select choice (type 3).
/// `message` is the message carrying the component.
pub fn component(caller: &Caller, message: Value, custom_id: &str, values: &[&str]) -> Value {
    let component_type = if values.is_empty() { 2 } else { 3 };
    let mut data = json!({"custom_id": custom_id, "component_type": component_type});
    if !values.is_empty() {
        data["values"] = json!(values);
    }
    let mut v = interaction(caller, 3, data);
    v["message"] = message;
    v
}

/// INTERACTION_CREATE data for a submitted modal (type 5); each field becomes one text input in
/// its own action row.
pub fn modal_submit(caller: &Caller, custom_id: &str, fields: &[(&str, &str)]) -> Value {
    let rows: Vec<Value> = fields
        .iter()
        .map(|(id, value)| json!({"type": 1, "components": [{"type": 4, "custom_id": id, "value": value}]}))
        .collect();
    interaction(caller, 5, json!({"custom_id": custom_id, "components": rows}))
}
