//! What a test holds after sending an interaction: waits for the bot's callback, the original
//! response (after deferral and edits) and follow-ups, and reports callback latency.

use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::Value;
use tokio::sync::Notify;

use super::models::MESSAGE_FLAG_LOADING;
use super::state::{wait_on, InteractionRecord, State};

pub struct InteractionHandle {
    id: u64,
    token: String,
    sent_at: Instant,
    notify: Arc<Notify>,
    state: Arc<State>,
}

impl InteractionHandle {
    pub(super) fn new(
        id: u64,
        token: String,
        sent_at: Instant,
        notify: Arc<Notify>,
        state: Arc<State>,
    ) -> Self {
        Self {
            id,
            token,
            sent_at,
            notify,
            state,
        }
    }

    pub fn id(&self) -> u64 {
        self.id
    }

    pub fn token(&self) -> &str {
        &self.token
    }

    /// When the INTERACTION_CREATE was handed to the gateway socket.
    pub fn sent_at(&self) -> Instant {
        self.sent_at
    }

    fn read<T>(&self, f: impl FnOnce(&InteractionRecord) -> Option<T>) -> Option<T> {
        self.state.store().interactions.get(&self.id).and_then(f)
    }

    /// The callback body (`{type, data}`) the bot posted for this interaction.
    pub async fn callback(&self, timeout: Duration) -> Option<Value> {
        wait_on(&self.notify, timeout, || {
            self.read(|r| r.callback.as_ref().map(|(b, _)| b.clone()))
        })
        .await
    }

    /// From dispatch to the arrival of the callback request's head.
    pub fn callback_latency(&self) -> Option<Duration> {
        self.read(|r| {
            r.callback
                .as_ref()
                .map(|(_, at)| at.saturating_duration_since(self.sent_at))
        })
    }

    /// The original response message once it has content: immediately for a type 4 or 7
    /// callback, after the first edit for a deferred one (type 5).
    pub async fn original(&self, timeout: Duration) -> Option<Value> {
        self.original_matching(|_| true, timeout).await
    }

    /// Like [`Self::original`] but keeps waiting until `pred` holds, for bots that edit the
    /// response several times.
    pub async fn original_matching(&self, pred: impl Fn(&Value) -> bool, timeout: Duration) -> Option<Value> {
        wait_on(&self.notify, timeout, || {
            let store = self.state.store();
            let id = store.interactions.get(&self.id)?.original_id?;
            let msg = &store.messages.get(&id)?.value;
            let loading = msg["flags"].as_u64().unwrap_or(0) & MESSAGE_FLAG_LOADING != 0;
            (!loading && pred(msg)).then(|| msg.clone())
        })
        .await
    }

    /// Follow-up messages in their current (possibly edited) form; deleted ones are left out.
    pub fn followups(&self) -> Vec<Value> {
        let store = self.state.store();
        let Some(rec) = store.interactions.get(&self.id) else {
            return Vec::new();
        };
        rec.followup_ids
            .iter()
            .filter_map(|id| store.messages.get(id))
            .map(|m| m.value.clone())
            .collect()
    }

    /// Waits until at least `n` follow-ups exist; returns what there is at the deadline.
    pub async fn wait_followups(&self, n: usize, timeout: Duration) -> Vec<Value> {
        let enough = || Some(self.followups()).filter(|f| f.len() >= n);
        wait_on(&self.notify, timeout, enough)
            .await
            .unwrap_or_else(|| self.followups())
    }
}
