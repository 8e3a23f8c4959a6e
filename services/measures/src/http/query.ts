import type { Request } from 'express';
import type { MeasureFilter, Page } from '../data/overview.repository';

/** The validator has checked every parameter against openapi.yaml (and coerced numbers); these pick them out. */
export const text = (req: Request, name: string): string | undefined => {
  const value = req.query[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
};

export const integer = (req: Request, name: string): number | undefined => {
  const value = req.query[name];
  return value === undefined ? undefined : Number(value);
};

export const pathParam = (req: Request, name: string): string => (req.params as Record<string, string>)[name] as string;

export function measureFilter(req: Request): Omit<MeasureFilter, 'scope'> {
  const filter: Omit<MeasureFilter, 'scope'> = {};
  const cycle = text(req, 'cycle');
  const space = text(req, 'space');
  const department = text(req, 'department');
  const status = text(req, 'status') as MeasureFilter['status'];
  const trafficLight = text(req, 'trafficLight') as MeasureFilter['trafficLight'];
  if (cycle) filter.cycle = cycle;
  if (space) filter.space = space;
  if (department) filter.department = department;
  if (status) filter.status = status;
  if (trafficLight) filter.trafficLight = trafficLight;
  return filter;
}

export const page = (req: Request): Page => ({ limit: integer(req, 'limit') ?? 50, offset: integer(req, 'offset') ?? 0 });
