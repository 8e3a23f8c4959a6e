-- Up Migration
-- Evaluations of measures at the end of a cycle (reflection). Like measure_proposal, this lives here only
-- until the measures service exists; the workflow writes it through its MeasurePort.
CREATE TABLE measure_evaluation (
  measure_id     text PRIMARY KEY REFERENCES measure_proposal (id) ON DELETE CASCADE,
  cycle_id       text NOT NULL REFERENCES cycle (id) ON DELETE CASCADE,
  task_id        text NOT NULL,
  outcome        text NOT NULL,
  recommendation text NOT NULL CHECK (recommendation IN ('continue', 'adapt', 'stop')),
  lessons        text,
  evaluated_by   text NOT NULL,
  evaluated_at   timestamptz NOT NULL
);

-- Down Migration
DROP TABLE measure_evaluation;
