import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { RequestHandler } from 'express';

interface Serialized {
  etag: string;
  body?: Buffer;
  gzip?: Buffer;
}

/** Answers kept in a cache and sent many times, with their bytes once serialized (they die with the answer). */
const kept = new WeakMap<object, Serialized>();

/** Smaller bodies are not worth compressing (compression's own threshold). */
const GZIP_FROM_BYTES = 1024;

/**
 * Marks an answer a cache keeps (it must not change afterwards): `res.json` of it then sends bytes serialized
 * (and gzipped) once, with `etag`, and 304 to a client that has them. `etag` must name the answer exactly,
 * e.g. by data version and question; without one, the bytes' hash is used.
 */
export function keepSerialized<T extends object>(answer: T, etag?: string): T {
  kept.set(answer, { etag: etag ?? '' });
  return answer;
}

function bytesOf(answer: object, entry: Serialized): Buffer {
  if (!entry.body) {
    entry.body = Buffer.from(JSON.stringify(answer));
    if (!entry.etag) entry.etag = `W/"${createHash('sha1').update(entry.body).digest('base64url')}"`;
  }
  return entry.body;
}

/** Sends kept answers from their bytes; everything else goes through `res.json` as before. */
export const sendKeptAnswers: RequestHandler = (req, res, next) => {
  const json = res.json.bind(res);
  res.json = (body?: unknown) => {
    const entry = body !== null && typeof body === 'object' ? kept.get(body) : undefined;
    if (!entry) return json(body);
    const bytes = bytesOf(body as object, entry);
    res.type('application/json').setHeader('ETag', entry.etag);
    res.vary('Accept-Encoding');
    if (bytes.length >= GZIP_FROM_BYTES && req.acceptsEncodings('gzip', 'identity') === 'gzip' && !req.fresh) {
      entry.gzip ??= gzipSync(bytes);
      // Already encoded: the compression middleware lets it pass.
      res.setHeader('Content-Encoding', 'gzip');
      return res.send(entry.gzip);
    }
    // res.send answers 304 when the client's If-None-Match names these bytes.
    return res.send(bytes);
  };
  next();
};

/**
 * An answer as it goes over the wire (dates as strings): what the response validator checks. A kept answer's
 * copy is parsed from its bytes and stays kept, so tests send it the way production does.
 */
export function asSent(body: unknown): unknown {
  if (body === undefined) return body;
  const entry = body !== null && typeof body === 'object' ? kept.get(body) : undefined;
  if (!entry) return JSON.parse(JSON.stringify(body));
  const copy = JSON.parse(bytesOf(body as object, entry).toString()) as object;
  kept.set(copy, entry);
  return copy;
}
