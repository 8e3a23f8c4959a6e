/**
 * A small typed decoder for JSON the service stored itself (a job's request): what a job reads is checked
 * and typed, not cast, so a row written by an older version or changed by hand fails with a reason.
 */

/** A stored value is not of the shape the code reads. Retrying cannot help. */
export class DecodeError extends Error {
  override readonly name = 'DecodeError';
}

export type Reader<T> = (value: unknown, at: string) => T;

export const text: Reader<string> = (value, at) => {
  if (typeof value !== 'string') throw new DecodeError(`${at} is not a string`);
  return value;
};

export const bool: Reader<boolean> = (value, at) => {
  if (typeof value !== 'boolean') throw new DecodeError(`${at} is not true or false`);
  return value;
};

export const integer: Reader<number> = (value, at) => {
  if (typeof value !== 'number' || !Number.isInteger(value)) throw new DecodeError(`${at} is not a whole number`);
  return value;
};

/** One of the members of the string union T; the compiler checks that the list names every member. */
export const oneOf =
  <T extends string>() =>
  <const L extends readonly T[]>(...values: L & ([T] extends [L[number]] ? unknown : never)): Reader<T> =>
  (value, at) => {
    const found = values.find((v) => v === value);
    if (found === undefined) throw new DecodeError(`${at} is not one of ${values.join(', ')}`);
    return found;
  };

export const either =
  <A, B>(first: Reader<A>, second: Reader<B>): Reader<A | B> =>
  (value, at) => {
    try {
      return first(value, at);
    } catch {
      return second(value, at);
    }
  };

export const list =
  <T>(item: Reader<T>): Reader<T[]> =>
  (value, at) => {
    if (!Array.isArray(value)) throw new DecodeError(`${at} is not a list`);
    return value.map((v: unknown, i) => item(v, `${at}[${i}]`));
  };

const entriesOf = (value: unknown, at: string): [string, unknown][] => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new DecodeError(`${at} is not an object`);
  return Object.entries(value);
};

/** An object of any keys, each value read by `item`. */
export const dictionary =
  <T>(item: Reader<T>): Reader<Record<string, T>> =>
  (value, at) =>
    Object.fromEntries(entriesOf(value, at).map(([key, v]) => [key, item(v, `${at}.${key}`)]));

type Readers = Record<string, Reader<unknown>>;
type Read<R extends Readers> = { [K in keyof R]: R[K] extends Reader<infer T> ? T : never };

/** An object with the `required` fields and those of the `optional` that it has; other fields are left out. */
export const struct =
  <Req extends Readers, Opt extends Readers = Record<never, never>>(required: Req, optional?: Opt): Reader<Read<Req> & Partial<Read<Opt>>> =>
  (value, at) => {
    const fields = new Map(entriesOf(value, at));
    const read: Record<string, unknown> = {};
    for (const [key, reader] of Object.entries(required)) read[key] = reader(fields.get(key), `${at}.${key}`);
    for (const [key, reader] of Object.entries(optional ?? {})) {
      if (fields.get(key) !== undefined) read[key] = reader(fields.get(key), `${at}.${key}`);
    }
    // Each field was read by the reader its type names.
    return read as Read<Req> & Partial<Read<Opt>>;
  };
