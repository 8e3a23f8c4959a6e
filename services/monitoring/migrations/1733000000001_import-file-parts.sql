-- Up Migration
-- An uploaded file is stored in parts of about 1 MB, written as it is read from the spooled upload and read back
-- part by part by the job: neither side holds the whole file (a 10-million-value CSV is hundreds of MB, more
-- than one bytea value may hold comfortably). Stored uncompressed (EXTERNAL): compressing it costs more time
-- than the space saved is worth. Imports stored before keep their file in `import.file`.
CREATE TABLE import_file_part (
  import_id uuid NOT NULL REFERENCES import (id) ON DELETE CASCADE,
  part      integer NOT NULL,
  bytes     bytea NOT NULL,
  PRIMARY KEY (import_id, part)
);
ALTER TABLE import_file_part ALTER COLUMN bytes SET STORAGE EXTERNAL;
ALTER TABLE import ALTER COLUMN file DROP NOT NULL, ADD COLUMN file_size bigint;
UPDATE import SET file_size = octet_length(file);

-- Down Migration
UPDATE import i SET file = (SELECT string_agg(p.bytes, ''::bytea ORDER BY p.part) FROM import_file_part p WHERE p.import_id = i.id) WHERE file IS NULL;
ALTER TABLE import DROP COLUMN file_size, ALTER COLUMN file SET NOT NULL;
DROP TABLE import_file_part;
