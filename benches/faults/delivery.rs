//! Scenarios 2, 3, 4 and 6: a few hundred promises fall due at once over a few dozen
//! channels, and the batons delivering them are killed, stopped, doubled and tripled, or
//! answered by a Discord that rate-limits, fails and times out. Each time every promise
//! must end up in exactly one message.

use std::collections::{BTreeMap, HashSet};
use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::json;

use crate::discord::StandIn;
use crate::harness::{token_of, wait_for, Baton, Launch};
use crate::report::Row;
use crate::world::{self, delivery_states, Database, Server, Tally, FIRST_CHANNEL};

const PROMISES: i64 = 400;
const CHANNELS: i64 = 48;
/// Messages posted before a baton is killed or stopped: part-way through.
const PART_WAY: usize = 10;
const DELIVERED_WITHIN: Duration = Duration::from_secs(150);

struct Setup {
    db: Database,
    standin: Arc<StandIn>,
    launch: Launch,
}

/// A fresh database with the promises due a minute ago, and a fresh stand-in (nonces are
/// per channel, so a stand-in shared between scenarios would deduplicate across them).
async fn prepare(
    server: &Server,
    name: &str,
    sends_per_second: u32,
    launch: &Launch,
) -> anyhow::Result<Setup> {
    let db = server.database(name).await?;
    world::seed(
        &db.pool,
        PROMISES,
        CHANNELS,
        chrono::Utc::now() - chrono::Duration::minutes(1),
    )
    .await?;
    let standin = Arc::new(world::standin(CHANNELS).await);
    let launch = Launch {
        api_base: standin.api_base(),
        database_url: db.url.clone(),
        sends_per_second,
        ..launch.clone()
    };
    Ok(Setup { db, standin, launch })
}

async fn posted(standin: &StandIn, at_least: usize) -> anyhow::Result<usize> {
    wait_for(&format!("{at_least} reminder messages"), DELIVERED_WITHIN, || {
        let n = Tally::of(standin, CHANNELS).messages;
        if n >= at_least {
            Ok(n)
        } else {
            Err(format!("{n} so far"))
        }
    })
    .await
}

