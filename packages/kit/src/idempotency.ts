import { createHash } from 'node:crypto';
import { AppError } from './errors';

/** JSON with object keys sorted, so two bodies that differ only in key order are the same request. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    return `{${entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * What an Idempotency-Key is bound to: a SHA-256 over the request's parts (JSON values key-order aside,
 * Buffers as their bytes). Keys are kept per user with this hash; the same key with another hash is refused.
 */
export function requestFingerprint(...parts: unknown[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(Buffer.isBuffer(part) ? part : canonical(part)).update('\u0000');
  return hash.digest('hex');
}

/** 422: the caller sent this Idempotency-Key before with another request. */
export const idempotencyKeyReused = () =>
  new AppError({
    status: 422,
    title: 'Unprocessable Content',
    type: 'https://sozialraum.example/problems/idempotency-key-reused',
    detail: 'You sent this Idempotency-Key before with another request; send a new key for a new request.',
  });
