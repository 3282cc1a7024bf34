/**
 * Master recipes as BatchML (issue 24 item 2, A11-4.8): both sample recipes validate against the
 * shipped BatchInformation schema and come back with the same content hash; fields BatchML has no
 * element for (a step's `qualifications`, added by another version) survive the round trip; ten
 * mutations of a valid file are refused through the JSON format's validation, each problem named
 * by its XML path; hostile XML is refused before reading.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { masterRecipeXml } from '../../../electron/core/recipes/batchml-recipe';
import { readBatchmlRecipe } from '../../../electron/core/recipes/batchml-recipe-read';
import { parseRecipeFile, type ParsedRecipe } from '../../../electron/core/recipes/recipe-file';
import { canonicalJson } from '../../../shared/canonical-json';
import type { Recipe } from '../../../shared/recipes/recipe-schema';
import { BATCH_INFORMATION_XSD, xmllintSchema } from '../../helpers/xml-schema';

const RECIPES = join(import.meta.dirname, '../../../resources/recipes');
const SAMPLES = ['demo-tablet-blend.json', 'wet-granulation-blend.json'];
const hashOf = (recipe: unknown) => createHash('sha256').update(canonicalJson(recipe), 'utf8').digest('hex');

function recipeOf(file: string): Recipe {
  const parsed = parseRecipeFile(readFileSync(join(RECIPES, file)));
  if (!parsed.ok) throw new Error(`${file}: ${JSON.stringify(parsed.problems)}`);
  return parsed.recipe;
}

const granulation = recipeOf('wet-granulation-blend.json');
const validXml = masterRecipeXml(granulation).toString('utf8');

function problemsOf(parsed: ParsedRecipe) {
  expect(parsed.ok).toBe(false);
  return parsed.ok ? [] : parsed.problems;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Replaces exactly one occurrence, so a mutation cannot silently miss. */
function mutate(find: string | RegExp, replace: string): Buffer {
  const matches = validXml.match(new RegExp(typeof find === 'string' ? escape(find) : find.source, 'g'));
  expect(matches?.length, `${String(find)} occurs once`).toBe(1);
  return Buffer.from(validXml.replace(find, replace), 'utf8');
}

describe('master recipe as BatchML', () => {
  it.each(SAMPLES)('%s: valid against the shipped schema, and back with the same content hash', (file) => {
    const recipe = recipeOf(file);
    const xml = masterRecipeXml(recipe);
    const verdict = xmllintSchema(xml, BATCH_INFORMATION_XSD);
    expect(verdict.output).toContain('validates');
    const back = parseRecipeFile(xml);
    if (!back.ok) throw new Error(JSON.stringify(back.problems));
    expect(hashOf(back.recipe)).toBe(hashOf(recipe));
    expect(back.recipe).toEqual(recipe);
  });

  it('maps header, materials, equipment and structure to BatchML elements', () => {
    expect(validXml).toContain(`<ID>${granulation.header.code}</ID>`);
    expect(validXml).toContain(`<ProductID>${granulation.header.product.code}</ProductID>`);
    expect(validXml).toContain(`<ID>${granulation.materials[0]!.code}</ID>`);
    expect(validXml).toContain('<RecipeElementType>Operation</RecipeElementType>');
    expect(validXml.match(/<RecipeElementType>Phase<\/RecipeElementType>/g)).toHaveLength(
      granulation.procedure.operations.flatMap((operation) => operation.steps).length,
    );
  });

  it('carries fields it has no element for (a step’s qualifications) through the extension', () => {
    const withQualifications = structuredClone(granulation) as unknown as {
      procedure: { operations: { steps: Record<string, unknown>[] }[] };
    };
    withQualifications.procedure.operations[1]!.steps[0]!.qualifications = [
      'GMP-DISPENSING',
      'SOP-114 rev 3',
    ];
    const read = readBatchmlRecipe(masterRecipeXml(withQualifications as unknown as Recipe));
    if (!read.ok) throw new Error(JSON.stringify(read.problems));
    expect(hashOf(read.data)).toBe(hashOf(withQualifications));
  });
});

const STEP2 = '/BatchInformation/MasterRecipe/RecipeElement[1]/RecipeElement[2]';

