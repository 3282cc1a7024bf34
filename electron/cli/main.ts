import { parseArgs } from 'node:util';
import { EbrError } from '../../shared/errors';
import { applicationVersion } from '../core/app-version';
import { backupCommand } from './commands/backup';
import { exportCommand } from './commands/export';
import { equipmentListCommand, equipmentLogbookCommand } from './commands/equipment-list';
import { genealogyCommand } from './commands/genealogy';
import { labelCommand } from './commands/label';
import { lotImportCommand, lotListCommand } from './commands/lot';
import { batchListCommand } from './commands/batch-list';
import { batchShowCommand } from './commands/batch-show';
import { demoCommand } from './commands/demo';
import { deviceListPortsCommand } from './commands/device-list-ports';
import { deviceProbeCommand } from './commands/device-probe';
import { infoCommand } from './commands/info';
import { initCommand } from './commands/init';
import { recipeExportCommand } from './commands/recipe-export';
import { recipeImportCommand } from './commands/recipe-import';
import { recipeListCommand } from './commands/recipe-list';
import { recipeValidateCommand } from './commands/recipe-validate';
import { reportCommand } from './commands/report';
import { batchmlCommand } from './commands/batchml';
import { restoreCommand } from './commands/restore';
import { serverEnrolCodeCommand } from './commands/server-enrol-code';
import { serverInitCommand } from './commands/server-init';
import { serverRevokeCommand } from './commands/server-revoke';
import { serverStartCommand } from './commands/server-start';
import { serverStatusCommand } from './commands/server-status';
import { serverVerifyCommand } from './commands/server-verify';
import { syncCommand } from './commands/sync';
import { terminalEnrolCommand } from './commands/terminal-enrol';
import { unlockUserCommand } from './commands/unlock-user';
import { verifyAuditCommand } from './commands/verify-audit';
import { verifyExportCommand } from './commands/verify-export';
import { findInvalidCharacter, invalidCharacterMessage } from '../../shared/text/safe-text';
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
      Version, schema version, encryption, terminal and counts (and DEMO for a demo store), and
      the audit head against the head file and the anchor outside the folder. Exit 1 when the
      folder is behind its anchor (replaced by an older copy).
  ebr demo --data-dir DIR --recovery-key-file FILE [--json]
      Build a demonstration terminal in an empty or new DIR, through the same channels people
      use: a user per role (and one with several), both sample recipes effective and one in
      review, simulated instruments, batches in every state. Prints the demo passwords once.
      Everything in it is marked DEMO, for good; never use it for records.
  ebr verify-audit --data-dir DIR --recovery-key-file FILE [--against BACKUP_OR_EXPORT] [--json]
           [--accept-missing-head --reason TEXT]
      Verify the audit chain, its signed checkpoints and every electronic signature (counts of
      valid and invalid), and that the folder is not behind its anchor outside the folder nor
      behind the chain head recorded by the backup (FILE or FILE.manifest.json) or export
      package (folder) given with --against. Exit 0 when all verify, 1 naming the first broken
      row, each invalid signature, a rollback with both positions, or a missing head file or
      anchor. --accept-missing-head trusts the database's own signed head in place of the
      missing copy and recreates it (audited with the reason; never overrides a rollback).
  ebr verify-export DIR [--json] [--fingerprint FP]
      Verify a signed export package without any database: every file's size and SHA-256, the
      Ed25519 signature of manifest.json by public-key.pem (and that key against FP, the
      terminal's fingerprint from the register), and that the folder holds exactly the listed
      files. Exit 0 when it verifies, 1 naming each changed, missing or unexpected file and a
      bad signature. See docs/export-package.md.

  ebr unlock-user --data-dir DIR --recovery-key-file FILE --username USER --reason TEXT
      Unlock an account locked by failed attempts (the way back when every administrator is
      locked out). Audited as done by the recovery-key holder.
  ebr backup --data-dir DIR --recovery-key-file FILE --out FILE [--json]
      Online backup (the application may be running): FILE (encrypted, never overwritten) and
      FILE.manifest.json (sizes, SHA-256, audit head, signed). Audited. See docs/backup-restore.md.
  ebr restore --in FILE --data-dir NEWDIR --recovery-key-file FILE [--json]
      Restore a backup into an empty or new folder after checking its SHA-256, the recovery key,
      PRAGMA integrity_check, the audit chain and every signature. Exit 1 naming the reason when
      the backup is damaged or altered; nothing is restored then.

  ebr report --batch NUMBER --out FILE.pdf --data-dir DIR --recovery-key-file FILE [--paper] [--json]
      The batch record PDF (every value, signature, exception, correction, the batch's audit
      trail and an integrity footer), or with --paper the paper continuation record of a batch
      not complete (audited). FILE is never overwritten. See docs/batch-record.md.
  ebr batchml --batch NUMBER --out FILE.xml --data-dir DIR --recovery-key-file FILE [--json]
      The same record as a BatchML BatchProductionRecord (MESA B2MML V0700; valid against the
      schemas in resources/b2mml), built from the electronic copy. See docs/batchml.md.
  ebr export --batch NUMBER --out DIR --as USER --data-dir DIR --recovery-key-file FILE [--json]
      Write the signed export package of the batch (PDF, electronic copy, manifest.json,
      manifest.sig, public-key.pem, VERIFY.txt) into the folder DIR. USER signs in with the
      password from EBR_PASSWORD (or asked on the terminal) and needs exports.write; audited.

  ebr recipe validate FILE… [--json]
      Check master recipe files (format ebr-recipe/1, see docs/recipe-format.md) without
      importing them. Prints "FILE: PATH: message" for each problem ("FILE: message" for the
      file as a whole) or "FILE: valid (N steps)". Exit 0 when every file is valid, 1 otherwise.
  ebr recipe import FILE --data-dir DIR --recovery-key-file FILE --as USER [--json]
      Import a recipe file (or the recipe of an ebr recipe export package) as a Draft version.
      USER signs in with the password from EBR_PASSWORD (or asked on the terminal), as at the
      application's sign-in screen, and needs the recipes.author permission. Prints the new
      version's id, status and content hash; exit 1 listing "FILE: PATH: message" when invalid.
  ebr recipe list --data-dir DIR --recovery-key-file FILE [--json]
      Every master recipe version: code, version, status, name and number of steps.
  ebr recipe export CODE --version V --out FILE --data-dir DIR --recovery-key-file FILE [--format batchml] [--json]
      Write the approved content of version V with its approval signatures to a new FILE
      (never overwritten): re-importable elsewhere with ebr recipe import, and verifiable
      without this application (the steps are printed and written into the package). Exit 1
      when the stored content no longer matches its approval signature. With --format batchml,
      FILE is the approved content as a BatchML MasterRecipe (docs/batchml.md), importable with
      ebr recipe import to the same content hash.

  ebr batch list --data-dir DIR --recovery-key-file FILE [--json]
      Every batch: number, status, product, recipe code and version, training flag, progress
      (steps completed) and open exceptions.
  ebr batch show NUMBER --data-dir DIR --recovery-key-file FILE [--json]
      One batch record: its steps in order with status, current value, limits and origin, every
      entry (superseded originals and corrections with their reasons), signatures with printed
      name, meaning, time with zone and validity, exceptions and comments. --json prints the full
      view. Exit 2 when there is no such batch.

  ebr lot list --data-dir DIR --recovery-key-file FILE [--status S] [--json]
      Lots with their status as the clock makes it (quarantine, released, rejected, expired,
      retest-due), remaining quantity, expiry, retest and potency; --status keeps one status.
  ebr lot import FILE --data-dir DIR --recovery-key-file FILE --as USER [--json]
      Import an ERP lot file (CSV with a header row, see docs/materials-equipment.md) through the
      application's own channel: USER (a material handler) signs in with the password from
      EBR_PASSWORD. Exit 1 listing "FILE:LINE: column: message" for every problem; nothing is
      imported then.
  ebr genealogy --lot LOT | --batch NUMBER --data-dir DIR --recovery-key-file FILE [--json]
      Forward: every batch that consumed the lot, with amounts. Backward: the lots a batch
      consumed (amounts, containers, status and potency at use), the equipment it used and its
      output lot.
  ebr label LOT --out FILE.pdf --data-dir DIR --recovery-key-file FILE [--containers 1,2]
           [--symbol datamatrix|gs1-128] [--json]
      The lot's container labels, one A6 page per container (all unless --containers): material,
      lot, container, expiry in words and a GS1 DataMatrix (or GS1-128) of (01) GTIN, (10) lot,
      (17) expiry and (21) container, as a dispensing scan reads them. FILE is never overwritten.
  ebr equipment list --data-dir DIR --recovery-key-file FILE [--json]
      Equipment and rooms with their status (clean and free until…, in use by batch…, dirty,
      under maintenance, …); abnormal states are marked "!".
  ebr equipment logbook ID --out FILE.pdf --data-dir DIR --recovery-key-file FILE [--json]
      The logbook of an item or room as PDF: every use with its batch and product, every
      cleaning (procedure, period, who cleaned, who verified), maintenance and status change, in
      order. FILE is never overwritten.

  ebr device probe --port PATH --protocol mt-sics|sartorius-sbi|and|ph-mt|scanner
           [--baud N] [--parity none|even|odd] [--data-bits 7|8] [--timeout S]
      Commissioning check, no data folder needed: open PATH with the protocol's factory settings
      (or those given), read the model and serial number and one stable reading (a scanner: the
      first scan), print them as one JSON line. Exit 1 with the reason when nothing stable comes
      within S seconds (default 10) or the instrument answers with an error. See docs/devices.md.
  ebr device list-ports [--json]
      The serial ports the operating system lists, with maker, USB ids and serial number.

Plant server (PostgreSQL; see docs/plant-server.md):
  ebr server init --database OWNER_URL --config-dir DIR [--service-role NAME] [--hostname A,B] [--json]
      Apply the migrations, create the service role (INSERT/SELECT on the log tables only), the
      server key (sealed under DIR/server-key.secret), a self-signed TLS pair for a pilot, and
      print the first plant administrator's one-time enrolment code.
  ebr server start --database URL --config-dir DIR [--listen HOST:PORT] [--max-clock-skew S]
      Serve terminals over HTTPS until SIGTERM; JSON logs, /health and /metrics.
  ebr server enrol-code --database URL --terminal-name NAME [--valid-hours H] [--json]
      A one-time enrolment code for one terminal (single use, expires).
  ebr server revoke --database URL --node ID --reason TEXT
      Refuse a terminal's uploads from now on (alerted).
  ebr server verify --database URL [--json]
      Walk every node's chain, checkpoints and signatures; exit 1 naming each node's first break.
  ebr server status --database URL [--json]
      Per terminal: last contact, acknowledged entry, lag, clock skew, quarantined uploads.
  ebr terminal enrol --data-dir DIR --recovery-key-file FILE --server URL --code CODE
           [--server-fingerprint FP]
      Register this terminal with the plant server; pin its key and TLS certificate (audited).
  ebr sync --data-dir DIR --recovery-key-file FILE [--batch-size N] [--json]
      Ship every entry the server has not acknowledged. Exit 0 when caught up, 1 when refused
      or unreachable (the reason is named).

Exit codes: 0 success, 1 audit trail broken, a recipe file invalid or an export package not verified, 2 usage or start-up error.`;

type CommandRun = (options: ParsedOptions, io: CliIo, args: string[]) => Promise<number>;

interface Command {
  run: CommandRun;
  /** Positional arguments after the command's name (none when absent). */
  args?: { min: number; max: number; name: string };
}

/** A command group's commands are named "group command" (`ebr recipe validate`). */
const commands: Record<string, Command> = {
  init: { run: initCommand },
  info: { run: infoCommand },
  demo: { run: demoCommand },
  'verify-audit': { run: verifyAuditCommand },
  'verify-export': { run: verifyExportCommand, args: { min: 1, max: 1, name: 'DIR' } },
  'unlock-user': { run: unlockUserCommand },
  backup: { run: backupCommand },
  restore: { run: restoreCommand },
  report: { run: reportCommand },
  batchml: { run: batchmlCommand },
  export: { run: exportCommand },
  'recipe validate': { run: recipeValidateCommand, args: { min: 1, max: Infinity, name: 'FILE…' } },
  'recipe import': { run: recipeImportCommand, args: { min: 1, max: 1, name: 'FILE' } },
  'recipe list': { run: recipeListCommand },
  'recipe export': { run: recipeExportCommand, args: { min: 1, max: 1, name: 'CODE' } },
  'batch list': { run: batchListCommand },
  'batch show': { run: batchShowCommand, args: { min: 1, max: 1, name: 'NUMBER' } },
  'lot list': { run: lotListCommand },
  'lot import': { run: lotImportCommand, args: { min: 1, max: 1, name: 'FILE' } },
  genealogy: { run: genealogyCommand },
  label: { run: labelCommand, args: { min: 1, max: 1, name: 'LOT' } },
  'equipment list': { run: equipmentListCommand },
  'equipment logbook': { run: equipmentLogbookCommand, args: { min: 1, max: 1, name: 'ID' } },
  'device probe': { run: deviceProbeCommand },
  'device list-ports': { run: deviceListPortsCommand },
  'server init': { run: serverInitCommand },
  'server start': { run: serverStartCommand },
  'server enrol-code': { run: serverEnrolCodeCommand },
  'server revoke': { run: serverRevokeCommand },
  'server verify': { run: serverVerifyCommand },
  'server status': { run: serverStatusCommand },
  'terminal enrol': { run: terminalEnrolCommand },
  sync: { run: syncCommand },
};

/** The command the positionals name (a group's command takes two words), and its arguments. */
function findCommand(positionals: string[]): { name: string; command: Command; args: string[] } | undefined {
  const [first = '', second] = positionals;
  const grouped = second === undefined ? undefined : `${first} ${second}`;
  if (grouped !== undefined && Object.hasOwn(commands, grouped)) {
    return { name: grouped, command: commands[grouped]!, args: positionals.slice(2) };
  }
  if (Object.hasOwn(commands, first))
    return { name: first, command: commands[first]!, args: positionals.slice(1) };
  return undefined;
}

const optionSpec = {
  'data-dir': { type: 'string' },
  'recovery-key-file': { type: 'string' },
  admin: { type: 'string' },
  'admin-name': { type: 'string' },
  'terminal-name': { type: 'string' },
  'terminal-location': { type: 'string' },
  username: { type: 'string' },
  reason: { type: 'string' },
  against: { type: 'string' },
  'accept-missing-head': { type: 'boolean' },
  as: { type: 'string' },
  out: { type: 'string' },
  in: { type: 'string' },
  fingerprint: { type: 'string' },
  batch: { type: 'string' },
  lot: { type: 'string' },
  status: { type: 'string' },
  containers: { type: 'string' },
  symbol: { type: 'string' },
  paper: { type: 'boolean' },
  port: { type: 'string' },
  protocol: { type: 'string' },
  baud: { type: 'string' },
  parity: { type: 'string' },
  'data-bits': { type: 'string' },
  timeout: { type: 'string' },
  database: { type: 'string' },
  'config-dir': { type: 'string' },
  'service-role': { type: 'string' },
  hostname: { type: 'string' },
  listen: { type: 'string' },
  'max-clock-skew': { type: 'string' },
  'valid-hours': { type: 'string' },
  node: { type: 'string' },
  server: { type: 'string' },
  code: { type: 'string' },
  'server-fingerprint': { type: 'string' },
  'batch-size': { type: 'string' },
  format: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

/** The first two words of the command line that are neither options nor option values. */
function commandWords(argv: string[]): string {
  const words: string[] = [];
  for (let index = 0; index < argv.length && words.length < 2; index++) {
    const arg = argv[index]!;
    if (!arg.startsWith('-')) words.push(arg);
    else if (
      !arg.includes('=') &&
      optionSpec[arg.replace(/^--?/, '') as keyof typeof optionSpec]?.type === 'string'
    )
      index++;
  }
  return words.join(' ');
}

/** Every argument passes the same text check as the screens' fields (A11-5): named, never rewritten. */
function invalidArgument(values: Record<string, unknown>, positionals: string[]): string | null {
  for (const [name, value] of Object.entries(values)) {
    const found = typeof value === 'string' ? findInvalidCharacter(value) : null;
    if (found) return invalidCharacterMessage(`--${name}`, found);
  }
  for (const [index, positional] of positionals.entries()) {
    const found = findInvalidCharacter(positional);
    if (found) return invalidCharacterMessage(`Argument ${index + 1}`, found);
  }
  return null;
}

export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  // `ebr recipe export CODE --version V`: there, --version names the recipe version.
  const recipeExport = commandWords(argv) === 'recipe export';
  const spec = recipeExport ? { ...optionSpec, version: { type: 'string' } as const } : optionSpec;
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: spec, allowPositionals: true, strict: true });
  } catch (error) {
    io.err(`ebr: ${(error as Error).message}\n\n${usage}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const badText = invalidArgument(values, positionals);
  if (badText) {
    io.err(`ebr: ${badText} Nothing was done.`);
    return 2;
  }
  if (values.version && !recipeExport) {
    io.out(applicationVersion);
    return 0;
  }
  if (values.help || positionals.length === 0) {
    io.out(usage);
    return values.help ? 0 : 2;
  }
  const found = findCommand(positionals);
  const group = Object.keys(commands).filter((name) => name.startsWith(`${positionals[0]} `));
  if (!found && group.length > 0) {
    io.err(
      `ebr ${positionals.join(' ')}: expects one of: ${group.map((name) => `ebr ${name}`).join(', ')}\n\n${usage}`,
    );
    return 2;
  }
  if (!found) {
    io.err(`ebr: unknown command "${positionals.join(' ')}"\n\n${usage}`);
    return 2;
  }
  const { name: commandName, command, args } = found;
  const expected = command.args ?? { min: 0, max: 0, name: '' };
  if (args.length < expected.min || args.length > expected.max) {
    const problem =
      args.length < expected.min
        ? `ebr ${commandName}: expects ${expected.name}`
        : `ebr: unknown command "${positionals.join(' ')}"`;
    io.err(`${problem}\n\n${usage}`);
    return 2;
  }
  const options: ParsedOptions = { ...values, json: values.json ? 'true' : undefined } as ParsedOptions;
  try {
    return await command.run(options, io, args);
  } catch (error) {
    if (error instanceof EbrError) {
      io.err(`ebr ${commandName}: ${error.code}: ${error.message}`);
      return 2;
    }
    io.err(`ebr ${commandName}: unexpected error: ${(error as Error).stack ?? String(error)}`);
    return 2;
  }
}
