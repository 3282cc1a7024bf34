import { readFileSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { LotImportProblem, LotImportResult, LotSummary } from '../../../shared/contract/materials';
import { EbrError } from '../../../shared/errors';
import { lotStatuses } from '../../../shared/materials/lot-rules';
import type { CliIo } from '../io';
import type { ParsedOptions } from '../options';
import { failure, withSignedInConnection } from '../signed-in';
import { table } from './batch-list';
import { withRecipeServices } from './recipe-list';

const LOT_FILE_MAX_BYTES = 2_000_000;
const conditions = [...lotStatuses, 'expired', 'retest-due'] as const;

export function lotRows(lots: LotSummary[]): string[] {
  return table([
    ['LOT', 'MATERIAL', 'STATUS', 'REMAINING', 'EXPIRY', 'RETEST', 'POTENCY', 'SUPPLIER LOT'],
    ...lots.map((lot) => [
      lot.lotNumber,
      lot.materialCode,
      lot.condition === lot.status
        ? lot.status.toUpperCase()
        : `${lot.condition.toUpperCase()} (${lot.status})`,
      `${lot.remainingQuantity} / ${lot.receivedQuantity} ${lot.unit}`,
      lot.expiryDate,
      lot.retestDate ?? '—',
      lot.potencyPercent === null ? '—' : `${lot.potencyPercent} %`,
      `${lot.supplier}: ${lot.supplierLot}`,
    ]),
  ]);
}

/** `ebr lot list [--status S] [--json]`: lots with the status the clock makes of them. */
export async function lotListCommand(options: ParsedOptions, io: CliIo): Promise<number> {
  const status = options.status;
  if (status !== undefined && !(conditions as readonly string[]).includes(status)) {
    throw new EbrError(
      'VALIDATION_FAILED',
      `--status is one of ${conditions.join(', ')}; "${status}" is not.`,
    );
  }
  const lots = await withRecipeServices(options, (services) =>
    services.materials.list({ status: status as (typeof conditions)[number] | undefined }),
  );
  if (options.json !== undefined) {
    io.out(JSON.stringify(lots, null, 2));
    return 0;
  }
  if (lots.length === 0) {
    io.out(
      status ? `No lots are ${status}.` : 'No lots yet (import them with ebr lot import FILE --as USER).',
    );
    return 0;
  }
  for (const line of lotRows(lots)) io.out(line);
  return 0;
}

/**
 * `ebr lot import FILE --as USER`: the ERP file through `lots.import`, as the material handler
 * would in the application. Exit 1 listing every problem ("FILE:LINE: column: message").
 */
export async function lotImportCommand(
  options: ParsedOptions,
  io: CliIo,
  [fileArgument]: string[],
): Promise<number> {
  const file = resolve(fileArgument!);
  let text: string;
  try {
    if (statSync(file).size > LOT_FILE_MAX_BYTES)
      throw new EbrError('VALIDATION_FAILED', `${fileArgument} is larger than 2 MB.`);
    text = new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(file));
  } catch (error) {
    if (error instanceof EbrError) throw error;
    throw new EbrError(
      'VALIDATION_FAILED',
      `Cannot read ${fileArgument} as UTF-8 text (${(error as Error).message}).`,
    );
  }
  return withSignedInConnection(options, io, 'importing lots', async (connection) => {
    const result = await connection.invoke('lots.import', { fileName: basename(file), text });
    if (!result.ok) {
      const problems = result.error.details?.problems as LotImportProblem[] | undefined;
      if (result.error.code !== 'VALIDATION_FAILED' || !problems) throw failure(result.error);
      io.err(
        `ebr lot import: ${fileArgument}: ${problems.length} problem${problems.length === 1 ? '' : 's'}; nothing was imported.`,
      );
      for (const problem of problems) {
        io.err(
          `${fileArgument}:${problem.line}: ${problem.column ? `${problem.column}: ` : ''}${problem.message}`,
        );
      }
      return 1;
    }
    const imported = (result.value as LotImportResult).imported;
    if (options.json !== undefined) io.out(JSON.stringify(imported, null, 2));
    else {
      io.out(
        `Imported ${imported.length} lot${imported.length === 1 ? '' : 's'} from ${basename(file)}, all in QUARANTINE until QA releases them:`,
      );
      for (const line of lotRows(imported)) io.out(line);
    }
    return 0;
  });
}
