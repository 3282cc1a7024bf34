import { z } from 'zod';
import { safeText } from '../text/safe-text';
import { backupSettingsSchema, isAbsolutePath, type BackupSettingsValue } from '../backup-settings';
import { reasonField } from './inputs';

export type BackupTriggerView = 'manual' | 'scheduled';

/** One backup as the audit trail records it (`backup.created`). */
export interface BackupRecordView {
  atUtc: string;
  /** File name inside `folder`. */
  file: string;
  folder: string;
  size: number;
  sha256: string;
  trigger: BackupTriggerView;
}

/** The settings and what the schedule makes of them now. */
export interface BackupSettingsView {
  settings: BackupSettingsValue;
  /** When the next daily backup is due (UTC); null when no folder is configured. */
  nextScheduledUtc: string | null;
  /** The daily backup is due already (missed, or never made): the schedule runs it at its next check. */
  dueNow: boolean;
}

/** A backup just made: where, how big, and where the audit chain stood in it. */
export interface BackupCreatedView extends BackupRecordView {
  /** Absolute paths of the archive and its manifest. */
  path: string;
  manifestPath: string;
  auditSeq: number;
}

/** `backup.verify`: every restore check passed, or the first one that did not, with its reason. */
export type BackupVerificationView =
  | {
      verdict: 'verified';
      file: string;
      createdAtUtc: string;
      trigger: BackupTriggerView;
      terminalName: string;
      applicationVersion: string;
      size: number;
      sha256: string;
      auditRows: number;
      checkpoints: number;
      signaturesValid: number;
    }
  | {
      verdict: 'refused';
      file: string;
      /** For programs: truncated, hash-mismatch, manifest-signature, wrong-key, … */
      problem: string;
      /** True when the backup itself is damaged or altered (not a wrong key or a missing file). */
      damaged: boolean;
      message: string;
    };

/** 64 hex digits; dashes and spaces between groups allowed (as printed at setup). */
export const recoveryKeyField = safeText()
  .max(200)
  .refine(
    (text) => /^[0-9a-fA-F]{64}$/.test(text.replace(/[\s-]/g, '')),
    'A recovery key is 64 hexadecimal digits (dashes and spaces allowed).',
  );

export const backupFileField = safeText()
  .trim()
  .min(1, 'Enter the path of the backup file.')
  .max(4096, 'At most 4096 characters.')
  .refine(isAbsolutePath, 'Enter the full path of the backup file (e.g. /srv/ebr-backups/….ebrbak).');

export const backupSettingsUpdateInput = z
  .object({ settings: backupSettingsSchema, reason: reasonField })
  .strict();

export const backupVerifyInput = z.object({ file: backupFileField, recoveryKey: recoveryKeyField }).strict();
