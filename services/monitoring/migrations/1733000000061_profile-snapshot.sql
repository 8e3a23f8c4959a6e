-- Up Migration
-- What a space profile shows of its indicators (each point with rank, z-value, city mean and value among the
-- spaces of its type), made by the profile-snapshot job for one data version and both audiences, so a profile
-- is one indexed read: `body` is the indicator's JSON as the profile returns it, already disclosed for
-- `audience`. Only the newest complete version is kept; profile_snapshot says which versions are complete.
CREATE TABLE profile_snapshot (
  data_version bigint PRIMARY KEY,
  built_at     timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE profile_indicator (
  data_version  bigint NOT NULL,
  audience      text NOT NULL CHECK (audience IN ('raw', 'disclosed')),
  space_code    text NOT NULL,
  indicator_key text NOT NULL,
  body          text NOT NULL,
  PRIMARY KEY (data_version, audience, space_code, indicator_key)
);

-- Down Migration
DROP TABLE profile_indicator;
DROP TABLE profile_snapshot;
