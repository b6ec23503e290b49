//! Autocomplete: suggestions while someone types. These run on every keystroke, so they
//! read only, use one connection, and never fail loudly: no suggestions is a fine answer.

use super::{CommandError, Env, Request};
use crate::domain::relation;
use crate::store;

/// Discord shows at most 25 choices.
pub const MAX_CHOICES: usize = 25;

/// Relation names for a partly typed name: an empty field shows the relations the person
/// logged most recently; typed text matches anywhere in the name, starts first.
#[tracing::instrument(skip_all, fields(guild = %req.guild))]
pub async fn relations(env: &Env, req: &Request, partial: &str) -> Result<Vec<String>, CommandError> {
    let key = relation::search_key(partial);
    let mut conn = env.pool.acquire().await?;
    let limit = MAX_CHOICES as i64;
    let mut names = if key.is_empty() {
        store::relations::recent_for(&mut conn, req.guild, req.actor.id, limit).await?
    } else {
        Vec::new()
    };
    if names.len() < MAX_CHOICES {
        for name in store::relations::search(&mut conn, req.guild, &key, limit).await? {
            if names.len() == MAX_CHOICES {
                break;
            }
            if !names.contains(&name) {
                names.push(name);
            }
        }
    }
    Ok(names)
}
