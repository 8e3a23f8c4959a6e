-- Up Migration
-- The map's simplified outline, computed once when a geometry is written instead of on every map request
-- (~7–11 m tolerance: invisible at city zoom, most vertices of survey-grade outlines gone; topology kept).
ALTER TABLE space ADD COLUMN geom_simplified geometry(Geometry, 4326)
  GENERATED ALWAYS AS (ST_SimplifyPreserveTopology(geom, 0.0001)) STORED;

-- Down Migration
ALTER TABLE space DROP COLUMN geom_simplified;
