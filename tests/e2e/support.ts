import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Locator, Page } from '@playwright/test';
import type { Connection } from '../../electron/core/app';
import type { SessionView } from '../../shared/contract';

const screenshotDir = fileURLToPath(new URL('../../screenshots/e2e', import.meta.url));

/**
 * Screenshot of a key screen, kept for people to look at (git-ignored). Full page, except with a
 * modal dialog open: its backdrop covers only the window, so the window is what people see.
 */
export async function saveScreenshot(page: Page, name: string, { fullPage = true } = {}): Promise<void> {
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage });
}

/** Screenshot of one part of a screen (a panel taller than the window, a list), for people to look at. */
export async function saveLocatorScreenshot(locator: Locator, name: string): Promise<void> {
  await locator.screenshot({ path: path.join(screenshotDir, `${name}.png`) });
}

/** Records every Content-Security-Policy violation in the page, to assert there are none. */
export async function recordCspViolations(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const violations: string[] = [];
    Object.defineProperty(window, '__cspViolations', { value: violations });
    document.addEventListener('securitypolicyviolation', (event) => {
      violations.push(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });
}

export function cspViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => [
    ...((window as unknown as { __cspViolations?: string[] }).__cspViolations ?? []),
  ]);
}

/** Uncaught page errors and console errors, to assert a screen rendered cleanly. */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  return errors;
}

/**
 * Signs in at an existing connection (a page's window) through the core, changing the password
 * first when the account must; the page shows it after a reload.
 */
export async function signInAt(
  connection: Connection,
  username: string,
  password: string,
  newPassword?: string,
): Promise<SessionView> {
  const login = await connection.invoke('auth.login', { username, password });
  if (!login.ok) throw new Error(`sign-in of ${username} failed: ${login.error.code} ${login.error.message}`);
  const session = login.value as SessionView;
  if (session.state !== 'password-change-required' || newPassword === undefined) return session;
  const changed = await connection.invoke('auth.changePassword', { currentPassword: password, newPassword });
  if (!changed.ok) throw new Error(`password change of ${username} failed: ${changed.error.message}`);
  return changed.value as SessionView;
}
