-- Handovers a colleague must accept, and absences that route a member's work to a backup.

CREATE EXTENSION IF NOT EXISTS btree_gist;

-- How long a handover may wait for its answer before the recipient is nudged, in the
-- canonical form the domain reads ("4 working hours"); NULL is the configured default.
ALTER TABLE guilds ADD COLUMN handover_ack_within text;

-- The colleague who is a relation's first point of contact; a handover makes the recipient it.
ALTER TABLE relations ADD COLUMN contact_person_id bigint;

-- Short per-guild references (P-1, H-1, …): one sequence per kind and guild, made on first
-- use. A sequence never makes concurrent commands wait for each other's commit; a failed
-- command may leave a gap, and a number is never reused.
CREATE FUNCTION next_guild_ref(kind text, guild bigint) RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
    seq text := quote_ident(kind || '_refs_' || guild::text);
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

-- The commitment counter keeps its sequences (commitment_refs_<guild>).
CREATE OR REPLACE FUNCTION next_commitment_ref(guild bigint) RETURNS integer LANGUAGE sql AS $$
    SELECT next_guild_ref('commitment', guild);
$$;

CREATE FUNCTION next_handover_ref(guild bigint) RETURNS integer LANGUAGE sql AS $$
    SELECT next_guild_ref('handover', guild);
$$;

-- A transfer of the ball for one relation. Until it is accepted the sender holds the ball.
CREATE TABLE handovers (
    guild_id      bigint NOT NULL REFERENCES guilds ON DELETE CASCADE,
    handover_id   bigint GENERATED ALWAYS AS IDENTITY,
    ref           integer NOT NULL,
    relation_id   bigint NOT NULL,
    from_id       bigint NOT NULL,
    to_id         bigint NOT NULL CHECK (to_id <> from_id),
    -- Who gave it: the sender, an admin or the sender's backup.
    created_by    bigint NOT NULL,
    notes         text NOT NULL CHECK (char_length(notes) BETWEEN 1 AND 1500),
    channel_id    bigint,
    status        text NOT NULL DEFAULT 'pending'
                  CHECK (status IN ('pending', 'accepted', 'declined', 'cancelled')),
    answered_by   bigint,
    answered_at   timestamptz,
    -- The reason of a decline.
    answer_note   text CHECK (char_length(answer_note) <= 500),
    created_at    timestamptz NOT NULL,
    -- Its reminders, as for commitments: the answer is due at ack_due_at.
    ack_due_at     timestamptz NOT NULL,
    series         integer NOT NULL DEFAULT 1 CHECK (series >= 1),
    nudges_sent    integer NOT NULL DEFAULT 0,
    last_nudged_at timestamptz,
    next_nudge_at  timestamptz,
    plan_attempts  integer NOT NULL DEFAULT 0,
    plan_error     text,
    plan_failed_at timestamptz,
    PRIMARY KEY (guild_id, handover_id),
    UNIQUE (guild_id, ref),
    FOREIGN KEY (guild_id, relation_id) REFERENCES relations ON DELETE CASCADE,
    CHECK ((status = 'pending') = (answered_at IS NULL))
);

CREATE INDEX handovers_pending_to ON handovers (guild_id, to_id) WHERE status = 'pending';
CREATE INDEX handovers_pending_from ON handovers (guild_id, from_id) WHERE status = 'pending';
CREATE INDEX handovers_by_relation ON handovers (guild_id, relation_id, created_at DESC);
CREATE INDEX handovers_next_nudge ON handovers (next_nudge_at)
    WHERE status = 'pending' AND next_nudge_at IS NOT NULL;

-- The commitments a handover moves when accepted.
CREATE TABLE handover_items (
    guild_id       bigint NOT NULL,
    handover_id    bigint NOT NULL,
    commitment_id  bigint NOT NULL,
    PRIMARY KEY (guild_id, handover_id, commitment_id),
    FOREIGN KEY (guild_id, handover_id) REFERENCES handovers ON DELETE CASCADE,
    FOREIGN KEY (guild_id, commitment_id) REFERENCES commitments ON DELETE CASCADE
);

CREATE INDEX handover_items_by_commitment ON handover_items (guild_id, commitment_id);

-- A member's absence and who backs them up meanwhile. A member is away at most once at a
-- time; ending early moves ends_at to that moment.
CREATE TABLE away_periods (
    guild_id     bigint NOT NULL REFERENCES guilds ON DELETE CASCADE,
    away_id      bigint GENERATED ALWAYS AS IDENTITY,
    member_id    bigint NOT NULL,
    backup_id    bigint NOT NULL CHECK (backup_id <> member_id),
    starts_at    timestamptz NOT NULL,
    ends_at      timestamptz NOT NULL CHECK (ends_at > starts_at),
    note         text CHECK (char_length(note) <= 200),
    created_by   bigint NOT NULL,
    created_at   timestamptz NOT NULL,
    -- The delivery of the summary the member gets when the absence ends.
    summary_delivery_id bigint,
    PRIMARY KEY (guild_id, away_id),
    EXCLUDE USING gist (guild_id WITH =, member_id WITH =, tstzrange(starts_at, ends_at) WITH &&)
);

CREATE INDEX away_by_backup ON away_periods (guild_id, backup_id, ends_at);
CREATE INDEX away_summary_due ON away_periods (ends_at) WHERE summary_delivery_id IS NULL;

CREATE TRIGGER handovers_wake AFTER INSERT OR UPDATE OF next_nudge_at ON handovers
    FOR EACH STATEMENT EXECUTE FUNCTION wake_schedulers();
