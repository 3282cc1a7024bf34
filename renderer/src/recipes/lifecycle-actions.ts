import type { RecipeStatus } from '../../../shared/contract/recipes';
import type { Permission } from '../../../shared/permissions';

export type LifecycleAction = 'submit' | 'approve' | 'reject' | 'make-effective' | 'retire';

/** Which moves each status allows and the permission each needs (the core checks both again). */
const moves: Record<LifecycleAction, { from: readonly RecipeStatus[]; permission: Permission }> = {
  submit: { from: ['draft'], permission: 'recipes.author' },
  approve: { from: ['in-review'], permission: 'recipes.manage' },
  reject: { from: ['in-review'], permission: 'recipes.manage' },
  'make-effective': { from: ['approved'], permission: 'recipes.manage' },
  retire: { from: ['approved', 'effective'], permission: 'recipes.manage' },
};

/** What can still be done with a version whose stored content no longer matches its hash: take it out. */
const whenNotIntact: ReadonlySet<LifecycleAction> = new Set(['reject', 'retire']);

/** The actions to offer for a version, in the order they are shown. */
export function availableActions(
  version: { status: RecipeStatus; effectiveFromUtc: string | null; contentIntact: boolean },
  granted: (permission: Permission) => boolean,
): LifecycleAction[] {
  return (Object.keys(moves) as LifecycleAction[]).filter((action) => {
    const move = moves[action];
    if (!move.from.includes(version.status) || !granted(move.permission)) return false;
    if (!version.contentIntact && !whenNotIntact.has(action)) return false;
    // A version scheduled for a date is already on its way to effective.
    return !(action === 'make-effective' && version.effectiveFromUtc !== null);
  });
}
