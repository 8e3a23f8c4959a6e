-- Up Migration
-- With many cycles running, the open-task index alone makes a space's inbox (`?space=`, the page after a
-- completion) and a cycle's tasks read every open task of the city; these two find a space's or cycle's rows.
CREATE INDEX task_space_idx ON task (space_code, status);
CREATE INDEX task_cycle_idx ON task (cycle_id);

-- Down Migration
DROP INDEX task_cycle_idx;
DROP INDEX task_space_idx;
