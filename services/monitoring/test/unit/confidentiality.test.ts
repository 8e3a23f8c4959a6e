import {
  applyConfidentiality,
  DEFAULT_CONFIDENTIALITY_RULES,
  parseConfidentialityRules,
  type ConfidentialityRules,
  type ConfidentialValue,
} from '../../src/domain/confidentiality';

const rules: ConfidentialityRules = {
  minCases: 3,
  suppressZero: false,
  minDenominator: 10,
  roundCountsTo: 5,
  minPopulation: 300,
};
const noRounding: ConfidentialityRules = { ...rules, roundCountsTo: 0 };
const protect = (value: ConfidentialValue, r: ConfidentialityRules) => applyConfidentiality(value, r, { raw: false });

describe('applyConfidentiality: counts', () => {
  it('when a count is between 1 and minCases − 1, then it is suppressed as min-cases, never shown as 0', () => {
    for (const value of [1, 2]) {
      expect(protect({ kind: 'count', value }, noRounding)).toEqual({
        value: null,
        suppressed: true,
        reason: 'min-cases',
      });
    }
  });

  it('when a count reaches minCases, then it is shown', () => {
    expect(protect({ kind: 'count', value: 3 }, noRounding)).toEqual({
      value: 3,
      suppressed: false,
    });
  });

  it('when a count is 0, then it is shown unless suppressZero is set', () => {
    expect(protect({ kind: 'count', value: 0 }, noRounding)).toEqual({
      value: 0,
      suppressed: false,
    });
    expect(protect({ kind: 'count', value: 0 }, { ...noRounding, suppressZero: true })).toEqual({
      value: null,
      suppressed: true,
      reason: 'min-cases',
    });
  });

  it('when counts are rounded to 5, then they go to the nearest multiple and are marked as rounded', () => {
    const shown = (value: number) => protect({ kind: 'count', value }, rules);
    expect(shown(3)).toEqual({ value: 5, suppressed: false, rounded: true });
    expect(shown(7)).toEqual({ value: 5, suppressed: false, rounded: true });
    expect(shown(8)).toEqual({ value: 10, suppressed: false, rounded: true });
    expect(shown(10)).toEqual({ value: 10, suppressed: false, rounded: true });
    expect(shown(0)).toEqual({ value: 0, suppressed: false, rounded: true });
  });

  it('when counts are rounded to 10, then halves go up', () => {
    expect(protect({ kind: 'count', value: 15 }, { ...rules, roundCountsTo: 10 }).value).toBe(20);
    expect(protect({ kind: 'count', value: 14 }, { ...rules, roundCountsTo: 10 }).value).toBe(10);
  });

  it('when rounding would turn a non-zero count into 0, then it is suppressed instead', () => {
    const loose = { ...rules, minCases: 1 };
    expect(protect({ kind: 'count', value: 2 }, loose)).toEqual({
      value: null,
      suppressed: true,
      reason: 'min-cases',
    });
  });
});

describe('applyConfidentiality: rates, shares and means', () => {
  it('when the denominator is below minDenominator, then the rate and its parts are suppressed', () => {
    expect(
      protect({ kind: 'rate', value: 50, numerator: 4, denominator: 8 }, rules),
    ).toEqual({ value: null, suppressed: true, reason: 'min-denominator', numerator: null, denominator: null });
  });

  it('when the numerator is a small count, then the share is suppressed as min-cases', () => {
    expect(
      protect({ kind: 'share', value: 2, numerator: 2, denominator: 100 }, rules),
    ).toEqual({ value: null, suppressed: true, reason: 'min-cases', numerator: null, denominator: null });
  });

  it('when a rate is shown, then it keeps its precision and its numerator and denominator are rounded as counts', () => {
    expect(
      protect({ kind: 'rate', value: 12.345, numerator: 13, denominator: 107 }, rules),
    ).toEqual({ value: 12.345, suppressed: false, numerator: 15, denominator: 105 });
  });

  it('when a share has a numerator of 0, then it is shown as 0', () => {
    expect(
      protect({ kind: 'share', value: 0, numerator: 0, denominator: 50 }, noRounding),
    ).toEqual({ value: 0, suppressed: false, numerator: 0, denominator: 50 });
  });

  it('when a mean rests on fewer than minCases cases, then it is suppressed; its sum is not rounded', () => {
    const few = { ...rules, minDenominator: 0 };
    expect(protect({ kind: 'mean', value: 41, numerator: 82, denominator: 2 }, few)).toMatchObject({
      value: null,
      suppressed: true,
      reason: 'min-cases',
    });
    expect(protect({ kind: 'mean', value: 41, numerator: 492, denominator: 12 }, rules)).toEqual({
      value: 41,
      suppressed: false,
      numerator: 492,
      denominator: 10,
    });
  });

  it('when no denominator is given, then only the other rules apply', () => {
    expect(protect({ kind: 'rate', value: 7.5, spacePopulation: 5000 }, rules)).toEqual({
      value: 7.5,
      suppressed: false,
    });
  });
});

