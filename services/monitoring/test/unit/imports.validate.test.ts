import { spaceMatcher, validateRows, type Catalogue, type ParsedRow } from '../../src/domain/imports';

const row = (over: Partial<ParsedRow>): ParsedRow => ({
  line: 2,
  column: 'value',
  spaceCode: '01',
  indicatorKey: 'share',
  period: '2022',
  value: 10,
  ...over,
});

const catalogue: Catalogue = {
  space: spaceMatcher([
    { code: '01', name: 'Altstadt', type: 'social-space' },
    { code: '02', name: 'Neustadt', type: 'social-space' },
  ]),
  indicators: new Map([
    ['share', { kind: 'share' }],
    ['count', { kind: 'count' }],
    ['rate', { kind: 'rate' }],
    ['change', { kind: 'rate', min: -100, max: 100 }],
    ['mean', { kind: 'mean' }],
  ]),
};

describe('validateRows', () => {
  test('when rows fit the catalogue, then all are kept', () => {
    const rows = [
      row({}),
      row({ indicatorKey: 'count', value: 0 }),
      row({ indicatorKey: 'change', value: -4.8 }),
      row({ indicatorKey: 'mean', value: -3 }),
    ];

    expect(validateRows(rows, catalogue)).toEqual({ rows, rejected: [] });
  });

  test('when the space or indicator is unknown, then the row is rejected naming it', () => {
    const result = validateRows([row({ spaceCode: '99' }), row({ line: 3, indicatorKey: 'nope' })], catalogue);

    expect(result.rows).toEqual([]);
    expect(result.rejected).toEqual([
      { line: 2, column: null, reason: 'unknown space "99"' },
      { line: 3, column: null, reason: 'unknown indicator "nope"' },
    ]);
  });

  test('when a wide line has an unknown space, then it is reported once, not per column', () => {
    const rows = [row({ spaceCode: '99', column: 'a' }), row({ spaceCode: '99', column: 'b', indicatorKey: 'count' })];
    const result = validateRows(rows, catalogue);

    expect(result.rejected).toHaveLength(1);
  });

  test('when values leave the range of their kind, then they are rejected with the allowed range', () => {
    const result = validateRows(
      [
        row({ value: 120 }),
        row({ line: 3, indicatorKey: 'count', value: -1 }),
        row({ line: 4, indicatorKey: 'count', value: 2.5 }),
        row({ line: 5, indicatorKey: 'rate', value: -0.1 }),
        row({ line: 6, indicatorKey: 'change', value: 101 }),
      ],
      catalogue,
    );

    expect(result.rows).toEqual([]);
    expect(result.rejected.map((r) => r.reason)).toEqual([
      'value out of range for share indicator "share": 120 (allowed 0 to 100)',
      'value out of range for count indicator "count": -1 (allowed 0 to ∞)',
      'value out of range for count indicator "count": 2.5 is not a whole number',
      'value out of range for rate indicator "rate": -0.1 (allowed 0 to ∞)',
      'value out of range for rate indicator "change": 101 (allowed -100 to 100)',
    ]);
    expect(result.rejected[0]).toMatchObject({ line: 2, column: 'value' });
  });

  test('when the denominator is zero or the numerator negative, then the row is rejected', () => {
    const result = validateRows([row({ denominator: 0 }), row({ line: 3, numerator: -1, denominator: 5 })], catalogue);

    expect(result.rejected.map((r) => r.reason)).toEqual([
      'denominator must be greater than 0: 0',
      'numerator must not be negative: -1',
    ]);
  });
});
