//! Promises and reminders end to end: slash commands, buttons and the new-date form
//! through the real serenity/poise client, reminders posted to the Discord stand-in.

mod support;

use std::time::Duration;

use chrono::TimeZone;
use serde_json::{json, Value};
use support::bot::{button_ids, content, is_ephemeral, TestBot, ADMIN, ALICE, BOB, WAIT};
use support::discord::Opt;
use support::{World, CHANNEL, GUILD};

const CHANNEL_ID: u64 = CHANNEL.0 as u64;

fn noon(day: u32) -> chrono::DateTime<chrono::Utc> {
    chrono_tz::Europe::Amsterdam
        .with_ymd_and_hms(2026, 11, day, 12, 0, 0)
        .unwrap()
        .with_timezone(&chrono::Utc)
}

async fn promise_for_bob(bot: &TestBot, due: &str) -> Value {
    bot.slash(
        ALICE,
        "en-US",
        "promise",
        "add",
        vec![
            Opt::Str("relation", "Gemeente Utrecht"),
            Opt::Str("what", "Offerte sturen"),
            Opt::Str("due", due),
            Opt::User("owner", BOB),
        ],
    )
    .await
}

/// Reminder posts the bot made in the test channel, oldest first.
fn reminders(bot: &TestBot) -> Vec<Value> {
    let mut posts: Vec<Value> = bot
        .standin
        .channel_messages(CHANNEL_ID)
        .into_iter()
        .filter(|m| {
            m["content"]
                .as_str()
                .is_some_and(|c| c.starts_with('⏰') || c.starts_with('🚨'))
        })
        .collect();
    posts.sort_by_key(|m| m["id"].as_str().and_then(|id| id.parse::<u64>().ok()));
    posts
}

#[tokio::test]
async fn a_reminder_is_posted_where_promised_mentioning_the_owner_with_buttons() {
    let world = World::new().await;
    let bot = TestBot::start(world.env.clone()).await;
    let scheduler = bot.scheduler(&world.env);
    let added = promise_for_bob(&bot, "vandaag 12:00").await;
    assert!(
        content(&added).starts_with("🤝 Promise P-1 to **Gemeente Utrecht**"),
        "{added}"
    );

    world.clock.set(noon(23));
    scheduler.tick().await.unwrap();

    let posts = reminders(&bot);
    assert_eq!(posts.len(), 1);
    let text = posts[0]["content"].as_str().unwrap();
    assert!(
        text.starts_with(&format!("⏰ <@{BOB}>, P-1 for **Gemeente Utrecht** was due <t:")),
        "{text}"
    );
    let buttons = button_ids(&posts[0]);
    assert_eq!(
        buttons[..3],
        [
            format!("baton:done:{GUILD}:1"),
            format!("baton:date:{GUILD}:1"),
            format!("baton:give:{GUILD}:1")
        ],
        "the buttons carry their guild"
    );
    assert_eq!(buttons.len(), 4, "{buttons:?}");
    assert!(
        buttons[3].starts_with(&format!("baton:details:{GUILD}:d")),
        "{buttons:?}"
    );
    assert!(
        !text.contains("Offerte"),
        "a shared channel is not told what: {text}"
    );
    let request = bot
        .standin
        .requests_matching("POST", &format!("/channels/{CHANNEL_ID}/messages"))
        .pop()
        .expect("the post");
    assert_eq!(request.body["enforce_nonce"], true);
    assert!(request.body["nonce"].as_str().unwrap().starts_with("baton-"));
    assert_eq!(
        request.body["allowed_mentions"]["users"],
        json!([BOB.to_string()])
    );
    assert_eq!(request.body["allowed_mentions"]["parse"], json!([]));
    bot.stop().await;
}

#[tokio::test]
async fn the_done_button_closes_it_and_no_further_nudge_comes() {
    let world = World::new().await;
    let bot = TestBot::start(world.env.clone()).await;
    let scheduler = bot.scheduler(&world.env);
    promise_for_bob(&bot, "vandaag 12:00").await;
    world.clock.set(noon(23));
    scheduler.tick().await.unwrap();
    let reminder = &reminders(&bot)[0];
    let message_id: u64 = reminder["id"].as_str().unwrap().parse().unwrap();

    let caller = bot.caller(BOB, "en-US");
    let pressed = bot
        .standin
        .component(&caller, message_id, &button_ids(reminder)[0], &[]);
    let callback = bot
        .standin
        .send_interaction(pressed)
        .callback(WAIT)
        .await
        .expect("answered");
    world.clock.set(noon(24));
    scheduler.tick().await.unwrap();

    assert!(
        content(&callback).starts_with("✅ P-1 done: Offerte sturen"),
        "{callback}"
    );
    assert!(!is_ephemeral(&callback));
    assert_eq!(reminders(&bot).len(), 1, "no nudge after it was done");
    bot.stop().await;
}

