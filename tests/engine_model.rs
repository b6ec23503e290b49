//! The delivery engine against a small model of what people should see. Random sequences
//! of operations over three guilds (promises added with and without a heads-up, moved,
//! done, cancelled and told; working hours, repeat and escalation changed; the clock
//! moved across nights, weekends and both DST changes; an instance crashing between claim
//! and send; a second scheduler ticking at once; Discord answering 429 and 500 for a
//! while) run against the real store and scheduler. After every step the engine runs and
//! what was posted is held against the model, which knows nothing of the planner:
//! - every open commitment past its due time was nudged by the next working moment;
//! - no nudge number of a due date is posted twice, nothing is posted for a commitment
//!   that is closed or for a date it no longer has;
//! - a nudge escalates exactly when its number passes the guild's count, and a heads-up
//!   comes at most once per due date, before it;
//! - no tick fails while the database is up.
//!
//! `PROPTEST_CASES=2000 cargo test --test engine_model` runs a longer search.

mod support;

use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration as StdDuration;

use baton::clock::{Clock, ManualClock};
use baton::console::ConsoleSurface;
use baton::core::promise::{self, AddPromise};
use baton::core::settings::{self, ChangeSettings};
use baton::core::{Actor, Body, CommandError, Env, GuildSettings, MemberRef, Request};
use baton::domain::{ChannelId, CommitmentRef, GuildId, Lang, MemberId, SubjectRef};
use baton::reminders::notifier::{Notifier, Outgoing, SendError, Sending, Shown};
use baton::reminders::{Options, Scheduler};
use baton::render::Surface;
use chrono::{DateTime, Datelike, Duration, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use sqlx::PgPool;

const GUILDS: [GuildId; 3] = [GuildId(910_001), GuildId(910_002), GuildId(910_003)];
const ZONES: [Tz; 3] = [
    chrono_tz::Europe::Amsterdam,
    chrono_tz::Europe::Amsterdam,
    chrono_tz::America::New_York,
];
const CREATOR: i64 = 1;
const ADMIN: i64 = 9;

/// What the setting says, and the model's own reading: working days from Monday, opening
/// and closing (hour, minute).
type HoursChoice = (&'static str, [bool; 7], (u32, u32), (u32, u32));

/// Working hours a guild can choose.
const HOURS: [HoursChoice; 4] = [
    (
        "mon-fri 08:30-17:30",
        [true, true, true, true, true, false, false],
        (8, 30),
        (17, 30),
    ),
    (
        "ma-za 7:00-20:00",
        [true, true, true, true, true, true, false],
        (7, 0),
        (20, 0),
    ),
    (
        "ma,wo,vr 9-17",
        [true, false, true, false, true, false, false],
        (9, 0),
        (17, 0),
    ),
    ("mon-sun 10:00-12:00", [true; 7], (10, 0), (12, 0)),
];
const REPEATS: [&str; 3] = ["1 working day", "2 working days", "3 hours"];

#[derive(Clone, Debug)]
enum Op {
    Add {
        guild: usize,
        owner: i64,
        due_in: i64,
        heads_up: Option<i64>,
    },
    Move {
        pick: usize,
        due_in: i64,
    },
    Done {
        pick: usize,
    },
    Cancel {
        pick: usize,
    },
    Told {
        pick: usize,
    },
    Hours {
        guild: usize,
        choice: usize,
    },
    Repeat {
        guild: usize,
        choice: usize,
    },
    EscalateAfter {
        guild: usize,
        after: i64,
    },
    Advance {
        minutes: i64,
    },
    Crash {
        posted_first: bool,
    },
    Concurrent,
    Trouble {
        server_error: bool,
        count: usize,
    },
}

fn minutes_ahead() -> impl Strategy<Value = i64> {
    prop_oneof![2..180i64, 180..4320i64]
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (0..3usize, 2..5i64, minutes_ahead(), prop::option::of(10..2880i64))
            .prop_map(|(guild, owner, due_in, heads_up)| Op::Add { guild, owner, due_in, heads_up }),
        2 => (any::<usize>(), minutes_ahead()).prop_map(|(pick, due_in)| Op::Move { pick, due_in }),
        1 => any::<usize>().prop_map(|pick| Op::Done { pick }),
        1 => any::<usize>().prop_map(|pick| Op::Cancel { pick }),
        1 => any::<usize>().prop_map(|pick| Op::Told { pick }),
        1 => (0..3usize, 0..HOURS.len()).prop_map(|(guild, choice)| Op::Hours { guild, choice }),
        1 => (0..3usize, 0..REPEATS.len()).prop_map(|(guild, choice)| Op::Repeat { guild, choice }),
        1 => (0..3usize, 1..4i64).prop_map(|(guild, after)| Op::EscalateAfter { guild, after }),
        6 => prop_oneof![1..90i64, 90..1440i64, 1440..4320i64].prop_map(|minutes| Op::Advance { minutes }),
        1 => any::<bool>().prop_map(|posted_first| Op::Crash { posted_first }),
        1 => Just(Op::Concurrent),
        1 => (any::<bool>(), 1..6usize).prop_map(|(server_error, count)| Op::Trouble { server_error, count }),
    ]
}

/// Where a sequence starts: an ordinary Monday, just before each DST change, a weekend,
/// and a minute before closing.
fn start() -> impl Strategy<Value = DateTime<Utc>> {
    let amsterdam = |y, m, d, h, min| {
        chrono_tz::Europe::Amsterdam
            .with_ymd_and_hms(y, m, d, h, min, 0)
            .unwrap()
            .with_timezone(&Utc)
    };
    prop::sample::select(vec![
        amsterdam(2026, 11, 23, 9, 0),
        amsterdam(2026, 3, 27, 16, 0),
        amsterdam(2026, 10, 23, 16, 0),
        amsterdam(2026, 10, 30, 15, 0),
        amsterdam(2026, 11, 28, 12, 0),
        amsterdam(2026, 12, 2, 17, 29),
    ])
}

#[test]
fn the_engine_loses_nothing_doubles_nothing_and_never_fails_a_tick() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let db = runtime.block_on(support::db::TestDb::new());
    support::model::run(
        256,
        &(start(), prop::collection::vec(op(), 1..28)),
        |(start, ops)| runtime.block_on(run_case(&db.pool, start, &ops)),
    );
}

