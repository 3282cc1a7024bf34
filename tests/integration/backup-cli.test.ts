/**
 * `ebr backup` and `ebr restore` as an administrator runs them: an online backup while the
 * application has the folder open, a restore that `ebr verify-audit` passes with the same data,
 * and refusals with their exit codes and reasons, leaving no restored folder.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type Database from 'better-sqlite3-multiple-ciphers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indexArchive } from '../../electron/core/backup/backup-archive';
import type { BackupManifest } from '../../electron/core/backup/backup-manifest';
import { writeRecoveryKeyFile } from '../../electron/cli/recovery-key-file';
import type { AuditReviewView } from '../../shared/contract/audit-trail';
import { freshApp, signIn, temporaryFolder, type FreshApp } from '../helpers/fresh-app';
import { createUser, TEMPORARY_PASSWORD, USER_PASSWORD, value } from '../helpers/identity';
import { withRaw } from '../helpers/tamper';
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

function rows(sqlite: Database.Database, table: string, where = ''): unknown[] {
  return sqlite.prepare(`SELECT rowid AS "rowid()", * FROM ${table} ${where} ORDER BY rowid`).all();
}

// Each command starts Node with tsx (≈ 1.5 s alone, much more on a loaded machine).
describe('ebr backup and ebr restore', { timeout: 90_000 }, () => {
  let fresh: FreshApp;
  let root: string;
  let keyFile: string;
  let backupFile: string;
  let manifest: BackupManifest;

  beforeAll(async () => {
    fresh = await freshApp({ terminalName: 'WS-CLI-BACKUP' });
    root = temporaryFolder('ebr-backup-cli-');
    const admin = await fresh.admin();
    await createUser(admin, 'qa.anna', ['qa'], { fullName: 'Anna Qualität' });
    await createUser(admin, 'qa.bert', ['qa'], { fullName: 'Bert Brenner' });
    const { connection } = await signIn(fresh.app, 'qa.anna', TEMPORARY_PASSWORD, USER_PASSWORD);
    await signIn(fresh.app, 'qa.bert', TEMPORARY_PASSWORD, USER_PASSWORD);
    const review = value<AuditReviewView>(
      await connection.invoke('audit.reviews.create', {
        filter: { entityType: 'user' },
        comment: 'Weekly review of user administration',
        credentials: { kind: 'self', password: USER_PASSWORD },
      }),
    );
    value(
      await connection.invoke('audit.reviews.cosign', {
        reviewId: review.id,
        credentials: { kind: 'cosigner', username: 'qa.bert', password: USER_PASSWORD },
      }),
    );
    keyFile = join(root, 'recovery.key');
    writeRecoveryKeyFile(keyFile, fresh.recoveryKey, 'WS-CLI-BACKUP', new Date().toISOString());
    backupFile = join(root, 'nightly.ebrbak');
  }, 60_000);

  afterAll(async () => {
    await fresh?.cleanup();
    rmSync(root, { recursive: true, force: true });
  });

  it('backs up online while the application has the folder open, audited as the recovery-key holder', async () => {
    expect(fresh.app.status).toBe('ready');
    const result = await ebrCommand([
      'backup',
      '--data-dir',
      fresh.dataDir,
      '--recovery-key-file',
      keyFile,
      '--out',
      backupFile,
      '--json',
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const printed = JSON.parse(result.stdout) as {
      file: string;
      manifestFile: string;
      manifest: BackupManifest;
    };
    manifest = printed.manifest;
    expect(printed.manifestFile).toBe(`${backupFile}.manifest.json`);
    expect(JSON.parse(readFileSync(printed.manifestFile, 'utf8'))).toEqual(manifest);
    expect(manifest.backup.size).toBe(readFileSync(backupFile).length);
    expect(manifest.counts).toMatchObject({ users: 3, signatures: 2 });
    expect((await indexArchive(backupFile)).map((entry) => entry.name)).toEqual([
      'ebr.db',
      'store.json',
      'terminal-key.json',
    ]);
    // The open application sees the other process's audit row.
    const row = fresh.app
      .runtime!.store.sqlite.prepare(
        "SELECT user_id AS userId, user_name AS userName, new_value AS newValue FROM audit_trail WHERE action = 'backup.created'",
      )
      .get() as { userId: string | null; userName: string; newValue: string };
    expect(row.userId).toBeNull();
    expect(row.userName).toMatch(/^recovery-key holder via ebr CLI/);
    expect(JSON.parse(row.newValue)).toMatchObject({
      file: 'nightly.ebrbak',
      sha256: manifest.backup.sha256,
      size: manifest.backup.size,
    });
    const human = await ebrCommand([
      'backup',
      '--data-dir',
      fresh.dataDir,
      '--recovery-key-file',
      keyFile,
      '--out',
      join(root, 'second.ebrbak'),
    ]);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/Backup written: .*second\.ebrbak \(\d+ bytes\)\nSHA-256: +[0-9a-f]{64}/);
  });

  it('restores into a new folder that ebr verify-audit passes, with the same data', async () => {
    const targetDir = join(root, 'restored');
    const restored = await ebrCommand([
      'restore',
      '--in',
      backupFile,
      '--data-dir',
      targetDir,
      '--recovery-key-file',
      keyFile,
    ]);
    expect(restored.stderr).toBe('');
    expect(restored.code).toBe(0);
    expect(restored.stdout).toContain(`Restored ${backupFile} into ${targetDir}`);
    expect(restored.stdout).toMatch(/Verified: +SHA-256, integrity check, \d+ audit rows .* 2 signatures/);

    const verify = await ebrCommand([
      'verify-audit',
      '--data-dir',
      targetDir,
      '--recovery-key-file',
      keyFile,
    ]);
    expect(verify.stderr).toBe('');
    expect(verify.code).toBe(0);
    expect(verify.stdout).toMatch(/Audit trail intact: \d+ rows/);
    expect(verify.stdout).toContain('Signatures: 2 valid, 0 invalid');

    const head = manifest.auditHead;
    const pick = (sqlite: Database.Database) => ({
      users: rows(sqlite, 'users'),
      signatures: rows(sqlite, 'signatures'),
      auditReviews: rows(sqlite, 'audit_reviews'),
      auditTrail: rows(sqlite, 'audit_trail', `WHERE seq <= ${head.auditSeq}`),
      checkpoints: rows(sqlite, 'audit_checkpoints', `WHERE seq <= ${head.checkpointSeq}`),
      terminals: rows(sqlite, 'terminals'),
      settings: rows(sqlite, 'settings'),
    });
    const source = pick(fresh.app.runtime!.store.sqlite);
    const copy = withRaw(targetDir, fresh.recoveryKey, pick);
    expect(copy.users).toHaveLength(3);
    expect(copy.signatures).toHaveLength(2);
    expect(copy).toEqual(source);
    const restoredRow = withRaw(targetDir, fresh.recoveryKey, (sqlite) =>
      sqlite
        .prepare("SELECT seq, user_name AS userName FROM audit_trail WHERE action = 'backup.restored'")
        .get(),
    ) as { seq: number; userName: string };
    expect(restoredRow.seq).toBe(head.auditSeq + 1);
    expect(restoredRow.userName).toMatch(/^recovery-key holder via ebr CLI/);
  });

  it('refuses a bit-flipped backup with exit 1 and the reason, and restores nothing', async () => {
    const damaged = join(root, 'damaged.ebrbak');
    const bytes = readFileSync(backupFile);
    const entry = (await indexArchive(backupFile)).find((candidate) => candidate.name === 'ebr.db')!;
    bytes[entry.offset + Math.floor(entry.size / 2)]! ^= 0x01;
    writeFileSync(damaged, bytes);
    writeFileSync(`${damaged}.manifest.json`, readFileSync(`${backupFile}.manifest.json`));
    const targetDir = join(root, 'from-damaged');
    const result = await ebrCommand([
      'restore',
      '--in',
      damaged,
      '--data-dir',
      targetDir,
      '--recovery-key-file',
      keyFile,
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/BACKUP REFUSED \(hash-mismatch\): .*The damaged part: ebr\.db\./);
    expect(result.stderr).toContain('Nothing was restored.');
    expect(existsSync(targetDir)).toBe(false);
    expect(readdirSync(root).filter((name) => name.includes('restoring'))).toEqual([]);
  });

  it('refuses a wrong recovery key and a non-empty target with exit 2, changing nothing', async () => {
    const wrongKeyFile = join(root, 'wrong.key');
    writeFileSync(wrongKeyFile, 'ab'.repeat(32) + '\n', { mode: 0o600 });
    const targetDir = join(root, 'wrong-key-target');
    const wrongKey = await ebrCommand([
      'restore',
      '--in',
      backupFile,
      '--data-dir',
      targetDir,
      '--recovery-key-file',
      wrongKeyFile,
    ]);
    expect(wrongKey.code).toBe(2);
    expect(wrongKey.stderr).toMatch(/STORE_WRONG_KEY: The recovery key does not open/);
    expect(existsSync(targetDir)).toBe(false);

    const before = readdirSync(fresh.dataDir).sort();
    const overLive = await ebrCommand([
      'restore',
      '--in',
      backupFile,
      '--data-dir',
      fresh.dataDir,
      '--recovery-key-file',
      keyFile,
    ]);
    expect(overLive.code).toBe(2);
    expect(overLive.stderr).toMatch(/ALREADY_INITIALIZED: The folder .* is not empty/);
    expect(readdirSync(fresh.dataDir).sort()).toEqual(before);
  });

  it('names a missing --in or --out, and never overwrites a backup', async () => {
    const noIn = await ebrCommand(['restore', '--data-dir', join(root, 'x'), '--recovery-key-file', keyFile]);
    expect(noIn.code).toBe(2);
    expect(noIn.stderr).toContain('Missing --in');
    const noOut = await ebrCommand(['backup', '--data-dir', fresh.dataDir, '--recovery-key-file', keyFile]);
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toContain('Missing --out');
    const original = readFileSync(backupFile);
    const again = await ebrCommand([
      'backup',
      '--data-dir',
      fresh.dataDir,
      '--recovery-key-file',
      keyFile,
      '--out',
      backupFile,
    ]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/CONFLICT: .*nightly\.ebrbak already exists/);
    expect(readFileSync(backupFile).equals(original)).toBe(true);
  });
});
