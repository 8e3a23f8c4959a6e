-- Up Migration
-- The import row is the hand-off record of its job: `handed_off_at` is set once the job is in the queue, so an
-- import accepted while Redis was away is queued by the sweep later instead of staying `queued` for ever.
-- `job_id` is the BullMQ job ID of the current attempt (NULL: the import's own ID, the first attempt).
ALTER TABLE import ADD COLUMN job_id text, ADD COLUMN handed_off_at timestamptz;
UPDATE import SET handed_off_at = created_at;
CREATE INDEX import_queued_idx ON import (created_at) WHERE status = 'queued';

-- Down Migration
DROP INDEX import_queued_idx;
ALTER TABLE import DROP COLUMN job_id, DROP COLUMN handed_off_at;
