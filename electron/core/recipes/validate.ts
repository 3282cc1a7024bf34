import type { Recipe } from '../../../shared/recipes/recipe-schema';
import { unitDefinitions, type Unit } from '../../../shared/recipes/units';
import { formulaReservedWords } from './formula';
import { formatPath, quote, type PathSegment, type RecipeProblem } from './recipe-problem';
import { checkTolerance, type ProblemSink, type RecipeIndex, type StepEntry } from './validate-common';
import { checkStep } from './validate-steps';

/** Steps in a whole recipe (the schema alone would allow 50 operations of 200). */
export const RECIPE_MAX_STEPS = 1000;

export { numericStepTypes } from './validate-common';

const quantityDimensions = new Set<string>(['mass', 'volume', 'count']);

function checkQuantityUnit(add: ProblemSink, segments: PathSegment[], unit: string, what: string): void {
  const dimension = unitDefinitions[unit as Unit]?.dimension;
  if (!quantityDimensions.has(dimension)) {
    add(
      segments,
      `${what} is a mass, a volume or a count; "${unit}" is a unit of ${dimension ?? 'nothing known'}`,
    );
  }
}

/**
 * The meaning of a recipe that already has the right shape (recipeSchema): unique ids, references
 * that resolve to earlier steps, formulas, units, limits, tolerances, signatures. Every problem is
 * reported, in document order. Documented in docs/recipe-format.md.
 */
export function validateRecipe(recipe: Recipe): RecipeProblem[] {
  const problems: RecipeProblem[] = [];
  const add: ProblemSink = (segments, message) => problems.push({ path: formatPath(segments), message });

  checkQuantityUnit(
    add,
    ['header', 'nominalBatchSize', 'unit'],
    recipe.header.nominalBatchSize.unit,
    'a batch size',
  );

  const materialAt = new Map<string, number>();
  recipe.materials.forEach((material, index) => {
    const segments: PathSegment[] = ['materials', index];
    const first = materialAt.get(material.code);
    if (first !== undefined) {
      add(
        [...segments, 'code'],
        `the material code ${quote(material.code)} is already used by materials[${first}]`,
      );
    } else materialAt.set(material.code, index);
    if (material.code === recipe.header.product.code) {
      add(
        [...segments, 'code'],
        `${quote(material.code)} is the product code of this recipe; a material needs a code of its own`,
      );
    }
    checkQuantityUnit(add, [...segments, 'unit'], material.unit, 'a material quantity');
    checkTolerance(add, [...segments, 'tolerance'], material.tolerance);
  });

  const equipmentAt = new Map<string, number>();
  recipe.equipment.forEach((equipment, index) => {
    const first = equipmentAt.get(equipment.id);
    if (first !== undefined) {
      add(
        ['equipment', index, 'id'],
        `the equipment id ${quote(equipment.id)} is already listed at equipment[${first}]`,
      );
    } else equipmentAt.set(equipment.id, index);
  });

  const entries: StepEntry[] = [];
  recipe.procedure.operations.forEach((operation, operationIndex) =>
    operation.steps.forEach((step, stepIndex) =>
      entries.push({
        step,
        order: entries.length,
        segments: ['procedure', 'operations', operationIndex, 'steps', stepIndex],
      }),
    ),
  );
  if (entries.length > RECIPE_MAX_STEPS) {
    add(
      ['procedure', 'operations'],
      `the recipe has ${entries.length} steps; at most ${RECIPE_MAX_STEPS} are allowed`,
    );
    return problems;
  }

  const index: RecipeIndex = {
    recipe,
    stepsById: new Map(),
    operationIds: new Set(recipe.procedure.operations.map((operation) => operation.id)),
    prerequisites: [],
    add,
  };
  for (const entry of entries)
    if (!index.stepsById.has(entry.step.id)) index.stepsById.set(entry.step.id, entry);
  index.prerequisites = prerequisiteSets(entries, index.stepsById);

  // Operations and steps share one id space; the later of two equal ids is the one reported.
  const idAt = new Map<string, string>();
  const claimId = (id: string, segments: PathSegment[], what: string) => {
    const first = idAt.get(id);
    if (first !== undefined) add([...segments, 'id'], `the id ${quote(id)} is already used by ${first}`);
    else idAt.set(id, `${what} ${formatPath(segments)}`);
  };
  let order = 0;
  recipe.procedure.operations.forEach((operation, operationIndex) => {
    claimId(operation.id, ['procedure', 'operations', operationIndex], 'the operation');
    for (let stepIndex = 0; stepIndex < operation.steps.length; stepIndex++) {
      const entry = entries[order++]!;
      claimId(entry.step.id, entry.segments, 'the step');
      if (formulaReservedWords.includes(entry.step.id)) {
        add(
          [...entry.segments, 'id'],
          `${quote(entry.step.id)} cannot be a step id: formulas read it as a function, an operator or a constant`,
        );
      }
      checkStep(index, entry);
    }
  });
  return problems;
}

/**
 * The steps that must be complete before each step: its dependsOn (or, without dependsOn, the
 * step just before it) and, transitively, theirs. Only earlier steps count, so this is acyclic.
 */
function prerequisiteSets(entries: StepEntry[], stepsById: Map<string, StepEntry>): Set<number>[] {
  const sets: Set<number>[] = [];
  for (const entry of entries) {
    const direct =
      entry.step.dependsOn === undefined
        ? entry.order > 0
          ? [entry.order - 1]
          : []
        : entry.step.dependsOn
            .map((id) => stepsById.get(id)?.order)
            .filter((order): order is number => order !== undefined && order < entry.order);
    const all = new Set<number>();
    for (const order of direct) {
      all.add(order);
      for (const earlier of sets[order]!) all.add(earlier);
    }
    sets.push(all);
  }
  return sets;
}
