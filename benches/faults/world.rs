//! The bench's own PostgreSQL (embedded, on a folder under target/), a fresh database per
//! scenario, a guild with promises that fall due together, and what the stand-in holds for
//! each promise.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use baton::discord::buttons::{ComponentId, Purpose};
use baton::store::{self, embedded};
use chrono::{DateTime, Utc};
use serde_json::Value;
use sqlx::postgres::PgConnectOptions;
use sqlx::{Connection, PgConnection, PgPool};

use crate::discord::{GuildConfig, MemberConfig, StandIn, StandInConfig};

pub const GUILD: u64 = 930_000_000_000_000_001;
pub const OWNER: u64 = 930_000_000_000_000_010;
/// The colleague who types the commands.
pub const CALLER: u64 = 930_000_000_000_000_011;
pub const FIRST_CHANNEL: u64 = 931_000_000_000_000_000;
const FIRST_MEMBER: i64 = 932_000_000_000_000_000;
const MEMBERS: i64 = 20;

/// The embedded server the whole suite runs on; scenario 5 stops and starts it.
pub struct Server {
    options: embedded::EmbeddedOptions,
    running: embedded::EmbeddedPostgres,
}

impl Server {
    pub async fn start(dir: &Path) -> anyhow::Result<Server> {
        let mut options = embedded::EmbeddedOptions::new(dir, "postgres");
        // Nothing here outlives the run; every stop is a clean one.
        options.throwaway = true;
        let running = embedded::EmbeddedPostgres::start(options.clone())
            .await
            .with_context(|| format!("starting the embedded PostgreSQL in {}", dir.display()))?;
        Ok(Server { options, running })
    }

    /// Stops the server: the bench is its only user (the batons reach it by URL).
    pub async fn stop(&mut self) -> anyhow::Result<()> {
        self.running
            .stop()
            .await
            .context("stopping the embedded PostgreSQL")
    }

    /// Starts it again on the same folder, with the same data.
    pub async fn start_again(&mut self) -> anyhow::Result<()> {
        self.running = embedded::EmbeddedPostgres::start(self.options.clone())
            .await
            .context("starting the embedded PostgreSQL again")?;
        Ok(())
    }

    fn admin(&self) -> PgConnectOptions {
        self.running.connect_options().database("postgres")
    }

    /// A new, migrated database called `name` (dropped first if a former run left it).
    pub async fn database(&self, name: &str) -> anyhow::Result<Database> {
        let mut conn = PgConnection::connect_with(&self.admin()).await?;
        sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
            .execute(&mut conn)
            .await?;
        sqlx::query(&format!("CREATE DATABASE {name}"))
            .execute(&mut conn)
            .await?;
        conn.close().await.ok();
        let options = self.admin().database(name);
        let pool = store::pool_options(4).connect_with(options.clone()).await?;
        store::migrate(&pool)
            .await
            .with_context(|| format!("migrating {name}"))?;
        let socket = options
            .get_socket()
            .map(|p| p.display().to_string())
            .context("the embedded server listens on a socket")?;
        let url = format!(
            "postgres://{}@localhost/{name}?host={socket}&port={}",
            options.get_username(),
            options.get_port()
        );
        Ok(Database {
            pool,
            url,
            name: name.to_string(),
        })
    }

    /// A new pool for `db`, after the server was restarted under the old one.
    pub async fn reconnect(&self, db: &mut Database) -> anyhow::Result<()> {
        db.pool.close().await;
        db.pool = store::pool_options(4)
            .connect_with(self.admin().database(&db.name))
            .await
            .with_context(|| format!("connecting to {} again", db.name))?;
        Ok(())
    }

    pub async fn drop_database(&self, db: Database) -> anyhow::Result<()> {
        db.pool.close().await;
        let name = db.name;
        let mut conn = PgConnection::connect_with(&self.admin()).await?;
        sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
            .execute(&mut conn)
            .await?;
        Ok(())
    }
}

pub struct Database {
    pub pool: PgPool,
    /// For `DATABASE_URL`.
    pub url: String,
    pub name: String,
}

/// Where the suite keeps its server and the batons' logs.
pub fn bench_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-faults")
}

/// The stand-in with the bench guild and `channels` channels.
pub async fn standin(channels: i64) -> StandIn {
    let guild = (0..channels).fold(
        GuildConfig::new(GUILD, "Faults", OWNER)
            .member(MemberConfig::new(OWNER, "owner"))
            .member(MemberConfig::new(CALLER, "caller")),
        |g, i| g.channel(FIRST_CHANNEL + i as u64),
    );
    StandIn::start(StandInConfig {
        guilds: vec![guild],
        ..Default::default()
    })
    .await
}

