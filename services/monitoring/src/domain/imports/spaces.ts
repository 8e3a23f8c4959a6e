export interface SpaceEntry {
  code: string;
  name: string;
  type: string;
}

export type SpaceMatch = { code: string; by: 'code' | 'name' } | { problem: string; ambiguous?: true };

const HYPHENS = /[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]/g;
const TRAILING_MARKS = /[\s\u00b9\u00b2\u00b3\u2070-\u2079*]+$/u;

/**
 * A space name as people type it: case, spacing (also no-break spaces), ß/ss, the hyphen and dash variants
 * ("Nord – Ost", "Nord-Ost") and trailing footnote marks do not matter.
 */
export function normaliseSpaceName(text: string): string {
  return text
    .replace(TRAILING_MARKS, '') // before NFKC, which turns "¹" into "1"
    .normalize('NFKC')
    .replace(/\u00ad/g, '')
    .toLocaleLowerCase('de')
    .replace(/ß/g, 'ss')
    .replace(HYPHENS, '-')
    .replace(/\s+/g, ' ')
    .replace(/ ?- ?/g, '-')
    .trim();
}

/**
 * Finds the space a cell names: by code first (exact, then ignoring case), else by name. A name that several
 * spaces carry (a district and a social space of the same name) is ambiguous unless `type` restricts the
 * match to one type of space.
 */
export function spaceMatcher(spaces: readonly SpaceEntry[], type?: string): (text: string) => SpaceMatch {
  const candidates = type === undefined ? spaces : spaces.filter((s) => s.type === type);
  const byCode = new Map(candidates.map((s) => [s.code, s]));
  const byLooseCode = groupBy(candidates, (s) => s.code.trim().toLocaleLowerCase('de'));
  const byName = groupBy(candidates, (s) => normaliseSpaceName(s.name));
  const within = type === undefined ? '' : ` of type ${type}`;
  return (text) => {
    const trimmed = text.trim();
    const exact = byCode.get(trimmed);
    if (exact) return { code: exact.code, by: 'code' };
    const loose = byLooseCode.get(trimmed.toLocaleLowerCase('de'));
    if (loose?.length === 1) return { code: loose[0]!.code, by: 'code' };
    const named = byName.get(normaliseSpaceName(trimmed)) ?? [];
    if (named.length === 1) return { code: named[0]!.code, by: 'name' };
    if (named.length > 1) {
      const which = named.map((s) => `${s.code} (${s.type})`).join(', ');
      return { problem: `ambiguous space name "${trimmed}": ${which}; restrict the match to one space type`, ambiguous: true };
    }
    return { problem: `unknown space "${trimmed}"${within}` };
  };
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}
