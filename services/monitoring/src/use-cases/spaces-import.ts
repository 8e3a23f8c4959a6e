import type { Principal } from '@sozialraum/kit';
import { withTransaction, type Pool } from '@sozialraum/kit/db';
import type { JobQueue } from '../domain/ports/job-queue';
import type { ImportRecord } from '../data/imports.repository';
import type { Queryable } from '@sozialraum/kit/db';
import {
  findClosedOverlaps,
  findInvalidGeometries,
  findParentId,
  type ImportedSpace,
  upsertImportedSpaces,
} from '../data/spaces.repository';
import { GeodataError, type GeodataProblem, parseGeoJson, parseShapefileZip, type SpatialUnit } from '../domain/geodata';
import { bufferedFile, type IncomingFile } from './import-file';
import { type ImportOutcome, type ImportWork, submitImport, uploadName } from './imports';
import type { components } from '../generated/api';
import { DEFAULT_VALID_FROM } from './spaces';
import { storedSpaceRequest } from './stored-requests';

export type SpaceImportRequest = components['schemas']['SpaceImportRequest'];
type SpaceImportForm = Omit<components['schemas']['SpaceImportForm'], 'file'>;

export function submitSpaceImport(db: Pool, jobs: JobQueue, body: SpaceImportRequest, principal: Principal, idempotencyKey?: string): Promise<ImportRecord> {
  const { fileName, content, format, ...request } = body;
  return submitImport(db, jobs, { kind: 'spaces', fileName, format, file: bufferedFile(Buffer.from(content, 'base64')), request, idempotencyKey, principal });
}

/** The form upload (`multipart/form-data`): the file as it is, the options as text fields. */
export function submitSpaceImportForm(
  db: Pool,
  jobs: JobQueue,
  form: SpaceImportForm,
  upload: { originalname: string; file: IncomingFile },
  principal: Principal,
  idempotencyKey?: string,
): Promise<ImportRecord> {
  const { format, ...request } = form;
  // GeoJSON and shapefiles are read whole by the job: refused now if they would not fit.
  upload.file.refuseIfTooLargeForMemory();
  return submitImport(db, jobs, { kind: 'spaces', fileName: uploadName(upload.originalname), format, file: upload.file, request, idempotencyKey, principal });
}

/** Features written per statement; also how often progress is reported. */
const BATCH = 50;

/**
 * The 'import-spaces' job: decode the file, then upsert every space in one transaction, so a failure or
 * a retry never leaves half a boundary set behind. Re-importing the same file changes nothing.
 */
export function importSpaces(pool: Pool): ImportWork {
  return async ({ record, file: stored, progress }) => {
    const request = storedSpaceRequest(record.request, 'the stored request');
    const file = await stored.whole();
    const mapping = { codeProperty: request.codeProperty, nameProperty: request.nameProperty };
    const units = record.format === 'shapefile' ? parseShapefileZip(file, mapping) : parseGeoJson(file, mapping);
    const spaces = toImportedSpaces(units, request.populationProperty);
    const validFrom = request.validFrom ?? DEFAULT_VALID_FROM;
    await progress(0, spaces.length);
    await withTransaction(pool, async (client) => {
      const parentId = request.parentCode === undefined ? null : await findParentId(client, request.parentCode);
      if (parentId === undefined) throw GeodataError.file(`parent space "${request.parentCode}" does not exist; import or create it first`);
      await refuseOverlaps(client, spaces, validFrom);
      const invalid: GeodataProblem[] = [];
      for (let start = 0; start < spaces.length; start += BATCH) {
        const batch = spaces.slice(start, start + BATCH);
        const found = await findInvalidGeometries(client, batch.map((s) => s.geometry));
        invalid.push(...found.map((f) => ({ featureIndex: start + f.index, reason: `invalid geometry (${batch[f.index]?.code}): ${f.reason}` })));
        if (invalid.length === 0) {
          await upsertImportedSpaces(client, batch, { type: request.type, parentId, validFrom, setPopulation: request.populationProperty !== undefined });
        }
        await progress(start + batch.length, spaces.length);
      }
      // Refused, not repaired: ST_MakeValid can change a boundary in ways nobody checked.
      if (invalid.length > 0) throw new GeodataError(invalid);
    });
    return { status: 'succeeded', total: spaces.length, imported: spaces.length, rejected: [] } satisfies ImportOutcome;
  };
}

async function refuseOverlaps(client: Queryable, spaces: ImportedSpace[], validFrom: string): Promise<void> {
  const overlapping = await findClosedOverlaps(client, spaces.map((s) => s.code), validFrom);
  if (overlapping.length > 0) {
    throw GeodataError.file(
      `spaces ${overlapping.slice(0, 10).join(', ')}${overlapping.length > 10 ? ' …' : ''} have a closed version that is still valid on ${validFrom}; give a later validFrom`,
    );
  }
}

function toImportedSpaces(units: SpatialUnit[], populationProperty: string | undefined): ImportedSpace[] {
  if (populationProperty !== undefined && !units.some((u) => populationProperty in u.properties)) {
    const available = [...new Set(units.flatMap((u) => Object.keys(u.properties)))].join(', ');
    throw GeodataError.file(`property "${populationProperty}" not found in any feature (available: ${available})`);
  }
  const problems: GeodataProblem[] = [];
  const spaces = units.map((unit, featureIndex) => {
    const raw = populationProperty === undefined ? null : unit.properties[populationProperty];
    const population = populationOf(raw);
    if (population === undefined) problems.push({ featureIndex, reason: `population "${String(raw)}" is not a whole number ≥ 0` });
    return { code: unit.code, name: unit.name, population: population ?? null, properties: unit.properties, geometry: unit.geometry };
  });
  if (problems.length > 0) throw new GeodataError(problems);
  return spaces;
}

/** null: no value; undefined: a value that is not a resident count. */
function populationOf(value: unknown): number | null | undefined {
  if (value === null || value === undefined || value === '') return null;
  const n = typeof value === 'number' ? value : Number(String(value).trim());
  return Number.isInteger(n) && n >= 0 ? n : undefined;
}
