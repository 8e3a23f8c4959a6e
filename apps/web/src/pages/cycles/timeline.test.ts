import { describe, expect, it } from 'vitest';
import type { CycleDetail, Task } from '../tasks/task-queries';
import { makeCycle } from '../tasks/forms/testing';
import { buildTimeline } from './timeline';

const task = (key: string, change: Partial<Task>): Task => ({
  id: `cycle-STGT08-1/${key}`,
  cycleId: 'cycle-STGT08-1',
  key,
  type: 'review-analysis',
  label: 'Analyse prüfen und abschließen',
  phase: 'analysis',
  spaceCode: 'STGT08',
  candidateGroups: ['role:planner'],
  department: null,
  measureIds: [],
  assignee: null,
  status: 'open',
  priority: 2,
  createdAt: '2026-11-01T10:00:01Z',
  dueAt: '2026-11-15T10:00:00Z',
  followUpAt: null,
  escalationLevel: 0,
  context: {},
  result: null,
  completedBy: null,
  completedAt: null,
  ...change,
});

const cycle = (change: Partial<CycleDetail>): CycleDetail =>
  makeCycle({
    id: 'cycle-STGT08-1',
    spaceCode: 'STGT08',
    number: 1,
    status: 'running',
    phase: 'participation',
    phaseLabel: 'Beteiligung',
    alertId: 7,
    startedBy: 'Paula Planer',
    startedAt: '2026-11-01T10:00:00Z',
    finishedAt: null,
    statusReason: null,
    departments: [],
    phases: [
      { phase: 'analysis', label: 'Analyse', startedAt: '2026-11-01T10:00:00Z', endedAt: '2026-11-02T09:00:00Z' },
      { phase: 'participation', label: 'Beteiligung', startedAt: '2026-11-02T09:00:00Z', endedAt: null },
    ],
    ...change,
  });

const texts = (entries: ReturnType<typeof buildTimeline>) => entries.map((e) => e.text);

describe('the cycle timeline', () => {
  it('orders start, phases and tasks by time; at the same moment the completion that ends a phase, then the next phase, then its task', () => {
    const analysis = task('analysis', { status: 'completed', completedAt: '2026-11-02T09:00:00Z', completedBy: 'Paula Planer' });
    const participation = task('participation-1', {
      type: 'document-participation',
      phase: 'participation',
      candidateGroups: ['group:/coordination/STGT08'],
      createdAt: '2026-11-02T09:00:00Z',
    });
    const entries = buildTimeline(cycle({ openTasks: [participation] }), [analysis]);
    expect(texts(entries)).toEqual([
      'Zyklus gestartet',
      'Phase „Analyse“ begonnen',
      'Aufgabe „Analyse prüfen und abschließen“ gestellt',
      'Aufgabe „Analyse prüfen und abschließen“ erledigt',
      'Phase „Beteiligung“ begonnen',
      'Aufgabe „Beteiligung dokumentieren“ gestellt',
    ]);
    expect(entries[0]!.detail).toBe('von Paula Planer, aus der Warnung Nr. 7 des Monitorings');
    expect(entries[2]!.detail).toBe('an Sozialplanung');
    expect(entries[3]).toMatchObject({ detail: 'von Paula Planer', taskId: analysis.id });
    expect(entries[5]!.detail).toBe('an Quartierskoordination STGT08');
  });

  it('lists a task once though it comes both as open and in the closed list, and marks a dropped one', () => {
    const dropped = task('analysis', { status: 'cancelled' });
    const entries = buildTimeline(cycle({ openTasks: [task('analysis', {})] }), [dropped]);
    expect(entries.filter((e) => e.kind === 'task-created')).toHaveLength(1);
  });

  it('ends with the cancellation and its reason', () => {
    const entries = buildTimeline(cycle({ status: 'cancelled', finishedAt: '2026-11-03T12:00:00Z', statusReason: 'Doppelt angelegt' }), []);
    expect(entries.at(-1)).toMatchObject({ kind: 'cycle-cancelled', text: 'Zyklus abgebrochen', detail: 'Grund: Doppelt angelegt' });
  });
});
