import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { AppError, type SpooledFile } from '@sozialraum/kit';

/**
 * An uploaded file on its way in: spooled to disk by the kit (a form upload) or decoded from JSON (base64,
 * small by the JSON limit). Imports of CSV and XLSX are only ever read in chunks; GeoJSON, shapefiles and
 * previews of XLSX are read whole, so they must fit the in-memory limit.
 */
export interface IncomingFile {
  size: number;
  /** SHA-256 of the bytes: what an Idempotency-Key is bound to. */
  sha256: string;
  /** At most the first `bytes` bytes (format detection, a preview). */
  head(bytes: number): Promise<Buffer>;
  chunks(): AsyncIterable<Buffer>;
  /** The whole file in memory; 413 when it is larger than the in-memory limit. */
  whole(): Promise<Buffer>;
  /** 413 unless the file is small enough to be read whole (by a job later). */
  refuseIfTooLargeForMemory(): void;
}

export function bufferedFile(bytes: Buffer): IncomingFile {
  return {
    size: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    head: (n) => Promise.resolve(bytes.subarray(0, n)),
    chunks: async function* () {
      yield bytes;
    },
    whole: () => Promise.resolve(bytes),
    refuseIfTooLargeForMemory: () => undefined, // the JSON body limit bounded it already
  };
}

export function spooledFile(file: SpooledFile, inMemoryLimit: number): IncomingFile {
  return {
    size: file.size,
    sha256: file.sha256,
    head: async (n) => {
      const handle = await open(file.path, 'r');
      try {
        const buffer = Buffer.alloc(Math.min(n, file.size));
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
        return buffer.subarray(0, bytesRead);
      } finally {
        await handle.close();
      }
    },
    chunks: () => createReadStream(file.path, { highWaterMark: 256 * 1024 }),
    whole: async () => {
      refuseIfTooLargeForMemory(file.size, inMemoryLimit);
      const parts: Buffer[] = [];
      for await (const chunk of createReadStream(file.path)) parts.push(chunk as Buffer);
      return Buffer.concat(parts);
    },
    refuseIfTooLargeForMemory: () => refuseIfTooLargeForMemory(file.size, inMemoryLimit),
  };
}

/** 413 for a file that would be read whole (XLSX, GeoJSON, shapefile) but is larger than memory may take. */
function refuseIfTooLargeForMemory(size: number, inMemoryLimit: number): void {
  if (size <= inMemoryLimit) return;
  throw new AppError({
    status: 413,
    title: 'Content Too Large',
    detail: `This file is read whole in memory (XLSX, GeoJSON, shapefiles): at most ${inMemoryLimit} bytes (UPLOAD_IN_MEMORY_LIMIT). Save a large table as CSV, which is read as a stream.`,
  });
}

/** A stored import's file as the job reads it: in chunks, or whole for the formats that need it. */
export interface StoredFile {
  size: number;
  chunks(): AsyncIterable<Buffer>;
  whole(): Promise<Buffer>;
}

export function storedFile(size: number, chunks: () => AsyncIterable<Buffer>): StoredFile {
  return {
    size,
    chunks,
    whole: async () => {
      const parts: Buffer[] = [];
      for await (const chunk of chunks()) parts.push(chunk);
      return Buffer.concat(parts);
    },
  };
}
