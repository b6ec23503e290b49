//! Whatever people type into the options of any command, against PostgreSQL: the command
//! either works or refuses with a message in both languages, never with an internal error
//! and never with a panic.

mod support;

use baton::console::ConsoleSurface;
use baton::core::contact::{self, ContactHistory, LogContact};
use baton::core::listing::{self, ListPromises};
use baton::core::promise::{self, AddPromise};
use baton::core::settings::{self, ChangeSettings};
use baton::core::{Body, CommandError, Frame, ListQuery, MemberRef, Reply, Request};
use baton::discord::DiscordSurface;
use baton::domain::{Lang, MemberId};
use baton::render;
use baton::store::commitments::Filter;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use support::{request, World};

const ALICE: i64 = 11;
const BOB: i64 = 12;

/// Text people might type: anything at all, and the shapes that stress the readers.
fn typed_text() -> BoxedStrategy<String> {
    prop_oneof![
        3 => any::<String>(),
        2 => "[0-9]{8,30}",
        2 => "(over|in) [0-9]{1,25} (dagen|days|minuten|minutes|weken|years|jaar)( geleden| ago)?",
        2 => "[0-9]{1,5}[-/.][0-9]{1,5}([-/.][0-9]{1,6})?( [0-9]{1,3}[:.][0-9]{1,3})?",
        2 => "[Pp#]-?[0-9]{1,15}",
        1 => "-?[0-9]{1,20} ?(dag|day|uur|hours|min)",
        2 => prop::sample::select(FRAGMENTS).prop_map(str::to_string),
        1 => (prop::sample::select(FRAGMENTS), 1..10_240_usize).prop_map(|(s, n)| s.repeat(n / s.len().max(1) + 1)),
        1 => "[\\x00-\\x1f\u{202e}\u{200f}\u{feff}]{1,8}[a-z0-9 ]{0,8}",
    ]
    .boxed()
}

/// Fragments seen in real input, and some that are not dates at all.
const FRAGMENTS: &[&str] = &[
    "morgen 9:00",
    "vrijdag 12:00",
    "in 3 days",
    "99999999 dagen",
    "over 99999999 dagen",
    "over 9223372036854775807 minuten",
    "-5 days",
    "0 dagen",
    "31-02",
    "29-02-2027",
    "9999-12-31",
    "0000-01-01",
    "P-999999999999",
    "P-1",
    "P-2147483647",
    "🙂🔥",
    "שלום עולם",
    "مرحبا",
    "\u{0}",
    "a\u{0}b",
    "mon-fri 08:30-17:30",
    "za-ma 0-24",
    "1 working day",
    "1000 hours",
    "Europe/Amsterdam",
    "Mars/Olympus",
    "08:45",
    "24:00",
    "zone",
    "Gemeente Utrecht",
];

#[derive(Clone, Debug)]
struct Typed {
    texts: [String; 6],
    number: i64,
    page: u32,
    flag: bool,
    lang: Option<Lang>,
    /// Use the reference of a promise that exists instead of typed text.
    real_reference: bool,
}

fn inputs() -> impl Strategy<Value = Typed> {
    (
        [
            typed_text(),
            typed_text(),
            typed_text(),
            typed_text(),
            typed_text(),
            typed_text(),
        ],
        prop_oneof![any::<i64>(), -5..60_i64],
        any::<u32>(),
        any::<bool>(),
        prop::sample::select(vec![None, Some(Lang::En), Some(Lang::Nl)]),
        any::<bool>(),
    )
        .prop_map(|(texts, number, page, flag, lang, real_reference)| Typed {
            texts,
            number,
            page,
            flag,
            lang,
            real_reference,
        })
}

/// Works, or refuses with words for the person in both languages on both surfaces.
fn check(command: &str, result: Result<Reply, CommandError>, frame: &Frame) -> Result<(), TestCaseError> {
    let err = match result {
        Ok(reply) => {
            let text = render::reply(&reply, &ConsoleSurface);
            prop_assert!(!text.trim().is_empty(), "{command}: an empty reply");
            return Ok(());
        }
        Err(err) => err,
    };
    prop_assert!(matches!(err, CommandError::User(_)), "{command}: {err:?}");
    for lang in Lang::ALL {
        let frame = Frame { lang, ..*frame };
        for text in [
            render::error(&err, &frame, &ConsoleSurface),
            render::error(&err, &frame, &DiscordSurface),
        ] {
            prop_assert!(
                !text.trim().is_empty(),
                "{command}: {err:?} has no words in {lang:?}"
            );
        }
    }
    Ok(())
}

