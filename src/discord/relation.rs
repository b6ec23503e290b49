//! `/relation add`, `show`, `edit`, `merge`, `move`, `who`, `search` and `import`: the shared
//! address book.

use poise::serenity_prelude as serenity;

use super::options::{member_ref, relation_choices};
use super::respond;
use super::{Context, Error};
use crate::core::import::{self, ImportCommand, ImportError, ImportFile};
use crate::core::relation::{self, AddRelation, Details, EditRelation, MergeRelations, MoveRelation};
use crate::core::{CommandError, Visibility};
use crate::domain::relation::RelationKind;

#[poise::command(
    slash_command,
    guild_only,
    subcommands(
        "add", "show", "edit", "merge", "move_", "who", "search", "import", "export", "forget"
    ),
    subcommand_required
)]
pub async fn relation(_ctx: Context<'_>) -> Result<(), Error> {
    Ok(())
}

/// The profile fields `add` and `edit` share, as Discord gave them.
#[allow(clippy::too_many_arguments)]
fn details(
    app: &poise::ApplicationContext<'_, super::Data, Error>,
    role: Option<String>,
    email: Option<String>,
    phone: Option<String>,
    linkedin: Option<String>,
    tags: Option<String>,
    keep_in_touch: Option<String>,
    owner: Option<serenity::User>,
) -> Details {
    Details {
        role,
        email,
        phone,
        linkedin,
        tags,
        keep_in_touch,
        owner_is_bot: owner.as_ref().is_some_and(|user| user.bot),
        owner: owner.and_then(|user| member_ref(app, user)),
    }
}

#[allow(clippy::too_many_arguments)]
#[poise::command(slash_command, guild_only)]
pub async fn add(
    ctx: Context<'_>,
    #[max_length = 100] name: String,
    kind: Option<String>,
    #[autocomplete = "relation_choices"]
    #[max_length = 100]
    organisation: Option<String>,
    #[max_length = 100] role: Option<String>,
    #[max_length = 254] email: Option<String>,
    #[max_length = 40] phone: Option<String>,
    #[max_length = 200] linkedin: Option<String>,
    #[max_length = 200] tags: Option<String>,
    #[max_length = 40] keep_in_touch: Option<String>,
    owner: Option<serenity::User>,
    new_relation: Option<bool>,
) -> Result<(), Error> {
    let Some((app, req)) = respond::invoked(ctx) else {
        return Ok(());
    };
    let input = AddRelation {
        name,
        // Discord only sends declared choices.
        kind: kind.as_deref().and_then(RelationKind::parse),
        organisation,
        details: details(&app, role, email, phone, linkedin, tags, keep_in_touch, owner),
        new_relation: new_relation.unwrap_or(false),
    };
    let work = relation::add(ctx.data(), &req, input);
    respond::answer(app, &req, Visibility::Private, work).await
}

#[poise::command(slash_command, guild_only)]
pub async fn show(
    ctx: Context<'_>,
    #[autocomplete = "relation_choices"]
    #[max_length = 100]
    relation: String,
) -> Result<(), Error> {
    let Some((app, req)) = respond::invoked(ctx) else {
        return Ok(());
    };
    let work = relation::show(ctx.data(), &req, &relation);
    respond::answer(app, &req, Visibility::Private, work).await
}

#[allow(clippy::too_many_arguments)]
#[poise::command(slash_command, guild_only)]
pub async fn edit(
    ctx: Context<'_>,
    #[autocomplete = "relation_choices"]
    #[max_length = 100]
    relation: String,
    #[max_length = 100] name: Option<String>,
    kind: Option<String>,
    #[autocomplete = "relation_choices"]
    #[max_length = 100]
    organisation: Option<String>,
    #[max_length = 100] role: Option<String>,
    #[max_length = 254] email: Option<String>,
    #[max_length = 40] phone: Option<String>,
    #[max_length = 200] linkedin: Option<String>,
    #[max_length = 200] tags: Option<String>,
    #[max_length = 40] keep_in_touch: Option<String>,
    owner: Option<serenity::User>,
    new_relation: Option<bool>,
) -> Result<(), Error> {
    let Some((app, req)) = respond::invoked(ctx) else {
        return Ok(());
    };
    let input = EditRelation {
        relation,
        name,
        kind: kind.as_deref().and_then(RelationKind::parse),
        organisation,
        details: details(&app, role, email, phone, linkedin, tags, keep_in_touch, owner),
        new_relation: new_relation.unwrap_or(false),
    };
    let work = relation::edit(ctx.data(), &req, input);
    respond::answer(app, &req, Visibility::Private, work).await
}

#[poise::command(slash_command, guild_only)]
pub async fn merge(
    ctx: Context<'_>,
    #[autocomplete = "relation_choices"]
    #[max_length = 100]
    keep: String,
    #[autocomplete = "relation_choices"]
    #[max_length = 100]
    remove: String,
    confirm: Option<bool>,
) -> Result<(), Error> {
    let Some((app, req)) = respond::invoked(ctx) else {
        return Ok(());
    };
    let input = MergeRelations {
        keep,
        remove,
        confirm: confirm.unwrap_or(false),
    };
    let work = relation::merge(ctx.data(), &req, input);
    respond::answer(app, &req, Visibility::Private, work).await
}

#[poise::command(slash_command, guild_only, rename = "move")]
pub async fn move_(
    ctx: Context<'_>,
    #[autocomplete = "relation_choices"]
    #[max_length = 100]
    person: String,
    #[autocomplete = "relation_choices"]
    #[max_length = 100]
    to: String,
    #[max_length = 100] role: Option<String>,
    new_relation: Option<bool>,
) -> Result<(), Error> {
    let Some((app, req)) = respond::invoked(ctx) else {
        return Ok(());
    };
    let input = MoveRelation {
        person,
        to,
        role,
        new_relation: new_relation.unwrap_or(false),
    };
    let work = relation::move_person(ctx.data(), &req, input);
    respond::answer(app, &req, Visibility::Channel, work).await
}

