//! `baton console`: the real binary, fed commands on stdin, answering on stdout.

mod support;

use std::io::Write;
use std::process::{Command, Stdio};

use support::db::TestDb;
use support::{monday_morning, phrases};

/// Runs `baton console` with `input` piped in; returns stdout. The console's clock starts
/// at `monday_morning` (`extra_env` may choose another start), so what a test expects does
/// not depend on when it runs.
fn console(db: &TestDb, args: &[&str], input: &str, extra_env: &[(&str, &str)]) -> String {
    let mut command = Command::new(env!("CARGO_BIN_EXE_baton"));
    command
        .arg("console")
        .args(args)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("DATABASE_URL", db.url())
        .env("BATON_LOCALE", "en")
        .env("BATON_CLOCK_START", monday_morning().to_rfc3339())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (key, value) in extra_env {
        command.env(key, value);
    }
    let mut child = command.spawn().expect("baton starts");
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "baton console failed: {stderr}");
    String::from_utf8(output.stdout).unwrap()
}

#[tokio::test]
async fn a_console_session_logs_a_contact_with_a_follow_up_and_shows_the_history() {
    let db = TestDb::new().await;
    let input = concat!(
        "/contact log relation:\"Gemeente Utrecht\" summary:\"Belde over de offerte\" follow_up:\"Offerte sturen\" follow_up_due:\"in 3 days 12:00\"\n",
        "/as bob\n",
        "/contact log relation:\"gemeente utrecht\" summary:\"Mail over planning\" via:email\n",
        "/contact history relation:\"Gemeente Utrecht\"\n",
    );

    let out = console(&db, &["--as", "alice"], input, &[]);

    let lines: Vec<&str> = out.lines().collect();
    assert!(
        lines[0].starts_with("📝 Contact with Gemeente Utrecht logged: phone,"),
        "{out}"
    );
    assert!(lines[0].ends_with("by alice."), "{out}");
    assert!(out.contains("✨ Gemeente Utrecht is a new relation"), "{out}");
    assert!(
        out.contains("⚾ Follow-up P-1: Offerte sturen, due Thu 26 Nov 2026 12:00 CET (in 3 days). alice holds the ball."),
        "{out}"
    );
    assert!(out.contains("↳ “in 3 days 12:00” read as "), "{out}");
    assert!(out.contains("You are now bob."), "{out}");
    assert!(
        out.contains("📝 Contact with Gemeente Utrecht logged: email,"),
        "{out}"
    );
    assert!(
        out.contains("📇 Gemeente Utrecht: last contact today by bob."),
        "{out}"
    );
    let history = out.split("📇").nth(1).unwrap();
    let mail = history
        .find("bob: Mail over planning")
        .expect("newest contact listed");
    let call = history
        .find("alice: Belde over de offerte")
        .expect("older contact listed");
    assert!(mail < call, "newest first: {history}");
    assert!(history.contains("P-1 Offerte sturen: alice, due"), "{history}");
}

#[tokio::test]
async fn a_follow_up_due_just_under_three_days_ahead_reads_as_in_3_days() {
    let db = TestDb::new().await;
    let input =
        "/contact log relation:GGD summary:Gebeld follow_up:Terugbellen follow_up_due:\"in 3 days 12:00\"\n";
    // Tuesday 12:23: Friday 12:00 is 2 days and 23.6 hours away.
    let tuesday = [("BATON_CLOCK_START", "2026-12-01 12:23")];

    let out = console(&db, &["--as", "alice"], input, &tuesday);

    assert!(out.contains("due Fri 4 Dec 2026 12:00 CET (in 3 days)."), "{out}");
}

