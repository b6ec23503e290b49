-- An import is a batch: first a preview (the rows read wait in `pending`), then confirmed
-- or cancelled. Once settled the rows read are dropped, so the file's contents are not kept
-- beyond what became relations. Every relation an import created or changed has a change
-- row with what it was before, so the import can be undone; `fingerprint` is the
-- relation's details right after the import (`baton_relation_fingerprint`), so a relation
-- changed again since is left alone.
CREATE TABLE import_batches (
    guild_id    bigint NOT NULL REFERENCES guilds (guild_id) ON DELETE CASCADE,
    batch_id    bigint GENERATED ALWAYS AS IDENTITY,
    created_by  bigint NOT NULL,
    created_at  timestamptz NOT NULL,
    file_name   text CHECK (char_length(file_name) <= 200),
    format      text NOT NULL,
    state       text NOT NULL CHECK (state IN ('preview', 'confirmed', 'cancelled', 'undone')),
    pending     jsonb,
    counts      jsonb NOT NULL,
    settled_by  bigint,
    settled_at  timestamptz,
    PRIMARY KEY (guild_id, batch_id),
    CHECK (state = 'preview' OR pending IS NULL)
);

CREATE TABLE import_changes (
    guild_id    bigint NOT NULL,
    batch_id    bigint NOT NULL,
    relation_id bigint NOT NULL,
    created     boolean NOT NULL,
    before      jsonb,
    fingerprint text NOT NULL,
    PRIMARY KEY (guild_id, batch_id, relation_id),
    FOREIGN KEY (guild_id, batch_id) REFERENCES import_batches (guild_id, batch_id) ON DELETE CASCADE,
    FOREIGN KEY (guild_id, relation_id) REFERENCES relations (guild_id, relation_id) ON DELETE CASCADE
);

-- What an edit can change of a relation, in one value to compare.
CREATE FUNCTION baton_relation_fingerprint(r relations) RETURNS text LANGUAGE sql STABLE AS $$
    SELECT md5(row(r.name, r.kind, r.email, r.phone, r.linkedin, r.tags, r.keep_in_touch, r.owner_id,
                   r.merged_into)::text)
$$;

CREATE INDEX relations_by_email ON relations (guild_id, lower(email)) WHERE email IS NOT NULL;
CREATE INDEX relations_by_linkedin ON relations (guild_id, lower(linkedin)) WHERE linkedin IS NOT NULL;