#[poise::command(slash_command, guild_only)]
pub async fn who(
    ctx: Context<'_>,
    #[autocomplete = "relation_choices"]
    #[max_length = 100]
    organisation: String,
) -> Result<(), Error> {
    let Some((app, req)) = respond::invoked(ctx) else {
        return Ok(());
    };
    let work = relation::who(ctx.data(), &req, &organisation);
    respond::answer(app, &req, Visibility::Private, work).await
}

#[poise::command(slash_command, guild_only)]
pub async fn search(ctx: Context<'_>, #[max_length = 100] query: String) -> Result<(), Error> {
    let Some((app, req)) = respond::invoked(ctx) else {
        return Ok(());
    };
    let work = relation::search(ctx.data(), &req, &query);
    respond::answer(app, &req, Visibility::Private, work).await
}

#[poise::command(slash_command, guild_only)]
pub async fn import(
    ctx: Context<'_>,
    file: Option<serenity::Attachment>,
    #[max_length = 500] map: Option<String>,
    #[max_length = 20] undo: Option<String>,
    #[max_length = 20] confirm_import: Option<String>,
    #[max_length = 20] cancel_import: Option<String>,
) -> Result<(), Error> {
    let Some((app, req)) = respond::invoked(ctx) else {
        return Ok(());
    };
    let env = ctx.data();
    let work = async {
        let file = match file {
            Some(attachment) => Some(download(&attachment).await?),
            None => None,
        };
        let command = ImportCommand {
            file,
            map,
            undo,
            confirm: confirm_import,
            cancel: cancel_import,
        };
        import::run(env, &req, command, &|_, _| {}).await
    };
    respond::answer(app, &req, Visibility::Private, work).await
}

/// The attachment's bytes: refused unread when Discord says it is over the limit.
async fn download(attachment: &serenity::Attachment) -> Result<ImportFile, CommandError> {
    let name = Some(attachment.filename.clone());
    if attachment.size as usize > crate::import::MAX_BYTES {
        let too_large = crate::import::FileError::TooLarge {
            bytes: attachment.size as usize,
            max: crate::import::MAX_BYTES,
        };
        return Err(ImportError::File(too_large).into());
    }
    match attachment.download().await {
        Ok(bytes) => Ok(ImportFile { name, bytes }),
        Err(err) => Err(ImportError::CannotOpen {
            name: attachment.filename.clone(),
            problem: err.to_string(),
        }
        .into()),
    }
}

/// Writes a previewed import from its Confirm button, editing the preview with a progress
/// line while a large one is written.
pub(super) async fn confirm_import(
    http: &serenity::Http,
    pressed: &serenity::ComponentInteraction,
    env: &crate::core::Env,
    req: &crate::core::Request,
    batch: i64,
    lang: crate::domain::Lang,
) -> Result<crate::core::Reply, CommandError> {
    let (sender, mut seen) = tokio::sync::watch::channel((0usize, 0usize));
    let finished = std::sync::Arc::new(tokio::sync::Mutex::new(false));
    let editing = finished.clone();
    let token = pressed.token.clone();
    let progress = async move {
        // Discord's own "thinking" shows first; only an import that takes a while gets
        // a progress line, at most once a second.
        tokio::time::sleep(std::time::Duration::from_secs(2)).await;
        while seen.changed().await.is_ok() {
            let (done, total) = *seen.borrow_and_update();
            let finished = editing.lock().await;
            if *finished {
                break;
            }
            let line = crate::render::import::progress(done, total, lang);
            let edit = serenity::EditInteractionResponse::new().content(line);
            if let Err(err) = http
                .edit_original_interaction_response(&token, &edit, Vec::new())
                .await
            {
                tracing::debug!(error = %err, "a progress line could not be shown");
            }
            drop(finished);
            tokio::time::sleep(std::time::Duration::from_secs(1)).await;
        }
    };
    let work = async {
        let result = import::confirm(env, req, batch, &|done, total| {
            let _ = sender.send((done, total));
        })
        .await;
        // Taken while no edit is under way: no progress line lands after the result.
        *finished.lock().await = true;
        result
    };
    tokio::pin!(work);
    tokio::select! {
        result = &mut work => result,
        () = progress => work.await,
    }
}

#[poise::command(slash_command, guild_only)]
pub async fn export(
    ctx: Context<'_>,
    #[max_length = 100]
    #[autocomplete = "relation_choices"]
    relation: Option<String>,
    all: Option<bool>,
    format: Option<String>,
) -> Result<(), Error> {
    let Some((app, req)) = respond::invoked(ctx) else {
        return Ok(());
    };
    let input = crate::core::export::ExportRelations {
        relation,
        all: all.unwrap_or(false),
        format: format
            .as_deref()
            .and_then(crate::core::export::ExportFormat::parse),
    };
    let work = crate::core::export::export(ctx.data(), &req, input);
    respond::answer(app, &req, Visibility::Private, work).await
}

#[poise::command(slash_command, guild_only)]
pub async fn forget(
    ctx: Context<'_>,
    #[max_length = 100]
    #[autocomplete = "relation_choices"]
    person: String,
    confirm: Option<bool>,
) -> Result<(), Error> {
    let Some((app, req)) = respond::invoked(ctx) else {
        return Ok(());
    };
    let input = crate::core::relation::ForgetPerson {
        person,
        confirm: confirm.unwrap_or(false),
    };
    let work = crate::core::relation::forget(ctx.data(), &req, input);
    respond::answer(app, &req, Visibility::Private, work).await
}