#[tokio::test]
async fn the_details_button_tells_the_owner_privately_what_the_channel_post_left_out() {
    let world = World::new().await;
    let bot = TestBot::start(world.env.clone()).await;
    let scheduler = bot.scheduler(&world.env);
    promise_for_bob(&bot, "vandaag 12:00").await;
    world.clock.set(noon(23));
    scheduler.tick().await.unwrap();
    let reminder = &reminders(&bot)[0];
    let message_id: u64 = reminder["id"].as_str().unwrap().parse().unwrap();
    let details = button_ids(reminder).pop().unwrap();
    let press = |member, locale| {
        let caller = bot.caller(member, locale);
        let pressed = bot.standin.component(&caller, message_id, &details, &[]);
        bot.standin.send_interaction(pressed)
    };

    let owner = press(BOB, "en-US").callback(WAIT).await.expect("answered");
    let again = press(BOB, "nl").callback(WAIT).await.expect("answered");
    let stranger = press(support::bot::CAROL, "nl")
        .callback(WAIT)
        .await
        .expect("answered");

    assert!(is_ephemeral(&owner), "{owner}");
    assert_eq!(owner["type"], 4, "a new private message: {owner}");
    let shown = content(&owner);
    assert!(shown.starts_with("🔒 Only for you:"), "{shown}");
    assert!(shown.contains("was due <t:"), "{shown}");
    assert!(shown.contains("Offerte sturen"), "{shown}");
    assert!(content(&again).starts_with("🔒 Alleen voor jou:"), "{again}");
    assert!(is_ephemeral(&stranger), "{stranger}");
    assert!(
        content(&stranger).starts_with("Deze details zijn voor wie het in handen heeft"),
        "{stranger}"
    );
    assert!(!content(&stranger).contains("Offerte"), "{stranger}");
    assert_eq!(reminders(&bot).len(), 1, "pressing posts nothing in the channel");
    bot.stop().await;
}

#[tokio::test]
async fn someone_else_pressing_done_is_refused_privately() {
    let world = World::new().await;
    let bot = TestBot::start(world.env.clone()).await;
    promise_for_bob(&bot, "vandaag 12:00").await;
    let stranger = support::bot::CAROL;

    let caller = bot.caller(stranger, "nl");
    let pressed = bot.standin.component(&caller, 1, "baton:done:1", &[]);
    let callback = bot
        .standin
        .send_interaction(pressed)
        .callback(WAIT)
        .await
        .expect("answered");

    assert!(is_ephemeral(&callback), "{callback}");
    assert!(
        content(&callback).starts_with(&format!("Alleen <@{BOB}>, die de bal heeft")),
        "{callback}"
    );
    bot.stop().await;
}

#[tokio::test]
async fn new_date_through_the_form_moves_the_promise() {
    let world = World::new().await;
    let bot = TestBot::start(world.env.clone()).await;
    promise_for_bob(&bot, "vandaag 12:00").await;
    let caller = bot.caller(BOB, "en-US");

    let pressed = bot.standin.component(&caller, 1, "baton:date:1", &[]);
    let form = bot
        .standin
        .send_interaction(pressed)
        .callback(WAIT)
        .await
        .expect("a form");
    let submitted = bot.standin.modal_submit(
        &caller,
        form["data"]["custom_id"].as_str().unwrap(),
        &[("due", "vrijdag 12:00"), ("reason", "Wachten op cijfers")],
    );
    let moved = bot
        .standin
        .send_interaction(submitted)
        .callback(WAIT)
        .await
        .expect("answered");

    assert_eq!(form["type"], 9, "a modal: {form}");
    assert_eq!(form["data"]["custom_id"], format!("baton:move:{GUILD}:1"));
    assert!(
        content(&moved).starts_with("📅 P-1 moved: Offerte sturen"),
        "{moved}"
    );
    assert_eq!(
        moved["data"]["components"][0]["components"][0]["custom_id"],
        format!("baton:told:{GUILD}:1"),
        "have they been told? one click records it"
    );
    let due: chrono::DateTime<chrono::Utc> = sqlx::query_scalar("SELECT due_at FROM commitments")
        .fetch_one(&world.db.pool)
        .await
        .unwrap();
    assert_eq!(due, noon(27));
    bot.stop().await;
}

