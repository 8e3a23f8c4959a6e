import { type FieldError, idempotencyKeyReused, type Principal, problems, requestFingerprint } from '@sozialraum/kit';
import { type Pool, withTransaction } from '@sozialraum/kit/db';
import { mayChange, maySetApprovedBudget } from '../domain/access';
import { checkPeriod } from '../domain/measure';
import { measurePermissions } from '../domain/permissions';
import { progressOf } from '../domain/progress';
import { allowedTransitions } from '@sozialraum/contracts';
import type { Queryable } from '@sozialraum/kit/db';
import { findEvaluation } from '../data/evaluations.repository';
import {
  findMeasure,
  findMeasureByIdempotencyKey,
  type IdempotencyKey,
  insertMeasure,
  type MeasureFields,
  type MeasureRecord,
  refreshMilestoneCounts,
  updateMeasure,
} from '../data/measures.repository';
import { insertMilestones, listMilestones } from '../data/milestones.repository';
import { listSummaries, type MeasureSummaryRow, type Page } from '../data/overview.repository';
import { existingProviderIds } from '../data/providers.repository';
import type { components } from '../generated/api';
import { changeableMeasure, checkVersion, readableMeasure } from './measure-access';
import { type FilterInput, scoped } from './measure-filter';
import { recordChange } from './record';

type Schemas = components['schemas'];
export type MeasureInput = Schemas['MeasureInput'];
export type MeasurePatch = Schemas['MeasurePatch'];
export type { Page };

/** A measure in lists and the overview: its figures, with progress and the next possible statuses. */
export function summaryView(row: MeasureSummaryRow): Schemas['MeasureSummary'] {
  const { progress, source } = progressOf({ milestonesTotal: row.milestonesTotal, milestonesDone: row.milestonesDone, reportedProgress: row.lastProgress });
  return {
    id: row.id,
    title: row.title,
    cycleId: row.cycleId,
    spaces: row.spaces,
    targetGroups: row.targetGroups as Schemas['TargetGroup'][],
    department: row.department,
    budget: { planned: row.budgetPlanned, approved: row.budgetApproved, spent: row.budgetSpent, fundingSource: row.fundingSource },
    startsOn: row.startsOn,
    endsOn: row.endsOn,
    status: row.status,
    allowedTransitions: allowedTransitions(row.status),
    progress,
    progressSource: source,
    trafficLight: row.trafficLight,
    lastReportOn: row.lastReportOn,
    reportMissing: row.reportMissing,
    overdueMilestones: row.overdueMilestones,
    version: row.version,
  };
}

/** One measure as GET /v1/measures/{id} shows it to the caller: the summary, its fields, milestones, evaluation and what they may do. */
export async function measureView(db: Queryable, principal: Principal, id: string, reportIntervalDays: number): Promise<Schemas['Measure']> {
  const [record, summaries, milestones, evaluation] = await Promise.all([
    findMeasure(db, id),
    listSummaries(db, { scope: 'all', ids: [id] }, reportIntervalDays, { limit: 1, offset: 0 }),
    listMilestones(db, id),
    findEvaluation(db, id),
  ]);
  const row = summaries.items[0];
  if (!record || !row) throw problems.notFound(`There is no measure ${id}.`);
  return {
    ...summaryView(row),
    description: record.description,
    goals: record.goals,
    needs: record.needs,
    partners: record.partners,
    providerIds: record.providerIds,
    indicators: record.indicators,
    statusReason: record.statusReason,
    statusChangedAt: record.statusChangedAt.toISOString(),
    statusChangedBy: record.statusChangedBy,
    milestones: milestones.map(({ measureId: _m, ...milestone }) => milestone),
    evaluation: evaluation ?? null,
    createdBy: record.createdBy,
    createdAt: record.createdAt.toISOString(),
    updatedAt: record.updatedAt.toISOString(),
    permissions: measurePermissions(principal, { department: record.department, status: record.status, evaluated: evaluation !== undefined }),
  };
}

export async function getMeasure(pool: Pool, principal: Principal, id: string, reportIntervalDays: number): Promise<Schemas['Measure']> {
  await readableMeasure(pool, principal, id);
  return measureView(pool, principal, id, reportIntervalDays);
}

/** What a list or the overview asks for, before the caller's read scope is applied. */
export interface MeasureQuery {
  filter: FilterInput;
  page: Page;
  reportIntervalDays: number;
}

