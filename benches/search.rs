//! `/relation search` and the relation autocomplete at the size of a real address book,
//! against PostgreSQL: one guild of 100,000 relations, 300,000 affiliations and 1,000,000
//! contacts, beside a second guild of the same size. Each runs through the command core (as
//! the Discord adapter calls it) and, in the same run over the same pool, as the store's own
//! SQL with its parameters bound by hand. Prints p50, p99 and throughput of both, their
//! ratio, each query's figures, and the plans of the main queries. Checks, untimed, that
//! nothing of the second guild is ever found.
//!
//! `cargo bench --bench search` uses `TEST_DATABASE_URL` (a server it may create a database
//! on) or else an embedded server under target/. `SEARCH_BENCH_SCALE=0.1` seeds a tenth of
//! everything, for trying the benchmark itself. `SEARCH_BENCH_KEEP=name` seeds a database of
//! that name once and keeps it, so a second run measures at once (it still migrates, so a
//! changed index is built first).

use std::collections::BTreeSet;
use std::sync::Arc;
use std::time::{Duration, Instant};

use baton::clock::ManualClock;
use baton::core::{
    relation, suggest, Actor, Body, CommandError, Env, GuildSettings, RelationError, Request, UserError,
};
use baton::domain::relation::{fold, search_key};
use baton::domain::{GuildId, Lang, MemberId};
use baton::store::{self, embedded};
use chrono::{DateTime, TimeZone, Utc};
use sqlx::postgres::PgConnectOptions;
use sqlx::{Connection, PgConnection, PgPool, Row};

const HOME: GuildId = GuildId(1_000_000_000_000_000_001);
const ELSEWHERE: GuildId = GuildId(1_000_000_000_000_000_002);
const RELATIONS: f64 = 100_000.0;
const AFFILIATIONS: f64 = 300_000.0;
const CONTACTS: f64 = 1_000_000.0;
/// One contact in this many holds a rare word ("asbestsanering"): 50 a guild, of four words.
const RARE_EVERY: i64 = 20_000;
const ROUND: Duration = Duration::from_secs(5);
const POOL: u32 = 8;
const CONCURRENCY: [usize; 2] = [1, 4];

/// The store's queries as they stand: the raw path runs exactly these.
const SEARCH_SQL: &str = include_str!("../src/store/sql/search_relations.sql");
const SUGGEST_SQL: &str = include_str!("../src/store/sql/suggest_relations.sql");
const SEED_SQL: &str = include_str!("search_seed.sql");

/// What people search for, each as often.
const SEARCHES: &[(&str, &str)] = &[
    ("exact name", "Gemeente Utrecht"),
    ("word in names", "Bakker"),
    ("role", "beleidsadviseur"),
    ("organisation", "Zorggroep"),
    ("rare summary word", "asbestsanering"),
    ("common summary word", "offerte"),
];

/// What people type into a relation option, each as often.
const TYPED: &[(&str, &str)] = &[
    ("1 character", "g"),
    ("2 characters", "ge"),
    ("3 characters", "gem"),
    ("4 characters", "geme"),
    ("3, inside names", "utr"),
    ("4, inside names", "viss"),
    ("typo", "gemeete utrecht"),
    ("typo, person", "sane visser"),
];

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let (admin, _server) = server().await?;
    let kept = std::env::var("SEARCH_BENCH_KEEP").ok().filter(|name| {
        !name.is_empty()
            && name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
    });
    let name = kept
        .clone()
        .unwrap_or_else(|| format!("baton_bench_search_{}", std::process::id()));
    let mut conn = PgConnection::connect_with(&admin).await?;
    let exists: bool = sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)")
        .bind(&name)
        .fetch_one(&mut conn)
        .await?;
    if !exists {
        sqlx::query(&format!("CREATE DATABASE {name}"))
            .execute(&mut conn)
            .await?;
    }
    let pool = store::pool_options(POOL)
        .connect_with(admin.clone().database(&name))
        .await?;
    store::migrate(&pool).await?;

    let result = run(&pool, !exists).await;

    pool.close().await;
    if kept.is_none() {
        sqlx::query(&format!("DROP DATABASE {name} WITH (FORCE)"))
            .execute(&mut conn)
            .await?;
    }
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

