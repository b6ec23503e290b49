//! Appointments end to end: the real poise client against the Discord stand-in, the
//! reminder engine posting to it as the clock moves. The confirmation card with its copy
//! text and calendar file; reminders before the start; the outcome question after the end
//! with Kept / Missed / Moved buttons and their forms, in the channel and in a DM.

mod support;

use icalendar::{Component, EventLike};
use serde_json::Value;
use support::bot::{button_ids, content, is_ephemeral, TestBot, ADMIN, ALICE, BOB, CAROL, WAIT};
use support::discord::Opt;
use support::engine::amsterdam;
use support::{World, CHANNEL, GUILD};

/// What the bot posted in the test channel whose text starts with `mark`.
fn posts(bot: &TestBot, mark: &str) -> Vec<Value> {
    let mut posts: Vec<Value> = bot
        .standin
        .channel_messages(CHANNEL.0 as u64)
        .into_iter()
        .filter(|m| m["content"].as_str().is_some_and(|c| c.starts_with(mark)))
        .collect();
    posts.sort_by_key(|m| m["id"].as_str().and_then(|id| id.parse::<u64>().ok()));
    posts
}

/// The files a callback carried: (name, content).
fn files(callback: &Value) -> Vec<(String, String)> {
    callback["_files"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|f| {
            (
                f["filename"].as_str().unwrap_or_default().to_string(),
                f["content"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

async fn add(bot: &TestBot, user: u64, locale: &str, when: &str) -> Value {
    bot.slash(
        user,
        locale,
        "appointment",
        "add",
        vec![
            Opt::Str("relation", "GGD"),
            Opt::Str("when", when),
            Opt::Str("duration", "1,5 uur"),
            Opt::Str("where", "Stationsplein 1"),
            Opt::User("with", BOB),
            Opt::Str("about", "intake"),
        ],
    )
    .await
}

#[tokio::test]
async fn an_appointment_is_confirmed_reminded_and_asked_about_and_missed_needs_a_new_date() {
    let world = World::new().await;
    world.clock.set(amsterdam(2026, 12, 2, 10, 0));
    let bot = TestBot::start(world.env.clone()).await;

    let no_time = add(&bot, ALICE, "en-US", "friday").await;
    assert!(is_ephemeral(&no_time), "{no_time}");
    assert!(
        content(&no_time).contains("names a day but no time. Add the time, e.g. 'friday 10:00'"),
        "{no_time}"
    );

    let added = add(&bot, ALICE, "en-US", "friday 10:00").await;
    assert!(!is_ephemeral(&added), "{added}");
    let card = content(&added);
    assert!(
        card.starts_with("✨") && card.contains("📅 Appointment A-1 with **GGD**: <t:"),
        "{card}"
    );
    assert!(card.contains(&format!("<@{ALICE}>, <@{BOB}>")), "{card}");
    assert!(
        card.contains(
            "> We hereby confirm our appointment on Friday 4 December 2026 from 10:00 to 11:30, at Stationsplein 1 (about: intake)."
        ),
        "{card}"
    );
    assert_eq!(
        added["data"]["allowed_mentions"]["users"],
        serde_json::json!([BOB.to_string()])
    );
    // The calendar file parses back with the zone and local times.
    let attached = files(&added);
    assert_eq!(attached.len(), 1, "{added}");
    assert_eq!(attached[0].0, "A-1.ics");
    let calendar: icalendar::Calendar = attached[0].1.parse().expect("the .ics parses");
    let event = calendar
        .components
        .iter()
        .find_map(|c| c.as_event())
        .expect("an event");
    assert_eq!(event.get_location(), Some("Stationsplein 1"));
    let start = event.get_start().expect("a start");
    match start {
        icalendar::DatePerhapsTime::DateTime(icalendar::CalendarDateTime::WithTimezone {
            date_time,
            tzid,
        }) => {
            assert_eq!(tzid, "Europe/Amsterdam");
            assert_eq!(date_time.to_string(), "2026-12-04 10:00:00");
        }
        other => panic!("a local time with its zone: {other:?}"),
    }
    assert!(attached[0].1.contains("BEGIN:VTIMEZONE"), "{}", attached[0].1);

    // The day before, in working hours: one message calls both.
    let scheduler = bot.scheduler(&world.env);
    world.clock.set(amsterdam(2026, 12, 3, 10, 0));
    scheduler.tick().await.unwrap();
    let reminders = posts(&bot, "📅");
    assert_eq!(reminders.len(), 1, "{reminders:#?}");
    let reminder = reminders[0]["content"].as_str().unwrap();
    assert!(
        reminder.starts_with(&format!(
            "📅 <@{ALICE}>, <@{BOB}>: appointment A-1 with **GGD** starts <t:"
        )),
        "{reminder}"
    );
    world.clock.set(amsterdam(2026, 12, 4, 9, 0));
    scheduler.tick().await.unwrap();
    scheduler.tick().await.unwrap();
    assert_eq!(posts(&bot, "📅").len(), 2, "the hour before, once");

    // After the end: the owner is asked, with three buttons.
    world.clock.set(amsterdam(2026, 12, 4, 11, 45));
    scheduler.tick().await.unwrap();
    let asked = posts(&bot, "❓");
    assert_eq!(asked.len(), 1, "{asked:#?}");
    assert!(
        asked[0]["content"]
            .as_str()
            .unwrap()
            .starts_with(&format!("❓ <@{ALICE}>, did appointment A-1 with **GGD**")),
        "{}",
        asked[0]
    );
    let buttons = button_ids(&asked[0]);
    assert_eq!(
        buttons[..3],
        [
            format!("baton:kept:{GUILD}:1"),
            format!("baton:missed:{GUILD}:1"),
            format!("baton:moved:{GUILD}:1")
        ]
    );
    // Asked in the channel, which is not told where: that is behind Details.
    assert_eq!(buttons.len(), 4, "{buttons:?}");
    assert!(
        buttons[3].starts_with(&format!("baton:details:{GUILD}:d")),
        "{buttons:?}"
    );

    // Missed opens a form that requires the new date.
    let form = bot.press(ALICE, &format!("baton:missed:{GUILD}:1")).await;
    assert_eq!(form["type"], 9, "a modal: {form}");
    let form_id = form["data"]["custom_id"].as_str().unwrap().to_string();
    assert_eq!(form_id, format!("baton:missed_form:{GUILD}:1"));
    let fields: Vec<(String, bool)> = form["data"]["components"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|row| row["components"].as_array().cloned().unwrap_or_default())
        .map(|f| {
            (
                f["custom_id"].as_str().unwrap().to_string(),
                f["required"] == true,
            )
        })
        .collect();
    assert_eq!(
        fields,
        [("new_when".to_string(), true), ("reason".to_string(), true)]
    );

    // Someone else hears at the click that it is not theirs, before any form; so does a
    // forged form sent anyway.
    let by_carol = bot.press(CAROL, &format!("baton:missed:{GUILD}:1")).await;
    assert!(is_ephemeral(&by_carol), "{by_carol}");
    assert!(content(&by_carol).contains("is <@"), "{by_carol}");
    let forged = bot
        .submit(CAROL, &form_id, &[("new_when", "monday 14:00"), ("reason", "x")])
        .await;
    assert!(is_ephemeral(&forged), "{forged}");
    let empty = bot
        .submit(ALICE, &form_id, &[("new_when", ""), ("reason", "ill")])
        .await;
    assert!(is_ephemeral(&empty), "{empty}");
    assert!(content(&empty).contains("needs a new date"), "{empty}");

    let missed = bot
        .submit(
            ALICE,
            &form_id,
            &[("new_when", "monday 14:00"), ("reason", "The client was ill")],
        )
        .await;
    assert!(!is_ephemeral(&missed), "{missed}");
    let said = content(&missed);
    assert!(
        said.starts_with("🔁 A-1 with **GGD** was missed: The client was ill. New appointment A-2: <t:"),
        "{said}"
    );
    assert!(
        said.contains("📣 P-1: Tell GGD the new date: A-2 on Mon 7 Dec 2026 14:00 CET"),
        "{said}"
    );
    assert_eq!(files(&missed).len(), 1, "the new appointment's calendar file");

    // A second answer changes nothing, and says so at the click.
    let again = bot.press(ALICE, &format!("baton:kept:{GUILD}:1")).await;
    assert!(is_ephemeral(&again), "{again}");
    assert!(content(&again).contains("A-1 was already missed"), "{again}");
    bot.stop().await;
}

#[tokio::test]
async fn kept_from_a_direct_message_logs_the_contact_and_dutch_gets_a_dutch_confirmation() {
    let world = World::new().await;
    world.clock.set(amsterdam(2026, 12, 2, 10, 0));
    let bot = TestBot::start(world.env.clone()).await;
    // The relation hears the guild's language.
    let set = bot
        .slash(
            ADMIN,
            "en-US",
            "settings",
            "guild",
            vec![Opt::Str("language", "nl")],
        )
        .await;
    assert!(is_ephemeral(&set), "{set}");

    let added = add(&bot, ALICE, "nl", "vrijdag 10:00").await;
    let card = content(&added);
    assert!(card.contains("📅 Afspraak A-1 met **GGD**"), "{card}");
    assert!(
        card.contains("> Hierbij bevestigen wij onze afspraak op vrijdag 4 december 2026 van 10:00 tot 11:30, locatie: Stationsplein 1 (onderwerp: intake)."),
        "{card}"
    );

    // Asked in the channel; answered from alice's direct messages, where no guild is.
    world.clock.set(amsterdam(2026, 12, 4, 12, 0));
    bot.scheduler(&world.env).tick().await.unwrap();
    let caller = bot.direct_caller(ALICE, "en-US");
    let pressed = bot
        .standin
        .component(&caller, 1, &format!("baton:kept:{GUILD}:1"), &[]);
    let form = bot
        .standin
        .send_interaction(pressed)
        .callback(WAIT)
        .await
        .unwrap();
    assert_eq!(form["type"], 9, "{form}");
    assert_eq!(form["data"]["custom_id"], format!("baton:kept_form:{GUILD}:1"));
    let submitted = bot.standin.modal_submit(
        &caller,
        &format!("baton:kept_form:{GUILD}:1"),
        &[
            ("summary", "Zorgplan besproken"),
            ("follow_up", "Zorgplan mailen"),
            ("follow_up_due", "maandag 12:00"),
        ],
    );
    let kept = bot
        .standin
        .send_interaction(submitted)
        .callback(WAIT)
        .await
        .unwrap();
    let said = content(&kept);
    assert!(
        said.starts_with("✅ A-1 with **GGD** was kept: logged as a contact (visit)"),
        "{said}"
    );
    assert!(said.contains("Follow-up P-1: Zorgplan mailen"), "{said}");
    let summary: String = sqlx::query_scalar("SELECT summary FROM contacts")
        .fetch_one(&world.db.pool)
        .await
        .unwrap();
    assert_eq!(summary, "Zorgplan besproken");

    // The list shows it, privately, with its calendar file when asked.
    let list = bot
        .slash(
            BOB,
            "en-US",
            "appointment",
            "list",
            vec![Opt::Str("range", "friday"), Opt::Bool("ics", true)],
        )
        .await;
    assert!(is_ephemeral(&list), "{list}");
    assert!(content(&list).contains("A-1 <t:"), "{list}");
    assert!(content(&list).contains("· kept"), "{list}");
    bot.stop().await;
}

#[tokio::test]
async fn when_previews_the_start_and_asks_for_a_time_and_appointments_are_suggested() {
    let world = World::new().await;
    world.clock.set(amsterdam(2026, 12, 2, 10, 0));
    let bot = TestBot::start(world.env.clone()).await;
    let preview = |locale: &'static str, typed: &'static str| {
        let caller = bot.caller(ALICE, locale);
        let payload = bot.standin.autocomplete(
            &caller,
            "appointment",
            &[Opt::Sub(
                "add",
                vec![Opt::Str("relation", "GGD"), Opt::Focused("when", typed)],
            )],
        );
        bot.standin.send_interaction(payload)
    };
    let dutch = preview("nl", "vrijdag 10:00-11:30").callback(WAIT).await.unwrap();
    let no_time = preview("en-GB", "friday").callback(WAIT).await.unwrap();
    assert_eq!(
        dutch["data"]["choices"][0]["name"],
        "vrijdag 10:00-11:30 → vr 4 dec 2026 10:00 CET"
    );
    assert_eq!(
        no_time["data"]["choices"][0]["name"],
        "friday → not readable yet: a day and a time (e.g. friday 10:00)"
    );

    add(&bot, ALICE, "en-US", "friday 10:00").await;
    let suggest = |user: u64| {
        let caller = bot.caller(user, "en-US");
        let payload = bot.standin.autocomplete(
            &caller,
            "appointment",
            &[Opt::Sub(
                "cancel",
                vec![Opt::Focused("appointment", "gg"), Opt::Str("reason", "")],
            )],
        );
        bot.standin.send_interaction(payload)
    };
    let alices = suggest(ALICE).callback(WAIT).await.unwrap();
    let carols = suggest(CAROL).callback(WAIT).await.unwrap();
    let bobs = suggest(BOB).callback(WAIT).await.unwrap();
    assert_eq!(
        alices["data"]["choices"][0]["name"],
        "A-1 · GGD · Fri 4 Dec 2026 10:00 CET"
    );
    assert_eq!(alices["data"]["choices"][0]["value"], "A-1");
    assert_eq!(carols["data"]["choices"], serde_json::json!([]), "not hers");
    assert_eq!(
        bobs["data"]["choices"],
        serde_json::json!([]),
        "bob joins, alice holds it"
    );
    bot.stop().await;
}
