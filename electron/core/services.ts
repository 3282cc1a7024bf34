import { AuditQuery } from './audit/audit-query';
import { AuditReviews } from './audit/audit-reviews';
import { BatchService } from './batches/batch-service';
import { InstrumentRegistry } from './instruments/instrument-registry';
import type { Clock } from './clock';
import type { ConnectionHub } from './connections';
import { AlertsService } from './identity/alerts-service';
import { AuthService } from './identity/auth-service';
import { PasswordChanger } from './identity/password-changer';
import type { SessionRegistry } from './identity/sessions';
import { TerminalsService } from './identity/terminals-service';
import { UserRecords } from './identity/user-records';
import { UsersService } from './identity/users-service';
import { RecipeVersions } from './recipes/recipe-versions';
import { SettingsService } from './settings/settings-service';
import { SignatureService } from './signatures/signature-service';
import { createSignedRecords } from './signatures/signed-records';
import type { Runtime } from './startup';
import { decoyPasswordHash } from './users/password-hash';

/** The domain services of a ready store, wired once. */
export interface Services {
  runtime: Runtime;
  settings: SettingsService;
  users: UserRecords;
  usersAdmin: UsersService;
  auth: AuthService;
  alerts: AlertsService;
  terminals: TerminalsService;
  signatures: SignatureService;
  auditQuery: AuditQuery;
  auditReviews: AuditReviews;
  recipes: RecipeVersions;
  batches: BatchService;
  instruments: InstrumentRegistry;
}

export function createServices(
  runtime: Runtime,
  clock: Clock,
  hub: ConnectionHub,
  sessions: SessionRegistry,
): Services {
  const { store, audit, terminal } = runtime;
  const settings = new SettingsService(store.db, audit, clock);
  const users = new UserRecords(store.sqlite);
  /** By the account as it is now: a role change reaches a window before its next call does. */
  const isAdministratorConnection = (connectionId: string) => {
    const session = sessions.get(connectionId);
    const user = session ? users.find(session.userId) : null;
    return !!user && user.status === 'active' && !user.lockedAtUtc && user.roles.includes('administrator');
  };
  const alerts = new AlertsService(store.db, audit, clock, (alert) =>
    hub.sendWhere(isAdministratorConnection, 'security.alert', {
      kind: alert.kind,
      message: alert.message,
      atUtc: alert.raisedAtUtc,
    }),
  );
  // Made now, so the first unknown username at sign-in takes no longer than the others.
  void decoyPasswordHash();
  const passwords = new PasswordChanger({ sqlite: store.sqlite, settings, audit, clock });
  const auth = new AuthService({
    sqlite: store.sqlite,
    users,
    settings,
    alerts,
    audit,
    sessions,
    clock,
    terminalId: terminal.id,
    passwords,
    notifySession: (connectionId, state, reason) =>
      hub.send(connectionId, 'session.changed', { state, reason }),
  });
  const records = createSignedRecords(store.sqlite);
  const signatures = new SignatureService({
    sqlite: store.sqlite,
    users,
    auth,
    terminal,
    clock,
    records,
    trustedPublicKeys: () => runtime.trustedPublicKeys(),
  });
  const auditQuery = new AuditQuery(store.sqlite);
  return {
    runtime,
    settings,
    users,
    usersAdmin: new UsersService({ sqlite: store.sqlite, users, settings, passwords, audit, clock }),
    auth,
    alerts,
    terminals: new TerminalsService(store.sqlite, audit, clock, terminal.id),
    signatures,
    auditQuery,
    auditReviews: new AuditReviews({ sqlite: store.sqlite, audit, signatures, query: auditQuery, clock }),
    recipes: new RecipeVersions({ sqlite: store.sqlite, audit, signatures, clock }),
    instruments: new InstrumentRegistry({ sqlite: store.sqlite, audit, clock }),
    batches: new BatchService({
      sqlite: store.sqlite,
      audit,
      signatures,
      users,
      clock,
      terminalId: terminal.id,
    }),
  };
}

/** Start-up findings that someone must look at become persistent security alerts (audited). */
export function raiseStartupAlerts(services: Services): void {
  for (const check of services.runtime.startupChecks.filter((candidate) => !candidate.ok)) {
    const alert = services.runtime.audit.change({ userId: null, userName: null }, ({ record }) =>
      services.alerts.raiseWithin(record, {
        kind: 'audit-head-recreated',
        message: `${check.name}: ${check.message}`,
      }),
    );
    services.alerts.publish(alert);
  }
}
