//! The `baton` command line: run the Discord bot, try the commands in a console, or migrate.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Context as _;
use clap::{Parser, Subcommand};

use baton::app::{self, Database};
use baton::clock::{ShiftedClock, SystemClock};
use baton::config::Config;
use baton::console::{ClockStart, CONSOLE_GUILD};
use baton::core::Env;
use baton::discord::DiscordNotifier;
use baton::reminders::{self, Scope};

/// baton keeps your organisation's external relations from falling through the cracks:
/// log every contact in one command, and baton nudges whoever holds the ball.
#[derive(Parser)]
#[command(name = "baton", version)]
struct Cli {
    /// Configuration file (TOML; see bot-config.example.toml).
    #[arg(long, global = true, env = "BATON_CONFIG", value_name = "PATH")]
    config: Option<PathBuf>,

    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Connect to Discord and answer slash commands until stopped (Ctrl-C or SIGTERM).
    Run,
    /// Type the same commands in this terminal, e.g.
    /// /contact log relation:"Gemeente Utrecht" summary:"Belde over de offerte"
    Console {
        /// Act as this colleague (switch later with `/as NAME`).
        #[arg(long = "as", value_name = "NAME")]
        actor: Option<String>,
        /// Start the console's clock at this moment instead of now, so dates read the same
        /// whenever it runs (tests, demos): "2026-11-23 09:00" on the guild's clocks
        /// (`time.zone` until /settings changes it), or RFC 3339 such as
        /// "2026-11-23T09:00:00+01:00". It runs on from there; `/clock +2h` moves it further.
        #[arg(long, env = "BATON_CLOCK_START", value_name = "TIME")]
        now: Option<String>,
    },
    /// Bring the database schema up to date and exit.
    Migrate,
    /// Write everything baton holds about a server's relations to a file (or stdout), as
    /// JSON (everything, as kept) or CSV: a backup, an access request, moving away.
    Export {
        /// json or csv.
        #[arg(long, default_value = "json", value_parser = ["json", "csv"])]
        format: String,
        /// Where to write it; stdout when left out.
        #[arg(long, short, value_name = "FILE")]
        output: Option<PathBuf>,
        /// The Discord server's id; the console's address book when left out.
        #[arg(long, value_name = "ID")]
        guild: Option<u64>,
    },
    /// Import contacts into the console's address book: LinkedIn Connections.csv, Outlook
    /// or Excel CSV, or vCard. Shows a preview first; imports on --yes or when you say so.
    Import {
        /// The file to read.
        #[arg(required_unless_present = "undo", value_name = "FILE")]
        file: Option<PathBuf>,
        /// For another CSV: which column is what, e.g. "Naam=name,Bedrijf=organisation".
        #[arg(long, value_name = "MAP")]
        map: Option<String>,
        /// Import without asking.
        #[arg(long)]
        yes: bool,
        /// Undo the import with this number instead.
        #[arg(long, value_name = "NUMBER", conflicts_with_all = ["file", "map", "yes"])]
        undo: Option<String>,
        /// Act as this colleague.
        #[arg(long = "as", value_name = "NAME", default_value = "import")]
        actor: String,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime,
        Err(err) => {
            eprintln!("baton: cannot start: {err}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("baton: {err:#}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> anyhow::Result<()> {
    let config = Config::load(cli.config.as_deref(), std::env::vars())?;
    init_logging(matches!(
        cli.command,
        Command::Console { .. } | Command::Import { .. }
    ));
    match cli.command {
        Command::Run => serve(config).await,
        Command::Console { actor, now } => {
            // Refused before anything starts: a typo should not cost a database start-up.
            let start = now.as_deref().map(ClockStart::parse).transpose()?;
            console(config, actor, start).await
        }
        Command::Import {
            file,
            map,
            yes,
            undo,
            actor,
        } => import(config, file, map, yes, undo, &actor).await,
        Command::Export {
            format,
            output,
            guild,
        } => export(config, &format, output, guild).await,
        Command::Migrate => {
            let mut database = Database::open(&config).await?;
            database.close().await;
            println!("database schema is up to date");
            Ok(())
        }
    }
}

async fn serve(config: Config) -> anyhow::Result<()> {
    config.require_token()?;
    let notifier = Arc::new(DiscordNotifier::new(&config)?);
    let mut database = Database::open(&config).await?;
    let env = Arc::new(app::env(&config, database.pool.clone(), Arc::new(SystemClock)));
    // The console's guild has its own reminders, printed by the console.
    let reminders = reminders::supervise(app::scheduler(
        &config,
        &env,
        notifier,
        Scope::Except(CONSOLE_GUILD),
    ));
    let mut bot = match baton::discord::start(&config, env).await {
        Ok(bot) => bot,
        Err(err) => {
            reminders.stop().await;
            database.close().await;
            return Err(anyhow::anyhow!(err).context("could not start the Discord client"));
        }
    };
    let outcome = tokio::select! {
        signal = shutdown_signal() => {
            tracing::info!(signal, "stopping");
            bot.shutdown().await;
            Ok(())
        }
        ended = bot.stopped() => ended.context("the Discord client stopped"),
    };
    // Sends under way finish first; nothing is cut in half.
    reminders.stop().await;
    database.close().await;
    outcome
}

async fn console(config: Config, actor: Option<String>, start: Option<ClockStart>) -> anyhow::Result<()> {
    let mut database = Database::open(&config).await?;
    let clock = Arc::new(ShiftedClock::default());
    let env = app::env(&config, database.pool.clone(), clock.clone());
    if let Some(start) = start {
        if let Err(err) = start_clock(&env, &clock, start).await {
            database.close().await;
            return Err(err);
        }
    }
    let (notifier, printed) = baton::console::ConsoleNotifier::new();
    let scheduler = app::scheduler(&config, &env, Arc::new(notifier), Scope::Only(CONSOLE_GUILD));
    let actor = actor
        .or_else(|| std::env::var("USER").ok())
        .filter(|name| !name.trim().is_empty())
        .unwrap_or_else(|| "me".to_string());
    let input = tokio::io::BufReader::new(tokio::io::stdin());
    let interactive = std::io::stdin().is_terminal();
    let reminders = baton::console::Reminders {
        scheduler,
        printed,
        clock,
    };
    let session = baton::console::run(
        &env,
        input,
        tokio::io::stdout(),
        &actor,
        interactive,
        Some(reminders),
    );
    let outcome = tokio::select! {
        ended = session => ended.context("console input or output failed"),
        _ = shutdown_signal() => Ok(()),
    };
    database.close().await;
    outcome
}

/// `baton import`: the preview, then (on --yes or a "y") the import with a progress bar.
async fn import(
    config: Config,
    file: Option<PathBuf>,
    map: Option<String>,
    yes: bool,
    undo: Option<String>,
    actor: &str,
) -> anyhow::Result<()> {
    use baton::core::import::{self, ImportCommand, ImportFile};
    let mut database = Database::open(&config).await?;
    let env = app::env(&config, database.pool.clone(), Arc::new(SystemClock));
    let req = baton::console::request_as(actor);
    let surface = baton::console::ConsoleSurface;
    let show = |result: Result<baton::core::Reply, baton::core::CommandError>| match result {
        Ok(reply) => {
            println!("{}", baton::render::reply(&reply, &surface));
            Ok(reply)
        }
        Err(err) => Err(anyhow::anyhow!(baton::render::error(
            &err,
            &env.cached_frame(&req),
            &surface
        ))),
    };
    let outcome = async {
        let file = match file {
            Some(path) => Some(ImportFile {
                name: path.file_name().map(|n| n.to_string_lossy().into_owned()),
                bytes: std::fs::read(&path).with_context(|| format!("cannot read {}", path.display()))?,
            }),
            None => None,
        };
        let command = ImportCommand {
            file,
            map,
            undo,
            ..ImportCommand::default()
        };
        let reply = show(import::run(&env, &req, command, &|_, _| {}).await)?;
        let baton::core::Body::ImportPreview(preview) = &reply.body else {
            return Ok(());
        };
        let batch = preview.batch;
        let go = yes || (std::io::stdin().is_terminal() && ask("Import these contacts? [y/N] ")?);
        if !go {
            show(import::cancel(&env, &req, batch).await)?;
            return Ok(());
        }
        let bar = indicatif::ProgressBar::new(0);
        bar.set_style(
            indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} rows")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        let result = import::confirm(&env, &req, batch, &|done, total| {
            bar.set_length(total as u64);
            bar.set_position(done as u64);
        })
        .await;
        bar.finish_and_clear();
        show(result).map(|_| ())
    }
    .await;
    database.close().await;
    outcome
}

/// `baton export`: a whole server's relations, as an admin of it.
async fn export(
    config: Config,
    format: &str,
    output: Option<PathBuf>,
    guild: Option<u64>,
) -> anyhow::Result<()> {
    let mut database = Database::open(&config).await?;
    let env = app::env(&config, database.pool.clone(), Arc::new(SystemClock));
    let mut req = baton::console::request_as("export");
    if let Some(guild) = guild {
        req.guild = baton::domain::GuildId::from_snowflake(guild).context("not a server id")?;
        req.channel = None;
    }
    let outcome = async {
        let document = baton::core::export::guild_document(&env, &req)
            .await
            .map_err(|err| {
                let frame = env.cached_frame(&req);
                anyhow::anyhow!(baton::render::error(
                    &err,
                    &frame,
                    &baton::console::ConsoleSurface
                ))
            })?;
        let data = match format {
            "csv" => {
                let relations = document["relations"].as_array().cloned().unwrap_or_default();
                baton::core::export::csv(&relations).into_bytes()
            }
            _ => serde_json::to_vec_pretty(&document)?,
        };
        match &output {
            Some(path) => {
                std::fs::write(path, &data).with_context(|| format!("cannot write {}", path.display()))?
            }
            None => {
                use std::io::Write as _;
                std::io::stdout().write_all(&data)?;
            }
        }
        let count = document["relations"].as_array().map_or(0, Vec::len);
        eprintln!("exported {count} relations");
        anyhow::Ok(())
    }
    .await;
    database.close().await;
    outcome
}

fn ask(question: &str) -> anyhow::Result<bool> {
    use std::io::Write as _;
    print!("{question}");
    std::io::stdout().flush()?;
    let mut answer = String::new();
    std::io::stdin().read_line(&mut answer)?;
    Ok(matches!(
        answer.trim().to_lowercase().as_str(),
        "y" | "yes" | "j" | "ja"
    ))
}

/// Sets the console's clock to `start`, reading a local time in the console guild's zone.
async fn start_clock(env: &Env, clock: &ShiftedClock, start: ClockStart) -> anyhow::Result<()> {
    let zone = env
        .zone(CONSOLE_GUILD)
        .await
        .context("could not read the console's time zone")?;
    clock.set(start.resolve(zone)?);
    Ok(())
}

/// Resolves on Ctrl-C or SIGTERM, naming which.
async fn shutdown_signal() -> &'static str {
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    tokio::select! {
        _ = tokio::signal::ctrl_c() => "ctrl-c",
        () = terminate => "SIGTERM",
    }
}

fn init_logging(quiet: bool) {
    let default = if quiet { "warn" } else { "info,serenity=warn" };
    let filter = std::env::var("BATON_LOG").unwrap_or_else(|_| default.to_string());
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::new(filter))
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .init();
}
