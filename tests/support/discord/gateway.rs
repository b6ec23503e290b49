//! The gateway half: a WebSocket upgrade on the same port as the REST API, the HELLO /
//! IDENTIFY / READY handshake, heartbeats, RESUME with replay, and ordered dispatches.
//!
//! Every dispatch gets its sequence number and goes to the socket while the gateway lock is held,
//! so the client sees `s` strictly increasing even when tests send from several tasks.

use std::sync::Arc;

use futures_util::{SinkExt, StreamExt};
use http_body_util::Full;
use hyper::body::{Bytes, Incoming};
use hyper::{header, Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use serde_json::{json, Value};
use tokio::sync::mpsc;
use tokio_tungstenite::tungstenite::handshake::derive_accept_key;
use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode;
use tokio_tungstenite::tungstenite::protocol::{CloseFrame, Role};
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::WebSocketStream;

use super::models;
use super::state::{Gateway, Outbound, State, REPLAY_LOG};

pub(super) fn is_upgrade(req: &Request<Incoming>) -> bool {
    req.headers()
        .get(header::UPGRADE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.eq_ignore_ascii_case("websocket"))
}

/// Answers the upgrade with 101 and moves the connection onto a gateway session task.
pub(super) fn upgrade(state: Arc<State>, mut req: Request<Incoming>) -> Response<Full<Bytes>> {
    let Some(key) = req.headers().get(header::SEC_WEBSOCKET_KEY) else {
        let mut bad = Response::new(Full::new(Bytes::from_static(b"missing websocket key")));
        *bad.status_mut() = StatusCode::BAD_REQUEST;
        return bad;
    };
    let accept = derive_accept_key(key.as_bytes());
    let on_upgrade = hyper::upgrade::on(&mut req);
    tokio::spawn(async move {
        let Ok(upgraded) = on_upgrade.await else {
            return;
        };
        let ws = WebSocketStream::from_raw_socket(TokioIo::new(upgraded), Role::Server, None).await;
        run_connection(state, ws).await;
    });
    let mut resp = Response::new(Full::new(Bytes::new()));
    *resp.status_mut() = StatusCode::SWITCHING_PROTOCOLS;
    let h = resp.headers_mut();
    h.insert(header::CONNECTION, header::HeaderValue::from_static("Upgrade"));
    h.insert(header::UPGRADE, header::HeaderValue::from_static("websocket"));
    if let Ok(v) = header::HeaderValue::from_str(&accept) {
        h.insert(header::SEC_WEBSOCKET_ACCEPT, v);
    }
    resp
}

type Ws = WebSocketStream<TokioIo<hyper::upgrade::Upgraded>>;

async fn run_connection(state: Arc<State>, ws: Ws) {
    let conn_id = models::snowflake();
    let (mut sink, mut stream) = ws.split();
    let (tx, mut rx) = mpsc::unbounded_channel();
    let hello = json!({"op": 10, "s": null, "t": null,
        "d": {"heartbeat_interval": state.cfg.heartbeat_interval_ms}});
    let _ = tx.send(Outbound::Frame(hello.to_string()));

    let writer = async move {
        while let Some(out) = rx.recv().await {
            let (msg, last) = match out {
                Outbound::Frame(text) => (Message::Text(text), false),
                Outbound::Close(code) => {
                    let frame = CloseFrame {
                        code: CloseCode::from(code),
                        reason: "".into(),
                    };
                    (Message::Close(Some(frame)), true)
                }
            };
            if sink.send(msg).await.is_err() || last {
                break;
            }
        }
    };
    let reader = async {
        while let Some(Ok(msg)) = stream.next().await {
            match msg {
                Message::Text(text) => on_frame(&state, conn_id, &tx, &text),
                Message::Close(_) => break,
                _ => {}
            }
        }
    };
    let mut shutdown = state.shutdown.subscribe();
    tokio::select! {
        () = writer => {},
        () = reader => {},
        _ = shutdown.wait_for(|stop| *stop) => {},
    }
    forget_connection(&state, conn_id);
}

fn forget_connection(state: &State, conn_id: u64) {
    let mut g = state.gateway();
    if g.conn.as_ref().is_some_and(|(id, _)| *id == conn_id) {
        g.conn = None;
    }
    drop(g);
    state.changed.notify_waiters();
}

fn on_frame(state: &State, conn_id: u64, tx: &mpsc::UnboundedSender<Outbound>, text: &str) {
    let Ok(frame) = serde_json::from_str::<Value>(text) else {
        return;
    };
    match frame.get("op").and_then(Value::as_u64) {
        Some(1) => {
            let _ = tx.send(Outbound::Frame(json!({"op": 11}).to_string()));
            return;
        }
        Some(2) => identify(state, conn_id, tx, &frame["d"]),
        Some(6) => resume(state, conn_id, tx, &frame["d"]),
        _ => {}
    }
    state.gateway().received.push(frame);
    state.changed.notify_waiters();
}

/// A new session: READY, one GUILD_CREATE per configured guild, then anything queued early.
fn identify(state: &State, conn_id: u64, tx: &mpsc::UnboundedSender<Outbound>, d: &Value) {
    let session = format!("standin-session-{}", models::snowflake());
    let guild_ids: Vec<u64> = state.cfg.guilds.iter().map(|g| g.id).collect();
    let ready = models::ready(
        state.bot_user.clone(),
        state.cfg.application_id,
        &guild_ids,
        &session,
        &state.ws_url(),
    );
    let joined_at = models::timestamp_now();
    let guilds: Vec<Value> = state
        .cfg
        .guilds
        .iter()
        .map(|g| state.cfg.guild_create(g, &joined_at))
        .collect();

    let mut g = state.gateway();
    g.identifies.push(d.clone());
    g.session_id = Some(session);
    g.seq = 0;
    g.log.clear();
    g.conn = Some((conn_id, tx.clone()));
    push_dispatch(&mut g, "READY", ready);
    for guild in guilds {
        push_dispatch(&mut g, "GUILD_CREATE", guild);
    }
    for (event, data) in std::mem::take(&mut g.pending) {
        push_dispatch(&mut g, &event, data);
    }
}

/// Replays what the client missed and confirms with RESUMED, or refuses with op 9 when
/// resuming is disabled, the session is unknown, or the replay log no longer reaches back.
fn resume(state: &State, conn_id: u64, tx: &mpsc::UnboundedSender<Outbound>, d: &Value) {
    let session = d.get("session_id").and_then(Value::as_str);
    let client_seq = d.get("seq").and_then(Value::as_u64).unwrap_or(0);
    let mut g = state.gateway();
    let replayable = g.log.front().is_none_or(|(s, _)| *s <= client_seq + 1);
    if !state.cfg.allow_resume || g.session_id.as_deref() != session || !replayable {
        g.rejected_resumes += 1;
        let _ = tx.send(Outbound::Frame(json!({"op": 9, "d": false}).to_string()));
        return;
    }
    g.resumes += 1;
    g.conn = Some((conn_id, tx.clone()));
    for (_, frame) in g.log.iter().filter(|(s, _)| *s > client_seq) {
        let _ = tx.send(Outbound::Frame(frame.clone()));
    }
    push_dispatch(&mut g, "RESUMED", json!({}));
}

fn push_dispatch(g: &mut Gateway, event: &str, data: Value) {
    g.seq += 1;
    let frame = json!({"op": 0, "s": g.seq, "t": event, "d": data}).to_string();
    if g.log.len() >= REPLAY_LOG {
        g.log.pop_front();
    }
    g.log.push_back((g.seq, frame.clone()));
    let gone = g
        .conn
        .as_ref()
        .is_some_and(|(_, tx)| tx.send(Outbound::Frame(frame)).is_err());
    if gone {
        g.conn = None;
    }
}

/// Sends a dispatch now, or after READY when no session exists yet. While a session exists but
/// its socket is down the event is logged and reaches the client through RESUME replay.
pub(super) fn dispatch(state: &State, event: &str, data: Value) {
    let mut g = state.gateway();
    if g.session_id.is_none() {
        g.pending.push((event.to_string(), data));
    } else {
        push_dispatch(&mut g, event, data);
    }
}

/// Closes the live socket with `code`; 4000 lets the client resume. False if none was open.
pub(super) fn disconnect(state: &State, code: u16) -> bool {
    let taken = state.gateway().conn.take();
    let Some((_, tx)) = taken else { return false };
    let _ = tx.send(Outbound::Close(code));
    state.changed.notify_waiters();
    true
}

/// Forgets the session, as Discord does when it ends one: a RESUME of it is refused with op 9,
/// and dispatches wait for the next READY.
pub(super) fn end_session(state: &State) {
    let mut g = state.gateway();
    g.session_id = None;
    g.log.clear();
}

/// Sends op 9 with `d: false` (invalid session, not resumable) on the live socket and forgets
/// the session, so the client must IDENTIFY again. False if no socket was open.
pub(super) fn invalidate_session(state: &State) -> bool {
    let mut g = state.gateway();
    let Some((_, tx)) = g.conn.take() else {
        return false;
    };
    g.session_id = None;
    g.log.clear();
    let _ = tx.send(Outbound::Frame(json!({"op": 9, "d": false}).to_string()));
    drop(g);
    state.changed.notify_waiters();
    true
}
