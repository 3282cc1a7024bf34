import { app, type Event, type Session, type WebContents } from 'electron';
import { isAppEntryUrl } from './app-url';

const REMOTE_PROTOCOLS = new Set(['http:', 'https:', 'ws:', 'wss:', 'ftp:', 'file:']);

/** Denies every permission and every request that would leave the packaged application. */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.webRequest.onBeforeRequest((details, callback) => callback({ cancel: isRemote(details.url) }));
}

function isRemote(url: string): boolean {
  try {
    return REMOTE_PROTOCOLS.has(new URL(url).protocol);
  } catch {
    return true;
  }
}

/** Applies to every web contents ever created, ours or not: no webviews, popups or navigation. */
export function hardenAllWebContents(): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
}

function hardenWebContents(contents: WebContents): void {
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  const allowOnlyEntry = (event: Event<{ url: string }>): void => {
    if (!isAppEntryUrl(event.url)) event.preventDefault();
  };
  contents.on('will-navigate', allowOnlyEntry);
  contents.on('will-frame-navigate', allowOnlyEntry);
  contents.on('will-redirect', allowOnlyEntry);
}
