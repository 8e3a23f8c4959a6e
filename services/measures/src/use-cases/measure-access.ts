import { type Principal, problems } from '@sozialraum/kit';
import { mayChange, mayRead } from '../domain/access';
import type { Queryable } from '@sozialraum/kit/db';
import { findMeasure, type MeasureRecord } from '../data/measures.repository';

/**
 * A measure the caller may read, locked until the transaction ends if `lock` is set. A measure they may not
 * read does not exist for them (404), whatever they try to do with it, so a department learns nothing of
 * another's measures, not even that an id is taken.
 */
export async function readableMeasure(db: Queryable, principal: Principal, id: string, lock = false): Promise<MeasureRecord> {
  const measure = await findMeasure(db, id, lock);
  if (!measure || !mayRead(principal, measure.department)) throw problems.notFound(`There is no measure ${id}.`);
  return measure;
}

/**
 * A measure the caller may change, locked until the transaction ends (unless `lock` is false). Someone who
 * may read it but not change it gets 403, saying whose it is to change.
 */
export async function changeableMeasure(db: Queryable, principal: Principal, id: string, lock = true): Promise<MeasureRecord> {
  const measure = await readableMeasure(db, principal, id, lock);
  if (!mayChange(principal, measure.department)) {
    throw problems.forbidden(`Measure ${id} belongs to department "${measure.department}"; only its staff and planners may change it.`);
  }
  return measure;
}

/** Optimistic concurrency: the version the caller read must still be the stored one. */
export function checkVersion(measure: { id: string; version: number }, version: number, what = 'Measure'): void {
  if (measure.version === version) return;
  throw problems.conflict(
    `${what} ${measure.id} was changed by someone else (you sent version ${version}, it is now ${measure.version}); read it again and repeat your change.`,
    { currentVersion: measure.version },
  );
}
