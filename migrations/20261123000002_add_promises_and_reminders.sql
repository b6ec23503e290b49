-- Promises and the reminders that nudge whoever holds the ball.

-- A guild's own reminder settings; NULL means the configured default.
ALTER TABLE guilds
    ADD COLUMN reminder_channel_id    bigint,
    ADD COLUMN escalation_role_id     bigint,
    ADD COLUMN escalation_channel_id  bigint,
    -- Canonical text forms read by the domain: "mon-fri 08:30-17:30", "1 working day".
    ADD COLUMN working_hours          text,
    ADD COLUMN repeat_every           text,
    ADD COLUMN escalate_after         integer CHECK (escalate_after BETWEEN 1 AND 20),
    ADD COLUMN digest_time            time,
    ADD COLUMN digest_to              text CHECK (digest_to IN ('dm', 'channel')),
    ADD COLUMN digest_channel_id      bigint,
    -- The guild-local day whose digests have been handed out.
    ADD COLUMN digest_done_on         date;

-- Members may turn their daily digest off.
ALTER TABLE members ADD COLUMN digest boolean NOT NULL DEFAULT true;

-- Where a commitment stands in its reminders. next_nudge_at is what the scheduler waits
-- for; the planner sets it whenever the commitment or its nudges change.
ALTER TABLE commitments
    ADD COLUMN heads_up_sent   boolean NOT NULL DEFAULT false,
    ADD COLUMN nudges_sent     integer NOT NULL DEFAULT 0,
    ADD COLUMN last_nudged_at  timestamptz,
    ADD COLUMN next_nudge_at   timestamptz;

-- Only open commitments with a nudge ahead are read: closed ones never cost the scheduler.
CREATE INDEX commitments_next_nudge ON commitments (next_nudge_at)
    WHERE status = 'open' AND next_nudge_at IS NOT NULL;

-- The outbox: one row per message baton will post. Recorded before it is sent; sent with
-- the nonce "baton-<delivery_id>" so a retry after a crash cannot post twice.
CREATE TABLE deliveries (
    guild_id      bigint NOT NULL REFERENCES guilds ON DELETE CASCADE,
    delivery_id   bigint GENERATED ALWAYS AS IDENTITY,
    kind          text NOT NULL CHECK (kind IN ('nudge', 'digest')),
    -- A channel, or else a direct message to a member.
    channel_id    bigint,
    dm_member_id  bigint,
    state         text NOT NULL DEFAULT 'pending'
                  CHECK (state IN ('pending', 'sent', 'failed', 'dropped')),
    attempts      integer NOT NULL DEFAULT 0,
    -- Not to be tried before this moment (backoff, rate limits).
    not_before    timestamptz NOT NULL,
    -- An instance is sending it until then; after a crash the lease runs out.
    lease_until   timestamptz,
    last_error    text,
    message_id    bigint,
    created_at    timestamptz NOT NULL,
    sent_at       timestamptz,
    PRIMARY KEY (guild_id, delivery_id),
    UNIQUE (delivery_id),
    CHECK ((channel_id IS NULL) <> (dm_member_id IS NULL))
);

CREATE INDEX deliveries_pending ON deliveries (not_before) WHERE state = 'pending';
CREATE INDEX deliveries_failed ON deliveries (guild_id, created_at) WHERE state = 'failed';

-- One reminder for one commitment: number 0 is the heads-up before the due time, 1, 2, …
-- the nudges after it. The key is the nudge's identity: it can exist only once.
CREATE TABLE nudges (
    guild_id       bigint NOT NULL,
    commitment_id  bigint NOT NULL,
    number         integer NOT NULL CHECK (number >= 0),
    escalated      boolean NOT NULL,
    delivery_id    bigint NOT NULL,
    created_at     timestamptz NOT NULL,
    PRIMARY KEY (guild_id, commitment_id, number),
    FOREIGN KEY (guild_id, commitment_id) REFERENCES commitments ON DELETE CASCADE,
    FOREIGN KEY (guild_id, delivery_id) REFERENCES deliveries ON DELETE CASCADE
);

CREATE INDEX nudges_by_delivery ON nudges (guild_id, delivery_id);

-- One digest per member per day.
CREATE TABLE digests (
    guild_id     bigint NOT NULL,
    member_id    bigint NOT NULL,
    day          date NOT NULL,
    delivery_id  bigint NOT NULL,
    PRIMARY KEY (guild_id, member_id, day),
    FOREIGN KEY (guild_id, delivery_id) REFERENCES deliveries ON DELETE CASCADE
);

-- Wakes sleeping schedulers when something may have become due sooner.
CREATE FUNCTION wake_schedulers() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('baton_schedule', '');
    RETURN NULL;
END;
$$;

CREATE TRIGGER commitments_wake AFTER INSERT OR UPDATE OF next_nudge_at ON commitments
    FOR EACH STATEMENT EXECUTE FUNCTION wake_schedulers();
CREATE TRIGGER deliveries_wake AFTER INSERT ON deliveries
    FOR EACH STATEMENT EXECUTE FUNCTION wake_schedulers();
