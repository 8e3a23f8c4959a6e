import { type AlertData, type AlertRule } from './types';

export type ParseResult<T> = { ok: true; value: T } | { ok: false; problems: string[] };

const STATUS_CLASSES = [1, 2, 3, 4];
const DYNAMICS_CLASSES = [1, 3, 5];

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isNonEmptyString(v: unknown): v is string {
  return typeof v === 'string' && v.trim() !== '';
}

function checkClasses(v: unknown, allowed: number[], at: string, problems: string[]): void {
  if (!Array.isArray(v) || v.length === 0) {
    problems.push(`${at}.classes must be a non-empty list of ${allowed.join(', ')}.`);
  } else if (v.some((c) => !allowed.includes(c as number))) {
    problems.push(`${at}.classes may only contain ${allowed.join(', ')} (got ${JSON.stringify(v)}).`);
  }
}

function checkRule(rule: unknown, at: string, problems: string[]): void {
  if (!isRecord(rule)) {
    problems.push(`${at} must be an object.`);
    return;
  }
  if (!isNonEmptyString(rule.key)) problems.push(`${at}.key must be a non-empty string.`);
  if (!isNonEmptyString(rule.label)) problems.push(`${at}.label must be a non-empty string.`);
  const needsIndicator = rule.type === 'above-mean' || rule.type === 'worsening';
  if (needsIndicator && !isNonEmptyString(rule.indicatorKey)) {
    problems.push(`${at}.indicatorKey must be a non-empty string.`);
  }
  switch (rule.type) {
    case 'status-class':
      return checkClasses(rule.classes, STATUS_CLASSES, at, problems);
    case 'dynamics-class':
      return checkClasses(rule.classes, DYNAMICS_CLASSES, at, problems);
    case 'above-mean':
      if (typeof rule.k !== 'number' || !Number.isFinite(rule.k) || rule.k < 0) {
        problems.push(`${at}.k must be a number of at least 0.`);
      }
      return;
    case 'worsening':
      if (!Number.isInteger(rule.periods) || (rule.periods as number) < 1) {
        problems.push(`${at}.periods must be a whole number of at least 1.`);
      }
      return;
    default:
      problems.push(`${at}.type must be one of status-class, dynamics-class, above-mean, worsening.`);
  }
}

/** Returns human-readable problems; an empty list means the rules can be evaluated. */
export function validateAlertRules(input: unknown): string[] {
  if (!Array.isArray(input)) return ['Alert rules must be a list.'];
  const problems: string[] = [];
  const keys = new Set<string>();
  input.forEach((rule: unknown, i) => {
    checkRule(rule, `rules[${i}]`, problems);
    const key = isRecord(rule) ? rule.key : undefined;
    if (typeof key === 'string') {
      if (keys.has(key)) problems.push(`Rule key "${key}" is used more than once.`);
      keys.add(key);
    }
  });
  return problems;
}

export function parseAlertRules(input: unknown): ParseResult<AlertRule[]> {
  const problems = validateAlertRules(input);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: [...(input as AlertRule[])] };
}

/** Rules that name an indicator the data does not describe (label and polarity are needed). */
export function checkRulesAgainstData(rules: readonly AlertRule[], data: AlertData): string[] {
  const problems: string[] = [];
  for (const rule of rules) {
    if ((rule.type === 'above-mean' || rule.type === 'worsening') && !data.indicators[rule.indicatorKey]) {
      problems.push(`Rule "${rule.key}" refers to indicator "${rule.indicatorKey}", which has no label and polarity.`);
    }
  }
  return problems;
}
