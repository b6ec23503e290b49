//! Wiring shared by the command line, the tests and the benchmark: the database (a
//! configured server or the embedded one), migrations, and the command environment.

use std::sync::Arc;
use std::time::Duration;

use anyhow::Context as _;
use secrecy::ExposeSecret;
use sqlx::postgres::PgConnectOptions;
use sqlx::PgPool;

use crate::clock::Clock;
use crate::config::Config;
use crate::core::{Env, GuildSettings};
use crate::reminders::{self, Notifier, Scheduler, Scope};
use crate::store::{self, embedded};

/// How long start-up waits for a configured database that is not up yet.
const STARTUP_PATIENCE: Duration = Duration::from_secs(30);

/// The database baton works in, and the embedded server behind it when it runs its own.
pub struct Database {
    pub pool: PgPool,
    embedded: Option<embedded::EmbeddedPostgres>,
}

impl Database {
    /// Connects to the configured server, or starts the embedded one, and brings the
    /// schema up to date.
    pub async fn open(config: &Config) -> anyhow::Result<Database> {
        let (options, embedded) = match &config.database.url {
            Some(url) => {
                let options: PgConnectOptions = url
                    .expose_secret()
                    .parse()
                    .context("database.url is not a usable PostgreSQL URL")?;
                (options, None)
            }
            None => {
                let dir = config
                    .database
                    .embedded_dir
                    .clone()
                    .unwrap_or_else(embedded::default_data_dir);
                let server =
                    embedded::EmbeddedPostgres::start(embedded::EmbeddedOptions::new(dir, "baton")).await?;
                tracing::info!(url = %server.url(), "using the embedded PostgreSQL");
                (server.connect_options(), Some(server))
            }
        };
        let pool = store::connect_lazy(options, config.database.max_connections);
        let mut database = Database { pool, embedded };
        if let Err(err) = database.migrate().await {
            database.close().await;
            return Err(err);
        }
        Ok(database)
    }

    async fn migrate(&self) -> anyhow::Result<()> {
        let started = tokio::time::Instant::now();
        loop {
            match store::migrate(&self.pool).await {
                Ok(()) => return Ok(()),
                Err(sqlx::migrate::MigrateError::Execute(err))
                    if store::is_unavailable(&err) && started.elapsed() < STARTUP_PATIENCE =>
                {
                    tracing::warn!(error = %err, "database not reachable yet; retrying");
                    tokio::time::sleep(Duration::from_secs(1)).await;
                }
                Err(err) => return Err(err).context("could not bring the database schema up to date"),
            }
        }
    }

    /// Closes the pool and stops the embedded server, if baton started one.
    pub async fn close(&mut self) {
        self.pool.close().await;
        if let Some(server) = &mut self.embedded {
            if let Err(err) = server.stop().await {
                tracing::warn!(error = %err, "embedded PostgreSQL did not stop cleanly");
            }
        }
    }
}

/// The command environment over a pool, with the configured defaults.
pub fn env(config: &Config, pool: PgPool, clock: Arc<dyn Clock>) -> Env {
    Env::new(
        pool,
        clock,
        GuildSettings {
            zone: config.time.zone,
            lang: config.locale,
            hours: config.reminders.working_hours,
            repeat: config.reminders.repeat_every,
            escalate_after: config.reminders.escalate_after,
            digest_time: config.digest.time,
            digest_to: config.digest.to,
            ack_within: config.handover.ack_within,
            appointment_reminders: config.appointments.remind_before,
            inform_within: config.appointments.inform_within,
            minimal_posts: config.privacy.minimal_channel_posts,
            ..GuildSettings::default()
        },
    )
}

/// The reminder scheduler over an environment's pool, clock and defaults.
pub fn scheduler(config: &Config, env: &Env, notifier: Arc<dyn Notifier>, scope: Scope) -> Arc<Scheduler> {
    let options = reminders::Options {
        sends_per_second: config.reminders.sends_per_second,
        scope,
        ..reminders::Options::default()
    };
    Scheduler::new(
        env.pool.clone(),
        env.clock.clone(),
        env.defaults,
        notifier,
        options,
    )
}
