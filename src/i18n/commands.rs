//! The slash-command surface in both languages: Dutch names and the descriptions Discord
//! shows while typing. Keys: `/group` and `/group sub` for commands, the option name for
//! options, `choice word` for choice labels. The canonical English names are the contract.

use crate::domain::Lang;

/// How one command, option or choice presents itself.
#[derive(Clone, Copy, Debug)]
pub struct CommandText {
    pub key: &'static str,
    /// The Dutch name (commands and options) or label (choices).
    pub nl_name: &'static str,
    /// The English label for choices; the description for commands and options.
    pub en: &'static str,
    /// The Dutch description (commands and options); equal to `nl_name` for choices.
    pub nl: &'static str,
}

const fn t(key: &'static str, nl_name: &'static str, en: &'static str, nl: &'static str) -> CommandText {
    CommandText { key, nl_name, en, nl }
}

static TEXTS: &[CommandText] = &[
    t(
        "/contact",
        "contact",
        "Log and look up contacts with relations",
        "Contacten met relaties vastleggen en terugzien",
    ),
    t(
        "/contact log",
        "vastleggen",
        "Log a contact with a relation: what was discussed and who follows up",
        "Leg een contact met een relatie vast: wat er besproken is en wie opvolgt",
    ),
    t(
        "/contact history",
        "geschiedenis",
        "The history of a relation: recent contacts and what is open",
        "De geschiedenis van een relatie: recente contacten en wat er open staat",
    ),
    t(
        "/handover",
        "overdracht",
        "Hand a relation over to a colleague, who must accept it",
        "Draag een relatie over aan een collega, die moet accepteren",
    ),
    t(
        "/handover give",
        "geven",
        "Hand over a relation and its open promises, with what the colleague must know",
        "Draag een relatie en haar open beloftes over, met wat de collega moet weten",
    ),
    t(
        "/handover list",
        "lijst",
        "Pending handovers to and from you, and those you hold as a backup",
        "Openstaande overdrachten aan en van jou, en die je als vervanger hebt",
    ),
    t(
        "/handover cancel",
        "intrekken",
        "Withdraw a handover you gave that is still pending",
        "Trek een overdracht in die nog op antwoord wacht",
    ),
    t(
        "/handover accept",
        "accepteren",
        "Accept a handover: the ball is yours",
        "Accepteer een overdracht: de bal is voor jou",
    ),
    t(
        "/handover decline",
        "weigeren",
        "Decline a handover, with the reason",
        "Weiger een overdracht, met de reden",
    ),
    t(
        "/handover all",
        "alles",
        "Admins: hand every open item of a colleague who leaves to another, in one step",
        "Beheerders: draag alles wat een vertrekkende collega open heeft in één keer over",
    ),
    t(
        "/away",
        "afwezig",
        "Absences: who backs a colleague up while they are away",
        "Afwezigheid: wie een collega vervangt zolang die weg is",
    ),
    t(
        "/away set",
        "melden",
        "Report an absence: your reminders, digest and handovers go to your backup meanwhile",
        "Meld een afwezigheid: je herinneringen, overzicht en overdrachten gaan intussen naar je vervanger",
    ),
    t(
        "/away end",
        "einde",
        "End an absence early (admins: anyone's)",
        "Beëindig een afwezigheid eerder (beheerders: van iedereen)",
    ),
    t(
        "/away list",
        "lijst",
        "Who is away now and who backs them up",
        "Wie nu afwezig is en wie vervangt",
    ),
    // options
    t(
        "until",
        "tot",
        "Until when, e.g. 'friday' or '14 december' (all of that day)",
        "Tot wanneer, bijv. 'vrijdag' of '14 december' (die hele dag)",
    ),
    t(
        "backup",
        "vervanger",
        "The colleague who backs you up meanwhile",
        "De collega die je intussen vervangt",
    ),
    t(
        "from",
        "vanaf",
        "From when (default: now)",
        "Vanaf wanneer (standaard: nu)",
    ),
    t(
        "handover all:from",
        "van",
        "The colleague whose open items are handed over",
        "De collega van wie alles wordt overgedragen",
    ),
    t(
        "handover all:to",
        "aan",
        "The colleague who takes everything over",
        "De collega die alles overneemt",
    ),
    t(
        "accept_now",
        "meteen_accepteren",
        "Move it all at once, without waiting for an accept (default: no)",
        "Alles meteen verplaatsen, zonder op acceptatie te wachten (standaard: nee)",
    ),
    t(
        "away set:member",
        "collega",
        "Who is away (default: you; someone else: admins only)",
        "Wie afwezig is (standaard: jij; een ander: alleen beheerders)",
    ),
    t(
        "away end:member",
        "collega",
        "Whose absence ends (default: yours; someone else's: admins only)",
        "Wiens afwezigheid eindigt (standaard: de jouwe; van een ander: alleen beheerders)",
    ),
    t(
        "away set:note",
        "notitie",
        "A short note, e.g. 'on leave' (shown to colleagues)",
        "Een korte notitie, bijv. 'met verlof' (zichtbaar voor collega's)",
    ),
    t(
        "to",
        "aan",
        "The colleague who takes over",
        "De collega die overneemt",
    ),
    t(
        "notes",
        "notities",
        "What the colleague must know about the relation",
        "Wat de collega moet weten over de relatie",
    ),
    t(
        "promises",
        "beloftes",
        "Which promises, e.g. P-3, P-7 (default: all you hold for the relation)",
        "Welke beloftes, bijv. P-3, P-7 (standaard: alle die je voor de relatie hebt)",
    ),
    t(
        "handover",
        "overdracht",
        "The handover, e.g. H-3",
        "De overdracht, bijv. H-3",
    ),
    t(
        "relation",
        "relatie",
        "Organisation or person; a new name creates the relation",
        "Organisatie of persoon; een nieuwe naam maakt de relatie aan",
    ),
    t(
        "summary",
        "samenvatting",
        "What was discussed",
        "Wat er besproken is",
    ),
    t(
        "via",
        "via",
        "How the contact happened (default: phone)",
        "Hoe het contact was (standaard: telefoon)",
    ),
    t(
        "when",
        "wanneer",
        "When it happened (default: now), e.g. 'yesterday 14:00'",
        "Wanneer het was (standaard: nu), bijv. 'gisteren 14:00'",
    ),
    t(
        "follow_up",
        "opvolging",
        "The next step someone must take, e.g. 'Send the quote'",
        "De volgende stap die iemand moet zetten, bijv. 'Offerte sturen'",
    ),
    t(
        "follow_up_due",
        "opvolging_voor",
        "When the follow-up must be done, e.g. 'friday 12:00'",
        "Wanneer de opvolging af moet zijn, bijv. 'vrijdag 12:00'",
    ),
    t(
        "follow_up_owner",
        "opvolging_door",
        "Who holds the ball for the follow-up (default: you)",
        "Wie de bal heeft voor de opvolging (standaard: jij)",
    ),
    t(
        "restricted",
        "afgeschermd",
        "Personal or sensitive: only you and admins can read the summary",
        "Persoonlijk of gevoelig: alleen jij en beheerders kunnen de samenvatting lezen",
    ),
    t(
        "limit",
        "aantal",
        "How many contacts to show (1 to 50, default 10)",
        "Hoeveel contacten te tonen (1 tot en met 50, standaard 10)",
    ),
    t(
        "/promise",
        "belofte",
        "Promises with an owner and a due date",
        "Beloftes met een eigenaar en een datum",
    ),
    t(
        "/promise add",
        "nieuw",
        "Record a promise: what, to whom, by when, and who holds the ball",
        "Leg een belofte vast: wat, aan wie, wanneer, en wie de bal heeft",
    ),
    t(
        "/promise done",
        "klaar",
        "Mark a promise or follow-up as kept",
        "Vink een belofte of opvolging af als nagekomen",
    ),
    t(
        "/promise move",
        "verzetten",
        "Give a promise a new date, with the reason",
        "Geef een belofte een nieuwe datum, met de reden",
    ),
    t(
        "/promise cancel",
        "annuleren",
        "Cancel a promise, with the reason",
        "Annuleer een belofte, met de reden",
    ),
    t(
        "/promise told",
        "doorgegeven",
        "Record that the relation was told the new date",
        "Leg vast dat de relatie de nieuwe datum weet",
    ),
    t(
        "/promise list",
        "lijst",
        "List promises and follow-ups by owner, relation or status",
        "Toon beloftes en opvolgingen per eigenaar, relatie of status",
    ),
    t(
        "/ball",
        "bal",
        "Everything a colleague holds the ball for",
        "Alles waarvoor een collega de bal heeft",
    ),
    t(
        "/settings",
        "instellingen",
        "Settings for reminders and digests",
        "Instellingen voor herinneringen en overzichten",
    ),
    t(
        "/settings guild",
        "server",
        "Where and when reminders go (admins)",
        "Waar en wanneer herinneringen komen (beheerders)",
    ),
    t(
        "/settings digest",
        "overzicht",
        "Turn your own daily digest on or off",
        "Zet je eigen dagelijkse overzicht aan of uit",
    ),
    t(
        "what",
        "wat",
        "What was promised, e.g. 'Send the signed contract'",
        "Wat er beloofd is, bijv. 'Getekend contract sturen'",
    ),
    t(
        "due",
        "uiterlijk",
        "By when, e.g. 'friday 12:00' or 'over 3 dagen'",
        "Wanneer uiterlijk, bijv. 'vrijdag 12:00' of 'over 3 dagen'",
    ),
    t(
        "owner",
        "eigenaar",
        "Who holds the ball (default: you)",
        "Wie de bal heeft (standaard: jij)",
    ),
    t(
        "direction",
        "richting",
        "We promised them, or they promised us",
        "Wij beloofden het, of zij beloofden het ons",
    ),
    t(
        "certainty",
        "zekerheid",
        "How sure it is (default: expected)",
        "Hoe zeker het is (standaard: verwacht)",
    ),
    t(
        "depends_on",
        "hangt_af_van",
        "What it hangs on, e.g. 'the board's approval'",
        "Waar het van afhangt, bijv. 'akkoord van het bestuur'",
    ),
    t(
        "remind_before",
        "vooraf_herinneren",
        "A heads-up this long before, e.g. '1 day'",
        "Een herinnering zo lang vooraf, bijv. '1 dag'",
    ),
    t(
        "promise",
        "belofte",
        "The promise, e.g. P-12 (pick from the list)",
        "De belofte, bijv. P-12 (kies uit de lijst)",
    ),
    t(
        "note",
        "notitie",
        "A short note, e.g. how it was done",
        "Een korte notitie, bijv. hoe het is gedaan",
    ),
    t(
        "reason",
        "reden",
        "Why: the history keeps it",
        "Waarom: de geschiedenis bewaart het",
    ),
    t(
        "status",
        "status",
        "Which ones (default: open)",
        "Welke (standaard: open)",
    ),
    t(
        "page",
        "pagina",
        "Page number of a long list",
        "Paginanummer van een lange lijst",
    ),
    t(
        "member",
        "collega",
        "Whose ball (default: you)",
        "Wiens bal (standaard: jij)",
    ),
    t(
        "reminder_channel",
        "herinneringskanaal",
        "Channel for reminders (default: where it was promised)",
        "Kanaal voor herinneringen (standaard: waar het beloofd is)",
    ),
    t(
        "restricted_role",
        "afgeschermde_rol",
        "Role that reads restricted contact notes (instead of every admin)",
        "Rol die afgeschermde contactnotities leest (in plaats van elke beheerder)",
    ),
    t(
        "minimal_channel_posts",
        "beknopte_kanaalberichten",
        "Reminders in channels name only reference, relation and time (details by button)",
        "Herinneringen in kanalen noemen alleen nummer, relatie en tijd (details via knop)",
    ),
    t(
        "escalation_role",
        "escalatierol",
        "Role called in when reminders go unanswered",
        "Rol die erbij gehaald wordt als herinneringen blijven liggen",
    ),
    t(
        "escalation_channel",
        "escalatiekanaal",
        "Channel for escalations when there is no escalation role",
        "Kanaal voor escalaties als er geen escalatierol is",
    ),
    t(
        "working_hours",
        "werktijden",
        "When reminders may go out, e.g. 'mon-fri 08:30-17:30'",
        "Wanneer herinneringen mogen komen, bijv. 'ma-vr 08:30-17:30'",
    ),
    t(
        "repeat_every",
        "herhaal_elke",
        "How often to nudge again, e.g. '1 working day' or '4 hours'",
        "Hoe vaak opnieuw herinneren, bijv. '1 werkdag' of '4 uur'",
    ),
    t(
        "ack_within",
        "antwoord_binnen",
        "How soon a handover must be answered, e.g. '4 working hours' or '1 working day'",
        "Hoe snel een overdracht beantwoord moet zijn, bijv. '4 werkuren' of '1 werkdag'",
    ),
    t(
        "escalate_after",
        "escaleer_na",
        "Escalate after this many reminders (default 2)",
        "Escaleer na zoveel herinneringen (standaard 2)",
    ),
    t(
        "digest_time",
        "overzicht_tijd",
        "Time of the daily digest, e.g. '08:45'",
        "Tijd van het dagelijkse overzicht, bijv. '08:45'",
    ),
    t(
        "digest_to",
        "overzicht_naar",
        "Digest as a direct message or in a channel",
        "Overzicht als privébericht of in een kanaal",
    ),
    t(
        "digest_channel",
        "overzicht_kanaal",
        "Channel for digests when they go to a channel",
        "Kanaal voor overzichten als die naar een kanaal gaan",
    ),
    t(
        "zone",
        "tijdzone",
        "Time zone, e.g. 'Europe/Amsterdam'",
        "Tijdzone, bijv. 'Europe/Amsterdam'",
    ),
    t(
        "language",
        "taal",
        "Language of reminders and shared messages",
        "Taal van herinneringen en gedeelde berichten",
    ),
    t(
        "reset",
        "terugzetten",
        "Put one setting back to the default",
        "Zet een instelling terug naar de standaard",
    ),
    t(
        "enabled",
        "aan",
        "On or off (leave empty to see it)",
        "Aan of uit (leeg laten om het te zien)",
    ),
    // choices
    t("choice phone", "telefoon", "phone", "telefoon"),
    t("choice email", "e-mail", "email", "e-mail"),
    t("choice meeting", "overleg", "meeting", "overleg"),
    t("choice visit", "bezoek", "visit", "bezoek"),
    t("choice video", "videogesprek", "video call", "videogesprek"),
    t("choice chat", "chat", "chat", "chat"),
    t("choice letter", "brief", "letter", "brief"),
    t(
        "choice we_owe",
        "wij beloofden het",
        "we promised them",
        "wij beloofden het",
    ),
    t(
        "choice they_owe",
        "zij beloofden het",
        "they promised us",
        "zij beloofden het ons",
    ),
    t(
        "choice confirmed",
        "bevestigd (getekend)",
        "confirmed (agreed or signed)",
        "bevestigd (getekend)",
    ),
    t("choice expected", "verwacht", "expected", "verwacht"),
    t(
        "choice hope",
        "hoop (komt wel goed)",
        "hope (it should be fine)",
        "hoop (komt wel goed)",
    ),
    t("choice open", "open", "open", "open"),
    t("choice overdue", "te laat", "overdue", "te laat"),
    t("choice done", "afgerond", "done", "afgerond"),
    t("choice all", "alle", "all", "alle"),
    t("choice dm", "privébericht", "direct message", "privébericht"),
    t("choice channel", "kanaal", "a channel", "kanaal"),
    t("choice en", "Engels", "English", "Engels"),
    t("choice nl", "Nederlands", "Dutch", "Nederlands"),
    t(
        "choice reminder_channel",
        "herinneringskanaal",
        "reminder channel",
        "herinneringskanaal",
    ),
    t(
        "choice restricted_role",
        "afgeschermde_rol",
        "restricted role",
        "afgeschermde rol",
    ),
    t(
        "choice minimal_channel_posts",
        "beknopte_kanaalberichten",
        "minimal channel posts",
        "beknopte kanaalberichten",
    ),
    t(
        "choice escalation_role",
        "escalatierol",
        "escalation role",
        "escalatierol",
    ),
    t(
        "choice escalation_channel",
        "escalatiekanaal",
        "escalation channel",
        "escalatiekanaal",
    ),
    t(
        "choice working_hours",
        "werktijden",
        "working hours",
        "werktijden",
    ),
    t("choice repeat_every", "herhaling", "repeat", "herhaling"),
    t(
        "choice ack_within",
        "antwoordtermijn overdracht",
        "handover answer time",
        "antwoordtermijn overdracht",
    ),
    t(
        "choice escalate_after",
        "escalatie na",
        "escalate after",
        "escalatie na",
    ),
    t(
        "choice digest_time",
        "tijd overzicht",
        "digest time",
        "tijd overzicht",
    ),
    t(
        "choice digest_to",
        "overzicht naar",
        "digest to",
        "overzicht naar",
    ),
    t(
        "choice digest_channel",
        "kanaal overzicht",
        "digest channel",
        "kanaal overzicht",
    ),
    t("choice zone", "tijdzone", "time zone", "tijdzone"),
    t("choice language", "taal", "language", "taal"),
    t(
        "/appointment",
        "afspraak",
        "Appointments with relations: confirmed, reminded and followed up",
        "Afspraken met relaties: bevestigd, herinnerd en opgevolgd",
    ),
    t(
        "/appointment add",
        "nieuw",
        "Plan an appointment with a relation: a card, a confirmation text and a calendar file",
        "Plan een afspraak met een relatie: een kaart, een bevestigingstekst en een agendabestand",
    ),
    t(
        "/appointment list",
        "lijst",
        "Coming appointments, by colleague, relation or period",
        "Komende afspraken, per collega, relatie of periode",
    ),
    t(
        "/appointment cancel",
        "annuleren",
        "Cancel an appointment, with the reason: baton asks you to tell the relation",
        "Annuleer een afspraak, met de reden: baton vraagt je de relatie te informeren",
    ),
    t(
        "/appointment outcome",
        "uitkomst",
        "Say whether an appointment was kept, missed or moved (with the new date)",
        "Geef aan of een afspraak gehouden, gemist of verzet is (met de nieuwe datum)",
    ),
    t(
        "appointment add:when",
        "wanneer",
        "Day and time, e.g. 'friday 10:00' or 'friday 10:00-11:30'",
        "Dag en tijd, bijv. 'vrijdag 10:00' of 'vrijdag 10:00-11:30'",
    ),
    t(
        "duration",
        "duur",
        "How long (default: 1 hour), e.g. 30m, 1,5 uur, 90 minutes",
        "Hoe lang (standaard: 1 uur), bijv. 30m, 1,5 uur, 90 minuten",
    ),
    t(
        "where",
        "waar",
        "The place, an address or a video link",
        "De plek, een adres of een videolink",
    ),
    t(
        "with",
        "met",
        "A colleague who joins (you hold the ball)",
        "Een collega die meegaat (jij hebt de bal)",
    ),
    t(
        "about",
        "onderwerp",
        "What it is about, e.g. 'intake'",
        "Waar het over gaat, bijv. 'intake'",
    ),
    t(
        "appointment list:member",
        "collega",
        "Whose appointments (default: everyone's)",
        "Wiens afspraken (standaard: van iedereen)",
    ),
    t(
        "appointment list:relation",
        "relatie",
        "Only the appointments with this relation",
        "Alleen de afspraken met deze relatie",
    ),
    t(
        "range",
        "periode",
        "today, week (default: the next 7 days), month, or a day like 'friday'",
        "vandaag, week (standaard: de komende 7 dagen), maand, of een dag zoals 'vrijdag'",
    ),
    t(
        "ics",
        "agendabestand",
        "Also attach them as one calendar file (.ics)",
        "Voeg ze ook toe als één agendabestand (.ics)",
    ),
    t(
        "appointment",
        "afspraak",
        "The appointment, e.g. A-3",
        "De afspraak, bijv. A-3",
    ),
    t(
        "outcome",
        "uitkomst",
        "Kept, missed or moved",
        "Gehouden, gemist of verzet",
    ),
    t(
        "new_when",
        "nieuwe_datum",
        "The new date and time: required for missed or moved",
        "De nieuwe dag en tijd: verplicht bij gemist of verzet",
    ),
    t(
        "appointment outcome:summary",
        "samenvatting",
        "For a kept one: what was discussed (logged as the contact)",
        "Bij gehouden: wat er besproken is (vastgelegd als het contact)",
    ),
    t(
        "appointment outcome:reason",
        "reden",
        "Why it was missed or moved: the history keeps it",
        "Waarom gemist of verzet: de geschiedenis bewaart het",
    ),
    t("choice kept", "gehouden", "kept", "gehouden"),
    t("choice missed", "gemist", "missed", "gemist"),
    t("choice moved", "verzet", "moved", "verzet"),
    t(
        "appointment_reminders",
        "afspraak_herinneringen",
        "When attendees are reminded before an appointment, e.g. '1 day, 1 hour'",
        "Wanneer deelnemers vóór een afspraak herinnerd worden, bijv. '1 dag, 1 uur'",
    ),
    t(
        "inform_within",
        "informeren_binnen",
        "How soon a relation must hear a new date, e.g. '1 working day'",
        "Hoe snel een relatie een nieuwe datum moet horen, bijv. '1 werkdag'",
    ),
    t(
        "choice appointment_reminders",
        "afspraakherinneringen",
        "appointment reminders",
        "afspraakherinneringen",
    ),
    t(
        "choice inform_within",
        "informeren binnen",
        "inform within",
        "informeren binnen",
    ),
    t(
        "/relation",
        "relatie",
        "The shared address book: organisations, the people in them, and who of us knows whom",
        "Het gedeelde adresboek: organisaties, hun mensen, en wie van ons wie kent",
    ),
    t(
        "/relation add",
        "nieuw",
        "Add a person or an organisation, with where they work and how to reach them",
        "Voeg een persoon of organisatie toe, met waar die werkt en hoe die bereikbaar is",
    ),
    t(
        "/relation show",
        "tonen",
        "A relation's card: details, organisation, who holds the ball, last contact",
        "De kaart van een relatie: gegevens, organisatie, wie de bal heeft, laatste contact",
    ),
    t(
        "/relation edit",
        "wijzigen",
        "Change a relation's details ('-' clears one)",
        "Wijzig de gegevens van een relatie ('-' wist er een)",
    ),
    t(
        "/relation merge",
        "samenvoegen",
        "Make two relations that are one into one: everything moves to the one kept",
        "Voeg twee relaties die één zijn samen: alles gaat naar de relatie die blijft",
    ),
    t(
        "/relation move",
        "verplaatsen",
        "A person moved to another organisation: their history goes with them",
        "Een persoon werkt nu bij een andere organisatie: de geschiedenis gaat mee",
    ),
    t(
        "/relation who",
        "wie",
        "Who of us knows whom at an organisation, and who holds the ball there",
        "Wie van ons kent wie bij een organisatie, en wie daar de bal heeft",
    ),
    t(
        "/relation search",
        "zoeken",
        "Search names, roles, organisations and contact notes",
        "Zoek in namen, functies, organisaties en contactnotities",
    ),
    t(
        "name",
        "naam",
        "The name, e.g. 'Jan de Vries' or 'Gemeente Utrecht'",
        "De naam, bijv. 'Jan de Vries' of 'Gemeente Utrecht'",
    ),
    t(
        "relation edit:name",
        "naam",
        "A new name for it",
        "Een nieuwe naam",
    ),
    t(
        "kind",
        "soort",
        "Person (default) or organisation",
        "Persoon (standaard) of organisatie",
    ),
    t("choice person", "persoon", "person", "persoon"),
    t(
        "choice json",
        "json",
        "JSON (everything, as it is kept)",
        "JSON (alles, zoals het bewaard is)",
    ),
    t(
        "choice csv",
        "csv",
        "CSV (a line per item, for a spreadsheet)",
        "CSV (een regel per onderdeel, voor een spreadsheet)",
    ),
    t(
        "choice organisation",
        "organisatie",
        "organisation",
        "organisatie",
    ),
    t(
        "organisation",
        "organisatie",
        "Where the person works (autocomplete)",
        "Waar de persoon werkt (autocomplete)",
    ),
    t(
        "relation who:organisation",
        "organisatie",
        "The organisation",
        "De organisatie",
    ),
    t(
        "role",
        "functie",
        "Their role there, e.g. 'beleidsmedewerker'",
        "De functie daar, bijv. 'beleidsmedewerker'",
    ),
    t("email", "email", "Email address", "E-mailadres"),
    t("phone", "telefoon", "Phone number", "Telefoonnummer"),
    t(
        "linkedin",
        "linkedin",
        "LinkedIn profile address",
        "Adres van het LinkedIn-profiel",
    ),
    t(
        "tags",
        "labels",
        "Tags, separated by commas",
        "Labels, gescheiden door komma's",
    ),
    t(
        "keep_in_touch",
        "contact_houden",
        "How often to be in touch, e.g. 'every 3 months': baton nudges when it lapses",
        "Hoe vaak contact, bijv. 'elke 3 maanden': baton seint als het verloopt",
    ),
    t(
        "relation add:owner",
        "accounthouder",
        "The colleague who is their first point of contact",
        "De collega die het eerste aanspreekpunt is",
    ),
    t(
        "relation edit:owner",
        "accounthouder",
        "The colleague who is their first point of contact",
        "De collega die het eerste aanspreekpunt is",
    ),
    t(
        "new_relation",
        "nieuwe_relatie",
        "Create it even if its name looks like an existing relation",
        "Maak hem aan, ook als de naam op een bestaande relatie lijkt",
    ),
    t(
        "keep",
        "behouden",
        "The relation that stays",
        "De relatie die blijft",
    ),
    t(
        "remove",
        "opheffen",
        "The relation that goes into it",
        "De relatie die erin opgaat",
    ),
    t(
        "confirm",
        "bevestig",
        "Yes: merge a person and an organisation all the same",
        "Ja: voeg een persoon en een organisatie toch samen",
    ),
    t(
        "person",
        "persoon",
        "The person who moved",
        "De persoon die van baan wisselde",
    ),
    t(
        "relation move:to",
        "naar",
        "The organisation they work at now (a new name creates it)",
        "De organisatie waar die nu werkt (een nieuwe naam maakt haar aan)",
    ),
    t(
        "relation move:role",
        "functie",
        "Their role there",
        "De functie daar",
    ),
    t(
        "query",
        "zoekterm",
        "Words, a name or a \"phrase\"; -word leaves it out",
        "Woorden, een naam of een \"zinsdeel\"; -woord sluit het uit",
    ),
    t(
        "/relation export",
        "exporteren",
        "Everything baton holds about a relation, or all, as a file (admins)",
        "Alles wat baton over een relatie bewaart, of over alle, als bestand (beheerders)",
    ),
    t(
        "relation export:relation",
        "relatie",
        "The relation to export",
        "De relatie om te exporteren",
    ),
    t("all", "alles", "All relations", "Alle relaties"),
    t(
        "format",
        "formaat",
        "json (default) or csv",
        "json (standaard) of csv",
    ),
    t(
        "/relation forget",
        "vergeten",
        "Erase a person's personal data on request (admins; shows what goes first)",
        "Wis op verzoek de persoonsgegevens van een persoon (beheerders; toont eerst wat verdwijnt)",
    ),
    t(
        "relation forget:person",
        "persoon",
        "The person whose data is erased",
        "De persoon van wie de gegevens gewist worden",
    ),
    t(
        "relation forget:confirm",
        "bevestig",
        "Yes: erase without showing what goes first",
        "Ja: wis zonder eerst te tonen wat verdwijnt",
    ),
    t(
        "/relation import",
        "importeren",
        "Bring contacts in from LinkedIn, Outlook, a CSV or vCard file; or undo an import",
        "Haal contacten binnen uit LinkedIn, Outlook, een CSV- of vCard-bestand; of draai een import terug",
    ),
    t(
        "file",
        "bestand",
        "Connections.csv, an Outlook or Excel CSV, or a .vcf file (at most 10 MB)",
        "Connections.csv, een Outlook- of Excel-CSV, of een .vcf-bestand (hoogstens 10 MB)",
    ),
    t(
        "map",
        "indeling",
        "For another CSV: which column is what, e.g. Naam=name,Bedrijf=organisation",
        "Voor een andere CSV: welke kolom wat is, bijv. Naam=name,Bedrijf=organisation",
    ),
    t(
        "undo",
        "terugdraaien",
        "The number of an import to undo",
        "Het nummer van een import om terug te draaien",
    ),
    t(
        "confirm_import",
        "import_bevestigen",
        "The number of a previewed import to write",
        "Het nummer van een bekeken import om op te slaan",
    ),
    t(
        "cancel_import",
        "import_annuleren",
        "The number of a previewed import to drop",
        "Het nummer van een bekeken import om te laten vallen",
    ),
];

