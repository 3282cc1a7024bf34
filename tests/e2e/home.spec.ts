/**
 * The start page for every role (issue 14 items 4–5), on the demonstration terminal `ebr demo`
 * builds: each person signs in at the sign-in screen and lands on what they should do next; from
 * the operator's page one click opens the next step of her batch in progress.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { createApp, type EbrApp } from '../../electron/core/app';
import { buildDemo } from '../../electron/core/demo/build-demo';
import { DEMO_ADMIN, DEMO_STAFF, type DemoPerson } from '../../electron/core/demo/demo-cast';
import { recoveryKeyProvider } from '../../electron/core/keys/recovery-key';
import { openWorkstationPage } from '../harness/bridge';
import { temporaryFolder } from '../helpers/fresh-app';
import { collectPageErrors, recordCspViolations, saveScreenshot } from './support';

let root: string;
let app: EbrApp;

test.beforeAll(async () => {
  // ebr demo costs about 80 Argon2 password checks: minutes on a busy machine.
  test.setTimeout(600_000);
  root = temporaryFolder('ebr-home-');
  const dataDir = path.join(root, 'data');
  const demo = await buildDemo({ dataDir });
  app = await createApp({
    dataDir,
    keyProvider: recoveryKeyProvider(demo.recoveryKey),
    sessionCheckIntervalMs: 0,
    backupCheckIntervalMs: 0,
    connectInstruments: false,
  });
});

test.afterAll(async () => {
  await app.close();
  rmSync(root, { recursive: true, force: true });
});

/** The sign-in screen, as a person uses it; on a 1280 × 800 panel PC. */
async function signIn(
  context: BrowserContext,
  person: DemoPerson,
): Promise<{ page: Page; errors: string[] }> {
  await recordCspViolations(context);
  const { page } = await openWorkstationPage(context, { app });
  await page.setViewportSize({ width: 1280, height: 800 });
  const errors = collectPageErrors(page);
  const form = page.getByTestId('login-screen');
  await form.getByTestId('login-username').fill(person.username);
  await form.getByTestId('login-password').fill(person.password);
  await form.getByTestId('login-submit').click();
  await expect(page.getByTestId('home-screen')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(person.fullName);
  await expect(page.getByTestId('demo-tag')).toContainText('DEMO');
  return { page, errors };
}

const sectionIds = ['home-operator', 'home-supervisor', 'home-qa', 'home-technician', 'home-admin'];

async function expectSections(page: Page, shown: string[]): Promise<void> {
  for (const id of sectionIds) await expect(page.getByTestId(id)).toHaveCount(shown.includes(id) ? 1 : 0);
}

test('the operator sees her batch in progress first and goes straight to its next step', async ({
  context,
}) => {
  test.setTimeout(120_000);
  const { page, errors } = await signIn(context, DEMO_STAFF.olga);
  await expectSections(page, ['home-operator']);
  const inProgress = page.getByTestId('home-batch-in-progress');
  await expect(inProgress).toHaveCount(3);
  // Hers first (DEMO-0005 and the training batch, each with her step in progress), Oscar's granulation after them.
  await expect(inProgress.last()).toContainText('GRAN-0001');
  const demo5 = inProgress.filter({ hasText: 'DEMO-0005' });
  await expect(demo5).toContainText('yours');
  await expect(demo5.getByTestId('home-next-step')).toHaveText('Next: step 4 “Weigh Demotabin”');
  await expect(inProgress.filter({ hasText: 'TRN-0001' }).getByTestId('training-badge')).toBeVisible();
  await expect(page.getByTestId('home-batch-ready')).toHaveText([/DEMO-0006.*Open to start/]);
  // Tiles are shop-floor targets.
  const box = await demo5.getByRole('link').boundingBox();
  expect(box!.height).toBeGreaterThanOrEqual(48);
  await saveScreenshot(page, 'home-operator', { fullPage: false });

  await demo5.getByRole('link', { name: /Go to step 4/ }).click();
  await expect(page.getByTestId('batch-screen')).toBeVisible();
  await expect(page.getByTestId('step-panel')).toHaveAttribute('data-step-id', 'w_api');
  await expect(page.getByTestId('step-panel')).toContainText('Weigh Demotabin');
  expect(errors).toEqual([]);
});

test('the supervisor sees the open exceptions and the batch on hold', async ({ context }) => {
  test.setTimeout(120_000);
  const { page, errors } = await signIn(context, DEMO_STAFF.sven);
  await expectSections(page, ['home-supervisor']);
  const exceptions = page.getByTestId('home-exception');
  await expect(exceptions.filter({ hasText: 'DEMO-0003' }).first()).toBeVisible();
  await expect(page.getByTestId('home-open-exceptions')).toContainText('Value out of limits');
  await expect(page.getByTestId('home-batch-on-hold')).toHaveText([/DEMO-0004.*On hold.*Open to resume/]);
  await saveScreenshot(page, 'home-supervisor', { fullPage: false });
  await page.getByTestId('home-batch-on-hold').getByRole('link').click();
  await expect(page.getByTestId('batch-screen')).toHaveAttribute('data-status', 'on-hold');
  expect(errors).toEqual([]);
});

test('QA sees the review queue head and today’s decisions', async ({ context }) => {
  test.setTimeout(120_000);
  const { page, errors } = await signIn(context, DEMO_STAFF.quinn);
  await expectSections(page, ['home-qa']);
  await expect(page.getByTestId('home-review-item')).toHaveText([/DEMO-0003.*open items.*Review/]);
  await saveScreenshot(page, 'home-qa', { fullPage: false });
  await page.getByTestId('home-review-item').getByRole('link').click();
  await expect(page).toHaveURL(/#\/review\/[0-9a-f-]+$/);
  expect(errors).toEqual([]);
});

test('the technician sees the instrument out of service, the calibration due and the missing backup', async ({
  context,
}) => {
  test.setTimeout(120_000);
  const { page, errors } = await signIn(context, DEMO_STAFF.tina);
  await expectSections(page, ['home-technician']);
  await expect(page.getByTestId('home-instrument-out')).toHaveText([/SIM-BAL-02.*Out of service/]);
  await expect(page.getByTestId('home-calibration')).toHaveText([/SIM-BAL-01.*Due soon/]);
  await expect(page.getByTestId('home-last-backup')).toContainText('Never backed up');
  await expect(page.getByTestId('home-exports-empty')).toBeVisible();
  await saveScreenshot(page, 'home-technician', { fullPage: false });
  await page.getByTestId('home-instrument-out').getByRole('link').click();
  await expect(page).toHaveURL(/#\/instruments$/);
  expect(errors).toEqual([]);
});

test('the administrator sees the lockout alert and the locked account', async ({ context }) => {
  test.setTimeout(120_000);
  const { page, errors } = await signIn(context, DEMO_ADMIN);
  await expectSections(page, ['home-admin']);
  await expect(page.getByTestId('home-alert').first()).toContainText('Not acknowledged');
  await expect(page.getByTestId('home-locked-user')).toHaveText([/Oscar Operator \(oscar\).*Locked/]);
  await saveScreenshot(page, 'home-admin', { fullPage: false });
  await page.getByTestId('home-locked-user').getByRole('link').click();
  await expect(page).toHaveURL(/#\/users$/);
  expect(errors).toEqual([]);
});

test('a person with several roles sees each of their sections once', async ({ context }) => {
  test.setTimeout(120_000);
  const { page, errors } = await signIn(context, DEMO_STAFF.morgan);
  await expectSections(page, ['home-supervisor', 'home-qa', 'home-technician']);
  await expect(page.getByTestId('home-signed-in')).toHaveText(/Supervisor, QA.*Technician at DEMO-01/);
  await saveScreenshot(page, 'home-several-roles');
  expect(errors).toEqual([]);
});
