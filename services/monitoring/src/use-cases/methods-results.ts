import { type Principal, problems } from '@sozialraum/kit';
import { findMethodVersion, type MethodVersionRecord } from '../data/methods.repository';
import { type IndexResultRecord, newestRuns, resultsOfRuns, type RunView } from '../data/results.repository';
import type { Queryable } from '@sozialraum/kit/db';
import {
  combinedLabel,
  DYNAMICS_CLASS_LABELS,
  type DynamicsClass,
  STATUS_CLASS_LABELS,
  type StatusClass,
} from '../domain/method';
import { loadConfidentialityRules } from './confidentiality';
import { type Audience, audienceOf } from './disclosure';
import { methodReference } from './methods-recompute';

export function toIndexResult(r: IndexResultRecord) {
  const statusClass = r.statusClass as StatusClass | null;
  const dynamicsClass = r.dynamicsClass as DynamicsClass | null;
  return {
    spaceCode: r.spaceCode,
    spaceName: r.spaceName,
    period: r.period,
    statusIndex: r.statusIndex,
    statusClass,
    statusLabel: statusClass ? STATUS_CLASS_LABELS[statusClass] : null,
    dynamicsIndex: r.dynamicsIndex,
    dynamicsClass,
    dynamicsLabel: dynamicsClass ? DYNAMICS_CLASS_LABELS[dynamicsClass] : null,
    combinedGroup: r.combinedGroup,
    combinedLabel: statusClass && dynamicsClass ? combinedLabel(statusClass, dynamicsClass) : null,
    zValues: r.zValues,
    dynamicsZValues: r.dynamicsZ,
    excluded: r.excluded?.message ?? null,
  };
}

/**
 * The newest runs of a method a caller is shown. Raw-data callers get the runs computed from all values; everyone
 * else the runs computed only from the values they may see (spaces with a withheld input left out, so that no
 * index, class, z-value or summary rests on a hidden value), and only while the rules they were made under
 * are in force.
 */
export async function runsFor(db: Queryable, audience: Audience, methodVersionId: number, period?: string) {
  return newestRuns(db, methodVersionId, await runView(db, audience), period);
}

export async function runView(db: Queryable, audience: Audience): Promise<RunView> {
  return audience === 'raw' ? { audience } : { audience, rules: await loadConfidentialityRules(db) };
}

export async function methodOr404(db: Queryable, key: string, version: string): Promise<MethodVersionRecord> {
  const method = await findMethodVersion(db, key, version);
  if (!method) throw problems.notFound(`There is no method "${key}" in version "${version}".`);
  return method;
}

/** Indices and classes of one period (default the latest) from the newest run of the method. */
export async function methodResults(db: Queryable, principal: Principal, key: string, version: string, period?: string) {
  const method = await methodOr404(db, key, version);
  const runs = await runsFor(db, audienceOf(principal), method.id);
  const run = period ? runs.find((r) => r.period === period) : runs.at(-1);
  if (!run) {
    const known = runs.length > 0 ? `Periods with results: ${runs.map((r) => r.period).join(', ')}.` : 'Start a recomputation first.';
    throw problems.notFound(`Method ${methodReference(method)} has no results${period ? ` for period ${period}` : ''}. ${known}`);
  }
  const results = await resultsOfRuns(db, [run.id]);
  return {
    method: methodReference(method),
    period: run.period,
    computedAt: run.computedAt,
    inputReleases: run.inputReleases,
    summary: run.summary,
    items: results.map(toIndexResult),
  };
}
