import type { Request } from 'express';

type Json<C> = C extends { 'application/json': infer B } ? B : never;

/** The JSON request body of an operation, as openapi-typescript generates it from the service's document. */
export type RequestBodyOf<Op> = Op extends { requestBody: { content: infer C } }
  ? Json<C>
  : Op extends { requestBody?: { content: infer C } }
    ? Json<C> | undefined
    : never;

/**
 * The request body the OpenAPI validator has already checked, typed by its operation in the document instead of
 * a cast: `const bodyOf = requestBodies<operations>(); bodyOf(req, 'createMeasure')`.
 */
export function requestBodies<Operations>() {
  return <K extends keyof Operations>(req: Request, _operationId: K): RequestBodyOf<Operations[K]> => req.body;
}

/** The query parameters of an operation, as openapi-typescript generates them from the service's document. */
export type QueryOf<Op> = Op extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;

/**
 * The query the validator has already checked (and coerced: numbers, booleans, lists), typed by its operation:
 * `const queryOf = requestQueries<operations>(); queryOf(req, 'exportOverview').format`.
 */
export function requestQueries<Operations>() {
  return <K extends keyof Operations>(req: Request, _operationId: K): QueryOf<Operations[K]> => req.query as QueryOf<Operations[K]>;
}

/** A path parameter of the matched route (the validator has checked its format). */
export const pathParam = (req: Request, name: string): string => String(req.params[name]);
