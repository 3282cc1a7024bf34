import { eq } from 'drizzle-orm';
import { settings } from '../../../db/schema';
import type { StoreDatabase } from '../../../db/open';
import {
  defaultSecuritySettings,
  securitySettingsSchema,
  type SecuritySettings,
} from '../../../shared/security-settings';
import type { AuditActor, AuditTrail } from '../audit/audit-trail';
import { toUtcIso, type Clock } from '../clock';

const SECURITY_KEY = 'security';

/** Security settings, changed only with a reason and audited with old and new values (A11-10). */
export class SettingsService {
  constructor(
    private readonly db: StoreDatabase,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  security(): SecuritySettings {
    const row = this.db.select().from(settings).where(eq(settings.key, SECURITY_KEY)).get();
    if (!row) return defaultSecuritySettings;
    const parsed = securitySettingsSchema.safeParse(JSON.parse(row.value));
    if (!parsed.success) {
      console.error('ebr: stored security settings are not valid; using the defaults');
      return defaultSecuritySettings;
    }
    return parsed.data;
  }

  updateSecurity(
    actor: AuditActor & { userId: string },
    next: SecuritySettings,
    reason: string,
  ): SecuritySettings {
    const previous = this.security();
    const nowUtc = toUtcIso(this.clock.now());
    this.audit.change(actor, ({ record }) => {
      this.db
        .insert(settings)
        .values({
          key: SECURITY_KEY,
          value: JSON.stringify(next),
          updatedAtUtc: nowUtc,
          updatedByUserId: actor.userId,
        })
        .onConflictDoUpdate({
          target: settings.key,
          set: { value: JSON.stringify(next), updatedAtUtc: nowUtc, updatedByUserId: actor.userId },
        })
        .run();
      record({
        action: 'settings.changed',
        entityType: 'settings',
        entityId: SECURITY_KEY,
        oldValue: previous,
        newValue: next,
        reason,
      });
    });
    return next;
  }
}
