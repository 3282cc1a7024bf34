import { expect, test } from '@playwright/test';
import type { AuditVerifyProgress, Session } from '../../shared/contract';
import { freshApp } from '../helpers/fresh-app';
import { openWorkstationPage } from '../harness/bridge';

test('window.ebr has the preload shape, the session stays outside the page, and core events reach listeners', async ({
  context,
}) => {
  const fresh = await freshApp();
  let session: Session | null = null;
  try {
    const { page, close } = await openWorkstationPage(context, { app: fresh.app, getSession: () => session });
    await expect(page.getByTestId('top-bar-terminal')).toBeVisible();

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
    // The core's own gate answers: input schema, then the session held by the harness (none yet).
    expect(await page.evaluate(() => window.ebr.invoke('system.info', { extra: 1 } as never))).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    });
    expect(await page.evaluate(() => window.ebr.invoke('audit.verify', {}))).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });

    session = fresh.adminSession;
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
