//! Buttons where they really appear: digests go by direct message and reminders fall back
//! to one, and an interaction there carries no guild. The button's id carries it, and the
//! person's membership and rights are checked with Discord at the click.

mod support;

use chrono::TimeZone;
use serde_json::{json, Value};
use support::bot::{button_ids, content, is_ephemeral, TestBot, ADMIN, ALICE, BOB, CAROL, WAIT};
use support::discord::Opt;
use support::{World, GUILD};

fn amsterdam(day: u32, hour: u32, minute: u32) -> chrono::DateTime<chrono::Utc> {
    chrono_tz::Europe::Amsterdam
        .with_ymd_and_hms(2026, 11, day, hour, minute, 0)
        .unwrap()
        .with_timezone(&chrono::Utc)
}

async fn promise_for_bob(bot: &TestBot) {
    bot.slash(
        ALICE,
        "en-US",
        "promise",
        "add",
        vec![
            Opt::Str("relation", "Gemeente Utrecht"),
            Opt::Str("what", "Offerte sturen"),
            Opt::Str("due", "vandaag 12:00"),
            Opt::User("owner", BOB),
        ],
    )
    .await;
}

/// Bob's digest of Tuesday morning, in his direct messages.
async fn bobs_digest(world: &World, bot: &TestBot) -> Value {
    promise_for_bob(bot).await;
    world.clock.set(amsterdam(24, 8, 45));
    bot.scheduler(&world.env).tick().await.unwrap();
    let channel = bot.standin.dm_channel_of(BOB).expect("a direct message to Bob");
    let messages = bot.standin.channel_messages(channel);
    assert_eq!(messages.len(), 1, "{messages:?}");
    messages[0].clone()
}

async fn status(world: &World) -> String {
    sqlx::query_scalar("SELECT status FROM commitments")
        .fetch_one(&world.db.pool)
        .await
        .unwrap()
}

#[tokio::test]
async fn the_done_button_of_a_digest_in_a_direct_message_closes_the_promise() {
    let world = World::new().await;
    let bot = TestBot::start(world.env.clone()).await;
    let digest = bobs_digest(&world, &bot).await;
    let done = format!("baton:done:{GUILD}:1");
    assert_eq!(button_ids(&digest), std::slice::from_ref(&done));

    let callback = bot.press_as(&bot.direct_caller(BOB, "en-US"), &done).await;

    assert!(
        content(&callback).starts_with("✅ P-1 done: Offerte sturen"),
        "{callback}"
    );
    assert_eq!(status(&world).await, "done");
    let checked = bot
        .standin
        .requests_matching("GET", &format!("/guilds/{GUILD}/members/{BOB}"));
    assert_eq!(checked.len(), 1, "membership is checked at the click");
    bot.stop().await;
}

#[tokio::test]
async fn the_new_date_button_in_a_direct_message_opens_the_form_and_the_form_moves_it() {
    let world = World::new().await;
    let bot = TestBot::start(world.env.clone()).await;
    promise_for_bob(&bot).await;
    let caller = bot.direct_caller(BOB, "nl");

    let form = bot.press_as(&caller, &format!("baton:date:{GUILD}:1")).await;
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
    assert!(content(&moved).starts_with("📅 P-1 verzet"), "{moved}");
    let series: i32 = sqlx::query_scalar("SELECT series FROM commitments")
        .fetch_one(&world.db.pool)
        .await
        .unwrap();
    assert_eq!(series, 2);
    bot.stop().await;
}

#[tokio::test]
async fn someone_who_left_the_server_cannot_use_a_button_in_their_direct_messages() {
    let world = World::new().await;
    let bot = TestBot::start(world.env.clone()).await;
    let digest = bobs_digest(&world, &bot).await;
    bot.standin.fail_next(
        "GET",
        &format!("/guilds/{GUILD}/members/{BOB}"),
        404,
        json!({"code": 10007, "message": "Unknown Member"}),
        1,
    );

    let callback = bot
        .press_as(&bot.direct_caller(BOB, "en-US"), &button_ids(&digest)[0])
        .await;

    assert!(is_ephemeral(&callback));
    assert!(
        content(&callback).starts_with("You are not a member of the server this is about"),
        "{callback}"
    );
    assert_eq!(status(&world).await, "open", "nothing changed");
    bot.stop().await;
}

#[tokio::test]
async fn in_a_direct_message_an_admin_may_act_on_anyones_promise_and_a_colleague_may_not() {
    let world = World::new().await;
    let bot = TestBot::start(world.env.clone()).await;
    promise_for_bob(&bot).await;
    let done = format!("baton:done:{GUILD}:1");

    let colleague = bot.press_as(&bot.direct_caller(CAROL, "en-US"), &done).await;
    let still_open = status(&world).await;
    let admin = bot.press_as(&bot.direct_caller(ADMIN, "en-US"), &done).await;

    assert!(is_ephemeral(&colleague));
    assert!(
        content(&colleague).starts_with(&format!("Only <@{BOB}>")),
        "{colleague}"
    );
    assert_eq!(still_open, "open");
    assert!(content(&admin).starts_with("✅ P-1 done"), "{admin}");
    assert_eq!(status(&world).await, "done");
    bot.stop().await;
}

#[tokio::test]
async fn a_button_that_names_another_server_than_where_it_was_pressed_is_refused() {
    let world = World::new().await;
    let bot = TestBot::start(world.env.clone()).await;
    promise_for_bob(&bot).await;

    let callback = bot
        .press_as(&bot.caller(BOB, "en-US"), "baton:done:123456789:1")
        .await;

    assert!(is_ephemeral(&callback));
    assert!(
        content(&callback).starts_with("This button belongs to another server"),
        "{callback}"
    );
    assert_eq!(status(&world).await, "open");
    bot.stop().await;
}
