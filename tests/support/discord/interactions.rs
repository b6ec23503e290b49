//! Interaction responses: the initial callback and the webhook routes for the original response
//! and follow-ups, keeping the per-interaction record that `InteractionHandle` reads.
//!
//! Discord's rules that catch real bugs are enforced: one callback per interaction, a callback
//! deadline, and no follow-ups or edits before the interaction was acknowledged.

use std::time::Instant;

use serde_json::{json, Value};

use super::http::Reply;
use super::models::{self, MessageShape, MESSAGE_FLAG_EPHEMERAL, MESSAGE_FLAG_LOADING};
use super::routes::invalid_message;
use super::state::{State, Store, StoredMessage};

const MAX_AUTOCOMPLETE_CHOICES: usize = 25;
const CHAT_INPUT_COMMAND: u8 = 20;

fn unknown_interaction() -> Reply {
    Reply::error(404, 10062, "Unknown interaction")
}

fn unknown_webhook() -> Reply {
    Reply::error(404, 10015, "Unknown Webhook")
}

fn unknown_message() -> Reply {
    Reply::error(404, 10008, "Unknown Message")
}

/// `at` is when the request arrived; it is both the deadline check and the recorded time.
pub(super) fn callback(state: &State, iid: Option<u64>, token: &str, body: &Value, at: Instant) -> Reply {
    let mut store = state.store();
    let Some(iid) = iid else {
        return unknown_interaction();
    };
    let Some(rec) = store.interactions.get_mut(&iid).filter(|r| r.token == token) else {
        return unknown_interaction();
    };
    if rec.callback.is_some() {
        return Reply::error(400, 40060, "Interaction has already been acknowledged.");
    }
    if at.saturating_duration_since(rec.sent_at) > state.cfg.interaction_deadline {
        return unknown_interaction();
    }
    let kind = body.get("type").and_then(Value::as_u64).unwrap_or(0);
    let data = body.get("data").cloned().unwrap_or(Value::Null);
    if let Some(bad) = invalid_callback(kind, &data) {
        return bad;
    }
    rec.callback = Some((body.clone(), at));
    let (channel_id, component_message, notify) = (rec.channel_id, rec.component_message, rec.notify.clone());

    let original = match kind {
        4 => Some(new_message(&mut store, state, channel_id, &data)),
        5 => {
            let flags = data.get("flags").and_then(Value::as_u64).unwrap_or(0) & MESSAGE_FLAG_EPHEMERAL;
            let placeholder = json!({"content": "", "flags": flags | MESSAGE_FLAG_LOADING});
            Some(new_message(&mut store, state, channel_id, &placeholder))
        }
        6 => component_message,
        7 => component_message.inspect(|id| {
            if let Some(m) = store.messages.get_mut(id) {
                models::apply_edit(&mut m.value, &data);
            }
        }),
        _ => None,
    };
    if let Some(rec) = store.interactions.get_mut(&iid) {
        rec.original_id = original;
    }
    Reply::no_content().waking(notify)
}

/// Type 4 and 7 carry message data; 8 carries autocomplete choices.
fn invalid_callback(kind: u64, data: &Value) -> Option<Reply> {
    match kind {
        4 => invalid_message(data, true),
        7 => invalid_message(data, false),
        8 => {
            let n = data.get("choices").and_then(Value::as_array).map_or(0, Vec::len);
            (n > MAX_AUTOCOMPLETE_CHOICES)
                .then(|| Reply::error(400, 50035, "Invalid Form Body: too many choices"))
        }
        1 | 5 | 6 | 9 | 10 | 12 => None,
        _ => Some(Reply::error(
            400,
            50035,
            "Invalid Form Body: unknown callback type",
        )),
    }
}

fn new_message(store: &mut Store, state: &State, channel_id: u64, body: &Value) -> u64 {
    let id = models::snowflake();
    let msg = models::message(MessageShape {
        id,
        channel_id,
        author: state.bot_user.clone(),
        kind: CHAT_INPUT_COMMAND,
        webhook_id: Some(state.cfg.application_id),
        body,
    });
    store.messages.insert(
        id,
        StoredMessage {
            channel_id,
            value: msg,
        },
    );
    id
}

