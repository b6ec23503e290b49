//! `/relation import`: a contact file read and shown as a preview (new, updated, duplicate,
//! refused), then confirmed or cancelled; and undone later, leaving alone what changed
//! since. The file's rows wait in the batch only until it is settled.

use std::collections::HashMap;

use serde_json::json;

use super::{Action, Body, CommandError, Env, Reply, Request, UserError, Visibility};
use crate::domain::import::{self, Conflict, Counts, Existing, Incoming, Lookup, Verdict};
use crate::domain::relation::{fold, RelationKind, RelationName};
use crate::domain::{profile, text, MemberId, RelationId};
use crate::import::{FileError, Format, Mapping, Reason, Rejected, Row};
use crate::store::imports::{BatchRow, BatchState, Undone};
use crate::store::relations::NewRelation;
use crate::store::{self, events::NewEvent, Conn};

/// Refused rows a preview lists; all of them are in the attached report.
pub const REJECTED_SHOWN: usize = 20;
/// Rows between two progress reports while an import is written.
pub const PROGRESS_EVERY: usize = 250;
const ROLE_MAX: usize = 100;

/// A file as it came: from an attachment, the console or the command line.
#[derive(Clone, Debug, Default)]
pub struct ImportFile {
    pub name: Option<String>,
    pub bytes: Vec<u8>,
}

/// Why an import, or the undo of one, is refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportError {
    File(FileError),
    /// A column map that cannot be read.
    Mapping(String),
    UnknownBatch {
        batch: i64,
    },
    /// Confirmed, cancelled or undone already.
    Settled {
        batch: i64,
        state: BatchState,
    },
    /// Only a confirmed import can be undone.
    NotConfirmed {
        batch: i64,
        state: BatchState,
    },
    /// Only whoever started it, or an admin, may settle or undo an import.
    NotYours {
        batch: i64,
        by: MemberId,
    },
    /// Neither a file nor a batch to undo, or both.
    FileOrUndo,
    /// The console or the command line could not open the file named.
    CannotOpen {
        name: String,
        problem: String,
    },
}

/// What `/relation import` was asked to do: read a file (with a column map), or confirm,
/// cancel or undo an import by its number.
#[derive(Clone, Debug, Default)]
pub struct ImportCommand {
    pub file: Option<ImportFile>,
    pub map: Option<String>,
    pub undo: Option<String>,
    pub confirm: Option<String>,
    pub cancel: Option<String>,
}

/// Runs whichever one thing the command asks; more than one, or none, is refused.
pub async fn run(
    env: &Env,
    req: &Request,
    command: ImportCommand,
    progress: &(dyn Fn(usize, usize) + Send + Sync),
) -> Result<Reply, CommandError> {
    let given = usize::from(command.file.is_some())
        + usize::from(command.undo.is_some())
        + usize::from(command.confirm.is_some())
        + usize::from(command.cancel.is_some());
    if given != 1 {
        return Err(ImportError::FileOrUndo.into());
    }
    if let Some(file) = command.file {
        return preview(env, req, file, command.map.as_deref()).await;
    }
    if let Some(batch) = command.undo {
        return undo(env, req, read_batch("undo", &batch)?).await;
    }
    if let Some(batch) = command.confirm {
        return confirm(env, req, read_batch("confirm_import", &batch)?, progress).await;
    }
    let batch = command.cancel.unwrap_or_default();
    cancel(env, req, read_batch("cancel_import", &batch)?).await
}

impl From<ImportError> for CommandError {
    fn from(err: ImportError) -> Self {
        CommandError::User(UserError::Import(err))
    }
}

/// Why one row is not imported, as a preview lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RowProblem {
    Read(Reason),
    Name(text::TextError),
    Conflict(Conflict),
}

#[derive(Clone, Debug)]
pub struct ImportPreview {
    pub batch: i64,
    pub format: Format,
    pub encoding: &'static str,
    pub separator: Option<char>,
    pub counts: Counts,
    /// Refused rows with their line, the first `REJECTED_SHOWN` of them.
    pub rejected: Vec<(usize, RowProblem)>,
    /// Values left out of rows that were kept (a bad email), counted.
    pub warnings: usize,
}

