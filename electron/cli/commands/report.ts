import { writeFileSync } from 'node:fs';
import { hostname, userInfo } from 'node:os';
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

/** Writes `bytes` to a new file: a record is never written over an existing file. */
export function writeNewFile(file: string, bytes: Buffer): void {
  try {
    writeFileSync(file, bytes, { flag: 'wx', mode: 0o640 });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new EbrError(
      code === 'EEXIST' ? 'CONFLICT' : 'VALIDATION_FAILED',
      code === 'EEXIST'
        ? `${file} already exists; choose another --out (a record is never written over a file).`
        : `Cannot write ${file} (${(error as Error).message}).`,
    );
  }
}

/**
 * `ebr report --batch NUMBER --out FILE.pdf [--paper]`: the batch record PDF (or, with --paper,
 * the paper continuation record of a batch not complete) from a data folder opened with the
 * recovery key, the same document the application prints. Printing a paper continuation record
 * is audited, as done by the recovery-key holder.
 */
export async function reportCommand(options: ParsedOptions, io: CliIo): Promise<number> {
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
    const requester = {
      userId: null,
      username: userInfo().username,
      fullName: `recovery-key holder via ebr CLI (${userInfo().username}@${hostname()})`,
    };
    const paper = options.paper !== undefined;
    const file = paper
      ? services.records.paperContinuation(batch.id, requester)
      : services.records.batchPdf(batch.id, requester);
    writeNewFile(outFile, Buffer.from(file.base64, 'base64'));
    if (options.json !== undefined) {
      const { base64: _bytes, ...summary } = file;
      io.out(JSON.stringify({ ...summary, batchNumber, file: outFile }, null, 2));
      return 0;
    }
    io.out(
      `${paper ? 'Paper continuation record' : 'Batch record'} of ${batchNumber} written: ${outFile} (${file.pageCount} pages, ${file.byteLength} bytes)`,
    );
    io.out(`SHA-256 of the PDF:             ${file.sha256}`);
    io.out(`Electronic copy SHA-256 (footer): ${file.electronicCopySha256}`);
    return 0;
  } finally {
    runtime.store.close();
  }
}