/// `/webhooks/{app}/{token}` (follow-up create) and `/webhooks/{app}/{token}/messages/{id}`
/// (`@original` or a follow-up id).
pub(super) fn webhook(
    state: &State,
    method: &str,
    app: Option<u64>,
    token: &str,
    rest: &[&str],
    body: &Value,
) -> Reply {
    if app != Some(state.cfg.application_id) {
        return unknown_webhook();
    }
    let mut store = state.store();
    let Some(iid) = store.tokens.get(token).copied() else {
        return unknown_webhook();
    };
    match (method, rest) {
        ("POST", []) => create_followup(&mut store, state, iid, body),
        (m, ["messages", "@original"]) => {
            let original = store.interactions.get(&iid).and_then(|r| r.original_id);
            webhook_message(&mut store, m, iid, original, body)
        }
        (m, ["messages", mid]) => {
            let mid = mid.parse::<u64>().ok();
            let owned = store.interactions.get(&iid).is_some_and(|r| {
                mid.is_some_and(|id| r.original_id == Some(id) || r.followup_ids.contains(&id))
            });
            webhook_message(&mut store, m, iid, mid.filter(|_| owned), body)
        }
        _ => Reply::unknown_route(),
    }
}

fn create_followup(store: &mut Store, state: &State, iid: u64, body: &Value) -> Reply {
    let Some(rec) = store.interactions.get(&iid).filter(|r| r.callback.is_some()) else {
        return unknown_webhook();
    };
    if let Some(bad) = invalid_message(body, true) {
        return bad;
    }
    let (channel_id, notify, original) = (rec.channel_id, rec.notify.clone(), rec.original_id);
    if let Some(msg) = original.and_then(|id| resolve_deferred(store, id, body)) {
        return Reply::json(200, msg).waking(notify);
    }
    let id = new_message(store, state, channel_id, body);
    if let Some(rec) = store.interactions.get_mut(&iid) {
        rec.followup_ids.push(id);
    }
    let msg = store
        .messages
        .get(&id)
        .map(|m| m.value.clone())
        .unwrap_or(Value::Null);
    Reply::json(200, msg).waking(notify)
}

/// Discord fills a still-loading deferred response with the first follow-up instead of posting
/// a new message, keeping the visibility chosen when deferring. None when nothing is loading.
fn resolve_deferred(store: &mut Store, original: u64, body: &Value) -> Option<Value> {
    let stored = store.messages.get_mut(&original)?;
    let flags = stored.value["flags"].as_u64().unwrap_or(0);
    if flags & MESSAGE_FLAG_LOADING == 0 {
        return None;
    }
    models::apply_edit(&mut stored.value, body);
    let sent = stored.value["flags"].as_u64().unwrap_or(0);
    let keep = MESSAGE_FLAG_EPHEMERAL | MESSAGE_FLAG_LOADING;
    stored.value["flags"] = json!((flags & MESSAGE_FLAG_EPHEMERAL) | (sent & !keep));
    stored.value["edited_timestamp"] = Value::Null;
    Some(stored.value.clone())
}

/// GET / PATCH / DELETE of a message owned by the interaction. Editing clears the "thinking"
/// flag a deferred response starts with.
fn webhook_message(store: &mut Store, method: &str, iid: u64, mid: Option<u64>, body: &Value) -> Reply {
    let Some(notify) = store.interactions.get(&iid).map(|r| r.notify.clone()) else {
        return unknown_webhook();
    };
    let Some(mid) = mid.filter(|m| store.messages.contains_key(m)) else {
        return unknown_message();
    };
    match method {
        "GET" => Reply::json(200, store.messages[&mid].value.clone()),
        "DELETE" => {
            store.messages.remove(&mid);
            Reply::no_content().waking(notify)
        }
        "PATCH" => {
            if let Some(bad) = invalid_message(body, false) {
                return bad;
            }
            let Some(stored) = store.messages.get_mut(&mid) else {
                return unknown_message();
            };
            models::apply_edit(&mut stored.value, body);
            let flags = stored.value["flags"].as_u64().unwrap_or(0);
            stored.value["flags"] = json!(flags & !MESSAGE_FLAG_LOADING);
            Reply::json(200, stored.value.clone()).waking(notify)
        }
        _ => Reply::unknown_route(),
    }
}
