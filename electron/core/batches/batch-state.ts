import type Database from 'better-sqlite3-multiple-ciphers';
import type { RecordedValue } from '../../../shared/batches/recorded-value';
import { EbrError } from '../../../shared/errors';
import type { Recipe } from '../../../shared/recipes/recipe-schema';
import { readBatch, readEntries, readSteps, type BatchEntryRow, type BatchRow } from './batch-rows';
import type { EngineState } from './engine/engine-types';
import { engineStepsOf } from './engine/sequence';

export interface LoadedBatch {
  row: BatchRow;
  recipe: Recipe;
  state: EngineState;
  /** The current (latest) entry of each step that has one. */
  currentEntries: Map<string, BatchEntryRow>;
}

export function recipeOfVersion(sqlite: Database.Database, versionId: string): Recipe {
  const content = sqlite
    .prepare('SELECT content FROM recipe_versions WHERE id = ?')
    .pluck()
    .get(versionId) as string | undefined;
  if (content === undefined) throw new EbrError('NOT_FOUND', 'The recipe version of this batch is missing.');
  return JSON.parse(content) as Recipe;
}

/** The engine's state of a batch, folded from its rows exactly as the engine folds effects. */
export function loadBatch(sqlite: Database.Database, batchId: string): LoadedBatch {
  const row = readBatch(sqlite, batchId);
  if (!row) throw new EbrError('NOT_FOUND', 'There is no such batch.');
  const recipe = recipeOfVersion(sqlite, row.recipeVersionId);
  const stepRows = new Map(readSteps(sqlite, batchId).map((step) => [step.stepId, step]));
  const currentEntries = new Map<string, BatchEntryRow>();
  const performers = new Map<string, string>();
  for (const entry of readEntries(sqlite, batchId)) {
    currentEntries.set(entry.stepId, entry);
    if (entry.kind !== 'recomputed') performers.set(entry.stepId, entry.enteredByUserId);
  }
  const steps = engineStepsOf(recipe).map((step) => {
    const stored = stepRows.get(step.id);
    if (!stored) throw new EbrError('INTERNAL', `Batch ${row.batchNumber} has no row for step ${step.id}.`);
    const entry = currentEntries.get(step.id);
    return {
      ...step,
      status: stored.status,
      ownerUserId: stored.status === 'pending' ? null : stored.ownerUserId,
      completedAtMs: stored.completedAtUtc === null ? null : Date.parse(stored.completedAtUtc),
      performerUserId: performers.get(step.id) ?? null,
      value: entry ? (JSON.parse(entry.value) as RecordedValue) : null,
      origin: entry?.origin ?? null,
    };
  });
  return {
    row,
    recipe,
    currentEntries,
    state: {
      status: row.status,
      training: row.training === 1,
      recipe,
      plannedQuantity: { quantity: row.plannedQuantity, unit: row.plannedUnit },
      steps,
    },
  };
}
