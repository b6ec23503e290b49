-- Appointments with relations: who attends, their reminders before the start, and the
-- question afterwards whether it was kept. Both are nudge subjects of the one engine.

-- When participants are reminded before an appointment ("1 day, 1 hour") and how soon the
-- relation must hear a new date, in the canonical forms the domain reads; NULL is the
-- configured default.
ALTER TABLE guilds ADD COLUMN appointment_reminders text;
ALTER TABLE guilds ADD COLUMN appointment_inform_within text;

CREATE FUNCTION next_appointment_ref(guild bigint) RETURNS integer LANGUAGE sql AS $$
    SELECT next_guild_ref('appointment', guild);
$$;

CREATE TABLE appointments (
    guild_id       bigint NOT NULL REFERENCES guilds ON DELETE CASCADE,
    appointment_id bigint GENERATED ALWAYS AS IDENTITY,
    ref            integer NOT NULL,
    relation_id    bigint NOT NULL,
    -- Who added it holds the ball: they are asked whether it was kept.
    owner_id       bigint NOT NULL,
    created_by     bigint NOT NULL,
    starts_at      timestamptz NOT NULL,
    ends_at        timestamptz NOT NULL CHECK (ends_at > starts_at AND ends_at <= starts_at + interval '24 hours'),
    place          text CHECK (char_length(place) <= 200),
    about          text CHECK (char_length(about) <= 200),
    channel_id     bigint,
    status         text NOT NULL DEFAULT 'scheduled'
                   CHECK (status IN ('scheduled', 'kept', 'missed', 'moved', 'cancelled')),
    answered_by    bigint,
    answered_at    timestamptz,
    -- Why it was missed, moved or cancelled.
    answer_note    text CHECK (char_length(answer_note) <= 500),
    -- The appointment this one replaces (it was missed or moved).
    previous_id    bigint,
    -- The contact recorded when it was kept; the commitment to tell the relation otherwise.
    contact_id     bigint,
    inform_id      bigint,
    -- Raised on every change, for calendar files (RFC 5545 SEQUENCE).
    sequence       integer NOT NULL DEFAULT 0,
    created_at     timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL,
    -- The outcome question's reminders, as for commitments: due at ends_at.
    series         integer NOT NULL DEFAULT 1 CHECK (series >= 1),
    nudges_sent    integer NOT NULL DEFAULT 0,
    last_nudged_at timestamptz,
    next_nudge_at  timestamptz,
    plan_attempts  integer NOT NULL DEFAULT 0,
    plan_error     text,
    plan_failed_at timestamptz,
    PRIMARY KEY (guild_id, appointment_id),
    UNIQUE (guild_id, ref),
    FOREIGN KEY (guild_id, relation_id) REFERENCES relations ON DELETE CASCADE,
    FOREIGN KEY (guild_id, previous_id) REFERENCES appointments (guild_id, appointment_id) ON DELETE SET NULL (previous_id),
    FOREIGN KEY (guild_id, contact_id) REFERENCES contacts ON DELETE SET NULL (contact_id),
    FOREIGN KEY (guild_id, inform_id) REFERENCES commitments ON DELETE SET NULL (inform_id),
    CHECK ((status = 'scheduled') = (answered_at IS NULL))
);

CREATE INDEX appointments_by_time ON appointments (guild_id, starts_at);
CREATE INDEX appointments_by_relation ON appointments (guild_id, relation_id, starts_at DESC);
CREATE INDEX appointments_open_by_owner ON appointments (guild_id, owner_id) WHERE status = 'scheduled';
CREATE INDEX appointments_next_nudge ON appointments (next_nudge_at)
    WHERE status = 'scheduled' AND next_nudge_at IS NOT NULL;

-- Everyone who attends, the owner included. Each has their own reminders before the start:
-- `reminded_before` is the shortest span before the start already handled (sent, or passed
-- when the appointment was made), so each span is reminded once.
CREATE TABLE appointment_participants (
    guild_id        bigint NOT NULL,
    participant_id  bigint GENERATED ALWAYS AS IDENTITY,
    appointment_id  bigint NOT NULL,
    member_id       bigint NOT NULL,
    reminded_before integer CHECK (reminded_before > 0),
    next_nudge_at   timestamptz,
    plan_attempts   integer NOT NULL DEFAULT 0,
    plan_error      text,
    plan_failed_at  timestamptz,
    PRIMARY KEY (guild_id, participant_id),
    UNIQUE (guild_id, appointment_id, member_id),
    FOREIGN KEY (guild_id, appointment_id) REFERENCES appointments ON DELETE CASCADE
);

CREATE INDEX participants_by_member ON appointment_participants (guild_id, member_id);
CREATE INDEX participants_next_nudge ON appointment_participants (next_nudge_at) WHERE next_nudge_at IS NOT NULL;

ALTER TABLE nudges DROP CONSTRAINT nudges_subject_kind_check;
ALTER TABLE nudges ADD CONSTRAINT nudges_subject_kind_check
    CHECK (subject_kind IN ('commitment', 'handover', 'appointment', 'participant'));

CREATE TRIGGER appointments_drop_nudges AFTER DELETE ON appointments
    FOR EACH ROW EXECUTE FUNCTION drop_subject_nudges('appointment', 'appointment_id');
CREATE TRIGGER participants_drop_nudges AFTER DELETE ON appointment_participants
    FOR EACH ROW EXECUTE FUNCTION drop_subject_nudges('participant', 'participant_id');

CREATE TRIGGER appointments_wake AFTER INSERT OR UPDATE OF next_nudge_at ON appointments
    FOR EACH STATEMENT EXECUTE FUNCTION wake_schedulers();
CREATE TRIGGER participants_wake AFTER INSERT OR UPDATE OF next_nudge_at ON appointment_participants
    FOR EACH STATEMENT EXECUTE FUNCTION wake_schedulers();
