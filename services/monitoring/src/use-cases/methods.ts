import { type Principal, problems } from '@sozialraum/kit';
import type { JobQueue, QueuedJob } from '../domain/ports/job-queue';
import { dominantSpaceType, findIndicators, type IndicatorInfoRecord } from '../data/analysis.repository';
import {
  findJobOutcome,
  insertMethodVersion,
  listMethods,
  methodPeriods,
  type MethodVersionRecord,
} from '../data/methods.repository';
import type { Queryable } from '@sozialraum/kit/db';
import { parseMethodVersion, STANDARD_DYNAMICS_CUTOFFS, STANDARD_STATUS_CUTOFFS } from '../domain/method';
import type { components } from '../generated/api';
import { queueRecomputation } from './recompute-queue';
import { methodOr404 } from './methods-results';

type MethodDefinitionInput = components['schemas']['MethodDefinition'];
type WeightedInput = components['schemas']['WeightedIndicator'];

export function toMethodDto(record: MethodVersionRecord, periods: string[]) {
  const { key, version, definition, active, createdBy, createdAt } = record;
  return { key, version, definition, active, createdBy, createdAt, periods };
}

function withDefaults(list: readonly WeightedInput[], catalogue: Map<string, IndicatorInfoRecord>, name: string, problemsFound: string[]) {
  return list.map((item, i) => {
    // The catalogue's polarity is the default; a neutral indicator needs one stated for the index.
    const polarity = item.polarity ?? catalogue.get(item.indicatorKey)?.polarity;
    if (polarity === 'neutral') {
      problemsFound.push(`${name}[${i}].polarity is needed: indicator "${item.indicatorKey}" is neutral in the catalogue.`);
    }
    // Unknown and neutral indicators are reported above; a stand-in keeps them out of the domain's list.
    return { indicatorKey: item.indicatorKey, weight: item.weight ?? 1, polarity: polarity === 'higher-is-better' ? polarity : 'higher-is-worse' };
  });
}

/**
 * Validates a method version against the domain rules and the catalogue and stores it with every
 * default written out (weights 1, polarity from the catalogue, the standard cut-offs, dynamics as
 * two-year changes given as indicators, no minimum population, the space type of the values).
 */
export async function createMethod(db: Queryable, input: MethodDefinitionInput, principal: Principal) {
  const keys = [...input.statusIndicators, ...input.dynamicsIndicators].map((i) => i.indicatorKey);
  if (input.populationIndicatorKey) keys.push(input.populationIndicatorKey);
  const catalogue = new Map((await findIndicators(db, keys)).map((i) => [i.key, i]));
  const found: string[] = [];
  const unknown = [...new Set(keys.filter((k) => !catalogue.has(k)))];
  if (unknown.length > 0) found.push(`Unknown indicator(s) — not in the catalogue: ${unknown.join(', ')}.`);
  const parsed = parseMethodVersion({
    key: input.key,
    version: input.version,
    ...(input.description !== undefined ? { description: input.description } : {}),
    statusIndicators: withDefaults(input.statusIndicators, catalogue, 'statusIndicators', found),
    dynamicsIndicators: withDefaults(input.dynamicsIndicators, catalogue, 'dynamicsIndicators', found),
    dynamicsSource: input.dynamicsSource ?? 'indicator',
    dynamicsPeriodYears: input.dynamicsPeriodYears ?? 2,
    statusCutoffs: input.statusCutoffs ?? STANDARD_STATUS_CUTOFFS,
    dynamicsCutoffs: input.dynamicsCutoffs ?? STANDARD_DYNAMICS_CUTOFFS,
    minPopulation: input.minPopulation ?? 0,
    ...(input.standardDeviation ? { standardDeviation: input.standardDeviation } : {}),
  });
  if (!parsed.ok) found.push(...parsed.problems);
  if (found.length > 0 || !parsed.ok) {
    throw problems.unprocessable(
      `The method version cannot be used: ${found.join(' ')}`,
      found.map((detail) => ({ pointer: '/body', detail })),
    );
  }
  const spaceType = input.spaceType ?? (await dominantSpaceType(db, input.statusIndicators.map((i) => i.indicatorKey)));
  if (!spaceType) {
    throw problems.unprocessable('Give spaceType: the status indicators have no values yet to tell which spaces the method scores.');
  }
  const definition = {
    ...parsed.value,
    spaceType,
    ...(input.populationIndicatorKey ? { populationIndicatorKey: input.populationIndicatorKey } : {}),
  };
  const record = await insertMethodVersion(db, definition, principal.username ?? principal.id);
  if (!record) {
    throw problems.conflict(
      `Method "${input.key}" version "${input.version}" exists already. Versions never change, so that stored results stay reproducible: create a new version.`,
    );
  }
  return toMethodDto(record, []);
}

export async function methodsList(db: Queryable) {
  return (await listMethods(db)).map((m) => toMethodDto(m, m.periods));
}

export async function methodDetail(db: Queryable, key: string, version: string) {
  const method = await methodOr404(db, key, version);
  return toMethodDto(method, await methodPeriods(db, method.id));
}

async function toJobDto(job: QueuedJob) {
  const state = await job.state();
  return { id: job.id, name: job.name, state, result: job.result, failedReason: job.failedReason };
}

export async function requestRecomputation(db: Queryable, jobs: JobQueue, key: string, version: string) {
  await methodOr404(db, key, version);
  const [job] = await queueRecomputation(jobs, db, { key, version });
  if (!job) throw new Error('queueRecomputation queued no job for one method');
  return toJobDto(job);
}

/** A job still in BullMQ, else the recorded outcome of a finished recomputation. */
export async function jobStatus(db: Queryable, jobs: JobQueue, id: string) {
  const job = await jobs.getJob(id);
  if (job) {
    const dto = await toJobDto(job);
    if (dto.state !== 'unknown') return dto;
  }
  const outcome = await findJobOutcome(db, id);
  if (!outcome) throw problems.notFound(`There is no job "${id}".`);
  return { id, name: outcome.name, state: outcome.state, result: outcome.result, failedReason: outcome.failedReason };
}
