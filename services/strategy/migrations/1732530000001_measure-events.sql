-- Up Migration
-- The measures service's events keep the cycle's copy of its measures current (status, progress, traffic
-- light), also for changes made there directly. last_event_id is the newest event applied: an older event
-- delivered late changes nothing, and once events arrive the workflow's own copy writes step aside.
ALTER TABLE measure_proposal DROP CONSTRAINT measure_proposal_status_check;
ALTER TABLE measure_proposal ADD CONSTRAINT measure_proposal_status_check
  CHECK (status IN ('proposed', 'approved', 'rejected', 'returned', 'in-progress', 'paused', 'completed', 'cancelled'));
ALTER TABLE measure_proposal ADD COLUMN last_event_id bigint;

-- Down Migration
ALTER TABLE measure_proposal DROP COLUMN last_event_id;
ALTER TABLE measure_proposal DROP CONSTRAINT measure_proposal_status_check;
ALTER TABLE measure_proposal ADD CONSTRAINT measure_proposal_status_check
  CHECK (status IN ('proposed', 'approved', 'rejected', 'returned', 'in-progress', 'completed'));
