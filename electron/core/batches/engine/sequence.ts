import type { Recipe } from '../../../../shared/recipes/recipe-schema';
import type { EngineState, EngineStep } from './engine-types';

/**
 * The steps of a recipe in order, each with its prerequisites: the declared `dependsOn`, or else
 * the step before it (strict sequence). The first step has none.
 */
export function engineStepsOf(recipe: Recipe): EngineStep[] {
  const steps: EngineStep[] = [];
  let previous: string | undefined;
  for (const operation of recipe.procedure.operations) {
    for (const definition of operation.steps) {
      steps.push({
        id: definition.id,
        operationId: operation.id,
        definition,
        prerequisites: definition.dependsOn ?? (previous === undefined ? [] : [previous]),
        status: 'pending',
        ownerUserId: null,
        completedAtMs: null,
        performerUserId: null,
        value: null,
        origin: null,
      });
      previous = definition.id;
    }
  }
  return steps;
}

export function stepOf(state: EngineState, stepId: string): EngineStep | undefined {
  return state.steps.find((step) => step.id === stepId);
}

/** Prerequisites not yet complete (empty when the step may start). */
export function missingPrerequisites(state: EngineState, step: EngineStep): string[] {
  return step.prerequisites.filter((id) => stepOf(state, id)?.status !== 'completed');
}

/** Steps that could be started now: pending with every prerequisite complete. */
export function readySteps(state: EngineState): EngineStep[] {
  if (state.status !== 'in-progress') return [];
  return state.steps.filter(
    (step) => step.status === 'pending' && missingPrerequisites(state, step).length === 0,
  );
}

/** Calculation steps that read `stepId`, directly or through other calculations, in recipe order. */
export function dependentCalculations(
  state: EngineState,
  stepId: string,
  references: (formula: string) => string[],
): EngineStep[] {
  const affected = new Set<string>([stepId]);
  const result: EngineStep[] = [];
  for (const step of state.steps) {
    if (step.definition.type !== 'calculation') continue;
    if (references(step.definition.formula).some((id) => affected.has(id))) {
      affected.add(step.id);
      result.push(step);
    }
  }
  return result;
}
