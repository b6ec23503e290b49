-- A nudge's identity survives a move: each due date of a commitment is a series of its
-- own, so the reminders of a new date never reuse the numbers of the old one. Planning
-- that fails for one commitment is recorded on it instead of stopping everyone's. A
-- delivery's lease carries a token, so only the instance holding it can finish it.

ALTER TABLE commitments
    -- 1 for the first due date, one more for every move.
    ADD COLUMN series          integer NOT NULL DEFAULT 1 CHECK (series >= 1),
    -- The series whose date the relation was told about (`/promise told`).
    ADD COLUMN told_series     integer,
    -- Planning its reminders failed this many times in a row, last with this error.
    ADD COLUMN plan_attempts   integer NOT NULL DEFAULT 0,
    ADD COLUMN plan_error      text,
    ADD COLUMN plan_failed_at  timestamptz;

ALTER TABLE nudges ADD COLUMN series integer NOT NULL DEFAULT 1;
ALTER TABLE nudges DROP CONSTRAINT nudges_pkey;
ALTER TABLE nudges ADD PRIMARY KEY (guild_id, commitment_id, series, number);

CREATE SEQUENCE delivery_leases AS bigint;
ALTER TABLE deliveries ADD COLUMN lease_token bigint;

CREATE INDEX commitments_plan_failed ON commitments (guild_id)
    WHERE status = 'open' AND plan_error IS NOT NULL;
