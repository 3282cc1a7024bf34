import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formulaReferences } from '../../electron/core/recipes/formula';
import { parseRecipeFile, type ParsedRecipe } from '../../electron/core/recipes/recipe-file';
import { validateRecipe } from '../../electron/core/recipes/validate';
import type { Recipe, RecipeStep } from '../../shared/recipes/recipe-schema';

/**
 * Property test: random mutations of the two sample recipes, from a seeded generator (a failure
 * names its seed and iteration, so it replays). parseRecipeFile never throws and always answers
 * a well-formed ParsedRecipe; a mutation known to break a rule is never accepted; and whatever
 * is accepted passes an independent check of ids, references, limits and tolerances.
 */
const SEED = 0x5eed_2026;
const ITERATIONS = 3000;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Container = Json[] | { [key: string]: Json };

const samples = ['demo-tablet-blend.json', 'wet-granulation-blend.json'].map(
  (name) =>
    JSON.parse(readFileSync(join(import.meta.dirname, '../../resources/recipes', name), 'utf8')) as Json,
);

/** mulberry32: small, fast, good enough to spread mutations; seeded so failures replay. */
function generator(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  return { next, int, pick };
}
type Random = ReturnType<typeof generator>;

interface Slot {
  parent: Container;
  key: string | number;
}

function slots(root: Json): Slot[] {
  const found: Slot[] = [];
  const walk = (value: Json) => {
    if (Array.isArray(value)) {
      value.forEach((child, index) => {
        found.push({ parent: value, key: index });
        walk(child);
      });
    } else if (value !== null && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        found.push({ parent: value, key });
        walk(child);
      }
    }
  };
  walk(root);
  return found;
}

const get = (slot: Slot) => (slot.parent as Record<string | number, Json>)[slot.key]!;
const set = (slot: Slot, value: Json) => ((slot.parent as Record<string | number, Json>)[slot.key] = value);

const oddNumbers = [1e308, -1e308, -1, 0, -0, 1e-320, 2 ** 53 + 1, 1e20, -0.0001, 0.5, 7, 1000, 200, 201];
const oddStrings = [
  '',
  ' ',
  'x',
  'w_api',
  'RM-1001',
  'EQ-BAL-150',
  '__proto__',
  'constructor',
  '😀',
  '\u0000',
  'é'.repeat(5000),
  '(a+)+',
  'a = 1',
];

function randomValue(random: Random, depth = 0): Json {
  switch (random.int(depth > 2 ? 4 : 6)) {
    case 0:
      return random.pick(oddNumbers);
    case 1:
      return random.pick(oddStrings);
    case 2:
      return random.pick([true, false]);
    case 3:
      return null;
    case 4:
      return Array.from({ length: random.int(3) }, () => randomValue(random, depth + 1));
    default:
      return Object.fromEntries(
        Array.from({ length: random.int(3) }, () => [
          random.pick(['id', 'type', 'x', 'min', '__proto__']),
          randomValue(random, depth + 1),
        ]),
      );
  }
}

interface RecipeJson {
  header: { product: { code: string } };
  materials: { code: string; tolerance: { value: number } }[];
  equipment: { id: string }[];
  procedure: { operations: { id: string; steps: Record<string, Json>[] }[] };
}
const stepsOf = (recipe: RecipeJson) => recipe.procedure.operations.flatMap((operation) => operation.steps);

