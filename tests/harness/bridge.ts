import type { BrowserContext, Page } from '@playwright/test';
import type { Connection, EbrApp } from '../../electron/core/app';
import { channelNames, eventNames, type EventName } from '../../shared/contract';
import type { Result } from '../../shared/errors';
import { RENDERER_ENTRY_URL, serveRenderer } from './serve-renderer';

/**
 * `window.ebr` for a browser without Electron: the same shape and checks as electron/preload.ts,
 * backed by one `app.connect()` per page, as the main process holds one connection per window.
 * The session lives in that connection, inside the core; the page never sends one.
 */
export type BridgedApp = Pick<EbrApp, 'connect'>;

export interface BridgeOptions {
  app: BridgedApp;
}

const INVOKE_BINDING = '__ebrInvoke';
const DELIVER_EVENT = '__ebrDeliverEvent';

interface BridgeNames {
  invokeBinding: string;
  deliverEvent: string;
  channels: readonly string[];
  events: readonly string[];
}

/** Runs in the page before any of its scripts (like a preload): defines a frozen `window.ebr`. */
function defineWindowEbr(names: BridgeNames): void {
  const target = window as unknown as Record<string, unknown>;
  const callCore = target[names.invokeBinding] as (channel: string, input: unknown) => Promise<unknown>;
  const listeners = new Map<string, Set<(payload: unknown) => void>>();

  const invoke = async (channel: unknown, input: unknown): Promise<unknown> => {
    if (typeof channel !== 'string' || !names.channels.includes(channel)) {
      const named = typeof channel === 'string' ? channel.slice(0, 100) : typeof channel;
      return { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: `Unknown channel: ${named}` } };
    }
    try {
      return await callCore(channel, input);
    } catch {
      return {
        ok: false,
        error: { code: 'INTERNAL', message: 'The application did not answer the request.' },
      };
    }
  };

  const on = (event: unknown, listener: unknown): (() => void) => {
    if (typeof event !== 'string' || !names.events.includes(event))
      throw new TypeError(`Unknown event: ${String(event)}`);
    if (typeof listener !== 'function') throw new TypeError('The listener must be a function.');
    const set = listeners.get(event) ?? new Set();
    const forward = (payload: unknown): void => void (listener as (payload: unknown) => void)(payload);
    set.add(forward);
    listeners.set(event, set);
    return () => {
      set.delete(forward);
    };
  };

  Object.defineProperty(window, names.deliverEvent, {
    value: (event: string, payload: unknown) => {
      for (const listener of listeners.get(event) ?? []) {
        try {
          listener(payload);
        } catch (error) {
          console.error(`ebr: listener of ${event} failed`, error);
        }
      }
    },
  });
  Object.defineProperty(window, 'ebr', { value: Object.freeze({ invoke, on }), enumerable: true });
}

export interface InstalledBridge {
  /** The page's connection to the core: tests can sign in or out through it as the page would. */
  connection: Connection;
  /** Stops forwarding events and closes the connection (its session ends); call before `app.close()`. */
  detach(): void;
}

/** Installs the bridge on one page (one window): a new connection, its events forwarded to the page. */
export async function installBridge(page: Page, { app }: BridgeOptions): Promise<InstalledBridge> {
  const connection = app.connect();
  await page.exposeBinding(
    INVOKE_BINDING,
    async (_source, channel: unknown, input: unknown): Promise<Result<unknown>> => {
      try {
        return await connection.invoke(String(channel), input);
      } catch (error) {
        // Same as electron/shell/ipc-bridge.ts: a stray exception's stack never reaches the page.
        console.error(`ebr harness: ${String(channel)} threw`, error);
        return {
          ok: false,
          error: { code: 'INTERNAL', message: 'Internal error. The details are in the application log.' },
        };
      }
    },
  );
  const names: BridgeNames = {
    invokeBinding: INVOKE_BINDING,
    deliverEvent: DELIVER_EVENT,
    channels: channelNames,
    events: eventNames,
  };
  // As source text: tsx (preview) compiles with keepNames, whose `__name` helper does not exist in the page.
  await page.addInitScript({
    content: `(() => { const __name = (fn) => fn; (${defineWindowEbr.toString()})(${JSON.stringify(names)}); })();`,
  });

  const unsubscribes = eventNames.map((name: EventName) =>
    connection.on(name, (payload: unknown) => {
      if (page.isClosed()) return;
      page
        .evaluate(
          ([event, data, deliver]) => {
            const deliverEvent = (window as unknown as Record<string, unknown>)[deliver];
            if (typeof deliverEvent === 'function') deliverEvent(event, data);
          },
          [name, payload, DELIVER_EVENT] as const,
        )
        // A page that is navigating or closing misses the event, as a reloading Electron window would.
        .catch(() => undefined);
    }),
  );
  let detached = false;
  return {
    connection,
    detach: () => {
      if (detached) return;
      detached = true;
      for (const unsubscribe of unsubscribes) unsubscribe();
      connection.close();
    },
  };
}

export interface WorkstationPage {
  page: Page;
  /** The page's own connection (its window's session lives there). */
  connection: Connection;
  /** Closes the connection (ending its session) and the page; the app stays open: its owner closes it. */
  close(): Promise<void>;
}

/** A new page of `context` showing the built renderer, with `window.ebr` backed by its own connection to `app`. */
export async function openWorkstationPage(
  context: BrowserContext,
  options: BridgeOptions,
): Promise<WorkstationPage> {
  const page = await context.newPage();
  await serveRenderer(page);
  const bridge = await installBridge(page, options);
  await page.goto(RENDERER_ENTRY_URL);
  return {
    page,
    connection: bridge.connection,
    close: async () => {
      bridge.detach();
      if (!page.isClosed()) await page.close();
    },
  };
}
