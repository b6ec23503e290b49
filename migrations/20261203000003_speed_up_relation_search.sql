-- Search and autocomplete at the size of a real address book (100,000 relations and a
-- million contacts a guild).
--
-- A text's search words are stored beside it instead of computed again for every row a
-- search reads: tens of microseconds a contact summary, so ranking a few hundred summaries
-- took longer than everything else. The full-text indexes cover those columns.

-- The search words of what someone typed, as Dutch and as English words. Empty when every
-- word is one that a language leaves out ("de het", "the of"): the other language keeps
-- it, and it matches nearly every text. PL/pgSQL, as its plan is kept for the session:
-- a search folds it into its own plan, where a SQL function would be planned anew.
CREATE FUNCTION baton_search_query(input text) RETURNS tsquery
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
    -- The parsers remark on every word they leave out; the search says so itself.
    SET client_min_messages = warning
    AS $$
DECLARE
    key text := baton_fold(input);
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM unnest(tsvector_to_array(to_tsvector('simple'::regconfig, key))) word
        WHERE to_tsvector('dutch'::regconfig, word) <> ''::tsvector
          AND to_tsvector('english'::regconfig, word) <> ''::tsvector
    ) THEN
        RETURN ''::tsquery;
    END IF;
    -- Both halves even when they read alike ('offert' | 'offert'): one alone ranks and
    -- marks matches differently, and leaving it out saves nothing measurable.
    RETURN websearch_to_tsquery('dutch'::regconfig, key) || websearch_to_tsquery('english'::regconfig, key);
END
$$;

-- baton_search_doc is IMMUTABLE (its dictionary named, see baton_fold), as a stored
-- column needs. Adding the columns rewrites the three tables once.
ALTER TABLE relations ADD COLUMN name_doc tsvector GENERATED ALWAYS AS (baton_search_doc(name)) STORED;
ALTER TABLE affiliations ADD COLUMN role_doc tsvector GENERATED ALWAYS AS (baton_search_doc(role)) STORED;
ALTER TABLE contacts ADD COLUMN summary_doc tsvector GENERATED ALWAYS AS (baton_search_doc(summary)) STORED;

DROP INDEX relations_name_search;
DROP INDEX affiliations_role_search;
DROP INDEX contacts_summary_search;

CREATE INDEX relations_name_doc ON relations USING gin (guild_id, name_doc) WHERE merged_into IS NULL;
CREATE INDEX affiliations_role_doc ON affiliations USING gin (guild_id, role_doc) WHERE role IS NOT NULL;
-- Without the guild: with it, every lookup of a word also walks the guild's entry, which
-- lists each of its contacts; the rows found are checked for their guild instead.
CREATE INDEX contacts_summary_doc ON contacts USING gin (summary_doc);
-- A common word's newest matches, read back from now instead of collecting every match.
CREATE INDEX contacts_by_time ON contacts (guild_id, occurred_at DESC);

-- Names containing or looking like what is typed, among one guild's live relations only.
-- The first migration's index over every guild's names is no longer used.
CREATE INDEX relations_name_trgm_live ON relations USING gin (guild_id, name_key gin_trgm_ops) WHERE merged_into IS NULL;
DROP INDEX relations_name_trgm;
