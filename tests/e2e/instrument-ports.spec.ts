/**
 * The register form's port field on a machine without udev: the ports listed from sysfs are
 * offered; when nothing can list them the form says why (never INTERNAL), and the port can
 * still be typed. The core runs in this process: udevadm is taken off its PATH for the test.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import type { ListPortsOptions } from '../../electron/core/devices/list-ports';
import { openWorkstationPage } from '../harness/bridge';
import { freshApp, temporaryFolder } from '../helpers/fresh-app';
import { buildSysfsTree, SYSFS_TREE_PORTS } from '../helpers/sysfs-tree';
import { udevadmFolders } from '../helpers/udevadm-stand-in';
import { collectPageErrors, saveScreenshot, signInAt } from './support';

const TESS = { username: 'tess.tech', fullName: 'Tess Technician', password: 'Calibrate-Daily-26' };

/** A technician at a fresh terminal whose port listing reads `portListing`, with the register form open. */
async function registerFormWith(
  context: Parameters<typeof openWorkstationPage>[0],
  portListing: ListPortsOptions,
  cleanups: (() => Promise<void> | void)[],
): Promise<{ page: Page; errors: string[] }> {
  const fresh = await freshApp({ portListing });
  cleanups.push(() => fresh.cleanup());
  const admin = await fresh.admin();
  const created = await admin.invoke('users.create', {
    username: TESS.username,
    fullName: TESS.fullName,
    roles: ['technician'],
    temporaryPassword: 'Temporary-Pass-7',
    reason: 'Metrology technician',
  });
  if (!created.ok) throw new Error(created.error.message);
  const { page, connection, close } = await openWorkstationPage(context, { app: fresh.app });
  cleanups.push(close);
  const errors = collectPageErrors(page);
  await signInAt(connection, TESS.username, 'Temporary-Pass-7', TESS.password);
  await page.reload();
  await page.getByTestId('navigation').getByRole('link', { name: 'Instruments' }).click();
  await page.getByTestId('register-instrument').click();
  return { page, errors };
}

let cleanups: (() => Promise<void> | void)[] = [];
const savedPath = process.env.PATH;

test.beforeEach(() => {
  // A fresh encrypted data folder and a sign-in each: slow on a busy machine.
  test.setTimeout(120_000);
  const folders = udevadmFolders();
  cleanups = [folders.dispose];
  // Chromium is already running: from here on only the core looks things up on the PATH.
  process.env.PATH = folders.withoutUdevadm;
});

test.afterEach(async () => {
  process.env.PATH = savedPath;
  for (const cleanup of cleanups.reverse()) await cleanup();
});

test('without udevadm the register form offers the ports sysfs lists', async ({ context }) => {
  const root = temporaryFolder('ebr-e2e-sysfs-');
  cleanups.push(() => rmSync(root, { recursive: true, force: true }));
  const roots = buildSysfsTree(root);
  const { page, errors } = await registerFormWith(context, { roots }, cleanups);
  const suggestions = page.getByTestId('instrument-port-suggestions').locator('option');
  await expect(suggestions).toHaveCount(SYSFS_TREE_PORTS.length);
  const values = await suggestions.evaluateAll((options) =>
    options.map((option) => (option as HTMLOptionElement).value),
  );
  expect(values).toEqual(SYSFS_TREE_PORTS.map((name) => path.join(roots.dev, name)));
  await expect(page.getByTestId('instrument-port-suggestions').locator('option[label]')).toHaveAttribute(
    'label',
    'FTDI · S/N A10K1234',
  );
  await expect(page.getByTestId('instrument-ports-problem')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('when neither udevadm nor /sys/class/tty can list ports, the form says so and the port can be typed', async ({
  context,
}) => {
  const root = temporaryFolder('ebr-e2e-nosysfs-');
  cleanups.push(() => rmSync(root, { recursive: true, force: true }));
  const missing = path.join(root, 'no-sys');
  const { page, errors } = await registerFormWith(context, { roots: { sys: missing, dev: root } }, cleanups);
  const problem = page.getByTestId('instrument-ports-problem');
  await expect(problem).toHaveText(
    `The serial ports cannot be listed: udevadm is not installed (it comes with the udev package), and ` +
      `${missing}/class/tty cannot be read (ENOENT). Install udev, or type the instrument's port (e.g. /dev/ttyUSB0).`,
  );
  await expect(page.getByTestId('instrument-form-dialog')).not.toContainText('INTERNAL');
  await page.getByTestId('instrument-port').fill('/dev/ttyUSB0');
  await expect(page.getByTestId('instrument-port')).toHaveValue('/dev/ttyUSB0');
  await saveScreenshot(page, 'instrument-ports-unlistable', { fullPage: false });
  expect(errors).toEqual([]);
});
