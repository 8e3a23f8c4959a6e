import { type Principal, problems } from '@sozialraum/kit';
import { type ConfidentialityRules, DEFAULT_CONFIDENTIALITY_RULES, parseConfidentialityRules } from '../domain/confidentiality';
import { readSetting, writeSetting } from '../data/settings.repository';
import type { JobQueue } from '../domain/ports/job-queue';
import type { Pool, Queryable } from '@sozialraum/kit/db';
import { queueRecomputation } from './recompute-queue';

const SETTING_KEY = 'confidentiality';

/** The rules in force: the stored ones, or the defaults of official statistics. */
export async function loadConfidentialityRules(db: Queryable): Promise<ConfidentialityRules> {
  return (await readSetting<ConfidentialityRules>(db, SETTING_KEY)) ?? DEFAULT_CONFIDENTIALITY_RULES;
}

/** Index results for callers without raw-data were made under the old rules: until recomputed, none is shown. */
export async function saveConfidentialityRules(pool: Pool, jobs: JobQueue, input: unknown, principal: Principal): Promise<ConfidentialityRules> {
  const parsed = parseConfidentialityRules(input);
  if (!parsed.ok) throw problems.unprocessable(`The rules are not valid: ${parsed.problems.join('; ')}.`);
  await writeSetting(pool, SETTING_KEY, parsed.value, principal.username ?? principal.id);
  await queueRecomputation(jobs, pool);
  return parsed.value;
}
