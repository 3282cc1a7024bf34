import type { StoreState, SystemHealth, SystemInfo } from '../../../shared/contract/system';
import type { EbrErrorData } from '../../../shared/errors';
import { CIPHER_DESCRIPTION } from '../../../db/open';
import { loadMigrations } from '../../../db/migrate';
import { applicationName, applicationVersion } from '../app-version';
import { toUtcIso, type Clock } from '../clock';
import { terminalStatusOf } from '../identity/terminals-service';
import type { Runtime } from '../startup';
import { formatFingerprint } from '../terminal/terminal-key';
import { isDemoStore } from '../demo/demo-mark';

export interface SystemServiceDeps {
  runtime: Runtime | null;
  state: StoreState;
  refusal: EbrErrorData | null;
  clock: Clock;
}

export function systemInfo({ runtime, state, refusal }: SystemServiceDeps): SystemInfo {
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const application = { name: applicationName, version: applicationVersion };
  if (!runtime) {
    return {
      application,
      store: {
        state,
        encrypted: null,
        cipher: null,
        schemaVersion: null,
        latestSchemaVersion: loadMigrations().length,
        refusal,
        demo: false,
      },
      terminal: null,
      counts: null,
      auditHead: null,
      timeZone,
    };
  }
  const { store, terminal, audit } = runtime;
  const count = (table: string) =>
    store.sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  return {
    application,
    store: {
      state,
      encrypted: true,
      cipher: CIPHER_DESCRIPTION,
      schemaVersion: store.schemaVersion,
      latestSchemaVersion: store.latestSchemaVersion,
      refusal: null,
      demo: isDemoStore(store.sqlite),
    },
    terminal: {
      id: terminal.id,
      name: terminal.name,
      location: terminal.location,
      fingerprint: formatFingerprint(terminal.key.fingerprint),
      registration: terminalStatusOf(store.sqlite, terminal.id) ?? 'unregistered',
    },
    counts: { auditRows: count('audit_trail'), users: count('users') },
    auditHead: audit.head(),
    timeZone,
  };
}

export function systemHealth({ runtime, state, refusal, clock }: SystemServiceDeps): SystemHealth {
  const checkedAtUtc = toUtcIso(clock.now());
  if (state === 'setup-required') {
    return {
      status: 'setup-required',
      checkedAtUtc,
      checks: [{ name: 'Setup', ok: false, message: 'This data folder is not set up yet.' }],
    };
  }
  if (!runtime || refusal) {
    return {
      status: 'refused',
      checkedAtUtc,
      checks: [{ name: 'Start-up', ok: false, message: refusal?.message ?? 'The store is not open.' }],
    };
  }
  const allPassed = runtime.startupChecks.every((check) => check.ok);
  return { status: allPassed ? 'ok' : 'attention', checkedAtUtc, checks: runtime.startupChecks };
}
