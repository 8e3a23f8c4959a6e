import { createVersionedCache, type Principal, problems, type VersionedCache } from '@sozialraum/kit';
import type { JobQueue } from '../domain/ports/job-queue';
import { findIndicators, indicatorKeysOfSpace } from '../data/analysis.repository';
import { resolveMethod } from '../data/methods.repository';
import { dataVersion } from '../data/data-version.repository';
import { readProfileSnapshot } from '../data/profile-snapshot.repository';
import { resultsOfRuns } from '../data/results.repository';
import type { Queryable } from '@sozialraum/kit/db';
import { findLatestVersion } from '../data/spaces.repository';
import { alertsView } from './alerts';
import { type Audience, audienceOf } from './disclosure';
import { peerStatistics, type PeerStatisticsCache } from './peer-statistics';
import { methodReference } from './methods-recompute';
import { runsFor, toIndexResult } from './methods-results';
import { profileIndicator } from './profile-indicator';
import { queueProfileSnapshot } from './profile-snapshot';

async function classHistory(db: Queryable, audience: Audience, code: string, reference?: string) {
  const method = await resolveMethod(db, reference);
  if (!method) {
    if (reference) throw problems.notFound(`There is no method "${reference}"; give it as key@version.`);
    return { method: null, items: [] };
  }
  const runs = await runsFor(db, audience, method.id);
  const results = await resultsOfRuns(db, runs.map((r) => r.id), code);
  return { method: methodReference(method), items: results.map(toIndexResult) };
}

/**
 * The snapshot's indicators of recently read spaces as sent (a JSON array), by data version and question
 * `audience|code`, within a budget of characters (≈ bytes: the JSON is mostly ASCII): at 100 indicators × 18
 * years one space's array is ~320 KB, read from PostgreSQL once per version instead of once per request.
 */
export type ProfileRowsCache = VersionedCache<string>;

export const createProfileRowsCache = (maxChars: number): ProfileRowsCache => createVersionedCache({ maxSize: maxChars, sizeOf: (json: string) => json.length });

/** Where a profile's indicators come from: the snapshot of the data version, else the kept peer statistics. */
export interface ProfileSources {
  cache: PeerStatisticsCache;
  /** The snapshot's indicators of recently read spaces, by version and audience; without, each profile reads them. */
  rows?: ProfileRowsCache;
  /** To queue the snapshot when it is missing; without (the workflow worker), the request computes and waits. */
  jobs?: JobQueue;
}

/** Versions a snapshot was queued for by this process: the requests that find it missing queue it once. */
const queuedFor = new Set<string>();

interface SnapshotIndicators {
  version: string;
  /** The space's indicators as a JSON array, when the snapshot holds every one of them. */
  json?: string;
  /** Else each indicator's entry as stored, or null where its rows for the stamp in force are not made yet. */
  entries?: Array<{ key: string; body: string | null }>;
}

/** The space's indicators from the snapshot, as far as it holds them for the stamps in force (kept, else read and kept when whole). */
async function snapshotIndicators(db: Queryable, rows: ProfileRowsCache | undefined, audience: Audience, code: string): Promise<SnapshotIndicators> {
  if (rows) {
    // A small statement first: the version in force, what a kept entry is checked against.
    const version = await dataVersion(db);
    const kept = rows.get(version, `${audience}|${code}`);
    if (kept !== undefined) return { version, json: kept };
  }
  const snapshot = await readProfileSnapshot(db, audience, code);
  if (snapshot.entries.some((e) => e.body === null)) return snapshot;
  const json = `[${snapshot.entries.map((e) => e.body).join(',')}]`;
  rows?.set(snapshot.version, `${audience}|${code}`, json);
  return { version: snapshot.version, json };
}

/** How often a profile computed in the request looks whether the snapshot job has finished meanwhile. */
const SNAPSHOT_POLL_MS = 250;

/**
 * Whichever comes first: the computation, or the snapshot of the version then in force (the job that builds it
 * usually started earlier). Never a stale one: each look reads the stamps in force with the rows.
 */
