import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffRecipes, fieldChanges, stableKeys } from '../../renderer/src/recipes/recipe-diff';
import { diffValue, fieldLabel, stepDiffValue } from '../../renderer/src/recipes/diff-words';
import { recipeSchema, type Recipe, type RecipeStep } from '../../shared/recipes/recipe-schema';

/** The version diff shown at review: pure, pinned here on the demo and the realistic sample. */
const samplesDir = join(import.meta.dirname, '../../resources/recipes');

function sample(name: string): Recipe {
  return recipeSchema.parse(JSON.parse(readFileSync(join(samplesDir, name), 'utf8')));
}

/** A deep copy to change: the diff must not depend on object identity. */
function copy(recipe: Recipe): Recipe {
  return structuredClone(recipe);
}

function step(recipe: Recipe, id: string): RecipeStep {
  for (const operation of recipe.procedure.operations) {
    const found = operation.steps.find((candidate) => candidate.id === id);
    if (found) return found;
  }
  throw new Error(`no step ${id}`);
}

function operation(recipe: Recipe, id: string) {
  const found = recipe.procedure.operations.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no operation ${id}`);
  return found;
}

// Fields are compared in the order the schema gives them (the common step fields first), new ones last.
describe('diffRecipes', () => {
  const demo = sample('demo-tablet-blend.json');
  const realistic = sample('wet-granulation-blend.json');

  it('finds nothing between a version and a copy of it', () => {
    for (const recipe of [demo, realistic]) {
      const diff = diffRecipes(recipe, copy(recipe));
      expect(diff.identical).toBe(true);
      expect(diff.header).toEqual([]);
      expect(diff.materials).toEqual([]);
      expect(diff.equipment).toEqual([]);
      expect(diff.operations).toEqual([]);
      const count = recipe.procedure.operations.reduce((total, op) => total + op.steps.length, 0);
      expect(diff.counts).toEqual({ added: 0, removed: 0, changed: 0, moved: 0, unchanged: count });
      expect(diff.steps.map((entry) => entry.id)).toEqual(
        recipe.procedure.operations.flatMap((op) => op.steps.map((s) => s.id)),
      );
    }
  });

  it('lists changed header fields with old → new, the version label included', () => {
    const next = copy(demo);
    next.header.versionLabel = '1.1';
    next.header.nominalBatchSize.quantity = 20;
    next.header.description = 'Scaled up.';
    const diff = diffRecipes(demo, next);
    expect(diff.identical).toBe(false);
    expect(diff.header).toEqual([
      { path: 'versionLabel', before: '1.0', after: '1.1' },
      { path: 'nominalBatchSize.quantity', before: 10, after: 20 },
      { path: 'description', before: demo.header.description, after: 'Scaled up.' },
    ]);
  });

  it('matches materials by code: added, removed and changed with their fields', () => {
    const next = copy(demo);
    next.materials[0]!.quantity = 2.5;
    next.materials[0]!.tolerance = { kind: 'absolute', value: 0.01 };
    next.materials.splice(1, 1);
    next.materials.push({
      code: 'RM-0300',
      name: 'Magnesium stearate',
      quantity: 0.05,
      unit: 'kg',
      tolerance: { kind: 'percent', value: 2 },
    });
    const diff = diffRecipes(demo, next);
    expect(diff.materials.map((entry) => [entry.key, entry.status])).toEqual([
      ['RM-0100', 'changed'],
      ['RM-0300', 'added'],
      ['RM-0200', 'removed'],
    ]);
    expect(diff.materials[0]!.changes).toEqual([
      { path: 'quantity', before: 2, after: 2.5 },
      { path: 'tolerance.kind', before: 'percent', after: 'absolute' },
      { path: 'tolerance.value', before: 0.5, after: 0.01 },
    ]);
    expect(diff.materials[1]!.after?.name).toBe('Magnesium stearate');
    expect(diff.materials[2]!.before?.name).toBe('Lactose monohydrate');
  });

  it('matches equipment by id', () => {
    const next = copy(demo);
    next.equipment[0]!.description = '64 kg, readability 1 g';
    next.equipment.pop();
    const diff = diffRecipes(demo, next);
    expect(diff.equipment).toEqual([
      {
        key: 'EQ-BAL-032',
        status: 'changed',
        before: demo.equipment[0],
        after: next.equipment[0],
        changes: [{ path: 'description', before: '32 kg, readability 1 g', after: '64 kg, readability 1 g' }],
      },
      { key: 'EQ-BLD-010', status: 'removed', before: demo.equipment[1], changes: [] },
    ]);
  });

  it('shows a changed limit and a removed step, the removed one where it was (the review case)', () => {
    // The earlier version (0.9) of the realistic sample: one limit different, one step more.
    const earlier = copy(realistic);
    earlier.header.versionLabel = '0.9';
    const power = step(earlier, 'gran_power') as Extract<RecipeStep, { type: 'numeric' }>;
    power.limits.max = 16;
    const granulation = operation(earlier, 'granulation');
    const at = granulation.steps.findIndex((candidate) => candidate.id === 'gran_endpoint');
    granulation.steps.splice(at + 1, 0, {
      id: 'gran_sample',
      type: 'instruction',
      title: 'Take a sample of the wet mass',
      instruction: 'Keep it for information.',
      requiredRole: 'operator',
      signatures: [],
      critical: false,
      onLimitViolation: 'block',
    });
    const diff = diffRecipes(earlier, realistic);

    expect(diff.header).toEqual([
      { path: 'versionLabel', before: '0.9', after: realistic.header.versionLabel },
    ]);
    expect(diff.counts.changed).toBe(1);
    expect(diff.counts.removed).toBe(1);
    expect(diff.counts.added).toBe(0);
    expect(diff.counts.moved).toBe(0);
    const changed = diff.steps.find((entry) => entry.status === 'changed')!;
    expect(changed.id).toBe('gran_power');
    expect(changed.changes).toEqual([{ path: 'limits.max', before: 16, after: 15 }]);
    expect(changed.moved).toBe(false);
    // The removed step follows the step it followed in 0.9, numbered as it was there.
    const ids = diff.steps.map((entry) => entry.id);
    expect(ids.indexOf('gran_sample')).toBe(ids.indexOf('gran_endpoint') + 1);
    const removed = diff.steps[ids.indexOf('gran_sample')]!;
    expect(removed.status).toBe('removed');
    expect(removed.after).toBeUndefined();
    expect(removed.before?.operationId).toBe('granulation');
    expect(removed.before?.number).toBe(diff.steps[ids.indexOf('gran_endpoint')]!.before!.number + 1);
    // Steps after the removed one have new numbers but did not move.
    const discharge = diff.steps.find((entry) => entry.id === 'gran_discharge')!;
    expect(discharge.status).toBe('unchanged');
    expect(discharge.after!.number).toBe(discharge.before!.number - 1);
  });

  it('tells an added step, and changes of each kind of field (lists, flags, signatures)', () => {
    const next = copy(demo);
    operation(next, 'blending').steps.push({
      id: 'blend_check',
      type: 'check',
      title: 'Blend appearance',
      instruction: '',
      items: ['Homogeneous', 'No lumps'],
      requiredRole: 'operator',
      signatures: [],
      critical: false,
      onLimitViolation: 'block',
    });
    const clearance = step(next, 'line_clearance') as Extract<RecipeStep, { type: 'check' }>;
    clearance.items[1] = 'Blender EQ-BLD-010 carries a valid CLEAN label';
    clearance.items.push('Waste bins emptied');
    clearance.signatures[1]!.distinctFromPerformer = false;
    const speed = step(next, 'blend_speed');
    speed.onLimitViolation = 'block';
    speed.dependsOn = ['w_api', 'w_lactose'];
    const diff = diffRecipes(demo, next);

    const added = diff.steps.find((entry) => entry.id === 'blend_check')!;
    expect(added).toMatchObject({ status: 'added', moved: false, changes: [] });
    expect(added.after).toMatchObject({ operationId: 'blending', number: 9 });
    expect(diff.steps.at(-1)!.id).toBe('blend_check');

    expect(diff.steps.find((entry) => entry.id === 'line_clearance')!.changes).toEqual([
      { path: 'signatures[1].distinctFromPerformer', before: true, after: false },
      {
        path: 'items[1]',
        before: 'Blender EQ-BLD-010 carries a valid CLEANED label',
        after: 'Blender EQ-BLD-010 carries a valid CLEAN label',
      },
      { path: 'items[3]', before: undefined, after: 'Waste bins emptied' },
    ]);
    expect(diff.steps.find((entry) => entry.id === 'blend_speed')!.changes).toEqual([
      { path: 'onLimitViolation', before: 'deviation', after: 'block' },
      { path: 'dependsOn[0]', before: undefined, after: 'w_api' },
      { path: 'dependsOn[1]', before: undefined, after: 'w_lactose' },
    ]);
  });

  it('tells a step moved within its operation from the steps that only shifted', () => {
    const next = copy(demo);
    const dispensing = operation(next, 'dispensing');
    dispensing.steps.reverse(); // w_lactose before w_api
    const diff = diffRecipes(demo, next);
    const moved = diff.steps.filter((entry) => entry.moved);
    // One of the two swapped steps is enough to explain the order; the other is stable.
    expect(moved).toHaveLength(1);
    expect(moved[0]!.status).toBe('moved');
    expect(['w_api', 'w_lactose']).toContain(moved[0]!.id);
    expect(diff.counts).toMatchObject({ moved: 1, changed: 0, added: 0, removed: 0 });
    expect(diff.operations).toEqual([]);
  });

  it('tells a step moved to another operation, changed or not', () => {
    const next = copy(demo);
    const [scan] = operation(next, 'preparation').steps.splice(2, 1);
    operation(next, 'blending').steps.unshift(scan!);
    const speed = step(next, 'blend_speed') as Extract<RecipeStep, { type: 'numeric' }>;
    const [api] = operation(next, 'dispensing').steps.splice(0, 1);
    operation(next, 'preparation').steps.push({ ...api!, title: 'Weigh Demotabin first' });
    speed.limits.target = 12.5;
    const diff = diffRecipes(demo, next);
    const scanDiff = diff.steps.find((entry) => entry.id === 'scan_blender')!;
    expect(scanDiff).toMatchObject({ status: 'moved', moved: true, changes: [] });
    expect(scanDiff.before?.operationId).toBe('preparation');
    expect(scanDiff.after?.operationId).toBe('blending');
    const apiDiff = diff.steps.find((entry) => entry.id === 'w_api')!;
    expect(apiDiff).toMatchObject({ status: 'changed', moved: true });
    expect(apiDiff.changes).toEqual([
      { path: 'title', before: 'Weigh Demotabin', after: 'Weigh Demotabin first' },
    ]);
    expect(diff.steps.find((entry) => entry.id === 'blend_speed')!.changes).toEqual([
      { path: 'limits.target', before: 12, after: 12.5 },
    ]);
  });

  it('tells a step whose type changed, with the fields that came and went', () => {
    const next = copy(demo);
    const blending = operation(next, 'blending');
    const at = blending.steps.findIndex((candidate) => candidate.id === 'blend_time');
    blending.steps[at] = {
      id: 'blend_time',
      type: 'instruction',
      title: 'Blend time',
      instruction: 'Stop the blender after 10 minutes.',
      requiredRole: 'operator',
      signatures: [],
      critical: false,
      onLimitViolation: 'block',
    };
    const diff = diffRecipes(demo, next);
    const changes = diff.steps.find((entry) => entry.id === 'blend_time')!.changes;
    expect(changes).toContainEqual({ path: 'type', before: 'timer', after: 'instruction' });
    expect(changes).toContainEqual({ path: 'from', before: 'blend_speed', after: undefined });
    expect(changes).toContainEqual({ path: 'maxMinutes', before: 12, after: undefined });
  });

  it('tells operations added, removed, renamed and reordered', () => {
    const next = copy(demo);
    const [preparation, dispensing, blending] = next.procedure.operations;
    blending!.title = 'Blending and check';
    next.procedure.operations = [dispensing!, preparation!, blending!];
    const extra = copy(demo).procedure.operations[2]!;
    extra.id = 'extra';
    extra.steps = [{ ...extra.steps[0]!, id: 'extra_speed' }];
    next.procedure.operations.push(extra);
    const diff = diffRecipes(demo, next);
    const byKey = Object.fromEntries(diff.operations.map((entry) => [entry.key, entry]));
    expect(byKey.blending).toMatchObject({
      status: 'changed',
      moved: false,
      changes: [{ path: 'title', before: 'Blending', after: 'Blending and check' }],
    });
    expect(byKey.extra).toMatchObject({ status: 'added', moved: false });
    // Swapping the first two: one of them is the one that moved.
    expect(diff.operations.filter((entry) => entry.moved)).toHaveLength(1);
    expect(diff.steps.find((entry) => entry.id === 'extra_speed')!.status).toBe('added');
  });

  it('does not depend on key order inside objects', () => {
    const next = copy(demo);
    const speed = step(next, 'blend_speed') as Extract<RecipeStep, { type: 'numeric' }>;
    speed.limits = { max: 14, target: 12, min: 10 };
    expect(diffRecipes(demo, next).identical).toBe(true);
  });
});

describe('the pieces', () => {
  it('fieldChanges compares leaves and ignores what it is told to', () => {
    expect(
      fieldChanges({ id: 'a', x: { y: 1, z: [1, 2] } }, { id: 'b', x: { y: 1, z: [1, 3] } }, ['id']),
    ).toEqual([{ path: 'x.z[1]', before: 2, after: 3 }]);
    expect(fieldChanges({ list: [] }, { list: ['a'] })).toEqual([
      { path: 'list', before: [], after: undefined },
      { path: 'list[0]', before: undefined, after: 'a' },
    ]);
  });

  it('stableKeys keeps the longest run in common order', () => {
    expect([...stableKeys(['a', 'b', 'c', 'd'], ['a', 'c', 'd', 'b'])].sort()).toEqual(['a', 'c', 'd']);
    expect(stableKeys([], ['a']).size).toBe(0);
  });

  it('field paths and values in words', () => {
    expect(fieldLabel('limits.max')).toBe('limits › max');
    expect(fieldLabel('signatures[1].distinctFromPerformer')).toBe('signatures 2 › second person');
    expect(fieldLabel('items[0]')).toBe('checklist items 1');
    expect(fieldLabel('balance.minimumWeight')).toBe('balance › minimum weight');
    expect(diffValue(undefined)).toBe('—');
    expect(diffValue(0.1 + 0.2)).toBe('0.3');
    expect(diffValue(true)).toBe('yes');
    expect(diffValue(['a'])).toBe('["a"]');
    const lod = sample('wet-granulation-blend.json')
      .procedure.operations.flatMap((op) => op.steps)
      .find((s) => s.id === 'lod');
    expect(stepDiffValue(lod, 3, 'limits.max')).toBe('3.00 %');
    expect(stepDiffValue(lod, 2, 'decimals')).toBe('2');
    expect(stepDiffValue(undefined, 3, 'limits.max')).toBe('3');
  });
});
