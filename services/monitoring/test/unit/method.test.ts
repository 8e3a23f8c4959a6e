import {
  classifyDynamics,
  classifyStatus,
  combinedGroup,
  computeIndices,
  InvalidMethodError,
  parseMethodVersion,
  STANDARD_DYNAMICS_CUTOFFS,
  STANDARD_STATUS_CUTOFFS,
  validateMethodVersion,
  type MethodVersion,
  type ScoredSpace,
  type SpaceIndexInput,
  type SpaceIndexResult,
} from '../../src/domain/method';

const method: MethodVersion = {
  key: 'test',
  version: '1',
  statusIndicators: [
    { indicatorKey: 'A', weight: 1, polarity: 'higher-is-worse' },
    { indicatorKey: 'B', weight: 2, polarity: 'higher-is-better' },
  ],
  dynamicsIndicators: [{ indicatorKey: 'D', weight: 1, polarity: 'higher-is-worse' }],
  dynamicsSource: 'indicator',
  dynamicsPeriodYears: 2,
  statusCutoffs: STANDARD_STATUS_CUTOFFS,
  dynamicsCutoffs: STANDARD_DYNAMICS_CUTOFFS,
  minPopulation: 300,
};

function space(code: string, population: number | null, a: number | null, b: number | null, d: number | null) {
  return { spaceCode: code, population, status: { A: a, B: b }, dynamics: { D: d } } satisfies SpaceIndexInput;
}

// Six valid spaces (p4 sits exactly on the population minimum) and three excluded ones.
const inputs: SpaceIndexInput[] = [
  space('p1', 1000, 1, 10, 0.5),
  space('p2', 1000, 3, 10, -1.5),
  space('p3', 1000, 5, 20, 0),
  space('p4', 300, 7, 40, 2.5),
  space('small', 299, 100, 0, 100),
  space('p5', 1000, 9, 30, 1),
  space('gap', 1000, 2, null, 0),
  space('p6', 1000, 11, 10, -2.5),
  space('unknown', null, 1, 1, 1),
];

function scored(results: readonly SpaceIndexResult[], code: string): ScoredSpace {
  const r = results.find((s) => s.spaceCode === code);
  if (!r || r.excluded) throw new Error(`${code} was not scored`);
  return r;
}

