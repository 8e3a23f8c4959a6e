-- Up Migration
-- Index results for two audiences (see docs/monitoring.md, Confidentiality): 'raw' runs are computed from all
-- values (the role raw-data sees them), 'disclosed' runs only from the values everyone else may see, and 'all'
-- runs serve both when no input was withheld. Runs from before this migration are raw; a recomputation adds the
-- others. `rules` are the confidentiality rules a disclosed or all run was made under: after the rules change,
-- it is not shown to others until a recomputation.
ALTER TABLE index_run
  ADD COLUMN audience text NOT NULL DEFAULT 'raw' CHECK (audience IN ('all', 'raw', 'disclosed')),
  ADD COLUMN rules jsonb;

-- Down Migration
ALTER TABLE index_run DROP COLUMN audience, DROP COLUMN rules;
