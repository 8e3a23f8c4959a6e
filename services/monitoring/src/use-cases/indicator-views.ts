import { problems } from '@sozialraum/kit';
import { currentValues, dominantSpaceType, findIndicators, type IndicatorInfoRecord, type ValueRow } from '../data/analysis.repository';
import type { Queryable } from '@sozialraum/kit/db';
import type { ProtectedValue } from '../domain/confidentiality';
import { mean, standardDeviation } from '../domain/method';
import { type Audience, discloseSections, type Disclosure } from './disclosure';
import { spacesOfType } from './methods-recompute';

/**
 * Rankings, series and changes of one indicator. Every per-space number (value, rank, z, change) and
 * every statistic shown next to them (mean, sd, city mean) is computed from the values the caller may
 * see: a mean over raw values next to all but one shown value would disclose the suppressed one.
 */

export type Polarity = IndicatorInfoRecord['polarity'];

export function visible(value: ProtectedValue): number | null {
  return value.suppressed || value.value === null ? null : value.value;
}

/** A space without a value in a view: marked missing, never left out. */
export const MISSING: ProtectedValue = { value: null, suppressed: false, reason: 'missing' };

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
/** Mean, sd and ranks of one cross-section's shown values, kept to place any value in it later. */
export interface Ranking {
  mean: number | null;
  sd: number | null;
  of: number;
  rankOf(value: number | null, polarity: Polarity): number | null;
  zOf(value: number | null): number | null;
}

export function rankingOf(values: ReadonlyArray<number | null>): Ranking {
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
  const worseThan = (v: number, polarity: Polarity) => (polarity === 'higher-is-better' ? firstIndex((x) => x >= v) : ascending.length - firstIndex((x) => x > v));
  return {
    mean: m,
    sd,
    of: shown.length,
    rankOf: (v, polarity) => (v === null ? null : 1 + worseThan(v, polarity)),
    zOf: (v) => (v === null || m === null || sd === null ? null : sd > 0 ? (v - m) / sd : 0),
  };
}

export function rankValues(values: ReadonlyArray<number | null>, polarity: Polarity): Ranked {
  const ranking = rankingOf(values);
  return {
    ranks: values.map((v) => ranking.rankOf(v, polarity)),
    zs: values.map((v) => ranking.zOf(v)),
    mean: ranking.mean,
    sd: ranking.sd,
    of: ranking.of,
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
 * spaces with values of the indicator have (comparing spaces of different types means nothing). The
 * values are read for every type, as confidentiality needs whole cross-sections, and then narrowed.
 */
async function viewBase(db: Queryable, audience: Audience, key: string, type: string | undefined, periods?: string[]) {
  const indicator = await indicatorOr404(db, key);
  const spaceType = type ?? (await dominantSpaceType(db, [key]));
  const sections = spaceType ? await currentValues(db, { indicatorKeys: [key], ...(periods ? { periods } : {}) }) : [];
  const disclosure = await discloseSections(db, audience, sections);
  const rows = sections.filter((r) => r.spaceType === spaceType);
  const byCode = new Map<string, SpaceEntry>();
  if (spaceType) for (const s of await spacesOfType(db, spaceType)) byCode.set(s.code, { code: s.code, name: s.name });
  for (const r of rows) if (!byCode.has(r.spaceCode)) byCode.set(r.spaceCode, { code: r.spaceCode, name: r.spaceName });
  const spaces = [...byCode.values()].sort((a, b) => (a.code < b.code ? -1 : 1));
  return { indicator, spaceType, rows, spaces, disclosure };
}

/** The value of a space in a period as the caller may see it. */
function valueLookup(rows: readonly ValueRow[], disclosure: Disclosure): (code: string, period: string) => ProtectedValue {
  const map = new Map(rows.map((r) => [`${r.spaceCode}\u0000${r.period}`, r]));
  return (code, period) => {
    const row = map.get(`${code}\u0000${period}`);
    return row ? disclosure.protect(row) : MISSING;
  };
}

export async function indicatorRanking(db: Queryable, audience: Audience, key: string, period: string, type?: string) {
  const { spaceType, rows, spaces, disclosure, indicator } = await viewBase(db, audience, key, type, [period]);
  const valueOf = valueLookup(rows, disclosure);
  const values = spaces.map((s) => valueOf(s.code, period));
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

export async function indicatorSeries(db: Queryable, audience: Audience, key: string, type?: string, codes?: string[]) {
  const { spaceType, rows, spaces, disclosure } = await viewBase(db, audience, key, type);
  const unknown = (codes ?? []).filter((c) => !spaces.some((s) => s.code === c));
  if (unknown.length > 0) {
    throw problems.unprocessable(`No space of type ${spaceType ?? '(none)'} has the code(s) ${unknown.join(', ')}.`);
  }
  const valueOf = valueLookup(rows, disclosure);
  const periods = [...new Set(rows.map((r) => r.period))].sort();
  const values = spaces.map((s) => periods.map((p) => valueOf(s.code, p)));
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

/** A change leaves only where the caller sees both ends: a change next to one visible end gives the other away. */
export async function indicatorChange(db: Queryable, audience: Audience, key: string, from: string, to: string, type?: string) {
  const { spaceType, rows, spaces, disclosure } = await viewBase(db, audience, key, type, [from, to]);
  const valueOf = valueLookup(rows, disclosure);
  const items = spaces.map((s) => {
    const start = valueOf(s.code, from);
    const end = valueOf(s.code, to);
    const [a, b] = [visible(start), visible(end)];
    return { spaceCode: s.code, spaceName: s.name, from: start, to: end, change: a === null || b === null ? null : b - a };
  });
  return { indicator: key, from, to, spaceType, items };
}
