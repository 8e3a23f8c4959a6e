import { TASK_PROBLEM_LABELS } from '@sozialraum/contracts/browser';

/** An RFC 9457 problem as the services send it. */
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: Array<{ pointer: string; detail: string }>;
  [extension: string]: unknown;
}

/** A failed API call: the HTTP status (0 when the server was not reached) and the problem it answered. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
    this.name = 'ApiError';
  }

  /** The last segment of the problem type URI, e.g. `task-not-open`. */
  get kind(): string | undefined {
    return this.problem.type && this.problem.type !== 'about:blank' ? this.problem.type.split('/').pop() : undefined;
  }
}

const byKind: Record<string, string> = TASK_PROBLEM_LABELS;

const byStatus: Record<number, string> = {
  0: 'Der Server ist nicht erreichbar. Bitte prüfen Sie Ihre Verbindung; Ihre Eingaben bleiben erhalten.',
  400: 'Die Eingaben sind unvollständig oder ungültig. Bitte prüfen Sie die markierten Felder.',
  401: 'Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an.',
  403: 'Dafür fehlt Ihnen die Berechtigung.',
  404: 'Nicht gefunden: Es wurde entfernt, oder Sie haben keinen Zugriff darauf.',
  409: 'Die Daten wurden inzwischen geändert. Bitte laden Sie die Seite neu und versuchen Sie es noch einmal.',
  413: 'Die Datei ist zu groß.',
  422: 'Der Server hat die Eingaben nicht angenommen.',
  429: 'Zu viele Anfragen in kurzer Zeit. Bitte warten Sie einen Moment.',
  502: 'Ein Dienst ist gerade nicht erreichbar. Ihre Eingaben bleiben erhalten; bitte versuchen Sie es gleich noch einmal.',
  503: 'Ein Dienst ist gerade nicht verfügbar. Ihre Eingaben bleiben erhalten; bitte versuchen Sie es gleich noch einmal.',
  504: 'Ein Dienst hat nicht rechtzeitig geantwortet. Bitte versuchen Sie es gleich noch einmal.',
};

/** What to tell a person about a failed call, in German; the server's own (English) detail is shown apart. */
export function problemMessage(error: unknown): string {
  if (!(error instanceof ApiError)) return byStatus[0]!;
  return (error.kind && byKind[error.kind]) ?? byStatus[error.status] ?? (error.status >= 500 ? 'Ein unerwarteter Fehler ist aufgetreten. Bitte versuchen Sie es später noch einmal.' : byStatus[400]!);
}

/**
 * Field errors of a problem as form paths: `/result/measures/0/title` → `measures.0.title` (below `prefix`),
 * for react-hook-form's setError.
 */
export function fieldErrors(error: unknown, prefix = '/body'): Array<{ path: string; detail: string }> {
  if (!(error instanceof ApiError)) return [];
  return (error.problem.errors ?? [])
    .filter((e) => e.pointer.startsWith(`${prefix}/`))
    .map((e) => ({ path: e.pointer.slice(prefix.length + 1).split('/').join('.'), detail: e.detail }));
}
