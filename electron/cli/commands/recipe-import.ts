import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { canonicalJson } from '../../../shared/canonical-json';
import type { SessionView } from '../../../shared/contract/identity';
import type { RecipeImportProblem, RecipeVersionView } from '../../../shared/contract/recipes';
import { EbrError } from '../../../shared/errors';
import { createApp } from '../../core/app';
import { isInitialized } from '../../core/data-folder';
import { RECIPE_FILE_MAX_BYTES } from '../../core/recipes/recipe-file';
import type { CliIo } from '../io';
import { requireOption, type ParsedOptions } from '../options';
import { keyProviderFromFile } from '../recovery-key-file';
import { failure, passwordFor } from '../signed-in';
import { RECIPE_EXPORT_FORMAT } from './recipe-export';

/** An export package carries its recipe plus signatures and notes: allow it some room. */
const PACKAGE_MAX_BYTES = 2 * RECIPE_FILE_MAX_BYTES;

function readFileCapped(file: string, max: number): Buffer {
  let descriptor: number | undefined;
  try {
    descriptor = openSync(file, 'r');
    const stat = fstatSync(descriptor);
    if (!stat.isFile()) throw new EbrError('VALIDATION_FAILED', `${file} is not a file.`);
    if (stat.size > max) {
      throw new EbrError(
        'VALIDATION_FAILED',
        `${file} is ${stat.size} bytes; a recipe file may be at most ${RECIPE_FILE_MAX_BYTES} bytes (5 MB).`,
      );
    }
    const buffer = Buffer.alloc(stat.size);
    let filled = 0;
    while (filled < buffer.length) {
      const read = readSync(descriptor, buffer, filled, buffer.length - filled, filled);
      if (read === 0) break;
      filled += read;
    }
    return buffer.subarray(0, filled);
  } catch (error) {
    if (error instanceof EbrError) throw error;
    throw new EbrError('VALIDATION_FAILED', `Cannot read ${file} (${(error as Error).message}).`);
  } finally {
    if (descriptor !== undefined) closeSync(descriptor);
  }
}

/**
 * A recipe file as is, or the `recipe` part of an `ebr recipe export` package (checked against the
 * package's contentHash first, so a package altered after export is refused before import).
 */
function recipeBytesOf(file: string, bytes: Buffer): { bytes: Buffer; packageHash?: string } {
  let data: unknown;
  try {
    data = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return { bytes }; // Not JSON text: the import refuses it with the precise problem.
  }
  if (
    typeof data !== 'object' ||
    data === null ||
    (data as { format?: unknown }).format !== RECIPE_EXPORT_FORMAT
  )
    return { bytes };
  const pkg = data as { recipe?: unknown; contentHash?: unknown };
  if (typeof pkg.recipe !== 'object' || pkg.recipe === null || typeof pkg.contentHash !== 'string') {
    throw new EbrError(
      'VALIDATION_FAILED',
      `${file} is an ${RECIPE_EXPORT_FORMAT} package without a recipe and its contentHash.`,
    );
  }
  const hash = createHash('sha256').update(canonicalJson(pkg.recipe), 'utf8').digest('hex');
  if (hash !== pkg.contentHash) {
    throw new EbrError(
      'VALIDATION_FAILED',
      `The recipe in ${file} does not match the package's contentHash (${pkg.contentHash}; the recipe hashes to ${hash}): it was changed after export. Nothing was imported.`,
    );
  }
  return { bytes: Buffer.from(JSON.stringify(pkg.recipe), 'utf8'), packageHash: pkg.contentHash };
}

/**
 * `ebr recipe import FILE --as USER`: imports a recipe file (or the recipe of an export package)
 * as a Draft version, exactly as the application does: USER signs in with their password through
 * the same channel as the sign-in screen (audited, counting toward lockout) and imports through
 * `recipes.import`, so the same permission (recipes.author) and validation apply.
 */
export async function recipeImportCommand(
  options: ParsedOptions,
  io: CliIo,
  [fileArgument]: string[],
): Promise<number> {
  const file = resolve(fileArgument!);
  const username = requireOption(options, 'as');
  const dataDir = resolve(requireOption(options, 'data-dir'));
  const keyProvider = keyProviderFromFile(resolve(requireOption(options, 'recovery-key-file')));
  if (!isInitialized(dataDir))
    throw new EbrError('NOT_INITIALIZED', `${dataDir} is not an initialized data folder (run ebr init).`);
  const { bytes, packageHash } = recipeBytesOf(fileArgument!, readFileCapped(file, PACKAGE_MAX_BYTES));
  const password = await passwordFor(username, io);

  const app = await createApp({
    dataDir,
    keyProvider,
    sessionCheckIntervalMs: 0,
    backupCheckIntervalMs: 0,
    connectInstruments: false,
  });
  try {
    if (app.status !== 'ready') {
      const refusal = app.refusal ?? {
        code: 'STORE_UNAVAILABLE',
        message: `The data folder ${dataDir} cannot be opened.`,
      };
      throw failure(refusal);
    }
    const connection = app.connect();
    const login = await connection.invoke('auth.login', { username, password });
    if (!login.ok) throw failure(login.error);
    const session = login.value as SessionView;
    if (session.state === 'password-change-required') {
      throw new EbrError(
        'PASSWORD_CHANGE_REQUIRED',
        `${username} must change their password before importing: sign in to the EBR application once and set a new password, then run this again. Nothing was imported.`,
      );
    }
    if (session.state !== 'active')
      throw new EbrError('UNAUTHENTICATED', `${username} could not sign in (session ${session.state}).`);

    const result = await connection.invoke('recipes.import', {
      fileName: basename(file),
      base64: bytes.toString('base64'),
    });
    if (!result.ok) {
      // Problems of the file; or the channel's own refusal of the request (a file over 5 MB),
      // whose path names the request field rather than a place in the file.
      const problems =
        (result.error.details?.problems as RecipeImportProblem[] | undefined) ??
        (result.error.details?.issues as RecipeImportProblem[] | undefined)?.map((issue) => ({
          path: '',
          message: issue.message,
        }));
      if (result.error.code !== 'VALIDATION_FAILED' || !problems) throw failure(result.error);
      io.err(
        `ebr recipe import: ${fileArgument} was not imported: it is not a valid recipe. Nothing was imported.`,
      );
      for (const problem of problems) {
        io.err(
          problem.path === ''
            ? `${fileArgument}: ${problem.message}`
            : `${fileArgument}: ${problem.path}: ${problem.message}`,
        );
      }
      return 1;
    }
    const view = result.value as RecipeVersionView;
    if (options.json !== undefined) {
      const { recipe: _recipe, ...summary } = view;
      io.out(JSON.stringify(summary, null, 2));
    } else {
      io.out(
        `Imported ${view.code} version ${view.versionLabel} (${view.name}, ${view.stepCount} steps) as ${view.authorName}.`,
      );
      io.out(`Version id:   ${view.id}`);
      io.out(`Status:       ${view.status}`);
      io.out(`Content hash: ${view.contentHash} (SHA-256 of the canonical JSON)`);
      if (packageHash !== undefined) {
        io.out(
          view.contentHash === packageHash
            ? 'The content hash is the one of the export package: the same approved content, now a draft here.'
            : `WARNING: the export package named content hash ${packageHash}.`,
        );
      }
      io.out('Next: submit it for review, then a QA person approves it by signature.');
    }
    return 0;
  } finally {
    await app.close();
  }
}
