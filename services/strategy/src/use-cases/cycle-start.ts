import { type CycleInput, cycleWorkflowId } from '@sozialraum/contracts';
import { AppError, idempotencyKeyReused, type Principal, problems, requestFingerprint, type RequestBodyOf } from '@sozialraum/kit';
import { WorkflowExecutionAlreadyStartedError, WorkflowIdReusePolicy } from '@temporalio/client';
import { findCycle, spaceCycles } from '../data/cycles.repository';
import { insertCycle } from '../data/cycle-run.repository';
import { findStartRequest, forgetStartRequest, recordStartRequest, storeStartResponse } from '../data/idempotency.repository';
import { cycleTimings } from '../config';
import type { StrategyDependencies } from '../dependencies';
import type { components, operations } from '../generated/api';
import { cycleView } from './views';
import { CYCLE_WORKFLOW, temporalCycles } from './workflow';

type Cycle = components['schemas']['Cycle'];
export type StartCycleRequest = RequestBodyOf<operations['startCycle']>;
type Deps = Pick<StrategyDependencies, 'pool' | 'temporal' | 'temporalDeadline' | 'config' | 'monitoring'>;
type Monitoring = StrategyDependencies['monitoring'];

/**
 * Starts the next cycle of a space. Two starts for one space never both succeed: both pick the same next
 * number, and Temporal refuses the second workflow with that ID. With an Idempotency-Key the chosen
 * workflow ID is recorded before the start and the key is put in the workflow's memo, so a retry (even
 * after a crash) resumes the same start and answers like it.
 */
export async function startCycle(deps: Deps, principal: Principal, request: StartCycleRequest, idempotencyKey?: string): Promise<Cycle> {
  const hash = requestFingerprint(request);
  const previous = idempotencyKey ? await previousStart(deps, principal, idempotencyKey, hash) : undefined;
  if (previous?.response) return previous.response;
  let workflowId = previous?.workflowId;
  if (!workflowId) {
    await Promise.all([verifySpace(deps.monitoring, request.spaceCode), request.alertId !== undefined && verifyAlert(deps.monitoring, request.alertId)]);
    const number = await nextNumber(deps, request.spaceCode).catch((error: unknown) => ownStartOrThrow(deps, principal, idempotencyKey, error));
    // A concurrent request with the same key started the cycle meanwhile: this one resumes its start.
    if (number === undefined) return startCycle(deps, principal, request, idempotencyKey);
    workflowId = cycleWorkflowId(request.spaceCode, number);
    if (idempotencyKey) {
      const recorded = await recordStartRequest(deps.pool, principal.id, idempotencyKey, hash, workflowId).then(() => true, isDuplicateKey);
      // A concurrent request with the same key got there first: this one resumes its start.
      if (!recorded) return startCycle(deps, principal, request, idempotencyKey);
    }
  }
  const input: CycleInput = {
    spaceCode: request.spaceCode,
    number: Number(/-(\d+)$/.exec(workflowId)?.[1]),
    startedBy: { id: principal.id, name: principal.name },
    ...(request.alertId !== undefined ? { alertId: request.alertId } : {}),
    timings: cycleTimings(deps.config),
  };
  // The memo marks the start as this request's, so a retry can tell its own start from a concurrent one.
  const startRequest = idempotencyKey ? `${principal.id}:${idempotencyKey}` : undefined;
  try {
    // Past the deadline the start may or may not have happened: a retry with the key finds out (memo).
    await deps.temporalDeadline(() =>
      deps.temporal.workflow.start(CYCLE_WORKFLOW, {
        taskQueue: deps.config.CYCLE_TASK_QUEUE,
        workflowId,
        args: [input],
        // A cycle number is never used twice, not even after its workflow closed.
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
        ...(startRequest ? { memo: { startRequest } } : {}),
      }),
    );
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    // A retry with the key (or the first request, overtaken by its retry) finds its own start.
    const ours = startRequest !== undefined && (await deps.temporalDeadline(() => deps.temporal.workflow.getHandle(workflowId).describe())).memo?.startRequest === startRequest;
    if (!ours) {
      // Another request started this number: this key did not start anything, and a retry asks afresh.
      if (idempotencyKey) await forgetStartRequest(deps.pool, principal.id, idempotencyKey);
      throw problems.conflict(`Cycle ${workflowId} of space ${request.spaceCode} has just been started.`, { cycleId: workflowId });
    }
  }
  // The read model is the service's own: its row is written as soon as Temporal has the start (the workflow's
  // recordCycle then finds it), so the answer waits neither for the worker's first task nor for a poll.
  await insertCycle(deps.pool, {
    id: workflowId, spaceCode: input.spaceCode, number: input.number, alertId: input.alertId ?? null, startedBy: input.startedBy.name, startedAt: new Date().toISOString(),
  });
  const row = await findCycle(deps.pool, workflowId);
  if (!row) throw new Error(`cycle ${workflowId} missing right after it was written`);
  const cycle = cycleView(row);
  if (idempotencyKey) await storeStartResponse(deps.pool, principal.id, idempotencyKey, cycle);
  return cycle;
}

