import type { Queryable } from '@sozialraum/kit/db';
import type { components } from '../generated/api';

type Schemas = components['schemas'];

/** What a cycle collected along the way. `departments` = 'all' or the departments the reader may see. */
export type DepartmentFilter = 'all' | string[];

export type ParticipationRecord = Omit<Schemas['ParticipationRecord'], 'recordedAt'> & { recordedAt: Date };

export async function participationOf(db: Queryable, cycleId: string): Promise<ParticipationRecord[]> {
  const { rows } = await db.query<ParticipationRecord>(
    `SELECT id, format, held_on::text AS date, actors, target_groups AS "targetGroups", participants, results,
            recorded_by AS "recordedBy", recorded_at AS "recordedAt"
     FROM participation WHERE cycle_id = $1 ORDER BY held_on, id`,
    [cycleId],
  );
  return rows;
}

export type GoalRecord = Schemas['Goal'];

export async function goalsOf(db: Queryable, cycleId: string): Promise<GoalRecord[]> {
  const { rows } = await db.query<GoalRecord>(
    `SELECT position, title, description, indicator_key AS "indicatorKey", target_value AS "targetValue", target_year AS "targetYear"
     FROM goal WHERE cycle_id = $1 ORDER BY position`,
    [cycleId],
  );
  return rows;
}

export type NeedRecord = Schemas['Need'];

/** Needs for which one of the departments is responsible (all needs for 'all'). */
export async function needsOf(db: Queryable, cycleId: string, departments: DepartmentFilter): Promise<NeedRecord[]> {
  const { rows } = await db.query<NeedRecord>(
    `SELECT key, title, description, target_groups AS "targetGroups", departments, status FROM need
     WHERE cycle_id = $1 AND ($2::text[] IS NULL OR departments && $2) ORDER BY key`,
    [cycleId, departments === 'all' ? null : departments],
  );
  return rows;
}

export type ProposalRecord = Schemas['Proposal'];

export async function proposalsOf(db: Queryable, cycleId: string, departments: DepartmentFilter): Promise<ProposalRecord[]> {
  const { rows } = await db.query<ProposalRecord>(
    `SELECT id, need_key AS "needKey", department, title, description, budget_planned AS "budgetPlanned",
            starts_on::text AS "start", ends_on::text AS "end", status, progress, traffic_light AS "trafficLight"
     FROM measure_proposal WHERE cycle_id = $1 AND ($2::text[] IS NULL OR department = ANY ($2)) ORDER BY id`,
    [cycleId, departments === 'all' ? null : departments],
  );
  return rows;
}

export type DecisionRecord = Omit<Schemas['Decision'], 'decidedAt'> & { decidedAt: Date };

/** Decisions on the measures the departments proposed (all decisions for 'all'). */
export async function decisionsOf(db: Queryable, cycleId: string, departments: DepartmentFilter): Promise<DecisionRecord[]> {
  const { rows } = await db.query<DecisionRecord>(
    `SELECT d.id, d.measure_id AS "measureId", d.decision, d.reason, d.decided_by AS "decidedBy", d.decided_at AS "decidedAt" FROM decision d
     WHERE d.cycle_id = $1 AND ($2::text[] IS NULL OR EXISTS (
       SELECT 1 FROM measure_proposal p WHERE p.id = d.measure_id AND p.department = ANY ($2)))
     ORDER BY d.decided_at, d.id`,
    [cycleId, departments === 'all' ? null : departments],
  );
  return rows;
}
