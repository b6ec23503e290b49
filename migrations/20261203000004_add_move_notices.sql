-- When a person moves on, every colleague who had contact with them in the last year gets
-- a direct message of their own, through the delivery engine (exactly once each). The
-- notice points at the new affiliation and is composed when sent, so what it says is
-- read from the address book as it is then.
ALTER TABLE deliveries DROP CONSTRAINT deliveries_kind_check;
ALTER TABLE deliveries ADD CONSTRAINT deliveries_kind_check
    CHECK (kind IN ('nudge', 'digest', 'return', 'card', 'notice'));

CREATE TABLE move_notices (
    guild_id       bigint NOT NULL,
    delivery_id    bigint NOT NULL,
    member_id      bigint NOT NULL,
    affiliation_id bigint NOT NULL,
    PRIMARY KEY (guild_id, delivery_id),
    UNIQUE (guild_id, affiliation_id, member_id),
    FOREIGN KEY (guild_id, delivery_id) REFERENCES deliveries (guild_id, delivery_id) ON DELETE CASCADE,
    FOREIGN KEY (guild_id, affiliation_id) REFERENCES affiliations (guild_id, affiliation_id) ON DELETE CASCADE
);
