-- Up Migration
-- Every raise of the data version notifies `measures_data_version` with the new value, in the raising
-- transaction: PostgreSQL delivers it only after that commit, so every measures process keeps the version in
-- memory and reads it again when told (kit listened-version.ts) instead of once per overview request.
CREATE FUNCTION notify_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('measures_data_version', NEW.value::text);
  RETURN NULL;
END $$;

CREATE TRIGGER data_version_notify AFTER UPDATE ON data_version FOR EACH ROW EXECUTE FUNCTION notify_data_version();

-- Down Migration
DROP TRIGGER data_version_notify ON data_version;
DROP FUNCTION notify_data_version();
