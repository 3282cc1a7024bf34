import type { Recipe, RecipeStep, StepType } from '../../../shared/recipes/recipe-schema';
import type { PathSegment } from './recipe-problem';

/** Steps whose recorded value is a number a formula can read. */
export const numericStepTypes: readonly StepType[] = ['numeric', 'weighing', 'measurement', 'calculation'];

export interface StepEntry {
  step: RecipeStep;
  /** Position in the whole procedure (0-based, document order). */
  order: number;
  segments: PathSegment[];
}

/** What the step checks need to know about the whole recipe. */
export interface RecipeIndex {
  recipe: Recipe;
  /** First step with each id (a duplicate is reported and otherwise ignored). */
  stepsById: Map<string, StepEntry>;
  operationIds: Set<string>;
  /** For each step (by order): the orders of the steps that must be complete before it starts. */
  prerequisites: Set<number>[];
  add(segments: PathSegment[], message: string): void;
}

export type ProblemSink = RecipeIndex['add'];

export function formatQuantity(value: number, unit?: string): string {
  const shown = String(Number(value.toPrecision(10)));
  return unit === undefined ? shown : `${shown} ${unit}`;
}

export function checkTolerance(
  add: ProblemSink,
  segments: PathSegment[],
  tolerance: { kind: 'absolute' | 'percent'; value: number },
): void {
  if (tolerance.value < 0) add([...segments, 'value'], 'a tolerance cannot be negative');
  else if (tolerance.kind === 'percent' && tolerance.value > 100) {
    add([...segments, 'value'], 'a percentage tolerance cannot exceed 100 %');
  }
}
