-- Up Migration
-- What the map's kept answers depend on (data-version.repository.ts `dataAndResultsVersion`): the data version,
-- the index runs and the active method versions. Every statement that changes one of them notifies
-- `monitoring_map_version`, in its transaction: PostgreSQL delivers it only after that commit, so every
-- monitoring process keeps the versions in memory and reads them again when told (kit listened-version.ts)
-- instead of once per map request. Notifications only, no counter: a counter row that recomputations and space
-- deletions (cascading to results) both update would make them deadlock. Repeated notifications of one
-- transaction (same channel, same payload) are delivered once.
CREATE FUNCTION notify_map_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('monitoring_map_version', '');
  RETURN NULL;
END $$;

CREATE TRIGGER data_version_notifies_map AFTER UPDATE ON data_version
  FOR EACH STATEMENT EXECUTE FUNCTION notify_map_version();
CREATE TRIGGER index_run_notifies_map AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON index_run
  FOR EACH STATEMENT EXECUTE FUNCTION notify_map_version();
CREATE TRIGGER method_version_notifies_map AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON method_version
  FOR EACH STATEMENT EXECUTE FUNCTION notify_map_version();

-- Down Migration
DROP TRIGGER method_version_notifies_map ON method_version;
DROP TRIGGER index_run_notifies_map ON index_run;
DROP TRIGGER data_version_notifies_map ON data_version;
DROP FUNCTION notify_map_version();
