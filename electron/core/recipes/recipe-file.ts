import {
  RECIPE_FILE_MAX_BYTES,
  recipeFileTooLarge,
  recipeSchema,
  type Recipe,
} from '../../../shared/recipes/recipe-schema';
import { looksLikeXml, readBatchmlRecipe } from './batchml-recipe-read';
import { checkJsonText } from './json-text';
import { quote, type RecipeProblem } from './recipe-problem';
import { schemaProblems } from './schema-problems';
import { validateRecipe } from './validate';

export type { RecipeProblem } from './recipe-problem';

/**
 * Reading a master recipe file (format `ebr-recipe/1`, or the same as BatchML): every check from the bytes on disk to
 * the meaning of the recipe. A file from outside is refused with problems, never with an
 * exception: size cap, strict UTF-8 (a byte-order mark is allowed), JSON syntax with line and
 * column, nesting cap, no duplicate keys, the schema, then the semantic rules of validate.ts.
 */
export const RECIPE_FORMAT = 'ebr-recipe/1';
/** A recipe needs 8 levels; the cap keeps hostile files from building deep structures. */
export const RECIPE_MAX_NESTING = 32;

export type ParsedRecipe = { ok: true; recipe: Recipe } | { ok: false; problems: RecipeProblem[] };

export { RECIPE_FILE_MAX_BYTES, recipeFileTooLarge };

function describeFormat(format: unknown): string {
  if (typeof format === 'string') return quote(format, 40);
  if (typeof format === 'number' || typeof format === 'boolean' || format === null) return String(format);
  return Array.isArray(format) ? 'a list' : 'an object';
}

const refused = (message: string, path = ''): ParsedRecipe => ({ ok: false, problems: [{ path, message }] });

export function parseRecipeFile(bytes: Uint8Array): ParsedRecipe {
  try {
    return parse(bytes);
  } catch (error) {
    // Not expected: every check above reports problems. Refuse rather than let a file crash the caller.
    return refused(`the file could not be checked: ${(error as Error)?.message ?? String(error)}`);
  }
}

function parse(bytes: Uint8Array): ParsedRecipe {
  if (!(bytes instanceof Uint8Array)) return refused('no file content was given');
  if (bytes.byteLength > RECIPE_FILE_MAX_BYTES) {
    return refused(recipeFileTooLarge(bytes.byteLength));
  }
  if (looksLikeXml(bytes)) return parseBatchml(bytes);
  let text: string;
  try {
    // fatal: a byte sequence that is not UTF-8 is refused rather than replaced with U+FFFD; the
    // decoder removes a leading byte-order mark.
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return refused('the file is not valid UTF-8 text');
  }
  if (/^[ \t\r\n]*$/.test(text)) return refused('the file is empty');
  const checked = checkJsonText(text, RECIPE_MAX_NESTING);
  if (!checked.ok) return { ok: false, problems: [checked.problem] };
  return checkRecipeData(JSON.parse(text));
}

/** The format, the schema and the meaning: the same checks for a JSON file and a BatchML one. */
function checkRecipeData(data: unknown): ParsedRecipe {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return refused('a recipe file holds one JSON object, with "format": "ebr-recipe/1"');
  }
  const format = (data as { format?: unknown }).format;
  if (format !== RECIPE_FORMAT) {
    // Anything else is not a recipe this version can read: say so once, not field by field.
    return refused(
      format === undefined
        ? `required: ${JSON.stringify(RECIPE_FORMAT)} (this does not look like a recipe file)`
        : `this version reads recipe files of format ${JSON.stringify(RECIPE_FORMAT)}, not ${describeFormat(format)}`,
      'format',
    );
  }
  const shaped = recipeSchema.safeParse(data, { reportInput: true });
  if (!shaped.success) return { ok: false, problems: schemaProblems(shaped.error) };
  const problems = validateRecipe(shaped.data);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, recipe: shaped.data };
}

/** A BatchML master recipe (docs/batchml.md): read into recipe data, then the same checks, paths in XML. */
function parseBatchml(bytes: Uint8Array): ParsedRecipe {
  const read = readBatchmlRecipe(bytes);
  if (!read.ok) return read;
  const checked = checkRecipeData(read.data);
  if (checked.ok) return checked;
  return {
    ok: false,
    problems: checked.problems.map((problem) => ({
      path: read.xmlPathOf(problem.path),
      message: problem.message,
    })),
  };
}