#[tokio::test]
async fn every_phrase_people_type_is_read_in_the_console_and_says_what_it_assumed() {
    let db = TestDb::new().await;
    let mut input = String::from("/contact log relation:GGD summary:Gebeld\n");
    for phrase in phrases::DUE {
        input.push_str(&format!("/promise add relation:GGD what:x due:\"{phrase}\"\n"));
    }
    for phrase in phrases::PAST {
        input.push_str(&format!(
            "/contact log relation:GGD summary:Gebeld when:\"{phrase}\"\n"
        ));
    }
    input.push_str("/contact log relation:GGD summary:Gebeld when:\"3/3/94\"\n");
    // Tuesday 1 December 2026, two minutes to eleven in the evening.
    let evening = [("BATON_LOCALE", "nl"), ("BATON_CLOCK_START", "2026-12-01 22:58")];

    let out = console(&db, &["--as", "alice"], &input, &evening);

    let read: Vec<&str> = out.lines().filter(|line| line.starts_with("↳ ")).collect();
    for phrase in phrases::DUE.iter().chain(phrases::PAST) {
        let shown = format!("↳ “{phrase}” gelezen als ");
        assert!(
            read.iter().any(|line| line.starts_with(&shown)),
            "{phrase}:\n{out}"
        );
    }
    assert_eq!(read.len(), phrases::DUE.len() + phrases::PAST.len(), "{out}");
    let line = |phrase: &str| {
        let shown = format!("↳ “{phrase}” gelezen als ");
        read.iter()
            .find(|line| line.starts_with(&shown))
            .map(|line| line[shown.len()..].to_string())
            .unwrap_or_default()
    };
    // A span in days lands at the end of the working day; one in hours keeps the minute.
    assert_eq!(line("over een week"), "di 8 dec 2026 17:00 CET");
    assert_eq!(line("over 1,5 uur"), "wo 2 dec 2026 00:28 CET");
    assert_eq!(line("gisteravond"), "ma 30 nov 2026 19:00 CET");
    // What a reading assumed is said with it, in Dutch.
    assert_eq!(
        line("voor vrijdag"),
        "do 3 dec 2026 17:00 CET (vóór vr 4 dec is het eind van de werkdag ervoor)"
    );
    assert_eq!(
        line("morgen middernacht"),
        "do 3 dec 2026 00:00 CET (middernacht is het eind van wo 2 dec)"
    );
    assert_eq!(
        line("09/03"),
        "di 9 mrt 2027 17:00 CET (09/03 gelezen met de dag eerst, als 9 maart)"
    );
    assert_eq!(
        line("over een uur of twee"),
        "wo 2 dec 2026 00:58 CET (een schatting als precies gelezen)"
    );
    // 1994 is read as 1994, and refused as further back than a contact can be logged.
    assert!(!out.contains("2094"), "{out}");
    assert!(!out.contains("niet lezen"), "{out}");
}

#[tokio::test]
async fn the_console_clock_starts_at_the_given_moment_and_moves_on_from_it() {
    let db = TestDb::new().await;
    let input = "/clock\n/clock +2h\n";
    // Both days the clocks change in Amsterdam: 02:00 becomes 03:00, 03:00 becomes 02:00.
    let spring = [("BATON_CLOCK_START", "2026-03-29 01:30")];

    let spring = console(&db, &[], input, &spring);
    let autumn = console(&db, &["--now", "2026-10-25T02:30:00+02:00"], input, &[]);

    assert_eq!(
        spring.lines().collect::<Vec<_>>(),
        [
            "🕑 The console's clock reads Sun 29 Mar 2026 01:30 CET.",
            "🕑 The console's clock reads Sun 29 Mar 2026 04:30 CEST.",
        ],
        "{spring}"
    );
    assert_eq!(
        autumn.lines().collect::<Vec<_>>(),
        [
            "🕑 The console's clock reads Sun 25 Oct 2026 02:30 CEST.",
            "🕑 The console's clock reads Sun 25 Oct 2026 03:30 CET.",
        ],
        "{autumn}"
    );
}

#[tokio::test]
async fn a_local_start_time_is_read_on_the_console_guilds_own_clocks() {
    let db = TestDb::new().await;
    console(
        &db,
        &[],
        "/as carol admin\n/settings guild zone:Europe/London\n",
        &[],
    );

    let out = console(&db, &["--now", "2026-11-23 09:00"], "/clock\n", &[]);

    assert_eq!(
        out.trim(),
        "🕑 The console's clock reads Mon 23 Nov 2026 09:00 GMT.",
        "{out}"
    );
}

