import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRecipeFile, type RecipeProblem } from '../../electron/core/recipes/recipe-file';
import { validateRecipe } from '../../electron/core/recipes/validate';
import { recipeSchema, type Recipe } from '../../shared/recipes/recipe-schema';

/**
 * One failing fixture per rule (tests/fixtures/recipes/*.json): each is the demo recipe with one
 * thing broken, and must be refused with exactly these problems — path and message.
 */
const fixturesDir = join(import.meta.dirname, '../fixtures/recipes');
const samplesDir = join(import.meta.dirname, '../../resources/recipes');

const expectedProblems: Record<string, [path: string, message: string][]> = {
  'batch-size-unit': [
    ['header.nominalBatchSize.unit', 'a batch size is a mass, a volume or a count; "rpm" is a unit of speed'],
  ],
  'critical-weighing-without-second-person': [
    [
      'procedure.operations[1].steps[1].signatures',
      'a critical weighing needs a second-person check: a "verified" signature with distinctFromPerformer true (21 CFR 211.101(c))',
    ],
  ],
  'depends-on-cycle': [
    [
      'procedure.operations[1].steps[0].dependsOn[0]',
      'the step "w_lactose" comes later in the procedure; only earlier steps can be named (so there can be no cycle)',
    ],
  ],
  'depends-on-itself': [['procedure.operations[2].steps[0].dependsOn[1]', 'a step cannot depend on itself']],
  'depends-on-later-step': [
    [
      'procedure.operations[1].steps[0].dependsOn[0]',
      'the step "blend_speed" comes later in the procedure; only earlier steps can be named (so there can be no cycle)',
    ],
  ],
  'depends-on-operation': [
    ['procedure.operations[2].steps[0].dependsOn[1]', '"dispensing" is an operation; name one of its steps'],
  ],
  'depends-on-twice': [['procedure.operations[2].steps[0].dependsOn[2]', '"w_api" is listed twice']],
  'depends-on-unknown-step': [
    ['procedure.operations[2].steps[0].dependsOn[1]', 'there is no step "w_sugar"'],
  ],
  'duplicate-equipment-id': [
    ['equipment[2].id', 'the equipment id "EQ-BAL-032" is already listed at equipment[0]'],
  ],
  'duplicate-material-code': [
    ['materials[2].code', 'the material code "RM-0100" is already used by materials[0]'],
  ],
  'duplicate-operation-and-step-id': [
    [
      'procedure.operations[1].id',
      'the id "start" is already used by the step procedure.operations[0].steps[0]',
    ],
  ],
  'duplicate-operation-id': [
    [
      'procedure.operations[2].id',
      'the id "dispensing" is already used by the operation procedure.operations[1]',
    ],
  ],
  'duplicate-step-id': [
    [
      'procedure.operations[2].steps[1].id',
      'the id "blend_speed" is already used by the step procedure.operations[2].steps[0]',
    ],
  ],
  'file-duplicate-key': [
    [
      'header.name',
      'the property "name" appears twice in the same object; the file is ambiguous (line 6, column 5)',
    ],
  ],
  'file-empty': [['', 'the file is empty']],
  'file-not-an-object': [['', 'a recipe file holds one JSON object, with "format": "ebr-recipe/1"']],
  'file-not-json': [
    [
      '',
      "the file is not valid JSON: found '\"' where ',' or '}' was expected after a property value (line 61, column 13)",
    ],
  ],
  'file-not-utf8': [['', 'the file is not valid UTF-8 text']],
  'file-too-deep': [['', 'the file nests objects and arrays deeper than 32 levels (line 1, column 69)']],
  'format-version': [
    ['format', 'this version reads recipe files of format "ebr-recipe/1", not "ebr-recipe/2"'],
  ],
  'formula-assignment': [
    ['procedure.operations[2].steps[2].formula', 'assignment (=) is not allowed in a formula'],
  ],
  'formula-function-arguments': [['procedure.operations[2].steps[2].formula', '"sqrt" takes sqrt(x)']],
  'formula-function-definition': [
    ['procedure.operations[2].steps[2].formula', 'function definitions are not allowed in a formula'],
  ],
  'formula-function-not-allowed': [
    [
      'procedure.operations[2].steps[2].formula',
      'the function "exp" is not allowed; use min, max, abs, round, sqrt, floor, ceil',
    ],
  ],
  'formula-implicit-multiplication': [
    [
      'procedure.operations[2].steps[2].formula',
      'write * between the factors of "100 w_api" (implicit multiplication is not allowed)',
    ],
  ],
  'formula-later-step': [
    [
      'procedure.operations[2].steps[2].formula',
      'the formula reads "api_total": the step "api_total" comes later in the procedure; only earlier steps can be named (so there can be no cycle)',
    ],
  ],
  'formula-matrix': [
    ['procedure.operations[2].steps[2].formula', 'lists and matrices ([ ]) are not allowed in a formula'],
  ],
  'formula-non-numeric-step': [
    [
      'procedure.operations[2].steps[2].formula',
      'the formula reads "line_clearance", a check step, which records no number',
    ],
  ],
  'formula-not-prerequisite': [
    [
      'procedure.operations[2].steps[2].formula',
      'the formula reads "w_api": the step "w_api" need not be complete before this step starts (it is not among its dependencies); add it to dependsOn',
    ],
    [
      'procedure.operations[2].steps[2].formula',
      'the formula reads "w_lactose": the step "w_lactose" need not be complete before this step starts (it is not among its dependencies); add it to dependsOn',
    ],
  ],
  'formula-operator': [
    [
      'procedure.operations[2].steps[2].formula',
      'the operator ">" is not allowed; use + - * / ^ and parentheses',
    ],
  ],
  'formula-own-step': [
    ['procedure.operations[2].steps[2].formula', 'the formula reads its own step "api_fraction"'],
  ],
  'formula-property-access': [
    [
      'procedure.operations[2].steps[2].formula',
      'property or element access (. or [ ]) is not allowed in a formula',
    ],
  ],
  'formula-string': [
    ['procedure.operations[2].steps[2].formula', 'text is not allowed in a formula, only numbers'],
  ],
  'formula-syntax': [
    [
      'procedure.operations[2].steps[2].formula',
      'the formula cannot be read: Parenthesis ) expected (char 33)',
    ],
  ],
  'formula-unknown-step': [
    [
      'procedure.operations[2].steps[2].formula',
      'the formula reads "w_sucrose": there is no step "w_sucrose"',
    ],
  ],
  'limits-min-above-max': [['procedure.operations[2].steps[0].limits.max', 'max 10 is below min 14']],
  'limits-target-above-max': [
    ['procedure.operations[2].steps[0].limits.target', 'target 15 is above max 14'],
  ],
  'limits-target-below-min': [
    ['procedure.operations[2].steps[2].limits.target', 'target 19.5 is below min 19.8'],
  ],
  'material-code-is-product-code': [
    [
      'materials[1].code',
      '"DEMO-TAB-100" is the product code of this recipe; a material needs a code of its own',
    ],
  ],
  'material-unit': [
    [
      'materials[0].unit',
      'a material quantity is a mass, a volume or a count; "°C" is a unit of temperature',
    ],
    [
      'procedure.operations[1].steps[0].unit',
      'the material "RM-0100" is in °C (temperature); a weighing in kg (mass) cannot be compared with it',
    ],
  ],
  'measurement-unknown-equipment': [
    [
      'procedure.operations[2].steps[1].equipment',
      'there is no equipment "EQ-TMP-001" in the equipment list',
    ],
  ],
  'performed-signature-distinct': [
    [
      'procedure.operations[1].steps[0].signatures[0].distinctFromPerformer',
      'a "performed" signature is the performer\'s own; it cannot be distinct from the performer',
    ],
  ],
  'required-role-cannot-perform': [
    [
      'procedure.operations[2].steps[0].requiredRole',
      'the role "qa" cannot perform steps: the permission table does not give it sign.performed',
    ],
  ],
  'reserved-step-id': [
    [
      'procedure.operations[0].steps[0].id',
      '"round" cannot be a step id: formulas read it as a function, an operator or a constant',
    ],
  ],
  'scan-code-not-matching-pattern': [
    [
      'procedure.operations[0].steps[2].expected.code',
      'the expected code "EQ-BLD-010" does not match the pattern "EQ-BLD-[0-9]{4}"',
    ],
  ],
  'scan-material-on-equipment-scan': [
    ['procedure.operations[0].steps[2].material', 'a scan of equipment names no material; use "equipment"'],
  ],
  'scan-pattern-back-reference': [
    [
      'procedure.operations[0].steps[2].expected.pattern',
      'back-references (\\1, \\k<name>) are not allowed in a scan pattern',
    ],
  ],
  'scan-pattern-backtracking': [
    [
      'procedure.operations[0].steps[2].expected.pattern',
      'the pattern repeats a part that can itself match in several ways (such as (a+)+ or (a|b)*); matching could take practically forever, so simplify it',
    ],
  ],
  'scan-pattern-invalid': [
    [
      'procedure.operations[0].steps[2].expected.pattern',
      'the pattern is not a valid regular expression: Invalid regular expression: /EQ-BLD-[0-9{3}/u: Unterminated character class',
    ],
  ],
  'scan-unknown-equipment': [
    [
      'procedure.operations[0].steps[2].equipment',
      'there is no equipment "EQ-BLD-011" in the equipment list',
    ],
  ],
  'scan-unknown-material': [
    ['procedure.operations[1].steps[0].material', 'there is no material "RM-0101" in the bill of materials'],
  ],
  'schema-unknown-field': [
    ['procedure.operations[1].steps[0].targetQuantity', 'unknown field "targetQuantity"'],
  ],
  'schema-unknown-signature-role': [
    [
      'procedure.operations[1].steps[0].signatures[1].role',
      'expected one of "operator", "supervisor", "qa", "technician", "material-handler", "trainer", "administrator", found the text "engineer"',
    ],
  ],
  'schema-unknown-step-type': [
    [
      'procedure.operations[0].steps[0].type',
      'unknown step type: expected one of instruction, check, numeric, weighing, measurement, scan, timer, calculation, found the text "stir"',
    ],
  ],
  'signature-role-may-not-sign': [
    [
      'procedure.operations[2].steps[2].signatures[0].role',
      'the role "operator" may not sign "approved": the permission table does not give it sign.approved',
    ],
  ],
  'timer-from-itself': [['procedure.operations[2].steps[1].from', 'a timer cannot be measured from itself']],
  'timer-from-later-step': [
    [
      'procedure.operations[2].steps[1].from',
      'the step "api_fraction" comes later in the procedure; only earlier steps can be named (so there can be no cycle)',
    ],
  ],
  'timer-from-not-prerequisite': [
    [
      'procedure.operations[2].steps[1].from',
      'the step "blend_speed" need not be complete before this step starts (it is not among its dependencies); add it to dependsOn',
    ],
  ],
  'timer-from-unknown-step': [['procedure.operations[2].steps[1].from', 'there is no step "blend_start"']],
  'timer-min-above-max': [
    ['procedure.operations[2].steps[1].maxMinutes', 'maxMinutes 12 is below minMinutes 15'],
  ],
  'timer-without-limits': [
    ['procedure.operations[2].steps[1]', 'a timer needs minMinutes, maxMinutes or both'],
  ],
  'tolerance-negative': [['materials[1].tolerance.value', 'a tolerance cannot be negative']],
  'tolerance-percent-over-100': [
    ['procedure.operations[1].steps[1].tolerance.value', 'a percentage tolerance cannot exceed 100 %'],
  ],
  'weighing-capacity-below-target': [
    [
      'procedure.operations[1].steps[1].balance.capacity',
      'the balance capacity 6.2 kg is below the target 8 kg',
    ],
  ],
  'weighing-minimum-weight-above-target': [
    [
      'procedure.operations[1].steps[0].balance.minimumWeight',
      'the minimum weight 2.5 kg is above the target 2 kg',
    ],
  ],
  'weighing-readability-above-tolerance': [
    [
      'procedure.operations[1].steps[0].balance.readability',
      'the readability 0.02 kg is coarser than the tolerance ±0.01 kg',
    ],
  ],
  'weighing-unit-dimension': [
    [
      'procedure.operations[1].steps[1].unit',
      'the material "RM-0200" is in L (volume); a weighing in kg (mass) cannot be compared with it',
    ],
  ],
  'weighing-unit-not-mass': [
    [
      'procedure.operations[1].steps[1].unit',
      'a weighing is recorded in a unit of mass (mg, g or kg), not L',
    ],
  ],
  'weighing-unknown-equipment': [
    [
      'procedure.operations[1].steps[0].equipment',
      'there is no equipment "EQ-BAL-999" in the equipment list',
    ],
  ],
  'weighing-unknown-material': [
    [
      'procedure.operations[1].steps[1].material',
      'there is no material "RM-0300" in the bill of materials (nor is it the product code)',
    ],
  ],
};

