import { z } from 'zod';

/** German messages for the contracts' zod schemas, so the browser checks exactly what the server checks. */
export const germanErrorMap: z.ZodErrorMap = (issue, ctx) => {
  switch (issue.code) {
    case z.ZodIssueCode.invalid_type:
      if (issue.received === 'undefined' || issue.received === 'null') return { message: 'Bitte ausfüllen.' };
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
      return { message: 'Bitte eine der Möglichkeiten wählen.' };
    case z.ZodIssueCode.not_finite:
      return { message: 'Bitte eine Zahl angeben.' };
    default:
      return { message: GERMAN[ctx.defaultError] ?? ctx.defaultError };
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
};

/** Messages a schema states itself bypass the error map; this translates them too. */
export const toGerman = (message: string): string => GERMAN[message] ?? message;