#[tokio::test]
async fn the_console_answers_in_dutch_and_accepts_dutch_names() {
    let db = TestDb::new().await;
    let input = "/contact vastleggen relatie:GGD samenvatting:\"Gebeld\" via:telefoon wanneer:gisteren\n";

    let out = console(&db, &["--as", "alice"], input, &[("BATON_LOCALE", "nl")]);

    assert!(
        out.starts_with("📝 Contact met GGD vastgelegd: telefoon,"),
        "{out}"
    );
    assert!(out.contains("“gisteren” gelezen als "), "{out}");
}

#[tokio::test]
async fn console_mistakes_get_a_message_and_the_session_goes_on() {
    let db = TestDb::new().await;
    let input = concat!(
        "/contact lgo relation:x\n",
        "/contact log relation:\"unclosed summary:x\n",
        "/contact log relation:GGD\n",
        "/contact log relation:GGD summary:x colour:red\n",
        "/contact log relation:GGD summary:x via:pigeon\n",
        "/contact log relation:GGD summary:x follow_up:y follow_up_due:\"someday maybe\"\n",
        "/contact history relation:GGD limit:lots\n",
        "/contact log relation:GGD summary:\"still works\"\n",
    );

    let out = console(&db, &["--as", "alice"], input, &[]);

    let lines: Vec<&str> = out.lines().collect();
    assert!(
        lines[0].contains("I don't know the command “/contact lgo”"),
        "{out}"
    );
    assert!(lines[1].contains("a quote is not closed"), "{out}");
    assert!(
        lines[2].contains("`summary` is required. For example: summary:"),
        "{out}"
    );
    assert!(lines[3].contains("has no option `colour`"), "{out}");
    assert!(
        lines[4].contains("`via` cannot be “pigeon”: choose one of phone, email"),
        "{out}"
    );
    assert!(
        lines[5].contains("I can't read “someday maybe” as a date for `follow_up_due`"),
        "{out}"
    );
    assert!(lines[5].contains("`tomorrow 9:00`"), "{out}");
    assert!(
        lines[6].contains("`limit` must be a whole number from 1 to 50"),
        "{out}"
    );
    assert!(lines[7].starts_with("📝 Contact with GGD logged"), "{out}");
}

#[tokio::test]
async fn a_bad_config_stops_the_console_with_one_line_naming_the_key() {
    let db = TestDb::new().await;
    let output = Command::new(env!("CARGO_BIN_EXE_baton"))
        .arg("console")
        .env_clear()
        .env("DATABASE_URL", db.url())
        .env("BATON_TIME_ZONE", "Mars/Olympus")
        .stdin(Stdio::null())
        .output()
        .unwrap();

    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success());
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
    assert!(stderr.contains("time.zone"), "{stderr}");
}

#[tokio::test]
async fn reminders_print_in_the_console_as_they_fire() {
    let db = TestDb::new().await;
    let input = concat!(
        "/promise add relation:\"Gemeente Utrecht\" what:\"Offerte sturen\" due:\"in 1 hour\" owner:bob\n",
        "/clock +2h\n",
        "/as bob\n",
        "/promise done promise:P-1 note:\"Verstuurd\"\n",
        "/clock +1 day\n",
    );
    // Monday 10:00 to 12:00 is within the default working hours; no digest comes between.
    let no_digest = [("BATON_DIGEST_TIME", "23:59")];

    let out = console(&db, &["--as", "alice"], input, &no_digest);

    let nudge = out
        .find("⏰ bob, P-1 for Gemeente Utrecht was due")
        .expect("the reminder fired");
    let clock = out.find("🕑 The console's clock reads").expect("the clock moved");
    assert!(clock < nudge, "the reminder comes after the clock moved: {out}");
    assert!(out.contains("  → /promise done promise:P-1"), "{out}");
    assert!(out.contains("✅ P-1 done: Offerte sturen"), "{out}");
    assert_eq!(out.matches("⏰").count(), 1, "none after it was done: {out}");
}

