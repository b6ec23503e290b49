//! Handovers and absences end to end: the real poise client against the Discord stand-in,
//! the reminder engine posting to it as the clock moves. An unanswered handover nudged and
//! then escalated; the Hand over button on a reminder; an absence routing a reminder to the
//! backup, whose Done button works; the summary by direct message; `/handover all`.

mod support;

use serde_json::Value;
use support::bot::{button_ids, content, is_ephemeral, TestBot, ADMIN, ALICE, BOB, CAROL, WAIT};
use support::discord::Opt;
use support::engine::amsterdam;
use support::{World, CHANNEL, GUILD};

async fn promise(bot: &TestBot, owner: u64, due: &str) {
    bot.slash(
        ALICE,
        "en-US",
        "promise",
        "add",
        vec![
            Opt::Str("relation", "GGD"),
            Opt::Str("what", "Send the report"),
            Opt::Str("due", due),
            Opt::User("owner", owner),
        ],
    )
    .await;
}

/// What the bot posted in the test channel whose text starts with one of `marks`.
fn posts(bot: &TestBot, marks: &[&str]) -> Vec<Value> {
    let mut posts: Vec<Value> = bot
        .standin
        .channel_messages(CHANNEL.0 as u64)
        .into_iter()
        .filter(|m| {
            m["content"]
                .as_str()
                .is_some_and(|c| marks.iter().any(|mark| c.starts_with(mark)))
        })
        .collect();
    posts.sort_by_key(|m| m["id"].as_str().and_then(|id| id.parse::<u64>().ok()));
    posts
}

