/**
 * P11-10a / A11-7.1: a data folder replaced WHOLE by an older copy (database, head file,
 * checkpoints and key all older together) is refused, because the signed head is also anchored
 * outside the folder. Real encrypted folders; the CLI runs as a process, as an administrator would.
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type EbrApp } from '../../electron/core/app';
import { profileAnchorDirectory } from '../../electron/core/audit/head-anchor';
import { createBackup } from '../../electron/core/backup/create-backup';
import { manualClock } from '../../electron/core/clock';
import { dataFolderPath } from '../../electron/core/data-folder';
import { writeExportPackage } from '../../electron/core/export/write-package';
import { recoveryKeyProvider } from '../../electron/core/keys/recovery-key';
import { writeRecoveryKeyFile } from '../../electron/cli/recovery-key-file';
import { lastSignedCheckpoint } from '../../electron/core/startup';
import { isolateAnchors } from '../helpers/anchors';
import { exportOptions } from '../helpers/export-fixture';
import { initializedFolder, TEST_START_MS, type InitializedFolder } from '../helpers/fresh-app';
import { snapshotFolder, withRaw } from '../helpers/tamper';
import { ebrEntry } from '../helpers/ebr-command';

const run = promisify(execFile);
/** Each CLI run starts a Node process; on a busy machine that alone takes seconds. */
const CLI_TESTS = { timeout: 300_000 };
const ebr = ebrEntry();