#[tokio::test]
async fn every_promise_and_settings_command_works_in_the_console() {
    let db = TestDb::new().await;
    let input = concat!(
        "/promise add relation:GGD what:\"Rapport sturen\" due:\"in 3 days\" certainty:confirmed\n",
        "/promise add relation:GGD what:\"Bellen\" due:\"in 4 days\" direction:they_owe owner:bob\n",
        "/promise move promise:P-1 due:\"in 5 days\" reason:\"Waiting for figures\"\n",
        "/promise told promise:P-1\n",
        "/promise list\n",
        "/ball member:bob\n",
        "/promise cancel promise:P-2 reason:\"Not needed\"\n",
        "/promise done promise:P-1\n",
        "/promise list status:all\n",
        "/settings guild working_hours:\"mon-thu 9-17\"\n",
        "/as carol admin\n",
        "/settings guild working_hours:\"mon-thu 9-17\"\n",
        "/settings digest enabled:no\n",
        "/contact history relation:GGD\n",
    );

    let out = console(&db, &["--as", "alice"], input, &[]);

    for expected in [
        "🤝 Promise P-1 to GGD: Rapport sturen",
        "📥 GGD promised us P-2: Bellen",
        "📅 P-1 moved: Rapport sturen (GGD)",
        "  → /promise told promise:P-1",
        "📝 Contact with GGD logged: “Told them the new date for P-1 (Rapport sturen)",
        "📋 Open (page 1 of 1, 2 in all)",
        "⚾ bob holds the ball for:",
        "✖️ P-2 cancelled: Bellen (GGD), by alice.",
        "✅ P-1 done: Rapport sturen (GGD), marked by alice.",
        "📋 All (page 1 of 1, 2 in all)",
        "Only server admins can change these settings.",
        "✅ Changed: `working_hours`.",
        "📭 Your daily digest is off.",
        "📅 P-1 Rapport sturen moved to",
    ] {
        assert!(out.contains(expected), "missing {expected:?} in:\n{out}");
    }
}

#[tokio::test]
async fn the_console_clock_refuses_to_move_more_than_ten_years_instead_of_crashing() {
    let db = TestDb::new().await;
    let input = concat!(
        "/clock +99999999 dagen\n",
        "/clock +9223372036854775807 minutes\n",
        "/clock +3653 days\n",
        "/clock +1 day\n",
        "/clock +soon\n",
        "/promise add relation:GGD what:\"Bellen\" due:\"in 3 days\"\n",
    );

    let out = console(&db, &["--as", "alice"], input, &[]);

    assert_eq!(out.matches("would take it further").count(), 3, "{out}");
    assert_eq!(out.matches("🕑 The console's clock reads").count(), 1, "{out}");
    assert!(out.contains("I can't read “+soon” as a length of time"), "{out}");
    assert!(
        out.contains("🤝 Promise P-1 to GGD: Bellen"),
        "still works ten years on: {out}"
    );
}

#[tokio::test]
async fn a_handover_is_given_refused_to_others_accepted_once_and_the_ball_moves() {
    let db = TestDb::new().await;
    let input = concat!(
        "/promise add relation:GGD what:\"Rapport sturen\" due:\"friday 12:00\"\n",
        "/handover give to:bob relation:GGD notes:\"Calls back after 10\"\n",
        "/as carol\n",
        "/handover accept handover:H-1\n",
        "/as bob\n",
        "/handover list\n",
        "/handover accept handover:H-1\n",
        "/handover accept handover:H-1\n",
        "/ball\n",
    );

    let out = console(&db, &["--as", "alice"], input, &[]);

    assert!(
        out.contains("🤝 alice hands GGD over to bob (H-1). Until it is accepted, alice holds the ball."),
        "{out}"
    );
    assert!(out.contains("  │ Calls back after 10"), "{out}");
    // Monday 10:00 and four working hours.
    assert!(
        out.contains("bob, please accept or decline by Mon 23 Nov 2026 14:00 CET (in 4 hours)."),
        "{out}"
    );
    assert!(out.contains("  → /handover accept handover:H-1"), "{out}");
    assert!(out.contains("Only bob can answer H-1"), "{out}");
    assert!(out.contains("• H-1 GGD: alice → bob, since"), "{out}");
    assert!(
        out.contains("✅ bob accepted H-1: bob now holds the ball for GGD."),
        "{out}"
    );
    assert!(out.contains("Moved to bob: P-1."), "{out}");
    assert!(
        out.contains("H-1 was already accepted by bob: nothing changed."),
        "{out}"
    );
    assert!(out.contains("⚾ bob holds the ball for:"), "{out}");
    assert!(out.contains("• P-1 Rapport sturen · GGD · bob"), "{out}");
}

