import type { RecipeVersionSummary } from '../../../shared/contract/recipes';

/** Other versions of the same recipe code, newest import first (the order the core lists them in). */
export function otherVersions(
  current: RecipeVersionSummary,
  all: readonly RecipeVersionSummary[],
): RecipeVersionSummary[] {
  return all.filter((version) => version.code === current.code && version.id !== current.id);
}

/**
 * What a reviewer compares with unless they choose: the version in use now (effective), else the
 * newest version imported before this one, else nothing.
 */
export function defaultComparison(
  current: RecipeVersionSummary,
  all: readonly RecipeVersionSummary[],
): RecipeVersionSummary | null {
  const others = otherVersions(current, all);
  const effective = others.find((version) => version.status === 'effective');
  if (effective) return effective;
  // The list is newest import first: what follows this version in it was imported before it.
  const sameCode = all.filter((version) => version.code === current.code);
  const position = sameCode.findIndex((version) => version.id === current.id);
  return position === -1 ? (others[0] ?? null) : (sameCode[position + 1] ?? null);
}