function problemsOf(bytes: Uint8Array): RecipeProblem[] {
  const parsed = parseRecipeFile(bytes);
  return parsed.ok ? [] : parsed.problems;
}

function sample(name: string): Recipe {
  return recipeSchema.parse(JSON.parse(readFileSync(join(samplesDir, name), 'utf8')));
}

describe('recipe validation rules, one failing fixture each', () => {
  const files = readdirSync(fixturesDir).filter((file) => file.endsWith('.json'));

  it('has an expectation for every fixture file and a file for every expectation', () => {
    expect(files.map((file) => file.replace(/\.json$/, '')).sort()).toEqual(
      Object.keys(expectedProblems).sort(),
    );
  });

  it.each(Object.entries(expectedProblems))('%s', (name, expected) => {
    const problems = problemsOf(readFileSync(join(fixturesDir, `${name}.json`)));
    expect(problems).toEqual(expected.map(([path, message]) => ({ path, message })));
  });
});

describe('sample recipes', () => {
  it('fixtures that must pass do (a UTF-8 byte-order mark)', () => {
    for (const file of readdirSync(join(fixturesDir, 'valid'))) {
      expect([file, problemsOf(readFileSync(join(fixturesDir, 'valid', file)))]).toEqual([file, []]);
    }
  });

  it.each(['demo-tablet-blend.json', 'wet-granulation-blend.json'])(
    '%s validates with no problem',
    (name) => {
      const parsed = parseRecipeFile(readFileSync(join(samplesDir, name)));
      expect(parsed.ok ? [] : parsed.problems).toEqual([]);
    },
  );

  it('the demo has 5 to 8 steps; the realistic one 30+ steps of every type, with second-person weighings', () => {
    const steps = (recipe: Recipe) => recipe.procedure.operations.flatMap((operation) => operation.steps);
    const demo = steps(sample('demo-tablet-blend.json'));
    expect(demo.length).toBeGreaterThanOrEqual(5);
    expect(demo.length).toBeLessThanOrEqual(8);
    const realistic = steps(sample('wet-granulation-blend.json'));
    expect(realistic.length).toBeGreaterThanOrEqual(30);
    expect(new Set(realistic.map((step) => step.type))).toEqual(
      new Set(['instruction', 'check', 'numeric', 'weighing', 'measurement', 'scan', 'timer', 'calculation']),
    );
    const weighings = realistic.filter((step) => step.type === 'weighing');
    expect(weighings.length).toBeGreaterThanOrEqual(6);
    for (const weighing of weighings) {
      expect(weighing.critical).toBe(true);
      expect(weighing.signatures).toContainEqual({
        meaning: 'verified',
        role: 'supervisor',
        distinctFromPerformer: true,
      });
    }
    expect(realistic.find((step) => step.id === 'yield_pct')).toMatchObject({
      type: 'calculation',
      limits: { min: 97, max: 101 },
    });
  });
});

