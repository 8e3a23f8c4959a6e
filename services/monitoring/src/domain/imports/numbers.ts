export type DecimalStyle = 'comma' | 'point';

/**
 * Why a cell holds no number, or what a number's mark says, after the Statistisches Bundesamt's
 * Zeichenerklärung (see docs/monitoring.md#numbers-as-statistical-offices-write-them).
 */
export type CellReason =
  | 'nothing' // "–" or "-": nothing there, exactly 0 — the one symbol that is a value
  | 'secret' // ".": unknown or kept secret
  | 'later' // "…" or "...": will be published later
  | 'uncertain' // "/": not given, the number is not reliable enough
  | 'not-applicable' // "x": the cell is locked, a figure would make no sense
  | 'limited-reliability' // "(123)" or "()": statistically rather uncertain
  | 'provisional' // "p"
  | 'revised' // "r"
  | 'estimated' // "s"
  | 'footnote'; // ¹, *, "1)", "a)": see the table's footnotes

/** One cell as read: a number (with what its marks said), no number for a reason, empty, or not a number. */
export type CellReading =
  | { kind: 'number'; value: number; notes: CellNote[] }
  | { kind: 'missing'; notes: CellNote[] }
  | { kind: 'empty' }
  | { kind: 'invalid' };

export interface CellNote {
  symbol: string;
  reason: CellReason;
}

const SPACES = /[ \u00a0\u202f\u2009\u2007]/g; // space, no-break, narrow no-break, thin, figure space
const MINUS = /^[-\u2212\u2013\u2012]$/; // hyphen-minus, minus sign, en dash, figure dash before digits
const PLAIN_NUMBER = /^-?\d+([.,]\d+)?$/;
const POINT_NUMBER = /^(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
// German: optional "." thousands groups, "," decimals: 1.234,5  4,83  1234
const COMMA_NUMBER = /^(\d{1,3}(\.\d{3})+|\d+)(,\d+)?$/;
// Thousands by spaces must be real groups of three: "1 675" is 1675, "12 34" is no number.
const SPACE_GROUPED = /^\d{1,3}(\s\d{3})+([.,]\d+)?$/;

const MISSING_SYMBOLS: Record<string, CellReason> = {
  '.': 'secret',
  '\u00b7': 'secret',
  '\u2026': 'later',
  '...': 'later',
  '/': 'uncertain',
  x: 'not-applicable',
  X: 'not-applicable',
  '()': 'limited-reliability',
};
/** The notes of a plain number, shared: nobody adds to a reading's notes, they are copied. */
const NO_NOTES: CellNote[] = [];
const ZERO_SYMBOLS = new Set(['-', '\u2013', '\u2014', '\u2212']);
const LETTER_MARKS: Record<string, CellReason> = { p: 'provisional', r: 'revised', s: 'estimated' };
// Trailing footnote marks: superscripts, asterisks, "1)" / "a)" after a space, or a p/r/s flag after the number.
const TRAILING_MARK = /(?:([\u00b9\u00b2\u00b3\u2070-\u2079\u1d43-\u1d5b*]+)|\s+(\d{1,2}\)|[a-z]\))|(?<=[\d.)\u2026/xX-])\s*([prs]))$/u;

/**
 * Reads a cell's text as German statistical offices write it: decimal comma or point (per file), thousands by
 * "." (comma style), space, no-break or narrow no-break space; a sign apart from its digits ("-  23"); the
 * symbols of the Zeichenerklärung and footnote marks, whose meaning is kept as notes.
 */
export function readCell(text: string, style: DecimalStyle): CellReading {
  let rest = text.trim();
  if (rest === '') return { kind: 'empty' };
  // Most cells are plain numbers: read them without looking for marks and symbols.
  if (PLAIN_NUMBER.test(rest)) {
    // Without the other style's separator it means the same in both: "12.5" (point), "12,5" or "12" (comma).
    if (!rest.includes(style === 'point' ? ',' : '.')) return { kind: 'number', value: Number(rest.replace(',', '.')), notes: NO_NOTES };
    const value = parseNumber(rest, style);
    if (value !== null) return { kind: 'number', value, notes: [] };
  }
  const notes: CellNote[] = [];
  for (let mark = TRAILING_MARK.exec(rest); mark && rest.length > 1; mark = TRAILING_MARK.exec(rest)) {
    const symbol = mark[1] ?? mark[2] ?? mark[3] ?? '';
    notes.unshift({ symbol, reason: mark[3] ? (LETTER_MARKS[mark[3]] ?? 'footnote') : 'footnote' });
    rest = rest.slice(0, mark.index).trim();
  }
  if (ZERO_SYMBOLS.has(rest)) return { kind: 'number', value: 0, notes: [{ symbol: rest, reason: 'nothing' }, ...notes] };
  const compact = rest.replace(SPACES, '');
  const missing = MISSING_SYMBOLS[compact];
  if (missing) return { kind: 'missing', notes: [{ symbol: compact, reason: missing }, ...notes] };
  const bracketed = /^\((.+)\)$/.exec(rest);
  if (bracketed) {
    const inner = readCell(bracketed[1]!, style);
    if (inner.kind !== 'number') return { kind: 'invalid' };
    return { kind: 'number', value: inner.value, notes: [{ symbol: '()', reason: 'limited-reliability' }, ...inner.notes, ...notes] };
  }
  const value = parseNumber(rest, style);
  return value === null ? { kind: 'invalid' } : { kind: 'number', value, notes };
}

/** The number a trimmed cell text stands for (no symbols, no marks), or null when it is not one in the file's style. */
export function parseNumber(text: string, style: DecimalStyle): number | null {
  const { sign, digits } = splitSign(text.trim());
  const grouped = SPACE_GROUPED.test(digits.replace(SPACES, ' ')) ? digits.replace(SPACES, '') : digits;
  if (/\s/.test(grouped)) return null;
  if (style === 'comma') return COMMA_NUMBER.test(grouped) ? sign * Number(grouped.replace(/\./g, '').replace(',', '.')) : null;
  return POINT_NUMBER.test(grouped) ? sign * Number(grouped) : null;
}

function splitSign(text: string): { sign: 1 | -1; digits: string } {
  const match = /^([-+\u2212\u2013\u2012])[\s\u00a0\u202f]*(?=[\d.,])/.exec(text);
  if (!match) return { sign: 1, digits: text };
  return { sign: MINUS.test(match[1]!) ? -1 : 1, digits: text.slice(match[0].length) };
}

/**
 * Decides the number format for a whole file: if any value cell is a number with a decimal comma (or with
 * several "." groups, which no decimal point makes), the file is German and "." separates thousands
 * ("1.234" = 1234); otherwise "." is the decimal point. Deciding per file (not per cell) keeps "1.234" from
 * meaning different things on different lines.
 */
export function detectDecimalStyle(texts: Iterable<string>): DecimalStyle {
  for (const text of texts) {
    const { digits } = splitSign(text.trim());
    const t = digits.replace(SPACES, '').replace(/^\((.*)\)$/, '$1');
    if ((t.includes(',') && COMMA_NUMBER.test(t)) || /^\d{1,3}(\.\d{3}){2,}$/.test(t)) return 'comma';
  }
  return 'point';
}
