import type { Request } from 'express';
import type { Page } from '../data/db';

/** The validator has checked every query parameter against openapi.yaml (and coerced numbers); these only pick them out. */
export const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

export const pageOf = (req: Request): Page => ({
  limit: Number(req.query.limit ?? 50),
  offset: Number(req.query.offset ?? 0),
});

export const idParam = (req: Request): string => String(req.params.id);
