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
    ReadAs =>
        "“{phrase}” read as {instant}",
        "“{phrase}” gelezen als {instant}";

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
        "/as NAME: act as a colleague",
        "/as NAAM: werk als een collega";
    ConsoleHelpQuit =>
        "/quit: leave",
        "/quit: stoppen";
    ConsoleRequired => "required", "verplicht";
    Yes => "yes", "ja";
    No => "no", "nee";
    Or => "or", "of";
}