/// Whom the post of `message` allowed to be pinged.
fn pinged(bot: &TestBot, message: &Value) -> Vec<String> {
    let request = bot
        .standin
        .requests_matching("POST", &format!("/channels/{}/messages", CHANNEL.0))
        .into_iter()
        .find(|r| r.body["nonce"] == message["nonce"])
        .expect("the post of this message");
    request.body["allowed_mentions"]["users"]
        .as_array()
        .map(|users| {
            users
                .iter()
                .filter_map(|u| u.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

fn direct(bot: &TestBot, user: u64) -> Vec<Value> {
    bot.standin
        .dm_channel_of(user)
        .map(|channel| bot.standin.channel_messages(channel))
        .unwrap_or_default()
}

#[tokio::test]
async fn an_unanswered_handover_gets_its_card_by_dm_then_nudges_then_an_escalation_to_the_sender() {
    let world = World::new().await;
    world.clock.set(amsterdam(2026, 11, 23, 10, 0));
    let bot = TestBot::start(world.env.clone()).await;
    let scheduler = bot.scheduler(&world.env);
    promise(&bot, ALICE, "over 2 weken").await;
    bot.slash(
        ALICE,
        "en-US",
        "handover",
        "give",
        vec![
            Opt::User("to", BOB),
            Opt::Str("relation", "GGD"),
            Opt::Str("notes", "Calls back after 10"),
        ],
    )
    .await;

    scheduler.tick().await.unwrap();
    let dms = direct(&bot, BOB);
    assert_eq!(dms.len(), 1, "{dms:?}");
    assert!(
        dms[0]["content"]
            .as_str()
            .unwrap()
            .contains("Calls back after 10"),
        "{}",
        dms[0]
    );
    assert_eq!(
        button_ids(&dms[0]),
        [
            format!("baton:accept:{GUILD}:1"),
            format!("baton:decline:{GUILD}:1")
        ],
        "the card's buttons work from the direct message"
    );

    for (day, hour) in [(23, 14), (24, 15), (25, 15)] {
        world.clock.set(amsterdam(2026, 11, day, hour, 5));
        scheduler.tick().await.unwrap();
    }
    let nudges = posts(&bot, &["⏳", "🚨"]);
    assert_eq!(nudges.len(), 3, "{nudges:#?}");
    let first = nudges[0]["content"].as_str().unwrap();
    assert!(
        first.starts_with(&format!(
            "⏳ <@{BOB}>, <@{ALICE}> handed **GGD** over to you (H-1)"
        )),
        "{first}"
    );
    assert_eq!(
        button_ids(&nudges[0]),
        [
            format!("baton:accept:{GUILD}:1"),
            format!("baton:decline:{GUILD}:1")
        ]
    );
    let escalation = nudges[2]["content"].as_str().unwrap();
    assert!(escalation.starts_with("🚨 Escalation"), "{escalation}");
    assert!(
        escalation.contains(&format!("<@{ALICE}>, <@{BOB}> has not answered H-1 yet")),
        "{escalation}"
    );
    let called = pinged(&bot, &nudges[2]);
    assert!(
        called.contains(&ALICE.to_string()),
        "the sender is called in: {called:?}"
    );
    assert!(called.contains(&BOB.to_string()), "{called:?}");

    // Accepted from the direct message: the nudges stop.
    let caller = bot.direct_caller(BOB, "en-US");
    let pressed = bot
        .standin
        .component(&caller, 1, &format!("baton:accept:{GUILD}:1"), &[]);
    let accepted = bot
        .standin
        .send_interaction(pressed)
        .callback(WAIT)
        .await
        .unwrap();
    assert!(
        content(&accepted).starts_with(&format!("✅ <@{BOB}> accepted H-1")),
        "{accepted}"
    );
    world.clock.set(amsterdam(2026, 11, 26, 15, 5));
    scheduler.tick().await.unwrap();
    assert_eq!(posts(&bot, &["⏳", "🚨"]).len(), 3);

    // The ball moved: the promise's reminder now calls bob.
    world.clock.set(amsterdam(2026, 12, 8, 10, 0));
    scheduler.tick().await.unwrap();
    let reminder = posts(&bot, &["⏰"]).pop().expect("the promise's reminder");
    assert!(
        reminder["content"]
            .as_str()
            .unwrap()
            .starts_with(&format!("⏰ <@{BOB}>, P-1 for **GGD**")),
        "{reminder}"
    );
    assert_eq!(pinged(&bot, &reminder), [BOB.to_string()]);
    bot.stop().await;
}

#[tokio::test]
async fn the_hand_over_button_on_a_reminder_opens_a_form_and_creates_the_handover() {
    let world = World::new().await;
    world.clock.set(amsterdam(2026, 11, 23, 10, 0));
    let bot = TestBot::start(world.env.clone()).await;
    // Bob has used baton, so his name can be typed in the form.
    bot.slash(BOB, "en-US", "ball", "", vec![]).await;
    promise(&bot, ALICE, "vandaag 12:00").await;
    world.clock.set(amsterdam(2026, 11, 23, 12, 30));
    bot.scheduler(&world.env).tick().await.unwrap();
    let reminder = posts(&bot, &["⏰"]).pop().expect("a reminder");
    let give = format!("baton:give:{GUILD}:1");
    assert!(button_ids(&reminder).contains(&give), "{reminder}");

    let form = bot.press(ALICE, &give).await;
    assert_eq!(form["type"], 9, "a modal: {form}");
    let form_id = form["data"]["custom_id"].as_str().unwrap().to_string();
    assert_eq!(form_id, format!("baton:to:{GUILD}:1"));

    let unknown = bot
        .submit(ALICE, &form_id, &[("to", "Zoë"), ("notes", "x")])
        .await;
    assert!(is_ephemeral(&unknown), "{unknown}");
    assert!(
        content(&unknown).starts_with("I do not know a colleague called “Zoë”"),
        "{unknown}"
    );
    let by_carol = bot
        .submit(CAROL, &form_id, &[("to", "bob"), ("notes", "x")])
        .await;
    assert!(is_ephemeral(&by_carol), "only the holder hands over: {by_carol}");

    let card = bot
        .submit(
            ALICE,
            &form_id,
            &[("to", "bob"), ("notes", "The figures come from the GGD")],
        )
        .await;
    assert!(
        content(&card).starts_with(&format!("🤝 <@{ALICE}> hands **GGD** over to <@{BOB}> (H-1).")),
        "{card}"
    );
    assert!(content(&card).contains("Promises it moves: P-1."), "{card}");
    let by_mention = bot
        .submit(
            ALICE,
            &form_id,
            &[("to", &format!("<@{BOB}>")), ("notes", "again")],
        )
        .await;
    assert!(
        content(&by_mention).starts_with("P-1 already travels in handover H-1"),
        "found by mention, refused as already handed over: {by_mention}"
    );
    assert!(is_ephemeral(&by_mention), "{by_mention}");
    bot.stop().await;
}

#[tokio::test]
async fn an_absence_routes_the_reminder_to_the_backup_whose_done_works_and_the_summary_follows() {
    let world = World::new().await;
    world.clock.set(amsterdam(2026, 11, 23, 10, 0));
    let bot = TestBot::start(world.env.clone()).await;
    let scheduler = bot.scheduler(&world.env);
    promise(&bot, ALICE, "vandaag 12:00").await;
    let set = bot
        .slash(
            ALICE,
            "nl",
            "away",
            "set",
            vec![Opt::Str("until", "vrijdag"), Opt::User("backup", BOB)],
        )
        .await;
    assert!(
        content(&set).starts_with(&format!("🌴 <@{ALICE}> is afwezig tot")),
        "{set}"
    );
    let not_admin = bot
        .slash(CAROL, "en-US", "away", "end", vec![Opt::User("member", ALICE)])
        .await;
    assert!(is_ephemeral(&not_admin), "{not_admin}");
    assert!(
        content(&not_admin).starts_with("Only server admins"),
        "{not_admin}"
    );

    world.clock.set(amsterdam(2026, 11, 23, 12, 30));
    scheduler.tick().await.unwrap();
    let reminder = posts(&bot, &["⏰"]).pop().expect("a reminder");
    let text = reminder["content"].as_str().unwrap();
    assert!(
        text.starts_with(&format!("⏰ <@{BOB}> (on behalf of alice, who is away), P-1")),
        "{text}"
    );
    assert_eq!(pinged(&bot, &reminder), [BOB.to_string()], "alice is not pinged");

    let done = bot.press(BOB, &format!("baton:done:{GUILD}:1")).await;
    assert!(content(&done).starts_with("✅ P-1 done"), "{done}");

    let ended = bot
        .slash(ADMIN, "en-US", "away", "end", vec![Opt::User("member", ALICE)])
        .await;
    assert!(
        content(&ended).starts_with(&format!("👋 <@{ALICE}> is back")),
        "{ended}"
    );
    scheduler.tick().await.unwrap();
    scheduler.tick().await.unwrap();
    let back: Vec<Value> = direct(&bot, ALICE)
        .into_iter()
        .filter(|m| m["content"].as_str().is_some_and(|c| c.starts_with("👋")))
        .collect();
    assert_eq!(back.len(), 1, "one summary: {back:?}");
    let summary = back[0]["content"].as_str().unwrap();
    assert!(summary.contains(&format!("<@{BOB}> backed you up")), "{summary}");
    assert!(summary.contains("P-1 Send the report done"), "{summary}");
    bot.stop().await;
}

#[tokio::test]
async fn an_admin_hands_everything_of_a_leaver_over_and_others_may_not() {
    let world = World::new().await;
    world.clock.set(amsterdam(2026, 11, 23, 10, 0));
    let bot = TestBot::start(world.env.clone()).await;
    promise(&bot, ALICE, "vrijdag").await;
    let options = || {
        vec![
            Opt::User("from", ALICE),
            Opt::User("to", BOB),
            Opt::Str("notes", "Alice has left"),
        ]
    };
    let refused = bot.slash(CAROL, "en-US", "handover", "all", options()).await;
    assert!(is_ephemeral(&refused), "{refused}");
    assert!(content(&refused).starts_with("Only server admins"), "{refused}");

    let mut now = options();
    now.push(Opt::Bool("accept_now", true));
    let all = bot.slash(ADMIN, "en-US", "handover", "all", now).await;
    assert!(
        content(&all).starts_with(&format!(
            "🤝 Everything <@{ALICE}> held is now with <@{BOB}>, accepted at once:\n• H-1 GGD · P-1"
        )),
        "{all}"
    );
    let owner: i64 = sqlx::query_scalar("SELECT owner_id FROM commitments")
        .fetch_one(&world.db.pool)
        .await
        .unwrap();
    assert_eq!(owner as u64, BOB);
    bot.stop().await;
}

#[tokio::test]
async fn with_member_events_on_a_leaver_is_announced_to_the_admins_with_the_command_to_use() {
    let world = World::new().await;
    world.clock.set(amsterdam(2026, 11, 23, 10, 0));
    let bot = TestBot::start_with(world.env.clone(), |config| config.discord.member_events = true).await;
    let intents = bot.standin.identifies()[0]["intents"].as_u64().unwrap();
    assert_eq!(
        intents & 2,
        2,
        "the Server Members intent is asked for: {intents}"
    );
    let mut admin = support::request(ADMIN as i64, "admin");
    admin.actor.admin = true;
    let change = baton::core::settings::ChangeSettings {
        escalation_channel: Some(CHANNEL),
        ..Default::default()
    };
    baton::core::settings::guild(&world.env, &admin, change)
        .await
        .unwrap();
    promise(&bot, ALICE, "vrijdag").await;

    let user = |id: u64, name: &str| serde_json::json!({ "id": id.to_string(), "username": name, "discriminator": "0", "global_name": name, "avatar": null });
    // Someone who holds nothing leaves quietly.
    bot.standin.dispatch(
        "GUILD_MEMBER_REMOVE",
        serde_json::json!({ "guild_id": GUILD.0.to_string(), "user": user(CAROL, "carol") }),
    );
    bot.standin.dispatch(
        "GUILD_MEMBER_REMOVE",
        serde_json::json!({ "guild_id": GUILD.0.to_string(), "user": user(ALICE, "alice") }),
    );
    let mut announced = Vec::new();
    for _ in 0..200 {
        announced = posts(&bot, &["👋"]);
        if !announced.is_empty() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    assert_eq!(announced.len(), 1, "{announced:?}");
    let text = announced[0]["content"].as_str().unwrap();
    assert!(
        text.starts_with("👋 alice left the server. Still theirs: 1 open promise(s), 0 pending"),
        "{text}"
    );
    assert!(
        text.contains(&format!("/handover all from:{ALICE} to:…")),
        "{text}"
    );
    bot.stop().await;
}
