import { type MethodVersion } from './types';

/** The cut-offs used by Berlin, Hamburg and Münster. */
export const STANDARD_STATUS_CUTOFFS = { high: -1, mediumUpper: 1, lowUpper: 1.5 } as const;
export const STANDARD_DYNAMICS_CUTOFFS = { positive: -1, negative: 1 } as const;

/**
 * Berlin Monitoring Soziale Stadtentwicklung 2021: S1 unemployment, S3 transfer benefits,
 * S4 child poverty and their two-year changes D1, D3, D4, equal weights, areas under 300
 * residents left out. Reproduces the published class counts on data/berlin-mss-2021.
 */
export const BERLIN_MSS_2021: MethodVersion = {
  key: 'berlin-mss',
  version: '2021',
  description: 'Monitoring Soziale Stadtentwicklung Berlin 2021',
  statusIndicators: [
    { indicatorKey: 'S1', weight: 1, polarity: 'higher-is-worse' },
    { indicatorKey: 'S3', weight: 1, polarity: 'higher-is-worse' },
    { indicatorKey: 'S4', weight: 1, polarity: 'higher-is-worse' },
  ],
  dynamicsIndicators: [
    { indicatorKey: 'D1', weight: 1, polarity: 'higher-is-worse' },
    { indicatorKey: 'D3', weight: 1, polarity: 'higher-is-worse' },
    { indicatorKey: 'D4', weight: 1, polarity: 'higher-is-worse' },
  ],
  dynamicsSource: 'indicator',
  dynamicsPeriodYears: 2,
  statusCutoffs: STANDARD_STATUS_CUTOFFS,
  dynamicsCutoffs: STANDARD_DYNAMICS_CUTOFFS,
  minPopulation: 300,
  standardDeviation: 'sample',
};
