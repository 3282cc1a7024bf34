import path from 'node:path';

/** Pure URL rules for the `app://ebr` origin. No `electron` import, so plain Node can test it. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'ebr';
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

// WHATWG URL gives non-special schemes the origin "null", so compare scheme and host instead.
export function isAppOrigin(url: string): boolean {
  const parsed = parse(url);
  return parsed !== null && parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
}

/** The only document the window may (re)load. */
export function isAppEntryUrl(url: string): boolean {
  const parsed = parse(url);
  return (
    parsed !== null && isAppOrigin(url) && (parsed.pathname === '/' || parsed.pathname === '/index.html')
  );
}

/** Maps an `app://ebr/...` URL to a file inside `rootDir`, or null when it must not be served. */
export function resolveAppFile(rootDir: string, url: string): string | null {
  const parsed = parse(url);
  if (parsed === null || !isAppOrigin(url)) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  // Decoding can reintroduce separators and dot segments that URL parsing already removed once.
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  const root = path.resolve(rootDir);
  const file = path.resolve(root, pathname === '/' ? 'index.html' : `.${pathname}`);
  const relative = path.relative(root, file);
  if (
    relative === '' ||
    relative === '..' ||
    relative.startsWith(`..${path.sep}`) ||
    path.isAbsolute(relative)
  ) {
    return null;
  }
  return file;
}
