//! baton: a team-chat bot that keeps an organisation's external relations from falling
//! through the cracks. See README.md for the architecture.

pub mod app;
pub mod clock;
pub mod config;
pub mod console;
pub mod core;
pub mod discord;
pub mod domain;
pub mod i18n;
pub mod ics;
pub mod import;
pub mod reminders;
pub mod render;
pub mod store;
