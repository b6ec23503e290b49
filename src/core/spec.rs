//! The shape of every command: names, options, kinds and limits. The canonical English names
//! are the contract with users. The console reads typed lines against this table; the Discord
//! adapter's declared commands are checked against it in tests, so the two cannot drift.

use crate::domain::appointment::{Outcome, ABOUT_MAX, PLACE_MAX, REASON_MAX as APPOINTMENT_REASON_MAX};
use crate::domain::commitment::{Certainty, Direction, WHAT_MAX};
use crate::domain::contact::{Via, SUMMARY_MAX};
use crate::domain::handover::{NOTES_MAX, REASON_MAX};
use crate::domain::profile::{EMAIL_MAX, LINKEDIN_MAX, PHONE_MAX, ROLE_MAX};
use crate::domain::relation::{RelationKind, NAME_MAX};
use crate::domain::schedule::DigestTo;
use crate::domain::Lang;

use super::contact::HISTORY_MAX;
use super::input::PHRASE_MAX;
use super::promise::NOTE_MAX;
use super::relation::QUERY_MAX;
use super::settings::RESETTABLE;

/// The fixed choices of a choice option.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Choices {
    Via,
    Direction,
    Certainty,
    ListStatus,
    DigestTo,
    Language,
    Reset,
    Outcome,
    Kind,
    ExportFormat,
}

