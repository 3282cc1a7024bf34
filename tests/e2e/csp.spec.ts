import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { CONTENT_SECURITY_POLICY } from '../../electron/shell/app-url';
import { openWorkstationPage } from '../harness/bridge';
import { RENDERER_DIST_DIR } from '../harness/serve-renderer';
import { freshApp } from '../helpers/fresh-app';
import { cspViolations, recordCspViolations } from './support';

test('the built index.html carries the same CSP the app protocol sends (frame-ancestors only works as a header)', () => {
  const html = readFileSync(path.join(RENDERER_DIST_DIR, 'index.html'), 'utf8');
  const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
  const headerWithoutFrameAncestors = CONTENT_SECURITY_POLICY.split('; ')
    .filter((directive) => !directive.startsWith('frame-ancestors'))
    .join('; ');
  expect(meta).toBe(headerWithoutFrameAncestors);
  expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
});

test('the CSP is enforced: an injected inline script does not run and is reported', async ({ context }) => {
  const fresh = await freshApp();
  try {
    await recordCspViolations(context);
    const { page, close } = await openWorkstationPage(context, { app: fresh.app });
    await expect(page.getByTestId('login-screen')).toBeVisible();

    const ran = await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__inlineScriptRan = true';
      document.head.append(script);
      return (window as unknown as { __inlineScriptRan?: boolean }).__inlineScriptRan ?? false;
    });
    expect(ran).toBe(false);
    await expect.poll(() => cspViolations(page)).toContainEqual(expect.stringMatching(/^script-src/));
    await close();
  } finally {
    await fresh.cleanup();
  }
});
