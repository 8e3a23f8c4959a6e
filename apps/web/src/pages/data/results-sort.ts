import { collator } from '../../lib/format';
import type { IndexResult } from './data-queries';

export type ResultSortKey = 'space' | 'statusIndex' | 'statusClass' | 'dynamicsIndex' | 'dynamicsClass' | 'combinedGroup';
export interface ResultOrder {
  key: ResultSortKey;
  descending: boolean;
}

const value = (r: IndexResult, key: Exclude<ResultSortKey, 'space'>): number | null | undefined => r[key];

/**
 * The results in the chosen order; spaces without a value (not scored) always last, whatever the direction,
 * and ties by space name.
 */
export function sortResults(items: IndexResult[], order: ResultOrder): IndexResult[] {
  const name = (r: IndexResult) => r.spaceName ?? r.spaceCode;
  const byName = (a: IndexResult, b: IndexResult) => collator.compare(name(a), name(b));
  return [...items].sort((a, b) => {
    if (order.key === 'space') return (order.descending ? -1 : 1) * byName(a, b);
    const x = value(a, order.key);
    const y = value(b, order.key);
    if (x === null || x === undefined) return y === null || y === undefined ? byName(a, b) : 1;
    if (y === null || y === undefined) return -1;
    return (order.descending ? y - x : x - y) || byName(a, b);
  });
}

/** A click on a column: that column ascending, on the same column again the other way. */
export const nextOrder = (current: ResultOrder, key: ResultSortKey): ResultOrder => (current.key === key ? { key, descending: !current.descending } : { key, descending: false });
