//! A fresh, migrated database for each test, dropped afterwards. The server is the one in
//! `TEST_DATABASE_URL` (any PostgreSQL the tests may create databases on) or, without it, an
//! embedded server private to this test binary.

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use baton::store::{self, embedded};
use sqlx::postgres::PgConnectOptions;
use sqlx::{Connection, PgConnection, PgPool};
use tokio::sync::OnceCell;

pub struct TestDb {
    pub pool: PgPool,
    pub name: String,
    pub options: PgConnectOptions,
    admin: PgConnectOptions,
}

static SERVER: OnceCell<PgConnectOptions> = OnceCell::const_new();
static NEXT: AtomicUsize = AtomicUsize::new(0);

/// Connect options for the server's maintenance database.
async fn server() -> PgConnectOptions {
    SERVER
        .get_or_init(|| async {
            if let Ok(url) = std::env::var("TEST_DATABASE_URL") {
                return url
                    .parse::<PgConnectOptions>()
                    .expect("TEST_DATABASE_URL")
                    .database("postgres");
            }
            let server = embedded::EmbeddedPostgres::start(embedded_options(&private_dir()))
                .await
                .expect("embedded PostgreSQL for tests");
            let options = server.connect_options().database("postgres");
            // The handle is never dropped, so this process uses the server until it exits;
            // then the server's keeper stops it.
            std::mem::forget(server);
            options
        })
        .await
        .clone()
}

/// A throwaway cluster folder for this process; folders of finished runs are removed.
fn private_dir() -> PathBuf {
    let root = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("pg");
    if let Ok(entries) = std::fs::read_dir(&root) {
        for entry in entries.flatten() {
            let pid = entry.file_name().to_string_lossy().parse::<u32>().ok();
            if pid.is_some_and(|pid| !PathBuf::from(format!("/proc/{pid}")).exists()) {
                let _ = std::fs::remove_dir_all(entry.path());
            }
        }
    }
    root.join(std::process::id().to_string())
}

pub fn embedded_options(dir: &std::path::Path) -> embedded::EmbeddedOptions {
    let mut options = embedded::EmbeddedOptions::new(dir, "baton");
    options.throwaway = true;
    options
}

impl TestDb {
    /// A URL for the database, for handing to a `baton` process.
    pub fn url(&self) -> String {
        if let Ok(server) = std::env::var("TEST_DATABASE_URL") {
            let (base, query) = server
                .split_once('?')
                .map_or((server.as_str(), None), |(b, q)| (b, Some(q)));
            let origin = base.rsplit_once('/').map_or(base, |(origin, _)| origin);
            return match query {
                Some(query) => format!("{origin}/{}?{query}", self.name),
                None => format!("{origin}/{}", self.name),
            };
        }
        let socket = self
            .options
            .get_socket()
            .expect("the embedded server listens on a socket");
        format!(
            "postgres://{}@localhost/{}?host={}&port={}",
            self.options.get_username(),
            self.name,
            socket.display(),
            self.options.get_port()
        )
    }

    pub async fn new() -> TestDb {
        let db = TestDb::unmigrated().await;
        store::migrate(&db.pool).await.expect("migrate test database");
        db
    }

    /// A fresh database without baton's schema, for testing migrations.
    pub async fn unmigrated() -> TestDb {
        let admin = server().await;
        let name = format!(
            "baton_test_{}_{}_{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .subsec_nanos()
        );
        let mut conn = PgConnection::connect_with(&admin)
            .await
            .expect("connect to the test server");
        sqlx::query(&format!("CREATE DATABASE {name}"))
            .execute(&mut conn)
            .await
            .expect("create test database");
        conn.close().await.ok();
        let options = admin.clone().database(&name);
        let pool = store::pool_options(10)
            .connect_with(options.clone())
            .await
            .expect("connect to test database");
        TestDb {
            pool,
            name,
            options,
            admin,
        }
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        // Drop runs outside async: drop the database from a thread with its own runtime.
        let admin = self.admin.clone();
        let name = self.name.clone();
        let dropped = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .ok()?;
            runtime.block_on(async {
                let mut conn = PgConnection::connect_with(&admin).await.ok()?;
                sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                    .execute(&mut conn)
                    .await
                    .ok()
            })
        })
        .join();
        if !matches!(dropped, Ok(Some(_))) {
            eprintln!("note: test database {} was not dropped", self.name);
        }
    }
}
