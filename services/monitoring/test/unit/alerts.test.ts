import {
  AlertConfigurationError,
  evaluateAlerts,
  parseAlertRules,
  validateAlertRules,
  type AlertData,
  type AlertRule,
  type SeriesPoint,
} from '../../src/domain/alerts';

function series(...values: Array<number | null>): SeriesPoint[] {
  return values.map((value, i) => ({ period: String(2019 + i), value }));
}

// Unemployment (higher is worse) 2019–2022 and employment (higher is better) per space.
// 2022 unemployment: 20, 2, 4, 6, 8 → mean 8, squared deviations 144+36+16+4+0 = 200, sample SD = sqrt(50).
const data: AlertData = {
  indicators: {
    ALQ: { label: 'Arbeitslosigkeit', polarity: 'higher-is-worse' },
    BQ: { label: 'Beschäftigungsquote', polarity: 'higher-is-better' },
  },
  spaces: [
    {
      spaceCode: 'e',
      index: { period: '2022', statusClass: 4, dynamicsClass: 5, statusIndex: 1.8 },
      series: { ALQ: series(11, 14, 17, 20), BQ: series(60, 55, 50, 40) },
    },
    {
      spaceCode: 'a',
      index: { period: '2022', statusClass: 2, dynamicsClass: 3 },
      series: { ALQ: series(5, 4, 3, 2), BQ: series(70, 70, 70, 70) },
    },
    {
      spaceCode: 'b',
      index: { period: '2022', statusClass: 4, dynamicsClass: 1 },
      series: { ALQ: series(1, 2, 3, 4), BQ: series(65, 66, 67, 68) },
    },
    { spaceCode: 'c', index: null, series: { ALQ: series(7, 6, 7, 6), BQ: series(69, 68, 67, 66) } },
    {
      spaceCode: 'd',
      index: { period: '2022', statusClass: null, dynamicsClass: null },
      series: { ALQ: series(8, 9, null, 8), BQ: series(null, 71, 72, 73) },
    },
  ],
};

const rules: AlertRule[] = [
  { key: 'status-4', label: 'Sehr niedriger Status', type: 'status-class', classes: [4] },
  { key: 'dyn-5', label: 'Negative Dynamik', type: 'dynamics-class', classes: [5] },
  { key: 'alq-high', label: 'Hohe Arbeitslosigkeit', type: 'above-mean', indicatorKey: 'ALQ', k: 1 },
  { key: 'bq-low', label: 'Niedrige Beschäftigung', type: 'above-mean', indicatorKey: 'BQ', k: 1.5 },
  { key: 'alq-worse', label: 'Steigende Arbeitslosigkeit', type: 'worsening', indicatorKey: 'ALQ', periods: 3 },
  { key: 'bq-worse', label: 'Sinkende Beschäftigung', type: 'worsening', indicatorKey: 'BQ', periods: 2 },
];

