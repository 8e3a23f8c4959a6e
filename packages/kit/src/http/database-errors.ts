import { AppError } from '../errors';

/** A PostgreSQL error as node-postgres raises it: a five-character SQLSTATE and a severity. */
const sqlState = (error: unknown): string | undefined => {
  if (typeof error !== 'object' || error === null || !('severity' in error)) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
};

/**
 * PostgreSQL refusals that only input can cause, as the client's problem: data exceptions (class 22: out
 * of range, malformed, unstorable characters), integrity violations (23) and program limits (54). Never
 * with the database's message, which names tables and values; undefined for every other error.
 */
export function databaseInputError(error: unknown): AppError | undefined {
  const code = sqlState(error);
  if (!code) return undefined;
  const problem = (status: number, title: string, detail: string) => new AppError({ status, title, detail, extensions: { sqlState: code }, cause: error });
  if (code === '23505') return problem(409, 'Conflict', 'The request conflicts with something that exists already.');
  if (code === '23503') return problem(422, 'Unprocessable Content', 'The request refers to something that does not exist, or removes something still in use.');
  switch (code.slice(0, 2)) {
    case '22':
      return problem(400, 'Bad Request', 'A value in the request cannot be stored: it is out of range, too long or not valid for its kind.');
    case '23':
      return problem(422, 'Unprocessable Content', 'The request breaks a rule of the stored data.');
    case '54':
      return problem(422, 'Unprocessable Content', 'The request is too large or too complex to be processed; ask for less at once.');
    default:
      return undefined;
  }
}
