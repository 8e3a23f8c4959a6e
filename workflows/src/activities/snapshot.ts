import { Context } from '@temporalio/activity';
import { AppError } from '@sozialraum/kit';
import type { MonitoringClient, SpaceProfile } from './monitoring';

/** Attempts before a snapshot is recorded as unavailable: monitoring being away must not stall a cycle. */
export const SNAPSHOT_ATTEMPTS = 3;

export type Snapshot = { frozenAt: string; profile: SpaceProfile } | { frozenAt: string; unavailable: string };

/**
 * Fetches the space's profile. Passing failures (network, 5xx) throw while attempts remain, so Temporal
 * retries; after the last attempt, or at once for a refusal such as 404, the snapshot says why it is missing.
 */
export async function takeSnapshot(monitoring: MonitoringClient, spaceCode: string): Promise<Snapshot> {
  const frozenAt = new Date().toISOString();
  try {
    return { frozenAt, profile: await monitoring.profile(spaceCode) };
  } catch (error) {
    const refused = error instanceof AppError && error.status >= 400 && error.status < 500 && ![408, 429].includes(error.status);
    if (!refused && Context.current().info.attempt < SNAPSHOT_ATTEMPTS) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    Context.current().log.warn('monitoring snapshot unavailable', { spaceCode, reason });
    return { frozenAt, unavailable: reason };
  }
}

export const profileOf = (snapshot: Snapshot | null | undefined): SpaceProfile | undefined =>
  snapshot && 'profile' in snapshot ? snapshot.profile : undefined;
