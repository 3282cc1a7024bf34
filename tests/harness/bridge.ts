import type { BrowserContext, Page } from '@playwright/test';
import type { EbrApp } from '../../electron/core/app';
import { channelNames, eventNames, type EventName, type Session } from '../../shared/contract';
import type { Result } from '../../shared/errors';
import { RENDERER_ENTRY_URL, serveRenderer } from './serve-renderer';

/**
 * `window.ebr` for a browser without Electron: the same shape and checks as electron/preload.ts,
 * backed by the same `app.invoke(channel, input, session)` the main process calls.
 */
export type BridgedApp = Pick<EbrApp, 'invoke' | 'events'>;

export interface BridgeOptions {
  app: BridgedApp;
  /** The session the "main process" holds; the page never sends one. */
  getSession(): Session | null;
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

function pagesOf(target: Page | BrowserContext): Page[] {
  return 'pages' in target ? target.pages() : [target];
}

/**
 * Installs the bridge on a page or a whole context; returns a function that stops forwarding core
 * events (call it before `app.close()`).
 */
export async function installBridge(
  target: Page | BrowserContext,
  { app, getSession }: BridgeOptions,
): Promise<() => void> {
  await target.exposeBinding(
    INVOKE_BINDING,
    async (_source, channel: unknown, input: unknown): Promise<Result<unknown>> => {
      try {
        return await app.invoke(String(channel), input, getSession());
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
  await target.addInitScript({
    content: `(() => { const __name = (fn) => fn; (${defineWindowEbr.toString()})(${JSON.stringify(names)}); })();`,
  });

  const unsubscribes = eventNames.map((name: EventName) =>
    app.events.on(name, (payload) => {
      for (const page of pagesOf(target)) {
        if (page.isClosed()) continue;
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
      }
    }),
  );
  return () => {
    for (const unsubscribe of unsubscribes) unsubscribe();
  };
}

export interface WorkstationPage {
  page: Page;
  /** Stops event forwarding and closes the page (the app stays open: its owner closes it). */
  close(): Promise<void>;
}

/** A new page of `context` showing the built renderer, with `window.ebr` backed by `app`. */
export async function openWorkstationPage(
  context: BrowserContext,
  options: BridgeOptions,
): Promise<WorkstationPage> {
  const page = await context.newPage();
  await serveRenderer(page);
  const stopEvents = await installBridge(page, options);
  await page.goto(RENDERER_ENTRY_URL);
  return {
    page,
    close: async () => {
      stopEvents();
      if (!page.isClosed()) await page.close();
    },
  };
}
