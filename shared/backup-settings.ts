import { z } from 'zod';
import { safeText } from './text/safe-text';

/** `/srv/ebr-backups`, `C:\EBR\Backups`, `\\server\share\ebr`: the platforms' absolute forms. */
const absolutePath = /^(\/|[A-Za-z]:[\\/]|\\\\[^\\]+\\[^\\]+)/;

export function isAbsolutePath(text: string): boolean {
  return absolutePath.test(text);
}

/** Where the daily backup goes and when (local time of the workstation); shared by the form and the core. */
export const backupSettingsSchema = z.strictObject({
  /** Absolute path of the backup folder; null turns the daily backup off. */
  folder: safeText()
    .min(1)
    .max(1024, 'At most 1024 characters.')
    .regex(absolutePath, 'The backup folder must be an absolute path (e.g. /srv/ebr-backups or D:\\Backups).')
    .nullable(),
  timeOfDay: safeText().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use a 24-hour time, HH:MM'),
});

export type BackupSettingsValue = z.infer<typeof backupSettingsSchema>;

export const defaultBackupSettings: BackupSettingsValue = { folder: null, timeOfDay: '02:00' };
