-- Up Migration
-- One counter that every change transaction raises along with its audit entry; the overview cache keys on it.
-- The row lock orders the writers, so a snapshot that reads version n holds exactly the changes up to n.
CREATE TABLE data_version (
  id    boolean PRIMARY KEY DEFAULT true CHECK (id),
  value bigint NOT NULL
);
INSERT INTO data_version (value) VALUES (0);

-- Down Migration
DROP TABLE data_version;
