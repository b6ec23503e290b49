//! What a person is told when the address book refuses: which option, what was wrong, and
//! how to write it right.

use super::{join_or, Surface};
use crate::core::{Frame, RelationError};
use crate::domain::profile::DetailError;
use crate::domain::relation::RelationKind;
use crate::i18n::{option_name, say, Msg};

pub(super) fn error(err: &RelationError, frame: &Frame, surface: &dyn Surface) -> String {
    let lang = frame.lang;
    let text = |t: &str| format!("“{}”", surface.user_text(t));
    let strong = |t: &str| surface.strong(&surface.user_text(t));
    let flag = option_name("new_relation", lang);
    let kind = |k: RelationKind| super::relation::kind_word(Some(k), lang);
    match err {
        RelationError::NearDuplicate {
            option: _,
            name,
            existing,
        } => {
            let quoted: Vec<String> = existing.iter().map(|e| text(e)).collect();
            say(
                lang,
                Msg::ErrNearDuplicate,
                &[
                    ("name", &surface.user_text(name)),
                    ("existing", &join_or(&quoted, lang)),
                    ("flag", flag),
                ],
            )
        }
        RelationError::RelationExists { name } => {
            say(lang, Msg::ErrRelationExists, &[("name", &strong(name))])
        }
        RelationError::UnknownOrganisation { name } => say(
            lang,
            Msg::ErrUnknownOrganisation,
            &[("name", &surface.user_text(name)), ("flag", flag)],
        ),
        RelationError::WrongKind { option, name, kind } => {
            let msg = match kind {
                RelationKind::Person => Msg::ErrIsPerson,
                RelationKind::Organisation => Msg::ErrIsOrganisation,
            };
            say(
                lang,
                msg,
                &[("name", &strong(name)), ("option", option_name(option, lang))],
            )
        }
        RelationError::OwnOrganisation { name } => {
            say(lang, Msg::ErrOwnOrganisation, &[("name", &strong(name))])
        }
        RelationError::OnlyForPersons { option } => say(
            lang,
            Msg::ErrOnlyForPersons,
            &[("option", option_name(option, lang))],
        ),
        RelationError::NeedsOrganisation { option } => say(
            lang,
            Msg::ErrNeedsOrganisation,
            &[("option", option_name(option, lang))],
        ),
        RelationError::AlreadyThere { person, organisation } => say(
            lang,
            Msg::ErrAlreadyThere,
            &[
                ("person", &strong(person)),
                ("organisation", &strong(organisation)),
            ],
        ),
        RelationError::Detail {
            option,
            input,
            problem,
        } => {
            let msg = match problem {
                DetailError::Email => Msg::ErrEmail,
                DetailError::Phone => Msg::ErrPhone,
                DetailError::LinkedIn => Msg::ErrLinkedIn,
                DetailError::Tags => Msg::ErrTags,
                DetailError::CadenceUnreadable => Msg::ErrCadenceUnreadable,
                DetailError::CadenceTooShort => Msg::ErrCadenceTooShort,
                DetailError::CadenceTooLong => Msg::ErrCadenceTooLong,
            };
            say(
                lang,
                msg,
                &[
                    ("input", &surface.user_text(input)),
                    ("option", option_name(option, lang)),
                ],
            )
        }
        RelationError::MergeSame { name } => {
            say(lang, Msg::ErrMergeSame, &[("name", &surface.user_text(name))])
        }
        RelationError::MergeKinds {
            keep,
            keep_kind,
            remove,
            remove_kind,
        } => say(
            lang,
            Msg::ErrMergeKinds,
            &[
                ("keep", &strong(keep)),
                ("keep_kind", &kind(*keep_kind)),
                ("remove", &strong(remove)),
                ("remove_kind", &kind(*remove_kind)),
            ],
        ),
        RelationError::NameTaken { name } => say(lang, Msg::ErrNameTaken, &[("name", &strong(name))]),
        RelationError::NameOfMerged { name } => say(lang, Msg::ErrNameOfMerged, &[("name", &text(name))]),
        RelationError::KindInUse { name, kind: k } => say(
            lang,
            Msg::ErrKindInUse,
            &[("name", &strong(name)), ("kind", &kind(*k))],
        ),
        RelationError::OwnerIsBot => say(lang, Msg::ErrOwnerIsBot, &[]),
        RelationError::NothingToEdit => say(lang, Msg::ErrNothingToEdit, &[]),
        RelationError::SearchEmpty => say(lang, Msg::ErrSearchEmpty, &[]),
        RelationError::SearchCommonWords => say(lang, Msg::ErrSearchCommonWords, &[]),
        RelationError::ForgetAdminOnly => say(lang, Msg::ErrForgetAdminOnly, &[]),
        RelationError::ForgetOrganisation { name } => {
            say(lang, Msg::ErrForgetOrganisation, &[("name", &strong(name))])
        }
        RelationError::AlreadyForgotten { name, at } => say(
            lang,
            Msg::ErrAlreadyForgotten,
            &[("name", &strong(name)), ("when", &surface.date(*at, frame))],
        ),
    }
}
