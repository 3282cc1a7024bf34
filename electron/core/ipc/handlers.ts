import { EbrError } from '../../../shared/errors';
import { exportAuditCsv, exportAuditPdf, type ExportContext } from '../audit/audit-export';
import { verifyAuditTrailInSteps } from '../audit/verifier';
import { applicationVersion } from '../app-version';
import { listSerialPorts, type ListPortsOptions } from '../devices/list-ports';
import { recentExports } from '../records/recent-exports';
import type { RecordRequester } from '../records/records-service';
import { terminalLanguage } from '../terminal/terminal-language';
import { toUtcIso, type Clock } from '../clock';
import type { ConnectionHub } from '../connections';
import type { SessionRegistry } from '../identity/sessions';
import type { Administrator } from '../identity/users-service';
import type { Services } from '../services';
import { systemHealth, systemInfo, type SystemServiceDeps } from '../system/system-service';
import type { AppSetup } from '../setup/app-setup';
import type { CallContext, ChannelHandlers } from './dispatch';

export interface HandlerDeps {
  services(): Services | null;
  systemDeps(): SystemServiceDeps;
  setup: AppSetup;
  sessions: SessionRegistry;
  hub: ConnectionHub;
  clock: Clock;
  /** How `instruments.ports` lists ports; the system's own way unless a test says otherwise. */
  portListing?: ListPortsOptions;
}

/** The person acting, as audit rows and signatures name them. */
function actor(call: CallContext): Administrator & { userId: string } {
  if (!call.session) throw new EbrError('UNAUTHENTICATED', 'Sign in first.');
  return { userId: call.session.userId, userName: call.session.fullName };
}

/** The person asking for a record or an export, as records and manifests name them. */
function requester(call: CallContext): RecordRequester & { userId: string } {
  if (!call.session) throw new EbrError('UNAUTHENTICATED', 'Sign in first.');
  return {
    userId: call.session.userId,
    username: call.session.username,
    fullName: call.session.fullName,
    // Records are generated in the language of the person who asks for them.
    language: call.session.language ?? terminalLanguage(),
  };
}

function exportContext(services: Services, call: CallContext, clock: Clock): ExportContext {
  return {
    terminalName: services.runtime.terminal.name,
    exportedBy: call.session?.fullName ?? 'unknown',
    exportedAtUtc: toUtcIso(clock.now()),
    applicationVersion,
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
  };
}

