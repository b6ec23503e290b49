//! A notifier that records what the scheduler posts and can be told to fail, for the
//! delivery tests against PostgreSQL (the end-to-end tests post to the Discord stand-in).

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

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
    /// A send whose text contains this panics.
    pub panic_on: Mutex<Option<String>>,
    /// When set, each send first takes a permit: the test decides when sends go through.
    pub gate: Mutex<Option<Arc<tokio::sync::Semaphore>>>,
    /// Every message handed to `send`, posted or not.
    pub attempted: Mutex<Vec<Outgoing>>,
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

    pub fn attempted(&self) -> Vec<Outgoing> {
        self.attempted.lock().unwrap().clone()
    }

    /// Makes sends wait for permits from the returned gate.
    pub fn gated(&self) -> Arc<tokio::sync::Semaphore> {
        let gate = Arc::new(tokio::sync::Semaphore::new(0));
        *self.gate.lock().unwrap() = Some(gate.clone());
        gate
    }
}

impl Notifier for Recording {
    fn surface(&self) -> &dyn Surface {
        &ConsoleSurface
    }

    fn send<'a>(&'a self, message: &'a Outgoing) -> Sending<'a> {
        Box::pin(async move {
            self.attempted.lock().unwrap().push(message.clone());
            let gate = self.gate.lock().unwrap().clone();
            if let Some(gate) = gate {
                gate.acquire().await.expect("gate open").forget();
            }
            let panics = self.panic_on.lock().unwrap().clone();
            if panics.is_some_and(|text| message.text.contains(&text)) {
                panic!("the notifier broke on this message");
            }
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