#[tokio::test]
async fn rate_limits_and_server_errors_from_discord_are_survived() {
    let world = World::new().await;
    let bot = TestBot::start(world.env.clone()).await;
    let scheduler = bot.scheduler(&world.env);
    promise_for_bob(&bot, "vandaag 12:00").await;
    let path = format!("/channels/{CHANNEL_ID}/messages");
    let limited = json!({"message": "You are being rate limited.", "retry_after": 0.2, "global": false});
    bot.standin.fail_next("POST", &path, 429, limited, 1);
    bot.standin.fail_next(
        "POST",
        &path,
        500,
        json!({"message": "Internal Server Error", "code": 0}),
        1,
    );

    world.clock.set(noon(23));
    scheduler.tick().await.unwrap();
    world.clock.advance(chrono::Duration::seconds(1));
    scheduler.tick().await.unwrap();
    world.clock.advance(chrono::Duration::seconds(3));
    scheduler.tick().await.unwrap();

    assert_eq!(
        bot.standin.requests_matching("POST", &path).len(),
        3,
        "429, 500, then posted"
    );
    assert_eq!(reminders(&bot).len(), 1);
    let state: String = sqlx::query_scalar("SELECT state FROM deliveries")
        .fetch_one(&world.db.pool)
        .await
        .unwrap();
    assert_eq!(state, "sent");
    bot.stop().await;
}

#[tokio::test]
async fn a_rate_limit_with_an_absurd_wait_is_retried_like_a_server_error() {
    let world = World::new().await;
    let bot = TestBot::start(world.env.clone()).await;
    let scheduler = bot.scheduler(&world.env);
    promise_for_bob(&bot, "vandaag 12:00").await;
    let path = format!("/channels/{CHANNEL_ID}/messages");
    let absurd = json!({"message": "You are being rate limited.", "retry_after": 1e300, "global": false});
    bot.standin.fail_next("POST", &path, 429, absurd, 1);

    world.clock.set(noon(23));
    scheduler.tick().await.unwrap();
    world.clock.advance(chrono::Duration::seconds(3));
    scheduler.tick().await.unwrap();

    assert_eq!(
        bot.standin.requests_matching("POST", &path).len(),
        2,
        "429, then posted after the usual backoff"
    );
    assert_eq!(reminders(&bot).len(), 1);
    bot.stop().await;
}

#[tokio::test]
async fn a_resend_after_a_crash_posts_once_thanks_to_the_nonce() {
    let world = World::new().await;
    let bot = TestBot::start(world.env.clone()).await;
    let scheduler = bot.scheduler(&world.env);
    promise_for_bob(&bot, "vandaag 12:00").await;
    world.clock.set(noon(23));
    scheduler.tick().await.unwrap();
    // As if baton died after Discord took the post but before it recorded so.
    sqlx::query(
        "UPDATE deliveries SET state = 'pending', lease_until = NULL, message_id = NULL WHERE kind = 'nudge'",
    )
    .execute(&world.db.pool)
    .await
    .unwrap();

    scheduler.tick().await.unwrap();

    assert_eq!(reminders(&bot).len(), 1, "posted once");
    assert_eq!(
        bot.standin.dedup_hits().len(),
        1,
        "the retry was recognised by its nonce"
    );
    bot.stop().await;
}

#[tokio::test]
async fn ball_and_promise_list_show_what_is_held() {
    let world = World::new().await;
    let bot = TestBot::start(world.env.clone()).await;
    promise_for_bob(&bot, "morgen").await;

    let ball = bot
        .slash(ALICE, "nl", "ball", "", vec![Opt::User("member", BOB)])
        .await;
    let list = bot
        .slash(
            ADMIN,
            "en-US",
            "promise",
            "list",
            vec![Opt::Str("status", "open")],
        )
        .await;

    assert!(is_ephemeral(&ball) && is_ephemeral(&list));
    assert!(content(&ball).contains("P-1 Offerte sturen"), "{ball}");
    assert!(
        content(&ball).starts_with(&format!("⚾ <@{BOB}> heeft de bal voor:")),
        "{ball}"
    );
    assert!(
        content(&list).contains("P-1 Offerte sturen · Gemeente Utrecht"),
        "{list}"
    );
    bot.stop().await;
}

