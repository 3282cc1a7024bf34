import { expect, test } from '@playwright/test';
import type { AuditVerifyProgress } from '../../shared/contract';
import { ADMIN_PASSWORD, ADMIN_SETUP_PASSWORD, freshApp } from '../helpers/fresh-app';
import { openWorkstationPage } from '../harness/bridge';
import { signInAt } from './support';

test('window.ebr has the preload shape, the session stays in the core per window, and core events reach listeners', async ({
  context,
}) => {
  const fresh = await freshApp();
  try {
    const { page, connection, close } = await openWorkstationPage(context, { app: fresh.app });
    await expect(page.getByTestId('login-screen')).toBeVisible();

    expect(
      await page.evaluate(() => ({
        keys: Object.keys(window.ebr).sort(),
        frozen: Object.isFrozen(window.ebr),
      })),
    ).toEqual({
      keys: ['invoke', 'on'],
      frozen: true,
    });
    expect(
      await page.evaluate(() => window.ebr.invoke('no.such.channel' as 'system.info', {})),
    ).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_CHANNEL' },
    });
    // The core's own gate answers: input schema, then the session it holds for this window (none yet).
    expect(await page.evaluate(() => window.ebr.invoke('system.info', { extra: 1 } as never))).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    });
    expect(await page.evaluate(() => window.ebr.invoke('audit.verify', {}))).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });

    // Signing in at this window's connection signs in this page, and no other.
    await signInAt(connection, 'admin', ADMIN_SETUP_PASSWORD, ADMIN_PASSWORD);
    const other = await openWorkstationPage(context, { app: fresh.app });
    expect(await other.page.evaluate(() => window.ebr.invoke('audit.verify', {}))).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });
    await other.close();

    await page.evaluate(() => {
      const seen: AuditVerifyProgress[] = [];
      Object.assign(window, { __progress: seen });
      window.ebr.on('audit.verify-progress', (progress) => seen.push(progress));
    });
    const verified = await page.evaluate(() => window.ebr.invoke('audit.verify', {}));
    expect(verified).toMatchObject({ ok: true, value: { intact: true, firstBreak: null } });
    const rows = verified.ok ? verified.value.rowsChecked : -1;
    await expect
      .poll(() =>
        page.evaluate(() => (window as unknown as { __progress: AuditVerifyProgress[] }).__progress),
      )
      .toContainEqual({ checked: rows, total: rows });
    await close();
  } finally {
    await fresh.cleanup();
  }
});
