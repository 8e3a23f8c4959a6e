import type { PoolClient, Queryable } from '@sozialraum/kit/db';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import type { ParsedRow } from '../domain/imports';
import { copyField } from './copy';
import { validAt } from './spaces.repository';

export interface ValueRow {
  spaceId: number;
  indicatorKey: string;
  period: string;
  value: number;
  numerator: number | null;
  denominator: number | null;
}

/** Code → id of every space valid today: the codes an import may use, and the versions values attach to. */
/** The spaces valid today with what an import matches them by: code, name, type. */
export async function currentSpaces(db: Queryable): Promise<Array<{ id: number; code: string; name: string; type: string }>> {
  const { rows } = await db.query<{ id: number; code: string; name: string; type: string }>(
    `SELECT s.id, s.code, s.name, s.type FROM space s WHERE ${validAt('s', 'current_date')}`,
  );
  return rows;
}

/**
 * Writes one batch with a single statement (arrays unnested server-side: one round trip, no parameter
 * limit). A value already stored for the same space, indicator, period and release is replaced, which
 * makes re-importing a release idempotent.
 */
export async function upsertValues(db: Queryable, releaseId: number, importId: string, rows: readonly ValueRow[]): Promise<void> {
  await db.query(
    `INSERT INTO indicator_value (space_id, indicator_key, period, release_id, value, numerator, denominator, import_id)
     SELECT s, k, p, $7, v, n, d, $8
       FROM unnest($1::bigint[], $2::text[], $3::text[], $4::float8[], $5::float8[], $6::float8[]) AS t (s, k, p, v, n, d)
     ON CONFLICT (space_id, indicator_key, period, release_id) DO UPDATE
        SET value = EXCLUDED.value, numerator = EXCLUDED.numerator, denominator = EXCLUDED.denominator,
            import_id = EXCLUDED.import_id`,
    [
      rows.map((r) => r.spaceId),
      rows.map((r) => r.indicatorKey),
      rows.map((r) => r.period),
      rows.map((r) => r.value),
      rows.map((r) => r.numerator),
      rows.map((r) => r.denominator),
      releaseId,
      importId,
    ],
  );
}

/** A value as an import reads it: its space by code (the writers know the ids). */
export type ImportedValue = Pick<ParsedRow, 'spaceCode' | 'indicatorKey' | 'period' | 'value' | 'numerator' | 'denominator'>;

/** Writes an import's values batch by batch; `end` finishes what is still open. */
export interface ValueWriter {
  write(rows: readonly ImportedValue[]): Promise<void>;
  end(): Promise<void>;
}

/** Where an import writes: its release, its id, and the ids of the spaces its codes name. */
export interface ImportTarget {
  releaseId: number;
  importId: string;
  spaceIds: ReadonlyMap<string, number>;
}

/**
 * Text a COPY may hold before its writer waits: a few batches, so the next ones are parsed while PostgreSQL
 * stores this one (the socket alone would hold less than one).
 */
const COPY_BUFFER_BYTES = 8 * 1024 * 1024;
const VALUE_COPY = 'COPY indicator_value (space_id, indicator_key, period, release_id, value, numerator, denominator, import_id) FROM STDIN';

/**
 * Writes values of a release that has none yet (created in this transaction) with COPY: as fast as PostgreSQL
 * takes rows. Batches are written into an open COPY as they come, so PostgreSQL stores one batch while the
 * next is parsed; after `rowsPerCopy` rows the COPY ends and the next begins with the next batch (each one
 * statement, well inside the statement timeout). The rows hold no duplicates (the import's checks reject them). After a failure the
 * connection may still be in COPY: the caller must discard it (release(true)), which rolls everything back.
 */
export function valueCopier(db: PoolClient, { releaseId, importId, spaceIds }: ImportTarget, rowsPerCopy: number): ValueWriter {
  // A line's fields before the value repeat for every space, indicator and period: each is escaped once.
  const spaceField = remembered((code: string) => `${spaceIds.get(code)}\t`);
  const keyField = remembered((key: string) => `${copyField(key)}\t`);
  const periodField = remembered((period: string) => `${copyField(period)}\t${releaseId}\t`);
  const plainTail = `\t\\N\t\\N\t${importId}\n`;
  const line = (r: ImportedValue) =>
    spaceField(r.spaceCode) +
    keyField(r.indicatorKey) +
    periodField(r.period) +
    r.value +
    (r.numerator === undefined && r.denominator === undefined ? plainTail : `\t${copyField(r.numerator)}\t${copyField(r.denominator)}\t${importId}\n`);
  let copy: { stream: Writable; done: Promise<void>; rows: number } | undefined;
  const end = async () => {
    if (!copy) return;
    const { stream, done } = copy;
    copy = undefined;
    stream.end();
    await done;
  };
  return {
    async write(rows) {
      if (rows.length === 0) return;
      const text = rows.map(line).join('');
      // A full COPY ends only once the next batch is ready: PostgreSQL never waits for parsing in between.
      if (copy && copy.rows >= rowsPerCopy) await end();
      if (!copy) {
        const stream = db.query(copyFrom(VALUE_COPY, { highWaterMark: COPY_BUFFER_BYTES }));
        const done = finished(stream);
        done.catch(() => undefined); // awaited in end(); a failure meanwhile surfaces there or at the next drain
        copy = { stream, done, rows: 0 };
      }
      const { stream } = copy;
      copy.rows += rows.length;
      if (!stream.write(text)) await Promise.race([once(stream, 'drain'), copy.done]);
    },
    end,
  };
}

/** Writes values of a release that has some already, batch by batch with upsertValues (re-imports replace). */
export function valueUpserter(db: Queryable, { releaseId, importId, spaceIds }: ImportTarget): ValueWriter {
  const valueRow = (r: ImportedValue): ValueRow => ({
    spaceId: spaceIds.get(r.spaceCode)!,
    indicatorKey: r.indicatorKey,
    period: r.period,
    value: r.value,
    numerator: r.numerator ?? null,
    denominator: r.denominator ?? null,
  });
  return { write: (rows) => upsertValues(db, releaseId, importId, rows.map(valueRow)), end: () => Promise.resolve() };
}

/** `make` applied once per distinct text (the few spaces, indicators and periods of an import). */
function remembered(make: (text: string) => string): (text: string) => string {
  const made = new Map<string, string>();
  return (text) => {
    let field = made.get(text);
    if (field === undefined) made.set(text, (field = make(text)));
    return field;
  };
}