#[derive(Clone, Debug)]
pub struct ImportDone {
    pub batch: i64,
    pub counts: Counts,
}

#[derive(Clone, Debug)]
pub enum ImportSettled {
    Cancelled { batch: i64 },
    Undone { batch: i64, undone: Undone },
}

/// Reads the file and shows what importing it would do; nothing is written but the
/// preview itself, which waits for **Confirm**.
#[tracing::instrument(skip_all, fields(command = "relation import", guild = %req.guild, actor = %req.actor.id))]
pub async fn preview(
    env: &Env,
    req: &Request,
    file: ImportFile,
    map: Option<&str>,
) -> Result<Reply, CommandError> {
    let frame = env.frame(req).await?;
    let mapping = match map.map(str::trim).filter(|m| !m.is_empty()) {
        Some(text) => Some(Mapping::parse(text).map_err(|err| ImportError::Mapping(err.to_string()))?),
        None => None,
    };
    let read = crate::import::read(&file.bytes, file.name.as_deref(), mapping.as_ref())
        .map_err(ImportError::File)?;
    let mut problems: Vec<(usize, RowProblem)> = read
        .rejected
        .iter()
        .map(|Rejected { line, reason }| (*line, RowProblem::Read(reason.clone())))
        .collect();
    let warnings = read.rows.iter().map(|r| r.warnings.len()).sum();
    let mut incoming = Vec::with_capacity(read.rows.len());
    for row in &read.rows {
        match incoming_of(row) {
            Ok(row) => incoming.push(row),
            Err(problem) => problems.push((row.line, problem)),
        }
    }
    // Refused before matching: counted apart, as confirm does not plan them again.
    let unreadable = problems.len();
    let mut conn = env.pool.acquire().await?;
    let (verdicts, organisations) = plan(&mut conn, req, &incoming).await?;
    for (row, verdict) in incoming.iter().zip(&verdicts) {
        if let Verdict::Refused(conflict) = verdict {
            problems.push((row.line, RowProblem::Conflict(conflict.clone())));
        }
    }
    problems.sort_by_key(|(line, _)| *line);
    let counts = Counts::of(&verdicts, unreadable, organisations);
    let name = file.name.as_deref().map(|n| text::shorten(n, 200));
    let new = store::imports::NewBatch {
        by: req.actor.id,
        file_name: name.as_deref(),
        format: format_word(read.format),
        pending: &incoming,
        counts: &counts,
        now: frame.now,
    };
    let batch = store::imports::create(&mut conn, req.guild, &new).await?;
    drop(conn);
    let report = report(&problems);
    let shown = problems.iter().take(REJECTED_SHOWN).cloned().collect();
    let preview = ImportPreview {
        batch,
        format: read.format,
        encoding: read.encoding,
        separator: read.separator,
        counts,
        rejected: shown,
        warnings,
    };
    let mut reply = Reply::new(Body::ImportPreview(preview), Visibility::Private, frame);
    if !problems.is_empty() {
        reply.attachments.push(super::appointment::Attachment {
            name: format!("import-{batch}-refused.csv"),
            content_type: "text/csv",
            data: report.into_bytes(),
        });
    }
    reply.actions = vec![Action::ImportConfirm(batch), Action::ImportCancel(batch)];
    Ok(reply)
}

