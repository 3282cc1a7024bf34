/**
 * Backups through the channels (A11-7.2), as the Backup screen uses them, over a real encrypted
 * store: who may do what, settings changed with a reason, a manual backup audited as the person who
 * asked, the list, verification of a good and of a damaged copy (refused with the reason), and a
 * failed scheduled backup raising a persistent security alert for administrators.
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '../../electron/core/app';
import { indexArchive } from '../../electron/core/backup/backup-archive';
import type {
  BackupCreatedView,
  BackupRecordView,
  BackupSettingsView,
  BackupVerificationView,
} from '../../shared/contract/backup';
import type { SecurityAlert, SessionView } from '../../shared/contract/identity';
import {
  ADMIN_PASSWORD,
  freshApp,
  temporaryFolder,
  TEST_START_MS,
  type FreshApp,
} from '../helpers/fresh-app';
import {
  activeUser,
  auditRowsAfter,
  expectError,
  json,
  lastAuditSeq,
  value,
  type SignedInUser,
} from '../helpers/identity';

const HOUR_MS = 60 * 60 * 1000;
let fresh: FreshApp;
let admin: Connection;
let tess: SignedInUser;
let olga: SignedInUser;
let quinn: SignedInUser;
let folder: string;
let created: BackupCreatedView;

beforeAll(async () => {
  fresh = await freshApp();
  admin = await fresh.admin();
  tess = await activeUser(fresh.app, admin, 'tess', ['technician']);
  olga = await activeUser(fresh.app, admin, 'olga', ['operator']);
  quinn = await activeUser(fresh.app, admin, 'quinn', ['qa']);
  folder = join(temporaryFolder('ebr-backup-channels-'), 'backups');
  mkdirSync(folder);
}, 60_000);
afterAll(async () => fresh?.cleanup());

/** The clock jumps past the inactivity lock: the administrator unlocks as at the workstation. */
async function unlockAdmin(): Promise<void> {
  const session = value<SessionView | null>(await admin.invoke('auth.session', {}));
  if (session?.state === 'locked') value(await admin.invoke('auth.unlock', { password: ADMIN_PASSWORD }));
}

