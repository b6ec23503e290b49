//! What pressing a button or sending the new-date form does.

use poise::serenity_prelude as serenity;

use super::acting;
use super::buttons::{ComponentId, Purpose};
use super::respond::{self, Placement, Responding};
use super::Data;
use crate::core::handover::{self, GiveHandover};
use crate::core::{appointment, contact, listing, promise, relation, Visibility};
use crate::domain::appointment::Outcome;
use crate::domain::{AppointmentRef, CommitmentRef, GuildId, HandoverRef, Lang, RelationId};
use crate::i18n::{say, Msg};

/// Handles a pressed button or a submitted form.
pub async fn on_interaction(ctx: &serenity::Context, interaction: &serenity::Interaction, env: &Data) {
    let outcome = match interaction {
        serenity::Interaction::Component(pressed) => on_component(ctx, pressed, env).await,
        serenity::Interaction::Modal(submitted) => on_modal(ctx, submitted, env).await,
        _ => Ok(()),
    };
    if let Err(err) = outcome {
        tracing::warn!(error = %err, "answering a button or form failed");
    }
}

async fn on_component(
    ctx: &serenity::Context,
    pressed: &serenity::ComponentInteraction,
    env: &Data,
) -> Result<(), super::Error> {
    let Some(id) = ComponentId::parse(&pressed.data.custom_id) else {
        tracing::warn!(custom_id = %pressed.data.custom_id, "unknown button");
        return Ok(());
    };
    let to = Responding::Component(pressed);
    let http = &ctx.http;
    let req = match acting::request(http, id.guild, to).await {
        Ok(req) => req,
        Err(refusal) => return acting::refuse(to, http, env, refusal).await,
    };
    match id.purpose {
        Purpose::Done(r) => {
            let reference = r.to_string();
            let work = promise::done(env, &req, &reference, None);
            respond::respond(to, http, env, &req, Visibility::Channel, Placement::New, work).await
        }
        Purpose::Told(r) => {
            let reference = r.to_string();
            let work = promise::told(env, &req, &reference);
            respond::respond(to, http, env, &req, Visibility::Channel, Placement::New, work).await
        }
        Purpose::Page(query, page) => {
            let work = listing::page_of(env, &req, query, page);
            respond::respond(to, http, env, &req, Visibility::Private, Placement::Update, work).await
        }
        Purpose::Accept(r) => {
            let reference = r.to_string();
            let work = handover::accept(env, &req, &reference);
            respond::respond(to, http, env, &req, Visibility::Channel, Placement::New, work).await
        }
        Purpose::Decline(r) | Purpose::DeclineForm(r) => {
            let lang = req.lang.unwrap_or(env.cached_frame(&req).lang);
            let form = decline_form(r, req.guild, lang);
            pressed
                .create_response(http, serenity::CreateInteractionResponse::Modal(form))
                .await?;
            Ok(())
        }
        Purpose::HandOver(r) | Purpose::HandOverForm(r) => {
            let lang = req.lang.unwrap_or(env.cached_frame(&req).lang);
            let form = hand_over_form(r, req.guild, lang);
            pressed
                .create_response(http, serenity::CreateInteractionResponse::Modal(form))
                .await?;
            Ok(())
        }
        Purpose::Outcome(r, outcome) | Purpose::OutcomeForm(r, outcome) => {
            if let Err(refused) = appointment::may_answer(env, &req, &r.to_string(), outcome).await {
                let work = async { Err(refused) };
                return respond::respond(to, http, env, &req, Visibility::Private, Placement::New, work)
                    .await;
            }
            let lang = req.lang.unwrap_or(env.cached_frame(&req).lang);
            let form = outcome_form(r, outcome, req.guild, lang);
            pressed
                .create_response(http, serenity::CreateInteractionResponse::Modal(form))
                .await?;
            Ok(())
        }
        Purpose::LogContact(r) | Purpose::LogForm(Some(r)) => {
            let name = match relation::name_of(env, &req, r).await {
                Ok(name) => name,
                Err(err) => {
                    let work = async { Err(err) };
                    return respond::respond(to, http, env, &req, Visibility::Private, Placement::New, work)
                        .await;
                }
            };
            let lang = req.lang.unwrap_or(env.cached_frame(&req).lang);
            let form = log_form(Some((r, &name)), None, req.guild, lang);
            pressed
                .create_response(http, serenity::CreateInteractionResponse::Modal(form))
                .await?;
            Ok(())
        }
        Purpose::LogForm(None) => Ok(()),
        Purpose::History(r) => {
            let work = async {
                let name = relation::name_of(env, &req, r).await?;
                contact::history(
                    env,
                    &req,
                    contact::ContactHistory {
                        relation: name,
                        limit: None,
                    },
                )
                .await
            };
            respond::respond(to, http, env, &req, Visibility::Private, Placement::New, work).await
        }
        Purpose::ImportConfirm(batch) => {
            let lang = req.lang.unwrap_or(env.cached_frame(&req).lang);
            let work = super::relation::confirm_import(http, pressed, env, &req, batch, lang);
            respond::respond(to, http, env, &req, Visibility::Private, Placement::Update, work).await
        }
        Purpose::ImportCancel(batch) => {
            let work = crate::core::import::cancel(env, &req, batch);
            respond::respond(to, http, env, &req, Visibility::Private, Placement::Update, work).await
        }
        Purpose::Forget(r) => {
            let work = crate::core::relation::confirm_forget(env, &req, r);
            respond::respond(to, http, env, &req, Visibility::Private, Placement::Update, work).await
        }
        Purpose::Details(detail) => {
            let work = crate::core::details::show(env, &req, detail);
            respond::respond(to, http, env, &req, Visibility::Private, Placement::New, work).await
        }
        Purpose::NewDate(r) | Purpose::Move(r) => {
            let lang = req.lang.unwrap_or(env.cached_frame(&req).lang);
            let form = move_form(r, req.guild, lang);
            pressed
                .create_response(http, serenity::CreateInteractionResponse::Modal(form))
                .await?;
            Ok(())
        }
    }
}

