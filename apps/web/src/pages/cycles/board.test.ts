import { describe, expect, it } from 'vitest';
import { boardColumns, inDistrict, openTasksText, overdueText } from './board';
import type { CycleSummary } from './cycle-queries';

const cycle = (id: string, change: Partial<CycleSummary>): CycleSummary => ({
  id,
  spaceCode: 'STGT01',
  number: 1,
  status: 'running',
  phase: 'analysis',
  phaseLabel: 'Analyse',
  alertId: null,
  startedBy: 'Paula Planer',
  startedAt: '2026-11-01T10:00:00Z',
  finishedAt: null,
  statusReason: null,
  departments: [],
  taskCounts: { open: 1, overdue: 0 },
  ...change,
});

const names: Record<string, string> = { STGT01: '01 Altstadt', STGT02: '02 Neustadt', STGT13: '13 Tarup', STGT08: '08 Sandberg' };
const spaceName = (code: string) => names[code] ?? code;
const ids = (cycles: CycleSummary[]) => cycles.map((c) => c.id);

describe('the board by phase', () => {
  const cycles = [
    cycle('tarup', { spaceCode: 'STGT13', phase: 'measure-development' }),
    cycle('neustadt', { spaceCode: 'STGT02' }),
    cycle('altstadt-paused', { spaceCode: 'STGT01', status: 'suspended' }),
    cycle('sandberg-1', { spaceCode: 'STGT08', status: 'completed', phase: 'reflection' }),
    cycle('sandberg-2', { spaceCode: 'STGT08', number: 2, status: 'cancelled', phase: 'participation' }),
  ];

  it('puts running and suspended cycles into the column of their phase, all seven phases in order, ordered by space name', () => {
    const columns = boardColumns(cycles, { closed: false, spaceName });
    expect(columns.map((c) => c.label)).toEqual(['Analyse', 'Beteiligung', 'Ziele und Handlungsbedarfe', 'Maßnahmenentwicklung', 'Entscheidung', 'Umsetzung', 'Reflexion']);
    expect(ids(columns[0]!.cycles)).toEqual(['altstadt-paused', 'neustadt']);
    expect(ids(columns[3]!.cycles)).toEqual(['tarup']);
    // A cancelled cycle stays out of its last phase's column, and so does a completed one.
    expect(ids(columns[1]!.cycles)).toEqual([]);
    expect(ids(columns[6]!.cycles)).toEqual([]);
  });

  it('adds the completed and the cancelled cycles in columns of their own when asked for', () => {
    const columns = boardColumns(cycles, { closed: true, spaceName });
    expect(columns.slice(-2).map((c) => [c.label, ids(c.cycles)])).toEqual([
      ['Abgeschlossen', ['sandberg-1']],
      ['Abgebrochen', ['sandberg-2']],
    ]);
  });

  it('keeps the cycles of one district: the spaces whose parent it is', () => {
    const spaces = [
      { code: 'STGT01', parentCode: 'NORD' },
      { code: 'STGT02', parentCode: 'SUED' },
      { code: 'STGT13', parentCode: 'NORD' },
    ];
    expect(ids(inDistrict(cycles, spaces, 'NORD'))).toEqual(['tarup', 'altstadt-paused']);
    expect(inDistrict(cycles, spaces, undefined)).toHaveLength(cycles.length);
  });

  it('says how many tasks are open and overdue in words', () => {
    expect(openTasksText(0)).toBe('Keine offene Aufgabe');
    expect(openTasksText(1)).toBe('1 offene Aufgabe');
    expect(openTasksText(4)).toBe('4 offene Aufgaben');
    expect(overdueText(0)).toBeUndefined();
    expect(overdueText(2)).toBe('davon 2 überfällig');
  });
});
