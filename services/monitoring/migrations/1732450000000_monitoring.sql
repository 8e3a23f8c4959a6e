-- Up Migration
-- The monitoring schema: social spaces, the indicator catalogue, values by data release, imports,
-- index methods and results, alerts and the confidentiality rules. PostGIS lives in `public`.

CREATE TABLE space (
  id          bigserial PRIMARY KEY,
  code        text NOT NULL,
  name        text NOT NULL,
  type        text NOT NULL CHECK (type IN ('city', 'district', 'social-space', 'planning-area', 'statistical-area')),
  parent_id   bigint REFERENCES space (id),
  valid_from  date NOT NULL DEFAULT DATE '1900-01-01',
  valid_until date,
  population  integer CHECK (population >= 0),
  area_m2     double precision,
  geom        geometry(MultiPolygon, 4326),
  properties  jsonb NOT NULL DEFAULT '{}',
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  CHECK (valid_until IS NULL OR valid_until > valid_from),
  UNIQUE (code, valid_from)
);
CREATE INDEX space_geom_idx ON space USING gist (geom);
CREATE INDEX space_parent_idx ON space (parent_id);
-- At most one version of a code is open (valid_until NULL) at a time.
CREATE UNIQUE INDEX space_current_code_idx ON space (code) WHERE valid_until IS NULL;

CREATE TABLE indicator (
  key           text PRIMARY KEY CHECK (key ~ '^[A-Za-z0-9_.\-/]{1,80}$'),
  name          text NOT NULL,
  definition    text NOT NULL DEFAULT '',
  unit          text NOT NULL DEFAULT '',
  source        text NOT NULL DEFAULT '',
  polarity      text NOT NULL CHECK (polarity IN ('higher-is-worse', 'higher-is-better', 'neutral')),
  topic         text NOT NULL DEFAULT '',
  target_groups text[] NOT NULL DEFAULT '{}',
  kind          text NOT NULL CHECK (kind IN ('rate', 'share', 'count', 'mean')),
  min_value     double precision,
  max_value     double precision,
  version       integer NOT NULL DEFAULT 1,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE data_release (
  id           bigserial PRIMARY KEY,
  key          text NOT NULL UNIQUE,
  title        text NOT NULL,
  source       text NOT NULL DEFAULT '',
  published_on date,
  created_at   timestamptz NOT NULL DEFAULT now()
);

-- Values are kept per release, so a result computed from an older release can be recomputed later.
CREATE TABLE indicator_value (
  space_id      bigint NOT NULL REFERENCES space (id) ON DELETE CASCADE,
  indicator_key text NOT NULL REFERENCES indicator (key) ON UPDATE CASCADE,
  period        text NOT NULL CHECK (period ~ '^\d{4}(-\d{2}-\d{2})?$'),
  release_id    bigint NOT NULL REFERENCES data_release (id),
  value         double precision NOT NULL,
  numerator     double precision,
  denominator   double precision,
  import_id     uuid,
  PRIMARY KEY (space_id, indicator_key, period, release_id)
);
CREATE INDEX indicator_value_indicator_idx ON indicator_value (indicator_key, period);

-- The value of the newest release for each space, indicator and period.
CREATE VIEW current_value AS
SELECT DISTINCT ON (space_id, indicator_key, period) *
  FROM indicator_value
 ORDER BY space_id, indicator_key, period, release_id DESC;

CREATE TABLE import (
  id              uuid PRIMARY KEY,
  kind            text NOT NULL CHECK (kind IN ('values', 'spaces')),
  status          text NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'rejected', 'failed')),
  idempotency_key text UNIQUE,
  file_name       text NOT NULL,
  format          text NOT NULL,
  request         jsonb NOT NULL,
  file            bytea NOT NULL,
  rows_total      integer,
  rows_done       integer NOT NULL DEFAULT 0,
  rows_imported   integer NOT NULL DEFAULT 0,
  rows_rejected   integer NOT NULL DEFAULT 0,
  report          jsonb,
  error           text,
  attempts        integer NOT NULL DEFAULT 0,
  created_by      text NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  started_at      timestamptz,
  finished_at     timestamptz
);

-- Method versions are immutable: a change is a new version, so stored results stay reproducible.
CREATE TABLE method_version (
  id          bigserial PRIMARY KEY,
  key         text NOT NULL,
  version     text NOT NULL,
  definition  jsonb NOT NULL,
  active      boolean NOT NULL DEFAULT true,
  created_by  text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (key, version)
);

CREATE TABLE index_run (
  id                bigserial PRIMARY KEY,
  method_version_id bigint NOT NULL REFERENCES method_version (id),
  period            text NOT NULL,
  input_releases    jsonb NOT NULL,
  summary           jsonb NOT NULL,
  statistics        jsonb NOT NULL,
  computed_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX index_run_method_period_idx ON index_run (method_version_id, period, id DESC);

CREATE TABLE index_result (
  run_id          bigint NOT NULL REFERENCES index_run (id) ON DELETE CASCADE,
  space_id        bigint NOT NULL REFERENCES space (id) ON DELETE CASCADE,
  status_sum      double precision,
  status_index    double precision,
  status_class    smallint CHECK (status_class BETWEEN 1 AND 4),
  dynamics_sum    double precision,
  dynamics_index  double precision,
  dynamics_class  smallint CHECK (dynamics_class IN (1, 3, 5)),
  combined_group  smallint CHECK (combined_group BETWEEN 1 AND 12),
  z_values        jsonb NOT NULL DEFAULT '{}',
  dynamics_z      jsonb NOT NULL DEFAULT '{}',
  excluded        jsonb,
  PRIMARY KEY (run_id, space_id)
);

CREATE TABLE alert_rule (
  key        text PRIMARY KEY,
  definition jsonb NOT NULL,
  active     boolean NOT NULL DEFAULT true,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE alert (
  id              bigserial PRIMARY KEY,
  rule_key        text NOT NULL,
  space_id        bigint NOT NULL REFERENCES space (id) ON DELETE CASCADE,
  period          text NOT NULL,
  indicator_key   text NOT NULL DEFAULT '',
  message         text NOT NULL,
  evidence        jsonb NOT NULL,
  status          text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'acknowledged', 'handed-over')),
  status_comment  text,
  status_by       text,
  status_at       timestamptz,
  cycle_reference text,
  created_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (rule_key, space_id, period, indicator_key)
);

-- One row: the statistical confidentiality rules applied to every value that leaves the service.
CREATE TABLE setting (
  key        text PRIMARY KEY,
  value      jsonb NOT NULL,
  updated_by text,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Down Migration
DROP TABLE setting, alert, alert_rule, index_result, index_run, method_version, import;
DROP VIEW current_value;
DROP TABLE indicator_value, data_release, indicator, space;
