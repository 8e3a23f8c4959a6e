import { z } from 'zod';
import { formatEuro } from '../../../lib/format';

const CHOOSE = 'Bitte wählen Sie eine Möglichkeit.';

/** German messages for the contracts' zod schemas, so the browser checks exactly what the server checks. */
export const germanErrorMap: z.ZodErrorMap = (issue, ctx) => {
  switch (issue.code) {
    case z.ZodIssueCode.invalid_type:
      // An enum nobody chose (radios send null): its expected type reads `'approve' | 'return'`.
      if ((issue.received === 'undefined' || issue.received === 'null') && issue.expected.includes('|')) return { message: CHOOSE };
      if (issue.received === 'undefined' || issue.received === 'null') return { message: 'Bitte ausfüllen.' };
      if (issue.expected === 'integer' && issue.received === 'float') return { message: 'Bitte eine ganze Zahl angeben.' };
      if (issue.expected === 'number' || issue.expected === 'integer') return { message: 'Bitte eine Zahl angeben.' };
      return { message: 'Bitte prüfen Sie diese Angabe.' };
    case z.ZodIssueCode.too_small:
      if (issue.type === 'string') return { message: issue.minimum === 1 ? 'Bitte ausfüllen.' : `Mindestens ${issue.minimum} Zeichen.` };
      if (issue.type === 'array') return { message: issue.minimum === 1 ? 'Bitte mindestens einen Eintrag angeben.' : `Bitte mindestens ${issue.minimum} Einträge angeben.` };
      return { message: `Mindestens ${Number(issue.minimum).toLocaleString('de-DE')}.` };
    case z.ZodIssueCode.too_big:
      if (issue.type === 'string') return { message: `Höchstens ${issue.maximum} Zeichen.` };
      if (issue.type === 'array') return { message: `Höchstens ${issue.maximum} Einträge.` };
      return { message: `Höchstens ${Number(issue.maximum).toLocaleString('de-DE')}.` };
    case z.ZodIssueCode.invalid_enum_value:
      return { message: CHOOSE };
    case z.ZodIssueCode.not_finite:
      return { message: 'Bitte eine Zahl angeben.' };
    default:
      return { message: toGerman(ctx.defaultError) };
  }
};

/** The contracts' own messages (refinements and regexes carry English text for the API). */
const GERMAN: Record<string, string> = {
  'must be a date YYYY-MM-DD': 'Bitte ein Datum angeben.',
  'must be a real calendar date': 'Dieses Datum gibt es nicht.',
  'must be a short key of lowercase letters, digits and dashes': 'Nur Kleinbuchstaben, Ziffern und Bindestriche, höchstens 40 Zeichen.',
  'name at least one responsible department': 'Bitte mindestens einen zuständigen Fachbereich wählen.',
  'returning needs comments': 'Bitte begründen Sie die Rückgabe.',
  'propose at least one measure, or decline with a reason': 'Bitte schlagen Sie mindestens eine Maßnahme vor, oder lehnen Sie mit Begründung ab.',
  'rejecting or returning needs a reason': 'Bitte begründen Sie die Ablehnung oder Rückgabe.',
  Required: 'Bitte ausfüllen.',
  'Invalid input': 'Bitte prüfen Sie diese Angabe.',
  // The workflow's phase rules (contracts: PhaseRuleViolated), as the server reports them at the field.
  'participation can only be closed with at least one documented format in this cycle':
    'Die Beteiligung kann erst abgeschlossen werden, wenn in diesem Zyklus mindestens ein Beteiligungsformat dokumentiert ist.',
};

const euro = (amount: string) => (amount === 'none' ? 'kein Betrag' : formatEuro(Number(amount)));

/** Messages with a variable part: the workflow's phase rules and zod's defaults, as the server sends them. */
const PATTERNS: Array<[RegExp, (m: RegExpExecArray) => string]> = [
  [/^need keys must be unique; repeated: (.+)$/, (m) => `Jeder Handlungsbedarf braucht einen eigenen Kurznamen; mehrfach vergeben: ${m[1]}.`],
  [/^must be one of this department's needs/, () => 'Bitte einen Handlungsbedarf Ihres Fachbereichs wählen.'],
  [/^ends before it starts/, () => 'Das Ende liegt vor dem Beginn.'],
  [
    /^the planned budget changed since the decision task opened: shown (\S+), now (\S+)$/,
    (m) => `Das geplante Budget hat sich geändert, seit die Entscheidung geöffnet wurde: gezeigt wurde ${euro(m[1] ?? '')}, jetzt sind es ${euro(m[2] ?? '')}.`,
  ],
  [/^approving needs the planned budget as shown/, () => 'Das geplante Budget der Maßnahme fehlt; bitte laden Sie die Seite neu.'],
  [/^decide every measure of the package exactly once/, () => 'Bitte entscheiden Sie über jede Maßnahme des Pakets genau einmal.'],
  [/^this task evaluates /, () => 'Diese Aufgabe bewertet eine andere Maßnahme.'],
  [/^must be one of /, () => 'Diese Maßnahme gehört nicht zu dieser Aufgabe.'],
  [/^String must contain at least 1 character/, () => 'Bitte ausfüllen.'],
  [/^String must contain at most (\d+) character/, (m) => `Höchstens ${m[1]} Zeichen.`],
  [/^Array must contain at least 1 element/, () => 'Bitte mindestens einen Eintrag angeben.'],
  [/^Array must contain at most (\d+) element/, (m) => `Höchstens ${m[1]} Einträge.`],
  [/^Number must be greater than or equal to (-?[\d.]+)/, (m) => `Mindestens ${Number(m[1]).toLocaleString('de-DE')}.`],
  [/^Number must be less than or equal to (-?[\d.]+)/, (m) => `Höchstens ${Number(m[1]).toLocaleString('de-DE')}.`],
  [/^Expected integer, received float/, () => 'Bitte eine ganze Zahl angeben.'],
  [/^Expected number, received/, () => 'Bitte eine Zahl angeben.'],
  [/^Invalid enum value/, () => CHOOSE],
];

/** Messages a schema states itself bypass the error map; this translates them too (unknown ones stay as they are). */
export function toGerman(message: string): string {
  if (GERMAN[message]) return GERMAN[message];
  for (const [pattern, german] of PATTERNS) {
    const match = pattern.exec(message);
    if (match) return german(match);
  }
  return message;
}

/** What the server said about a field, in German; its English words never reach the person. */
export function serverFieldMessage(detail: string): string {
  const german = toGerman(detail);
  return german !== detail ? german : 'Der Server hat diese Angabe nicht angenommen. Bitte prüfen Sie sie.';
}
