import type { TaskStatus } from './cycle';
import type {
  DECISIONS,
  PARTICIPATION_FORMATS,
  PROPOSAL_DECISIONS,
  RECOMMENDATIONS,
  REVIEW_DECISIONS,
  TARGET_GROUPS,
  TRAFFIC_LIGHTS,
} from './forms';
import type { CycleStatus } from './phases';

/**
 * German labels of the forms' choices and of the states the inbox shows, for the web app (code speaks
 * English, the UI German). `Record` over each list: a new choice without a label does not compile.
 */
export const PARTICIPATION_FORMAT_LABELS: Record<(typeof PARTICIPATION_FORMATS)[number], string> = {
  workshop: 'Workshop',
  survey: 'Befragung',
  'neighbourhood-conference': 'Stadtteilkonferenz',
  walk: 'Stadtteilspaziergang',
  interview: 'Interview',
};

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

/** The steering committee's decision on each measure of the package (`decide-package`). */
export const DECISION_LABELS: Record<(typeof DECISIONS)[number], string> = {
  approve: 'Genehmigen',
  reject: 'Ablehnen',
  return: 'Zur Überarbeitung zurückgeben',
};

/** The working group's review of goals and needs (`review-goals`). */
export const REVIEW_DECISION_LABELS: Record<(typeof REVIEW_DECISIONS)[number], string> = {
  approve: 'Freigeben',
  return: 'Zur Überarbeitung zurückgeben',
};

/** A department's answer to `propose-measures`. */
export const PROPOSAL_DECISION_LABELS: Record<(typeof PROPOSAL_DECISIONS)[number], string> = {
  propose: 'Maßnahmen vorschlagen',
  decline: 'Keine Maßnahmen vorschlagen (mit Begründung)',
};

/** `evaluate-measure`: what should happen with the measure next. */
export const RECOMMENDATION_LABELS: Record<(typeof RECOMMENDATIONS)[number], string> = {
  continue: 'Fortführen',
  adapt: 'Anpassen',
  stop: 'Beenden',
};

export const TRAFFIC_LIGHT_LABELS: Record<(typeof TRAFFIC_LIGHTS)[number], string> = {
  green: 'Im Plan (grün)',
  yellow: 'Gefährdet (gelb)',
  red: 'Kritisch (rot)',
};

export const TASK_STATUS_LABELS: Record<TaskStatus, string> = {
  open: 'Offen',
  completed: 'Erledigt',
  cancelled: 'Entfallen',
};

export const CYCLE_STATUS_LABELS: Record<CycleStatus, string> = {
  running: 'Läuft',
  suspended: 'Pausiert',
  completed: 'Abgeschlossen',
  cancelled: 'Abgebrochen',
};

/** What happened to a task, as its history (`GET /v1/tasks/{id}/history`) lists it. */
export const TASK_HISTORY_KINDS = ['created', 'claimed', 'unclaimed', 'delegated', 'commented', 'reminder', 'escalated', 'completed', 'cancelled'] as const;
export type TaskHistoryKind = (typeof TASK_HISTORY_KINDS)[number];

export const TASK_HISTORY_LABELS: Record<TaskHistoryKind, string> = {
  created: 'Aufgabe erstellt',
  claimed: 'Übernommen',
  unclaimed: 'Zurückgegeben',
  delegated: 'Übertragen',
  commented: 'Kommentiert',
  reminder: 'Erinnerung versandt',
  escalated: 'Eskaliert',
  completed: 'Erledigt',
  cancelled: 'Entfallen',
};