describe('an invalid BatchML recipe is refused with XML paths', () => {
  // room_temp: the second step of the first operation.
  const firstStep = granulation.procedure.operations[0]!.steps[1]!;
  const mutations: { name: string; file: () => Buffer; path: string | RegExp; message: RegExp }[] = [
    {
      name: 'the recipe code removed',
      file: () => mutate(`<ID>${granulation.header.code}</ID>`, ''),
      path: '/BatchInformation/MasterRecipe/ID',
      message: /required/,
    },
    {
      name: 'a batch size that is not a number',
      file: () => mutate(/<Nominal>[^<]*<\/Nominal>/, '<Nominal>ten</Nominal>'),
      path: '/BatchInformation/MasterRecipe/Header/BatchSize/Nominal',
      message: /expected a number, found the text "ten"/,
    },
    {
      name: 'an unknown unit on a material',
      file: () =>
        mutate(
          new RegExp(
            `(<ID>${escape(granulation.materials[0]!.code)}</ID>[^]*?<UnitOfMeasure>)[^<]*(</UnitOfMeasure>)`,
          ),
          '$1furlong$2',
        ),
      path: '/BatchInformation/MasterRecipe/Formula/Parameter[1]/Value/UnitOfMeasure',
      message: /expected one of/,
    },
    {
      name: 'a step id that is not a symbol',
      file: () => mutate(`<ID>${firstStep.id}</ID>`, '<ID>Line Clearance!</ID>'),
      path: `${STEP2}/ID`,
      message: /a step id is 1–48 lowercase letters/,
    },
    {
      name: 'an element this version does not know inside a step',
      file: () => mutate(`<ID>${firstStep.id}</ID>`, `<ID>${firstStep.id}</ID><Colour>blue</Colour>`),
      path: `${STEP2}/Colour`,
      message: /unexpected element <Colour>/,
    },
    {
      name: 'a step whose extension is not JSON',
      file: () => mutate(/(<RecipeElement>\s*<ID>room_temp<\/ID>[\s\S]*?<Extended:EbrFields>)\{/, '$1{,'),
      path: '/BatchInformation/MasterRecipe/RecipeElement[1]/RecipeElement[2]/EbrFields',
      message: /not valid JSON/,
    },
    {
      name: 'limits the wrong way round (a rule of meaning, as for JSON)',
      file: () => mutate('"limits":{"max":25,"min":18}', '"limits":{"max":10,"min":18}'),
      path: /^\/BatchInformation\/MasterRecipe\/RecipeElement\[1\]\/RecipeElement\[2\]\/EbrFields "limits"/,
      message: /.+/,
    },
    {
      name: 'a step marked as an operation',
      file: () =>
        mutate(
          /(<ID>room_temp<\/ID>\s*<Description>[^<]*<\/Description>\s*<RecipeElementType>)Phase/,
          '$1Operation',
        ),
      path: '/BatchInformation/MasterRecipe/RecipeElement[1]/RecipeElement[2]/RecipeElementType',
      message: /a step is a Phase, not "Operation"/,
    },
    {
      name: 'the format changed',
      file: () => mutate('"format":"ebr-recipe/1"', '"format":"ebr-recipe/9"'),
      path: '/BatchInformation/MasterRecipe/EbrFields "format"',
      message: /reads recipe files of format "ebr-recipe\/1", not "ebr-recipe\/9"/,
    },
    {
      name: 'a mapped field repeated in the extension',
      file: () => mutate(/(<ID>room_temp<\/ID>[\s\S]*?<Extended:EbrFields>)\{/, '$1{"id":"room_temp",'),
      path: '/BatchInformation/MasterRecipe/RecipeElement[1]/RecipeElement[2]/EbrFields',
      message: /"id" is given by a BatchML element/,
    },
    {
      name: 'a DOCTYPE (XXE)',
      file: () =>
        mutate(
          '<?xml version="1.0" encoding="UTF-8"?>',
          '<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>',
        ),
      path: '',
      message: /<!DOCTYPE declaration \(line 2\)/,
    },
  ];

  it.each(mutations)('$name', ({ file, path, message }) => {
    const problems = problemsOf(parseRecipeFile(Buffer.from(file())));
    const found = problems.find((problem) =>
      typeof path === 'string' ? problem.path === path : path.test(problem.path),
    );
    expect(found, JSON.stringify(problems)).toBeDefined();
    expect(found!.message).toMatch(message);
  });
});
