//! What a person is told when a command fails: which option, what was wrong, and how to
//! write it right.

use super::{join_or, Surface};
use crate::core::{CommandError, Frame, UserError};
use crate::domain::handover::Answer;
use crate::domain::text::TextError;
use crate::i18n::{self, option_name, say, Msg};

/// The message for a failed command, always shown only to the person who gave it.
pub fn error(err: &CommandError, frame: &Frame, surface: &dyn Surface) -> String {
    let lang = frame.lang;
    match err {
        CommandError::User(user) => user_error(user, frame, surface),
        CommandError::Unavailable => say(lang, Msg::ErrUnavailable, &[]),
        CommandError::Internal { id } => say(lang, Msg::ErrInternal, &[("id", id)]),
    }
}

/// A member named in a refusal, by the name the command knew.
fn named(surface: &dyn Surface, member: &crate::core::MemberRef) -> String {
    let names = [(member.id, member.name.clone())].into_iter().collect();
    surface.member(member.id, &names)
}

fn user_error(err: &UserError, frame: &Frame, surface: &dyn Surface) -> String {
    let lang = frame.lang;
    let examples = say(lang, Msg::DateExamples, &[]);
    match err {
        UserError::Text { option, problem } => match problem {
            TextError::Empty => say(lang, Msg::ErrEmpty, &[("option", option_name(option, lang))]),
            TextError::TooLong { max, len } => say(
                lang,
                Msg::ErrTooLong,
                &[
                    ("option", option_name(option, lang)),
                    ("len", &len.to_string()),
                    ("max", &max.to_string()),
                ],
            ),
        },
        UserError::DateUnreadable { option, input } | UserError::NoSuchDate { option, input } => {
            let msg = match err {
                UserError::NoSuchDate { .. } => Msg::ErrNoSuchDate,
                _ => Msg::ErrDateUnreadable,
            };
            say(
                lang,
                msg,
                &[
                    ("option", option_name(option, lang)),
                    ("input", &surface.user_text(input)),
                    ("examples", &examples),
                ],
            )
        }
        UserError::DateTooFar { option, input } => say(
            lang,
            Msg::ErrDateTooFar,
            &[
                ("option", option_name(option, lang)),
                ("input", &surface.user_text(input)),
            ],
        ),
        UserError::DueInPast { option, input, at } | UserError::WhenInFuture { option, input, at } => {
            let msg = match err {
                UserError::DueInPast { .. } => Msg::ErrDueInPast,
                _ => Msg::ErrWhenInFuture,
            };
            say(
                lang,
                msg,
                &[
                    ("option", option_name(option, lang)),
                    ("input", &surface.user_text(input)),
                    ("at", &i18n::time::absolute(*at, frame.zone, lang)),
                    ("examples", &examples),
                ],
            )
        }
        UserError::NeedsFollowUp { option } => say(
            lang,
            Msg::ErrNeedsFollowUp,
            &[
                ("option", option_name(option, lang)),
                ("follow_up", option_name("follow_up", lang)),
            ],
        ),
        UserError::UnknownRelation { name, suggestions } if suggestions.is_empty() => say(
            lang,
            Msg::ErrUnknownRelation,
            &[("name", &surface.user_text(name))],
        ),
        UserError::UnknownRelation { name, suggestions } => {
            let quoted: Vec<String> = suggestions
                .iter()
                .map(|s| format!("“{}”", surface.user_text(s)))
                .collect();
            say(
                lang,
                Msg::ErrUnknownRelationSuggest,
                &[
                    ("name", &surface.user_text(name)),
                    ("suggestions", &join_or(&quoted, lang)),
                ],
            )
        }
        UserError::OutOfRange {
            option,
            min,
            max,
            input,
        } => say(
            lang,
            Msg::ErrOutOfRange,
            &[
                ("option", option_name(option, lang)),
                ("min", &min.to_string()),
                ("max", &max.to_string()),
                ("input", &surface.user_text(input)),
            ],
        ),
        UserError::SpanUnreadable { option, input } => say(
            lang,
            Msg::ErrSpanUnreadable,
            &[
                ("option", option_name(option, lang)),
                ("input", &surface.user_text(input)),
            ],
        ),
        UserError::SpanTooLong { option, input } => say(
            lang,
            Msg::ErrSpanTooLong,
            &[
                ("option", option_name(option, lang)),
                ("input", &surface.user_text(input)),
            ],
        ),
        UserError::NotAReference { option, input } => say(
            lang,
            match *option {
                "handover" => Msg::ErrNotAHandoverReference,
                "appointment" => Msg::ErrNotAnAppointmentReference,
                _ => Msg::ErrNotAReference,
            },
            &[
                ("option", option_name(option, lang)),
                ("input", &surface.user_text(input)),
            ],
        ),
        UserError::NoSuchPromise { reference } => {
            say(lang, Msg::ErrNoSuchPromise, &[("ref", &reference.to_string())])
        }
        UserError::NotOpen { reference, status } => say(
            lang,
            Msg::ErrNotOpen,
            &[
                ("ref", &reference.to_string()),
                ("status", super::promise::status_word(*status, lang)),
            ],
        ),
        UserError::NotYours {
            reference,
            owner,
            owner_name,
        } => {
            let names = owner_name.iter().map(|name| (*owner, name.clone())).collect();
            say(
                lang,
                Msg::ErrNotYours,
                &[
                    ("ref", &reference.to_string()),
                    ("owner", &surface.member(*owner, &names)),
                ],
            )
        }
        UserError::SameDue { reference, at } => say(
            lang,
            Msg::ErrSameDue,
            &[
                ("ref", &reference.to_string()),
                ("at", &i18n::time::absolute(*at, frame.zone, lang)),
            ],
        ),
        UserError::NotMoved { reference } => say(lang, Msg::ErrNotMoved, &[("ref", &reference.to_string())]),
        UserError::AlreadyTold { reference, relation } => say(
            lang,
            Msg::ErrAlreadyTold,
            &[
                ("ref", &reference.to_string()),
                ("relation", &surface.user_text(relation)),
            ],
        ),
        UserError::AdminOnly => say(lang, Msg::ErrAdminOnly, &[]),
        UserError::NotAMember { member, name } => {
            let names = [(*member, name.clone())].into_iter().collect();
            say(
                lang,
                Msg::ErrRecipientNotAMember,
                &[("member", &surface.member(*member, &names))],
            )
        }
        UserError::PromiseOfOtherRelation { reference, relation } => say(
            lang,
            Msg::ErrPromiseOfOtherRelation,
            &[
                ("ref", &reference.to_string()),
                ("relation", &surface.user_text(relation)),
            ],
        ),
        UserError::HandoverToSelf => say(lang, Msg::ErrHandoverToSelf, &[]),
        UserError::HandoverToBot => say(lang, Msg::ErrHandoverToBot, &[]),
        UserError::ChatUnreachable => say(lang, Msg::ErrDiscordUnreachable, &[]),
        UserError::AwayAdminOnly => say(lang, Msg::ErrAwayAdminOnly, &[]),
        UserError::HandoverAllAdminOnly => say(lang, Msg::ErrHandoverAllAdminOnly, &[]),
        UserError::BackupIsBot => say(lang, Msg::ErrBackupIsBot, &[]),
        UserError::OwnBackup => say(lang, Msg::ErrOwnBackup, &[]),
        UserError::AwayEndsBeforeStart { input } => say(
            lang,
            Msg::ErrAwayEndsBeforeStart,
            &[("input", &surface.user_text(input))],
        ),
        UserError::AwayTooLong => say(lang, Msg::ErrAwayTooLong, &[]),
        UserError::AlreadyAway {
            member,
            starts_at,
            ends_at,
        } => say(
            lang,
            Msg::ErrAlreadyAway,
            &[
                ("member", &named(surface, member)),
                ("from", &surface.date(*starts_at, frame)),
                ("until", &surface.date(*ends_at, frame)),
            ],
        ),
        UserError::BackupAway {
            backup,
            starts_at,
            ends_at,
        } => say(
            lang,
            Msg::ErrBackupAway,
            &[
                ("backup", &named(surface, backup)),
                ("from", &surface.date(*starts_at, frame)),
                ("until", &surface.date(*ends_at, frame)),
            ],
        ),
        UserError::NotAway { member } => say(lang, Msg::ErrNotAway, &[("member", &named(surface, member))]),
        UserError::UnknownColleague { typed, matches } => say(
            lang,
            if *matches == 0 {
                Msg::ErrUnknownColleague
            } else {
                Msg::ErrAmbiguousColleague
            },
            &[("typed", &surface.user_text(typed))],
        ),
        UserError::AlreadyHandedOver { promise, handover } => say(
            lang,
            Msg::ErrAlreadyHandedOver,
            &[
                ("promise", &promise.to_string()),
                ("handover", &handover.to_string()),
            ],
        ),
        UserError::WithIsBot => say(lang, Msg::ErrWithIsBot, &[]),
        UserError::ViaUnknown { input } => {
            let choices: Vec<String> = crate::domain::contact::Via::ALL
                .iter()
                .map(|via| crate::i18n::choice_label(via.as_str(), lang).to_string())
                .collect();
            say(
                lang,
                Msg::ErrViaUnknown,
                &[
                    ("input", &surface.user_text(input)),
                    ("choices", &choices.join(", ")),
                ],
            )
        }
        UserError::DurationUnreadable { input } => say(
            lang,
            Msg::ErrDurationUnreadable,
            &[("input", &surface.user_text(input))],
        ),
        UserError::DurationTooLong { input } => say(
            lang,
            Msg::ErrDurationTooLong,
            &[("input", &surface.user_text(input))],
        ),
        UserError::StartsInPast { option, input, at } => say(
            lang,
            Msg::ErrStartsInPast,
            &[
                ("option", option_name(option, lang)),
                ("input", &surface.user_text(input)),
                ("at", &i18n::time::absolute(*at, frame.zone, lang)),
            ],
        ),
        UserError::EndsBeforeStart { input } => say(
            lang,
            Msg::ErrEndsBeforeStart,
            &[("input", &surface.user_text(input))],
        ),
        UserError::NeedsTime { option, input } => say(
            lang,
            Msg::ErrNeedsTime,
            &[
                ("option", option_name(option, lang)),
                ("input", &surface.user_text(input)),
            ],
        ),
        UserError::NoSuchAppointment { reference } => say(
            lang,
            Msg::ErrNoSuchAppointment,
            &[("ref", &reference.to_string())],
        ),
        UserError::AppointmentRefused {
            reference,
            refusal,
            starts_at,
            owner,
            owner_name,
            by,
        } => {
            use crate::domain::appointment::Refusal;
            let mut names = std::collections::HashMap::new();
            if let Some(name) = owner_name {
                names.insert(*owner, name.clone());
            }
            let r = reference.to_string();
            let start = i18n::time::absolute(*starts_at, frame.zone, lang);
            match refusal {
                Refusal::Settled(status) => {
                    let by = by.map(|by| surface.member(by, &names)).unwrap_or_default();
                    say(
                        lang,
                        Msg::ErrAppointmentSettled,
                        &[
                            ("ref", &r),
                            ("status", super::appointment::status_word(*status, lang)),
                            ("by", &by),
                        ],
                    )
                    .replace(" ()", "")
                }
                Refusal::NotYours => say(
                    lang,
                    Msg::ErrAppointmentNotYours,
                    &[("ref", &r), ("owner", &surface.member(*owner, &names))],
                ),
                Refusal::NotBegun => say(
                    lang,
                    Msg::ErrAppointmentNotBegun,
                    &[("ref", &r), ("start", &start)],
                ),
                Refusal::Begun => say(lang, Msg::ErrAppointmentBegun, &[("ref", &r), ("start", &start)]),
            }
        }
        UserError::NeedsNewDate { reference, outcome } | UserError::NeedsReason { reference, outcome } => {
            let msg = match err {
                UserError::NeedsNewDate { .. } => Msg::ErrNeedsNewDate,
                _ => Msg::ErrNeedsReason,
            };
            say(
                lang,
                msg,
                &[
                    ("ref", &reference.to_string()),
                    ("outcome", super::appointment::outcome_word(*outcome, lang)),
                ],
            )
        }
        UserError::Relation(err) => super::relation_errors::error(err, frame, surface),
        UserError::Import(err) => super::import::error(err, frame, surface),
        UserError::Export(err) => super::import::export_error(err, frame),
        UserError::NewDateNotNeeded { reference } => {
            say(lang, Msg::ErrNewDateNotNeeded, &[("ref", &reference.to_string())])
        }
        UserError::NoSuchHandover { reference } => {
            say(lang, Msg::ErrNoSuchHandover, &[("ref", &reference.to_string())])
        }
        UserError::NothingToDetail => Msg::ErrNothingToDetail.text(lang).to_string(),
        UserError::DetailsNotYours => Msg::ErrDetailsNotYours.text(lang).to_string(),
        UserError::HandoverSettled {
            reference,
            status,
            by,
            names,
        } => {
            let names = &names.iter().cloned().collect();
            let by = by
                .map(|by| {
                    say(
                        lang,
                        Msg::ErrHandoverSettledBy,
                        &[("by", &surface.member(by, names))],
                    )
                })
                .unwrap_or_default();
            say(
                lang,
                Msg::ErrHandoverSettled,
                &[
                    ("ref", &reference.to_string()),
                    ("status", super::handover::status_word(*status, lang)),
                    ("by", &by),
                ],
            )
        }
        UserError::HandoverNotYours {
            reference,
            answer,
            to,
            from,
            names,
        } => {
            let names = &names.iter().cloned().collect();
            let msg = match answer {
                Answer::Cancel => Msg::ErrHandoverNotYoursCancel,
                _ => Msg::ErrHandoverNotYoursAnswer,
            };
            say(
                lang,
                msg,
                &[
                    ("ref", &reference.to_string()),
                    ("to", &surface.member(*to, names)),
                    ("from", &surface.member(*from, names)),
                ],
            )
        }
        UserError::BadSetting {
            option,
            input,
            example,
        } => say(
            lang,
            Msg::ErrBadSetting,
            &[
                ("option", option_name(option, lang)),
                ("input", &surface.user_text(input)),
                ("example", &format!("`{example}`")),
            ],
        ),
    }
}

