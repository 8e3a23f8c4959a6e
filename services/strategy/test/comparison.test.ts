import { compareGoals, latestReading, type SpaceProfile } from '@sozialraum/contracts';

const point = (period: string, value: number) => ({ period, value: { value, suppressed: false } });
/** A space's profile as monitoring answers it: the later call has a newer period. */
const profileFor = (code: string, call: number): SpaceProfile => ({
  space: { code },
  indicators: [
    { key: 'unemployment', name: 'Arbeitslosenquote', unit: '%', polarity: 'higher-is-worse', points: [point('2021', 8.4), point('2022', 7.9), ...(call > 1 ? [point('2023', 6.1)] : [])] },
    { key: 'child-poverty', name: 'Kinderarmut', unit: '%', polarity: 'higher-is-worse', points: [point('2022', 21.3)] },
  ],
});

describe('the before/after comparison on the goals’ indicators', () => {
  test('when a value is suppressed, then the newest readable value counts', () => {
    const profile = profileFor('X', 2);
    profile.indicators[0]?.points.push({ period: '2024', value: { value: null, suppressed: true } });
    expect(latestReading(profile, 'unemployment')).toEqual({ period: '2023', value: 6.1 });
  });

  test('when goals have indicators, then each gets before, after, change and whether it improved by polarity', () => {
    const result = compareGoals(
      [{ title: 'weniger Arbeitslose', indicatorKey: 'unemployment', targetValue: 6 }, { title: 'ohne Indikator' }, { title: 'unbekannt', indicatorKey: 'nope' }],
      profileFor('X', 1),
      profileFor('X', 2),
    );
    expect(result).toEqual([
      expect.objectContaining({ indicatorKey: 'unemployment', before: { period: '2022', value: 7.9 }, after: { period: '2023', value: 6.1 }, improved: true, targetValue: 6 }),
      expect.objectContaining({ indicatorKey: 'nope', before: null, after: null, change: null, improved: null }),
    ]);
    expect(result[0]?.change).toBeCloseTo(-1.8);
  });

  test('when monitoring was unavailable at either end, then there is no change to report', () => {
    expect(compareGoals([{ title: 'g', indicatorKey: 'unemployment' }], undefined, profileFor('X', 2))[0]).toMatchObject({ before: null, change: null, improved: null });
  });
});