describe('computeIndices on a hand-computed example', () => {
  const result = computeIndices(method, inputs);
  const codes = ['p1', 'p2', 'p3', 'p4', 'p5', 'p6'];

  // A: mean 6, deviations −5 −3 −1 1 3 5, sample variance 70/5 = 14.
  const zA = [-5, -3, -1, 1, 3, 5].map((d) => d / Math.sqrt(14));
  // B: mean 20, deviations −10 −10 0 20 10 −10, sample variance 800/5 = 160; higher is better → sign flipped.
  const zB = [10, 10, 0, -20, -10, 10].map((d) => d / Math.sqrt(160));
  // D: mean 0, sum of squares 16, sample variance 3.2.
  const zD = [0.5, -1.5, 0, 2.5, 1, -2.5].map((d) => d / Math.sqrt(3.2));

  it('when an indicator is standardised, then z = (x − mean) / sample SD over the valid spaces', () => {
    codes.forEach((code, i) => {
      expect(scored(result.spaces, code).zValues.A).toBeCloseTo(zA[i] as number, 9);
      expect(scored(result.spaces, code).dynamicsZValues.D).toBeCloseTo(zD[i] as number, 9);
    });
    expect(result.statistics.status.A).toEqual({ n: 6, mean: 6, sd: expect.closeTo(Math.sqrt(14), 12) });
  });

  it('when higher is better, then the z-value changes sign', () => {
    codes.forEach((code, i) => expect(scored(result.spaces, code).zValues.B).toBeCloseTo(zB[i] as number, 9));
    expect(scored(result.spaces, 'p4').zValues.B).toBeCloseTo(-1.5811388300841898, 9);
  });

  it('when indicators have weights, then the status sum is Σ weight · z', () => {
    const sums = [
      0.2448326205220676, 0.7793551043469163, -0.2672612419124244, -2.895016418255955, -0.7793551043469163,
      2.917445039646311,
    ];
    codes.forEach((code, i) => {
      expect(scored(result.spaces, code).statusSum).toBeCloseTo(sums[i] as number, 9);
      expect(scored(result.spaces, code).statusSum).toBeCloseTo((zA[i] as number) + 2 * (zB[i] as number), 12);
    });
  });

  it('when the sums are standardised again, then the indices and classes follow the cut-offs', () => {
    // Sums have mean 0; sample SD = sqrt(Σ sum² / 5) = 1.9099092105213726.
    const statusIndex = [
      0.12819071146069427, 0.4080587182121425, -0.13993400337572415, -1.5157874533029059, -0.4080587182121425,
      1.5275307452179356,
    ];
    const dynamicsIndex = zD; // one dynamics indicator: its z-values are already standardised
    codes.forEach((code, i) => {
      const s = scored(result.spaces, code);
      expect(s.statusIndex).toBeCloseTo(statusIndex[i] as number, 9);
      expect(s.dynamicsIndex).toBeCloseTo(dynamicsIndex[i] as number, 9);
    });
    expect(codes.map((c) => scored(result.spaces, c).statusClass)).toEqual([2, 2, 2, 1, 2, 4]);
    expect(codes.map((c) => scored(result.spaces, c).dynamicsClass)).toEqual([3, 3, 3, 5, 3, 1]);
    expect(scored(result.spaces, 'p4')).toMatchObject({ combinedLabel: '1/5', combinedGroup: 3 });
    expect(scored(result.spaces, 'p6')).toMatchObject({ combinedLabel: '4/1', combinedGroup: 10 });
    expect(scored(result.spaces, 'p1')).toMatchObject({ combinedLabel: '2/3', combinedGroup: 5 });
  });

  it('when population is below the minimum, unknown, or a value is missing, then the space is excluded with a reason', () => {
    const excluded = result.spaces.filter((s) => s.excluded);
    expect(excluded.map((s) => [s.spaceCode, s.excluded?.code])).toEqual([
      ['small', 'population-below-minimum'],
      ['gap', 'missing-values'],
      ['unknown', 'population-missing'],
    ]);
    expect(excluded.find((s) => s.spaceCode === 'gap')?.excluded?.indicators).toEqual(['status:B']);
    expect(excluded[0]).toMatchObject({ statusIndex: null, statusClass: null, combinedGroup: null, zValues: {} });
  });

  it('when the result is summarised, then it counts spaces per class and group, in input order', () => {
    expect(result.spaces.map((s) => s.spaceCode)).toEqual(inputs.map((s) => s.spaceCode));
    expect(result.summary).toMatchObject({
      scored: 6,
      excluded: 3,
      statusClasses: { 1: 1, 2: 4, 3: 0, 4: 1 },
      dynamicsClasses: { 1: 1, 3: 4, 5: 1 },
    });
    expect(result.summary.combinedGroups).toMatchObject({ 3: 1, 5: 4, 10: 1, 1: 0 });
  });

  it('when population SD is chosen, then z-values use divisor n', () => {
    const r = computeIndices({ ...method, standardDeviation: 'population' }, inputs);
    expect(scored(r.spaces, 'p1').zValues.A).toBeCloseTo(-5 / Math.sqrt(70 / 6), 9);
  });

  it('when dynamics come from two periods, then the difference end − start is standardised', () => {
    const diffMethod: MethodVersion = { ...method, dynamicsSource: 'difference' };
    const diffInputs = inputs.map((s) => ({
      ...s,
      dynamics: { D: 10 + (s.dynamics.D ?? 0) },
      dynamicsBase: { D: s.dynamics.D === null ? null : 10 },
    }));
    const r = computeIndices(diffMethod, diffInputs);
    codes.forEach((code, i) => expect(scored(r.spaces, code).dynamicsZValues.D).toBeCloseTo(zD[i] as number, 9));
  });

  it('when the same input is computed twice, then the results are identical', () => {
    expect(JSON.stringify(computeIndices(method, inputs))).toBe(JSON.stringify(result));
  });
});

