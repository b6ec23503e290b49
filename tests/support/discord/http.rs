//! The HTTP/1.1 server: accepts loopback connections, hands WebSocket upgrades to the gateway,
//! and for REST requests records them, applies injected failures, then routes.

use std::convert::Infallible;
use std::sync::Arc;
use std::time::Instant;

use http_body_util::{BodyExt, Full};
use hyper::body::{Bytes, Incoming};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{header, Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use serde_json::{json, Value};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Notify;

use super::state::{Recorded, State};
use super::{gateway, routes};

const API_PREFIX: &str = "/api/v10";

/// What a route decided; turned into a response after the request is recorded.
pub(super) struct Reply {
    pub status: u16,
    pub body: Option<Value>,
    pub headers: Vec<(String, String)>,
    pub known_route: bool,
    pub deduplicated: bool,
    /// Waiters to wake once the request is visible in the log.
    pub wake: Vec<Arc<Notify>>,
}

impl Reply {
    pub fn json(status: u16, body: Value) -> Self {
        Self {
            status,
            body: Some(body),
            headers: Vec::new(),
            known_route: true,
            deduplicated: false,
            wake: Vec::new(),
        }
    }

    pub fn no_content() -> Self {
        Self {
            status: 204,
            body: None,
            ..Self::json(204, Value::Null)
        }
    }

    /// A Discord-style error body: `{"message": ..., "code": ...}`.
    pub fn error(status: u16, code: u64, message: &str) -> Self {
        Self::json(status, json!({"message": message, "code": code}))
    }

    pub fn unknown_route() -> Self {
        Self {
            known_route: false,
            ..Self::error(404, 0, "Unknown route (stand-in)")
        }
    }

    pub fn waking(mut self, notify: Arc<Notify>) -> Self {
        self.wake.push(notify);
        self
    }
}

pub(super) fn spawn(listener: TcpListener, state: Arc<State>) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut shutdown = state.shutdown.subscribe();
        loop {
            tokio::select! {
                accepted = listener.accept() => {
                    if let Ok((stream, _)) = accepted {
                        tokio::spawn(serve(stream, Arc::clone(&state)));
                    }
                },
                _ = shutdown.wait_for(|stop| *stop) => break,
            }
        }
    })
}

async fn serve(stream: TcpStream, state: Arc<State>) {
    // Small request/response pairs: Nagle plus delayed ACKs would add tens of milliseconds.
    let _ = stream.set_nodelay(true);
    let mut shutdown = state.shutdown.subscribe();
    let svc_state = Arc::clone(&state);
    let svc = service_fn(move |req| handle(Arc::clone(&svc_state), req));
    let conn = http1::Builder::new()
        .serve_connection(TokioIo::new(stream), svc)
        .with_upgrades();
    tokio::select! {
        _ = conn => {},
        _ = shutdown.wait_for(|stop| *stop) => {},
    }
}

async fn handle(state: Arc<State>, req: Request<Incoming>) -> Result<Response<Full<Bytes>>, Infallible> {
    if gateway::is_upgrade(&req) {
        return Ok(gateway::upgrade(state, req));
    }
    if req.method() == hyper::Method::GET && req.uri().path().starts_with("/files/") {
        let file = state.files.lock().unwrap().get(req.uri().path()).cloned();
        let mut resp = Response::new(Full::new(Bytes::from(file.clone().unwrap_or_default())));
        if file.is_none() {
            *resp.status_mut() = StatusCode::NOT_FOUND;
        }
        return Ok(resp);
    }
    let at = Instant::now();
    let (parts, body) = req.into_parts();
    let raw = body.collect().await.map(|b| b.to_bytes()).unwrap_or_default();
    let mut rec = recorded(&parts, &raw, at);
    let injected = state.take_failure(&rec.method, &rec.path);
    // Only a request that takes effect can have its answer held back.
    let held = match injected {
        None if rec.known_route => state.take_slow(&rec.method, &rec.path),
        _ => None,
    };
    let reply = match injected {
        Some((status, body)) => failure(status, body),
        None if rec.known_route => routes::route(&state, &rec),
        None => Reply::unknown_route(),
    };
    rec.status = reply.status;
    rec.known_route = reply.known_route;
    rec.deduplicated = reply.deduplicated;
    rec.held = held;
    state.record(rec);
    for n in &reply.wake {
        n.notify_waiters();
    }
    // The request has taken effect; only its answer is late.
    if let Some(delay) = held {
        tokio::time::sleep(delay).await;
    }
    Ok(response(reply))
}

