import { batchStatusLabels } from '../../../shared/batches/batch-status';
import type { BatchSummary } from '../../../shared/contract/batches';
import type { CliIo } from '../io';
import type { ParsedOptions } from '../options';
import { withRecipeServices } from './recipe-list';

export function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => [...row[column]!].length)));
  return rows.map((row) =>
    row
      .map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]!)))
      .join('  ')
      .trimEnd(),
  );
}

export function progressText(batch: BatchSummary): string {
  return `${batch.stepsCompleted}/${batch.stepCount} steps`;
}

/** `ebr batch list`: every batch, newest first as stored; `--json` for the full summaries. */
export async function batchListCommand(options: ParsedOptions, io: CliIo): Promise<number> {
  const batches = await withRecipeServices(options, (services) => services.batches.list());
  if (options.json !== undefined) {
    io.out(JSON.stringify(batches, null, 2));
    return 0;
  }
  if (batches.length === 0) {
    io.out('No batches yet (a supervisor creates one from an effective recipe in the application).');
    return 0;
  }
  const rows = [
    ['NUMBER', 'STATUS', 'PRODUCT', 'RECIPE', 'TRAINING', 'PROGRESS', 'OPEN EXCEPTIONS'],
    ...batches.map((batch) => [
      batch.batchNumber,
      batchStatusLabels[batch.status],
      `${batch.productCode} ${batch.productName}`,
      `${batch.recipeCode} ${batch.recipeVersionLabel}`,
      batch.training ? 'yes' : 'no',
      progressText(batch),
      String(batch.openExceptions),
    ]),
  ];
  for (const line of table(rows)) io.out(line);
  return 0;
}
