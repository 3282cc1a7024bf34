import type { StoreState } from '../../shared/contract/system';
import type { Session } from '../../shared/contract/session';
import { EbrError, type EbrErrorData, type Result } from '../../shared/errors';
import { verifyAuditTrail } from './audit/verifier';
import { systemClock, type Clock } from './clock';
import { isInitialized } from './data-folder';
import { createEventHub, type EventSource } from './events';
import { dispatch, type ChannelHandlers } from './ipc/dispatch';
import type { KeyProvider } from './keys/key-provider';
import { startRuntime, type Runtime } from './startup';
import { systemHealth, systemInfo } from './system/system-service';

export interface CreateAppOptions {
  dataDir: string;
  keyProvider: KeyProvider;
  clock?: Clock;
}

/** The headless application: the Electron main process, the CLI and every test use this. */
export interface EbrApp {
  readonly status: StoreState;
  /** Set when the store was refused at start-up: what is wrong, for people. */
  readonly refusal: EbrErrorData | null;
  invoke(channel: string, input: unknown, session: Session | null): Promise<Result<unknown>>;
  readonly events: EventSource;
  /** For in-process callers (CLI, tests) that need the runtime directly; null unless ready. */
  readonly runtime: Runtime | null;
  close(): Promise<void>;
}

function requireRuntime(runtime: Runtime | null, refusal: EbrErrorData | null): Runtime {
  if (runtime) return runtime;
  throw new EbrError(
    'STORE_UNAVAILABLE',
    refusal ? `The store is not open: ${refusal.message}` : 'This workstation is not set up yet.',
  );
}

/**
 * Never throws for a store it cannot open: it starts in `refused` (or `setup-required`) state so
 * the shell can show people what is wrong; only public channels answer then.
 */
export async function createApp({
  dataDir,
  keyProvider,
  clock = systemClock,
}: CreateAppOptions): Promise<EbrApp> {
  const events = createEventHub();
  let runtime: Runtime | null = null;
  let state: StoreState = 'setup-required';
  let refusal: EbrErrorData | null = null;
  if (isInitialized(dataDir)) {
    try {
      runtime = await startRuntime(dataDir, keyProvider, clock);
      state = 'ready';
    } catch (error) {
      state = 'refused';
      refusal =
        error instanceof EbrError
          ? error.toData()
          : { code: 'INTERNAL', message: `The store could not be opened: ${(error as Error).message}` };
    }
  }

  const deps = () => ({ runtime, state, refusal, clock });
  const handlers: ChannelHandlers = {
    'system.info': () => systemInfo(deps()),
    'system.health': () => systemHealth(deps()),
    'audit.verify': () => {
      const ready = requireRuntime(runtime, refusal);
      return verifyAuditTrail({
        sqlite: ready.store.sqlite,
        trustedPublicKeys: ready.trustedPublicKeys(),
        headMirror: ready.headMirror(),
        onProgress: (checked, total) => events.emit('audit.verify-progress', { checked, total }),
      });
    },
  };

  return {
    get status() {
      return state;
    },
    get refusal() {
      return refusal;
    },
    get runtime() {
      return runtime;
    },
    events,
    invoke: (channel, input, session) => dispatch(handlers, channel, input, session),
    close: async () => {
      runtime?.store.close();
      runtime = null;
    },
  };
}
