import { dataPath } from '../data';
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { BERLIN_MSS_2021, computeIndices, type SpaceIndexInput } from '../../src/domain/method';

const CSV = dataPath('berlin-mss-2021/indicators.csv');

type Row = Record<string, string>;

function toNumber(v: string | undefined): number | null {
  return v === undefined || v.trim() === '' ? null : Number(v);
}

// Every column stays a string (PLR_ID has leading zeros); numbers are converted explicitly.
const rows = parse(readFileSync(CSV, 'utf8'), { columns: true, skip_empty_lines: true }) as Row[];

const inputs: SpaceIndexInput[] = rows.map((r) => ({
  spaceCode: r.PLR_ID as string,
  population: toNumber(r.EW),
  status: { S1: toNumber(r.S1), S3: toNumber(r.S3), S4: toNumber(r.S4) },
  dynamics: { D1: toNumber(r.D1), D3: toNumber(r.D3), D4: toNumber(r.D4) },
}));

// Published by the Senate Department for MSS 2021: 536 scored Planungsräume.
const PUBLISHED = {
  scored: 536,
  statusClasses: { 1: 75, 2: 366, 3: 46, 4: 49 },
  dynamicsClasses: { 1: 48, 3: 436, 5: 52 },
};

describe('Berlin MSS 2021 on the real indicators', () => {
  it('when the file is read, then all 542 Planungsräume keep their 8-digit IDs', () => {
    expect(inputs).toHaveLength(542);
    expect(inputs[0]?.spaceCode).toBe('01100101');
    expect(inputs.every((s) => /^\d{8}$/.test(s.spaceCode))).toBe(true);
  });

  it('when the default Berlin method (sample SD, EW < 300 left out) is applied, then the published class counts are reproduced exactly', () => {
    const result = computeIndices(BERLIN_MSS_2021, inputs);
    expect(result.summary).toMatchObject(PUBLISHED);
    expect(result.summary.excluded).toBe(6);
    expect(result.warnings).toEqual([]);
  });

  it('when areas are left out, then each has the reason that applies to it', () => {
    const result = computeIndices(BERLIN_MSS_2021, inputs);
    const excluded = result.spaces.filter((s) => s.excluded).map((s) => [s.spaceCode, s.excluded?.code]);
    expect(excluded).toEqual([
      ['03300515', 'population-below-minimum'],
      ['03400831', 'population-missing'],
      ['04400725', 'population-below-minimum'],
      ['05300838', 'population-below-minimum'],
      ['06200418', 'population-below-minimum'],
      ['10100205', 'missing-values'],
    ]);
  });

  // The data cannot tell these variants apart: no area has exactly 300 residents, every area
  // under 300 also lacks indicator values, and no index lies within 0.0015 of a cut-off.
  it('when population SD or an inclusive 300 limit is used instead, then the counts are the same', () => {
    const populationSd = computeIndices({ ...BERLIN_MSS_2021, standardDeviation: 'population' }, inputs);
    expect(populationSd.summary).toMatchObject(PUBLISHED);
    expect(computeIndices({ ...BERLIN_MSS_2021, minPopulation: 301 }, inputs).summary).toMatchObject(PUBLISHED);
  });

  it('when indices are computed, then no scored area lies so close to a cut-off that rounding could decide its class', () => {
    const result = computeIndices(BERLIN_MSS_2021, inputs);
    const distances = result.spaces.flatMap((s) =>
      s.excluded
        ? []
        : [
            ...[-1, 1, 1.5].map((c) => Math.abs(s.statusIndex - c)),
            ...[-1, 1].map((c) => Math.abs(s.dynamicsIndex - c)),
          ],
    );
    expect(Math.min(...distances)).toBeGreaterThan(0.001);
  });
});
