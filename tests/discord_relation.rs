//! The address book end to end: the real poise client against the Discord stand-in. A
//! near-duplicate offered, the card with its Log and History buttons (in the channel and in
//! a direct message), the form they open, "Log as contact" on a chat message, search, and the
//! autocomplete that shows where a person works.

mod support;

use serde_json::Value;
use support::bot::{button_ids, content, is_ephemeral, TestBot, ADMIN, ALICE, BOB, WAIT};
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

/// Options for the autocomplete of `option` in `/<group> <sub>`, as typed by alice.
async fn autocomplete(bot: &TestBot, group: &str, sub: &str, option: &str, typed: &str) -> Vec<String> {
    let caller = bot.caller(ALICE, "en-US");
    let payload = bot.standin.autocomplete(
        &caller,
        group,
        &[Opt::Sub(sub, vec![Opt::Focused(option, typed)])],
    );
    let choices = bot
        .standin
        .send_interaction(payload)
        .callback(WAIT)
        .await
        .expect("answered");
    choices["data"]["choices"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|c| c["name"].as_str().unwrap_or_default().to_string())
        .collect()
}

#[tokio::test]
async fn edit_move_who_merge_keep_in_touch_and_nothing_of_another_guild() {
    let world = World::new().await;
    // Another guild's address book, written through the command core: none of it may show.
    let other = baton::core::Request {
        guild: baton::domain::GuildId(700_000_000_000_000_099),
        channel: None,
        actor: baton::core::Actor {
            id: baton::domain::MemberId(ALICE as i64),
            name: "alice".into(),
            admin: true,
            roles: Vec::new(),
        },
        lang: None,
    };
    let secret = baton::core::relation::AddRelation {
        name: "Piet Geheimzinnig".into(),
        organisation: Some("Stichting Verborgen".into()),
        new_relation: true,
        ..Default::default()
    };
    baton::core::relation::add(&world.env, &other, secret)
        .await
        .unwrap();
    let note = baton::core::contact::LogContact {
        relation: "Piet Geheimzinnig".into(),
        summary: "Gesprek over de wachtlijst en zijn diagnose".into(),
        ..Default::default()
    };
    baton::core::contact::log(&world.env, &other, note).await.unwrap();

    let bot = TestBot::start(world.env.clone()).await;
    bot.slash(
        ALICE,
        "en-US",
        "relation",
        "add",
        vec![Opt::Str("name", "GGD Utrecht"), Opt::Str("kind", "organisation")],
    )
    .await;
    let jan = bot
        .slash(
            ALICE,
            "en-US",
            "relation",
            "add",
            vec![
                Opt::Str("name", "Jan de Vries"),
                Opt::Str("organisation", "GGD Utrecht"),
                Opt::Str("role", "arts"),
                Opt::Str("keep_in_touch", "every 2 weeks"),
                Opt::User("owner", BOB),
            ],
        )
        .await;
    assert!(content(&jan).contains("every 2 weeks"), "{jan}");
    bot.slash(
        BOB,
        "en-US",
        "contact",
        "log",
        vec![
            Opt::Str("relation", "Jan de Vries"),
            Opt::Str("summary", "Besproken: de wachtlijst"),
        ],
    )
    .await;

    // Edit: a phone number, a bad email refused with nothing written.
    let bad = bot
        .slash(
            ALICE,
            "en-US",
            "relation",
            "edit",
            vec![
                Opt::Str("relation", "jan de vries"),
                Opt::Str("email", "jan at ggd"),
            ],
        )
        .await;
    assert!(is_ephemeral(&bad), "{bad}");
    assert!(content(&bad).contains("jan at ggd"), "{bad}");
    let edited = bot
        .slash(
            ALICE,
            "nl",
            "relation",
            "edit",
            vec![
                Opt::Str("relation", "jan de vries"),
                Opt::Str("phone", "06 1234 5678"),
            ],
        )
        .await;
    assert!(content(&edited).contains("06 1234 5678"), "{edited}");

    // Who of us knows whom at GGD Utrecht: bob, through Jan.
    let who = bot
        .slash(
            ALICE,
            "en-US",
            "relation",
            "who",
            vec![Opt::Str("organisation", "GGD Utrecht")],
        )
        .await;
    assert!(is_ephemeral(&who));
    assert!(
        content(&who).starts_with("**🧭 Who of us knows whom at GGD Utrecht**\n"),
        "{who}"
    );
    assert!(
        content(&who).contains(&format!("• <@{BOB}> → Jan de Vries as arts: 1×")),
        "{who}"
    );

    // Move: the reply in the channel tells bob, who spoke with Jan, by mentioning him.
    let moved = bot
        .slash(
            ALICE,
            "en-US",
            "relation",
            "move",
            vec![
                Opt::Str("person", "Jan de Vries"),
                Opt::Str("to", "Gemeente Zeist"),
                Opt::Str("role", "beleidsadviseur"),
            ],
        )
        .await;
    assert!(!is_ephemeral(&moved), "{moved}");
    assert!(
        content(&moved).contains("🚚 **Jan de Vries** now works at **Gemeente Zeist** as beleidsadviseur."),
        "{moved}"
    );
    assert!(
        content(&moved).contains(&format!(
            "<@{BOB}> had contact with **Jan de Vries** this past year and hear it by direct message."
        )),
        "{moved}"
    );
    assert_eq!(
        moved["data"]["allowed_mentions"]["users"],
        serde_json::json!([]),
        "named, not pinged: {moved}"
    );
    let before = bot
        .slash(
            ALICE,
            "en-US",
            "relation",
            "who",
            vec![Opt::Str("organisation", "GGD Utrecht")],
        )
        .await;
    assert!(
        content(&before).contains("Jan de Vries as arts (left)"),
        "{before}"
    );

    // Merge: a second name for Zeist, with a contact, goes into the first.
    bot.slash(
        ALICE,
        "en-US",
        "contact",
        "log",
        vec![
            Opt::Str("relation", "Gem. Zeist"),
            Opt::Str("summary", "Kennismaking"),
            Opt::Bool("new_relation", true),
        ],
    )
    .await;
    let merged = bot
        .slash(
            ALICE,
            "en-US",
            "relation",
            "merge",
            vec![
                Opt::Str("keep", "Gemeente Zeist"),
                Opt::Str("remove", "Gem. Zeist"),
            ],
        )
        .await;
    assert!(
        content(&merged).contains("🔗 **Gem. Zeist** is merged into **Gemeente Zeist**: 1 contacts"),
        "{merged}"
    );
    let same = bot
        .slash(
            ALICE,
            "en-US",
            "relation",
            "merge",
            vec![
                Opt::Str("keep", "Gemeente Zeist"),
                Opt::Str("remove", "gemeente zeist"),
            ],
        )
        .await;
    assert!(is_ephemeral(&same), "{same}");
    let history = bot
        .slash(
            ALICE,
            "en-US",
            "contact",
            "history",
            vec![Opt::Str("relation", "Gem. Zeist")],
        )
        .await;
    assert!(
        content(&history).contains("Kennismaking"),
        "the old name leads to the kept one: {history}"
    );

    // Keep in touch: two weeks after bob's contact, bob gets one direct message.
    world.clock.advance(chrono::Duration::days(14));
    let scheduler = bot.scheduler(&world.env);
    scheduler.tick().await.unwrap();
    let dm = bot.standin.dm_channel_of(BOB).expect("a direct message to bob");
    let messages = bot.standin.channel_messages(dm);
    assert_eq!(messages.len(), 2, "the move notice and the nudge: {messages:?}");
    let starting = |prefix: &str| {
        messages
            .iter()
            .find(|m| m["content"].as_str().unwrap_or_default().starts_with(prefix))
            .cloned()
            .unwrap_or_else(|| panic!("a message starting {prefix}: {messages:?}"))
    };
    let notice = starting("🚚");
    assert!(
        notice["content"]
            .as_str()
            .unwrap_or_default()
            .starts_with("🚚 **Jan de Vries** now works at **Gemeente Zeist** as beleidsadviseur, <@"),
        "{notice}"
    );
    let nudge = &starting("🤝");
    assert!(
        nudge["content"]
            .as_str()
            .unwrap_or_default()
            .contains("time to get in touch with **Jan de Vries**: last contact"),
        "{nudge}"
    );
    let jan: i64 = sqlx::query_scalar("SELECT relation_id FROM relations WHERE name = 'Jan de Vries'")
        .fetch_one(&world.db.pool)
        .await
        .unwrap();
    let log = format!("baton:log:{GUILD}:{jan}");
    assert_eq!(button_ids(nudge), std::slice::from_ref(&log), "{nudge}");
    world.clock.advance(chrono::Duration::days(1));
    scheduler.tick().await.unwrap();
    assert_eq!(bot.standin.channel_messages(dm).len(), 2, "one nudge per lapse");
    let ball = bot.slash(BOB, "en-US", "ball", "", vec![]).await;
    assert!(content(&ball).contains("Time to get in touch"), "{ball}");
    assert!(button_ids(&ball["data"]).contains(&log), "{ball}");
    // Bob presses Log in his direct messages and logs the call: off his ball.
    let bobs_dm = bot.direct_caller(BOB, "en-US");
    let opened = bot.press_as(&bobs_dm, &log).await;
    let (id, _, _) = form(&opened);
    let submitted = bot.standin.modal_submit(
        &bobs_dm,
        &id,
        &[("summary", "Nieuwe functie besproken"), ("via", "phone")],
    );
    let logged = bot
        .standin
        .send_interaction(submitted)
        .callback(WAIT)
        .await
        .expect("answered");
    assert!(
        content(&logged).contains("📝 Contact with **Jan de Vries** logged"),
        "{logged}"
    );
    let ball = bot.slash(BOB, "en-US", "ball", "", vec![]).await;
    assert!(!content(&ball).contains("Jan de Vries"), "{ball}");
    world.clock.advance(chrono::Duration::days(3));
    scheduler.tick().await.unwrap();
    let nudges = bot
        .standin
        .channel_messages(dm)
        .into_iter()
        .filter(|m| {
            m["content"]
                .as_str()
                .unwrap_or_default()
                .contains("time to get in touch")
        })
        .count();
    assert_eq!(nudges, 1, "the contact reset it: no second nudge");

    // Nothing of the other guild on any read path.
    for (group, sub, option, typed) in [
        ("relation", "show", "relation", "Piet"),
        ("relation", "who", "organisation", "Stichting"),
        ("relation", "move", "to", "Verb"),
        ("contact", "log", "relation", "Geheim"),
        ("contact", "history", "relation", "piet"),
    ] {
        let choices = autocomplete(&bot, group, sub, option, typed).await;
        assert!(
            choices.is_empty(),
            "/{group} {sub} {option}:{typed} offered {choices:?}"
        );
    }
    let reads = [
        ("relation", "search", vec![Opt::Str("query", "wachtlijst")]),
        ("relation", "search", vec![Opt::Str("query", "Geheimzinnig")]),
        (
            "relation",
            "show",
            vec![Opt::Str("relation", "Piet Geheimzinnig")],
        ),
        (
            "relation",
            "who",
            vec![Opt::Str("organisation", "Stichting Verborgen")],
        ),
        (
            "contact",
            "history",
            vec![Opt::Str("relation", "Piet Geheimzinnig")],
        ),
        ("ball", "", vec![]),
    ];
    for (group, sub, options) in reads {
        let reply = bot.slash(ALICE, "en-US", group, sub, options).await;
        let text = content(&reply);
        for secret in ["Geheimzinnig", "Verborgen", "diagnose"] {
            if text.contains(secret) {
                // A refusal may repeat what was typed; it must say the relation is unknown.
                assert!(
                    text.contains("There is no relation") || text.contains("Nothing found"),
                    "/{group} {sub}: {text}"
                );
            }
        }
        assert!(!text.contains("diagnose"), "/{group} {sub}: {text}");
    }
    let found = bot
        .slash(
            ALICE,
            "en-US",
            "relation",
            "search",
            vec![Opt::Str("query", "wachtlijst")],
        )
        .await;
    assert!(
        content(&found).contains("Jan de Vries"),
        "our own hit only: {found}"
    );
    assert!(!content(&found).contains("Piet"), "{found}");
    bot.stop().await;
}

