//! REST routes: the route table plus gateway discovery, application and user lookups, command
//! registration, channels and channel messages. Interaction callbacks and webhook messages live
//! in `interactions.rs`.
//!
//! Validation mirrors Discord where a bot could plausibly get it wrong (empty messages, content
//! over 2000 characters, nonces over 25 characters) so tests fail here as they would in
//! production.

use std::time::{Duration, Instant};

use serde_json::{json, Value};

use super::http::Reply;
use super::interactions;
use super::models::{self, id_of, MessageShape};
use super::state::{DedupHit, Recorded, State, StoredMessage};

/// Discord only promises "a few minutes" for nonce deduplication.
const NONCE_WINDOW: Duration = Duration::from_secs(300);
const MAX_CONTENT_CHARS: usize = 2000;
const MAX_NONCE_CHARS: usize = 25;

pub(super) fn route(state: &State, rec: &Recorded) -> Reply {
    let segs: Vec<&str> = rec.path.trim_matches('/').split('/').collect();
    let id = |s: &str| s.parse::<u64>().ok();
    let body = &rec.body;
    match (rec.method.as_str(), segs.as_slice()) {
        ("GET", ["gateway"]) => Reply::json(200, json!({"url": state.ws_url()})),
        ("GET", ["gateway", "bot"]) => gateway_bot(state),
        ("GET", ["oauth2", "applications", "@me"]) => application_info(state),
        ("GET", ["users", "@me"]) => Reply::json(200, state.bot_user.clone()),
        ("POST", ["users", "@me", "channels"]) => create_dm(state, body),
        ("GET", ["users", user]) => get_user(state, id(user)),
        (m, ["applications", app, "commands"]) => commands(state, m, id(app), None, body),
        (m, ["applications", app, "guilds", g, "commands"]) => match id(g) {
            Some(g) => commands(state, m, id(app), Some(g), body),
            None => Reply::error(404, 10004, "Unknown Guild"),
        },
        ("POST", ["interactions", iid, token, "callback"]) => {
            interactions::callback(state, id(iid), token, body, rec.at)
        }
        (m, ["webhooks", app, token, rest @ ..]) => {
            interactions::webhook(state, m, id(app), token, rest, body)
        }
        ("GET", ["channels", c]) => get_channel(state, id(c)),
        ("POST", ["channels", c, "messages"]) => create_message(state, id(c), body),
        (m, ["channels", c, "messages", mid]) => channel_message(state, m, id(c), id(mid), body),
        ("GET", ["guilds", g, "members", u]) => get_member(state, id(g), id(u)),
        ("GET", ["guilds", g]) => get_guild(state, id(g)),
        _ => Reply::unknown_route(),
    }
}

fn gateway_bot(state: &State) -> Reply {
    Reply::json(
        200,
        json!({
            "url": state.ws_url(),
            "shards": 1,
            "session_start_limit": {"total": 1000, "remaining": 1000, "reset_after": 0, "max_concurrency": 1},
        }),
    )
}

fn application_info(state: &State) -> Reply {
    let cfg = &state.cfg;
    let owner = cfg.owner().map(|o| cfg.user_json(o));
    Reply::json(
        200,
        json!({
            "id": cfg.application_id.to_string(),
            "name": cfg.bot_name,
            "icon": null,
            "description": "",
            "bot_public": false,
            "bot_require_code_grant": false,
            "owner": owner,
            "verify_key": "0".repeat(64),
            "team": null,
            "flags": 0,
            "bot": state.bot_user,
        }),
    )
}

fn get_user(state: &State, user: Option<u64>) -> Reply {
    match user.filter(|u| state.cfg.known_user(*u)) {
        Some(u) => Reply::json(200, state.cfg.user_json(u)),
        None => Reply::error(404, 10013, "Unknown User"),
    }
}

fn get_member(state: &State, guild: Option<u64>, user: Option<u64>) -> Reply {
    let Some(g) = guild.and_then(|g| state.cfg.guild(g)) else {
        return Reply::error(404, 10004, "Unknown Guild");
    };
    match user.filter(|u| g.find_member(*u).is_some() || *u == state.cfg.bot_id) {
        Some(u) => Reply::json(200, state.cfg.member_json(g, u, &models::timestamp_now())),
        None => Reply::error(404, 10007, "Unknown Member"),
    }
}

