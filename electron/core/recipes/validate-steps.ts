import { rolesGrant } from '../../../shared/permissions';
import type { Limits, RecipeStep } from '../../../shared/recipes/recipe-schema';
import { signPermission } from '../../../shared/signatures';
import { sameDimension, unitDefinitions, type Unit } from '../../../shared/recipes/units';
import { formulaReferences, RecipeFormulaError } from './formula';
import { quote, type PathSegment } from './recipe-problem';
import { checkScanPattern } from './scan-pattern';
import {
  checkTolerance,
  formatQuantity,
  numericStepTypes,
  type ProblemSink,
  type RecipeIndex,
  type StepEntry,
} from './validate-common';
import { weighingTarget } from '../../../shared/recipes/weighing-target';

type StepOf<T extends RecipeStep['type']> = Extract<RecipeStep, { type: T }>;

/** The checks of one step, in the order of its fields. */
export function checkStep(index: RecipeIndex, entry: StepEntry): void {
  const { step, segments } = entry;
  const { add } = index;
  if (!rolesGrant([step.requiredRole], 'sign.performed')) {
    add(
      [...segments, 'requiredRole'],
      `the role "${step.requiredRole}" cannot perform steps: the permission table does not give it sign.performed`,
    );
  }
  step.signatures.forEach((signature, position) => {
    const at = [...segments, 'signatures', position];
    if (!rolesGrant([signature.role], signPermission(signature.meaning))) {
      add(
        [...at, 'role'],
        `the role "${signature.role}" may not sign "${signature.meaning}": the permission table does not give it ${signPermission(signature.meaning)}`,
      );
    }
    if (signature.meaning === 'performed' && signature.distinctFromPerformer) {
      add(
        [...at, 'distinctFromPerformer'],
        'a "performed" signature is the performer\'s own; it cannot be distinct from the performer',
      );
    }
  });
  if (
    step.type === 'weighing' &&
    step.critical &&
    !step.signatures.some((s) => s.meaning === 'verified' && s.distinctFromPerformer)
  ) {
    add(
      [...segments, 'signatures'],
      'a critical weighing needs a second-person check: a "verified" signature with distinctFromPerformer true (21 CFR 211.101(c))',
    );
  }
  const seen = new Set<string>();
  step.dependsOn?.forEach((id, position) => {
    const at = [...segments, 'dependsOn', position];
    if (seen.has(id)) return add(at, `${quote(id)} is listed twice`);
    seen.add(id);
    const resolved = resolveEarlier(index, entry, id);
    if ('self' in resolved) add(at, 'a step cannot depend on itself');
    else if ('problem' in resolved) add(at, resolved.problem);
  });

  switch (step.type) {
    case 'numeric':
      return checkLimits(add, [...segments, 'limits'], step.limits);
    case 'weighing':
      return checkWeighing(index, entry, step);
    case 'measurement':
      checkEquipment(index, [...segments, 'equipment'], step.equipment);
      return checkLimits(add, [...segments, 'limits'], step.limits);
    case 'scan':
      return checkScan(index, segments, step);
    case 'timer':
      return checkTimer(index, entry, step);
    case 'calculation':
      checkFormula(index, entry, step);
      return checkLimits(add, [...segments, 'limits'], step.limits);
    default:
      return;
  }
}

/**
 * The earlier step `id` names, or why it names none. A reference resolves to the first step with
 * that id, so a step that repeats an earlier step's id (reported once, as a duplicate) can still
 * name the earlier one.
 */
function resolveEarlier(
  index: RecipeIndex,
  entry: StepEntry,
  id: string,
): { target: StepEntry } | { self: true } | { problem: string } {
  const target = index.stepsById.get(id);
  if (!target) {
    return {
      problem: index.operationIds.has(id)
        ? `${quote(id)} is an operation; name one of its steps`
        : `there is no step ${quote(id)}`,
    };
  }
  if (target === entry) return { self: true };
  if (target.order > entry.order) {
    return {
      problem: `the step ${quote(id)} comes later in the procedure; only earlier steps can be named (so there can be no cycle)`,
    };
  }
  return { target };
}

const notPrerequisite = (id: string) =>
  `the step ${quote(id)} need not be complete before this step starts (it is not among its dependencies); add it to dependsOn`;

function checkLimits(add: ProblemSink, segments: PathSegment[], limits: Limits): void {
  const { min, target, max } = limits;
  if (min !== undefined && max !== undefined && min > max) {
    add([...segments, 'max'], `max ${formatQuantity(max)} is below min ${formatQuantity(min)}`);
  }
  if (target !== undefined && min !== undefined && target < min) {
    add([...segments, 'target'], `target ${formatQuantity(target)} is below min ${formatQuantity(min)}`);
  } else if (target !== undefined && max !== undefined && target > max) {
    add([...segments, 'target'], `target ${formatQuantity(target)} is above max ${formatQuantity(max)}`);
  }
}

function checkEquipment(index: RecipeIndex, segments: PathSegment[], id: string | undefined): void {
  if (id !== undefined && !index.recipe.equipment.some((equipment) => equipment.id === id)) {
    index.add(segments, `there is no equipment ${quote(id)} in the equipment list`);
  }
}

