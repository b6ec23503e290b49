//! A notifier that records what the scheduler posts and can be told to fail, for the
//! delivery tests against PostgreSQL (the end-to-end tests post to the Discord stand-in).

use std::collections::VecDeque;
use std::sync::Mutex;

use baton::console::ConsoleSurface;
use baton::reminders::notifier::{Notifier, Outgoing, SendError, Sending};
use baton::render::Surface;

#[derive(Default)]
pub struct Recording {
    pub posted: Mutex<Vec<Outgoing>>,
    /// Failures to return, in order, before posting again.
    pub failures: Mutex<VecDeque<SendError>>,
    /// When set, every send waits forever: a crash in the middle of sending.
    pub stall: bool,
}

impl Recording {
    pub fn stalling() -> Recording {
        Recording {
            stall: true,
            ..Recording::default()
        }
    }

    pub fn fail_with(&self, errors: impl IntoIterator<Item = SendError>) {
        self.failures.lock().unwrap().extend(errors);
    }

    pub fn posted(&self) -> Vec<Outgoing> {
        self.posted.lock().unwrap().clone()
    }
}

impl Notifier for Recording {
    fn surface(&self) -> &dyn Surface {
        &ConsoleSurface
    }

    fn send<'a>(&'a self, message: &'a Outgoing) -> Sending<'a> {
        Box::pin(async move {
            if self.stall {
                self.posted.lock().unwrap().push(message.clone());
                std::future::pending::<()>().await;
            }
            if let Some(failure) = self.failures.lock().unwrap().pop_front() {
                return Err(failure);
            }
            let mut posted = self.posted.lock().unwrap();
            posted.push(message.clone());
            Ok(posted.len() as u64)
        })
    }
}
