/**
 * The operator's screen on a 1280 × 800 shop-floor panel PC: in every state of every step type the
 * step's title, what it asks for, its input (or the live reading) and its one primary action are in
 * the window without scrolling; opening a batch puts the focus on that action; normal states use no
 * alarm colour; the key screens pass axe-core with no serious or critical violation.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { toUtcIso } from '../../electron/core/clock';
import type { SecuritySettings } from '../../shared/security-settings';
import { freshApp, signIn, TEST_START_MS, type FreshApp } from '../helpers/fresh-app';
import {
  createBatch,
  createPeople,
  makeEffective,
  openBatchAs,
  openPanelPc,
  OPERATOR,
  QA,
  registerInstrument,
  SUPERVISOR,
  TECHNICIAN,
  value,
  waitReady,
  type Person,
} from './batch-floor';
import { alarmColours, seriousViolations } from './hmi-checks';
import { saveScreenshot, signInAt } from './support';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The panel PC's common size first, then the other two shop-floor sizes (issue 25). */
const WINDOWS = [
  { width: 1280, height: 800 },
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
] as const;
type Window = (typeof WINDOWS)[number];

/** "1280x800": names screenshots at the sizes other than the common one. */
const sizeName = (size: Window) => `${size.width}x${size.height}`;
const BATCH = 'TRN-2026-0025';
const SIM_SERIAL = 'SIM0000025';

/** Inside the window, entirely: nothing of it needs scrolling to be seen or tapped. */
async function expectInWindow(locator: Locator, what: string): Promise<void> {
  await expect(locator, `${what} is shown`).toBeVisible();
  await expect(locator, `${what} is inside the window`).toBeInViewport({ ratio: 1 });
}

/** The screenshot's name: the state, and the size when it is not the common 1280 × 800. */
function shotName(state: string, size: Window): string {
  const name = `panel-pc-${state.replace(/[^a-z]+/g, '-').replace(/-$/, '')}`;
  return size.width === 1280 ? name : `${name}-${sizeName(size)}`;
}

/**
 * The step's title, what it asks for, the value being entered and the primary action, all in view
 * (the window as it is, saved for people to look at first).
 */
async function expectStepInWindow(
  page: Page,
  size: Window,
  state: string,
  parts: Record<string, Locator>,
): Promise<void> {
  await saveScreenshot(page, shotName(state, size), { fullPage: false });
  const panel = page.getByTestId('step-panel');
  await expectInWindow(panel.getByTestId('step-title'), `${state}: the step's title`);
  for (const [what, locator] of Object.entries(parts)) await expectInWindow(locator, `${state}: ${what}`);
  expect(
    await page.evaluate(() => document.documentElement.scrollWidth),
    `${state}: no sideways scrolling`,
  ).toBeLessThanOrEqual(size.width);
}

async function sign(page: Page, meaning: string, signer: Person): Promise<void> {
  const dialog = page.getByTestId('signature-dialog');
  await expect(dialog.locator('form')).toHaveAttribute('data-meaning', meaning);
  if (signer !== OPERATOR) await dialog.getByTestId('signature-username').fill(signer.username);
  await dialog.getByTestId('signature-password').fill(signer.password);
  await dialog.getByTestId('dialog-submit').click();
  // Argon2 re-authentication on a busy machine: wait until this signature is taken.
  await expect(dialog.locator(`form[data-meaning="${meaning}"]`)).toHaveCount(0, { timeout: 30_000 });
}

