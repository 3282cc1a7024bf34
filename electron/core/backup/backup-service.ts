import { join } from 'node:path';
import { EbrError } from '../../../shared/errors';
import type { AuditActor } from '../audit/audit-trail';
import type { Clock } from '../clock';
import { BackupSchedule } from './backup-schedule';
import { BackupSettings } from './backup-settings';
import { createBackup, type BackupResult, type BackupSource } from './create-backup';
import type { BackupTrigger } from './backup-manifest';

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
