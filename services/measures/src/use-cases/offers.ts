import { type FieldError, hasRole, type Principal, problems, Roles } from '@sozialraum/kit';
import { type Pool, withTransaction } from '@sozialraum/kit/db';
import { mayManageOffer } from '../domain/access';
import type { Queryable } from '@sozialraum/kit/db';
import { existingMeasureIds } from '../data/measures.repository';
import {
  deleteOffer,
  findOffer,
  insertOffer,
  listOffers,
  type OfferFields,
  type OfferFilter,
  type OfferRecord,
  setOfferMeasures,
  updateOffer,
} from '../data/offers.repository';
import { existingProviderIds } from '../data/providers.repository';
import { checkVersion } from './measure-access';
import type { MonitoringApi, SpaceType } from './monitoring';
import type { components } from '../generated/api';
import { recordChange } from './record';

export { listOffers };

export type OfferInput = components['schemas']['OfferInput'];
export type OfferPatch = components['schemas']['OfferPatch'];
export type { OfferFilter };

export interface OfferContext {
  pool: Pool;
  monitoring: MonitoringApi;
  /** The space type an offer's location is placed in. */
  spaceType: SpaceType;
}

export async function getOffer(db: Queryable, id: string): Promise<OfferRecord> {
  const offer = await findOffer(db, id);
  if (!offer) throw problems.notFound(`There is no offer ${id}.`);
  return offer;
}

function checkManager(principal: Principal): void {
  if (!hasRole(principal, Roles.planner, Roles.coordinator, Roles.admin)) {
    throw problems.forbidden('The register of offers is kept by neighbourhood coordinators (for their spaces) and planners.');
  }
}

function checkSpace(principal: Principal, spaceCode: string): void {
  if (mayManageOffer(principal, spaceCode)) return;
  const own = principal.spaces.length ? principal.spaces.join(', ') : 'none';
  throw problems.forbidden(`The location lies in space ${spaceCode}; you coordinate ${own}.`);
}

/** The provider and the measures an offer names must exist. */
async function checkReferences(db: Queryable, fields: { providerId?: string; measureIds?: string[] }): Promise<void> {
  const errors: FieldError[] = [];
  if (fields.providerId && (await existingProviderIds(db, [fields.providerId])).length === 0) {
    errors.push({ pointer: '/body/providerId', detail: `there is no provider ${fields.providerId}; register it first (POST /v1/providers)` });
  }
  const measureIds = fields.measureIds ?? [];
  const known = new Set(measureIds.length ? await existingMeasureIds(db, measureIds) : []);
  measureIds.forEach((id, i) => {
    if (!known.has(id)) errors.push({ pointer: `/body/measureIds/${i}`, detail: `there is no measure ${id}` });
  });
  if (errors.length > 0) throw problems.unprocessable(`The offer cannot be saved: ${errors.map((e) => `${e.pointer} ${e.detail}`).join('; ')}.`, errors);
}

/** The space the point lies in, by the monitoring service's geometry; never typed in. */
async function spaceOf(context: OfferContext, location: NonNullable<OfferFields['location']>): Promise<string> {
  const [lon, lat] = location.coordinates as [number, number];
  const space = await context.monitoring.locate(lon, lat, context.spaceType);
  if (!space) {
    throw problems.unprocessable(`The location (${lon}, ${lat}) lies in no ${context.spaceType} the monitoring service knows; check longitude and latitude (WGS84).`, [
      { pointer: '/body/location', detail: `outside every ${context.spaceType}` },
    ]);
  }
  return space.code;
}

export async function createOffer(context: OfferContext, principal: Principal, input: OfferInput): Promise<OfferRecord> {
  checkManager(principal);
  const { measureIds = [], ...fields } = input;
  await checkReferences(context.pool, input);
  const spaceCode = await spaceOf(context, input.location);
  checkSpace(principal, spaceCode);
  return withTransaction(context.pool, async (client) => {
    const id = await insertOffer(client, fields, { code: spaceCode, createdBy: principal.name });
    await setOfferMeasures(client, id, measureIds);
    const after = await getOffer(client, id);
    await recordChange(client, principal, { entity: 'offer', entityId: id, action: 'created', before: null, after });
    return after;
  });
}

/** A new location places the offer again; a coordinator must coordinate the space it was in and the one it moves to. */
export async function changeOffer(context: OfferContext, principal: Principal, id: string, patch: OfferPatch): Promise<OfferRecord> {
  checkManager(principal);
  const { version, measureIds, ...fields } = patch;
  checkSpace(principal, (await getOffer(context.pool, id)).spaceCode);
  await checkReferences(context.pool, patch);
  const spaceCode = fields.location ? await spaceOf(context, fields.location) : undefined;
  if (spaceCode) checkSpace(principal, spaceCode);
  return withTransaction(context.pool, async (client) => {
    const before = await findOffer(client, id, true);
    if (!before) throw problems.notFound(`There is no offer ${id}.`);
    checkSpace(principal, before.spaceCode);
    checkVersion(before, version, 'Offer');
    await updateOffer(client, id, fields, spaceCode);
    if (measureIds) await setOfferMeasures(client, id, measureIds);
    const after = await getOffer(client, id);
    await recordChange(client, principal, { entity: 'offer', entityId: id, action: 'changed', before, after });
    return after;
  });
}

export async function removeOffer(pool: Pool, principal: Principal, id: string): Promise<void> {
  checkManager(principal);
  await withTransaction(pool, async (client) => {
    const before = await findOffer(client, id, true);
    if (!before) throw problems.notFound(`There is no offer ${id}.`);
    checkSpace(principal, before.spaceCode);
    await deleteOffer(client, id);
    await recordChange(client, principal, { entity: 'offer', entityId: id, action: 'deleted', before, after: null });
  });
}
