import type { Queryable } from '@sozialraum/kit/db';

/** What a cycle collected along the way. `departments` = 'all' or the departments the reader may see. */
export type DepartmentFilter = 'all' | string[];

export interface ParticipationRow {
  id: string;
  format: string;
  held_on: string;
  actors: string[];
  target_groups: string[];
  participants: number;
  results: string;
  recorded_by: string;
  recorded_at: Date;
}

export async function participationOf(db: Queryable, cycleId: string): Promise<ParticipationRow[]> {
  const { rows } = await db.query<ParticipationRow>(
    `SELECT id, format, held_on::text AS held_on, actors, target_groups, participants, results, recorded_by, recorded_at
     FROM participation WHERE cycle_id = $1 ORDER BY held_on, id`,
    [cycleId],
  );
  return rows;
}

export interface GoalRow {
  position: number;
  title: string;
  description: string | null;
  indicator_key: string | null;
  target_value: number | null;
  target_year: number | null;
}

export async function goalsOf(db: Queryable, cycleId: string): Promise<GoalRow[]> {
  const { rows } = await db.query<GoalRow>('SELECT * FROM goal WHERE cycle_id = $1 ORDER BY position', [cycleId]);
  return rows;
}

export interface NeedRow {
  key: string;
  title: string;
  description: string | null;
  target_groups: string[];
  departments: string[];
  status: string;
}

/** Needs for which one of the departments is responsible (all needs for 'all'). */
export async function needsOf(db: Queryable, cycleId: string, departments: DepartmentFilter): Promise<NeedRow[]> {
  const { rows } = await db.query<NeedRow>(
    `SELECT key, title, description, target_groups, departments, status FROM need
     WHERE cycle_id = $1 AND ($2::text[] IS NULL OR departments && $2) ORDER BY key`,
    [cycleId, departments === 'all' ? null : departments],
  );
  return rows;
}

export interface ProposalRow {
  id: string;
  need_key: string;
  department: string;
  title: string;
  description: string;
  budget_planned: number | null;
  starts_on: string | null;
  ends_on: string | null;
  status: string;
  progress: number;
  traffic_light: string | null;
}

export async function proposalsOf(db: Queryable, cycleId: string, departments: DepartmentFilter): Promise<ProposalRow[]> {
  const { rows } = await db.query<ProposalRow>(
    `SELECT id, need_key, department, title, description, budget_planned, starts_on::text AS starts_on, ends_on::text AS ends_on,
            status, progress, traffic_light
     FROM measure_proposal WHERE cycle_id = $1 AND ($2::text[] IS NULL OR department = ANY ($2)) ORDER BY id`,
    [cycleId, departments === 'all' ? null : departments],
  );
  return rows;
}

export interface DecisionRow {
  id: string;
  measure_id: string;
  decision: string;
  reason: string | null;
  decided_by: string;
  decided_at: Date;
}

/** Decisions on the measures the departments proposed (all decisions for 'all'). */
export async function decisionsOf(db: Queryable, cycleId: string, departments: DepartmentFilter): Promise<DecisionRow[]> {
  const { rows } = await db.query<DecisionRow>(
    `SELECT d.id, d.measure_id, d.decision, d.reason, d.decided_by, d.decided_at FROM decision d
     WHERE d.cycle_id = $1 AND ($2::text[] IS NULL OR EXISTS (
       SELECT 1 FROM measure_proposal p WHERE p.id = d.measure_id AND p.department = ANY ($2)))
     ORDER BY d.decided_at, d.id`,
    [cycleId, departments === 'all' ? null : departments],
  );
  return rows;
}
