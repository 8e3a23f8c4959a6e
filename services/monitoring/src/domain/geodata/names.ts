/** "03 Nordstadt" → "Nordstadt": display names without the numbering some cities put in front. */
export function stripNumericPrefix(name: string): string {
  const stripped = name.replace(/^\s*\d+\s*[.:)-]?\s+/, '').trim();
  return stripped === '' ? name.trim() : stripped;
}
