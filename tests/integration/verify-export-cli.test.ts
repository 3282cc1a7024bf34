import { execFile } from 'node:child_process';
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../electron/cli/main';
import { formatFingerprint } from '../../electron/core/terminal/terminal-key';
import type { ExportTerminal } from '../../electron/core/export/write-package';
import { temporaryFolder } from '../helpers/fresh-app';
import { exportTerminal, writeTestPackage } from '../helpers/export-fixture';
import { ebrEntry } from '../helpers/ebr-command';

const run = promisify(execFile);
const ebr = ebrEntry();

async function ebrCommand(args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [ebr, ...args]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/** The same entry point in this process: for the cases that need no second process to be believed. */
async function ebrInProcess(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, {
    out: (text) => out.push(text),
    err: (text) => err.push(text),
    env: {},
  });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

describe('ebr verify-export (no database)', () => {
  const root = temporaryFolder('ebr-verify-export-');
  let terminal: ExportTerminal;
  let packageDir: string;
  let copies = 0;

  function copyOfPackage(): string {
    const copy = join(root, `copy-${++copies}`, 'EBR-B-2026-0042');
    cpSync(packageDir, copy, { recursive: true });
    return copy;
  }

  beforeAll(async () => {
    terminal = exportTerminal(root);
    packageDir = (await writeTestPackage(terminal, root)).directory;
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('exit 0 on an intact package, checked against the trusted fingerprint as people write it', async () => {
    const result = await ebrCommand([
      'verify-export',
      packageDir,
      '--fingerprint',
      formatFingerprint(terminal.fingerprint),
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Batch B-2026-0042 (id batch-7f3c)');
    expect(result.stdout).toContain('Exported 2026-11-02T08:00:00.000Z by Tina Technicienne (tina.tech)');
    expect(result.stdout).toContain('Signature: valid');
    expect(result.stdout).toContain('Key: matches the trusted fingerprint.');
    expect(result.stdout).toContain('ok  batch-record.pdf (300000 bytes)');
    expect(result.stdout).toContain('Package verified: 4 files intact');
  });

  it('--json prints the whole report', async () => {
    const result = await ebrCommand(['verify-export', packageDir, '--json']);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({ valid: true, signatureValid: true, keyTrusted: null, problems: [] });
    expect(report.files).toHaveLength(4);
  });

  it('exit 1 naming a changed, a missing and an unexpected file at once', async () => {
    const copy = copyOfPackage();
    const json = join(copy, 'batch-record.json');
    writeFileSync(json, readFileSync(json, 'utf8').replace('B-2026-0042', 'B-2026-0043'));
    rmSync(join(copy, 'VERIFY.txt'));
    writeFileSync(join(copy, 'notes.txt'), 'added later');
    const result = await ebrCommand(['verify-export', copy]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('CHANGED: batch-record.json has SHA-256');
    expect(result.stderr).toContain('MISSING: VERIFY.txt is listed in the manifest but missing.');
    expect(result.stderr).toContain('UNEXPECTED: notes.txt is in the folder but not listed in the manifest.');
    expect(result.stdout).toContain('PACKAGE NOT VERIFIED: 3 problems.');
    expect(result.stdout).toContain('Signature: valid');
  });

  it('exit 1 on a manifest edited by one space, naming the signature', async () => {
    const copy = copyOfPackage();
    const manifest = join(copy, 'manifest.json');
    writeFileSync(manifest, readFileSync(manifest, 'utf8').replace('{\n', '{ \n'));
    const result = await ebrCommand(['verify-export', copy, '--json']);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report.signatureValid).toBe(false);
    expect(report.problems).toEqual([
      expect.objectContaining({ kind: 'signature-invalid', file: 'manifest.json' }),
    ]);
  });

  it('exit 1 when the key is not the trusted one', async () => {
    const result = await ebrInProcess(['verify-export', packageDir, '--fingerprint', 'ef'.repeat(32)]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `KEY NOT TRUSTED: public-key.pem has fingerprint ${terminal.fingerprint}`,
    );
  });

  it('exit 2 on usage errors: no folder, two folders, a malformed fingerprint, a folder that does not exist', async () => {
    const none = await ebrInProcess(['verify-export']);
    const twice = await ebrInProcess(['verify-export', packageDir, packageDir]);
    const malformed = await ebrInProcess(['verify-export', packageDir, '--fingerprint', 'xyz']);
    const missing = await ebrInProcess(['verify-export', join(root, 'nowhere')]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('ebr verify-export: expects DIR');
    expect(twice.code).toBe(2);
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toContain('--fingerprint must be 64 hexadecimal digits');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('NOT_FOUND');
  });
});