// ---- Discord as the engine meets it ------------------------------------------------

/// Keeps one post per nonce (a retry with the same nonce within five minutes returns the
/// first message, as Discord does) and answers 429 or 500 when told to.
struct FakeDiscord {
    clock: Arc<ManualClock>,
    state: Mutex<Fake>,
}

#[derive(Default)]
struct Fake {
    nonces: HashMap<String, (u64, DateTime<Utc>)>,
    posts: Vec<Post>,
    failures: VecDeque<SendError>,
}

#[derive(Clone, Debug)]
struct Post {
    at: DateTime<Utc>,
    guild: GuildId,
    nudges: Vec<Shown>,
}

impl FakeDiscord {
    fn post(&self, message: &Outgoing) -> u64 {
        let now = self.clock.now();
        let mut fake = self.state.lock().unwrap();
        if let Some((id, at)) = fake.nonces.get(&message.nonce) {
            if now - *at < Duration::minutes(5) {
                return *id;
            }
        }
        let id = fake.posts.len() as u64 + 1;
        fake.nonces.insert(message.nonce.clone(), (id, now));
        fake.posts.push(Post {
            at: now,
            guild: message.guild,
            nudges: message.nudges.clone(),
        });
        id
    }
}

impl Notifier for FakeDiscord {
    fn surface(&self) -> &dyn Surface {
        &ConsoleSurface
    }

    fn send<'a>(&'a self, message: &'a Outgoing) -> Sending<'a> {
        Box::pin(async move {
            let failure = self.state.lock().unwrap().failures.pop_front();
            match failure {
                Some(failure) => Err(failure),
                None => Ok(self.post(message)),
            }
        })
    }
}

/// An instance that dies while sending: each send hangs, after reaching Discord or before.
struct Hanging {
    discord: Arc<FakeDiscord>,
    posted_first: bool,
    reached: AtomicUsize,
}

impl Notifier for Hanging {
    fn surface(&self) -> &dyn Surface {
        &ConsoleSurface
    }

    fn send<'a>(&'a self, message: &'a Outgoing) -> Sending<'a> {
        Box::pin(async move {
            if self.posted_first {
                self.discord.post(message);
            }
            self.reached.fetch_add(1, Ordering::SeqCst);
            std::future::pending::<Result<u64, SendError>>().await
        })
    }
}

