import { collator } from '../../lib/format';
import { type Disclosed, visibleValue } from '../../lib/disclosed';

/**
 * Class colours from viridis (sequential, told apart with every common colour-vision deficiency and in
 * grey-scale); dark = the less favourable end. Withheld and missing values get hatching-free neutral tones and a
 * word in the legend, table and hover text, so nothing depends on colour alone.
 */
export const VIRIDIS_5 = ['#fde725', '#5ec962', '#21918c', '#3b528b', '#440154'] as const;
export const NO_VALUE_COLOUR = '#ffffff';
export const SUPPRESSED_COLOUR = '#bdbdbd';

export type View = 'status' | 'dynamics' | 'indicator';

export interface LegendEntry {
  key: string;
  label: string;
  colour: string;
}

/** Berlin MSS classes: status 1 (high) … 4 (very low), dynamics 1 (positive), 3 (stable), 5 (negative). */
export const STATUS_CLASSES: LegendEntry[] = [
  { key: '1', label: '1 – hoch', colour: VIRIDIS_5[0] },
  { key: '2', label: '2 – mittel', colour: VIRIDIS_5[1] },
  { key: '3', label: '3 – niedrig', colour: VIRIDIS_5[3] },
  { key: '4', label: '4 – sehr niedrig', colour: VIRIDIS_5[4] },
];
export const DYNAMICS_CLASSES: LegendEntry[] = [
  { key: '1', label: '1 – positiv', colour: VIRIDIS_5[0] },
  { key: '3', label: '3 – stabil', colour: VIRIDIS_5[2] },
  { key: '5', label: '5 – negativ', colour: VIRIDIS_5[4] },
];

/** One space of the map as the table and the map show it. */
export interface MapRow {
  code: string;
  name: string;
  /** What the table shows: a class label, a German number, "geheim" or "–". */
  text: string;
  /** For sorting: the class or value, null for none. */
  sortValue: number | null;
  suppressed: boolean;
  colour: string;
}

/** An outline of GET /v1/map/outlines: the geometry with the space's code and name, no figures. */
export interface MapFeature {
  type: 'Feature';
  geometry: unknown;
  properties: { code: string; name: string };
}

/** What a space shows: its name from the outlines, its classes and values from GET /v1/map/classes. */
export interface MapSpace {
  code: string;
  name: string;
  statusClass: number | null;
  dynamicsClass: number | null;
  values: Record<string, Disclosed>;
}

/** The outlines joined with the classes by code (a space the classes do not name has none). */
export function joinByCode(outlines: MapFeature[], classes: { spaces: Record<string, Omit<MapSpace, 'code' | 'name'>> }): MapSpace[] {
  return outlines.map(({ properties: { code, name } }) => {
    const c = classes.spaces[code];
    return { code, name, statusClass: c?.statusClass ?? null, dynamicsClass: c?.dynamicsClass ?? null, values: c?.values ?? {} };
  });
}

const numberFormat = new Intl.NumberFormat('de-DE', { maximumFractionDigits: 2 });

/** Five equal-interval classes between the smallest and largest visible value (a legend reads them easily). */
export function indicatorClasses(values: number[], polarity: string): LegendEntry[] {
  if (values.length === 0) return [];
  const min = Math.min(...values);
  const max = Math.max(...values);
  const steps = min === max ? 1 : 5;
  const width = (max - min) / steps;
  return Array.from({ length: steps }, (_, i) => {
    const low = min + i * width;
    const high = i === steps - 1 ? max : min + (i + 1) * width;
    // Where higher is better, the dark end is the low values.
    const colour = VIRIDIS_5[polarity === 'higher-is-better' ? steps - 1 - i : steps === 1 ? 2 : i] as string;
    return { key: String(i), label: `${numberFormat.format(low)} bis ${numberFormat.format(high)}`, colour };
  });
}

export function classIndex(value: number, values: number[]): number {
  const min = Math.min(...values);
  const max = Math.max(...values);
  if (min === max) return 0;
  return Math.min(4, Math.floor(((value - min) / (max - min)) * 5));
}

/** The rows of the map and table for the chosen view. */
export function mapRows(spaces: MapSpace[], view: View, indicatorKey: string | undefined, polarity: string): { rows: MapRow[]; legend: LegendEntry[] } {
  if (view !== 'indicator' || !indicatorKey) {
    const classes = view === 'status' ? STATUS_CLASSES : DYNAMICS_CLASSES;
    const property = view === 'status' ? 'statusClass' : 'dynamicsClass';
    const rows = spaces.map((s) => {
      const cls = s[property];
      const entry = classes.find((c) => c.key === String(cls));
      return { code: s.code, name: s.name, text: entry?.label ?? 'ohne Klasse', sortValue: cls, suppressed: false, colour: entry?.colour ?? NO_VALUE_COLOUR };
    });
    return { rows: sortRows(rows, 'name', 'ascending'), legend: [...classes, { key: 'none', label: 'ohne Klasse (nicht bewertet)', colour: NO_VALUE_COLOUR }] };
  }
  const values = spaces.map((s) => s.values[indicatorKey] as Disclosed | undefined);
  const visible = values.map(visibleValue).filter((v): v is number => v !== null);
  const legend = indicatorClasses(visible, polarity);
  const rows = spaces.map((s, i) => {
    const value = values[i];
    const shown = visibleValue(value);
    const suppressed = !!value?.suppressed;
    const colour = shown !== null ? (legend[classIndex(shown, visible)]?.colour ?? NO_VALUE_COLOUR) : suppressed ? SUPPRESSED_COLOUR : NO_VALUE_COLOUR;
    return { code: s.code, name: s.name, text: suppressed ? 'geheim' : shown === null ? '–' : numberFormat.format(shown), sortValue: shown, suppressed, colour };
  });
  return {
    rows: sortRows(rows, 'name', 'ascending'),
    legend: [...legend, { key: 'suppressed', label: 'geheim (Geheimhaltung)', colour: SUPPRESSED_COLOUR }, { key: 'none', label: 'kein Wert', colour: NO_VALUE_COLOUR }],
  };
}

export type SortColumn = 'code' | 'name' | 'value';
export type SortDirection = 'ascending' | 'descending';

/** Sorted by the column; rows without a value always last. */
export function sortRows(rows: MapRow[], column: SortColumn, direction: SortDirection): MapRow[] {
  const sign = direction === 'ascending' ? 1 : -1;
  return [...rows].sort((a, b) => {
    if (column === 'value') {
      if (a.sortValue === null || b.sortValue === null) return a.sortValue === b.sortValue ? collator.compare(a.name, b.name) : a.sortValue === null ? 1 : -1;
      return sign * (a.sortValue - b.sortValue);
    }
    return sign * collator.compare(a[column], b[column]);
  });
}
