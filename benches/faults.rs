//! The fault suite: the real `baton run` binary, configured through its environment, against
//! the Discord stand-in and an embedded PostgreSQL of the suite's own, while processes are
//! killed and stopped, instances share a database, PostgreSQL restarts, Discord answers
//! with rate limits, errors and timeouts, and the gateway drops. Prints one table and exits
//! non-zero when a required figure failed.
//!
//! `cargo bench --bench faults` (about three minutes; `-- 2 5` runs scenarios 2 and 5 only).
//! The server lives in target/bench-faults/pg, each baton's log in target/bench-faults/logs.

#[path = "../tests/support/discord/mod.rs"]
mod discord;

#[path = "faults/commands.rs"]
mod commands;
#[path = "faults/delivery.rs"]
mod delivery;
#[path = "faults/gateway.rs"]
mod gateway;
#[path = "faults/harness.rs"]
mod harness;
#[path = "faults/outage.rs"]
mod outage;
#[path = "faults/report.rs"]
mod report;
#[path = "faults/world.rs"]
mod world;

use std::future::Future;
use std::process::ExitCode;
use std::time::Instant;

use harness::Launch;
use report::Row;
use world::Server;

fn main() -> ExitCode {
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime,
        Err(err) => {
            eprintln!("faults: cannot start a runtime: {err}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run()) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(err) => {
            eprintln!("faults: {err:#}");
            ExitCode::FAILURE
        }
    }
}

/// Runs every scenario, also after one fails, and prints the table; true when all passed.
async fn run() -> anyhow::Result<bool> {
    let started = Instant::now();
    let dir = world::bench_dir();
    let log_dir = dir.join("logs");
    // Logs of an earlier run would mislead; the server folder is reused.
    let _ = std::fs::remove_dir_all(&log_dir);
    std::fs::create_dir_all(&log_dir)?;
    let mut server = Server::start(&dir.join("pg")).await?;
    let launch = Launch {
        api_base: String::new(),
        guild: world::GUILD,
        database_url: String::new(),
        sends_per_second: 40,
        log_dir: log_dir.clone(),
    };

    // `cargo bench --bench faults -- 2 5` runs scenarios 2 and 5 only.
    let only: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a.chars().all(|c| c.is_ascii_digit()))
        .collect();
    let wanted = |n: &str| only.is_empty() || only.iter().any(|o| o == n);
    let mut rows = Vec::new();
    if wanted("1") {
        let work = commands::kill_during_burst(&server, launch.clone());
        rows.push(scenario("1. SIGKILL during a burst", work).await);
    }
    if wanted("2") {
        let work = delivery::kill_during_delivery(&server, &launch);
        rows.push(scenario("2. SIGKILL during delivery", work).await);
    }
    if wanted("3") {
        let work = delivery::terminate_during_delivery(&server, &launch);
        rows.push(scenario("3. SIGTERM during delivery", work).await);
    }
    if wanted("4") {
        for instances in [2, 3] {
            let name = format!("4. {instances} instances on one database");
            rows.push(scenario(&name, delivery::shared_database(&server, &launch, instances)).await);
        }
    }
    if wanted("5") {
        let work = outage::postgres_restart(&mut server, &launch);
        rows.push(scenario("5. PostgreSQL restarted", work).await);
    }
    if wanted("6") {
        let work = delivery::discord_failures(&server, &launch);
        rows.push(scenario("6. Discord failures", work).await);
    }
    if wanted("7") {
        let work = gateway::gateway_disconnects(&server, &launch);
        rows.push(scenario("7. Gateway disconnects", work).await);
    }
    if let Err(err) = server.stop().await {
        eprintln!("faults: {err:#}");
    }

    let profile = if cfg!(debug_assertions) {
        " --profile dev"
    } else {
        ""
    };
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    report::print(
        &rows,
        &format!("cargo bench --bench faults{profile}"),
        cores,
        started.elapsed().as_secs_f64(),
    );
    println!();
    println!("logs: {}", log_dir.display());
    Ok(rows.iter().all(|row| row.pass))
}

async fn scenario(name: &str, work: impl Future<Output = anyhow::Result<Row>>) -> Row {
    eprintln!("faults: {name} …");
    let began = Instant::now();
    let row = work.await.unwrap_or_else(|err| Row::broken(name, &err));
    eprintln!(
        "faults: {name}: {} in {:.0} s — {}",
        if row.pass { "pass" } else { "FAIL" },
        began.elapsed().as_secs_f64(),
        row.result
    );
    row
}