async function ebrCommand(args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run(process.execPath, [ebr, ...args], {
      env: { ...process.env, ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const clock = manualClock(TEST_START_MS);
const actor = { userId: null, userName: 'Rollback test' };

interface Folder extends InitializedFolder {
  root: string;
  keyFile: string;
  args: string[];
}

/** A fresh folder with its own anchor folder and a recovery key file for the CLI. */
async function folder(): Promise<Folder> {
  cleanups.push(isolateAnchors({ empty: true }));
  const initialized = await initializedFolder({ clock });
  const root = join(initialized.dataDir, '..');
  cleanups.push(() => rmSync(root, { recursive: true, force: true }));
  const keyFile = join(root, 'recovery.key');
  writeRecoveryKeyFile(keyFile, initialized.recoveryKey, 'WS-TEST-01', new Date(TEST_START_MS).toISOString());
  return {
    ...initialized,
    root,
    keyFile,
    args: ['--data-dir', initialized.dataDir, '--recovery-key-file', keyFile],
  };
}

async function start(dataDir: string, recoveryKey: string): Promise<EbrApp> {
  const app = await createApp({
    dataDir,
    keyProvider: recoveryKeyProvider(recoveryKey),
    clock,
    sessionCheckIntervalMs: 0,
    backupCheckIntervalMs: 0,
    connectInstruments: false,
  });
  cleanups.push(() => app.close());
  return app;
}

/** `count` audited transactions of one row each through a running app. */
async function work(target: Folder, count: number): Promise<void> {
  const app = await start(target.dataDir, target.recoveryKey);
  expect(app.status).toBe('ready');
  for (let i = 0; i < count; i++) {
    clock.advance(1000);
    app.runtime!.audit.change(actor, ({ record }) =>
      record({ action: 'test.weighed', entityType: 'weighing', entityId: `W-${i}`, newValue: { net: i } }),
    );
  }
  await app.close();
}

const headSeqOf = (target: Folder) =>
  withRaw(target.dataDir, target.recoveryKey, (sqlite) =>
    sqlite.prepare('SELECT max(seq) FROM audit_trail').pluck().get(),
  ) as number;

function copyOf(dataDir: string, to: string): string {
  cpSync(dataDir, to, { recursive: true });
  return to;
}

/** Puts `older` where `dataDir` is, as someone copying a folder back would. */
function replaceFolder(dataDir: string, older: string): void {
  rmSync(dataDir, { recursive: true });
  cpSync(older, dataDir, { recursive: true });
}

describe('a data folder replaced by an older copy', CLI_TESTS, () => {
  it('is refused at start-up naming both positions, and nothing in it is changed', async () => {
    const target = await folder();
    await work(target, 2);
    const older = copyOf(target.dataDir, join(target.root, 'older'));
    const olderSeq = headSeqOf(target);
    await work(target, 3);
    const newerSeq = headSeqOf(target);
    expect(newerSeq).toBe(olderSeq + 3);

    replaceFolder(target.dataDir, older);
    const before = snapshotFolder(target.dataDir);
    const app = await start(target.dataDir, target.recoveryKey);
    expect(app.status).toBe('refused');
    expect(app.runtime).toBeNull();
    expect(app.refusal).toMatchObject({
      code: 'STORE_ROLLED_BACK',
      details: { auditTrailEndsAt: olderSeq, anchorRecordsRow: newerSeq },
    });
    expect(app.refusal!.message).toMatch(
      new RegExp(
        `^The audit trail ends at row ${olderSeq} but this terminal last recorded row ${newerSeq} on 2026-11-02T\\S+ \\(in the file .*\\.json\\): the data folder was replaced by an older copy\\.`,
      ),
    );
    await app.close();
    expect(snapshotFolder(target.dataDir)).toEqual(before);

    const info = await ebrCommand(['info', ...target.args]);
    expect(info.code).toBe(1);
    expect(info.stderr).toContain(
      `ROLLED BACK: The audit trail ends at row ${olderSeq} but this terminal last recorded row ${newerSeq}`,
    );
    const infoJson = JSON.parse((await ebrCommand(['info', ...target.args, '--json'])).stdout);
    expect(infoJson.rolledBack).toBe(true);

    const verify = await ebrCommand(['verify-audit', ...target.args]);
    expect(verify.code).toBe(1);
    // The older chain is intact in itself: only the anchor shows it is not the latest.
    expect(verify.stdout).toContain('Audit trail intact');
    expect(verify.stderr).toContain(`ROLLED BACK: The audit trail ends at row ${olderSeq} but this terminal`);
    // A rollback is not a missing copy: accepting one does not override it, and writes nothing.
    const accept = await ebrCommand([
      'verify-audit',
      ...target.args,
      '--accept-missing-head',
      '--reason',
      'Trying to accept the old copy',
    ]);
    expect(accept.code).toBe(1);
    expect(snapshotFolder(target.dataDir)).toEqual(before);
  });

  it('an older copy that was then written to (the chain went another way) is refused too', async () => {
    const target = await folder();
    await work(target, 1);
    const older = copyOf(target.dataDir, join(target.root, 'older'));
    const anchoredAtOlder = join(target.root, 'anchors-then');
    cpSync(profileAnchorDirectory(), anchoredAtOlder, { recursive: true });
    await work(target, 1);
    const newerSeq = headSeqOf(target);
    const newerAnchors = join(target.root, 'anchors-now');
    cpSync(profileAnchorDirectory(), newerAnchors, { recursive: true });
    // The old copy is opened where its anchor still matched it, and written to past the newer head.
    replaceFolder(target.dataDir, older);
    rmSync(profileAnchorDirectory(), { recursive: true });
    cpSync(anchoredAtOlder, profileAnchorDirectory(), { recursive: true });
    await work(target, 3);
    expect(headSeqOf(target)).toBeGreaterThan(newerSeq);
    rmSync(profileAnchorDirectory(), { recursive: true });
    cpSync(newerAnchors, profileAnchorDirectory(), { recursive: true });

    const app = await start(target.dataDir, target.recoveryKey);
    expect(app.refusal).toMatchObject({ code: 'STORE_ROLLED_BACK' });
    expect(app.refusal!.message).toContain(
      `Audit row ${newerSeq} differs from the one this terminal recorded on`,
    );
  });
});

describe('a missing head file or anchor', CLI_TESTS, () => {
  it('head file deleted: verify-audit exits 1 naming it, 0 once accepted with a reason (audited)', async () => {
    const target = await folder();
    await work(target, 2);
    rmSync(dataFolderPath(target.dataDir, 'auditHead'));
    const verify = await ebrCommand(['verify-audit', ...target.args]);
    expect(verify.code).toBe(1);
    expect(verify.stderr).toContain(
      `MISSING HEAD: The audit head file ${dataFolderPath(target.dataDir, 'auditHead')} is missing`,
    );
    expect(verify.stderr).toContain('--accept-missing-head');
    const info = await ebrCommand(['info', ...target.args]);
    expect(info.code).toBe(0);
    expect(info.stdout).toContain('Head file:     The audit head file');

    const withoutReason = await ebrCommand(['verify-audit', ...target.args, '--accept-missing-head']);
    expect(withoutReason.code).toBe(2);
    expect(withoutReason.stderr).toContain('--reason');
    expect(existsSync(dataFolderPath(target.dataDir, 'auditHead'))).toBe(false);

    const seqBefore = headSeqOf(target);
    const accepted = await ebrCommand([
      'verify-audit',
      ...target.args,
      '--accept-missing-head',
      '--reason',
      'Head file deleted by the disk clean-up; QA deviation DEV-2026-117',
    ]);
    expect(accepted.stderr).toBe('');
    expect(accepted.code).toBe(0);
    expect(accepted.stdout).toContain(`Accepted the database's own signed head (row ${seqBefore})`);
    const row = withRaw(target.dataDir, target.recoveryKey, (sqlite) =>
      sqlite
        .prepare(
          "SELECT seq, user_id AS userId, user_name AS userName, new_value AS newValue, reason FROM audit_trail WHERE action = 'audit.missing-head-accepted'",
        )
        .get(),
    ) as { seq: number; userId: string | null; userName: string; newValue: string; reason: string };
    expect(row).toMatchObject({
      seq: seqBefore + 1,
      userId: null,
      userName: expect.stringMatching(/^recovery-key holder via ebr CLI/),
      reason: 'Head file deleted by the disk clean-up; QA deviation DEV-2026-117',
    });
    expect(JSON.parse(row.newValue)).toMatchObject({
      acceptedHeadSeq: seqBefore,
      missing: [`the head file ${dataFolderPath(target.dataDir, 'auditHead')}`],
    });
    expect(existsSync(dataFolderPath(target.dataDir, 'auditHead'))).toBe(true);
    const again = await ebrCommand(['verify-audit', ...target.args]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`is not behind the anchor outside the folder (row ${seqBefore + 1}`);
  });

  it('anchor deleted: verify-audit exits 1; the app starts, recreates it and raises a security alert', async () => {
    const target = await folder();
    await work(target, 1);
    rmSync(profileAnchorDirectory(), { recursive: true });
    const verify = await ebrCommand(['verify-audit', ...target.args]);
    expect(verify.code).toBe(1);
    expect(verify.stderr).toContain('MISSING HEAD: No anchor outside the data folder (looked in the file');

    const app = await start(target.dataDir, target.recoveryKey);
    expect(app.status).toBe('ready');
    expect(app.runtime!.startupChecks).toContainEqual(
      expect.objectContaining({
        name: 'Audit anchor',
        ok: false,
        message: expect.stringContaining('recreated'),
      }),
    );
    const alerts = app
      .runtime!.store.sqlite.prepare(
        "SELECT message FROM security_alerts WHERE message LIKE 'Audit anchor:%'",
      )
      .pluck()
      .all();
    expect(alerts).toHaveLength(1);
    expect(readdirSync(profileAnchorDirectory())).toHaveLength(1);
    await app.close();
    expect((await ebrCommand(['verify-audit', ...target.args])).code).toBe(0);
  });

  it('an anchor edited to an earlier row no longer verifies: reported, never trusted', async () => {
    const target = await folder();
    await work(target, 2);
    const [file] = readdirSync(profileAnchorDirectory());
    const path = join(profileAnchorDirectory(), file!);
    const anchor = JSON.parse(readFileSync(path, 'utf8'));
    anchor.head.auditSeq = 1;
    writeFileSync(path, JSON.stringify(anchor));
    const verify = await ebrCommand(['verify-audit', ...target.args]);
    expect(verify.code).toBe(1);
    expect(verify.stderr).toContain('cannot be used: it is not signed by a terminal of this database');
  });
});

describe('ebr verify-audit --against', CLI_TESTS, () => {
  it('a newer backup, or a newer export package, catches an older database naming both positions', async () => {
    const target = await folder();
    await work(target, 1);
    const older = copyOf(target.dataDir, join(target.root, 'older'));
    const olderAnchors = join(target.root, 'anchors-then');
    cpSync(profileAnchorDirectory(), olderAnchors, { recursive: true });
    await work(target, 2);

    const app = await start(target.dataDir, target.recoveryKey);
    const runtime = app.runtime!;
    const backup = await createBackup({
      source: runtime,
      outFile: join(target.root, 'newer.ebrbak'),
      actor,
      trigger: 'manual',
      clock,
    });
    const head = lastSignedCheckpoint(runtime.store.sqlite)!;
    const exported = await writeExportPackage(
      exportOptions(
        { id: runtime.terminal.id, ...runtime.terminal.key },
        mkdtempSync(join(target.root, 'exports-')),
        { chainHead: head },
      ),
    );
    await app.close();

    // The current folder is not behind either.
    const current = await ebrCommand(['verify-audit', ...target.args, '--against', backup.file]);
    expect(current.code).toBe(0);
    expect(current.stdout).toContain(`Not behind the backup ${backup.file}`);

    // The older copy is put back together with the anchor as it was then: only --against sees it.
    replaceFolder(target.dataDir, older);
    const env = { EBR_ANCHOR_DIR: olderAnchors };
    const olderSeq = headSeqOf(target);
    expect((await ebrCommand(['verify-audit', ...target.args], env)).code).toBe(0);
    const againstBackup = await ebrCommand(['verify-audit', ...target.args, '--against', backup.file], env);
    expect(againstBackup.code).toBe(1);
    expect(againstBackup.stderr).toContain(
      `BEHIND BACKUP: The audit trail ends at row ${olderSeq} but the backup ${backup.file} recorded row ${backup.manifest.auditHead.auditSeq} on`,
    );
    const againstManifest = await ebrCommand(
      ['verify-audit', ...target.args, '--against', backup.manifestFile],
      env,
    );
    expect(againstManifest.code).toBe(1);
    const againstExport = await ebrCommand(
      ['verify-audit', ...target.args, '--against', exported.directory],
      env,
    );
    expect(againstExport.code).toBe(1);
    expect(againstExport.stderr).toContain(
      `BEHIND EXPORT PACKAGE: The audit trail ends at row ${olderSeq} but the export package ${exported.directory} recorded row ${head.auditSeq}`,
    );
    const nothing = await ebrCommand(
      ['verify-audit', ...target.args, '--against', join(target.root, 'none')],
      env,
    );
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toContain('no such backup or export package');
  });
});

describe('restore into a new folder', CLI_TESTS, () => {
  it('is a new folder with its own anchor; the original folder stays guarded by its anchor', async () => {
    const target = await folder();
    await work(target, 1);
    const app = await start(target.dataDir, target.recoveryKey);
    const backup = await createBackup({
      source: app.runtime!,
      outFile: join(target.root, 'b.ebrbak'),
      actor,
      trigger: 'manual',
      clock,
    });
    await app.close();
    const older = copyOf(target.dataDir, join(target.root, 'older'));
    await work(target, 2);

    const restoredDir = join(target.root, 'restored');
    const restore = await ebrCommand([
      'restore',
      '--in',
      backup.file,
      '--data-dir',
      restoredDir,
      '--recovery-key-file',
      target.keyFile,
    ]);
    expect(restore.stderr).toBe('');
    expect(restore.code).toBe(0);
    const restored = await start(restoredDir, target.recoveryKey);
    expect(restored.status).toBe('ready');
    expect(restored.runtime!.startupChecks.every((check) => check.ok)).toBe(true);
    await restored.close();
    expect(readdirSync(profileAnchorDirectory())).toHaveLength(2);

    // Restoring did not lower the original's anchor: its older copy is still a rollback there.
    replaceFolder(target.dataDir, older);
    const original = await start(target.dataDir, target.recoveryKey);
    expect(original.refusal?.code).toBe('STORE_ROLLED_BACK');
  });
});
