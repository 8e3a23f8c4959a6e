import { Context } from '@temporalio/activity';
import { AppError, type ServiceClient } from '@sozialraum/kit';

/** The part of the monitoring service's space profile the cycle reads (GET /v1/spaces/{code}/profile). */
export interface SpaceProfile {
  space: { code: string; name?: string };
  indicators: Array<{
    key: string;
    name: string;
    unit?: string;
    polarity?: 'higher-is-worse' | 'higher-is-better' | 'neutral';
    points: Array<{ period: string; value: { value: number | null; suppressed: boolean } }>;
  }>;
}

/** Attempts before a snapshot is recorded as unavailable: monitoring being away must not stall a cycle. */
export const SNAPSHOT_ATTEMPTS = 3;

export type Snapshot = { frozenAt: string; profile: SpaceProfile } | { frozenAt: string; unavailable: string };

/**
 * Fetches the space's profile. Passing failures (network, 5xx) throw while attempts remain, so Temporal
 * retries; after the last attempt, or at once for a refusal such as 404, the snapshot says why it is missing.
 */
export async function takeSnapshot(monitoring: ServiceClient, spaceCode: string): Promise<Snapshot> {
  const frozenAt = new Date().toISOString();
  try {
    return { frozenAt, profile: await monitoring<SpaceProfile>('GET', `/v1/spaces/${encodeURIComponent(spaceCode)}/profile`) };
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