#[tokio::test]
async fn an_absence_routes_reminders_to_the_backup_and_an_admin_hands_everything_over() {
    let db = TestDb::new().await;
    let input = concat!(
        "/promise add relation:GGD what:\"Rapport sturen\" due:\"in 1 hour\"\n",
        "/away set until:friday backup:bob note:\"ziek\"\n",
        "/away set until:friday backup:alice\n",
        "/away set until:\"next week\" backup:carol\n",
        "/away list\n",
        "/clock +2h\n",
        "/as bob\n",
        "/promise done promise:P-1\n",
        "/promise add relation:GGD what:\"Terugbellen\" due:\"next week\" owner:alice\n",
        "/as carol admin\n",
        "/away end member:alice\n",
        "/clock +1 day\n",
        "/handover all from:alice to:dave notes:\"Alice is vertrokken\" accept_now:true\n",
        "/ball member:dave\n",
    );
    let no_digest = [("BATON_DIGEST_TIME", "23:59")];

    let out = console(&db, &["--as", "alice"], input, &no_digest);

    assert!(
        out.contains("🌴 alice is away until Fri 27 Nov 2026 23:59"),
        "{out}"
    );
    assert!(out.contains("alice is already away from"), "{out}");
    assert!(out.contains("Away now:\n• alice until"), "{out}");
    assert!(
        out.contains("⏰ bob (on behalf of alice, who is away), P-1 for GGD was due"),
        "{out}"
    );
    assert!(
        out.contains("✅ P-1 done: Rapport sturen"),
        "the backup closed it: {out}"
    );
    assert!(out.contains("👋 alice is back"), "{out}");
    assert!(out.contains("👋 Welcome back, alice."), "the summary: {out}");
    assert!(out.contains("P-1 Rapport sturen done"), "{out}");
    assert!(
        out.contains("🤝 Everything alice held is now with dave, accepted at once:\n• H-1 GGD · P-2"),
        "{out}"
    );
    assert!(out.contains("P-2 Terugbellen"), "dave's ball: {out}");
}

#[tokio::test]
async fn an_appointment_is_added_listed_reminded_and_missed_with_a_new_date_in_the_console() {
    let db = TestDb::new().await;
    let files = std::env::temp_dir().join(format!("baton-console-files-{}", std::process::id()));
    std::fs::create_dir_all(&files).unwrap();
    let input = concat!(
        "/appointment add relation:GGD when:woensdag\n",
        "/appointment add relation:GGD when:\"woensdag 10:00\" duration:\"1,5 uur\" where:\"Stationsplein 1\" with:bob about:intake\n",
        "/appointment list range:woensdag\n",
        "/as bob\n",
        "/appointment outcome appointment:A-1 outcome:missed new_when:\"vrijdag 14:00\" reason:ziek\n",
        "/as alice\n",
        "/clock +1 day\n",
        "/clock +23h\n",
        "/clock +3h\n",
        "/appointment outcome appointment:A-1 outcome:missed\n",
        "/appointment outcome appointment:A-1 outcome:missed new_when:\"vrijdag 14:00\" reason:\"Cliënt was ziek\"\n",
        "/ball\n",
    );

    let out = console(
        &db,
        &["--as", "alice"],
        input,
        &[("BATON_CONSOLE_FILES", files.to_str().unwrap())],
    );

    assert!(
        out.contains("when: “woensdag” names a day but no time. Add the time, e.g. 'woensdag 10:00'."),
        "{out}"
    );
    assert!(
        out.contains("📅 Appointment A-1 with GGD: Wed 25 Nov 2026 10:00 CET (in 2 days) until Wed 25 Nov 2026 11:30 CET."),
        "{out}"
    );
    assert!(out.contains("👥 alice, bob · alice holds the ball"), "{out}");
    assert!(
        out.contains("│ We hereby confirm our appointment on Wednesday 25 November 2026 from 10:00 to 11:30, at Stationsplein 1 (about: intake)."),
        "{out}"
    );
    let saved = files.join("A-1.ics");
    assert!(out.contains(&format!("📎 {}", saved.display())), "{out}");
    let ics = std::fs::read_to_string(&saved).unwrap();
    assert!(
        ics.contains("DTSTART;TZID=Europe/Amsterdam:20261125T100000"),
        "{ics}"
    );
    assert!(
        out.contains("• A-1 Wed 25 Nov 2026 10:00 CET (90 min) · GGD · Stationsplein 1 · alice, bob"),
        "{out}"
    );
    assert!(out.contains("A-1 is alice's appointment"), "{out}");
    // The clock moved on: the reminders came, a day and an hour before, and the question
    // after the end.
    assert_eq!(
        out.matches("📅 alice, bob: appointment A-1 with GGD starts")
            .count(),
        2,
        "{out}"
    );
    assert!(
        out.contains("📅 alice, bob: appointment A-1 with GGD starts"),
        "{out}"
    );
    assert!(out.contains("❓ alice, did appointment A-1 with GGD"), "{out}");
    assert!(
        out.contains("→ /appointment outcome appointment:A-1 outcome:missed new_when:\"…\" reason:\"…\""),
        "{out}"
    );
    assert!(out.contains("A missed appointment needs a new date"), "{out}");
    assert!(
        out.contains(
            "🔁 A-1 with GGD was missed: Cliënt was ziek. New appointment A-2: Fri 27 Nov 2026 14:00 CET"
        ),
        "{out}"
    );
    assert!(
        out.contains("📣 P-1: Tell GGD the new date: A-2 on Fri 27 Nov 2026 14:00 CET"),
        "{out}"
    );
    assert!(out.contains("⚾ alice holds the ball for:"), "{out}");
    std::fs::remove_dir_all(&files).ok();
}