/** Channel → service call. Handlers stay one line where they can: rules live in the services. */
export function createHandlers(deps: HandlerDeps): ChannelHandlers {
  const ready = (): Services => {
    const services = deps.services();
    if (services) return services;
    const refusal = deps.systemDeps().refusal;
    throw new EbrError(
      'STORE_UNAVAILABLE',
      refusal ? `The store is not open: ${refusal.message}` : 'This workstation is not set up yet.',
    );
  };

  return {
    'system.info': () => systemInfo(deps.systemDeps()),
    'system.health': () => systemHealth(deps.systemDeps()),
    'audit.verify': (_input, call) => {
      const { runtime } = ready();
      return verifyAuditTrailInSteps({
        sqlite: runtime.store.sqlite,
        trustedPublicKeys: runtime.trustedPublicKeys(),
        headMirror: runtime.headMirror(),
        onProgress: (checked, total) =>
          deps.hub.send(call.connectionId, 'audit.verify-progress', { checked, total }),
      });
    },

    'audit.query': (input) => {
      const page = ready().auditQuery.page(input.filter, input.beforeSeq, input.pageSize);
      return { ...page, ...ready().auditEntityNames.of(page.rows) };
    },
    'audit.people': () => ready().auditQuery.people(),
    'audit.exportCsv': (input, call) =>
      exportAuditCsv(ready().auditQuery, input.filter, exportContext(ready(), call, deps.clock)),
    'audit.exportPdf': (input, call) =>
      exportAuditPdf(ready().auditQuery, input.filter, exportContext(ready(), call, deps.clock)),
    'audit.reviews.list': () => ready().auditReviews.list(),
    'audit.reviews.create': (input, call) =>
      ready().auditReviews.create(call.session!, input.filter, input.comment, input.credentials),
    'audit.reviews.cosign': (input, call) =>
      ready().auditReviews.cosign(call.session!, input.reviewId, input.credentials),

    'recipes.list': () => ready().recipes.list(),
    'recipes.get': (input) => ready().recipes.get(input.versionId),
    'recipes.import': (input, call) =>
      ready().recipes.import(actor(call), input.fileName, Buffer.from(input.base64, 'base64')),
    'recipes.submit': (input, call) => ready().recipes.submit(actor(call), input.versionId, input.reason),
    'recipes.approve': (input, call) =>
      ready().recipes.approve(call.session!, input.versionId, input.credentials, input.comment),
    'recipes.reject': (input, call) =>
      ready().recipes.reject(call.session!, input.versionId, input.credentials, input.reason),
    'recipes.makeEffective': (input, call) =>
      ready().recipes.makeEffective(actor(call), input.versionId, input.effectiveFromUtc, input.reason),
    'recipes.retire': (input, call) => ready().recipes.retire(actor(call), input.versionId, input.reason),
    'batches.list': (input) => ready().batches.list(input.statuses),
    'batches.get': (input) => ready().batches.get(input.batchId),
    'batches.create': (input, call) => ready().batches.create(call.session!, input),
    'batches.start': (input, call) => ready().batches.start(call.session!, input.batchId),
    'batches.hold': (input, call) => ready().batches.hold(call.session!, input.batchId, input.reason),
    'batches.resume': (input, call) => ready().batches.resume(call.session!, input.batchId),
    'batches.abort': (input, call) =>
      ready().batches.abort(call.session!, input.batchId, input.reason, input.credentials),
    'batches.startStep': (input, call) =>
      ready().batches.startStep(call.session!, input.batchId, input.stepId),
    'batches.releaseStep': (input, call) =>
      ready().batches.releaseStep(call.session!, input.batchId, input.stepId, input.reason),
    'batches.previewStep': (input, call) =>
      ready().batches.previewStep(call.session!, input.batchId, input.stepId, input.input, input.mode),
    'batches.completeStep': (input, call) => ready().batches.completeStep(call.session!, input),
    'batches.correctStep': (input, call) => ready().batches.correctStep(call.session!, input),
    'batches.comment': (input, call) =>
      ready().batches.comment(call.session!, input.batchId, input.stepId, input.text),
    'batches.completeExecution': (input, call) =>
      ready().batches.completeExecution(call.session!, input.batchId, input.credentials),
    'batches.openExceptions': () => ready().batches.openExceptions(),
    'records.batchPdf': (input, call) => ready().records.batchPdf(input.batchId, requester(call)),
    'records.electronicCopy': (input) => ready().records.electronicCopy(input.batchId),
    'records.batchml': (input) => ready().records.batchProductionRecord(input.batchId),
    'records.reviewSummary': (input, call) => ready().records.reviewSummary(input.batchId, requester(call)),
    'records.paperContinuation': (input, call) =>
      ready().records.paperContinuation(input.batchId, requester(call)),
    'exports.destinations': () => ready().records.destinations(),
    'exports.recent': () => recentExports(ready().runtime.store.sqlite),
    'exports.write': (input, call) =>
      ready().records.exportBatches(requester(call), input.batchIds, input.destinationDir, (progress) =>
        deps.hub.send(call.connectionId, 'exports.progress', progress),
      ),
    'exports.verify': (input) => ready().records.verify(input.directory, input.trustedFingerprint),
    'review.queue': () => ready().review.queue(),
    'review.get': (input) => ready().review.get(input.batchId),
    'review.disposition': (input, call) => ready().review.disposition(call.session!, input),
    'review.auditTrail': (input, call) =>
      ready().review.reviewAuditTrail(call.session!, input.batchId, input.comment, input.credentials),
    'review.decide': (input, call) => ready().review.decide(call.session!, input),
    'review.releaseTimes': () => ready().review.releaseTimes(),
    'instruments.list': () => ready().instruments.list(),
    'instruments.live': () => ready().devices.live(),
    'instruments.capture': (input, call) => ready().captures.capture(call.session!, input),
    'instruments.tare': (input) => ready().devices.tare(input.instrumentId),
    'instruments.zero': (input) => ready().devices.zero(input.instrumentId),
    'instruments.stream': (input) => ready().devices.stream(input.instrumentId, input.on),
    'instruments.simulate': ({ instrumentId, ...action }) => ready().devices.simulate(instrumentId, action),
    'instruments.ports': () => listSerialPorts(deps.portListing),
    'instruments.register': (input, call) =>
      ready().instruments.register(actor(call), input.fields, input.reason),
    'instruments.update': (input, call) =>
      ready().instruments.update(actor(call), input.instrumentId, input.fields, input.reason),
    'instruments.setStatus': (input, call) =>
      ready().instruments.setStatus(actor(call), input.instrumentId, input.status, input.reason),
    'instruments.recordCheck': (input, call) => ready().instruments.recordCheck(actor(call), input),

    'sops.list': () => ready().training.sops(),
    'sops.issueVersion': (input, call) => ready().training.issueSopVersion(actor(call), input),
    'qualifications.list': () => ready().training.qualifications(),
    'qualifications.register': (input, call) =>
      ready().training.registerQualification(actor(call), input.fields, input.reason),
    'training.matrix': () => ready().training.matrix(),
    'training.person': (input) => ready().training.person(input.userId),
    'training.personPdf': (input, call) => ready().training.personPdf(input.userId, requester(call).fullName),
    'training.expiring': () => ready().training.expiring(),
    'training.recordRead': (input, call) => ready().training.recordReadAndUnderstood(call.session!, input),
    'training.recordAssessment': (input, call) => ready().training.recordAssessment(call.session!, input),
    'materials.list': () => ready().materials.materials(),
    'materials.register': (input, call) => ready().materials.registerMaterial(actor(call), input.fields),
    'lots.list': (input) => ready().materials.list(input),
    'lots.get': (input) => ready().materials.get(input.lotNumber),
    'lots.register': (input, call) => ready().materials.registerLot(actor(call), input.fields),
    'lots.import': (input, call) => ready().materials.import(actor(call), input.fileName, input.text),
    'lots.changeStatus': (input, call) =>
      ready().materials.changeStatus(
        call.session!,
        input.lotNumber,
        input.status,
        input.reason,
        input.credentials,
      ),
    'equipment.list': () => ready().equipment.list(),
    'equipment.get': (input) => ready().equipment.get(input.equipmentCode),
    'equipment.register': (input, call) =>
      ready().equipment.register(actor(call), input.fields, input.reason),
    'equipment.recordCleaning': (input, call) => ready().equipment.recordCleaning(call.session!, input),
    'equipment.changeStatus': (input, call) => ready().equipment.changeStatus(call.session!, input),
    'equipment.logbookPdf': (input, call) =>
      ready().equipment.logbookPdf(input.equipmentCode, requester(call).fullName),
    'genealogy.lot': (input) => ready().genealogy.forward(input.lotNumber),
    'genealogy.batch': (input) => ready().genealogy.backward(input.batchId),

    'backup.settings.get': () => ready().backups.settingsView(),
    'backup.settings.update': (input, call) =>
      ready().backups.updateSettings(actor(call), input.settings, input.reason),
    'backup.create': (_input, call) => ready().backups.backupNowView(actor(call)),
    'backup.list': () => ready().backups.recent(),
    'backup.verify': (input, call) => ready().backups.verify(actor(call), input.file, input.recoveryKey),

    'setup.initialize': (input, call) => deps.setup.initialize(input, call.connectionId),
    'setup.confirmRecoveryKey': (_input, call) => deps.setup.confirmRecoveryKey(call.connectionId),

    'auth.session': (_input, call) => {
      const services = deps.services();
      return services && call.session ? services.auth.view(call.session) : null;
    },
    'auth.login': (input, call) =>
      ready().auth.login(call.connectionId, input.username, input.password, input.language),
    'auth.logout': (_input, call) => {
      deps.services()?.auth.logout(call.connectionId, 'signed out');
      return null;
    },
    // Reaching the handler is the point: the connection records the activity after a successful call.
    'auth.activity': () => null,
    'auth.lock': (_input, call) => ready().auth.lock(call.connectionId, call.session!, 'locked by the user'),
    'auth.unlock': (input, call) => ready().auth.unlock(call.connectionId, call.session!, input.password),
    'auth.changePassword': (input, call) =>
      ready().auth.changePassword(call.session!, input.currentPassword, input.newPassword),

    'users.list': () => ready().usersAdmin.list(),
    'users.create': (input, call) => ready().usersAdmin.create(actor(call), input),
    'users.update': (input, call) => ready().usersAdmin.update(actor(call), input),
    'users.disable': (input, call) =>
      ready().usersAdmin.setStatus(actor(call), input.userId, 'disabled', input.reason),
    'users.enable': (input, call) =>
      ready().usersAdmin.setStatus(actor(call), input.userId, 'active', input.reason),
    'users.unlock': (input, call) => ready().usersAdmin.unlock(actor(call), input.userId, input.reason),
    'users.resetPassword': (input, call) =>
      ready().usersAdmin.resetPassword(actor(call), input.userId, input.temporaryPassword, input.reason),

    'alerts.list': (input) => ready().alerts.list(input.includeAcknowledged),
    'alerts.acknowledge': (input, call) =>
      ready().alerts.acknowledge(actor(call), input.alertId, input.comment),

    'terminals.list': () => ready().terminals.list(),
    'terminals.register': (input, call) =>
      ready().terminals.setStatus(actor(call), input.terminalId, 'registered', input.reason),
    'terminals.revoke': (input, call) =>
      ready().terminals.setStatus(actor(call), input.terminalId, 'revoked', input.reason),

    'settings.get': () => ready().settings.security(),
    'settings.update': (input, call) =>
      ready().settings.updateSecurity(actor(call), input.settings, input.reason),
  };
}
