import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  evaluateFormula,
  formulaReferences,
  formulaReservedWords,
  RecipeFormulaError,
} from '../../electron/core/recipes/formula';

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(RecipeFormulaError);
    return (error as Error).message;
  }
  throw new Error('expected a RecipeFormulaError');
}

describe('formulaReferences', () => {
  it('lists the step ids a formula reads, once each, in order of first use; function names are not references', () => {
    expect(formulaReferences('w_bulk / (w_api + w_pvp + w_api) * 100')).toEqual(['w_bulk', 'w_api', 'w_pvp']);
    expect(
      formulaReferences('max(a, b) + round(c, 1) - abs(-d) + sqrt(e) + floor(f) + ceil(g, 2) + min(h)'),
    ).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']);
    expect(formulaReferences('2.5e3 * 0.5 ^ 2')).toEqual([]);
  });

  it.each([
    ['', 'the formula is empty'],
    ['   ', 'the formula is empty'],
    ['a +', 'the formula cannot be read: Unexpected end of expression (char 4)'],
    ['a = 1', 'assignment (=) is not allowed in a formula'],
    ['f(x) = x', 'function definitions are not allowed in a formula'],
    ['a.b', 'property or element access (. or [ ]) is not allowed in a formula'],
    ['a[1]', 'property or element access (. or [ ]) is not allowed in a formula'],
    ['[1, 2]', 'lists and matrices ([ ]) are not allowed in a formula'],
    ['{a: 1}', 'objects ({ }) are not allowed in a formula'],
    ['"abc"', 'text is not allowed in a formula, only numbers'],
    ['true', 'true is not a number; only numbers are allowed'],
    ['null + 1', 'null is not a number; only numbers are allowed'],
    ['a ? b : c', 'conditions (? :) are not allowed in a formula'],
    ['1:3', 'ranges (:) are not allowed in a formula'],
    ['a; b', 'a formula is one expression (no ; or line breaks)'],
    ['a\nb', 'a formula is one expression (no ; or line breaks)'],
    ['a < b < c', 'comparisons are not allowed in a formula'],
    ['a < b', 'the operator "<" is not allowed; use + - * / ^ and parentheses'],
    ['a == b', 'the operator "==" is not allowed; use + - * / ^ and parentheses'],
    ['a and b', 'the operator "and" is not allowed; use + - * / ^ and parentheses'],
    ['not a', 'the operator "not" is not allowed; use + - * / ^ and parentheses'],
    ['a!', 'the operator "!" is not allowed; use + - * / ^ and parentheses'],
    ["a'", 'the operator "\'" is not allowed; use + - * / ^ and parentheses'],
    ['a mod b', 'the operator "mod" is not allowed; use + - * / ^ and parentheses'],
    ['a % b', 'the operator "%" is not allowed; use + - * / ^ and parentheses'],
    ['50%', 'the operator "%" is not allowed; use + - * / ^ and parentheses'],
    ['a .* b', 'the operator ".*" is not allowed; use + - * / ^ and parentheses'],
    ['2 a', 'write * between the factors of "2 a" (implicit multiplication is not allowed)'],
    ['5 cm', 'write * between the factors of "5 cm" (implicit multiplication is not allowed)'],
    ['1e400', 'a number in the formula is too large'],
    ['cos(a)', 'the function "cos" is not allowed; use min, max, abs, round, sqrt, floor, ceil'],
    [
      'evaluate("1+1")',
      'the function "evaluate" is not allowed; use min, max, abs, round, sqrt, floor, ceil',
    ],
    ['import({}, {})', 'the function "import" is not allowed; use min, max, abs, round, sqrt, floor, ceil'],
    [
      'createUnit("x")',
      'the function "createUnit" is not allowed; use min, max, abs, round, sqrt, floor, ceil',
    ],
    [
      'constructor(1)',
      'the function "constructor" is not allowed; use min, max, abs, round, sqrt, floor, ceil',
    ],
    ['(a)(b)', 'write * between the factors of "(a) (b)" (implicit multiplication is not allowed)'],
    ['max(a)(b)', 'write * between the factors of "max(a) (b)" (implicit multiplication is not allowed)'],
    ['sqrt(a, 2)', '"sqrt" takes sqrt(x)'],
    ['round(a, 2, 3)', '"round" takes round(x) or round(x, decimals)'],
    ['min()', '"min" takes min(a, b, …)'],
    ['x'.repeat(501), 'the formula is longer than 500 characters'],
  ])('refuses %j: %s', (formula, message) => {
    expect(refusal(() => formulaReferences(formula))).toBe(message);
    expect(refusal(() => evaluateFormula(formula, { a: 1, b: 2, c: 3 }))).toBe(message);
  });

  it('reserves the words a formula would read as something else than a step', () => {
    expect([...formulaReservedWords].sort()).toEqual(
      [
        'abs',
        'and',
        'ceil',
        'end',
        'false',
        'floor',
        'in',
        'max',
        'min',
        'mod',
        'not',
        'null',
        'or',
        'round',
        'sqrt',
        'to',
        'true',
        'undefined',
        'xor',
      ].sort(),
    );
  });
});

