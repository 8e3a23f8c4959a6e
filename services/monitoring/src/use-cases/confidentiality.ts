import { type Principal, problems } from '@sozialraum/kit';
import { type ConfidentialityRules, DEFAULT_CONFIDENTIALITY_RULES, parseConfidentialityRules } from '../domain/confidentiality';
import { readSetting, writeSetting } from '../data/settings.repository';
import type { Queryable } from '@sozialraum/kit/db';

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
