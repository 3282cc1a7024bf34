import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page, Route } from '@playwright/test';
import { CONTENT_SECURITY_POLICY } from '../../electron/shell/app-url';

/** The built renderer is served from disk through Playwright routing: no port is opened. */
export const RENDERER_ORIGIN = 'http://ebr.localhost';
export const RENDERER_ENTRY_URL = `${RENDERER_ORIGIN}/index.html`;
export const RENDERER_DIST_DIR = fileURLToPath(new URL('../../dist/renderer', import.meta.url));

const contentTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
};

/** The same headers the Electron `app://` protocol sends, CSP included. */
const securityHeaders = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};

function fileFor(rootDir: string, url: URL): string | null {
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  const file = path.resolve(rootDir, pathname === '/' ? 'index.html' : `.${pathname}`);
  const relative = path.relative(rootDir, file);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return null;
  return file;
}

async function fulfillFromDisk(route: Route, rootDir: string): Promise<void> {
  const request = route.request();
  const url = new URL(request.url());
  // Like the packaged app: nothing remote is ever loaded.
  if (url.origin !== RENDERER_ORIGIN) return route.abort('blockedbyclient');
  if (request.method() !== 'GET' && request.method() !== 'HEAD') {
    return route.fulfill({ status: 405, headers: securityHeaders });
  }
  const file = fileFor(rootDir, url);
  const body = file === null ? null : await readFile(file).catch(() => null);
  if (file === null || body === null) return route.fulfill({ status: 404, headers: securityHeaders });
  const contentType = contentTypes[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
  return route.fulfill({ status: 200, headers: { ...securityHeaders, 'Content-Type': contentType }, body });
}

/** Answers every request of `target`: files of the renderer build for RENDERER_ORIGIN, abort for anything else. */
export async function serveRenderer(
  target: Page | BrowserContext,
  rootDir = RENDERER_DIST_DIR,
): Promise<void> {
  const root = path.resolve(rootDir);
  if (!existsSync(path.join(root, 'index.html'))) {
    throw new Error(`No renderer build in ${root}: run \`npm run build:renderer\` first.`);
  }
  await target.route('**/*', (route) => fulfillFromDisk(route, root));
}
