import { PHASE_LABELS, PHASES, type Phase } from '@sozialraum/contracts/browser';
import { collator } from '../../lib/format';
import type { CycleSummary } from './cycle-queries';

export type ColumnKey = Phase | 'completed' | 'cancelled';

export interface BoardColumn {
  key: ColumnKey;
  label: string;
  cycles: CycleSummary[];
}

/**
 * The board's columns: every phase in its order with the cycles that are in it (running or suspended), and,
 * when asked for, the completed and the cancelled cycles in two columns of their own. Within a column the
 * cycles are ordered by the name of their space, then by number (newest first).
 */
export function boardColumns(cycles: CycleSummary[], options: { closed: boolean; spaceName: (code: string) => string }): BoardColumn[] {
  const order = (a: CycleSummary, b: CycleSummary) => collator.compare(options.spaceName(a.spaceCode), options.spaceName(b.spaceCode)) || b.number - a.number;
  const active = cycles.filter((c) => c.status === 'running' || c.status === 'suspended');
  const columns: BoardColumn[] = PHASES.map((phase) => ({ key: phase, label: PHASE_LABELS[phase], cycles: active.filter((c) => c.phase === phase).sort(order) }));
  if (options.closed) {
    columns.push({ key: 'completed', label: 'Abgeschlossen', cycles: cycles.filter((c) => c.status === 'completed').sort(order) });
    columns.push({ key: 'cancelled', label: 'Abgebrochen', cycles: cycles.filter((c) => c.status === 'cancelled').sort(order) });
  }
  return columns;
}

/** The cycles of the spaces below one parent space (a district); all cycles without one. */
export function inDistrict(cycles: CycleSummary[], spaces: Array<{ code: string; parentCode?: string | null }>, district: string | undefined): CycleSummary[] {
  if (!district) return cycles;
  const codes = new Set(spaces.filter((s) => s.parentCode === district).map((s) => s.code));
  return cycles.filter((c) => codes.has(c.spaceCode));
}

/** "Keine offene Aufgabe", "1 offene Aufgabe", "3 offene Aufgaben". */
export function openTasksText(open: number): string {
  if (open === 0) return 'Keine offene Aufgabe';
  return `${open} ${open === 1 ? 'offene Aufgabe' : 'offene Aufgaben'}`;
}

/** "davon 1 überfällig", or nothing when none is. */
export const overdueText = (overdue: number): string | undefined => (overdue > 0 ? `davon ${overdue} überfällig` : undefined);