#[cfg(test)]
mod tests {
    use chrono::{DateTime, Utc};

    use super::*;
    use crate::console::ConsoleSurface;
    use crate::domain::Lang;

    fn frame(lang: Lang) -> Frame {
        Frame {
            lang,
            zone: chrono_tz::Europe::Amsterdam,
            now: DateTime::<Utc>::UNIX_EPOCH,
        }
    }

    #[test]
    fn a_date_too_far_away_says_so_and_how_to_pick_one() {
        let err = CommandError::User(UserError::DateTooFar {
            option: "due",
            input: "over 99999999 dagen".into(),
        });

        let nl = error(&err, &frame(Lang::Nl), &ConsoleSurface);
        let en = error(&err, &frame(Lang::En), &ConsoleSurface);

        assert!(nl.starts_with("“over 99999999 dagen”"), "{nl}");
        assert!(
            nl.contains("ligt te ver weg: kies een datum binnen tien jaar"),
            "{nl}"
        );
        assert!(
            en.contains("lies too far away: choose a date within ten years"),
            "{en}"
        );
    }

    #[test]
    fn a_span_too_long_says_the_longest_one_allowed() {
        let err = CommandError::User(UserError::SpanTooLong {
            option: "remind_before",
            input: "99999999 dagen".into(),
        });

        let nl = error(&err, &frame(Lang::Nl), &ConsoleSurface);
        let en = error(&err, &frame(Lang::En), &ConsoleSurface);

        assert!(nl.contains("is te lang: kies hoogstens tien jaar"), "{nl}");
        assert!(en.contains("is too long: give at most ten years"), "{en}");
        assert!(!nl.contains('{') && !en.contains('{'), "{nl}\n{en}");
    }
}
