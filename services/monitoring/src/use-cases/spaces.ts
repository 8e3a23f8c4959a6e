import { problems } from '@sozialraum/kit';
import {
  checkGeometry,
  findLatestVersion,
  findParentId,
  findSpaceAt,
  findSpaceById,
  hasOverlappingVersion,
  insertSpace,
  listSpaces,
  type SpaceChanges,
  type SpaceFilter,
  type SpaceRecord,
  updateSpace,
} from '../data/spaces.repository';
import type { JobQueue } from '../domain/ports/job-queue';
import type { Pool, Queryable } from '@sozialraum/kit/db';
import { locateSpaceId } from '../data/locate.repository';
import type { components } from '../generated/api';
import { queueRecomputation } from './recompute-queue';

/** Spaces exist since "always" unless the planner says otherwise. */
export const DEFAULT_VALID_FROM = '1900-01-01';

/** Today as a local calendar date (validity dates are calendar dates, not instants). */
export function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** The space as the API shows it. */
export function spaceView(space: SpaceRecord) {
  const { id: _id, ...view } = space;
  return view;
}

/** The space valid on `at` (today by default) whose geometry covers the WGS84 point; the measures service places offers with it. */
export async function locateSpace(db: Queryable, query: { lon: number; lat: number; type?: string; at?: string }): Promise<SpaceRecord> {
  const point = { lon: Number(query.lon), lat: Number(query.lat), at: query.at ?? today(), ...(query.type ? { type: query.type } : {}) };
  const id = await locateSpaceId(db, point);
  const space = id === undefined ? undefined : await findSpaceById(db, id);
  if (!space) {
    throw problems.notFound(`No ${query.type ?? 'space'} valid on ${point.at} contains the point (${point.lon}, ${point.lat}); check that longitude and latitude are WGS84 and not swapped.`);
  }
  return space;
}

export function findSpaces(db: Queryable, filter: Omit<SpaceFilter, 'at'> & { at?: string }): Promise<SpaceRecord[]> {
  return listSpaces(db, { ...filter, at: filter.at ?? today() });
}

export async function getSpace(db: Queryable, code: string, at = today()): Promise<SpaceRecord> {
  const space = await findSpaceAt(db, code, at);
  if (!space) throw problems.notFound(`There is no space ${code} valid on ${at}.`);
  return space;
}

export type SpaceInput = components['schemas']['SpaceInput'];

export async function createSpace(db: Queryable, input: SpaceInput): Promise<SpaceRecord> {
  const validFrom = input.validFrom ?? DEFAULT_VALID_FROM;
  checkValidity(validFrom, input.validUntil ?? null);
  const parentId = input.parentCode === undefined ? null : await parentIdOf(db, input.parentCode);
  if (await hasOverlappingVersion(db, input.code, validFrom, input.validUntil ?? null)) {
    throw problems.conflict(`Space ${input.code} already has a version valid in this period; change that one (PATCH) or end its validity first.`);
  }
  const geometry = input.geometry ? await validGeometry(db, input.geometry) : null;
  const id = await unlessDuplicate(input.code, () =>
    insertSpace(db, { ...input, parentId, validFrom, validUntil: input.validUntil ?? null, population: input.population ?? null, geometry }),
  );
  return (await findSpaceById(db, id)) as SpaceRecord;
}

export type SpacePatch = components['schemas']['SpacePatch'];

/**
 * Changes the open version (or, when all are closed, the newest one, so it can be reopened). Population and
 * validity decide which spaces a method scores, population and parent what is withheld: those queue a recomputation.
 */
export async function changeSpace(pool: Pool, jobs: JobQueue, code: string, patch: SpacePatch): Promise<SpaceRecord> {
  const space = await writeSpaceChange(pool, code, patch);
  if (patch.population !== undefined || patch.validUntil !== undefined || patch.parentCode !== undefined) await queueRecomputation(jobs, pool);
  return space;
}

async function writeSpaceChange(db: Queryable, code: string, patch: SpacePatch): Promise<SpaceRecord> {
  const space = await findLatestVersion(db, code);
  if (!space) throw problems.notFound(`There is no space ${code}.`);
  const changes: SpaceChanges = { name: patch.name, population: patch.population, validUntil: patch.validUntil };
  if (patch.validUntil) checkValidity(space.validFrom, patch.validUntil);
  if (patch.parentCode === code) throw problems.unprocessable(`Space ${code} cannot be its own parent.`);
  if (patch.parentCode !== undefined) changes.parentId = patch.parentCode === null ? null : await parentIdOf(db, patch.parentCode);
  await unlessDuplicate(code, () => updateSpace(db, space.id, changes));
  return (await findSpaceById(db, space.id)) as SpaceRecord;
}

function checkValidity(validFrom: string, validUntil: string | null): void {
  if (validUntil !== null && validUntil <= validFrom) {
    throw problems.unprocessable(`validUntil (${validUntil}) must be after validFrom (${validFrom}).`);
  }
}

async function parentIdOf(db: Queryable, parentCode: string): Promise<number> {
  const id = await findParentId(db, parentCode);
  if (id === undefined) throw problems.unprocessable(`There is no space ${parentCode} to be the parent; create it first or leave parentCode out.`);
  return id;
}

/** The GeoJSON text to store, once PostGIS has accepted it; invalid polygons are refused, never repaired. */
async function validGeometry(db: Queryable, geometry: NonNullable<SpaceInput['geometry']>): Promise<string> {
  const text = JSON.stringify(geometry);
  const verdict = await checkGeometry(db, text).catch((error: unknown) => {
    throw problems.unprocessable(`The geometry cannot be read: ${(error as Error).message}.`);
  });
  if (!verdict.valid) throw problems.unprocessable(`The geometry is not valid: ${verdict.reason}.`);
  if (!verdict.lonLat) throw problems.unprocessable('The geometry must be in WGS84 longitude/latitude (EPSG:4326); its coordinates are out of range.');
  return text;
}

/** Two requests racing for the same open version: the unique index decides, the loser gets 409. */
async function unlessDuplicate<T>(code: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if ((error as { code?: string }).code === '23505') {
      throw problems.conflict(`Space ${code} already has an open version or one starting on the same day.`);
    }
    throw error;
  }
}
