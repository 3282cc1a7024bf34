import { resolve } from 'node:path';
import type { RecipeVersionSummary } from '../../../shared/contract/recipes';
import { EbrError } from '../../../shared/errors';
import { systemClock } from '../../core/clock';
import { ConnectionHub } from '../../core/connections';
import { isInitialized } from '../../core/data-folder';
import { SessionRegistry } from '../../core/identity/sessions';
import { createServices, type Services } from '../../core/services';
import { startRuntime } from '../../core/startup';
import type { CliIo } from '../io';
import { requireOption, type ParsedOptions } from '../options';
import { keyProviderFromFile } from '../recovery-key-file';

/**
 * The domain services over --data-dir, opened with --recovery-key-file, as the application starts
 * them (audit head checked). A read may still write: a version whose scheduled effective date has
 * come becomes effective, audited by the system, as on any read in the application.
 */
export async function withRecipeServices<T>(
  options: ParsedOptions,
  action: (services: Services) => T | Promise<T>,
): Promise<T> {
  const dataDir = resolve(requireOption(options, 'data-dir'));
  const keyProvider = keyProviderFromFile(resolve(requireOption(options, 'recovery-key-file')));
  if (!isInitialized(dataDir))
    throw new EbrError('NOT_INITIALIZED', `${dataDir} is not an initialized data folder (run ebr init).`);
  const runtime = await startRuntime(dataDir, keyProvider, systemClock);
  try {
    return await action(createServices(runtime, systemClock, new ConnectionHub(), new SessionRegistry()));
  } finally {
    runtime.store.close();
  }
}

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => [...row[column]!].length)));
  return rows.map((row) =>
    row
      .map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]!)))
      .join('  ')
      .trimEnd(),
  );
}

function statusText(version: RecipeVersionSummary): string {
  if (version.status === 'approved' && version.effectiveFromUtc)
    return `approved (effective from ${version.effectiveFromUtc})`;
  return version.status;
}

/** `ebr recipe list`: every master recipe version with its status; `--json` for the full summaries. */
export async function recipeListCommand(options: ParsedOptions, io: CliIo): Promise<number> {
  const versions = await withRecipeServices(options, (services) => services.recipes.list());
  if (options.json !== undefined) {
    io.out(JSON.stringify(versions, null, 2));
    return 0;
  }
  if (versions.length === 0) {
    io.out('No recipe versions yet (import one with ebr recipe import FILE --as USER).');
    return 0;
  }
  const rows = [
    ['CODE', 'VERSION', 'STATUS', 'NAME', 'STEPS'],
    ...versions.map((version) => [
      version.code,
      version.versionLabel,
      statusText(version),
      version.name,
      String(version.stepCount),
    ]),
  ];
  for (const line of table(rows)) io.out(line);
  return 0;
}
