import type { MeasureStatus } from '@sozialraum/contracts';

/** German words for the codes, where people read them rather than programs (the exports for Excel). */

export const STATUS_LABELS: Readonly<Record<MeasureStatus, string>> = {
  proposed: 'vorgeschlagen',
  approved: 'beschlossen',
  rejected: 'abgelehnt',
  returned: 'zurückgegeben',
  'in-progress': 'in Umsetzung',
  paused: 'pausiert',
  completed: 'abgeschlossen',
  cancelled: 'abgebrochen',
};

export const TRAFFIC_LIGHT_LABELS: Readonly<Record<string, string>> = { green: 'grün', yellow: 'gelb', red: 'rot' };

export const TARGET_GROUP_LABELS: Readonly<Record<string, string>> = {
  refugees: 'Geflüchtete',
  'people-with-disabilities': 'Menschen mit Behinderungen',
  homeless: 'Wohnungslose',
  poor: 'von Armut Betroffene',
  'job-seeking': 'Arbeitsuchende',
  sick: 'Kranke',
  old: 'Ältere',
  'care-dependent': 'Pflegebedürftige',
  children: 'Kinder',
  youth: 'Jugendliche',
  families: 'Familien',
  'single-parents': 'Alleinerziehende',
};

/** A code without a label (a newer one) shows as itself rather than as a blank. */
export const labelOf = (labels: Readonly<Record<string, string>>, code: string): string => labels[code] ?? code;
