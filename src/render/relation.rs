//! Replies of `/relation`: the profile card, a move, a merge, who knows whom, and search.

use super::Surface;
use crate::core::relation::{
    CardChange, RelationCard, RelationMoved, RelationSearch, RelationWho, RelationsMerged,
};
use crate::core::{Frame, Reply};
use crate::domain::profile::Cadence;
use crate::domain::relation::RelationKind;
use crate::domain::text::shorten;
use crate::i18n::{self, choice_label, option_name, say, Msg};
use crate::store::relation_search::Found;

/// Search snippets show at most this much.
const SNIPPET_MAX: usize = 160;

pub(super) fn kind_word(kind: Option<RelationKind>, lang: crate::domain::Lang) -> String {
    match kind {
        Some(kind) => choice_label(kind.as_str(), lang).to_string(),
        None => say(lang, Msg::KindUnknown, &[]),
    }
}

/// "every 3 months" / "elke 3 maanden".
pub fn cadence(c: Cadence, lang: crate::domain::Lang) -> String {
    let n = |v: u32| v.to_string();
    match (c.months, c.days) {
        (0, 7) => say(lang, Msg::CadenceWeek, &[]),
        (0, d) if d % 7 == 0 => say(lang, Msg::CadenceWeeks, &[("n", &n(d / 7))]),
        (0, d) => say(lang, Msg::CadenceDays, &[("n", &n(d))]),
        (1, _) => say(lang, Msg::CadenceMonth, &[]),
        (12, _) => say(lang, Msg::CadenceYear, &[]),
        (m, _) if m % 12 == 0 => say(lang, Msg::CadenceYears, &[("n", &n(m / 12))]),
        (m, _) => say(lang, Msg::CadenceMonths, &[("n", &n(m))]),
    }
}

fn role_text(role: &Option<String>, frame: &Frame, surface: &dyn Surface) -> String {
    role.as_deref()
        .map(|r| say(frame.lang, Msg::CardRole, &[("role", &surface.user_text(r))]))
        .unwrap_or_default()
}