/// Runs every command of the core with the typed text in its options.
async fn every_command(world: &World, typed: Typed) -> Result<(), TestCaseError> {
    let env = &world.env;
    let mut alice = request(ALICE, "alice");
    alice.lang = typed.lang;
    let mut admin: Request = request(BOB, "bob");
    admin.actor.admin = true;
    let frame = env.cached_frame(&alice);
    let [a, b, c, d, e, f] = typed.texts.clone();

    // A promise that exists, so done/move/cancel/told can reach past the reference check.
    let made = promise::add(env, &alice, sane_promise()).await;
    let reference = match &made {
        Ok(Reply {
            body: Body::PromiseAdded(added),
            ..
        }) => added.promise.reference.to_string(),
        other => return Err(TestCaseError::fail(format!("a sane promise failed: {other:?}"))),
    };
    let target = if typed.real_reference {
        reference
    } else {
        a.clone()
    };

    let log = LogContact {
        relation: a.clone(),
        summary: b.clone(),
        via: None,
        when: Some(c.clone()),
        follow_up: Some(d.clone()),
        follow_up_due: Some(e.clone()),
        follow_up_owner: None,
        restricted: typed.flag,
        new_relation: typed.flag,
    };
    check("contact log", contact::log(env, &alice, log).await, &frame)?;
    let when_only = LogContact {
        relation: "Gemeente Utrecht".into(),
        summary: "Gebeld".into(),
        when: Some(a.clone()),
        ..LogContact::default()
    };
    check(
        "contact log when",
        contact::log(env, &alice, when_only).await,
        &frame,
    )?;
    let history = ContactHistory {
        relation: b.clone(),
        limit: Some(typed.number),
    };
    check(
        "contact history",
        contact::history(env, &alice, history).await,
        &frame,
    )?;

    let add = AddPromise {
        relation: a.clone(),
        what: b.clone(),
        due: c.clone(),
        owner: None,
        direction: None,
        certainty: None,
        depends_on: Some(d.clone()),
        remind_before: Some(e.clone()),
        new_relation: !typed.flag,
    };
    check("promise add", promise::add(env, &alice, add).await, &frame)?;
    let details = baton::core::relation::Details {
        role: Some(b.clone()),
        email: Some(c.clone()),
        phone: Some(d.clone()),
        linkedin: Some(e.clone()),
        tags: Some(f.clone()),
        keep_in_touch: Some(a.clone()),
        owner: None,
        owner_is_bot: false,
    };
    let relation_add = baton::core::relation::AddRelation {
        name: a.clone(),
        kind: None,
        organisation: Some(b.clone()),
        details: details.clone(),
        new_relation: typed.flag,
    };
    check(
        "relation add",
        baton::core::relation::add(env, &alice, relation_add).await,
        &frame,
    )?;
    let relation_edit = baton::core::relation::EditRelation {
        relation: a.clone(),
        name: Some(c.clone()),
        kind: None,
        organisation: Some(d.clone()),
        details,
        new_relation: typed.flag,
    };
    check(
        "relation edit",
        baton::core::relation::edit(env, &alice, relation_edit).await,
        &frame,
    )?;
    let relation_move = baton::core::relation::MoveRelation {
        person: a.clone(),
        to: b.clone(),
        role: Some(c.clone()),
        new_relation: typed.flag,
    };
    check(
        "relation move",
        baton::core::relation::move_person(env, &alice, relation_move).await,
        &frame,
    )?;
    let relation_merge = baton::core::relation::MergeRelations {
        keep: a.clone(),
        remove: b.clone(),
        confirm: typed.flag,
    };
    check(
        "relation merge",
        baton::core::relation::merge(env, &alice, relation_merge).await,
        &frame,
    )?;
    check(
        "relation search",
        baton::core::relation::search(env, &alice, &c).await,
        &frame,
    )?;
    check(
        "relation who",
        baton::core::relation::who(env, &alice, &d).await,
        &frame,
    )?;
    check(
        "relation show",
        baton::core::relation::show(env, &alice, &e).await,
        &frame,
    )?;
    let due_only = AddPromise {
        due: f.clone(),
        remind_before: Some(a.clone()),
        ..sane_promise()
    };
    check(
        "promise add due",
        promise::add(env, &alice, due_only).await,
        &frame,
    )?;
    let moved = promise::move_due(env, &alice, &target, &c, &d).await;
    check("promise move", moved, &frame)?;
    check("promise told", promise::told(env, &alice, &target).await, &frame)?;
    let note = Some(b.clone()).filter(|_| typed.flag);
    check(
        "promise done",
        promise::done(env, &alice, &target, note).await,
        &frame,
    )?;
    check(
        "promise cancel",
        promise::cancel(env, &alice, &target, &e).await,
        &frame,
    )?;

    let list = ListPromises {
        owner: None,
        relation: Some(f.clone()),
        status: None,
        page: Some(typed.number),
    };
    check("promise list", listing::list(env, &alice, list).await, &frame)?;
    let query = ListQuery {
        filter: Filter::All,
        owner: None,
        relation: None,
    };
    check(
        "list page",
        listing::page_of(env, &alice, query, typed.page).await,
        &frame,
    )?;
    let bob = MemberRef {
        id: MemberId(BOB),
        name: f.clone(),
    };
    check("ball", listing::ball(env, &alice, Some(bob)).await, &frame)?;

    let change = ChangeSettings {
        working_hours: Some(a),
        repeat_every: Some(b),
        escalate_after: Some(typed.number),
        digest_time: Some(c),
        zone: Some(d),
        reset: Some(e),
        ..ChangeSettings::default()
    };
    check(
        "settings guild",
        settings::guild(env, &admin, change.clone()).await,
        &frame,
    )?;
    check(
        "settings guild (not admin)",
        settings::guild(env, &alice, change).await,
        &frame,
    )?;
    let one = ChangeSettings {
        zone: Some(f),
        ..ChangeSettings::default()
    };
    check("settings zone", settings::guild(env, &admin, one).await, &frame)?;
    check(
        "settings digest",
        settings::digest(env, &alice, Some(typed.flag)).await,
        &frame,
    )?;
    check(
        "settings digest shown",
        settings::digest(env, &alice, None).await,
        &frame,
    )
}

