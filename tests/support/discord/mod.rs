//! A fake Discord on loopback for end-to-end tests: one port serves the REST API (as reached
//! through serenity's `HttpBuilder::proxy`) and the gateway WebSocket.
//!
//! A test starts a [`StandIn`], points the real serenity/poise client at [`StandIn::api_base`],
//! waits for READY, sends interactions and inspects what the bot called back with. Everything
//! the bot asks over REST is recorded; unknown routes get a 404 so surprises are visible.
//!
//! ```text
//! let standin = StandIn::start(cfg).await;
//! // HttpBuilder::new(token).proxy(standin.api_base()).ratelimiter_disabled(true)
//! standin.wait_ready(timeout).await;
//! let caller = standin.caller(Some(guild), channel, user).locale("de");
//! let handle = standin.send_interaction(standin.slash(&caller, "contact", &[Opt::Sub("log", opts)]));
//! let callback = handle.callback(timeout).await; // {"type": 4, "data": {...}}
//! ```
//!
//! Two client habits matter when timing: poise holds every event in a 100 ms polling loop until
//! its `setup` has returned, so the first interaction after start can look slow; and serenity
//! waits 5 s between two IDENTIFYs of one shard.
#![allow(dead_code)]

mod config;
mod gateway;
mod handle;
mod http;
mod interactions;
pub mod models;
pub mod payloads;
mod routes;
mod state;

use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::Value;
use tokio::net::TcpListener;
use tokio::sync::{watch, Notify};

// Each test binary names only some of these; an unnamed re-export is not a defect.
#[allow(unused_imports)]
pub use config::{GuildConfig, MemberConfig, RoleConfig, StandInConfig};
#[allow(unused_imports)]
pub use handle::InteractionHandle;
#[allow(unused_imports)]
pub use payloads::{Caller, Opt};
#[allow(unused_imports)]
pub use state::{DedupHit, GatewayStats, Recorded};

use models::{id_of, MessageShape};
use state::{wait_on, InteractionRecord, State, StoredMessage};

pub struct StandIn {
    state: Arc<State>,
    server: tokio::task::JoinHandle<()>,
    joined_at: String,
}

impl StandIn {
    /// Binds 127.0.0.1 on a random port and starts serving. Panics only if loopback cannot be
    /// bound, which leaves nothing to test.
    pub async fn start(cfg: StandInConfig) -> StandIn {
        let listener = TcpListener::bind(("127.0.0.1", 0)).await.expect("bind loopback");
        let port = listener.local_addr().expect("bound address").port();
        let (shutdown, _) = watch::channel(false);
        let state = Arc::new(State {
            bot_user: models::user(cfg.bot_id, &cfg.bot_name, true),
            cfg,
            port,
            store: Default::default(),
            gateway: Default::default(),
            changed: Notify::new(),
            shutdown,
            files: Default::default(),
        });
        let server = http::spawn(listener, Arc::clone(&state));
        StandIn {
            state,
            server,
            joined_at: models::timestamp_now(),
        }
    }

    /// A file someone attaches to a command: served on loopback, described as Discord
    /// describes an attachment. Pass it with `Opt::Attachment`.
    pub fn host_file(&self, filename: &str, bytes: &[u8]) -> serde_json::Value {
        let id = 1_300_000_000_000_000_000u64 + self.state.files.lock().unwrap().len() as u64;
        let path = format!("/files/{id}/{filename}");
        self.state
            .files
            .lock()
            .unwrap()
            .insert(path.clone(), bytes.to_vec());
        let url = format!("http://127.0.0.1:{}{path}", self.state.port);
        serde_json::json!({
            "id": id.to_string(),
            "filename": filename,
            "size": bytes.len(),
            "url": url,
            "proxy_url": url,
            "content_type": "text/csv",
        })
    }

    /// What to pass to `HttpBuilder::proxy`.
    pub fn api_base(&self) -> String {
        format!("http://127.0.0.1:{}", self.state.port)
    }

    pub fn port(&self) -> u16 {
        self.state.port
    }

    pub fn config(&self) -> &StandInConfig {
        &self.state.cfg
    }

    /// True once an IDENTIFY was answered with READY and the GUILD_CREATEs.
    pub async fn wait_ready(&self, timeout: Duration) -> bool {
        self.wait_for_gateway(|g| g.identifies > 0, timeout)
            .await
            .is_some()
    }

    pub async fn wait_for_gateway(
        &self,
        pred: impl Fn(&GatewayStats) -> bool,
        timeout: Duration,
    ) -> Option<GatewayStats> {
        wait_on(&self.state.changed, timeout, || {
            Some(self.state.gateway_stats()).filter(&pred)
        })
        .await
    }

    pub fn gateway_stats(&self) -> GatewayStats {
        self.state.gateway_stats()
    }

