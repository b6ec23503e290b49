//! End to end: the real serenity/poise client, baton's Discord adapter and core, PostgreSQL,
//! and a Discord stand-in on loopback.

mod support;

use std::time::{Duration, Instant};

use serde_json::json;
use support::bot::{content, is_ephemeral, TestBot, ADMIN, ALICE, BOB, ROLE, WAIT};
use support::discord::Opt;
use support::{World, GUILD};

/// Friday 27 November 2026, 12:00 in Amsterdam: "vrijdag 12:00" seen from `monday_morning`.
const FRIDAY_NOON: i64 = 1_795_777_200;

#[tokio::test]
async fn the_bot_registers_its_commands_with_dutch_names_and_choices() {
    let world = World::new().await;
    let bot = TestBot::start(world.env.clone()).await;

    let commands = bot.standin.commands(Some(GUILD.0 as u64));

    let contact = commands
        .iter()
        .find(|c| c["name"] == "contact")
        .expect("/contact");
    assert_eq!(contact["name_localizations"]["nl"], "contact");
    let subs = contact["options"].as_array().unwrap();
    let log = subs.iter().find(|s| s["name"] == "log").expect("/contact log");
    let history = subs
        .iter()
        .find(|s| s["name"] == "history")
        .expect("/contact history");
    assert_eq!(log["name_localizations"]["nl"], "vastleggen");
    assert_eq!(history["name_localizations"]["nl"], "geschiedenis");
    let option = |name: &str| {
        log["options"]
            .as_array()
            .unwrap()
            .iter()
            .find(|o| o["name"] == name)
            .unwrap()
            .clone()
    };
    let names: Vec<&str> = log["options"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "relation",
            "summary",
            "via",
            "when",
            "follow_up",
            "follow_up_due",
            "follow_up_owner",
            "restricted",
            "new_relation"
        ]
    );
    assert_eq!(option("relation")["autocomplete"], true);
    assert_eq!(option("relation")["required"], true);
    assert_eq!(option("relation")["name_localizations"]["nl"], "relatie");
    assert_eq!(option("follow_up_owner")["type"], 6);
    let via = option("via");
    let choices: Vec<(&str, &str)> = via["choices"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["value"].as_str().unwrap(),
                c["name_localizations"]["nl"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(choices[0], ("phone", "telefoon"));
    assert_eq!(choices.len(), 7);
    let limit = history["options"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["name"] == "limit")
        .unwrap();
    assert_eq!(limit["type"], 4);
    assert_eq!(limit["max_value"], 50.0);
    bot.stop().await;
}

#[tokio::test]
async fn contact_log_is_shared_in_the_channel_with_timestamps_and_who_holds_the_ball() {
    let world = World::new().await;
    let bot = TestBot::start(world.env.clone()).await;

    let callback = bot
        .slash(
            ALICE,
            "en-US",
            "contact",
            "log",
            vec![
                Opt::Str("relation", "Gemeente Utrecht"),
                Opt::Str("summary", "Belde over de offerte"),
                Opt::Str("follow_up", "Offerte sturen"),
                Opt::Str("follow_up_due", "vrijdag 12:00"),
                Opt::User("follow_up_owner", BOB),
            ],
        )
        .await;

    let text = content(&callback);
    assert_eq!(callback["type"], 4);
    assert!(!is_ephemeral(&callback), "sharing is the point: {callback}");
    assert!(
        text.starts_with("📝 Contact with **Gemeente Utrecht** logged: phone, <t:"),
        "{text}"
    );
    assert!(text.contains(&format!("by <@{ALICE}>")), "{text}");
    assert!(text.contains("> Belde over de offerte"), "{text}");
    assert!(
        text.contains(&format!(
            "due <t:{FRIDAY_NOON}:f> (<t:{FRIDAY_NOON}:R>). <@{BOB}> holds the ball."
        )),
        "{text}"
    );
    assert!(
        text.contains("“vrijdag 12:00” read as Fri 27 Nov 2026 12:00 CET"),
        "{text}"
    );
    let mentions = &callback["data"]["allowed_mentions"];
    assert_eq!(mentions["parse"], json!([]));
    assert_eq!(
        mentions["users"],
        json!([BOB.to_string()]),
        "only the new ball holder is pinged"
    );
    let (owner, status): (i64, String) = sqlx::query_as("SELECT owner_id, status FROM commitments")
        .fetch_one(&world.db.pool)
        .await
        .unwrap();
    assert_eq!((owner as u64, status.as_str()), (BOB, "open"));
    bot.stop().await;
}

#[tokio::test]
async fn the_interaction_locale_picks_the_language_of_the_reply() {
    let world = World::new().await;
    let bot = TestBot::start(world.env.clone()).await;

    let dutch = bot
        .slash(
            ALICE,
            "nl",
            "contact",
            "log",
            vec![
                Opt::Str("relation", "GGD"),
                Opt::Str("summary", "Gebeld"),
                Opt::Str("via", "email"),
            ],
        )
        .await;
    let english = bot
        .slash(
            ALICE,
            "en-GB",
            "contact",
            "history",
            vec![Opt::Str("relation", "ggd")],
        )
        .await;

    assert!(
        content(&dutch).starts_with("📝 Contact met **GGD** vastgelegd: e-mail,"),
        "{dutch}"
    );
    assert!(
        content(&dutch).contains("✨ **GGD** is een nieuwe relatie"),
        "{dutch}"
    );
    assert!(
        content(&english).starts_with("📇 **GGD**: last contact today by"),
        "{english}"
    );
    bot.stop().await;
}

#[tokio::test]
async fn contact_history_is_private_and_newest_first() {
    let world = World::new().await;
    let bot = TestBot::start(world.env.clone()).await;
    bot.slash(
        ALICE,
        "en-US",
        "contact",
        "log",
        vec![
            Opt::Str("relation", "GGD"),
            Opt::Str("summary", "Eerste gesprek"),
            Opt::Str("when", "gisteren 10:00"),
        ],
    )
    .await;
    bot.slash(
        BOB,
        "en-US",
        "contact",
        "log",
        vec![
            Opt::Str("relation", "GGD"),
            Opt::Str("summary", "Tweede gesprek"),
            Opt::Str("follow_up", "Rapport sturen"),
        ],
    )
    .await;

    let callback = bot
        .slash(
            ALICE,
            "en-US",
            "contact",
            "history",
            vec![Opt::Str("relation", "GGD"), Opt::Int("limit", 5)],
        )
        .await;

    let text = content(&callback);
    assert!(is_ephemeral(&callback), "{callback}");
    let second = text.find("Tweede gesprek").expect("newest listed");
    let first = text.find("Eerste gesprek").expect("oldest listed");
    assert!(second < first, "newest first: {text}");
    assert!(text.contains(&format!("by <@{BOB}>")), "{text}");
    assert!(
        text.contains(&format!("P-1 Rapport sturen: <@{BOB}>, due <t:")),
        "{text}"
    );
    assert_eq!(callback["data"]["allowed_mentions"]["users"], json!([]));
    bot.stop().await;
}

#[tokio::test]
async fn autocomplete_suggests_the_guilds_relations() {
    let world = World::new().await;
    let bot = TestBot::start(world.env.clone()).await;
    for name in ["Gemeente Utrecht", "GGD Utrecht", "Zorgverzekeraar"] {
        bot.slash(
            ALICE,
            "en-US",
            "contact",
            "log",
            vec![Opt::Str("relation", name), Opt::Str("summary", "x")],
        )
        .await;
    }
    let caller = bot.caller(BOB, "nl");

    let payload = bot.standin.autocomplete(
        &caller,
        "contact",
        &[Opt::Sub(
            "log",
            vec![Opt::Focused("relation", "utr"), Opt::Str("summary", "")],
        )],
    );
    let callback = bot
        .standin
        .send_interaction(payload)
        .callback(WAIT)
        .await
        .expect("autocomplete answered");

    assert_eq!(callback["type"], 8);
    let names: Vec<&str> = callback["data"]["choices"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["value"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["GGD Utrecht", "Gemeente Utrecht"]);
    bot.stop().await;
}

#[tokio::test]
async fn a_user_error_is_answered_privately_and_saves_nothing() {
    let world = World::new().await;
    let bot = TestBot::start(world.env.clone()).await;

    let callback = bot
        .slash(
            ALICE,
            "nl",
            "contact",
            "log",
            vec![
                Opt::Str("relation", "GGD"),
                Opt::Str("summary", "Gebeld"),
                Opt::Str("follow_up", "Terugbellen"),
                Opt::Str("follow_up_due", "gisteren"),
            ],
        )
        .await;

    assert!(is_ephemeral(&callback), "{callback}");
    let text = content(&callback);
    assert!(
        text.contains("`opvolging_voor` “gisteren” ligt in het verleden"),
        "{text}"
    );
    assert!(
        text.contains("`vrijdag 12:00`"),
        "an example of what works: {text}"
    );
    let contacts: i64 = sqlx::query_scalar("SELECT count(*) FROM contacts")
        .fetch_one(&world.db.pool)
        .await
        .unwrap();
    assert_eq!(contacts, 0);
    bot.stop().await;
}

#[tokio::test]
async fn mentions_typed_in_a_note_stay_inert() {
    let world = World::new().await;
    let bot = TestBot::start(world.env.clone()).await;
    let summary = format!("@everyone @here <@&{ROLE}> <@{ADMIN}> **vet**");

    let callback = bot
        .slash(
            ALICE,
            "en-US",
            "contact",
            "log",
            vec![Opt::Str("relation", "GGD"), Opt::Str("summary", &summary)],
        )
        .await;

    let mentions = &callback["data"]["allowed_mentions"];
    assert_eq!(
        mentions["parse"],
        json!([]),
        "no @everyone, no roles, no users by parsing"
    );
    assert_eq!(mentions["users"], json!([]));
    assert_eq!(mentions["roles"], json!([]));
    assert!(
        content(&callback).contains("\\*\\*vet\\*\\*"),
        "typed formatting shows as typed"
    );
    bot.stop().await;
}

#[tokio::test]
async fn a_restricted_note_is_kept_out_of_the_channel_and_of_colleagues_views() {
    let world = World::new().await;
    let bot = TestBot::start(world.env.clone()).await;

    let logged = bot
        .slash(
            ALICE,
            "en-US",
            "contact",
            "log",
            vec![
                Opt::Str("relation", "Familie Jansen"),
                Opt::Str("summary", "Vertrouwelijk: diagnose besproken"),
                Opt::Bool("restricted", true),
            ],
        )
        .await;
    let colleague = bot
        .slash(
            BOB,
            "en-US",
            "contact",
            "history",
            vec![Opt::Str("relation", "Familie Jansen")],
        )
        .await;
    let admin = bot
        .slash(
            ADMIN,
            "en-US",
            "contact",
            "history",
            vec![Opt::Str("relation", "Familie Jansen")],
        )
        .await;

    assert!(!content(&logged).contains("diagnose"), "{logged}");
    assert!(content(&logged).contains("🔒 Restricted"), "{logged}");
    assert!(!content(&colleague).contains("diagnose"), "{colleague}");
    assert!(content(&colleague).contains("🔒 restricted note"), "{colleague}");
    assert!(content(&admin).contains("diagnose"), "{admin}");
    bot.stop().await;
}

#[tokio::test]
async fn a_slow_database_is_deferred_then_answered() {
    let world = World::new().await;
    let bot = TestBot::start(world.env.clone()).await;
    bot.slash(
        ALICE,
        "en-US",
        "contact",
        "log",
        vec![Opt::Str("relation", "GGD"), Opt::Str("summary", "eerste")],
    )
    .await;
    // Hold a lock that the next contact has to wait for, longer than Discord's patience.
    let mut blocker = world.db.pool.begin().await.unwrap();
    sqlx::query("LOCK TABLE contacts IN EXCLUSIVE MODE")
        .execute(&mut *blocker)
        .await
        .unwrap();

    let caller = bot.caller(ALICE, "en-US");
    let payload = bot.standin.slash(
        &caller,
        "contact",
        &[Opt::Sub(
            "log",
            vec![Opt::Str("relation", "GGD"), Opt::Str("summary", "tweede")],
        )],
    );
    let handle = bot.standin.send_interaction(payload);
    let callback = handle.callback(WAIT).await.expect("deferred in time");
    tokio::time::sleep(Duration::from_millis(500)).await;
    blocker.rollback().await.unwrap();
    let original = handle
        .original(WAIT)
        .await
        .expect("the deferred answer is filled in");

    assert_eq!(callback["type"], 5, "deferred: {callback}");
    assert!(
        !is_ephemeral(&callback),
        "a log is shared once it lands: {callback}"
    );
    let latency = handle.callback_latency().unwrap();
    assert!(
        latency < Duration::from_secs(3),
        "inside Discord's window: {latency:?}"
    );
    let text = original["content"].as_str().unwrap_or_default();
    assert!(text.starts_with("📝 Contact with **GGD** logged"), "{original}");
    bot.stop().await;
}

#[tokio::test]
async fn a_database_outage_gets_a_try_again_answer_and_the_bot_recovers_by_itself() {
    use baton::store::embedded::EmbeddedPostgres;
    let dir =
        std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("outage-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let mut server = EmbeddedPostgres::start(support::db::embedded_options(&dir))
        .await
        .unwrap();
    let pool = baton::store::connect_lazy(server.connect_options(), 4);
    baton::store::migrate(&pool).await.unwrap();
    let clock = std::sync::Arc::new(baton::clock::ManualClock::new(support::monday_morning()));
    let env = std::sync::Arc::new(baton::core::Env::new(
        pool.clone(),
        clock,
        baton::core::GuildSettings {
            zone: chrono_tz::Europe::Amsterdam,
            lang: baton::domain::Lang::En,
            ..Default::default()
        },
    ));
    let bot = TestBot::start(env).await;
    let log = |summary: &'static str| vec![Opt::Str("relation", "GGD"), Opt::Str("summary", summary)];
    bot.slash(ALICE, "en-US", "contact", "log", log("before")).await;

    server.stop().await.unwrap();
    let asked = Instant::now();
    let during = bot.slash(ALICE, "en-US", "contact", "log", log("during")).await;
    let answered_in = asked.elapsed();
    let mut server = EmbeddedPostgres::start(support::db::embedded_options(&dir))
        .await
        .unwrap();
    let after = bot.slash(ALICE, "en-US", "contact", "log", log("after")).await;

    assert!(is_ephemeral(&during), "{during}");
    assert!(
        content(&during).contains("can't be reached right now, so nothing was saved"),
        "{during}"
    );
    assert!(
        answered_in < Duration::from_secs(3),
        "inside Discord's window: {answered_in:?}"
    );
    assert!(
        content(&after).starts_with("📝 Contact with **GGD** logged"),
        "{after}"
    );
    let summaries: Vec<String> = sqlx::query_scalar("SELECT summary FROM contacts ORDER BY contact_id")
        .fetch_all(&pool)
        .await
        .unwrap();
    assert_eq!(summaries, ["before", "after"]);
    bot.stop().await;
    pool.close().await;
    server.stop().await.unwrap();
    let _ = std::fs::remove_dir_all(&dir);
}
