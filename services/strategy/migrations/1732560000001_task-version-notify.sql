-- Up Migration
-- The transaction that raises the task version also notifies `strategy_task_version` with the new value:
-- PostgreSQL delivers it only after that commit, so every strategy process keeps the version in memory and
-- reads it again when told (kit listened-version.ts) instead of once per inbox request.
CREATE OR REPLACE FUNCTION raise_task_version() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  raised bigint;
BEGIN
  -- Once per transaction, however many rows it changed.
  IF current_setting('sozialraum.task_version_raised', true) IS DISTINCT FROM txid_current()::text THEN
    PERFORM set_config('sozialraum.task_version_raised', txid_current()::text, true);
    UPDATE task_version SET value = value + 1 RETURNING value INTO raised;
    PERFORM pg_notify('strategy_task_version', raised::text);
  END IF;
  RETURN NULL;
END $$;

-- Down Migration
CREATE OR REPLACE FUNCTION raise_task_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('sozialraum.task_version_raised', true) IS DISTINCT FROM txid_current()::text THEN
    PERFORM set_config('sozialraum.task_version_raised', txid_current()::text, true);
    UPDATE task_version SET value = value + 1;
  END IF;
  RETURN NULL;
END $$;
