//! How the console shows replies: moments written out in the guild's zone, members by name,
//! and the next steps as commands to type.

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use crate::core::listing::filter_word;
use crate::core::{Action, Frame};
use crate::domain::{ChannelId, Lang, MemberId, RoleId};
use crate::i18n;
use crate::render::Surface;

pub struct ConsoleSurface;

impl Surface for ConsoleSurface {
    fn moment(&self, at: DateTime<Utc>, frame: &Frame) -> String {
        format!(
            "{} ({})",
            i18n::time::absolute(at, frame.zone, frame.lang),
            i18n::time::relative(at, frame.now, frame.zone, frame.lang)
        )
    }

    fn date(&self, at: DateTime<Utc>, frame: &Frame) -> String {
        i18n::time::absolute(at, frame.zone, frame.lang)
    }

    fn member(&self, id: MemberId, names: &HashMap<MemberId, String>) -> String {
        names.get(&id).cloned().unwrap_or_else(|| format!("#{id}"))
    }

    fn channel(&self, id: ChannelId) -> String {
        format!("#{id}")
    }

    fn role(&self, id: RoleId) -> String {
        format!("@{id}")
    }

    fn strong(&self, text: &str) -> String {
        text.to_string()
    }

    fn user_text(&self, text: &str) -> String {
        text.to_string()
    }

    fn quote(&self, text: &str) -> String {
        text.lines()
            .map(|line| format!("  │ {line}"))
            .collect::<Vec<_>>()
            .join("\n")
    }

    fn max_len(&self) -> usize {
        // A terminal scrolls; keep the same limit as Discord so both show the same.
        2000
    }
}

/// The next steps as commands to type, where Discord shows buttons.
pub fn action_hints(actions: &[Action], names: &HashMap<MemberId, String>, lang: Lang) -> Vec<String> {
    actions
        .iter()
        .map(|action| {
            let command = match action {
                Action::Done(reference) => format!("/promise done promise:{reference}"),
                Action::NewDate(reference) => {
                    format!("/promise move promise:{reference} due:\"…\" reason:\"…\"")
                }
                Action::Told(reference) => format!("/promise told promise:{reference}"),
                Action::HandOver(reference) => {
                    format!("/handover give promises:{reference} relation:\"…\" to:… notes:\"…\"")
                }
                Action::Accept(reference) => format!("/handover accept handover:{reference}"),
                Action::Decline(reference) => {
                    format!("/handover decline handover:{reference} reason:\"…\"")
                }
                Action::Outcome(reference, outcome) => match outcome {
                    crate::domain::appointment::Outcome::Kept => {
                        format!("/appointment outcome appointment:{reference} outcome:kept summary:\"…\"")
                    }
                    other => format!(
                        "/appointment outcome appointment:{reference} outcome:{} new_when:\"…\" reason:\"…\"",
                        other.as_str()
                    ),
                },
                Action::LogContact(_, name) => {
                    format!("/contact log relation:\"{name}\" summary:\"…\"")
                }
                Action::History(_, name) => format!("/contact history relation:\"{name}\""),
                Action::ImportConfirm(batch) => format!("/relation import confirm_import:{batch}"),
                Action::ImportCancel(batch) => format!("/relation import cancel_import:{batch}"),
                Action::Forget(_, name) => format!("/relation forget person:\"{name}\" confirm:true"),
                Action::Details(crate::core::details::Detail::Delivery(id)) => {
                    format!("/details message:{id}")
                }
                Action::Details(crate::core::details::Detail::Handover(r)) => {
                    format!("/details handover:{r}")
                }
                Action::Page(query, page) => {
                    let mut command =
                        format!("/promise list status:{} page:{page}", filter_word(query.filter));
                    if let Some(name) = query.owner.and_then(|owner| names.get(&owner)) {
                        command.push_str(&format!(" owner:\"{name}\""));
                    }
                    command
                }
            };
            let arrow = match lang {
                Lang::En | Lang::Nl => "→",
            };
            format!("  {arrow} {command}")
        })
        .collect()
}
