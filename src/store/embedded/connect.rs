//! Talking to the server over its socket: waiting until it accepts connections, and creating
//! baton's database in it.

use std::path::Path;
use std::time::Duration;

use sqlx::postgres::{PgConnectOptions, PgConnection};
use sqlx::Connection;

use super::process::Keeper;
use super::server_log::log_tail;
use super::{EmbeddedError, Result, MAINTENANCE_DB};

const START_TIMEOUT: Duration = Duration::from_secs(30);
const CONNECT_ATTEMPT_TIMEOUT: Duration = Duration::from_secs(5);
const POLL_INTERVAL: Duration = Duration::from_millis(50);

pub(super) async fn wait_until_ready(
    options: &PgConnectOptions,
    keeper: Option<&Keeper>,
    log: &Path,
) -> Result<()> {
    let deadline = tokio::time::Instant::now() + START_TIMEOUT;
    loop {
        if let Some(status) = keeper.and_then(|k| k.exit.borrow().clone()) {
            return Err(EmbeddedError::Exited {
                status,
                detail: log_tail(log),
                log: log.to_path_buf(),
            });
        }
        let attempt = tokio::time::timeout(CONNECT_ATTEMPT_TIMEOUT, PgConnection::connect_with(options));
        match attempt.await {
            Ok(Ok(connection)) => {
                let _ = connection.close().await;
                return Ok(());
            }
            // Waiting would not change the server's mind (class 28: authorization).
            Ok(Err(sqlx::Error::Database(error))) if error.code().is_some_and(|c| c.starts_with("28")) => {
                return Err(EmbeddedError::Refused {
                    detail: error.message().to_owned(),
                    log: log.to_path_buf(),
                });
            }
            _ => {}
        }
        if tokio::time::Instant::now() >= deadline {
            return Err(EmbeddedError::StartTimeout {
                timeout: START_TIMEOUT,
                log: log.to_path_buf(),
            });
        }
        tokio::time::sleep(POLL_INTERVAL).await;
    }
}

pub(super) async fn ensure_database(options: &PgConnectOptions, database: &str, log: &Path) -> Result<()> {
    if database == MAINTENANCE_DB {
        return Ok(());
    }
    let error = |source| EmbeddedError::CreateDatabase {
        database: database.to_owned(),
        log: log.to_path_buf(),
        source,
    };
    let mut connection = PgConnection::connect_with(options).await.map_err(error)?;
    if !database_exists(&mut connection, database).await.map_err(error)? {
        // The name was validated to [a-z0-9_], so quoting it is enough.
        let statement = format!("CREATE DATABASE \"{database}\"");
        match sqlx::query(&statement).execute(&mut connection).await {
            Ok(_) => tracing::info!("created database {database}"),
            // Another process using the same server may have created it meanwhile; that shows
            // as one of several errors depending on timing, so look again instead.
            Err(e) => {
                if !database_exists(&mut connection, database).await.unwrap_or(false) {
                    return Err(error(e));
                }
            }
        }
    }
    let _ = connection.close().await;
    Ok(())
}

async fn database_exists(connection: &mut PgConnection, database: &str) -> sqlx::Result<bool> {
    let found: Option<i32> = sqlx::query_scalar("SELECT 1 FROM pg_database WHERE datname = $1")
        .bind(database)
        .fetch_optional(connection)
        .await?;
    Ok(found.is_some())
}
