-- Keeping in touch: a relation with a cadence that has gone without a contact for that long
-- is a nudge subject of its own. A lapse is identified by its anchor (the latest contact's
-- moment, or when the cadence was set): `touch_series` counts the anchors seen, and
-- `touch_nudged` is the series already nudged, so each lapse is nudged once.
ALTER TABLE relations
    ADD COLUMN touch_since    timestamptz,
    ADD COLUMN touch_anchor   timestamptz,
    ADD COLUMN touch_series   integer NOT NULL DEFAULT 1,
    ADD COLUMN touch_nudged   integer NOT NULL DEFAULT 0,
    ADD COLUMN next_nudge_at  timestamptz,
    ADD COLUMN plan_attempts  integer NOT NULL DEFAULT 0,
    ADD COLUMN plan_error     text,
    ADD COLUMN plan_failed_at timestamptz;

-- Cadences set before this kept counting from their last change; planned at once. The
-- epoch means "plan again now", whatever the clock reads.
UPDATE relations SET touch_since = updated_at, next_nudge_at = 'epoch'
WHERE keep_in_touch IS NOT NULL AND merged_into IS NULL;

CREATE INDEX relations_touch_due ON relations (next_nudge_at) WHERE next_nudge_at IS NOT NULL;

ALTER TABLE nudges DROP CONSTRAINT nudges_subject_kind_check;
ALTER TABLE nudges ADD CONSTRAINT nudges_subject_kind_check
    CHECK (subject_kind IN ('commitment', 'handover', 'appointment', 'participant', 'relation'));

-- A contact logged for (or moved to) a relation with a cadence resets it: the planner reads
-- the new anchor. Every way a contact is written passes here.
CREATE FUNCTION replan_keep_in_touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE relations r SET next_nudge_at = 'epoch'
    FROM (SELECT DISTINCT guild_id, relation_id FROM changed) c
    WHERE r.guild_id = c.guild_id AND r.relation_id = c.relation_id
      AND r.keep_in_touch IS NOT NULL AND r.merged_into IS NULL;
    RETURN NULL;
END $$;

CREATE TRIGGER contacts_replan_touch_insert AFTER INSERT ON contacts
    REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION replan_keep_in_touch();
CREATE TRIGGER contacts_replan_touch_update AFTER UPDATE ON contacts
    REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION replan_keep_in_touch();

CREATE TRIGGER relations_drop_nudges AFTER DELETE ON relations
    FOR EACH ROW EXECUTE FUNCTION drop_subject_nudges('relation', 'relation_id');
CREATE TRIGGER relations_wake AFTER UPDATE OF next_nudge_at ON relations
    FOR EACH STATEMENT EXECUTE FUNCTION wake_schedulers();

-- A relation with what keeping in touch needs to know: its latest contact and who keeps
-- it (the account owner, else the colleague with the latest contact, else whoever added
-- it). Never-contacted relations count from when the cadence was set.
CREATE VIEW relation_touch AS
SELECT r.guild_id, r.relation_id, r.name, r.keep_in_touch, r.merged_into,
       coalesce(r.touch_since, r.created_at) AS since, r.touch_anchor, r.touch_series, r.touch_nudged,
       r.plan_attempts, r.plan_error, r.plan_failed_at,
       coalesce(r.owner_id, last.logged_by, r.created_by) AS keeper,
       last.occurred_at AS last_at, last.logged_by AS last_by
FROM relations r
LEFT JOIN LATERAL (
    SELECT c.occurred_at, c.logged_by FROM contacts c
    WHERE c.guild_id = r.guild_id AND c.relation_id = r.relation_id
    ORDER BY c.occurred_at DESC, c.contact_id DESC
    LIMIT 1
) last ON true;
