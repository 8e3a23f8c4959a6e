import { problems } from '@sozialraum/kit';
import {
  currentValues,
  dominantSpaceType,
  findIndicators,
  type IndicatorInfoRecord,
  type ValueRow,
} from '../data/analysis.repository';
import type { Queryable } from '../data/settings.repository';
import type { ProtectedValue } from '../domain/confidentiality';
import { mean, standardDeviation } from '../domain/method';
import type { ValueProtector } from './confidentiality';
import { spacesOfType } from './methods-recompute';

/**
 * Rankings, series and changes of one indicator. Every per-space number (value, rank, z, change) and
 * every statistic shown next to them (mean, sd, city mean) is computed from the values the caller may
 * see: a mean over raw values next to all but one shown value would disclose the suppressed one.
 */

export type Polarity = IndicatorInfoRecord['polarity'];

/** Raw value rows as they may leave the service. */
export function protectRow(
  protect: ValueProtector,
  kind: IndicatorInfoRecord['kind'],
  row: Pick<ValueRow, 'value' | 'numerator' | 'denominator' | 'population'> | undefined,
): ProtectedValue {
  if (!row) return protect({ kind, value: null });
  return protect({
    kind,
    value: row.value,
    ...(row.numerator !== null ? { numerator: row.numerator } : {}),
    ...(row.denominator !== null ? { denominator: row.denominator } : {}),
    spacePopulation: row.population,
  });
}

export function visible(value: ProtectedValue): number | null {
  return value.suppressed || value.value === null ? null : value.value;
}

export interface Ranked {
  ranks: Array<number | null>;
  zs: Array<number | null>;
  mean: number | null;
  sd: number | null;
  /** How many spaces were ranked. */
  of: number;
}

/**
 * Rank 1 = worst situation: highest value unless higher is better (neutral: highest first). Equal
 * values share a rank (1, 2, 2, 4). z = (x − mean) / sample sd, not oriented: it sits next to the value.
 */
export function rankValues(values: ReadonlyArray<number | null>, polarity: Polarity): Ranked {
  const shown = values.filter((v): v is number => v !== null);
  const m = shown.length > 0 ? mean(shown) : null;
  const sd = shown.length > 1 ? standardDeviation(shown, 'sample') : null;
  // Sorted once, each rank by binary search: a profile ranks 100 indicators × 18 periods among 542 areas.
  const ascending = Float64Array.from(shown).sort();
  const firstIndex = (beyond: (x: number) => boolean) => {
    let [low, high] = [0, ascending.length];
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (beyond(ascending[middle] as number)) high = middle;
      else low = middle + 1;
    }
    return low;
  };
  // Worse than v: lower values where higher is better, else higher ones.
  const worseThan = (v: number) => (polarity === 'higher-is-better' ? firstIndex((x) => x >= v) : ascending.length - firstIndex((x) => x > v));
  return {
    ranks: values.map((v) => (v === null ? null : 1 + worseThan(v))),
    zs: values.map((v) => (v === null || m === null || sd === null ? null : sd > 0 ? (v - m) / sd : 0)),
    mean: m,
    sd,
    of: shown.length,
  };
}

export async function indicatorOr404(db: Queryable, key: string): Promise<IndicatorInfoRecord> {
  const [indicator] = await findIndicators(db, [key]);
  if (!indicator) throw problems.notFound(`There is no indicator "${key}" in the catalogue.`);
  return indicator;
}

interface SpaceEntry {
  code: string;
  name: string;
}

/**
 * The spaces a view lists: those valid today plus those with values. Without a type, the type most
 * spaces with values of the indicator have (comparing spaces of different types means nothing).
 */
