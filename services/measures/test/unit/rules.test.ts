import { csvCell, csvLine, GERMAN_EXCEL } from '../../src/domain/csv';
import { movedAsExpected, observe } from '../../src/domain/evaluation';
import { cityToday } from '@sozialraum/contracts';
import { checkPeriod, checkReportDate } from '../../src/domain/measure';
import { progressOf } from '../../src/domain/progress';

describe('progress', () => {
  test('when a measure has milestones, then progress is the rounded share done, whatever the reports say', () => {
    expect(progressOf({ milestonesTotal: 3, milestonesDone: 1, reportedProgress: 90 })).toEqual({ progress: 33, source: 'milestones' });
    expect(progressOf({ milestonesTotal: 3, milestonesDone: 2, reportedProgress: null })).toEqual({ progress: 67, source: 'milestones' });
    expect(progressOf({ milestonesTotal: 2, milestonesDone: 2, reportedProgress: 10 })).toEqual({ progress: 100, source: 'milestones' });
  });

  test('when there are no milestones, then the latest report’s progress; without reports, 0', () => {
    expect(progressOf({ milestonesTotal: 0, milestonesDone: 0, reportedProgress: 45 })).toEqual({ progress: 45, source: 'report' });
    expect(progressOf({ milestonesTotal: 0, milestonesDone: 0, reportedProgress: null })).toEqual({ progress: 0, source: 'none' });
  });
});

describe('evaluation', () => {
  test('when a value moves in the expected direction, then it is as expected; no change is not; an unknown change stays unknown', () => {
    expect(movedAsExpected('down', -1.5)).toBe(true);
    expect(movedAsExpected('down', 0)).toBe(false);
    expect(movedAsExpected('up', 2)).toBe(true);
    expect(movedAsExpected('up', -2)).toBe(false);
    expect(movedAsExpected('up', null)).toBeNull();
  });

  test('when the spaces agree, disagree or are unknown, then the verdict is as-expected, against, mixed or unknown', () => {
    const space = (spaceCode: string, change: number | null) => ({ spaceCode, from: null, to: null, change });
    expect(observe('alq', 'down', [space('A', -1), space('B', null)]).verdict).toBe('as-expected');
    expect(observe('alq', 'down', [space('A', 1), space('B', 0)]).verdict).toBe('against');
    expect(observe('alq', 'down', [space('A', -1), space('B', 1)]).verdict).toBe('mixed');
    expect(observe('alq', 'down', [space('A', null)]).verdict).toBe('unknown');
    expect(observe('alq', 'up', []).verdict).toBe('unknown');
    expect(observe('alq', 'up', [space('A', 3)]).spaces).toEqual([{ spaceCode: 'A', from: null, to: null, change: 3, asExpected: true }]);
  });
});

describe('measure rules', () => {
  test('when a measure ends before it starts, then endsOn is named; open ends are fine', () => {
    expect(checkPeriod('2025-02-01', '2025-01-31')).toEqual([{ pointer: '/body/endsOn', detail: 'ends before it starts (2025-01-31 < 2025-02-01)' }]);
    expect(checkPeriod('2025-02-01', '2025-02-01')).toEqual([]);
    expect(checkPeriod(null, '2025-01-31')).toEqual([]);
    expect(checkPeriod('2025-02-01', undefined)).toEqual([]);
  });

  test('when a report is dated after today, then its date is named', () => {
    expect(checkReportDate('2025-06-02', '2025-06-01')).toHaveLength(1);
    expect(checkReportDate('2025-06-01', '2025-06-01')).toEqual([]);
    // The city's day: 23:30 UTC on 5 January is already the 6th in Berlin (UTC+1), 22:30 UTC is not.
    expect(cityToday(new Date(Date.UTC(2025, 0, 5, 23, 30)))).toBe('2025-01-06');
    expect(cityToday(new Date(Date.UTC(2025, 0, 5, 22, 30)))).toBe('2025-01-05');
  });
});

describe('CSV', () => {
  test('when a cell has a comma, a quote or a line break, then it is quoted and quotes are doubled', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('sagt "ja"')).toBe('"sagt ""ja"""');
    expect(csvCell('zwei\nZeilen')).toBe('"zwei\nZeilen"');
    expect(csvLine(['x', 1, true, null, undefined])).toBe('x,1,true,,\r\n');
  });

  test('when a text would run as a spreadsheet formula, then it gets an apostrophe; negative numbers stay numbers', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvCell('+49 461')).toBe("'+49 461");
    expect(csvCell('@home')).toBe("'@home");
    expect(csvCell(-5)).toBe('-5');
  });

  test('when written for German Excel, then semicolons separate, a semicolon is quoted, a comma is not, and decimals get a comma', () => {
    expect(csvLine(['a;b', 'c,d', 1234.5, -0.25, null], GERMAN_EXCEL)).toBe('"a;b";c,d;1234,5;-0,25;\r\n');
    expect(csvCell('=1+1', GERMAN_EXCEL)).toBe("'=1+1");
    expect(csvCell('a;b')).toBe('a;b');
  });
});
