import { type Principal } from '@sozialraum/kit';
import type { Pool, PoolClient } from '@sozialraum/kit/db';
import type { JobQueue } from '../domain/ports/job-queue';
import type { ImportRecord } from '../data/imports.repository';
import { indicatorRules } from '../data/indicators.repository';
import { upsertRelease } from '../data/releases.repository';
import { currentSpaces, valueCopier, valueUpserter } from '../data/values.repository';
import {
  type Catalogue,
  type CellNoteRow,
  type ImportFormat,
  type ImportMapping,
  parseIndicatorStream,
  ReadAgain,
  type RejectedRow,
  spaceMatcher,
  validateRows,
} from '../domain/imports';
import type { components } from '../generated/api';
import { bufferedFile, type IncomingFile, type StoredFile } from './import-file';
import { formatOf, type ImportOutcome, type ImportWork, submitImport, uploadName } from './imports';
import { queueRecomputation } from './recompute-queue';
import { type StoredValueRequest, storedValueRequest } from './stored-requests';

type ValueImportRequest = components['schemas']['ValueImportRequest'];
type ValueImportForm = components['schemas']['ValueImportForm'];


/** Rows per COPY statement: each well inside the statement timeout, however fast the file is parsed. */
const COPY_SIZE = 100_000;
/** Entries kept in a report (rejected rows, statistical symbols): a table full of "." must not make it huge. */
const MAX_REPORTED = 10_000;
/** Reading a file again after a guess proved wrong (its encoding, its number format): each at most once. */
const MAX_READS = 3;

/** The scripts' form: the file base64-encoded inside JSON. */
export function submitValueImport(db: Pool, jobs: JobQueue, body: ValueImportRequest, principal: Principal, idempotencyKey?: string): Promise<ImportRecord> {
  return submitValues(db, jobs, { fileName: body.fileName, format: body.format, file: bufferedFile(Buffer.from(body.content, 'base64')), body }, principal, idempotencyKey);
}

/** The browser's and curl's form: `multipart/form-data` with the file as it is. */
export async function submitValueImportForm(
  db: Pool,
  jobs: JobQueue,
  form: Omit<ValueImportForm, 'file'>,
  upload: { originalname: string; file: IncomingFile },
  principal: Principal,
  idempotencyKey?: string,
): Promise<ImportRecord> {
  const format = form.format ?? (await formatOf(upload.file));
  return submitValues(db, jobs, { fileName: uploadName(upload.originalname), format, file: upload.file, body: form }, principal, idempotencyKey);
}

function submitValues(
  db: Pool,
  jobs: JobQueue,
  upload: { fileName: string; format: ImportFormat; file: IncomingFile; body: Omit<ValueImportForm, 'file' | 'format'> },
  principal: Principal,
  idempotencyKey?: string,
): Promise<ImportRecord> {
  const { release, mapping, acceptValidRows } = upload.body;
  const request: StoredValueRequest = { release, mapping, acceptValidRows: acceptValidRows ?? false };
  return submitImport(db, jobs, { kind: 'values', fileName: upload.fileName, format: upload.format, file: upload.file, request: { ...request }, idempotencyKey, principal });
}

/**
 * The 'import-values' job: the file is parsed as it is read, each batch checked against the catalogue and
 * written at once, all in one transaction — or nothing, when rows were rejected and the planner did not accept
 * the valid ones (then the rest is only read for the report). Memory holds a batch, not the file.
 */
export function valueImportWork(pool: Pool, jobs: JobQueue): ImportWork {
  return async ({ record, file, progress }) => {
    const request = storedValueRequest(record.request, 'the stored request');
    const spaces = await currentSpaces(pool);
    const catalogue: Catalogue = { space: remembered(spaceMatcher(spaces, request.mapping.spaceType)), indicators: await indicatorRules(pool) };
    const spaceIds = new Map(spaces.map((s) => [s.code, s.id]));
    let mapping: ImportMapping = request.mapping;
    for (let read = 1; ; read++) {
      try {
        const outcome = await storeValues(pool, { record, request: { ...request, mapping }, file, progress, catalogue, spaceIds });
        if (outcome.status === 'succeeded' && outcome.imported > 0) await queueRecomputation(jobs, pool);
        return outcome;
      } catch (error) {
        if (!(error instanceof ReadAgain) || read >= MAX_READS) throw error;
        mapping = error.mapping; // what was written is rolled back: read the file again, knowing better
      }
    }
  };
}

