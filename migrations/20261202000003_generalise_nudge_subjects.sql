-- A nudge is about a subject: a commitment or a handover (and, later, an appointment). One
-- table, one identity (subject, series, number), one exactly-once guarantee for all of them.
ALTER TABLE nudges DROP CONSTRAINT nudges_pkey;
ALTER TABLE nudges DROP CONSTRAINT nudges_guild_id_commitment_id_fkey;
ALTER TABLE nudges RENAME COLUMN commitment_id TO subject_id;
ALTER TABLE nudges ADD COLUMN subject_kind text NOT NULL DEFAULT 'commitment'
    CHECK (subject_kind IN ('commitment', 'handover'));
ALTER TABLE nudges ALTER COLUMN subject_kind DROP DEFAULT;
ALTER TABLE nudges ADD PRIMARY KEY (guild_id, subject_kind, subject_id, series, number);

-- A subject's nudges go with it, as the foreign key's cascade did for commitments alone.
CREATE FUNCTION drop_subject_nudges() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM nudges
    WHERE guild_id = OLD.guild_id AND subject_kind = TG_ARGV[0]
      AND subject_id = (to_jsonb(OLD) ->> TG_ARGV[1])::bigint;
    RETURN OLD;
END $$;

CREATE TRIGGER commitments_drop_nudges AFTER DELETE ON commitments
    FOR EACH ROW EXECUTE FUNCTION drop_subject_nudges('commitment', 'commitment_id');
CREATE TRIGGER handovers_drop_nudges AFTER DELETE ON handovers
    FOR EACH ROW EXECUTE FUNCTION drop_subject_nudges('handover', 'handover_id');

-- The summary a member gets when an absence ends, and the handover card sent to the
-- recipient by direct message, are deliveries of their own kinds.
ALTER TABLE deliveries DROP CONSTRAINT deliveries_kind_check;
ALTER TABLE deliveries ADD CONSTRAINT deliveries_kind_check
    CHECK (kind IN ('nudge', 'digest', 'return', 'card'));
ALTER TABLE handovers ADD COLUMN card_delivery_id bigint;

-- An absence ended early is summarised at once.
CREATE TRIGGER away_periods_wake AFTER INSERT OR UPDATE OF ends_at ON away_periods
    FOR EACH STATEMENT EXECUTE FUNCTION wake_schedulers();
