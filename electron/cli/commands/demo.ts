import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { EbrError } from '../../../shared/errors';
import { systemClock, toUtcIso } from '../../core/clock';
import { buildDemo } from '../../core/demo/build-demo';
import { DEMO_TERMINAL, demoPeople, demoPeopleTable } from '../../core/demo/demo-cast';
import type { CliIo } from '../io';
import { requireOption, type ParsedOptions } from '../options';
import { writeRecoveryKeyFile } from '../recovery-key-file';

export async function demoCommand(options: ParsedOptions, io: CliIo): Promise<number> {
  const dataDir = resolve(requireOption(options, 'data-dir'));
  const recoveryKeyFile = resolve(requireOption(options, 'recovery-key-file'));
  if (existsSync(recoveryKeyFile)) {
    throw new EbrError(
      'ALREADY_INITIALIZED',
      `The recovery key file ${recoveryKeyFile} already exists; it will not be overwritten.`,
    );
  }
  const startedMs = Date.now();
  const demo = await buildDemo({ dataDir });
  writeRecoveryKeyFile(recoveryKeyFile, demo.recoveryKey, DEMO_TERMINAL.name, toUtcIso(systemClock.now()));
  const seconds = ((Date.now() - startedMs) / 1000).toFixed(1);
  if (options.json !== undefined) {
    io.out(
      JSON.stringify({
        dataDir,
        recoveryKeyFile,
        seconds: Number(seconds),
        terminalFingerprint: demo.terminalFingerprint,
        users: demoPeople(),
        batches: demo.batches,
        signatures: demo.signatures,
      }),
    );
    return 0;
  }
  io.out(`DEMO data folder ${dataDir} — for demonstration and training only, never for records.`);
  io.out(`Terminal ${DEMO_TERMINAL.name}, key fingerprint ${demo.terminalFingerprint}`);
  io.out(`Recovery key written to ${recoveryKeyFile} (mode 0600).`);
  io.out('');
  io.out('Demo users (passwords shown this once):');
  io.out(demoPeopleTable());
  io.out('');
  io.out('Batches:');
  for (const batch of demo.batches) {
    io.out(`  ${batch.batchNumber.padEnd(10)} ${batch.status.padEnd(19)} ${batch.story}`);
  }
  io.out('');
  io.out(`Built in ${seconds} s with ${demo.signatures} electronic signatures. Open it with:`);
  io.out(`  npm run preview -- --data-dir ${dataDir} --recovery-key-file ${recoveryKeyFile}`);
  return 0;
}
