-- Up Migration
-- A status report sent with an Idempotency-Key (the strategy cycle's report tasks send one per measure) is filed
-- once: a retry with the same key gets the report filed first.
ALTER TABLE status_report ADD COLUMN idempotency_key text;
CREATE UNIQUE INDEX status_report_idempotency_idx ON status_report (measure_id, idempotency_key) WHERE idempotency_key IS NOT NULL;

-- Down Migration
DROP INDEX status_report_idempotency_idx;
ALTER TABLE status_report DROP COLUMN idempotency_key;
