import { DATA_DIR } from '../data';
import { readFileSync } from 'node:fs';
import { parseIndicatorFile, type ParseResult, type WideMapping } from '../../src/domain/imports';

const DATA = DATA_DIR;
const read = (path: string) => readFileSync(`${DATA}/${path}`);
const valueOf = (result: ParseResult, spaceCode: string, indicatorKey: string, period: string) =>
  result.rows.find((r) => r.spaceCode === spaceCode && r.indicatorKey === indicatorKey && r.period === period)?.value;

describe('Flensburg indicators_long.csv (long layout)', () => {
  const flensburg = read('flensburg/indicators_long.csv');

  test('when the indicator is source_table plus measure, then all 2,181 rows parse without rejects', async () => {
    const result = await parseIndicatorFile(flensburg, 'csv', {
      layout: 'long',
      spaceColumn: 'space_code',
      periodColumn: 'year',
      indicatorColumn: ['source_table', 'measure'],
      valueColumn: 'value',
      indicatorMap: { 'residents_by_district/residents': 'residents' },
    });

    expect(result.totalRows).toBe(2181);
    expect(result.rejected).toEqual([]);
    expect(result.rows).toHaveLength(2181);
    expect(new Set(result.rows.map((r) => r.indicatorKey)).size).toBe(53);
    expect(result.rows[0]).toEqual({
      line: 2,
      column: 'value',
      spaceCode: 'STGT01',
      indicatorKey: 'residents',
      period: '2011',
      value: 3323,
    });
    expect(valueOf(result, 'STGT01', 'births_by_district/birth_rate', '2019')).toBe(39.1);
    expect(valueOf(result, 'STGT12', 'beneficiaries_characteristics_by_district/percentage_single_parents', '2022')).toBe(15.8);
    expect(result.rows.find((r) => r.line === 1502)).toMatchObject({
      indicatorKey: 'housing_assistance_cases_by_district/eviction_notice',
      value: 5,
    });
  });

  test('when the indicator is the measure alone, then the 781 lines repeating a measure are rejected as duplicates', async () => {
    const result = await parseIndicatorFile(flensburg, 'csv', {
      layout: 'long',
      spaceColumn: 'space_code',
      periodColumn: 'year',
      indicatorColumn: 'measure',
      valueColumn: 'value',
    });

    expect(result.rows).toHaveLength(1400);
    expect(result.rejected).toHaveLength(781);
    expect(result.rejected[0]).toEqual({
      line: 613,
      column: 'value',
      reason: 'duplicate row (same space, indicator and period as line 2)',
    });
  });
});

describe('Berlin MSS 2021 indicators.csv (wide layout)', () => {
  const header = read('berlin-mss-2021/indicators.csv').toString('utf8').split(/\r?\n/)[0]?.split(',') ?? [];
  const valueColumns = header.filter((h) => h !== 'PLR_NAME' && h !== 'PLR_ID');
  const mapping: WideMapping = {
    layout: 'wide',
    spaceColumn: 'PLR_ID',
    period: '31.12.2020',
    columns: Object.fromEntries(valueColumns.map((c) => [c, c])),
  };

  test('when read with a fixed period, then empty cells are no values and nothing is rejected', async () => {
    const result = await parseIndicatorFile(read('berlin-mss-2021/indicators.csv'), 'csv', mapping);

    expect(valueColumns).toHaveLength(21);
    expect(result.totalRows).toBe(542);
    expect(result.rejected).toEqual([]);
    // 542 × 21 cells, less 6 areas × 20 empty indicator cells and one empty EW
    expect(result.rows).toHaveLength(542 * 21 - 6 * 20 - 1);
    expect(new Set(result.rows.map((r) => r.period))).toEqual(new Set(['2020-12-31']));
    expect(valueOf(result, '01100101', 'S1', '2020-12-31')).toBe(4.22594);
    expect(valueOf(result, '01100101', 'KI_13', '2020-12-31')).toBe(-4.83);
    expect(valueOf(result, '12601236', 'D4', '2020-12-31')).toBe(-6.2244);
    const withS1 = new Set(result.rows.filter((r) => r.indicatorKey === 'S1').map((r) => r.spaceCode));
    expect(withS1.size).toBe(536);
    expect(result.rows.filter((r) => r.spaceCode === '03400831')).toEqual([]);
    expect(result.rows.filter((r) => r.spaceCode === '06200418')).toEqual([
      expect.objectContaining({ indicatorKey: 'EW', value: 0 }),
    ]);
  });
});

describe('Berlin einwohner_2022-06.csv (semicolons, BOM, key column last)', () => {
  const columns = ['Gesamt', 'unter6', '6-15', '15-18', '18-27', '27-45', '45-55', '55-65', '65undmehr', 'weiblich', 'ausländer'];

  test('when read, then every cell becomes a value and "–" counts as 0', async () => {
    const result = await parseIndicatorFile(read('berlin-mss-2021/einwohner_2022-06.csv'), 'csv', {
      layout: 'wide',
      spaceColumn: 'PLR-ID',
      period: '30.06.2022',
      columns: Object.fromEntries(columns.map((c) => [c, `residents_${c}`])),
    });

    expect(result.totalRows).toBe(542);
    expect(result.rejected).toEqual([]);
    expect(result.rows).toHaveLength(542 * 11);
    expect(valueOf(result, '01100101', 'residents_Gesamt', '2022-06-30')).toBe(3503);
    expect(valueOf(result, '12601236', 'residents_ausländer', '2022-06-30')).toBe(630);
    // line 101: 52;4;6;3;–;9;–;18;12;22;6 — the age bands add up to 52 only if "–" is 0
    const line101 = result.rows.filter((r) => r.line === 101);
    expect(line101.find((r) => r.column === '18-27')?.value).toBe(0);
    expect(line101.slice(1, 9).reduce((sum, r) => sum + r.value, 0)).toBe(52);
  });
});