/** The earlier answer for this key, or the workflow ID it chose when it did not get to answer. */
async function previousStart(deps: Deps, principal: Principal, key: string, hash: string): Promise<{ workflowId: string; response?: Cycle } | undefined> {
  const previous = await findStartRequest(deps.pool, principal.id, key);
  if (!previous) return undefined;
  if (previous.requestHash !== hash) throw idempotencyKeyReused();
  return { workflowId: previous.workflowId, response: (previous.response ?? undefined) as Cycle | undefined };
}

/** A 409 "already running" is no conflict when the running cycle was started with this very key. */
async function ownStartOrThrow(deps: Deps, principal: Principal, key: string | undefined, error: unknown): Promise<undefined> {
  if (key && error instanceof AppError && error.status === 409 && (await findStartRequest(deps.pool, principal.id, key))) return undefined;
  throw error;
}

/** 409 while the space has a cycle running or suspended; else 1 + the highest number anyone knows. */
async function nextNumber(deps: Deps, spaceCode: string): Promise<number> {
  const [readModel, temporal] = await Promise.all([spaceCycles(deps.pool, spaceCode), deps.temporalDeadline(() => temporalCycles(deps.temporal, spaceCode))]);
  const active = readModel.active?.id ?? temporal.running[0];
  if (active) {
    throw problems.conflict(`Space ${spaceCode} already has a ${readModel.active?.status ?? 'running'} cycle (${active}); finish or cancel it first.`, {
      cycleId: active,
    });
  }
  return 1 + Math.max(readModel.highest, temporal.highest);
}

/** A 404 from monitoring becomes a 422 that names the field; anything else (monitoring away) stays a 5xx. */
async function verifyExists(lookup: () => Promise<unknown>, unknown: { detail: string; pointer: string }): Promise<void> {
  try {
    await lookup();
  } catch (error) {
    if (error instanceof AppError && error.status === 404) throw problems.unprocessable(unknown.detail, [{ pointer: unknown.pointer, detail: 'does not exist in monitoring' }]);
    throw error;
  }
}

const verifySpace = (monitoring: Monitoring, code: string) =>
  verifyExists(() => monitoring.get('/v1/spaces/{code}', { path: { code } }), { detail: `Space ${code} does not exist in monitoring.`, pointer: '/body/spaceCode' });

const verifyAlert = (monitoring: Monitoring, id: number) =>
  verifyExists(() => monitoring.get('/v1/alerts/{id}', { path: { id } }), { detail: `Monitoring alert ${id} does not exist.`, pointer: '/body/alertId' });

const isDuplicateKey = (error: unknown): false => {
  if ((error as { code?: string }).code === '23505') return false;
  throw error;
};
