-- Up Migration
-- What people did with a task in the inbox besides commenting (task_comment) and completing (task_completion):
-- the strategy service's use cases write a row in the same transaction as the change itself. The task's
-- history reads these together with the task row and its notifications (reminders, escalations).
CREATE TABLE task_event (
  id          bigserial PRIMARY KEY,
  task_id     text NOT NULL REFERENCES task (id) ON DELETE CASCADE,
  kind        text NOT NULL CHECK (kind IN ('claimed', 'unclaimed', 'delegated')),
  actor_id    text NOT NULL,
  actor_name  text NOT NULL,
  -- delegated: the new assignee; unclaimed: whose the task was
  target_id   text,
  target_name text,
  at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX task_event_task_idx ON task_event (task_id, at);
CREATE INDEX notification_task_idx ON notification (task_id) WHERE task_id IS NOT NULL;

-- Members of a group and their addresses now come from Keycloak itself (its admin API, see
-- src/data/directory.ts), also for people who never signed in here; the copy of signed-in users goes.
DROP TABLE known_user;

-- Down Migration
CREATE TABLE known_user (
  id         text PRIMARY KEY,
  name       text NOT NULL,
  username   text,
  email      text,
  groups     text[] NOT NULL DEFAULT '{}',
  seen_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX known_user_groups_idx ON known_user USING gin (groups);
DROP INDEX notification_task_idx;
DROP TABLE task_event;