/// Waits until every promise is in a message and no delivery is left pending, so a late
/// duplicate would have shown; returns how long that took.
async fn settled(setup: &Setup, since: Instant) -> anyhow::Result<Duration> {
    let deadline = Instant::now() + DELIVERED_WITHIN;
    loop {
        let tally = Tally::of(&setup.standin, CHANNELS);
        let pending: i64 = sqlx::query_scalar("SELECT count(*) FROM deliveries WHERE state = 'pending'")
            .fetch_one(&setup.db.pool)
            .await?;
        if tally.delivered() as i64 == PROMISES && pending == 0 {
            return Ok(since.elapsed());
        }
        if Instant::now() >= deadline {
            anyhow::bail!(
                "timed out after {} s waiting for all {PROMISES} promises to be delivered ({} delivered, {pending} deliveries pending)",
                DELIVERED_WITHIN.as_secs(),
                tally.delivered()
            );
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// "lost 0, duplicated 0, 48 messages, dedup hits 1, deliveries sent 48", and whether the
/// required figures held.
async fn verdict(setup: &Setup) -> anyhow::Result<(String, bool)> {
    let tally = Tally::of(&setup.standin, CHANNELS);
    let states = delivery_states(&setup.db.pool).await?;
    let (lost, duplicated) = (tally.lost(PROMISES), tally.duplicated());
    let text = format!(
        "{}/{PROMISES} delivered, **lost {lost}, duplicated {duplicated}**; {} messages; stand-in dedup hits {}; deliveries: {states}",
        tally.delivered(),
        tally.messages,
        tally.dedup_hits
    );
    Ok((text, lost == 0 && duplicated == 0 && !states.contains("failed")))
}

/// Scenario 2: SIGKILL while one post has landed at Discord but its answer has not come
/// back: the restarted process must resend it with the same nonce, not post it again.
pub async fn kill_during_delivery(server: &Server, launch: &Launch) -> anyhow::Result<Row> {
    let setup = prepare(server, "faults_kill", 2, launch).await?;
    let mut first = Baton::spawn("s2-kill-first", &setup.launch)?;
    let before = posted(&setup.standin, PART_WAY).await?;
    setup
        .standin
        .slow_next("POST", "/channels/", Duration::from_secs(60), 1);
    wait_for(
        "a post whose answer is held back",
        Duration::from_secs(30),
        || {
            let held = setup.standin.requests_matching("POST", "/channels/");
            held.iter()
                .any(|r| r.held.is_some())
                .then_some(())
                .ok_or_else(|| "none yet".to_string())
        },
    )
    .await?;
    first.kill().await?;
    let at_kill = Tally::of(&setup.standin, CHANNELS).messages;
    let restarted = Instant::now();
    let mut second = Baton::spawn("s2-kill-second", &setup.launch)?;
    let took = settled(&setup, restarted).await?;
    let (result, ok) = verdict(&setup).await?;
    let (status, _) = second.terminate(Duration::from_secs(60)).await?;
    let panics = first.panics() + second.panics();
    server.drop_database(setup.db).await?;
    Ok(Row {
        scenario: "2. SIGKILL during reminder delivery".to_string(),
        done: format!(
            "{PROMISES} promises due at once over {CHANNELS} channels, 2 msg/s; SIGKILL after {before} messages, \
             with one more landed but unanswered ({at_kill} in the stand-in); restarted"
        ),
        result: format!(
            "{result}; all delivered {:.1} s after the restart (claims of the killed process wait out their 30 s lease); panics {panics}",
            took.as_secs_f64()
        ),
        pass: ok && panics == 0 && status.success(),
    })
}

/// Scenario 3: SIGTERM mid-delivery: a clean exit (code 0) that cuts no send in half, and
/// the next process delivers the rest.
pub async fn terminate_during_delivery(server: &Server, launch: &Launch) -> anyhow::Result<Row> {
    let setup = prepare(server, "faults_term", 2, launch).await?;
    let mut first = Baton::spawn("s3-term-first", &setup.launch)?;
    let before = posted(&setup.standin, PART_WAY).await?;
    let (status, stopping) = first.terminate(Duration::from_secs(60)).await?;
    let after_term = Tally::of(&setup.standin, CHANNELS).messages - before;
    let cut = cut_in_half(&setup).await?;
    let restarted = Instant::now();
    let mut second = Baton::spawn("s3-term-second", &setup.launch)?;
    let took = settled(&setup, restarted).await?;
    let (result, ok) = verdict(&setup).await?;
    let (second_status, _) = second.terminate(Duration::from_secs(60)).await?;
    let panics = first.panics() + second.panics();
    server.drop_database(setup.db).await?;
    Ok(Row {
        scenario: "3. SIGTERM during reminder delivery".to_string(),
        done: format!(
            "same load, 2 msg/s; SIGTERM after {before} messages; restarted"
        ),
        result: format!(
            "exit code {}, in {:.1} s, after finishing the sends it had claimed ({after_term} more messages); \
             {cut} posts without a record; {result}; the rest delivered {:.1} s after the restart; panics {panics}",
            status.code().map_or("none (signal)".to_string(), |c| c.to_string()),
            stopping.as_secs_f64(),
            took.as_secs_f64()
        ),
        pass: ok && status.success() && cut == 0 && panics == 0 && second_status.success(),
    })
}

/// Messages the stand-in holds whose delivery is not recorded as sent: a send cut in half.
async fn cut_in_half(setup: &Setup) -> anyhow::Result<usize> {
    let sent: Vec<i64> = sqlx::query_scalar("SELECT delivery_id FROM deliveries WHERE state = 'sent'")
        .fetch_all(&setup.db.pool)
        .await?;
    let sent: HashSet<String> = sent.iter().map(|id| format!("baton-{id}")).collect();
    let mut cut = 0;
    for i in 0..CHANNELS {
        for message in setup.standin.channel_messages(FIRST_CHANNEL + i as u64) {
            if !message["nonce"].as_str().is_some_and(|n| sent.contains(n)) {
                cut += 1;
            }
        }
    }
    Ok(cut)
}

/// Scenario 4: `instances` batons on one database at once, each at 1 msg/s so that each
/// claim takes 15 messages and they must share the work.
pub async fn shared_database(server: &Server, launch: &Launch, instances: usize) -> anyhow::Result<Row> {
    let setup = prepare(server, &format!("faults_shared{instances}"), 1, launch).await?;
    let started = Instant::now();
    let mut batons = Vec::new();
    for i in 1..=instances {
        batons.push(Baton::spawn(&format!("s4-shared{instances}-{i}"), &setup.launch)?);
    }
    let took = settled(&setup, started).await?;
    let (result, ok) = verdict(&setup).await?;
    let split = posts_by_instance(&setup.standin);
    let mut clean = true;
    let mut panics = 0;
    for baton in &mut batons {
        let (status, _) = baton.terminate(Duration::from_secs(60)).await?;
        clean &= status.success();
        panics += baton.panics();
    }
    let split_text = batons
        .iter()
        .map(|b| split.get(&token_of(&b.name)).copied().unwrap_or(0).to_string())
        .collect::<Vec<_>>()
        .join(" / ");
    server.drop_database(setup.db).await?;
    Ok(Row {
        scenario: format!("4. {instances} instances on one database"),
        done: format!("same load, {instances} `baton run` at once, 1 msg/s each"),
        result: format!(
            "{result}; messages per instance {split_text}; all delivered in {:.1} s; panics {panics}",
            took.as_secs_f64()
        ),
        pass: ok && clean && panics == 0,
    })
}

/// Messages posted (not deduplicated) per instance, told apart by their bot token.
fn posts_by_instance(standin: &StandIn) -> BTreeMap<String, usize> {
    let mut split = BTreeMap::new();
    for request in standin.requests_matching("POST", "/channels/") {
        if request.status == 200 && !request.deduplicated {
            let token = request
                .header("authorization")
                .and_then(|h| h.strip_prefix("Bot "))
                .unwrap_or_default()
                .to_string();
            *split.entry(token).or_insert(0) += 1;
        }
    }
    split
}

/// Scenario 6: Discord answers with a global 429, per-route 429s, 500s and one answer that
/// comes after baton's 10 s HTTP timeout (the post itself landed).
pub async fn discord_failures(server: &Server, launch: &Launch) -> anyhow::Result<Row> {
    let setup = prepare(server, "faults_discord", 10, launch).await?;
    let standin = &setup.standin;
    let route = |i: u64| format!("/channels/{}/messages", FIRST_CHANNEL + i);
    let limited = |global: bool, retry_after: f64| json!({"message": "You are being rate limited.", "retry_after": retry_after, "global": global});
    // The first post of all meets the global limit; then each rule waits for its channel.
    standin.fail_next("POST", "/channels/", 429, limited(true, 2.0), 1);
    standin.fail_next("POST", &route(3), 429, limited(false, 1.0), 2);
    standin.fail_next("POST", &route(9), 429, limited(false, 0.5), 1);
    let server_error = json!({"message": "500: Internal Server Error", "code": 0});
    standin.fail_next("POST", &route(5), 500, server_error.clone(), 2);
    standin.fail_next("POST", &route(11), 502, server_error, 1);
    standin.slow_next("POST", &route(7), Duration::from_secs(15), 1);
    let started = Instant::now();
    let mut baton = Baton::spawn("s6-discord", &setup.launch)?;
    let took = settled(&setup, started).await?;
    let (result, ok) = verdict(&setup).await?;
    let (status, _) = baton.terminate(Duration::from_secs(60)).await?;
    let requests = standin.requests_matching("POST", "/channels/");
    let count = |status: u16| requests.iter().filter(|r| r.status == status).count();
    let held = requests.iter().filter(|r| r.held.is_some()).count();
    let panics = baton.panics();
    server.drop_database(setup.db).await?;
    Ok(Row {
        scenario: "6. Discord 429 (global, per route), 5xx, timeout".to_string(),
        done: format!(
            "same load, 10 msg/s; answered {} × 429 (1 global, 2 s), {} × 5xx, {held} answer held 15 s (> baton's 10 s timeout, the post landed)",
            count(429),
            count(500) + count(502)
        ),
        result: format!(
            "{result}; all delivered in {:.1} s (without faults the pace allows {:.1} s); panics {panics}",
            took.as_secs_f64(),
            CHANNELS as f64 / 10.0
        ),
        pass: ok && status.success() && panics == 0,
    })
}
