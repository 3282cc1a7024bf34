import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import type { Connection } from '../../electron/core/app';
import type { SessionView } from '../../shared/contract';
import { openWorkstationPage } from '../harness/bridge';
import { ADMIN_PASSWORD, freshApp, temporaryFolder, TEST_START_MS } from '../helpers/fresh-app';
import {
  collectPageErrors,
  cspViolations,
  recordCspViolations,
  saveLocatorScreenshot,
  saveScreenshot,
  signInAt,
} from './support';

const TEMPORARY_PASSWORD = 'Temporary-Pass-7';
const TESS = {
  username: 'tess.tech',
  fullName: 'Tess Technician',
  password: 'Calibrate-Daily-26',
};
const BALANCE = {
  assetId: 'EQ-BAL-032',
  port: '/dev/ttyUSB0',
  serialNumber: 'B123456789',
  model: 'XSR32001S',
  reason: 'New dispensing balance for room 2.14 (IQ/OQ report QR-0481)',
};

async function openNav(page: Page, label: string): Promise<void> {
  await page.getByTestId('navigation').getByRole('link', { name: label }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(label);
}

/** The same window, another person: sign out, sign in through the core, and show it. */
async function switchTo(
  page: Page,
  connection: Connection,
  username: string,
  password: string,
): Promise<void> {
  await connection.invoke('auth.logout', {});
  await signInAt(connection, username, password);
  await page.reload();
}

/** The clock jumped past the inactivity lock: the person unlocks with the password, as at the screen. */
async function unlock(page: Page, connection: Connection, password: string): Promise<void> {
  const session = await connection.invoke('auth.session', {});
  if (session.ok && (session.value as SessionView | null)?.state === 'locked') {
    const unlocked = await connection.invoke('auth.unlock', { password });
    if (!unlocked.ok) throw new Error(`unlock failed: ${unlocked.error.message}`);
  }
  await page.reload();
}

test('admin tools: a technician registers a balance, calibrates it, sees it OVERDUE and takes it out of service; an administrator configures the backup folder, backs up now and verifies it', async ({
  context,
}) => {
  test.setTimeout(120_000);
  const fresh = await freshApp({ terminalName: 'WS-DISP-02' });
  const backupFolder = temporaryFolder('ebr-e2e-backups-');
  try {
    await recordCspViolations(context);
    await context.clock.setFixedTime(TEST_START_MS);
    const admin = await fresh.admin();
    const created = await admin.invoke('users.create', {
      username: TESS.username,
      fullName: TESS.fullName,
      roles: ['technician'],
      temporaryPassword: TEMPORARY_PASSWORD,
      reason: 'Metrology technician for the dispensing area',
    });
    if (!created.ok) throw new Error(created.error.message);

    const { page, connection, close } = await openWorkstationPage(context, { app: fresh.app });
    const errors = collectPageErrors(page);
    await expect(page.getByTestId('login-screen')).toBeVisible();
    await signInAt(connection, TESS.username, TEMPORARY_PASSWORD, TESS.password);
    await page.reload();
    await expect(page.getByTestId('signed-in-user')).toContainText(TESS.fullName);
    await expect(page.getByTestId('navigation').getByRole('link', { name: 'Instruments' })).toBeVisible();
    await expect(page.getByTestId('navigation').getByRole('link', { name: 'Backup' })).toBeVisible();

    // ---- Register a balance: the core's own messages beside the fields first ----------------------
    await openNav(page, 'Instruments');
    await expect(page.getByText('No instrument is registered yet.')).toBeVisible();
    await page.getByTestId('register-instrument').click();
    const form = page.getByTestId('instrument-form-dialog');
    await expect(form.getByTestId('instrument-protocol').locator('option')).toHaveText([
      'MT-SICS',
      'Sartorius SBI',
      'A&D',
    ]);
    await form.getByTestId('instrument-asset-id').fill('eq bal 32');
    await form.getByTestId('instrument-capacity').fill('32');
    await form.getByTestId('instrument-readability').fill('40');
    await form.getByTestId('dialog-submit').click();
    await expect(form).toContainText('Asset id: 1–32 uppercase letters, digits, dot, dash or underscore');
    await expect(form).toContainText('Choose or type the serial port.');
    await expect(form).toContainText('The readability must be finer than the capacity.');
    await expect(form.locator('.field__error', { hasText: 'Required for a balance.' })).toHaveCount(2);
    await expect(form).toContainText('Give a reason (at least 3 characters).');
    await saveScreenshot(page, 'admin-01-instrument-form-errors', { fullPage: false });

    // A pH meter speaks only its own protocol, and needs no weighing range.
    await form.getByTestId('instrument-kind').selectOption('ph-meter');
    await expect(form.getByTestId('instrument-protocol').locator('option')).toHaveText([
      'pH (MT-SICS style)',
    ]);
    await expect(form.getByTestId('instrument-capacity')).toHaveCount(0);
    await form.getByTestId('instrument-kind').selectOption('balance');

    await form.getByTestId('instrument-asset-id').fill(BALANCE.assetId.toLowerCase());
    await form.getByTestId('instrument-model').fill(BALANCE.model);
    await form.getByTestId('instrument-serial-number').fill(BALANCE.serialNumber);
    await form.getByTestId('instrument-port').fill(BALANCE.port);
    await form.getByTestId('instrument-unit').selectOption('kg');
    await form.getByTestId('instrument-readability').fill('0,001');
    await form.getByTestId('instrument-minimum-weight').fill('0.1');
    // 18 days ahead, local time of the terminal (Europe/Berlin).
    await form.getByTestId('instrument-calibration-due').fill('2026-11-20T09:00');
    await form.getByTestId('instrument-terminal').selectOption({ label: 'WS-DISP-02 (here)' });
    await form.getByTestId('reason').fill(BALANCE.reason);
    await saveScreenshot(page, 'admin-02-instrument-form', { fullPage: false });
    await form.getByTestId('dialog-submit').click();
    await expect(page.getByTestId('flash')).toHaveText(`✓Instrument ${BALANCE.assetId} registered.`);
    await expect(form).toHaveCount(0);

    const row = page.getByTestId('instrument-row').and(page.locator(`[data-key="${BALANCE.assetId}"]`));
    await expect(row.getByTestId('instrument-serial-settings')).toHaveText('9600 8N1 Xon/Xoff');
    await expect(row).toContainText(BALANCE.port);
    await expect(row.getByTestId('instrument-serial-number')).toHaveText(`S/N ${BALANCE.serialNumber}`);
    await expect(row.getByTestId('instrument-range')).toHaveText('Max 32 kgd 0.001 kgMin 0.1 kg');
    await expect(row).toContainText('2026-11-2009:00 CET');
    await expect(row.getByTestId('instrument-terminal')).toHaveText('at WS-DISP-02');
    await expect(row.getByTestId('calibration-state')).toHaveText(/Valid/);
    await expect(row.getByTestId('instrument-status')).toHaveText(/In service/);

    // ---- Record a calibration: the due date moves, the history shows it --------------------------
    const detail = page.getByTestId('instrument-detail');
    await expect(detail).toBeVisible();
    await detail.getByTestId('record-calibration').click();
    const check = page.getByTestId('instrument-check-dialog');
    await check.getByTestId('check-performed-at').fill('2026-11-02T08:30');
    await check.getByTestId('dialog-submit').click();
    await expect(check).toContainText('A passed calibration sets the next due date.');
    await expect(check).toContainText('Give the certificate or logbook reference.');
    // Due in 7 days: "due soon".
    await check.getByTestId('check-next-due').fill('2026-11-09T09:00');
    await check.getByTestId('check-reference').fill('CAL-2026-0457');
    await check
      .getByTestId('check-comment')
      .fill('External calibration, E2 weight set WS-17; as found within tolerance');
    await saveScreenshot(page, 'admin-03-calibration', { fullPage: false });
    await check.getByTestId('dialog-submit').click();
    await expect(page.getByTestId('flash')).toHaveText(`✓Calibration of ${BALANCE.assetId} recorded.`);
    await expect(detail.getByTestId('check-row')).toHaveCount(1);
    await expect(detail.getByTestId('check-row')).toContainText('CAL-2026-0457');
    await expect(detail.getByTestId('check-row')).toContainText(TESS.fullName);
    await expect(detail.getByTestId('check-row').getByTestId('check-result')).toHaveText(/Passed/);
    await expect(row.getByTestId('calibration-state')).toHaveText(/Due soon/);
    await expect(row).toContainText('2026-11-0909:00 CET');
    await saveScreenshot(page, 'admin-04-instruments');

    // ---- A week later the calibration has expired: OVERDUE, wherever the balance is shown ----------
    const later = Date.UTC(2026, 10, 9, 9, 0);
    fresh.clock.set(later);
    await context.clock.setFixedTime(later);
    await unlock(page, connection, TESS.password);
    await openNav(page, 'Instruments');
    await expect(row.getByTestId('calibration-state')).toHaveText(/OVERDUE/);
    await expect(page.getByTestId('overdue-summary')).toContainText(BALANCE.assetId);
    await row.getByTestId('row-open').click();
    await expect(detail.getByTestId('calibration-overdue')).toContainText(
      `nothing is captured with ${BALANCE.assetId} until a passed calibration is recorded`,
    );
    await saveScreenshot(page, 'admin-05-instrument-overdue');
    await saveLocatorScreenshot(
      page.getByRole('region', { name: 'Registered instruments' }),
      'admin-05b-instrument-list',
    );

    // ---- Out of service, with the reason -----------------------------------------------------------
    await detail.getByTestId('take-out-of-service').click();
    const status = page.getByTestId('instrument-status-dialog');
    await status.getByTestId('dialog-submit').click();
    await expect(status).toContainText('Give a reason (at least 3 characters).');
    await status
      .getByTestId('reason')
      .fill('Calibration expired; sent to the metrology lab (work order WO-5512)');
    await status.getByTestId('dialog-submit').click();
    await expect(page.getByTestId('flash')).toHaveText(`✓${BALANCE.assetId}: out of service.`);
    await expect(row.getByTestId('instrument-status')).toHaveText(/Out of service/);
    await expect(detail.getByTestId('return-to-service')).toBeVisible();
    await saveScreenshot(page, 'admin-06-instrument-out-of-service');
    const statusRow = fresh.app
      .runtime!.store.sqlite.prepare(
        "SELECT user_name AS userName, new_value AS newValue, reason FROM audit_trail WHERE action = 'instrument.status-changed'",
      )
      .get() as { userName: string; newValue: string; reason: string };
    expect(statusRow).toEqual({
      userName: TESS.fullName,
      newValue: JSON.stringify({ status: 'out-of-service' }),
      reason: 'Calibration expired; sent to the metrology lab (work order WO-5512)',
    });

    // A technician backs up but does not configure where to.
    await openNav(page, 'Backup');
    await expect(page.getByTestId('backup-settings-form')).toHaveCount(0);
    await expect(page.getByTestId('backup-schedule')).toHaveText('Off (no folder)');
    await expect(page.getByTestId('backup-now-button')).toBeDisabled();

    // ---- The administrator configures the backup folder ----------------------------------------------
    await switchTo(page, connection, 'admin', ADMIN_PASSWORD);
    await expect(page.getByTestId('signed-in-user')).toContainText('Ada Administrator');
    await expect(page.getByTestId('navigation').getByRole('link', { name: 'Instruments' })).toHaveCount(0);
    await openNav(page, 'Backup');
    await expect(page.getByTestId('restore-note')).toContainText('npx ebr restore --in FILE.ebrbak');
    const settingsForm = page.getByTestId('backup-settings-form');
    await settingsForm.getByTestId('backup-folder').fill('backups');
    await settingsForm.getByTestId('backup-time').fill('2:00');
    await settingsForm.getByTestId('backup-settings-save').click();
    await expect(settingsForm).toContainText('The backup folder must be an absolute path');
    await expect(settingsForm).toContainText('Use a 24-hour time, HH:MM');
    await settingsForm.getByTestId('backup-folder').fill(backupFolder);
    await settingsForm.getByTestId('backup-time').fill('02:00');
    await settingsForm.getByTestId('reason').fill('Daily backup to the dispensing file share (CC-2026-118)');
    await settingsForm.getByTestId('backup-settings-save').click();
    await expect(page.getByTestId('flash')).toHaveText('✓Backup settings saved.');
    await expect(page.getByTestId('backup-schedule')).toHaveText('Daily at 02:00');
    // Never backed up on schedule: the first daily backup is due at once.
    await expect(page.getByTestId('backup-next')).toContainText('Due now');

    // ---- Back up now; the backup is listed --------------------------------------------------------------
    await page.getByTestId('backup-now-button').click();
    const result = page.getByTestId('backup-result');
    await expect(result).toBeVisible({ timeout: 20_000 });
    const files = readdirSync(backupFolder).filter((name) => name.endsWith('.ebrbak'));
    expect(files).toHaveLength(1);
    const file = files[0]!;
    expect(file).toBe('ebr-WS-DISP-02-20261109T090000Z.ebrbak');
    const sha256 = createHash('sha256')
      .update(readFileSync(path.join(backupFolder, file)))
      .digest('hex');
    await expect(result.getByTestId('backup-result-file')).toHaveText(path.join(backupFolder, file));
    await expect(result.getByTestId('backup-result-sha256')).toHaveText(sha256);
    const backupRow = page.getByTestId('backup-row');
    await expect(backupRow).toHaveCount(1);
    await expect(backupRow.getByTestId('backup-file')).toHaveText(file);
    await expect(backupRow.getByTestId('backup-trigger')).toHaveText(/Manual/);
    await expect(backupRow.getByTestId('backup-sha256')).toHaveText(`${sha256.slice(0, 12)}…`);
    await expect(backupRow).toContainText('2026-11-09 10:00 CET');
    await saveScreenshot(page, 'admin-07-backup');
    await saveLocatorScreenshot(
      page.getByRole('region', { name: 'Recent backups' }),
      'admin-07b-backup-list',
    );

    // ---- Verify it with the recovery key --------------------------------------------------------------
    await backupRow.getByTestId('row-verify').click();
    const verify = page.getByTestId('verify-backup-form');
    await expect(verify.getByTestId('verify-file')).toHaveValue(path.join(backupFolder, file));
    await verify.getByTestId('verify-recovery-key').fill('1234');
    await verify.getByTestId('verify-submit').click();
    await expect(verify).toContainText('A recovery key is 64 hexadecimal digits');
    await verify.getByTestId('verify-recovery-key').fill(fresh.recoveryKey);
    await verify.getByTestId('verify-submit').click();
    await expect(verify.getByTestId('verify-result')).toHaveAttribute('data-verdict', 'verified', {
      timeout: 20_000,
    });
    await expect(verify.getByTestId('verify-recovery-key')).toHaveValue('');
    await saveScreenshot(page, 'admin-08-backup-verified');

    expect(errors).toEqual([]);
    expect(await cspViolations(page)).toEqual([]);
    await close();
  } finally {
    await fresh.cleanup();
    rmSync(backupFolder, { recursive: true, force: true });
  }
});
