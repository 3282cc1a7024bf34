import { basename, dirname, join } from 'node:path';
import type { BackupSettingsValue } from '../../../shared/backup-settings';
import type {
  BackupCreatedView,
  BackupSettingsView,
  BackupVerificationView,
} from '../../../shared/contract/backup';
import { EbrError } from '../../../shared/errors';
import type { AuditActor } from '../audit/audit-trail';
import { toUtcIso, type Clock } from '../clock';
import { parseRecoveryKey } from '../keys/recovery-key';
import { checkBackupFolders, type BackupFolderReport } from './backup-folder-check';
import { backupProblemOf, isDamagedBackup } from './backup-refusal';
import { BackupSchedule } from './backup-schedule';
import { BackupSettings } from './backup-settings';
import { createBackup, type BackupResult, type BackupSource } from './create-backup';
import type { BackupTrigger } from './backup-manifest';
import { verifyBackup } from './restore-backup';

export const BACKUP_FILE_EXTENSION = '.ebrbak';

/** `ebr-WS-03-20261102T020000Z.ebrbak`: sorts by time, says where it came from. */
export function backupFileName(terminalName: string, atMs: number): string {
  const terminal = terminalName.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 40) || 'terminal';
  const stamp = new Date(atMs)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
  return `ebr-${terminal}-${stamp}${BACKUP_FILE_EXTENSION}`;
}

export interface BackupRecord {
  atUtc: string;
  file: string;
  folder: string;
  size: number;
  sha256: string;
  trigger: BackupTrigger;
}

export interface BackupServiceDeps {
  source: BackupSource;
  clock: Clock;
  /** A scheduled backup failed: tell someone (the application raises a security alert). */
  onScheduledFailure?(error: unknown): void;
}

/** Manual and scheduled backups of one open store into the configured folder. */
export class BackupService {
  readonly settings: BackupSettings;
  readonly schedule: BackupSchedule;

  constructor(private readonly deps: BackupServiceDeps) {
    const { source, clock } = deps;
    this.settings = new BackupSettings(source.store.db, source.audit, clock);
    this.schedule = new BackupSchedule({
      clock,
      config: () => this.settings.get(),
      lastScheduledBackupMs: () => {
        const last = this.recent(1, 'scheduled')[0];
        return last ? Date.parse(last.atUtc) : null;
      },
      runBackup: (folder) =>
        this.backupInto(
          folder,
          { userId: null, userName: `Scheduled backup on ${source.terminal.name}` },
          'scheduled',
        ),
      onFailure: deps.onScheduledFailure,
    });
  }

  /** A backup now into the configured folder (or `folder`), audited as done by `actor`. */
  backupNow(actor: AuditActor, folder?: string): Promise<BackupResult> {
    const target = folder ?? this.settings.get().folder;
    if (target === null) {
      throw new EbrError(
        'VALIDATION_FAILED',
        'No backup folder is configured. An administrator sets it in Backup settings.',
      );
    }
    return this.backupInto(target, actor, 'manual');
  }

  /**
   * At start: settles what killed backups left in the configured folder and in the folders of
   * unsettled intents (backup-folder-check.ts). Never stops the start: problems are returned.
   */
  async checkFolders(): Promise<BackupFolderReport[]> {
    const { folder } = this.settings.get();
    return checkBackupFolders(this.deps.source, folder === null ? [] : [folder]);
  }

  /** The settings with the next due time, as the Backup screen shows them. */
  settingsView(): BackupSettingsView {
    const nextDueMs = this.schedule.nextDueMs();
    return {
      settings: this.settings.get(),
      nextScheduledUtc: nextDueMs === null ? null : toUtcIso(nextDueMs),
      dueNow: nextDueMs !== null && nextDueMs <= this.deps.clock.now(),
    };
  }

  updateSettings(
    actor: AuditActor & { userId: string },
    next: BackupSettingsValue,
    reason: string,
  ): BackupSettingsView {
    this.settings.update(actor, next, reason);
    return this.settingsView();
  }

  /** A manual backup into the configured folder, described for the screen. */
  async backupNowView(actor: AuditActor): Promise<BackupCreatedView> {
    const { file, manifestFile, manifest } = await this.backupNow(actor);
    return {
      atUtc: manifest.createdAtUtc,
      file: basename(file),
      folder: dirname(file),
      size: manifest.backup.size,
      sha256: manifest.backup.sha256,
      trigger: manifest.trigger,
      path: file,
      manifestPath: manifestFile,
      auditSeq: manifest.auditHead.auditSeq,
    };
  }

  /**
   * Every restore check on a backup file, keeping nothing (the periodic "can it still be restored?"
   * check). A refusal is an answer here, with its reason; the outcome is audited, never the key.
   */
  async verify(actor: AuditActor, file: string, recoveryKeyText: string): Promise<BackupVerificationView> {
    const recoveryKey = parseRecoveryKey(recoveryKeyText);
    let view: BackupVerificationView;
    try {
      const { manifest, audit, signatures } = await verifyBackup({
        backupFile: file,
        recoveryKey,
        clock: this.deps.clock,
      });
      view = {
        verdict: 'verified',
        file,
        createdAtUtc: manifest.createdAtUtc,
        trigger: manifest.trigger,
        terminalName: manifest.terminal.name,
        applicationVersion: manifest.application.version,
        size: manifest.backup.size,
        sha256: manifest.backup.sha256,
        auditRows: audit.rowsChecked,
        checkpoints: audit.checkpointsChecked,
        signaturesValid: signatures.valid,
      };
    } catch (error) {
      const problem = backupProblemOf(error);
      if (problem === null) throw error;
      view = {
        verdict: 'refused',
        file,
        problem,
        damaged: isDamagedBackup(error),
        message: (error as Error).message,
      };
    } finally {
      recoveryKey.fill(0);
    }
    this.deps.source.audit.change(actor, ({ record }) =>
      record({
        action: 'backup.verified',
        entityType: 'backup',
        entityId: basename(file),
        newValue:
          view.verdict === 'verified'
            ? { file, verdict: view.verdict, sha256: view.sha256, auditRows: view.auditRows }
            : { file, verdict: view.verdict, problem: view.problem },
        reason: 'Backup verification requested',
      }),
    );
    return view;
  }

  /** The latest backups, newest first, as the audit trail records them. */
  recent(limit = 20, trigger?: BackupTrigger): BackupRecord[] {
    const rows = this.deps.source.store.sqlite
      .prepare(
        `SELECT at_utc AS atUtc, new_value AS newValue FROM audit_trail
         WHERE action = 'backup.created' ${trigger ? `AND json_extract(new_value, '$.trigger') = ?` : ''}
         ORDER BY seq DESC LIMIT ?`,
      )
      .all(...(trigger ? [trigger, limit] : [limit])) as { atUtc: string; newValue: string }[];
    return rows.map(({ atUtc, newValue }) => {
      const value = JSON.parse(newValue) as Omit<BackupRecord, 'atUtc'>;
      return {
        atUtc,
        file: value.file,
        folder: value.folder,
        size: value.size,
        sha256: value.sha256,
        trigger: value.trigger,
      };
    });
  }

  private backupInto(folder: string, actor: AuditActor, trigger: BackupTrigger): Promise<BackupResult> {
    const { source, clock } = this.deps;
    return createBackup({
      source,
      outFile: join(folder, backupFileName(source.terminal.name, clock.now())),
      actor,
      trigger,
      clock,
    });
  }
}
