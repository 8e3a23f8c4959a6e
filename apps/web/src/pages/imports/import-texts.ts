import type { components } from '../../generated/monitoring';

export type ImportView = components['schemas']['Import'];
export type ImportNote = NonNullable<NonNullable<ImportView['report']>['notes']>[number];
export type ImportReportData = NonNullable<ImportView['report']>;

/** What each symbol of the statistical offices' Zeichenerklärung means, as the report says it. */
export const NOTE_REASONS: Record<ImportNote['reason'], string> = {
  nothing: 'nichts vorhanden (als 0 gespeichert)',
  secret: 'Zahlenwert unbekannt oder geheim zu halten',
  later: 'Angabe fällt später an',
  uncertain: 'Zahlenwert nicht sicher genug',
  'not-applicable': 'Tabellenfach gesperrt (Aussage nicht sinnvoll)',
  'limited-reliability': 'Aussagewert eingeschränkt',
  provisional: 'vorläufige Zahl',
  revised: 'berichtigte Zahl',
  estimated: 'geschätzte Zahl',
  footnote: 'Fußnote',
};

export const SPACE_TYPES: Array<{ value: components['schemas']['SpaceType']; label: string }> = [
  { value: 'city', label: 'Stadt' },
  { value: 'district', label: 'Stadtbezirk' },
  { value: 'social-space', label: 'Sozialraum' },
  { value: 'planning-area', label: 'Planungsraum' },
  { value: 'statistical-area', label: 'Statistischer Bezirk' },
];

export const DELIMITERS: Record<string, string> = { ',': 'Komma', ';': 'Semikolon', '\t': 'Tabulator' };
export const ENCODINGS: Record<string, string> = { 'utf-8': 'UTF-8', 'windows-1252': 'Windows-1252 (ANSI)' };

const translations: Array<[RegExp, (m: RegExpExecArray) => string]> = [
  [/^unknown space "(.*)" of type (.*)$/, (m) => `Gebiet „${m[1]}“ ist unter den Räumen dieses Typs (${m[2]}) unbekannt`],
  [/^unknown space "(.*)"$/, (m) => `Gebiet „${m[1]}“ ist unbekannt`],
  [/^ambiguous space name "(.*)": (.*); restrict/, (m) => `Gebietsname „${m[1]}“ ist mehrdeutig (${m[2]}); bitte einen Raumtyp wählen`],
  [/^unknown indicator "(.*)"$/, (m) => `Indikator „${m[1]}“ ist unbekannt`],
  [/^not a number: "(.*)"$/, (m) => `keine Zahl: „${m[1]}“`],
  [/^missing space code$/, () => 'Gebiet fehlt'],
  [/^missing period$/, () => 'Zeitraum fehlt'],
  [/^invalid period: "(.*)"$/, (m) => `ungültiger Zeitraum: „${m[1]}“`],
  [/^missing value$/, () => 'Wert fehlt'],
  [/^duplicate row \(same space, indicator and period as line (\d+)\)$/, (m) => `doppelt (gleiches Gebiet, gleicher Indikator und Zeitraum wie Zeile ${m[1]})`],
  [/^value out of range for .* "(.*)": (.*) \(allowed (.*)\)$/, (m) => `Wert ${m[2]} liegt außerhalb des Zulässigen für „${m[1]}“ (${m[3]})`],
  [/^wrong number of cells: expected (\d+), found (\d+)$/, (m) => `falsche Zahl von Zellen: ${m[2]} statt ${m[1]}`],
];

/** The server's reason for a rejected row in German; reasons not known here stay as the server wrote them. */
export function germanReason(reason: string): string {
  for (const [pattern, text] of translations) {
    const match = pattern.exec(reason);
    if (match) return text(match);
  }
  return reason;
}

const csvCell = (value: string | number | null) => {
  const text = value === null ? '' : String(value);
  // A leading =, +, - or @ would run as a formula in Excel.
  const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
  return /[";\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** The row report as CSV for German Excel (semicolons, BOM): rejected rows and notes, by line. */
export function reportCsv(report: ImportReportData): string {
  const header = ['Zeile', 'Spalte', 'Gebiet', 'Indikator', 'Zeitraum', 'Art', 'Zeichen', 'Bedeutung', 'Gespeicherter Wert'];
  const rows: Array<Array<string | number | null>> = [
    ...(report.rejected ?? []).map((r) => [r.line, r.column ?? null, null, null, null, 'abgelehnt', null, germanReason(r.reason), null]),
    ...(report.notes ?? []).map((n) => [n.line, n.column, n.space, n.indicator, n.period, 'Hinweis', n.symbol, NOTE_REASONS[n.reason], n.value === null ? null : String(n.value).replace('.', ',')]),
  ].sort((a, b) => Number(a[0] ?? 0) - Number(b[0] ?? 0));
  return `\uFEFF${[header, ...rows].map((row) => row.map(csvCell).join(';')).join('\r\n')}\r\n`;
}

/** "31.12.2022" → "2022-12-31" (the API's form); "2022" and "2022-12-31" stay. */
export function isoPeriod(text: string): string {
  const german = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text.trim());
  return german ? `${german[3]}-${german[2]!.padStart(2, '0')}-${german[1]!.padStart(2, '0')}` : text.trim();
}
