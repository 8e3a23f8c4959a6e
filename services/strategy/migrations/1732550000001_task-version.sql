-- Up Migration
-- A counter every transaction that changes tasks raises once, at its commit (a deferred trigger: the row lock
-- is taken last, so it cannot deadlock with the task rows a transaction locks). A snapshot that reads version n
-- holds exactly the task changes up to n; the inbox caches its pages by it.
CREATE TABLE task_version (
  id    boolean PRIMARY KEY DEFAULT true CHECK (id),
  value bigint NOT NULL
);
INSERT INTO task_version (value) VALUES (0);

CREATE FUNCTION raise_task_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Once per transaction, however many rows it changed.
  IF current_setting('sozialraum.task_version_raised', true) IS DISTINCT FROM txid_current()::text THEN
    PERFORM set_config('sozialraum.task_version_raised', txid_current()::text, true);
    UPDATE task_version SET value = value + 1;
  END IF;
  RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER task_version_raise AFTER INSERT OR UPDATE OR DELETE ON task
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION raise_task_version();
-- TRUNCATE has no rows; it locks the whole table anyway.
CREATE TRIGGER task_version_raise_on_truncate AFTER TRUNCATE ON task
  FOR EACH STATEMENT EXECUTE FUNCTION raise_task_version();

-- Down Migration
DROP TRIGGER task_version_raise_on_truncate ON task;
DROP TRIGGER task_version_raise ON task;
DROP FUNCTION raise_task_version();
DROP TABLE task_version;
