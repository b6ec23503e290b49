-- An address book at scale for `cargo bench --bench search`, written in bulk: two guilds
-- (:home and :elsewhere) of :relations relations each (a fifth organisations, the rest
-- persons), :affiliations affiliations with roles and :contacts contacts with Dutch and
-- English summaries. The second guild holds the same words under other names (each ends
-- in " (2)"), so a search or a suggestion that leaks across guilds shows.
--
-- Everything derives from row numbers: every run seeds the same rows. Runs as one session
-- (temporary tables).

SET synchronous_commit = off;
SET maintenance_work_mem = '256MB';

CREATE TEMP TABLE seed_guilds (guild_id bigint NOT NULL, g int NOT NULL, tail text NOT NULL);
INSERT INTO seed_guilds VALUES (:home, 0, ''), (:elsewhere, 1, ' (2)');

INSERT INTO guilds (guild_id, zone, locale, created_at)
SELECT guild_id, NULL, 'nl', timestamptz '2021-01-01 09:00+00' FROM seed_guilds;

INSERT INTO members (guild_id, member_id, display_name, seen_at)
SELECT guild_id, m, 'colleague ' || m, timestamptz '2026-11-01 09:00+00'
FROM seed_guilds, generate_series(1, 20) m;

-- Organisations: a kind of organisation, a place and a part ("Gemeente Utrecht",
-- "Zorggroep Almere Noord", "Northwind Logistics Delft BV"); persons: a first name, a
-- Dutch infix and a surname ("Sanne van der Visser", "Olivia Ashford").
CREATE TEMP TABLE seed_words AS SELECT
    ARRAY['Gemeente', 'Stichting', 'Zorggroep', 'Woonstichting', 'Hogeschool', 'Bakkerij',
          'Advocatenkantoor', 'Adviesbureau', 'Bouwbedrijf', 'Transportbedrijf', 'Installatiebedrijf',
          'Huisartsenpraktijk', 'Tandartspraktijk', 'Accountantskantoor', 'Makelaardij', 'Drukkerij',
          'Garage', 'Kinderopvang', 'Basisschool', 'Sportvereniging', 'Ingenieursbureau',
          'GGD', 'Northwind Logistics', 'Contoso Software', 'Brightside Marketing', 'Design Studio',
          'Greenfield Energy', 'Harbour Healthcare', 'Summit Consulting', 'Atlas Engineering'] AS org_kinds,
    ARRAY['Utrecht', 'Amsterdam', 'Rotterdam', 'Den Haag', 'Eindhoven', 'Groningen', 'Tilburg',
          'Almere', 'Breda', 'Nijmegen', 'Apeldoorn', 'Haarlem', 'Arnhem', 'Enschede', 'Amersfoort',
          'Zaanstad', 'Haarlemmermeer', '''s-Hertogenbosch', 'Zwolle', 'Zoetermeer', 'Leiden',
          'Maastricht', 'Dordrecht', 'Ede', 'Alphen aan den Rijn', 'Leeuwarden', 'Alkmaar', 'Emmen',
          'Westland', 'Delft', 'Venlo', 'Deventer', 'Sittard-Geleen', 'Helmond', 'Oss', 'Amstelveen',
          'Hilversum', 'Heerlen', 'Súdwest-Fryslân', 'Purmerend', 'Schiedam', 'Lelystad',
          'Roosendaal', 'Leidschendam-Voorburg', 'Gouda', 'Vlaardingen', 'Assen', 'Bergen op Zoom',
          'Capelle aan den IJssel', 'Veenendaal', 'Katwijk', 'Zeist', 'Nieuwegein', 'Hoorn',
          'Wageningen', 'Houten', 'Woerden', 'Barneveld', 'Harderwijk', 'Doetinchem'] AS places,
    ARRAY['', ' Noord', ' Zuid', ' Oost', ' West', ' Centrum', ' BV', ' Groep', ' Holding',
          ' International', ' en Partners', ' Services'] AS org_parts,
    ARRAY['Jan', 'Piet', 'Klaas', 'Henk', 'Sanne', 'Lotte', 'Emma', 'Sophie', 'Daan', 'Luuk',
          'Bram', 'Sem', 'Julia', 'Tess', 'Fleur', 'Noor', 'Lieke', 'Anouk', 'Ruben', 'Thijs',
          'Joost', 'Maarten', 'Willem', 'Gerrit', 'Kees', 'Annelies', 'Marieke', 'Ingrid', 'Femke',
          'Mirjam', 'Zoë', 'Chloë', 'Anaïs', 'Loïs', 'Joëlle', 'Hendrik', 'Wouter', 'Sjoerd', 'Femmy',
          'Ilse', 'Gijs', 'Stijn', 'Koen', 'Niels', 'Pieter', 'Floor', 'Roos', 'Merel', 'Jasper', 'Bas',
          'John', 'Emily', 'James', 'Olivia', 'Michael', 'Sarah', 'David', 'Jessica', 'Robert',
          'Laura', 'William', 'Hannah', 'Thomas', 'Rachel', 'Daniel', 'Rebecca', 'Matthew', 'Amy',
          'Andrew', 'Charlotte', 'George', 'Grace', 'Oliver', 'Lucy', 'Henry', 'Alice', 'Jack',
          'Ella', 'Harry', 'Megan', 'Samuel', 'Isabel', 'Joseph', 'Holly', 'Edward', 'Abigail',
          'Benjamin', 'Victoria', 'Christopher', 'Natalie', 'Peter', 'Helen', 'Richard', 'Karen',
          'Steven', 'Susan', 'Mark', 'Linda', 'Paul', 'Nancy'] AS first_names,
    ARRAY['', 'de ', 'van ', 'van der '] AS infixes,
    ARRAY['Bak', 'Vis', 'Smit', 'Mul', 'Jan', 'Hen', 'Dek', 'Brou', 'Dijk', 'Kos', 'Mei', 'Bos',
          'Wil', 'Vos', 'Graaf', 'Ber', 'Hoek', 'Kui', 'Stee', 'Dui'] AS nl_stems,
    ARRAY['ker', 'ser', 'sen', 'der', 'stra', 'man', 'hof', 'berg', 'veld', 'huis'] AS nl_tails,
    ARRAY['Ash', 'Black', 'Brad', 'Clay', 'Crom', 'Fair', 'Hart', 'Lang', 'Mor', 'Red', 'Ship',
          'Stan', 'Thorn', 'Wal', 'Whit', 'Wood', 'Ald', 'Bex', 'Chat', 'Dun'] AS en_stems,
    ARRAY['ford', 'ley', 'ton', 'well', 'wood', 'field', 'by', 'more', 'wick', 'ham'] AS en_tails,
    ARRAY['wethouder', 'beleidsadviseur', 'beleidsmedewerker', 'inkoper', 'directeur', 'projectleider',
          'teamleider', 'accountmanager', 'huisarts', 'verpleegkundige', 'jurist', 'controller',
          'officemanager', 'HR-adviseur', 'communicatieadviseur', 'manager bedrijfsvoering',
          'senior consultant', 'procurement officer', 'policy advisor', 'account manager', 'CEO',
          'CFO', 'CTO', 'head of sales', 'product owner', 'software engineer', 'data analyst',
          'marketing manager', 'operations manager', 'receptionist', 'secretaris', 'penningmeester',
          'voorzitter', 'bestuurder', 'coördinator jeugdzorg', 'wijkverpleegkundige', 'casemanager',
          'planner', 'logistiek medewerker', 'inkoopadviseur'] AS roles,
    ARRAY['Gebeld over', 'Overleg gehad over', 'Mail gestuurd over', 'Afspraak gehad over',
          'Kort gesproken over', 'Teams-gesprek over', 'Bezoek ter plaatse voor', 'Teruggebeld over',
          'Vergadering met het team over', 'Bij de koffie gesproken over'] AS nl_openers,
    ARRAY['de offerte voor het onderhoud', 'de planning van het project', 'het contract voor volgend jaar',
          'de factuur van maart', 'de subsidieaanvraag', 'de aanbesteding jeugdzorg',
          'een nieuwe samenwerking', 'de verlenging van de overeenkomst', 'het rapport over de wijkaanpak',
          'de begroting voor 2027', 'de aangepaste offerte', 'de levering van de materialen',
          'de klachten over de dienstverlening', 'het onderhoudscontract', 'de verhuizing naar het nieuwe pand',
          'de personeelsplanning', 'de prijsverhoging', 'de evaluatie van het pilotproject',
          'de offerte voor de schoonmaak', 'de vacature voor een projectleider', 'de openstaande facturen',
          'de nieuwe huisstijl', 'het beleidsplan', 'de kwartaalcijfers', 'de training voor medewerkers',
          'de inkoop van laptops', 'het jaarverslag', 'de privacyverklaring', 'de wachtlijsten in de zorg',
          'de digitale werkplek'] AS nl_topics,
    ARRAY['Stuurt volgende week een voorstel.', 'Wil graag een vervolgafspraak.',
          'Wacht op akkoord van de directeur.', 'Offerte volgt vrijdag.',
          'Prijs is nog te hoog, we onderhandelen verder.', 'Alles akkoord, contract wordt getekend.',
          'Neemt contact op na de vakantie.', 'Heeft vragen over de voorwaarden.',
          'Is tevreden over de samenwerking.', 'Vraagt om een nieuwe offerte.',
          'Zoekt uit wie het budget beheert.', 'Belt terug zodra het bestuur heeft besloten.',
          'Stuurt de stukken per mail.', 'Planning schuift een maand op.',
          'Graag voor het eind van het kwartaal afronden.', 'Twijfelt nog tussen twee leveranciers.',
          'Wil de offerte eerst intern bespreken.', 'Heeft een nieuwe contactpersoon voorgesteld.',
          'Komt met een tegenvoorstel.', 'Geen actie nodig.'] AS nl_closers,
    ARRAY['Called about', 'Meeting about', 'Emailed regarding', 'Quick chat about', 'Video call on',
          'Site visit for', 'Lunch meeting about', 'Phoned back about', 'Workshop on',
          'Follow-up call about'] AS en_openers,
    ARRAY['the quote for maintenance', 'the project planning', 'next year''s contract',
          'the March invoice', 'the grant application', 'the tender for youth care',
          'a new partnership', 'renewing the agreement', 'the report on the neighbourhood approach',
          'the 2027 budget', 'the revised quote', 'the delivery of materials',
          'complaints about the service', 'the maintenance contract', 'moving to the new office',
          'staff planning', 'the price increase', 'evaluating the pilot project',
          'the cleaning quote', 'the project manager vacancy', 'outstanding invoices',
          'the new branding', 'the policy plan', 'the quarterly figures', 'staff training',
          'buying laptops', 'the annual report', 'the privacy statement', 'waiting lists in care',
          'the digital workplace'] AS en_topics,
    ARRAY['Will send a proposal next week.', 'Wants a follow-up meeting.',
          'Waiting for sign-off from the director.', 'Quote follows on Friday.',
          'Price is still too high, negotiating further.', 'All agreed, the contract will be signed.',
          'Will get back to us after the holidays.', 'Has questions about the terms.',
          'Happy with how we work together.', 'Asks for a new quote.',
          'Finding out who holds the budget.', 'Will call back once the board has decided.',
          'Sends the documents by email.', 'Planning moves a month.',
          'Wants to wrap up before the end of the quarter.', 'Still choosing between two suppliers.',
          'Wants to discuss the quote internally first.', 'Suggested a new contact person.',
          'Will come back with a counter-proposal.', 'No action needed.'] AS en_closers,
    -- What else came up: a long tail of subjects, as real notes have ("Ook het
    -- parkeerbeleid besproken.", "Also touched on the school transport budget.").
    ARRAY['parkeer', 'verkeers', 'afval', 'energie', 'water', 'huur', 'zorg', 'jeugd', 'school',
          'sport', 'cultuur', 'groen', 'bouw', 'woning', 'subsidie', 'inkoop', 'personeels', 'ict',
          'privacy', 'veiligheids', 'vervoer', 'onderwijs', 'welzijn', 'armoede', 'schuld',
          'participatie', 'klimaat', 'wijk', 'monumenten', 'evenementen', 'horeca', 'markt',
          'archief', 'belasting', 'grond', 'riool', 'speeltuin', 'bibliotheek', 'zwembad', 'haven'] AS nl_subject_heads,
    ARRAY['beleid', 'plan', 'budget', 'contract', 'overleg', 'rapport', 'traject', 'regeling',
          'aanvraag', 'visie', 'project', 'loket', 'team', 'onderzoek', 'protocol', 'agenda',
          'begroting', 'nota', 'pilot', 'aanbesteding', 'evaluatie', 'convenant', 'register',
          'planning', 'fonds', 'programma', 'raad', 'kaart', 'norm', 'systeem'] AS nl_subject_tails,
    ARRAY['parking', 'traffic', 'waste', 'energy', 'water', 'rent', 'care', 'youth', 'school',
          'sports', 'culture', 'parks', 'building', 'housing', 'grant', 'purchasing', 'staffing',
          'IT', 'privacy', 'safety', 'transport', 'education', 'wellbeing', 'debt', 'climate',
          'district', 'heritage', 'events', 'catering', 'archive'] AS en_subject_heads,
    ARRAY['policy', 'plan', 'budget', 'contract', 'review', 'report', 'roadmap', 'scheme',
          'application', 'vision', 'project', 'desk', 'team', 'study', 'protocol', 'agenda',
          'forecast', 'memo', 'pilot', 'tender', 'evaluation', 'covenant', 'register',
          'schedule', 'fund'] AS en_subject_tails,
    -- Words a handful of summaries hold (one in :rare_every): the "rare word" searches.
    ARRAY['Asbestsanering ter sprake gekomen.', 'Mentioned the asbestos survey.',
          'Zonnepanelen op het dak besproken.', 'Discussed the heat pump subsidy.'] AS rare_notes;

-- Relations, both guilds interleaved as a live database holds them.
INSERT INTO relations (guild_id, kind, name, name_key, created_by, created_at, updated_at, source)
SELECT g.guild_id, r.kind, r.name || g.tail, baton_fold(r.name || g.tail), 1 + n % 20,
       timestamptz '2021-01-01 09:00+00' + n * interval '13 minutes',
       timestamptz '2021-01-01 09:00+00' + n * interval '13 minutes', 'import'
FROM generate_series(0, :relations - 1) n
CROSS JOIN seed_guilds g
CROSS JOIN seed_words w
CROSS JOIN LATERAL (
    SELECT CASE WHEN n % 5 = 0 THEN 'organisation' ELSE 'person' END AS kind,
           CASE WHEN n % 5 = 0 THEN
               -- The n / 5-th organisation.
               w.org_kinds[1 + (n / 5) % 30] || ' ' || w.places[1 + (n / 5 / 30) % 60]
                   || w.org_parts[1 + (n / 5 / 1800) % 12]
                   || CASE WHEN n / 5 >= 21600 THEN ' ' || (n / 5 / 21600 + 1) ELSE '' END
           ELSE (
               -- The p-th person: 100 first names × 200 surnames × 4 infixes.
               SELECT w.first_names[1 + p % 100] || ' '
                      || CASE WHEN (p / 100) % 200 < 100
                              THEN w.infixes[1 + (p / 20000) % 4] || w.nl_stems[1 + (p / 100) % 20] || w.nl_tails[1 + (p / 2000) % 10]
                              ELSE w.en_stems[1 + (p / 100) % 20] || w.en_tails[1 + (p / 2000) % 10]
                                   || CASE WHEN (p / 20000) % 4 > 0 THEN '-' || w.en_stems[1 + (p / 20000) % 4 + 4] ELSE '' END
                         END
                      || CASE WHEN p >= 80000 THEN ' ' || (p / 80000 + 1) ELSE '' END
               FROM (SELECT n - n / 5 - 1 AS p) person)
           END AS name
) r
ORDER BY n, g.g;

CREATE TEMP TABLE seed_ids AS
SELECT guild_id, kind, relation_id,
       (row_number() OVER (PARTITION BY guild_id ORDER BY relation_id) - 1)::int AS n,
       (row_number() OVER (PARTITION BY guild_id, kind ORDER BY relation_id) - 1)::int AS ordinal
FROM relations WHERE guild_id IN (SELECT guild_id FROM seed_guilds);
CREATE INDEX ON seed_ids (guild_id, kind, ordinal);
CREATE INDEX ON seed_ids (guild_id, n);
ANALYZE seed_ids;
CREATE TEMP TABLE seed_counts AS
SELECT guild_id, count(*)::int AS relations,
       count(*) FILTER (WHERE kind = 'organisation')::int AS organisations,
       count(*) FILTER (WHERE kind = 'person')::int AS persons
FROM seed_ids GROUP BY guild_id;

-- Affiliations: every person works at one organisation now, and some worked at up to three
-- before; most have a role.
INSERT INTO affiliations (guild_id, person_id, organisation_id, role, since, until, created_by, created_at)
SELECT g.guild_id, person.relation_id, org.relation_id,
       CASE WHEN (a.p + a.k) % 10 = 0 THEN NULL ELSE w.roles[1 + (a.p * 3 + a.k * 7) % 40] END,
       a.since, CASE WHEN a.k > 0 THEN a.since + interval '2 years' END,
       1 + a.p % 20, a.since
FROM generate_series(0, :affiliations - 1) j
CROSS JOIN seed_guilds g
JOIN seed_counts c ON c.guild_id = g.guild_id
CROSS JOIN seed_words w
CROSS JOIN LATERAL (
    SELECT j % c.persons AS p, j / c.persons AS k,
           timestamptz '2024-01-01 09:00+00' - (j / c.persons) * interval '3 years'
               - (j % c.persons % 1000) * interval '1 day' AS since
) a
JOIN seed_ids person ON person.guild_id = g.guild_id AND person.kind = 'person' AND person.ordinal = a.p
JOIN seed_ids org ON org.guild_id = g.guild_id AND org.kind = 'organisation'
                 AND org.ordinal = (a.p * 7 + a.k * 3331) % c.organisations
ORDER BY j, g.g;

-- Contacts over five years, newest last as they were logged: three in five in Dutch, one in
-- twenty restricted; some name who was spoken to, another subject or an invoice number, and
-- one in :rare_every holds a rare word.
INSERT INTO contacts (guild_id, relation_id, occurred_at, via, logged_by, summary, restricted, created_at)
SELECT g.guild_id, r.relation_id, x.at,
       (ARRAY['phone', 'email', 'meeting', 'visit', 'video', 'chat', 'letter'])[1 + x.h % 7],
       1 + (x.h / 7) % 20,
       CASE WHEN j % 5 < 3
            THEN w.nl_openers[1 + x.h % 10] || ' ' || w.nl_topics[1 + (x.h / 10) % 30] || '.'
                 || CASE WHEN x.k % 3 = 0
                         THEN ' Ook het ' || w.nl_subject_heads[1 + (x.k / 3) % 40] || w.nl_subject_tails[1 + (x.k / 120) % 30] || ' besproken.'
                         ELSE '' END
                 || ' ' || w.nl_closers[1 + (x.h / 300) % 20]
                 || CASE WHEN x.k / 3600 % 4 = 0 THEN ' Gesproken met ' || w.first_names[1 + x.k / 14400 % 100] || '.' ELSE '' END
                 || CASE WHEN x.k / 1440000 % 5 = 0 THEN ' Factuur ' || (2021 + j % 6) || '-' || lpad((x.k % 10000)::text, 4, '0') || '.' ELSE '' END
            ELSE w.en_openers[1 + x.h % 10] || ' ' || w.en_topics[1 + (x.h / 10) % 30] || '.'
                 || CASE WHEN x.k % 3 = 0
                         THEN ' Also touched on the ' || w.en_subject_heads[1 + (x.k / 3) % 30] || ' ' || w.en_subject_tails[1 + (x.k / 90) % 25] || '.'
                         ELSE '' END
                 || ' ' || w.en_closers[1 + (x.h / 300) % 20]
                 || CASE WHEN x.k / 3600 % 4 = 0 THEN ' Spoke with ' || w.first_names[1 + x.k / 14400 % 100] || '.' ELSE '' END
                 || CASE WHEN x.k / 1440000 % 5 = 0 THEN ' Invoice ' || (2021 + j % 6) || '-' || lpad((x.k % 10000)::text, 4, '0') || '.' ELSE '' END
       END
       || CASE WHEN j % :rare_every = 7 THEN ' ' || w.rare_notes[1 + (j / :rare_every) % 4] ELSE '' END,
       (x.h / 6000) % 20 = 0,
       x.at + interval '2 hours'
FROM generate_series(0::bigint, :contacts - 1) j
CROSS JOIN seed_guilds g
JOIN seed_counts c ON c.guild_id = g.guild_id
CROSS JOIN seed_words w
CROSS JOIN LATERAL (
    SELECT abs(hashint8(j)::bigint) AS h, abs(hashint8(j + 1000000007)::bigint) AS k,
           timestamptz '2021-12-01 09:00+00' + j * (157680000.0 / :contacts) * interval '1 second'
               + (abs(hashint8(j)::bigint) % 172800) * interval '1 second' AS at
) x
JOIN seed_ids r ON r.guild_id = g.guild_id AND r.n = (j * 7919) % c.relations
ORDER BY j, g.g;

-- A few organisations were merged into their neighbour: their rows stay, out of search.
UPDATE relations m SET merged_into = keep.relation_id, updated_at = timestamptz '2026-06-01 09:00+00'
FROM seed_ids gone
JOIN seed_ids keep ON keep.guild_id = gone.guild_id AND keep.kind = 'organisation'
                  AND keep.ordinal = gone.ordinal - 1
WHERE gone.kind = 'organisation' AND gone.ordinal % 200 = 199
  AND m.guild_id = gone.guild_id AND m.relation_id = gone.relation_id;
