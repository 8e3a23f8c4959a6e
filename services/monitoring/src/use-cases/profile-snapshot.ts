import { randomUUID } from 'node:crypto';
import type { Logger } from '@sozialraum/kit';
import type { Pool, PoolClient } from '@sozialraum/kit/db';
import type { JobName, JobQueue } from '../domain/ports/job-queue';
import { findIndicators, type IndicatorInfoRecord, peerValues } from '../data/analysis.repository';
import { dataVersion } from '../data/data-version.repository';
import {
  completeSnapshot,
  indicatorKeysWithValues,
  isSnapshotComplete,
  latestTypes,
  type ProfileIndicatorRow,
  writeProfileIndicators,
} from '../data/profile-snapshot.repository';
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

export interface SnapshotOutcome {
  version: string;
  /** False when that version was complete already or another replica is building one. */
  built: boolean;
  rows: number;
  durationMs: number;
}

/**
 * Computes every space's profile indicators for both audiences from one consistent view of the data (a
 * repeatable-read transaction: everything read belongs to exactly the version stored with it), a few
 * indicators at a time (whole cross-sections each, so disclosure is the same as over all at once and as in
 * the request), and stores them under that version. A profile then reads its rows instead of every value of its type.
 */
export async function buildProfileSnapshot(pool: Pool): Promise<SnapshotOutcome> {
  const started = performance.now();
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
    const { rows: locked } = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_xact_lock($1) AS ok', [SNAPSHOT_LOCK]);
    const version = await dataVersion(client);
    if (!locked[0]?.ok || (await isSnapshotComplete(client, version))) {
      await client.query('COMMIT');
      return { version, built: false, rows: 0, durationMs: Math.round(performance.now() - started) };
    }
    // Each chunk's cross-sections are sorted for DISTINCT ON (~50,000 rows): in memory, not spilled to disk.
    await client.query(`SET LOCAL work_mem = '64MB'`);
    const types = await latestTypes(client);
    const keys = await indicatorKeysWithValues(client);
    let rows = 0;
    for (let start = 0; start < keys.length; start += KEYS_AT_A_TIME) {
      const chunk = await snapshotRows(client, types, keys.slice(start, start + KEYS_AT_A_TIME));
      await writeProfileIndicators(client, version, chunk);
      rows += chunk.length;
    }
    await completeSnapshot(client, version);
    await client.query('COMMIT');
    return { version, built: true, rows, durationMs: Math.round(performance.now() - started) };
  } catch (error) {
    broken = await client.query('ROLLBACK').then(() => undefined, (e: unknown) => (e instanceof Error ? e : new Error(String(e))));
    throw error;
  } finally {
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
