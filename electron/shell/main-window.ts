import { app, BrowserWindow } from 'electron';

/** The single application window. It is not loaded here, so IPC can be wired first. */
export function createMainWindow(preloadPath: string): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 1024,
    minHeight: 700,
    show: false,
    title: 'EBR Workstation',
    backgroundColor: '#0f2a4a',
    webPreferences: {
      preload: preloadPath,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
      devTools: !app.isPackaged,
    },
  });
  // The default menu offers reload and developer tools; an operator terminal needs neither.
  if (app.isPackaged) window.removeMenu();
  window.once('ready-to-show', () => window.show());
  return window;
}
