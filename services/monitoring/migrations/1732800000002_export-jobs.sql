-- Up Migration
-- Exports too large to answer in the request run as a background job; the file waits here for the person who
-- asked (with the roles they had then: confidentiality is applied as for them), and is deleted after a day.
CREATE TABLE export_job (
  id           uuid PRIMARY KEY,
  status       text NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed')),
  query        jsonb NOT NULL,
  principal    jsonb NOT NULL,
  created_by   text NOT NULL,
  content_type text,
  file_name    text,
  file         bytea,
  error        text,
  created_at   timestamptz NOT NULL DEFAULT now(),
  finished_at  timestamptz
);
CREATE INDEX export_job_created_idx ON export_job (created_at);

-- Down Migration
DROP TABLE export_job;
