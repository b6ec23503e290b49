//! The reminder scheduler under load: 1,000,000 open commitments in PostgreSQL, 10,000 of
//! them falling due within one minute over 200 channels, delivered to the Discord stand-in
//! on loopback. Prints, per scenario, how late each reminder arrived (due → received by the
//! stand-in), how many messages were sent, duplicates, and the scheduler's peak resident
//! memory. The scheduler runs in a child process of its own, so its memory is measured
//! apart from the stand-in's.
//!
//! `cargo bench --bench scheduler` uses `TEST_DATABASE_URL` (a server it may create a
//! database on) or else an embedded server under target/.

#[path = "../tests/support/discord/mod.rs"]
mod discord;

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use baton::clock::SystemClock;
use baton::config::Config;
use baton::core::GuildSettings;
use baton::discord::buttons::{ComponentId, Purpose};
use baton::discord::DiscordNotifier;
use baton::reminders::{self, Options, Scheduler};
use baton::store::{self, embedded};
use chrono::{DateTime, Utc};
use discord::{GuildConfig, StandIn, StandInConfig};
use secrecy::SecretString;
use sqlx::postgres::PgConnectOptions;
use sqlx::{Connection, PgConnection, PgPool};

const GUILD: i64 = 900_000_000_000_000_001;
const OWNERS: i64 = 200;
const CHANNELS: i64 = 200;
const FIRST_CHANNEL: i64 = 910_000_000_000_000_000;
const FIRST_OWNER: i64 = 920_000_000_000_000_000;
const TOTAL: i64 = 1_000_000;
const DUE: i64 = 10_000;
/// Time for the scheduler to start before the first reminder falls due.
const LEAD: Duration = Duration::from_secs(20);

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let runtime = tokio::runtime::Runtime::new()?;
    if let Ok(url) = std::env::var("BATON_BENCH_CHILD_DATABASE") {
        return runtime.block_on(child(&url));
    }
    runtime.block_on(parent())
}

/// The scheduler process: runs until its stdin closes, then reports its peak memory.
async fn child(url: &str) -> Result<(), Box<dyn std::error::Error>> {
    let pool = store::connect_lazy(url.parse()?, 10);
    let mut config = Config::default();
    config.discord.token = Some(SecretString::from("bench-token"));
    config.discord.api_base = std::env::var("BATON_BENCH_API")?;
    let notifier = Arc::new(DiscordNotifier::new(&config)?);
    let options = Options {
        sends_per_second: std::env::var("BATON_BENCH_RATE")?.parse()?,
        ..Options::default()
    };
    // The wall clock on purpose: this measures how late reminders arrive in real time.
    // The guild works around the clock, so the hour the benchmark runs at changes nothing.
    let scheduler = Scheduler::new(
        pool,
        Arc::new(SystemClock),
        GuildSettings::default(),
        notifier,
        options,
    );
    let running = reminders::supervise(scheduler);
    println!("ready");
    std::io::stdout().flush()?;
    tokio::task::spawn_blocking(|| {
        let mut line = String::new();
        while std::io::stdin()
            .read_line(&mut line)
            .map(|n| n > 0)
            .unwrap_or(false)
        {}
    })
    .await?;
    running.stop().await;
    println!("peak_rss_kb={}", peak_rss_kb());
    Ok(())
}

fn peak_rss_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1).and_then(|n| n.parse().ok()))
        })
        .unwrap_or(0)
}

