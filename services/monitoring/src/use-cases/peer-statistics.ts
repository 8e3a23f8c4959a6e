import type { VersionedCache } from '@sozialraum/kit';
import { findIndicators, type IndicatorInfoRecord, peerValues, peerValuesOfType, type TypePeerRow } from '../data/analysis.repository';
import { dataVersion } from '../data/data-version.repository';
import type { Queryable } from '@sozialraum/kit/db';
import type { ProtectedValue } from '../domain/confidentiality';
import { cityValue } from './city-value';
import { type Audience, discloseSections, rawValue } from './disclosure';
import { type Ranking, rankingOf, visible } from './indicator-views';

type ValueKind = IndicatorInfoRecord['kind'];

/** One indicator in one period among the spaces of one type, as one audience may see it. */
export interface SectionStatistics {
  period: string;
  /** Each space's value as the audience sees it, by space code. */
  values: Map<string, ProtectedValue>;
  ranking: Ranking;
  cityValue: number | null;
}

/** Per indicator key its sections, oldest period first. */
export type PeerStatistics = Map<string, SectionStatistics[]>;

interface Entry {
  byIndicator: PeerStatistics;
  /** Computations under way, by the keys they compute: concurrent profiles wait for one instead of each doing it. */
  loading: Map<string, Promise<void>>;
}

export type PeerStatisticsCache = VersionedCache<Entry>;

/** Indicators read and ranked at a time: between them the process serves other requests. */
export const KEYS_AT_A_TIME = 5;

/**
 * The sections of the indicators, computed from the current values as the audience may see them, a few
 * indicators at a time (each a whole cross-section, so disclosure is the same as over all of them at once):
 * 975,600 values in one go would hold the event loop for seconds.
 */
async function computeSections(db: Queryable, audience: Audience, type: string, keys: string[]): Promise<PeerStatistics> {
  const statistics: PeerStatistics = new Map();
  for (let start = 0; start < keys.length; start += KEYS_AT_A_TIME) {
    for (const [key, sections] of await computeSectionsOf(db, audience, type, keys.slice(start, start + KEYS_AT_A_TIME))) statistics.set(key, sections);
  }
  return statistics;
}

async function computeSectionsOf(db: Queryable, audience: Audience, type: string, keys: string[]): Promise<PeerStatistics> {
  let rows: TypePeerRow[];
  let protect: (row: TypePeerRow) => ProtectedValue;
  if (audience === 'raw') {
    rows = await peerValuesOfType(db, keys, type);
    protect = rawValue;
  } else {
    // Disclosed: whole cross-sections of every type (secondary suppression), compared within the type.
    const sections = await peerValues(db, keys);
    const disclosure = await discloseSections(db, 'disclosed', sections);
    rows = sections.filter((r) => r.spaceType === type);
    protect = disclosure.protect as (row: TypePeerRow) => ProtectedValue;
  }
  const kinds = new Map((await findIndicators(db, keys)).map((i) => [i.key, i.kind]));
  const statistics: PeerStatistics = new Map(keys.map((key) => [key, []]));
  for (const [key, sections] of sectionsOf(rows, protect, kinds)) statistics.set(key, sections);
  return statistics;
}

/**
 * The rows (current values of spaces of one type) as sections per indicator and period, oldest first: each
 * space's value as `protect` lets it out, and ranking and city value over those values only.
 */
export function sectionsOf<Row extends TypePeerRow>(rows: readonly Row[], protect: (row: Row) => ProtectedValue, kinds: ReadonlyMap<string, ValueKind>): PeerStatistics {
  const grouped = new Map<string, Map<string, Row[]>>();
  for (const row of rows) {
    const periods = grouped.get(row.indicatorKey) ?? grouped.set(row.indicatorKey, new Map()).get(row.indicatorKey)!;
    (periods.get(row.period) ?? periods.set(row.period, []).get(row.period)!).push(row);
  }
  const statistics: PeerStatistics = new Map();
  for (const [key, periods] of grouped) {
    const kind = kinds.get(key) ?? 'share';
    const sections = [...periods].sort(([a], [b]) => (a < b ? -1 : 1)).map(([period, peers]) => {
      const values = peers.map((peer) => protect(peer));
      return {
        period,
        values: new Map(peers.map((peer, i) => [peer.spaceCode, values[i] as ProtectedValue])),
        ranking: rankingOf(values.map(visible)),
        cityValue: cityValue(kind, peers.map((peer, i) => ({ value: values[i] as ProtectedValue, population: peer.population }))),
      };
    });
    statistics.set(key, sections);
  }
  return statistics;
}

/**
 * The peer statistics of the indicators among the spaces of one type, kept per data version: a profile reads
 * every value of its type (975,600 at 100 indicators × 18 years × 542 areas) only when the data changed.
 * The version is read before the values, so an entry can only be newer than its version says, never older.
 */
export async function peerStatistics(db: Queryable, cache: PeerStatisticsCache, audience: Audience, type: string, keys: string[]): Promise<PeerStatistics> {
  if (!cache.enabled) return computeSections(db, audience, type, keys);
  const version = await dataVersion(db);
  const question = JSON.stringify([audience, type]);
  let entry = cache.get(version, question);
  if (!entry) {
    entry = { byIndicator: new Map(), loading: new Map() };
    cache.set(version, question, entry);
  }
  const missing = keys.filter((key) => !entry.byIndicator.has(key) && ![...entry.loading.keys()].some((k) => k.split(',').includes(key)));
  if (missing.length > 0) {
    const loadingKey = missing.join(',');
    const target = entry;
    target.loading.set(
      loadingKey,
      computeSections(db, audience, type, missing)
        .then((computed) => computed.forEach((sections, key) => target.byIndicator.set(key, sections)))
        .finally(() => target.loading.delete(loadingKey)),
    );
  }
  await Promise.all(entry.loading.values());
  return entry.byIndicator;
}