/// The form to log a contact: with the relation known (a card's button) or typed, and the
/// summary prefilled (a message being logged). Via, follow-up and its due date are optional.
pub fn log_form(
    relation: Option<(RelationId, &str)>,
    summary: Option<&str>,
    guild: GuildId,
    lang: Lang,
) -> serenity::CreateModal {
    let title = match relation {
        Some((_, name)) => say(lang, Msg::FormLogTitleWith, &[("relation", name)]),
        None => say(lang, Msg::FormLogTitle, &[]),
    };
    let input = |style, label: Msg, id: &str, max: u16, required: bool| {
        serenity::CreateInputText::new(style, say(lang, label, &[]), id)
            .max_length(max)
            .required(required)
    };
    let mut fields = Vec::new();
    if relation.is_none() {
        fields.push(
            input(
                serenity::InputTextStyle::Short,
                Msg::FormRelation,
                "relation",
                100,
                true,
            )
            .placeholder(say(lang, Msg::FormRelationPlaceholder, &[])),
        );
    }
    let mut text = input(
        serenity::InputTextStyle::Paragraph,
        Msg::FormSummary,
        "summary",
        1000,
        true,
    );
    if let Some(summary) = summary.filter(|s| !s.trim().is_empty()) {
        text = text.value(crate::domain::text::shorten(
            summary.trim(),
            crate::domain::contact::SUMMARY_MAX,
        ));
    }
    fields.push(text);
    fields.push(
        input(serenity::InputTextStyle::Short, Msg::FormVia, "via", 20, false).placeholder(
            crate::domain::text::shorten(&say(lang, Msg::FormViaPlaceholder, &[]), 100),
        ),
    );
    fields.push(input(
        serenity::InputTextStyle::Short,
        Msg::FormFollowUp,
        "follow_up",
        200,
        false,
    ));
    fields.push(
        input(
            serenity::InputTextStyle::Short,
            Msg::FormFollowUpDue,
            "follow_up_due",
            100,
            false,
        )
        .placeholder(say(lang, Msg::FormDuePlaceholder, &[])),
    );
    let id = ComponentId::new(Purpose::LogForm(relation.map(|(id, _)| id)), guild);
    // Discord shows at most 45 characters of a form's title.
    let title = crate::domain::text::shorten(&title, 45);
    serenity::CreateModal::new(id.encode(), title).components(
        fields
            .into_iter()
            .map(serenity::CreateActionRow::InputText)
            .collect(),
    )
}