async fn parent() -> Result<(), Box<dyn std::error::Error>> {
    let (admin, url_of, _server) = server().await?;
    let name = format!("baton_bench_sched_{}", std::process::id());
    let mut conn = PgConnection::connect_with(&admin).await?;
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&mut conn)
        .await?;
    let pool = store::pool_options(4)
        .connect_with(admin.clone().database(&name))
        .await?;
    store::migrate(&pool).await?;

    let started = Instant::now();
    fill(&pool).await?;
    println!("scheduler: {TOTAL} open commitments, {DUE} due within one minute over {CHANNELS} channels");
    println!("(filled in {:.0} s)", started.elapsed().as_secs_f64());
    explain(&pool).await?;

    let guild = (1..=CHANNELS).fold(
        GuildConfig::new(GUILD as u64, "Bench", FIRST_OWNER as u64),
        |g, i| g.channel((FIRST_CHANNEL + i) as u64),
    );
    let standin = StandIn::start(StandInConfig {
        guilds: vec![guild],
        ..Default::default()
    })
    .await;
    println!(
        "{:<34} {:>7} {:>8} {:>8} {:>8} {:>8} {:>5} {:>8}",
        "scenario", "items", "messages", "p50 ms", "p99 ms", "max ms", "dup", "RSS MB"
    );
    for (label, spread, rate) in [
        ("spread over a minute, unthrottled", true, 10_000),
        ("spread over a minute, 40 msg/s", true, 40),
        ("all in one second, 40 msg/s", false, 40),
    ] {
        let due_from = reset(&pool, spread).await?;
        let before = standin.requests().len();
        let mut child = Command::new(std::env::current_exe()?)
            .env("BATON_BENCH_CHILD_DATABASE", url_of(&name))
            .env("BATON_BENCH_API", standin.api_base())
            .env("BATON_BENCH_RATE", rate.to_string())
            .env("BATON_LOG", "warn")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()?;
        let mut out = BufReader::new(child.stdout.take().ok_or("no stdout")?);
        let mut line = String::new();
        out.read_line(&mut line)?;
        let clock_origin = (Instant::now(), Utc::now());
        let deadline = Instant::now() + LEAD + Duration::from_secs(60 + 600);
        let mut delivered = HashMap::new();
        while Instant::now() < deadline {
            tokio::time::sleep(Duration::from_millis(500)).await;
            delivered = delivered_items(&standin, before, clock_origin);
            if delivered.len() as i64 >= DUE {
                break;
            }
        }
        drop(child.stdin.take());
        let mut rest = String::new();
        std::io::Read::read_to_string(&mut out, &mut rest)?;
        child.wait()?;
        let rss_kb: f64 = rest
            .lines()
            .find_map(|l| l.strip_prefix("peak_rss_kb="))
            .and_then(|n| n.parse().ok())
            .unwrap_or(f64::NAN);
        let posts: Vec<_> = standin.requests()[before..]
            .iter()
            .filter(|r| r.method == "POST" && r.path.ends_with("/messages") && !r.deduplicated)
            .cloned()
            .collect();
        let posted_items: usize = posts.iter().map(|p| references(&p.body).len()).sum();
        let duplicates = posted_items - delivered.len();
        let mut lateness: Vec<f64> = delivered
            .iter()
            .map(|(reference, arrived)| {
                (*arrived - due_of(*reference, due_from, spread))
                    .num_microseconds()
                    .unwrap_or(0) as f64
                    / 1000.0
            })
            .collect();
        lateness.sort_by(f64::total_cmp);
        let at = |p: f64| {
            lateness
                .get(((lateness.len() as f64 * p) as usize).min(lateness.len().saturating_sub(1)))
                .copied()
                .unwrap_or(f64::NAN)
        };
        println!(
            "{label:<34} {:>7} {:>8} {:>8.0} {:>8.0} {:>8.0} {:>5} {:>8.1}",
            delivered.len(),
            posts.len(),
            at(0.50),
            at(0.99),
            lateness.last().copied().unwrap_or(f64::NAN),
            duplicates,
            rss_kb / 1024.0
        );
    }
    pool.close().await;
    sqlx::query(&format!("DROP DATABASE {name} WITH (FORCE)"))
        .execute(&mut conn)
        .await?;
    Ok(())
}

type UrlOf = Box<dyn Fn(&str) -> String>;

async fn server(
) -> Result<(PgConnectOptions, UrlOf, Option<embedded::EmbeddedPostgres>), Box<dyn std::error::Error>> {
    if let Ok(url) = std::env::var("TEST_DATABASE_URL") {
        let base = url
            .rsplit_once('/')
            .map(|(b, _)| b.to_string())
            .unwrap_or(url.clone());
        let url_of: UrlOf = Box::new(move |db| format!("{base}/{db}"));
        return Ok((
            url.parse::<PgConnectOptions>()?.database("postgres"),
            url_of,
            None,
        ));
    }
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-pg");
    let mut options = embedded::EmbeddedOptions::new(dir, "postgres");
    options.throwaway = true;
    let server = embedded::EmbeddedPostgres::start(options).await?;
    let socket = server
        .connect_options()
        .get_socket()
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    let url_of: UrlOf = Box::new(move |db| format!("postgres://postgres@localhost/{db}?host={socket}"));
    Ok((
        server.connect_options().database("postgres"),
        url_of,
        Some(server),
    ))
}

