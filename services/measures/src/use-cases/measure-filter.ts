import { type Principal, problems } from '@sozialraum/kit';
import { readScope } from '../domain/access';
import type { MeasureFilter } from '../data/overview.repository';

/** The filters of the list, the overview and the export as asked, before the caller's read scope applies. */
export interface FilterInput extends Omit<MeasureFilter, 'scope' | 'ids'> {
  /** Only the spaces the caller coordinates (their /coordination/<code> groups). */
  mySpaces?: boolean;
}

/**
 * The filter narrowed to what the caller may read. `mySpaces` becomes the caller's own spaces (with `space`,
 * the spaces in both). Someone who coordinates no space is told so rather than shown an empty list that
 * would read as "no measures".
 */
export function scoped(principal: Principal, input: FilterInput): MeasureFilter {
  const { mySpaces, ...filter } = input;
  const result: MeasureFilter = { ...filter, scope: readScope(principal) };
  if (!mySpaces) return result;
  if (principal.spaces.length === 0) {
    throw problems.unprocessable('You coordinate no social space (your login has no /coordination/<space> group), so "my spaces" is empty; leave mySpaces out.', [
      { pointer: '/query/mySpaces', detail: 'you coordinate no space' },
    ]);
  }
  const own = [...principal.spaces].sort();
  result.spaces = filter.spaces ? own.filter((code) => filter.spaces?.includes(code)) : own;
  return result;
}