/// The form asking for a new date and the reason.
fn move_form(reference: CommitmentRef, guild: GuildId, lang: Lang) -> serenity::CreateModal {
    let title = say(lang, Msg::FormMoveTitle, &[("ref", &reference.to_string())]);
    let due = serenity::CreateInputText::new(
        serenity::InputTextStyle::Short,
        say(lang, Msg::FormDue, &[]),
        "due",
    )
    .placeholder(say(lang, Msg::FormDuePlaceholder, &[]))
    .max_length(100)
    .required(true);
    let reason = serenity::CreateInputText::new(
        serenity::InputTextStyle::Paragraph,
        say(lang, Msg::FormReason, &[]),
        "reason",
    )
    .max_length(200)
    .required(true);
    let id = ComponentId::new(Purpose::Move(reference), guild);
    serenity::CreateModal::new(id.encode(), title).components(vec![
        serenity::CreateActionRow::InputText(due),
        serenity::CreateActionRow::InputText(reason),
    ])
}

/// The form after Kept (what was discussed, a follow-up) or Missed and Moved (the new date
/// and why: a missed or moved appointment is closed only with a new date).
fn outcome_form(
    reference: AppointmentRef,
    outcome: Outcome,
    guild: GuildId,
    lang: Lang,
) -> serenity::CreateModal {
    let r = reference.to_string();
    let input = |style, label: Msg, id: &str, max: u16, required: bool| {
        serenity::CreateInputText::new(style, say(lang, label, &[]), id)
            .max_length(max)
            .required(required)
    };
    let (title, fields) = match outcome {
        Outcome::Kept => (
            Msg::FormKeptTitle,
            vec![
                input(
                    serenity::InputTextStyle::Paragraph,
                    Msg::FormSummary,
                    "summary",
                    1000,
                    false,
                ),
                input(
                    serenity::InputTextStyle::Short,
                    Msg::FormFollowUp,
                    "follow_up",
                    200,
                    false,
                ),
                input(
                    serenity::InputTextStyle::Short,
                    Msg::FormFollowUpDue,
                    "follow_up_due",
                    100,
                    false,
                )
                .placeholder(say(lang, Msg::FormDuePlaceholder, &[])),
            ],
        ),
        Outcome::Missed | Outcome::Moved => (
            if outcome == Outcome::Missed {
                Msg::FormMissedTitle
            } else {
                Msg::FormMovedTitle
            },
            vec![
                input(
                    serenity::InputTextStyle::Short,
                    Msg::FormNewWhen,
                    "new_when",
                    100,
                    true,
                )
                .placeholder(say(lang, Msg::FormNewWhenPlaceholder, &[])),
                input(
                    serenity::InputTextStyle::Paragraph,
                    Msg::FormReason,
                    "reason",
                    500,
                    true,
                ),
            ],
        ),
    };
    let id = ComponentId::new(Purpose::OutcomeForm(reference, outcome), guild);
    serenity::CreateModal::new(id.encode(), say(lang, title, &[("ref", &r)])).components(
        fields
            .into_iter()
            .map(serenity::CreateActionRow::InputText)
            .collect(),
    )
}

/// The form asking why a handover is declined: the sender must know.
fn decline_form(reference: HandoverRef, guild: GuildId, lang: Lang) -> serenity::CreateModal {
    let title = say(lang, Msg::FormDeclineTitle, &[("ref", &reference.to_string())]);
    let reason = serenity::CreateInputText::new(
        serenity::InputTextStyle::Paragraph,
        say(lang, Msg::FormReason, &[]),
        "reason",
    )
    .max_length(500)
    .required(true);
    let id = ComponentId::new(Purpose::DeclineForm(reference), guild);
    serenity::CreateModal::new(id.encode(), title)
        .components(vec![serenity::CreateActionRow::InputText(reason)])
}

/// The form asking to whom a promise goes and what they need to know.
fn hand_over_form(reference: CommitmentRef, guild: GuildId, lang: Lang) -> serenity::CreateModal {
    let title = say(lang, Msg::FormHandOverTitle, &[("ref", &reference.to_string())]);
    let to = serenity::CreateInputText::new(
        serenity::InputTextStyle::Short,
        say(lang, Msg::FormHandOverTo, &[]),
        "to",
    )
    .max_length(100)
    .required(true);
    let notes = serenity::CreateInputText::new(
        serenity::InputTextStyle::Paragraph,
        say(lang, Msg::FormHandOverNotes, &[]),
        "notes",
    )
    .max_length(1500)
    .required(true);
    let id = ComponentId::new(Purpose::HandOverForm(reference), guild);
    serenity::CreateModal::new(id.encode(), title).components(vec![
        serenity::CreateActionRow::InputText(to),
        serenity::CreateActionRow::InputText(notes),
    ])
}

