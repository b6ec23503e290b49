-- Relations become a shared address book: persons with affiliations to organisations over
-- time, contact details, an account owner and a keep-in-touch cadence; names that match
-- without regard to accents; full-text search over names, roles and contact summaries.

CREATE EXTENSION IF NOT EXISTS unaccent;
-- Lets one GIN index hold the guild beside the text, so a search never reads another
-- guild's matches.
CREATE EXTENSION IF NOT EXISTS btree_gin;

-- unaccent is only STABLE (its rules file could change); baton's keys and indexes need an
-- IMMUTABLE form, so the dictionary is named explicitly. Lower-cased, accents folded,
-- whitespace collapsed: the same key the domain computes ("Zoë  Bakker" = "zoe bakker").
CREATE FUNCTION baton_fold(input text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary,
                                       regexp_replace(btrim(input), '\s+', ' ', 'g'))) $$;

-- A text as both Dutch and English words, so "offertes" finds "offerte" and "quotes"
-- finds "quote" whichever language a colleague wrote in.
CREATE FUNCTION baton_search_doc(input text) RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT to_tsvector('dutch'::regconfig, coalesce(baton_fold(input), ''))
              || to_tsvector('english'::regconfig, coalesce(baton_fold(input), '')) $$;

ALTER TABLE relations
    ADD COLUMN email         text CHECK (char_length(email) <= 254),
    ADD COLUMN phone         text CHECK (char_length(phone) <= 40),
    ADD COLUMN linkedin      text CHECK (char_length(linkedin) <= 200),
    ADD COLUMN tags          text[] NOT NULL DEFAULT '{}',
    -- No logged contact for this long nudges the account owner.
    ADD COLUMN keep_in_touch interval CHECK (keep_in_touch >= interval '7 days'),
    -- The colleague who is the relation's first point of contact.
    ADD COLUMN owner_id      bigint,
    ADD COLUMN source        text NOT NULL DEFAULT 'chat' CHECK (source IN ('chat', 'import')),
    ADD COLUMN import_batch_id bigint,
    -- Merged into another relation: the row stays, so its name still leads there and the
    -- events about it keep their subject.
    ADD COLUMN merged_into   bigint,
    ADD COLUMN updated_at    timestamptz,
    ADD FOREIGN KEY (guild_id, merged_into) REFERENCES relations (guild_id, relation_id) ON DELETE SET NULL (merged_into),
    ADD CHECK (merged_into IS NULL OR merged_into <> relation_id);

-- Until now no command could say whether a relation is a person or an organisation: the
-- stored kind was only the column's default. It is unknown (NULL) until someone says so,
-- or until a relation is used as one (a person moving to it makes it an organisation).
ALTER TABLE relations ALTER COLUMN kind DROP NOT NULL, ALTER COLUMN kind DROP DEFAULT;
UPDATE relations SET kind = NULL, updated_at = created_at;
ALTER TABLE relations ALTER COLUMN updated_at SET NOT NULL;

-- Fold the existing keys. Where two relations would fold to one key ("Zoë" and "Zoe"),
-- both keep the key they had: nothing is merged behind anyone's back, and `/relation
-- merge` can join them.
UPDATE relations r SET name_key = baton_fold(r.name)
WHERE r.name_key <> baton_fold(r.name)
  AND NOT EXISTS (
      SELECT 1 FROM relations other
      WHERE other.guild_id = r.guild_id AND other.relation_id <> r.relation_id
        AND baton_fold(other.name) = baton_fold(r.name));

-- Autocomplete: names starting with what is typed (byte order, so a range scan serves it),
-- then names containing it or looking like it (the trigram index of the first migration).
CREATE INDEX relations_name_prefix ON relations (guild_id, name_key COLLATE "C") WHERE merged_into IS NULL;
CREATE INDEX relations_name_search ON relations USING gin (guild_id, baton_search_doc(name));
CREATE INDEX relations_by_owner ON relations (guild_id, owner_id) WHERE owner_id IS NOT NULL;

-- A person's place in an organisation over time. `until` NULL: still there. A person may
-- hold several at once, but not two overlapping periods at one organisation.
CREATE TABLE affiliations (
    guild_id        bigint NOT NULL,
    affiliation_id  bigint GENERATED ALWAYS AS IDENTITY,
    person_id       bigint NOT NULL,
    organisation_id bigint NOT NULL,
    role            text CHECK (char_length(role) BETWEEN 1 AND 100),
    since           timestamptz NOT NULL,
    until           timestamptz,
    created_by      bigint NOT NULL,
    created_at      timestamptz NOT NULL,
    import_batch_id bigint,
    PRIMARY KEY (guild_id, affiliation_id),
    FOREIGN KEY (guild_id, person_id) REFERENCES relations (guild_id, relation_id) ON DELETE CASCADE,
    FOREIGN KEY (guild_id, organisation_id) REFERENCES relations (guild_id, relation_id) ON DELETE CASCADE,
    CHECK (person_id <> organisation_id),
    CHECK (until IS NULL OR until >= since)
);

CREATE INDEX affiliations_by_person ON affiliations (guild_id, person_id, since DESC);
CREATE INDEX affiliations_by_organisation ON affiliations (guild_id, organisation_id, since DESC);
CREATE INDEX affiliations_role_search ON affiliations USING gin (guild_id, baton_search_doc(role)) WHERE role IS NOT NULL;

CREATE INDEX contacts_summary_search ON contacts USING gin (guild_id, baton_search_doc(summary));