describe('backup channels', () => {
  it('are for technicians and administrators; only settings.manage changes the settings', async () => {
    for (const user of [olga, quinn]) {
      for (const channel of ['backup.settings.get', 'backup.create', 'backup.list'] as const) {
        expectError(await user.connection.invoke(channel, {}), 'FORBIDDEN');
      }
      expectError(
        await user.connection.invoke('backup.verify', {
          file: '/tmp/x.ebrbak',
          recoveryKey: fresh.recoveryKey,
        }),
        'FORBIDDEN',
      );
    }
    expectError(
      await tess.connection.invoke('backup.settings.update', {
        settings: { folder, timeOfDay: '02:00' },
        reason: 'Daily backup',
      }),
      'FORBIDDEN',
    );
    const view = value<BackupSettingsView>(await tess.connection.invoke('backup.settings.get', {}));
    expect(view).toEqual({
      settings: { folder: null, timeOfDay: '02:00' },
      nextScheduledUtc: null,
      dueNow: false,
    });
    expect(value<BackupRecordView[]>(await admin.invoke('backup.list', {}))).toEqual([]);
  });

  it('refuses a backup while no folder is configured, saying who sets it', async () => {
    const error = expectError(await tess.connection.invoke('backup.create', {}), 'VALIDATION_FAILED');
    expect(error.message).toMatch(/No backup folder is configured/);
  });

  it('changes the settings only with a reason and an absolute folder, audited with old and new values', async () => {
    const relative = expectError(
      await admin.invoke('backup.settings.update', {
        settings: { folder: 'backups', timeOfDay: '02:00' },
        reason: 'Daily backup',
      }),
      'VALIDATION_FAILED',
    );
    expect(relative.message).toMatch(/absolute path/);
    expectError(
      await admin.invoke('backup.settings.update', { settings: { folder, timeOfDay: '02:00' }, reason: '' }),
      'VALIDATION_FAILED',
    );
    expectError(
      await admin.invoke('backup.settings.update', {
        settings: { folder, timeOfDay: '24:00' },
        reason: 'Daily backup',
      }),
      'VALIDATION_FAILED',
    );
    const before = lastAuditSeq(fresh.app);
    const view = value<BackupSettingsView>(
      await admin.invoke('backup.settings.update', {
        settings: { folder, timeOfDay: '02:30' },
        reason: 'Daily backup to the QA file server (change control CC-118)',
      }),
    );
    expect(view.settings).toEqual({ folder, timeOfDay: '02:30' });
    // Never backed up: the schedule is due at once (the latest 02:30 local time already passed).
    expect(Date.parse(view.nextScheduledUtc!)).toBeLessThanOrEqual(fresh.clock.now());
    expect(view.dueNow).toBe(true);
    const rows = auditRowsAfter(fresh.app, before);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      action: 'settings.changed',
      entity_type: 'settings',
      entity_id: 'backup',
      user_name: 'Ada Administrator',
      reason: 'Daily backup to the QA file server (change control CC-118)',
    });
    expect(json(rows[0]!.old_value)).toEqual({ folder: null, timeOfDay: '02:00' });
    expect(json(rows[0]!.new_value)).toEqual({ folder, timeOfDay: '02:30' });
  });

  it('backs up now into the folder, audited as the person who asked', async () => {
    fresh.clock.advance(60_000);
    const before = lastAuditSeq(fresh.app);
    created = value<BackupCreatedView>(await tess.connection.invoke('backup.create', {}));
    expect(created).toMatchObject({ folder, trigger: 'manual', path: join(folder, created.file) });
    expect(created.file).toMatch(/^ebr-WS-TEST-01-\d{8}T\d{6}Z\.ebrbak$/);
    expect(readdirSync(folder).sort()).toEqual([created.file, `${created.file}.manifest.json`]);
    const bytes = readFileSync(created.path);
    expect(created.size).toBe(bytes.length);
    expect(created.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(existsSync(created.manifestPath)).toBe(true);
    const rows = auditRowsAfter(fresh.app, before);
    // The intent (committed before the files appear under their names), then the backup itself.
    expect(rows.map((row) => row.action)).toEqual(['backup.intended', 'backup.created']);
    expect(json(rows[0]!.new_value)).toMatchObject({ file: created.file, folder, sha256: created.sha256 });
    expect(rows[1]).toMatchObject({
      user_id: tess.user.id,
      user_name: tess.user.fullName,
      entity_type: 'backup',
      entity_id: created.file,
      reason: 'Backup requested',
    });
    expect(json(rows[1]!.new_value)).toMatchObject({
      file: created.file,
      folder,
      size: created.size,
      sha256: created.sha256,
      trigger: 'manual',
      auditSeq: created.auditSeq,
    });
  });

  it('lists the backup, newest first', async () => {
    fresh.clock.advance(60_000);
    const second = value<BackupCreatedView>(await admin.invoke('backup.create', {}));
    const list = value<BackupRecordView[]>(await tess.connection.invoke('backup.list', {}));
    expect(list.map((record) => record.file)).toEqual([second.file, created.file]);
    expect(list[1]).toEqual({
      atUtc: created.atUtc,
      file: created.file,
      folder,
      size: created.size,
      sha256: created.sha256,
      trigger: 'manual',
    });
  });

  it('verifies a good backup with the recovery key, and refuses a bit-flipped copy naming the reason', async () => {
    const before = lastAuditSeq(fresh.app);
    const good = value<BackupVerificationView>(
      await tess.connection.invoke('backup.verify', { file: created.path, recoveryKey: fresh.recoveryKey }),
    );
    expect(good).toMatchObject({
      verdict: 'verified',
      file: created.path,
      sha256: created.sha256,
      trigger: 'manual',
      terminalName: 'WS-TEST-01',
    });
    expect(good.verdict === 'verified' && good.auditRows).toBeGreaterThan(10);

    const damaged = join(folder, 'bit-flipped.ebrbak');
    cpSync(created.path, damaged);
    cpSync(created.manifestPath, `${damaged}.manifest.json`);
    const entry = (await indexArchive(damaged)).find((candidate) => candidate.name === 'ebr.db')!;
    const bytes = readFileSync(damaged);
    bytes[entry.offset + Math.floor(entry.size / 2)]! ^= 0x10;
    writeFileSync(damaged, bytes);
    const refused = value<BackupVerificationView>(
      await tess.connection.invoke('backup.verify', { file: damaged, recoveryKey: fresh.recoveryKey }),
    );
    expect(refused).toMatchObject({ verdict: 'refused', problem: 'hash-mismatch', damaged: true });
    expect(refused.verdict === 'refused' && refused.message).toMatch(/The damaged part: ebr\.db\./);

    const wrongKey = value<BackupVerificationView>(
      await tess.connection.invoke('backup.verify', { file: created.path, recoveryKey: 'ab'.repeat(32) }),
    );
    expect(wrongKey).toMatchObject({ verdict: 'refused', problem: 'wrong-key', damaged: false });
    const missing = value<BackupVerificationView>(
      await tess.connection.invoke('backup.verify', {
        file: join(folder, 'nothing-here.ebrbak'),
        recoveryKey: fresh.recoveryKey,
      }),
    );
    expect(missing).toMatchObject({ verdict: 'refused', damaged: false });
    expectError(
      await tess.connection.invoke('backup.verify', { file: created.path, recoveryKey: 'not a key' }),
      'VALIDATION_FAILED',
    );
    expectError(
      await tess.connection.invoke('backup.verify', {
        file: 'relative.ebrbak',
        recoveryKey: fresh.recoveryKey,
      }),
      'VALIDATION_FAILED',
    );

    // Each check is audited with its outcome; the recovery key is in no row.
    const rows = auditRowsAfter(fresh.app, before);
    expect(rows.map((row) => [row.action, (json(row.new_value) as { verdict: string }).verdict])).toEqual([
      ['backup.verified', 'verified'],
      ['backup.verified', 'refused'],
      ['backup.verified', 'refused'],
      ['backup.verified', 'refused'],
    ]);
    expect(json(rows[1]!.new_value)).toMatchObject({ problem: 'hash-mismatch' });
    const digits = fresh.recoveryKey.replace(/[\s-]/g, '').toLowerCase();
    for (const row of rows) expect(JSON.stringify(row).toLowerCase()).not.toContain(digits);
  });

  it('raises one persistent security alert for administrators when a scheduled backup fails', async () => {
    const alertsSeen: { kind: string; message: string }[] = [];
    admin.on('security.alert', (alert) => alertsSeen.push(alert));
    const missing = join(folder, '..', 'unmounted-share');
    value(
      await admin.invoke('backup.settings.update', {
        settings: { folder: missing, timeOfDay: '02:00' },
        reason: 'Backups to the new share',
      }),
    );
    // The next day at 02:00 local time (the first scheduled backup is still to be made).
    fresh.clock.set(TEST_START_MS + 20 * HOUR_MS);
    expect(await fresh.app.checkBackupSchedule()).toBe('failed');
    expect(existsSync(missing)).toBe(false);

    await unlockAdmin();
    const open = value<SecurityAlert[]>(await admin.invoke('alerts.list', {}));
    const backupAlerts = open.filter((alert) => alert.kind === 'backup-failed');
    expect(backupAlerts).toHaveLength(1);
    expect(backupAlerts[0]!.message).toMatch(
      /The scheduled backup failed: The backup folder .*unmounted-share does not exist/,
    );
    expect(alertsSeen).toEqual([expect.objectContaining({ kind: 'backup-failed' })]);
    const raised = auditRowsAfter(fresh.app).filter((row) => row.action === 'alert.raised');
    expect(raised.at(-1)).toMatchObject({ user_name: 'Scheduled backup on WS-TEST-01' });
    expect(json(raised.at(-1)!.new_value)).toMatchObject({ kind: 'backup-failed' });

    // Retried after 15 minutes; while the alert is open, a new failure adds no second one.
    fresh.clock.advance(5 * 60_000);
    expect(await fresh.app.checkBackupSchedule()).toBe('waiting-to-retry');
    fresh.clock.advance(10 * 60_000);
    expect(await fresh.app.checkBackupSchedule()).toBe('failed');
    await unlockAdmin();
    const stillOpen = value<SecurityAlert[]>(await admin.invoke('alerts.list', {}));
    expect(stillOpen.filter((alert) => alert.kind === 'backup-failed')).toHaveLength(1);
    expect(alertsSeen).toHaveLength(1);

    // Once the share is back, the next try backs up.
    mkdirSync(missing);
    fresh.clock.advance(15 * 60_000);
    expect(await fresh.app.checkBackupSchedule()).toBe('backed-up');
    await unlockAdmin();
    const newest = value<BackupRecordView[]>(await admin.invoke('backup.list', {}))[0]!;
    expect(newest).toMatchObject({ trigger: 'scheduled' });
    expect(readdirSync(missing)).toContain(newest.file);
    const after = value<BackupSettingsView>(await admin.invoke('backup.settings.get', {}));
    expect(after.dueNow).toBe(false);
    expect(Date.parse(after.nextScheduledUtc!)).toBeGreaterThan(fresh.clock.now());
  });
});
