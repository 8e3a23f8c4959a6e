import type { Logger } from '@sozialraum/kit';
import type { PoolClient } from '@sozialraum/kit/db';
import { anySpaceHasParent, currentValuesOfSpaces, dominantSpaceType, type MethodInputRow, peerValues } from '../data/analysis.repository';
import type { MethodVersionRecord } from '../data/methods.repository';
import { insertRuns, type NewIndexResult, type NewIndexRun, type RunAudience } from '../data/results.repository';
import type { Queryable } from '@sozialraum/kit/db';
import { listSpaces, type SpaceRecord, type SpaceType } from '../data/spaces.repository';
import type { ConfidentialityRules } from '../domain/confidentiality';
import { computeIndices, type IndexComputation, type IndicatorValues, type MethodVersion, shiftPeriod, type SpaceIndexInput } from '../domain/method';
import { loadConfidentialityRules } from './confidentiality';
import { discloseSections } from './disclosure';

/** Spaces of one type valid today. */
export const spacesOfType = (db: Queryable, type: string) => listSpaces(db, { type: type as SpaceType, at: new Date().toISOString().slice(0, 10) });

export function methodReference(method: Pick<MethodVersionRecord, 'key' | 'version'>): string {
  return `${method.key}@${method.version}`;
}

export async function methodSpaceType(db: Queryable, method: MethodVersionRecord): Promise<string | null> {
  const { spaceType, statusIndicators } = method.definition;
  return spaceType ?? dominantSpaceType(db, statusIndicators.map((i) => i.indicatorKey));
}

type Lookup = (key: string, period: string, spaceId: number) => MethodInputRow | undefined;

/** Indicator → period → space: no key strings built per lookup (a recomputation makes hundreds of thousands). */
function lookup(rows: readonly MethodInputRow[]): Lookup {
  const byIndicator = new Map<string, Map<string, Map<number, MethodInputRow>>>();
  for (const row of rows) {
    const byPeriod = byIndicator.get(row.indicatorKey) ?? byIndicator.set(row.indicatorKey, new Map()).get(row.indicatorKey)!;
    const bySpace = byPeriod.get(row.period) ?? byPeriod.set(row.period, new Map()).get(row.period)!;
    bySpace.set(Number(row.spaceId), row);
  }
  return (key, period, spaceId) => byIndicator.get(key)?.get(period)?.get(spaceId);
}

/** SpaceIndexInput of every space for one period, and the releases of the values used. */
function periodInputs(method: MethodVersionRecord['definition'], spaces: readonly SpaceRecord[], valueOf: Lookup, period: string) {
  const releases = new Set<string>();
  const pick = (keys: readonly string[], at: string, spaceId: number): IndicatorValues => {
    const values: Record<string, number | null> = {};
    for (const key of keys) {
      const row = valueOf(key, at, spaceId);
      if (row) releases.add(row.releaseKey);
      values[key] = row?.value ?? null;
    }
    return values;
  };
  const statusKeys = method.statusIndicators.map((i) => i.indicatorKey);
  const dynamicsKeys = method.dynamicsIndicators.map((i) => i.indicatorKey);
  const difference = method.dynamicsSource === 'difference';
  const base = shiftPeriod(period, method.dynamicsPeriodYears);
  const inputs = spaces.map((space): SpaceIndexInput => {
    const populationRow = method.populationIndicatorKey ? valueOf(method.populationIndicatorKey, period, space.id) : undefined;
    if (populationRow) releases.add(populationRow.releaseKey);
    return {
      spaceCode: space.code,
      population: populationRow?.value ?? space.population,
      status: pick(statusKeys, period, space.id),
      dynamics: pick(dynamicsKeys, period, space.id),
      ...(difference ? { dynamicsBase: pick(dynamicsKeys, base, space.id) } : {}),
    };
  });
  // The values dynamics start from: changes themselves ('indicator') or the values n years earlier.
  const hasDynamicsBase = inputs.some((input) =>
    dynamicsKeys.some((k) => typeof (difference ? input.dynamicsBase : input.dynamics)?.[k] === 'number'),
  );
  return { inputs, releases: [...releases].sort(), hasDynamicsBase, base };
}

/**
 * The inputs a caller without raw-data would not see, judged within whole cross-sections. Without any parent
 * among the spaces no value's suppression depends on another's: the inputs are then their own cross-sections,
 * and the second read is saved.
 */
async function withheldInputs(db: Queryable, keys: readonly string[], spaces: readonly SpaceRecord[], rows: readonly MethodInputRow[]) {
  const byId = new Map(spaces.map((s) => [Number(s.id), s]));
  const spaceOf = (row: MethodInputRow) => byId.get(Number(row.spaceId)) as SpaceRecord;
  if (await anySpaceHasParent(db)) {
    const disclosure = await discloseSections(db, 'disclosed', await peerValues(db, keys));
    return new Set(rows.filter((r) => disclosure.hides(r.spaceId, spaceOf(r).code, r.indicatorKey, r.period, r.value)));
  }
  const sections = rows.map((r) => Object.assign(r, { spaceCode: spaceOf(r).code, spaceType: spaceOf(r).type, parentId: null, population: spaceOf(r).population }));
  const disclosure = await discloseSections(db, 'disclosed', sections);
  return new Set<MethodInputRow>(sections.filter((r) => disclosure.protect(r).suppressed));
}

/**
 * The inputs of one period as callers without raw-data see them: a space with a withheld input is marked
 * confidential (and a withheld population is not used), so the computation leaves it out. Null when nothing
 * would change: every space with a withheld input is left out anyway, by a population everyone may know.
 */
