-- Up Migration
-- What the API itself keeps besides the read model the workflow's activities write.

-- People the service has seen in a verified token: delegation checks the target's groups here, and e-mail
-- delivery finds the members of a group recipient. Keycloak stays the source; this is a cache of it.
CREATE TABLE known_user (
  id         text PRIMARY KEY,
  name       text NOT NULL,
  username   text,
  email      text,
  groups     text[] NOT NULL DEFAULT '{}',         -- candidate groups (role:… / group:…)
  seen_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX known_user_groups_idx ON known_user USING gin (groups);

-- One completion per task reaches the workflow: the request holding the lease sends the update; a
-- concurrent request is refused. A lease left by a crashed process expires, and the retry that takes it
-- over sends the same update ID, which Temporal deduplicates.
CREATE TABLE task_completion (
  task_id     text PRIMARY KEY,
  state       text NOT NULL CHECK (state IN ('pending', 'done')),
  holder      text NOT NULL,
  by_id       text NOT NULL,
  by_name     text NOT NULL,
  lease_until timestamptz NOT NULL,
  outcome     jsonb,
  updated_at  timestamptz NOT NULL DEFAULT now()
);

-- Idempotency-Key of POST /v1/cycles: the workflow ID chosen first (so a retry after a crash resumes the
-- same start) and the answer given (so a retry gets it again).
CREATE TABLE cycle_start_request (
  principal_id    text NOT NULL,
  idempotency_key text NOT NULL,
  request_hash    text NOT NULL,
  workflow_id     text NOT NULL,
  response        jsonb,
  created_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (principal_id, idempotency_key)
);

-- Down Migration
DROP TABLE cycle_start_request, task_completion, known_user;