    /// The `d` of every IDENTIFY received, oldest first.
    pub fn identifies(&self) -> Vec<Value> {
        self.state.gateway().identifies.clone()
    }

    /// Every non-heartbeat frame the client sent on the gateway.
    pub fn gateway_received(&self) -> Vec<Value> {
        self.state.gateway().received.clone()
    }

    pub fn requests(&self) -> Vec<Recorded> {
        self.state.store().requests.clone()
    }

    /// Requests with this method whose path (without `/api/v10`) starts with `path_prefix`.
    pub fn requests_matching(&self, method: &str, path_prefix: &str) -> Vec<Recorded> {
        let store = self.state.store();
        let hit = |r: &&Recorded| r.method.eq_ignore_ascii_case(method) && r.path.starts_with(path_prefix);
        store.requests.iter().filter(hit).cloned().collect()
    }

    /// Requests that matched no route.
    pub fn unknown_requests(&self) -> Vec<Recorded> {
        self.state
            .store()
            .requests
            .iter()
            .filter(|r| !r.known_route)
            .cloned()
            .collect()
    }

    /// The first recorded request (past or future) satisfying `pred`.
    pub async fn wait_for_request(
        &self,
        pred: impl Fn(&Recorded) -> bool,
        timeout: Duration,
    ) -> Option<Recorded> {
        let mut seen = 0;
        wait_on(&self.state.changed, timeout, || {
            let store = self.state.store();
            let found = store.requests[seen..].iter().find(|r| pred(r)).cloned();
            seen = store.requests.len();
            found
        })
        .await
    }

    /// The registered commands for a guild (`None` = global) as echoed back to the client:
    /// the last bulk-overwrite body plus `id`, `application_id`, `version`, `guild_id`.
    pub fn commands(&self, guild: Option<u64>) -> Vec<Value> {
        self.state
            .store()
            .commands
            .get(&guild)
            .cloned()
            .unwrap_or_default()
    }

    pub async fn wait_commands(&self, guild: Option<u64>, timeout: Duration) -> Option<Vec<Value>> {
        wait_on(&self.state.changed, timeout, || {
            self.state.store().commands.get(&guild).cloned()
        })
        .await
    }

    pub fn command_id(&self, guild: Option<u64>, name: &str) -> Option<u64> {
        let store = self.state.store();
        let by_scope = |g: Option<u64>| store.command_ids.get(&(g, name.to_string())).copied();
        by_scope(guild).or_else(|| by_scope(None))
    }

    /// An interaction author: `user` in `guild` (a DM when `None`), typing in `channel`, with the
    /// configured default locale and the permissions the guild config gives them.
    pub fn caller(&self, guild: Option<u64>, channel: u64, user: u64) -> Caller {
        self.state.cfg.caller(guild, channel, user, &self.joined_at)
    }