#[tokio::test]
async fn the_address_book_works_in_the_console_in_both_languages() {
    let db = TestDb::new().await;
    // The context menu's "Log as contact" is `/contact log` with the message as the summary.
    let input = concat!(
        "/relation add name:\"GGD Utrecht\" kind:organisation\n",
        "/relation add name:\"Zoë Bakker\" organisation:\"ggd utrecht\" role:arts email:zoe@ggd.nl keep_in_touch:\"elke 3 maanden\"\n",
        "/relation add name:\"Zoe Bakkers\"\n",
        "/relation add name:\"Piet\" organisation:\"Nieuw BV\"\n",
        "/contact log relation:\"zoe bakker\" summary:\"Belde over de offertes voor de Wmo\"\n",
        "/as bob\n",
        "/relation move person:\"Zoë Bakker\" to:\"Provincie Utrecht\" role:adviseur\n",
        "/relation who organisation:\"GGD Utrecht\"\n",
        "/relation search query:offerte\n",
        "/relation edit relation:\"Zoë Bakker\" email:-\n",
        "/relation show relation:\"Zoë Bakker\"\n",
        "/relatie zoeken zoekterm:adviseur\n",
    );

    let out = console(&db, &["--as", "alice"], input, &[]);

    for expected in [
        "👤 GGD Utrecht added, as organisation.",
        "• GGD Utrecht as arts, since Mon 23 Nov 2026",
        "🔁 Keep in touch every 3 months.",
        "There is no relation “Zoe Bakkers” yet, but “Zoë Bakker” looks like it. Pick that one, or add new_relation:true",
        "There is no organisation “Nieuw BV” yet. Add new_relation:true to create it too",
        "📝 Contact with Zoë Bakker logged",
        "🚚 Zoë Bakker now works at Provincie Utrecht as adviseur.",
        "alice had contact with Zoë Bakker this past year and hear it by direct message.",
        "• alice → Zoë Bakker as arts (left): 1×",
        "🔎 1 found for “offerte”:\n• Zoë Bakker · Provincie Utrecht — contact Mon 23 Nov 2026 10:00 CET by alice: Belde over de offertes voor de Wmo",
        "✏️ Zoë Bakker updated: email.",
        "Before\n• GGD Utrecht as arts, Mon 23 Nov 2026 – Mon 23 Nov 2026",
        "→ /contact log relation:\"Zoë Bakker\" summary:\"…\"",
        "• Zoë Bakker · Provincie Utrecht — role: adviseur",
    ] {
        assert!(out.contains(expected), "{expected}\n---\n{out}");
    }
    assert_eq!(
        out.matches("zoe@ggd.nl").count(),
        1,
        "cleared after the edit: {out}"
    );
}

