//! Appointments and the reminder engine against a small model. Random sequences of
//! appointments made (alone or with a colleague, soon or days ahead, some in the past),
//! answered by the right and the wrong colleague (kept, missed, moved with a new date,
//! cancelled, twice), with the clock moved across nights and weekends, run against the real
//! command core, store and scheduler; after every step the engine runs. The model knows
//! nothing of the planner, and holds that:
//! - every answer is allowed exactly when the model says so, a missed or moved appointment
//!   is replaced by a new one with the same people, and a settled one stays settled;
//! - a participant is reminded of each span (a day, an hour) at most once, never before the
//!   hour-before moment for that span, never at or after the start, never once settled;
//! - anyone who attends has had a reminder by the hour before the start, unless the
//!   appointment was made after that moment;
//! - the owner is asked whether it took place only after the end, numbered 1, 2, 3 …, never
//!   once settled, and has been asked by any working moment after the end.
//!
//! `PROPTEST_CASES=300 cargo test --test appointment_model` runs a longer search.

mod support;

use std::collections::HashMap;
use std::sync::Arc;

use baton::core::appointment::{self, AddAppointment, GiveOutcome};
use baton::core::{Body, CommandError, MemberRef, Reply, UserError};
use baton::domain::appointment::Outcome;
use baton::domain::{AppointmentRef, MemberId, SubjectRef};
use chrono::{DateTime, Datelike, Duration, Timelike, Utc, Weekday};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use support::engine::{amsterdam, scheduler};
use support::notifier::Recording;
use support::{request, World};

const PEOPLE: [(i64, &str); 3] = [(31, "ann"), (32, "ben"), (33, "cem")];

#[derive(Clone, Debug)]
enum Act {
    Outcome(Outcome),
    Cancel,
}

#[derive(Clone, Debug)]
enum Op {
    Add {
        owner: usize,
        with: Option<usize>,
        /// Minutes from now to the start; negative ones must be refused.
        ahead: i64,
        minutes: i64,
    },
    Answer {
        pick: usize,
        by: usize,
        act: Act,
        /// For missed and moved: minutes from now to the new start.
        new_ahead: i64,
    },
    Advance {
        minutes: i64,
    },
}

fn op() -> impl Strategy<Value = Op> {
    let act = prop_oneof![
        Just(Act::Outcome(Outcome::Kept)),
        Just(Act::Outcome(Outcome::Missed)),
        Just(Act::Outcome(Outcome::Moved)),
        Just(Act::Cancel)
    ];
    prop_oneof![
        3 => (0..3usize, proptest::option::of(0..3usize), prop_oneof![-120..0i64, 30..600i64, 600..8000i64], prop_oneof![Just(30i64), Just(60), Just(90)])
            .prop_map(|(owner, with, ahead, minutes)| Op::Add { owner, with, ahead, minutes }),
        3 => (any::<usize>(), 0..3usize, act, 60..6000i64)
            .prop_map(|(pick, by, act, new_ahead)| Op::Answer { pick, by, act, new_ahead }),
        4 => prop_oneof![1..60i64, 60..600i64, 600..3000i64].prop_map(|minutes| Op::Advance { minutes }),
    ]
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Status {
    Scheduled,
    Settled,
}

struct Made {
    reference: AppointmentRef,
    owner: i64,
    people: Vec<i64>,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
    created_at: DateTime<Utc>,
    status: Status,
    settled_at: Option<DateTime<Utc>>,
    /// (participant, minutes before) of the reminders seen.
    reminders: Vec<(i64, u32)>,
    questions: Vec<u32>,
}

#[test]
fn appointments_are_reminded_once_per_span_and_asked_about_after_the_end_until_answered() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let world = runtime.block_on(World::new());
    support::model::run(40, &prop::collection::vec(op(), 1..24), |ops| {
        runtime.block_on(run_case(&world, &ops))
    });
}

async fn run_case(world: &World, ops: &[Op]) -> Result<(), TestCaseError> {
    sqlx::query("DELETE FROM guilds")
        .execute(&world.db.pool)
        .await
        .unwrap();
    // Thursday afternoon: a weekend comes soon.
    world.clock.set(amsterdam(2026, 11, 26, 15, 0));
    let env = baton::core::Env::new(world.db.pool.clone(), world.clock.clone(), world.env.defaults);
    let notifier = Arc::new(Recording::default());
    let engine = scheduler(world, notifier.clone());
    let mut model: Vec<Made> = Vec::new();
    let mut seen = 0;
    for (step, op) in ops.iter().enumerate() {
        let at = |what: String| TestCaseError::fail(format!("step {step} {op:?}: {what}"));
        apply(world, &env, &mut model, op).await.map_err(at)?;
        engine
            .tick()
            .await
            .map_err(|e| at(format!("the tick failed: {e}")))?;
        let posted = notifier.posted();
        check(world, &mut model, &posted[seen..]).await.map_err(at)?;
        seen = posted.len();
    }
    if std::env::var_os("MODEL_STATS").is_some() {
        let reminders: usize = model.iter().map(|m| m.reminders.len()).sum();
        let questions: usize = model.iter().map(|m| m.questions.len()).sum();
        let settled = model.iter().filter(|m| m.status == Status::Settled).count();
        eprintln!(
            "made {} settled {settled} reminders {reminders} questions {questions}",
            model.len()
        );
    }
    Ok(())
}

