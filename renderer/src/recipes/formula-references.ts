/**
 * The step ids a formula refers to, in order of first appearance. A step id is a formula symbol
 * (lowercase letters, digits, `_`); names that are not step ids of the recipe (functions such as
 * `round`) are left out. For reading only: the core parses and checks formulas.
 */
export function formulaReferences(formula: string, stepIds: ReadonlySet<string>): string[] {
  const found: string[] = [];
  for (const match of formula.matchAll(/[A-Za-z_][A-Za-z0-9_]*/g)) {
    const name = match[0];
    if (stepIds.has(name) && !found.includes(name)) found.push(name);
  }
  return found;
}