describe('validateRecipe', () => {
  it('reports every problem, in document order', () => {
    const recipe = sample('demo-tablet-blend.json');
    const [preparation, dispensing, blending] = recipe.procedure.operations;
    recipe.materials[1]!.tolerance.value = -1;
    preparation!.steps[2]!.id = 'w_api';
    dispensing!.steps[0]!.signatures = [];
    const blendSpeed = blending!.steps[0]!;
    if (blendSpeed.type !== 'numeric') throw new Error('the demo changed');
    blendSpeed.limits = { min: 3, max: 2 };
    const calculation = blending!.steps[2]!;
    if (calculation.type !== 'calculation') throw new Error('the demo changed');
    calculation.formula = 'w_api + pi';
    expect(validateRecipe(recipe)).toEqual([
      { path: 'materials[1].tolerance.value', message: 'a tolerance cannot be negative' },
      {
        path: 'procedure.operations[1].steps[0].id',
        message: 'the id "w_api" is already used by the step procedure.operations[0].steps[2]',
      },
      {
        path: 'procedure.operations[1].steps[0].signatures',
        message:
          'a critical weighing needs a second-person check: a "verified" signature with distinctFromPerformer true (21 CFR 211.101(c))',
      },
      { path: 'procedure.operations[2].steps[0].limits.max', message: 'max 2 is below min 3' },
      // A reference resolves to the first step with the id: here the scan, which records no number.
      {
        path: 'procedure.operations[2].steps[2].formula',
        message: 'the formula reads "w_api", a scan step, which records no number',
      },
      {
        path: 'procedure.operations[2].steps[2].formula',
        message: 'the formula reads "pi": there is no step "pi"',
      },
    ]);
  });

  it('refuses more than 1000 steps (schema allows 50 operations of 200)', () => {
    const recipe = sample('demo-tablet-blend.json');
    recipe.procedure.operations = Array.from({ length: 6 }, (_, operation) => ({
      id: `op_${operation}`,
      title: `Operation ${operation}`,
      steps: Array.from({ length: operation < 5 ? 200 : 1 }, (_, step) => ({
        id: `s_${operation}_${step}`,
        type: 'instruction' as const,
        title: 'Step',
        instruction: '',
        requiredRole: 'operator' as const,
        signatures: [],
        critical: false,
        onLimitViolation: 'block' as const,
      })),
    }));
    expect(validateRecipe(recipe)).toEqual([
      { path: 'procedure.operations', message: 'the recipe has 1001 steps; at most 1000 are allowed' },
    ]);
    recipe.procedure.operations[5]!.steps = [];
    expect(validateRecipe(recipe)).toEqual([]);
  });

  it('a weighing may weigh the product itself (the yield), with the batch size as its target', () => {
    const recipe = sample('wet-granulation-blend.json');
    const bulk = recipe.procedure.operations
      .flatMap((operation) => operation.steps)
      .find((step) => step.id === 'w_bulk');
    if (bulk?.type !== 'weighing') throw new Error('the sample changed');
    expect(bulk.material).toBe(recipe.header.product.code);
    bulk.balance.capacity = 60;
    expect(validateRecipe(recipe)).toEqual([
      {
        path: 'procedure.operations[7].steps[0].balance.capacity',
        message: 'the balance capacity 60 kg is below the target 100 kg',
      },
    ]);
  });
});
