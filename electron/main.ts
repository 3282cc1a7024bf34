import path from 'node:path';
import { app, dialog, session } from 'electron';
import { createApp } from './core/app';
import { safeStorageKeyProvider } from './key-providers/safe-storage';
import { handleAppProtocol, registerAppScheme } from './shell/app-protocol';
import { APP_ENTRY_URL } from './shell/app-url';
import { registerIpcBridge } from './shell/ipc-bridge';
import { closeBeforeQuit } from './shell/lifecycle';
import { createMainWindow } from './shell/main-window';
import { hardenAllWebContents, hardenSession } from './shell/window-security';

// Composition root: every decision lives in electron/shell, electron/key-providers or the core.
registerAppScheme();
app.enableSandbox();
hardenAllWebContents();

if (app.requestSingleInstanceLock()) {
  start().catch((error: unknown) => {
    console.error('ebr: start-up failed', error);
    dialog.showErrorBox(
      'EBR Workstation cannot start',
      error instanceof Error ? error.message : String(error),
    );
    app.exit(1);
  });
} else {
  app.quit();
}

async function start(): Promise<void> {
  await app.whenReady();
  handleAppProtocol(path.join(app.getAppPath(), 'dist', 'renderer'));
  hardenSession(session.defaultSession);

  const adminPassphrase = process.env.EBR_ADMIN_PASSPHRASE;
  delete process.env.EBR_ADMIN_PASSPHRASE; // not inherited by anything this process starts
  const core = await createApp({
    dataDir: process.env.EBR_DATA_DIR ?? path.join(app.getPath('userData'), 'data'),
    keyProvider: safeStorageKeyProvider({
      adminPassphrase,
      anchorDir: path.join(app.getPath('userData'), 'anchors'),
    }),
  });
  closeBeforeQuit(() => core.close());

  const window = createMainWindow(path.join(__dirname, 'preload.cjs'));
  // The core holds this window's session; closing the window ends it (audited).
  const connection = core.connect();
  window.on('closed', () => connection.close());
  registerIpcBridge({ connection, window });
  app.on('second-instance', () => {
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('window-all-closed', () => app.quit());
  await window.loadURL(APP_ENTRY_URL);
}
