//! Handovers and the reminder engine against a small model. Random sequences of handovers
//! given (with and without a promise, to oneself too), answered by the right and the wrong
//! colleague (accept, decline, withdraw, twice), with the clock moved across nights and
//! weekends, run against the real command core, store and scheduler; after every step the
//! engine runs. The model knows nothing of the planner, and holds that:
//! - every answer is allowed exactly when the model says so, and a settled handover stays
//!   settled;
//! - the ball is held by exactly one person: the sender until an accept, the recipient after;
//! - the card goes out by direct message at most once, and only while the handover waits;
//! - no nudge is posted for a handover that is settled, none twice, numbered 1, 2, 3 …;
//! - a handover still waiting past its answer time has been nudged by the next working
//!   moment.
//!
//! `PROPTEST_CASES=500 cargo test --test handover_model` runs a longer search.

mod support;

use std::collections::HashMap;
use std::sync::Arc;

use baton::core::handover::{self, GiveHandover};
use baton::core::promise::{self, AddPromise};
use baton::core::{CommandError, MemberRef, UserError};
use baton::domain::{HandoverRef, MemberId, SubjectRef};
use baton::store::deliveries::Target;
use chrono::{DateTime, Duration, Utc};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use support::engine::{amsterdam, scheduler};
use support::notifier::Recording;
use support::{request, World};

const PEOPLE: [(i64, &str); 3] = [(21, "ann"), (22, "ben"), (23, "cem")];

#[derive(Clone, Debug)]
enum Answer {
    Accept,
    Decline,
    Cancel,
}

#[derive(Clone, Debug)]
enum Op {
    Give {
        from: usize,
        to: usize,
        with_promise: bool,
    },
    Answer {
        pick: usize,
        by: usize,
        answer: Answer,
    },
    Advance {
        minutes: i64,
    },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => (0..3usize, 0..3usize, any::<bool>())
            .prop_map(|(from, to, with_promise)| Op::Give { from, to, with_promise }),
        3 => (any::<usize>(), 0..3usize, prop_oneof![Just(Answer::Accept), Just(Answer::Decline), Just(Answer::Cancel)])
            .prop_map(|(pick, by, answer)| Op::Answer { pick, by, answer }),
        4 => prop_oneof![1..120i64, 120..1440i64, 1440..4320i64].prop_map(|minutes| Op::Advance { minutes }),
    ]
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Status {
    Pending,
    Accepted,
    Settled,
}

struct Given {
    reference: HandoverRef,
    from: i64,
    to: i64,
    status: Status,
    /// The promise it moves, by number.
    promise: Option<i32>,
    nudges: Vec<u32>,
    /// How many nudges had come when it was settled: no more may follow.
    settled_after: Option<usize>,
    cards: usize,
}

#[test]
fn handovers_keep_one_holder_and_are_nudged_once_each_until_answered() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let world = runtime.block_on(World::new());
    support::model::run(48, &prop::collection::vec(op(), 1..24), |ops| {
        runtime.block_on(run_case(&world, &ops))
    });
}

async fn run_case(world: &World, ops: &[Op]) -> Result<(), TestCaseError> {
    sqlx::query("DELETE FROM guilds")
        .execute(&world.db.pool)
        .await
        .unwrap();
    // Friday afternoon: the first weekend comes soon.
    world.clock.set(amsterdam(2026, 11, 27, 15, 0));
    // A fresh command environment: the old one remembers guilds that are gone.
    let env = baton::core::Env::new(world.db.pool.clone(), world.clock.clone(), world.env.defaults);
    let notifier = Arc::new(Recording::default());
    let engine = scheduler(world, notifier.clone());
    let mut model: Vec<Given> = Vec::new();
    let mut promises = 0;
    for (step, op) in ops.iter().enumerate() {
        let at = |what: String| TestCaseError::fail(format!("step {step} {op:?}: {what}"));
        apply(world, &env, &mut model, &mut promises, op)
            .await
            .map_err(at)?;
        engine
            .tick()
            .await
            .map_err(|e| at(format!("the tick failed: {e}")))?;
        check(world, &mut model, &notifier.posted()).await.map_err(at)?;
    }
    Ok(())
}