describe('applyConfidentiality: space population, missing values and raw access', () => {
  it('when the space has fewer residents than minPopulation, then any value of it is suppressed', () => {
    expect(protect({ kind: 'rate', value: 8.1, spacePopulation: 299 }, rules)).toEqual({
      value: null,
      suppressed: true,
      reason: 'population',
    });
    expect(protect({ kind: 'count', value: 120, spacePopulation: 299 }, rules).reason).toBe('population');
    expect(protect({ kind: 'rate', value: 8.1, spacePopulation: 300 }, rules).suppressed).toBe(false);
  });

  it('when the space population is unknown, then its values are suppressed as population', () => {
    expect(protect({ kind: 'rate', value: 8.1, spacePopulation: null }, rules).reason).toBe('population');
  });

  it('when the value is missing, then it stays null, is not suppressed and is marked missing', () => {
    expect(protect({ kind: 'count', value: null }, rules)).toEqual({
      value: null,
      suppressed: false,
      reason: 'missing',
    });
    expect(protect({ kind: 'rate', value: null, numerator: 5, denominator: 50 }, rules)).toEqual({
      value: null,
      suppressed: false,
      reason: 'missing',
      numerator: null,
      denominator: null,
    });
  });

  it('when the role may see raw values, then values and parts pass unchanged and unsuppressed', () => {
    const raw = { raw: true };
    expect(applyConfidentiality({ kind: 'count', value: 1, spacePopulation: 20 }, rules, raw)).toEqual({
      value: 1,
      suppressed: false,
    });
    expect(applyConfidentiality({ kind: 'rate', value: 50, numerator: 1, denominator: 2 }, rules, raw)).toEqual({
      value: 50,
      suppressed: false,
      numerator: 1,
      denominator: 2,
    });
    expect(applyConfidentiality({ kind: 'count', value: null }, rules, raw)).toEqual({
      value: null,
      suppressed: false,
      reason: 'missing',
    });
  });
});

describe('parseConfidentialityRules', () => {
  it('when fields are left out, then the defaults fill them', () => {
    expect(parseConfidentialityRules({ roundCountsTo: 10 })).toEqual({
      ok: true,
      value: { ...DEFAULT_CONFIDENTIALITY_RULES, roundCountsTo: 10 },
    });
  });

  it('when rules are wrong or unknown, then each problem is named', () => {
    expect(
      parseConfidentialityRules({ minCases: -1, roundCountsTo: 2.5, suppressZero: 'yes', minCase: 3 }),
    ).toEqual({
      ok: false,
      problems: [
        'Unknown confidentiality rule "minCase".',
        'minCases must be a whole number of at least 0 (got -1).',
        'roundCountsTo must be a whole number of at least 0 (got 2.5).',
        'suppressZero must be true or false (got "yes").',
      ],
    });
    expect(parseConfidentialityRules('strict')).toEqual({
      ok: false,
      problems: ['Confidentiality rules must be an object.'],
    });
  });
});
