import { describe, expect, it } from 'vitest';
import type { IndexResult } from './data-queries';
import { jobProgress } from './job-progress';
import { nextOrder, sortResults } from './results-sort';

const result = (spaceName: string, change: Partial<IndexResult>): IndexResult => ({ spaceCode: spaceName, spaceName, period: '2022', ...change });
const names = (items: IndexResult[]) => items.map((r) => r.spaceName);

describe('sorting the results per space', () => {
  const items = [
    result('13 Tarup', { statusIndex: 0.5, statusClass: 2 }),
    result('02 Neustadt', { statusIndex: 2.1, statusClass: 4 }),
    result('05 Fruerlund', { statusIndex: null, statusClass: null, excluded: 'too few residents' }),
    result('01 Altstadt', { statusIndex: -0.05, statusClass: 2 }),
  ];

  it('sorts by a number either way, spaces without a value last both times', () => {
    expect(names(sortResults(items, { key: 'statusIndex', descending: false }))).toEqual(['01 Altstadt', '13 Tarup', '02 Neustadt', '05 Fruerlund']);
    expect(names(sortResults(items, { key: 'statusIndex', descending: true }))).toEqual(['02 Neustadt', '13 Tarup', '01 Altstadt', '05 Fruerlund']);
  });

  it('breaks ties by the space name, and sorts names as German readers expect (numbers by value)', () => {
    expect(names(sortResults(items, { key: 'statusClass', descending: false }))).toEqual(['01 Altstadt', '13 Tarup', '02 Neustadt', '05 Fruerlund']);
    expect(names(sortResults(items, { key: 'space', descending: false }))).toEqual(['01 Altstadt', '02 Neustadt', '05 Fruerlund', '13 Tarup']);
    expect(names(sortResults(items, { key: 'space', descending: true }))).toEqual(['13 Tarup', '05 Fruerlund', '02 Neustadt', '01 Altstadt']);
  });

  it('turns the order on a second click on the same column, and starts ascending on another', () => {
    expect(nextOrder({ key: 'space', descending: false }, 'space')).toEqual({ key: 'space', descending: true });
    expect(nextOrder({ key: 'space', descending: true }, 'statusIndex')).toEqual({ key: 'statusIndex', descending: false });
  });
});

describe('the progress of a recomputation', () => {
  it('goes from the queue to computing to done in three steps, and says when it failed', () => {
    expect(['waiting', 'active', 'completed'].map((s) => jobProgress(s).step)).toEqual([1, 2, 3]);
    expect(jobProgress('prioritized')).toMatchObject({ step: 1, finished: false });
    expect(jobProgress('completed')).toMatchObject({ finished: true, failed: false });
    expect(jobProgress('failed')).toMatchObject({ finished: true, failed: true, text: 'Die Neuberechnung ist fehlgeschlagen.' });
  });
});
