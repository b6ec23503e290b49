//! Imports: the preview with its counts and refused rows, what a confirmed, cancelled or
//! undone import did, and why a file or an undo is refused.

use super::Surface;
use crate::core::import::{ImportDone, ImportError, ImportPreview, ImportSettled, RowProblem};
use crate::core::{Frame, Reply};
use crate::domain::import::{Conflict, Counts};
use crate::i18n::{option_name, say, Msg};
use crate::import::{BinaryKind, Field, FileError, Reason};
use crate::store::imports::BatchState;

pub(super) fn preview(p: &ImportPreview, reply: &Reply, surface: &dyn Surface) -> Vec<String> {
    let lang = reply.frame.lang;
    let batch = p.batch.to_string();
    let separator = p
        .separator
        .map(|s| {
            let shown = if s == '\t' {
                "tab".to_string()
            } else {
                s.to_string()
            };
            say(lang, Msg::ImportSeparator, &[("separator", &shown)])
        })
        .unwrap_or_default();
    let mut lines = vec![
        say(
            lang,
            Msg::ImportPreviewHead,
            &[
                ("batch", &batch),
                ("format", format_name(p.format).text(lang)),
                ("encoding", p.encoding),
                ("separator", &separator),
            ],
        ),
        counts(Msg::ImportCounts, p.batch, &p.counts, &reply.frame),
    ];
    if p.warnings > 0 {
        lines.push(say(
            lang,
            Msg::ImportWarnings,
            &[("count", &p.warnings.to_string())],
        ));
    }
    if !p.rejected.is_empty() {
        lines.push(say(lang, Msg::ImportRefusedHead, &[]));
        for (line, problem) in &p.rejected {
            lines.push(say(
                lang,
                Msg::ImportRefusedLine,
                &[
                    ("line", &line.to_string()),
                    ("reason", &problem_text(problem, &reply.frame, surface)),
                ],
            ));
        }
        let more = p.counts.rejected.saturating_sub(p.rejected.len());
        if more > 0 {
            lines.push(say(lang, Msg::ImportRefusedMore, &[("count", &more.to_string())]));
        }
    }
    lines.push(say(lang, Msg::ImportConfirmHint, &[("batch", &batch)]));
    lines
}

pub(super) fn done(d: &ImportDone, reply: &Reply) -> Vec<String> {
    vec![counts(Msg::ImportDoneHead, d.batch, &d.counts, &reply.frame)]
}

pub(super) fn settled(s: &ImportSettled, reply: &Reply, surface: &dyn Surface) -> Vec<String> {
    let lang = reply.frame.lang;
    match s {
        ImportSettled::Cancelled { batch } => {
            vec![say(lang, Msg::ImportCancelled, &[("batch", &batch.to_string())])]
        }
        ImportSettled::Undone { batch, undone } => {
            let mut lines = vec![say(
                lang,
                Msg::ImportUndone,
                &[
                    ("batch", &batch.to_string()),
                    ("removed", &undone.removed.to_string()),
                    ("restored", &undone.restored.to_string()),
                    ("places", &undone.places.to_string()),
                ],
            )];
            if !undone.left.is_empty() {
                let names: Vec<String> = undone.left.iter().map(|n| surface.user_text(n)).collect();
                lines.push(say(lang, Msg::ImportUndoLeft, &[("names", &names.join(", "))]));
            }
            lines
        }
    }
}

/// The progress line of an import being written.
pub fn progress(done: usize, total: usize, lang: crate::domain::Lang) -> String {
    say(
        lang,
        Msg::ImportProgress,
        &[("done", &done.to_string()), ("total", &total.to_string())],
    )
}

fn counts(msg: Msg, batch: i64, c: &Counts, frame: &Frame) -> String {
    say(
        frame.lang,
        msg,
        &[
            ("batch", &batch.to_string()),
            ("new", &c.new.to_string()),
            ("updated", &c.updated.to_string()),
            ("duplicate", &c.duplicate.to_string()),
            ("rejected", &c.rejected.to_string()),
            ("organisations", &c.organisations.to_string()),
        ],
    )
}

fn format_name(format: crate::import::Format) -> Msg {
    match format {
        crate::import::Format::LinkedIn => Msg::FormatLinkedIn,
        crate::import::Format::Outlook => Msg::FormatOutlook,
        crate::import::Format::Mapped => Msg::FormatMapped,
        crate::import::Format::VCard => Msg::FormatVCard,
    }
}

fn field(f: Field) -> Msg {
    match f {
        Field::Name => Msg::FieldName,
        Field::Email => Msg::FieldEmail,
        Field::Phone => Msg::FieldPhone,
        Field::Linkedin => Msg::FieldLinkedin,
        Field::Organisation => Msg::FieldOrganisation,
        Field::Role => Msg::FieldRole,
        Field::Tag => Msg::FieldTag,
    }
}

