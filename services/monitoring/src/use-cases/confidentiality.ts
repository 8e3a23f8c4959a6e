import { hasRole, type Principal, problems, Roles } from '@sozialraum/kit';
import {
  applyConfidentiality,
  type ConfidentialityRules,
  type ConfidentialValue,
  DEFAULT_CONFIDENTIALITY_RULES,
  parseConfidentialityRules,
  type ProtectedValue,
} from '../domain/confidentiality';
import { type Queryable, readSetting, writeSetting } from '../data/settings.repository';

const SETTING_KEY = 'confidentiality';

/** The rules in force: the stored ones, or the defaults of official statistics. */
export async function loadConfidentialityRules(db: Queryable): Promise<ConfidentialityRules> {
  return (await readSetting<ConfidentialityRules>(db, SETTING_KEY)) ?? DEFAULT_CONFIDENTIALITY_RULES;
}

export async function saveConfidentialityRules(db: Queryable, input: unknown, principal: Principal): Promise<ConfidentialityRules> {
  const parsed = parseConfidentialityRules(input);
  if (!parsed.ok) throw problems.unprocessable(`The rules are not valid: ${parsed.problems.join('; ')}.`);
  await writeSetting(db, SETTING_KEY, parsed.value, principal.username ?? principal.id);
  return parsed.value;
}

export type ValueProtector = (value: ConfidentialValue) => ProtectedValue;

/**
 * The one place values are made fit to leave the service: every API answer, map and export passes its
 * values through this. Only the role raw-data gets them unsuppressed.
 */
export async function valueProtector(db: Queryable, principal: Principal): Promise<ValueProtector> {
  const rules = await loadConfidentialityRules(db);
  const raw = hasRole(principal, Roles.rawData);
  return (value) => applyConfidentiality(value, rules, { raw });
}