    /// A slash-command interaction whose command id matches the registered one when known.
    pub fn slash(&self, caller: &Caller, name: &str, options: &[Opt<'_>]) -> Value {
        let id = self
            .command_id(caller.guild_id, name)
            .unwrap_or_else(models::snowflake);
        payloads::slash(caller, id, name, options)
    }

    pub fn autocomplete(&self, caller: &Caller, name: &str, options: &[Opt<'_>]) -> Value {
        let id = self
            .command_id(caller.guild_id, name)
            .unwrap_or_else(models::snowflake);
        payloads::autocomplete(caller, id, name, options)
    }

    /// A component interaction on a message the stand-in holds (or a blank bot message).
    pub fn component(&self, caller: &Caller, message_id: u64, custom_id: &str, values: &[&str]) -> Value {
        let message = self.message(message_id).unwrap_or_else(|| {
            let (author, body) = (self.state.bot_user.clone(), serde_json::json!({}));
            let channel_id = caller.channel_id;
            models::message(MessageShape {
                id: message_id,
                channel_id,
                author,
                kind: 0,
                webhook_id: None,
                body: &body,
            })
        });
        payloads::component(caller, message, custom_id, values)
    }

    /// A message context-menu command (`name`, as registered) on a message `author` wrote in
    /// the caller's channel.
    pub fn message_command(&self, caller: &Caller, name: &str, author: u64, text: &str) -> Value {
        let id = self
            .command_id(caller.guild_id, name)
            .unwrap_or_else(models::snowflake);
        let body = serde_json::json!({ "content": text });
        let message = models::message(MessageShape {
            id: models::snowflake(),
            channel_id: caller.channel_id,
            author: self.state.cfg.user_json(author),
            kind: 0,
            webhook_id: None,
            body: &body,
        });
        payloads::message_command(caller, id, name, message)
    }

    pub fn modal_submit(&self, caller: &Caller, custom_id: &str, fields: &[(&str, &str)]) -> Value {
        payloads::modal_submit(caller, custom_id, fields)
    }

    /// Delivers an INTERACTION_CREATE built by the payload helpers and tracks its responses.
    pub fn send_interaction(&self, payload: Value) -> InteractionHandle {
        let id = payload
            .get("id")
            .and_then(id_of)
            .unwrap_or_else(models::snowflake);
        let token = payload
            .get("token")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string();
        let channel_id = payload.get("channel_id").and_then(id_of).unwrap_or(0);
        let notify = Arc::new(Notify::new());
        let mut store = self.state.store();
        let component_message = payload.get("message").filter(|m| m.is_object()).and_then(|m| {
            let mid = m.get("id").and_then(id_of)?;
            let value = m.clone();
            store
                .messages
                .entry(mid)
                .or_insert(StoredMessage { channel_id, value });
            Some(mid)
        });
        let sent_at = Instant::now();
        store.tokens.insert(token.clone(), id);
        store.interactions.insert(
            id,
            InteractionRecord {
                token: token.clone(),
                sent_at,
                channel_id,
                guild_id: payload.get("guild_id").and_then(id_of),
                component_message,
                callback: None,
                original_id: None,
                followup_ids: Vec::new(),
                notify: Arc::clone(&notify),
            },
        );
        drop(store);
        gateway::dispatch(&self.state, "INTERACTION_CREATE", payload);
        InteractionHandle::new(id, token, sent_at, notify, Arc::clone(&self.state))
    }

    /// Sends any dispatch event (`t`) with data `d`, sequenced after everything sent before.
    pub fn dispatch(&self, event: &str, data: Value) {
        gateway::dispatch(&self.state, event, data);
    }

    /// Answers the next `times` requests matching `method` and `path_prefix` with `status` and
    /// `body` instead of routing them. 429s also get Discord's rate-limit headers, with
    /// `Retry-After` taken from `body.retry_after`.
    pub fn fail_next(&self, method: &str, path_prefix: &str, status: u16, body: Value, times: u32) {
        self.state.store().failures.push(state::FailRule {
            method: method.to_string(),
            path_prefix: path_prefix.to_string(),
            status,
            body,
            remaining: times,
        });
    }

    /// Lets the next `times` requests matching `method` and `path_prefix` take effect as usual
    /// but holds their answers back for `delay`: a late or lost answer from Discord, where a
    /// client that gives up first cannot know whether its request landed.
    pub fn slow_next(&self, method: &str, path_prefix: &str, delay: Duration, times: u32) {
        self.state.store().slow.push(state::SlowRule {
            method: method.to_string(),
            path_prefix: path_prefix.to_string(),
            delay,
            remaining: times,
        });
    }

    pub fn message(&self, id: u64) -> Option<Value> {
        self.state.store().messages.get(&id).map(|m| m.value.clone())
    }

    /// Messages currently in a channel (created, not deleted), in no particular order.
    pub fn channel_messages(&self, channel_id: u64) -> Vec<Value> {
        let store = self.state.store();
        store
            .messages
            .values()
            .filter(|m| m.channel_id == channel_id)
            .map(|m| m.value.clone())
            .collect()
    }

    /// The DM channel the bot opened with `user`, if it did.
    pub fn dm_channel_of(&self, user: u64) -> Option<u64> {
        self.state
            .store()
            .dm_channels
            .get(&user)
            .and_then(|channel| id_of(&channel["id"]))
    }

    /// Nonce-enforced creates that returned an existing message instead of a new one.
    pub fn dedup_hits(&self) -> Vec<DedupHit> {
        self.state.store().dedup_hits.clone()
    }

    /// Closes the gateway socket with code 4000 (resumable). False if none was open.
    pub fn disconnect_gateway(&self) -> bool {
        gateway::disconnect(&self.state, 4000)
    }

    /// Closes the gateway socket with `code`. With `session_ends` the session is forgotten
    /// first, as Discord does for codes such as 4009 (session timed out): a RESUME is then
    /// refused with op 9 and the client must IDENTIFY again. False if no socket was open.
    pub fn close_gateway(&self, code: u16, session_ends: bool) -> bool {
        if session_ends {
            gateway::end_session(&self.state);
        }
        gateway::disconnect(&self.state, code)
    }

    /// Sends op 9 (invalid session, not resumable) and forgets the session: the client must
    /// IDENTIFY again. False if no socket was open.
    pub fn invalidate_session(&self) -> bool {
        gateway::invalidate_session(&self.state)
    }

    /// Stops accepting and closes every connection. Also done on drop.
    pub fn shutdown(&self) {
        self.state.shutdown.send_replace(true);
        self.server.abort();
    }
}

impl Drop for StandIn {
    fn drop(&mut self) {
        self.shutdown();
    }
}