async fn run(pool: &PgPool, fresh: bool) -> Result<(), Box<dyn std::error::Error>> {
    let scale: f64 = std::env::var("SEARCH_BENCH_SCALE")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1.0);
    if fresh {
        seed(pool, scale).await?;
    } else {
        println!("measuring the address book seeded earlier (SEARCH_BENCH_KEEP)");
    }

    let env = Arc::new(Env::new(
        pool.clone(),
        Arc::new(ManualClock::new(monday_morning())),
        GuildSettings {
            zone: chrono_tz::Europe::Amsterdam,
            lang: Lang::Nl,
            ..Default::default()
        },
    ));
    check(&env, pool).await?;
    plans(pool).await?;

    println!();
    println!(
        "{:<13} {:<5} {:>4} {:>9} {:>9} {:>9}",
        "", "path", "conc", "ops/s", "p50 ms", "p99 ms"
    );
    let mut by_query = Vec::new();
    for (what, mix) in [("search", Mix::Search), ("autocomplete", Mix::Suggest)] {
        for concurrency in CONCURRENCY {
            // Alternate, twice each, so a noisy neighbour hurts both paths alike.
            let mut raw = Vec::new();
            let mut core = Vec::new();
            for _ in 0..2 {
                raw.push(round(concurrency, mix.raw(pool)).await);
                core.push(round(concurrency, mix.core(&env)).await);
            }
            let (raw, core) = (Stats::merge(raw), Stats::merge(core));
            raw.print(what, "raw", concurrency);
            core.print(what, "core", concurrency);
            println!(
                "{what:<13} ratio core/raw at {concurrency}: {:.2}",
                core.ops_per_sec / raw.ops_per_sec
            );
            if concurrency == 1 {
                by_query.push((mix, raw, core));
            }
        }
    }

    println!();
    println!("each query at concurrency 1");
    println!(
        "{:<13} {:<20} {:<17} {:>10} {:>10} {:>10} {:>10}",
        "", "query", "text", "raw p50", "raw p99", "core p50", "core p99"
    );
    for (mix, raw, core) in &by_query {
        let inputs = mix.inputs().len();
        for (i, (label, text)) in mix.inputs().iter().enumerate() {
            println!(
                "{:<13} {label:<20} {:<17} {:>10.2} {:>10.2} {:>10.2} {:>10.2}",
                mix.name(),
                format!("{text:?}"),
                raw.percentile_of(i, inputs, 0.50),
                raw.percentile_of(i, inputs, 0.99),
                core.percentile_of(i, inputs, 0.50),
                core.percentile_of(i, inputs, 0.99)
            );
        }
    }
    Ok(())
}

/// Fills both guilds in bulk, then vacuums and analyzes as autovacuum would by now.
async fn seed(pool: &PgPool, scale: f64) -> Result<(), Box<dyn std::error::Error>> {
    let count = |n: f64| ((n * scale).round() as i64).max(100);
    let (relations, affiliations, contacts) = (count(RELATIONS), count(AFFILIATIONS), count(CONTACTS));
    let sql = SEED_SQL
        .replace(":home", &HOME.0.to_string())
        .replace(":elsewhere", &ELSEWHERE.0.to_string())
        .replace(":relations", &relations.to_string())
        .replace(":affiliations", &affiliations.to_string())
        .replace(":contacts", &contacts.to_string())
        .replace(":rare_every", &RARE_EVERY.min(contacts / 10).to_string());
    let started = Instant::now();
    let mut conn = pool.acquire().await?;
    sqlx::raw_sql(&sql).execute(&mut *conn).await?;
    let seeded = started.elapsed();
    sqlx::raw_sql("VACUUM (ANALYZE) relations, affiliations, contacts")
        .execute(&mut *conn)
        .await?;
    let vacuumed = started.elapsed() - seeded;
    let server: (String, String, String) = sqlx::query_as(
        "SELECT current_setting('server_version'), current_setting('shared_buffers'), current_setting('jit')",
    )
    .fetch_one(&mut *conn)
    .await?;
    println!(
        "PostgreSQL {}, shared_buffers {}, jit {}",
        server.0, server.1, server.2
    );
    let sizes = sqlx::query(
        "SELECT relname::text, n_live_tup, pg_size_pretty(pg_total_relation_size(relid))
         FROM pg_stat_user_tables WHERE relname IN ('relations', 'affiliations', 'contacts')
         ORDER BY relname",
    )
    .fetch_all(&mut *conn)
    .await?;
    println!(
        "seeded 2 guilds × {relations} relations, {affiliations} affiliations, {contacts} contacts in {:.1}s (vacuum and analyze {:.1}s)",
        seeded.as_secs_f64(),
        vacuumed.as_secs_f64()
    );
    for row in sizes {
        println!(
            "  {:<13} {:>9} rows {:>9}",
            row.get::<String, _>(0),
            row.get::<i64, _>(1),
            row.get::<String, _>(2)
        );
    }
    Ok(())
}

