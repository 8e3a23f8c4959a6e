import { type ConfidentialityRules } from './types';

export type ParseResult<T> = { ok: true; value: T } | { ok: false; problems: string[] };

/** Conventions of German official statistics; every field can be overridden. */
export const DEFAULT_CONFIDENTIALITY_RULES: ConfidentialityRules = {
  minCases: 3,
  suppressZero: false,
  minDenominator: 10,
  roundCountsTo: 5,
  minPopulation: 300,
};

const NUMBER_FIELDS = ['minCases', 'minDenominator', 'roundCountsTo', 'minPopulation'] as const;
const KNOWN_FIELDS = new Set<string>([...NUMBER_FIELDS, 'suppressZero']);

/**
 * Reads rules from a plain object (configuration, DB JSON). Missing fields take the defaults;
 * unknown fields are problems, because a mistyped rule name would silently weaken protection.
 */
export function parseConfidentialityRules(
  input: unknown,
  defaults: ConfidentialityRules = DEFAULT_CONFIDENTIALITY_RULES,
): ParseResult<ConfidentialityRules> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, problems: ['Confidentiality rules must be an object.'] };
  }
  const raw = input as Record<string, unknown>;
  const problems: string[] = [];
  for (const field of Object.keys(raw)) {
    if (!KNOWN_FIELDS.has(field)) problems.push(`Unknown confidentiality rule "${field}".`);
  }
  const numbers = {} as Record<(typeof NUMBER_FIELDS)[number], number>;
  for (const field of NUMBER_FIELDS) {
    const v = raw[field] ?? defaults[field];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
      problems.push(`${field} must be a whole number of at least 0 (got ${JSON.stringify(v)}).`);
    } else {
      numbers[field] = v;
    }
  }
  const suppressZero = raw.suppressZero ?? defaults.suppressZero;
  if (typeof suppressZero !== 'boolean') {
    problems.push(`suppressZero must be true or false (got ${JSON.stringify(suppressZero)}).`);
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, value: { ...numbers, suppressZero: suppressZero as boolean } };
}
