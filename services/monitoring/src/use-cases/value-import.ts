import { type Principal } from '@sozialraum/kit';
import { withTransaction, type Pool } from '@sozialraum/kit/db';
import type { Queue } from 'bullmq';
import type { ImportRecord } from '../data/imports.repository';
import { indicatorRules } from '../data/indicators.repository';
import { type ReleaseInput, upsertRelease } from '../data/releases.repository';
import { currentSpaceIds, upsertValues } from '../data/values.repository';
import { type ImportFormat, type ImportMapping, type ParsedRow, parseIndicatorFile, validateRows } from '../domain/imports';
import type { components } from '../generated/api';
import { type ImportWork, submitImport } from './imports';
import { queueRecomputation } from './recompute-queue';

type ValueImportRequest = components['schemas']['ValueImportRequest'];

/** What the job needs of the request; the file itself is stored separately. */
interface StoredValueRequest {
  release: ReleaseInput;
  mapping: ImportMapping;
  acceptValidRows?: boolean;
}

/** Rows per INSERT: large enough that 10,000 values take a handful of round trips. */
const BATCH_SIZE = 5_000;

export function submitValueImport(db: Pool, jobs: Queue, body: ValueImportRequest, principal: Principal, idempotencyKey?: string): Promise<ImportRecord> {
  const request: StoredValueRequest = { release: body.release, mapping: body.mapping as ImportMapping, acceptValidRows: body.acceptValidRows ?? false };
  return submitImport(db, jobs, {
    kind: 'values',
    fileName: body.fileName,
    format: body.format,
    content: body.content,
    request: { ...request },
    idempotencyKey,
    principal,
  });
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

    const spaceIds = await currentSpaceIds(pool);
    const checked = validateRows(parsed.rows, { spaceCodes: new Set(spaceIds.keys()), indicators: await indicatorRules(pool) });
    const rejected = [...parsed.rejected, ...checked.rejected].sort((a, b) => a.line - b.line);
    if (rejected.length > 0 && request.acceptValidRows !== true) return { status: 'rejected', total, imported: 0, rejected };

    await withTransaction(pool, async (client) => {
      const releaseId = await upsertRelease(client, request.release);
      for (let start = 0; start < checked.rows.length; start += BATCH_SIZE) {
        const batch = checked.rows.slice(start, start + BATCH_SIZE);
        await upsertValues(client, releaseId, record.id, batch.map((row) => valueRow(row, spaceIds)));
        // Rows come in file order; line 1 is the header, so the last row's line − 1 data lines are done.
        await progress(Math.min(total, (batch.at(-1)?.line ?? 1) - 1), total);
      }
    });
    if (checked.rows.length > 0) await queueRecomputation(jobs, pool);
    return { status: 'succeeded', total, imported: checked.rows.length, rejected };
  };
}

function valueRow(row: ParsedRow, spaceIds: Map<string, number>) {
  return {
    spaceId: spaceIds.get(row.spaceCode)!, // validateRows kept only known spaces
    indicatorKey: row.indicatorKey,
    period: row.period,
    value: row.value,
    numerator: row.numerator ?? null,
    denominator: row.denominator ?? null,
  };
}