// ---- The model ---------------------------------------------------------------------

struct GuildModel {
    zone: Tz,
    /// The working hours (an index into `HOURS`) from each moment on.
    hours: Vec<(DateTime<Utc>, usize)>,
    /// The escalation count from each moment on.
    escalate_after: Vec<(DateTime<Utc>, u32)>,
}

impl GuildModel {
    /// The first moment at or after `t` that lies inside the working hours in force then.
    fn next_open(&self, t: DateTime<Utc>) -> DateTime<Utc> {
        let mut t = t;
        loop {
            let current = self
                .hours
                .iter()
                .rev()
                .find(|(from, _)| *from <= t)
                .map_or(0, |(_, h)| *h);
            let change = self.hours.iter().map(|(from, _)| *from).find(|from| *from > t);
            let open = self.next_open_under(current, t);
            match change {
                Some(change) if change <= open => t = change,
                _ => return open,
            }
        }
    }

    fn next_open_under(&self, hours: usize, t: DateTime<Utc>) -> DateTime<Utc> {
        let (_, days, (sh, sm), (eh, em)) = HOURS[hours];
        let (start, end) = (
            NaiveTime::from_hms_opt(sh, sm, 0).unwrap(),
            NaiveTime::from_hms_opt(eh, em, 0).unwrap(),
        );
        let local = t.with_timezone(&self.zone);
        let working = |day: chrono::NaiveDate| days[day.weekday().num_days_from_monday() as usize];
        if working(local.date_naive()) && local.time() >= start && local.time() < end {
            return t;
        }
        let mut day = local.date_naive();
        if !(working(day) && local.time() < start) {
            day = day.succ_opt().unwrap();
            while !working(day) {
                day = day.succ_opt().unwrap();
            }
        }
        self.zone
            .from_local_datetime(&day.and_time(start))
            .earliest()
            .unwrap()
            .with_timezone(&Utc)
    }

    fn escalate_after_at(&self, at: DateTime<Utc>) -> u32 {
        self.escalate_after
            .iter()
            .rev()
            .find(|(from, _)| *from <= at)
            .map_or(2, |(_, after)| *after)
    }
}

struct Item {
    guild: usize,
    reference: CommitmentRef,
    due: DateTime<Utc>,
    series: i32,
    heads_up: bool,
    open: bool,
    told: Option<i32>,
}

/// What the posts so far showed of one due date.
#[derive(Default)]
struct Seen {
    heads_up: bool,
    numbers: Vec<u32>,
}

struct Model {
    guilds: Vec<GuildModel>,
    items: Vec<Item>,
    seen: HashMap<(GuildId, SubjectRef, i32), Seen>,
    posts_checked: usize,
}

fn request(guild: usize, member: i64) -> Request {
    Request {
        guild: GUILDS[guild],
        channel: Some(ChannelId(920_000 + guild as i64)),
        actor: Actor {
            id: MemberId(member),
            name: format!("member {member}"),
            admin: member == ADMIN,
            roles: Vec::new(),
        },
        lang: Some(Lang::En),
    }
}

fn refused(result: &Result<baton::core::Reply, CommandError>) -> bool {
    matches!(result, Err(CommandError::User(_)))
}

struct Case {
    pool: PgPool,
    clock: Arc<ManualClock>,
    env: Env,
    discord: Arc<FakeDiscord>,
    main: Arc<Scheduler>,
    second: Arc<Scheduler>,
    defaults: GuildSettings,
    options: Options,
    model: Model,
}

