//! The real `baton run` binary as a child process, configured only through its environment,
//! with its log in a file of its own; and waiting with a deadline that says what was awaited.

use std::path::PathBuf;
use std::process::{ExitStatus, Stdio};
use std::time::{Duration, Instant};

use anyhow::{bail, Context as _};
use tokio::process::{Child, Command};

use crate::discord::StandIn;

/// How long a baton may take from spawn to having registered its commands.
const READY_WITHIN: Duration = Duration::from_secs(30);

/// What every baton of one scenario shares: where Discord and the database are.
#[derive(Clone, Debug)]
pub struct Launch {
    pub api_base: String,
    pub guild: u64,
    pub database_url: String,
    pub sends_per_second: u32,
    /// Where the children's logs go.
    pub log_dir: PathBuf,
}

pub struct Baton {
    pub name: String,
    pub log: PathBuf,
    pub spawned: Instant,
    child: Child,
}

impl Baton {
    /// Starts `baton run`. `name` names its log file and, through its token, its requests:
    /// the stand-in accepts any token, so the Authorization header tells instances apart.
    pub fn spawn(name: &str, launch: &Launch) -> anyhow::Result<Baton> {
        let log = launch.log_dir.join(format!("{name}.log"));
        let file = std::fs::File::create(&log).with_context(|| format!("creating {}", log.display()))?;
        let mut command = Command::new(env!("CARGO_BIN_EXE_baton"));
        // Nothing of the caller's own baton configuration may leak in.
        for (key, _) in std::env::vars() {
            if key.starts_with("BATON_") || key == "DATABASE_URL" {
                command.env_remove(key);
            }
        }
        command
            .arg("run")
            .env("BATON_DISCORD_TOKEN", token_of(name))
            .env("BATON_DISCORD_API_BASE", &launch.api_base)
            .env("BATON_DISCORD_GUILD_IDS", launch.guild.to_string())
            .env("DATABASE_URL", &launch.database_url)
            .env(
                "BATON_REMINDERS_SENDS_PER_SECOND",
                launch.sends_per_second.to_string(),
            )
            // The bench may run at night or on a Sunday; the seeded guilds say the same.
            .env("BATON_REMINDERS_WORKING_HOURS", "daily 00:00-24:00")
            .env("BATON_LOCALE", "en")
            .env("BATON_LOG", "info,serenity=warn")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(file)
            // A bench that fails half-way must not leave batons running.
            .kill_on_drop(true);
        let child = command.spawn().context("starting the baton binary")?;
        Ok(Baton {
            name: name.to_string(),
            log,
            spawned: Instant::now(),
            child,
        })
    }

    /// Waits until this baton has registered its commands with the stand-in, which it does
    /// once connected and identified; fails early if it exits first.
    pub async fn ready(&mut self, standin: &StandIn) -> anyhow::Result<Duration> {
        let since = self.spawned;
        let token = format!("Bot {}", token_of(&self.name));
        let registered = |r: &crate::discord::Recorded| {
            r.method == "PUT"
                && r.path.ends_with("/commands")
                && r.at >= since
                && r.header("authorization") == Some(token.as_str())
        };
        let deadline = since + READY_WITHIN;
        loop {
            if standin
                .requests_matching("PUT", "/applications/")
                .iter()
                .any(registered)
            {
                return Ok(since.elapsed());
            }
            if let Some(status) = self.child.try_wait()? {
                bail!(
                    "{} exited ({status}) before registering its commands; see {}",
                    self.name,
                    self.log.display()
                );
            }
            if Instant::now() >= deadline {
                bail!(
                    "{} did not register its commands within {} s; see {}",
                    self.name,
                    READY_WITHIN.as_secs(),
                    self.log.display()
                );
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// SIGKILL: no chance to finish anything.
    pub async fn kill(&mut self) -> anyhow::Result<()> {
        self.child.start_kill().context("SIGKILL")?;
        self.child.wait().await.context("waiting for a killed baton")?;
        Ok(())
    }

    /// SIGTERM, then waits for the exit: its status and how long it took.
    pub async fn terminate(&mut self, within: Duration) -> anyhow::Result<(ExitStatus, Duration)> {
        let pid = self
            .child
            .id()
            .and_then(|pid| libc::pid_t::try_from(pid).ok())
            .with_context(|| format!("{} has already exited", self.name))?;
        let asked = Instant::now();
        // SAFETY: kill has no memory-safety preconditions; `pid` is our own unreaped child.
        if unsafe { libc::kill(pid, libc::SIGTERM) } != 0 {
            bail!("SIGTERM to {}: {}", self.name, std::io::Error::last_os_error());
        }
        match tokio::time::timeout(within, self.child.wait()).await {
            Ok(status) => Ok((status?, asked.elapsed())),
            Err(_) => bail!(
                "{} did not exit within {} s of SIGTERM; see {}",
                self.name,
                within.as_secs(),
                self.log.display()
            ),
        }
    }

    /// Panics this baton logged, to be reported as defects.
    pub fn panics(&self) -> usize {
        std::fs::read_to_string(&self.log)
            .map(|text| text.lines().filter(|l| l.contains("panicked")).count())
            .unwrap_or(0)
    }
}

pub fn token_of(name: &str) -> String {
    format!("bench-{name}")
}

/// Polls `check` every 100 ms until it gives a value or `within` passes; the error names
/// what was waited for and the last state seen.
pub async fn wait_for<T>(
    what: &str,
    within: Duration,
    mut check: impl FnMut() -> Result<T, String>,
) -> anyhow::Result<T> {
    let deadline = Instant::now() + within;
    loop {
        match check() {
            Ok(value) => return Ok(value),
            Err(seen) if Instant::now() >= deadline => {
                bail!(
                    "timed out after {} s waiting for {what} ({seen})",
                    within.as_secs()
                )
            }
            Err(_) => tokio::time::sleep(Duration::from_millis(100)).await,
        }
    }
}