#[tokio::test]
async fn the_due_option_previews_how_a_date_is_read_in_both_languages() {
    let world = World::new().await;
    let bot = TestBot::start(world.env.clone()).await;
    let preview = |locale: &'static str, typed: &'static str| {
        let caller = bot.caller(ALICE, locale);
        let payload = bot.standin.autocomplete(
            &caller,
            "promise",
            &[Opt::Sub(
                "add",
                vec![
                    Opt::Str("relation", "GGD"),
                    Opt::Str("what", "x"),
                    Opt::Focused("due", typed),
                ],
            )],
        );
        bot.standin.send_interaction(payload)
    };

    let dutch = preview("nl", "vrijdag 12:00").callback(WAIT).await.unwrap();
    let english = preview("en-GB", "friday 12:00").callback(WAIT).await.unwrap();
    let garbled = preview("en-GB", "someday").callback(WAIT).await.unwrap();

    assert_eq!(
        dutch["data"]["choices"][0]["name"],
        "vrijdag 12:00 → vr 27 nov 2026 12:00 CET"
    );
    assert_eq!(dutch["data"]["choices"][0]["value"], "vrijdag 12:00");
    assert_eq!(
        english["data"]["choices"][0]["name"],
        "friday 12:00 → Fri 27 Nov 2026 12:00 CET"
    );
    assert_eq!(
        garbled["data"]["choices"][0]["name"],
        "someday → not readable yet (e.g. friday 12:00)"
    );
    bot.stop().await;
}

#[tokio::test]
async fn every_date_phrase_is_previewed_while_typed_and_the_reply_says_what_was_assumed() {
    let world = World::new().await;
    // Tuesday 1 December 2026, two minutes to eleven in the evening.
    world.clock.set(
        chrono_tz::Europe::Amsterdam
            .with_ymd_and_hms(2026, 12, 1, 22, 58, 0)
            .unwrap()
            .with_timezone(&chrono::Utc),
    );
    let bot = TestBot::start(world.env.clone()).await;
    let caller = bot.caller(ALICE, "nl");
    let preview = |command: &'static str, sub: &'static str, option: &'static str, typed: &str| {
        let others = match command {
            "promise" => vec![Opt::Str("relation", "GGD"), Opt::Str("what", "x")],
            _ => vec![Opt::Str("relation", "GGD"), Opt::Str("summary", "x")],
        };
        let mut options = others;
        options.push(Opt::Focused(option, typed));
        let payload = bot
            .standin
            .autocomplete(&caller, command, &[Opt::Sub(sub, options)]);
        bot.standin.send_interaction(payload)
    };

    let mut refused = Vec::new();
    let fields = [
        ("promise", "add", "due", support::phrases::DUE),
        ("contact", "log", "when", support::phrases::PAST),
    ];
    for (command, sub, option, phrases) in fields {
        for phrase in phrases {
            let shown = preview(command, sub, option, phrase)
                .callback(WAIT)
                .await
                .unwrap();
            let name = shown["data"]["choices"][0]["name"]
                .as_str()
                .unwrap_or_default()
                .to_string();
            if !name.starts_with(&format!("{phrase} → ")) || name.contains("niet leesbaar") {
                refused.push(name);
            }
        }
    }
    let before_friday = preview("promise", "add", "due", "voor vrijdag")
        .callback(WAIT)
        .await
        .unwrap();
    let yesterday_evening = preview("contact", "log", "when", "gisteravond")
        .callback(WAIT)
        .await
        .unwrap();
    let added = bot
        .slash(
            ALICE,
            "nl",
            "promise",
            "add",
            vec![
                Opt::Str("relation", "GGD"),
                Opt::Str("what", "Rapport sturen"),
                Opt::Str("due", "morgen middernacht"),
            ],
        )
        .await;

    assert!(refused.is_empty(), "{refused:#?}");
    assert_eq!(
        before_friday["data"]["choices"][0]["name"],
        "voor vrijdag → do 3 dec 2026 17:00 CET (vóór vr 4 dec is het eind van de werkdag ervoor)"
    );
    assert_eq!(
        yesterday_evening["data"]["choices"][0]["name"],
        "gisteravond → ma 30 nov 2026 19:00 CET"
    );
    assert!(
        content(&added).contains(
            "↳ “morgen middernacht” gelezen als do 3 dec 2026 00:00 CET (middernacht is het eind van wo 2 dec)"
        ),
        "{added}"
    );
    bot.stop().await;
}

