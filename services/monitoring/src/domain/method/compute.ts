import { classifyDynamics, classifyStatus, combinedGroup, combinedLabel } from './classify';
import { describe, sum, zScore } from './statistics';
import {
  type DistributionStats,
  type DynamicsClass,
  type ExcludedSpace,
  type ExclusionReason,
  type IndexComputation,
  type IndexSummary,
  type IndicatorValues,
  type MethodVersion,
  type ScoredSpace,
  type SpaceIndexInput,
  type SpaceIndexResult,
  type StandardDeviationKind,
  type StatusClass,
  type WeightedIndicator,
} from './types';
import { validateMethodVersion } from './validate';

export class InvalidMethodError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid method version: ${problems.join(' ')}`);
    this.name = 'InvalidMethodError';
  }
}

interface ValidSpace {
  readonly input: SpaceIndexInput;
  readonly status: readonly number[];
  readonly dynamics: readonly number[];
}

type Prepared = ValidSpace | { readonly input: SpaceIndexInput; readonly excluded: ExclusionReason };

function valueOf(values: IndicatorValues | undefined, key: string): number | null {
  const v = values?.[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

function dynamicsValue(method: MethodVersion, input: SpaceIndexInput, key: string): number | null {
  const end = valueOf(input.dynamics, key);
  if (method.dynamicsSource === 'indicator') return end;
  const start = valueOf(input.dynamicsBase, key);
  return end === null || start === null ? null : end - start;
}

function populationExclusion(method: MethodVersion, population: number | null): ExclusionReason | null {
  if (method.minPopulation <= 0) return null;
  if (population === null || !Number.isFinite(population)) {
    return { code: 'population-missing', message: 'Population is unknown.' };
  }
  if (population < method.minPopulation) {
    return {
      code: 'population-below-minimum',
      message: `Population ${population} is below the minimum of ${method.minPopulation}.`,
    };
  }
  return null;
}

const CONFIDENTIAL: ExclusionReason = { code: 'confidential', message: 'An input value is confidential.' };

function prepare(method: MethodVersion, input: SpaceIndexInput): Prepared {
  // A population that is itself withheld (null here) must not be reported as missing or too small.
  const byPopulation = input.confidential && input.population === null ? null : populationExclusion(method, input.population);
  if (byPopulation) return { input, excluded: byPopulation };
  if (input.confidential) return { input, excluded: CONFIDENTIAL };
  const status = method.statusIndicators.map((i) => valueOf(input.status, i.indicatorKey));
  const dynamics = method.dynamicsIndicators.map((i) => dynamicsValue(method, input, i.indicatorKey));
  const missing = [
    ...method.statusIndicators.filter((_, j) => status[j] === null).map((i) => `status:${i.indicatorKey}`),
    ...method.dynamicsIndicators.filter((_, j) => dynamics[j] === null).map((i) => `dynamics:${i.indicatorKey}`),
  ];
  if (missing.length > 0) {
    return {
      input,
      excluded: { code: 'missing-values', message: `No value for ${missing.join(', ')}.`, indicators: missing },
    };
  }
  return { input, status: status as number[], dynamics: dynamics as number[] };
}

interface Dimension {
  readonly stats: Record<string, DistributionStats>;
  readonly sumStats: DistributionStats;
  readonly z: Array<Record<string, number>>;
  readonly sums: number[];
  readonly indices: number[];
}

/** z-standardise each indicator, weight and orient, sum, then z-standardise the sum. */
function scoreDimension(
  name: 'Status' | 'Dynamics',
  indicators: readonly WeightedIndicator[],
  rows: ReadonlyArray<readonly number[]>,
  sdKind: StandardDeviationKind,
  warnings: string[],
): Dimension {
  const stats: Record<string, DistributionStats> = {};
  const z = rows.map(() => ({}) as Record<string, number>);
  const terms = rows.map(() => [] as number[]);
  indicators.forEach((indicator, j) => {
    const column = rows.map((row) => row[j] as number);
    const s = describe(column, sdKind);
    stats[indicator.indicatorKey] = s;
    if (rows.length > 0 && !(s.sd > 0)) {
      const what = `${name} indicator "${indicator.indicatorKey}"`;
      warnings.push(`${what} does not vary over the ${rows.length} valid spaces; its z-values are set to 0.`);
    }
    const sign = indicator.polarity === 'higher-is-better' ? -1 : 1;
    column.forEach((x, r) => {
      // `+ 0` turns −0 into 0 so that JSON and equality checks stay predictable.
      const oriented = sign * zScore(x, s) + 0;
      (z[r] as Record<string, number>)[indicator.indicatorKey] = oriented;
      (terms[r] as number[]).push(indicator.weight * oriented);
    });
  });
  const sums = terms.map((t) => sum(t));
  const sumStats = describe(sums, sdKind);
  if (rows.length > 0 && !(sumStats.sd > 0)) {
    warnings.push(`${name} sum does not vary over the ${rows.length} valid spaces; its index is set to 0.`);
  }
  const indices = sums.map((x) => zScore(x, sumStats) + 0);
  return { stats, sumStats, z, sums, indices };
}

function excludedResult(spaceCode: string, excluded: ExclusionReason): ExcludedSpace {
  return {
    spaceCode,
    excluded,
    statusSum: null,
    statusIndex: null,
    statusClass: null,
    dynamicsSum: null,
    dynamicsIndex: null,
    dynamicsClass: null,
    combinedGroup: null,
    combinedLabel: null,
    zValues: {},
    dynamicsZValues: {},
  };
}

function summarise(spaces: readonly SpaceIndexResult[]): IndexSummary {
  const statusClasses: Record<StatusClass, number> = { 1: 0, 2: 0, 3: 0, 4: 0 };
  const dynamicsClasses: Record<DynamicsClass, number> = { 1: 0, 3: 0, 5: 0 };
  const combinedGroups: Record<number, number> = {};
  for (let g = 1; g <= 12; g++) combinedGroups[g] = 0;
  let scored = 0;
  for (const s of spaces) {
    if (s.excluded) continue;
    scored++;
    statusClasses[s.statusClass]++;
    dynamicsClasses[s.dynamicsClass]++;
    combinedGroups[s.combinedGroup] = (combinedGroups[s.combinedGroup] ?? 0) + 1;
  }
  return { scored, excluded: spaces.length - scored, statusClasses, dynamicsClasses, combinedGroups };
}

function assertUniqueSpaceCodes(inputs: readonly SpaceIndexInput[]): void {
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  for (const { spaceCode } of inputs) (seen.has(spaceCode) ? duplicates : seen).add(spaceCode);
  if (duplicates.size > 0) {
    throw new Error(`Space codes must be unique; repeated: ${[...duplicates].join(', ')}.`);
  }
}

/**
 * Computes status and dynamics indices, their classes and the combined group for every space.
 * Deterministic: the result depends only on the method and on the inputs (in their order).
 */
export function computeIndices(method: MethodVersion, inputs: readonly SpaceIndexInput[]): IndexComputation {
  const problems = validateMethodVersion(method);
  if (problems.length > 0) throw new InvalidMethodError(problems);
  assertUniqueSpaceCodes(inputs);

  const sdKind = method.standardDeviation ?? 'sample';
  const prepared = inputs.map((input) => prepare(method, input));
  const valid = prepared.filter((p): p is ValidSpace => !('excluded' in p));
  const warnings: string[] = [];
  if (valid.length < 2) {
    warnings.push(`Only ${valid.length} space(s) have complete values; indices are not meaningful.`);
  }

  const statusRows = valid.map((v) => v.status);
  const dynamicsRows = valid.map((v) => v.dynamics);
  const status = scoreDimension('Status', method.statusIndicators, statusRows, sdKind, warnings);
  const dynamics = scoreDimension('Dynamics', method.dynamicsIndicators, dynamicsRows, sdKind, warnings);

  const scored = new Map<SpaceIndexInput, ScoredSpace>();
  valid.forEach((v, r) => {
    const statusIndex = status.indices[r] as number;
    const dynamicsIndex = dynamics.indices[r] as number;
    const statusClass = classifyStatus(statusIndex, method.statusCutoffs);
    const dynamicsClass = classifyDynamics(dynamicsIndex, method.dynamicsCutoffs);
    scored.set(v.input, {
      spaceCode: v.input.spaceCode,
      statusSum: status.sums[r] as number,
      statusIndex,
      statusClass,
      dynamicsSum: dynamics.sums[r] as number,
      dynamicsIndex,
      dynamicsClass,
      combinedGroup: combinedGroup(statusClass, dynamicsClass),
      combinedLabel: combinedLabel(statusClass, dynamicsClass),
      zValues: status.z[r] as Record<string, number>,
      dynamicsZValues: dynamics.z[r] as Record<string, number>,
    });
  });

  const spaces = prepared.map(
    (p): SpaceIndexResult =>
      'excluded' in p ? excludedResult(p.input.spaceCode, p.excluded) : (scored.get(p.input) as ScoredSpace),
  );
  return {
    methodKey: method.key,
    methodVersion: method.version,
    spaces,
    summary: summarise(spaces),
    statistics: {
      status: status.stats,
      dynamics: dynamics.stats,
      statusSum: status.sumStats,
      dynamicsSum: dynamics.sumStats,
    },
    warnings,
  };
}
