//! The gateway connection cut under the real serenity client: a resumable close is resumed
//! with what was dispatched meanwhile replayed; a session that ended needs a fresh IDENTIFY.

mod support;

use std::time::Duration;

use support::bot::{content, TestBot, ALICE, WAIT};
use support::discord::Opt;
use support::World;

/// serenity waits 5 s between two IDENTIFYs of one shard.
const RECONNECT: Duration = Duration::from_secs(20);

fn log(summary: &str) -> Vec<Opt<'_>> {
    vec![Opt::Str("relation", "GGD"), Opt::Str("summary", summary)]
}

#[tokio::test]
async fn a_resumable_close_is_resumed_and_what_came_meanwhile_is_answered() {
    let world = World::new().await;
    let bot = TestBot::start(world.env.clone()).await;
    let before = bot.standin.gateway_stats();

    assert!(bot.standin.close_gateway(4000, false), "a socket was open");
    let during = bot.slash(ALICE, "en-US", "contact", "log", log("tijdens")).await;

    let after = bot
        .standin
        .wait_for_gateway(|g| g.resumes > before.resumes, RECONNECT)
        .await
        .expect("resumed");
    assert_eq!(after.identifies, before.identifies, "no new session");
    assert!(
        content(&during).starts_with("📝 Contact with **GGD** logged"),
        "{during}"
    );
    bot.stop().await;
}

#[tokio::test]
async fn an_ended_session_is_identified_again_and_commands_are_answered() {
    let world = World::new().await;
    let bot = TestBot::start(world.env.clone()).await;

    for (cut, refused) in [("resume refused", 1), ("op 9", 0)] {
        let before = bot.standin.gateway_stats();
        let open = match cut {
            "op 9" => bot.standin.invalidate_session(),
            _ => bot.standin.close_gateway(4000, true),
        };
        assert!(open, "{cut}: a socket was open");

        let after = bot
            .standin
            .wait_for_gateway(|g| g.identifies > before.identifies, RECONNECT)
            .await
            .unwrap_or_else(|| panic!("{cut}: identified again"));
        let answer = tokio::time::timeout(WAIT, bot.slash(ALICE, "en-US", "contact", "log", log(cut)))
            .await
            .unwrap_or_else(|_| panic!("{cut}: answered"));

        assert_eq!(after.rejected_resumes - before.rejected_resumes, refused, "{cut}");
        assert!(
            content(&answer).starts_with("📝 Contact with **GGD** logged"),
            "{cut}: {answer}"
        );
    }
    bot.stop().await;
}
