-- Erasure on request (the AVG/GDPR right to be forgotten) and the privacy settings.
--
-- A forgotten person keeps their row, so the counts stay true (a contact happened on a
-- date, via, by whom), but every text about them is overwritten in place: the name by a
-- masked placeholder, notes and promise texts by a short "(erased)". The generated search
-- documents follow the text they are made of, so nothing of the old words stays findable.
ALTER TABLE relations ADD COLUMN erased_at timestamptz;

-- One row per erasure: who, when, what kinds of data, and the name it left behind.
CREATE TABLE erasures (
    guild_id     bigint NOT NULL,
    relation_id  bigint NOT NULL,
    erased_by    bigint NOT NULL,
    erased_at    timestamptz NOT NULL,
    masked_name  text NOT NULL,
    -- How many of each kind were erased: {"contacts": 3, "promises": 1, ...}.
    counts       jsonb NOT NULL,
    PRIMARY KEY (guild_id, relation_id),
    FOREIGN KEY (guild_id, relation_id) REFERENCES relations (guild_id, relation_id) ON DELETE CASCADE
);

-- Events stay append-only, with one exception: an erasure may take keys out of an event's
-- detail (the short reasons typed when a promise was moved or a handover declined), and
-- change nothing else.
CREATE OR REPLACE FUNCTION events_are_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' AND pg_trigger_depth() > 1 THEN
        RETURN OLD;
    END IF;
    IF TG_OP = 'UPDATE' AND NEW.detail <@ OLD.detail
       AND (NEW.event_id, NEW.guild_id, NEW.at, NEW.actor_id, NEW.action, NEW.subject_kind,
            NEW.subject_id, NEW.relation_id)
           IS NOT DISTINCT FROM
           (OLD.event_id, OLD.guild_id, OLD.at, OLD.actor_id, OLD.action, OLD.subject_kind,
            OLD.subject_id, OLD.relation_id) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'events are append-only (%)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;

-- Who may read restricted contact notes besides their author: members with this role
-- (unset: the server's admins).
ALTER TABLE guilds ADD COLUMN restricted_role_id bigint;
