/**
 * The `type` URIs of the problems (RFC 9457) the strategy service answers for task actions, so clients tell
 * them apart without reading the English `detail`; the German messages are what the web app shows.
 */
const PROBLEM_BASE = 'https://sozialraum.example/problems/';

export const TASK_PROBLEM_SLUGS = [
  'task-not-found',
  'task-not-open',
  'task-claimed-by-other',
  'not-candidate',
  'not-assignee',
  'delegate-not-candidate',
  'completion-in-progress',
  'invalid-task-result',
  'phase-rule-violated',
  'budget-changed',
  'cycle-not-running',
  'cycle-unavailable',
  'directory-unavailable',
] as const;
export type TaskProblemSlug = (typeof TASK_PROBLEM_SLUGS)[number];

export const taskProblemType = (slug: TaskProblemSlug): string => `${PROBLEM_BASE}${slug}`;

export const TASK_PROBLEM_LABELS: Record<TaskProblemSlug, string> = {
  'task-not-found': 'Diese Aufgabe gibt es nicht, oder sie liegt nicht in Ihrem Bereich.',
  'task-not-open': 'Diese Aufgabe ist bereits erledigt oder entfallen.',
  'task-claimed-by-other': 'Diese Aufgabe hat bereits jemand anderes übernommen.',
  'not-candidate': 'Sie gehören nicht zu den Gruppen, die diese Aufgabe bearbeiten.',
  'not-assignee': 'Nur die Person, die die Aufgabe übernommen hat (oder die Sozialplanung), kann sie zurückgeben.',
  'delegate-not-candidate': 'Die gewählte Person gehört nicht zu den Gruppen, die diese Aufgabe bearbeiten.',
  'completion-in-progress': 'Diese Aufgabe wird gerade abgeschlossen. Bitte versuchen Sie es gleich noch einmal.',
  'invalid-task-result': 'Bitte prüfen Sie die markierten Angaben.',
  'phase-rule-violated': 'Die Angaben passen nicht zu den Regeln dieser Phase des Strategiezyklus.',
  'budget-changed':
    'Das geplante Budget einer Maßnahme hat sich geändert, seit diese Entscheidung geöffnet wurde. Die Aufgabe zeigt jetzt den neuen Betrag; bitte prüfen und entscheiden Sie erneut.',
  'cycle-not-running': 'Der Strategiezyklus läuft nicht (pausiert, abgebrochen oder abgeschlossen).',
  'cycle-unavailable': 'Der Strategiezyklus hat nicht rechtzeitig geantwortet. Bitte senden Sie die Angaben erneut; sie werden nie doppelt übernommen.',
  'directory-unavailable': 'Das Benutzerverzeichnis antwortet gerade nicht. Bitte versuchen Sie es gleich noch einmal.',
};
