import { isAbsolute } from 'node:path';
import { eq } from 'drizzle-orm';
import { settings } from '../../../db/schema';
import type { StoreDatabase } from '../../../db/open';
import {
  backupSettingsSchema,
  defaultBackupSettings,
  type BackupSettingsValue,
} from '../../../shared/backup-settings';
import { EbrError } from '../../../shared/errors';
import type { AuditActor, AuditTrail } from '../audit/audit-trail';
import { toUtcIso, type Clock } from '../clock';

const BACKUP_KEY = 'backup';

/** Backup settings: changed only with a reason, audited with old and new values (A11-10). */
export class BackupSettings {
  constructor(
    private readonly db: StoreDatabase,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  get(): BackupSettingsValue {
    const row = this.db.select().from(settings).where(eq(settings.key, BACKUP_KEY)).get();
    if (!row) return defaultBackupSettings;
    const parsed = backupSettingsSchema.safeParse(JSON.parse(row.value));
    return parsed.success ? parsed.data : defaultBackupSettings;
  }

  update(
    actor: AuditActor & { userId: string },
    next: BackupSettingsValue,
    reason: string,
  ): BackupSettingsValue {
    const parsed = backupSettingsSchema.safeParse(next);
    if (!parsed.success) {
      throw new EbrError('VALIDATION_FAILED', parsed.error.issues.map((issue) => issue.message).join('; '));
    }
    if (parsed.data.folder !== null && !isAbsolute(parsed.data.folder)) {
      throw new EbrError(
        'VALIDATION_FAILED',
        `The backup folder must be an absolute path, not "${parsed.data.folder}".`,
      );
    }
    const previous = this.get();
    const value = JSON.stringify(parsed.data);
    const nowUtc = toUtcIso(this.clock.now());
    this.audit.change(actor, ({ record }) => {
      this.db
        .insert(settings)
        .values({ key: BACKUP_KEY, value, updatedAtUtc: nowUtc, updatedByUserId: actor.userId })
        .onConflictDoUpdate({
          target: settings.key,
          set: { value, updatedAtUtc: nowUtc, updatedByUserId: actor.userId },
        })
        .run();
      record({
        action: 'settings.changed',
        entityType: 'settings',
        entityId: BACKUP_KEY,
        oldValue: previous,
        newValue: parsed.data,
        reason,
      });
    });
    return parsed.data;
  }
}