/** Mutations that leave the structure in place but break a rule validate.ts must catch. */
const ruleBreakers: ((recipe: RecipeJson, random: Random) => void)[] = [
  function duplicateStepId(recipe, random) {
    const steps = stepsOf(recipe);
    const [a, b] = [random.int(steps.length), random.int(steps.length - 1)];
    steps[b >= a ? b + 1 : b]!.id = steps[a]!.id!;
  },
  function operationIdOfAStep(recipe, random) {
    random.pick(recipe.procedure.operations).id = random.pick(stepsOf(recipe)).id as string;
  },
  function duplicateMaterialCode(recipe, random) {
    const [a, b] = [random.int(recipe.materials.length), random.int(recipe.materials.length - 1)];
    recipe.materials[b >= a ? b + 1 : b]!.code = recipe.materials[a]!.code;
  },
  function duplicateEquipmentId(recipe, random) {
    const [a, b] = [random.int(recipe.equipment.length), random.int(recipe.equipment.length - 1)];
    recipe.equipment[b >= a ? b + 1 : b]!.id = recipe.equipment[a]!.id;
  },
  function unknownMaterial(recipe, random) {
    const weighings = stepsOf(recipe).filter((step) => step.type === 'weighing');
    random.pick(weighings).material = 'RM-NOPE';
  },
  function unknownEquipment(recipe, random) {
    const steps = stepsOf(recipe).filter((step) => typeof step.equipment === 'string');
    random.pick(steps).equipment = 'EQ-NOPE-1';
  },
  function laterOrUnknownDependency(recipe, random) {
    const steps = stepsOf(recipe);
    const at = random.int(steps.length);
    const later = steps.slice(at).map((step) => step.id as string);
    steps[at]!.dependsOn = [random.pick([...later, 'no_such_step'])];
  },
  function timerFromLaterStep(recipe, random) {
    const steps = stepsOf(recipe);
    const timers = steps
      .map((step, index) => [step, index] as const)
      .filter(([step]) => step.type === 'timer');
    const [timer, index] = random.pick(timers);
    timer.from = random.pick([...steps.slice(index).map((step) => step.id as string), 'no_such_step']);
  },
  function formulaReadsLaterOrNonNumericStep(recipe, random) {
    const steps = stepsOf(recipe);
    const calculations = steps
      .map((step, index) => [step, index] as const)
      .filter(([step]) => step.type === 'calculation');
    const [calculation, index] = random.pick(calculations);
    const wrong = steps
      .filter(
        (step, at) => at >= index || ['instruction', 'check', 'scan', 'timer'].includes(step.type as string),
      )
      .map((step) => step.id as string);
    calculation.formula = `${calculation.formula as string} + ${random.pick([...wrong, 'no_such_step'])}`;
  },
  function formulaCallsAFunction(recipe, random) {
    const calculation = random.pick(stepsOf(recipe).filter((step) => step.type === 'calculation'));
    calculation.formula = random.pick([
      'exp(1)',
      'a = 1',
      '"1"',
      '[1]',
      'x.y',
      'cos(0)',
      '1 ? 2 : 3',
      'f(x) = 1',
    ]);
  },
  function negativeTolerance(recipe, random) {
    random.pick(recipe.materials).tolerance.value = -random.pick([0.001, 1, 1e308]);
  },
  function invertedLimits(recipe, random) {
    const withLimits = stepsOf(recipe).filter((step) => step.limits !== undefined);
    random.pick(withLimits).limits = { min: 10, max: random.pick([9.999, 0, -1e308]) };
  },
  function invertedTimer(recipe, random) {
    const timer = random.pick(stepsOf(recipe).filter((step) => step.type === 'timer'));
    timer.minMinutes = 50;
    timer.maxMinutes = random.pick([49.5, 1, 0.001]);
  },
  function tinyBalance(recipe, random) {
    const weighing = random.pick(stepsOf(recipe).filter((step) => step.type === 'weighing'));
    weighing.balance = { capacity: 1e-9 };
  },
  function criticalWeighingWithoutSecondPerson(recipe, random) {
    const weighing = random.pick(stepsOf(recipe).filter((step) => step.type === 'weighing'));
    weighing.critical = true;
    weighing.signatures = [{ meaning: 'performed', role: 'operator' }];
  },
  function operatorApproves(recipe, random) {
    random.pick(stepsOf(recipe)).signatures = [
      { meaning: random.pick(['approved', 'released', 'verified']), role: 'operator' },
    ];
  },
  function tooDeep(recipe, random) {
    let deep: Json = 1;
    for (let level = 0; level < 40; level++) deep = [deep];
    random.pick(stepsOf(recipe)).title = deep;
  },
];

/** Mutations whose outcome is not known in advance: only the invariants apply. */
const blindMutations: ((root: Json, random: Random) => void)[] = [
  function deleteKey(root, random) {
    const objects = slots(root).filter((slot) => !Array.isArray(slot.parent));
    const slot = random.pick(objects);
    delete (slot.parent as Record<string, Json>)[slot.key as string];
  },
  function changeType(root, random) {
    set(random.pick(slots(root)), randomValue(random));
  },
  function swapNumbersAndStrings(root, random) {
    const slot = random.pick(
      slots(root).filter((candidate) => ['number', 'string'].includes(typeof get(candidate))),
    );
    const value = get(slot);
    set(
      slot,
      typeof value === 'number'
        ? String(value)
        : Number.isFinite(Number(value))
          ? Number(value)
          : random.pick(oddNumbers),
    );
  },
  function oddNumber(root, random) {
    const numbers = slots(root).filter((slot) => typeof get(slot) === 'number');
    set(random.pick(numbers), random.pick(oddNumbers));
  },
  function oddString(root, random) {
    const strings = slots(root).filter((slot) => typeof get(slot) === 'string');
    set(random.pick(strings), random.pick(oddStrings));
  },
  function duplicateArrayEntry(root, random) {
    const arrays = slots(root).filter((slot) => Array.isArray(get(slot)) && (get(slot) as Json[]).length > 0);
    const list = get(random.pick(arrays)) as Json[];
    list.splice(random.int(list.length + 1), 0, structuredClone(random.pick(list)));
  },
  function removeArrayEntry(root, random) {
    const arrays = slots(root).filter((slot) => Array.isArray(get(slot)) && (get(slot) as Json[]).length > 0);
    const list = get(random.pick(arrays)) as Json[];
    list.splice(random.int(list.length), 1);
  },
  function addUnknownKey(root, random) {
    const objects = slots(root).filter(
      (slot) => get(slot) !== null && typeof get(slot) === 'object' && !Array.isArray(get(slot)),
    );
    (get(random.pick(objects)) as Record<string, Json>)[
      random.pick(['__proto__', 'constructor', 'extra', 'toString'])
    ] = randomValue(random);
  },
];

