import { type Principal } from '@sozialraum/kit';
import { withTransaction, type Pool } from '@sozialraum/kit/db';
import type { Queue } from 'bullmq';
import type { ImportRecord } from '../data/imports.repository';
import { indicatorRules } from '../data/indicators.repository';
import { type ReleaseInput, upsertRelease } from '../data/releases.repository';
import { copyNewReleaseValues, currentSpaces, upsertValues } from '../data/values.repository';
import { type ImportFormat, type ImportMapping, type ParsedRow, parseIndicatorFile, spaceMatcher, validateRows } from '../domain/imports';
import type { components } from '../generated/api';
import { formatOf, type ImportWork, submitImport, uploadName } from './imports';
import { queueRecomputation } from './recompute-queue';

type ValueImportRequest = components['schemas']['ValueImportRequest'];
type ValueImportForm = components['schemas']['ValueImportForm'];

/** What the job needs of the request; the file itself is stored separately. */
interface StoredValueRequest {
  release: ReleaseInput;
  mapping: ImportMapping;
  acceptValidRows?: boolean;
}

/** Rows per INSERT: large enough that 10,000 values take a handful of round trips. */
const BATCH_SIZE = 5_000;
/** Rows per COPY: each one statement, well inside the statement timeout, with little text held at a time. */
const COPY_SIZE = 50_000;
/** Notes kept in a report (statistical symbols): a table full of "." must not make the report huge. */
const MAX_NOTES = 10_000;

/** The scripts' form: the file base64-encoded inside JSON. */
export function submitValueImport(db: Pool, jobs: Queue, body: ValueImportRequest, principal: Principal, idempotencyKey?: string): Promise<ImportRecord> {
  return submitValues(db, jobs, { fileName: body.fileName, format: body.format, file: Buffer.from(body.content, 'base64'), body }, principal, idempotencyKey);
}

/** The browser's and curl's form: `multipart/form-data` with the file as it is. */
export function submitValueImportForm(
  db: Pool,
  jobs: Queue,
  form: Omit<ValueImportForm, 'file'>,
  file: { originalname: string; buffer: Buffer },
  principal: Principal,
  idempotencyKey?: string,
): Promise<ImportRecord> {
  const upload = { fileName: uploadName(file.originalname), format: form.format ?? formatOf(file.buffer), file: file.buffer, body: form };
  return submitValues(db, jobs, upload, principal, idempotencyKey);
}

function submitValues(
  db: Pool,
  jobs: Queue,
  upload: { fileName: string; format: ImportFormat; file: Buffer; body: Omit<ValueImportForm, 'file' | 'format'> },
  principal: Principal,
  idempotencyKey?: string,
): Promise<ImportRecord> {
  const { release, mapping, acceptValidRows } = upload.body;
  const request: StoredValueRequest = { release, mapping, acceptValidRows: acceptValidRows ?? false };
  return submitImport(db, jobs, { kind: 'values', fileName: upload.fileName, format: upload.format, file: upload.file, request: { ...request }, idempotencyKey, principal });
}

/**
 * The 'import-values' job: parse, check against the catalogue, then write everything in one transaction
 * (or nothing, when rows were rejected and the planner did not accept the valid ones).
 */
export function valueImportWork(pool: Pool, jobs: Queue): ImportWork {
  return async ({ record, file, progress }) => {
    const request = record.request as unknown as StoredValueRequest;
    const parsed = await parseIndicatorFile(file, record.format as ImportFormat, request.mapping);
    const total = parsed.totalRows;
    await progress(0, total);

    const spaces = await currentSpaces(pool);
    const spaceIds = new Map(spaces.map((s) => [s.code, s.id]));
    const space = spaceMatcher(spaces, request.mapping.spaceType);
    const checked = validateRows(parsed.rows, { space, indicators: await indicatorRules(pool) });
    const rejected = [...parsed.rejected, ...checked.rejected].sort((a, b) => a.line - b.line);
    const notes = { notes: parsed.notes.slice(0, MAX_NOTES), notesTotal: parsed.notes.length };
    if (rejected.length > 0 && request.acceptValidRows !== true) return { status: 'rejected', total, imported: 0, rejected, ...notes };

    await withTransaction(pool, async (client) => {
      const release = await upsertRelease(client, request.release);
      // A new release has no values to replace: COPY. Re-importing one replaces its values row by row.
      const [size, write] = release.created ? [COPY_SIZE, copyNewReleaseValues] : [BATCH_SIZE, upsertValues];
      for (let start = 0; start < checked.rows.length; start += size) {
        const batch = checked.rows.slice(start, start + size);
        await write(client, release.id, record.id, batch.map((row) => valueRow(row, spaceIds)));
        // Rows come in file order; the last row's line minus the header's is how many data lines are done.
        await progress(Math.min(total, (batch.at(-1)?.line ?? 1) - 1), total);
      }
    });
    if (checked.rows.length > 0) await queueRecomputation(jobs, pool);
    return { status: 'succeeded', total, imported: checked.rows.length, rejected, ...notes };
  };
}

function valueRow(row: ParsedRow, spaceIds: Map<string, number>) {
  return {
    spaceId: spaceIds.get(row.spaceCode)!, // validateRows kept only known spaces, by their code
    indicatorKey: row.indicatorKey,
    period: row.period,
    value: row.value,
    numerator: row.numerator ?? null,
    denominator: row.denominator ?? null,
  };
}
