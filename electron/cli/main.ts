import { parseArgs } from 'node:util';
import { EbrError } from '../../shared/errors';
import { applicationVersion } from '../core/app-version';
import { infoCommand } from './commands/info';
import { initCommand } from './commands/init';
import { unlockUserCommand } from './commands/unlock-user';
import { verifyAuditCommand } from './commands/verify-audit';
import { processIo, type CliIo } from './io';
import type { ParsedOptions } from './options';

const usage = `ebr ${applicationVersion} — EBR Workstation command-line tool

Usage:
  ebr init --data-dir DIR --admin USER --admin-name "Full Name" --terminal-name NAME
           --recovery-key-file FILE [--terminal-location TEXT]
      Create an encrypted data folder, the terminal key pair and the first administrator.
      The password comes from EBR_PASSWORD or is asked on the terminal. The recovery key is
      written to FILE (mode 0600) and shown nowhere else.
  ebr info --data-dir DIR --recovery-key-file FILE [--json]
      Version, schema version, encryption, terminal and counts.
  ebr verify-audit --data-dir DIR --recovery-key-file FILE [--json]
      Verify the audit chain, its signed checkpoints and every electronic signature (counts of
      valid and invalid). Exit 0 when all verify, 1 naming the first broken row and each invalid
      signature.

  ebr unlock-user --data-dir DIR --recovery-key-file FILE --username USER --reason TEXT
      Unlock an account locked by failed attempts (the way back when every administrator is
      locked out). Audited as done by the recovery-key holder.

Exit codes: 0 success, 1 audit trail broken, 2 usage or start-up error.`;

const commands: Record<string, (options: ParsedOptions, io: CliIo) => Promise<number>> = {
  init: initCommand,
  info: infoCommand,
  'verify-audit': verifyAuditCommand,
  'unlock-user': unlockUserCommand,
};

const optionSpec = {
  'data-dir': { type: 'string' },
  'recovery-key-file': { type: 'string' },
  admin: { type: 'string' },
  'admin-name': { type: 'string' },
  'terminal-name': { type: 'string' },
  'terminal-location': { type: 'string' },
  username: { type: 'string' },
  reason: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: optionSpec, allowPositionals: true, strict: true });
  } catch (error) {
    io.err(`ebr: ${(error as Error).message}\n\n${usage}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.version) {
    io.out(applicationVersion);
    return 0;
  }
  const [commandName, ...extra] = positionals;
  if (values.help || !commandName) {
    io.out(usage);
    return values.help ? 0 : 2;
  }
  const command = commands[commandName];
  if (!command || extra.length > 0) {
    io.err(`ebr: unknown command "${positionals.join(' ')}"\n\n${usage}`);
    return 2;
  }
  const options: ParsedOptions = { ...values, json: values.json ? 'true' : undefined } as ParsedOptions;
  try {
    return await command(options, io);
  } catch (error) {
    if (error instanceof EbrError) {
      io.err(`ebr ${commandName}: ${error.code}: ${error.message}`);
      return 2;
    }
    io.err(`ebr ${commandName}: unexpected error: ${(error as Error).stack ?? String(error)}`);
    return 2;
  }
}
