import { type MethodVersion, type WeightedIndicator } from './types';

export type ParseResult<T> = { ok: true; value: T } | { ok: false; problems: string[] };

const POLARITIES = ['higher-is-worse', 'higher-is-better'];
const SD_KINDS = ['sample', 'population'];
const DYNAMICS_SOURCES = ['indicator', 'difference'];

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isFiniteNumber(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

function isNonEmptyString(v: unknown): v is string {
  return typeof v === 'string' && v.trim() !== '';
}

function checkIndicators(list: unknown, name: string, problems: string[]): void {
  if (!Array.isArray(list)) {
    problems.push(`${name} must be a list of indicators.`);
    return;
  }
  if (list.length === 0) problems.push(`${name} must contain at least one indicator.`);
  const seen = new Set<string>();
  list.forEach((item: unknown, i) => {
    const at = `${name}[${i}]`;
    if (!isRecord(item)) {
      problems.push(`${at} must be an object with indicatorKey, weight and polarity.`);
      return;
    }
    if (!isNonEmptyString(item.indicatorKey)) {
      problems.push(`${at}.indicatorKey must be a non-empty string.`);
    } else if (seen.has(item.indicatorKey)) {
      problems.push(`${name} lists indicator "${item.indicatorKey}" more than once.`);
    } else {
      seen.add(item.indicatorKey);
    }
    if (!isFiniteNumber(item.weight) || item.weight <= 0) {
      problems.push(`${at}.weight must be a number greater than 0 (got ${String(item.weight)}).`);
    }
    if (typeof item.polarity !== 'string' || !POLARITIES.includes(item.polarity)) {
      problems.push(`${at}.polarity must be one of ${POLARITIES.join(', ')}.`);
    }
  });
}

function checkStatusCutoffs(v: unknown, problems: string[]): void {
  if (!isRecord(v)) {
    problems.push('statusCutoffs must be an object with high, mediumUpper and lowUpper.');
    return;
  }
  const { high, mediumUpper, lowUpper } = v;
  if (!isFiniteNumber(high) || !isFiniteNumber(mediumUpper) || !isFiniteNumber(lowUpper)) {
    problems.push('statusCutoffs.high, mediumUpper and lowUpper must be finite numbers.');
  } else if (!(high < mediumUpper && mediumUpper < lowUpper)) {
    problems.push(
      `statusCutoffs must be ordered high < mediumUpper < lowUpper (got ${high}, ${mediumUpper}, ${lowUpper}).`,
    );
  }
}

function checkDynamicsCutoffs(v: unknown, problems: string[]): void {
  if (!isRecord(v)) {
    problems.push('dynamicsCutoffs must be an object with positive and negative.');
    return;
  }
  const { positive, negative } = v;
  if (!isFiniteNumber(positive) || !isFiniteNumber(negative)) {
    problems.push('dynamicsCutoffs.positive and negative must be finite numbers.');
  } else if (!(positive < negative)) {
    problems.push(`dynamicsCutoffs must be ordered positive < negative (got ${positive}, ${negative}).`);
  }
}

/** Returns human-readable problems; an empty list means the method can be used. */
export function validateMethodVersion(input: unknown): string[] {
  if (!isRecord(input)) return ['A method version must be an object.'];
  const problems: string[] = [];
  if (!isNonEmptyString(input.key)) problems.push('key must be a non-empty string.');
  if (!isNonEmptyString(input.version)) problems.push('version must be a non-empty string.');
  if (input.description !== undefined && typeof input.description !== 'string') {
    problems.push('description must be a string when given.');
  }
  checkIndicators(input.statusIndicators, 'statusIndicators', problems);
  checkIndicators(input.dynamicsIndicators, 'dynamicsIndicators', problems);
  if (typeof input.dynamicsSource !== 'string' || !DYNAMICS_SOURCES.includes(input.dynamicsSource)) {
    problems.push(`dynamicsSource must be one of ${DYNAMICS_SOURCES.join(', ')}.`);
  }
  if (!Number.isInteger(input.dynamicsPeriodYears) || (input.dynamicsPeriodYears as number) < 1) {
    problems.push('dynamicsPeriodYears must be a whole number of at least 1.');
  }
  checkStatusCutoffs(input.statusCutoffs, problems);
  checkDynamicsCutoffs(input.dynamicsCutoffs, problems);
  if (!isFiniteNumber(input.minPopulation) || input.minPopulation < 0) {
    problems.push('minPopulation must be a number of at least 0.');
  }
  if (
    input.standardDeviation !== undefined &&
    (typeof input.standardDeviation !== 'string' || !SD_KINDS.includes(input.standardDeviation))
  ) {
    problems.push(`standardDeviation must be one of ${SD_KINDS.join(', ')}.`);
  }
  return problems;
}

function copyIndicators(list: readonly WeightedIndicator[]): WeightedIndicator[] {
  return list.map(({ indicatorKey, weight, polarity }) => ({ indicatorKey, weight, polarity }));
}

/** Validates stored JSON and returns a method with every default written out. */
export function parseMethodVersion(input: unknown): ParseResult<MethodVersion> {
  const problems = validateMethodVersion(input);
  if (problems.length > 0) return { ok: false, problems };
  const m = input as MethodVersion;
  return {
    ok: true,
    value: {
      key: m.key,
      version: m.version,
      ...(m.description !== undefined ? { description: m.description } : {}),
      statusIndicators: copyIndicators(m.statusIndicators),
      dynamicsIndicators: copyIndicators(m.dynamicsIndicators),
      dynamicsSource: m.dynamicsSource,
      dynamicsPeriodYears: m.dynamicsPeriodYears,
      statusCutoffs: {
        high: m.statusCutoffs.high,
        mediumUpper: m.statusCutoffs.mediumUpper,
        lowUpper: m.statusCutoffs.lowUpper,
      },
      dynamicsCutoffs: { positive: m.dynamicsCutoffs.positive, negative: m.dynamicsCutoffs.negative },
      minPopulation: m.minPopulation,
      standardDeviation: m.standardDeviation ?? 'sample',
    },
  };
}
