//! Discord object shapes the stand-in serves: users, members, roles, channels, guilds, READY
//! and messages, plus the snowflake and timestamp formats they use.
//!
//! Everything is plain `serde_json::Value` so the stand-in shares no model code with the client
//! under test; the proving test deserializes each shape with serenity's own types because the
//! client drops a gateway event it cannot parse without any error.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use serde_json::{json, Value};

const DISCORD_EPOCH_MS: u64 = 1_420_070_400_000;
/// VIEW_CHANNEL, SEND_MESSAGES, EMBED_LINKS, ATTACH_FILES, READ_MESSAGE_HISTORY,
/// ADD_REACTIONS, USE_APPLICATION_COMMANDS: what a plain member holds on a fresh server.
pub const DEFAULT_PERMISSIONS: u64 =
    (1 << 6) | (1 << 10) | (1 << 11) | (1 << 14) | (1 << 15) | (1 << 16) | (1 << 31);
pub const ADMINISTRATOR: u64 = 1 << 3;
/// Discord reports every permission bit for administrators; unknown high bits are truncated by
/// the client, so a wide mask is the faithful choice.
pub const ALL_PERMISSIONS: u64 = (1 << 51) - 1;
pub const MESSAGE_FLAG_EPHEMERAL: u64 = 1 << 6;
pub const MESSAGE_FLAG_LOADING: u64 = 1 << 7;

static SEQUENCE: AtomicU64 = AtomicU64::new(0);

/// A fresh snowflake. Time-derived so `created_at()` on the client stays plausible; the low bits
/// carry a process-wide counter so ids never repeat between stand-ins in one test binary.
pub fn snowflake() -> u64 {
    let ms = unix_millis().saturating_sub(DISCORD_EPOCH_MS);
    let seq = SEQUENCE.fetch_add(1, Ordering::Relaxed) & 0x3F_FFFF;
    (ms << 22) | seq
}

fn unix_millis() -> u64 {
    let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default();
    u64::try_from(now.as_millis()).unwrap_or(u64::MAX)
}

/// The current time as the ISO 8601 string Discord puts in `timestamp` fields.
pub fn timestamp_now() -> String {
    let ms = unix_millis();
    let secs = ms / 1000;
    let (y, m, d) = civil_from_days(i64::try_from(secs / 86_400).unwrap_or(0));
    let rem = secs % 86_400;
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{:03}000+00:00",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60,
        ms % 1000
    )
}

/// Days since 1970-01-01 to a (year, month, day) triple, after Howard Hinnant's algorithm.
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

pub fn user(id: u64, name: &str, bot: bool) -> Value {
    json!({
        "id": id.to_string(),
        "username": name,
        "discriminator": "0",
        "global_name": if bot { Value::Null } else { json!(name) },
        "avatar": null,
        "bot": bot,
        "public_flags": 0,
    })
}

/// A guild member. `permissions` is only present on members embedded in interactions.
pub fn member(user: Value, roles: &[u64], joined_at: &str, permissions: Option<u64>) -> Value {
    let mut m = json!({
        "user": user,
        "nick": null,
        "avatar": null,
        "roles": roles.iter().map(u64::to_string).collect::<Vec<_>>(),
        "joined_at": joined_at,
        "premium_since": null,
        "deaf": false,
        "mute": false,
        "flags": 0,
        "pending": false,
    });
    if let Some(p) = permissions {
        m["permissions"] = json!(p.to_string());
    }
    m
}

pub fn role(id: u64, name: &str, position: u64, permissions: u64) -> Value {
    json!({
        "id": id.to_string(),
        "name": name,
        "color": 0,
        "colors": {"primary_color": 0, "secondary_color": null, "tertiary_color": null},
        "hoist": false,
        "icon": null,
        "unicode_emoji": null,
        "position": position,
        "permissions": permissions.to_string(),
        "managed": false,
        "mentionable": false,
        "flags": 0,
    })
}

pub fn text_channel(id: u64, guild_id: u64, name: &str, position: u64) -> Value {
    json!({
        "id": id.to_string(),
        "type": 0,
        "guild_id": guild_id.to_string(),
        "name": name,
        "position": position,
        "permission_overwrites": [],
        "topic": null,
        "nsfw": false,
        "last_message_id": null,
        "rate_limit_per_user": 0,
        "parent_id": null,
    })
}

pub fn dm_channel(id: u64, recipient: Value) -> Value {
    json!({ "id": id.to_string(), "type": 1, "last_message_id": null, "recipients": [recipient] })
}

/// The pieces of a GUILD_CREATE that vary between tests; the rest is fixed defaults.
pub struct GuildShape<'a> {
    pub id: u64,
    pub name: &'a str,
    pub owner_id: u64,
    pub locale: &'a str,
    pub roles: Vec<Value>,
    pub channels: Vec<Value>,
    pub members: Vec<Value>,
    pub joined_at: &'a str,
}

