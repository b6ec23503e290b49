//! From a console command line, read into options, to the core function that runs it.

use crate::core::settings::ChangeSettings;
use crate::core::spec::CommandSpec;
use crate::core::{
    appointment, away, contact, export, handover, import, listing, promise, relation, settings, CommandError,
    Reply, Request,
};
use crate::domain::appointment::Outcome;
use crate::domain::commitment::{Certainty, Direction};
use crate::domain::contact::Via;
use crate::domain::relation::RelationKind;
use crate::domain::schedule::DigestTo;
use crate::domain::Lang;

use super::options::Options;

pub async fn run(
    env: &crate::core::Env,
    req: &Request,
    spec: &CommandSpec,
    mut o: Options,
) -> Result<Reply, CommandError> {
    match (spec.group, spec.name) {
        ("contact", "log") => {
            let input = contact::LogContact {
                relation: o.text("relation"),
                summary: o.text("summary"),
                via: o.choice("via").and_then(Via::parse),
                when: o.optional("when"),
                follow_up: o.optional("follow_up"),
                follow_up_due: o.optional("follow_up_due"),
                follow_up_owner: o.member("follow_up_owner"),
                restricted: o.flag("restricted").unwrap_or(false),
                new_relation: o.flag("new_relation").unwrap_or(false),
            };
            contact::log(env, req, input).await
        }
        ("contact", "history") => {
            let input = contact::ContactHistory {
                relation: o.text("relation"),
                limit: o.integer("limit"),
            };
            contact::history(env, req, input).await
        }
        ("promise", "add") => {
            let input = promise::AddPromise {
                relation: o.text("relation"),
                what: o.text("what"),
                due: o.text("due"),
                owner: o.member("owner"),
                direction: o.choice("direction").and_then(Direction::parse),
                certainty: o.choice("certainty").and_then(Certainty::parse),
                depends_on: o.optional("depends_on"),
                remind_before: o.optional("remind_before"),
                new_relation: o.flag("new_relation").unwrap_or(false),
            };
            promise::add(env, req, input).await
        }
        ("promise", "done") => promise::done(env, req, &o.text("promise"), o.optional("note")).await,
        ("promise", "move") => {
            promise::move_due(env, req, &o.text("promise"), &o.text("due"), &o.text("reason")).await
        }
        ("promise", "cancel") => promise::cancel(env, req, &o.text("promise"), &o.text("reason")).await,
        ("promise", "told") => promise::told(env, req, &o.text("promise")).await,
        ("promise", "list") => {
            let input = listing::ListPromises {
                owner: o.member("owner"),
                relation: o.optional("relation"),
                status: o.choice("status").and_then(listing::filter),
                page: o.integer("page"),
            };
            listing::list(env, req, input).await
        }
        ("handover", "give") => {
            let to = o.member("to");
            let input = handover::GiveHandover {
                // The console knows only colleagues, never bots.
                to_is_member: to.is_some(),
                to,
                to_is_bot: false,
                relation: o.text("relation"),
                notes: o.text("notes"),
                promises: o.optional("promises"),
            };
            handover::give(env, req, input).await
        }
        ("handover", "list") => handover::list(env, req).await,
        ("handover", "cancel") => handover::cancel(env, req, &o.text("handover")).await,
        ("handover", "accept") => handover::accept(env, req, &o.text("handover")).await,
        ("handover", "decline") => handover::decline(env, req, &o.text("handover"), &o.text("reason")).await,
        ("handover", "all") => {
            let to = o.member("to");
            let input = handover::HandOverAll {
                from: o.member("from"),
                to_is_member: to.is_some(),
                to,
                to_is_bot: false,
                notes: o.text("notes"),
                accept_now: o.flag("accept_now").unwrap_or(false),
            };
            handover::all(env, req, input).await
        }
        ("away", "set") => {
            let backup = o.member("backup");
            let input = away::SetAway {
                until: o.text("until"),
                backup_is_member: backup.is_some(),
                backup,
                backup_is_bot: false,
                from: o.optional("from"),
                member: o.member("member"),
                note: o.optional("note"),
            };
            away::set(env, req, input).await
        }
        ("away", "end") => away::end(env, req, o.member("member")).await,
        ("away", "list") => away::list(env, req).await,
        ("appointment", "add") => {
            let with = o.member("with");
            let input = appointment::AddAppointment {
                relation: o.text("relation"),
                when: o.text("when"),
                duration: o.optional("duration"),
                place: o.optional("where"),
                // The console knows only colleagues, never bots.
                with_is_member: with.is_some(),
                with,
                with_is_bot: false,
                about: o.optional("about"),
                new_relation: o.flag("new_relation").unwrap_or(false),
            };
            appointment::add(env, req, input).await
        }
        ("appointment", "list") => {
            let input = appointment::ListAppointments {
                member: o.member("member"),
                relation: o.optional("relation"),
                range: o.optional("range"),
                ics: o.flag("ics").unwrap_or(false),
            };
            appointment::list(env, req, input).await
        }
        ("appointment", "cancel") => {
            appointment::cancel(env, req, &o.text("appointment"), &o.text("reason")).await
        }
        ("appointment", "outcome") => {
            let input = appointment::GiveOutcome {
                appointment: o.text("appointment"),
                outcome: o.choice("outcome").and_then(Outcome::parse),
                new_when: o.optional("new_when"),
                reason: o.optional("reason"),
                summary: o.optional("summary"),
                follow_up: o.optional("follow_up"),
                follow_up_due: o.optional("follow_up_due"),
            };
            appointment::outcome(env, req, input).await
        }
        ("relation", "add") => {
            let input = relation::AddRelation {
                name: o.text("name"),
                kind: o.choice("kind").and_then(RelationKind::parse),
                organisation: o.optional("organisation"),
                details: details(&mut o),
                new_relation: o.flag("new_relation").unwrap_or(false),
            };
            relation::add(env, req, input).await
        }
        ("relation", "show") => relation::show(env, req, &o.text("relation")).await,
        ("relation", "edit") => {
            let input = relation::EditRelation {
                relation: o.text("relation"),
                name: o.optional("name"),
                kind: o.choice("kind").and_then(RelationKind::parse),
                organisation: o.optional("organisation"),
                details: details(&mut o),
                new_relation: o.flag("new_relation").unwrap_or(false),
            };
            relation::edit(env, req, input).await
        }
        ("relation", "merge") => {
            let input = relation::MergeRelations {
                keep: o.text("keep"),
                remove: o.text("remove"),
                confirm: o.flag("confirm").unwrap_or(false),
            };
            relation::merge(env, req, input).await
        }
        ("relation", "move") => {
            let input = relation::MoveRelation {
                person: o.text("person"),
                to: o.text("to"),
                role: o.optional("role"),
                new_relation: o.flag("new_relation").unwrap_or(false),
            };
            relation::move_person(env, req, input).await
        }
        ("relation", "who") => relation::who(env, req, &o.text("organisation")).await,
        ("relation", "search") => relation::search(env, req, &o.text("query")).await,
        ("relation", "export") => {
            let input = export::ExportRelations {
                relation: o.optional("relation"),
                all: o.flag("all").unwrap_or(false),
                format: o.choice("format").and_then(export::ExportFormat::parse),
            };
            export::export(env, req, input).await
        }
        ("relation", "forget") => {
            let input = relation::ForgetPerson {
                person: o.text("person"),
                confirm: o.flag("confirm").unwrap_or(false),
            };
            relation::forget(env, req, input).await
        }
        ("relation", "import") => {
            let file = match o.optional("file") {
                Some(path) => match std::fs::read(&path) {
                    Ok(bytes) => Some(import::ImportFile {
                        name: std::path::Path::new(&path)
                            .file_name()
                            .map(|n| n.to_string_lossy().into_owned()),
                        bytes,
                    }),
                    Err(err) => {
                        return Err(import::ImportError::CannotOpen {
                            name: path,
                            problem: err.to_string(),
                        }
                        .into())
                    }
                },
                None => None,
            };
            let command = import::ImportCommand {
                file,
                map: o.optional("map"),
                undo: o.optional("undo"),
                confirm: o.optional("confirm_import"),
                cancel: o.optional("cancel_import"),
            };
            import::run(env, req, command, &|_, _| {}).await
        }
        ("ball", "") => listing::ball(env, req, o.member("member")).await,
        ("settings", "guild") => {
            let input = ChangeSettings {
                reminder_channel: o.channel("reminder_channel"),
                escalation_role: o.role("escalation_role"),
                escalation_channel: o.channel("escalation_channel"),
                restricted_role: o.role("restricted_role"),
                minimal_channel_posts: o.flag("minimal_channel_posts"),
                working_hours: o.optional("working_hours"),
                repeat_every: o.optional("repeat_every"),
                ack_within: o.optional("ack_within"),
                appointment_reminders: o.optional("appointment_reminders"),
                inform_within: o.optional("inform_within"),
                escalate_after: o.integer("escalate_after"),
                digest_time: o.optional("digest_time"),
                digest_to: o.choice("digest_to").and_then(DigestTo::parse),
                digest_channel: o.channel("digest_channel"),
                zone: o.optional("zone"),
                language: o.choice("language").and_then(Lang::from_locale),
                reset: o.choice("reset").map(str::to_string),
            };
            settings::guild(env, req, input).await
        }
        ("settings", "digest") => settings::digest(env, req, o.flag("enabled")).await,
        _ => Err(CommandError::internal(&std::io::Error::other(format!(
            "the console has no handler for {}",
            spec.key()
        )))),
    }
}

/// The profile fields `/relation add` and `edit` share. The console knows only
/// colleagues, never bots.
fn details(o: &mut Options) -> relation::Details {
    relation::Details {
        role: o.optional("role"),
        email: o.optional("email"),
        phone: o.optional("phone"),
        linkedin: o.optional("linkedin"),
        tags: o.optional("tags"),
        keep_in_touch: o.optional("keep_in_touch"),
        owner: o.member("owner"),
        owner_is_bot: false,
    }
}
