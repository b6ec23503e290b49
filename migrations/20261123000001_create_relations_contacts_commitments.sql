-- The shared history: guilds, the colleagues in them, their relations, logged contacts,
-- commitments (who holds the ball) and an append-only event log of every change.
-- Every row carries guild_id; foreign keys include it, so nothing can point across guilds.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE guilds (
    guild_id    bigint PRIMARY KEY,
    -- NULL: the configured default.
    zone        text,
    locale      text CHECK (locale IN ('en', 'nl')),
    created_at  timestamptz NOT NULL
);

-- Short commitment references (P-1, P-2, …) count per guild. Each guild gets its own
-- sequence on first use: unlike a counter row, a sequence never makes concurrent commands
-- wait for each other's commit. A failed command may leave a gap; a number is never reused.
CREATE FUNCTION next_commitment_ref(guild bigint) RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
    seq text := quote_ident('commitment_refs_' || guild::text);
BEGIN
    IF to_regclass(seq) IS NULL THEN
        BEGIN
            EXECUTE format('CREATE SEQUENCE IF NOT EXISTS %s AS integer', seq);
        EXCEPTION WHEN unique_violation OR duplicate_table THEN
            -- Another session created it at the same moment: use theirs.
            NULL;
        END;
    END IF;
    RETURN nextval(seq::regclass);
END;
$$;

CREATE TABLE members (
    guild_id      bigint NOT NULL REFERENCES guilds ON DELETE CASCADE,
    member_id     bigint NOT NULL,
    display_name  text NOT NULL,
    seen_at       timestamptz NOT NULL,
    PRIMARY KEY (guild_id, member_id)
);

CREATE TABLE relations (
    guild_id     bigint NOT NULL REFERENCES guilds ON DELETE CASCADE,
    relation_id  bigint GENERATED ALWAYS AS IDENTITY,
    kind         text NOT NULL DEFAULT 'organisation' CHECK (kind IN ('organisation', 'person')),
    name         text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
    -- Lower-cased, single-spaced name: one relation per key per guild.
    name_key     text NOT NULL,
    created_by   bigint NOT NULL,
    created_at   timestamptz NOT NULL,
    PRIMARY KEY (guild_id, relation_id),
    UNIQUE (guild_id, name_key)
);

-- Autocomplete matches anywhere in the name.
CREATE INDEX relations_name_trgm ON relations USING gin (name_key gin_trgm_ops);

CREATE TABLE contacts (
    guild_id     bigint NOT NULL,
    contact_id   bigint GENERATED ALWAYS AS IDENTITY,
    relation_id  bigint NOT NULL,
    occurred_at  timestamptz NOT NULL,
    via          text NOT NULL CHECK (via IN ('phone', 'email', 'meeting', 'visit', 'video', 'chat', 'letter')),
    logged_by    bigint NOT NULL,
    summary      text NOT NULL CHECK (char_length(summary) BETWEEN 1 AND 1000),
    -- Personal or sensitive: the summary is shown to its author and admins only.
    restricted   boolean NOT NULL DEFAULT false,
    channel_id   bigint,
    created_at   timestamptz NOT NULL,
    PRIMARY KEY (guild_id, contact_id),
    FOREIGN KEY (guild_id, relation_id) REFERENCES relations ON DELETE CASCADE
);

CREATE INDEX contacts_by_relation ON contacts (guild_id, relation_id, occurred_at DESC);
-- "Your recent relations" for an empty autocomplete.
CREATE INDEX contacts_by_logger ON contacts (guild_id, logged_by, created_at DESC);

CREATE TABLE commitments (
    guild_id       bigint NOT NULL,
    commitment_id  bigint GENERATED ALWAYS AS IDENTITY,
    ref            integer NOT NULL,
    relation_id    bigint NOT NULL,
    -- The contact a follow-up came from.
    contact_id     bigint,
    kind           text NOT NULL CHECK (kind IN ('promise', 'follow_up')),
    direction      text NOT NULL DEFAULT 'we_owe' CHECK (direction IN ('we_owe', 'they_owe')),
    certainty      text NOT NULL DEFAULT 'expected' CHECK (certainty IN ('confirmed', 'expected', 'hope')),
    what           text NOT NULL CHECK (char_length(what) BETWEEN 1 AND 200),
    depends_on     text CHECK (char_length(depends_on) <= 200),
    -- Who holds the ball.
    owner_id       bigint NOT NULL,
    created_by     bigint NOT NULL,
    channel_id     bigint,
    due_at         timestamptz NOT NULL,
    -- A heads-up this many minutes before the due time.
    remind_before_minutes  integer CHECK (remind_before_minutes > 0),
    status         text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'cancelled')),
    closed_at      timestamptz,
    closed_by      bigint,
    close_note     text CHECK (char_length(close_note) <= 500),
    created_at     timestamptz NOT NULL,
    PRIMARY KEY (guild_id, commitment_id),
    UNIQUE (guild_id, ref),
    FOREIGN KEY (guild_id, relation_id) REFERENCES relations ON DELETE CASCADE,
    FOREIGN KEY (guild_id, contact_id) REFERENCES contacts ON DELETE CASCADE,
    CHECK ((status = 'open') = (closed_at IS NULL))
);

CREATE INDEX commitments_open_by_owner ON commitments (guild_id, owner_id, due_at) WHERE status = 'open';
CREATE INDEX commitments_open_by_relation ON commitments (guild_id, relation_id, due_at) WHERE status = 'open';

-- Append-only audit of every change. Details never hold a contact's note: notes about
-- people stay in one place, where they can be restricted or erased.
CREATE TABLE events (
    event_id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    guild_id      bigint NOT NULL REFERENCES guilds ON DELETE CASCADE,
    at            timestamptz NOT NULL,
    actor_id      bigint NOT NULL,
    action        text NOT NULL,
    subject_kind  text NOT NULL,
    subject_id    bigint NOT NULL,
    -- The relation the change concerns, so a relation's history can show it.
    relation_id   bigint,
    detail        jsonb NOT NULL DEFAULT '{}'
);

CREATE INDEX events_by_subject ON events (guild_id, subject_kind, subject_id, at);
CREATE INDEX events_by_relation ON events (guild_id, relation_id, at) WHERE relation_id IS NOT NULL;

-- Events are never changed, and only disappear with their guild (a cascade runs one
-- trigger level deeper than a direct DELETE).
CREATE FUNCTION events_are_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' AND pg_trigger_depth() > 1 THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'events are append-only (%)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER events_append_only
    BEFORE UPDATE OR DELETE ON events
    FOR EACH ROW EXECUTE FUNCTION events_are_append_only();
