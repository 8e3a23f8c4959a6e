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

/** Writes of the cycle's tasks (in the completion's transaction); keys are deterministic, so a retry writes nothing twice. */

export async function insertParticipation(
  db: Queryable,
  p: { id: string; cycleId: string; format: string; date: string; actors: string[]; targetGroups: string[]; participants: number; results: string; recordedBy: string; recordedAt: string },
): Promise<void> {
  await db.query(
    `INSERT INTO participation (id, cycle_id, format, held_on, actors, target_groups, participants, results, recorded_by, recorded_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (id) DO NOTHING`,
    [p.id, p.cycleId, p.format, p.date, p.actors, p.targetGroups, p.participants, p.results, p.recordedBy, p.recordedAt],
  );
}

/** Replaces the cycle's goals and needs as a whole, and the departments its needs concern (run it in a transaction). */
export async function replaceGoalsAndNeeds(
  db: Queryable,
  cycleId: string,
  goals: Array<{ title: string; description: string | null; indicatorKey: string | null; targetValue: number | null; targetYear: number | null }>,
  needs: Array<{ key: string; title: string; description: string | null; targetGroups: string[]; departments: string[] }>,
  departments: string[],
): Promise<void> {
  await db.query(`DELETE FROM goal WHERE cycle_id = $1`, [cycleId]);
  await db.query(`DELETE FROM need WHERE cycle_id = $1`, [cycleId]);
  for (const [position, g] of goals.entries()) {
    await db.query(
      `INSERT INTO goal (cycle_id, position, title, description, indicator_key, target_value, target_year) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [cycleId, position, g.title, g.description, g.indicatorKey, g.targetValue, g.targetYear],
    );
  }
  for (const n of needs) {
    await db.query(
      `INSERT INTO need (cycle_id, key, title, description, target_groups, departments) VALUES ($1, $2, $3, $4, $5, $6)`,
      [cycleId, n.key, n.title, n.description, n.targetGroups, n.departments],
    );
  }
  await db.query(`UPDATE cycle SET departments = $2, updated_at = now() WHERE id = $1`, [cycleId, departments]);
}

export async function insertDecision(
  db: Queryable,
  d: { id: string; cycleId: string; measureId: string; decision: string; reason: string | null; decidedBy: string; decidedAt: string },
): Promise<void> {
  await db.query(
    `INSERT INTO decision (id, cycle_id, measure_id, decision, reason, decided_by, decided_at) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO NOTHING`,
    [d.id, d.cycleId, d.measureId, d.decision, d.reason, d.decidedBy, d.decidedAt],
  );
}