/// A guild as `GET /guilds/{id}` shows it: its owner and roles with their permissions.
fn get_guild(state: &State, guild: Option<u64>) -> Reply {
    match guild.and_then(|g| state.cfg.guild(g)) {
        Some(g) => Reply::json(200, state.cfg.guild_create(g, &models::timestamp_now())),
        None => Reply::error(404, 10004, "Unknown Guild"),
    }
}

/// One DM channel per recipient, created on first request.
fn create_dm(state: &State, body: &Value) -> Reply {
    let Some(recipient) = body.get("recipient_id").and_then(id_of) else {
        return Reply::error(400, 50035, "Invalid Form Body");
    };
    let mut store = state.store();
    let channel = store
        .dm_channels
        .entry(recipient)
        .or_insert_with(|| models::dm_channel(models::snowflake(), state.cfg.user_json(recipient)));
    Reply::json(200, channel.clone())
}

fn get_channel(state: &State, channel: Option<u64>) -> Reply {
    let Some(c) = channel else {
        return Reply::error(404, 10003, "Unknown Channel");
    };
    if let Some(g) = state.cfg.guild_of_channel(c) {
        let pos = g.channels.iter().position(|x| *x == c).unwrap_or(0) as u64;
        return Reply::json(200, models::text_channel(c, g.id, &format!("channel-{pos}"), pos));
    }
    let store = state.store();
    match store
        .dm_channels
        .values()
        .find(|v| v.get("id").and_then(id_of) == Some(c))
    {
        Some(dm) => Reply::json(200, dm.clone()),
        None => Reply::error(404, 10003, "Unknown Channel"),
    }
}

pub(super) fn channel_exists(state: &State, channel: u64) -> bool {
    state.cfg.guild_of_channel(channel).is_some()
        || state
            .store()
            .dm_channels
            .values()
            .any(|v| v.get("id").and_then(id_of) == Some(channel))
}

/// Rejects bodies Discord would reject; `creating` adds the "not empty" rule.
pub(super) fn invalid_message(body: &Value, creating: bool) -> Option<Reply> {
    let content = body.get("content").and_then(Value::as_str).unwrap_or("");
    if content.chars().count() > MAX_CONTENT_CHARS {
        return Some(Reply::error(
            400,
            50035,
            "Invalid Form Body: content longer than 2000",
        ));
    }
    let non_empty = |k: &str| {
        body.get(k)
            .and_then(Value::as_array)
            .is_some_and(|a| !a.is_empty())
    };
    let has_any = !content.is_empty()
        || ["embeds", "components", "attachments", "sticker_ids"]
            .iter()
            .any(|k| non_empty(k))
        || body.get("poll").is_some_and(Value::is_object);
    if creating && !has_any {
        return Some(Reply::error(400, 50006, "Cannot send an empty message"));
    }
    None
}