type ByteMutation = (bytes: Uint8Array, random: Random) => { bytes: Uint8Array; breaks: boolean };
const byteMutations: ByteMutation[] = [
  function truncate(bytes, random) {
    // The text ends "}\n": any cut before the last brace leaves an unclosed object.
    return { bytes: bytes.slice(0, random.int(bytes.length - 1)), breaks: true };
  },
  function overwriteBytes(bytes, random) {
    const copy = bytes.slice();
    for (let count = 1 + random.int(4); count > 0; count--) copy[random.int(copy.length)] = random.int(256);
    return { bytes: copy, breaks: false };
  },
  function insertBytes(bytes, random) {
    const at = random.int(bytes.length);
    const inserted = Uint8Array.from({ length: 1 + random.int(6) }, () => random.int(256));
    return {
      bytes: new Uint8Array([...bytes.subarray(0, at), ...inserted, ...bytes.subarray(at)]),
      breaks: false,
    };
  },
  function deleteBytes(bytes, random) {
    const at = random.int(bytes.length);
    return {
      bytes: new Uint8Array([...bytes.subarray(0, at), ...bytes.subarray(at + 1 + random.int(8))]),
      breaks: false,
    };
  },
  function invalidUtf8(bytes, random) {
    const at = random.int(bytes.length);
    const bad = random.pick([[0xff], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0x80], [0xf0, 0x9f]]);
    return { bytes: new Uint8Array([...bytes.subarray(0, at), ...bad, ...bytes.subarray(at)]), breaks: true };
  },
];

/** An independent reading of the rules, to catch an accepted recipe that breaks one. */
function oracleViolations(recipe: Recipe): string[] {
  const violations: string[] = [];
  const steps = recipe.procedure.operations.flatMap((operation) => operation.steps);
  const ids = [
    ...recipe.procedure.operations.map((operation) => operation.id),
    ...steps.map((step) => step.id),
  ];
  if (new Set(ids).size !== ids.length) violations.push('duplicate operation or step id');
  const codes = recipe.materials.map((material) => material.code);
  if (new Set(codes).size !== codes.length) violations.push('duplicate material code');
  const equipment = recipe.equipment.map((entry) => entry.id);
  if (new Set(equipment).size !== equipment.length) violations.push('duplicate equipment id');
  const indexOf = (id: string) => steps.findIndex((step) => step.id === id);
  const checkLimits = (step: RecipeStep & { limits: { min?: number; target?: number; max?: number } }) => {
    const { min = -Infinity, target, max = Infinity } = step.limits;
    if (min > max || (target !== undefined && (target < min || target > max)))
      violations.push(`${step.id}: limits out of order`);
  };
  for (const material of recipe.materials) {
    if (
      material.tolerance.value < 0 ||
      (material.tolerance.kind === 'percent' && material.tolerance.value > 100)
    ) {
      violations.push(`${material.code}: tolerance`);
    }
  }
  steps.forEach((step, index) => {
    for (const id of step.dependsOn ?? [])
      if (!(indexOf(id) >= 0 && indexOf(id) < index)) violations.push(`${step.id}: dependsOn ${id}`);
    if ('equipment' in step && step.equipment !== undefined && !equipment.includes(step.equipment)) {
      violations.push(`${step.id}: equipment`);
    }
    for (const signature of step.signatures) {
      if (signature.role === 'operator' && !['performed', 'corrected'].includes(signature.meaning))
        violations.push(`${step.id}: operator signs ${signature.meaning}`);
    }
    switch (step.type) {
      case 'weighing':
        if (!codes.includes(step.material) && step.material !== recipe.header.product.code)
          violations.push(`${step.id}: material`);
        if (step.tolerance && step.tolerance.value < 0) violations.push(`${step.id}: tolerance`);
        if (
          step.critical &&
          !step.signatures.some(
            (signature) => signature.meaning === 'verified' && signature.distinctFromPerformer,
          )
        ) {
          violations.push(`${step.id}: no second person`);
        }
        break;
      case 'scan':
        if (step.material !== undefined && !codes.includes(step.material))
          violations.push(`${step.id}: material`);
        break;
      case 'timer':
        if (!(indexOf(step.from) >= 0 && indexOf(step.from) < index)) violations.push(`${step.id}: from`);
        if (
          step.minMinutes !== undefined &&
          step.maxMinutes !== undefined &&
          step.minMinutes > step.maxMinutes
        )
          violations.push(`${step.id}: minutes`);
        break;
      case 'calculation': {
        let references: string[] = [];
        try {
          references = formulaReferences(step.formula);
        } catch {
          violations.push(`${step.id}: formula`);
        }
        for (const id of references) {
          const at = indexOf(id);
          if (
            !(at >= 0 && at < index) ||
            !['numeric', 'weighing', 'measurement', 'calculation'].includes(steps[at]!.type)
          ) {
            violations.push(`${step.id}: formula reads ${id}`);
          }
        }
        checkLimits(step);
        break;
      }
      case 'numeric':
      case 'measurement':
        checkLimits(step);
        break;
    }
  });
  return violations;
}

