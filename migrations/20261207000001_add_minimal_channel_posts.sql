-- privacy.minimal_channel_posts per guild: reminders, digests and handover cards posted in a
-- shared channel name only the reference, the relation and the time; what it is about
-- is shown to whoever holds it with the Details button. NULL: the configured default (on).
ALTER TABLE guilds ADD COLUMN minimal_channel_posts boolean;