fn lookup(key: &str) -> Option<&'static CommandText> {
    TEXTS.iter().find(|text| text.key == key)
}

/// The texts of a command: `"contact log"`, or `"ball"` for a command of its own.
pub fn command_text(path: &str) -> Option<&'static CommandText> {
    lookup(&format!("/{path}"))
}

/// The texts of an option, by its canonical name.
pub fn option_text(name: &str) -> Option<&'static CommandText> {
    lookup(name)
}

/// The texts of an option of one command (`away set`): its own, where its meaning there
/// differs, else the option's.
pub fn option_text_in(command: &str, name: &str) -> Option<&'static CommandText> {
    lookup(&format!("{command}:{name}")).or_else(|| lookup(name))
}

/// The texts of a choice, by its canonical word.
pub fn choice_text(word: &str) -> Option<&'static CommandText> {
    lookup(&format!("choice {word}"))
}

/// An option's name as the person sees it in their language.
pub fn option_name(name: &'static str, lang: Lang) -> &'static str {
    match (lang, option_text(name)) {
        (Lang::Nl, Some(text)) => text.nl_name,
        _ => name,
    }
}

/// A choice's label (`phone` → "telefoon") in the person's language.
pub fn choice_label(word: &str, lang: Lang) -> &'static str {
    match choice_text(word) {
        Some(text) => match lang {
            Lang::En => text.en,
            Lang::Nl => text.nl_name,
        },
        None => "?",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_unique() {
        for (i, a) in TEXTS.iter().enumerate() {
            assert!(TEXTS[i + 1..].iter().all(|b| b.key != a.key), "{} twice", a.key);
        }
    }

    #[test]
    fn dutch_names_are_valid_discord_names() {
        for text in TEXTS.iter().filter(|text| !text.key.starts_with("choice ")) {
            let name = text.nl_name;
            assert!((1..=32).contains(&name.chars().count()), "{name}");
            assert!(
                name.chars()
                    .all(|c| c.is_lowercase() || c.is_ascii_digit() || c == '_' || c == '-'),
                "{name}"
            );
            assert!((1..=100).contains(&text.en.chars().count()), "{}", text.key);
            assert!((1..=100).contains(&text.nl.chars().count()), "{}", text.key);
        }
    }

    #[test]
    fn choices_have_labels_in_both_languages() {
        assert_eq!(choice_label("phone", Lang::Nl), "telefoon");
        assert_eq!(choice_label("phone", Lang::En), "phone");
        assert_eq!(option_name("follow_up_due", Lang::Nl), "opvolging_voor");
        assert_eq!(option_name("follow_up_due", Lang::En), "follow_up_due");
    }
}
