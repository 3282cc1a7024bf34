import { channels, isChannelName } from '../../shared/contract/channels';
import type { EventName, EventPayloads } from '../../shared/contract/events';
import type { StoreState } from '../../shared/contract/system';
import { EbrError, type EbrErrorData, type Result } from '../../shared/errors';
import { systemClock, type Clock } from './clock';
import { ConnectionHub } from './connections';
import { isInitialized } from './data-folder';
import type { ListPortsOptions } from './devices/list-ports';
import { SessionRegistry, type SessionRecord } from './identity/sessions';
import { dispatch } from './ipc/dispatch';
import { createHandlers } from './ipc/handlers';
import type { KeyProvider } from './keys/key-provider';
import type { BackupTickOutcome } from './backup/backup-schedule';
import { createServices, raiseStartupAlerts, type ServiceOptions, type Services } from './services';
import { readPlantLink } from './plant/plant-link';
import { ShippingScheduler, type PlantShippingStatus } from './plant/shipping-scheduler';
import { AppSetup } from './setup/app-setup';
import { startRuntime, type Runtime } from './startup';

export interface CreateAppOptions {
  dataDir: string;
  keyProvider: KeyProvider;
  clock?: Clock;
  /** How often idle sessions are checked; 0 turns the timer off (tests call checkSessions). */
  sessionCheckIntervalMs?: number;
  /** How often the daily backup schedule is checked; 0 turns the timer off (tests call checkBackupSchedule). */
  backupCheckIntervalMs?: number;
  /** Connect this terminal's registered instruments at start (default); off for the CLI. */
  connectInstruments?: boolean;
  /** Instead of the serial port for instruments (tests: the serialport mock binding). */
  deviceTransport?: ServiceOptions['deviceTransport'];
  /** Where the register form's port list looks without udev (tests: a sysfs tree of their own). */
  portListing?: ListPortsOptions;
  /** How often an enrolled terminal ships its log to the plant server; 0 turns it off (CLI). */
  plantShippingIntervalMs?: number;
}

/** One window (or test page). Its session lives in the core; the window never names a user. */
export interface Connection {
  readonly id: string;
  invoke(channel: string, input: unknown): Promise<Result<unknown>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void;
  /** The window went away: its session ends (audited). */
  close(): void;
}

/** The headless application: the Electron main process, the CLI and every test use this. */
export interface EbrApp {
  readonly status: StoreState;
  /** Set when the store was refused at start-up: what is wrong, for people. */
  readonly refusal: EbrErrorData | null;
  /** For in-process callers (CLI, tests) that need the runtime directly; null unless ready. */
  readonly runtime: Runtime | null;
  connect(): Connection;
  /** Locks sessions idle past the lock timeout (also runs on a timer). */
  checkSessions(): void;
  /** Runs the daily backup if it is due (also runs on a timer); null when the store is not open. */
  checkBackupSchedule(): Promise<BackupTickOutcome | null>;
  /** Where shipping to the plant server stands; null when this terminal is not enrolled. */
  plantShipping(): PlantShippingStatus | null;
  close(): Promise<void>;
}

/** What killed backups and exports left behind is settled before work starts; it never stops the start. */
async function checkLeftoversAtStart(services: Services): Promise<void> {
  const problems: string[] = [];
  try {
    for (const report of await services.backups.checkFolders()) problems.push(...report.problems);
    problems.push(...(await services.records.checkExportLeftovers([], { recent: true })).problems);
  } catch (error) {
    problems.push((error as Error).message);
  }
  for (const problem of problems) console.error('ebr: backup and export folder check:', problem);
}

/**
 * Never throws for a store it cannot open: it starts in `refused` (or `setup-required`) state so
 * the shell can show people what is wrong; only public channels answer then.
 */