describe('evaluateAlerts', () => {
  const alerts = evaluateAlerts(rules, data);
  const of = (ruleKey: string) => alerts.filter((a) => a.ruleKey === ruleKey);

  it('when a space is in a listed status class, then it gets an alert for the index period', () => {
    expect(of('status-4')).toEqual([
      {
        ruleKey: 'status-4',
        ruleLabel: 'Sehr niedriger Status',
        type: 'status-class',
        spaceCode: 'b',
        period: '2022',
        message: 'Statusindex in Klasse 4 (sehr niedrig)',
        evidence: { kind: 'status-class', statusClass: 4 },
      },
      expect.objectContaining({ spaceCode: 'e', evidence: { kind: 'status-class', statusClass: 4, statusIndex: 1.8 } }),
    ]);
  });

  it('when a space is in a listed dynamics class, then it gets an alert; spaces without an index get none', () => {
    expect(of('dyn-5').map((a) => [a.spaceCode, a.message])).toEqual([['e', 'Dynamikindex in Klasse 5 (negativ)']]);
  });

  it('when a value lies above mean + k·SD, then the alert carries the German message and the evidence', () => {
    const [alert, ...rest] = of('alq-high');
    expect(rest).toEqual([]);
    expect(alert).toMatchObject({
      spaceCode: 'e',
      period: '2022',
      indicatorKey: 'ALQ',
      message: 'Arbeitslosigkeit liegt über dem städtischen Mittel plus 1 Standardabweichung',
    });
    expect(alert?.evidence).toEqual({
      kind: 'above-mean',
      value: 20,
      mean: 8,
      sd: expect.closeTo(Math.sqrt(50), 12),
      k: 1,
      threshold: expect.closeTo(8 + Math.sqrt(50), 12),
      n: 5,
      polarity: 'higher-is-worse',
    });
  });

  it('when higher is better, then values below mean − k·SD raise the alert', () => {
    // 2022: 40, 70, 68, 66, 73 → mean 63.4, squared deviations 711.2, sample SD = sqrt(177.8), threshold ≈ 43.4.
    const [alert, ...rest] = of('bq-low');
    expect(rest).toEqual([]);
    expect(alert).toMatchObject({
      spaceCode: 'e',
      message: 'Beschäftigungsquote liegt unter dem städtischen Mittel minus 1,5 Standardabweichungen',
      evidence: {
        value: 40,
        mean: expect.closeTo(63.4, 12),
        threshold: expect.closeTo(63.4 - 1.5 * Math.sqrt(177.8), 12),
      },
    });
  });

  it('when an indicator worsened in each of the last n periods, then it raises a worsening alert', () => {
    // e rose 11→14→17→20; b rose 1→2→3→4; a fell; c alternated; d has a gap.
    expect(of('alq-worse').map((a) => [a.spaceCode, a.message])).toEqual([
      ['b', 'Arbeitslosigkeit hat sich 3 Perioden in Folge verschlechtert'],
      ['e', 'Arbeitslosigkeit hat sich 3 Perioden in Folge verschlechtert'],
    ]);
    expect(of('alq-worse')[0]?.evidence).toEqual({
      kind: 'worsening',
      periods: 3,
      polarity: 'higher-is-worse',
      series: series(1, 2, 3, 4),
    });
  });

  it('when higher is better, then falling values count as worsening and equal values do not', () => {
    // e fell 55→50→40, c fell 68→67→66; a stayed at 70.
    expect(of('bq-worse').map((a) => a.spaceCode)).toEqual(['c', 'e']);
  });

  it('when rules are evaluated, then alerts come in rule order and then by space code', () => {
    expect(alerts.map((a) => `${a.ruleKey}:${a.spaceCode}`)).toEqual([
      'status-4:b',
      'status-4:e',
      'dyn-5:e',
      'alq-high:e',
      'bq-low:e',
      'alq-worse:b',
      'alq-worse:e',
      'bq-worse:c',
      'bq-worse:e',
    ]);
    expect(evaluateAlerts(rules, { ...data, spaces: [...data.spaces].reverse() })).toEqual(alerts);
  });

  it('when an evaluation period is given, then the indicator rules look at that period', () => {
    const in2020 = evaluateAlerts([rules[4] as AlertRule], { ...data, period: '2020' });
    expect(in2020).toEqual([]); // only one step back exists before 2020
    const oneStep: AlertRule = { key: 'up', label: 'Anstieg', type: 'worsening', indicatorKey: 'ALQ', periods: 1 };
    // 2019→2020: e 11→14, b 1→2 and d 8→9 rose; a and c fell.
    expect(evaluateAlerts([oneStep], { ...data, period: '2020' }).map((a) => [a.spaceCode, a.message])).toEqual([
      ['b', 'Arbeitslosigkeit hat sich gegenüber der Vorperiode verschlechtert'],
      ['d', 'Arbeitslosigkeit hat sich gegenüber der Vorperiode verschlechtert'],
      ['e', 'Arbeitslosigkeit hat sich gegenüber der Vorperiode verschlechtert'],
    ]);
  });

  it('when all spaces have the same value, then no above-mean alert is raised', () => {
    const spaces = data.spaces.map((s) => ({ ...s, series: { ALQ: series(5) } }));
    const flat: AlertData = { ...data, spaces, period: '2019' };
    expect(evaluateAlerts([rules[2] as AlertRule], flat)).toEqual([]);
  });
});

describe('alert rule validation', () => {
  it('when rules are valid, then there are no problems', () => {
    expect(validateAlertRules(rules)).toEqual([]);
    expect(parseAlertRules(rules)).toEqual({ ok: true, value: rules });
  });

  it('when rules are broken, then each problem is named', () => {
    expect(
      validateAlertRules([
        { key: 'x', label: '', type: 'status-class', classes: [5] },
        { key: 'x', label: 'L', type: 'above-mean', k: -1 },
        { key: 'y', label: 'L', type: 'worsening', indicatorKey: 'A', periods: 0 },
        { key: 'z', label: 'L', type: 'sometimes' },
      ]),
    ).toEqual([
      'rules[0].label must be a non-empty string.',
      'rules[0].classes may only contain 1, 2, 3, 4 (got [5]).',
      'rules[1].indicatorKey must be a non-empty string.',
      'rules[1].k must be a number of at least 0.',
      'Rule key "x" is used more than once.',
      'rules[2].periods must be a whole number of at least 1.',
      'rules[3].type must be one of status-class, dynamics-class, above-mean, worsening.',
    ]);
  });

  it('when a rule names an indicator without label and polarity, then evaluation throws', () => {
    const rule: AlertRule = { key: 'q', label: 'Q', type: 'above-mean', indicatorKey: 'UNKNOWN', k: 1 };
    expect(() => evaluateAlerts([rule], data)).toThrow(AlertConfigurationError);
    expect(() => evaluateAlerts([rule], data)).toThrow(/"UNKNOWN", which has no label and polarity/);
  });
});
