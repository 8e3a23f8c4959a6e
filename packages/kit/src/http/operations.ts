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

type Form<C> = C extends { 'multipart/form-data': infer F } ? Omit<F, 'file'> : never;
/** The text fields of an operation's `multipart/form-data` body, without its file (the kit's reader puts that on `req.file`). */
export type FormFieldsOf<Op> = Op extends { requestBody: { content: infer C } } ? Form<C> : never;

/**
 * The form's text fields the validator has already checked (objects parsed from their JSON), typed by the operation's
 * multipart schema: `const formOf = requestForms<operations>(); formOf(req, 'importValues').mapping`.
 */
export function requestForms<Operations>() {
  return <K extends keyof Operations>(req: Request, _operationId: K): FormFieldsOf<Operations[K]> => {
    const { file: _file, ...fields } = req.body;
    return fields;
  };
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
