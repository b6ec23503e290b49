//! Posts reminders to Discord. It calls the REST API itself rather than through serenity,
//! so it sees what it needs to deliver exactly once: the nonce goes along with
//! `enforce_nonce`, and a 429 tells how long to wait.

use std::collections::HashMap;
use std::time::Duration;

use secrecy::{ExposeSecret, SecretString};
use serde_json::{json, Value};
use tokio::sync::Mutex;

use super::buttons;
use super::respond::DiscordSurface;
use crate::config::Config;
use crate::domain::MemberId;
use crate::reminders::notifier::{Notifier, Outgoing, SendError, Sending};
use crate::render::Surface;
use crate::store::deliveries::Target;

/// Discord's error codes for a channel that is gone or closed to the bot.
const UNKNOWN_CHANNEL: i64 = 10003;
const MISSING_ACCESS: i64 = 50001;
const MISSING_PERMISSIONS: i64 = 50013;
const CANNOT_MESSAGE_USER: i64 = 50007;

pub struct DiscordNotifier {
    client: reqwest::Client,
    api: String,
    token: SecretString,
    /// Direct-message channels already opened, by member.
    direct: Mutex<HashMap<MemberId, u64>>,
}

impl DiscordNotifier {
    pub fn new(config: &Config) -> Result<DiscordNotifier, crate::config::ConfigError> {
        let token = config.require_token()?.clone();
        let client = reqwest::Client::builder()
            .timeout(Duration::from_secs(10))
            .user_agent(concat!("DiscordBot (baton, ", env!("CARGO_PKG_VERSION"), ")"))
            .build()
            .unwrap_or_default();
        Ok(DiscordNotifier {
            client,
            api: format!("{}/api/v10", config.discord.api_base.trim_end_matches('/')),
            token,
            direct: Mutex::new(HashMap::new()),
        })
    }

    async fn post(&self, path: &str, body: &Value) -> Result<Value, SendError> {
        let response = self
            .client
            .post(format!("{}{path}", self.api))
            .header("Authorization", format!("Bot {}", self.token.expose_secret()))
            .json(body)
            .send()
            .await
            .map_err(|err| SendError::Transient(err.without_url().to_string()))?;
        let status = response.status();
        let retry_header = response
            .headers()
            .get("retry-after")
            .map(|v| v.to_str().unwrap_or("").to_string());
        let body: Value = response.json().await.unwrap_or(Value::Null);
        if status.is_success() {
            return Ok(body);
        }
        let code = body["code"].as_i64().unwrap_or(0);
        let message = format!(
            "{} {}",
            status.as_u16(),
            body["message"].as_str().unwrap_or("(no message)")
        );
        Err(match status.as_u16() {
            429 => match retry_after(&body, retry_header.as_deref()) {
                Some(wait) => SendError::RateLimited(wait),
                None => SendError::Transient(format!("{message} (no sane retry_after)")),
            },
            500..=599 => SendError::Transient(message),
            404 | 403 if matches!(code, UNKNOWN_CHANNEL | MISSING_ACCESS | MISSING_PERMISSIONS) => {
                SendError::Gone(message)
            }
            400 | 403 if code == CANNOT_MESSAGE_USER => SendError::Gone(message),
            404 => SendError::Gone(message),
            _ => SendError::Refused(message),
        })
    }

    /// The direct-message channel with a member, opened once.
    async fn direct_channel(&self, member: MemberId) -> Result<u64, SendError> {
        if let Some(channel) = self.direct.lock().await.get(&member) {
            return Ok(*channel);
        }
        let channel = self
            .post(
                "/users/@me/channels",
                &json!({ "recipient_id": member.snowflake().to_string() }),
            )
            .await?;
        let id = snowflake(&channel["id"]).ok_or_else(|| SendError::Transient("no channel id".into()))?;
        self.direct.lock().await.insert(member, id);
        Ok(id)
    }