fn sane_promise() -> AddPromise {
    AddPromise {
        relation: "Gemeente Utrecht".into(),
        what: "Offerte sturen".into(),
        due: "in 3 days".into(),
        ..AddPromise::default()
    }
}

fn typed(texts: [&str; 6], number: i64) -> Typed {
    Typed {
        texts: texts.map(str::to_string),
        number,
        page: 0,
        flag: false,
        lang: None,
        real_reference: true,
    }
}

#[tokio::test]
async fn inputs_that_once_broke_a_command_now_work_or_are_refused() {
    let world = World::new().await;
    let cases = [
        // A member name with NUL bytes (the console takes names as typed) failed to store.
        typed(["", "", "", "", "", "\0\0"], 0),
        // The heads-up of a span this long overflowed the date arithmetic.
        typed(
            [
                "GGD",
                "Bellen",
                "morgen",
                "",
                "99999999 dagen",
                "over 99999999 dagen",
            ],
            1,
        ),
        typed(
            [
                "P-999999999999",
                "x",
                "9999-12-31",
                "0000-01-01",
                "over 9223372036854775807 minuten",
                "31-02",
            ],
            i64::MIN,
        ),
    ];

    for case in cases {
        let shown = format!("{case:?}");
        if let Err(err) = every_command(&world, case).await {
            panic!("{shown}: {err}");
        }
    }
}

#[test]
fn no_typed_option_makes_any_command_panic_or_fail_internally() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a runtime");
    let world = runtime.block_on(World::new());
    // A couple of hundred cases keep `cargo test` quick; PROPTEST_CASES digs deeper.
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|cases| cases.parse().ok())
        .unwrap_or(200);
    let config = Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    };
    let mut runner = TestRunner::new(config);

    let outcome = runner.run(&inputs(), |typed| runtime.block_on(every_command(&world, typed)));

    if let Err(failure) = outcome {
        panic!("{failure}");
    }
}
