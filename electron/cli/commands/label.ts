import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { EbrError } from '../../../shared/errors';
import { containerLabelsPdf, labelSymbols, type LabelSymbol } from '../../core/labels/container-label';
import type { CliIo } from '../io';
import { requireOption, type ParsedOptions } from '../options';
import { writeNewFile } from './report';
import { withRecipeServices } from './recipe-list';

/** "1,3" → [1, 3]: each a container of the lot, named when it is not. */
function containersOf(text: string | undefined, containerCount: number): number[] {
  if (text === undefined) return Array.from({ length: containerCount }, (_, index) => index + 1);
  const containers = text.split(',').map((part) => part.trim());
  for (const part of containers) {
    const number = Number(part);
    if (!/^\d+$/.test(part) || number < 1 || number > containerCount) {
      throw new EbrError(
        'VALIDATION_FAILED',
        `--containers: "${part}" is not a container of this lot (1 to ${containerCount}).`,
        { field: 'containers' },
      );
    }
  }
  return [...new Set(containers.map(Number))];
}

function symbolOf(text: string | undefined): LabelSymbol {
  if (text === undefined) return 'datamatrix';
  if (!(labelSymbols as readonly string[]).includes(text)) {
    throw new EbrError(
      'VALIDATION_FAILED',
      `--symbol is one of ${labelSymbols.join(', ')}; "${text}" is not.`,
      { field: 'symbol' },
    );
  }
  return text as LabelSymbol;
}

/**
 * `ebr label LOT --out FILE.pdf [--containers 1,2] [--symbol datamatrix|gs1-128]`: the lot's
 * container labels (one A6 page each) with the GS1 data a dispensing scan reads; FILE is never
 * overwritten.
 */
export async function labelCommand(
  options: ParsedOptions,
  io: CliIo,
  [lotNumber]: string[],
): Promise<number> {
  const outFile = resolve(requireOption(options, 'out'));
  const symbol = symbolOf(options.symbol);
  const lot = await withRecipeServices(options, (services) =>
    services.materials.get(lotNumber!.trim().toUpperCase()),
  );
  const containers = containersOf(options.containers, lot.containerCount);
  const bytes = await containerLabelsPdf(lot, containers, symbol);
  writeNewFile(outFile, bytes);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (options.json !== undefined) {
    io.out(
      JSON.stringify(
        { file: outFile, lotNumber: lot.lotNumber, containers, symbol, byteLength: bytes.length, sha256 },
        null,
        2,
      ),
    );
  } else {
    io.out(
      `Wrote ${outFile}: ${containers.length} ${symbol === 'gs1-128' ? 'GS1-128' : 'GS1 DataMatrix'} label${containers.length === 1 ? '' : 's'} of lot ${lot.lotNumber} (containers ${containers.join(', ')}; ${bytes.length} bytes, SHA-256 ${sha256}).`,
    );
  }
  return 0;
}