async fn run_case(pool: &PgPool, start: DateTime<Utc>, ops: &[Op]) -> Result<(), TestCaseError> {
    sqlx::query("DELETE FROM guilds").execute(pool).await.unwrap();
    let clock = Arc::new(ManualClock::new(start));
    let defaults = GuildSettings {
        zone: chrono_tz::Europe::Amsterdam,
        lang: Lang::En,
        digest_time: NaiveTime::from_hms_opt(23, 59, 0).unwrap(),
        ..GuildSettings::default()
    };
    let discord = Arc::new(FakeDiscord {
        clock: clock.clone(),
        state: Mutex::default(),
    });
    let options = Options {
        sends_per_second: 10_000,
        ..Options::default()
    };
    let scheduler = || Scheduler::new(pool.clone(), clock.clone(), defaults, discord.clone(), options);
    let mut case = Case {
        pool: pool.clone(),
        env: Env::new(pool.clone(), clock.clone(), defaults),
        clock: clock.clone(),
        main: scheduler(),
        second: scheduler(),
        discord: discord.clone(),
        defaults,
        options,
        model: Model {
            guilds: ZONES
                .iter()
                .map(|zone| GuildModel {
                    zone: *zone,
                    hours: Vec::new(),
                    escalate_after: Vec::new(),
                })
                .collect(),
            items: Vec::new(),
            seen: HashMap::new(),
            posts_checked: 0,
        },
    };
    let new_york = ChangeSettings {
        zone: Some("America/New_York".into()),
        ..ChangeSettings::default()
    };
    settings::guild(&case.env, &request(2, ADMIN), new_york)
        .await
        .unwrap();
    for (step, op) in ops.iter().enumerate() {
        apply(&mut case, op)
            .await
            .map_err(|e| TestCaseError::fail(format!("step {step} {op:?}: {e}")))?;
        settle(&case)
            .await
            .map_err(|e| TestCaseError::fail(format!("step {step} {op:?}: {e}")))?;
        check(&mut case)
            .await
            .map_err(|e| TestCaseError::fail(format!("after step {step} {op:?}: {e}")))?;
    }
    let broken: i64 = sqlx::query_scalar("SELECT count(*) FROM commitments WHERE plan_error IS NOT NULL")
        .fetch_one(pool)
        .await
        .unwrap();
    prop_assert_eq!(broken, 0, "no commitment failed to plan on a healthy database");
    Ok(())
}

type Step = Result<(), String>;

fn pick(items: &[Item], pick: usize) -> Option<usize> {
    (!items.is_empty()).then(|| pick % items.len())
}

/// A phrase for `now + minutes` in the guild's zone, to the minute, as a person types it.
fn phrase(case: &Case, guild: usize, minutes: i64) -> String {
    let at = case.clock.now() + Duration::minutes(minutes);
    at.with_timezone(&case.model.guilds[guild].zone)
        .format("%Y-%m-%d %H:%M")
        .to_string()
}

