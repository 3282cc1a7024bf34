import { resolve } from 'node:path';
import { EbrError } from '../../../shared/errors';
import { readBatchByNumber } from '../../core/batches/batch-rows';
import { systemClock } from '../../core/clock';
import { ConnectionHub } from '../../core/connections';
import { isInitialized } from '../../core/data-folder';
import { SessionRegistry } from '../../core/identity/sessions';
import { createServices } from '../../core/services';
import { startRuntime } from '../../core/startup';
import type { CliIo } from '../io';
import { requireOption, type ParsedOptions } from '../options';
import { keyProviderFromFile } from '../recovery-key-file';
import { writeNewFile } from './report';

/**
 * `ebr batchml --batch NUMBER --out FILE.xml`: the batch record as a BatchML
 * BatchProductionRecord (docs/batchml.md), the same XML the batch screen's BatchML button and the
 * export package carry. Reading a record is not audited (as `ebr report` without --paper).
 */
export async function batchmlCommand(options: ParsedOptions, io: CliIo): Promise<number> {
  const batchNumber = requireOption(options, 'batch').trim().toUpperCase();
  const outFile = resolve(requireOption(options, 'out'));
  const dataDir = resolve(requireOption(options, 'data-dir'));
  const keyProvider = keyProviderFromFile(resolve(requireOption(options, 'recovery-key-file')));
  if (!isInitialized(dataDir))
    throw new EbrError('NOT_INITIALIZED', `${dataDir} is not an initialized data folder (run ebr init).`);
  const runtime = await startRuntime(dataDir, keyProvider, systemClock);
  try {
    const services = createServices(runtime, systemClock, new ConnectionHub(), new SessionRegistry());
    const batch = readBatchByNumber(runtime.store.sqlite, batchNumber);
    if (!batch) throw new EbrError('NOT_FOUND', `There is no batch ${batchNumber} in ${dataDir}.`);
    const file = services.records.batchProductionRecord(batch.id);
    writeNewFile(outFile, Buffer.from(file.base64, 'base64'));
    if (options.json !== undefined) {
      const { base64: _bytes, ...summary } = file;
      io.out(JSON.stringify({ ...summary, batchNumber, file: outFile }, null, 2));
      return 0;
    }
    io.out(
      `BatchML batch production record of ${batchNumber} written: ${outFile} (${file.byteLength} bytes)`,
    );
    io.out(`SHA-256 of the XML:          ${file.sha256}`);
    io.out(`Electronic copy SHA-256:     ${file.electronicCopySha256}`);
    return 0;
  } finally {
    runtime.store.close();
  }
}