export async function createApp(options: CreateAppOptions): Promise<EbrApp> {
  const { dataDir, keyProvider } = options;
  const clock = options.clock ?? systemClock;
  const hub = new ConnectionHub();
  const sessions = new SessionRegistry();
  let services: Services | null = null;
  let state: StoreState = 'setup-required';
  let refusal: EbrErrorData | null = null;
  let shipping: ShippingScheduler | null = null;

  const open = async () => {
    services = createServices(await startRuntime(dataDir, keyProvider, clock), clock, hub, sessions, {
      ...(options.deviceTransport && { deviceTransport: options.deviceTransport }),
    });
    state = 'ready';
    // Drivers connect in the background: an unplugged balance shows as disconnected, it does not stop start-up.
    if (options.connectInstruments !== false)
      void services.devices.refresh().catch((error: unknown) => console.error('ebr: instruments:', error));
    raiseStartupAlerts(services);
    await checkLeftoversAtStart(services);
    if (options.backupCheckIntervalMs !== 0) services.backups.schedule.start(options.backupCheckIntervalMs);
    const link = readPlantLink(dataDir);
    if (link && options.plantShippingIntervalMs !== 0) {
      const { runtime } = services;
      shipping = new ShippingScheduler(
        { dataDir, sqlite: runtime.store.sqlite, key: runtime.terminal.key, link, now: () => clock.now() },
        { intervalMs: options.plantShippingIntervalMs ?? 30_000 },
      ).start();
    }
    return services;
  };
  if (isInitialized(dataDir)) {
    try {
      await open();
    } catch (error) {
      state = 'refused';
      refusal =
        error instanceof EbrError
          ? error.toData()
          : { code: 'INTERNAL', message: `The store could not be opened: ${(error as Error).message}` };
    }
  }

  const setup = new AppSetup({
    dataDir,
    keyProvider,
    clock,
    isSetupRequired: () => state === 'setup-required',
    openStore: async () => (await open()).runtime.audit,
  });
  const handlers = createHandlers({
    services: () => services,
    systemDeps: () => ({ runtime: services?.runtime ?? null, state, refusal, clock }),
    setup,
    sessions,
    hub,
    clock,
    ...(options.portListing && { portListing: options.portListing }),
  });

  /** The session as it stands now: account changes and inactivity take effect before the call. */
  const currentSession = (connectionId: string): SessionRecord | null => {
    const session = sessions.get(connectionId);
    if (!session || !services) return session;
    const user = services.users.find(session.userId);
    if (!user || user.status === 'disabled' || user.lockedAtUtc) {
      services.auth.logout(connectionId, user?.status === 'disabled' ? 'account disabled' : 'account locked');
      return null;
    }
    // P11-10h: once this terminal is revoked, only administrators keep working here.
    if (
      !user.roles.includes('administrator') &&
      services.terminals.status(services.runtime.terminal.id) !== 'registered'
    ) {
      services.auth.logout(connectionId, 'terminal no longer registered');
      return null;
    }
    session.roles = user.roles;
    session.fullName = user.fullName;
    services.auth.lockIdleSessions();
    return session;
  };

  const timer =
    options.sessionCheckIntervalMs === 0
      ? null
      : setInterval(() => services?.auth.lockIdleSessions(), options.sessionCheckIntervalMs ?? 1000);
  timer?.unref();

  return {
    get status() {
      return state;
    },
    get refusal() {
      return refusal;
    },
    get runtime() {
      return services?.runtime ?? null;
    },
    connect() {
      const id = hub.open();
      return {
        id,
        invoke: async (channel, input) => {
          const session = currentSession(id);
          const result = await dispatch(handlers, channel, input, { connectionId: id, session });
          // Only what a signed-in person does counts as activity; public polling does not.
          const after = sessions.get(id);
          const isActivity = isChannelName(channel) && channels[channel].permission !== 'public';
          if (result.ok && isActivity && after?.state === 'active' && session)
            after.lastActivityMs = clock.now();
          return result;
        },
        on: (event, listener) => hub.on(id, event, listener),
        close: () => {
          services?.auth.logout(id, 'window closed');
          hub.close(id);
        },
      };
    },
    checkSessions: () => services?.auth.lockIdleSessions(),
    checkBackupSchedule: async () => (services ? services.backups.schedule.tick() : null),
    plantShipping: () => shipping?.status() ?? null,
    close: async () => {
      if (timer) clearInterval(timer);
      await shipping?.stop();
      shipping = null;
      services?.backups.schedule.stop();
      await services?.devices.close();
      for (const [connectionId] of sessions.entries())
        services?.auth.logout(connectionId, 'application closed');
      await services?.runtime.anchors.settled();
      services?.runtime.store.close();
      services = null;
    },
  };
}
