//! PostgreSQL access: one module per table, small functions that take a connection (a
//! transaction derefs to one). Every query is scoped by `guild_id`; "now" is always a
//! parameter, never the database's own clock.

pub mod affiliations;
pub mod appointments;
pub mod away;
pub mod commitments;
pub mod contact_log;
pub mod contacts;
pub mod deliveries;
pub mod embedded;
pub mod erasure;
pub mod events;
pub mod export;
pub mod guilds;
pub mod handovers;
pub mod imports;
pub mod members;
pub mod nudges;
pub mod relation_search;
pub mod relations;

use std::time::Duration;

use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::PgPool;

pub use sqlx::PgConnection as Conn;

/// How long a command waits for a connection before telling the person to try again. Kept
/// well inside Discord's three-second window for the first answer.
pub const ACQUIRE_TIMEOUT: Duration = Duration::from_millis(1500);

/// Connections idle longer than this are checked before use: a database that restarted
/// meanwhile leaves dead ones behind, and the first command after it should not be the
/// one to find out. Under load connections are never idle this long and skip the check.
const CHECK_IDLE_AFTER: Duration = Duration::from_secs(1);

pub fn pool_options(max_connections: u32) -> PgPoolOptions {
    PgPoolOptions::new()
        .max_connections(max_connections)
        .acquire_timeout(ACQUIRE_TIMEOUT)
        .idle_timeout(Duration::from_secs(300))
        .test_before_acquire(false)
        .before_acquire(|conn, meta| {
            Box::pin(async move {
                if meta.idle_for > CHECK_IDLE_AFTER || health::suspect() {
                    sqlx::Connection::ping(conn).await?;
                }
                Ok(true)
            })
        })
}

/// After a connection failed, every pooled connection is checked before use for a while:
/// the database may have restarted, leaving each of them dead.
pub mod health {
    use std::sync::atomic::{AtomicU64, Ordering};
    use std::sync::OnceLock;
    use std::time::{Duration, Instant};

    const SUSPICION: Duration = Duration::from_secs(30);

    static EPOCH: OnceLock<Instant> = OnceLock::new();
    /// Milliseconds since `EPOCH` until which connections are suspect; 0 when never.
    static SUSPECT_UNTIL: AtomicU64 = AtomicU64::new(0);

    fn now_ms() -> u64 {
        EPOCH.get_or_init(Instant::now).elapsed().as_millis() as u64
    }

    /// Records that a connection just failed.
    pub fn failed() {
        SUSPECT_UNTIL.store(now_ms() + SUSPICION.as_millis() as u64, Ordering::Relaxed);
    }

    pub fn suspect() -> bool {
        let until = SUSPECT_UNTIL.load(Ordering::Relaxed);
        until != 0 && now_ms() < until
    }
}

/// Opens a pool lazily: the first command connects, so baton starts even while the
/// database is still coming up, and recovers by itself when it comes back.
pub fn connect_lazy(options: PgConnectOptions, max_connections: u32) -> PgPool {
    pool_options(max_connections).connect_lazy_with(options)
}

pub async fn migrate(pool: &PgPool) -> Result<(), sqlx::migrate::MigrateError> {
    sqlx::migrate!("./migrations").run(pool).await
}

/// Which guilds a scheduler serves: the console runs its own guild's reminders, the bot all
/// the others.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Scope {
    #[default]
    All,
    Only(crate::domain::GuildId),
    Except(crate::domain::GuildId),
}

impl Scope {
    /// The guild to keep to, as a query parameter.
    pub fn only(self) -> Option<i64> {
        match self {
            Scope::Only(guild) => Some(guild.0),
            _ => None,
        }
    }

    /// The guild to leave out, as a query parameter.
    pub fn except(self) -> Option<i64> {
        match self {
            Scope::Except(guild) => Some(guild.0),
            _ => None,
        }
    }

