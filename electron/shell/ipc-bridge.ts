import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { channelNames, eventNames } from '../../shared/contract';
import type { Result } from '../../shared/errors';
import type { Connection } from '../core/app';
import { isAppOrigin } from './app-url';
import { eventIpcChannel } from './ipc-names';

export interface IpcBridgeOptions {
  /** The window's connection to the core, which holds its session; the renderer never sends one. */
  connection: Connection;
  window: BrowserWindow;
}

/** One `ipcMain.handle` per contract channel, plus every core event forwarded to the window. */
export function registerIpcBridge({ connection, window }: IpcBridgeOptions): () => void {
  for (const name of channelNames) {
    ipcMain.handle(name, async (event, input: unknown): Promise<Result<unknown>> => {
      if (!isOurMainFrame(event, window)) {
        console.warn(`ebr: refused ${name} from ${event.senderFrame?.url ?? 'a destroyed frame'}`);
        return failure('FORBIDDEN', 'This request did not come from the application window.');
      }
      try {
        return await connection.invoke(name, input);
      } catch (error) {
        // The core returns Results; this only keeps a stray exception's stack out of the renderer.
        console.error(`ebr: ${name} threw`, error);
        return failure('INTERNAL', 'Internal error. The details are in the application log.');
      }
    });
  }
  const unsubscribes = eventNames.map((name) =>
    connection.on(name, (payload) => {
      if (!window.isDestroyed()) window.webContents.send(eventIpcChannel(name), payload);
    }),
  );
  return () => {
    for (const name of channelNames) ipcMain.removeHandler(name);
    for (const unsubscribe of unsubscribes) unsubscribe();
  };
}

function isOurMainFrame(event: IpcMainInvokeEvent, window: BrowserWindow): boolean {
  const frame = event.senderFrame;
  if (window.isDestroyed() || event.sender !== window.webContents || frame === null) return false;
  const mainFrame = window.webContents.mainFrame;
  return (
    frame.parent === null && frame.frameTreeNodeId === mainFrame.frameTreeNodeId && isAppOrigin(frame.url)
  );
}

function failure(code: 'FORBIDDEN' | 'INTERNAL', message: string): Result<never> {
  return { ok: false, error: { code, message } };
}
