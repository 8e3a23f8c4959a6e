-- Up Migration
-- The measures schema: providers, measures with milestones, status reports and evaluations, the register of
-- offers, the audit trail and the transactional outbox. Space codes, cycles, goals, needs and indicators belong
-- to other services and are kept here as references (strings), never as foreign keys.

CREATE TABLE provider (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name        text NOT NULL,
  kind        text NOT NULL CHECK (kind IN ('public', 'welfare', 'association', 'church', 'initiative', 'company', 'other')),
  contact     text NOT NULL DEFAULT '',
  version     integer NOT NULL DEFAULT 1,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX provider_name_idx ON provider (lower(name));

CREATE TABLE measure (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  title             text NOT NULL,
  description       text NOT NULL DEFAULT '',
  cycle_id          text,
  spaces            text[] NOT NULL DEFAULT '{}',
  goals             text[] NOT NULL DEFAULT '{}',
  needs             text[] NOT NULL DEFAULT '{}',
  target_groups     text[] NOT NULL DEFAULT '{}',
  department        text NOT NULL,
  partners          text[] NOT NULL DEFAULT '{}',
  provider_ids      uuid[] NOT NULL DEFAULT '{}',
  budget_planned    numeric(14, 2) CHECK (budget_planned >= 0),
  budget_approved   numeric(14, 2) CHECK (budget_approved >= 0),
  budget_spent      numeric(14, 2) CHECK (budget_spent >= 0),
  funding_source    text,
  starts_on         date,
  ends_on           date,
  indicators        jsonb NOT NULL DEFAULT '[]',
  status            text NOT NULL DEFAULT 'proposed'
                    CHECK (status IN ('proposed', 'approved', 'rejected', 'returned', 'in-progress', 'paused', 'completed', 'cancelled')),
  status_reason     text,
  status_changed_at timestamptz NOT NULL DEFAULT now(),
  status_changed_by text,
  -- The latest status report (by its date), kept with the measure so the overview reads one table.
  last_report_on    date,
  last_traffic_light text CHECK (last_traffic_light IN ('green', 'yellow', 'red')),
  last_progress     smallint,
  -- Milestone counts and the due dates of open ones, kept with the measure for the same reason (which
  -- are overdue depends on the day, so that is counted when read).
  milestones_total  integer NOT NULL DEFAULT 0,
  milestones_done   integer NOT NULL DEFAULT 0,
  open_due_dates    date[] NOT NULL DEFAULT '{}',
  idempotency_key   text UNIQUE,
  version           integer NOT NULL DEFAULT 1,
  created_by        text NOT NULL,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_on IS NULL OR starts_on IS NULL OR ends_on >= starts_on)
);
CREATE INDEX measure_department_idx ON measure (department);
CREATE INDEX measure_cycle_idx ON measure (cycle_id) WHERE cycle_id IS NOT NULL;
CREATE INDEX measure_spaces_idx ON measure USING gin (spaces);

CREATE TABLE milestone (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  measure_id  uuid NOT NULL REFERENCES measure (id) ON DELETE CASCADE,
  title       text NOT NULL,
  due_on      date NOT NULL,
  done_on     date,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX milestone_measure_idx ON milestone (measure_id, due_on);

CREATE TABLE status_report (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  measure_id    uuid NOT NULL REFERENCES measure (id) ON DELETE CASCADE,
  report_date   date NOT NULL,
  text          text NOT NULL,
  progress      smallint NOT NULL CHECK (progress BETWEEN 0 AND 100),
  traffic_light text NOT NULL CHECK (traffic_light IN ('green', 'yellow', 'red')),
  created_by    text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX status_report_measure_idx ON status_report (measure_id, report_date DESC, created_at DESC);

CREATE TABLE evaluation (
  measure_id     uuid PRIMARY KEY REFERENCES measure (id) ON DELETE CASCADE,
  outcome        text NOT NULL,
  recommendation text NOT NULL CHECK (recommendation IN ('continue', 'adapt', 'stop')),
  lessons        text NOT NULL DEFAULT '',
  period_from    text NOT NULL,
  period_to      text NOT NULL,
  space_type     text,
  observed       jsonb NOT NULL DEFAULT '[]',
  created_by     text NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE offer (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  title            text NOT NULL,
  kind             text NOT NULL CHECK (kind IN ('meeting-place', 'counselling', 'volunteer-network', 'neighbourhood-help', 'education', 'leisure', 'care', 'other')),
  description      text NOT NULL DEFAULT '',
  provider_id      uuid NOT NULL REFERENCES provider (id),
  target_groups    text[] NOT NULL DEFAULT '{}',
  schedule         text NOT NULL DEFAULT '',
  contact          text NOT NULL DEFAULT '',
  location         geometry(Point, 4326) NOT NULL,
  -- Derived from the location by the monitoring service's geometry, never typed in.
  space_code       text NOT NULL,
  space_located_at timestamptz NOT NULL,
  version          integer NOT NULL DEFAULT 1,
  created_by       text NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX offer_space_idx ON offer (space_code);
CREATE INDEX offer_location_idx ON offer USING gist (location);
CREATE INDEX offer_provider_idx ON offer (provider_id);

CREATE TABLE offer_measure (
  offer_id   uuid NOT NULL REFERENCES offer (id) ON DELETE CASCADE,
  measure_id uuid NOT NULL REFERENCES measure (id) ON DELETE CASCADE,
  PRIMARY KEY (offer_id, measure_id)
);
CREATE INDEX offer_measure_measure_idx ON offer_measure (measure_id);

-- Every change, written in the transaction that makes it.
CREATE TABLE audit (
  id          bigserial PRIMARY KEY,
  at          timestamptz NOT NULL DEFAULT now(),
  actor_id    text NOT NULL,
  actor_name  text NOT NULL,
  entity      text NOT NULL CHECK (entity IN ('measure', 'milestone', 'status-report', 'evaluation', 'offer', 'provider')),
  entity_id   text NOT NULL,
  measure_id  uuid,
  department  text,
  action      text NOT NULL CHECK (action IN ('created', 'changed', 'status-changed', 'deleted')),
  before      jsonb,
  after       jsonb
);
CREATE INDEX audit_measure_idx ON audit (measure_id, id) WHERE measure_id IS NOT NULL;
CREATE INDEX audit_entity_idx ON audit (entity, id);
CREATE INDEX audit_department_idx ON audit (department, id);

-- The transactional outbox: events others must hear about, written with the change; the relay publishes
-- them in id order and marks them. Writers serialise on an advisory lock just before they insert here, so
-- ids are in commit order.
CREATE TABLE outbox (
  id            bigserial PRIMARY KEY,
  type          text NOT NULL,
  aggregate_id  text NOT NULL,
  payload       jsonb NOT NULL,
  occurred_at   timestamptz NOT NULL DEFAULT now(),
  published_at  timestamptz
);
CREATE INDEX outbox_unpublished_idx ON outbox (id) WHERE published_at IS NULL;

-- Wakes the relay at commit (NOTIFY is delivered only when the transaction commits; never on rollback).
CREATE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('measures_outbox', '');
  RETURN NULL;
END;
$$;
CREATE TRIGGER outbox_notify AFTER INSERT ON outbox FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify();

-- Down Migration
DROP TRIGGER outbox_notify ON outbox;
DROP FUNCTION outbox_notify();
DROP TABLE outbox, audit, offer_measure, offer, evaluation, status_report, milestone, measure, provider;
