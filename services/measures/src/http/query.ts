import { requestBodies, requestQueries } from '@sozialraum/kit';
import type { Request } from 'express';
import type { TrafficLight } from '../domain/measure';
import type { MeasureStatus } from '@sozialraum/contracts';
import type { operations } from '../generated/api';
import type { FilterInput } from '../use-cases/measure-filter';
import type { Page } from '../use-cases/measures';

/** The request body of an operation, as the validator has checked it against openapi.yaml. */
export const bodyOf = requestBodies<operations>();
/** The query of an operation, as the validator has checked it. */
export const queryOf = requestQueries<operations>();

/** The validator has checked every parameter against openapi.yaml (and coerced numbers); these pick them out. */
export const text = (req: Request, name: string): string | undefined => {
  const value = req.query[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
};

export const integer = (req: Request, name: string): number | undefined => {
  const value = req.query[name];
  return value === undefined ? undefined : Number(value);
};

/** A comma-separated list parameter (style form, explode false), which the validator has split into an array. */
export const list = (req: Request, name: string): string[] | undefined => {
  const value = req.query[name] as unknown;
  if (value === undefined) return undefined;
  return Array.isArray(value) ? value.map(String) : String(value).split(',');
};

export const flag = (req: Request, name: string): boolean => {
  const value = req.query[name] as unknown;
  return value === true || value === 'true';
};

export { pathParam } from '@sozialraum/kit';

export function measureFilter(req: Request): FilterInput {
  const filter: FilterInput = {};
  const cycle = text(req, 'cycle');
  const spaces = list(req, 'space');
  const departments = list(req, 'department');
  const statuses = list(req, 'status') as MeasureStatus[] | undefined;
  const trafficLights = list(req, 'trafficLight') as TrafficLight[] | undefined;
  const targetGroups = list(req, 'targetGroup');
  if (cycle) filter.cycle = cycle;
  if (spaces) filter.spaces = spaces;
  if (flag(req, 'mySpaces')) filter.mySpaces = true;
  if (departments) filter.departments = departments;
  if (statuses) filter.statuses = statuses;
  if (trafficLights) filter.trafficLights = trafficLights;
  if (targetGroups) filter.targetGroups = targetGroups;
  return filter;
}

export const page = (req: Request): Page => ({ limit: integer(req, 'limit') ?? 50, offset: integer(req, 'offset') ?? 0 });
