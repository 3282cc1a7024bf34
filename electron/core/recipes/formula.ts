import { all, create, type MathNode } from 'mathjs';

/**
 * Calculation-step formulas: arithmetic over the recorded values of earlier steps, parsed by
 * mathjs and accepted only if every node of the syntax tree is on a short list (numbers, step
 * ids, + - * / ^, parentheses, a few functions). Only then is the tree compiled and evaluated,
 * with a scope holding exactly the values it reads. Never `eval` or `Function`.
 */
export class RecipeFormulaError extends Error {
  override name = 'RecipeFormulaError';
}

/** Functions a formula may call, with how many arguments each takes. */
export const formulaFunctions: Record<string, { min: number; max: number; usage: string }> = {
  min: { min: 1, max: 20, usage: 'min(a, b, …)' },
  max: { min: 1, max: 20, usage: 'max(a, b, …)' },
  abs: { min: 1, max: 1, usage: 'abs(x)' },
  round: { min: 1, max: 2, usage: 'round(x) or round(x, decimals)' },
  sqrt: { min: 1, max: 1, usage: 'sqrt(x)' },
  floor: { min: 1, max: 2, usage: 'floor(x) or floor(x, decimals)' },
  ceil: { min: 1, max: 2, usage: 'ceil(x) or ceil(x, decimals)' },
};

/**
 * Words a formula cannot use as a step id: the functions above, and words mathjs reads as
 * operators or constants (`2 mod 3`, `true`), so a step with that id could never be referenced.
 */
export const formulaReservedWords: readonly string[] = [
  ...Object.keys(formulaFunctions),
  'mod',
  'and',
  'or',
  'xor',
  'not',
  'to',
  'in',
  'true',
  'false',
  'null',
  'undefined',
  'end',
];

export const FORMULA_MAX_LENGTH = 500;

const operators: Record<string, string> = {
  add: '+',
  subtract: '-',
  multiply: '*',
  divide: '/',
  pow: '^',
  unaryMinus: '-',
  unaryPlus: '+',
};

const refusedNodes: Record<string, string> = {
  AccessorNode: 'property or element access (. or [ ]) is not allowed in a formula',
  ArrayNode: 'lists and matrices ([ ]) are not allowed in a formula',
  AssignmentNode: 'assignment (=) is not allowed in a formula',
  BlockNode: 'a formula is one expression (no ; or line breaks)',
  ConditionalNode: 'conditions (? :) are not allowed in a formula',
  FunctionAssignmentNode: 'function definitions are not allowed in a formula',
  IndexNode: 'indexing ([ ]) is not allowed in a formula',
  ObjectNode: 'objects ({ }) are not allowed in a formula',
  RangeNode: 'ranges (:) are not allowed in a formula',
  RelationalNode: 'comparisons are not allowed in a formula',
};

// A private instance: plain JavaScript numbers, and `predictable` so sqrt(-1) is NaN (refused as
// not finite) rather than a complex number.
const math = create(all!, { number: 'number', predictable: true });

function parse(formula: string): MathNode {
  if (typeof formula !== 'string') throw new RecipeFormulaError('the formula must be text');
  if (formula.trim() === '') throw new RecipeFormulaError('the formula is empty');
  if (formula.length > FORMULA_MAX_LENGTH) {
    throw new RecipeFormulaError(`the formula is longer than ${FORMULA_MAX_LENGTH} characters`);
  }
  try {
    return math.parse(formula);
  } catch (error) {
    throw new RecipeFormulaError(`the formula cannot be read: ${(error as Error).message}`);
  }
}

/** Checks every node against the whitelist; collects step-id references in order of first use. */
function check(node: MathNode, references: string[]): void {
  switch (node.type) {
    case 'ConstantNode': {
      const { value } = node as MathNode & { value: unknown };
      if (typeof value !== 'number') {
        throw new RecipeFormulaError(
          typeof value === 'string'
            ? 'text is not allowed in a formula, only numbers'
            : `${String(value)} is not a number; only numbers are allowed`,
        );
      }
      if (!Number.isFinite(value)) throw new RecipeFormulaError('a number in the formula is too large');
      return;
    }
    case 'SymbolNode': {
      const { name } = node as MathNode & { name: string };
      if (!references.includes(name)) references.push(name);
      return;
    }
    case 'ParenthesisNode':
      check((node as MathNode & { content: MathNode }).content, references);
      return;
    case 'OperatorNode': {
      const operator = node as MathNode & {
        op: string;
        fn: string;
        args: MathNode[];
        implicit: boolean;
        isPercentage?: boolean;
      };
      if (operator.implicit) {
        throw new RecipeFormulaError(
          `write * between the factors of "${operator.toString()}" (implicit multiplication is not allowed)`,
        );
      }
      if (operator.isPercentage) {
        // mathjs reads "50%" as 50 / 100, but "a % b" as a modulo: refuse both rather than guess.
        throw new RecipeFormulaError('the operator "%" is not allowed; use + - * / ^ and parentheses');
      }
      if (operators[operator.fn] !== operator.op) {
        throw new RecipeFormulaError(
          `the operator "${operator.op}" is not allowed; use + - * / ^ and parentheses`,
        );
      }
      for (const arg of operator.args) check(arg, references);
      return;
    }
    case 'FunctionNode': {
      const call = node as MathNode & { fn: MathNode; args: MathNode[] };
      const name = call.fn.type === 'SymbolNode' ? (call.fn as MathNode & { name: string }).name : undefined;
      const allowed =
        name !== undefined && Object.hasOwn(formulaFunctions, name) ? formulaFunctions[name] : undefined;
      if (!allowed) {
        throw new RecipeFormulaError(
          `the function ${name === undefined ? call.fn.toString() : `"${name}"`} is not allowed; use ${Object.keys(formulaFunctions).join(', ')}`,
        );
      }
      if (call.args.length < allowed.min || call.args.length > allowed.max) {
        throw new RecipeFormulaError(`"${name}" takes ${allowed.usage}`);
      }
      for (const arg of call.args) check(arg, references);
      return;
    }
    default:
      throw new RecipeFormulaError(refusedNodes[node.type] ?? `${node.type} is not allowed in a formula`);
  }
}

/** The step ids a formula reads, in order of first use. Throws RecipeFormulaError for people. */
export function formulaReferences(formula: string): string[] {
  const references: string[] = [];
  check(parse(formula), references);
  return references;
}

/** Evaluates a formula that passed the whitelist, with exactly the values it reads. */
export function evaluateFormula(formula: string, values: Record<string, number>): number {
  const tree = parse(formula);
  const references: string[] = [];
  check(tree, references);
  const scope = new Map<string, number>();
  for (const reference of references) {
    const value = Object.hasOwn(values, reference) ? values[reference] : undefined;
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new RecipeFormulaError(`no recorded number for "${reference}"`);
    }
    scope.set(reference, value);
  }
  let result: unknown;
  try {
    result = tree.compile().evaluate(scope);
  } catch (error) {
    throw new RecipeFormulaError(`the formula cannot be evaluated: ${(error as Error).message}`);
  }
  if (typeof result !== 'number' || !Number.isFinite(result)) {
    throw new RecipeFormulaError(
      'the result is not a finite number (a division by zero, or the square root of a negative number?)',
    );
  }
  return result;
}
