//! Scenario 7: the gateway connection cut four ways. A resumable close must be RESUMEd (and
//! what was dispatched meanwhile replayed); a refused RESUME, a close that ends the
//! session and op 9 must each lead to a fresh IDENTIFY. After each, a command is answered.

use std::time::{Duration, Instant};

use anyhow::bail;

use crate::commands::{log_contact, Answer};
use crate::discord::{GatewayStats, StandIn};
use crate::harness::{Baton, Launch};
use crate::report::Row;
use crate::world::{self, Server};

/// serenity waits 5 s between two IDENTIFYs of one shard.
const RECONNECT_WITHIN: Duration = Duration::from_secs(30);
const RELATION: &str = "Gateway relatie";

enum Cut {
    Resumable,
    ResumeRefused,
    SessionTimedOut,
    InvalidSession,
}

impl Cut {
    fn describe(&self) -> &'static str {
        match self {
            Cut::Resumable => "close 4000",
            Cut::ResumeRefused => "close 4000, session ended (RESUME refused)",
            Cut::SessionTimedOut => "close 4009 (session timed out)",
            Cut::InvalidSession => "op 9 invalid session",
        }
    }

    fn apply(&self, standin: &StandIn) -> bool {
        match self {
            Cut::Resumable => standin.close_gateway(4000, false),
            Cut::ResumeRefused => standin.close_gateway(4000, true),
            Cut::SessionTimedOut => standin.close_gateway(4009, true),
            Cut::InvalidSession => standin.invalidate_session(),
        }
    }

    /// Whether the client is back: resumed, or identified anew.
    fn back(&self, before: &GatewayStats, now: &GatewayStats) -> bool {
        match self {
            Cut::Resumable => now.resumes > before.resumes,
            _ => now.identifies > before.identifies,
        }
    }
}

pub async fn gateway_disconnects(server: &Server, launch: &Launch) -> anyhow::Result<Row> {
    let db = server.database("faults_gateway").await?;
    let standin = world::standin(1).await;
    let launch = Launch {
        api_base: standin.api_base(),
        database_url: db.url.clone(),
        ..launch.clone()
    };
    let mut baton = Baton::spawn("s7-gateway", &launch)?;
    baton.ready(&standin).await?;
    let (first, _) = log_contact(&standin, RELATION, "before the cuts").await;
    if first != Answer::Saved {
        bail!("the command before the cuts was not saved: {first:?}");
    }
    let start = standin.gateway_stats();

    let mut steps = Vec::new();
    let mut answered = 0;
    let mut replayed = false;
    for (k, cut) in [
        Cut::Resumable,
        Cut::ResumeRefused,
        Cut::SessionTimedOut,
        Cut::InvalidSession,
    ]
    .iter()
    .enumerate()
    {
        let before = standin.gateway_stats();
        let cut_at = Instant::now();
        if !cut.apply(&standin) {
            bail!("no gateway socket was open for “{}”", cut.describe());
        }
        if matches!(cut, Cut::Resumable) {
            // Dispatched while the socket is down: it must arrive through the replay.
            let (answer, _) = log_contact(&standin, RELATION, "while the socket was down").await;
            replayed = answer == Answer::Saved;
        }
        let Some(_) = standin
            .wait_for_gateway(|now| cut.back(&before, now), RECONNECT_WITHIN)
            .await
        else {
            bail!(
                "timed out after {} s waiting for the client to come back after “{}” ({:?})",
                RECONNECT_WITHIN.as_secs(),
                cut.describe(),
                standin.gateway_stats()
            );
        };
        let back_in = cut_at.elapsed();
        let (answer, _) = log_contact(&standin, RELATION, &format!("after cut {k}")).await;
        if answer == Answer::Saved {
            answered += 1;
        }
        steps.push(format!(
            "{}: back in {:.1} s, command {}",
            cut.describe(),
            back_in.as_secs_f64(),
            if answer == Answer::Saved {
                "answered"
            } else {
                "NOT answered"
            }
        ));
    }
    let end = standin.gateway_stats();
    let (status, stopping) = baton.terminate(Duration::from_secs(60)).await?;
    let panics = baton.panics();
    server.drop_database(db).await?;

    let resumes = end.resumes - start.resumes;
    let refused = end.rejected_resumes - start.rejected_resumes;
    let identifies = end.identifies - start.identifies;
    // One accepted RESUME, one refused; three fresh IDENTIFYs.
    let pass = answered == steps.len()
        && replayed
        && resumes == 1
        && refused == 1
        && identifies == 3
        && status.success()
        && panics == 0;
    Ok(Row {
        scenario: "7. Gateway disconnects".to_string(),
        done: "close 4000; close 4000 after the session ended; close 4009; op 9".to_string(),
        result: format!(
            "RESUMEs {resumes} accepted, {refused} refused; IDENTIFYs after the first: {identifies}; \
             command sent while the socket was down answered after the RESUME: {}; {}; \
             SIGTERM exit {} in {:.1} s; panics {panics}",
            if replayed { "yes" } else { "no" },
            steps.join("; "),
            status
                .code()
                .map_or("none (signal)".to_string(), |c| c.to_string()),
            stopping.as_secs_f64()
        ),
        pass,
    })
}
