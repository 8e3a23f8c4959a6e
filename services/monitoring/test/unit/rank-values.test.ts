import { rankValues } from '../../src/use-cases/indicator-views';

/** The definition: rank 1 + the number of values that are worse; equal values share a rank. */
const naiveRanks = (values: Array<number | null>, higherIsBetter: boolean) =>
  values.map((v) => (v === null ? null : 1 + values.filter((o) => o !== null && (higherIsBetter ? o < v : o > v)).length));

describe('ranking spaces by an indicator', () => {
  test('when values tie, then they share a rank and the next rank skips (1, 2, 2, 4); missing values get none', () => {
    expect(rankValues([5, 9, 7, 7, null], 'higher-is-worse').ranks).toEqual([4, 1, 2, 2, null]);
    expect(rankValues([5, 9, 7, 7, null], 'higher-is-better').ranks).toEqual([1, 4, 2, 2, null]);
    expect(rankValues([5, 9, 7, 7, null], 'neutral').ranks).toEqual([4, 1, 2, 2, null]);
    expect(rankValues([5, 9, 7, 7, null], 'higher-is-worse')).toMatchObject({ mean: 7, of: 4 });
  });

  test('when many values are ranked, then every rank is what the definition gives', () => {
    let seed = 42;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    const values = Array.from({ length: 600 }, () => (random() < 0.05 ? null : Math.round(random() * 200) / 4));
    expect(rankValues(values, 'higher-is-worse').ranks).toEqual(naiveRanks(values, false));
    expect(rankValues(values, 'higher-is-better').ranks).toEqual(naiveRanks(values, true));
  });
});
