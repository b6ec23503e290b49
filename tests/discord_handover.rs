//! Handovers through the real poise client and the Discord stand-in: the card, Accept by
//! someone else refused, Accept by the recipient, and Decline through its form.

mod support;

use serde_json::Value;
use support::bot::{button_ids, content, is_ephemeral, TestBot, ALICE, BOB, CAROL};
use support::discord::Opt;
use support::{World, GUILD};

async fn give(bot: &TestBot, to: u64) -> Value {
    bot.slash(
        ALICE,
        "en-US",
        "handover",
        "give",
        vec![
            Opt::User("to", to),
            Opt::Str("relation", "GGD"),
            Opt::Str("notes", "Calls back after 10; the report waits for the figures"),
        ],
    )
    .await
}

#[tokio::test]
async fn the_recipient_accepts_from_the_card_and_nobody_else_can() {
    let world = World::new().await;
    let bot = TestBot::start(world.env.clone()).await;
    bot.slash(
        ALICE,
        "en-US",
        "promise",
        "add",
        vec![
            Opt::Str("relation", "GGD"),
            Opt::Str("what", "Send the report"),
            Opt::Str("due", "friday 12:00"),
        ],
    )
    .await;

    let card = give(&bot, BOB).await;
    let details_for_bob = bot.press(BOB, &format!("baton:details:{GUILD}:H-1")).await;
    let details_for_carol = bot.press(CAROL, &format!("baton:details:{GUILD}:H-1")).await;
    let by_carol = bot.press(CAROL, &format!("baton:accept:{GUILD}:1")).await;
    let by_bob = bot.press(BOB, &format!("baton:accept:{GUILD}:1")).await;
    let again = bot.press(BOB, &format!("baton:accept:{GUILD}:1")).await;

    let text = content(&card);
    assert!(
        text.starts_with(&format!("🤝 <@{ALICE}> hands **GGD** over to <@{BOB}> (H-1).")),
        "{card}"
    );
    // The channel sees who, which relation, which promises and by when; the notes and what
    // the promises are go to the recipient by Details (and by direct message).
    assert!(!text.contains("Calls back after 10"), "{card}");
    assert!(!text.contains("Send the report"), "{card}");
    assert!(text.contains("Promises it moves: P-1."), "{card}");
    assert!(!is_ephemeral(&card), "the card is shared with the channel");
    assert_eq!(
        button_ids(&card["data"]),
        [
            format!("baton:accept:{GUILD}:1"),
            format!("baton:decline:{GUILD}:1"),
            format!("baton:details:{GUILD}:H-1")
        ]
    );
    assert!(is_ephemeral(&details_for_bob), "{details_for_bob}");
    assert!(
        content(&details_for_bob).contains("Calls back after 10"),
        "{details_for_bob}"
    );
    assert!(
        content(&details_for_bob).contains("P-1 Send the report"),
        "{details_for_bob}"
    );
    assert!(is_ephemeral(&details_for_carol), "{details_for_carol}");
    assert!(
        content(&details_for_carol).starts_with("These details are for whoever holds it"),
        "{details_for_carol}"
    );
    assert!(is_ephemeral(&by_carol), "{by_carol}");
    assert!(
        content(&by_carol).starts_with(&format!("Only <@{BOB}> can answer H-1")),
        "{by_carol}"
    );
    assert!(
        content(&by_bob).starts_with(&format!(
            "✅ <@{BOB}> accepted H-1: <@{BOB}> now holds the ball for **GGD**."
        )),
        "{by_bob}"
    );
    assert!(content(&again).contains("was already accepted"), "{again}");
    bot.stop().await;
}

#[tokio::test]
async fn decline_asks_why_and_returns_the_ball_with_the_reason() {
    let world = World::new().await;
    let bot = TestBot::start(world.env.clone()).await;
    bot.slash(
        ALICE,
        "en-US",
        "contact",
        "log",
        vec![
            Opt::Str("relation", "GGD"),
            Opt::Str("summary", "Called about the figures"),
        ],
    )
    .await;
    let card = give(&bot, BOB).await;
    assert!(
        content(&card).contains("whoever accepts becomes its contact person"),
        "{card}"
    );

    let form = bot.press(BOB, &format!("baton:decline:{GUILD}:1")).await;
    let declined = bot
        .submit(
            BOB,
            form["data"]["custom_id"].as_str().unwrap(),
            &[("reason", "I am away that week")],
        )
        .await;

    assert_eq!(form["type"], 9, "a modal: {form}");
    assert_eq!(form["data"]["custom_id"], format!("baton:why:{GUILD}:1"));
    assert!(
        content(&declined).starts_with(&format!(
            "↩️ <@{BOB}> declined H-1 (**GGD**): <@{ALICE}> keeps the ball."
        )),
        "{declined}"
    );
    assert!(content(&declined).contains("I am away that week"), "{declined}");
    bot.stop().await;
}
