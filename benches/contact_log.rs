//! `/contact log` with a follow-up through the command core, against PostgreSQL, at 1 and 8
//! concurrent; and in the same run the same rows written as raw SQL over the same pool.
//! Prints throughput, p50 and p99 for both and the core/raw throughput ratio.
//!
//! `cargo bench --bench contact_log` uses `TEST_DATABASE_URL` (a server it may create a
//! database on) or else an embedded server under target/.

use std::sync::Arc;
use std::time::{Duration, Instant};

use baton::clock::ManualClock;
use baton::core::contact::{self, LogContact};
use baton::core::{Actor, Env, GuildSettings, Request};
use baton::domain::{ChannelId, GuildId, Lang, MemberId};
use baton::store::{self, embedded};
use chrono::{DateTime, TimeZone, Utc};
use sqlx::postgres::PgConnectOptions;
use sqlx::{Connection, PgConnection, PgPool};

const GUILD: GuildId = GuildId(1_000_000_000_000_000_001);
const RELATIONS: usize = 1_000;
const ROUND: Duration = Duration::from_secs(5);
const POOL: u32 = 10;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let (admin, _server) = server().await?;
    let name = format!("baton_bench_{}", std::process::id());
    let mut conn = PgConnection::connect_with(&admin).await?;
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&mut conn)
        .await?;
    let pool = store::pool_options(POOL)
        .connect_with(admin.clone().database(&name))
        .await?;
    store::migrate(&pool).await?;

    let result = run(&pool).await;

    pool.close().await;
    sqlx::query(&format!("DROP DATABASE {name} WITH (FORCE)"))
        .execute(&mut conn)
        .await?;
    result
}

async fn server() -> Result<(PgConnectOptions, Option<embedded::EmbeddedPostgres>), Box<dyn std::error::Error>>
{
    if let Ok(url) = std::env::var("TEST_DATABASE_URL") {
        return Ok((url.parse::<PgConnectOptions>()?.database("postgres"), None));
    }
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-pg");
    let mut options = embedded::EmbeddedOptions::new(dir, "postgres");
    options.throwaway = true;
    let server = embedded::EmbeddedPostgres::start(options).await?;
    Ok((server.connect_options(), Some(server)))
}

async fn run(pool: &PgPool) -> Result<(), Box<dyn std::error::Error>> {
    // A fixed Monday morning: "vrijdag 12:00" reads as the same Friday whenever the
    // benchmark runs, so every run does the same work.
    let clock = Arc::new(ManualClock::new(monday_morning()));
    let env = Arc::new(Env::new(
        pool.clone(),
        clock,
        GuildSettings {
            zone: chrono_tz::Europe::Amsterdam,
            lang: Lang::Nl,
            ..Default::default()
        },
    ));
    // Relations exist already: the everyday case is logging another contact.
    for i in 0..RELATIONS {
        contact::log(&env, &request(i), input(i)).await?;
    }
    let relation_ids: Vec<i64> = sqlx::query_scalar("SELECT relation_id FROM relations ORDER BY relation_id")
        .fetch_all(pool)
        .await?;
    let relation_ids = Arc::new(relation_ids);

    println!(
        "/contact log with a follow-up, {RELATIONS} relations, pool of {POOL}, {}s per round",
        ROUND.as_secs()
    );
    println!(
        "{:<6} {:>4} {:>10} {:>9} {:>9}",
        "path", "conc", "ops/s", "p50 ms", "p99 ms"
    );
    for concurrency in [1, 8] {
        // Alternate, twice each, so a noisy neighbour hurts both paths alike.
        let mut raw = Vec::new();
        let mut core = Vec::new();
        for _ in 0..2 {
            raw.push(
                round(concurrency, {
                    let pool = pool.clone();
                    let ids = relation_ids.clone();
                    move |i| {
                        let pool = pool.clone();
                        let ids = ids.clone();
                        async move {
                            raw_log(&pool, ids[i % ids.len()], i)
                                .await
                                .map_err(|e| e.to_string())
                        }
                    }
                })
                .await,
            );
            core.push(
                round(concurrency, {
                    let env = env.clone();
                    move |i| {
                        let env = env.clone();
                        async move {
                            contact::log(&env, &request(i), input(i))
                                .await
                                .map(|_| ())
                                .map_err(|e| format!("{e:?}"))
                        }
                    }
                })
                .await,
            );
        }
        let raw = Stats::merge(raw);
        let core = Stats::merge(core);
        raw.print("raw", concurrency);
        core.print("core", concurrency);
        println!(
            "ratio core/raw at {concurrency}: {:.2}",
            core.ops_per_sec / raw.ops_per_sec
        );
    }
    Ok(())
}

