import { problems } from '@sozialraum/kit';
import {
  findIndicator,
  type IndicatorChanges,
  type IndicatorInput,
  type IndicatorRecord,
  insertIndicator,
  listIndicators,
  updateIndicator,
} from '../data/indicators.repository';
import { listReleases } from '../data/releases.repository';
import type { Queryable } from '@sozialraum/kit/db';

export { listIndicators };

export async function getIndicator(db: Queryable, key: string): Promise<IndicatorRecord> {
  const indicator = await findIndicator(db, key);
  if (!indicator) throw problems.notFound(`There is no indicator "${key}" in the catalogue.`);
  return indicator;
}

/** Bounds are checked together, because a patch may change only one of them. */
function checkBounds(minValue: number | null | undefined, maxValue: number | null | undefined): void {
  if (minValue != null && maxValue != null && minValue > maxValue) {
    throw problems.unprocessable(`minValue (${minValue}) must not be greater than maxValue (${maxValue}).`, [
      { pointer: '/body/minValue', detail: 'greater than maxValue' },
    ]);
  }
}

/** A change names a known other indicator and its years, or neither. */
async function checkChangeOf(db: Queryable, key: string, changeOf: string | null | undefined, years: number | null | undefined): Promise<void> {
  if ((changeOf ?? null) === null && (years ?? null) === null) return;
  const problem = (detail: string, pointer: string) => problems.unprocessable(`changeOf and changeYears: ${detail}.`, [{ pointer, detail }]);
  if ((changeOf ?? null) === null || (years ?? null) === null) throw problem('give both or neither', '/body/changeYears');
  if (changeOf === key) throw problem('an indicator cannot be the change of itself', '/body/changeOf');
  if (!(await findIndicator(db, changeOf as string))) throw problem(`there is no indicator "${changeOf}" in the catalogue`, '/body/changeOf');
}

export async function createIndicator(db: Queryable, input: IndicatorInput): Promise<IndicatorRecord> {
  checkBounds(input.minValue, input.maxValue);
  await checkChangeOf(db, input.key, input.changeOf, input.changeYears);
  const created = await insertIndicator(db, input);
  if (!created) throw problems.conflict(`The catalogue already has an indicator "${input.key}"; change it with PATCH instead.`);
  return created;
}

export async function changeIndicator(db: Queryable, key: string, patch: IndicatorChanges & { version: number }): Promise<IndicatorRecord> {
  const { version, ...changes } = patch;
  const current = await getIndicator(db, key);
  checkBounds(
    changes.minValue === undefined ? current.minValue : changes.minValue,
    changes.maxValue === undefined ? current.maxValue : changes.maxValue,
  );
  await checkChangeOf(
    db,
    key,
    changes.changeOf === undefined ? current.changeOf : changes.changeOf,
    changes.changeYears === undefined ? current.changeYears : changes.changeYears,
  );
  const updated = version === current.version ? await updateIndicator(db, key, version, changes) : undefined;
  if (!updated) {
    const now = (await findIndicator(db, key))?.version ?? current.version;
    throw problems.conflict(
      `Indicator "${key}" was changed by someone else (you sent version ${version}, it is now ${now}); read it again and repeat your change.`,
      { currentVersion: now },
    );
  }
  return updated;
}

export async function releasesView(db: Queryable) {
  return (await listReleases(db)).map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
}
