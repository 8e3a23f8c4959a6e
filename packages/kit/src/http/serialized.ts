import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Request, RequestHandler, Response } from 'express';

/** Content codings in the order they are preferred: brotli is a fifth smaller than gzip on a map. */
const CODINGS = ['br', 'gzip'] as const;
type Coding = (typeof CODINGS)[number];

/**
 * An answer's bytes, made once and sent many times: with their ETag and their compressed forms (made the
 * first time a client accepts them, off the event loop, and kept with the answer).
 */
export interface SerializedAnswer {
  readonly type: string;
  etag: string;
  body?: Buffer;
  encoded: Partial<Record<Coding, Buffer | Promise<Buffer>>>;
  /** Brotli's best quality made in the background after the first brotli answer (see `serializedAnswer`). */
  readonly compressBest?: boolean;
}

/** Answers kept in a cache and sent many times, with their bytes once serialized (they die with the answer). */
const kept = new WeakMap<object, SerializedAnswer>();

/** Smaller bodies are not worth compressing (compression's own threshold). */
const COMPRESS_FROM_BYTES = 1024;

const weakEtagOf = (body: Buffer) => `W/"${createHash('sha1').update(body).digest('base64url')}"`;

/**
 * Marks an answer a cache keeps (it must not change afterwards): `res.json` of it then sends bytes serialized
 * (and compressed) once, with `etag`, and 304 to a client that has them. `etag` must name the answer exactly,
 * e.g. by data version and question; without one, the bytes' hash is used.
 */
export function keepSerialized<T extends object>(answer: T, etag?: string): T {
  kept.set(answer, { type: 'application/json; charset=utf-8', etag: etag ?? '', encoded: {} });
  return answer;
}

/** Up to this size an answer may ask for brotli's best quality (11 takes about 4 s for 0.5 MB here, 40× quality 5). */
const COMPRESS_BEST_UP_TO_BYTES = 1_000_000;

/**
 * An answer whose bytes the caller made itself (e.g. GeoJSON assembled from PostGIS's geometry text), to be
 * kept and sent with `sendSerialized`. Without `etag`, the bytes' hash is used. `compressBest`: for large
 * answers many clients fetch while they hold (the map): after the first brotli answer (quality 5, at once),
 * quality 11 is made once in the background and replaces it — a quarter fewer bytes for every client to read.
 */
export function serializedAnswer(body: Buffer, options: { type: string; etag?: string; compressBest?: boolean }): SerializedAnswer {
  return { type: options.type, etag: options.etag ?? weakEtagOf(body), body, encoded: {}, compressBest: options.compressBest && body.length <= COMPRESS_BEST_UP_TO_BYTES };
}

function bytesOf(answer: object, entry: SerializedAnswer): Buffer {
  if (!entry.body) {
    entry.body = Buffer.from(JSON.stringify(answer));
    if (!entry.etag) entry.etag = weakEtagOf(entry.body);
  }
  return entry.body;
}

const brotli = (quality: number) => (body: Buffer) =>
  promisify(brotliCompress)(body, { params: { [constants.BROTLI_PARAM_QUALITY]: quality, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } });

const compressors: Record<Coding, (body: Buffer) => Promise<Buffer>> = {
  // Quality 5: most of quality 11's gain in a fraction of its time (made once per answer).
  br: brotli(5),
  gzip: (body) => promisify(gzip)(body, { level: 6 }),
};
const bestBrotli = brotli(11);

/** The body in a content coding: compressed once, in libuv's thread pool, so a large first answer does not block others. */
function encodedBody(answer: SerializedAnswer, body: Buffer, coding: Coding): Buffer | Promise<Buffer> {
  const made = answer.encoded[coding];
  if (made) return made;
  const making = compressors[coding](body).then(
    (bytes) => {
      if (coding === 'br' && answer.compressBest) replaceWithBest(answer, body);
      return (answer.encoded[coding] = bytes);
    },
    (error: unknown) => {
      delete answer.encoded[coding];
      throw error;
    },
  );
  answer.encoded[coding] = making;
  return making;
}

/** Whether a best compression is under way: one at a time, so it never holds more than one of libuv's threads. */
let compressingBest = false;

/**
 * Brotli's best quality, once, in libuv's thread pool; answers meanwhile (and on failure) keep quality 5. While
 * another is made, this answer keeps quality 5: the pool also verifies tokens (WebCrypto), so answers made at
 * the same moment must not fill it with seconds of compression each.
 */
function replaceWithBest(answer: SerializedAnswer, body: Buffer): void {
  if (compressingBest) return;
  compressingBest = true;
  void bestBrotli(body)
    .then(
      (best) => {
        const current = answer.encoded.br;
        if (Buffer.isBuffer(current) && best.length < current.length) answer.encoded.br = best;
      },
      () => undefined,
    )
    .finally(() => {
      compressingBest = false;
    });
}

/** Accept-Encoding headers seen and the coding each chose: a handful of distinct values (browsers, proxies), parsed once. */
const codingOfHeader = new Map<string, Coding | undefined>();
const MAX_HEADERS_KEPT = 100;

/** Brotli when the client accepts it at all (browsers list it after gzip), else gzip, else none. */
function codingFor(req: Request): Coding | undefined {
  const accepted = req.headers['accept-encoding'];
  if (!accepted) return undefined;
  if (codingOfHeader.has(accepted)) return codingOfHeader.get(accepted);
  const coding = CODINGS.find((c) => req.acceptsEncodings(c) === c);
  if (codingOfHeader.size < MAX_HEADERS_KEPT) codingOfHeader.set(accepted, coding);
  return coding;
}

function write(res: Response, type: string, bytes: Buffer, coding?: Coding): void {
  res.setHeader('Content-Type', type);
  // Already encoded (or too small to be worth it): the compression middleware lets it pass as it is.
  if (coding) res.setHeader('Content-Encoding', coding);
  res.setHeader('Content-Length', bytes.length);
  res.end(bytes);
}

/**
 * Sends a serialized answer: 304 when the client's If-None-Match names it, else its bytes in the best coding
 * the client accepts. Straight to the socket: no per-request serialization, hashing or compression.
 */
export function sendSerialized(req: Request, res: Response, answer: SerializedAnswer, body: Buffer = answer.body as Buffer): void {
  res.setHeader('ETag', answer.etag);
  res.vary('Accept-Encoding');
  if (req.fresh) {
    res.status(304).end();
    return;
  }
  const coding = body.length >= COMPRESS_FROM_BYTES ? codingFor(req) : undefined;
  if (!coding) return write(res, answer.type, body);
  const encoded = encodedBody(answer, body, coding);
  if (Buffer.isBuffer(encoded)) return write(res, answer.type, encoded, coding);
  encoded.then(
    (bytes) => write(res, answer.type, bytes, coding),
    // Compression failed (memory?): the plain bytes are still a correct answer.
    () => write(res, answer.type, body),
  );
}

/** Sends kept answers from their bytes; everything else goes through `res.json` as before. */
export const sendKeptAnswers: RequestHandler = (req, res, next) => {
  const json = res.json.bind(res);
  res.json = (body?: unknown) => {
    const entry = body !== null && typeof body === 'object' ? kept.get(body) : undefined;
    if (!entry) return json(body);
    sendSerialized(req, res, entry, bytesOf(body as object, entry));
    return res;
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
