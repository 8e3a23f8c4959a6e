/**
 * Secondary (complementary) suppression over the space hierarchy, for one cross-section (one indicator in one
 * period). A parent's value is the sum of its children's (counts exactly; numerators, denominators and, weighted,
 * rates nearly), so each parent with its children is an equation. An equation with exactly one hidden value
 * gives it away (parent − visible children, or the sum of the children); with two or more hidden it does not.
 * So while some equation has exactly one hidden value, one more of its values is hidden: the smallest visible
 * child (least information lost), else the parent.
 *
 * In a tree of such equations in which each has no hidden value or at least two, no hidden value is determined:
 * a leaf equation always has a hidden value of its own that absorbs it, and removing it leaves the same
 * condition for the rest.
 */

export interface SectionCell {
  readonly code: string;
  readonly value: number;
  /** Hidden by a primary rule (or, for this function's caller, already hidden for another reason). */
  readonly hidden: boolean;
}

/** How deep the hierarchy may go before a parent chain is taken for a cycle. */
const MAX_DEPTH = 32;

/**
 * The nearest ancestor with a value in the cross-section: a level without a value is skipped, since
 * its children then add up to the next level with one.
 */
function nearestValuedAncestor(code: string, parentOf: (code: string) => string | null, valued: ReadonlyMap<string, SectionCell>): string | null {
  let current = parentOf(code);
  for (let depth = 0; current !== null && depth < MAX_DEPTH; depth++) {
    if (current === code) return null;
    if (valued.has(current)) return current;
    current = parentOf(current);
  }
  return null;
}

interface Equation {
  readonly parent: string;
  readonly children: string[];
}

/**
 * The codes to hide in addition to the primarily hidden ones. Deterministic: the same cross-section
 * and hierarchy always give the same set, whichever view asks.
 */
export function complementarySuppression(cells: readonly SectionCell[], parentOf: (code: string) => string | null): Set<string> {
  const byCode = new Map(cells.map((c) => [c.code, c]));
  const equations = new Map<string, Equation>();
  const memberOf = new Map<string, Equation[]>();
  const join = (code: string, equation: Equation) => (memberOf.get(code) ?? memberOf.set(code, []).get(code)!).push(equation);
  for (const cell of [...cells].sort((a, b) => compare(a.code, b.code))) {
    const parent = nearestValuedAncestor(cell.code, parentOf, byCode);
    if (parent === null) continue;
    let equation = equations.get(parent);
    if (!equation) {
      equation = { parent, children: [] };
      equations.set(parent, equation);
      join(parent, equation);
    }
    equation.children.push(cell.code);
    join(cell.code, equation);
  }
  if (equations.size === 0) return new Set();

  const added = new Set<string>();
  const isHidden = (code: string) => added.has(code) || byCode.get(code)?.hidden === true;
  const queue = [...equations.values()].sort((a, b) => compare(a.parent, b.parent));
  while (queue.length > 0) {
    const equation = queue.shift() as Equation;
    const members = [equation.parent, ...equation.children];
    if (members.filter(isHidden).length !== 1) continue;
    const complement = smallestVisible(equation.children.filter((c) => !isHidden(c)), byCode) ?? equation.parent;
    added.add(complement);
    // Hiding it may leave another equation it belongs to with exactly one hidden value.
    queue.push(...(memberOf.get(complement) ?? []));
  }
  return added;
}

function smallestVisible(codes: readonly string[], byCode: ReadonlyMap<string, SectionCell>): string | undefined {
  const size = (code: string) => Math.abs(byCode.get(code)?.value ?? 0);
  return [...codes].sort((a, b) => size(a) - size(b) || compare(a, b))[0];
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
