import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { checkpointMessage, type CheckpointContent } from '../../electron/core/audit/chain';
import type { SignedCheckpoint } from '../../electron/core/audit/head-mirror';
import { manualClock } from '../../electron/core/clock';
import {
  writeExportPackage,
  type ExportTerminal,
  type WriteExportPackageOptions,
} from '../../electron/core/export/write-package';
import { createTerminalKey } from '../../electron/core/terminal/terminal-key';
import { TEST_START_MS } from './fresh-app';

const run = promisify(execFile);

/** A real terminal key (as `ebr init` makes it), sealed in `folder`. */
export function exportTerminal(folder: string): ExportTerminal {
  const key = createTerminalKey(join(folder, 'terminal-key.json'), randomBytes(32));
  return { id: 'terminal-ws-07', ...key };
}

export function signedCheckpoint(terminal: ExportTerminal, auditSeq = 1234): SignedCheckpoint {
  const content: CheckpointContent = {
    auditSeq,
    auditHash: 'ab'.repeat(32),
    atUtc: '2026-11-02T07:59:59.000Z',
    terminalId: terminal.id,
    keyId: terminal.fingerprint,
  };
  return {
    ...content,
    checkpointSeq: 99,
    signature: terminal.sign(checkpointMessage(content)).toString('base64'),
  };
}

/** Bytes that look like what the lead will pass: a PDF and a canonical JSON copy. */
export function batchRecordFiles(pdfBytes = 300_000, jsonBytes = 120_000): { name: string; bytes: Buffer }[] {
  const pdf = Buffer.concat([
    Buffer.from('%PDF-1.7\n'),
    randomBytes(pdfBytes - 16),
    Buffer.from('\n%%EOF\n'),
  ]);
  const record = { batchNumber: 'B-2026-0042', values: 'x'.repeat(Math.max(0, jsonBytes - 60)) };
  return [
    { name: 'batch-record.pdf', bytes: pdf },
    { name: 'batch-record.json', bytes: Buffer.from(JSON.stringify(record)) },
  ];
}

export function exportOptions(
  terminal: ExportTerminal,
  destinationDir: string,
  overrides: Partial<WriteExportPackageOptions> = {},
): WriteExportPackageOptions {
  return {
    destinationDir,
    packageName: 'EBR-B-2026-0042',
    files: batchRecordFiles(),
    batch: {
      id: 'batch-7f3c',
      batchNumber: 'B-2026-0042',
      product: 'Paracétamol 500 mg — µ-granulate',
      status: 'released',
    },
    chainHead: signedCheckpoint(terminal),
    exporter: { userId: 'user-tech-1', username: 'tina.tech', fullName: 'Tina Technicienne' },
    applicationVersion: '0.1.0',
    terminal,
    clock: manualClock(TEST_START_MS),
    ...overrides,
  };
}

export async function writeTestPackage(
  terminal: ExportTerminal,
  destinationDir: string,
  overrides: Partial<WriteExportPackageOptions> = {},
) {
  return writeExportPackage(exportOptions(terminal, destinationDir, overrides));
}

/** Runs a shell line in `cwd`; the exit code instead of a throw. */
export async function shell(
  line: string,
  cwd: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('bash', ['-c', line], { cwd });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/** The exact command VERIFY.txt and the issue give. */
export const OPENSSL_VERIFY =
  'openssl pkeyutl -verify -pubin -inkey public-key.pem -rawin -in manifest.json -sigfile manifest.sig';
