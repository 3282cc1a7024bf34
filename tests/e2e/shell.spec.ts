import { cpSync, rmSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { createApp, type EbrApp } from '../../electron/core/app';
import { recoveryKeyProvider } from '../../electron/core/keys/recovery-key';
import type { SystemHealth, SystemInfo } from '../../shared/contract';
import {
  ADMIN_PASSWORD,
  ADMIN_SETUP_PASSWORD,
  freshApp,
  initializedFolder,
  temporaryFolder,
  TEST_START_MS,
} from '../helpers/fresh-app';
import { openWorkstationPage } from '../harness/bridge';
import { collectPageErrors, cspViolations, recordCspViolations, saveScreenshot, signInAt } from './support';

async function coreAnswer<T>(app: EbrApp, channel: 'system.info' | 'system.health'): Promise<T> {
  const connection = app.connect();
  try {
    const result = await connection.invoke(channel, {});
    if (!result.ok) throw new Error(`${channel} failed: ${result.error.code}`);
    return result.value as T;
  } finally {
    connection.close();
  }
}

test('the shell shows the real core: encrypted store, terminal, schema version and passing health checks', async ({
  context,
}) => {
  const fresh = await freshApp({ terminalName: 'WS-E2E-07' });
  try {
    await recordCspViolations(context);
    await context.clock.setFixedTime(TEST_START_MS + 5_000);
    const { page, connection, close } = await openWorkstationPage(context, { app: fresh.app });
    const errors = collectPageErrors(page);
    await expect(page.getByTestId('login-screen')).toBeVisible();
    // The page's window signs in at the core; the reloaded page picks the session up from there.
    await signInAt(connection, 'admin', ADMIN_SETUP_PASSWORD, ADMIN_PASSWORD);
    await page.reload();
    // Asked after signing in: the sign-in itself added audit rows.
    const info = await coreAnswer<SystemInfo>(fresh.app, 'system.info');
    const health = await coreAnswer<SystemHealth>(fresh.app, 'system.health');
    expect(health.checks.length).toBeGreaterThan(0);

    // Home, signed in as the administrator: the navigation the permission table grants that role.
    await expect(page.getByTestId('top-bar-terminal')).toHaveText('WS-E2E-07');
    await expect(page.getByTestId('signed-in-user')).toContainText('Ada Administrator');
    await expect(page.getByTestId('navigation').getByRole('link')).toHaveText([
      'Home',
      'System',
      'Training',
      'Users',
      'Terminals',
      'Security settings',
      'Security alerts',
      'Backup',
      'Audit trail',
      'Audit reviews',
    ]);
    await expect(page.getByTestId('encryption-status')).toContainText('Encrypted');

    // The clock shows the terminal's local time (the config runs the core in Europe/Berlin) beside UTC, and runs.
    expect(info.timeZone).toBe('Europe/Berlin');
    await expect(page.getByTestId('utc-clock')).toHaveText('08:00:05');
    await expect(page.getByTestId('local-clock')).toHaveText('09:00:05');
    await saveScreenshot(page, 'home');
    await context.clock.setFixedTime(TEST_START_MS + 7_000);
    await expect(page.getByTestId('utc-clock')).toHaveText('08:00:07');
    await expect(page.getByTestId('local-clock')).toHaveText('09:00:07');

    await page.getByTestId('navigation').getByRole('link', { name: 'System' }).click();
    await expect(page).toHaveURL(/#\/system$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('System');

    const encryption = page.getByTestId('encryption-status');
    await expect(encryption).toHaveText(/Encrypted — SQLCipher 4/);
    await expect(encryption).toHaveAttribute('data-tone', 'ok');
    await expect(page.getByTestId('terminal-name')).toHaveText('WS-E2E-07');
    await expect(page.getByTestId('terminal-location')).toHaveText('Test bench');
    await expect(page.getByTestId('terminal-fingerprint')).toHaveText(info.terminal!.fingerprint);
    await expect(page.getByTestId('schema-version')).toHaveText(`${info.store.latestSchemaVersion} (latest)`);
    await expect(page.getByTestId('store-state')).toHaveText('ready');
    await expect(page.getByTestId('app-version')).toHaveText(
      `${info.application.name} ${info.application.version}`,
    );
    await expect(page.getByTestId('count-audit-rows')).toHaveText(String(info.counts!.auditRows));
    await expect(page.getByTestId('audit-head')).toContainText(`#${info.auditHead!.seq}`);

    const checks = page.getByTestId('health-check');
    await expect(checks).toHaveCount(health.checks.length);
    for (const check of health.checks) {
      const row = checks.and(page.locator(`[data-check="${check.name}"]`));
      await expect(row).toHaveAttribute('data-ok', 'true');
      await expect(row).toContainText(check.message);
    }
    await expect(page.getByTestId('health-status')).toHaveText(/All checks passed/);
    await saveScreenshot(page, 'system');

    expect(await page.locator('script:not([src])').count(), 'inline scripts').toBe(0);
    expect(await cspViolations(page), 'CSP violations').toEqual([]);
    expect(errors, 'page errors').toEqual([]);
    await close();
  } finally {
    await fresh.cleanup();
  }
});

test('a store opened with the wrong key shows the refusal, big and red, with what to do', async ({
  context,
}) => {
  const folder = await initializedFolder({ terminalName: 'WS-E2E-REFUSED' });
  const app = await createApp({ dataDir: folder.dataDir, keyProvider: recoveryKeyProvider('00'.repeat(32)) });
  try {
    expect(app.status).toBe('refused');
    const { page, close } = await openWorkstationPage(context, { app });

    await expect(page.getByTestId('refused-screen')).toBeVisible();
    await expect(page.getByTestId('refusal-code')).toHaveText('STORE_WRONG_KEY');
    await expect(page.getByTestId('refusal-message')).toHaveText(app.refusal!.message);
    await expect(page.getByTestId('refusal-advice')).toContainText('recovery key');
    // Nothing of the working shell is reachable.
    await expect(page.getByTestId('navigation')).toHaveCount(0);
    await expect(page.getByTestId('refusal-code')).toHaveCSS('background-color', 'rgb(168, 35, 27)');
    await saveScreenshot(page, 'refused-wrong-key');
    await close();
  } finally {
    await app.close();
    rmSync(path.dirname(folder.dataDir), { recursive: true, force: true });
  }
});

test('a data folder replaced by an older copy shows the rollback refusal naming both positions', async ({
  context,
}) => {
  const folder = await initializedFolder({ terminalName: 'WS-E2E-ROLLBACK' });
  const older = path.join(path.dirname(folder.dataDir), 'older');
  cpSync(folder.dataDir, older, { recursive: true });
  const newer = await createApp({
    dataDir: folder.dataDir,
    keyProvider: recoveryKeyProvider(folder.recoveryKey),
  });
  for (let i = 0; i < 3; i++) {
    newer.runtime!.audit.change({ userId: null, userName: 'E2E' }, ({ record }) =>
      record({ action: 'test.weighed', entityType: 'weighing', entityId: `W-${i}`, newValue: { i } }),
    );
  }
  await newer.close();
  rmSync(folder.dataDir, { recursive: true });
  cpSync(older, folder.dataDir, { recursive: true });
  const app = await createApp({
    dataDir: folder.dataDir,
    keyProvider: recoveryKeyProvider(folder.recoveryKey),
  });
  try {
    expect(app.status).toBe('refused');
    const { page, close } = await openWorkstationPage(context, { app });
    await expect(page.getByTestId('refusal-code')).toHaveText('STORE_ROLLED_BACK');
    await expect(page.getByTestId('refusal-message')).toContainText(
      'The audit trail ends at row 4 but this terminal last recorded row 7 on',
    );
    await expect(page.getByTestId('refusal-advice')).toContainText('replaced by an older copy');
    await expect(page.getByText('Audit trail ends at', { exact: true })).toBeVisible();
    await expect(page.getByTestId('navigation')).toHaveCount(0);
    await saveScreenshot(page, 'refused-rolled-back');
    await close();
  } finally {
    await app.close();
    rmSync(path.dirname(folder.dataDir), { recursive: true, force: true });
  }
});

test('an empty data folder opens the first-run setup wizard, and nothing of the working shell', async ({
  context,
}) => {
  const dataDir = temporaryFolder('ebr-e2e-empty-');
  const app = await createApp({ dataDir, keyProvider: recoveryKeyProvider('00'.repeat(32)) });
  try {
    expect(app.status).toBe('setup-required');
    const { page, close } = await openWorkstationPage(context, { app });

    const wizard = page.getByTestId('setup-wizard');
    await expect(wizard).toBeVisible();
    await expect(wizard).toHaveAttribute('data-step', '1');
    await expect(wizard.getByRole('heading', { level: 1 })).toHaveText('Create the first administrator');
    await expect(page.getByTestId('navigation')).toHaveCount(0);
    await expect(page.getByTestId('login-screen')).toHaveCount(0);
    await close();
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