async fn apply(
    world: &World,
    env: &baton::core::Env,
    model: &mut Vec<Given>,
    promises: &mut i32,
    op: &Op,
) -> Result<(), String> {
    match op {
        Op::Give {
            from,
            to,
            with_promise,
        } => {
            let (from, from_name) = PEOPLE[*from];
            let (to, to_name) = PEOPLE[*to];
            let relation = format!("Relatie {}", model.len() + 1);
            let req = request(from, from_name);
            if *with_promise {
                let add = AddPromise {
                    relation: relation.clone(),
                    what: "Bellen".into(),
                    due: "over 2 weken".into(),
                    // "Relatie 2" looks like "Relatie 1": these are different relations.
                    new_relation: true,
                    ..AddPromise::default()
                };
                let added = promise::add(env, &req, add).await.map_err(|e| format!("{e:?}"))?;
                let baton::core::Body::PromiseAdded(added) = added.body else {
                    return Err("no promise added".into());
                };
                *promises = added.promise.reference.0;
            } else {
                baton::core::contact::log(
                    env,
                    &req,
                    baton::core::contact::LogContact {
                        relation: relation.clone(),
                        summary: "Kennismaking".into(),
                        new_relation: true,
                        ..Default::default()
                    },
                )
                .await
                .map_err(|e| format!("{e:?}"))?;
            }
            let input = GiveHandover {
                to: Some(MemberRef {
                    id: MemberId(to),
                    name: to_name.into(),
                }),
                to_is_member: true,
                to_is_bot: false,
                relation,
                notes: "Wat je moet weten".into(),
                promises: None,
            };
            let result = handover::give(env, &req, input).await;
            match (from == to, result) {
                (true, Err(CommandError::User(UserError::HandoverToSelf))) => {}
                (
                    false,
                    Ok(baton::core::Reply {
                        body: baton::core::Body::HandoverGiven(card),
                        ..
                    }),
                ) => model.push(Given {
                    reference: card.handover.reference,
                    from,
                    to,
                    status: Status::Pending,
                    promise: with_promise.then_some(*promises),
                    nudges: Vec::new(),
                    settled_after: None,
                    cards: 0,
                }),
                (to_self, result) => return Err(format!("to self: {to_self}, gave {result:?}")),
            }
        }
        Op::Answer { pick, by, answer } => {
            if model.is_empty() {
                return Ok(());
            }
            let i = pick % model.len();
            let (by, by_name) = PEOPLE[*by];
            let reference = model[i].reference.to_string();
            let req = request(by, by_name);
            let result = match answer {
                Answer::Accept => handover::accept(env, &req, &reference).await,
                Answer::Decline => handover::decline(env, &req, &reference, "Geen tijd").await,
                Answer::Cancel => handover::cancel(env, &req, &reference).await,
            };
            let given = &mut model[i];
            let allowed = given.status == Status::Pending
                && match answer {
                    Answer::Cancel => by == given.from,
                    _ => by == given.to,
                };
            match (allowed, result) {
                (true, Ok(_)) => {
                    given.status = match answer {
                        Answer::Accept => Status::Accepted,
                        _ => Status::Settled,
                    };
                    given.settled_after = Some(given.nudges.len());
                }
                (false, Err(CommandError::User(_))) => {}
                (allowed, result) => {
                    return Err(format!(
                        "{answer:?} {reference} by {by} (allowed: {allowed}) gave {result:?}"
                    ))
                }
            }
        }
        Op::Advance { minutes } => world.clock.advance(Duration::minutes(*minutes)),
    }
    Ok(())
}

async fn check(
    world: &World,
    model: &mut [Given],
    posted: &[baton::reminders::Outgoing],
) -> Result<(), String> {
    // What was posted, counted again from the start: the recording keeps everything.
    for given in model.iter_mut() {
        given.nudges.clear();
        given.cards = 0;
    }
    for message in posted {
        for shown in &message.nudges {
            let SubjectRef::Handover(reference) = shown.reference else {
                continue;
            };
            let given = model
                .iter_mut()
                .find(|g| g.reference == reference)
                .ok_or_else(|| format!("a nudge for {reference}, which nobody gave"))?;
            given.nudges.push(shown.number);
        }
        if message.nudges.is_empty() && message.text.contains("Wat je moet weten") {
            let reference = message
                .actions
                .iter()
                .find_map(|a| match a {
                    baton::core::Action::Accept(r) => Some(*r),
                    _ => None,
                })
                .ok_or("a card without an Accept button")?;
            let given = model
                .iter_mut()
                .find(|g| g.reference == reference)
                .ok_or("a card nobody gave")?;
            if message.target != Target::Direct(MemberId(given.to)) {
                return Err(format!("{reference}'s card went to {:?}", message.target));
            }
            given.cards += 1;
        }
    }
    let owners: HashMap<i32, i64> = sqlx::query_as::<_, (i32, i64)>("SELECT ref, owner_id FROM commitments")
        .fetch_all(&world.db.pool)
        .await
        .unwrap()
        .into_iter()
        .collect();
    let due: HashMap<i32, DateTime<Utc>> =
        sqlx::query_as::<_, (i32, DateTime<Utc>)>("SELECT ref, ack_due_at FROM handovers")
            .fetch_all(&world.db.pool)
            .await
            .unwrap()
            .into_iter()
            .collect();
    let now = baton::clock::Clock::now(world.clock.as_ref());
    let settings = world.env.defaults;
    let open_now = settings.hours.next_open(now, settings.zone) == now;
    for given in model.iter() {
        let expected: Vec<u32> = (1..=given.nudges.len() as u32).collect();
        if given.nudges != expected {
            return Err(format!("{} was nudged {:?}", given.reference, given.nudges));
        }
        if let Some(before) = given.settled_after {
            if given.nudges.len() > before {
                return Err(format!(
                    "{} was nudged after it was {:?}: {:?}",
                    given.reference, given.status, given.nudges
                ));
            }
        }
        if given.cards > 1 {
            return Err(format!("{}'s card came {} times", given.reference, given.cards));
        }
        if let Some(number) = given.promise {
            let holder = if given.status == Status::Accepted {
                given.to
            } else {
                given.from
            };
            if owners.get(&number) != Some(&holder) {
                return Err(format!(
                    "P-{number} of {} ({:?}) is held by {:?}, not {holder}",
                    given.reference,
                    given.status,
                    owners.get(&number)
                ));
            }
        }
        let ack_due = due[&given.reference.0];
        if given.status == Status::Pending && open_now && now >= ack_due && given.nudges.is_empty() {
            return Err(format!(
                "{} waits since its answer was due at {ack_due}, and nobody was nudged by {now}",
                given.reference
            ));
        }
    }
    Ok(())
}