async function viewBase(db: Queryable, key: string, type: string | undefined, periods?: string[]) {
  const indicator = await indicatorOr404(db, key);
  const spaceType = type ?? (await dominantSpaceType(db, [key]));
  if (!spaceType) return { indicator, spaceType, rows: [] as ValueRow[], spaces: [] as SpaceEntry[] };
  const rows = await currentValues(db, { indicatorKeys: [key], type: spaceType, ...(periods ? { periods } : {}) });
  const byCode = new Map<string, SpaceEntry>();
  for (const s of await spacesOfType(db, spaceType)) byCode.set(s.code, { code: s.code, name: s.name });
  for (const r of rows) if (!byCode.has(r.spaceCode)) byCode.set(r.spaceCode, { code: r.spaceCode, name: r.spaceName });
  const spaces = [...byCode.values()].sort((a, b) => (a.code < b.code ? -1 : 1));
  return { indicator, spaceType, rows, spaces };
}

function rowIndex(rows: readonly ValueRow[]): (code: string, period: string) => ValueRow | undefined {
  const map = new Map(rows.map((r) => [`${r.spaceCode}\u0000${r.period}`, r]));
  return (code, period) => map.get(`${code}\u0000${period}`);
}

export async function indicatorRanking(db: Queryable, protect: ValueProtector, key: string, period: string, type?: string) {
  const { indicator, spaceType, rows, spaces } = await viewBase(db, key, type, [period]);
  const rowOf = rowIndex(rows);
  const values = spaces.map((s) => protectRow(protect, indicator.kind, rowOf(s.code, period)));
  const ranked = rankValues(values.map(visible), indicator.polarity);
  const items = spaces.map((s, i) => ({
    spaceCode: s.code,
    spaceName: s.name,
    value: values[i] as ProtectedValue,
    rank: ranked.ranks[i] ?? null,
    z: ranked.zs[i] ?? null,
  }));
  items.sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || (a.spaceCode < b.spaceCode ? -1 : 1));
  return { indicator: key, period, spaceType, mean: ranked.mean, sd: ranked.sd, items };
}

export async function indicatorSeries(db: Queryable, protect: ValueProtector, key: string, type?: string, codes?: string[]) {
  const { indicator, spaceType, rows, spaces } = await viewBase(db, key, type);
  const unknown = (codes ?? []).filter((c) => !spaces.some((s) => s.code === c));
  if (unknown.length > 0) {
    throw problems.unprocessable(`No space of type ${spaceType ?? '(none)'} has the code(s) ${unknown.join(', ')}.`);
  }
  const rowOf = rowIndex(rows);
  const periods = [...new Set(rows.map((r) => r.period))].sort();
  const values = spaces.map((s) => periods.map((p) => protectRow(protect, indicator.kind, rowOf(s.code, p))));
  // The city mean covers every space of the type, also when only some are listed.
  const cityMean = periods.map((period, j) => {
    const shown = values.map((v) => visible(v[j] as ProtectedValue)).filter((v): v is number => v !== null);
    return { period, value: shown.length > 0 ? mean(shown) : null };
  });
  const items = spaces
    .map((s, i) => ({
      spaceCode: s.code,
      spaceName: s.name,
      points: periods.map((period, j) => ({ period, value: (values[i] as ProtectedValue[])[j] as ProtectedValue })),
    }))
    .filter((item) => !codes || codes.includes(item.spaceCode));
  return { indicator: key, spaceType, items, cityMean };
}

export async function indicatorChange(db: Queryable, protect: ValueProtector, key: string, from: string, to: string, type?: string) {
  const { indicator, spaceType, rows, spaces } = await viewBase(db, key, type, [from, to]);
  const rowOf = rowIndex(rows);
  const items = spaces.map((s) => {
    const start = protectRow(protect, indicator.kind, rowOf(s.code, from));
    const end = protectRow(protect, indicator.kind, rowOf(s.code, to));
    const [a, b] = [visible(start), visible(end)];
    return { spaceCode: s.code, spaceName: s.name, from: start, to: end, change: a === null || b === null ? null : b - a };
  });
  return { indicator: key, from, to, spaceType, items };
}
