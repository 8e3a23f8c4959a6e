import { idempotencyKeyReused, type Principal, problems, requestFingerprint } from '@sozialraum/kit';
import { type Pool, withTransaction } from '@sozialraum/kit/db';
import { cityToday as today, REPORTABLE_STATUSES } from '@sozialraum/contracts';
import { checkReportDate } from '../domain/measure';
import { recordLatestReport } from '../data/measures.repository';
import { appendOutbox } from '../data/outbox.repository';
import { findReportByIdempotencyKey, insertReport, listReports, type StatusReportRecord } from '../data/reports.repository';
import { EventTypes } from '../outbox/events';
import { changeableMeasure, readableMeasure } from './measure-access';
import type { components } from '../generated/api';
import { recordChange } from './record';

export type ReportInput = components['schemas']['StatusReportInput'];

export async function measureReports(pool: Pool, principal: Principal, measureId: string): Promise<StatusReportRecord[]> {
  await readableMeasure(pool, principal, measureId);
  return listReports(pool, measureId);
}

/**
 * Files a status report; the report, its audit entry and its event are one transaction. With an
 * Idempotency-Key (the caller's own, bound to this request), a retry gets the report filed first (`created` false),
 * whatever the measure's status now.
 */
export async function fileReport(
  pool: Pool,
  principal: Principal,
  measureId: string,
  input: ReportInput,
  idempotencyKey?: string,
): Promise<{ report: StatusReportRecord; created: boolean }> {
  const date = input.date ?? today();
  const errors = checkReportDate(date, today());
  if (errors.length > 0) throw problems.unprocessable('A status report tells what has happened: its date cannot lie in the future.', errors);
  return withTransaction(pool, async (client) => {
    const measure = await changeableMeasure(client, principal, measureId);
    // The measure's lock orders two requests with the same key: the second finds the first's report.
    const idempotency = idempotencyKey ? { key: idempotencyKey, owner: principal.id, requestHash: requestFingerprint(input) } : undefined;
    const filed = idempotency ? await findReportByIdempotencyKey(client, measureId, idempotency.owner, idempotency.key) : undefined;
    if (filed && filed.requestHash !== idempotency?.requestHash) throw idempotencyKeyReused();
    if (filed) return { report: filed.report, created: false };
    if (!REPORTABLE_STATUSES.includes(measure.status)) {
      throw problems.conflict(`A ${measure.status} measure takes no status reports; it must be ${REPORTABLE_STATUSES.join(', ')}.`, {
        measureStatus: measure.status,
        allowedStatuses: REPORTABLE_STATUSES,
      });
    }
    const report = await insertReport(client, measureId, { ...input, date, text: input.text.trim(), createdBy: principal.name, ...(idempotency ? { idempotency } : {}) });
    await recordLatestReport(client, measureId, report);
    await recordChange(client, principal, { entity: 'status-report', entityId: report.id, measureId, department: measure.department, action: 'created', before: null, after: report });
    await appendOutbox(client, {
      type: EventTypes.reportFiled,
      aggregateId: measureId,
      payload: { measureId, cycleId: measure.cycleId, department: measure.department, reportId: report.id, date, progress: report.progress, trafficLight: report.trafficLight },
    });
    return { report, created: true };
  });
}
