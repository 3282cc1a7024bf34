/**
 * A store ready for batch execution, reached through connections as the renderer does: an
 * operator, a second operator, a supervisor and QA signed in, and a sample recipe effective.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Connection } from '../../electron/core/app';
import type { BatchView } from '../../shared/contract/batches';
import type { RecipeVersionView } from '../../shared/contract/recipes';
import { freshApp, type FreshApp } from './fresh-app';
import { activeUser, value, type SignedInUser } from './identity';

export const SAMPLE_RECIPES = join(import.meta.dirname, '..', '..', 'resources', 'recipes');

export interface BatchFloor {
  fresh: FreshApp;
  admin: Connection;
  /** olga and oscar: operators; sven: supervisor (recipe author); quinn: QA. */
  olga: SignedInUser;
  oscar: SignedInUser;
  sven: SignedInUser;
  quinn: SignedInUser;
  /** The effective version of each recipe file loaded, by file name. */
  recipes: Record<string, RecipeVersionView>;
}

export async function makeRecipeEffective(
  author: Connection,
  qa: Connection,
  fileName: string,
  qaPassword: string,
): Promise<RecipeVersionView> {
  const bytes = readFileSync(join(SAMPLE_RECIPES, fileName));
  const imported = value<RecipeVersionView>(
    await author.invoke('recipes.import', { fileName, base64: bytes.toString('base64') }),
  );
  value(await author.invoke('recipes.submit', { versionId: imported.id, reason: 'Ready for review' }));
  value(
    await qa.invoke('recipes.approve', {
      versionId: imported.id,
      comment: 'Reviewed against the master formula',
      credentials: { kind: 'self', password: qaPassword },
    }),
  );
  return value<RecipeVersionView>(
    await qa.invoke('recipes.makeEffective', { versionId: imported.id, reason: 'Approved for production' }),
  );
}

export async function batchFloor(recipeFiles: string[] = ['demo-tablet-blend.json']): Promise<BatchFloor> {
  const fresh = await freshApp();
  const admin = await fresh.admin();
  const olga = await activeUser(fresh.app, admin, 'olga', ['operator']);
  const oscar = await activeUser(fresh.app, admin, 'oscar', ['operator']);
  const sven = await activeUser(fresh.app, admin, 'sven', ['supervisor']);
  const quinn = await activeUser(fresh.app, admin, 'quinn', ['qa']);
  const recipes: Record<string, RecipeVersionView> = {};
  for (const file of recipeFiles) {
    recipes[file] = await makeRecipeEffective(sven.connection, quinn.connection, file, quinn.password);
  }
  return { fresh, admin, olga, oscar, sven, quinn, recipes };
}

export async function createBatch(
  supervisor: Connection,
  recipe: RecipeVersionView,
  batchNumber: string,
  options: { plannedQuantity?: number; training?: boolean } = {},
): Promise<BatchView> {
  return value<BatchView>(
    await supervisor.invoke('batches.create', {
      recipeVersionId: recipe.id,
      batchNumber,
      plannedQuantity: options.plannedQuantity ?? recipe.recipe.header.nominalBatchSize.quantity,
      training: options.training ?? false,
    }),
  );
}