/// The colleague typed in the hand-over form, as Discord knows them now: whether they are
/// in the server, and whether they are a bot.
async fn typed_colleague(
    http: &serenity::Http,
    env: &Data,
    req: &crate::core::Request,
    typed: &str,
) -> Result<GiveHandover, crate::core::CommandError> {
    let to = handover::colleague(env, req, typed).await?;
    let guild = serenity::GuildId::new(req.guild.snowflake().max(1));
    let user = serenity::UserId::new(to.id.snowflake().max(1));
    let (to_is_member, to_is_bot) = match http.get_member(guild, user).await {
        Ok(member) => (true, member.user.bot),
        Err(err) => match acting::refusal(err) {
            acting::Refusal::Unreachable => return Err(crate::core::UserError::ChatUnreachable.into()),
            _ => (false, false),
        },
    };
    Ok(GiveHandover {
        to: Some(to),
        to_is_bot,
        to_is_member,
        ..GiveHandover::default()
    })
}

async fn on_modal(
    ctx: &serenity::Context,
    submitted: &serenity::ModalInteraction,
    env: &Data,
) -> Result<(), super::Error> {
    let id = ComponentId::parse(&submitted.data.custom_id);
    let (guild, form) = match id {
        Some(ComponentId {
            purpose: Purpose::Move(r),
            guild,
        }) => (guild, Form::Move(r)),
        Some(ComponentId {
            purpose: Purpose::DeclineForm(r),
            guild,
        }) => (guild, Form::Decline(r)),
        Some(ComponentId {
            purpose: Purpose::HandOverForm(r),
            guild,
        }) => (guild, Form::HandOver(r)),
        Some(ComponentId {
            purpose: Purpose::OutcomeForm(r, outcome),
            guild,
        }) => (guild, Form::Outcome(r, outcome)),
        Some(ComponentId {
            purpose: Purpose::LogForm(r),
            guild,
        }) => (guild, Form::Log(r)),
        _ => {
            tracing::warn!(custom_id = %submitted.data.custom_id, "unknown form");
            return Ok(());
        }
    };
    let to = Responding::Modal(submitted);
    let req = match acting::request(&ctx.http, guild, to).await {
        Ok(req) => req,
        Err(refusal) => return acting::refuse(to, &ctx.http, env, refusal).await,
    };
    let field = |name: &str| {
        submitted
            .data
            .components
            .iter()
            .flat_map(|row| row.components.iter())
            .find_map(|component| match component {
                serenity::ActionRowComponent::InputText(input) if input.custom_id == name => {
                    input.value.clone()
                }
                _ => None,
            })
            .unwrap_or_default()
    };
    let (due, reason) = (field("due"), field("reason"));
    let work = async {
        match form {
            Form::Decline(r) => handover::decline(env, &req, &r.to_string(), &reason).await,
            Form::Move(r) => promise::move_due(env, &req, &r.to_string(), &due, &reason).await,
            Form::HandOver(r) => {
                let mut input = typed_colleague(&ctx.http, env, &req, &field("to")).await?;
                input.notes = field("notes");
                handover::give_promise(env, &req, &r.to_string(), input).await
            }
            Form::Outcome(r, outcome) => {
                let input = appointment::GiveOutcome {
                    appointment: r.to_string(),
                    outcome: Some(outcome),
                    new_when: Some(field("new_when")),
                    reason: Some(reason.clone()),
                    summary: Some(field("summary")),
                    follow_up: Some(field("follow_up")),
                    follow_up_due: Some(field("follow_up_due")),
                };
                appointment::outcome(env, &req, input).await
            }
            Form::Log(r) => {
                let relation = match r {
                    Some(id) => relation::name_of(env, &req, id).await?,
                    None => field("relation"),
                };
                let input = contact::LogContact {
                    relation,
                    summary: field("summary"),
                    via: contact::read_via(&field("via"))?,
                    follow_up: Some(field("follow_up")),
                    follow_up_due: Some(field("follow_up_due")),
                    ..contact::LogContact::default()
                };
                contact::log(env, &req, input).await
            }
        }
    };
    respond::respond(
        to,
        &ctx.http,
        env,
        &req,
        Visibility::Channel,
        Placement::New,
        work,
    )
    .await
}

/// The forms baton shows: a new date for a promise, a reason for declining a handover, a
/// colleague to hand a promise to.
enum Form {
    Move(CommitmentRef),
    Decline(HandoverRef),
    HandOver(CommitmentRef),
    Outcome(AppointmentRef, Outcome),
    /// A contact, with the relation known or typed in the form.
    Log(Option<RelationId>),
}
