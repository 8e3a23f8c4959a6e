import { compareGoals, type EvidenceSnapshot, type Goal, type MonitoringActivities, type SpaceProfile } from '@sozialraum/contracts';
import { AppError, type Logger, type Principal, Roles } from '@sozialraum/kit';
import type { Pool } from '@sozialraum/kit/db';
import { Context } from '@temporalio/activity';
import { handOverAlertToCycle } from '../use-cases/alerts';
import type { PeerStatisticsCache } from '../use-cases/peer-statistics';
import { spaceProfile } from '../use-cases/profile';

/** Attempts before a snapshot is recorded as unavailable: a passing failure must not stall a cycle. */
export const SNAPSHOT_ATTEMPTS = 3;

/**
 * The strategy cycle as the profile use case sees it: another service, without raw-data, so it gets the
 * disclosed values (docs/monitoring.md#confidentiality), as the strategy service's token got them from the API.
 */
const CYCLE: Principal = { id: 'strategy-cycle', name: 'Strategiezyklus', roles: [Roles.service], departments: [], committees: [], spaces: [] };

/** Why it failed, as the cycle's history and the snapshot tell it (with the status of a refusal). */
const reasonOf = (error: unknown) =>
  error instanceof AppError ? `${error.status} ${error.message}` : error instanceof Error ? error.message : String(error);

export interface CycleEvidenceDependencies {
  pool: Pool;
  peerStatisticsCache: PeerStatisticsCache;
  logger: Logger;
}

/** Monitoring's part of a strategy cycle (queue `<cycle queue>.monitoring`), through its own use cases. */
export function cycleEvidenceActivities({ pool, peerStatisticsCache, logger }: CycleEvidenceDependencies): MonitoringActivities {
  /**
   * Passing failures (the database away) throw while attempts remain, so Temporal retries; after the last
   * attempt, or at once for a refusal such as an unknown space, the snapshot says why it is missing.
   */
  const snapshotSpace = async ({ spaceCode }: { spaceCode: string }): Promise<EvidenceSnapshot> => {
    const frozenAt = new Date().toISOString();
    try {
      const profile = await spaceProfile(pool, { cache: peerStatisticsCache }, CYCLE, spaceCode);
      return { frozenAt, profile: profile as unknown as SpaceProfile };
    } catch (error) {
      const refused = error instanceof AppError && error.status < 500;
      if (!refused && Context.current().info.attempt < SNAPSHOT_ATTEMPTS) throw error;
      const reason = reasonOf(error);
      logger.warn({ spaceCode, reason }, 'evidence snapshot unavailable');
      return { frozenAt, unavailable: reason };
    }
  };

  return {
    async handOverAlert({ cycleId, alertId }: { cycleId: string; alertId: number }): Promise<{ ok: boolean; reason?: string }> {
      try {
        await handOverAlertToCycle(pool, alertId, cycleId);
        return { ok: true };
      } catch (error) {
        const reason = reasonOf(error);
        logger.warn({ err: error, cycleId, alertId }, 'alert hand-over failed; the cycle goes on');
        return { ok: false, reason };
      }
    },

    snapshotSpace,

    async compareWithEvidence(input: { spaceCode: string; goals: Goal[]; before: SpaceProfile | null }) {
      const snapshot = await snapshotSpace({ spaceCode: input.spaceCode });
      const after = 'profile' in snapshot ? snapshot.profile : undefined;
      return { snapshot, comparison: compareGoals(input.goals, input.before ?? undefined, after) };
    },
  };
}
