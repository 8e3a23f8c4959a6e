import type { ValuePreview } from './import-queries';

interface CatalogueEntry {
  key: string;
  name: string;
}

const normal = (text: string) => text.trim().toLocaleLowerCase('de-DE').replace(/\s+/g, ' ');

/** A header like "Indikator" or "Merkmal": the file is long (one row per space, indicator and period). */
export function looksLong(preview: ValuePreview): boolean {
  return preview.header.some((h) => /^(indikator|indicator|merkmal|kennzahl|kennziffer)/i.test(h.trim()));
}

/** The column whose name says it (Indikator, Jahr, Wert …), else the fallback. */
export function columnNamed(header: string[], pattern: RegExp, fallback = header[0] ?? ''): string {
  return header.find((h) => pattern.test(h.trim())) ?? fallback;
}

/** The different texts of a column in the preview's data lines (below the header), in order of appearance. */
export function distinctValues(preview: ValuePreview, column: string): string[] {
  const index = preview.header.indexOf(column);
  if (index < 0) return [];
  const texts = preview.lines.filter((l) => l.line > preview.headerRow).map((l) => (l.cells[index] ?? '').trim());
  return [...new Set(texts.filter((t) => t !== ''))];
}

/** The catalogue's indicator a cell names, by key or by name (case and spacing forgiven); '' when none. */
export function indicatorFor(text: string, catalogue: CatalogueEntry[]): string {
  const wanted = normal(text);
  return catalogue.find((i) => normal(i.key) === wanted)?.key ?? catalogue.find((i) => normal(i.name) === wanted)?.key ?? '';
}

/**
 * The long mapping's indicatorMap: only the texts that are not already the key they map to (the service
 * takes an unmapped text as the key itself).
 */
export function indicatorMapOf(chosen: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(chosen).filter(([text, key]) => key !== '' && key !== text));
}