    async fn deliver(&self, message: &Outgoing) -> Result<u64, SendError> {
        let channel = match message.target {
            Target::Channel(channel) => channel.snowflake(),
            Target::Direct(member) => self.direct_channel(member).await?,
        };
        let components = serde_json::to_value(buttons::rows(&message.actions, message.guild, message.lang))
            .unwrap_or(Value::Null);
        let body = json!({
            "content": message.text,
            "nonce": message.nonce,
            "enforce_nonce": true,
            // Only the people the reminder is about, and the escalation role: nothing in
            // the text typed by people can notify anyone.
            "allowed_mentions": {
                "parse": [],
                "users": message.notify_users.iter().map(|m| m.snowflake().to_string()).collect::<Vec<_>>(),
                "roles": message.notify_roles.iter().map(|r| r.snowflake().to_string()).collect::<Vec<_>>(),
            },
            "components": components,
        });
        let posted = self.post(&format!("/channels/{channel}/messages"), &body).await?;
        snowflake(&posted["id"]).ok_or_else(|| SendError::Transient("no message id".into()))
    }
}

/// The longest wait a 429 may ask for; anything longer is not a rate limit we trust.
const MAX_RETRY_AFTER: f64 = 3600.0;

/// How long a 429 asks to wait: the body's `retry_after`, else the `Retry-After` header,
/// else a second. `None` when the one given is no sane number of seconds (not a number,
/// NaN, infinite, negative or over an hour): the answer is then treated as a server error
/// and retried with the usual backoff, rather than trusted.
fn retry_after(body: &Value, header: Option<&str>) -> Option<Duration> {
    let seconds = match (body.get("retry_after"), header) {
        (Some(value), _) => value.as_f64()?,
        (None, Some(text)) => text.trim().parse::<f64>().ok()?,
        (None, None) => 1.0,
    };
    if !seconds.is_finite() || !(0.0..=MAX_RETRY_AFTER).contains(&seconds) {
        return None;
    }
    Duration::try_from_secs_f64(seconds).ok()
}

fn snowflake(value: &Value) -> Option<u64> {
    value
        .as_str()
        .and_then(|id| id.parse().ok())
        .or_else(|| value.as_u64())
}

impl Notifier for DiscordNotifier {
    fn surface(&self) -> &dyn Surface {
        &DiscordSurface
    }

    fn send<'a>(&'a self, message: &'a Outgoing) -> Sending<'a> {
        Box::pin(self.deliver(message))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sane_retry_after_is_the_wait_body_first_then_header() {
        let table: [(Value, Option<&str>, Duration); 6] = [
            (json!({ "retry_after": 1.5 }), None, Duration::from_millis(1500)),
            (json!({ "retry_after": 0 }), Some("9"), Duration::ZERO),
            (json!({ "retry_after": 3600 }), None, Duration::from_secs(3600)),
            (json!({}), Some("2"), Duration::from_secs(2)),
            (json!({}), Some(" 0.25 "), Duration::from_millis(250)),
            (Value::Null, None, Duration::from_secs(1)),
        ];
        for (body, header, wait) in table {
            assert_eq!(retry_after(&body, header), Some(wait), "{body} {header:?}");
        }
    }

    #[test]
    fn a_retry_after_that_is_no_sane_number_is_refused() {
        let bodies = [
            json!({ "retry_after": -1 }),
            json!({ "retry_after": -0.001 }),
            json!({ "retry_after": 1e300 }),
            json!({ "retry_after": 3600.5 }),
            json!({ "retry_after": f64::MAX }),
            json!({ "retry_after": "soon" }),
            json!({ "retry_after": null }),
            json!({ "retry_after": [1] }),
        ];
        for body in bodies {
            assert_eq!(retry_after(&body, Some("1")), None, "{body}");
        }
        for header in [
            "NaN",
            "nan",
            "inf",
            "-inf",
            "infinity",
            "-5",
            "1e300",
            "",
            "Wed, 21 Oct 2026 07:28:00 GMT",
        ] {
            assert_eq!(retry_after(&json!({}), Some(header)), None, "{header:?}");
        }
    }
}
