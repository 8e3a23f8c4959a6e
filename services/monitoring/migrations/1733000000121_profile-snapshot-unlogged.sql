-- Up Migration
-- The profile snapshot is derived data, rebuilt from the values by its job whenever it is missing: no WAL for
-- its ~300 MB per version at 100 indicators × 18 years × 542 areas (after a crash both tables are empty, so no
-- version is marked complete and the first profile queues the job again), and lz4 instead of pglz for its bodies.
ALTER TABLE profile_indicator SET UNLOGGED;
ALTER TABLE profile_snapshot SET UNLOGGED;
ALTER TABLE profile_indicator ALTER COLUMN body SET COMPRESSION lz4;

-- Down Migration
ALTER TABLE profile_indicator ALTER COLUMN body SET COMPRESSION pglz;
ALTER TABLE profile_snapshot SET LOGGED;
ALTER TABLE profile_indicator SET LOGGED;