impl Choices {
    pub fn words(self) -> Vec<&'static str> {
        match self {
            Choices::Via => Via::ALL.iter().map(|via| via.as_str()).collect(),
            Choices::Direction => Direction::ALL.iter().map(|d| d.as_str()).collect(),
            Choices::Certainty => Certainty::ALL.iter().map(|c| c.as_str()).collect(),
            Choices::ListStatus => vec!["open", "overdue", "done", "all"],
            Choices::DigestTo => DigestTo::ALL.iter().map(|d| d.as_str()).collect(),
            Choices::Language => Lang::ALL.iter().map(|l| l.code()).collect(),
            Choices::Reset => RESETTABLE.to_vec(),
            Choices::Outcome => Outcome::ALL.iter().map(|o| o.as_str()).collect(),
            Choices::Kind => RelationKind::ALL.iter().map(|k| k.as_str()).collect(),
            Choices::ExportFormat => crate::core::export::ExportFormat::ALL
                .iter()
                .map(|f| f.as_str())
                .collect(),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OptionKind {
    Text {
        max: usize,
    },
    Integer {
        min: i64,
        max: i64,
    },
    Member,
    Channel,
    Role,
    Bool,
    Choice(Choices),
    /// A file: an attachment in Discord, a path in the console.
    File,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OptionSpec {
    pub name: &'static str,
    pub kind: OptionKind,
    pub required: bool,
    pub autocomplete: bool,
    /// A value to show in "for example" hints.
    pub example: &'static str,
}

/// A command: `group name` (`/contact log`), or a command of its own when `name` is empty
/// (`/ball`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CommandSpec {
    pub group: &'static str,
    pub name: &'static str,
    pub options: &'static [OptionSpec],
}

impl CommandSpec {
    /// `contact log`, the key of its texts in the catalog.
    pub fn key(&self) -> String {
        if self.name.is_empty() {
            self.group.to_string()
        } else {
            format!("{} {}", self.group, self.name)
        }
    }

    pub fn option(&self, name: &str) -> Option<&'static OptionSpec> {
        self.options.iter().find(|option| option.name == name)
    }
}

const fn opt(name: &'static str, kind: OptionKind, required: bool, example: &'static str) -> OptionSpec {
    OptionSpec {
        name,
        kind,
        required,
        autocomplete: false,
        example,
    }
}

const fn text(name: &'static str, max: usize, required: bool, example: &'static str) -> OptionSpec {
    opt(name, OptionKind::Text { max }, required, example)
}

const fn with_autocomplete(option: OptionSpec) -> OptionSpec {
    OptionSpec {
        autocomplete: true,
        ..option
    }
}

/// Longest promise reference typed: "P-" and a number.
pub const REFERENCE_MAX: usize = 20;

const RELATION: OptionSpec =
    with_autocomplete(text("relation", NAME_MAX, true, "relation:\"Gemeente Utrecht\""));
const PROMISE: OptionSpec = with_autocomplete(text("promise", REFERENCE_MAX, true, "promise:P-12"));
const DUE: OptionSpec = with_autocomplete(text("due", PHRASE_MAX, true, "due:\"friday 12:00\""));

pub const CONTACT_LOG: CommandSpec = CommandSpec {
    group: "contact",
    name: "log",
    options: &[
        RELATION,
        text("summary", SUMMARY_MAX, true, "summary:\"Called about the quote\""),
        opt("via", OptionKind::Choice(Choices::Via), false, "via:email"),
        with_autocomplete(text("when", PHRASE_MAX, false, "when:\"yesterday 14:00\"")),
        text("follow_up", WHAT_MAX, false, "follow_up:\"Send the quote\""),
        with_autocomplete(text(
            "follow_up_due",
            PHRASE_MAX,
            false,
            "follow_up_due:\"friday 12:00\"",
        )),
        opt(
            "follow_up_owner",
            OptionKind::Member,
            false,
            "follow_up_owner:bob",
        ),
        opt("restricted", OptionKind::Bool, false, "restricted:yes"),
        NEW_RELATION,
    ],
};

pub const CONTACT_HISTORY: CommandSpec = CommandSpec {
    group: "contact",
    name: "history",
    options: &[
        RELATION,
        opt(
            "limit",
            OptionKind::Integer {
                min: 1,
                max: HISTORY_MAX,
            },
            false,
            "limit:20",
        ),
    ],
};

pub const PROMISE_ADD: CommandSpec = CommandSpec {
    group: "promise",
    name: "add",
    options: &[
        RELATION,
        text("what", WHAT_MAX, true, "what:\"Send the signed contract\""),
        DUE,
        opt("owner", OptionKind::Member, false, "owner:bob"),
        opt(
            "direction",
            OptionKind::Choice(Choices::Direction),
            false,
            "direction:they_owe",
        ),
        opt(
            "certainty",
            OptionKind::Choice(Choices::Certainty),
            false,
            "certainty:confirmed",
        ),
        text(
            "depends_on",
            NOTE_MAX,
            false,
            "depends_on:\"the board's approval\"",
        ),
        text("remind_before", PHRASE_MAX, false, "remind_before:\"1 day\""),
        NEW_RELATION,
    ],
};

pub const PROMISE_DONE: CommandSpec = CommandSpec {
    group: "promise",
    name: "done",
    options: &[PROMISE, text("note", NOTE_MAX, false, "note:\"Sent by mail\"")],
};

pub const PROMISE_MOVE: CommandSpec = CommandSpec {
    group: "promise",
    name: "move",
    options: &[
        PROMISE,
        DUE,
        text("reason", NOTE_MAX, true, "reason:\"Waiting for the figures\""),
    ],
};

pub const PROMISE_CANCEL: CommandSpec = CommandSpec {
    group: "promise",
    name: "cancel",
    options: &[
        PROMISE,
        text("reason", NOTE_MAX, true, "reason:\"No longer needed\""),
    ],
};

pub const PROMISE_TOLD: CommandSpec = CommandSpec {
    group: "promise",
    name: "told",
    options: &[PROMISE],
};

pub const PROMISE_LIST: CommandSpec = CommandSpec {
    group: "promise",
    name: "list",
    options: &[
        opt("owner", OptionKind::Member, false, "owner:bob"),
        with_autocomplete(text("relation", NAME_MAX, false, "relation:\"Gemeente Utrecht\"")),
        opt(
            "status",
            OptionKind::Choice(Choices::ListStatus),
            false,
            "status:overdue",
        ),
        opt("page", OptionKind::Integer { min: 1, max: 1000 }, false, "page:2"),
    ],
};

pub const BALL: CommandSpec = CommandSpec {
    group: "ball",
    name: "",
    options: &[opt("member", OptionKind::Member, false, "member:bob")],
};

pub const SETTINGS_GUILD: CommandSpec = CommandSpec {
    group: "settings",
    name: "guild",
    options: &[
        opt(
            "reminder_channel",
            OptionKind::Channel,
            false,
            "reminder_channel:#reminders",
        ),
        opt(
            "escalation_role",
            OptionKind::Role,
            false,
            "escalation_role:@team-leads",
        ),
        opt(
            "escalation_channel",
            OptionKind::Channel,
            false,
            "escalation_channel:#escalations",
        ),
        opt(
            "restricted_role",
            OptionKind::Role,
            false,
            "restricted_role:@wijkteam",
        ),
        opt(
            "minimal_channel_posts",
            OptionKind::Bool,
            false,
            "minimal_channel_posts:false",
        ),
        text(
            "working_hours",
            60,
            false,
            "working_hours:\"mon-fri 08:30-17:30\"",
        ),
        text("repeat_every", 40, false, "repeat_every:\"1 working day\""),
        text("ack_within", 40, false, "ack_within:\"4 working hours\""),
        text(
            "appointment_reminders",
            60,
            false,
            "appointment_reminders:\"1 day, 1 hour\"",
        ),
        text("inform_within", 40, false, "inform_within:\"1 working day\""),
        opt(
            "escalate_after",
            OptionKind::Integer { min: 1, max: 20 },
            false,
            "escalate_after:2",
        ),
        text("digest_time", 10, false, "digest_time:08:45"),
        opt(
            "digest_to",
            OptionKind::Choice(Choices::DigestTo),
            false,
            "digest_to:dm",
        ),
        opt(
            "digest_channel",
            OptionKind::Channel,
            false,
            "digest_channel:#team",
        ),
        text("zone", 64, false, "zone:Europe/Amsterdam"),
        opt(
            "language",
            OptionKind::Choice(Choices::Language),
            false,
            "language:nl",
        ),
        opt(
            "reset",
            OptionKind::Choice(Choices::Reset),
            false,
            "reset:reminder_channel",
        ),
    ],
};

pub const SETTINGS_DIGEST: CommandSpec = CommandSpec {
    group: "settings",
    name: "digest",
    options: &[opt("enabled", OptionKind::Bool, false, "enabled:no")],
};

const HANDOVER: OptionSpec = with_autocomplete(text("handover", REFERENCE_MAX, true, "handover:H-3"));

pub const HANDOVER_GIVE: CommandSpec = CommandSpec {
    group: "handover",
    name: "give",
    options: &[
        opt("to", OptionKind::Member, true, "to:bob"),
        RELATION,
        text(
            "notes",
            NOTES_MAX,
            true,
            "notes:\"Calls back after 10; the report waits for the figures\"",
        ),
        with_autocomplete(text("promises", 200, false, "promises:\"P-3, P-7\"")),
    ],
};

pub const HANDOVER_LIST: CommandSpec = CommandSpec {
    group: "handover",
    name: "list",
    options: &[],
};

pub const HANDOVER_CANCEL: CommandSpec = CommandSpec {
    group: "handover",
    name: "cancel",
    options: &[HANDOVER],
};

pub const HANDOVER_ACCEPT: CommandSpec = CommandSpec {
    group: "handover",
    name: "accept",
    options: &[HANDOVER],
};

pub const HANDOVER_DECLINE: CommandSpec = CommandSpec {
    group: "handover",
    name: "decline",
    options: &[
        HANDOVER,
        text("reason", REASON_MAX, true, "reason:\"I am away that week\""),
    ],
};

pub const HANDOVER_ALL: CommandSpec = CommandSpec {
    group: "handover",
    name: "all",
    options: &[
        opt("from", OptionKind::Member, true, "from:alice"),
        opt("to", OptionKind::Member, true, "to:bob"),
        text(
            "notes",
            NOTES_MAX,
            true,
            "notes:\"Alice left; her relations are yours now\"",
        ),
        opt("accept_now", OptionKind::Bool, false, "accept_now:true"),
    ],
};

const AWAY_MEMBER: OptionSpec = opt("member", OptionKind::Member, false, "member:alice");

pub const AWAY_SET: CommandSpec = CommandSpec {
    group: "away",
    name: "set",
    options: &[
        text("until", PHRASE_MAX, true, "until:\"friday\""),
        opt("backup", OptionKind::Member, true, "backup:bob"),
        text("from", PHRASE_MAX, false, "from:\"monday\""),
        AWAY_MEMBER,
        text("note", crate::domain::away::NOTE_MAX, false, "note:\"on leave\""),
    ],
};

pub const AWAY_END: CommandSpec = CommandSpec {
    group: "away",
    name: "end",
    options: &[AWAY_MEMBER],
};

pub const AWAY_LIST: CommandSpec = CommandSpec {
    group: "away",
    name: "list",
    options: &[],
};

const APPOINTMENT: OptionSpec =
    with_autocomplete(text("appointment", REFERENCE_MAX, true, "appointment:A-3"));

pub const APPOINTMENT_ADD: CommandSpec = CommandSpec {
    group: "appointment",
    name: "add",
    options: &[
        RELATION,
        with_autocomplete(text("when", PHRASE_MAX, true, "when:\"friday 10:00\"")),
        text("duration", 40, false, "duration:\"1,5 uur\""),
        text("where", PLACE_MAX, false, "where:\"Stationsplein 1, Utrecht\""),
        opt("with", OptionKind::Member, false, "with:bob"),
        text("about", ABOUT_MAX, false, "about:\"intake\""),
        NEW_RELATION,
    ],
};

pub const APPOINTMENT_LIST: CommandSpec = CommandSpec {
    group: "appointment",
    name: "list",
    options: &[
        opt("member", OptionKind::Member, false, "member:bob"),
        with_autocomplete(text("relation", NAME_MAX, false, "relation:\"Gemeente Utrecht\"")),
        text("range", PHRASE_MAX, false, "range:week"),
        opt("ics", OptionKind::Bool, false, "ics:true"),
    ],
};

pub const APPOINTMENT_CANCEL: CommandSpec = CommandSpec {
    group: "appointment",
    name: "cancel",
    options: &[
        APPOINTMENT,
        text(
            "reason",
            APPOINTMENT_REASON_MAX,
            true,
            "reason:\"The client is ill\"",
        ),
    ],
};

pub const APPOINTMENT_OUTCOME: CommandSpec = CommandSpec {
    group: "appointment",
    name: "outcome",
    options: &[
        APPOINTMENT,
        opt(
            "outcome",
            OptionKind::Choice(Choices::Outcome),
            true,
            "outcome:kept",
        ),
        text("new_when", PHRASE_MAX, false, "new_when:\"monday 14:00\""),
        text(
            "reason",
            APPOINTMENT_REASON_MAX,
            false,
            "reason:\"The client did not come\"",
        ),
        text(
            "summary",
            SUMMARY_MAX,
            false,
            "summary:\"Discussed the care plan\"",
        ),
        text("follow_up", WHAT_MAX, false, "follow_up:\"Send the care plan\""),
        text(
            "follow_up_due",
            PHRASE_MAX,
            false,
            "follow_up_due:\"friday 12:00\"",
        ),
    ],
};

/// Create the named relation even when it looks like an existing one.
const NEW_RELATION: OptionSpec = opt("new_relation", OptionKind::Bool, false, "new_relation:true");
const ORGANISATION: OptionSpec = with_autocomplete(text(
    "organisation",
    NAME_MAX,
    false,
    "organisation:\"GGD Utrecht\"",
));
const ROLE: OptionSpec = text("role", ROLE_MAX, false, "role:beleidsmedewerker");
const EMAIL: OptionSpec = text("email", EMAIL_MAX, false, "email:jan@gemeente.nl");
const PHONE: OptionSpec = text("phone", PHONE_MAX, false, "phone:\"+31 6 1234 5678\"");
const LINKEDIN: OptionSpec = text("linkedin", LINKEDIN_MAX, false, "linkedin:linkedin.com/in/jan");
const TAGS: OptionSpec = text("tags", 200, false, "tags:\"zorg, wmo\"");
const KEEP_IN_TOUCH: OptionSpec = text("keep_in_touch", 40, false, "keep_in_touch:\"every 3 months\"");
const OWNER: OptionSpec = opt("owner", OptionKind::Member, false, "owner:bob");
const KIND: OptionSpec = opt(
    "kind",
    OptionKind::Choice(Choices::Kind),
    false,
    "kind:organisation",
);

pub const RELATION_ADD: CommandSpec = CommandSpec {
    group: "relation",
    name: "add",
    options: &[
        text("name", NAME_MAX, true, "name:\"Jan de Vries\""),
        KIND,
        ORGANISATION,
        ROLE,
        EMAIL,
        PHONE,
        LINKEDIN,
        TAGS,
        KEEP_IN_TOUCH,
        OWNER,
        NEW_RELATION,
    ],
};

pub const RELATION_SHOW: CommandSpec = CommandSpec {
    group: "relation",
    name: "show",
    options: &[RELATION],
};

pub const RELATION_EDIT: CommandSpec = CommandSpec {
    group: "relation",
    name: "edit",
    options: &[
        RELATION,
        text("name", NAME_MAX, false, "name:\"Jan de Vries\""),
        KIND,
        ORGANISATION,
        ROLE,
        EMAIL,
        PHONE,
        LINKEDIN,
        TAGS,
        KEEP_IN_TOUCH,
        OWNER,
        NEW_RELATION,
    ],
};

pub const RELATION_MERGE: CommandSpec = CommandSpec {
    group: "relation",
    name: "merge",
    options: &[
        with_autocomplete(text("keep", NAME_MAX, true, "keep:\"Gemeente Den Haag\"")),
        with_autocomplete(text("remove", NAME_MAX, true, "remove:\"Gem. Den Haag\"")),
        opt("confirm", OptionKind::Bool, false, "confirm:true"),
    ],
};

pub const RELATION_MOVE: CommandSpec = CommandSpec {
    group: "relation",
    name: "move",
    options: &[
        with_autocomplete(text("person", NAME_MAX, true, "person:\"Jan de Vries\"")),
        with_autocomplete(text("to", NAME_MAX, true, "to:\"Gemeente Utrecht\"")),
        ROLE,
        NEW_RELATION,
    ],
};

pub const RELATION_WHO: CommandSpec = CommandSpec {
    group: "relation",
    name: "who",
    options: &[with_autocomplete(text(
        "organisation",
        NAME_MAX,
        true,
        "organisation:\"GGD Utrecht\"",
    ))],
};

pub const RELATION_SEARCH: CommandSpec = CommandSpec {
    group: "relation",
    name: "search",
    options: &[text("query", QUERY_MAX, true, "query:offerte")],
};

/// The longest column map typed.
pub const MAP_MAX: usize = 500;

pub const RELATION_IMPORT: CommandSpec = CommandSpec {
    group: "relation",
    name: "import",
    options: &[
        opt("file", OptionKind::File, false, "file:Connections.csv"),
        text("map", MAP_MAX, false, "map:\"Naam=name,Bedrijf=organisation\""),
        text("undo", REFERENCE_MAX, false, "undo:12"),
        text("confirm_import", REFERENCE_MAX, false, "confirm_import:12"),
        text("cancel_import", REFERENCE_MAX, false, "cancel_import:12"),
    ],
};

pub const RELATION_EXPORT: CommandSpec = CommandSpec {
    group: "relation",
    name: "export",
    options: &[
        with_autocomplete(text("relation", NAME_MAX, false, "relation:\"Jan de Vries\"")),
        opt("all", OptionKind::Bool, false, "all:true"),
        opt(
            "format",
            OptionKind::Choice(Choices::ExportFormat),
            false,
            "format:csv",
        ),
    ],
};

pub const RELATION_FORGET: CommandSpec = CommandSpec {
    group: "relation",
    name: "forget",
    options: &[
        with_autocomplete(text("person", NAME_MAX, true, "person:\"Jan de Vries\"")),
        opt("confirm", OptionKind::Bool, false, "confirm:true"),
    ],
};

pub const COMMANDS: &[CommandSpec] = &[
    CONTACT_LOG,
    CONTACT_HISTORY,
    PROMISE_ADD,
    PROMISE_DONE,
    PROMISE_MOVE,
    PROMISE_CANCEL,
    PROMISE_TOLD,
    PROMISE_LIST,
    BALL,
    HANDOVER_GIVE,
    HANDOVER_LIST,
    HANDOVER_CANCEL,
    HANDOVER_ACCEPT,
    HANDOVER_DECLINE,
    HANDOVER_ALL,
    AWAY_SET,
    AWAY_END,
    AWAY_LIST,
    APPOINTMENT_ADD,
    APPOINTMENT_LIST,
    APPOINTMENT_CANCEL,
    APPOINTMENT_OUTCOME,
    RELATION_ADD,
    RELATION_SHOW,
    RELATION_EDIT,
    RELATION_MERGE,
    RELATION_MOVE,
    RELATION_WHO,
    RELATION_SEARCH,
    RELATION_IMPORT,
    RELATION_EXPORT,
    RELATION_FORGET,
    SETTINGS_GUILD,
    SETTINGS_DIGEST,
];

/// The command of that group and name (empty name: a command of its own).
pub fn find(group: &str, name: &str) -> Option<&'static CommandSpec> {
    COMMANDS
        .iter()
        .find(|spec| spec.group == group && spec.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{choice_text, command_text, option_text};

    #[test]
    fn every_command_option_and_choice_has_texts_in_both_languages() {
        for spec in COMMANDS {
            assert!(command_text(spec.group).is_some(), "{}", spec.group);
            assert!(command_text(&spec.key()).is_some(), "{}", spec.key());
            for option in spec.options {
                assert!(option_text(option.name).is_some(), "{}", option.name);
                assert!(crate::i18n::option_text_in(&spec.key(), option.name).is_some());
                if let OptionKind::Choice(choices) = option.kind {
                    for word in choices.words() {
                        assert!(choice_text(word).is_some(), "{word}");
                    }
                }
            }
        }
    }

    #[test]
    fn required_options_come_first_as_discord_demands() {
        for spec in COMMANDS {
            let first_optional = spec
                .options
                .iter()
                .position(|o| !o.required)
                .unwrap_or(spec.options.len());
            assert!(
                spec.options[first_optional..].iter().all(|o| !o.required),
                "{}",
                spec.key()
            );
        }
    }

    #[test]
    fn discord_allows_at_most_25_options_and_choices() {
        for spec in COMMANDS {
            assert!(spec.options.len() <= 25, "{}", spec.key());
            for option in spec.options {
                if let OptionKind::Choice(choices) = option.kind {
                    assert!(choices.words().len() <= 25, "{}", option.name);
                }
            }
        }
    }
}