pub fn guild_create(g: GuildShape<'_>) -> Value {
    json!({
        "id": g.id.to_string(),
        "name": g.name,
        "icon": null,
        "splash": null,
        "discovery_splash": null,
        "owner_id": g.owner_id.to_string(),
        "afk_channel_id": null,
        "afk_timeout": 300,
        "verification_level": 0,
        "default_message_notifications": 0,
        "explicit_content_filter": 0,
        "roles": g.roles,
        "emojis": [],
        "features": [],
        "mfa_level": 0,
        "application_id": null,
        "system_channel_id": null,
        "system_channel_flags": 0,
        "rules_channel_id": null,
        "vanity_url_code": null,
        "description": null,
        "banner": null,
        "premium_tier": 0,
        "premium_subscription_count": 0,
        "preferred_locale": g.locale,
        "public_updates_channel_id": null,
        "nsfw_level": 0,
        "stickers": [],
        "premium_progress_bar_enabled": false,
        "joined_at": g.joined_at,
        "large": false,
        "unavailable": false,
        "member_count": g.members.len(),
        "voice_states": [],
        "members": g.members,
        "channels": g.channels,
        "threads": [],
        "presences": [],
        "stage_instances": [],
        "guild_scheduled_events": [],
    })
}

pub fn ready(bot: Value, app_id: u64, guild_ids: &[u64], session_id: &str, url: &str) -> Value {
    let guilds: Vec<Value> = guild_ids
        .iter()
        .map(|id| json!({"id": id.to_string(), "unavailable": true}))
        .collect();
    json!({
        "v": 10,
        "user": bot,
        "guilds": guilds,
        "session_id": session_id,
        "resume_gateway_url": url,
        "shard": [0, 1],
        "application": { "id": app_id.to_string(), "flags": 0 },
    })
}

/// Who a message is from and where it lives; shared by channel and webhook messages.
pub struct MessageShape<'a> {
    pub id: u64,
    pub channel_id: u64,
    pub author: Value,
    pub kind: u8,
    pub webhook_id: Option<u64>,
    pub body: &'a Value,
}

/// A full Message built from a create-message body. Only fields that are also Message fields are
/// copied: request-only keys such as `allowed_mentions` must not leak into the model.
pub fn message(m: MessageShape<'_>) -> Value {
    let b = m.body;
    let mut msg = json!({
        "id": m.id.to_string(),
        "channel_id": m.channel_id.to_string(),
        "author": m.author,
        "content": b.get("content").cloned().unwrap_or_else(|| json!("")),
        "timestamp": timestamp_now(),
        "edited_timestamp": null,
        "tts": b.get("tts").cloned().unwrap_or(json!(false)),
        "mention_everyone": false,
        "mentions": [],
        "mention_roles": [],
        "attachments": attachments(b.get("attachments")),
        "embeds": b.get("embeds").cloned().unwrap_or_else(|| json!([])),
        "components": b.get("components").cloned().unwrap_or_else(|| json!([])),
        "pinned": false,
        "type": m.kind,
        "flags": b.get("flags").cloned().unwrap_or(json!(0)),
    });
    if let Some(nonce) = b.get("nonce") {
        msg["nonce"] = nonce.clone();
    }
    if let Some(w) = m.webhook_id {
        msg["webhook_id"] = json!(w.to_string());
        msg["application_id"] = json!(w.to_string());
    }
    msg
}

/// Applies an edit body to a stored message the way Discord does: present keys replace.
pub fn apply_edit(msg: &mut Value, edit: &Value) {
    for key in ["content", "embeds", "components", "flags"] {
        if let Some(v) = edit.get(key) {
            msg[key] = if v.is_null() && key != "content" {
                json!([])
            } else {
                v.clone()
            };
        }
    }
    if edit.get("attachments").is_some() {
        msg["attachments"] = attachments(edit.get("attachments"));
    }
    msg["edited_timestamp"] = json!(timestamp_now());
}

/// Uploaded files are not stored; each declared attachment becomes a plausible Attachment.
fn attachments(declared: Option<&Value>) -> Value {
    let list = declared.and_then(Value::as_array).cloned().unwrap_or_default();
    let out: Vec<Value> = list
        .iter()
        .map(|a| {
            let id = snowflake();
            let name = a.get("filename").and_then(Value::as_str).unwrap_or("file");
            let url = format!("http://127.0.0.1/attachments/{id}/{name}");
            json!({"id": id.to_string(), "filename": name, "size": 0, "url": url, "proxy_url": url})
        })
        .collect();
    Value::Array(out)
}

/// Reads a snowflake that Discord sends as a string (tolerating numbers).
pub fn id_of(v: &Value) -> Option<u64> {
    match v {
        Value::String(s) => s.parse().ok(),
        Value::Number(n) => n.as_u64(),
        _ => None,
    }
}