function disclosedInputs(
  method: MethodVersionRecord['definition'],
  spaces: readonly SpaceRecord[],
  valueOf: Lookup,
  period: string,
  inputs: readonly SpaceIndexInput[],
  raw: IndexComputation,
  withheldRows: ReadonlySet<MethodInputRow>,
): SpaceIndexInput[] | null {
  const base = shiftPeriod(period, method.dynamicsPeriodYears);
  const dynamicsKeys = method.dynamicsIndicators.map((i) => i.indicatorKey);
  const used: Array<[string, string]> = [
    ...method.statusIndicators.map((i): [string, string] => [i.indicatorKey, period]),
    ...dynamicsKeys.map((k): [string, string] => [k, period]),
    ...(method.dynamicsSource === 'difference' ? dynamicsKeys.map((k): [string, string] => [k, base]) : []),
  ];
  const withheld = (space: SpaceRecord, key: string, at: string) => {
    const row = valueOf(key, at, space.id);
    return row !== undefined && withheldRows.has(row);
  };
  let changed = false;
  const result = inputs.map((input, i) => {
    const space = spaces[i] as SpaceRecord;
    const populationHidden = method.populationIndicatorKey ? withheld(space, method.populationIndicatorKey, period) : false;
    if (!populationHidden && !used.some(([key, at]) => withheld(space, key, at))) return input;
    const excludedByPopulation = raw.spaces[i]?.excluded?.code.startsWith('population-') === true;
    if (!populationHidden && excludedByPopulation) return input;
    changed = true;
    return { ...input, confidential: true, population: populationHidden ? null : input.population };
  });
  return changed ? result : null;
}

function toRun(
  method: MethodVersionRecord,
  period: string,
  releases: string[],
  spaces: readonly SpaceRecord[],
  computation: IndexComputation,
  audience: RunAudience,
  rules: ConfidentialityRules | null,
): NewIndexRun {
  const results = computation.spaces.map((r, i): NewIndexResult => ({
    spaceId: (spaces[i] as SpaceRecord).id,
    statusSum: r.statusSum,
    statusIndex: r.statusIndex,
    statusClass: r.statusClass,
    dynamicsSum: r.dynamicsSum,
    dynamicsIndex: r.dynamicsIndex,
    dynamicsClass: r.dynamicsClass,
    combinedGroup: r.combinedGroup,
    zValues: r.zValues,
    dynamicsZ: r.dynamicsZValues,
    excluded: r.excluded ?? null,
  }));
  return {
    methodVersionId: method.id,
    period,
    audience,
    rules,
    inputReleases: releases,
    summary: { ...computation.summary, warnings: computation.warnings },
    statistics: computation.statistics,
    results,
  };
}

export interface RecomputeOutcome {
  method: string;
  spaceType: string | null;
  periods: Array<{ period: string; runId: number; scored: number; excluded: number }>;
  skipped: Array<{ period: string; reason: string }>;
}

/**
 * Computes indices and classes of one method version for every period its status indicators have
 * values for, over the spaces of its type valid today, and stores one run per period — two when some
 * input is withheld from callers without raw-data: the raw one and one computed without the spaces that
 * have such an input. Runs in the caller's transaction: all periods or none, so a crash leaves the
 * previous results in place.
 */
export async function recomputeMethod(db: PoolClient, method: MethodVersionRecord, logger: Logger): Promise<RecomputeOutcome> {
  const definition = method.definition;
  const outcome: RecomputeOutcome = { method: methodReference(method), spaceType: await methodSpaceType(db, method), periods: [], skipped: [] };
  if (!outcome.spaceType) return outcome;
  const spaces = await spacesOfType(db, outcome.spaceType);
  const statusKeys = definition.statusIndicators.map((i) => i.indicatorKey);
  const keys = [...new Set([...statusKeys, ...definition.dynamicsIndicators.map((i) => i.indicatorKey)])];
  if (definition.populationIndicatorKey) keys.push(definition.populationIndicatorKey);
  const rows = await currentValuesOfSpaces(db, keys, spaces.map((s) => s.id));
  const periods = [...new Set(rows.filter((r) => statusKeys.includes(r.indicatorKey)).map((r) => r.period))].sort();
  const valueOf = lookup(rows);
  const rules = await loadConfidentialityRules(db);
  const withheld = await withheldInputs(db, keys, spaces, rows);
  const runs: NewIndexRun[] = [];
  const rawRuns: NewIndexRun[] = [];
  for (const period of periods) {
    const { inputs, releases, hasDynamicsBase, base } = periodInputs(definition, spaces, valueOf, period);
    if (!hasDynamicsBase) {
      const reason = definition.dynamicsSource === 'difference' ? `no space has dynamics values for ${base}` : 'no space has dynamics values';
      logger.info({ method: outcome.method, period }, `recompute: period ${period} skipped, ${reason}`);
      outcome.skipped.push({ period, reason });
      continue;
    }
    const raw = computeIndices(definition as MethodVersion, inputs);
    const disclosed = disclosedInputs(definition, spaces, valueOf, period, inputs, raw, withheld);
    const rawRun = toRun(method, period, releases, spaces, raw, disclosed ? 'raw' : 'all', disclosed ? null : rules);
    rawRuns.push(rawRun);
    runs.push(rawRun);
    if (disclosed) runs.push(toRun(method, period, releases, spaces, computeIndices(definition as MethodVersion, disclosed), 'disclosed', rules));
  }
  const runIds = await insertRuns(db, runs);
  for (const run of rawRuns) {
    const runId = runIds[runs.indexOf(run)] as number;
    outcome.periods.push({ period: run.period, runId, scored: run.summary.scored as number, excluded: run.summary.excluded as number });
  }
  return outcome;
}