fn field_names(fields: &[&'static str], lang: crate::domain::Lang) -> String {
    fields
        .iter()
        .map(|f| option_name(f, lang).to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

pub(super) fn card(card: &RelationCard, reply: &Reply, surface: &dyn Surface) -> Vec<String> {
    let frame = &reply.frame;
    let lang = frame.lang;
    let p = &card.profile;
    let name = surface.strong(&surface.user_text(&p.name));
    let mut lines = Vec::new();
    match &card.change {
        CardChange::Added { organisation_created } => {
            lines.push(say(
                lang,
                Msg::RelationAdded,
                &[("relation", &name), ("kind", &kind_word(p.kind, lang))],
            ));
            if let Some(org) = organisation_created {
                let org = surface.strong(&surface.user_text(org));
                lines.push(say(
                    lang,
                    Msg::RelationOrganisationCreated,
                    &[("organisation", &org)],
                ));
            }
            lines.push(String::new());
        }
        CardChange::Edited { fields } => {
            lines.push(say(
                lang,
                Msg::RelationEdited,
                &[("relation", &name), ("fields", &field_names(fields, lang))],
            ));
            lines.push(String::new());
        }
        CardChange::Shown => {}
    }
    lines.push(say(
        lang,
        Msg::CardHead,
        &[("relation", &name), ("kind", &kind_word(p.kind, lang))],
    ));
    if let Some(email) = &p.email {
        lines.push(say(lang, Msg::CardEmail, &[("email", &surface.user_text(email))]));
    }
    if let Some(phone) = &p.phone {
        lines.push(say(lang, Msg::CardPhone, &[("phone", &surface.user_text(phone))]));
    }
    if let Some(url) = &p.linkedin {
        lines.push(say(lang, Msg::CardLinkedIn, &[("url", &surface.user_text(url))]));
    }
    if !p.tags.is_empty() {
        let tags: Vec<String> = p.tags.iter().map(|t| surface.user_text(t)).collect();
        lines.push(say(lang, Msg::CardTags, &[("tags", &tags.join(", "))]));
    }
    if let Some(c) = p.keep_in_touch {
        lines.push(say(lang, Msg::CardKeepInTouch, &[("cadence", &cadence(c, lang))]));
    }
    if let Some(owner) = p.owner {
        lines.push(say(
            lang,
            Msg::CardOwner,
            &[("owner", &surface.member(owner, &reply.names))],
        ));
    }
    if p.imported {
        lines.push(say(lang, Msg::CardImported, &[]));
    }
    places(card, frame, surface, &mut lines);

    lines.push(String::new());
    match card.last_contact {
        Some((at, by, via)) => lines.push(say(
            lang,
            Msg::CardLastContact,
            &[
                ("ago", &surface.moment(at, frame)),
                ("by", &surface.member(by, &reply.names)),
                ("via", choice_label(via.as_str(), lang)),
                ("count", &card.contacts.to_string()),
            ],
        )),
        None => lines.push(say(lang, Msg::CardNoContact, &[])),
    }
    if card.open.is_empty() {
        lines.push(say(lang, Msg::CardNothingOpen, &[]));
    } else {
        lines.push(surface.strong(&say(lang, Msg::CardBallHead, &[])));
        for open in &card.open {
            lines.push(super::contact::open_line(open, reply, surface));
        }
    }
    if !card.appointments.is_empty() {
        lines.push(surface.strong(&say(lang, Msg::CardAppointmentsHead, &[])));
        for a in &card.appointments {
            lines.push(format!("• {}", super::appointment::short_line(a, frame, surface)));
        }
    }
    if !card.merged.is_empty() {
        let names: Vec<String> = card.merged.iter().map(|n| surface.user_text(n)).collect();
        lines.push(say(lang, Msg::CardMerged, &[("names", &names.join(", "))]));
    }
    lines
}

/// A person's places, or an organisation's people: now, then before.
fn places(card: &RelationCard, frame: &Frame, surface: &dyn Surface, lines: &mut Vec<String>) {
    let lang = frame.lang;
    let of_organisation = card.profile.kind == Some(RelationKind::Organisation);
    let (now_head, before_head) = if of_organisation {
        (Msg::CardPeopleHead, Msg::CardPeopleBeforeHead)
    } else {
        (Msg::CardPlacesHead, Msg::CardPlacesBeforeHead)
    };
    let (current, ended): (Vec<_>, Vec<_>) = card
        .affiliations
        .iter()
        .partition(|a| a.until.is_none_or(|until| until > frame.now));
    for (head, group) in [(now_head, current), (before_head, ended)] {
        if group.is_empty() {
            continue;
        }
        lines.push(surface.strong(&say(lang, head, &[])));
        for a in group {
            let other = if of_organisation {
                &a.person_name
            } else {
                &a.organisation_name
            };
            let since = i18n::time::day(a.since.with_timezone(&frame.zone).date_naive(), lang);
            let args = [
                ("organisation", surface.user_text(other)),
                ("role", role_text(&a.role, frame, surface)),
                ("since", since),
                (
                    "until",
                    a.until
                        .map(|u| i18n::time::day(u.with_timezone(&frame.zone).date_naive(), lang))
                        .unwrap_or_default(),
                ),
            ];
            let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let msg = if a.until.is_some() {
                Msg::CardPlaceEnded
            } else {
                Msg::CardPlace
            };
            lines.push(say(lang, msg, &args));
        }
    }
}

pub(super) fn moved(moved: &RelationMoved, reply: &Reply, surface: &dyn Surface) -> Vec<String> {
    let frame = &reply.frame;
    let lang = frame.lang;
    let person = surface.strong(&surface.user_text(&moved.person));
    let org = surface.strong(&surface.user_text(&moved.organisation));
    let mut lines = vec![say(
        lang,
        Msg::RelationMoved,
        &[
            ("person", &person),
            ("organisation", &org),
            ("role", &role_text(&moved.role, frame, surface)),
        ],
    )];
    if moved.organisation_created {
        lines.push(say(
            lang,
            Msg::RelationOrganisationCreated,
            &[("organisation", &org)],
        ));
    }
    if !moved.left.is_empty() {
        let left: Vec<String> = moved.left.iter().map(|o| surface.user_text(o)).collect();
        lines.push(say(
            lang,
            Msg::RelationMovedLeft,
            &[("organisations", &left.join(", "))],
        ));
    }
    if !moved.told.is_empty() {
        let members: Vec<String> = moved
            .told
            .iter()
            .map(|m| surface.member(*m, &reply.names))
            .collect();
        lines.push(say(
            lang,
            Msg::RelationMovedTold,
            &[("members", &members.join(", ")), ("person", &person)],
        ));
    }
    lines
}

/// The direct message a colleague gets when a person they spoke with moves on: the place
/// as it is when sent (and whether it has ended meanwhile).
pub fn move_notice(
    place: &crate::store::affiliations::AffiliationRow,
    by: crate::domain::MemberId,
    names: &std::collections::HashMap<crate::domain::MemberId, String>,
    frame: &Frame,
    surface: &dyn Surface,
) -> String {
    let person = surface.strong(&surface.user_text(&place.person_name));
    let org = surface.strong(&surface.user_text(&place.organisation_name));
    let mut text = say(
        frame.lang,
        Msg::MoveNotice,
        &[
            ("person", &person),
            ("organisation", &org),
            ("role", &role_text(&place.role, frame, surface)),
            ("by", &surface.member(by, names)),
            ("when", &surface.moment(place.since, frame)),
        ],
    );
    if place.until.is_some() {
        text.push('\n');
        text.push_str(&say(
            frame.lang,
            Msg::MoveNoticeLeftSince,
            &[("person", &person), ("organisation", &org)],
        ));
    }
    text
}

pub(super) fn merged(merged: &RelationsMerged, reply: &Reply, surface: &dyn Surface) -> Vec<String> {
    let lang = reply.frame.lang;
    let kept = surface.strong(&surface.user_text(&merged.kept));
    let removed = surface.strong(&surface.user_text(&merged.removed));
    let m = &merged.moved;
    let mut lines = vec![say(
        lang,
        Msg::RelationsMerged,
        &[
            ("kept", &kept),
            ("removed", &removed),
            ("contacts", &m.contacts.to_string()),
            ("commitments", &m.commitments.to_string()),
            ("appointments", &m.appointments.to_string()),
            ("handovers", &m.handovers.to_string()),
            ("affiliations", &m.affiliations.to_string()),
        ],
    )];
    if !merged.took_over.is_empty() {
        lines.push(say(
            lang,
            Msg::RelationsMergedTook,
            &[("kept", &kept), ("fields", &field_names(&merged.took_over, lang))],
        ));
    }
    lines
}

pub(super) fn who(who: &RelationWho, reply: &Reply, surface: &dyn Surface) -> Vec<String> {
    let frame = &reply.frame;
    let lang = frame.lang;
    let plain = surface.user_text(&who.organisation);
    let org = surface.strong(&plain);
    // The head is bold as a whole: the name inside it is not bolded again.
    let mut lines = vec![surface.strong(&say(lang, Msg::WhoHead, &[("organisation", &plain)]))];
    if who.acquainted.is_empty() {
        lines.push(say(lang, Msg::WhoEmpty, &[("organisation", &org)]));
    }
    for a in &who.acquainted {
        let left = if a.left {
            say(lang, Msg::WhoLeft, &[])
        } else {
            String::new()
        };
        let mut line = say(
            lang,
            Msg::WhoLine,
            &[
                ("member", &surface.member(a.member, &reply.names)),
                ("person", &surface.user_text(&a.name)),
                ("role", &role_text(&a.role, frame, surface)),
                ("left", &left),
                ("count", &a.contacts.to_string()),
                ("ago", &surface.moment(a.last_at, frame)),
            ],
        );
        let last = match &a.last_summary {
            Some(summary) => surface.user_text(&shorten(summary, SNIPPET_MAX)),
            None => say(lang, Msg::WhoRestricted, &[]),
        };
        line.push_str(" — ");
        line.push_str(&last);
        lines.push(line);
    }
    if !who.holders.is_empty() {
        lines.push(String::new());
        lines.push(surface.strong(&say(lang, Msg::WhoHoldersHead, &[])));
        for h in &who.holders {
            lines.push(say(
                lang,
                Msg::WhoHolder,
                &[
                    ("member", &surface.member(h.member, &reply.names)),
                    ("promises", &h.promises.to_string()),
                    ("appointments", &h.appointments.to_string()),
                    ("next", &surface.moment(h.next_at, frame)),
                ],
            ));
        }
    }
    lines
}

pub(super) fn search(found: &RelationSearch, reply: &Reply, surface: &dyn Surface) -> Vec<String> {
    let frame = &reply.frame;
    let lang = frame.lang;
    let query = surface.user_text(&found.query);
    if found.hits.is_empty() {
        return vec![say(lang, Msg::SearchNothing, &[("query", &query)])];
    }
    let mut lines = vec![say(
        lang,
        Msg::SearchHead,
        &[("count", &found.hits.len().to_string()), ("query", &query)],
    )];
    for hit in &found.hits {
        let mut line = format!("• {}", surface.strong(&surface.user_text(&hit.name)));
        if let Some(org) = &hit.organisation {
            line.push_str(&format!(" · {}", surface.user_text(org)));
        }
        let snippet = hit
            .snippet
            .as_deref()
            .map(|s| snippet(s, surface))
            .unwrap_or_default();
        let why = match hit.found {
            Found::ExactName | Found::Name => say(lang, Msg::SearchByName, &[]),
            Found::Role => say(lang, Msg::SearchByRole, &[("snippet", &snippet)]),
            Found::Organisation => say(lang, Msg::SearchByOrganisation, &[("snippet", &snippet)]),
            Found::Summary => {
                let (at, by) = hit.contact.unwrap_or((frame.now, crate::domain::MemberId(0)));
                say(
                    lang,
                    Msg::SearchBySummary,
                    &[
                        ("date", &surface.date(at, frame)),
                        ("by", &surface.member(by, &reply.names)),
                        ("snippet", &snippet),
                    ],
                )
            }
        };
        line.push_str(" — ");
        line.push_str(&why);
        lines.push(line);
    }
    lines
}

/// A headline from the database, its matches between `**`: the text made safe, the
/// matches shown strong.
fn snippet(headline: &str, surface: &dyn Surface) -> String {
    let short = shorten(headline.trim(), SNIPPET_MAX);
    short
        .split("**")
        .enumerate()
        .map(|(i, part)| {
            let safe = surface.user_text(part);
            if i % 2 == 1 && !part.is_empty() {
                surface.strong(&safe)
            } else {
                safe
            }
        })
        .collect()
}

/// "🤝 Gemeente Zeist: laatste contact … door Bob · contact houden: elke 3 maanden": a
/// relation to keep in touch with, in a list (a group of nudges, `/ball`).
pub fn touch_line(
    t: &crate::store::nudges::TouchRow,
    frame: &Frame,
    surface: &dyn Surface,
    names: &std::collections::HashMap<crate::domain::MemberId, String>,
) -> String {
    say(
        frame.lang,
        Msg::NudgeTouchLine,
        &[
            ("relation", &surface.user_text(&t.name)),
            ("last", &touch_last(t, frame, surface, names)),
            ("cadence", &touch_cadence(t, frame.lang)),
        ],
    )
}

/// "last contact … by Bob", or "no contact logged since …".
pub(super) fn touch_last(
    t: &crate::store::nudges::TouchRow,
    frame: &Frame,
    surface: &dyn Surface,
    names: &std::collections::HashMap<crate::domain::MemberId, String>,
) -> String {
    match t.last {
        Some((at, by)) => say(
            frame.lang,
            Msg::TouchLast,
            &[
                ("when", &surface.moment(at, frame)),
                ("by", &surface.member(by, names)),
            ],
        ),
        None => say(
            frame.lang,
            Msg::TouchNever,
            &[("when", &surface.moment(t.since, frame))],
        ),
    }
}

pub(super) fn touch_cadence(t: &crate::store::nudges::TouchRow, lang: crate::domain::Lang) -> String {
    t.cadence.map(|c| cadence(c, lang)).unwrap_or_default()
}

/// The preview of an erasure (what goes, what stays) or what one did.
pub(super) fn forgetting(
    f: &crate::core::relation::Forgetting,
    reply: &Reply,
    surface: &dyn Surface,
) -> Vec<String> {
    use crate::core::relation::Forgetting;
    let lang = reply.frame.lang;
    let count = |n: i64| n.to_string();
    match f {
        Forgetting::Preview {
            relation,
            name,
            erased,
        } => {
            let masked = crate::core::relation::masked_name(lang, *relation);
            let merged = if erased.names > 1 {
                say(
                    lang,
                    Msg::ForgetMergedNames,
                    &[("count", &count(erased.names - 1))],
                )
            } else {
                String::new()
            };
            let mut lines = vec![
                say(
                    lang,
                    Msg::ForgetPreviewHead,
                    &[("name", &surface.strong(&surface.user_text(name)))],
                ),
                say(lang, Msg::ForgetName, &[("masked", &masked), ("merged", &merged)]),
            ];
            for (n, msg) in [
                (erased.details, Msg::ForgetDetails),
                (erased.roles, Msg::ForgetRoles),
                (erased.contacts, Msg::ForgetContacts),
                (erased.promises, Msg::ForgetPromises),
                (erased.handovers, Msg::ForgetHandovers),
                (erased.appointments, Msg::ForgetAppointments),
                (erased.reasons, Msg::ForgetReasons),
                (erased.previews, Msg::ForgetPreviews),
            ] {
                if n > 0 {
                    lines.push(say(lang, msg, &[("count", &count(n))]));
                }
            }
            lines.push(say(lang, Msg::ForgetKept, &[]));
            lines.push(say(lang, Msg::ForgetConfirmHint, &[]));
            lines
        }
        Forgetting::Done { masked, erased } => vec![say(
            lang,
            Msg::ForgetDone,
            &[
                ("masked", masked),
                ("contacts", &count(erased.contacts)),
                ("promises", &count(erased.promises)),
            ],
        )],
    }
}