/// Writes a previewed import, planned again against the address book as it is now.
/// `progress` hears (rows written, rows in all) every `PROGRESS_EVERY` rows.
#[tracing::instrument(skip_all, fields(command = "relation import confirm", guild = %req.guild, batch))]
pub async fn confirm(
    env: &Env,
    req: &Request,
    batch: i64,
    progress: &(dyn Fn(usize, usize) + Send + Sync),
) -> Result<Reply, CommandError> {
    let frame = env.frame(req).await?;
    let now = frame.now;
    let mut tx = env.pool.begin().await?;
    let row = settleable(&mut tx, req, batch, BatchState::Preview).await?;
    let rows = row.pending;
    let (verdicts, _) = plan(&mut tx, req, &rows).await?;
    let unreadable = row.counts.unreadable;
    let mut organisations: HashMap<String, RelationId> = HashMap::new();
    let mut created_organisations = 0;
    let mut counts = Counts::of(&verdicts, unreadable, 0);
    for (done, (row, verdict)) in rows.iter().zip(&verdicts).enumerate() {
        if done % PROGRESS_EVERY == 0 {
            progress(done, rows.len());
        }
        let (id, place) = match verdict {
            Verdict::New => {
                let name = super::relation::read_name_of("file", &row.name)?;
                let new = NewRelation {
                    name: &name,
                    kind: Some(row.kind),
                    email: row.email.as_deref(),
                    phone: row.phone.as_deref(),
                    linkedin: row.linkedin.as_deref(),
                    tags: &row.tags,
                    keep_in_touch: None,
                    owner: None,
                    created_by: req.actor.id,
                    now,
                    import_batch: Some(batch),
                };
                match store::relations::insert(&mut tx, req.guild, &new).await? {
                    Some(created) => {
                        store::imports::record(&mut tx, req.guild, batch, created.id, true, None).await?;
                        (created.id, row.kind == RelationKind::Person)
                    }
                    None => {
                        // Created meanwhile under this name: a duplicate after all.
                        counts.new -= 1;
                        counts.duplicate += 1;
                        continue;
                    }
                }
            }
            Verdict::Update { id, fill } => {
                store::imports::fill(&mut tx, req.guild, batch, *id, fill, now).await?;
                (*id, fill.place)
            }
            Verdict::Duplicate { .. } | Verdict::Refused(_) => continue,
        };
        let Some((org_name, org_key)) = row.organisation.as_ref().filter(|_| place) else {
            continue;
        };
        let org = match organisations.get(org_key) {
            Some(org) => *org,
            None => {
                let (org, created) = organisation(&mut tx, req, batch, org_name, now).await?;
                created_organisations += usize::from(created);
                organisations.insert(org_key.clone(), org);
                org
            }
        };
        let new = store::affiliations::NewAffiliation {
            person: id,
            organisation: org,
            role: row.role.as_deref(),
            since: now,
            created_by: req.actor.id,
            now,
            import_batch: Some(batch),
        };
        store::affiliations::insert(&mut tx, req.guild, &new).await?;
    }
    progress(rows.len(), rows.len());
    counts.organisations = created_organisations;
    store::imports::settle(
        &mut tx,
        req.guild,
        batch,
        BatchState::Confirmed,
        Some(&counts),
        req.actor.id,
        now,
    )
    .await?;
    let event = NewEvent {
        action: "relation.imported",
        subject_kind: "import",
        subject_id: batch,
        relation: None,
        detail: json!({
            "new": counts.new, "updated": counts.updated, "duplicate": counts.duplicate,
            "rejected": counts.rejected, "organisations": counts.organisations,
        }),
    };
    store::events::record(&mut tx, req.guild, now, req.actor.id, &[event]).await?;
    tx.commit().await?;
    Ok(Reply::new(
        Body::ImportDone(ImportDone { batch, counts }),
        Visibility::Private,
        frame,
    ))
}

/// Drops a preview without writing anything.
#[tracing::instrument(skip_all, fields(command = "relation import cancel", guild = %req.guild, batch))]
pub async fn cancel(env: &Env, req: &Request, batch: i64) -> Result<Reply, CommandError> {
    let frame = env.frame(req).await?;
    let mut tx = env.pool.begin().await?;
    settleable(&mut tx, req, batch, BatchState::Preview).await?;
    store::imports::settle(
        &mut tx,
        req.guild,
        batch,
        BatchState::Cancelled,
        None,
        req.actor.id,
        frame.now,
    )
    .await?;
    tx.commit().await?;
    Ok(Reply::new(
        Body::ImportSettled(ImportSettled::Cancelled { batch }),
        Visibility::Private,
        frame,
    ))
}