function expectWellFormed(parsed: ParsedRecipe, context: string): void {
  if (parsed.ok) {
    expect(parsed.recipe.format, context).toBe('ebr-recipe/1');
    return;
  }
  expect(parsed.problems.length, context).toBeGreaterThan(0);
  for (const problem of parsed.problems) {
    expect(typeof problem.path, context).toBe('string');
    expect(problem.path, context).toMatch(/^$|^[A-Za-z_$[]/);
    expect(typeof problem.message === 'string' && problem.message.length > 0, context).toBe(true);
    expect(problem.message, context).not.toMatch(/could not be checked/);
  }
}

const encode = (value: Json) => new TextEncoder().encode(JSON.stringify(value, null, 2) + '\n');

describe('random mutations of the sample recipes', () => {
  it(`${ITERATIONS} mutations: never a throw, always a well-formed answer, never a broken rule accepted`, () => {
    const random = generator(SEED);
    const tally = { accepted: 0, refused: 0, byKind: {} as Record<string, number> };
    for (let iteration = 0; iteration < ITERATIONS; iteration++) {
      const original = random.pick(samples);
      const recipe = structuredClone(original);
      let breaks = false;
      let kind: string;
      let bytes: Uint8Array;
      const choice = random.next();
      if (choice < 0.35) {
        const breaker = random.pick(ruleBreakers);
        kind = breaker.name;
        breaker(recipe as unknown as RecipeJson, random);
        breaks = true;
        bytes = encode(recipe);
      } else if (choice < 0.8) {
        const mutations = Array.from({ length: 1 + random.int(3) }, () => random.pick(blindMutations));
        kind = mutations.map((mutation) => mutation.name).join('+');
        for (const mutation of mutations) mutation(recipe, random);
        bytes = encode(recipe);
      } else {
        const mutation = random.pick(byteMutations);
        kind = mutation.name;
        const mutated = mutation(encode(recipe), random);
        bytes = mutated.bytes;
        breaks = mutated.breaks;
      }
      tally.byKind[kind.split('+')[0]!] = (tally.byKind[kind.split('+')[0]!] ?? 0) + 1;
      const context = `seed ${SEED}, iteration ${iteration}: ${kind}`;
      let parsed: ParsedRecipe;
      try {
        parsed = parseRecipeFile(bytes);
      } catch (error) {
        throw new Error(`${context}: parseRecipeFile threw`, { cause: error });
      }
      expectWellFormed(parsed, context);
      if (breaks) expect(parsed.ok, `${context} was accepted`).toBe(false);
      if (parsed.ok) {
        tally.accepted++;
        expect(oracleViolations(parsed.recipe), context).toEqual([]);
        expect(validateRecipe(parsed.recipe), context).toEqual([]);
        // What is accepted reads back the same when written out again.
        const again = parseRecipeFile(encode(parsed.recipe as unknown as Json));
        expect(again, context).toEqual(parsed);
      } else tally.refused++;
    }
    // Both outcomes occur, and every kind of mutation ran: the test exercises what it claims to.
    expect(tally.accepted).toBeGreaterThan(50);
    expect(tally.refused).toBeGreaterThan(ITERATIONS / 2);
    expect(Object.keys(tally.byKind).length).toBe(
      ruleBreakers.length + blindMutations.length + byteMutations.length,
    );
    // About 4 s on a quiet machine; the time limit below only stops a runaway.
  }, 120_000);

  it('the samples themselves are accepted, and so is each one written back out', () => {
    for (const sample of samples) {
      const parsed = parseRecipeFile(encode(sample));
      expect(parsed.ok).toBe(true);
      if (parsed.ok) expect(oracleViolations(parsed.recipe)).toEqual([]);
    }
  });
});