#[tokio::test]
async fn an_attached_export_is_previewed_confirmed_with_its_button_and_undone() {
    let world = World::new().await;
    let bot = TestBot::start(world.env.clone()).await;
    let path = format!(
        "{}/tests/fixtures/import/linkedin_connections.csv",
        env!("CARGO_MANIFEST_DIR")
    );
    let file = bot
        .standin
        .host_file("Connections.csv", &std::fs::read(path).unwrap());
    let preview = bot
        .slash(
            ALICE,
            "en-US",
            "relation",
            "import",
            vec![Opt::Attachment("file", file)],
        )
        .await;
    assert!(is_ephemeral(&preview), "{preview}");
    assert!(
        content(&preview).starts_with("📥 Import #1 read as LinkedIn Connections.csv"),
        "{preview}"
    );
    assert!(
        content(&preview).contains(
            "• 7 new · 0 updated (blanks filled) · 0 already known · 1 refused · 6 new organisations"
        ),
        "{preview}"
    );
    let confirm = format!("baton:import:{GUILD}:1");
    assert_eq!(
        button_ids(&preview["data"]),
        [confirm.clone(), format!("baton:unimport:{GUILD}:1")]
    );
    let count = || async {
        sqlx::query_scalar::<_, i64>("SELECT count(*) FROM relations")
            .fetch_one(&world.db.pool)
            .await
            .unwrap()
    };
    assert_eq!(count().await, 0, "nothing written before Confirm");

    let not_hers = bot.press(BOB, &confirm).await;
    assert!(content(&not_hers).contains("was started by"), "{not_hers}");
    let done = bot.press(ALICE, &confirm).await;
    assert_eq!(done["type"], 7, "the preview becomes the result: {done}");
    assert!(
        content(&done).starts_with(
            "📥 Import #1 done: 7 new, 0 updated, 0 already known, 1 refused, 6 new organisations."
        ),
        "{done}"
    );
    assert_eq!(count().await, 13);
    let twice = bot.press(ALICE, &confirm).await;
    assert!(
        content(&twice).contains("Import #1 is confirmed already."),
        "{twice}"
    );

    let image = bot
        .standin
        .host_file("logo.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    let refused = bot
        .slash(
            ALICE,
            "nl",
            "relation",
            "import",
            vec![Opt::Attachment("file", image)],
        )
        .await;
    assert!(
        content(&refused).contains("Dit is een afbeelding, geen contactenlijst."),
        "{refused}"
    );
    let undone = bot
        .slash(ALICE, "en-US", "relation", "import", vec![Opt::Str("undo", "#1")])
        .await;
    assert!(
        content(&undone).starts_with("↩️ Import #1 undone: 13 relations removed"),
        "{undone}"
    );
    assert_eq!(count().await, 0);
    bot.stop().await;
}

#[tokio::test]
async fn forget_shows_what_goes_and_its_button_erases_once_for_an_admin_only() {
    let world = World::new().await;
    let bot = TestBot::start(world.env.clone()).await;
    let logged = bot
        .slash(
            ALICE,
            "en-US",
            "contact",
            "log",
            vec![
                Opt::Str("relation", "Jansje Pietersen"),
                Opt::Str("summary", "Belde over haar diabetes"),
            ],
        )
        .await;
    assert!(content(&logged).contains("Jansje Pietersen"), "{logged}");

    let refused = bot
        .slash(
            ALICE,
            "en-US",
            "relation",
            "forget",
            vec![Opt::Str("person", "Jansje Pietersen")],
        )
        .await;
    assert!(
        content(&refused).contains("Only server admins can erase a person"),
        "{refused}"
    );
    let preview = bot
        .slash(
            ADMIN,
            "nl",
            "relation",
            "forget",
            vec![Opt::Str("person", "jansje pietersen")],
        )
        .await;
    assert!(is_ephemeral(&preview), "{preview}");
    assert!(
        content(&preview).contains("wissen kan niet ongedaan worden")
            && content(&preview).contains("contactnotities (1)"),
        "{preview}"
    );
    let erase = format!("baton:forget:{GUILD}:1");
    assert_eq!(button_ids(&preview["data"]), std::slice::from_ref(&erase));
    let summary = || async {
        sqlx::query_scalar::<_, String>("SELECT summary FROM contacts")
            .fetch_one(&world.db.pool)
            .await
            .unwrap()
    };
    assert_eq!(
        summary().await,
        "Belde over haar diabetes",
        "a preview erases nothing"
    );

    let not_admin = bot.press(BOB, &erase).await;
    assert!(content(&not_admin).contains("Only server admins"), "{not_admin}");
    let done = bot.press(ADMIN, &erase).await;
    assert_eq!(done["type"], 7, "the preview becomes the result: {done}");
    assert!(
        content(&done).contains("the person is now “erased person #1”"),
        "{done}"
    );
    assert_eq!(summary().await, "(erased)");
    let twice = bot.press(ADMIN, &erase).await;
    assert!(content(&twice).contains("was erased already"), "{twice}");
    let choices = autocomplete(&bot, "relation", "show", "relation", "Jans").await;
    assert!(choices.iter().all(|c| !c.contains("Jansje")), "{choices:?}");
    bot.stop().await;
}

#[tokio::test]
async fn the_restricted_role_comes_from_the_members_roles_on_discord() {
    let world = World::new().await;
    let bot = TestBot::start(world.env.clone()).await;
    bot.slash(
        ALICE,
        "en-US",
        "contact",
        "log",
        vec![
            Opt::Str("relation", "Karel Mol"),
            Opt::Str("summary", "Schuldhulp aangevraagd"),
            Opt::Bool("restricted", true),
        ],
    )
    .await;
    // The guild's row exists now; give bob's role the restricted notes.
    sqlx::query("UPDATE guilds SET restricted_role_id = $1")
        .bind(support::bot::ROLE as i64)
        .execute(&world.db.pool)
        .await
        .unwrap();
    world.env.forget_guild(GUILD);
    let history = |member| {
        let bot = &bot;
        async move {
            let reply = bot
                .slash(
                    member,
                    "en-US",
                    "contact",
                    "history",
                    vec![Opt::Str("relation", "Karel Mol")],
                )
                .await;
            content(&reply).to_string()
        }
    };
    assert!(
        history(BOB).await.contains("Schuldhulp aangevraagd"),
        "bob has the role"
    );
    assert!(
        history(ALICE).await.contains("Schuldhulp aangevraagd"),
        "alice wrote it"
    );
    let admin = history(ADMIN).await;
    assert!(
        !admin.contains("Schuldhulp"),
        "an admin without the role: {admin}"
    );
    bot.stop().await;
}