fn request(i: usize) -> Request {
    Request {
        guild: GUILD,
        channel: Some(ChannelId(42)),
        actor: Actor {
            id: MemberId(1 + (i % 20) as i64),
            name: format!("member {}", i % 20),
            admin: false,
            roles: Vec::new(),
        },
        lang: None,
    }
}

/// Monday 23 November 2026, 10:00 in Amsterdam: the moment both paths log at.
fn monday_morning() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0)
        .single()
        .unwrap_or(DateTime::<Utc>::UNIX_EPOCH)
}

fn input(i: usize) -> LogContact {
    LogContact {
        relation: format!("Relatie {}", i % RELATIONS),
        summary: "Belde over de offerte en de planning voor volgend jaar".into(),
        follow_up: Some("Offerte sturen".into()),
        follow_up_due: Some("vrijdag 12:00".into()),
        new_relation: true,
        ..LogContact::default()
    }
}

/// The rows the core writes for one logged contact with a follow-up (contact, commitment
/// with the next reference, two events), as one plain SQL statement with the relation's id
/// already known: what a hand-written insert would do, without any of the core's work.
async fn raw_log(pool: &PgPool, relation: i64, i: usize) -> sqlx::Result<()> {
    let now = monday_morning();
    let actor = 1 + (i % 20) as i64;
    sqlx::query(
        "WITH c AS (
             INSERT INTO contacts (guild_id, relation_id, occurred_at, via, logged_by, summary, restricted,
                                   channel_id, created_at)
             VALUES ($1, $2, $3, 'phone', $4, $5, false, 42, $3)
             RETURNING contact_id
         ), counter AS (
             SELECT next_commitment_ref($1) AS ref
         ), k AS (
             INSERT INTO commitments (guild_id, ref, relation_id, contact_id, kind, what, owner_id, created_by,
                                      channel_id, due_at, created_at)
             SELECT $1, counter.ref, $2, c.contact_id, 'follow_up', 'Offerte sturen', $4, $4, 42, $6, $3
             FROM c, counter
             RETURNING commitment_id
         )
         INSERT INTO events (guild_id, at, actor_id, action, subject_kind, subject_id, detail)
         SELECT $1, $3, $4, 'contact.logged', 'contact', c.contact_id, '{}'::jsonb FROM c
         UNION ALL
         SELECT $1, $3, $4, 'commitment.created', 'commitment', k.commitment_id, '{}'::jsonb FROM k",
    )
    .bind(GUILD.0)
    .bind(relation)
    .bind(now)
    .bind(actor)
    .bind("Belde over de offerte en de planning voor volgend jaar")
    .bind(now + chrono::Duration::days(4))
    .execute(pool)
    .await?;
    Ok(())
}

struct Stats {
    latencies: Vec<Duration>,
    ops_per_sec: f64,
}

impl Stats {
    fn merge(rounds: Vec<Stats>) -> Stats {
        let ops_per_sec = rounds.iter().map(|r| r.ops_per_sec).sum::<f64>() / rounds.len() as f64;
        let mut latencies: Vec<Duration> = rounds.into_iter().flat_map(|r| r.latencies).collect();
        latencies.sort_unstable();
        Stats {
            latencies,
            ops_per_sec,
        }
    }

    fn percentile(&self, p: f64) -> f64 {
        let index = ((self.latencies.len() as f64 * p) as usize).min(self.latencies.len().saturating_sub(1));
        self.latencies
            .get(index)
            .map_or(f64::NAN, |d| d.as_secs_f64() * 1000.0)
    }

    fn print(&self, path: &str, concurrency: usize) {
        println!(
            "{path:<6} {concurrency:>4} {:>10.0} {:>9.2} {:>9.2}",
            self.ops_per_sec,
            self.percentile(0.50),
            self.percentile(0.99)
        );
    }
}

/// Runs `op` from `concurrency` workers for one round; every call must succeed.
async fn round<F, Fut>(concurrency: usize, op: F) -> Stats
where
    F: Fn(usize) -> Fut + Clone + Send + 'static,
    Fut: std::future::Future<Output = Result<(), String>> + Send,
{
    let started = Instant::now();
    let workers: Vec<_> = (0..concurrency)
        .map(|worker| {
            let op = op.clone();
            tokio::spawn(async move {
                let mut latencies = Vec::new();
                let mut i = worker;
                while started.elapsed() < ROUND {
                    let begun = Instant::now();
                    if let Err(err) = op(i).await {
                        panic!("benchmark operation failed: {err}");
                    }
                    latencies.push(begun.elapsed());
                    i += concurrency;
                }
                latencies
            })
        })
        .collect();
    let mut latencies = Vec::new();
    for worker in workers {
        latencies.extend(worker.await.expect("worker"));
    }
    let ops_per_sec = latencies.len() as f64 / started.elapsed().as_secs_f64();
    Stats {
        latencies,
        ops_per_sec,
    }
}
