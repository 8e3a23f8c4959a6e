import { gapItems, indicatorPressure, type ProfileIndicator, pressureByGroup } from '../../src/domain/gaps';

const indicator = (key: string, polarity: ProfileIndicator['polarity'], points: Array<[string, number | null, number | null, boolean?]>): ProfileIndicator => ({
  key,
  name: key,
  polarity,
  points: points.map(([period, value, cityMean, suppressed]) => ({ period, value: { value, suppressed: suppressed ?? false }, cityMean })),
});

describe('indicator pressure', () => {
  test('when the latest value is worse than the city mean by polarity, then the indicator presses', () => {
    expect(indicatorPressure(indicator('alq', 'higher-is-worse', [['2023', 9, 6], ['2022', 3, 6]]))).toMatchObject({ period: '2023', value: 9, cityMean: 6 });
    expect(indicatorPressure(indicator('alq', 'higher-is-worse', [['2022', 9, 6], ['2023', 3, 6]]))).toBeUndefined();
    expect(indicatorPressure(indicator('quote', 'higher-is-better', [['2023', 2, 6]]))).toMatchObject({ polarity: 'higher-is-better' });
    expect(indicatorPressure(indicator('quote', 'higher-is-better', [['2023', 6, 6]]))).toBeUndefined();
    expect(indicatorPressure(indicator('n', 'neutral', [['2023', 100, 1]]))).toBeUndefined();
  });

  test('when the latest value is suppressed or has no mean, then the latest visible one counts', () => {
    expect(indicatorPressure(indicator('alq', 'higher-is-worse', [['2022', 9, 6], ['2023', null, 6, true]]))).toMatchObject({ period: '2022' });
    expect(indicatorPressure(indicator('alq', 'higher-is-worse', [['2023', null, null, true]]))).toBeUndefined();
  });
});

describe('gaps', () => {
  const groupsOf = new Map([
    ['alq', ['job-seeking', 'poor']],
    ['kinder', ['children']],
    ['zuzug', ['refugees']],
  ]);

  test('when indicators press and alerts are open, then their target groups are under pressure; index alerts concern every group of the space', () => {
    const pressure = pressureByGroup(
      [indicator('alq', 'higher-is-worse', [['2023', 9, 6]]), indicator('kinder', 'higher-is-worse', [['2023', 1, 6]])],
      groupsOf,
      [
        { id: 1, ruleKey: 'above-mean', message: 'Zuzug', status: 'open', indicatorKey: 'zuzug' },
        { id: 2, ruleKey: 'status-class-4', message: 'Sehr niedriger Status', status: 'open', indicatorKey: null },
        { id: 3, ruleKey: 'above-mean', message: 'erledigt', status: 'acknowledged', indicatorKey: 'kinder' },
      ],
    );
    expect([...pressure.keys()].sort()).toEqual(['children', 'job-seeking', 'poor', 'refugees']);
    expect(pressure.get('poor')).toMatchObject({ pressure: [{ indicatorKey: 'alq' }], alerts: [{ id: 2 }] });
    expect(pressure.get('children')).toMatchObject({ pressure: [], alerts: [{ id: 2 }] });
    expect(pressure.get('refugees')?.alerts.map((a) => a.id)).toEqual([1]);
  });

  test('when a group has neither an offer nor an open measure, then it is a gap, listed first', () => {
    const pressure = pressureByGroup([indicator('alq', 'higher-is-worse', [['2023', 9, 6]])], groupsOf, []);
    const items = gapItems(pressure, (group) => (group === 'job-seeking' ? { offers: 1, measures: 0 } : { offers: 0, measures: 0 }));
    expect(items.map((i) => [i.targetGroup, i.gap])).toEqual([['poor', true], ['job-seeking', false]]);
  });
});
