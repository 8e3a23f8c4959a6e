import { complementarySuppression, type SectionCell } from '../../src/domain/confidentiality';

/** A hierarchy as code → parent code. */
const hierarchy = (parents: Record<string, string | null>) => (code: string) => parents[code] ?? null;
const cell = (code: string, value: number, hidden = false): SectionCell => ({ code, value, hidden });

/**
 * Whether a hidden value follows from the equations parent = Σ children: it does exactly when its unit vector
 * lies in the row space of the equations over the hidden values (Gaussian elimination, small integers).
 */
function determined(cells: readonly SectionCell[], parentOf: (code: string) => string | null, hidden: ReadonlySet<string>): string[] {
  const unknown = [...hidden].sort();
  const column = new Map(unknown.map((code, i) => [code, i]));
  const rows: number[][] = [];
  const codes = new Set(cells.map((c) => c.code));
  const nearest = (code: string) => {
    let p = parentOf(code);
    while (p !== null && !codes.has(p)) p = parentOf(p);
    return p;
  };
  const byParent = new Map<string, string[]>();
  for (const c of cells) {
    const p = nearest(c.code);
    if (p !== null) byParent.set(p, [...(byParent.get(p) ?? []), c.code]);
  }
  for (const [parent, children] of byParent) {
    const row = unknown.map(() => 0);
    const add = (code: string, sign: number) => {
      const i = column.get(code);
      if (i !== undefined) row[i] = (row[i] as number) + sign;
    };
    add(parent, 1);
    for (const child of children) add(child, -1);
    if (row.some((x) => x !== 0)) rows.push(row);
  }
  // Reduced row echelon form; a variable is determined when a row has it as its only non-zero entry.
  let lead = 0;
  for (let r = 0; r < rows.length && lead < unknown.length; lead++) {
    const pivot = rows.findIndex((row, i) => i >= r && Math.abs(row[lead] as number) > 1e-9);
    if (pivot < 0) continue;
    [rows[r], rows[pivot]] = [rows[pivot] as number[], rows[r] as number[]];
    const p = (rows[r] as number[])[lead] as number;
    rows[r] = (rows[r] as number[]).map((x) => x / p);
    rows.forEach((row, i) => {
      if (i === r) return;
      const f = row[lead] as number;
      if (f !== 0) rows[i] = row.map((x, j) => x - f * ((rows[r] as number[])[j] as number));
    });
    r++;
  }
  return rows
    .filter((row) => row.filter((x) => Math.abs(x) > 1e-9).length === 1)
    .map((row) => unknown[row.findIndex((x) => Math.abs(x) > 1e-9)] as string);
}

describe('complementarySuppression', () => {
  test('when one child of a parent is hidden, then the smallest visible sibling is hidden too', () => {
    const parentOf = hierarchy({ A: 'P', B: 'P', C: 'P' });
    const cells = [cell('P', 60), cell('A', 2, true), cell('B', 30), cell('C', 28)];
    expect(complementarySuppression(cells, parentOf)).toEqual(new Set(['C']));
  });

  test('when the only child is hidden, then the parent is hidden (it equals the child)', () => {
    expect(complementarySuppression([cell('P', 2), cell('A', 2, true)], hierarchy({ A: 'P' }))).toEqual(new Set(['P']));
  });

  test('when a parent is hidden and all its children are visible, then a child is hidden (they add up to it)', () => {
    const cells = [cell('P', 90, true), cell('A', 40), cell('B', 50)];
    expect(complementarySuppression(cells, hierarchy({ A: 'P', B: 'P' }))).toEqual(new Set(['A']));
  });

  test('when two children are hidden already, or nothing is hidden, then nothing more is', () => {
    const parentOf = hierarchy({ A: 'P', B: 'P', C: 'P' });
    expect(complementarySuppression([cell('P', 60), cell('A', 2, true), cell('B', 1, true), cell('C', 57)], parentOf).size).toBe(0);
    expect(complementarySuppression([cell('P', 60), cell('A', 20), cell('B', 40)], parentOf).size).toBe(0);
  });

  test('when a level has no value, then its children count against the next level up', () => {
    // City = D1 + (S1 + S2), with D2 (the parent of S1, S2) missing in this cross-section.
    const parentOf = hierarchy({ D1: 'CITY', D2: 'CITY', S1: 'D2', S2: 'D2' });
    const cells = [cell('CITY', 100), cell('D1', 50), cell('S1', 2, true), cell('S2', 48)];
    expect(complementarySuppression(cells, parentOf)).toEqual(new Set(['S2']));
  });

  test('when a complement has children of its own, then suppression goes on down until no value is given away', () => {
    // A is hidden; B (complement) is the sum of b1 + b2, so one of those must go too.
    const parentOf = hierarchy({ A: 'P', B: 'P', C: 'P', b1: 'B', b2: 'B' });
    const cells = [cell('P', 100), cell('A', 2, true), cell('B', 10), cell('C', 88), cell('b1', 4), cell('b2', 6)];
    const hidden = complementarySuppression(cells, parentOf);
    expect(hidden).toEqual(new Set(['B', 'b1']));
    expect(determined(cells, parentOf, new Set(['A', ...hidden]))).toEqual([]);
  });

  test('when the hierarchy has a cycle, then the function still ends', () => {
    const parentOf = hierarchy({ A: 'B', B: 'A' });
    expect(() => complementarySuppression([cell('A', 1, true), cell('B', 2)], parentOf)).not.toThrow();
  });

  test('when random hierarchies with random hidden values are protected, then no hidden value follows from the totals', () => {
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let round = 0; round < 300; round++) {
      const parents: Record<string, string | null> = { R: null };
      const all = ['R'];
      let frontier = ['R'];
      for (let depth = 0; depth < 3; depth++) {
        const next: string[] = [];
        for (const p of frontier) {
          const n = 1 + Math.floor(random() * 4);
          for (let i = 0; i < n; i++) {
            const code = `${p}.${i}`;
            parents[code] = p;
            next.push(code);
            all.push(code);
          }
        }
        frontier = next;
      }
      // Some levels have no value (they are skipped), some values are hidden by the primary rules.
      const cells = all.filter(() => random() > 0.15).map((code) => cell(code, Math.floor(random() * 50), random() < 0.2));
      const parentOf = hierarchy(parents);
      const hidden = new Set([...cells.filter((c) => c.hidden).map((c) => c.code), ...complementarySuppression(cells, parentOf)]);
      expect({ round, determined: determined(cells, parentOf, hidden) }).toEqual({ round, determined: [] });
    }
  });
});