fn now(world: &World) -> DateTime<Utc> {
    baton::clock::Clock::now(world.clock.as_ref())
}

/// "2026-11-30 10:15": an exact moment in Amsterdam, as people may type it.
fn phrase(at: DateTime<Utc>) -> String {
    at.with_timezone(&chrono_tz::Europe::Amsterdam)
        .format("%Y-%m-%d %H:%M")
        .to_string()
}

/// Whole minutes, as the phrase keeps them.
fn minute(at: DateTime<Utc>) -> DateTime<Utc> {
    at - Duration::seconds(i64::from(at.second()))
}

fn settled(reply: &Reply) -> Option<&appointment::AppointmentSettled> {
    match &reply.body {
        Body::AppointmentSettled(settled) => Some(settled),
        _ => None,
    }
}

async fn apply(world: &World, env: &baton::core::Env, model: &mut Vec<Made>, op: &Op) -> Result<(), String> {
    let now = now(world);
    match op {
        Op::Add {
            owner,
            with,
            ahead,
            minutes,
        } => {
            let (owner, owner_name) = PEOPLE[*owner];
            let with = with.map(|w| PEOPLE[w]).filter(|(id, _)| *id != owner);
            let starts_at = minute(now + Duration::minutes(*ahead));
            let input = AddAppointment {
                relation: format!("Relatie {}", model.len() + 1),
                when: phrase(starts_at),
                duration: Some(format!("{minutes} min")),
                with: with.map(|(id, name)| MemberRef {
                    id: MemberId(id),
                    name: name.into(),
                }),
                with_is_member: true,
                // "Relatie 2" looks like "Relatie 1": these are different relations.
                new_relation: true,
                ..AddAppointment::default()
            };
            let result = appointment::add(env, &request(owner, owner_name), input).await;
            match (starts_at > now, result) {
                (false, Err(CommandError::User(UserError::StartsInPast { .. }))) => {}
                (true, Ok(reply)) => {
                    let Body::AppointmentAdded(added) = &reply.body else {
                        return Err(format!("added gave {:?}", reply.body));
                    };
                    let mut people = vec![owner];
                    people.extend(with.map(|(id, _)| id));
                    model.push(Made {
                        reference: added.appointment.reference,
                        owner,
                        people,
                        starts_at,
                        ends_at: starts_at + Duration::minutes(*minutes),
                        created_at: now,
                        status: Status::Scheduled,
                        settled_at: None,
                        reminders: Vec::new(),
                        questions: Vec::new(),
                    });
                }
                (ahead, result) => return Err(format!("ahead: {ahead}, gave {result:?}")),
            }
        }
        Op::Answer {
            pick,
            by,
            act,
            new_ahead,
        } => {
            if model.is_empty() {
                return Ok(());
            }
            let i = pick % model.len();
            let (by, by_name) = PEOPLE[*by];
            let reference = model[i].reference.to_string();
            let req = request(by, by_name);
            let new_start = minute(now + Duration::minutes(*new_ahead));
            let result = match act {
                Act::Cancel => appointment::cancel(env, &req, &reference, "Gaat niet door").await,
                Act::Outcome(outcome) => {
                    let input = GiveOutcome {
                        appointment: reference.clone(),
                        outcome: Some(*outcome),
                        new_when: outcome.needs_new_date().then(|| phrase(new_start)),
                        reason: outcome.needs_new_date().then(|| "Cliënt ziek".to_string()),
                        ..GiveOutcome::default()
                    };
                    appointment::outcome(env, &req, input).await
                }
            };
            let made = &model[i];
            let begun = now >= made.starts_at;
            let allowed = made.status == Status::Scheduled
                && by == made.owner
                && match act {
                    Act::Cancel => !begun,
                    Act::Outcome(Outcome::Moved) => true,
                    Act::Outcome(_) => begun,
                };
            match (allowed, result) {
                (true, Ok(reply)) => {
                    let replaced = match act {
                        Act::Outcome(Outcome::Missed | Outcome::Moved) => {
                            let new = settled(&reply)
                                .and_then(|s| s.new.as_ref())
                                .ok_or("missed or moved without a new appointment")?;
                            if new.starts_at != new_start || new.participants.len() != made.people.len() {
                                return Err(format!("the new appointment is {new:?}"));
                            }
                            Some(Made {
                                reference: new.reference,
                                owner: made.owner,
                                people: made.people.clone(),
                                starts_at: new_start,
                                ends_at: new_start + (made.ends_at - made.starts_at),
                                created_at: now,
                                status: Status::Scheduled,
                                settled_at: None,
                                reminders: Vec::new(),
                                questions: Vec::new(),
                            })
                        }
                        _ => None,
                    };
                    let made = &mut model[i];
                    made.status = Status::Settled;
                    made.settled_at = Some(now);
                    model.extend(replaced);
                }
                (false, Err(CommandError::User(_))) => {}
                (allowed, result) => {
                    return Err(format!(
                        "{act:?} {reference} by {by} (allowed: {allowed}) gave {result:?}"
                    ))
                }
            }
        }
        Op::Advance { minutes } => world.clock.advance(Duration::minutes(*minutes)),
    }
    Ok(())
}

