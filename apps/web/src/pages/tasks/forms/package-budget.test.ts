import { describe, expect, it } from 'vitest';
import { budgetByDepartment } from './package-budget';
import type { ContextMeasure } from './task-context';

const measure = (department: string, budgetPlanned?: number): ContextMeasure => ({ measureId: `${department}-${budgetPlanned}`, department, title: 't', description: 'd', needKey: 'n', budgetPlanned });

describe('the package budget per department', () => {
  const measures = [measure('soziales', 25_000), measure('jugend', 18_000), measure('soziales', 5_000), measure('jugend')];

  it('sums the planned budget per department in the order they first appear, and in total; a measure without budget counts 0', () => {
    const { rows, total } = budgetByDepartment(measures);
    expect(rows).toEqual([
      ['soziales', { count: 2, planned: 30_000, approved: 0 }],
      ['jugend', { count: 2, planned: 18_000, approved: 0 }],
    ]);
    expect(total).toEqual({ count: 4, planned: 48_000, approved: 0 });
  });

  it('sums what is marked for approval apart', () => {
    const { rows, total } = budgetByDepartment(measures, [true, false, false, true]);
    expect(rows.map(([, r]) => r.approved)).toEqual([25_000, 0]);
    expect(total.approved).toBe(25_000);
  });
});