describe('evaluateFormula', () => {
  it('computes yield % of theoretical from earlier recorded values', () => {
    const values = { w_bulk: 98.75, w_api: 80.02, w_pvp: 3.001, w_mcc: 12.49, w_ccs: 4.003, w_mgst: 0.5012 };
    const result = evaluateFormula('w_bulk / (w_api + w_pvp + w_mcc + w_ccs + w_mgst) * 100', values);
    expect(result).toBeCloseTo((98.75 / (80.02 + 3.001 + 12.49 + 4.003 + 0.5012)) * 100, 12);
  });

  it.each([
    ['round(a / 3, 2)', 0.33],
    ['floor(2.7) + ceil(2.1)', 5],
    ['floor(2.789, 1)', 2.7],
    ['max(a, 4, -b) - min(a, b)', 3],
    ['abs(-b) ^ 2 + sqrt(16)', 8],
    ['-a + +b', 1],
    ['2 ^ 3 ^ 2', 512],
    ['0x10 + .5', 16.5],
  ])('%s = %d', (formula, expected) => {
    expect(evaluateFormula(formula, { a: 1, b: 2 })).toBeCloseTo(expected, 12);
  });

  it('gives the formula exactly the values it reads, and refuses a missing or unusable one', () => {
    expect(evaluateFormula('a + 1', { a: 1, unrelated: Number.NaN })).toBe(2);
    expect(refusal(() => evaluateFormula('a + b', { a: 1 }))).toBe('no recorded number for "b"');
    expect(refusal(() => evaluateFormula('a + 1', { a: Number.POSITIVE_INFINITY }))).toBe(
      'no recorded number for "a"',
    );
    expect(refusal(() => evaluateFormula('a + 1', { a: '1' as unknown as number }))).toBe(
      'no recorded number for "a"',
    );
    // Inherited names are not values: the scope is built from the record's own properties only.
    expect(refusal(() => evaluateFormula('constructor + toString', {}))).toBe(
      'no recorded number for "constructor"',
    );
    expect(refusal(() => evaluateFormula('pi + e', {}))).toBe('no recorded number for "pi"');
  });

  it.each([
    [
      'a / 0',
      'the result is not a finite number (a division by zero, or the square root of a negative number?)',
    ],
    [
      'sqrt(-a)',
      'the result is not a finite number (a division by zero, or the square root of a negative number?)',
    ],
    [
      '10 ^ 400',
      'the result is not a finite number (a division by zero, or the square root of a negative number?)',
    ],
    [
      '0 / 0',
      'the result is not a finite number (a division by zero, or the square root of a negative number?)',
    ],
  ])('refuses a result that is not a finite number: %s', (formula, message) => {
    expect(refusal(() => evaluateFormula(formula, { a: 1 }))).toBe(message);
  });
});

describe('no eval', () => {
  it('the recipe code never uses eval or the Function constructor', () => {
    const folder = join(import.meta.dirname, '../../electron/core/recipes');
    for (const file of readdirSync(folder).filter((name) => name.endsWith('.ts'))) {
      const source = readFileSync(join(folder, file), 'utf8');
      expect([file, /\beval\s*\(|\bFunction\s*\(|new\s+Function\b/.test(source)]).toEqual([file, false]);
    }
  });
});