/// Undoes a confirmed import.
#[tracing::instrument(skip_all, fields(command = "relation import undo", guild = %req.guild, batch))]
pub async fn undo(env: &Env, req: &Request, batch: i64) -> Result<Reply, CommandError> {
    let frame = env.frame(req).await?;
    let mut tx = env.pool.begin().await?;
    settleable(&mut tx, req, batch, BatchState::Confirmed).await?;
    let undone = store::imports::undo(&mut tx, req.guild, batch).await?;
    store::imports::settle(
        &mut tx,
        req.guild,
        batch,
        BatchState::Undone,
        None,
        req.actor.id,
        frame.now,
    )
    .await?;
    let event = NewEvent {
        action: "relation.import_undone",
        subject_kind: "import",
        subject_id: batch,
        relation: None,
        detail: json!({ "removed": undone.removed, "restored": undone.restored, "left": undone.left.len() }),
    };
    store::events::record(&mut tx, req.guild, frame.now, req.actor.id, &[event]).await?;
    tx.commit().await?;
    Ok(Reply::new(
        Body::ImportSettled(ImportSettled::Undone { batch, undone }),
        Visibility::Private,
        frame,
    ))
}

/// Reads a batch reference as people type it: "12", "#12".
pub fn read_batch(option: &'static str, input: &str) -> Result<i64, CommandError> {
    input
        .trim()
        .trim_start_matches('#')
        .parse::<i64>()
        .ok()
        .filter(|n| *n > 0)
        .ok_or_else(|| {
            CommandError::User(UserError::NotAReference {
                option,
                input: input.to_string(),
            })
        })
}

async fn settleable(
    conn: &mut Conn,
    req: &Request,
    batch: i64,
    wanted: BatchState,
) -> Result<BatchRow, CommandError> {
    let row = store::imports::lock(conn, req.guild, batch)
        .await?
        .ok_or(ImportError::UnknownBatch { batch })?;
    if row.created_by != req.actor.id && !req.actor.admin {
        return Err(ImportError::NotYours {
            batch,
            by: row.created_by,
        }
        .into());
    }
    if row.state != wanted {
        return Err(match wanted {
            BatchState::Confirmed if row.state == BatchState::Preview => ImportError::NotConfirmed {
                batch,
                state: row.state,
            },
            _ => ImportError::Settled {
                batch,
                state: row.state,
            },
        }
        .into());
    }
    Ok(row)
}

/// The organisation of that name, created by the batch when it does not exist.
async fn organisation(
    conn: &mut Conn,
    req: &Request,
    batch: i64,
    name: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(RelationId, bool), CommandError> {
    let name = super::relation::read_name_of("file", name)?;
    if let Some(found) = store::relations::find(conn, req.guild, &name).await? {
        store::relations::settle_kind(conn, req.guild, found.id, RelationKind::Organisation).await?;
        return Ok((found.id, false));
    }
    let new = NewRelation {
        kind: Some(RelationKind::Organisation),
        import_batch: Some(batch),
        ..NewRelation::named(&name, req.actor.id, now)
    };
    match store::relations::insert(conn, req.guild, &new).await? {
        Some(created) => {
            store::imports::record(conn, req.guild, batch, created.id, true, None).await?;
            Ok((created.id, true))
        }
        // Created meanwhile by someone else: that one it is.
        None => match store::relations::find(conn, req.guild, &name).await? {
            Some(found) => Ok((found.id, false)),
            None => Err(CommandError::Unavailable),
        },
    }
}

/// The verdict of every row against the guild's address book, and how many organisations
/// the rows name that do not exist yet.
async fn plan(
    conn: &mut Conn,
    req: &Request,
    rows: &[Incoming],
) -> Result<(Vec<Verdict>, usize), CommandError> {
    let book = Book::new(store::imports::candidates(conn, req.guild, rows).await?);
    let verdicts = import::plan(rows, &book);
    let mut new_organisations: Vec<&str> = rows
        .iter()
        .zip(&verdicts)
        .filter(|(_, v)| matches!(v, Verdict::New) || matches!(v, Verdict::Update { fill, .. } if fill.place))
        .filter_map(|(r, _)| r.organisation.as_ref().map(|(_, key)| key.as_str()))
        .filter(|key| book.by_key(key).is_none())
        .collect();
    new_organisations.sort_unstable();
    new_organisations.dedup();
    Ok((verdicts, new_organisations.len()))
}

/// A row read from the file, checked as a relation's details: a name baton accepts, and
/// only the email, phone and LinkedIn URL that are ones (the file reader already left out
/// what is clearly not).
fn incoming_of(row: &Row) -> Result<Incoming, RowProblem> {
    let name = RelationName::parse(&row.name).map_err(RowProblem::Name)?;
    let kind = match row.kind {
        crate::import::Kind::Person => RelationKind::Person,
        crate::import::Kind::Organisation => RelationKind::Organisation,
    };
    let organisation = match (kind, &row.organisation) {
        (RelationKind::Person, Some(org)) => RelationName::parse(org)
            .ok()
            .map(|org| (org.as_str().to_string(), org.key().to_string())),
        _ => None,
    };
    let role = row
        .role
        .as_deref()
        .filter(|_| organisation.is_some())
        .and_then(|r| text::clean(r, ROLE_MAX, false).ok());
    let tags = profile::tags(&row.tags.join(",")).unwrap_or_default();
    Ok(Incoming {
        line: row.line,
        kind,
        name: name.as_str().to_string(),
        key: name.key().to_string(),
        email: row.email.as_deref().and_then(|e| profile::email(e).ok()),
        phone: row.phone.as_deref().and_then(|p| profile::phone(p).ok()),
        linkedin: row.linkedin.as_deref().and_then(|l| profile::linkedin(l).ok()),
        organisation,
        role,
        tags,
    })
}

fn format_word(format: Format) -> &'static str {
    match format {
        Format::LinkedIn => "linkedin",
        Format::Outlook => "outlook",
        Format::Mapped => "mapped",
        Format::VCard => "vcard",
    }
}

