export type DecimalStyle = 'comma' | 'point';

const POINT_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
// German: optional "." thousands groups, "," decimals: 1.234,5  -4,83  1234
const COMMA_NUMBER = /^[+-]?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?$/;

/**
 * Decides the number format for a whole file: if any value cell is a number with a decimal comma,
 * the file is German and "." is a thousands separator ("1.234" = 1234); otherwise "." is the decimal point.
 * Deciding per file (not per cell) keeps "1.234" from meaning different things on different lines.
 */
export function detectDecimalStyle(texts: Iterable<string>): DecimalStyle {
  for (const text of texts) {
    const t = normaliseSign(text);
    if (t.includes(',') && COMMA_NUMBER.test(t)) return 'comma';
  }
  return 'point';
}

/** The number a trimmed cell text stands for, or null when it is not a number in the file's style. */
export function parseNumber(text: string, style: DecimalStyle): number | null {
  const t = normaliseSign(text);
  if (style === 'comma') {
    return COMMA_NUMBER.test(t) ? Number(t.replace(/\./g, '').replace(',', '.')) : null;
  }
  return POINT_NUMBER.test(t) ? Number(t) : null;
}

// Spreadsheets and typeset reports sometimes use the Unicode minus sign.
function normaliseSign(text: string): string {
  return text.trim().replace(/^\u2212/, '-');
}

// German statistical tables mark cells with symbols (DIN 55301): "–" means "nothing", i.e. exactly 0 (Berlin's
// resident counts use it so: the age bands with "–" add up to the total). ".", "x", "/", "…" mean the number
// is secret, not applicable or unknown: no value.
const ZERO_SYMBOLS = new Set(['-', '\u2013', '\u2014']);
const NO_VALUE_SYMBOLS = new Set(['.', '\u00b7', '...', '\u2026', 'x', 'X', '/']);

/** 0 for "–", undefined for a "no value" symbol such as ".", null when the text is not such a symbol. */
export function placeholderValue(text: string): 0 | undefined | null {
  const t = text.trim();
  if (ZERO_SYMBOLS.has(t)) return 0;
  return NO_VALUE_SYMBOLS.has(t) ? undefined : null;
}
