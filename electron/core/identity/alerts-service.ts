import { randomUUID } from 'node:crypto';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { StoreDatabase } from '../../../db/open';
import { securityAlerts } from '../../../db/schema';
import type { SecurityAlert, SecurityAlertKind } from '../../../shared/contract/identity';
import { EbrError } from '../../../shared/errors';
import type { AuditActor, AuditRecorder, AuditTrail } from '../audit/audit-trail';
import { toUtcIso, type Clock } from '../clock';

export interface NewAlert {
  kind: SecurityAlertKind;
  message: string;
  subjectUserId?: string | null;
  subjectUsername?: string | null;
}

/** Persistent security alerts that administrators must acknowledge (P11-300d). */
export class AlertsService {
  constructor(
    private readonly db: StoreDatabase,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
    /** Tells every open administrator session at once. */
    private readonly announce: (alert: SecurityAlert) => void,
  ) {}

  /** Inside the caller's audited transaction; call `announce` with the result after commit. */
  raiseWithin(record: AuditRecorder['record'], alert: NewAlert): SecurityAlert {
    const row = {
      id: randomUUID(),
      kind: alert.kind,
      message: alert.message,
      subjectUserId: alert.subjectUserId ?? null,
      subjectUsername: alert.subjectUsername ?? null,
      raisedAtUtc: toUtcIso(this.clock.now()),
    };
    this.db.insert(securityAlerts).values(row).run();
    record({
      action: 'alert.raised',
      entityType: 'security-alert',
      entityId: row.id,
      newValue: { kind: row.kind, message: row.message, subjectUsername: row.subjectUsername },
    });
    return { ...row, acknowledgedByName: null, acknowledgedAtUtc: null, acknowledgementComment: null };
  }

  publish(alert: SecurityAlert): void {
    this.announce(alert);
  }

  list(includeAcknowledged: boolean): SecurityAlert[] {
    const query = this.db.select().from(securityAlerts);
    const rows = (includeAcknowledged ? query : query.where(isNull(securityAlerts.acknowledgedAtUtc)))
      .orderBy(sql`${securityAlerts.acknowledgedAtUtc} IS NOT NULL`, desc(securityAlerts.raisedAtUtc))
      .all();
    return rows.map(({ acknowledgedByUserId: _ignored, ...alert }) => alert as SecurityAlert);
  }

  unacknowledgedCount(): number {
    return (
      this.db
        .select({ count: sql<number>`count(*)` })
        .from(securityAlerts)
        .where(isNull(securityAlerts.acknowledgedAtUtc))
        .get()?.count ?? 0
    );
  }

  acknowledge(
    actor: AuditActor & { userId: string; userName: string },
    alertId: string,
    comment: string,
  ): SecurityAlert {
    const alert = this.db.select().from(securityAlerts).where(eq(securityAlerts.id, alertId)).get();
    if (!alert) throw new EbrError('NOT_FOUND', 'There is no such security alert.');
    if (alert.acknowledgedAtUtc)
      throw new EbrError('CONFLICT', `This alert was already acknowledged by ${alert.acknowledgedByName}.`);
    const acknowledgedAtUtc = toUtcIso(this.clock.now());
    this.audit.change(actor, ({ record }) => {
      this.db
        .update(securityAlerts)
        .set({
          acknowledgedByUserId: actor.userId,
          acknowledgedByName: actor.userName,
          acknowledgedAtUtc,
          acknowledgementComment: comment,
        })
        .where(and(eq(securityAlerts.id, alertId), isNull(securityAlerts.acknowledgedAtUtc)))
        .run();
      record({
        action: 'alert.acknowledged',
        entityType: 'security-alert',
        entityId: alertId,
        oldValue: { acknowledged: false },
        newValue: { acknowledged: true, kind: alert.kind },
        reason: comment,
      });
    });
    return this.list(true).find((candidate) => candidate.id === alertId)!;
  }
}
