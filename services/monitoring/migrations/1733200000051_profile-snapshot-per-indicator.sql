-- Up Migration
-- The profile snapshot per indicator (use-cases/profile-snapshot.ts): an indicator's profile entries depend on
-- its own values and definition, on those of the indicators it is the change of (change-of chain: disclosure),
-- and on what every indicator depends on (spaces, settings). So besides the data version two stamps:
--   data_version.base                  raised with the data version by changes of spaces and settings (and
--                                      TRUNCATE): every indicator's entries change;
--   indicator_data_version.value       raised by changes of the indicator's values or definition, and of those
--                                      of an indicator in its change-of chain (the keys are found from the
--                                      statement's transition tables: one statement, one raise).
-- An indicator's stamp (view profile_indicator_stamp) is the greater of both: it grows with every change of
-- what its entries are computed from, so entries stored under a stamp hold exactly while it is in force.
ALTER TABLE data_version ADD COLUMN base bigint NOT NULL DEFAULT 0;
UPDATE data_version SET base = value;

CREATE TABLE indicator_data_version (
  indicator_key text PRIMARY KEY,
  value         bigint NOT NULL
);

CREATE VIEW profile_indicator_stamp AS
SELECT i.key AS indicator_key, greatest(d.base, coalesce(v.value, 0)) AS stamp
  FROM indicator i CROSS JOIN data_version d LEFT JOIN indicator_data_version v ON v.indicator_key = i.key;

-- Spaces, settings, TRUNCATE: everything.
CREATE OR REPLACE FUNCTION raise_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE data_version SET value = value + 1, base = value + 1;
  RETURN NULL;
END $$;

-- Raises the data version and stamps the indicators (and those whose change-of chain reaches them) with it.
CREATE FUNCTION raise_indicator_versions(keys text[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  raised bigint;
BEGIN
  UPDATE data_version SET value = value + 1 RETURNING value INTO raised;
  WITH RECURSIVE affected (key) AS (
    SELECT unnest(keys)
    UNION
    SELECT i.key FROM indicator i JOIN affected a ON i.change_of = a.key
  )
  INSERT INTO indicator_data_version (indicator_key, value)
  SELECT key, raised FROM affected WHERE key IS NOT NULL
  ON CONFLICT (indicator_key) DO UPDATE SET value = EXCLUDED.value;
END $$;

CREATE FUNCTION indicator_value_raises_versions() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM raise_indicator_versions(ARRAY(SELECT DISTINCT indicator_key FROM new_rows));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM raise_indicator_versions(ARRAY(SELECT DISTINCT indicator_key FROM old_rows));
  ELSE
    PERFORM raise_indicator_versions(ARRAY(SELECT indicator_key FROM new_rows UNION SELECT indicator_key FROM old_rows));
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION indicator_raises_versions() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM raise_indicator_versions(ARRAY(SELECT key FROM new_rows));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM raise_indicator_versions(ARRAY(SELECT key FROM old_rows));
  ELSE
    PERFORM raise_indicator_versions(ARRAY(SELECT key FROM new_rows UNION SELECT key FROM old_rows));
  END IF;
  RETURN NULL;
END $$;

DROP TRIGGER indicator_value_raises_data_version ON indicator_value;
DROP TRIGGER indicator_raises_data_version ON indicator;
CREATE TRIGGER indicator_value_insert_raises_versions AFTER INSERT ON indicator_value
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION indicator_value_raises_versions();
CREATE TRIGGER indicator_value_update_raises_versions AFTER UPDATE ON indicator_value
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION indicator_value_raises_versions();
CREATE TRIGGER indicator_value_delete_raises_versions AFTER DELETE ON indicator_value
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION indicator_value_raises_versions();
CREATE TRIGGER indicator_value_truncate_raises_data_version AFTER TRUNCATE ON indicator_value
  FOR EACH STATEMENT EXECUTE FUNCTION raise_data_version();
CREATE TRIGGER indicator_insert_raises_versions AFTER INSERT ON indicator
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION indicator_raises_versions();
CREATE TRIGGER indicator_update_raises_versions AFTER UPDATE ON indicator
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION indicator_raises_versions();
CREATE TRIGGER indicator_delete_raises_versions AFTER DELETE ON indicator
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION indicator_raises_versions();
CREATE TRIGGER indicator_truncate_raises_data_version AFTER TRUNCATE ON indicator
  FOR EACH STATEMENT EXECUTE FUNCTION raise_data_version();

-- The snapshot's rows by the indicator's stamp, not the data version: a change of one indicator leaves every
-- other indicator's rows in force. profile_snapshot_indicator: the stamp each indicator's rows were built for
-- (all spaces, both audiences); profile_snapshot still says which data version is complete as a whole.
TRUNCATE profile_indicator, profile_snapshot;
ALTER TABLE profile_indicator DROP CONSTRAINT profile_indicator_pkey;
ALTER TABLE profile_indicator RENAME COLUMN data_version TO stamp;
ALTER TABLE profile_indicator ADD PRIMARY KEY (audience, space_code, indicator_key, stamp);
CREATE INDEX profile_indicator_stamp_idx ON profile_indicator (indicator_key, stamp);
CREATE UNLOGGED TABLE profile_snapshot_indicator (
  indicator_key text PRIMARY KEY,
  stamp         bigint NOT NULL
);

-- A space's profile rows as a profile reads them (profile-snapshot.repository.ts): the version in force, every
-- indicator the space has a value of, and its row stored under the stamp in force (null when not made yet).
-- Without JIT: right after a build the tables have no statistics yet, and the plan's cost estimate made
-- PostgreSQL compile it (~1 s per read at Berlin's size) where the lookups take milliseconds.
CREATE FUNCTION profile_snapshot_read(audience text, code text) RETURNS TABLE (version text, key text, body text)
  LANGUAGE sql STABLE SET jit = off AS $$
  SELECT d.value::text, k.key,
         (SELECT p.body FROM profile_indicator p
           WHERE p.audience = profile_snapshot_read.audience AND p.space_code = profile_snapshot_read.code AND p.indicator_key = k.key
             AND p.stamp = (SELECT st.stamp FROM profile_indicator_stamp st WHERE st.indicator_key = k.key))
    FROM data_version d
    LEFT JOIN LATERAL unnest(ARRAY(SELECT DISTINCT v.indicator_key FROM indicator_value v JOIN space s ON s.id = v.space_id
                                   WHERE s.code = profile_snapshot_read.code)) AS k (key) ON true
   ORDER BY k.key
$$;

-- Down Migration
DROP FUNCTION profile_snapshot_read(text, text);
DROP TABLE profile_snapshot_indicator;
TRUNCATE profile_indicator, profile_snapshot;
DROP INDEX profile_indicator_stamp_idx;
ALTER TABLE profile_indicator DROP CONSTRAINT profile_indicator_pkey;
ALTER TABLE profile_indicator RENAME COLUMN stamp TO data_version;
ALTER TABLE profile_indicator ADD PRIMARY KEY (data_version, audience, space_code, indicator_key);
DROP TRIGGER indicator_truncate_raises_data_version ON indicator;
DROP TRIGGER indicator_delete_raises_versions ON indicator;
DROP TRIGGER indicator_update_raises_versions ON indicator;
DROP TRIGGER indicator_insert_raises_versions ON indicator;
DROP TRIGGER indicator_value_truncate_raises_data_version ON indicator_value;
DROP TRIGGER indicator_value_delete_raises_versions ON indicator_value;
DROP TRIGGER indicator_value_update_raises_versions ON indicator_value;
DROP TRIGGER indicator_value_insert_raises_versions ON indicator_value;
DROP FUNCTION indicator_raises_versions();
DROP FUNCTION indicator_value_raises_versions();
DROP FUNCTION raise_indicator_versions(text[]);
CREATE OR REPLACE FUNCTION raise_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE data_version SET value = value + 1;
  RETURN NULL;
END $$;
CREATE TRIGGER indicator_value_raises_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON indicator_value
  FOR EACH STATEMENT EXECUTE FUNCTION raise_data_version();
CREATE TRIGGER indicator_raises_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON indicator
  FOR EACH STATEMENT EXECUTE FUNCTION raise_data_version();
DROP VIEW profile_indicator_stamp;
DROP TABLE indicator_data_version;
ALTER TABLE data_version DROP COLUMN base;
