//! Replies to `/settings`.

use super::Surface;
use crate::core::settings::{DigestChoice, SettingsShown};
use crate::core::Reply;
use crate::domain::schedule::{clock_text, DigestTo};
use crate::domain::Lang;
use crate::i18n::{option_name, say, Msg};

pub(super) fn shown(shown: &SettingsShown, reply: &Reply, surface: &dyn Surface) -> Vec<String> {
    let lang = reply.frame.lang;
    let settings = &shown.settings;
    let mut lines = Vec::new();
    if !shown.changed.is_empty() {
        let names: Vec<String> = shown
            .changed
            .iter()
            .map(|name| format!("`{}`", option_name(name, lang)))
            .collect();
        lines.push(say(lang, Msg::SettingsChanged, &[("names", &names.join(", "))]));
    }
    lines.push(surface.strong(Msg::SettingsHead.text(lang)));
    let reminders = match settings.reminder_channel {
        Some(channel) => surface.channel(channel),
        None => Msg::SettingWhereMade.text(lang).to_string(),
    };
    let escalation = match (settings.escalation_role, settings.escalation_channel) {
        (Some(role), Some(channel)) => format!("{} · {}", surface.role(role), surface.channel(channel)),
        (Some(role), None) => surface.role(role),
        (None, Some(channel)) => surface.channel(channel),
        (None, None) => Msg::SettingNoEscalation.text(lang).to_string(),
    };
    let digest_to = match (settings.digest_to, settings.digest_channel) {
        (DigestTo::Channel, Some(channel)) => say(
            lang,
            Msg::DigestInChannel,
            &[("channel", &surface.channel(channel))],
        ),
        _ => Msg::DigestByDm.text(lang).to_string(),
    };
    let restricted = match settings.restricted_role {
        Some(role) => surface.role(role),
        None => Msg::SettingRestrictedAdmins.text(lang).to_string(),
    };
    let language = match settings.lang {
        Lang::En => Msg::LanguageEn,
        Lang::Nl => Msg::LanguageNl,
    };
    lines.extend([
        format!(
            "• {}",
            say(lang, Msg::SettingReminderChannel, &[("value", &reminders)])
        ),
        format!(
            "• {}",
            say(
                lang,
                Msg::SettingHours,
                &[
                    ("value", &settings.hours.display(lang)),
                    ("zone", settings.zone.name())
                ]
            )
        ),
        format!(
            "• {}",
            say(
                lang,
                Msg::SettingRepeat,
                &[("value", &settings.repeat.display(lang))]
            )
        ),
        format!(
            "• {}",
            say(
                lang,
                Msg::SettingAckWithin,
                &[("value", &settings.ack_within.display(lang))]
            )
        ),
        format!(
            "• {}",
            say(
                lang,
                Msg::SettingAppointments,
                &[
                    ("reminders", &settings.appointment_reminders.display(lang)),
                    ("inform", &settings.inform_within.display(lang))
                ]
            )
        ),
        format!(
            "• {}",
            say(
                lang,
                Msg::SettingEscalation,
                &[
                    ("count", &settings.escalate_after.to_string()),
                    ("value", &escalation)
                ]
            )
        ),
        format!(
            "• {}",
            say(
                lang,
                Msg::SettingDigest,
                &[("time", &clock_text(settings.digest_time)), ("to", &digest_to)]
            )
        ),
        format!(
            "• {}",
            say(lang, Msg::SettingLanguage, &[("value", language.text(lang))])
        ),
        format!(
            "• {}",
            say(lang, Msg::SettingRestricted, &[("value", &restricted)])
        ),
        format!(
            "• {}",
            if settings.minimal_posts {
                Msg::SettingMinimalPosts
            } else {
                Msg::SettingFullPosts
            }
            .text(lang)
        ),
    ]);
    lines
}

pub(super) fn digest(choice: &DigestChoice, reply: &Reply) -> Vec<String> {
    let msg = if choice.on {
        Msg::DigestIsOn
    } else {
        Msg::DigestIsOff
    };
    vec![msg.text(reply.frame.lang).to_string()]
}