for (const size of WINDOWS) {
  test(`panel PC ${size.width} × ${size.height}: every step type and state shows its title, input and primary action without scrolling`, async ({
    context,
  }) => {
    test.setTimeout(420_000);
    const started = Date.now();
    let fresh: FreshApp | undefined;
    try {
      fresh = await freshApp({ terminalName: 'WS-PANEL-01' });
      await createPeople(fresh, [SUPERVISOR, OPERATOR, TECHNICIAN, QA], 'the dispensing booth');
      // The blend timer is advanced 10 minutes: the session must not lock meanwhile.
      const admin = await fresh.admin();
      const settings = value<SecuritySettings>(await admin.invoke('settings.get', {}));
      value(
        await admin.invoke('settings.update', {
          settings: { ...settings, sessionLockMinutes: 60 },
          reason: 'Dispensing booth: blend times are long',
        }),
      );
      const { connection: author } = await signIn(fresh.app, SUPERVISOR.username, SUPERVISOR.password);
      const { connection: qa } = await signIn(fresh.app, QA.username, QA.password);
      const demo = await makeEffective(author, qa, 'demo-tablet-blend.json');
      qa.close();
      const { connection: technician } = await signIn(fresh.app, TECHNICIAN.username, TECHNICIAN.password);
      const simulated = await registerInstrument(
        technician,
        {
          kind: 'balance',
          protocol: 'mt-sics',
          serial: { baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1, flowControl: 'xon-xoff' },
          unit: 'kg',
          capacity: 32,
          readability: 0.001,
          minimumWeight: 0.1,
          calibrationDueUtc: toUtcIso(TEST_START_MS + 30 * DAY_MS),
          terminalId: fresh.app.runtime!.terminal.id,
          assetId: 'SIM-BAL-25',
          port: 'simulator',
          expectedSerialNumber: SIM_SERIAL,
          model: 'Training balance',
          simulated: true,
        },
        'Training balance for the panel PC',
      );
      technician.close();
      const batch = await createBatch(author, demo, BATCH, { plannedQuantity: 10, training: true });
      author.close();

      const { page, connection, close, errors } = await openPanelPc(context, fresh);
      await page.setViewportSize(size);
      await signInAt(connection, OPERATOR.username, OPERATOR.password);
      await waitReady(connection, simulated.id);
      const panel = page.getByTestId('step-panel');
      /** The state shown from the top of the page, as it is after opening or after the last action. */
      const atTop = () => page.evaluate(() => window.scrollTo({ top: 0, behavior: 'instant' }));
      const shot = (name: string) => saveScreenshot(page, shotName(name, size), { fullPage: false });

      // ---- Created: the batch's own action is the one to take, focused on opening --------------------
      await openBatchAs(page, OPERATOR, BATCH);
      await expect(page.getByTestId('start-batch')).toBeFocused();
      await expectStepInWindow(page, size, 'created', {
        'the wait notice': panel.getByTestId('step-wait'),
        'Start batch': page.getByTestId('start-batch'),
      });
      await expect(page.getByTestId('batch-details')).toBeHidden();
      value(await connection.invoke('batches.start', { batchId: batch.id }));

      // ---- Instruction: ready (focus on Start step after opening), then in progress -------------------
      await openBatchAs(page, OPERATOR, BATCH);
      await expect(panel).toHaveAttribute('data-progress', 'ready');
      await expect(panel.getByTestId('start-step')).toBeFocused();
      expect(await seriousViolations(page), 'axe-core: the batch screen').toEqual([]);
      await expectStepInWindow(page, size, 'instruction ready', {
        'the instruction': panel.getByTestId('step-instruction'),
        'Start step': panel.getByTestId('start-step'),
      });
      // A scanner's (or keyboard's) Enter does what a tap does.
      await page.keyboard.press('Enter');
      await expect(panel).toHaveAttribute('data-progress', 'mine');
      await atTop();
      await expectStepInWindow(page, size, 'instruction in progress', {
        'the instruction': panel.getByTestId('step-instruction'),
        Acknowledge: panel.getByTestId('complete-step'),
      });
      await panel.getByTestId('complete-step').click();

      // ---- Check list: every item and the action; awaiting signatures in the dialog ---------------------
      await expect(panel).toHaveAttribute('data-step-id', 'line_clearance');
      await expect(panel.getByTestId('start-step')).toBeFocused();
      await page.keyboard.press('Enter');
      await expect(panel).toHaveAttribute('data-progress', 'mine');
      await atTop();
      const items = panel.getByTestId('check-item');
      await expect(items).toHaveCount(3);
      await expectStepInWindow(page, size, 'check list in progress', {
        'the first item': items.nth(0),
        'the last item': items.nth(2),
        'Complete step': panel.getByTestId('complete-step'),
      });
      for (const item of await items.all()) await item.click();
      await atTop();
      await expectInWindow(panel.getByTestId('complete-step'), 'check list ticked: Complete step');
      await shot('check-list-ticked');
      await panel.getByTestId('complete-step').click();
      const dialog = page.getByTestId('signature-dialog');
      await expect(dialog.getByTestId('signature-password')).toBeFocused();
      await expectInWindow(dialog.getByTestId('signed-subject'), 'awaiting signatures: what is signed');
      await expectInWindow(dialog.getByTestId('signature-password'), 'awaiting signatures: the password');
      await expectInWindow(dialog.getByTestId('dialog-submit'), 'awaiting signatures: Sign');
      await shot('awaiting-signatures');
      await sign(page, 'performed', OPERATOR);
      await sign(page, 'verified', SUPERVISOR);

      // ---- Scan: the field takes the scanner's code; its Enter completes the step ----------------------
      await expect(panel).toHaveAttribute('data-step-id', 'scan_blender');
      await panel.getByTestId('start-step').click();
      await expect(panel.getByTestId('entry-code')).toBeFocused();
      await atTop();
      await expectStepInWindow(page, size, 'scan in progress', {
        'the expected code': panel.getByTestId('scan-expected'),
        'the scanned code': panel.getByTestId('entry-code'),
        'Complete step': panel.getByTestId('complete-step'),
      });
      await page.keyboard.type('EQ-BLD-010');
      await page.keyboard.press('Enter');

      // ---- Weighing on the balance: ready, then the live reading, tolerance and Capture ------------------
      await expect(panel).toHaveAttribute('data-step-id', 'w_api');
      await atTop();
      await expectStepInWindow(page, size, 'weighing ready', {
        'the target': panel.getByTestId('weighing-window'),
        'Start step': panel.getByTestId('start-step'),
      });
      await panel.getByTestId('start-step').click();
      const widget = panel.getByTestId('balance-widget');
      await expect(widget).toBeVisible();
      await widget.getByTestId('simulator-load').fill('2.006');
      await widget.getByTestId('simulator-place').click();
      await expect(widget.getByTestId('stability')).toHaveAttribute('data-status', 'stable');
      await expect(widget.getByTestId('capture-button')).toBeEnabled();
      await atTop();
      await expectStepInWindow(page, size, 'instrument capture', {
        'the live reading': widget.getByTestId('balance-net'),
        'the target and tolerance': widget.getByTestId('tolerance-bar'),
        Capture: widget.getByTestId('capture-button'),
      });
      // Capture comes first: no disabled finishing button beside it.
      await expect(panel.getByTestId('complete-step')).toHaveCount(0);
      // ISA-101: in progress, completed, critical, connected, stable, the tolerance band: no alarm colour.
      const normal = page.locator(
        [
          '[data-testid="step-state"]',
          '[data-testid="batch-status"]',
          '[data-testid="step-critical"]',
          '[data-testid="stability"][data-status="stable"]',
          '.connection--ready',
          '.tolerance-bar__band',
          '[data-testid="step-list-item"][data-progress="completed"]',
          '[data-testid="step-list-item"][data-progress="mine"]',
          '[data-testid="flash"]',
        ].join(', '),
      );
      expect(await normal.count(), 'the normal-state elements checked').toBeGreaterThanOrEqual(9);
      expect(await alarmColours(normal), 'normal states drawn in an alarm colour').toEqual([]);
      expect(
        await alarmColours(panel),
        'the critical step in progress, captured by a stable balance',
      ).toEqual([]);
      expect(await seriousViolations(page), 'axe-core: the step with the live balance').toEqual([]);
      await widget.getByTestId('capture-button').click();
      await sign(page, 'performed', OPERATOR);
      await sign(page, 'verified', SUPERVISOR);

      // ---- Weighing typed by hand: the notice is one line, the fields and the action in view -----------
      await expect(panel).toHaveAttribute('data-step-id', 'w_lactose');
      await panel.getByTestId('start-step').click();
      await panel.getByTestId('enter-by-hand').click();
      await expect(panel.getByTestId('entry-net')).toBeFocused();
      await atTop();
      await expectStepInWindow(page, size, 'manual entry', {
        'the target': panel.getByTestId('weighing-window'),
        'the manual-entry notice': panel.getByTestId('manual-notice'),
        'the net weight': panel.getByTestId('entry-net'),
        'Complete step': panel.getByTestId('complete-step'),
      });
      // Needing a second person's verification is attention: colour (with its "!"), unlike normal states.
      expect(await alarmColours(panel.getByTestId('manual-notice'))).not.toEqual([]);
      const notice = await panel.getByTestId('manual-notice').boundingBox();
      expect(notice!.height, 'the manual-entry notice is one line').toBeLessThan(60);
      await page.keyboard.type('8.010');
      await page.keyboard.press('Enter');
      await sign(page, 'performed', OPERATOR);
      await sign(page, 'verified', SUPERVISOR);

      // ---- Numeric with limits ---------------------------------------------------------------------------
      await expect(panel).toHaveAttribute('data-step-id', 'blend_speed');
      await panel.getByTestId('start-step').click();
      await expect(panel.getByTestId('entry-value')).toBeFocused();
      await atTop();
      await expectStepInWindow(page, size, 'numeric in progress', {
        'the limits': panel.getByTestId('step-limits'),
        'the value': panel.getByTestId('entry-value'),
        'Complete step': panel.getByTestId('complete-step'),
      });
      await page.keyboard.type('12');
      await page.keyboard.press('Enter');

      // ---- Timer running: the time and the (not yet possible) finishing action ---------------------------
      await expect(panel).toHaveAttribute('data-step-id', 'blend_time');
      await panel.getByTestId('start-step').click();
      await expect(panel.getByTestId('timer')).toHaveAttribute('data-state', /running|below-min/);
      await atTop();
      await expectStepInWindow(page, size, 'timer running', {
        'the time window': panel.getByTestId('timer-window'),
        'the elapsed time': panel.getByTestId('timer-elapsed'),
        'Stop the timer and complete': panel.getByTestId('complete-step'),
      });

      // ---- Blocked: the batch on hold; Resume is the one action, focused when the batch is opened ----------
      value(await connection.invoke('batches.hold', { batchId: batch.id, reason: 'Blender lid alarm' }));
      await openBatchAs(page, OPERATOR, BATCH);
      await expect(page.getByTestId('resume-batch')).toBeFocused();
      // On hold, the header stays one line (one row of 48–64 px targets): no second line for the hold.
      const header = await page.getByTestId('batch-header').boundingBox();
      expect(header!.height, 'the on-hold header is one line').toBeLessThan(100);
      await expectStepInWindow(page, size, 'blocked (on hold)', {
        'why it waits': panel.getByTestId('step-wait'),
        Resume: page.getByTestId('resume-batch'),
      });
      await page.keyboard.press('Enter');
      await expect(page.getByTestId('batch-screen')).toHaveAttribute('data-status', 'in-progress');

      // ---- Calculation: after the timer's minimum, the computed value and its action -----------------------
      fresh.clock.advance(10.5 * 60_000);
      await expect(panel.getByTestId('complete-step')).toBeEnabled({ timeout: 15_000 });
      await panel.getByTestId('complete-step').click();
      await expect(panel).toHaveAttribute('data-step-id', 'api_fraction');
      await panel.getByTestId('start-step').click();
      await atTop();
      await expectStepInWindow(page, size, 'calculation in progress', {
        'the limits': panel.getByTestId('step-limits'),
        'the computed value': panel.getByTestId('calculation-value'),
        'Record the computed value': panel.getByTestId('complete-step'),
      });
      expect(errors, 'page errors').toEqual([]);
      await close();
      console.log(`panel-pc.spec ${sizeName(size)}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
    } finally {
      await fresh?.cleanup();
    }
  });
}
