import { type CycleInput, type CycleStatus, type EvidenceSnapshot, type Goal, type IndicatorComparison, type Person, type Phase, profileOf, type SpaceProfile } from '@sozialraum/contracts';
import { withTransaction } from '@sozialraum/kit/db';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { ActivityDependencies } from './dependencies';

/** The cycle's own rows: the cycle, its phase timeline, evidence and reflection snapshots, the next cycle. */
export function cycleActivities({ pool, temporal }: ActivityDependencies) {
  return {
    async recordCycle(input: { cycleId: string; spaceCode: string; number: number; alertId?: number; startedBy: Person; at: string }): Promise<void> {
      // The service may have written the row already when it started the workflow: then it stays as is.
      await pool.query(
        `INSERT INTO cycle (id, space_code, number, status, phase, alert_id, started_by, started_at)
         VALUES ($1, $2, $3, 'running', 'analysis', $4, $5, $6) ON CONFLICT (id) DO NOTHING`,
        [input.cycleId, input.spaceCode, input.number, input.alertId ?? null, input.startedBy.name, input.at],
      );
    },

    /** Monitoring's evidence at analysis; the first write wins, so a retried activity does not replace it. */
    async storeEvidence(input: { cycleId: string; snapshot: EvidenceSnapshot }): Promise<{ available: boolean; reason?: string }> {
      const { rows } = await pool.query<{ evidence: EvidenceSnapshot }>(
        `UPDATE cycle SET evidence = COALESCE(evidence, $2), updated_at = now() WHERE id = $1 RETURNING evidence`,
        [input.cycleId, JSON.stringify(input.snapshot)],
      );
      const stored = rows[0]?.evidence ?? input.snapshot;
      return 'unavailable' in stored ? { available: false, reason: stored.unavailable } : { available: true };
    },

    /** The goals and, of the frozen evidence, only their indicators: what monitoring compares at reflection. */
    async reflectionBasis(input: { cycleId: string }): Promise<{ goals: Goal[]; before: SpaceProfile | null }> {
      const { rows } = await pool.query<{ evidence: EvidenceSnapshot | null }>(`SELECT evidence FROM cycle WHERE id = $1`, [input.cycleId]);
      const goals = (
        await pool.query<{ title: string; indicator_key: string | null; target_value: number | null; target_year: number | null }>(
          `SELECT title, indicator_key, target_value, target_year FROM goal WHERE cycle_id = $1 ORDER BY position`,
          [input.cycleId],
        )
      ).rows.map((g): Goal => ({ title: g.title, indicatorKey: g.indicator_key ?? undefined, targetValue: g.target_value ?? undefined, targetYear: g.target_year ?? undefined }));
      const profile = profileOf(rows[0]?.evidence);
      const keys = new Set(goals.map((g) => g.indicatorKey));
      return { goals, before: profile ? { space: profile.space, indicators: profile.indicators.filter((i) => keys.has(i.key)) } : null };
    },

    /** The reflection snapshot and comparison into cycle.reflection (first write wins); returns what is stored. */
    async storeReflection(input: { cycleId: string; snapshot: EvidenceSnapshot; comparison: IndicatorComparison[] }): Promise<{ available: boolean; comparison: IndicatorComparison[] }> {
      const { snapshot, comparison } = input;
      const stored = await pool.query<{ reflection: { snapshot: EvidenceSnapshot; comparison: IndicatorComparison[] } }>(
        `UPDATE cycle SET reflection = COALESCE(reflection, $2), updated_at = now() WHERE id = $1 RETURNING reflection`,
        [input.cycleId, JSON.stringify({ snapshot, comparison })],
      );
      const reflection = stored.rows[0]?.reflection ?? { snapshot, comparison };
      return { available: !('unavailable' in reflection.snapshot), comparison: reflection.comparison };
    },

    /** Closes the previous phase and opens the next in the timeline, at the workflow's time. */
    async enterPhase(input: { cycleId: string; phase: Phase; previous?: Phase; at: string }): Promise<void> {
      await withTransaction(pool, async (db) => {
        if (input.previous) {
          await db.query(`UPDATE cycle_phase SET ended_at = $3 WHERE cycle_id = $1 AND phase = $2 AND ended_at IS NULL`, [input.cycleId, input.previous, input.at]);
        }
        await db.query(`INSERT INTO cycle_phase (cycle_id, phase, started_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [input.cycleId, input.phase, input.at]);
        await db.query(`UPDATE cycle SET phase = $2, updated_at = now() WHERE id = $1`, [input.cycleId, input.phase]);
      });
    },

    /** Running ⇄ suspended; cancelled and completed are final and written by their own activities. */
    async setCycleStatus(input: { cycleId: string; status: Extract<CycleStatus, 'running' | 'suspended'>; reason?: string }): Promise<void> {
      await pool.query(
        `UPDATE cycle SET status = $2, status_reason = $3, updated_at = now() WHERE id = $1 AND status IN ('running', 'suspended')`,
        [input.cycleId, input.status, input.reason ?? null],
      );
    },

    async cancelCycle(input: { cycleId: string; reason: string; at: string }): Promise<void> {
      await withTransaction(pool, async (db) => {
        // The cycle row first: createTask locks it (FOR SHARE), so no task can open after this commits.
        await db.query(
          `UPDATE cycle SET status = 'cancelled', status_reason = $2, finished_at = $3, updated_at = now() WHERE id = $1 AND status <> 'completed'`,
          [input.cycleId, input.reason, input.at],
        );
        await db.query(`UPDATE task SET status = 'cancelled', updated_at = now() WHERE cycle_id = $1 AND status = 'open'`, [input.cycleId]);
        await db.query(`UPDATE cycle_phase SET ended_at = $2 WHERE cycle_id = $1 AND ended_at IS NULL`, [input.cycleId, input.at]);
      });
    },

    /** Completed: the timeline closes and needs are marked open (carried on) or addressed. */
    async completeCycle(input: { cycleId: string; openNeedKeys: string[]; at: string }): Promise<void> {
      await withTransaction(pool, async (db) => {
        await db.query(`UPDATE cycle SET status = 'completed', finished_at = $2, updated_at = now() WHERE id = $1`, [input.cycleId, input.at]);
        await db.query(`UPDATE cycle_phase SET ended_at = $2 WHERE cycle_id = $1 AND ended_at IS NULL`, [input.cycleId, input.at]);
        await db.query(`UPDATE need SET status = CASE WHEN key = ANY($2) THEN 'open' ELSE 'addressed' END WHERE cycle_id = $1`, [input.cycleId, input.openNeedKeys]);
      });
    },

    /** Starts the next cycle as its own workflow; "already started" means a retry, which is fine. */
    async startNextCycle(input: { workflowId: string; taskQueue: string; input: CycleInput }): Promise<{ started: boolean }> {
      try {
        await temporal.workflow.start('strategyCycle', {
          workflowId: input.workflowId,
          taskQueue: input.taskQueue,
          args: [input.input],
          // A closed run of the same cycle must not be run again.
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
        });
        return { started: true };
      } catch (error) {
        if (error instanceof WorkflowExecutionAlreadyStartedError) return { started: false };
        throw error;
      }
    },
  };
}
