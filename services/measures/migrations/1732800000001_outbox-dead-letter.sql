-- Up Migration
-- An event whose delivery keeps failing (not because Temporal is away: then every event waits) is retried with
-- growing pauses and after OUTBOX_MAX_ATTEMPTS set aside as a dead letter (`dead_at`), so it does not hold up
-- the events behind it. To deliver it again: UPDATE outbox SET dead_at = NULL, attempts = 0, next_attempt_at = NULL WHERE id = …
ALTER TABLE outbox
  ADD COLUMN attempts integer NOT NULL DEFAULT 0,
  ADD COLUMN last_error text,
  ADD COLUMN next_attempt_at timestamptz,
  ADD COLUMN dead_at timestamptz;
DROP INDEX outbox_unpublished_idx;
CREATE INDEX outbox_unpublished_idx ON outbox (id) WHERE published_at IS NULL AND dead_at IS NULL;

-- Down Migration
DROP INDEX outbox_unpublished_idx;
CREATE INDEX outbox_unpublished_idx ON outbox (id) WHERE published_at IS NULL;
ALTER TABLE outbox DROP COLUMN attempts, DROP COLUMN last_error, DROP COLUMN next_attempt_at, DROP COLUMN dead_at;