/// Untimed: every path finds something, only in the home guild, the raw path finds as
/// much as the core, and a search of only common words is refused.
async fn check(env: &Env, pool: &PgPool) -> Result<(), Box<dyn std::error::Error>> {
    for (i, (label, text)) in SEARCHES.iter().enumerate() {
        let hits = core_search(env, i).await?;
        assert!(!hits.is_empty(), "the {label} search {text:?} found nothing");
        let ids: Vec<i64> = hits.iter().map(|(id, _)| *id).collect();
        let home: i64 = sqlx::query_scalar(
            "SELECT count(*) FROM relations WHERE guild_id = $1 AND relation_id = ANY($2)",
        )
        .bind(HOME.0)
        .bind(&ids)
        .fetch_one(pool)
        .await?;
        assert_eq!(
            home,
            ids.len() as i64,
            "the {label} search {text:?} found another guild's relation"
        );
        assert!(
            hits.iter().all(|(_, name)| !name.ends_with(" (2)")),
            "the {label} search {text:?} found another guild's relation: {hits:?}"
        );
        let raw = raw_search(pool, i).await?;
        assert_eq!(
            raw,
            hits.len(),
            "the {label} search {text:?}: raw and core disagree"
        );
    }
    for (i, (label, text)) in TYPED.iter().enumerate() {
        let choices = core_suggest(env, i).await?;
        assert!(!choices.is_empty(), "typing {text:?} ({label}) suggested nothing");
        let names: Vec<String> = choices.iter().map(|s| s.value.clone()).collect();
        assert!(
            choices
                .iter()
                .all(|s| !s.value.ends_with(" (2)") && !s.label.contains(" (2)")),
            "typing {text:?} suggested another guild's relation: {choices:?}"
        );
        let home: i64 = sqlx::query_scalar(
            "SELECT count(DISTINCT name) FROM relations WHERE guild_id = $1 AND name = ANY($2)",
        )
        .bind(HOME.0)
        .bind(&names)
        .fetch_one(pool)
        .await?;
        let distinct: BTreeSet<&String> = names.iter().collect();
        assert_eq!(
            home,
            distinct.len() as i64,
            "typing {text:?} suggested a name the guild lacks"
        );
        let raw = raw_suggest(pool, i).await?;
        assert_eq!(raw, choices.len(), "typing {text:?}: raw and core disagree");
    }
    for common in ["de het", "the of"] {
        match relation::search(env, &request(0), common).await {
            Err(CommandError::User(UserError::Relation(RelationError::SearchCommonWords))) => {}
            other => panic!("searching {common:?} was not refused: {other:?}"),
        }
    }
    println!("checked: every search and suggestion found only the home guild's relations; common words are refused");
    Ok(())
}

