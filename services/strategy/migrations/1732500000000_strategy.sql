-- Up Migration
-- The strategy read model. Temporal holds the truth of each cycle; the workflow's activities write this
-- model idempotently (every key is deterministic), and the API reads it.

CREATE TABLE cycle (
  id             text PRIMARY KEY,               -- the workflow ID: cycle-<space>-<number>
  space_code     text NOT NULL,
  number         integer NOT NULL CHECK (number >= 1),
  status         text NOT NULL CHECK (status IN ('running', 'suspended', 'completed', 'cancelled')),
  phase          text NOT NULL,
  alert_id       bigint,
  started_by     text NOT NULL,
  started_at     timestamptz NOT NULL DEFAULT now(),
  finished_at    timestamptz,
  status_reason  text,
  evidence       jsonb,                          -- monitoring snapshot frozen at the analysis phase
  reflection     jsonb,                          -- snapshot and before/after comparison at reflection
  departments    text[] NOT NULL DEFAULT '{}',   -- departments with needs in this cycle
  updated_at     timestamptz NOT NULL DEFAULT now(),
  UNIQUE (space_code, number)
);

CREATE TABLE cycle_phase (
  cycle_id   text NOT NULL REFERENCES cycle (id) ON DELETE CASCADE,
  phase      text NOT NULL,
  started_at timestamptz NOT NULL,
  ended_at   timestamptz,
  PRIMARY KEY (cycle_id, phase)
);

CREATE TABLE task (
  id                text PRIMARY KEY,            -- <workflow id>/<task key>
  cycle_id          text NOT NULL REFERENCES cycle (id) ON DELETE CASCADE,
  key               text NOT NULL,
  type              text NOT NULL,
  phase             text NOT NULL,
  space_code        text NOT NULL,
  candidate_groups  text[] NOT NULL,
  department        text,
  measure_ids       text[] NOT NULL DEFAULT '{}',
  assignee_id       text,
  assignee_name     text,
  status            text NOT NULL CHECK (status IN ('open', 'completed', 'cancelled')),
  priority          smallint NOT NULL DEFAULT 2 CHECK (priority BETWEEN 1 AND 3),
  created_at        timestamptz NOT NULL,
  due_at            timestamptz NOT NULL,
  follow_up_at      timestamptz,
  escalation_level  smallint NOT NULL DEFAULT 0,
  context           jsonb NOT NULL DEFAULT '{}',
  result            jsonb,
  completed_by      text,
  completed_at      timestamptz,
  updated_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX task_candidates_idx ON task USING gin (candidate_groups);
CREATE INDEX task_open_idx ON task (status, due_at);
CREATE INDEX task_assignee_idx ON task (assignee_id) WHERE assignee_id IS NOT NULL;

CREATE TABLE task_comment (
  id          bigserial PRIMARY KEY,
  task_id     text NOT NULL REFERENCES task (id) ON DELETE CASCADE,
  author_id   text NOT NULL,
  author_name text NOT NULL,
  text        text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE participation (
  id            text PRIMARY KEY,                -- <task id>#<index>
  cycle_id      text NOT NULL REFERENCES cycle (id) ON DELETE CASCADE,
  format        text NOT NULL,
  held_on       date NOT NULL,
  actors        text[] NOT NULL DEFAULT '{}',
  target_groups text[] NOT NULL DEFAULT '{}',
  participants  integer NOT NULL CHECK (participants >= 0),
  results       text NOT NULL,
  recorded_by   text NOT NULL,
  recorded_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE goal (
  cycle_id      text NOT NULL REFERENCES cycle (id) ON DELETE CASCADE,
  position      integer NOT NULL,
  title         text NOT NULL,
  description   text,
  indicator_key text,
  target_value  double precision,
  target_year   integer,
  PRIMARY KEY (cycle_id, position)
);

CREATE TABLE need (
  cycle_id      text NOT NULL REFERENCES cycle (id) ON DELETE CASCADE,
  key           text NOT NULL,
  title         text NOT NULL,
  description   text,
  target_groups text[] NOT NULL DEFAULT '{}',
  departments   text[] NOT NULL,
  status        text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'addressed')),
  PRIMARY KEY (cycle_id, key)
);

-- Until the measures service exists, proposals and their decisions live here (behind MeasurePort).
CREATE TABLE measure_proposal (
  id              text PRIMARY KEY,              -- <task id>#<index>
  cycle_id        text NOT NULL REFERENCES cycle (id) ON DELETE CASCADE,
  need_key        text NOT NULL,
  department      text NOT NULL,
  title           text NOT NULL,
  description     text NOT NULL,
  budget_planned  double precision,
  starts_on       date,
  ends_on         date,
  status          text NOT NULL CHECK (status IN ('proposed', 'approved', 'rejected', 'returned', 'in-progress', 'completed')),
  progress        integer NOT NULL DEFAULT 0,
  traffic_light   text,
  updated_at      timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE decision (
  id          text PRIMARY KEY,                  -- <task id>#<measure id>
  cycle_id    text NOT NULL REFERENCES cycle (id) ON DELETE CASCADE,
  measure_id  text NOT NULL,
  decision    text NOT NULL CHECK (decision IN ('approve', 'reject', 'return')),
  reason      text,
  decided_by  text NOT NULL,
  decided_at  timestamptz NOT NULL DEFAULT now()
);

-- The notifications feed. `recipient` is a user ID or a candidate group (role:… / group:…).
CREATE TABLE notification (
  id           text PRIMARY KEY,                 -- deterministic: <task id>:<kind>[:<level>]
  recipient    text NOT NULL,
  kind         text NOT NULL CHECK (kind IN ('task-created', 'reminder', 'escalation', 'task-delegated', 'cycle-event')),
  task_id      text REFERENCES task (id) ON DELETE CASCADE,
  cycle_id     text REFERENCES cycle (id) ON DELETE CASCADE,
  title        text NOT NULL,
  body         text NOT NULL DEFAULT '',
  created_at   timestamptz NOT NULL DEFAULT now(),
  delivered_at timestamptz,
  channel      text
);
CREATE INDEX notification_recipient_idx ON notification (recipient, created_at DESC);

CREATE TABLE notification_read (
  notification_id text NOT NULL REFERENCES notification (id) ON DELETE CASCADE,
  user_id         text NOT NULL,
  read_at         timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (notification_id, user_id)
);

-- Down Migration
DROP TABLE notification_read, notification, decision, measure_proposal, need, goal, participation, task_comment, task, cycle_phase, cycle;
