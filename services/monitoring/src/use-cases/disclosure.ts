import { hasRole, type Principal, Roles } from '@sozialraum/kit';
import { findIndicators, type IndicatorInfoRecord, peerValues, type PeerValueRow, spaceLinks } from '../data/analysis.repository';
import type { Queryable } from '@sozialraum/kit/db';
import {
  applyConfidentiality,
  complementarySuppression,
  DEFAULT_CONFIDENTIALITY_RULES,
  type ConfidentialValue,
  type ProtectedValue,
  suppressedResult,
  type ValueKind,
} from '../domain/confidentiality';
import { shiftPeriod } from '../domain/method';
import { loadConfidentialityRules } from './confidentiality';

/**
 * The one place values are made fit to leave the service. Two audiences exist: `raw` (the role raw-data) sees
 * the stored values; everyone else — people and the other services alike — sees them `disclosed`: primary
 * suppression of each value by the rules, secondary suppression over the space hierarchy, counts rounded.
 * Whatever a view computes for a disclosed caller (means, ranks, z-values, changes, alerts' evidence, index
 * results) it computes from the disclosed values only.
 */
export type Audience = 'raw' | 'disclosed';

export const audienceOf = (principal: Principal): Audience => (hasRole(principal, Roles.rawData) ? 'raw' : 'disclosed');

/** One current value of a cross-section (one indicator in one period, all spaces of all types). */
export type SectionRow = PeerValueRow;

/** A value as stored for one space version, e.g. on a map of a past date or in an export. */
export type StoredValue = Pick<SectionRow, 'spaceId' | 'spaceCode' | 'indicatorKey' | 'period' | 'value' | 'numerator' | 'denominator' | 'population'>;

export interface Disclosure {
  readonly audience: Audience;
  /** A row of the cross-sections this disclosure was made from, as the caller may see it. */
  protect(row: SectionRow): ProtectedValue;
  /**
   * A value one space version holds. When the cross-section's value of that space, indicator and period belongs
   * to another version (an old boundary on a map of the past), or is not in the cross-sections at all, a
   * disclosed caller does not get it: the rules were checked on the other one.
   */
  protectStored(value: StoredValue): ProtectedValue;
  /**
   * Whether a disclosed caller would not see the value this space version holds (index inputs); as protectStored,
   * and also when the cross-section holds another value by now (read in another statement: never guess).
   */
  hides(spaceId: number, spaceCode: string, indicatorKey: string, period: string, value: number): boolean;
}

const cellKey = (code: string, key: string, period: string) => `${code}\u0000${key}\u0000${period}`;

type ValueParts = Pick<StoredValue, 'value' | 'numerator' | 'denominator' | 'population'>;

function confidentialValue(kind: ValueKind, row: ValueParts): ConfidentialValue {
  return {
    kind,
    value: row.value,
    ...(row.numerator !== null ? { numerator: row.numerator } : {}),
    ...(row.denominator !== null ? { denominator: row.denominator } : {}),
    spacePopulation: row.population,
  };
}

/** The raw-data role sees every value as stored; the rules do not matter (no kind, no rounding). */
export const rawValue = (row: ValueParts): ProtectedValue => applyConfidentiality(confidentialValue('count', row), DEFAULT_CONFIDENTIALITY_RULES, { raw: true });
const RAW: Disclosure = { audience: 'raw', protect: rawValue, protectStored: rawValue, hides: () => false };

/**
 * Builds the disclosure of whole cross-sections: `rows` must hold every current value of each indicator and period
 * they touch (as peerValues and currentValues without a space filter read them), since a value's secondary
 * suppression depends on its parent and siblings. The same cross-section always gives the same result,
 * whichever view asks, so no two answers can be combined into more than either shows.
 */
export async function discloseSections(db: Queryable, audience: Audience, rows: readonly SectionRow[], depth = 0): Promise<Disclosure> {
  if (audience === 'raw') return RAW;
  const keys = [...new Set(rows.map((r) => r.indicatorKey))];
  const catalogue = new Map((await findIndicators(db, keys)).map((i) => [i.key, i]));
  const kinds = new Map([...catalogue].map(([key, i]) => [key, i.kind]));
  const rules = await loadConfidentialityRules(db);
  const primary = (row: StoredValue) => applyConfidentiality(confidentialValue(kinds.get(row.indicatorKey) ?? 'count', row), rules, { raw: false });
  // Changes withheld for their level count as hidden when the hierarchy is checked, like primary suppression.
  const withheld = new Set(await changeSuppression(db, rows, catalogue, depth));
  const secondary = await secondarySuppression(db, rows, (row) => withheld.has(row) || primary(row).suppressed);
  for (const row of withheld) secondary.add(row);
  const protect =
    secondary.size === 0
      ? primary
      : (row: SectionRow): ProtectedValue =>
          secondary.has(row) ? suppressedResult(confidentialValue(kinds.get(row.indicatorKey) ?? 'count', row), 'secondary') : primary(row);

  let index: Map<string, SectionRow> | undefined;
  const rowOf = (code: string, key: string, period: string) => {
    index ??= new Map(rows.map((r) => [cellKey(r.spaceCode, r.indicatorKey, r.period), r]));
    return index.get(cellKey(code, key, period));
  };
  const hidden = (value: StoredValue) => suppressedResult(confidentialValue(kinds.get(value.indicatorKey) ?? 'count', value), 'secondary');
  return {
    audience: 'disclosed',
    protect,
    protectStored: (value) => {
      const row = rowOf(value.spaceCode, value.indicatorKey, value.period);
      return row && Number(row.spaceId) === Number(value.spaceId) ? protect(row) : hidden(value);
    },
    hides: (spaceId, spaceCode, indicatorKey, period, value) => {
      const row = rowOf(spaceCode, indicatorKey, period);
      return !row || Number(row.spaceId) !== Number(spaceId) || row.value !== value || protect(row).suppressed;
    },
  };
}

