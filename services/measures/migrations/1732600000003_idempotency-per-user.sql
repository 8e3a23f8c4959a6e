-- Up Migration
-- An Idempotency-Key belongs to the person (or service) who sent it and to the request it came with: the same
-- key from someone else is another key, the same key with another request is refused (422).
ALTER TABLE measure ADD COLUMN idempotency_owner text, ADD COLUMN request_hash text;
ALTER TABLE measure DROP CONSTRAINT measure_idempotency_key_key;
CREATE UNIQUE INDEX measure_idempotency_idx ON measure (idempotency_owner, idempotency_key) WHERE idempotency_key IS NOT NULL;
ALTER TABLE status_report ADD COLUMN idempotency_owner text, ADD COLUMN request_hash text;
DROP INDEX status_report_idempotency_idx;
CREATE UNIQUE INDEX status_report_idempotency_idx ON status_report (measure_id, idempotency_owner, idempotency_key) WHERE idempotency_key IS NOT NULL;

-- Down Migration
DROP INDEX status_report_idempotency_idx;
CREATE UNIQUE INDEX status_report_idempotency_idx ON status_report (measure_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
ALTER TABLE status_report DROP COLUMN idempotency_owner, DROP COLUMN request_hash;
DROP INDEX measure_idempotency_idx;
ALTER TABLE measure ADD CONSTRAINT measure_idempotency_key_key UNIQUE (idempotency_key);
ALTER TABLE measure DROP COLUMN idempotency_owner, DROP COLUMN request_hash;
