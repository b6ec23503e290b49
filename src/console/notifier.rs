//! Reminders in the console: printed as they fire, with their next steps as commands.

use std::sync::atomic::{AtomicU64, Ordering};

use tokio::sync::mpsc;

use super::surface::{action_hints, ConsoleSurface};
use crate::reminders::notifier::{Notifier, Outgoing, SendError, Sending};
use crate::render::Surface;

pub struct ConsoleNotifier {
    lines: mpsc::UnboundedSender<String>,
    posted: AtomicU64,
}

impl ConsoleNotifier {
    /// A notifier and the receiving end the console prints from.
    pub fn new() -> (ConsoleNotifier, mpsc::UnboundedReceiver<String>) {
        let (lines, printed) = mpsc::unbounded_channel();
        let notifier = ConsoleNotifier {
            lines,
            posted: AtomicU64::new(0),
        };
        (notifier, printed)
    }
}

impl Notifier for ConsoleNotifier {
    fn surface(&self) -> &dyn Surface {
        &ConsoleSurface
    }

    fn send<'a>(&'a self, message: &'a Outgoing) -> Sending<'a> {
        Box::pin(async move {
            // A direct message is marked: in Discord it lands elsewhere than the channel.
            let mut text = match message.target {
                crate::store::deliveries::Target::Direct(_) => {
                    vec![format!("✉️ {}", message.text)]
                }
                crate::store::deliveries::Target::Channel(_) => vec![message.text.clone()],
            };
            text.extend(action_hints(&message.actions, &Default::default(), message.lang));
            self.lines
                .send(text.join("\n"))
                .map_err(|_| SendError::Transient("the console has closed".into()))?;
            Ok(self.posted.fetch_add(1, Ordering::Relaxed) + 1)
        })
    }
}
