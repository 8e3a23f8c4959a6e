import { pathParam, requestBodies, requestQueries } from '@sozialraum/kit';
import type { Request } from 'express';
import type { operations } from '../generated/api';
import type { Page } from '../use-cases/tasks';

/** The request body of an operation, as the validator has checked it against openapi.yaml. */
export const bodyOf = requestBodies<operations>();
/** The query of an operation, as the validator has checked (and coerced) it. */
export const queryOf = requestQueries<operations>();

/** The validator has checked every query parameter against openapi.yaml (and coerced numbers); these only pick them out. */
export function text<T extends string>(value: T | undefined): T | undefined;
export function text(value: unknown): string | undefined;
export function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export const pageOf = (req: Request): Page => ({
  limit: Number(req.query.limit ?? 50),
  offset: Number(req.query.offset ?? 0),
});

export const idParam = (req: Request): string => pathParam(req, 'id');
