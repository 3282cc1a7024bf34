/**
 * Bidirectional controls cannot disguise text in the audit viewer (A11-5, issue 13): a printed name
 * and a reason holding an override and an isolate are stored as entered but shown escaped
 * ("⟨U+202E⟩"), in the table and in the opened row's old → new values.
 */
import { expect, test } from '@playwright/test';
import { openWorkstationPage } from '../harness/bridge';
import { freshApp } from '../helpers/fresh-app';
import { collectPageErrors, saveScreenshot, signInAt } from './support';
import { ADMIN_PASSWORD } from '../helpers/fresh-app';

const DISGUISED_NAME = 'Mallory \u202Egk 05.1\u202C Evil';
const REASON = 'Hire \u2066approved\u2069 today';

test('the audit viewer shows bidi controls escaped, the record keeps them', async ({ context }) => {
  test.setTimeout(90_000);
  const fresh = await freshApp();
  try {
    const admin = await fresh.admin();
    const created = await admin.invoke('users.create', {
      username: 'mallory',
      fullName: DISGUISED_NAME,
      roles: ['operator'],
      temporaryPassword: 'Temporary-Pass-7',
      reason: REASON,
    });
    expect(created.ok).toBe(true);
    const stored = fresh.app
      .runtime!.store.sqlite.prepare(
        "SELECT reason FROM audit_trail WHERE action = 'user.created' ORDER BY seq DESC",
      )
      .pluck()
      .get();
    expect(stored).toBe(REASON);

    const { page, connection, close } = await openWorkstationPage(context, { app: fresh.app });
    const errors = collectPageErrors(page);
    await signInAt(connection, 'admin', ADMIN_PASSWORD);
    await page.reload();
    await page.evaluate(() => {
      window.location.hash = '#/audit';
    });
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Audit trail');
    const row = page.locator('[data-action="user.created"]').first();
    await expect(row.locator('.audit-table__reason')).toHaveText('Hire ⟨U+2066⟩approved⟨U+2069⟩ today');
    await row.getByRole('button', { name: 'Old → new' }).click();
    const detail = page.getByTestId('audit-row-detail');
    await expect(detail).toContainText('Mallory ⟨U+202E⟩gk 05.1⟨U+202C⟩ Evil');
    expect(await page.locator('main').innerText()).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
    await saveScreenshot(page, 'audit-06-bidi-escaped');
    expect(errors).toEqual([]);
    await close();
  } finally {
    await fresh.cleanup();
  }
});
