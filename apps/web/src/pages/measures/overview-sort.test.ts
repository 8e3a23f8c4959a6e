import { describe, expect, it } from 'vitest';
import type { MeasureSummary } from './measure-queries';
import { nextSort, sortMeasures } from './overview-sort';

const measure = (id: string, change: Partial<MeasureSummary>): MeasureSummary => ({
  id,
  title: id,
  cycleId: null,
  spaces: ['STGT08'],
  targetGroups: [],
  department: 'soziales',
  budget: { planned: null, approved: null, spent: null, fundingSource: null },
  startsOn: null,
  endsOn: null,
  status: 'in-progress',
  allowedTransitions: [],
  progress: 0,
  progressSource: 'none',
  trafficLight: null,
  lastReportOn: null,
  reportMissing: false,
  overdueMilestones: 0,
  version: 1,
  ...change,
});

const ids = (items: MeasureSummary[]) => items.map((m) => m.id);

describe('sorting the overview table', () => {
  const items = [
    measure('Übergang', { budget: { planned: 5000, approved: null, spent: null, fundingSource: null }, status: 'approved', trafficLight: 'red' }),
    measure('arbeit', { budget: { planned: null, approved: null, spent: null, fundingSource: null }, status: 'proposed' }),
    measure('Zuhause', { budget: { planned: 20000, approved: null, spent: null, fundingSource: null }, status: 'completed', trafficLight: 'green' }),
  ];

  it('when no column is chosen, then the service order (most urgent first) stays', () => {
    expect(ids(sortMeasures(items, undefined))).toEqual(['Übergang', 'arbeit', 'Zuhause']);
  });

  it('when sorted by title, then German order applies (umlauts, case)', () => {
    expect(ids(sortMeasures(items, 'title'))).toEqual(['arbeit', 'Übergang', 'Zuhause']);
    expect(ids(sortMeasures(items, '-title'))).toEqual(['Zuhause', 'Übergang', 'arbeit']);
  });

  it('when sorted by a budget, then measures without one come last either way', () => {
    expect(ids(sortMeasures(items, 'planned'))).toEqual(['Übergang', 'Zuhause', 'arbeit']);
    expect(ids(sortMeasures(items, '-planned'))).toEqual(['Zuhause', 'Übergang', 'arbeit']);
  });

  it('when sorted by status or traffic light, then by the life of a measure and by severity', () => {
    expect(ids(sortMeasures(items, 'status'))).toEqual(['arbeit', 'Übergang', 'Zuhause']);
    expect(ids(sortMeasures(items, '-trafficLight'))).toEqual(['Übergang', 'Zuhause', 'arbeit']);
  });

  it('when a heading is clicked, then text sorts ascending and figures descending first, and a second click turns it round', () => {
    expect(nextSort(undefined, 'title')).toBe('title');
    expect(nextSort('title', 'title')).toBe('-title');
    expect(nextSort(undefined, 'planned')).toBe('-planned');
    expect(nextSort('-planned', 'planned')).toBe('planned');
    expect(nextSort('-planned', 'title')).toBe('title');
  });
});
