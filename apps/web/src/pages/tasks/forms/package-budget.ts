import type { ContextMeasure } from './task-context';

export interface BudgetRow {
  count: number;
  planned: number;
  /** Planned budget of the measures marked for approval. */
  approved: number;
}

/**
 * The package's planned budget per department (in the order departments first appear) and in total, and how
 * much of it is marked for approval (`approve[i]` for measure i). A measure without a budget counts 0.
 */
export function budgetByDepartment(measures: ContextMeasure[], approve: boolean[] = []): { rows: Array<[string, BudgetRow]>; total: BudgetRow } {
  const rows = new Map<string, BudgetRow>();
  const total: BudgetRow = { count: 0, planned: 0, approved: 0 };
  measures.forEach((m, i) => {
    const row = rows.get(m.department) ?? { count: 0, planned: 0, approved: 0 };
    for (const sum of [row, total]) {
      sum.count += 1;
      sum.planned += m.budgetPlanned ?? 0;
      if (approve[i]) sum.approved += m.budgetPlanned ?? 0;
    }
    rows.set(m.department, row);
  });
  return { rows: [...rows], total };
}
