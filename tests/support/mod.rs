//! What every integration test shares: a fresh database per test, a clock that moves only
//! when told, the command environment over both, and the Discord stand-in.
#![allow(dead_code)]

pub mod bot;
pub mod db;
pub mod discord;
pub mod engine;
pub mod model;
pub mod notifier;
pub mod phrases;

use std::sync::Arc;

use baton::clock::ManualClock;
use baton::core::{Actor, Env, GuildSettings, Request};
use baton::domain::{ChannelId, GuildId, Lang, MemberId};
use chrono::{DateTime, TimeZone, Utc};

/// Monday 23 November 2026, 10:00 in Amsterdam.
pub fn monday_morning() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap()
}

pub const GUILD: GuildId = GuildId(700_000_000_000_000_001);
pub const CHANNEL: ChannelId = ChannelId(700_000_000_000_000_002);

/// A command environment on a fresh database, at `monday_morning`.
pub struct World {
    pub db: db::TestDb,
    pub clock: Arc<ManualClock>,
    pub env: Arc<Env>,
}

impl World {
    pub async fn new() -> World {
        let db = db::TestDb::new().await;
        let clock = Arc::new(ManualClock::new(monday_morning()));
        let env = Arc::new(Env::new(
            db.pool.clone(),
            clock.clone(),
            GuildSettings {
                zone: chrono_tz::Europe::Amsterdam,
                lang: Lang::En,
                ..Default::default()
            },
        ));
        World { db, clock, env }
    }
}

/// A request from a colleague in the test guild.
pub fn request(member: i64, name: &str) -> Request {
    Request {
        guild: GUILD,
        channel: Some(CHANNEL),
        actor: Actor {
            id: MemberId(member),
            name: name.to_string(),
            admin: false,
            roles: Vec::new(),
        },
        lang: Some(Lang::En),
    }
}

/// A request from a server admin in the test guild.
pub fn admin_request(member: i64, name: &str) -> Request {
    let mut req = request(member, name);
    req.actor.admin = true;
    req
}

/// The refusal a command gave; panics when it did not refuse.
pub fn refused(result: Result<baton::core::Reply, baton::core::CommandError>) -> baton::core::UserError {
    match result {
        Err(baton::core::CommandError::User(err)) => err,
        other => panic!("expected a refusal, got {other:?}"),
    }
}
