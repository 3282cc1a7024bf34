import { applicationVersion } from './app-version';
import { AuditQuery } from './audit/audit-query';
import { AuditEntityNames } from './audit/audit-entity-names';
import { AuditReviews } from './audit/audit-reviews';
import { BackupService } from './backup/backup-service';
import { BatchService } from './batches/batch-service';
import { InstrumentRegistry } from './instruments/instrument-registry';
import { DeviceHub } from './instruments/device-hub';
import { InstrumentCapture } from './instruments/instrument-capture';
import type { Transport } from './devices/transport';
import type { InstrumentView } from '../../shared/contract/instruments';
import { rolesGrant, type Permission } from '../../shared/permissions';
import { BatchReview } from './review/batch-review';
import { EquipmentRegister } from './equipment/equipment-register';
import { BatchWorldProvider } from './materials/batch-world';
import { Genealogy } from './materials/genealogy';
import { MaterialRegister } from './materials/material-register';
import type { Clock } from './clock';
import type { ConnectionHub } from './connections';
import { AlertsService } from './identity/alerts-service';
import { AuthService } from './identity/auth-service';
import { PasswordChanger } from './identity/password-changer';
import type { SessionRecord, SessionRegistry } from './identity/sessions';
import { TerminalsService } from './identity/terminals-service';
import { UserRecords, type UserRecord } from './identity/user-records';
import { UsersService } from './identity/users-service';
import { QualificationStandings } from './qualification/qualification-standings';
import { StepQualifications } from './qualification/step-qualifications';
import { TrainingRegister } from './qualification/training-register';
import { RecipeVersions } from './recipes/recipe-versions';
import { RecordsService } from './records/records-service';
import { SettingsService } from './settings/settings-service';
import { SignatureService } from './signatures/signature-service';
import { createSignedRecords } from './signed-record-readers';
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
  auditEntityNames: AuditEntityNames;
  auditReviews: AuditReviews;
  recipes: RecipeVersions;
  batches: BatchService;
  records: RecordsService;
  instruments: InstrumentRegistry;
  devices: DeviceHub;
  captures: InstrumentCapture;
  backups: BackupService;
  review: BatchReview;
  materials: MaterialRegister;
  equipment: EquipmentRegister;
  genealogy: Genealogy;
  standings: QualificationStandings;
  training: TrainingRegister;
}

export interface ServiceOptions {
  /** Instead of the serial port (tests: the serialport mock binding). */
  deviceTransport?: (instrument: InstrumentView) => Transport;
}

