-- Up Migration
-- The map's simplified outline on a grid of 0.0001° (about 11 m north–south, 7 m east–west here), what its
-- ~7–11 m simplification tolerance leaves anyway: sent with 4 decimals, a sixth fewer bytes than with 5.
-- ST_ReducePrecision keeps every outline valid where plain rounding would let a few cross themselves.
ALTER TABLE space DROP COLUMN geom_simplified;
ALTER TABLE space ADD COLUMN geom_simplified geometry(Geometry, 4326)
  GENERATED ALWAYS AS (ST_ReducePrecision(ST_SimplifyPreserveTopology(geom, 0.0001), 0.0001)) STORED;

-- Down Migration
ALTER TABLE space DROP COLUMN geom_simplified;
ALTER TABLE space ADD COLUMN geom_simplified geometry(Geometry, 4326)
  GENERATED ALWAYS AS (ST_SimplifyPreserveTopology(geom, 0.0001)) STORED;
