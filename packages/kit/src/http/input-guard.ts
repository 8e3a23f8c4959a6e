import type { RequestHandler } from 'express';
import { AppError, type FieldError, problems } from '../errors';

/** Longest request target (path and query) the services accept; Node's own header limit (16 KB) comes after. */
export const MAX_URL_LENGTH = 8 * 1024;

// NUL, a high surrogate without its low half, or a low surrogate without its high half.
// eslint-disable-next-line no-control-regex -- NUL is exactly what it looks for
const unstorable = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** JSON pointers of every string (object keys included) that PostgreSQL cannot store as text. */
export function unstorableStrings(value: unknown, pointer: string, found: string[] = []): string[] {
  if (found.length >= 10) return found;
  if (typeof value === 'string') {
    if (unstorable.test(value)) found.push(pointer);
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => unstorableStrings(item, `${pointer}/${index}`, found));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const escaped = key.replace(/~/g, '~0').replace(/\//g, '~1');
      if (unstorable.test(key)) found.push(`${pointer}/${escaped}`);
      unstorableStrings(item, `${pointer}/${escaped}`, found);
    }
  }
  return found;
}

/** The percent-decoded text, or undefined when it is not percent-encoded UTF-8. */
const decoded = (segment: string): string | undefined => {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
};

/**
 * Refuses what no route can store or look up before validation and routes see it: an overlong URL (414),
 * a path that is not percent-encoded UTF-8, and NUL characters or unpaired surrogates in the path, the
 * query or a JSON body (400, naming each place). PostgreSQL rejects both in text and jsonb.
 */
export const inputGuard: RequestHandler = (req, _res, next) => {
  if (req.originalUrl.length > MAX_URL_LENGTH) {
    next(new AppError({ status: 414, title: 'URI Too Long', detail: `The URL is longer than ${MAX_URL_LENGTH} characters; ask for less at once.` }));
    return;
  }
  const errors: FieldError[] = [];
  const pathOk = req.path.split('/').every((segment) => {
    const text = decoded(segment);
    return text !== undefined && !unstorable.test(text);
  });
  if (!pathOk) errors.push({ pointer: '/path', detail: 'must be percent-encoded UTF-8 text without NUL characters' });
  const rawQuery = req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?') + 1) : '';
  // Node's query parser would turn bytes that are not UTF-8 into U+FFFD silently; refuse them instead.
  const queryEncoded = rawQuery.split('&').every((pair) => decoded(pair) !== undefined);
  const queryPointers = queryEncoded ? unstorableStrings(req.query, '/query') : ['/query'];
  for (const pointer of [...queryPointers, ...unstorableStrings(req.body, '/body')]) {
    errors.push({ pointer, detail: 'must be UTF-8 text without NUL characters or unpaired surrogates' });
  }
  if (errors.length) {
    next(problems.badRequest(`The request is invalid: ${errors.map((e) => `${e.pointer} ${e.detail}`).join('; ')}.`, errors));
    return;
  }
  next();
};