/// The plans of the main queries, run once more with `EXPLAIN (ANALYZE, BUFFERS)`, and the
/// indexes each used.
async fn plans(pool: &PgPool) -> Result<(), Box<dyn std::error::Error>> {
    let explain = |sql: &str| format!("EXPLAIN (ANALYZE, BUFFERS) {sql}");
    let mut shown = Vec::new();
    for (i, (label, text)) in SEARCHES.iter().enumerate() {
        let plan = search_query(&explain(SEARCH_SQL), i).fetch_all(pool).await?;
        shown.push((format!("search, {label} {text:?}"), lines(plan)));
    }
    for (i, (label, text)) in TYPED.iter().enumerate() {
        let explained = explain(SUGGEST_SQL);
        let plan = suggest_query(&explained, i).fetch_all(pool).await?;
        shown.push((format!("autocomplete, {label} {text:?}"), lines(plan)));
    }
    for (title, plan) in &shown {
        // The full plans of one search per tier and of two autocompletes; the indexes of all.
        if [
            "\"Bakker\"",
            "\"beleidsadviseur\"",
            "\"asbestsanering\"",
            "\"offerte\"",
            "\"gem\"",
            "\"gemeete utrecht\"",
        ]
        .iter()
        .any(|t| title.ends_with(t))
        {
            println!();
            println!("EXPLAIN (ANALYZE, BUFFERS) {title}");
            for line in plan {
                println!("  {line}");
            }
        }
    }
    println!();
    println!("indexes used");
    for (title, plan) in &shown {
        let mut indexes = BTreeSet::new();
        for line in plan {
            // "Index Scan using contacts_by_time on contacts", "Bitmap Index Scan on relations_name_doc"
            let after = line
                .split_once(" using ")
                .or_else(|| line.split_once("Bitmap Index Scan on "))
                .map(|(_, rest)| rest);
            if let Some(name) = after.and_then(|rest| rest.split_whitespace().next()) {
                indexes.insert(name.to_string());
            }
        }
        let time = plan
            .iter()
            .find(|l| l.starts_with("Execution Time"))
            .cloned()
            .unwrap_or_default();
        println!(
            "  {title:<45} {time:<28} {}",
            indexes.into_iter().collect::<Vec<_>>().join(", ")
        );
    }
    Ok(())
}

fn lines(rows: Vec<sqlx::postgres::PgRow>) -> Vec<String> {
    rows.iter().map(|row| row.get::<String, _>(0)).collect()
}

#[derive(Clone, Copy)]
enum Mix {
    Search,
    Suggest,
}

impl Mix {
    fn name(self) -> &'static str {
        match self {
            Mix::Search => "search",
            Mix::Suggest => "autocomplete",
        }
    }

    fn inputs(self) -> &'static [(&'static str, &'static str)] {
        match self {
            Mix::Search => SEARCHES,
            Mix::Suggest => TYPED,
        }
    }

    fn core(self, env: &Arc<Env>) -> impl Fn(usize) -> Op + Clone + Send + 'static {
        let env = env.clone();
        move |i| {
            let env = env.clone();
            Box::pin(async move {
                match self {
                    Mix::Search => core_search(&env, i).await.map(|_| ()),
                    Mix::Suggest => core_suggest(&env, i).await.map(|_| ()),
                }
                .map_err(|e| format!("{e:?}"))
            })
        }
    }

    fn raw(self, pool: &PgPool) -> impl Fn(usize) -> Op + Clone + Send + 'static {
        let pool = pool.clone();
        move |i| {
            let pool = pool.clone();
            Box::pin(async move {
                match self {
                    Mix::Search => raw_search(&pool, i).await.map(|_| ()),
                    Mix::Suggest => raw_suggest(&pool, i).await.map(|_| ()),
                }
                .map_err(|e| e.to_string())
            })
        }
    }
}

type Op = std::pin::Pin<Box<dyn std::future::Future<Output = Result<(), String>> + Send>>;

/// The `i`-th search of the mix through the command core: (relation, name) of each hit.
async fn core_search(env: &Env, i: usize) -> Result<Vec<(i64, String)>, CommandError> {
    let (_, text) = SEARCHES[i % SEARCHES.len()];
    let reply = relation::search(env, &request(i), text).await?;
    match reply.body {
        Body::RelationSearch(found) => Ok(found.hits.into_iter().map(|h| (h.relation.0, h.name)).collect()),
        other => panic!("a search answered {other:?}"),
    }
}

async fn core_suggest(env: &Env, i: usize) -> Result<Vec<suggest::Suggestion>, CommandError> {
    let (_, text) = TYPED[i % TYPED.len()];
    suggest::relations(env, &request(i), text).await
}

