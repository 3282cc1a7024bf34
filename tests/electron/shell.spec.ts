import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import type { EbrBridge } from '../../shared/contract';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const screenshots = path.join(repoRoot, 'screenshots', 'electron');
const ENTRY = 'app://ebr/index.html';

type EbrWindow = Window & { ebr: EbrBridge; __inlineScriptRan?: boolean };

let electronApp: ElectronApplication;
let page: Page;
let dataDir: string;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'ebr-electron-'));
  electronApp = await electron.launch({
    // Chromium refuses to run as root with its OS sandbox (containers); the renderer sandbox stays on.
    args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), '.'],
    cwd: repoRoot,
    env: { ...process.env, EBR_DATA_DIR: dataDir } as Record<string, string>,
  });
  page = await electronApp.firstWindow();
  await page.waitForLoadState('domcontentloaded');
});

test.afterAll(async () => {
  await electronApp?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

test('the window loads the renderer from app://ebr with the CSP header', async () => {
  expect(page.url()).toBe(ENTRY);
  const response = await electronApp.evaluate(async ({ net }, url) => {
    const r = await net.fetch(url);
    return {
      status: r.status,
      csp: r.headers.get('content-security-policy'),
      type: r.headers.get('content-type'),
    };
  }, ENTRY);
  expect(response.status).toBe(200);
  expect(response.type).toContain('text/html');
  expect(response.csp).toContain("default-src 'none'");
  expect(response.csp).toContain("script-src 'self'");
});

test('the protocol serves nothing outside the renderer build', async () => {
  const statuses = await electronApp.evaluate(async ({ net }) => {
    const urls = [
      'app://ebr/%2e%2e/%2e%2e/package.json',
      'app://ebr/..%2f..%2fpackage.json',
      'app://ebr/assets/does-not-exist.js',
      'app://elsewhere/index.html',
    ];
    return Promise.all(urls.map(async (url) => (await net.fetch(url)).status));
  });
  expect(statuses).toEqual([404, 404, 404, 404]);
});

test('window.ebr exposes exactly invoke and on, and no Node.js reaches the page', async () => {
  const facts = await page.evaluate(() => ({
    keys: Object.keys((window as unknown as EbrWindow).ebr).sort(),
    require: typeof (window as unknown as { require?: unknown }).require,
    process: typeof (window as unknown as { process?: unknown }).process,
    module: typeof (window as unknown as { module?: unknown }).module,
  }));
  expect(facts).toEqual({
    keys: ['invoke', 'on'],
    require: 'undefined',
    process: 'undefined',
    module: 'undefined',
  });
});

test('the CSP blocks inline scripts', async () => {
  const ran = await page.evaluate(async () => {
    const script = document.createElement('script');
    script.textContent = 'window.__inlineScriptRan = true;';
    document.head.append(script);
    await new Promise((resolve) => setTimeout(resolve, 100));
    return (window as unknown as EbrWindow).__inlineScriptRan === true;
  });
  expect(ran).toBe(false);
});

test('window.open is denied', async () => {
  const opened = await page.evaluate(() => window.open('https://example.com/', '_blank') === null);
  expect(opened).toBe(true);
  expect(electronApp.windows()).toHaveLength(1);
});

test('navigation to another origin is blocked', async () => {
  await page.evaluate(() => {
    window.location.href = 'https://example.com/';
  });
  await page.waitForTimeout(1_000);
  expect(page.url()).toBe(ENTRY);
});

test('permission requests are denied', async () => {
  const permission = await page.evaluate(() => Notification.requestPermission());
  expect(permission).toBe('denied');
});

test('system.info answers through the bridge', async () => {
  const result = await page.evaluate(() => (window as unknown as EbrWindow).ebr.invoke('system.info', {}));
  expect(result.ok).toBe(true);
  if (result.ok) expect(['ready', 'setup-required', 'refused']).toContain(result.value.store.state);
});

test('an unknown channel or event is refused in the preload', async () => {
  const result = await page.evaluate(() =>
    (window as unknown as { ebr: { invoke(channel: string, input: unknown): Promise<unknown> } }).ebr.invoke(
      'no.such.channel',
      {},
    ),
  );
  expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
  const eventError = await page.evaluate(() => {
    try {
      (window as unknown as { ebr: { on(event: string, listener: () => void): unknown } }).ebr.on(
        'no.such.event',
        () => {},
      );
      return null;
    } catch (error) {
      return (error as Error).message;
    }
  });
  expect(eventError).toContain('Unknown event');
});

test('screenshot of the shell', async () => {
  mkdirSync(screenshots, { recursive: true });
  await page.screenshot({ path: path.join(screenshots, 'shell.png') });
});