async fn apply(case: &mut Case, op: &Op) -> Step {
    let now = case.clock.now();
    match *op {
        Op::Add {
            guild,
            owner,
            due_in,
            heads_up,
        } => {
            let input = AddPromise {
                relation: format!("Relation {guild}"),
                what: format!("item {}", case.model.items.len()),
                due: phrase(case, guild, due_in),
                owner: Some(MemberRef {
                    id: MemberId(owner),
                    name: format!("member {owner}"),
                }),
                remind_before: heads_up.map(|m| format!("{m} minutes")),
                ..AddPromise::default()
            };
            let result = promise::add(&case.env, &request(guild, CREATOR), input).await;
            match result {
                Ok(reply) => {
                    let Body::PromiseAdded(added) = reply.body else {
                        return Err("not a promise".into());
                    };
                    let wanted = now + Duration::minutes(due_in);
                    if (added.promise.due_at - wanted).num_minutes().abs() > 61 {
                        return Err(format!("due {} for {wanted}", added.promise.due_at));
                    }
                    case.model.items.push(Item {
                        guild,
                        reference: added.promise.reference,
                        due: added.promise.due_at,
                        series: 1,
                        heads_up: heads_up.is_some(),
                        open: true,
                        told: None,
                    });
                }
                // A local time that does not exist (the hour skipped by DST) is refused.
                Err(CommandError::User(_)) => {}
                Err(err) => return Err(format!("add failed: {err:?}")),
            }
        }
        Op::Move { pick: p, due_in } => {
            let Some(i) = pick(&case.model.items, p) else {
                return Ok(());
            };
            let guild = case.model.items[i].guild;
            let reference = case.model.items[i].reference.to_string();
            let due = phrase(case, guild, due_in);
            let result =
                promise::move_due(&case.env, &request(guild, CREATOR), &reference, &due, "later").await;
            let item = &mut case.model.items[i];
            match result {
                Ok(reply) => {
                    let Body::PromiseMoved(moved) = reply.body else {
                        return Err("not a move".into());
                    };
                    if !item.open {
                        return Err(format!("moved {reference}, which was closed"));
                    }
                    item.due = moved.promise.due_at;
                    item.series += 1;
                }
                Err(CommandError::User(_)) => {}
                Err(err) => return Err(format!("move failed: {err:?}")),
            }
        }
        Op::Done { pick: p } | Op::Cancel { pick: p } => {
            let Some(i) = pick(&case.model.items, p) else {
                return Ok(());
            };
            let (guild, reference) = (
                case.model.items[i].guild,
                case.model.items[i].reference.to_string(),
            );
            let req = request(guild, CREATOR);
            let result = match op {
                Op::Done { .. } => promise::done(&case.env, &req, &reference, None).await,
                _ => promise::cancel(&case.env, &req, &reference, "no longer needed").await,
            };
            let item = &mut case.model.items[i];
            if result.is_ok() != item.open || (result.is_err() && !refused(&result)) {
                return Err(format!(
                    "closing {reference} (open: {}) gave {result:?}",
                    item.open
                ));
            }
            item.open = false;
        }
        Op::Told { pick: p } => {
            let Some(i) = pick(&case.model.items, p) else {
                return Ok(());
            };
            let (guild, reference) = (
                case.model.items[i].guild,
                case.model.items[i].reference.to_string(),
            );
            let result = promise::told(&case.env, &request(guild, CREATOR), &reference).await;
            let item = &mut case.model.items[i];
            let allowed = item.open && item.series > 1 && item.told != Some(item.series);
            if result.is_ok() != allowed || (result.is_err() && !refused(&result)) {
                return Err(format!("told {reference} (allowed: {allowed}) gave {result:?}"));
            }
            if allowed {
                item.told = Some(item.series);
            }
        }
        Op::Hours { guild, choice } => {
            let change = ChangeSettings {
                working_hours: Some(HOURS[choice].0.into()),
                ..ChangeSettings::default()
            };
            change_settings(case, guild, change).await?;
            case.model.guilds[guild].hours.push((now, choice));
        }
        Op::Repeat { guild, choice } => {
            let change = ChangeSettings {
                repeat_every: Some(REPEATS[choice].into()),
                ..ChangeSettings::default()
            };
            change_settings(case, guild, change).await?;
        }
        Op::EscalateAfter { guild, after } => {
            let change = ChangeSettings {
                escalate_after: Some(after),
                ..ChangeSettings::default()
            };
            change_settings(case, guild, change).await?;
            case.model.guilds[guild].escalate_after.push((now, after as u32));
        }
        Op::Advance { minutes } => case.clock.advance(Duration::minutes(minutes)),
        Op::Crash { posted_first } => crash(case, posted_first).await?,
        Op::Concurrent => {
            let (one, two) = tokio::join!(case.main.tick(), case.second.tick());
            one.map_err(|e| format!("a tick failed: {e}"))?;
            two.map_err(|e| format!("a tick failed: {e}"))?;
        }
        Op::Trouble { server_error, count } => {
            let failure = if server_error {
                SendError::Transient("500 Internal Server Error".into())
            } else {
                SendError::RateLimited(StdDuration::from_millis(5))
            };
            let mut fake = case.discord.state.lock().unwrap();
            fake.failures.extend(std::iter::repeat_n(failure, count));
        }
    }
    Ok(())
}

async fn change_settings(case: &Case, guild: usize, change: ChangeSettings) -> Step {
    settings::guild(&case.env, &request(guild, ADMIN), change)
        .await
        .map(drop)
        .map_err(|e| format!("settings refused: {e:?}"))
}

/// An instance claims, starts sending and dies; its leases run out.
async fn crash(case: &Case, posted_first: bool) -> Step {
    let hanging = Arc::new(Hanging {
        discord: case.discord.clone(),
        posted_first,
        reached: AtomicUsize::new(0),
    });
    // Its own connections, as a process of its own would have: when it dies they close,
    // and whatever it held in an open transaction is rolled back. Sharing the pool would
    // leave a connection with an aborted transaction (and its row locks) idle there.
    let own = sqlx::postgres::PgPoolOptions::new()
        .max_connections(4)
        .connect_with((*case.pool.connect_options()).clone())
        .await
        .map_err(|e| format!("the doomed instance could not connect: {e}"))?;
    let doomed = Scheduler::new(
        own.clone(),
        case.clock.clone(),
        case.defaults,
        hanging.clone(),
        case.options,
    );
    let task = tokio::spawn(async move { doomed.tick().await });
    for _ in 0..200 {
        if task.is_finished() || hanging.reached.load(Ordering::SeqCst) > 0 {
            break;
        }
        tokio::time::sleep(StdDuration::from_millis(5)).await;
    }
    // Let every send of the batch reach its hang, then die.
    tokio::time::sleep(StdDuration::from_millis(20)).await;
    task.abort();
    let died = task.await;
    own.close().await;
    if let Ok(Err(err)) = died {
        return Err(format!("the doomed tick failed before it died: {err}"));
    }
    case.clock.advance(Duration::seconds(31));
    Ok(())
}