/** The rows hidden by secondary suppression, cross-section by cross-section; only those with a hierarchy cost work. */
async function secondarySuppression(db: Queryable, rows: readonly SectionRow[], hiddenFirst: (row: SectionRow) => boolean): Promise<Set<SectionRow>> {
  const hidden = new Set<SectionRow>();
  if (!rows.some((r) => r.parentId !== null)) return hidden;
  const sections = new Map<string, SectionRow[]>();
  for (const row of rows) {
    const key = `${row.indicatorKey}\u0000${row.period}`;
    (sections.get(key) ?? sections.set(key, []).get(key)!).push(row);
  }
  const nested = [...sections.values()].filter((section) => section.some((r) => r.parentId !== null));
  if (nested.length === 0) return hidden;
  const links = await spaceLinks(db);
  const codeOfId = new Map(links.map((l) => [Number(l.id), l.code]));
  // A code's parent outside a cross-section: that of its newest version (links are ordered newest first).
  const parentOfCode = new Map<string, string | null>();
  for (const l of links) if (!parentOfCode.has(l.code)) parentOfCode.set(l.code, l.parentId === null ? null : codeOfId.get(Number(l.parentId)) ?? null);
  for (const section of nested) {
    const byCode = new Map(section.map((r) => [r.spaceCode, r]));
    const parentOf = (code: string) => {
      const row = byCode.get(code);
      if (!row) return parentOfCode.get(code) ?? null;
      return row.parentId === null ? null : codeOfId.get(Number(row.parentId)) ?? null;
    };
    const cells = section.map((r) => ({ code: r.spaceCode, value: r.value, hidden: hiddenFirst(r) }));
    for (const code of complementarySuppression(cells, parentOf)) hidden.add(byCode.get(code) as SectionRow);
  }
  return hidden;
}

/** How many change-of links are followed (a change of a change …) before the rest is withheld outright. */
const MAX_CHANGE_DEPTH = 3;

/**
 * Rows of indicators that are the change of another (catalogue `changeOf`, over `changeYears`): the level before
 * plus the change gives the level now, and the level now minus the change the level before. So a change is
 * withheld wherever the level is withheld at either end, as a disclosed caller sees the level's own cross-sections.
 */
async function changeSuppression(
  db: Queryable,
  rows: readonly SectionRow[],
  catalogue: ReadonlyMap<string, IndicatorInfoRecord>,
  depth: number,
): Promise<SectionRow[]> {
  if (![...catalogue.values()].some((i) => i.changeOf)) return [];
  const linked = rows.filter((r) => catalogue.get(r.indicatorKey)?.changeOf);
  if (depth >= MAX_CHANGE_DEPTH) return linked;
  const ends = (row: SectionRow) => {
    const { changeOf, changeYears } = catalogue.get(row.indicatorKey) as IndicatorInfoRecord;
    return { level: changeOf as string, periods: [row.period, shiftPeriod(row.period, changeYears as number)] };
  };
  const levels = [...new Set(linked.map((r) => ends(r).level))];
  const periods = [...new Set(linked.flatMap((r) => ends(r).periods))];
  const levelRows = await peerValues(db, levels, periods);
  const levelDisclosure = await discloseSections(db, 'disclosed', levelRows, depth + 1);
  const levelOf = new Map(levelRows.map((r) => [cellKey(r.spaceCode, r.indicatorKey, r.period), r]));
  const hiddenLevel = (code: string, key: string, period: string) => {
    const row = levelOf.get(cellKey(code, key, period));
    return row !== undefined && levelDisclosure.protect(row).suppressed;
  };
  return linked.filter((row) => {
    const { level, periods } = ends(row);
    return periods.some((period) => hiddenLevel(row.spaceCode, level, period));
  });
}