describe('classification at the cut-offs', () => {
  it('when z is exactly on a cut-off, then the inclusive side of the method applies', () => {
    expect(classifyStatus(-1, STANDARD_STATUS_CUTOFFS)).toBe(2);
    expect(classifyStatus(1, STANDARD_STATUS_CUTOFFS)).toBe(2);
    expect(classifyStatus(1.5, STANDARD_STATUS_CUTOFFS)).toBe(3);
    expect(classifyDynamics(-1, STANDARD_DYNAMICS_CUTOFFS)).toBe(3);
    expect(classifyDynamics(1, STANDARD_DYNAMICS_CUTOFFS)).toBe(3);
  });

  it('when z misses a cut-off only by floating-point error, then it is classified as on the cut-off', () => {
    expect(classifyStatus(1.0000000000000002, STANDARD_STATUS_CUTOFFS)).toBe(2);
    expect(classifyStatus(-1.0000000000000002, STANDARD_STATUS_CUTOFFS)).toBe(2);
    expect(classifyStatus(1.5000000000000002, STANDARD_STATUS_CUTOFFS)).toBe(3);
    expect(classifyDynamics(1.0000000000000002, STANDARD_DYNAMICS_CUTOFFS)).toBe(3);
  });

  it('when z is clearly past a cut-off, then the next class applies', () => {
    expect(classifyStatus(-1.000001, STANDARD_STATUS_CUTOFFS)).toBe(1);
    expect(classifyStatus(1.000001, STANDARD_STATUS_CUTOFFS)).toBe(3);
    expect(classifyStatus(1.500001, STANDARD_STATUS_CUTOFFS)).toBe(4);
    expect(classifyDynamics(-1.000001, STANDARD_DYNAMICS_CUTOFFS)).toBe(1);
    expect(classifyDynamics(1.000001, STANDARD_DYNAMICS_CUTOFFS)).toBe(5);
  });

  it('when values are symmetric around the mean, then the computed index lands on ±1 and stays in class 2', () => {
    // One indicator, values 1.1, 1.2, 1.3: mathematically the indices are −1, 0, 1 (sample SD 0.1).
    const one: MethodVersion = {
      ...method,
      statusIndicators: [{ indicatorKey: 'A', weight: 1, polarity: 'higher-is-worse' }],
      minPopulation: 0,
    };
    const xs = [1.1, 1.1 + 0.1, 1.1 + 0.2];
    const r = computeIndices(one, xs.map((x, i) => space(`s${i}`, null, x, 0, x)));
    const first = scored(r.spaces, 's0');
    // Floating-point error really pushes the lowest index past −1 here ...
    expect(first.statusIndex).toBeLessThan(-1);
    expect(first.statusIndex).toBeCloseTo(-1, 12);
    // ... and classification still treats it as on the cut-off.
    expect(r.spaces.map((s) => s.statusClass)).toEqual([2, 2, 2]);
    expect(r.spaces.map((s) => s.dynamicsClass)).toEqual([3, 3, 3]);
  });

  it('when classes are combined, then the 12 groups run status-major', () => {
    expect(combinedGroup(1, 1)).toBe(1);
    expect(combinedGroup(1, 5)).toBe(3);
    expect(combinedGroup(2, 3)).toBe(5);
    expect(combinedGroup(4, 5)).toBe(12);
  });
});

describe('method validation', () => {
  it('when the method is valid, then there are no problems and parsing writes out the defaults', () => {
    expect(validateMethodVersion(method)).toEqual([]);
    const parsed = parseMethodVersion(JSON.parse(JSON.stringify(method)));
    expect(parsed.ok && parsed.value.standardDeviation).toBe('sample');
  });

  it('when the method is broken, then every problem is listed in plain English', () => {
    const problems = validateMethodVersion({
      ...method,
      key: '',
      statusIndicators: [],
      dynamicsIndicators: [
        { indicatorKey: 'D', weight: 0, polarity: 'higher-is-worse' },
        { indicatorKey: 'D', weight: 1, polarity: 'sideways' },
      ],
      statusCutoffs: { high: 1, mediumUpper: -1, lowUpper: 1.5 },
      dynamicsCutoffs: { positive: 1, negative: 1 },
      dynamicsPeriodYears: 0,
      minPopulation: -5,
      standardDeviation: 'robust',
    });
    expect(problems).toEqual([
      'key must be a non-empty string.',
      'statusIndicators must contain at least one indicator.',
      'dynamicsIndicators[0].weight must be a number greater than 0 (got 0).',
      'dynamicsIndicators lists indicator "D" more than once.',
      'dynamicsIndicators[1].polarity must be one of higher-is-worse, higher-is-better.',
      'dynamicsPeriodYears must be a whole number of at least 1.',
      'statusCutoffs must be ordered high < mediumUpper < lowUpper (got 1, -1, 1.5).',
      'dynamicsCutoffs must be ordered positive < negative (got 1, 1).',
      'minPopulation must be a number of at least 0.',
      'standardDeviation must be one of sample, population.',
    ]);
  });

  it('when the input is not an object, then parsing fails with a problem', () => {
    expect(parseMethodVersion(null)).toEqual({ ok: false, problems: ['A method version must be an object.'] });
  });

  it('when an invalid method or duplicate space codes are computed, then it throws', () => {
    expect(() => computeIndices({ ...method, statusIndicators: [] }, inputs)).toThrow(InvalidMethodError);
    const twice = [inputs[0] as SpaceIndexInput, inputs[0] as SpaceIndexInput];
    expect(() => computeIndices(method, twice)).toThrow(/unique/);
  });

  it('when an indicator does not vary, then its z-values are 0 and a warning says so', () => {
    const flat = inputs.map((s) => ({ ...s, dynamics: { D: s.dynamics.D === null ? null : 1 } }));
    const r = computeIndices(method, flat);
    expect(scored(r.spaces, 'p1').dynamicsZValues.D).toBe(0);
    expect(scored(r.spaces, 'p1').dynamicsClass).toBe(3);
    expect(r.warnings).toEqual([
      'Dynamics indicator "D" does not vary over the 6 valid spaces; its z-values are set to 0.',
      'Dynamics sum does not vary over the 6 valid spaces; its index is set to 0.',
    ]);
  });
});