/// Why a row is not imported, in the reader's language.
pub fn problem_text(problem: &RowProblem, frame: &Frame, surface: &dyn Surface) -> String {
    let lang = frame.lang;
    match problem {
        RowProblem::Read(reason) => match reason {
            Reason::NoName => say(lang, Msg::ReasonNoName, &[]),
            Reason::TooLong { field: f, max } => say(
                lang,
                Msg::ReasonTooLong,
                &[("field", field(*f).text(lang)), ("max", &max.to_string())],
            ),
            Reason::WrongColumnCount { expected, found } => say(
                lang,
                Msg::ReasonColumns,
                &[("expected", &expected.to_string()), ("found", &found.to_string())],
            ),
            Reason::BadEncoding { field: f } => {
                say(lang, Msg::ReasonEncoding, &[("field", field(*f).text(lang))])
            }
            Reason::Unreadable => say(lang, Msg::ReasonUnreadable, &[]),
            Reason::BadEmail(v) => say(lang, Msg::ReasonBadEmail, &[("value", &surface.user_text(v))]),
            Reason::BadPhone(v) => say(lang, Msg::ReasonBadPhone, &[("value", &surface.user_text(v))]),
            Reason::BadLinkedin(v) => say(lang, Msg::ReasonBadLinkedin, &[("value", &surface.user_text(v))]),
        },
        RowProblem::Name(problem) => say(lang, Msg::ReasonName, &[("problem", &format!("{problem:?}"))]),
        RowProblem::Conflict(conflict) => match conflict {
            Conflict::OtherKind { name, kind } => say(
                lang,
                Msg::ReasonOtherKind,
                &[
                    ("name", &surface.user_text(name)),
                    ("kind", &super::relation::kind_word(Some(*kind), lang)),
                ],
            ),
            Conflict::OrganisationIsPerson { name } => say(
                lang,
                Msg::ReasonOrganisationIsPerson,
                &[("name", &surface.user_text(name))],
            ),
            Conflict::OwnOrganisation => say(lang, Msg::ReasonOwnOrganisation, &[]),
        },
    }
}

fn state(s: BatchState) -> Msg {
    match s {
        BatchState::Preview => Msg::ImportStatePreview,
        BatchState::Confirmed => Msg::ImportStateConfirmed,
        BatchState::Cancelled => Msg::ImportStateCancelled,
        BatchState::Undone => Msg::ImportStateUndone,
    }
}

pub(super) fn error(err: &ImportError, frame: &Frame, surface: &dyn Surface) -> String {
    let lang = frame.lang;
    match err {
        ImportError::File(file) => match file {
            FileError::Empty => say(lang, Msg::ErrImportEmpty, &[]),
            FileError::TooLarge { bytes, .. } => {
                let size = format!("{:.1} MB", *bytes as f64 / (1024.0 * 1024.0));
                say(lang, Msg::ErrImportTooLarge, &[("size", &size)])
            }
            FileError::TooManyRows { max, .. } => {
                say(lang, Msg::ErrImportTooManyRows, &[("max", &max.to_string())])
            }
            FileError::Binary(kind) => say(
                lang,
                match kind {
                    BinaryKind::Spreadsheet => Msg::ErrImportSpreadsheet,
                    BinaryKind::Image => Msg::ErrImportImage,
                    BinaryKind::Pdf => Msg::ErrImportPdf,
                    BinaryKind::Archive => Msg::ErrImportArchive,
                    BinaryKind::Other => Msg::ErrImportBinary,
                },
                &[],
            ),
            FileError::NoHeader => say(lang, Msg::ErrImportNoHeader, &[]),
            FileError::NeedsMapping { headers } => {
                let headers: Vec<String> = headers.iter().map(|h| surface.user_text(h)).collect();
                say(
                    lang,
                    Msg::ErrImportNeedsMapping,
                    &[
                        ("headers", &headers.join(", ")),
                        ("option", option_name("map", lang)),
                    ],
                )
            }
            FileError::BadMapping(problem) => say(
                lang,
                Msg::ErrImportMapping,
                &[("problem", &surface.user_text(&problem.to_string()))],
            ),
        },
        ImportError::Mapping(problem) => say(
            lang,
            Msg::ErrImportMapping,
            &[("problem", &surface.user_text(problem))],
        ),
        ImportError::UnknownBatch { batch } => {
            say(lang, Msg::ErrImportUnknownBatch, &[("batch", &batch.to_string())])
        }
        ImportError::Settled { batch, state: s } => say(
            lang,
            Msg::ErrImportSettled,
            &[("batch", &batch.to_string()), ("state", state(*s).text(lang))],
        ),
        ImportError::NotConfirmed { batch, .. } => {
            say(lang, Msg::ErrImportNotConfirmed, &[("batch", &batch.to_string())])
        }
        ImportError::NotYours { batch, by } => say(
            lang,
            Msg::ErrImportNotYours,
            &[
                ("batch", &batch.to_string()),
                ("by", &surface.member(*by, &Default::default())),
            ],
        ),
        ImportError::FileOrUndo => say(lang, Msg::ErrImportFileOrUndo, &[]),
        ImportError::CannotOpen { name, problem } => say(
            lang,
            Msg::ErrImportCannotOpen,
            &[
                ("name", &surface.user_text(name)),
                ("problem", &surface.user_text(problem)),
            ],
        ),
    }
}

pub(super) fn exported(
    e: &crate::core::export::Exported,
    reply: &Reply,
    surface: &dyn Surface,
) -> Vec<String> {
    let lang = reply.frame.lang;
    let what = match &e.relation {
        Some(name) => surface.strong(&surface.user_text(name)),
        None => say(lang, Msg::ExportedAll, &[]),
    };
    vec![say(
        lang,
        Msg::Exported,
        &[
            ("what", &what),
            ("count", &e.relations.to_string()),
            ("format", e.format.as_str()),
        ],
    )]
}

pub(super) fn export_error(err: &crate::core::export::ExportError, frame: &Frame) -> String {
    match err {
        crate::core::export::ExportError::AdminOnly => say(frame.lang, Msg::ErrExportAdminOnly, &[]),
        crate::core::export::ExportError::RelationOrAll => say(frame.lang, Msg::ErrExportRelationOrAll, &[]),
    }
}
