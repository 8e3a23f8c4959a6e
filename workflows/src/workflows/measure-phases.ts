import { candidates, DECIDED_STATUS, isFinal, MEASURE_EVENTS, type MeasureEvent, type MeasureStatus, type TaskResult } from '@sozialraum/contracts';
import { condition } from '@temporalio/workflow';
import type { Cycle, MeasureState, TaskRecord } from './cycle';
import { enterPhase } from './phase';
import { background, cancelTasks, doTask, openTask, settled } from './tasks';

export const approvedMeasures = (cycle: Cycle) => [...cycle.measures.values()].filter((m) => m.status === 'approved');
export const describeMeasure = (m: MeasureState) => ({ measureId: m.id, department: m.department, ...m.proposal });
const departmentsOf = (items: Array<{ department: string }>) => [...new Set(items.map((i) => i.department))].sort();

/** One propose-measures task for a department (again, with the returned measures, after a decision). */
async function proposeRound(cycle: Cycle, department: string, returned: MeasureState[] = []): Promise<MeasureState[]> {
  const needs = cycle.needs.filter((n) => n.departments.includes(department));
  const { result, measures } = await doTask(cycle, {
    key: `propose-${department}-${cycle.next(`propose-${department}`)}`, type: 'propose-measures',
    candidateGroups: [candidates.department(department)], department, needKeys: needs.map((n) => n.key),
    context: { needs, returned: returned.length ? returned.map((m) => ({ ...describeMeasure(m), reason: m.reason })) : undefined },
  });
  if (result.decision === 'decline') {
    cycle.log('measures-declined', { detail: `${department}: ${result.reason}` });
    return [];
  }
  // The port answers with one reference per proposed measure, in order.
  return result.measures.map((proposal, i) => {
    const measure: MeasureState = { ...(measures[i] as MeasureState), proposal, status: 'proposed', finished: false };
    cycle.measures.set(measure.id, measure);
    return measure;
  });
}

/** Measure development: every responsible department proposes measures for its needs, or declines. */
export async function measureDevelopment(cycle: Cycle): Promise<MeasureState[]> {
  await enterPhase(cycle, 'measure-development');
  const departments = [...new Set(cycle.needs.flatMap((n) => n.departments))].sort();
  return (await Promise.all(departments.map((d) => proposeRound(cycle, d)))).flat();
}

/** Decision: the steering committee decides the package; returned measures go back until none is returned. */
export async function decision(cycle: Cycle, proposed: MeasureState[]): Promise<void> {
  await enterPhase(cycle, 'decision');
  if (!proposed.length) cycle.log('nothing-to-decide', { detail: 'no measure was proposed' });
  let pending = proposed;
  while (pending.length) {
    const { result } = await doTask(cycle, {
      key: `decide-${cycle.next('decide')}`, type: 'decide-package', candidateGroups: [candidates.steeringCommittee],
      measureIds: pending.map((m) => m.id), context: { measures: pending.map(describeMeasure) },
    });
    for (const d of result.decisions) {
      const measure = cycle.measures.get(d.measureId) as MeasureState;
      measure.status = DECIDED_STATUS[d.decision];
      measure.reason = d.reason;
    }
    const returned = pending.filter((m) => m.status === 'returned');
    const rounds = departmentsOf(returned).map((d) => proposeRound(cycle, d, returned.filter((m) => m.department === d)));
    pending = (await Promise.all(rounds)).flat();
  }
}

/**
 * Implementation: every `reportIntervalMs`, a status report per department with unfinished measures (not
 * while its previous report is still open); ends after `implementationMs` or when all are finished (reported
 * finished, or final in the measures service: `applyMeasureEvent`).
 */
export async function implementation(cycle: Cycle): Promise<void> {
  await enterPhase(cycle, 'implementation');
  const approved = approvedMeasures(cycle);
  if (!approved.length) {
    cycle.log('phase-skipped', { detail: 'no approved measures' });
    return;
  }
  const { reportIntervalMs, implementationMs } = cycle.input.timings;
  const end = Date.now() + implementationMs;
  const allFinished = () => approved.every((m) => m.finished);
  const reports = new Map<string, TaskRecord>();
  for (let round = 1; ; round++) {
    const left = end - Date.now();
    if (left <= 0 || (await condition(allFinished, Math.min(reportIntervalMs, left))) || Date.now() >= end) break;
    for (const department of departmentsOf(approved)) {
      const unfinished = approved.filter((m) => m.department === department && !m.finished);
      if (!unfinished.length || reports.get(department)?.status === 'open') continue;
      const task = await openTask(cycle, {
        key: `report-${department}-${round}`, type: 'report-status', candidateGroups: [candidates.department(department)], department,
        measureIds: unfinished.map((m) => m.id), context: { measures: unfinished.map(describeMeasure) },
      });
      reports.set(department, task);
      background(settled(task).then((completion) => markFinished(cycle, completion?.result as TaskResult<'report-status'> | undefined)));
    }
  }
  cycle.log(allFinished() ? 'measures-finished' : 'implementation-time-over');
  await cancelTasks(cycle, [...reports.values()]);
}

function markFinished(cycle: Cycle, result: TaskResult<'report-status'> | undefined): void {
  for (const report of result?.reports ?? []) {
    const measure = cycle.measures.get(report.measureId);
    if (measure && report.finished) measure.finished = true;
  }
}

/**
 * An event of the measures service (its outbox relay signals `measureEvent`), applied once per event ID. A
 * measure final there (contracts' status machine: completed, cancelled, rejected) is finished for the cycle, as if
 * reported finished, so implementation
 * ends without waiting for a report; status changes, reports and evaluations filed there go into the history.
 * False for an event already applied (or not an event).
 */
export function applyMeasureEvent(cycle: Cycle, event: MeasureEvent): boolean {
  // A signal has no validator: what is not an event is ignored rather than failing the workflow task.
  if (typeof event?.eventId !== 'number' || cycle.measureEvents.has(event.eventId)) return false;
  cycle.measureEvents.add(event.eventId);
  const finish = (measureId: string | undefined, status: MeasureStatus | undefined) => {
    const measure = measureId === undefined ? undefined : cycle.measures.get(measureId);
    // State only, no command: a rejected measure was never approved, so the wait for the approved ones replays as before.
    if (measure && status !== undefined && isFinal(status)) measure.finished = true;
  };
  const by = event.by ? ` (${event.by})` : '';
  switch (event.type) {
    case MEASURE_EVENTS.statusChanged:
      finish(event.measureId, event.status);
      cycle.log('measure-status-changed', { detail: `${event.measureId}: ${event.from} → ${event.status}${by}${event.reason ? `: ${event.reason}` : ''}` });
      break;
    case MEASURE_EVENTS.cycleMeasuresFinished:
      for (const m of event.measures ?? []) finish(m.id, m.status);
      cycle.log('measures-service-finished', { detail: `every measure of the cycle is completed, cancelled or rejected` });
      break;
    case MEASURE_EVENTS.reportFiled:
      cycle.log('measure-report-filed', { detail: `${event.measureId}: ${event.progress} %, ${event.trafficLight}` });
      break;
    case MEASURE_EVENTS.evaluationFiled:
      cycle.log('measure-evaluation-filed', { detail: `${event.measureId}: ${event.recommendation}` });
      break;
  }
  return true;
}