#[tokio::test]
async fn the_promise_commands_are_registered_in_both_languages() {
    let world = World::new().await;
    let bot = TestBot::start(world.env.clone()).await;

    let commands = bot.standin.commands(Some(GUILD.0 as u64));

    let names: Vec<(&str, &str)> = commands
        .iter()
        .map(|c| {
            (
                c["name"].as_str().unwrap(),
                c["name_localizations"]["nl"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        names,
        [
            ("contact", "contact"),
            ("promise", "belofte"),
            ("ball", "bal"),
            ("handover", "overdracht"),
            ("away", "afwezig"),
            ("appointment", "afspraak"),
            ("relation", "relatie"),
            ("settings", "instellingen"),
            ("Log as contact", "Vastleggen als contact")
        ]
    );
    let promise = &commands[1];
    let subs: Vec<&str> = promise["options"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(subs, ["add", "done", "move", "cancel", "told", "list"]);
    let add = &promise["options"][0];
    let direction = add["options"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["name"] == "direction")
        .unwrap();
    assert_eq!(direction["choices"][1]["value"], "they_owe");
    assert_eq!(
        direction["choices"][1]["name_localizations"]["nl"],
        "zij beloofden het"
    );
    tokio::time::sleep(Duration::from_millis(10)).await;
    bot.stop().await;
}

#[tokio::test]
async fn every_promise_and_settings_command_answers_through_discord() {
    let world = World::new().await;
    let bot = TestBot::start(world.env.clone()).await;
    promise_for_bob(&bot, "vrijdag 12:00").await;
    promise_for_bob(&bot, "vrijdag 15:00").await;
    let p = |r: &'static str| Opt::Str("promise", r);

    let moved = bot
        .slash(
            ALICE,
            "en-US",
            "promise",
            "move",
            vec![p("P-1"), Opt::Str("due", "maandag"), Opt::Str("reason", "Later")],
        )
        .await;
    let told = bot.slash(ALICE, "en-US", "promise", "told", vec![p("P-1")]).await;
    let done = bot
        .slash(
            BOB,
            "nl",
            "promise",
            "done",
            vec![p("P-1"), Opt::Str("note", "Gemaild")],
        )
        .await;
    let cancel = bot
        .slash(
            BOB,
            "en-US",
            "promise",
            "cancel",
            vec![p("P-2"), Opt::Str("reason", "Not needed")],
        )
        .await;
    let refused = bot
        .slash(
            ALICE,
            "en-US",
            "settings",
            "guild",
            vec![Opt::Str("working_hours", "mon-thu 9-17")],
        )
        .await;
    let settings = bot
        .slash(
            ADMIN,
            "en-US",
            "settings",
            "guild",
            vec![Opt::Str("working_hours", "mon-thu 9-17")],
        )
        .await;
    let digest = bot
        .slash(
            BOB,
            "en-US",
            "settings",
            "digest",
            vec![Opt::Bool("enabled", false)],
        )
        .await;

    assert!(
        content(&moved).starts_with("📅 P-1 moved: Offerte sturen"),
        "{moved}"
    );
    assert!(
        content(&told).starts_with("📝 Contact with **Gemeente Utrecht** logged"),
        "{told}"
    );
    assert!(
        content(&done).starts_with("✅ P-1 afgerond: Offerte sturen"),
        "{done}"
    );
    assert!(content(&done).contains("📝 Gemaild"), "{done}");
    assert!(content(&cancel).starts_with("✖️ P-2 cancelled"), "{cancel}");
    assert!(
        is_ephemeral(&refused) && content(&refused).starts_with("Only server admins"),
        "{refused}"
    );
    assert!(is_ephemeral(&settings), "{settings}");
    assert!(
        content(&settings).contains("Working hours: mon-thu 09:00-17:00"),
        "{settings}"
    );
    assert!(
        content(&digest).starts_with("📭 Your daily digest is off."),
        "{digest}"
    );
    bot.stop().await;
}
