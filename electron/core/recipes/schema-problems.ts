import type { z } from 'zod';
import { formatPath, quote, type PathSegment, type RecipeProblem } from './recipe-problem';

/** The problems of a failed `recipeSchema.safeParse(…, { reportInput: true })`, in words for people. */
export function schemaProblems(error: z.ZodError): RecipeProblem[] {
  const problems: RecipeProblem[] = [];
  for (const issue of error.issues) {
    const segments = issue.path.filter((segment): segment is PathSegment => typeof segment !== 'symbol');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        problems.push({ path: formatPath([...segments, key]), message: `unknown field ${quote(key)}` });
      }
      continue;
    }
    problems.push({ path: formatPath(segments), message: issueMessage(issue) });
  }
  return problems;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'string':
      return `the text ${quote(value, 30)}`;
    case 'number':
      return Number.isFinite(value) ? `the number ${value}` : 'a number too large to use';
    case 'boolean':
      return `${value}`;
    case 'object':
      return 'an object';
    default:
      return typeof value;
  }
}

const expectedWords: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
};

function issueMessage(issue: z.core.$ZodIssue): string {
  const input = issue.input;
  switch (issue.code) {
    case 'invalid_type': {
      const expected = expectedWords[issue.expected] ?? issue.expected;
      if (input === undefined) return `required: ${expected}`;
      return `expected ${expected}, found ${describe(input)}`;
    }
    case 'too_small': {
      const minimum = Number(issue.minimum);
      if (issue.origin === 'string') {
        return minimum <= 1 ? 'must not be empty' : `must have at least ${minimum} characters`;
      }
      if (issue.origin === 'array') {
        return `needs at least ${minimum} ${minimum === 1 ? 'entry' : 'entries'}`;
      }
      return issue.inclusive ? `must be at least ${minimum}` : `must be greater than ${minimum}`;
    }
    case 'too_big': {
      const maximum = Number(issue.maximum);
      if (issue.origin === 'string') return `must have at most ${maximum} characters`;
      if (issue.origin === 'array') return `has too many entries (at most ${maximum})`;
      return issue.inclusive ? `must be at most ${maximum}` : `must be less than ${maximum}`;
    }
    case 'invalid_value': {
      const options = issue.values.map((value) => JSON.stringify(value));
      const expected = options.length === 1 ? options[0] : `one of ${options.join(', ')}`;
      return input === undefined ? `required: ${expected}` : `expected ${expected}, found ${describe(input)}`;
    }
    case 'invalid_union': {
      if ('discriminator' in issue && issue.discriminator !== undefined) {
        const options = ((issue as { options?: unknown[] }).options ?? []).join(', ');
        // The input is the step; its type is what did not match.
        const type =
          typeof input === 'object' && input !== null
            ? (input as Record<string, unknown>)[issue.discriminator]
            : input;
        if (type === undefined) return `required: the step type, one of ${options}`;
        return `unknown step type: expected one of ${options}, found ${describe(type)}`;
      }
      return issue.message;
    }
    default:
      // invalid_format (the schema's own regex messages), custom (the schema's refinements), others.
      return issue.message;
  }
}
