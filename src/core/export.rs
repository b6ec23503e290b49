//! `/relation export`: everything baton holds about one relation, or all of them, as a JSON
//! or CSV file for an admin (an access request, a backup, moving away).

use serde_json::{json, Value};

use super::{Body, CommandError, Env, Reply, Request, UserError, Visibility};
use crate::store;
use crate::store::relation_search::Reader;

crate::domain::word_enum!(
    ExportFormat {
        Json = "json",
        Csv = "csv",
    }
);

#[derive(Clone, Debug, Default)]
pub struct ExportRelations {
    pub relation: Option<String>,
    pub all: bool,
    pub format: Option<ExportFormat>,
}

#[derive(Clone, Debug)]
pub struct Exported {
    /// The relation's name; `None` for all of them.
    pub relation: Option<String>,
    pub relations: usize,
    pub format: ExportFormat,
}

/// Why an export is refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExportError {
    /// Exports hold every note, restricted ones too: admins only.
    AdminOnly,
    /// A relation, or `all:true`: one of the two.
    RelationOrAll,
}

impl From<ExportError> for CommandError {
    fn from(err: ExportError) -> Self {
        CommandError::User(UserError::Export(err))
    }
}

#[tracing::instrument(skip_all, fields(command = "relation export", guild = %req.guild, actor = %req.actor.id))]
pub async fn export(env: &Env, req: &Request, input: ExportRelations) -> Result<Reply, CommandError> {
    let (frame, settings) = env.begin(req).await?;
    if !req.actor.admin {
        return Err(ExportError::AdminOnly.into());
    }
    let name = input.relation.as_deref().map(str::trim).filter(|n| !n.is_empty());
    if name.is_some() == input.all {
        return Err(ExportError::RelationOrAll.into());
    }
    let format = input.format.unwrap_or(ExportFormat::Json);
    let mut conn = env.pool.acquire().await?;
    let only = match name {
        Some(name) => {
            let name = super::relation::read_name_of("relation", name)?;
            Some(super::relation::existing(&mut conn, req, &name).await?)
        }
        None => None,
    };
    // With a restricted role set, an admin without it exports restricted notes without
    // their text, as everywhere else.
    let reader = Reader {
        member: req.actor.id,
        all: req.actor.reads_all_restricted(&settings),
    };
    let relations =
        store::export::relations(&mut conn, req.guild, only.as_ref().map(|r| r.id), reader).await?;
    drop(conn);
    let document = document(req, frame.now, &relations);
    let (data, content_type, extension) = match format {
        ExportFormat::Json => (
            serde_json::to_vec_pretty(&document).unwrap_or_default(),
            "application/json",
            "json",
        ),
        ExportFormat::Csv => (csv(&relations).into_bytes(), "text/csv", "csv"),
    };
    let stem = match &only {
        Some(r) => format!("relation-{}", r.id.0),
        None => "relations".to_string(),
    };
    let mut reply = Reply::new(
        Body::Exported(Exported {
            relation: only.map(|r| r.name),
            relations: relations.len(),
            format,
        }),
        Visibility::Private,
        frame,
    );
    reply.attachments.push(super::appointment::Attachment {
        name: format!("{stem}.{extension}"),
        content_type,
        data,
    });
    Ok(reply)
}

/// A whole guild's address book, for `baton export`: a backup, by whoever runs the
/// command line and so holds the database already, with every note.
pub async fn guild_document(env: &Env, req: &Request) -> Result<Value, CommandError> {
    let frame = env.frame(req).await?;
    let mut conn = env.pool.acquire().await?;
    let everything = Reader {
        member: req.actor.id,
        all: true,
    };
    let relations = store::export::relations(&mut conn, req.guild, None, everything).await?;
    Ok(document(req, frame.now, &relations))
}

fn document(req: &Request, now: chrono::DateTime<chrono::Utc>, relations: &[Value]) -> Value {
    json!({
        "exported_at": now,
        "exported_by": req.actor.id.0,
        "guild": req.guild.0,
        "relations": relations,
    })
}

/// One line per thing held: the relation itself, each place, contact, promise, handover,
/// appointment and event.
pub fn csv(relations: &[Value]) -> String {
    let mut out = csv::Writer::from_writer(Vec::new());
    let _ = out.write_record(["relation", "section", "when", "by", "kind", "text"]);
    let text = |v: &Value, key: &str| match &v[key] {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Array(items) => items
            .iter()
            .map(|i| i.as_str().map_or_else(|| i.to_string(), str::to_string))
            .collect::<Vec<_>>()
            .join(", "),
        other => other.to_string(),
    };
    for r in relations {
        let name = text(r, "name");
        let profile = [
            ("email", text(r, "email")),
            ("phone", text(r, "phone")),
            ("linkedin", text(r, "linkedin")),
            ("tags", text(r, "tags")),
            ("keep_in_touch", text(r, "keep_in_touch")),
        ]
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}: {v}"))
        .collect::<Vec<_>>()
        .join("; ");
        let _ = out.write_record([
            name.as_str(),
            "relation",
            &text(r, "created_at"),
            &text(r, "created_by"),
            &text(r, "kind"),
            &profile,
        ]);
        let sections: [(&str, &str, &str, &str, &str); 6] = [
            (
                "affiliations",
                "since",
                "person_name",
                "organisation_name",
                "role",
            ),
            ("contacts", "occurred_at", "by", "via", "summary"),
            ("promises", "due_at", "owner", "status", "what"),
            ("handovers", "created_at", "from", "status", "notes"),
            ("appointments", "starts_at", "owner", "status", "about"),
            ("events", "at", "by", "action", "detail"),
        ];
        for (section, when, by, kind, what) in sections {
            for item in r[section].as_array().into_iter().flatten() {
                let _ = out.write_record([
                    name.as_str(),
                    section,
                    &text(item, when),
                    &text(item, by),
                    &text(item, kind),
                    &text(item, what),
                ]);
            }
        }
    }
    String::from_utf8(out.into_inner().unwrap_or_default()).unwrap_or_default()
}