/// Every refused row, as a CSV file to open beside the original.
fn report(problems: &[(usize, RowProblem)]) -> String {
    let mut out = String::from("line,reason\n");
    for (line, problem) in problems {
        let reason = match problem {
            RowProblem::Read(reason) => reason.to_string(),
            RowProblem::Name(text::TextError::Empty) => "no name".to_string(),
            RowProblem::Name(text::TextError::TooLong { max, .. }) => {
                format!("the name is longer than {max} characters")
            }
            RowProblem::Conflict(Conflict::OtherKind { name, kind }) => {
                format!("{name} exists already as {}", kind.as_str())
            }
            RowProblem::Conflict(Conflict::OrganisationIsPerson { name }) => {
                format!("its organisation {name} is a person")
            }
            RowProblem::Conflict(Conflict::OwnOrganisation) => {
                "a person cannot be their own organisation".to_string()
            }
        };
        out.push_str(&format!("{line},\"{}\"\n", reason.replace('"', "\"\"")));
    }
    out
}

/// What exists, indexed for matching.
struct Book {
    all: Vec<Existing>,
    emails: HashMap<String, usize>,
    linkedin: HashMap<String, usize>,
    keys: HashMap<String, usize>,
}

impl Book {
    fn new(all: Vec<Existing>) -> Book {
        let mut book = Book {
            emails: HashMap::new(),
            linkedin: HashMap::new(),
            keys: HashMap::new(),
            all: Vec::new(),
        };
        for (i, e) in all.iter().enumerate() {
            if let Some(email) = &e.email {
                book.emails.entry(email.to_lowercase()).or_insert(i);
            }
            if let Some(url) = &e.linkedin {
                book.linkedin.entry(url.to_lowercase()).or_insert(i);
            }
            book.keys.entry(fold(&e.key)).or_insert(i);
        }
        book.all = all;
        book
    }
}

impl Lookup for Book {
    fn by_email(&self, email: &str) -> Option<&Existing> {
        self.emails.get(&email.to_lowercase()).map(|i| &self.all[*i])
    }

    fn by_linkedin(&self, url: &str) -> Option<&Existing> {
        self.linkedin.get(&url.to_lowercase()).map(|i| &self.all[*i])
    }

    fn by_key(&self, key: &str) -> Option<&Existing> {
        self.keys.get(key).map(|i| &self.all[*i])
    }
}
