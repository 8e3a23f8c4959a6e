import { labelOf, STATUS_LABELS, TARGET_GROUP_LABELS, TRAFFIC_LIGHT_LABELS } from './labels';
import type { ListedMeasure } from './measure';

/** One measure of the overview's list as the exports for people show it. */
export type ExportRow = ListedMeasure & { progress: number };

/** text: as is; integer and money: numbers (money in €, summed); date: an ISO calendar date. */
export type ColumnKind = 'text' | 'integer' | 'money' | 'date';
export type ExportValue = string | number | null;

export interface ExportColumn {
  header: string;
  kind: ColumnKind;
  value: (row: ExportRow) => ExportValue;
  /** The sums row adds this column up. */
  summed?: boolean;
  /** Width in characters, for the workbook. */
  width: number;
}

/** The columns of the exports for people (format csv-excel and xlsx), German headers, in this order. */
export const EXPORT_COLUMNS: readonly ExportColumn[] = [
  { header: 'Maßnahme', kind: 'text', value: (r) => r.title, width: 40 },
  { header: 'Referat', kind: 'text', value: (r) => r.department, width: 14 },
  { header: 'Status', kind: 'text', value: (r) => labelOf(STATUS_LABELS, r.status), width: 14 },
  { header: 'Sozialräume', kind: 'text', value: (r) => r.spaces.join(', '), width: 18 },
  { header: 'Zielgruppen', kind: 'text', value: (r) => r.targetGroups.map((g) => labelOf(TARGET_GROUP_LABELS, g)).join(', '), width: 28 },
  { header: 'Strategiezyklus', kind: 'text', value: (r) => r.cycleId, width: 18 },
  { header: 'Ampel', kind: 'text', value: (r) => (r.trafficLight ? labelOf(TRAFFIC_LIGHT_LABELS, r.trafficLight) : null), width: 8 },
  { header: 'Fortschritt (%)', kind: 'integer', value: (r) => r.progress, width: 14 },
  { header: 'Letzter Bericht', kind: 'date', value: (r) => r.lastReportOn, width: 14 },
  { header: 'Bericht fehlt', kind: 'text', value: (r) => (r.reportMissing ? 'ja' : 'nein'), width: 12 },
  { header: 'Überfällige Meilensteine', kind: 'integer', value: (r) => r.overdueMilestones, summed: true, width: 12 },
  { header: 'Budget geplant (€)', kind: 'money', value: (r) => r.budgetPlanned, summed: true, width: 16 },
  { header: 'Budget bewilligt (€)', kind: 'money', value: (r) => r.budgetApproved, summed: true, width: 16 },
  { header: 'Budget ausgegeben (€)', kind: 'money', value: (r) => r.budgetSpent, summed: true, width: 16 },
  { header: 'Finanzierung', kind: 'text', value: (r) => r.fundingSource, width: 20 },
  { header: 'Beginn', kind: 'date', value: (r) => r.startsOn, width: 12 },
  { header: 'Ende', kind: 'date', value: (r) => r.endsOn, width: 12 },
  { header: 'ID', kind: 'text', value: (r) => r.id, width: 38 },
];

/** The sum of a summed column over the rows (empty cells count as 0), to the cent. */
export const columnSum = (column: ExportColumn, rows: readonly ExportRow[]): number =>
  Math.round(rows.reduce((sum, row) => sum + (Number(column.value(row)) || 0), 0) * 100) / 100;
