import type { Recipe, RecipeStep } from '../../../shared/recipes/recipe-schema';

/** Where a step sits in a version: its operation and its number in the whole procedure (from 1). */
export interface StepPlace {
  operationId: string;
  operationTitle: string;
  number: number;
  step: RecipeStep;
}

/** Every step of a recipe with its place, in procedure order. */
export function stepPlaces(recipe: Recipe): StepPlace[] {
  const places: StepPlace[] = [];
  for (const operation of recipe.procedure.operations) {
    for (const step of operation.steps) {
      places.push({
        operationId: operation.id,
        operationTitle: operation.title,
        number: places.length + 1,
        step,
      });
    }
  }
  return places;
}

export type StepIndex = ReadonlyMap<string, StepPlace>;

export function stepIndex(recipe: Recipe): StepIndex {
  return new Map(stepPlaces(recipe).map((place) => [place.step.id, place]));
}