/// `known_route` starts as "is under /api/v10"; routing refines it.
fn recorded(parts: &hyper::http::request::Parts, raw: &Bytes, at: Instant) -> Recorded {
    let full_path = parts.uri.path();
    let under_api = full_path.starts_with(API_PREFIX);
    let path = full_path
        .strip_prefix(API_PREFIX)
        .unwrap_or(full_path)
        .to_string();
    let headers = parts
        .headers
        .iter()
        .map(|(k, v)| {
            (
                k.as_str().to_ascii_lowercase(),
                String::from_utf8_lossy(v.as_bytes()).into_owned(),
            )
        })
        .collect();
    let content_type = parts
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    Recorded {
        method: parts.method.as_str().to_string(),
        path,
        query: parse_query(parts.uri.query().unwrap_or("")),
        headers,
        body: parse_body(content_type, raw),
        raw: raw.to_vec(),
        at,
        status: 0,
        known_route: under_api,
        deduplicated: false,
        held: None,
    }
}

fn parse_query(q: &str) -> Vec<(String, String)> {
    q.split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (k.to_string(), v.to_string())
        })
        .collect()
}

fn parse_body(content_type: &str, raw: &[u8]) -> Value {
    if raw.is_empty() {
        return Value::Null;
    }
    if let Some(boundary) = content_type.split("boundary=").nth(1) {
        return multipart_payload(raw, boundary.trim_matches('"')).unwrap_or(Value::Null);
    }
    serde_json::from_slice(raw).unwrap_or(Value::Null)
}

/// Pulls the `payload_json` part out of a multipart upload, with the files beside it under
/// `_files` (`[{"filename", "content"}]`, the content as text), so tests can read them.
fn multipart_payload(raw: &[u8], boundary: &str) -> Option<Value> {
    let text = String::from_utf8_lossy(raw);
    let delimiter = format!("--{boundary}");
    let mut payload = None;
    let mut files = Vec::new();
    for part in text.split(delimiter.as_str()) {
        let Some((head, body)) = part.split_once("\r\n\r\n") else {
            continue;
        };
        let body = body.strip_suffix("\r\n").unwrap_or(body);
        if head.contains("name=\"payload_json\"") {
            payload = serde_json::from_str::<Value>(body).ok();
        } else if let Some(filename) = head
            .split("filename=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
        {
            files.push(serde_json::json!({ "filename": filename, "content": body }));
        }
    }
    let mut payload = payload?;
    if let Some(object) = payload.as_object_mut() {
        object.insert("_files".to_string(), Value::Array(files));
    }
    Some(payload)
}

/// An injected failure. 429s carry the headers Discord sends so the client's parsing is real.
fn failure(status: u16, body: Value) -> Reply {
    let mut reply = Reply::json(status, body);
    if status == 429 {
        let retry_after = reply
            .body
            .as_ref()
            .and_then(|b| b["retry_after"].as_f64())
            .unwrap_or(1.0);
        let global = reply
            .body
            .as_ref()
            .and_then(|b| b["global"].as_bool())
            .unwrap_or(false);
        let reset = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs_f64() + retry_after)
            .unwrap_or(0.0);
        let mut h = vec![
            ("retry-after", format!("{}", retry_after.ceil())),
            ("x-ratelimit-limit", "5".to_string()),
            ("x-ratelimit-remaining", "0".to_string()),
            ("x-ratelimit-reset", format!("{reset:.3}")),
            ("x-ratelimit-reset-after", format!("{retry_after:.3}")),
            ("x-ratelimit-bucket", "standin-bucket".to_string()),
            (
                "x-ratelimit-scope",
                if global { "global" } else { "user" }.to_string(),
            ),
        ];
        if global {
            h.push(("x-ratelimit-global", "true".to_string()));
        }
        reply.headers = h.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
    }
    reply
}

fn response(reply: Reply) -> Response<Full<Bytes>> {
    let bytes = reply.body.map(|b| Bytes::from(b.to_string())).unwrap_or_default();
    let has_body = !bytes.is_empty();
    let mut resp = Response::new(Full::new(bytes));
    *resp.status_mut() = StatusCode::from_u16(reply.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let h = resp.headers_mut();
    if has_body {
        h.insert(
            header::CONTENT_TYPE,
            header::HeaderValue::from_static("application/json"),
        );
    }
    for (k, v) in reply.headers {
        if let (Ok(k), Ok(v)) = (
            header::HeaderName::from_bytes(k.as_bytes()),
            header::HeaderValue::from_str(&v),
        ) {
            h.insert(k, v);
        }
    }
    resp
}
