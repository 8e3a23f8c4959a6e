-- Up Migration
-- Outcome of finished recomputation jobs. BullMQ removes a finished 'recompute' job (its ID is the method,
-- so that the next request can queue it again); GET /v1/jobs/{id} answers from here afterwards.
CREATE TABLE job_outcome (
  job_id        text PRIMARY KEY,
  name          text NOT NULL,
  state         text NOT NULL CHECK (state IN ('completed', 'failed')),
  result        jsonb,
  failed_reason text,
  finished_at   timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX alert_space_idx ON alert (space_id, period DESC);

-- The rules of issue 3 point 7 that need no indicator: they are in force until a planner replaces them.
INSERT INTO alert_rule (key, definition) VALUES
  ('status-class-4', '{"key": "status-class-4", "label": "Sehr niedriger Status", "type": "status-class", "classes": [4]}'),
  ('dynamics-class-5', '{"key": "dynamics-class-5", "label": "Negative Dynamik", "type": "dynamics-class", "classes": [5]}')
ON CONFLICT (key) DO NOTHING;

-- Down Migration
DROP INDEX alert_space_idx;
DROP TABLE job_outcome;
DELETE FROM alert_rule WHERE key IN ('status-class-4', 'dynamics-class-5');
