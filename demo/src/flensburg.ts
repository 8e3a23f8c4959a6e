import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';

/**
 * Flensburg's Sozialatlas 2022 (CC0), as kept in shared/data/flensburg. The loader imports the counts it
 * needs under readable keys and derives the three status indicators of the demo method from them, with
 * numerator and denominator, so that confidentiality rules can act on the cases behind each rate.
 */
export interface IndicatorDefinition {
  key: string;
  name: string;
  definition: string;
  unit: string;
  polarity: 'higher-is-worse' | 'higher-is-better' | 'neutral';
  topic: string;
  targetGroups: string[];
  kind: 'count' | 'share';
}

export const SOURCE = 'Stadt Flensburg, Sozialatlas 2022 (CC0 1.0)';

/** Upstream table → our indicator key (all upstream columns are named `residents`). */
export const countMeasures: Record<string, IndicatorDefinition> = {
  residents_by_district: { key: 'einwohner', name: 'Einwohnerinnen und Einwohner', definition: 'Einwohner mit Hauptwohnsitz', unit: 'Personen', polarity: 'neutral', topic: 'Bevölkerung', targetGroups: [], kind: 'count' },
  residents_age_18_to_under_65_by_district: { key: 'ew_18_65', name: 'Einwohner 18 bis unter 65 Jahre', definition: 'Einwohner im Alter von 18 bis unter 65 Jahren', unit: 'Personen', polarity: 'neutral', topic: 'Bevölkerung', targetGroups: [], kind: 'count' },
  residents_age_65_and_above_by_district: { key: 'ew_65plus', name: 'Einwohner ab 65 Jahre', definition: 'Einwohner im Alter von 65 Jahren und älter', unit: 'Personen', polarity: 'neutral', topic: 'Bevölkerung', targetGroups: ['old'], kind: 'count' },
  children_age_under_18_by_district: { key: 'ew_u18', name: 'Minderjährige', definition: 'Einwohner unter 18 Jahren', unit: 'Personen', polarity: 'neutral', topic: 'Bevölkerung', targetGroups: ['children', 'youth'], kind: 'count' },
  unemployed_residents_by_district: { key: 'arbeitslose', name: 'Arbeitslose', definition: 'Arbeitslose Einwohner (SGB II und SGB III)', unit: 'Personen', polarity: 'higher-is-worse', topic: 'Arbeit', targetGroups: ['job-seeking'], kind: 'count' },
  beneficiaries_by_district: { key: 'sgb2_lb', name: 'Regelleistungsberechtigte SGB II', definition: 'Regelleistungsberechtigte nach SGB II', unit: 'Personen', polarity: 'higher-is-worse', topic: 'Transferleistungen', targetGroups: ['poor'], kind: 'count' },
  inactive_beneficiaries_households_by_district: { key: 'sgb2_nef', name: 'Nicht erwerbsfähige Leistungsberechtigte SGB II', definition: 'Nicht erwerbsfähige Leistungsberechtigte in Bedarfsgemeinschaften nach SGB II (überwiegend unter 15 Jahren)', unit: 'Personen', polarity: 'higher-is-worse', topic: 'Transferleistungen', targetGroups: ['children', 'poor'], kind: 'count' },
  housing_benefit_by_district: { key: 'wohngeld', name: 'Wohngeldempfängerinnen und -empfänger', definition: 'Personen in Haushalten mit Wohngeld', unit: 'Personen', polarity: 'higher-is-worse', topic: 'Wohnen', targetGroups: ['poor'], kind: 'count' },
  risk_homelessness_by_district: { key: 'raeumungsklagen', name: 'Von Wohnungslosigkeit bedrohte Haushalte', definition: 'Haushalte mit Räumungsklage', unit: 'Haushalte', polarity: 'higher-is-worse', topic: 'Wohnen', targetGroups: ['homeless'], kind: 'count' },
};