/// One guild, working around the clock, 1,000 relations, and a million open commitments:
/// the first 10,000 to be made due by `reset`, the rest due over the coming year.
async fn fill(pool: &PgPool) -> sqlx::Result<()> {
    let now = Utc::now();
    sqlx::query(
        "INSERT INTO guilds (guild_id, working_hours, created_at) VALUES ($1, 'daily 00:00-24:00', $2)",
    )
    .bind(GUILD)
    .bind(now)
    .execute(pool)
    .await?;
    sqlx::query(
        "INSERT INTO members (guild_id, member_id, display_name, seen_at, digest)
         SELECT $1, $2 + i, 'owner ' || i, $3, false FROM generate_series(1, $4) i",
    )
    .bind(GUILD)
    .bind(FIRST_OWNER)
    .bind(now)
    .bind(OWNERS)
    .execute(pool)
    .await?;
    sqlx::query(
        "INSERT INTO relations (guild_id, name, name_key, created_by, created_at)
         SELECT $1, 'Relatie ' || i, 'relatie ' || i, $2, $3 FROM generate_series(1, 1000) i",
    )
    .bind(GUILD)
    .bind(FIRST_OWNER)
    .bind(now)
    .execute(pool)
    .await?;
    sqlx::query(
        "INSERT INTO commitments (guild_id, ref, relation_id, kind, what, owner_id, created_by, channel_id,
                                  due_at, next_nudge_at, created_at)
         SELECT $1, i, r.relation_id, 'promise', 'Belofte ' || i, $2 + 1 + i % $4, $2, $3 + 1 + i % $5,
                $6 + make_interval(secs => i * 30), $6 + make_interval(secs => i * 30), $6 - interval '1 day'
         FROM generate_series(1, $7) i
         JOIN relations r ON r.guild_id = $1 AND r.name_key = 'relatie ' || (1 + i % 1000)",
    )
    .bind(GUILD)
    .bind(FIRST_OWNER)
    .bind(FIRST_CHANNEL)
    .bind(OWNERS)
    .bind(CHANNELS)
    .bind(now + chrono::Duration::days(1))
    .bind(TOTAL)
    .execute(pool)
    .await?;
    sqlx::query("ANALYZE").execute(pool).await?;
    Ok(())
}

/// Makes the first 10,000 commitments fall due again, `LEAD` from now: spread over one
/// minute, or all in the same second. Returns the first due time.
async fn reset(pool: &PgPool, spread: bool) -> sqlx::Result<DateTime<Utc>> {
    let from = Utc::now() + chrono::Duration::from_std(LEAD).unwrap_or_default();
    sqlx::query("DELETE FROM deliveries").execute(pool).await?;
    sqlx::query(
        "UPDATE commitments
         SET due_at = $1 + CASE WHEN $3 THEN make_interval(secs => ref * 0.006::float8) ELSE interval '0' END,
             next_nudge_at = $1 + CASE WHEN $3 THEN make_interval(secs => ref * 0.006::float8) ELSE interval '0' END,
             nudges_sent = 0, last_nudged_at = NULL, heads_up_sent = false
         WHERE guild_id = $4 AND ref <= $2",
    )
    .bind(from)
    .bind(DUE)
    .bind(spread)
    .bind(GUILD)
    .execute(pool)
    .await?;
    Ok(from)
}

fn due_of(reference: i64, from: DateTime<Utc>, spread: bool) -> DateTime<Utc> {
    if spread {
        from + chrono::Duration::microseconds(reference * 6_000)
    } else {
        from
    }
}

/// The commitment references in a posted message, from its Done buttons.
fn references(body: &serde_json::Value) -> Vec<i64> {
    body["components"]
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

/// Each delivered reference with the moment its first message reached the stand-in.
fn delivered_items(
    standin: &StandIn,
    from: usize,
    origin: (Instant, DateTime<Utc>),
) -> HashMap<i64, DateTime<Utc>> {
    let mut first = HashMap::new();
    for request in &standin.requests()[from..] {
        if request.method != "POST" || !request.path.ends_with("/messages") || request.deduplicated {
            continue;
        }
        let at = origin.1
            + chrono::Duration::from_std(request.at.saturating_duration_since(origin.0)).unwrap_or_default()
            - chrono::Duration::from_std(origin.0.saturating_duration_since(request.at)).unwrap_or_default();
        for reference in references(&request.body) {
            first.entry(reference).or_insert(at);
        }
    }
    first
}

/// Shows that the due query reads the partial index, whatever the number of closed rows.
async fn explain(pool: &PgPool) -> sqlx::Result<()> {
    let plan: Vec<String> = sqlx::query_scalar(
        "EXPLAIN SELECT guild_id, commitment_id FROM commitments
         WHERE status = 'open' AND next_nudge_at <= now() ORDER BY next_nudge_at LIMIT 1000 FOR UPDATE SKIP LOCKED",
    )
    .fetch_all(pool)
    .await?;
    let uses_index = plan.iter().any(|line| line.contains("commitments_next_nudge"));
    println!("due query uses the partial index commitments_next_nudge: {uses_index}");
    Ok(())
}