#[tokio::test]
async fn keeping_in_touch_nudges_once_in_the_console_and_a_contact_resets_it() {
    let db = TestDb::new().await;
    let input = concat!(
        "/relatie nieuw naam:\"Gemeente Zeist\" soort:organisatie contact_houden:\"elke 2 weken\" accounthouder:bob\n",
        "/relatie nieuw naam:\"Zorggroep De Linde\" soort:organisatie contact_houden:\"elke 3 dagen\"\n",
        "/klok +14 dagen\n",
        "/klok +1 dag\n",
        "/as bob\n",
        "/bal\n",
        "/contact log relation:\"gemeente zeist\" summary:\"Gebeld over de subsidie\"\n",
        "/bal\n",
        "/klok +13 dagen\n",
    );
    let no_digest = [("BATON_DIGEST_TIME", "23:59"), ("BATON_LOCALE", "nl")];

    let out = console(&db, &["--as", "alice"], input, &no_digest);

    assert!(
        out.contains("is vaker dan eens per week (contact_houden)"),
        "a cadence under a week is refused: {out}"
    );
    assert!(
        out.contains("🤝 bob, tijd om contact op te nemen met Gemeente Zeist: geen contact vastgelegd sinds ma 23 nov 2026 10:00 CET"),
        "{out}"
    );
    assert_eq!(out.matches("🤝 bob").count(), 1, "once per lapse: {out}");
    let ball = out
        .find("Tijd om contact op te nemen\n• 🤝 Gemeente Zeist")
        .expect("on bob's ball");
    let logged = out
        .find("📝 Contact met Gemeente Zeist vastgelegd")
        .expect("logged");
    assert!(ball < logged);
    assert!(
        !out[logged..].contains("• 🤝 Gemeente Zeist"),
        "off the ball after the contact: {out}"
    );
}

#[tokio::test]
async fn a_contact_file_is_imported_and_undone_in_the_console_and_from_the_command_line() {
    let db = TestDb::new().await;
    let file = format!(
        "{}/tests/fixtures/import/contacts_v3.vcf",
        env!("CARGO_MANIFEST_DIR")
    );
    let input = format!(
        "/relation import file:\"{file}\"\n/relation import confirm_import:1\n/relation import confirm_import:1\n/relation import file:/no/such/file.csv\n/relation import undo:1\n"
    );

    let out = console(&db, &["--as", "alice"], &input, &[]);

    assert!(out.contains("📥 Import #1 read as vCard (UTF-8)."), "{out}");
    assert!(out.contains("  → /relation import confirm_import:1"), "{out}");
    assert!(out.contains("📥 Import #1 done: "), "{out}");
    assert!(out.contains("Import #1 is confirmed already."), "{out}");
    assert!(out.contains("Cannot open /no/such/file.csv: "), "{out}");
    assert!(out.contains("↩️ Import #1 undone: "), "{out}");

    let cli = Command::new(env!("CARGO_BIN_EXE_baton"))
        .args(["import", &file, "--yes"])
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("DATABASE_URL", db.url())
        .env("BATON_LOCALE", "en")
        .output()
        .unwrap();
    let printed = String::from_utf8_lossy(&cli.stdout);
    assert!(
        cli.status.success(),
        "{printed}\n{}",
        String::from_utf8_lossy(&cli.stderr)
    );
    assert!(printed.contains("📥 Import #2 read as vCard"), "{printed}");
    assert!(printed.contains("📥 Import #2 done: 3 new"), "{printed}");
    let refused = Command::new(env!("CARGO_BIN_EXE_baton"))
        .args(["import", "--undo", "99"])
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("DATABASE_URL", db.url())
        .env("BATON_LOCALE", "en")
        .output()
        .unwrap();
    assert!(!refused.status.success());
    assert!(
        String::from_utf8_lossy(&refused.stderr).contains("There is no import #99 in this server."),
        "{}",
        String::from_utf8_lossy(&refused.stderr)
    );
}