/// Runs the engine until nothing waits to be planned or sent: retries and leases run out as
/// the clock moves a minute at a time.
async fn settle(case: &Case) -> Step {
    // Each failure Discord was told to give costs a round; rate limits are not attempts, so
    // a long queue of them keeps a delivery waiting as long as it lasts.
    let queued = case.discord.state.lock().unwrap().failures.len();
    for _ in 0..15 + queued {
        case.main
            .tick()
            .await
            .map_err(|e| format!("a tick failed: {e}"))?;
        // A commitment a command still held locked is skipped by the claim; a running
        // scheduler finds it due still and ticks again at once, as here. (A refused command
        // releases its row when the pool rolls its transaction back, a moment after it
        // answered.)
        for _ in 0..5 {
            let skipped: i64 = sqlx::query_scalar(
                "SELECT count(*) FROM commitments WHERE status = 'open' AND next_nudge_at <= $1",
            )
            .bind(case.clock.now())
            .fetch_one(&case.pool)
            .await
            .unwrap();
            if skipped == 0 {
                break;
            }
            tokio::time::sleep(StdDuration::from_millis(10)).await;
            case.main
                .tick()
                .await
                .map_err(|e| format!("a tick failed: {e}"))?;
        }
        let waiting: i64 = sqlx::query_scalar("SELECT count(*) FROM deliveries WHERE state = 'pending'")
            .fetch_one(&case.pool)
            .await
            .unwrap();
        if waiting == 0 {
            return Ok(());
        }
        case.clock.advance(Duration::seconds(61));
    }
    type Stuck = (
        i64,
        String,
        i32,
        DateTime<Utc>,
        Option<DateTime<Utc>>,
        Option<String>,
        i64,
    );
    let stuck: Vec<Stuck> = sqlx::query_as(
        "SELECT d.delivery_id, d.kind, d.attempts, d.not_before, d.lease_until, d.last_error,
                (SELECT count(*) FROM nudges n WHERE n.guild_id = d.guild_id AND n.delivery_id = d.delivery_id)
         FROM deliveries d WHERE d.state = 'pending' ORDER BY d.delivery_id",
    )
    .fetch_all(&case.pool)
    .await
    .unwrap();
    let idle: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM pg_stat_activity
         WHERE datname = current_database() AND state LIKE 'idle in transaction%'",
    )
    .fetch_one(&case.pool)
    .await
    .unwrap();
    Err(format!(
        "deliveries still waiting after {} minutes at {}: {stuck:?}; sessions idle in a transaction: {idle}",
        15 + queued,
        case.clock.now()
    ))
}