    pub fn includes(self, guild: crate::domain::GuildId) -> bool {
        match self {
            Scope::All => true,
            Scope::Only(only) => guild == only,
            Scope::Except(except) => guild != except,
        }
    }
}

/// Runs each query on the connection as a one-off statement, planned for its parameters
/// every time: PostgreSQL may switch a statement that stays prepared to one generic plan
/// after a few runs, and the best plan of a search depends on how common its words are.
/// The checked query macros cannot say so themselves: `query!(…).fetch_all(Unprepared(conn))`.
#[derive(Debug)]
pub struct Unprepared<'c>(pub &'c mut Conn);

impl<'c> sqlx::Executor<'c> for Unprepared<'c> {
    type Database = sqlx::Postgres;

    fn fetch_many<'e, 'q: 'e, E>(
        self,
        query: E,
    ) -> futures_core::stream::BoxStream<
        'e,
        sqlx::Result<sqlx::Either<sqlx::postgres::PgQueryResult, sqlx::postgres::PgRow>>,
    >
    where
        'c: 'e,
        E: 'q + sqlx::Execute<'q, sqlx::Postgres>,
    {
        self.0.fetch_many(OneOff(query))
    }

    fn fetch_optional<'e, 'q: 'e, E>(
        self,
        query: E,
    ) -> futures_core::future::BoxFuture<'e, sqlx::Result<Option<sqlx::postgres::PgRow>>>
    where
        'c: 'e,
        E: 'q + sqlx::Execute<'q, sqlx::Postgres>,
    {
        self.0.fetch_optional(OneOff(query))
    }

    fn prepare_with<'e, 'q: 'e>(
        self,
        sql: &'q str,
        parameters: &'e [sqlx::postgres::PgTypeInfo],
    ) -> futures_core::future::BoxFuture<'e, sqlx::Result<sqlx::postgres::PgStatement<'q>>>
    where
        'c: 'e,
    {
        self.0.prepare_with(sql, parameters)
    }

    fn describe<'e, 'q: 'e>(
        self,
        sql: &'q str,
    ) -> futures_core::future::BoxFuture<'e, sqlx::Result<sqlx::Describe<sqlx::Postgres>>>
    where
        'c: 'e,
    {
        self.0.describe(sql)
    }
}

/// A query that is not to stay prepared.
struct OneOff<E>(E);

impl<'q, E: sqlx::Execute<'q, sqlx::Postgres>> sqlx::Execute<'q, sqlx::Postgres> for OneOff<E> {
    fn sql(&self) -> &'q str {
        self.0.sql()
    }

    fn statement(&self) -> Option<&sqlx::postgres::PgStatement<'q>> {
        self.0.statement()
    }

    fn take_arguments(&mut self) -> Result<Option<sqlx::postgres::PgArguments>, sqlx::error::BoxDynError> {
        self.0.take_arguments()
    }

    fn persistent(&self) -> bool {
        false
    }
}

/// Makes `%`, `_` and `\` in typed text match themselves in a LIKE pattern.
pub(crate) fn like_escape(text: &str) -> String {
    crate::domain::text::escape(text, &['%', '_', '\\'])
}

/// Whether an error means "the database is not there right now" rather than a bug: the
/// person is asked to try again instead of getting an error code.
pub fn is_unavailable(err: &sqlx::Error) -> bool {
    match err {
        sqlx::Error::PoolTimedOut
        | sqlx::Error::PoolClosed
        | sqlx::Error::Io(_)
        | sqlx::Error::Tls(_)
        | sqlx::Error::WorkerCrashed => true,
        sqlx::Error::Database(db) => db.code().is_some_and(|code| {
            // 08: connection exceptions; 57P01-57P03: shutdown, crash, not yet accepting.
            code.starts_with("08") || matches!(&*code, "57P01" | "57P02" | "57P03")
        }),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn like_wildcards_in_typed_text_match_literally() {
        assert_eq!(super::like_escape("50%_a\\b"), "50\\%\\_a\\\\b");
    }
}