function checkWeighing(index: RecipeIndex, entry: StepEntry, step: StepOf<'weighing'>): void {
  const { recipe, add } = index;
  const { segments } = entry;
  const unit = step.unit as Unit;
  const material = recipe.materials.find((candidate) => candidate.code === step.material);
  const isProduct = step.material === recipe.header.product.code;
  if (!material && !isProduct) {
    add(
      [...segments, 'material'],
      `there is no material ${quote(step.material)} in the bill of materials (nor is it the product code)`,
    );
  }
  const reference = material
    ? { unit: material.unit as Unit, what: `the material ${quote(material.code)}` }
    : isProduct
      ? { unit: recipe.header.nominalBatchSize.unit as Unit, what: 'the batch size' }
      : undefined;
  if (reference && !sameDimension(reference.unit, unit)) {
    add(
      [...segments, 'unit'],
      `${reference.what} is in ${reference.unit} (${unitDefinitions[reference.unit].dimension}); a weighing in ${unit} (${unitDefinitions[unit].dimension}) cannot be compared with it`,
    );
  } else if (unitDefinitions[unit].dimension !== 'mass') {
    add([...segments, 'unit'], `a weighing is recorded in a unit of mass (mg, g or kg), not ${unit}`);
  }
  if (step.tolerance) checkTolerance(add, [...segments, 'tolerance'], step.tolerance);
  checkEquipment(index, [...segments, 'equipment'], step.equipment);

  const target = weighingTarget(recipe, step);
  if (!target) return;
  const { capacity, readability, minimumWeight } = step.balance;
  const balance = [...segments, 'balance'];
  if (capacity !== undefined && capacity < target.quantity) {
    add(
      [...balance, 'capacity'],
      `the balance capacity ${formatQuantity(capacity, unit)} is below the target ${formatQuantity(target.quantity, unit)}`,
    );
  }
  if (minimumWeight !== undefined && minimumWeight > target.quantity) {
    add(
      [...balance, 'minimumWeight'],
      `the minimum weight ${formatQuantity(minimumWeight, unit)} is above the target ${formatQuantity(target.quantity, unit)}`,
    );
  }
  if (
    readability !== undefined &&
    target.tolerance !== undefined &&
    target.tolerance >= 0 &&
    readability > target.tolerance
  ) {
    add(
      [...balance, 'readability'],
      `the readability ${formatQuantity(readability, unit)} is coarser than the tolerance ±${formatQuantity(target.tolerance, unit)}`,
    );
  }
}

function checkScan(index: RecipeIndex, segments: PathSegment[], step: StepOf<'scan'>): void {
  const { recipe, add } = index;
  if (step.material !== undefined) {
    if (step.subject === 'equipment') {
      add([...segments, 'material'], 'a scan of equipment names no material; use "equipment"');
    } else if (!recipe.materials.some((material) => material.code === step.material)) {
      add([...segments, 'material'], `there is no material ${quote(step.material)} in the bill of materials`);
    }
  }
  if (step.equipment !== undefined) {
    if (step.subject !== 'equipment') {
      add(
        [...segments, 'equipment'],
        `a scan of a ${step.subject === 'container' ? 'container' : 'material lot'} names no equipment; use "material"`,
      );
    } else checkEquipment(index, [...segments, 'equipment'], step.equipment);
  }
  const { code, pattern } = step.expected;
  if (pattern === undefined) return;
  const checked = checkScanPattern(pattern);
  if (!checked.ok) add([...segments, 'expected', 'pattern'], checked.message);
  else if (code !== undefined && !checked.regex.test(code)) {
    add(
      [...segments, 'expected', 'code'],
      `the expected code ${quote(code)} does not match the pattern ${quote(pattern)}`,
    );
  }
}

function checkTimer(index: RecipeIndex, entry: StepEntry, step: StepOf<'timer'>): void {
  const { add } = index;
  const { segments } = entry;
  const from = resolveEarlier(index, entry, step.from);
  if ('self' in from) add([...segments, 'from'], 'a timer cannot be measured from itself');
  else if ('problem' in from) add([...segments, 'from'], from.problem);
  else if (!index.prerequisites[entry.order]!.has(from.target.order)) {
    add([...segments, 'from'], notPrerequisite(step.from));
  }
  const { minMinutes, maxMinutes } = step;
  if (minMinutes === undefined && maxMinutes === undefined) {
    add(segments, 'a timer needs minMinutes, maxMinutes or both');
  } else if (minMinutes !== undefined && maxMinutes !== undefined && minMinutes > maxMinutes) {
    add(
      [...segments, 'maxMinutes'],
      `maxMinutes ${formatQuantity(maxMinutes)} is below minMinutes ${formatQuantity(minMinutes)}`,
    );
  }
}

function checkFormula(index: RecipeIndex, entry: StepEntry, step: StepOf<'calculation'>): void {
  const at = [...entry.segments, 'formula'];
  let references: string[];
  try {
    references = formulaReferences(step.formula);
  } catch (error) {
    if (!(error instanceof RecipeFormulaError)) throw error;
    index.add(at, error.message);
    return;
  }
  for (const id of references) {
    const resolved = resolveEarlier(index, entry, id);
    if ('self' in resolved) {
      index.add(at, `the formula reads its own step ${quote(id)}`);
      continue;
    }
    if ('problem' in resolved) {
      index.add(at, `the formula reads ${quote(id)}: ${resolved.problem}`);
      continue;
    }
    const { target } = resolved;
    if (!numericStepTypes.includes(target.step.type)) {
      index.add(at, `the formula reads ${quote(id)}, a ${target.step.type} step, which records no number`);
    } else if (!index.prerequisites[entry.order]!.has(target.order)) {
      index.add(at, `the formula reads ${quote(id)}: ${notPrerequisite(id)}`);
    }
  }
}