/// Inside Amsterdam's default working hours, Monday to Friday 08:30–17:30.
fn working(at: DateTime<Utc>) -> bool {
    let local = at.with_timezone(&chrono_tz::Europe::Amsterdam);
    let minutes = local.hour() * 60 + local.minute();
    !matches!(local.weekday(), Weekday::Sat | Weekday::Sun) && (8 * 60 + 30..17 * 60 + 30).contains(&minutes)
}

async fn check(
    world: &World,
    model: &mut [Made],
    fresh: &[baton::reminders::Outgoing],
) -> Result<(), String> {
    let now = now(world);
    for message in fresh {
        for shown in &message.nudges {
            let SubjectRef::Appointment(reference) = shown.reference else {
                continue;
            };
            let made = model
                .iter_mut()
                .find(|m| m.reference == reference)
                .ok_or_else(|| format!("a nudge for {reference}, which nobody made"))?;
            if made.status == Status::Settled {
                return Err(format!(
                    "{reference} was nudged at {now}, after it was settled: {shown:?}"
                ));
            }
            match shown.participant {
                Some(member) => {
                    if !made.people.contains(&member.0) {
                        return Err(format!("{reference} reminded {member}, who does not attend"));
                    }
                    if ![60, 1440].contains(&shown.number) {
                        return Err(format!("{reference}: a reminder {} minutes before", shown.number));
                    }
                    if now >= made.starts_at {
                        return Err(format!("{reference} reminded at {now}, at or after its start"));
                    }
                    if shown.number == 60 && now < made.starts_at - Duration::minutes(60) {
                        return Err(format!("{reference}'s hour-before reminder came early, at {now}"));
                    }
                    if made.reminders.contains(&(member.0, shown.number)) {
                        return Err(format!("{reference} reminded {member} twice of {}", shown.number));
                    }
                    made.reminders.push((member.0, shown.number));
                }
                None => {
                    if now < made.ends_at {
                        return Err(format!("{reference} was asked about at {now}, before its end"));
                    }
                    made.questions.push(shown.number);
                }
            }
        }
    }
    let stored: HashMap<i32, String> =
        sqlx::query_as::<_, (i32, String)>("SELECT ref, status FROM appointments")
            .fetch_all(&world.db.pool)
            .await
            .unwrap()
            .into_iter()
            .collect();
    for made in model.iter() {
        let expected: Vec<u32> = (1..=made.questions.len() as u32).collect();
        if made.questions != expected {
            return Err(format!("{} was asked {:?}", made.reference, made.questions));
        }
        let scheduled = stored.get(&made.reference.0).map(String::as_str) == Some("scheduled");
        if scheduled != (made.status == Status::Scheduled) {
            return Err(format!(
                "{} is stored {:?}, the model says {:?}",
                made.reference,
                stored.get(&made.reference.0),
                made.status
            ));
        }
        if made.status != Status::Scheduled {
            continue;
        }
        let hour_before = made.starts_at - Duration::minutes(60);
        if now >= hour_before && now < made.starts_at && made.created_at < hour_before {
            for person in &made.people {
                if !made.reminders.iter().any(|(p, _)| p == person) {
                    return Err(format!(
                        "{} starts at {}, and {person} has had no reminder by {now}",
                        made.reference, made.starts_at
                    ));
                }
            }
        }
        if now >= made.ends_at && working(now) && made.questions.is_empty() {
            return Err(format!(
                "{} ended at {} and its owner was not asked by {now}",
                made.reference, made.ends_at
            ));
        }
    }
    Ok(())
}
