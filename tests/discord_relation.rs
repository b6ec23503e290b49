//! The address book end to end: the real poise client against the Discord stand-in. A
//! near-duplicate offered, the card with its Log and History buttons (in the channel and in
//! a direct message), the form they open, "Log as contact" on a chat message, search, and the
//! autocomplete that shows where a person works.

mod support;

use serde_json::Value;
use support::bot::{button_ids, content, is_ephemeral, TestBot, ALICE, BOB, WAIT};
use support::discord::Opt;
use support::{World, GUILD};

/// The form a callback opened (type 9): its custom id, title and fields (id, prefilled value).
fn form(callback: &Value) -> (String, String, Vec<(String, String)>) {
    assert_eq!(callback["type"], 9, "a form opens: {callback}");
    let data = &callback["data"];
    let fields = data["components"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|row| row["components"].as_array().cloned().unwrap_or_default())
        .map(|input| {
            (
                input["custom_id"].as_str().unwrap_or_default().to_string(),
                input["value"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    (
        data["custom_id"].as_str().unwrap_or_default().to_string(),
        data["title"].as_str().unwrap_or_default().to_string(),
        fields,
    )
}

#[tokio::test]
async fn a_card_offers_logging_and_history_and_a_message_becomes_a_contact() {
    let world = World::new().await;
    let bot = TestBot::start(world.env.clone()).await;
    let org = bot
        .slash(
            ALICE,
            "en-US",
            "relation",
            "add",
            vec![Opt::Str("name", "GGD Utrecht"), Opt::Str("kind", "organisation")],
        )
        .await;
    assert!(
        content(&org).contains("👤 **GGD Utrecht** added, as organisation."),
        "{org}"
    );
    assert!(is_ephemeral(&org));
    let jan = bot
        .slash(
            ALICE,
            "nl",
            "relation",
            "add",
            vec![
                Opt::Str("name", "Jan de Vries"),
                Opt::Str("organisation", "ggd utrecht"),
                Opt::Str("role", "arts"),
            ],
        )
        .await;
    assert!(
        content(&jan).contains("👤 **Jan de Vries** toegevoegd, als persoon."),
        "{jan}"
    );
    let near = bot
        .slash(
            BOB,
            "en-US",
            "contact",
            "log",
            vec![Opt::Str("relation", "GGD Utrech"), Opt::Str("summary", "Belde")],
        )
        .await;
    assert!(is_ephemeral(&near), "{near}");
    assert!(
        content(&near).contains("but “GGD Utrecht” looks like it"),
        "{near}"
    );

    // The card's buttons: History, and Log, which opens a form with the relation known.
    let card = bot
        .slash(
            ALICE,
            "en-US",
            "relation",
            "show",
            vec![Opt::Str("relation", "jan de vries")],
        )
        .await;
    assert!(content(&card).contains("📇 **Jan de Vries** · person"), "{card}");
    let buttons = button_ids(&card["data"]);
    let (log, history) = (format!("baton:log:{GUILD}:2"), format!("baton:history:{GUILD}:2"));
    assert_eq!(buttons, [log.clone(), history.clone()], "{card}");
    let opened = bot.press(BOB, &log).await;
    let (id, title, fields) = form(&opened);
    assert_eq!(id, format!("baton:log_form:{GUILD}:2"));
    assert_eq!(title, "Contact with Jan de Vries");
    let names: Vec<&str> = fields.iter().map(|(id, _)| id.as_str()).collect();
    assert_eq!(names, ["summary", "via", "follow_up", "follow_up_due"]);
    let bad_via = bot
        .submit(BOB, &id, &[("summary", "Gebeld"), ("via", "duif")])
        .await;
    assert!(is_ephemeral(&bad_via));
    assert!(
        content(&bad_via).contains("“duif” is not a way of contact baton knows"),
        "{bad_via}"
    );
    let logged = bot
        .submit(
            BOB,
            &id,
            &[
                ("summary", "Gebeld over het rapport"),
                ("via", "E-mail"),
                ("follow_up", "Rapport sturen"),
                ("follow_up_due", "friday 12:00"),
            ],
        )
        .await;
    assert!(
        content(&logged).contains("📝 Contact with **Jan de Vries** logged: email"),
        "{logged}"
    );
    assert!(content(&logged).contains("Follow-up P-1"), "{logged}");
    // History from a direct message, where no guild is present: the button carries it.
    let dm = bot.direct_caller(ALICE, "en-US");
    let shown = bot.press_as(&dm, &history).await;
    assert!(is_ephemeral(&shown), "{shown}");
    assert!(content(&shown).contains("Gebeld over het rapport"), "{shown}");

    // "Log as contact" on a colleague's message: the form has the text as its summary.
    let text = "Jan belde: het rapport komt volgende week, hij vraagt of wij de planning sturen";
    let payload = bot
        .standin
        .message_command(&bot.caller(ALICE, "nl"), "Log as contact", BOB, text);
    let opened = bot
        .standin
        .send_interaction(payload)
        .callback(WAIT)
        .await
        .expect("answered");
    let (id, title, fields) = form(&opened);
    assert_eq!(id, format!("baton:log_form:{GUILD}:0"));
    assert_eq!(title, "Contact vastleggen");
    assert_eq!(fields[0], ("relation".to_string(), String::new()));
    assert_eq!(fields[1], ("summary".to_string(), text.to_string()));
    let logged = bot
        .submit(
            ALICE,
            &id,
            &[
                ("relation", "Jan de Vries"),
                ("summary", text),
                ("via", "telefoon"),
            ],
        )
        .await;
    assert!(
        content(&logged).contains("📝 Contact with **Jan de Vries** logged: phone"),
        "{logged}"
    );
    assert!(!is_ephemeral(&logged), "shared like /contact log: {logged}");

    let found = bot
        .slash(
            ALICE,
            "en-US",
            "relation",
            "search",
            vec![Opt::Str("query", "planning")],
        )
        .await;
    assert!(is_ephemeral(&found));
    assert!(
        content(&found).contains("• **Jan de Vries** · GGD Utrecht — contact"),
        "{found}"
    );
    assert!(content(&found).contains("**planning**"), "{found}");

    let caller = bot.caller(ALICE, "en-US");
    let payload = bot.standin.autocomplete(
        &caller,
        "relation",
        &[Opt::Sub("show", vec![Opt::Focused("relation", "jan")])],
    );
    let choices = bot
        .standin
        .send_interaction(payload)
        .callback(WAIT)
        .await
        .unwrap();
    assert_eq!(
        choices["data"]["choices"][0]["name"],
        "Jan de Vries · GGD Utrecht"
    );
    assert_eq!(choices["data"]["choices"][0]["value"], "Jan de Vries");

    let registered = bot.standin.commands(Some(GUILD.0 as u64));
    let menu = registered
        .iter()
        .find(|c| c["name"] == "Log as contact")
        .expect("the message menu is registered");
    assert_eq!(menu["type"], 3);
    assert_eq!(menu["name_localizations"]["nl"], "Vastleggen als contact");
    bot.stop().await;
}