export async function listMeasures(pool: Pool, principal: Principal, query: MeasureQuery): Promise<Schemas['MeasurePage']> {
  const result = await listSummaries(pool, scoped(principal, query.filter), query.reportIntervalDays, query.page);
  return { items: result.items.map(summaryView), total: result.total, ...query.page };
}

/** The checks a create and a change share: the approved budget, the period, the providers. */
async function checkFields(db: Queryable, principal: Principal, fields: MeasureFields, current?: MeasureRecord): Promise<void> {
  const approved = fields.budget?.approved;
  if (approved !== undefined && approved !== (current?.budget.approved ?? null) && !maySetApprovedBudget(principal)) {
    throw problems.forbidden('The approved budget is set by the decision (planners or the steering committee); leave budget.approved out.');
  }
  const errors: FieldError[] = checkPeriod(
    fields.startsOn === undefined ? current?.startsOn : fields.startsOn,
    fields.endsOn === undefined ? current?.endsOn : fields.endsOn,
  );
  const providerIds = fields.providerIds ?? [];
  if (providerIds.length > 0) {
    const known = new Set(await existingProviderIds(db, providerIds));
    providerIds.forEach((id, i) => {
      if (!known.has(id)) errors.push({ pointer: `/body/providerIds/${i}`, detail: `there is no provider ${id}; register it first (POST /v1/providers)` });
    });
  }
  if (errors.length > 0) throw problems.unprocessable(`The measure cannot be saved: ${errors.map((e) => `${e.pointer} ${e.detail}`).join('; ')}.`, errors);
}

/**
 * Proposes a measure (status proposed). Planners propose for any department, department staff for their own.
 * With an Idempotency-Key (the caller's own, bound to this request), a retry returns the measure created first.
 */
export async function createMeasure(
  pool: Pool,
  principal: Principal,
  input: MeasureInput,
  idempotencyKey?: string,
): Promise<{ id: string; created: boolean }> {
  if (!mayChange(principal, input.department)) {
    const own = principal.departments.length ? principal.departments.join(', ') : 'none';
    throw problems.forbidden(`You may propose measures only for your own department (yours: ${own}); "${input.department}" is not one of them.`);
  }
  const idempotency = idempotencyKey ? { key: idempotencyKey, owner: principal.id, requestHash: requestFingerprint(input) } : undefined;
  const replay = idempotency ? await replayed(pool, idempotency) : undefined;
  if (replay) return { id: replay, created: false };
  const { milestones = [], ...fields } = input;
  await checkFields(pool, principal, fields);
  try {
    const id = await withTransaction(pool, async (client) => {
      const id = await insertMeasure(client, fields, { createdBy: principal.name, ...(idempotency ? { idempotency } : {}) });
      const created = await insertMilestones(client, id, milestones);
      if (created.length > 0) await refreshMilestoneCounts(client, id);
      await recordChange(client, principal, { entity: 'measure', entityId: id, measureId: id, department: fields.department, action: 'created', before: null, after: await findMeasure(client, id) });
      for (const milestone of created) {
        await recordChange(client, principal, { entity: 'milestone', entityId: milestone.id, measureId: id, department: fields.department, action: 'created', before: null, after: milestone });
      }
      return id;
    });
    return { id, created: true };
  } catch (error) {
    // Two requests with the same Idempotency-Key at once: the unique key lets one through.
    const existing = idempotency && (error as { code?: string }).code === '23505' ? await replayed(pool, idempotency) : undefined;
    if (existing) return { id: existing, created: false };
    throw error;
  }
}

/** The measure the caller created before with this key; the same key with another request is refused (422). */
async function replayed(db: Queryable, idempotency: IdempotencyKey): Promise<string | undefined> {
  const earlier = await findMeasureByIdempotencyKey(db, idempotency.owner, idempotency.key);
  if (earlier && earlier.requestHash !== idempotency.requestHash) throw idempotencyKeyReused();
  return earlier?.id;
}

export async function changeMeasure(pool: Pool, principal: Principal, id: string, patch: MeasurePatch): Promise<void> {
  const { version, ...fields } = patch;
  await withTransaction(pool, async (client) => {
    const before = await changeableMeasure(client, principal, id);
    if (fields.department !== undefined && !mayChange(principal, fields.department)) {
      throw problems.forbidden(`You cannot hand measure ${id} to department "${fields.department}"; ask a planner.`);
    }
    checkVersion(before, version);
    await checkFields(client, principal, fields, before);
    await updateMeasure(client, id, fields);
    const after = await findMeasure(client, id);
    await recordChange(client, principal, { entity: 'measure', entityId: id, measureId: id, department: before.department, action: 'changed', before, after });
  });
}
