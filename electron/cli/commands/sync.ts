import { resolve } from 'node:path';
import { EbrError } from '../../../shared/errors';
import { systemClock } from '../../core/clock';
import { readPlantLink } from '../../core/plant/plant-link';
import { shipOnce } from '../../core/plant/shipper';
import { openDataFolder } from '../../core/startup';
import type { CliIo } from '../io';
import { requireOption, type ParsedOptions } from '../options';
import { keyProviderFromFile } from '../recovery-key-file';

/**
 * `ebr sync --data-dir DIR --recovery-key-file F [--batch-size N]`: ships every entry the plant
 * server has not acknowledged. Exit 0 when caught up, 1 on a refusal or an unreachable server (named).
 */
export async function syncCommand(options: ParsedOptions, io: CliIo): Promise<number> {
  const dataDir = resolve(requireOption(options, 'data-dir'));
  const keyProvider = keyProviderFromFile(resolve(requireOption(options, 'recovery-key-file')));
  const link = readPlantLink(dataDir);
  if (!link)
    throw new EbrError(
      'NOT_INITIALIZED',
      `${dataDir} is not enrolled with a plant server (run ebr terminal enrol).`,
    );
  const batchSize = Number(options['batch-size'] ?? '500');
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new EbrError('VALIDATION_FAILED', '--batch-size must be a positive integer.');
  const folder = await openDataFolder(dataDir, keyProvider, systemClock);
  try {
    const result = await shipOnce({
      dataDir,
      sqlite: folder.store.sqlite,
      key: folder.terminal.key,
      link,
      now: () => systemClock.now(),
      batchSize,
    });
    if (options.json !== undefined) io.out(JSON.stringify(result));
    if (result.ok) {
      if (options.json === undefined)
        io.out(
          `Caught up: entries 1–${result.ackSeq} acknowledged by ${link.serverUrl}; ${result.shipped} shipped now in ${result.uploads} upload(s).`,
        );
      return 0;
    }
    io.err(`ebr sync: refused (${result.reason}): ${result.message}`);
    io.err(`Acknowledged up to entry ${result.ackSeq} of ${result.headSeq}; the terminal keeps every entry.`);
    return 1;
  } finally {
    folder.store.close();
  }
}
