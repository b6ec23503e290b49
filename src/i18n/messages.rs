//! Reply texts, English and Dutch side by side so a translation is never missing.

use crate::domain::Lang;

macro_rules! catalog {
    ($($key:ident => $en:literal, $nl:literal;)+) => {
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Msg {
            $($key),+
        }

        impl Msg {
            pub const ALL: &'static [Msg] = &[$(Msg::$key),+];

            pub fn text(self, lang: Lang) -> &'static str {
                match self {
                    $(Msg::$key => match lang {
                        Lang::En => $en,
                        Lang::Nl => $nl,
                    }),+
                }
            }
        }
    };
}

catalog! {
    // /contact log
    ContactLogged =>
        "📝 Contact with {relation} logged: {via}, {when}, by {by}.",
        "📝 Contact met {relation} vastgelegd: {via}, {when}, door {by}.";
    RelationCreated =>
        "✨ {relation} is a new relation: it was created just now.",
        "✨ {relation} is een nieuwe relatie: die is zojuist aangemaakt.";
    RestrictedLogged =>
        "🔒 Restricted: only you and admins can read this note in the history.",
        "🔒 Afgeschermd: alleen jij en beheerders kunnen deze notitie lezen in de geschiedenis.";
    FollowUpLogged =>
        "⚾ Follow-up {ref}: {what}, due {due}. {owner} holds the ball.",
        "⚾ Opvolging {ref}: {what}, uiterlijk {due}. {owner} heeft de bal.";
    FollowUpDefaultDue =>
        "(No due date given, so it is due at the end of the next working day.)",
        "(Geen datum opgegeven, dus uiterlijk aan het eind van de volgende werkdag.)";
    DueNotYetReadable =>
        "{phrase} → not readable yet (e.g. friday 12:00)",
        "{phrase} → nog niet leesbaar (bijv. vrijdag 12:00)";
    PastNotYetReadable =>
        "{phrase} → not readable yet as a moment that has passed (e.g. yesterday 14:00)",
        "{phrase} → nog niet leesbaar als moment dat voorbij is (bijv. gisteren 14:00)";
    WhenNotYetReadable =>
        "{phrase} → not readable yet: a day and a time (e.g. friday 10:00)",
        "{phrase} → nog niet leesbaar: een dag en een tijd (bijv. vrijdag 10:00)";
    ReadAs =>
        "“{phrase}” read as {instant}",
        "“{phrase}” gelezen als {instant}";
    NoteDayFirst =>
        "read {typed} day first, as {read}",
        "{typed} gelezen met de dag eerst, als {read}";
    NoteTwoDigitYear =>
        "read the year {typed} as {year}",
        "het jaar {typed} gelezen als {year}";
    NoteMonthEnd =>
        "{month} has no day {day}: took its last day",
        "{month} heeft geen dag {day}: de laatste dag genomen";
    NoteMidnight =>
        "midnight is the end of {day}",
        "middernacht is het eind van {day}";
    NoteWorkingDayBefore =>
        "before {named} is the end of the working day before it",
        "vóór {named} is het eind van de werkdag ervoor";
    NoteApproximate =>
        "an approximate amount read as exact",
        "een schatting als precies gelezen";

    // /contact history
    HistoryHead =>
        "📇 {relation}: last contact {ago} by {by}.",
        "📇 {relation}: laatste contact {ago} door {by}.";
    HistoryEmpty =>
        "📇 {relation}: no contacts logged yet.",
        "📇 {relation}: nog geen contacten vastgelegd.";
    HistoryLine =>
        "{when} · {via} · {by}: {summary}",
        "{when} · {via} · {by}: {summary}";
    HistoryRestricted =>
        "🔒 restricted note",
        "🔒 afgeschermde notitie";
    HistoryPromised =>
        "🤝 {ref} {what} promised, due {due}",
        "🤝 {ref} {what} beloofd, uiterlijk {due}";
    HistoryMoved =>
        "📅 {ref} {what} moved to {to}: {reason}",
        "📅 {ref} {what} verzet naar {to}: {reason}";
    HistoryDone =>
        "✅ {ref} {what} done",
        "✅ {ref} {what} afgerond";
    HistoryHandedOver =>
        "🔁 {ref} {what} went from {from} to {to} ({handover})",
        "🔁 {ref} {what} ging van {from} naar {to} ({handover})";
    HistoryHandoverGiven =>
        "🤝 {ref} handover from {from} to {to}",
        "🤝 {ref} overdracht van {from} aan {to}";
    HistoryHandoverAccepted => "✅ {ref} handover accepted", "✅ {ref} overdracht geaccepteerd";
    HistoryHandoverDeclined =>
        "↩️ {ref} handover declined: {reason}",
        "↩️ {ref} overdracht geweigerd: {reason}";
    HistoryHandoverCancelled => "🚫 {ref} handover withdrawn", "🚫 {ref} overdracht ingetrokken";
    HistoryCancelled =>
        "✖️ {ref} {what} cancelled: {reason}",
        "✖️ {ref} {what} geannuleerd: {reason}";
    HistoryOlder =>
        "… {count} older contacts not shown.",
        "… nog {count} oudere contacten niet getoond.";
    HistoryOpenHead =>
        "Open, and who holds the ball:",
        "Open, en wie de bal heeft:";
    HistoryOpenLine =>
        "{ref} {what}: {owner}, due {due}",
        "{ref} {what}: {owner}, uiterlijk {due}";
    HistoryOverdue =>
        "⚠️ overdue",
        "⚠️ te laat";
    HistoryNothingOpen =>
        "Nothing open.",
        "Niets open.";
    Today => "today", "vandaag";
    Yesterday => "yesterday", "gisteren";
    DaysAgo => "{count} days ago", "{count} dagen geleden";

    // /promise
    PromiseAdded =>
        "🤝 Promise {ref} to {relation}: {what}, due {due}. {owner} holds the ball.",
        "🤝 Belofte {ref} aan {relation}: {what}, uiterlijk {due}. {owner} heeft de bal.";
    PromiseAddedTheyOwe =>
        "📥 {relation} promised us {ref}: {what}, due {due}. {owner} chases it.",
        "📥 {relation} heeft ons {ref} beloofd: {what}, uiterlijk {due}. {owner} zit erachteraan.";
    CertaintyQuestion =>
        "❓ How sure is this? It is marked {certainty}.",
        "❓ Hoe zeker is dit? Het staat op {certainty}.";
    DependsOn =>
        "It depends on: {depends}.",
        "Het hangt af van: {depends}.";
    DependsUnknown =>
        "What does it depend on? Record it with `{option}`, so a colleague knows what to check.",
        "Waar hangt het van af? Leg het vast met `{option}`, zodat een collega weet wat er te checken is.";
    CertaintyConfirmed => "confirmed (agreed or signed)", "bevestigd (afgesproken of getekend)";
    CertaintyExpected => "expected", "verwacht";
    CertaintyHope => "hope (“it should be fine”)", "hoop (“komt wel goed”)";
    HeadsUpAt =>
        "🔔 Heads-up {at}.",
        "🔔 Vooraankondiging {at}.";
    PromiseDone =>
        "✅ {ref} done: {what} ({relation}), marked by {by}.",
        "✅ {ref} afgerond: {what} ({relation}), afgevinkt door {by}.";
    PromiseCancelled =>
        "✖️ {ref} cancelled: {what} ({relation}), by {by}.",
        "✖️ {ref} geannuleerd: {what} ({relation}), door {by}.";
    CloseNote =>
        "📝 {note}",
        "📝 {note}";
    PromiseMoved =>
        "📅 {ref} moved: {what} ({relation}) is now due {due}, was {from}. {owner} holds the ball.",
        "📅 {ref} verzet: {what} ({relation}) moet nu af {due}, was {from}. {owner} heeft de bal.";
    MoveReason =>
        "Reason: {reason}",
        "Reden: {reason}";
    AskTold =>
        "❔ Has {relation} been told about the new date? Record it when they have.",
        "❔ Weet {relation} van de nieuwe datum? Leg het vast zodra ze het weten.";
    ToldLogged =>
        "📝 Contact with {relation} logged: “{summary}”",
        "📝 Contact met {relation} vastgelegd: “{summary}”";
    ToldSummary =>
        "Told them the new date for {ref} ({what}): {due}.",
        "Nieuwe datum doorgegeven voor {ref} ({what}): {due}.";
    ListOpen => "📋 Open", "📋 Open";
    ListOverdue => "📋 Overdue", "📋 Te laat";
    ListDone => "📋 Done", "📋 Afgerond";
    ListAll => "📋 All", "📋 Alle";
    ListOf => "held by {owner}", "bij {owner}";
    ListWith => "with {relation}", "met {relation}";
    ListPage =>
        "page {page} of {pages}, {total} in all",
        "pagina {page} van {pages}, {total} in totaal";
    ListLine =>
        "{ref} {what} · {relation} · {owner} · due {due}",
        "{ref} {what} · {relation} · {owner} · uiterlijk {due}";
    ListEmpty => "Nothing here.", "Niets hier.";
    StatusDone => "done", "afgerond";
    StatusCancelled => "cancelled", "geannuleerd";
    StatusOpen => "open", "open";
    TheyOwe => "📥 they owe us", "📥 zij zijn ons iets schuldig";
    WeOwe => "📤 we owe them", "📤 wij zijn hun iets schuldig";
    BallHead => "⚾ {member} holds the ball for:", "⚾ {member} heeft de bal voor:";
    BallEmpty => "⚾ {member} holds nothing right now.", "⚾ {member} heeft nu niets openstaan.";
    BallOverdue => "Overdue:", "Te laat:";
    BallOpen => "Open:", "Open:";
    BallMore => "… and {count} more: see /promise list.", "… en nog {count}: zie /promise list.";
    BallFailed =>
        "⚠️ Reminders that could not be delivered (check that baton may post there):",
        "⚠️ Herinneringen die niet bezorgd konden worden (controleer of baton daar mag posten):";
    FailedLine => "{ref} {what} · {owner} · {at}", "{ref} {what} · {owner} · {at}";
    FailedDigestLine => "daily digest of {day} for {member} · {at}", "dagoverzicht van {day} voor {member} · {at}";

    ButtonDone => "Done {ref}", "Klaar {ref}";
    ButtonNewDate => "New date {ref}", "Nieuwe datum {ref}";
    ButtonTold => "They know", "Ze weten het";
    ButtonPage => "Page {page}", "Pagina {page}";
    FormMoveTitle => "New date for {ref}", "Nieuwe datum voor {ref}";
    FormDue => "New date", "Nieuwe datum";
    FormDuePlaceholder => "e.g. friday 12:00 or in 3 days", "bijv. vrijdag 12:00 of over 3 dagen";
    FormReason => "Reason", "Reden";

    // Reminders
    NudgeOverdue =>
        "⏰ {owner}, {ref} for {relation} was due {due}: {what}. Certainty: {certainty}. Reminder {number}.",
        "⏰ {owner}, {ref} voor {relation} moest af {due}: {what}. Zekerheid: {certainty}. Herinnering {number}.";
    NudgeTheyOwe =>
        "⏰ {owner}, {relation} promised {ref} by {due} and it has not come yet: {what}. Time to chase them. Reminder {number}.",
        "⏰ {owner}, {relation} beloofde {ref} uiterlijk {due} en het is er nog niet: {what}. Tijd om erachteraan te gaan. Herinnering {number}.";
    NudgeHeadsUp =>
        "🔔 {owner}, {ref} for {relation} is due {due}: {what}.",
        "🔔 {owner}, {ref} voor {relation} moet af {due}: {what}.";
    NudgeOverdueMinimal =>
        "⏰ {owner}, {ref} for {relation} was due {due}. Certainty: {certainty}. Reminder {number}.",
        "⏰ {owner}, {ref} voor {relation} moest af {due}. Zekerheid: {certainty}. Herinnering {number}.";
    NudgeTheyOweMinimal =>
        "⏰ {owner}, {relation} promised {ref} by {due} and it has not come yet. Time to chase them. Reminder {number}.",
        "⏰ {owner}, {relation} beloofde {ref} uiterlijk {due} en het is er nog niet. Tijd om erachteraan te gaan. Herinnering {number}.";
    NudgeHeadsUpMinimal =>
        "🔔 {owner}, {ref} for {relation} is due {due}.",
        "🔔 {owner}, {ref} voor {relation} moet af {due}.";
    NudgeListLineMinimal =>
        "{ref} · {relation} · due {due} · {certainty}",
        "{ref} · {relation} · uiterlijk {due} · {certainty}";
    ConsoleDetailsHow =>
        "Write /details message:N or /details handover:H-N, as a channel post offers it.",
        "Schrijf /details message:N of /details handover:H-N, zoals een kanaalbericht het aanbiedt.";
    ErrNothingToDetail =>
        "Nothing left to show: what this message was about has been done, moved or answered since. /ball shows what you hold now.",
        "Niets meer te tonen: waar dit bericht over ging is intussen gedaan, verzet of beantwoord. /ball toont wat je nu in handen hebt.";
    ErrDetailsNotYours =>
        "These details are for whoever holds it (and admins): the channel post leaves them out on purpose. /ball shows what you hold.",
        "Deze details zijn voor wie het in handen heeft (en beheerders): het kanaalbericht laat ze bewust weg. /ball toont wat jij in handen hebt.";
    DetailsHead => "🔒 Only for you:", "🔒 Alleen voor jou:";
    DetailsWithheld =>
        "🔒 What it is about is not posted in the channel: press Details to read it (for whoever holds it).",
        "🔒 Waar het over gaat staat niet in het kanaal: druk op Details om het te lezen (voor wie het in handen heeft).";
    NudgeGroup =>
        "⏰ {count} items need attention:",
        "⏰ {count} zaken vragen aandacht:";
    NudgeListLine =>
        "{ref} {what} · {relation} · due {due} · {certainty}",
        "{ref} {what} · {relation} · uiterlijk {due} · {certainty}";
    NudgeHandover =>
        "⏳ {owner}, {from} handed {relation} over to you ({ref}) {since} and is waiting for your answer: please accept or decline. Reminder {number}.",
        "⏳ {owner}, {from} heeft {relation} {since} aan je overgedragen ({ref}) en wacht op je antwoord: graag accepteren of weigeren. Herinnering {number}.";
    NudgeHandoverLine =>
        "{ref} handover of {relation} from {from} · waiting since {since}",
        "{ref} overdracht van {relation} door {from} · wacht sinds {since}";
    NudgeTouch =>
        "🤝 {owner}, time to get in touch with {relation}: {last} (keep in touch {cadence}). Log the contact with the button once you have.",
        "🤝 {owner}, tijd om contact op te nemen met {relation}: {last} (contact houden: {cadence}). Leg het contact daarna vast met de knop.";
    NudgeTouchLine =>
        "🤝 {relation}: {last} · keep in touch {cadence}",
        "🤝 {relation}: {last} · contact houden: {cadence}";
    TouchLast => "last contact {when} by {by}", "laatste contact {when} door {by}";
    TouchNever => "no contact logged since {when}", "geen contact vastgelegd sinds {when}";
    BallTouchHead => "Time to get in touch", "Tijd om contact op te nemen";
    FailedTouchLine => "keeping in touch with {what} · {owner} · {at}", "contact houden met {what} · {owner} · {at}";
    NudgeComing =>
        "📅 {owner}: appointment {ref} with {relation} starts {start}{place}.",
        "📅 {owner}: afspraak {ref} met {relation} begint {start}{place}.";
    NudgeComingLine =>
        "📅 {ref} appointment with {relation}, {start}{place}",
        "📅 {ref} afspraak met {relation}, {start}{place}";
    NudgeOutcome =>
        "❓ {owner}, did appointment {ref} with {relation} ({start}) take place? Say whether it was kept, missed or moved; missed or moved needs a new date. Reminder {number}.",
        "❓ {owner}, is afspraak {ref} met {relation} ({start}) doorgegaan? Geef aan of die gehouden, gemist of verzet is; bij gemist of verzet hoort een nieuwe datum. Herinnering {number}.";
    NudgeOutcomeLine =>
        "❓ {ref} appointment with {relation} ({start}){place}: kept, missed or moved?",
        "❓ {ref} afspraak met {relation} ({start}){place}: gehouden, gemist of verzet?";
    NudgeHandoverEscalated =>
        "{from}, {to} has not answered {ref} yet: you still hold the ball for {relation}.",
        "{from}, {to} heeft {ref} nog niet beantwoord: jij hebt nog de bal voor {relation}.";
    OnBehalfOf =>
        "{backup} (on behalf of {owner}, who is away)",
        "{backup} (namens {owner}, die afwezig is)";
    NudgeEscalated =>
        "🚨 Escalation: still open after {count} reminders. {role}",
        "🚨 Escalatie: nog open na {count} herinneringen. {role}";
    DigestHead =>
        "📋 {member}, this is what you hold today:",
        "📋 {member}, dit heb je vandaag in handen:";
    DigestFor => "for {owner}, who is away", "voor {owner}, die afwezig is";
    DigestLineMinimal =>
        "{ref} · {relation} · due {due}",
        "{ref} · {relation} · uiterlijk {due}";
    DigestLine =>
        "{ref} {what} · {relation} · due {due}",
        "{ref} {what} · {relation} · uiterlijk {due}";

    // /settings
    SettingsHead => "⚙️ Settings of this server:", "⚙️ Instellingen van deze server:";
    SettingsChanged => "✅ Changed: {names}.", "✅ Gewijzigd: {names}.";
    SettingReminderChannel => "Reminders go to: {value}", "Herinneringen gaan naar: {value}";
    SettingWhereMade => "the channel where it was promised", "het kanaal waar het beloofd is";
    SettingEscalation => "Escalation after {count} nudges to: {value}", "Escalatie na {count} herinneringen naar: {value}";
    SettingNoEscalation => "nobody set (choose a role or channel)", "niemand ingesteld (kies een rol of kanaal)";
    SettingHours => "Working hours: {value} ({zone})", "Werktijden: {value} ({zone})";
    SettingAppointments =>
        "Appointments: reminders {reminders} before; a new date told within {inform}",
        "Afspraken: herinneringen {reminders} vooraf; een nieuwe datum doorgeven binnen {inform}";
    SettingAckWithin => "Handovers to answer within: {value}", "Overdrachten beantwoorden binnen: {value}";
    SettingRepeat => "Nudge again every: {value}", "Opnieuw herinneren elke: {value}";
    SettingDigest => "Daily digest at {time}, {to}", "Dagelijks overzicht om {time}, {to}";
    DigestByDm => "by direct message", "als privébericht";
    DigestInChannel => "in {channel}", "in {channel}";
    SettingLanguage => "Language: {value}", "Taal: {value}";
    LanguageEn => "English", "Engels";
    LanguageNl => "Dutch", "Nederlands";
    DigestIsOn => "📬 Your daily digest is on.", "📬 Je dagelijkse overzicht staat aan.";
    DigestIsOff => "📭 Your daily digest is off.", "📭 Je dagelijkse overzicht staat uit.";

    // Input errors
    ErrEmpty =>
        "`{option}` is empty: write something there.",
        "`{option}` is leeg: vul daar iets in.";
    ErrTooLong =>
        "`{option}` is too long ({len} characters, at most {max}). Shorten it and try again.",
        "`{option}` is te lang ({len} tekens, hoogstens {max}). Maak het korter en probeer het opnieuw.";
    ErrDateUnreadable =>
        "I can't read “{input}” as a date for `{option}`. Try for example {examples}.",
        "Ik kan “{input}” niet lezen als datum voor `{option}`. Probeer bijvoorbeeld {examples}.";
    ErrNoSuchDate =>
        "“{input}” in `{option}` is not a date that exists: check the day, month and time. Try for example {examples}.",
        "“{input}” in `{option}` is geen bestaande datum: controleer dag, maand en tijd. Probeer bijvoorbeeld {examples}.";
    ErrDateTooFar =>
        "“{input}” in `{option}` lies too far away: choose a date within ten years of today, for example `in 3 days` or `1 dec 14:00`.",
        "“{input}” in `{option}` ligt te ver weg: kies een datum binnen tien jaar, bijvoorbeeld `over 3 dagen` of `1 dec 14:00`.";
    DateExamples =>
        "`tomorrow 9:00`, `friday 12:00`, `in 3 days`, `1 dec 14:00` or `2026-12-01 14:00`",
        "`morgen 9:00`, `vrijdag 12:00`, `over 3 dagen`, `1 dec 14:00` of `2026-12-01 14:00`";
    ErrDueInPast =>
        "`{option}` “{input}” lies in the past ({at}). A due date must lie ahead, for example {examples}.",
        "`{option}` “{input}” ligt in het verleden ({at}). Een datum om iets af te hebben moet in de toekomst liggen, bijvoorbeeld {examples}.";
    ErrWhenInFuture =>
        "`{option}` “{input}” lies in the future ({at}). A contact is something that already happened: leave `{option}` empty for now, or write for example `yesterday 14:00`.",
        "`{option}` “{input}” ligt in de toekomst ({at}). Een contact is iets wat al gebeurd is: laat `{option}` leeg voor nu, of schrijf bijvoorbeeld `gisteren 14:00`.";
    ErrNeedsFollowUp =>
        "`{option}` only makes sense with a follow-up: also fill in `{follow_up}` with what should happen next, e.g. “Send the quote”.",
        "`{option}` heeft alleen zin met een opvolging: vul ook `{follow_up}` in met wat er moet gebeuren, bijv. “Offerte sturen”.";
    ErrUnknownRelation =>
        "There is no relation called “{name}” yet. Pick one from the list while typing, or log a first contact with /contact log.",
        "Er is nog geen relatie “{name}”. Kies er een uit de lijst tijdens het typen, of leg een eerste contact vast met /contact log.";
    ErrUnknownRelationSuggest =>
        "There is no relation called “{name}”. Did you mean {suggestions}?",
        "Er is geen relatie “{name}”. Bedoelde je {suggestions}?";
    ErrOutOfRange =>
        "`{option}` must be a whole number from {min} to {max}; you gave {input}.",
        "`{option}` moet een heel getal van {min} tot en met {max} zijn; je gaf {input}.";
    ErrNotAChoice =>
        "`{option}` cannot be “{input}”: choose one of {choices}.",
        "`{option}` kan niet “{input}” zijn: kies uit {choices}.";
    ErrNotAnId =>
        "`{option}` takes a number here, not “{input}”.",
        "`{option}` is hier een nummer, niet “{input}”.";
    ErrNotYesNo =>
        "`{option}` takes yes or no, not “{input}”.",
        "`{option}` is ja of nee, niet “{input}”.";
    ErrMissing =>
        "`{option}` is required. For example: {example}",
        "`{option}` is verplicht. Bijvoorbeeld: {example}";
    ErrUnknownOption =>
        "{command} has no option `{option}`. Its options are {options}.",
        "{command} heeft geen optie `{option}`. De opties zijn {options}.";
    ErrUnknownCommand =>
        "I don't know the command “{input}”. Type /help to see what I can do.",
        "Ik ken het commando “{input}” niet. Typ /help om te zien wat ik kan.";
    ErrUnreadableLine =>
        "I can't read that line: {problem}. Write options as name:value, and put values with spaces in quotes, e.g. relation:\"Gemeente Utrecht\".",
        "Ik kan die regel niet lezen: {problem}. Schrijf opties als naam:waarde en zet waarden met spaties tussen aanhalingstekens, bijv. relatie:\"Gemeente Utrecht\".";
    ProblemUnclosedQuote => "a quote is not closed", "er is een aanhalingsteken niet gesloten";
    ProblemNoColon => "“{word}” has no name: before it", "“{word}” heeft geen naam: ervoor";
    ErrNoActor =>
        "Who are you? Say it first with /as followed by your name, e.g. /as alice.",
        "Wie ben je? Zeg dat eerst met /as gevolgd door je naam, bijv. /as alice.";

    ErrSpanUnreadable =>
        "I can't read “{input}” as a length of time for `{option}`. Try `1 day`, `2 hours` or `30 min`.",
        "Ik kan “{input}” niet lezen als tijdsduur voor `{option}`. Probeer `1 dag`, `2 uur` of `30 min`.";
    ErrSpanTooLong =>
        "“{input}” in `{option}` is too long: give at most ten years, for example `1 day`, `2 hours` or `30 min`.",
        "“{input}” in `{option}` is te lang: kies hoogstens tien jaar, bijvoorbeeld `1 dag`, `2 uur` of `30 min`.";
    ErrNotAHandoverReference =>
        "“{input}” in `{option}` is not a handover number. Use one like H-3: pick it from the list while typing, or see /handover list.",
        "“{input}” in `{option}` is geen overdrachtnummer. Gebruik er een zoals H-3: kies het uit de lijst tijdens het typen, of zie /overdracht lijst.";
    ErrNotAnAppointmentReference =>
        "“{input}” in `{option}` is not an appointment number. Use one like A-3: pick it from the list while typing, or see /appointment list.",
        "“{input}” in `{option}` is geen afspraaknummer. Gebruik er een zoals A-3: kies het uit de lijst tijdens het typen, of zie /afspraak lijst.";
    ErrNotAReference =>
        "“{input}” in `{option}` is not a promise number. Use one like P-12: pick it from the list while typing, or see /promise list.",
        "“{input}” in `{option}` is geen beloftenummer. Gebruik er een zoals P-12: kies het uit de lijst tijdens het typen, of zie /promise list.";
    ErrNoSuchPromise =>
        "There is no promise {ref} in this server. /promise list shows the open ones.",
        "Er is geen belofte {ref} in deze server. /promise list toont de open beloftes.";
    ErrNotOpen =>
        "{ref} is already {status}: there is nothing left to change.",
        "{ref} is al {status}: er valt niets meer te wijzigen.";
    ErrNotYours =>
        "Only {owner}, who holds the ball, whoever made {ref}, or an admin can change it. Ask one of them.",
        "Alleen {owner}, die de bal heeft, wie {ref} maakte, of een beheerder kan het wijzigen. Vraag het een van hen.";
    ErrSameDue =>
        "{ref} is already due {at}. Give a different date to move it.",
        "{ref} moet al af {at}. Geef een andere datum om het te verzetten.";
    ErrNotMoved =>
        "{ref} has kept its date, so there is no new date to tell. To record a conversation, use /contact log.",
        "{ref} heeft zijn datum gehouden, dus er is geen nieuwe datum door te geven. Leg een gesprek vast met /contact log.";
    ErrAlreadyTold =>
        "It is already recorded that {relation} knows the new date of {ref}.",
        "Er staat al vastgelegd dat {relation} de nieuwe datum van {ref} weet.";
    ErrOtherGuild =>
        "This button belongs to another server: nothing was changed.",
        "Deze knop hoort bij een andere server: er is niets gewijzigd.";
    ErrNotAMember =>
        "You are not a member of the server this is about (any more), so baton cannot act for you there.",
        "Je bent geen lid (meer) van de server waar dit over gaat, dus baton kan daar niets voor je doen.";
    ErrDiscordUnreachable =>
        "Discord could not be asked who you are in that server just now. Nothing was changed; try again in a moment.",
        "Discord kon nu niet vertellen wie je in die server bent. Er is niets gewijzigd; probeer het zo nog eens.";
    // absences
    BackHead =>
        "👋 Welcome back, {member}. While you were away ({from} – {until}), {backup} backed you up.",
        "👋 Welkom terug, {member}. Terwijl je weg was ({from} – {until}), verving {backup} je.";
    BackNothing =>
        "Nobody changed anything of yours meanwhile.",
        "Niemand heeft intussen iets van jou veranderd.";
    BackChanged => "What happened to your items:", "Wat er met jouw zaken gebeurde:";
    BackMore => "… and more: see /contact history per relation.", "… en meer: zie /contact geschiedenis per relatie.";
    BackNow =>
        "Yours now: {open} open promise(s) ({overdue} overdue), {handovers} handover(s) waiting for your answer. /ball shows them.",
        "Nu van jou: {open} open belofte(s) ({overdue} over tijd), {handovers} overdracht(en) die op je antwoord wachten. /bal laat ze zien.";
    BallAwayNow =>
        "🌴 {member} is away until {until}; {backup} backs them up.",
        "🌴 {member} is afwezig tot {until}; {backup} vervangt.";
    BallAwayAhead =>
        "🌴 {member} will be away from {from} until {until}; {backup} backs them up then.",
        "🌴 {member} is afwezig van {from} tot {until}; {backup} vervangt dan.";
    BallBacking =>
        "🧭 Backing up {member} until {until}: their reminders and handovers come to you.",
        "🧭 Vervangt {member} tot {until}: hun herinneringen en overdrachten komen bij jou.";
    BallHandovers => "Handovers waiting for an answer:", "Overdrachten die op antwoord wachten:";
    AwaySetNow =>
        "🌴 {member} is away until {until}; {backup} backs them up. Reminders, digest items and handovers for {member} go to {backup} meanwhile, who may act on them.",
        "🌴 {member} is afwezig tot {until}; {backup} vervangt. Herinneringen, overzichtspunten en overdrachten voor {member} gaan intussen naar {backup}, die ze mag afhandelen.";
    AwaySetAhead =>
        "🌴 {member} will be away from {from} until {until}; {backup} backs them up then.",
        "🌴 {member} is afwezig van {from} tot {until}; {backup} vervangt dan.";
    AwayEnded =>
        "👋 {member} is back: the absence has ended. A summary of what happened meanwhile follows by direct message.",
        "👋 {member} is terug: de afwezigheid is beëindigd. Een overzicht van wat er intussen gebeurde volgt als privébericht.";
    AwayWithdrawn =>
        "The planned absence of {member} from {from} until {until} is withdrawn.",
        "De geplande afwezigheid van {member} van {from} tot {until} is ingetrokken.";
    AwayListNone =>
        "🌴 Nobody is away, and no absence is planned.",
        "🌴 Niemand is afwezig, en er is geen afwezigheid gepland.";
    AwayNobodyNow => "🌴 Nobody is away now.", "🌴 Niemand is nu afwezig.";
    AwayListNow => "🌴 Away now:", "🌴 Nu afwezig:";
    AwayListAhead => "Planned:", "Gepland:";
    AwayLineNow =>
        "{member} until {until}, backed up by {backup}",
        "{member} tot {until}, vervangen door {backup}";
    AwayLineAhead =>
        "{member} from {from} until {until}, backed up by {backup}",
        "{member} van {from} tot {until}, vervangen door {backup}";
    // handovers
    HandoverGiven =>
        "🤝 {from} hands {relation} over to {to} ({ref}). Until it is accepted, {from} holds the ball.",
        "🤝 {from} draagt {relation} over aan {to} ({ref}). Tot die accepteert, heeft {from} de bal.";
    HandoverNotes =>
        "What {to} needs to know:",
        "Wat {to} moet weten:";
    HandoverPromisesHead =>
        "Moves with it:",
        "Gaat mee:";
    HandoverPromiseLine =>
        "{ref} {what} · due {due} · {direction} · {certainty}",
        "{ref} {what} · uiterlijk {due} · {direction} · {certainty}";
    HandoverNothingOpen =>
        "Nothing is open with {relation}: whoever accepts becomes its contact person.",
        "Er staat niets open bij {relation}: wie accepteert, wordt het aanspreekpunt.";
    HandoverOthersOpen =>
        "Also open with {relation}, held by others:",
        "Ook open bij {relation}, bij anderen:";
    HandoverContactsHead =>
        "Last contacts:",
        "Laatste contacten:";
    HandoverNoContacts =>
        "No contacts with {relation} logged yet.",
        "Nog geen contacten met {relation} vastgelegd.";
    HandoverEarlierHead =>
        "Earlier handovers:",
        "Eerdere overdrachten:";
    HandoverEarlierLine =>
        "{ref} {from} → {to}, {when}: {status}",
        "{ref} {from} → {to}, {when}: {status}";
    HandoverPromiseRefs =>
        "Promises it moves: {refs}.",
        "Beloftes die meegaan: {refs}.";
    HandoverAnswerBy =>
        "{to}, please accept or decline by {due}.",
        "{to}, graag accepteren of weigeren vóór {due}.";
    HandoverRecipientAway =>
        "{to} is away: {backup} may answer on their behalf.",
        "{to} is afwezig: {backup} mag namens hen antwoorden.";
    HandoverAccepted =>
        "✅ {by} accepted {ref}: {to} now holds the ball for {relation}.",
        "✅ {by} heeft {ref} geaccepteerd: {to} heeft nu de bal voor {relation}.";
    HandoverMoved =>
        "Moved to {to}: {refs}.",
        "Naar {to}: {refs}.";
    HandoverSkipped =>
        "Left as they are (closed or held by someone else meanwhile): {refs}.",
        "Ongemoeid gelaten (intussen gesloten of bij een ander): {refs}.";
    HandoverDeclined =>
        "↩️ {by} declined {ref} ({relation}): {from} keeps the ball. Reason: {reason}",
        "↩️ {by} heeft {ref} ({relation}) geweigerd: {from} houdt de bal. Reden: {reason}";
    HandoverCancelled =>
        "🚫 {by} withdrew {ref} ({relation}): {from} keeps the ball.",
        "🚫 {by} heeft {ref} ({relation}) ingetrokken: {from} houdt de bal.";
    HandoverListHead =>
        "🤝 Pending handovers for {member}",
        "🤝 Openstaande overdrachten voor {member}";
    HandoverListNone =>
        "🤝 No pending handovers for {member}.",
        "🤝 Geen openstaande overdrachten voor {member}.";
    HandoverToYou =>
        "To you:",
        "Aan jou:";
    HandoverFromYou =>
        "From you, waiting for an answer:",
        "Van jou, wachtend op antwoord:";
    HandoverAsBackup =>
        "For colleagues you back up:",
        "Voor collega's die je vervangt:";
    HandoverListLine =>
        "{ref} {relation}: {from} → {to}, since {when}",
        "{ref} {relation}: {from} → {to}, sinds {when}";
    HandoverAllPending =>
        "🤝 Everything {from} holds goes to {to}, one handover per relation, each waiting for {to} to accept:",
        "🤝 Alles wat {from} heeft gaat naar {to}, één overdracht per relatie, die elk wachten tot {to} accepteert:";
    HandoverAllAccepted =>
        "🤝 Everything {from} held is now with {to}, accepted at once:",
        "🤝 Alles wat {from} had ligt nu bij {to}, meteen geaccepteerd:";
    MemberLeft =>
        "👋 {name} left the server. Still theirs: {open} open promise(s), {handovers} pending handover(s), contact person of {relations} relation(s). Admins: hand it all over in one step with /handover all from:{id} to:… notes:\"…\"",
        "👋 {name} heeft de server verlaten. Nog van hen: {open} open belofte(s), {handovers} openstaande overdracht(en), aanspreekpunt van {relations} relatie(s). Beheerders: draag alles in één keer over met /overdracht alles van:{id} aan:… notities:\"…\"";
    HandoverAllNothing =>
        "{from} holds nothing open and is no relation's contact person: there is nothing to hand over.",
        "{from} heeft niets open staan en is van geen relatie het aanspreekpunt: er valt niets over te dragen.";
    HandoverAllNothingNew =>
        "Nothing more of {from}'s to hand over to {to}: all of it already waits in a handover.",
        "Niets meer van {from} over te dragen aan {to}: alles wacht al in een overdracht.";
    HandoverAllContactOnly => "contact person only", "alleen aanspreekpunt";
    HandoverAllAlready =>
        "Already in a pending handover, left there: {refs}.",
        "Zit al in een openstaande overdracht en blijft daar: {refs}.";
    HandoverStatusPending => "pending", "in afwachting";
    HandoverStatusAccepted => "accepted", "geaccepteerd";
    HandoverStatusDeclined => "declined", "geweigerd";
    HandoverStatusCancelled => "withdrawn", "ingetrokken";
    ButtonHandOver => "Hand over {ref}", "Overdragen {ref}";
    FormHandOverTitle => "Hand {ref} over", "{ref} overdragen";
    FormHandOverTo => "To (name, @mention or user id)", "Aan (naam, @vermelding of gebruikers-id)";
    FormHandOverNotes => "What they need to know", "Wat die moet weten";
    ButtonAccept => "Accept {ref}", "Accepteren {ref}";
    ButtonDecline => "Decline {ref}", "Weigeren {ref}";
    FormDeclineTitle => "Decline {ref}", "{ref} weigeren";
    ErrRecipientNotAMember =>
        "{member} is not a member of this server: hand over to a colleague who is.",
        "{member} is geen lid van deze server: draag over aan een collega die dat wel is.";
    ErrPromiseOfOtherRelation =>
        "{ref} is a promise to {relation}: name only promises of the relation you hand over.",
        "{ref} is een afspraak met {relation}: noem alleen afspraken van de relatie die je overdraagt.";
    ErrHandoverToSelf =>
        "You cannot hand something over to yourself: choose a colleague in `to`.",
        "Je kunt niets aan jezelf overdragen: kies een collega bij `aan`.";
    ErrHandoverAllAdminOnly =>
        "Only server admins can hand over everything a colleague holds. Your own relations you hand over with /handover give.",
        "Alleen serverbeheerders kunnen alles van een collega overdragen. Je eigen relaties draag je over met /overdracht geven.";
    ErrAwayAdminOnly =>
        "Only server admins can set or end someone else's absence. Your own you set with /away set.",
        "Alleen serverbeheerders kunnen de afwezigheid van een ander instellen of beëindigen. Je eigen stel je in met /away set.";
    ErrBackupIsBot =>
        "A bot cannot back you up: pick a colleague as `backup`.",
        "Een bot kan je niet vervangen: kies een collega als `vervanger`.";
    ErrOwnBackup =>
        "You cannot be your own backup: pick a colleague who is here meanwhile.",
        "Je kunt niet je eigen vervanger zijn: kies een collega die er intussen wel is.";
    ErrAwayEndsBeforeStart =>
        "`until` (“{input}”) lies before the absence begins or already passed. Write the day you are back, e.g. until:\"friday\" or until:\"14 december\".",
        "`tot` (“{input}”) ligt vóór het begin van de afwezigheid of is al voorbij. Schrijf tot wanneer, bijv. tot:\"vrijdag\" of tot:\"14 december\".";
    ErrAwayTooLong =>
        "An absence can cover at most a year. For longer, hand the work over with /handover all.",
        "Een afwezigheid duurt hoogstens een jaar. Draag het werk bij langer over met /overdracht alles.";
    ErrAlreadyAway =>
        "{member} is already away from {from} until {until}. End that first with /away end, or pick other dates.",
        "{member} is al afwezig van {from} tot {until}. Beëindig dat eerst met /afwezig einde, of kies andere data.";
    ErrBackupAway =>
        "{backup} is away too from {from} until {until}: pick a backup who is here meanwhile.",
        "{backup} is zelf afwezig van {from} tot {until}: kies een vervanger die er intussen wel is.";
    ErrNotAway =>
        "{member} is not away and has no absence ahead: there is nothing to end.",
        "{member} is niet afwezig en heeft geen afwezigheid gepland: er is niets te beëindigen.";
    ErrUnknownColleague =>
        "I do not know a colleague called “{typed}”. Type their name as it shows in this server, an @mention or their user id.",
        "Ik ken geen collega die “{typed}” heet. Typ de naam zoals die in deze server staat, een @vermelding of het gebruikers-id.";
    ErrAmbiguousColleague =>
        "More than one colleague is called “{typed}”. Use an @mention or their user id, or /handover give.",
        "Meer dan één collega heet “{typed}”. Gebruik een @vermelding of het gebruikers-id, of /handover geven.";
    ErrHandoverToBot =>
        "A bot cannot hold the ball: choose a colleague in `to`.",
        "Een bot kan de bal niet hebben: kies een collega bij `aan`.";
    ErrAlreadyHandedOver =>
        "{promise} already travels in handover {handover}, which waits for an answer: wait for it, or withdraw it with /handover cancel.",
        "{promise} zit al in overdracht {handover}, die op antwoord wacht: wacht dat af, of trek hem in met /handover cancel.";
    ErrNoSuchHandover =>
        "There is no handover {ref} in this server. /handover list shows yours.",
        "Er is geen overdracht {ref} in deze server. /handover list toont de jouwe.";
    ErrHandoverSettled =>
        "{ref} was already {status}{by}: nothing changed.",
        "{ref} is al {status}{by}: er is niets veranderd.";
    ErrHandoverSettledBy => " by {by}", " door {by}";
    ErrHandoverNotYoursAnswer =>
        "Only {to} can answer {ref} (or their backup while they are away, or an admin).",
        "Alleen {to} kan {ref} beantwoorden (of wie hen vervangt tijdens afwezigheid, of een beheerder).";
    ErrHandoverNotYoursCancel =>
        "Only {from} can withdraw {ref} (or their backup while they are away, or an admin).",
        "Alleen {from} kan {ref} intrekken (of wie hen vervangt tijdens afwezigheid, of een beheerder).";
    ErrAdminOnly =>
        "Only server admins can change these settings. Your own digest you change with /settings digest.",
        "Alleen serverbeheerders kunnen deze instellingen wijzigen. Je eigen overzicht wijzig je met /settings digest.";
    ErrBadSetting =>
        "`{option}` cannot be “{input}”. Write it like this: {example}",
        "`{option}` kan niet “{input}” zijn. Schrijf het zo: {example}";

    // Failures
    ErrUnavailable =>
        "⚠️ The database can't be reached right now, so nothing was saved. Please try again in a minute.",
        "⚠️ De database is nu niet bereikbaar, dus er is niets opgeslagen. Probeer het over een minuut opnieuw.";
    ErrInternal =>
        "😕 Something went wrong on our side (error {id}). Nothing was saved. Please try again; if it keeps happening, give this code to your admin.",
        "😕 Er ging bij ons iets mis (fout {id}). Er is niets opgeslagen. Probeer het opnieuw; blijft het gebeuren, geef deze code dan aan je beheerder.";

    // Console
    ConsoleWelcome =>
        "baton console: you are {name} in {place}. Type /help for the commands, /as NAME to act as a colleague, /quit to leave.",
        "baton console: je bent {name} in {place}. Typ /help voor de commando's, /as NAAM om als collega te werken, /quit om te stoppen.";
    ConsoleNowActing =>
        "You are now {name}.",
        "Je bent nu {name}.";
    ConsoleHelpHead =>
        "Commands (options as name:value, quote values with spaces):",
        "Commando's (opties als naam:waarde, zet waarden met spaties tussen aanhalingstekens):";
    ConsoleHelpAs =>
        "/as NAME: act as a colleague (/as NAME admin: with a server admin's rights)",
        "/as NAAM: werk als een collega (/as NAAM admin: met de rechten van een beheerder)";
    ConsoleHelpClock =>
        "/clock +2h: move the console's clock forward to see reminders fire (/clock: the time)",
        "/klok +2u: zet de klok van de console vooruit om herinneringen te zien komen (/klok: de tijd)";
    ConsoleClockNow =>
        "🕑 The console's clock reads {time}.",
        "🕑 De klok van de console staat op {time}.";
    ConsoleClockUnreadable =>
        "I can't read “{input}” as a length of time. Try /clock +2h or /clock +1 day.",
        "Ik kan “{input}” niet lezen als tijdsduur. Probeer /klok +2u of /klok +1 dag.";
    ConsoleClockTooFar =>
        "The console's clock moves at most ten years ahead in all, and “{input}” would take it further. Try /clock +2h or /clock +1 day.",
        "De klok van de console gaat in totaal hoogstens tien jaar vooruit, en “{input}” zou verder gaan. Probeer /klok +2u of /klok +1 dag.";
    ConsoleClockFixed =>
        "This console's clock cannot be moved.",
        "De klok van deze console kan niet verzet worden.";
    ConsoleHelpQuit =>
        "/quit: leave",
        "/quit: stoppen";
    ConsoleRequired => "required", "verplicht";
    // Appointments
    AppointmentAdded =>
        "📅 Appointment {ref} with {relation}: {start} until {end}.",
        "📅 Afspraak {ref} met {relation}: {start} tot {end}.";
    AppointmentPlace => "📍 {place}", "📍 {place}";
    AppointmentAbout => "🎯 {about}", "🎯 {about}";
    AppointmentPeople =>
        "👥 {people} · {owner} holds the ball",
        "👥 {people} · {owner} heeft de bal";
    AppointmentReminders =>
        "⏰ Reminders to each of them ({spans} before); the first {first}. Afterwards {owner} is asked whether it took place.",
        "⏰ Herinneringen aan ieder van hen ({spans} vooraf); de eerste {first}. Daarna wordt {owner} gevraagd of de afspraak is doorgegaan.";
    AppointmentNoReminders =>
        "⏰ Afterwards {owner} is asked whether it took place.",
        "⏰ Daarna wordt {owner} gevraagd of de afspraak is doorgegaan.";
    AppointmentOverlap =>
        "⚠️ {member} already has {ref} with {relation} then ({start} until {end}).",
        "⚠️ {member} heeft dan al {ref} met {relation} ({start} tot {end}).";
    AppointmentReplaces => "↪ Replaces {ref}.", "↪ Vervangt {ref}.";
    ConfirmationHead =>
        "✉️ To confirm it to {relation}, copy this:",
        "✉️ Om de afspraak aan {relation} te bevestigen, kopieer dit:";
    ConfirmationText =>
        "We hereby confirm our appointment on {day} from {start} to {end}{place}{about}. If this time does not suit you after all, please let us know and we will find a new date together.",
        "Hierbij bevestigen wij onze afspraak op {day} van {start} tot {end}{place}{about}. Komt dit moment u toch niet uit, laat het ons dan weten, dan spreken we samen een nieuwe datum af.";
    ConfirmationPlace => ", at {place}", ", locatie: {place}";
    ConfirmationAbout => " (about: {about})", " (onderwerp: {about})";
    CalendarAttached =>
        "📎 {name}: open it to add the appointment to your calendar.",
        "📎 {name}: open het bestand om de afspraak in je agenda te zetten.";
    CalendarSummary => "{relation} ({ref})", "{relation} ({ref})";
    AppointmentListHead =>
        "📅 Appointments from {from} until {until}{whose} ({count}):",
        "📅 Afspraken van {from} tot {until}{whose} ({count}):";
    AppointmentListEmpty =>
        "📅 No appointments from {from} until {until}{whose}.",
        "📅 Geen afspraken van {from} tot {until}{whose}.";
    AppointmentListWhose => " for {who}", " van {who}";
    AppointmentListLine =>
        "{ref} {start} ({minutes} min) · {relation}{place} · {people}{status}",
        "{ref} {start} ({minutes} min) · {relation}{place} · {people}{status}";
    AppointmentListMore =>
        "… and more: narrow it with member:, relation: or range:.",
        "… en meer: beperk het met collega:, relatie: of periode:.";
    AppointmentKeptLogged =>
        "✅ {ref} with {relation} was kept: logged as a contact ({via}), so the history has it.",
        "✅ {ref} met {relation} is gehouden: vastgelegd als contact ({via}), zodat het in de geschiedenis staat.";
    AppointmentKeptAddSummary =>
        "Add what was discussed and a follow-up with /contact log.",
        "Voeg toe wat er besproken is en een opvolging met /contact vastleggen.";
    AppointmentReplaced =>
        "🔁 {ref} with {relation} was {status}: {reason}. New appointment {new}: {start}.",
        "🔁 {ref} met {relation} is {status}: {reason}. Nieuwe afspraak {new}: {start}.";
    AppointmentCancelled =>
        "🚫 {ref} with {relation} ({start}) is cancelled: {reason}.",
        "🚫 {ref} met {relation} ({start}) is geannuleerd: {reason}.";
    InformPromise =>
        "📣 {ref}: {what}, by {due}. {owner} holds the ball.",
        "📣 {ref}: {what}, uiterlijk {due}. {owner} heeft de bal.";
    InformNewDate =>
        "Tell {relation} the new date: {ref} on {when}",
        "{relation} de nieuwe datum laten weten: {ref} op {when}";
    InformCancelled =>
        "Tell {relation} that {ref} on {when} is cancelled",
        "{relation} laten weten dat {ref} op {when} niet doorgaat";
    KeptSummary =>
        "Appointment {ref} took place: {about}",
        "Afspraak {ref} is doorgegaan: {about}";
    AppointmentStatusScheduled => "scheduled", "gepland";
    AppointmentStatusKept => "kept", "gehouden";
    AppointmentStatusMissed => "missed", "gemist";
    AppointmentStatusMoved => "moved", "verzet";
    AppointmentStatusCancelled => "cancelled", "geannuleerd";
    ButtonKept => "Kept", "Gehouden";
    ButtonMissed => "Missed", "Gemist";
    ButtonMoved => "Moved", "Verzet";
    FormKeptTitle => "{ref} was kept", "{ref} is gehouden";
    FormMissedTitle => "{ref} was missed: new date", "{ref} is gemist: nieuwe datum";
    FormMovedTitle => "{ref} is moved: new date", "{ref} is verzet: nieuwe datum";
    FormNewWhen => "New date and time", "Nieuwe dag en tijd";
    FormNewWhenPlaceholder => "e.g. monday 14:00", "bijv. maandag 14:00";
    FormSummary => "What was discussed", "Wat er besproken is";
    FormFollowUp => "Follow-up (optional)", "Opvolging (optioneel)";
    FormFollowUpDue => "Follow-up due (optional)", "Opvolging uiterlijk (optioneel)";
    ButtonLogContact => "Log a contact", "Contact vastleggen";
    ButtonHistory => "History", "Geschiedenis";
    ButtonDetails => "Details", "Details";
    FormLogTitle => "Log a contact", "Contact vastleggen";
    FormLogTitleWith => "Contact with {relation}", "Contact met {relation}";
    FormRelation => "Relation", "Relatie";
    FormRelationPlaceholder => "e.g. Gemeente Utrecht", "bijv. Gemeente Utrecht";
    FormVia => "Via (optional)", "Via (optioneel)";
    FormViaPlaceholder => "phone, email, meeting, visit, video, chat or letter", "telefoon, e-mail, overleg, bezoek, video, chat of brief";
    ErrViaUnknown =>
        "“{input}” is not a way of contact baton knows. Write one of: {choices}.",
        "“{input}” is geen manier van contact die baton kent. Schrijf een van: {choices}.";
    HistoryAppointment =>
        "📅 {ref} {start} · {status}{chain}",
        "📅 {ref} {start} · {status}{chain}";
    HistoryAppointmentsHead => "Appointments:", "Afspraken:";
    HistoryReplaces => " · replaces {ref}", " · vervangt {ref}";
    HistoryReplacedBy => " · replaced by {ref}", " · vervangen door {ref}";
    BallOutcomesHead =>
        "❓ Appointments to say how they went (kept, missed or moved):",
        "❓ Afspraken waarvan je nog moet zeggen hoe ze gingen (gehouden, gemist of verzet):";
    BallAppointmentsHead => "📅 Your appointments today:", "📅 Je afspraken vandaag:";
    DigestAppointmentsHead => "📅 Appointments today:", "📅 Afspraken vandaag:";
    HandoverAppointmentsHead => "📅 Coming appointments:", "📅 Komende afspraken:";
    ErrWithIsBot =>
        "A bot cannot join an appointment: choose a colleague for with:.",
        "Een bot kan niet mee naar een afspraak: kies een collega bij met:.";
    ErrDurationUnreadable =>
        "I can't read “{input}” as a duration. Try 30m, 1 uur, 1,5 uur or 90 minutes.",
        "Ik kan “{input}” niet lezen als duur. Probeer 30m, 1 uur, 1,5 uur of 90 minuten.";
    ErrDurationTooLong =>
        "“{input}” is longer than a day; an appointment lasts at most 24 hours. Try 1 uur or 2,5 uur.",
        "“{input}” is langer dan een dag; een afspraak duurt hoogstens 24 uur. Probeer 1 uur of 2,5 uur.";
    ErrStartsInPast =>
        "{option}: “{input}” is {at}, which has passed. An appointment must lie ahead, e.g. 'friday 10:00'.",
        "{option}: “{input}” is {at}, en dat is voorbij. Een afspraak moet nog komen, bijv. 'vrijdag 10:00'.";
    ErrEndsBeforeStart =>
        "In “{input}” the end comes before the start. Write it as 'friday 10:00-11:30'.",
        "In “{input}” ligt het einde vóór het begin. Schrijf het als 'vrijdag 10:00-11:30'.";
    ErrNeedsTime =>
        "{option}: “{input}” names a day but no time. Add the time, e.g. '{input} 10:00'.",
        "{option}: “{input}” noemt een dag maar geen tijd. Voeg de tijd toe, bijv. '{input} 10:00'.";
    ErrNoSuchAppointment =>
        "There is no appointment {ref} in this server. /appointment list shows the coming ones.",
        "Er is geen afspraak {ref} in deze server. /afspraak lijst toont de komende.";
    ErrAppointmentSettled =>
        "{ref} was already {status} ({by}): nothing changed.",
        "{ref} is al {status} ({by}): er is niets veranderd.";
    ErrAppointmentNotYours =>
        "{ref} is {owner}'s appointment: only they, who made it, their backup or an admin can change it.",
        "{ref} is de afspraak van {owner}: alleen die, wie hem maakte, de vervanger of een beheerder kan hem wijzigen.";
    ErrAppointmentNotBegun =>
        "{ref} starts only {start}: it cannot have been kept or missed yet. Moved? Use outcome:moved with new_when:.",
        "{ref} begint pas {start}: die kan nog niet gehouden of gemist zijn. Verzet? Gebruik uitkomst:verzet met nieuwe_datum:.";
    ErrAppointmentBegun =>
        "{ref} began {start}: say what happened with outcome:kept, missed or moved instead of cancelling.",
        "{ref} is {start} begonnen: geef met uitkomst: aan of hij gehouden, gemist of verzet is in plaats van te annuleren.";
    ErrNeedsNewDate =>
        "A {outcome} appointment needs a new date: the relation must hear when it will be. Add new_when:, e.g. new_when:\"monday 14:00\".",
        "Bij een {outcome} afspraak hoort een nieuwe datum: de relatie moet horen wanneer het wordt. Voeg nieuwe_datum: toe, bijv. nieuwe_datum:\"maandag 14:00\".";
    ErrNeedsReason =>
        "Say why {ref} was {outcome} with reason: (the history keeps it).",
        "Zeg met reden: waarom {ref} {outcome} is (de geschiedenis bewaart het).";
    ErrNewDateNotNeeded =>
        "{ref} was kept, so it needs no new date: leave new_when: out, or choose outcome:moved.",
        "{ref} is gehouden en heeft dus geen nieuwe datum nodig: laat nieuwe_datum: weg, of kies uitkomst:verzet.";
    Yes => "yes", "ja";
    No => "no", "nee";
    Or => "or", "of";

    // The address book: /relation
    RelationAdded => "👤 {relation} added, as {kind}.", "👤 {relation} toegevoegd, als {kind}.";
    RelationOrganisationCreated =>
        "✨ {organisation} is a new organisation: it was created too.",
        "✨ {organisation} is een nieuwe organisatie: die is ook aangemaakt.";
    RelationEdited => "✏️ {relation} updated: {fields}.", "✏️ {relation} bijgewerkt: {fields}.";
    CardHead => "📇 {relation} · {kind}", "📇 {relation} · {kind}";
    KindUnknown => "relation", "relatie";
    CardEmail => "✉️ {email}", "✉️ {email}";
    CardPhone => "📞 {phone}", "📞 {phone}";
    CardLinkedIn => "🔗 {url}", "🔗 {url}";
    CardTags => "🏷️ {tags}", "🏷️ {tags}";
    CardKeepInTouch => "🔁 Keep in touch {cadence}.", "🔁 Contact houden: {cadence}.";
    CardOwner => "🧭 Account owner: {owner}", "🧭 Accounthouder: {owner}";
    CardImported => "(Imported.)", "(Geïmporteerd.)";
    CardPlacesHead => "Works at", "Werkt bij";
    CardPlacesBeforeHead => "Before", "Eerder";
    CardPeopleHead => "People there", "Mensen daar";
    CardPeopleBeforeHead => "Worked there before", "Werkten er eerder";
    CardPlace => "• {organisation}{role}, since {since}", "• {organisation}{role}, sinds {since}";
    CardPlaceEnded => "• {organisation}{role}, {since} – {until}", "• {organisation}{role}, {since} – {until}";
    CardRole => " as {role}", " als {role}";
    CardLastContact =>
        "Last contact {ago} by {by} ({via}); {count} logged in all.",
        "Laatste contact {ago} door {by} ({via}); {count} vastgelegd in totaal.";
    CardNoContact => "No contacts logged yet.", "Nog geen contacten vastgelegd.";
    CardBallHead => "Who holds the ball", "Wie heeft de bal";
    CardNothingOpen => "Nothing open: nobody holds the ball here.", "Niets open: niemand heeft hier de bal.";
    CardAppointmentsHead => "Coming appointments", "Komende afspraken";
    CardMerged => "Merged into it: {names}.", "Hierin samengevoegd: {names}.";
    CadenceWeeks => "every {n} weeks", "elke {n} weken";
    CadenceWeek => "every week", "elke week";
    CadenceDays => "every {n} days", "elke {n} dagen";
    CadenceMonths => "every {n} months", "elke {n} maanden";
    CadenceMonth => "every month", "elke maand";
    CadenceYear => "every year", "elk jaar";
    CadenceYears => "every {n} years", "elke {n} jaar";
    RelationMoved => "🚚 {person} now works at {organisation}{role}.", "🚚 {person} werkt nu bij {organisation}{role}.";
    RelationMovedLeft => "Left: {organisations} (kept in their history).", "Vertrokken bij: {organisations} (blijft in de geschiedenis).";
    RelationMovedTold =>
        "{members} had contact with {person} this past year and hear it by direct message.",
        "{members} had het afgelopen jaar contact met {person} en hoort het per direct bericht.";
    MoveNotice =>
        "🚚 {person} now works at {organisation}{role}, {by} noted {when}. You had contact with {person} this past year, so baton lets you know.",
        "🚚 {person} werkt nu bij {organisation}{role}, meldde {by} {when}. Je had het afgelopen jaar contact met {person}, dus baton laat het je weten.";
    MoveNoticeLeftSince =>
        "{person} has since left {organisation} again.",
        "{person} is inmiddels ook weer weg bij {organisation}.";
    RelationsMerged =>
        "🔗 {removed} is merged into {kept}: {contacts} contacts, {commitments} promises, {appointments} appointments, {handovers} handovers and {affiliations} affiliations moved. The name {removed} now leads to {kept}.",
        "🔗 {removed} is samengevoegd met {kept}: {contacts} contacten, {commitments} beloftes, {appointments} afspraken, {handovers} overdrachten en {affiliations} functies zijn verplaatst. De naam {removed} leidt nu naar {kept}.";
    RelationsMergedTook => "{kept} took over: {fields}.", "{kept} nam over: {fields}.";
    WhoHead => "🧭 Who of us knows whom at {organisation}", "🧭 Wie van ons kent wie bij {organisation}";
    WhoEmpty =>
        "Nobody has logged a contact with {organisation} or its people yet.",
        "Nog niemand heeft een contact met {organisation} of haar mensen vastgelegd.";
    WhoLine =>
        "• {member} → {person}{role}{left}: {count}×, last {ago}",
        "• {member} → {person}{role}{left}: {count}×, laatst {ago}";
    WhoLeft => " (left)", " (vertrokken)";
    WhoRestricted => "restricted contact", "afgeschermd contact";
    WhoHoldersHead => "Who holds the ball there", "Wie heeft daar de bal";
    WhoHolder =>
        "• {member}: {promises} open promises, {appointments} coming appointments; next {next}",
        "• {member}: {promises} open beloftes, {appointments} komende afspraken; eerstvolgende {next}";
    SearchHead => "🔎 {count} found for “{query}”:", "🔎 {count} gevonden voor “{query}”:";
    SearchNothing =>
        "🔎 Nothing found for “{query}”. Try fewer words or another spelling; names, roles and contact notes are searched.",
        "🔎 Niets gevonden voor “{query}”. Probeer minder woorden of een andere spelling; namen, functies en contactnotities worden doorzocht.";
    SearchByName => "name", "naam";
    SearchByRole => "role: {snippet}", "functie: {snippet}";
    SearchByOrganisation => "works at {snippet}", "werkt bij {snippet}";
    SearchBySummary => "contact {date} by {by}: {snippet}", "contact {date} door {by}: {snippet}";
    ErrNearDuplicate =>
        "There is no relation “{name}” yet, but {existing} looks like it. Pick that one, or add {flag}:true to create “{name}” as a new relation.",
        "Er is nog geen relatie “{name}”, maar {existing} lijkt erop. Kies die, of voeg {flag}:true toe om “{name}” als nieuwe relatie aan te maken.";
    ErrRelationExists =>
        "{name} is already a relation. Change it with /relation edit, or see it with /relation show.",
        "{name} is al een relatie. Wijzig die met /relatie wijzigen, of bekijk hem met /relatie tonen.";
    ErrUnknownOrganisation =>
        "There is no organisation “{name}” yet. Add {flag}:true to create it too, or pick an existing one.",
        "Er is nog geen organisatie “{name}”. Voeg {flag}:true toe om die ook aan te maken, of kies een bestaande.";
    ErrIsPerson =>
        "{name} is a person, not an organisation, so it cannot be the {option}.",
        "{name} is een persoon, geen organisatie, en kan dus niet de {option} zijn.";
    ErrIsOrganisation =>
        "{name} is an organisation, not a person, so it cannot be the {option}. Need it to be a person? /relation edit kind:person.",
        "{name} is een organisatie, geen persoon, en kan dus niet de {option} zijn. Is het een persoon? /relatie wijzigen soort:persoon.";
    ErrOwnOrganisation =>
        "{name} cannot be their own organisation: name the organisation they work at.",
        "{name} kan niet de eigen organisatie zijn: noem de organisatie waar die persoon werkt.";
    ErrOnlyForPersons =>
        "{option} is only for persons. Leave it out for an organisation, or give kind:person.",
        "{option} is alleen voor personen. Laat het weg bij een organisatie, of geef soort:persoon.";
    ErrNeedsOrganisation =>
        "{option} needs an organisation: add organisation:, where they have that role.",
        "{option} heeft een organisatie nodig: voeg organisatie: toe, waar die persoon die functie heeft.";
    ErrAlreadyThere => "{person} already works at {organisation}.", "{person} werkt al bij {organisation}.";
    ErrEmail =>
        "“{input}” is not an email address ({option}). Write it like jan@gemeente.nl.",
        "“{input}” is geen e-mailadres ({option}). Schrijf het als jan@gemeente.nl.";
    ErrPhone =>
        "“{input}” is not a phone number ({option}): 6 to 15 digits, e.g. +31 6 1234 5678 or 030-1234567.",
        "“{input}” is geen telefoonnummer ({option}): 6 tot 15 cijfers, bijv. +31 6 1234 5678 of 030-1234567.";
    ErrLinkedIn =>
        "“{input}” is not a LinkedIn profile ({option}). Paste its address, e.g. linkedin.com/in/jan-de-vries.",
        "“{input}” is geen LinkedIn-profiel ({option}). Plak het adres, bijv. linkedin.com/in/jan-de-vries.";
    ErrTags =>
        "Tags ({option}): at most 10, each at most 30 characters, separated by commas.",
        "Labels ({option}): hoogstens 10, elk hoogstens 30 tekens, gescheiden door komma's.";
    ErrCadenceUnreadable =>
        "baton cannot read “{input}” as how often to keep in touch ({option}). Write e.g. “every 3 months”, “elke 2 weken” or “monthly”.",
        "baton kan “{input}” niet lezen als hoe vaak contact te houden ({option}). Schrijf bijv. “elke 3 maanden”, “every 2 weeks” of “maandelijks”.";
    ErrCadenceTooShort =>
        "“{input}” is more often than once a week ({option}): keeping in touch is weekly at most. For a task, use /promise add.",
        "“{input}” is vaker dan eens per week ({option}): contact houden is hoogstens wekelijks. Voor een taak: /belofte nieuw.";
    ErrCadenceTooLong =>
        "“{input}” is longer than five years ({option}). Write e.g. “every year”.",
        "“{input}” is langer dan vijf jaar ({option}). Schrijf bijv. “elk jaar”.";
    ErrMergeSame =>
        "“{name}” is one relation already: name two different relations to merge.",
        "“{name}” is al één relatie: noem twee verschillende relaties om samen te voegen.";
    ErrMergeKinds =>
        "{keep} ({keep_kind}) and {remove} ({remove_kind}) are different kinds. Are they really one? Merge them anyway with confirm:true.",
        "{keep} ({keep_kind}) en {remove} ({remove_kind}) zijn verschillende soorten. Zijn ze echt één? Voeg ze toch samen met bevestig:true.";
    ErrNameTaken =>
        "{name} is already another relation. If they are one, merge them with /relation merge.",
        "{name} is al een andere relatie. Zijn ze één, voeg ze dan samen met /relatie samenvoegen.";
    ErrNameOfMerged =>
        "{name} was merged into another relation and still leads there, so it cannot be a new name. Choose another name.",
        "{name} is samengevoegd met een andere relatie en leidt daar nog naartoe, dus het kan geen nieuwe naam zijn. Kies een andere naam.";
    ErrKindInUse =>
        "{name} cannot become another kind: people or places are linked to it as {kind}. Move them first, or merge instead.",
        "{name} kan geen andere soort worden: er zijn mensen of functies aan gekoppeld als {kind}. Verplaats die eerst, of voeg samen.";
    ErrOwnerIsBot =>
        "A bot cannot be the account owner: choose a colleague.",
        "Een bot kan geen accounthouder zijn: kies een collega.";
    ErrNothingToEdit =>
        "Nothing to change: give a field, e.g. email:jan@gemeente.nl, or “-” to clear one.",
        "Niets te wijzigen: geef een veld, bijv. email:jan@gemeente.nl, of “-” om er een te wissen.";
    ErrSearchEmpty =>
        "Give something to look for: a name, a role or words from a contact note, e.g. offerte.",
        "Geef iets om te zoeken: een naam, een functie of woorden uit een contactnotitie, bijv. offerte.";
    ImportPreviewHead =>
        "📥 Import #{batch} read as {format} ({encoding}{separator}). Nothing is written until you confirm:",
        "📥 Import #{batch} gelezen als {format} ({encoding}{separator}). Er wordt niets opgeslagen tot je bevestigt:";
    FormatLinkedIn => "LinkedIn Connections.csv", "LinkedIn Connections.csv";
    FormatOutlook => "Outlook contacts (CSV)", "Outlook-contacten (CSV)";
    FormatMapped => "CSV with your column map", "CSV met jouw kolomindeling";
    FormatVCard => "vCard", "vCard";
    ImportSeparator => ", separated by “{separator}”", ", gescheiden door “{separator}”";
    ImportCounts =>
        "• {new} new · {updated} updated (blanks filled) · {duplicate} already known · {rejected} refused · {organisations} new organisations",
        "• {new} nieuw · {updated} bijgewerkt (lege velden aangevuld) · {duplicate} al bekend · {rejected} geweigerd · {organisations} nieuwe organisaties";
    ImportWarnings =>
        "{count} values that were not an email, phone number or LinkedIn URL are left out.",
        "{count} waarden die geen e-mailadres, telefoonnummer of LinkedIn-URL waren, zijn weggelaten.";
    ImportRefusedHead => "Refused rows:", "Geweigerde regels:";
    ImportRefusedLine => "• line {line}: {reason}", "• regel {line}: {reason}";
    ImportRefusedMore =>
        "… and {count} more: all are in the attached report.",
        "… en nog {count}: alle staan in het bijgevoegde overzicht.";
    ImportConfirmHint =>
        "Confirm to import, or cancel. Undo later with /relation import undo:{batch}.",
        "Bevestig om te importeren, of annuleer. Later terugdraaien kan met /relatie importeren terugdraaien:{batch}.";
    ImportDoneHead =>
        "📥 Import #{batch} done: {new} new, {updated} updated, {duplicate} already known, {rejected} refused, {organisations} new organisations. Undo it with /relation import undo:{batch}.",
        "📥 Import #{batch} klaar: {new} nieuw, {updated} bijgewerkt, {duplicate} al bekend, {rejected} geweigerd, {organisations} nieuwe organisaties. Terugdraaien kan met /relatie importeren terugdraaien:{batch}.";
    ImportCancelled => "Import #{batch} cancelled: nothing was written.", "Import #{batch} geannuleerd: er is niets opgeslagen.";
    ImportUndone =>
        "↩️ Import #{batch} undone: {removed} relations removed, {restored} put back as they were, {places} places removed.",
        "↩️ Import #{batch} teruggedraaid: {removed} relaties verwijderd, {restored} teruggezet zoals ze waren, {places} functies verwijderd.";
    ImportUndoLeft =>
        "Left alone, because they were changed or used since: {names}.",
        "Niet aangeraakt, omdat ze sindsdien gewijzigd of gebruikt zijn: {names}.";
    ImportProgress => "📥 Importing… {done} of {total} rows", "📥 Bezig met importeren… {done} van {total} regels";
    ButtonImportConfirm => "Confirm import", "Import bevestigen";
    ButtonImportCancel => "Cancel", "Annuleren";
    ReasonNoName => "no name and no organisation", "geen naam en geen organisatie";
    ReasonTooLong => "the {field} is longer than {max} characters", "de {field} is langer dan {max} tekens";
    ReasonColumns => "{found} columns where the header has {expected}", "{found} kolommen waar de kop er {expected} heeft";
    ReasonEncoding => "the {field} has characters that cannot be read", "de {field} bevat tekens die niet te lezen zijn";
    ReasonUnreadable => "this contact cannot be read", "dit contact is niet te lezen";
    ReasonBadEmail => "not an email address, left out: {value}", "geen e-mailadres, weggelaten: {value}";
    ReasonBadPhone => "not a phone number, left out: {value}", "geen telefoonnummer, weggelaten: {value}";
    ReasonBadLinkedin => "not a LinkedIn URL, left out: {value}", "geen LinkedIn-URL, weggelaten: {value}";
    ReasonName => "the name cannot be used ({problem})", "de naam is niet te gebruiken ({problem})";
    ReasonOtherKind => "{name} exists already as {kind}", "{name} bestaat al als {kind}";
    ReasonOrganisationIsPerson => "its organisation {name} is a person", "de organisatie {name} is een persoon";
    ReasonOwnOrganisation => "a person cannot be their own organisation", "een persoon kan niet zijn eigen organisatie zijn";
    FieldName => "name", "naam";
    FieldEmail => "email address", "e-mailadres";
    FieldPhone => "phone number", "telefoonnummer";
    FieldLinkedin => "LinkedIn URL", "LinkedIn-URL";
    FieldOrganisation => "organisation", "organisatie";
    FieldRole => "role", "functie";
    FieldTag => "category", "categorie";
    ErrImportEmpty => "The file is empty: export the contacts again and attach that file.", "Het bestand is leeg: exporteer de contacten opnieuw en voeg dat bestand toe.";
    ErrImportTooLarge =>
        "The file is {size}; at most 10 MB can be imported. Split it, or export fewer contacts at a time.",
        "Het bestand is {size}; er kan hoogstens 10 MB geïmporteerd worden. Splits het, of exporteer minder contacten tegelijk.";
    ErrImportTooManyRows =>
        "The file has more than {max} contacts. Split it into smaller files and import them one by one.",
        "Het bestand heeft meer dan {max} contacten. Splits het in kleinere bestanden en importeer ze een voor een.";
    ErrImportSpreadsheet =>
        "This is a spreadsheet workbook, not a CSV file. Open it, save it as “CSV UTF-8 (comma delimited)” and import that file.",
        "Dit is een werkmap, geen CSV-bestand. Open het, sla het op als “CSV UTF-8 (door komma's gescheiden)” en importeer dat bestand.";
    ErrImportImage => "This is an image, not a contact list. Attach a CSV or vCard (.vcf) file.", "Dit is een afbeelding, geen contactenlijst. Voeg een CSV- of vCard-bestand (.vcf) toe.";
    ErrImportPdf => "This is a PDF. Export the contacts as CSV or vCard instead.", "Dit is een pdf. Exporteer de contacten als CSV of vCard.";
    ErrImportArchive =>
        "This is a ZIP archive. Unpack it and import the CSV or vCard inside (from LinkedIn: Connections.csv).",
        "Dit is een zip-archief. Pak het uit en importeer de CSV of vCard die erin zit (van LinkedIn: Connections.csv).";
    ErrImportBinary => "This is not a text file. Attach a CSV or vCard (.vcf) file.", "Dit is geen tekstbestand. Voeg een CSV- of vCard-bestand (.vcf) toe.";
    ErrImportNoHeader =>
        "No header line found. baton reads LinkedIn's Connections.csv, Outlook contacts (English or Dutch), vCard files, and any CSV with a header and a column map.",
        "Geen kopregel gevonden. baton leest LinkedIn's Connections.csv, Outlook-contacten (Engels of Nederlands), vCard-bestanden en elke CSV met een kopregel en een kolomindeling.";
    ErrImportNeedsMapping =>
        "These columns are not from LinkedIn or Outlook: {headers}. Say which is which with {option}, e.g. {option}:\"Naam=name,Bedrijf=organisation,Functie=role\".",
        "Deze kolommen komen niet van LinkedIn of Outlook: {headers}. Zeg welke welke is met {option}, bijv. {option}:\"Naam=name,Bedrijf=organisation,Functie=role\".";
    ErrImportMapping =>
        "The column map cannot be read: {problem}. Write it as “Column=target, …”; targets: name, first_name, last_name, email, phone, linkedin, organisation, role, tags.",
        "De kolomindeling is niet te lezen: {problem}. Schrijf “Kolom=doel, …”; doelen: name, first_name, last_name, email, phone, linkedin, organisation, role, tags.";
    ErrImportUnknownBatch => "There is no import #{batch} in this server.", "Er is geen import #{batch} in deze server.";
    ErrImportSettled => "Import #{batch} is {state} already.", "Import #{batch} is al {state}.";
    ErrImportNotConfirmed =>
        "Import #{batch} was never confirmed, so there is nothing to undo.",
        "Import #{batch} is nooit bevestigd, dus er valt niets terug te draaien.";
    ErrImportNotYours =>
        "Import #{batch} was started by {by}: only they or an admin can settle or undo it.",
        "Import #{batch} is gestart door {by}: alleen die of een beheerder kan het afronden of terugdraaien.";
    ErrImportFileOrUndo =>
        "Give a file to import, or undo:<number> to undo an import, not both.",
        "Geef een bestand om te importeren, of terugdraaien:<nummer> om een import terug te draaien, niet allebei.";
    ErrImportCannotOpen =>
        "Cannot open {name}: {problem}. Give the path of a CSV or vCard file.",
        "Kan {name} niet openen: {problem}. Geef het pad van een CSV- of vCard-bestand.";
    Exported =>
        "📤 Everything baton holds about {what} is attached ({count} relations, {format}). It contains personal data: keep it safe and delete it when done.",
        "📤 Alles wat baton over {what} bewaart, zit in de bijlage ({count} relaties, {format}). Het bevat persoonsgegevens: bewaar het veilig en verwijder het als je klaar bent.";
    ExportedAll => "all relations", "alle relaties";
    ErrExportAdminOnly =>
        "Only server admins can export: an export holds every note, restricted ones too.",
        "Alleen serverbeheerders kunnen exporteren: een export bevat alle notities, ook afgeschermde.";
    ErrExportRelationOrAll =>
        "Name one relation, or give all:true for all of them.",
        "Noem één relatie, of geef alles:true voor allemaal.";
    ImportStateConfirmed => "confirmed", "bevestigd";
    ImportStateCancelled => "cancelled", "geannuleerd";
    ImportStateUndone => "undone", "teruggedraaid";
    ImportStatePreview => "waiting to be confirmed", "wacht op bevestiging";
    SettingRestricted =>
        "Restricted contact notes: read by their author and {value}",
        "Afgeschermde contactnotities: gelezen door de schrijver en {value}";
    SettingRestrictedAdmins => "the server's admins", "de serverbeheerders";
    SettingMinimalPosts =>
        "Reminders, digests and handover cards in channels: reference, relation and time only; the rest with their Details button",
        "Herinneringen, overzichten en overdrachten in kanalen: alleen nummer, relatie en tijd; de rest via hun knop Details";
    SettingFullPosts =>
        "Reminders, digests and handover cards in channels: in full (minimal_channel_posts is off)",
        "Herinneringen, overzichten en overdrachten in kanalen: volledig (beknopte_kanaalberichten staat uit)";
    ErasedName => "erased person", "gewiste persoon";
    ErasedText => "(erased)", "(gewist)";
    ForgetPreviewHead =>
        "🧹 Erasing {name} cannot be undone. It overwrites:",
        "🧹 {name} wissen kan niet ongedaan worden. Het overschrijft:";
    ForgetName => "• the name (it becomes “{masked}”){merged}", "• de naam (die wordt “{masked}”){merged}";
    ForgetMergedNames =>
        ", and {count} earlier spelling(s) merged into it",
        ", en {count} eerdere schrijfwijze(n) die erin is samengevoegd";
    ForgetDetails =>
        "• contact details: email, phone, LinkedIn, tags ({count})",
        "• contactgegevens: e-mail, telefoon, LinkedIn, categorieën ({count})";
    ForgetRoles =>
        "• roles at organisations ({count})",
        "• functies bij organisaties ({count})";
    ForgetContacts =>
        "• contact notes ({count})",
        "• contactnotities ({count})";
    ForgetPromises =>
        "• texts of promises and follow-ups ({count})",
        "• teksten van toezeggingen en opvolgingen ({count})";
    ForgetHandovers =>
        "• handover notes ({count})",
        "• overdrachtsnotities ({count})";
    ForgetAppointments =>
        "• subjects, places and notes of appointments ({count})",
        "• onderwerpen, plaatsen en notities van afspraken ({count})";
    ForgetReasons =>
        "• reasons given for moving or declining ({count})",
        "• redenen bij verzetten of weigeren ({count})";
    ForgetPreviews =>
        "• import previews waiting for Confirm, cancelled so they cannot bring the data back ({count})",
        "• importvoorbeelden die op bevestiging wachten, geannuleerd zodat ze de gegevens niet terugbrengen ({count})";
    ForgetKept =>
        "Kept, without any text: that each contact happened (date, via, by whom), that promises were made and kept, and the organisations they were at. Messages already posted in Discord are not changed.",
        "Bewaard, zonder tekst: dat elk contact plaatsvond (datum, via, door wie), dat toezeggingen gedaan en nagekomen zijn, en bij welke organisaties de persoon was. Berichten die al in Discord staan, veranderen niet.";
    ForgetConfirmHint => "Nothing is erased until you confirm (“Erase for good”).", "Er wordt niets gewist tot je bevestigt (“Definitief wissen”).";
    ForgetDone =>
        "🧹 Erased: the person is now “{masked}”. Their details, contact notes ({contacts}) and promise texts ({promises}) are gone; the erasure is in the history.",
        "🧹 Gewist: de persoon heet nu “{masked}”. De gegevens, contactnotities ({contacts}) en toezeggingsteksten ({promises}) zijn weg; het wissen staat in de geschiedenis.";
    ButtonForget => "Erase for good", "Definitief wissen";
    HistoryErased =>
        "🧹 Personal data erased on {when} by {by}: name, contact details, roles, notes and promise texts.",
        "🧹 Persoonsgegevens gewist op {when} door {by}: naam, contactgegevens, functies, notities en toezeggingsteksten.";
    ErrForgetAdminOnly =>
        "Only server admins can erase a person: it cannot be undone.",
        "Alleen serverbeheerders kunnen een persoon wissen: het kan niet ongedaan worden.";
    ErrForgetOrganisation =>
        "{name} is an organisation: only a person's data is erased. To erase someone who works there, name that person.",
        "{name} is een organisatie: alleen de gegevens van een persoon worden gewist. Noem de persoon die er werkt om die te wissen.";
    ErrAlreadyForgotten =>
        "{name} was erased already, on {when}.",
        "{name} is al gewist, op {when}.";
    ErrSearchCommonWords =>
        "Only words nearly every note holds, like “de”, “het” or “the”: search for a name, a role or a word that says what it was about, e.g. offerte.",
        "Alleen woorden die in bijna elke notitie staan, zoals “de”, “het” of “the”: zoek op een naam, een functie of een woord waar het over ging, bijv. offerte.";
}
