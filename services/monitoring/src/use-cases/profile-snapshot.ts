import { randomUUID } from 'node:crypto';
import type { Logger } from '@sozialraum/kit';
import type { Pool, PoolClient } from '@sozialraum/kit/db';
import type { JobName, JobQueue } from '../domain/ports/job-queue';
import { findIndicators, type IndicatorInfoRecord, peerValues } from '../data/analysis.repository';
import { dataVersion } from '../data/data-version.repository';
import { completeSnapshot, indicatorStamps, isSnapshotComplete, latestTypes, type ProfileIndicatorRow, writeProfileIndicators } from '../data/profile-snapshot.repository';
import { type Audience, discloseSections, rawValue } from './disclosure';
import { KEYS_AT_A_TIME, type PeerStatistics, sectionsOf } from './peer-statistics';
import { profileIndicator } from './profile-indicator';

export const PROFILE_SNAPSHOT_JOB = 'profile-snapshot' satisfies JobName;
/** Any constant: one snapshot is built at a time, whichever replica runs the job. */
const SNAPSHOT_LOCK = 7_300_061;

/** Queues a snapshot of the data in force, unless one is waiting already (it will read the newest data). */
export async function queueProfileSnapshot(jobs: JobQueue): Promise<void> {
  const waiting = await jobs.getJobs(['waiting', 'delayed', 'prioritized']);
  if (waiting.some((job) => job.name === PROFILE_SNAPSHOT_JOB)) return;
  await jobs.add(PROFILE_SNAPSHOT_JOB, {}, { jobId: `${PROFILE_SNAPSHOT_JOB}-${randomUUID()}`, removeOnComplete: true, removeOnFail: true });
}

const asError = (e: unknown) => (e instanceof Error ? e : new Error(String(e)));

export interface SnapshotOutcome {
  version: string;
  /** False when that version was complete already or another replica is building one. */
  built: boolean;
  /** The indicators whose rows were made (the others' hold for their stamps in force). */
  indicators: number;
  rows: number;
  durationMs: number;
}

/**
 * Makes every space's profile indicators for both audiences for the indicators whose stamp changed since their
 * rows were made (all of them after a change of spaces or settings, one after one indicator's import), a few at
 * a time: whole cross-sections each, so disclosure is the same as over all at once and as in the request. Each
 * few in a transaction of their own (repeatable read: what is read belongs to exactly the stamps stored with
 * it), so profiles take them from the snapshot as soon as they are stored; the last one marks the data version
 * complete when every indicator's rows hold for it.
 */
export async function buildProfileSnapshot(pool: Pool): Promise<SnapshotOutcome> {
  const started = performance.now();
  const outcome = (version: string, built: boolean, indicators = 0, rows = 0): SnapshotOutcome => ({
    version, built, indicators, rows, durationMs: Math.round(performance.now() - started),
  });
  const client = await pool.connect();
  let locked = false;
  let broken: Error | undefined;
  try {
    // Taken before any transaction's view of the data: a build that just finished is in it, never built twice.
    locked = (await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [SNAPSHOT_LOCK])).rows[0]?.ok === true;
    let [indicators, rows] = [0, 0];
    for (;;) {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
      const version = await dataVersion(client);
      if (!locked || (await isSnapshotComplete(client, version))) {
        await client.query('COMMIT');
        return outcome(version, indicators > 0, indicators, rows);
      }
      const stamps = await indicatorStamps(client);
      const chunk = stamps.filter((s) => !s.built).slice(0, KEYS_AT_A_TIME);
      if (chunk.length === 0) {
        await completeSnapshot(client, version, stamps.map((s) => s.key));
        await client.query('COMMIT');
        return outcome(version, true, indicators, rows);
      }
      // The chunk's cross-sections are sorted for DISTINCT ON (~50,000 rows): in memory, not spilled to disk.
      await client.query(`SET LOCAL work_mem = '64MB'`);
      const made = await snapshotRows(client, await latestTypes(client), chunk.map((s) => s.key));
      await writeProfileIndicators(client, new Map(chunk.map((s) => [s.key, s.stamp])), made);
      await client.query('COMMIT');
      indicators += chunk.length;
      rows += made.length;
    }
  } catch (error) {
    broken = await client.query('ROLLBACK').then(() => undefined, asError);
    throw error;
  } finally {
    if (locked && !broken) broken = await client.query('SELECT pg_advisory_unlock($1)', [SNAPSHOT_LOCK]).then(() => undefined, asError);
    client.release(broken);
  }
}

/** The rows of some indicators: per audience, space and indicator the space has a value of, its profile entry. */
async function snapshotRows(client: PoolClient, types: ReadonlyMap<string, string>, keys: string[]): Promise<ProfileIndicatorRow[]> {
  const values = await peerValues(client, keys);
  const indicators = await findIndicators(client, keys);
  const kinds = new Map(indicators.map((i) => [i.key, i.kind]));
  const disclosure = await discloseSections(client, 'disclosed', values);
  // Which indicators each code has a value of (in any type: a profile lists them even without peers).
  const keysOfCode = new Map<string, Set<string>>();
  for (const row of values) (keysOfCode.get(row.spaceCode) ?? keysOfCode.set(row.spaceCode, new Set()).get(row.spaceCode)!).add(row.indicatorKey);
  const byType = new Map<string, typeof values>();
  for (const row of values) (byType.get(row.spaceType) ?? byType.set(row.spaceType, []).get(row.spaceType)!).push(row);
  const out: ProfileIndicatorRow[] = [];
  for (const [audience, protect] of [['raw', rawValue], ['disclosed', disclosure.protect]] as const) {
    const statistics = new Map([...byType].map(([type, rows]) => [type, sectionsOf(rows, protect, kinds)]));
    out.push(...entriesOf(audience, indicators, keysOfCode, types, statistics));
  }
  return out;
}

function* entriesOf(
  audience: Audience,
  indicators: readonly IndicatorInfoRecord[],
  keysOfCode: ReadonlyMap<string, ReadonlySet<string>>,
  types: ReadonlyMap<string, string>,
  statistics: ReadonlyMap<string, PeerStatistics>,
): Generator<ProfileIndicatorRow> {
  for (const [code, keys] of keysOfCode) {
    const peers = statistics.get(types.get(code) ?? '');
    for (const indicator of indicators) {
      if (!keys.has(indicator.key)) continue;
      const body = JSON.stringify(profileIndicator(indicator, peers?.get(indicator.key) ?? [], code));
      yield { audience, spaceCode: code, indicatorKey: indicator.key, body };
    }
  }
}

/**
 * The job: builds the snapshot of the data in force and, when the data changed meanwhile, queues the next one
 * (the change's own job may have found this one running and queued nothing).
 */
export async function profileSnapshotJob(pool: Pool, jobs: JobQueue, logger: Logger): Promise<SnapshotOutcome> {
  const outcome = await buildProfileSnapshot(pool);
  if (outcome.built) logger.info(outcome, 'profile snapshot built');
  if ((await dataVersion(pool)) !== outcome.version) await queueProfileSnapshot(jobs);
  return outcome;
}