/** Shares in percent: numerator key / denominator (a key, or a difference of two keys). */
export const derivedShares: Array<IndicatorDefinition & { numerator: string; denominator: [string, string?] }> = [
  { key: 'alq', name: 'Arbeitslosenanteil', definition: 'Arbeitslose je 100 Einwohner von 18 bis unter 65 Jahren', unit: '%', polarity: 'higher-is-worse', topic: 'Arbeit', targetGroups: ['job-seeking'], kind: 'share', numerator: 'arbeitslose', denominator: ['ew_18_65'] },
  { key: 'sgb2_quote', name: 'SGB-II-Quote', definition: 'Regelleistungsberechtigte nach SGB II je 100 Einwohner unter 65 Jahren', unit: '%', polarity: 'higher-is-worse', topic: 'Transferleistungen', targetGroups: ['poor'], kind: 'share', numerator: 'sgb2_lb', denominator: ['einwohner', 'ew_65plus'] },
  { key: 'kinderarmut', name: 'Kinderarmut (SGB II)', definition: 'Nicht erwerbsfähige Leistungsberechtigte nach SGB II je 100 Minderjährige (Näherung für Kinderarmut)', unit: '%', polarity: 'higher-is-worse', topic: 'Transferleistungen', targetGroups: ['children', 'poor'], kind: 'share', numerator: 'sgb2_nef', denominator: ['ew_u18'] },
  { key: 'wohngeld_quote', name: 'Wohngeldquote', definition: 'Wohngeldempfänger je 100 Einwohner', unit: '%', polarity: 'higher-is-worse', topic: 'Wohnen', targetGroups: ['poor'], kind: 'share', numerator: 'wohngeld', denominator: ['einwohner'] },
];

export const demoMethod = {
  key: 'flensburg-sozialindex',
  version: '2022.1',
  description: 'Status: Arbeitslosenanteil, SGB-II-Quote, Kinderarmut (gleich gewichtet); Dynamik: Veränderung über zwei Jahre in Prozentpunkten.',
  spaceType: 'social-space',
  populationIndicatorKey: 'einwohner',
  statusIndicators: ['alq', 'sgb2_quote', 'kinderarmut'].map((indicatorKey) => ({ indicatorKey, weight: 1, polarity: 'higher-is-worse' })),
  dynamicsIndicators: ['alq', 'sgb2_quote', 'kinderarmut'].map((indicatorKey) => ({ indicatorKey, weight: 1, polarity: 'higher-is-worse' })),
  dynamicsSource: 'difference',
  dynamicsPeriodYears: 2,
  minPopulation: 300,
};

interface Row {
  space_code: string;
  source_table: string;
  measure: string;
  year: string;
  value: string;
}

/** The values to import as one long CSV: space, period, indicator, value, numerator, denominator. */
export function buildValuesCsv(indicatorsLongCsv: string): { csv: string; rows: number } {
  const records = parse(indicatorsLongCsv, { columns: true, skip_empty_lines: true }) as Row[];
  const counts = new Map<string, number>(); // `${space}|${year}|${key}` → value
  for (const r of records) {
    const definition = countMeasures[r.source_table];
    if (!definition || r.measure !== 'residents' || r.value === '') continue;
    counts.set(`${r.space_code}|${r.year}|${definition.key}`, Number(r.value));
  }
  const lines = ['space_code,year,indicator,value,numerator,denominator'];
  for (const [id, value] of counts) {
    const [space, year, key] = id.split('|');
    lines.push(`${space},${year},${key},${value},,`);
  }
  const spaceYears = new Set([...counts.keys()].map((id) => id.split('|').slice(0, 2).join('|')));
  for (const spaceYear of spaceYears) {
    const [space, year] = spaceYear.split('|');
    const get = (key?: string) => (key === undefined ? 0 : counts.get(`${space}|${year}|${key}`));
    for (const share of derivedShares) {
      const numerator = get(share.numerator);
      const [base, minus] = share.denominator;
      const baseValue = get(base);
      const minusValue = get(minus);
      if (numerator === undefined || baseValue === undefined || minusValue === undefined) continue;
      const denominator = baseValue - minusValue;
      if (denominator <= 0) continue;
      lines.push(`${space},${year},${share.key},${((numerator / denominator) * 100).toFixed(4)},${numerator},${denominator}`);
    }
  }
  return { csv: `${lines.join('\n')}\n`, rows: lines.length - 1 };
}

/**
 * Each Stadtteil's residents in the newest year with a count: the space's population. The confidentiality
 * rules withhold every value of a space whose population is unknown (it cannot be shown to be large enough).
 */
export function latestPopulations(indicatorsLongCsv: string): Map<string, number> {
  const records = parse(indicatorsLongCsv, { columns: true, skip_empty_lines: true }) as Row[];
  const newest = new Map<string, { year: string; value: number }>();
  for (const r of records) {
    if (r.source_table !== 'residents_by_district' || r.measure !== 'residents' || r.value === '') continue;
    const known = newest.get(r.space_code);
    if (!known || r.year > known.year) newest.set(r.space_code, { year: r.year, value: Number(r.value) });
  }
  return new Map([...newest].map(([code, { value }]) => [code, value]));
}

export function readShared(path: string): Buffer {
  return readFileSync(path);
}