async fn check(case: &mut Case) -> Step {
    let now = case.clock.now();
    let posts: Vec<Post> = case.discord.state.lock().unwrap().posts[case.model.posts_checked..].to_vec();
    case.model.posts_checked += posts.len();
    for post in &posts {
        for shown in &post.nudges {
            let item = case
                .model
                .items
                .iter()
                .find(|i| {
                    GUILDS[i.guild] == post.guild && SubjectRef::Promise(i.reference) == shown.reference
                })
                .ok_or_else(|| format!("posted {} that nobody made", shown.reference))?;
            let what = format!("{} #{} (series {})", shown.reference, shown.number, shown.series);
            if !item.open {
                return Err(format!("{what} posted after it was closed"));
            }
            if shown.series != item.series {
                return Err(format!(
                    "{what} posted for a date it no longer has (series {})",
                    item.series
                ));
            }
            let guild = &case.model.guilds[item.guild];
            let seen = case
                .model
                .seen
                .entry((post.guild, shown.reference, shown.series))
                .or_default();
            if shown.number == 0 {
                if !item.heads_up || seen.heads_up || post.at >= item.due {
                    return Err(format!(
                        "{what}: a heads-up not asked for, twice, or after {}",
                        item.due
                    ));
                }
                seen.heads_up = true;
                continue;
            }
            if post.at < item.due {
                return Err(format!(
                    "{what} posted as overdue at {}, due {}",
                    post.at, item.due
                ));
            }
            if seen.numbers.contains(&shown.number) {
                return Err(format!("{what} posted twice"));
            }
            if seen.numbers.last().is_some_and(|last| *last > shown.number) {
                return Err(format!("{what} after #{:?}", seen.numbers));
            }
            seen.numbers.push(shown.number);
            let planned_at: DateTime<Utc> = sqlx::query_scalar(
                "SELECT n.created_at FROM nudges n JOIN commitments c ON c.guild_id = n.guild_id AND c.commitment_id = n.subject_id AND n.subject_kind = 'commitment'
                 WHERE n.guild_id = $1 AND c.ref = $2 AND n.series = $3 AND n.number = $4",
            )
            .bind(post.guild.0)
            .bind(promise_number(shown.reference))
            .bind(shown.series)
            .bind(shown.number as i32)
            .fetch_one(&case.pool)
            .await
            .map_err(|e| format!("{what}: no such nudge recorded: {e}"))?;
            let after = guild.escalate_after_at(planned_at);
            if shown.escalated != (shown.number > after) {
                return Err(format!(
                    "{what}: escalated {} with escalate_after {after}",
                    shown.escalated
                ));
            }
        }
    }
    for item in case.model.items.iter().filter(|i| i.open) {
        let guild = &case.model.guilds[item.guild];
        let by = guild.next_open(item.due);
        let nudged = case
            .model
            .seen
            .get(&(
                GUILDS[item.guild],
                SubjectRef::Promise(item.reference),
                item.series,
            ))
            .is_some_and(|seen| !seen.numbers.is_empty());
        if now >= by && !nudged && !failed_visibly(case, item).await {
            type State = (Option<DateTime<Utc>>, i32, bool, i32, Option<String>, i32, i64);
            let state: Option<State> = sqlx::query_as(
                "SELECT c.next_nudge_at, c.nudges_sent, c.heads_up_sent, c.plan_attempts, c.plan_error, c.series,
                        (SELECT count(*) FROM nudges n WHERE n.guild_id = c.guild_id
                            AND n.subject_kind = 'commitment' AND n.subject_id = c.commitment_id)
                 FROM commitments c WHERE c.guild_id = $1 AND c.ref = $2",
            )
            .bind(GUILDS[item.guild].0)
            .bind(item.reference.0)
            .fetch_optional(&case.pool)
            .await
            .unwrap();
            return Err(format!(
                "{} due {} was not nudged by {by} (now {now}, {:?}); stored (next, sent, heads-up, \
                 plan attempts, plan error, series, nudges): {state:?}",
                item.reference,
                item.due,
                item.due.with_timezone(&guild.zone).weekday()
            ));
        }
    }
    Ok(())
}

/// Whether the first nudge of the item's date could not be delivered and says so.
async fn failed_visibly(case: &Case, item: &Item) -> bool {
    let failed: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM nudges n
         JOIN commitments c ON c.guild_id = n.guild_id AND c.commitment_id = n.subject_id AND n.subject_kind = 'commitment'
         JOIN deliveries d ON d.guild_id = n.guild_id AND d.delivery_id = n.delivery_id
         WHERE n.guild_id = $1 AND c.ref = $2 AND n.series = $3 AND d.state = 'failed'",
    )
    .bind(GUILDS[item.guild].0)
    .bind(item.reference.0)
    .bind(item.series)
    .fetch_one(&case.pool)
    .await
    .unwrap();
    failed > 0
}

/// The number of the promise a nudge is about; the model makes promises only.
fn promise_number(reference: SubjectRef) -> i32 {
    match reference {
        SubjectRef::Promise(r) => r.0,
        SubjectRef::Handover(r) => -r.0,
        SubjectRef::Appointment(r) => -1_000_000 - r.0,
        SubjectRef::Relation(r) => i32::MIN + i32::try_from(r.0).unwrap_or(0),
    }
}
