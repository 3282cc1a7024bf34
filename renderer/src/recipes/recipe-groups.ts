import type { RecipeStatus, RecipeVersionSummary } from '../../../shared/contract/recipes';

export interface RecipeGroup {
  code: string;
  /** The name and product of the newest version. */
  name: string;
  product: RecipeVersionSummary['product'];
  versions: RecipeVersionSummary[];
}

/** Versions grouped by recipe code (codes in alphabetical order, newest import first within). */
export function groupByCode(
  versions: readonly RecipeVersionSummary[],
  status: RecipeStatus | 'all',
): RecipeGroup[] {
  const groups = new Map<string, RecipeGroup>();
  for (const version of versions) {
    if (status !== 'all' && version.status !== status) continue;
    const group = groups.get(version.code);
    if (group) group.versions.push(version);
    else
      groups.set(version.code, {
        code: version.code,
        name: version.name,
        product: version.product,
        versions: [version],
      });
  }
  return [...groups.values()].sort((a, b) => a.code.localeCompare(b.code));
}

export function countByStatus(versions: readonly RecipeVersionSummary[]): Record<RecipeStatus, number> {
  const counts: Record<RecipeStatus, number> = {
    draft: 0,
    'in-review': 0,
    approved: 0,
    effective: 0,
    superseded: 0,
    retired: 0,
    rejected: 0,
  };
  for (const version of versions) counts[version.status] += 1;
  return counts;
}
