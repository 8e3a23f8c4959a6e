-- Up Migration
-- An Idempotency-Key belongs to the person who sent it and to the request it came with: the same key from
-- someone else is another key, the same key with another request is refused (422).
ALTER TABLE import ADD COLUMN request_hash text;
ALTER TABLE import DROP CONSTRAINT import_idempotency_key_key;
CREATE UNIQUE INDEX import_idempotency_idx ON import (created_by, idempotency_key) WHERE idempotency_key IS NOT NULL;

-- Down Migration
DROP INDEX import_idempotency_idx;
ALTER TABLE import ADD CONSTRAINT import_idempotency_key_key UNIQUE (idempotency_key);
ALTER TABLE import DROP COLUMN request_hash;
