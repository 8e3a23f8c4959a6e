import { randomUUID } from 'node:crypto';
import type { Logger } from '@sozialraum/kit';
import type { Pool, PoolClient } from '@sozialraum/kit/db';
import type { JobName, JobQueue } from '../domain/ports/job-queue';
import { peerValues } from '../data/analysis.repository';
import { dataVersion } from '../data/data-version.repository';
import {
  completeSnapshot,
  createDisclosedCells,
  type DisclosedCell,
  indicatorKeysWithValues,
  insertProfileIndicators,
  isSnapshotComplete,
  writeDisclosedCells,
} from '../data/profile-snapshot.repository';
import type { ProtectedValue } from '../domain/confidentiality';
import { discloseSections, type SectionRow } from './disclosure';
import { visible } from './indicator-views';

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
 * the request), and stores them under that version. Disclosure runs here in JavaScript (use-cases/disclosure.ts,
 * the one place); ranks, means and the JSON bodies are made by one set-based statement per batch.
 * A profile then reads its rows instead of every value of its type.
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
    // The set-based statement sorts each batch's sections (~100,000 rows) for its windows: in memory, not on disk.
    await client.query(`SET LOCAL work_mem = '64MB'`);
    // Floats leave as PostgreSQL writes them: the shortest exact form, as JSON.stringify does.
    await client.query('SET LOCAL extra_float_digits = 1');
    await createDisclosedCells(client);
    const keys = await indicatorKeysWithValues(client);
    let rows = 0;
    for (let start = 0; start < keys.length; start += KEYS_AT_A_TIME) {
      const batch = keys.slice(start, start + KEYS_AT_A_TIME);
      await writeDisclosedCells(client, await disclosedCells(client, batch));
      rows += await insertProfileIndicators(client, version, batch);
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

/** Indicators whose cross-sections are disclosed at a time (whole cross-sections: all spaces of all types). */
const KEYS_AT_A_TIME = 10;

/** Whether disclosure lets the stored value out as it is (then the statement takes it from the table). */
function asStored(value: ProtectedValue, row: SectionRow): boolean {
  return (
    !value.suppressed && value.reason === undefined && value.rounded === undefined && value.value === row.value &&
    (value.numerator ?? null) === row.numerator && (value.denominator ?? null) === row.denominator
  );
}

/**
 * The viewers' values of the indicators' cross-sections where they differ from the stored ones, made by the one
 * disclosure every view uses (primary, secondary and change suppression, rounding): the statement that ranks
 * and averages takes them from here, so it never sees a withheld value.
 */
async function disclosedCells(client: PoolClient, keys: string[]): Promise<DisclosedCell[]> {
  const values = await peerValues(client, keys);
  const disclosure = await discloseSections(client, 'disclosed', values);
  const cells: DisclosedCell[] = [];
  for (const row of values) {
    const value = disclosure.protect(row);
    if (asStored(value, row)) continue;
    cells.push({ spaceCode: row.spaceCode, indicatorKey: row.indicatorKey, period: row.period, shown: visible(value), denominator: value.denominator ?? null, json: JSON.stringify(value) });
  }
  return cells;
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
