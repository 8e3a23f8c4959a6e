import { PARTICIPATION_FORMAT_LABELS, RECOMMENDATION_LABELS, TARGET_GROUP_LABELS } from '@sozialraum/contracts/browser';

/** German names of the keys the APIs use, for what only the app shows. */
export const DEPARTMENT_LABELS: Record<string, string> = {
  soziales: 'Soziales',
  jugend: 'Jugend',
  gesundheit: 'Gesundheit',
  wohnen: 'Wohnen',
  stadtplanung: 'Stadtplanung',
};
export const departmentLabel = (key: string | null | undefined): string => (key ? (DEPARTMENT_LABELS[key] ?? key) : '–');

export const MEASURE_STATUS_LABELS: Record<string, string> = {
  proposed: 'Vorgeschlagen',
  approved: 'Beschlossen',
  rejected: 'Abgelehnt',
  returned: 'Zurückgegeben',
  'in-progress': 'In Umsetzung',
  paused: 'Pausiert',
  completed: 'Abgeschlossen',
  cancelled: 'Abgebrochen',
};
export const measureStatusLabel = (status: string): string => MEASURE_STATUS_LABELS[status] ?? status;

/** The contracts' labels (forms, task states); traffic lights always carry words, never colour alone. */
export { TASK_STATUS_LABELS, TRAFFIC_LIGHT_LABELS } from '@sozialraum/contracts/browser';

/** Candidate groups as people name them. */
export function candidateGroupLabel(group: string): string {
  if (group.startsWith('role:')) return { planner: 'Sozialplanung', coordinator: 'Quartierskoordination', 'steering-committee': 'Lenkungskreis' }[group.slice(5)] ?? group.slice(5);
  const path = group.replace(/^group:\//, '');
  const [kind, key = ''] = path.split('/');
  if (kind === 'departments') return `Fachbereich ${departmentLabel(key)}`;
  if (kind === 'coordination') return `Quartierskoordination ${key}`;
  if (kind === 'committees') return { 'working-group': 'Arbeitskreis Sozialraum', 'steering-committee': 'Lenkungskreis' }[key] ?? key;
  return path;
}

/** Labels of the contracts' lists, for the pages that show target groups and recommendations. */
export { RECOMMENDATION_LABELS, TARGET_GROUP_LABELS } from '@sozialraum/contracts/browser';
export const targetGroupLabel = (key: string): string => (TARGET_GROUP_LABELS as Record<string, string>)[key] ?? key;
export const recommendationLabel = (key: string): string => (RECOMMENDATION_LABELS as Record<string, string>)[key] ?? key;
export const participationFormatLabel = (key: string): string => (PARTICIPATION_FORMAT_LABELS as Record<string, string>)[key] ?? key;
