-- Up Migration
-- A counter every statement that changes what peer statistics (city value, mean, rank, z) are computed from
-- raises: values, spaces (type, residents, hierarchy), indicators (kind) and settings (confidentiality rules).
-- Raised in the change's transaction, so a snapshot that reads version n holds the changes up to n; the space
-- profile keeps its statistics by it. Statement triggers: an import of a million values raises it once.
CREATE TABLE data_version (
  id    boolean PRIMARY KEY DEFAULT true CHECK (id),
  value bigint NOT NULL
);
INSERT INTO data_version (value) VALUES (0);

CREATE FUNCTION raise_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE data_version SET value = value + 1;
  RETURN NULL;
END $$;

CREATE TRIGGER indicator_value_raises_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON indicator_value
  FOR EACH STATEMENT EXECUTE FUNCTION raise_data_version();
CREATE TRIGGER space_raises_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON space
  FOR EACH STATEMENT EXECUTE FUNCTION raise_data_version();
CREATE TRIGGER indicator_raises_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON indicator
  FOR EACH STATEMENT EXECUTE FUNCTION raise_data_version();
CREATE TRIGGER setting_raises_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON setting
  FOR EACH STATEMENT EXECUTE FUNCTION raise_data_version();

-- Down Migration
DROP TRIGGER setting_raises_data_version ON setting;
DROP TRIGGER indicator_raises_data_version ON indicator;
DROP TRIGGER space_raises_data_version ON space;
DROP TRIGGER indicator_value_raises_data_version ON indicator_value;
DROP FUNCTION raise_data_version();
DROP TABLE data_version;