/// `promises` open promises P-1 … P-n over `channels` channels, all due at `due`, in a
/// guild whose working hours are always open; owners get no digests, so every message the
/// stand-in receives is a reminder.
pub async fn seed(pool: &PgPool, promises: i64, channels: i64, due: DateTime<Utc>) -> sqlx::Result<()> {
    let now = Utc::now();
    sqlx::query(
        "INSERT INTO guilds (guild_id, working_hours, created_at) VALUES ($1, 'daily 00:00-24:00', $2)
         ON CONFLICT (guild_id) DO UPDATE SET working_hours = EXCLUDED.working_hours",
    )
    .bind(GUILD as i64)
    .bind(now)
    .execute(pool)
    .await?;
    sqlx::query(
        "INSERT INTO members (guild_id, member_id, display_name, seen_at, digest)
         SELECT $1, $2 + i, 'owner ' || i, $3, false FROM generate_series(0, $4 - 1) i",
    )
    .bind(GUILD as i64)
    .bind(FIRST_MEMBER)
    .bind(now)
    .bind(MEMBERS)
    .execute(pool)
    .await?;
    sqlx::query(
        "INSERT INTO relations (guild_id, name, name_key, created_by, created_at)
         SELECT $1, 'Relatie ' || i, 'relatie ' || i, $2, $3 FROM generate_series(0, 9) i",
    )
    .bind(GUILD as i64)
    .bind(FIRST_MEMBER)
    .bind(now)
    .execute(pool)
    .await?;
    sqlx::query(
        "INSERT INTO commitments (guild_id, ref, relation_id, kind, what, owner_id, created_by, channel_id,
                                  due_at, next_nudge_at, created_at)
         SELECT $1, i, r.relation_id, 'promise', 'Belofte ' || i, $2 + i % $4, $2, $3 + i % $5, $6, $6, $7
         FROM generate_series(1, $8) i
         JOIN relations r ON r.guild_id = $1 AND r.name_key = 'relatie ' || (i % 10)",
    )
    .bind(GUILD as i64)
    .bind(FIRST_MEMBER)
    .bind(FIRST_CHANNEL as i64)
    .bind(MEMBERS)
    .bind(channels)
    .bind(due)
    .bind(due - chrono::Duration::days(1))
    .bind(promises)
    .execute(pool)
    .await?;
    Ok(())
}

/// The promise references a message is about, from its Done buttons
/// (`baton:done:<guild>:<ref>`).
pub fn references(message: &Value) -> Vec<i64> {
    message["components"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|row| row["components"].as_array().cloned().unwrap_or_default())
        .filter_map(|button| button["custom_id"].as_str().and_then(ComponentId::parse))
        .filter_map(|id| match id.purpose {
            Purpose::Done(reference) => Some(i64::from(reference.0)),
            _ => None,
        })
        .collect()
}

/// What the stand-in holds: per promise, how many distinct messages name it.
pub struct Tally {
    pub per_ref: HashMap<i64, usize>,
    pub messages: usize,
    pub dedup_hits: usize,
}

impl Tally {
    pub fn of(standin: &StandIn, channels: i64) -> Tally {
        let mut per_ref = HashMap::new();
        let mut messages = 0;
        for i in 0..channels {
            for message in standin.channel_messages(FIRST_CHANNEL + i as u64) {
                messages += 1;
                for reference in references(&message) {
                    *per_ref.entry(reference).or_insert(0) += 1;
                }
            }
        }
        Tally {
            per_ref,
            messages,
            dedup_hits: standin.dedup_hits().len(),
        }
    }

    pub fn delivered(&self) -> usize {
        self.per_ref.len()
    }

    /// Promises among 1..=`promises` that no message names.
    pub fn lost(&self, promises: i64) -> usize {
        (1..=promises).filter(|r| !self.per_ref.contains_key(r)).count()
    }

    /// Promises named by more than one message.
    pub fn duplicated(&self) -> usize {
        self.per_ref.values().filter(|n| **n > 1).count()
    }
}

/// Deliveries by state, e.g. "sent 48" or "sent 40, pending 2".
pub async fn delivery_states(pool: &PgPool) -> sqlx::Result<String> {
    let rows: Vec<(String, i64)> =
        sqlx::query_as("SELECT state, count(*) FROM deliveries GROUP BY state ORDER BY state")
            .fetch_all(pool)
            .await?;
    Ok(rows
        .iter()
        .map(|(state, n)| format!("{state} {n}"))
        .collect::<Vec<_>>()
        .join(", "))
}
