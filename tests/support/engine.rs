//! Driving the delivery engine from tests: a scheduler over the test world, promises made
//! through the command core, and what the posts were about.

use std::sync::Arc;

use baton::core::promise::{self, AddPromise};
use baton::core::{GuildSettings, MemberRef};
use baton::domain::MemberId;
use baton::reminders::{self, Options, Scheduler};
use chrono::{DateTime, NaiveTime, TimeZone, Utc};

use super::notifier::Recording;
use super::{request, World};

pub const ALICE: i64 = 11;
pub const BOB: i64 = 12;

/// A scheduler for nudges only: every post is a nudge.
pub fn scheduler(world: &World, notifier: Arc<Recording>) -> Arc<Scheduler> {
    scheduler_with(world, notifier, nudges_only(world))
}

/// The world's defaults with the digest time after closing: no digest is ever due.
pub fn nudges_only(world: &World) -> GuildSettings {
    GuildSettings {
        digest_time: NaiveTime::from_hms_opt(23, 59, 0).unwrap(),
        ..world.env.defaults
    }
}

pub fn scheduler_with(world: &World, notifier: Arc<Recording>, defaults: GuildSettings) -> Arc<Scheduler> {
    scheduler_with_options(world, notifier, defaults, Options::default())
}

/// Sends are never paced unless `options` asks for a pace of its own.
pub fn scheduler_with_options(
    world: &World,
    notifier: Arc<Recording>,
    defaults: GuildSettings,
    options: Options,
) -> Arc<Scheduler> {
    let options = Options {
        sends_per_second: if options.sends_per_second == Options::default().sends_per_second {
            10_000
        } else {
            options.sends_per_second
        },
        ..options
    };
    Scheduler::new(
        world.db.pool.clone(),
        world.clock.clone(),
        defaults,
        notifier,
        options,
    )
}

pub fn amsterdam(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    chrono_tz::Europe::Amsterdam
        .with_ymd_and_hms(y, m, d, h, min, 0)
        .unwrap()
        .with_timezone(&Utc)
}

/// A promise to Gemeente Utrecht made by alice, held by `owner`.
pub async fn promise_for(world: &World, owner: i64, what: &str, due: &str) {
    let input = AddPromise {
        relation: "Gemeente Utrecht".into(),
        what: what.into(),
        due: due.into(),
        owner: Some(MemberRef {
            id: MemberId(owner),
            name: format!("member {owner}"),
        }),
        ..AddPromise::default()
    };
    promise::add(&world.env, &request(ALICE, "alice"), input)
        .await
        .unwrap();
}

/// The references the posted messages remind of, sorted.
pub fn refs(posted: &[reminders::Outgoing]) -> Vec<String> {
    let mut refs: Vec<String> = posted
        .iter()
        .flat_map(|message| message.actions.iter())
        .filter_map(|action| match action {
            baton::core::Action::Done(reference) => Some(reference.to_string()),
            _ => None,
        })
        .collect();
    refs.sort();
    refs
}

pub async fn delivery_states(world: &World) -> Vec<(String, i32)> {
    sqlx::query_as("SELECT state, attempts FROM deliveries ORDER BY delivery_id")
        .fetch_all(&world.db.pool)
        .await
        .unwrap()
}
