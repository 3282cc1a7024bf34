import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import {
  parseRecipeFile,
  RECIPE_FILE_MAX_BYTES,
  recipeFileTooLarge,
  type RecipeProblem,
} from '../../core/recipes/recipe-file';
import type { CliIo } from '../io';
import type { ParsedOptions } from '../options';

interface FileResult {
  file: string;
  valid: boolean;
  steps?: number;
  problems: RecipeProblem[];
}

const readErrors: Record<string, string> = {
  ENOENT: 'the file does not exist',
  EACCES: 'the file cannot be read: permission denied',
  EISDIR: 'this is a folder, not a file',
};

/** Reads at most the size cap, so a huge file is refused without being loaded. */
function readRecipeBytes(file: string): Uint8Array | RecipeProblem {
  let descriptor: number | undefined;
  try {
    descriptor = openSync(file, 'r');
    const stat = fstatSync(descriptor);
    if (stat.isDirectory()) return { path: '', message: readErrors.EISDIR! };
    if (stat.size > RECIPE_FILE_MAX_BYTES) return { path: '', message: recipeFileTooLarge(stat.size) };
    const buffer = Buffer.alloc(stat.size);
    let filled = 0;
    while (filled < buffer.length) {
      const read = readSync(descriptor, buffer, filled, buffer.length - filled, filled);
      if (read === 0) break;
      filled += read;
    }
    return buffer.subarray(0, filled);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    return { path: '', message: readErrors[code] ?? `the file cannot be read: ${(error as Error).message}` };
  } finally {
    if (descriptor !== undefined) closeSync(descriptor);
  }
}

export function validateRecipeFileAt(file: string): FileResult {
  const bytes = readRecipeBytes(file);
  if (!(bytes instanceof Uint8Array)) return { file, valid: false, problems: [bytes] };
  const parsed = parseRecipeFile(bytes);
  if (!parsed.ok) return { file, valid: false, problems: parsed.problems };
  const steps = parsed.recipe.procedure.operations.reduce(
    (total, operation) => total + operation.steps.length,
    0,
  );
  return { file, valid: true, steps, problems: [] };
}

/**
 * `ebr recipe validate FILE…`: checks recipe files without importing them. One line per problem,
 * `FILE: PATH: message` (or `FILE: message` for the file as a whole); exit 1 if any file has one.
 */
export async function recipeValidateCommand(
  options: ParsedOptions,
  io: CliIo,
  files: string[],
): Promise<number> {
  const results = files.map(validateRecipeFileAt);
  if (options.json !== undefined) io.out(JSON.stringify(results, null, 2));
  else {
    for (const result of results) {
      if (result.valid) io.out(`${result.file}: valid (${result.steps} steps)`);
      for (const problem of result.problems) {
        io.out(
          problem.path === ''
            ? `${result.file}: ${problem.message}`
            : `${result.file}: ${problem.path}: ${problem.message}`,
        );
      }
    }
  }
  return results.every((result) => result.valid) ? 0 : 1;
}