async function computedOrSnapshot(db: Queryable, rows: ProfileRowsCache | undefined, audience: Audience, code: string, computed: Promise<string>): Promise<string> {
  let settled = false;
  computed.then(
    () => (settled = true),
    () => (settled = true),
  );
  const snapshot = async (): Promise<string> => {
    try {
      while (!settled) {
        await new Promise((resolve) => setTimeout(resolve, SNAPSHOT_POLL_MS));
        const { json } = settled ? {} : await snapshotIndicators(db, rows, audience, code);
        if (json !== undefined) return json;
      }
    } catch {
      // A failed look leaves the computation to answer.
    }
    return computed;
  };
  return Promise.race([computed, snapshot()]);
}

/** Entries of the indicators computed in the request from the peer statistics (what the snapshot stores for them), by key. */
async function computedEntries(db: Queryable, cache: PeerStatisticsCache, audience: Audience, code: string, type: string, keys: readonly string[]): Promise<Map<string, string>> {
  const indicators = await findIndicators(db, keys);
  const statistics = await peerStatistics(db, cache, audience, type, indicators.map((i) => i.key));
  return new Map(indicators.map((indicator) => [indicator.key, JSON.stringify(profileIndicator(indicator, statistics.get(indicator.key) ?? [], code))]));
}

/** The space's indicators as a JSON array computed in the request from the peer statistics (what the snapshot stores). */
export async function computedProfileIndicatorsJson(db: Queryable, cache: PeerStatisticsCache, audience: Audience, code: string, type: string): Promise<string> {
  return `[${[...(await computedEntries(db, cache, audience, code, type, await indicatorKeysOfSpace(db, code))).values()].join(',')}]`;
}

/**
 * The space's indicators as a JSON array: from the snapshot as stored; the indicators whose rows for the stamp
 * in force are not stored yet (those a change touched, until the job has made them) computed here.
 */
async function profileIndicatorsJson(db: Queryable, sources: ProfileSources, audience: Audience, code: string, type: string): Promise<string> {
  const snapshot = await snapshotIndicators(db, sources.rows, audience, code);
  if (snapshot.json !== undefined) return snapshot.json;
  if (sources.jobs && !queuedFor.has(snapshot.version)) {
    queuedFor.clear();
    queuedFor.add(snapshot.version);
    // The data changed without a job that snapshots it (e.g. a new indicator): the next profiles get it.
    await queueProfileSnapshot(sources.jobs).catch(() => queuedFor.clear());
  }
  const entries = snapshot.entries ?? [];
  const missing = entries.filter((e) => e.body === null).map((e) => e.key);
  const computed = computedEntries(db, sources.cache, audience, code, type, missing).then((made) =>
    // Keys the values lost meanwhile are left out, as the snapshot of the newer data would.
    `[${entries.flatMap((e) => { const body = e.body ?? made.get(e.key); return body === undefined ? [] : [body]; }).join(',')}]`,
  );
  return computedOrSnapshot(db, sources.rows, audience, code, computed);
}

async function profileParts(db: Queryable, sources: ProfileSources, principal: Principal, code: string, method?: string) {
  const space = await findLatestVersion(db, code);
  if (!space) throw problems.notFound(`There is no space "${code}".`);
  const audience = audienceOf(principal);
  const history = await classHistory(db, audience, code, method);
  const indicators = await profileIndicatorsJson(db, sources, audience, code, space.type);
  const { id: _id, ...spaceDto } = space;
  return { space: spaceDto, method: history.method, indicators, classHistory: history.items, alerts: await alertsView(db, principal, { spaceCode: code }) };
}

/**
 * Everything known about a space: each indicator over time with the city's value (weighted, see
 * city-value.ts), the mean, rank and z-value among the spaces of its type (from the values the caller may see), the class history and the alerts.
 */
export async function spaceProfile(db: Queryable, sources: ProfileSources, principal: Principal, code: string, method?: string) {
  const parts = await profileParts(db, sources, principal, code, method);
  return { ...parts, indicators: JSON.parse(parts.indicators) as Array<ReturnType<typeof profileIndicator>> };
}

/** The same profile as JSON text: the snapshot's indicators go out as stored, not parsed and serialised again (324 KB at 100 × 18). */
export async function spaceProfileJson(db: Queryable, sources: ProfileSources, principal: Principal, code: string, method?: string): Promise<string> {
  const p = await profileParts(db, sources, principal, code, method);
  const json = JSON.stringify;
  return `{"space":${json(p.space)},"method":${json(p.method)},"indicators":${p.indicators},"classHistory":${json(p.classHistory)},"alerts":${json(p.alerts)}}`;
}
