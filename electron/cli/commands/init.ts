import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { EbrError } from '../../../shared/errors';
import { toUtcIso, systemClock } from '../../core/clock';
import { recoveryKeyProvider } from '../../core/keys/recovery-key';
import { initializeDataDir } from '../../core/setup/initialize';
import type { CliIo } from '../io';
import { writeRecoveryKeyFile } from '../recovery-key-file';
import { requireOption, type ParsedOptions } from '../options';

async function readPassword(io: CliIo): Promise<string> {
  const fromEnvironment = io.env.EBR_PASSWORD;
  if (fromEnvironment) return fromEnvironment;
  if (!io.askHidden) {
    throw new EbrError(
      'VALIDATION_FAILED',
      'No password: set EBR_PASSWORD or run on a terminal to be asked.',
    );
  }
  const first = await io.askHidden('Administrator password: ');
  const second = await io.askHidden('Repeat the password: ');
  if (first !== second) throw new EbrError('VALIDATION_FAILED', 'The two passwords differ.');
  return first;
}

export async function initCommand(options: ParsedOptions, io: CliIo): Promise<number> {
  const dataDir = resolve(requireOption(options, 'data-dir'));
  const recoveryKeyFile = resolve(requireOption(options, 'recovery-key-file'));
  const terminalName = requireOption(options, 'terminal-name');
  if (existsSync(recoveryKeyFile)) {
    throw new EbrError(
      'ALREADY_INITIALIZED',
      `The recovery key file ${recoveryKeyFile} already exists; it will not be overwritten.`,
    );
  }
  const password = await readPassword(io);
  const result = await initializeDataDir({
    dataDir,
    // The recovery key is the only key holder for a CLI-made folder: it is written to FILE below.
    keyProvider: recoveryKeyProvider('00'.repeat(32)),
    admin: {
      username: requireOption(options, 'admin'),
      fullName: requireOption(options, 'admin-name'),
      password,
    },
    terminal: { name: terminalName, location: options['terminal-location'] ?? '' },
  });
  writeRecoveryKeyFile(recoveryKeyFile, result.recoveryKey, terminalName, toUtcIso(systemClock.now()));
  io.out(`Initialized encrypted data folder ${dataDir}`);
  io.out(`Terminal ${terminalName}, key fingerprint ${result.terminalFingerprint}`);
  io.out(
    `Recovery key written to ${recoveryKeyFile} (mode 0600). Keep a copy offline: without it the records cannot be read.`,
  );
  return 0;
}
