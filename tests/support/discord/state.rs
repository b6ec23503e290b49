//! The stand-in's shared memory: what was asked of it, what it holds (messages, commands,
//! interactions) and the gateway session, plus the waiting primitive tests block on.
//!
//! Locks are std mutexes held for a few map operations and never across an await, so the REST
//! and gateway paths stay fast under load.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use serde_json::Value;
use tokio::sync::{mpsc, watch, Notify};

use super::StandInConfig;

/// One REST request as it reached the stand-in.
#[derive(Clone, Debug)]
pub struct Recorded {
    pub method: String,
    /// The path without the `/api/v10` prefix, e.g. `/channels/1/messages`.
    pub path: String,
    /// Query pairs as sent (not percent-decoded); serenity writes `?&key=value`.
    pub query: Vec<(String, String)>,
    /// Header names are lowercase.
    pub headers: Vec<(String, String)>,
    /// The JSON body, the `payload_json` part of a multipart body, or `Null`.
    pub body: Value,
    pub raw: Vec<u8>,
    /// When the request head arrived, for latency measurements.
    pub at: Instant,
    pub status: u16,
    /// False when no route matched and the stand-in answered "Unknown route".
    pub known_route: bool,
    /// True when a nonce-enforced message create returned an existing message.
    pub deduplicated: bool,
    /// How long the answer was held back by a `slow_next` rule, if one applied.
    pub held: Option<Duration>,
}

impl Recorded {
    pub fn header(&self, name: &str) -> Option<&str> {
        let name = name.to_ascii_lowercase();
        self.headers
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn query_param(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// A nonce-enforced create that Discord would have answered with an existing message.
#[derive(Clone, Debug)]
pub struct DedupHit {
    pub channel_id: u64,
    pub nonce: String,
    pub message_id: u64,
    pub at: Instant,
}

pub(super) struct FailRule {
    pub method: String,
    pub path_prefix: String,
    pub status: u16,
    pub body: Value,
    pub remaining: u32,
}

/// A request that takes effect as usual but whose answer comes late (or, for a client that
/// gives up first, never).
pub(super) struct SlowRule {
    pub method: String,
    pub path_prefix: String,
    pub delay: Duration,
    pub remaining: u32,
}

pub(super) struct StoredMessage {
    pub channel_id: u64,
    pub value: Value,
}

pub(super) struct InteractionRecord {
    pub token: String,
    pub sent_at: Instant,
    pub channel_id: u64,
    pub guild_id: Option<u64>,
    /// The message a component interaction was attached to.
    pub component_message: Option<u64>,
    pub callback: Option<(Value, Instant)>,
    pub original_id: Option<u64>,
    pub followup_ids: Vec<u64>,
    pub notify: Arc<Notify>,
}

#[derive(Default)]
pub(super) struct Store {
    pub requests: Vec<Recorded>,
    pub failures: Vec<FailRule>,
    pub slow: Vec<SlowRule>,
    /// Registered commands by guild (`None` = global), as echoed back to the client.
    pub commands: HashMap<Option<u64>, Vec<Value>>,
    /// Command ids survive re-registration by name, as on Discord.
    pub command_ids: HashMap<(Option<u64>, String), u64>,
    pub messages: HashMap<u64, StoredMessage>,
    pub nonces: HashMap<(u64, String), (u64, Instant)>,
    pub dedup_hits: Vec<DedupHit>,
    /// DM channel per recipient, reused like Discord does.
    pub dm_channels: HashMap<u64, Value>,
    pub interactions: HashMap<u64, InteractionRecord>,
    pub tokens: HashMap<String, u64>,
}

pub(super) enum Outbound {
    Frame(String),
    Close(u16),
}

/// Enough history to replay dispatches to a resuming client without growing without bound.
pub(super) const REPLAY_LOG: usize = 8192;

#[derive(Default)]
pub(super) struct Gateway {
    pub session_id: Option<String>,
    pub seq: u64,
    pub log: VecDeque<(u64, String)>,
    /// Dispatches asked for before any session existed; flushed after READY.
    pub pending: Vec<(String, Value)>,
    pub conn: Option<(u64, mpsc::UnboundedSender<Outbound>)>,
    pub identifies: Vec<Value>,
    pub resumes: usize,
    pub rejected_resumes: usize,
    pub received: Vec<Value>,
}

/// Counters a test can wait on with `StandIn::wait_for_gateway`.
#[derive(Clone, Debug, Default)]
pub struct GatewayStats {
    pub identifies: usize,
    pub resumes: usize,
    pub rejected_resumes: usize,
    pub connected: bool,
    pub seq: u64,
}

pub(super) struct State {
    pub cfg: StandInConfig,
    pub port: u16,
    pub bot_user: Value,
    pub store: Mutex<Store>,
    pub gateway: Mutex<Gateway>,
    /// Woken on every recorded request and gateway change.
    pub changed: Notify,
    pub shutdown: watch::Sender<bool>,
    /// Files people attached, served at `/files/<id>/<name>` as Discord's CDN would.
    pub files: Mutex<std::collections::HashMap<String, Vec<u8>>>,
}

impl State {
    pub fn store(&self) -> MutexGuard<'_, Store> {
        // A panicking test thread must not wedge the server for the remaining assertions.
        self.store.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub fn gateway(&self) -> MutexGuard<'_, Gateway> {
        self.gateway.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub fn ws_url(&self) -> String {
        format!("ws://127.0.0.1:{}", self.port)
    }

    pub fn record(&self, rec: Recorded) {
        self.store().requests.push(rec);
        self.changed.notify_waiters();
    }

    /// Takes one use of the first matching failure rule, if any.
    pub fn take_failure(&self, method: &str, path: &str) -> Option<(u16, Value)> {
        let mut store = self.store();
        let rule = store.failures.iter_mut().find(|r| {
            r.remaining > 0 && r.method.eq_ignore_ascii_case(method) && path.starts_with(&r.path_prefix)
        })?;
        rule.remaining -= 1;
        let out = (rule.status, rule.body.clone());
        store.failures.retain(|r| r.remaining > 0);
        Some(out)
    }

    /// Takes one use of the first matching slow rule, if any: how long to hold the answer.
    pub fn take_slow(&self, method: &str, path: &str) -> Option<Duration> {
        let mut store = self.store();
        let rule = store.slow.iter_mut().find(|r| {
            r.remaining > 0 && r.method.eq_ignore_ascii_case(method) && path.starts_with(&r.path_prefix)
        })?;
        rule.remaining -= 1;
        let delay = rule.delay;
        store.slow.retain(|r| r.remaining > 0);
        Some(delay)
    }

    pub fn gateway_stats(&self) -> GatewayStats {
        let g = self.gateway();
        GatewayStats {
            identifies: g.identifies.len(),
            resumes: g.resumes,
            rejected_resumes: g.rejected_resumes,
            connected: g.conn.is_some(),
            seq: g.seq,
        }
    }
}

/// Polls `check` each time `notify` fires until it yields or `timeout` passes. The `Notified`
/// future is armed before checking so a wake between check and wait is never lost.
pub(super) async fn wait_on<T>(
    notify: &Notify,
    timeout: Duration,
    mut check: impl FnMut() -> Option<T>,
) -> Option<T> {
    let deadline = tokio::time::Instant::now() + timeout;
    loop {
        let notified = notify.notified();
        tokio::pin!(notified);
        notified.as_mut().enable();
        if let Some(v) = check() {
            return Some(v);
        }
        if tokio::time::timeout_at(deadline, notified).await.is_err() {
            return check();
        }
    }
}