interface StoreContext {
  record: ImportRecord;
  /** the stored request, with the mapping as this read of the file takes it */
  request: Omit<StoredValueRequest, 'mapping'> & { mapping: ImportMapping };
  file: StoredFile;
  progress: (done: number, total: number | null) => Promise<void>;
  catalogue: Catalogue;
  spaceIds: Map<string, number>;
}

/** One read of the file into one transaction; a failure closes the connection, so PostgreSQL rolls it all back. */
async function storeValues(pool: Pool, { record, request, file, progress, catalogue, spaceIds }: StoreContext): Promise<ImportOutcome> {
  const report = new ImportReport();
  let client: PoolClient | undefined = await pool.connect();
  const discard = () => {
    client?.release(true);
    client = undefined;
  };
  try {
    await client.query('BEGIN');
    const release = await upsertRelease(client, request.release);
    // A new release has no values to replace: COPY. Re-importing one replaces its values batch by batch.
    const target = { releaseId: release.id, importId: record.id, spaceIds };
    const writer = release.created ? valueCopier(client, target, COPY_SIZE) : valueUpserter(client, target);
    let imported = 0;
    let total = 0;
    await progress(0, null);
    for await (const batch of parseIndicatorStream(() => file.chunks(), record.format as ImportFormat, request.mapping)) {
      const checked = validateRows(batch.rows, catalogue);
      report.add([...batch.rejected, ...checked.rejected].sort((a, b) => a.line - b.line), batch.notes);
      // Rejected rows without acceptValidRows: nothing is written; the rest is only read for the report.
      if (report.rejectedTotal > 0 && request.acceptValidRows !== true) discard();
      // validateRows kept only known spaces, by their code: the writers find each one's id.
      if (client) await writer.write(checked.rows);
      imported += checked.rows.length;
      total = batch.records;
      // The number of lines is known at the end; until then it is estimated from the bytes read.
      const estimate = batch.bytesRead > 0 && batch.bytesRead < file.size ? Math.round((total * file.size) / batch.bytesRead) : total;
      await progress(total, Math.max(total, estimate));
    }
    if (!client) return { status: 'rejected', total, imported: 0, ...report.entries() };
    await writer.end();
    await client.query('COMMIT');
    client.release();
    client = undefined;
    return { status: 'succeeded', total, imported, ...report.entries() };
  } finally {
    discard();
  }
}

/** The import's report as it grows: the first MAX_REPORTED rejected rows and notes, and how many there were. */
class ImportReport {
  private readonly rejected: RejectedRow[] = [];
  private readonly notes: CellNoteRow[] = [];
  rejectedTotal = 0;
  private notesTotal = 0;

  add(rejected: readonly RejectedRow[], notes: readonly CellNoteRow[]): void {
    this.rejectedTotal += rejected.length;
    this.notesTotal += notes.length;
    this.rejected.push(...rejected.slice(0, MAX_REPORTED - this.rejected.length));
    this.notes.push(...notes.slice(0, MAX_REPORTED - this.notes.length));
  }

  entries() {
    return { rejected: this.rejected, rejectedTotal: this.rejectedTotal, notes: this.notes, notesTotal: this.notesTotal };
  }
}

/** A space matcher that matches each distinct cell text once. */
function remembered(match: Catalogue['space']): Catalogue['space'] {
  const known = new Map<string, ReturnType<Catalogue['space']>>();
  return (text) => {
    let found = known.get(text);
    if (!found) known.set(text, (found = match(text)));
    return found;
  };
}