export function createServices(
  runtime: Runtime,
  clock: Clock,
  hub: ConnectionHub,
  sessions: SessionRegistry,
  options: ServiceOptions = {},
): Services {
  const { store, audit, terminal } = runtime;
  const settings = new SettingsService(store.db, audit, clock);
  const users = new UserRecords(store.sqlite);
  /**
   * Whether a window's user may receive an event, by the account as it is now: a role change
   * reaches a window before its next call does.
   */
  const connectionWhere =
    (admits: (user: UserRecord, session: SessionRecord) => boolean) => (connectionId: string) => {
      const session = sessions.get(connectionId);
      const user = session ? users.find(session.userId) : null;
      return !!user && !!session && admits(user, session);
    };
  const isAdministratorConnection = connectionWhere(
    (user) => user.status === 'active' && !user.lockedAtUtc && user.roles.includes('administrator'),
  );
  /** Signed-in, unlocked windows whose roles grant `permission`. */
  const activeWindowsWith = (permission: Permission) =>
    connectionWhere((user, session) => session.state === 'active' && rolesGrant(user.roles, permission));
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
  const standings = new QualificationStandings(store.sqlite);
  const signatures = new SignatureService({
    standings,
    sqlite: store.sqlite,
    users,
    auth,
    terminal,
    clock,
    records,
    trustedPublicKeys: () => runtime.trustedPublicKeys(),
  });
  const auditQuery = new AuditQuery(store.sqlite);
  // The drivers follow the register: a change reconnects (in the background; failures show as state).
  let onInstrumentsChanged = () => {};
  const instruments = new InstrumentRegistry({
    sqlite: store.sqlite,
    audit,
    clock,
    onChange: () => onInstrumentsChanged(),
  });
  const backups = new BackupService({
    source: runtime,
    clock,
    onScheduledFailure: (error) => {
      try {
        raiseBackupFailedAlert(runtime, alerts, error);
      } catch (alertError) {
        // The store closed under a running backup: nothing left to record it in.
        console.error('ebr: a scheduled backup failed and its alert could not be raised:', error, alertError);
      }
    },
  });
  /** Instrument events go to signed-in windows whose roles may read instruments. */
  const mayReadInstruments = activeWindowsWith('instruments.read');
  const devices = new DeviceHub({
    registry: instruments,
    terminalId: terminal.id,
    clock,
    publish: (event, payload) => hub.sendWhere(mayReadInstruments, event, payload as never),
    ...(options.deviceTransport && { transportFor: options.deviceTransport }),
  });
  const captures = new InstrumentCapture({
    sqlite: store.sqlite,
    audit,
    clock,
    registry: instruments,
    devices,
  });
  onInstrumentsChanged = () => {
    devices
      .refresh()
      .catch((error: unknown) => console.error('ebr: instruments could not be reconnected:', error));
  };
  const materials = new MaterialRegister({ sqlite: store.sqlite, audit, signatures, clock });
  const equipment = new EquipmentRegister({
    sqlite: store.sqlite,
    audit,
    signatures,
    clock,
    terminalName: terminal.name,
    applicationVersion,
  });
  const mayReadBatches = activeWindowsWith('batches.read');
  const publishBatchChanged = (batchId: string) => {
    const row = store.sqlite
      .prepare('SELECT batch_number AS batchNumber, status FROM batches WHERE id = ?')
      .get(batchId) as { batchNumber: string; status: string } | undefined;
    if (row) hub.sendWhere(mayReadBatches, 'batch.changed', { batchId, ...row });
  };
  const batches = new BatchService({
    onChanged: publishBatchChanged,
    sqlite: store.sqlite,
    audit,
    signatures,
    users,
    clock,
    terminalId: terminal.id,
    captures: { resolve: (batchId, stepId, input) => captures.resolve(batchId, stepId, input) },
    world: new BatchWorldProvider({ sqlite: store.sqlite, materials, equipment }),
    qualifications: new StepQualifications(store.sqlite, standings),
  });
  const review = new BatchReview({
    sqlite: store.sqlite,
    audit,
    signatures,
    views: batches.views,
    clock,
    onChanged: publishBatchChanged,
    onDecidedWithin: (record, batchId, decision, signatureId, signerName, comment) =>
      materials.decideOutputLotWithin(record, batchId, decision, signatureId, signerName, comment),
  });
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
    auditEntityNames: new AuditEntityNames(store.sqlite),
    auditReviews: new AuditReviews({ sqlite: store.sqlite, audit, signatures, query: auditQuery, clock }),
    recipes: new RecipeVersions({ sqlite: store.sqlite, audit, signatures, clock, standings }),
    instruments,
    devices,
    captures,
    backups,
    batches,
    review,
    materials,
    equipment,
    genealogy: new Genealogy(store.sqlite, clock),
    standings,
    training: new TrainingRegister({
      sqlite: store.sqlite,
      audit,
      signatures,
      users,
      standings,
      clock,
      terminalName: terminal.name,
      applicationVersion,
    }),
    records: new RecordsService({
      sqlite: store.sqlite,
      views: batches.views,
      signatures,
      review,
      audit,
      clock,
      terminal,
      applicationVersion,
    }),
  };
}

/**
 * A scheduled backup that failed is a persistent security alert for administrators (A11-7.2). It
 * is retried every 15 minutes: while an alert about it is still open, a new failure adds none.
 */
function raiseBackupFailedAlert(runtime: Runtime, alerts: AlertsService, error: unknown): void {
  if (alerts.list(false).some((open) => open.kind === 'backup-failed')) return;
  const text = error instanceof Error ? error.message : String(error);
  const reason = /[.!?]$/.test(text) ? text : `${text}.`;
  const alert = runtime.audit.change(
    { userId: null, userName: `Scheduled backup on ${runtime.terminal.name}` },
    ({ record }) =>
      alerts.raiseWithin(record, {
        kind: 'backup-failed',
        message: `The scheduled backup failed: ${reason} It is tried again every 15 minutes; check the backup folder on the Backup screen.`,
      }),
  );
  alerts.publish(alert);
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
