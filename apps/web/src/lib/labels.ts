import type { PARTICIPATION_FORMATS, TARGET_GROUPS } from '@sozialraum/contracts/browser';

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

/** Traffic lights always carry words: colour alone says nothing to some people. */
export const TRAFFIC_LIGHT_LABELS: Record<string, string> = { green: 'Im Plan', yellow: 'Gefährdet', red: 'Kritisch' };

export const TASK_STATUS_LABELS: Record<string, string> = { open: 'Offen', completed: 'Erledigt', cancelled: 'Abgebrochen' };

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

/*
 * The task forms' choices. Until packages/contracts carries German labels for them, they live here
 * (one place); `Record` over the contracts' lists, so a new choice without a label does not compile.
 */
export const TARGET_GROUP_LABELS: Record<(typeof TARGET_GROUPS)[number], string> = {
  refugees: 'Geflüchtete',
  'people-with-disabilities': 'Menschen mit Behinderungen',
  homeless: 'Wohnungslose Menschen',
  poor: 'Von Armut betroffene Menschen',
  'job-seeking': 'Arbeitsuchende',
  sick: 'Kranke Menschen',
  old: 'Ältere Menschen',
  'care-dependent': 'Pflegebedürftige Menschen',
  children: 'Kinder',
  youth: 'Jugendliche',
  families: 'Familien',
  'single-parents': 'Alleinerziehende',
};
export const targetGroupLabel = (key: string): string => (TARGET_GROUP_LABELS as Record<string, string>)[key] ?? key;

export const PARTICIPATION_FORMAT_LABELS: Record<(typeof PARTICIPATION_FORMATS)[number], string> = {
  workshop: 'Workshop',
  survey: 'Befragung',
  'neighbourhood-conference': 'Stadtteilkonferenz',
  walk: 'Stadtteilspaziergang',
  interview: 'Interview',
};
export const participationFormatLabel = (key: string): string => (PARTICIPATION_FORMAT_LABELS as Record<string, string>)[key] ?? key;

/** The steering committee's decision on each measure of a package. */
export const DECISION_LABELS = { approve: 'Beschließen', reject: 'Ablehnen', return: 'Zur Überarbeitung zurückgeben' } as const;
/** The working group's review of goals and needs. */
export const REVIEW_DECISION_LABELS = { approve: 'Freigeben', return: 'Mit Anmerkungen zurückgeben' } as const;
/** What should happen with an evaluated measure. */
export const RECOMMENDATION_LABELS = { continue: 'Fortführen', adapt: 'Anpassen', stop: 'Beenden' } as const;
/** Traffic lights to choose from: colour and meaning in words. */
export const TRAFFIC_LIGHT_CHOICES = { green: 'Grün – im Plan', yellow: 'Gelb – gefährdet', red: 'Rot – kritisch' } as const;