fn nonce_of(body: &Value) -> Option<String> {
    match body.get("nonce")? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn create_message(state: &State, channel: Option<u64>, body: &Value) -> Reply {
    let Some(channel) = channel.filter(|c| channel_exists(state, *c)) else {
        return Reply::error(404, 10003, "Unknown Channel");
    };
    if let Some(bad) = invalid_message(body, true) {
        return bad;
    }
    let nonce = nonce_of(body);
    if nonce
        .as_ref()
        .is_some_and(|n| n.chars().count() > MAX_NONCE_CHARS)
    {
        return Reply::error(400, 50035, "Invalid Form Body: nonce longer than 25");
    }
    let enforce = body.get("enforce_nonce").and_then(Value::as_bool) == Some(true);
    let mut store = state.store();
    if let (Some(n), true) = (&nonce, enforce) {
        let existing = store
            .nonces
            .get(&(channel, n.clone()))
            .filter(|(_, at)| at.elapsed() < NONCE_WINDOW);
        if let Some(msg) = existing
            .and_then(|(mid, _)| store.messages.get(mid))
            .map(|m| m.value.clone())
        {
            let message_id = msg.get("id").and_then(id_of).unwrap_or(0);
            store.dedup_hits.push(DedupHit {
                channel_id: channel,
                nonce: n.clone(),
                message_id,
                at: Instant::now(),
            });
            return Reply {
                deduplicated: true,
                ..Reply::json(200, msg)
            };
        }
    }
    let id = models::snowflake();
    let author = state.bot_user.clone();
    let msg = models::message(MessageShape {
        id,
        channel_id: channel,
        author,
        kind: 0,
        webhook_id: None,
        body,
    });
    if let Some(n) = nonce {
        store.nonces.insert((channel, n), (id, Instant::now()));
    }
    store.messages.insert(
        id,
        StoredMessage {
            channel_id: channel,
            value: msg.clone(),
        },
    );
    Reply::json(200, msg)
}

fn channel_message(
    state: &State,
    method: &str,
    channel: Option<u64>,
    mid: Option<u64>,
    body: &Value,
) -> Reply {
    let mut store = state.store();
    let key = mid.filter(|m| {
        store
            .messages
            .get(m)
            .is_some_and(|s| Some(s.channel_id) == channel)
    });
    let Some(mid) = key else {
        return Reply::error(404, 10008, "Unknown Message");
    };
    match method {
        "GET" => Reply::json(200, store.messages[&mid].value.clone()),
        "DELETE" => {
            store.messages.remove(&mid);
            Reply::no_content()
        }
        "PATCH" => {
            if let Some(bad) = invalid_message(body, false) {
                return bad;
            }
            let Some(stored) = store.messages.get_mut(&mid) else {
                return Reply::error(404, 10008, "Unknown Message");
            };
            models::apply_edit(&mut stored.value, body);
            Reply::json(200, stored.value.clone())
        }
        _ => Reply::unknown_route(),
    }
}

/// Bulk overwrite (PUT), list (GET) and single upsert (POST) of application commands.
fn commands(state: &State, method: &str, app: Option<u64>, guild: Option<u64>, body: &Value) -> Reply {
    if app != Some(state.cfg.application_id) {
        return Reply::error(404, 10002, "Unknown Application");
    }
    if guild.is_some_and(|g| state.cfg.guild(g).is_none()) {
        return Reply::error(404, 10004, "Unknown Guild");
    }
    let mut store = state.store();
    match (method, body) {
        ("GET", _) => Reply::json(
            200,
            json!(store.commands.get(&guild).cloned().unwrap_or_default()),
        ),
        ("PUT", Value::Array(list)) if list.iter().all(Value::is_object) => {
            let echoed: Vec<Value> = list
                .iter()
                .map(|c| echo_command(&mut store, state, guild, c))
                .collect();
            store.commands.insert(guild, echoed.clone());
            Reply::json(200, Value::Array(echoed))
        }
        ("POST", Value::Object(_)) => {
            let echoed = echo_command(&mut store, state, guild, body);
            let list = store.commands.entry(guild).or_default();
            list.retain(|c| c["name"] != echoed["name"]);
            list.push(echoed.clone());
            Reply::json(200, echoed)
        }
        ("PUT" | "POST", _) => Reply::error(400, 50035, "Invalid Form Body"),
        _ => Reply::unknown_route(),
    }
}

/// The stored form of a registered command: what was sent plus the server-assigned fields.
fn echo_command(store: &mut super::state::Store, state: &State, guild: Option<u64>, cmd: &Value) -> Value {
    let name = cmd.get("name").and_then(Value::as_str).unwrap_or("").to_string();
    let id = *store
        .command_ids
        .entry((guild, name))
        .or_insert_with(models::snowflake);
    let mut out = cmd.clone();
    out["id"] = json!(id.to_string());
    out["application_id"] = json!(state.cfg.application_id.to_string());
    out["version"] = json!(models::snowflake().to_string());
    out["guild_id"] = guild.map_or(Value::Null, |g| json!(g.to_string()));
    for (key, default) in [
        ("type", json!(1)),
        ("description", json!("")),
        ("default_member_permissions", Value::Null),
    ] {
        if out.get(key).is_none() {
            out[key] = default;
        }
    }
    out
}
