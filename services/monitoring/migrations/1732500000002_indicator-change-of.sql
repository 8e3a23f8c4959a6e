-- Up Migration
-- An indicator that is the change of another over some years (Berlin's D1 is S1 now minus S1 two years before):
-- the level two years ago plus the change gives the level now, so a change is withheld where either level is.
ALTER TABLE indicator
  ADD COLUMN change_of text REFERENCES indicator (key) ON UPDATE CASCADE,
  ADD COLUMN change_years integer CHECK (change_years BETWEEN 1 AND 100),
  ADD CONSTRAINT indicator_change_of_complete CHECK ((change_of IS NULL) = (change_years IS NULL) AND change_of IS DISTINCT FROM key);

-- Down Migration
ALTER TABLE indicator DROP CONSTRAINT indicator_change_of_complete, DROP COLUMN change_years, DROP COLUMN change_of;