/// The search query with the parameters the store binds for the `i`-th search.
fn search_query(sql: &str, i: usize) -> sqlx::query::Query<'_, sqlx::Postgres, sqlx::postgres::PgArguments> {
    let (_, text) = SEARCHES[i % SEARCHES.len()];
    let reader = request(i).actor;
    sqlx::query(sql)
        .bind(HOME.0)
        .bind(text)
        .bind(reader.id.0)
        .bind(reader.admin)
        .bind(relation::SEARCH_HITS)
        .bind(store::relation_search::SUMMARY_CANDIDATES)
        // The LIKE pattern: the folded text, none of the mix holding `%`, `_` or `\`.
        .bind(fold(text))
        .persistent(false)
}

fn suggest_query(sql: &str, i: usize) -> sqlx::query::Query<'_, sqlx::Postgres, sqlx::postgres::PgArguments> {
    let (_, text) = TYPED[i % TYPED.len()];
    let key = search_key(text);
    sqlx::query(sql)
        .bind(HOME.0)
        .bind(key.clone())
        .bind(store::relations::prefix_end(&key))
        // The LIKE pattern: the key, none of the mix holding `%`, `_` or `\`.
        .bind(key)
        .bind(suggest::MAX_CHOICES as i64)
        .persistent(false)
}

async fn raw_search(pool: &PgPool, i: usize) -> sqlx::Result<usize> {
    Ok(search_query(SEARCH_SQL, i).fetch_all(pool).await?.len())
}

async fn raw_suggest(pool: &PgPool, i: usize) -> sqlx::Result<usize> {
    Ok(suggest_query(SUGGEST_SQL, i).fetch_all(pool).await?.len())
}

fn request(i: usize) -> Request {
    Request {
        guild: HOME,
        channel: None,
        actor: Actor {
            id: MemberId(1 + (i % 20) as i64),
            name: format!("colleague {}", 1 + i % 20),
            admin: false,
            roles: Vec::new(),
        },
        lang: None,
    }
}

/// Monday 23 November 2026, 10:00 in Amsterdam.
fn monday_morning() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0)
        .single()
        .unwrap_or(DateTime::<Utc>::UNIX_EPOCH)
}

struct Stats {
    /// (which call of the round, how long it took)
    latencies: Vec<(usize, Duration)>,
    ops_per_sec: f64,
}

impl Stats {
    fn merge(rounds: Vec<Stats>) -> Stats {
        let ops_per_sec = rounds.iter().map(|r| r.ops_per_sec).sum::<f64>() / rounds.len() as f64;
        let latencies = rounds.into_iter().flat_map(|r| r.latencies).collect();
        Stats {
            latencies,
            ops_per_sec,
        }
    }

    fn percentile(&self, p: f64) -> f64 {
        percentile(self.latencies.iter().map(|(_, d)| *d).collect(), p)
    }

    /// Of the calls that took the mix's `input`-th of `inputs`.
    fn percentile_of(&self, input: usize, inputs: usize, p: f64) -> f64 {
        percentile(
            self.latencies
                .iter()
                .filter(|(i, _)| i % inputs == input)
                .map(|(_, d)| *d)
                .collect(),
            p,
        )
    }

    fn print(&self, what: &str, path: &str, concurrency: usize) {
        println!(
            "{what:<13} {path:<5} {concurrency:>4} {:>9.0} {:>9.2} {:>9.2}",
            self.ops_per_sec,
            self.percentile(0.50),
            self.percentile(0.99)
        );
    }
}

fn percentile(mut latencies: Vec<Duration>, p: f64) -> f64 {
    latencies.sort_unstable();
    let index = ((latencies.len() as f64 * p) as usize).min(latencies.len().saturating_sub(1));
    latencies
        .get(index)
        .map_or(f64::NAN, |d| d.as_secs_f64() * 1000.0)
}

/// Runs `op` from `concurrency` workers for one round, each taking the mix's inputs in
/// turn; every call must succeed.
async fn round<F>(concurrency: usize, op: F) -> Stats
where
    F: Fn(usize) -> Op + Clone + Send + 'static,
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
                    latencies.push((i, begun.elapsed()));
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
