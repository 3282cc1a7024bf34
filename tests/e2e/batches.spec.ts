import { expect, test, type Locator, type Page } from '@playwright/test';
import type { Connection } from '../../electron/core/app';
import type { AuditVerificationReport } from '../../shared/contract';
import type { BatchView } from '../../shared/contract/batches';
import type { SecuritySettings } from '../../shared/security-settings';
import { freshApp, signIn } from '../helpers/fresh-app';
import {
  createPeople,
  makeEffective,
  openPanelPc,
  OPERATOR,
  QA,
  SUPERVISOR,
  value,
  type Person,
} from './batch-floor';
import { cspViolations, saveLocatorScreenshot, saveScreenshot, signInAt } from './support';

const BATCH = 'B2026-0101';
const TRAINING_BATCH = 'T2026-0007';
const MINUTE = 60_000;

/** The same window, another person: sign out, sign in through the core, and show it. */
async function switchTo(page: Page, connection: Connection, person: Person): Promise<void> {
  await connection.invoke('auth.logout', {});
  await signInAt(connection, person.username, person.password);
  await page.reload();
  await expect(page.getByTestId('signed-in-user')).toContainText(person.fullName);
}

async function openNav(page: Page, label: string): Promise<void> {
  await page.getByTestId('navigation').getByRole('link', { name: label }).click();
}

/** The signature dialog open for `meaning`: the signed-in person's password, or a second person's. */
async function sign(page: Page, meaning: string, signer: 'self' | Person, password?: string): Promise<void> {
  const dialog = page.getByTestId('signature-dialog');
  await expect(dialog.locator('form')).toHaveAttribute('data-meaning', meaning);
  if (signer === 'self') {
    await expect(dialog.locator('form')).toHaveAttribute('data-mode', 'self');
    await dialog.getByTestId('signature-password').fill(password ?? OPERATOR.password);
  } else {
    await expect(dialog.locator('form')).toHaveAttribute('data-mode', 'cosigner');
    await dialog.getByTestId('signature-username').fill(signer.username);
    await dialog.getByTestId('signature-password').fill(password ?? signer.password);
  }
  await dialog.getByTestId('dialog-submit').click();
}

/** A signature block on screen: meaning, printed name, valid. */
async function expectSignatureBlock(scope: Locator, meaning: string, name: string): Promise<void> {
  const block = scope.locator(`[data-testid="signature-block"][data-meaning="${meaning}"]`).first();
  await expect(block).toHaveAttribute('data-valid', 'true');
  await expect(block.getByTestId('signature-block-name')).toContainText(name);
  await expect(block.getByTestId('signature-block-terminal')).toHaveText('WS-GRAN-02');
}

test('batch execution: a supervisor creates the batch, an operator executes all 49 steps to Execution complete', async ({
  context,
}) => {
  test.setTimeout(240_000);
  const started = Date.now();
  const fresh = await freshApp({ terminalName: 'WS-GRAN-02' });
  try {
    // ---- Setup through channels: people, a 60-minute lock (timers are advanced in steps), recipes ----
    await createPeople(fresh, [SUPERVISOR, OPERATOR, QA], 'the granulation suite');
    const admin = await fresh.admin();
    const settings = value<SecuritySettings>(await admin.invoke('settings.get', {}));
    value(
      await admin.invoke('settings.update', {
        settings: { ...settings, sessionLockMinutes: 60 },
        reason: 'Granulation suite: stirring and drying times are long',
      }),
    );
    const { connection: author } = await signIn(fresh.app, SUPERVISOR.username, SUPERVISOR.password);
    const { connection: qa } = await signIn(fresh.app, QA.username, QA.password);
    const realistic = await makeEffective(author, qa, 'wet-granulation-blend.json');
    const demo = await makeEffective(author, qa, 'demo-tablet-blend.json');
    author.close();
    qa.close();
    const stepCount = realistic.stepCount;
    expect(stepCount).toBe(49);

    const { page, connection, close, errors } = await openPanelPc(context, fresh);
    await expect(page.getByTestId('login-screen')).toBeVisible();

    // ---- The supervisor creates the batch in the UI -------------------------------------------------
    await signInAt(connection, SUPERVISOR.username, SUPERVISOR.password);
    await page.reload();
    await expect(page.getByTestId('signed-in-user')).toContainText(SUPERVISOR.fullName);
    await expect(page.getByTestId('navigation').getByRole('link', { name: 'Exceptions' })).toBeVisible();
    await openNav(page, 'Batches');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Batches');
    await expect(page.getByTestId('no-batches')).toBeVisible();
    await page.getByTestId('new-batch').click();
    const create = page.getByTestId('new-batch-dialog');
    await create.getByTestId('new-batch-recipe').selectOption(realistic.id);
    await expect(create.getByTestId('new-batch-quantity')).toHaveValue('100');
    await expect(
      create.locator('[data-testid="scaled-material"][data-code="RM-1001"] [data-testid="scaled-quantity"]'),
    ).toHaveText('80 kg');
    // Field errors come from the same schemas as the core.
    await create.getByTestId('new-batch-number').fill('2026/0101');
    await create.getByTestId('new-batch-quantity').fill('fifty');
    await create.getByTestId('dialog-submit').click();
    await expect(create.getByText('Batch number: a batch number is 3–24 uppercase letters')).toBeVisible();
    await expect(create.getByText('Enter the planned quantity as a number')).toBeVisible();
    await create.getByTestId('new-batch-quantity').fill('50');
    await expect(
      create.locator('[data-testid="scaled-material"][data-code="RM-1001"] [data-testid="scaled-quantity"]'),
    ).toHaveText('40 kg');
    await create.getByTestId('new-batch-quantity').fill('100');
    await create.getByTestId('new-batch-number').fill(BATCH.toLowerCase());
    await saveScreenshot(page, 'batches-01-new-batch', { fullPage: false });
    await create.getByTestId('dialog-submit').click();
    const screen = page.getByTestId('batch-screen');
    await expect(screen).toHaveAttribute('data-status', 'created');
    await expect(page.getByTestId('batch-number')).toHaveText(BATCH);
    await expect(page.getByTestId('flash')).toContainText(`Batch ${BATCH} created.`);
    await expect(page.getByTestId('batch-recipe')).toHaveText(
      `${realistic.code} version ${realistic.versionLabel}`,
    );
    await expect(page.getByTestId('batch-progress')).toHaveText(`0/${stepCount}`);
    await expect(page.getByTestId('training-watermark')).toHaveCount(0);

    // A small training batch of the demo recipe.
    await page.getByTestId('batch-details-toggle').click();
    await page.getByTestId('all-batches').click();
    await page.getByTestId('new-batch').click();
    await create.getByTestId('new-batch-recipe').selectOption(demo.id);
    await expect(create.getByTestId('new-batch-quantity')).toHaveValue('10');
    await create.getByTestId('new-batch-number').fill(TRAINING_BATCH);
    await create.getByTestId('new-batch-training').check();
    await create.getByTestId('dialog-submit').click();
    await expect(screen).toHaveAttribute('data-training', 'true');
    await expect(page.getByTestId('training-watermark')).toBeVisible();

    // ---- The operator executes it -------------------------------------------------------------------
    await switchTo(page, connection, OPERATOR);
    await expect(page.getByTestId('navigation').getByRole('link', { name: 'Exceptions' })).toHaveCount(0);
    await openNav(page, 'Batches');
    await page.locator(`[data-testid="batch-row"]:has-text("${BATCH}")`).getByTestId('open-batch').click();
    await expect(page.getByTestId('batch-number')).toHaveText(BATCH);
    await page.getByTestId('start-batch').click();
    await expect(screen).toHaveAttribute('data-status', 'in-progress');

    const panel = page.getByTestId('step-panel');
    /** What the operator sees with the step read from its top (the list at the side stays in view). */
    const stepShot = async (name: string) => {
      await panel.evaluate((element) =>
        window.scrollTo({
          top: element.getBoundingClientRect().top + window.scrollY - 12,
          behavior: 'instant',
        }),
      );
      await saveScreenshot(page, name, { fullPage: false });
    };
    const item = (id: string) => page.locator(`[data-testid="step-list-item"][data-step-id="${id}"]`);
    const expectCurrent = (id: string) => expect(panel).toHaveAttribute('data-step-id', id);
    const startStep = async (id: string) => {
      await expectCurrent(id);
      await panel.getByTestId('start-step').click();
      await expect(panel).toHaveAttribute('data-progress', 'mine');
    };
    const completed = async (id: string) => {
      await expect(item(id)).toHaveAttribute('data-progress', 'completed');
    };
    const typed = async (id: string, testId: string, text: string) => {
      await startStep(id);
      await panel.getByTestId(testId).fill(text);
      await panel.getByTestId(testId).press('Enter');
    };
    const acknowledge = async (id: string) => {
      await startStep(id);
      await panel.getByTestId('complete-step').click();
      await completed(id);
    };
    const ticks = async (id: string) => {
      await startStep(id);
      for (const box of await panel.getByTestId('check-item').all()) await box.check();
    };
    const weigh = async (id: string, net: string) => {
      await typed(id, 'entry-net', net);
      await sign(page, 'performed', 'self');
      await sign(page, 'verified', SUPERVISOR);
      await completed(id);
    };
    const timer = async (id: string, minutes: number) => {
      await startStep(id);
      fresh.clock.advance(minutes * MINUTE);
      await expect(panel.getByTestId('complete-step')).toBeEnabled();
      await panel.getByTestId('complete-step').click();
      await completed(id);
    };

    // Checklist with a second-person verification.
    await startStep('line_clearance');
    await expect(panel.getByTestId('check-item')).toHaveCount(6);
    const boxes = await panel.getByTestId('check-item').all();
    for (const box of boxes.slice(0, 5)) await box.check();
    await panel.getByTestId('complete-step').click();
    await expect(panel.getByTestId('step-refusal')).toHaveAttribute('data-reason', 'checklist-incomplete');
    await expect(panel.getByTestId('step-refusal-message')).toContainText('Tick every item');
    await boxes[5]!.check();
    await stepShot('batches-02-step-check');
    await panel.getByTestId('complete-step').click();
    await sign(page, 'performed', 'self');
    await sign(page, 'verified', SUPERVISOR);
    await completed('line_clearance');

    // A measurement out of its limits: recorded as a deviation with a comment.
    await startStep('room_temp');
    await panel.getByTestId('entry-value').fill('26.1');
    await stepShot('batches-03-step-measurement');
    await panel.getByTestId('entry-value').press('Enter');
    const deviation = page.getByTestId('deviation-dialog');
    await expect(deviation.getByTestId('violation-message')).toHaveText(
      'Room temperature: 26.1 °C is outside 18.0 – 25.0 °C.',
    );
    await deviation.getByTestId('dialog-submit').click();
    await expect(deviation.getByText('Explain the deviation (at least 3 characters).')).toBeVisible();
    await deviation
      .getByTestId('deviation-comment')
      .fill('Air handling unit AHU-2 alarm at 07:40; engineering informed (ticket 5521).');
    await saveScreenshot(page, 'batches-04-deviation-dialog', { fullPage: false });
    await deviation.getByTestId('dialog-submit').click();
    await completed('room_temp');
    await item('room_temp').click();
    await expect(panel.getByTestId('recorded-value')).toHaveText('26.1 °C');
    await expect(panel.getByTestId('recorded-verdict')).toHaveText(/OUT OF LIMITS/);
    const tempException = panel.getByTestId('exception-card');
    await expect(tempException).toHaveAttribute('data-handling', 'deviation');
    await expect(tempException.getByTestId('exception-comment')).toContainText('AHU-2');
    await expect(item('room_temp').getByTestId('step-list-exception')).toBeVisible();

    // Keyboard alone: Enter starts the step the cursor waits on, the scanner types and presses Enter.
    await item('room_rh').click();
    await startStep('room_rh');
    await panel.getByTestId('entry-value').fill('45');
    await page.keyboard.press('Enter');
    await completed('room_rh');
    for (const [id, code] of [
      ['scan_granulator', 'EQ-GRN-001'],
      ['scan_dryer', 'EQ-FBD-001'],
      ['scan_mill', 'EQ-MIL-001'],
      ['scan_blender', 'EQ-BLD-001'],
    ] as const) {
      await expectCurrent(id);
      await expect(panel.getByTestId('start-step')).toBeFocused();
      await page.keyboard.press('Enter');
      await expect(panel.getByTestId('entry-code')).toBeFocused();
      await page.keyboard.type(code);
      await page.keyboard.press('Enter');
      await completed(id);
    }

    // A GS1 code from the scanner: the group separator is kept (shown as <GS>); the wrong lot refused.
    await startStep('lot_api');
    await expect(panel.getByTestId('entry-code')).toBeFocused();
    await page.keyboard.type('010401234567890\u001d10RM-1001');
    await expect(panel.getByTestId('scan-read')).toHaveText('Read: 010401234567890<GS>10RM-1001');
    await page.keyboard.press('Enter');
    await expect(panel.getByTestId('step-refusal')).toHaveAttribute('data-reason', 'scan-mismatch');
    await expect(panel.getByTestId('step-refusal-message')).toContainText(
      'scanned 010401234567890<GS>10RM-1001',
    );
    await stepShot('batches-05-step-scan-refused');
    await expect(panel.getByTestId('entry-code')).toBeFocused();
    await page.keyboard.type('RM-1001/26A0412');
    await page.keyboard.press('Enter');
    await completed('lot_api');

    // The critical weighing: manual entry, performed by the operator, verified by the supervisor.
    await startStep('w_api');
    await expect(panel.getByTestId('weighing-window-target')).toHaveText('80.00 kg');
    await expect(panel.getByTestId('weighing-window-range')).toHaveText(
      'Accepted 79.60 kg – 80.40 kg (± 0.40 kg)',
    );
    await expect(panel.getByTestId('manual-notice')).toContainText(
      'Manual entry — needs second-person verification',
    );
    await panel.getByTestId('entry-net').fill('80.02');
    await panel.getByTestId('entry-tare').fill('1.35');
    await stepShot('batches-06-step-weighing');
    await panel.getByTestId('complete-step').click();
    // A wrong password of the operator is found only when the set is sent: asked again, then the rest.
    await expect(page.getByTestId('signature-dialog').getByTestId('signature-password')).toBeFocused();
    await sign(page, 'performed', 'self', 'Not-My-Password-1');
    await expect(page.getByTestId('signature-dialog').getByTestId('signature-username')).toBeFocused();
    const dialog = page.getByTestId('signature-dialog');
    await expect(dialog).toContainText('Signature 2 of 2: Verified');
    await expect(dialog.getByTestId('signed-subject')).toContainText('80.02 kg net (tare 1.35 kg)');
    await expect(dialog.getByTestId('cosigner-note')).toContainText(`not ${OPERATOR.fullName}`);
    await dialog.getByTestId('signature-username').fill(SUPERVISOR.username);
    await dialog.getByTestId('signature-password').fill(SUPERVISOR.password);
    await saveScreenshot(page, 'batches-07-cosign-verified', { fullPage: false });
    await dialog.getByTestId('dialog-submit').click();
    const refused = page.getByTestId('signer-refused-dialog');
    await expect(refused.getByTestId('signature-error')).toHaveAttribute('data-code', 'INVALID_CREDENTIALS');
    await expect(refused.getByTestId('sign-again')).toBeFocused();
    await page.keyboard.press('Enter');
    await sign(page, 'performed', 'self');
    await sign(page, 'verified', SUPERVISOR);
    await completed('w_api');
    await item('w_api').click();
    await expect(panel.getByTestId('recorded-value')).toHaveText('80.02 kg net (tare 1.35 kg)');
    await expect(panel.getByTestId('recorded-verdict')).toHaveText(/Within limits/);
    await expect(panel.getByTestId('recorded-origin')).toHaveText('Entered by hand');
    const apiSignatures = panel.getByTestId('step-signatures');
    await expectSignatureBlock(apiSignatures, 'performed', OPERATOR.fullName);
    await expectSignatureBlock(apiSignatures, 'verified', SUPERVISOR.fullName);
    await expect(panel.getByTestId('exception-card')).toHaveAttribute('data-type', 'manual-entry');
    await stepShot('batches-08-weighing-completed-signatures');
    await item('lot_pvp').click();

    await typed('lot_pvp', 'entry-code', 'RM-2010/26B0077');
    await completed('lot_pvp');
    // A co-signed weighing with the keyboard alone: Enter starts, Enter completes, each signer types and signs.
    await expectCurrent('w_pvp');
    await expect(panel.getByTestId('start-step')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(panel.getByTestId('entry-net')).toBeFocused();
    await page.keyboard.type('3.004');
    await page.keyboard.press('Enter');
    await expect(dialog.getByTestId('signature-password')).toBeFocused();
    await page.keyboard.type(OPERATOR.password);
    await page.keyboard.press('Enter');
    await expect(dialog.locator('form')).toHaveAttribute('data-meaning', 'verified');
    await expect(dialog.getByTestId('signature-username')).toBeFocused();
    await page.keyboard.type(SUPERVISOR.username);
    await page.keyboard.press('Tab');
    await page.keyboard.type(SUPERVISOR.password);
    await page.keyboard.press('Enter');
    await completed('w_pvp');
    await typed('lot_mcc', 'entry-code', 'RM-2020/25K1190');
    await completed('lot_mcc');
    await weigh('w_mcc', '12.49');
    await typed('lot_ccs', 'entry-code', 'RM-2030/26A0031');
    await completed('lot_ccs');
    await weigh('w_ccs', '4.012');
    await typed('lot_mgst', 'entry-code', 'RM-2040/26C0005');
    await completed('lot_mgst');
    await weigh('w_mgst', '0.501');
    await weigh('w_water', '22.10');

    // Binder: an instruction, a number, a 30-minute timer shown running, a checklist signed once.
    await startStep('binder_add');
    await stepShot('batches-09-step-instruction');
    await panel.getByTestId('complete-step').click();
    await completed('binder_add');
    await startStep('binder_stirrer');
    await panel.getByTestId('entry-value').fill('300');
    await stepShot('batches-10-step-numeric');
    await panel.getByTestId('entry-value').press('Enter');
    await completed('binder_stirrer');
    await startStep('binder_dissolve');
    fresh.clock.advance(10 * MINUTE);
    await expect(panel.getByTestId('timer-elapsed')).toHaveText(/^10:0\d$/);
    await expect(panel.getByTestId('timer-remaining')).toHaveText(/^(19:5\d|20:00)$/);
    await expect(panel.getByTestId('complete-step')).toBeDisabled();
    await panel
      .getByTestId('complete-step')
      .evaluate((button) => button.scrollIntoView({ block: 'nearest' }));
    await stepShot('batches-11-step-timer');
    fresh.clock.advance(20.5 * MINUTE);
    await expect(panel.getByTestId('timer')).toHaveAttribute('data-state', 'ready');
    await panel.getByTestId('complete-step').click();
    await completed('binder_dissolve');
    await ticks('binder_clear');
    await panel.getByTestId('complete-step').click();
    await sign(page, 'performed', 'self');
    await completed('binder_clear');

    // Hold and resume (Escape first closes the dialog without doing anything); a step released and taken again.
    await expectCurrent('gran_load');
    // Hold and Abort are in the batch's details: the header is one line while executing.
    await page.getByTestId('batch-details-toggle').click();
    await page.getByTestId('hold-batch').click();
    await expect(page.getByTestId('hold-dialog')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('hold-dialog')).toHaveCount(0);
    await expect(screen).toHaveAttribute('data-status', 'in-progress');
    await page.getByTestId('hold-batch').click();
    await page
      .getByTestId('hold-dialog')
      .getByTestId('reason')
      .fill('Granulator CIP alarm: waiting for maintenance');
    await page.getByTestId('hold-dialog').getByTestId('dialog-submit').click();
    await expect(screen).toHaveAttribute('data-status', 'on-hold');
    await expect(page.getByTestId('batch-status')).toHaveText(/On hold/);
    await expect(panel.getByTestId('step-wait')).toContainText('on hold');
    await expect(panel.getByTestId('start-step')).toHaveCount(0);
    await page.getByTestId('resume-batch').click();
    await expect(screen).toHaveAttribute('data-status', 'in-progress');
    await startStep('gran_load');
    await panel.getByTestId('release-step').click();
    await page
      .getByTestId('release-step-dialog')
      .getByTestId('reason')
      .fill('Called to the dispensing booth');
    await page.getByTestId('release-step-dialog').getByTestId('dialog-submit').click();
    await expect(panel).toHaveAttribute('data-progress', 'ready');
    await expect(page.getByTestId('flash')).toContainText('released');

    // Granulation.
    await acknowledge('gran_load');
    await timer('dry_mix', 3.5);
    await timer('binder_hold', 0);
    await typed('gran_impeller', 'entry-value', '150');
    await completed('gran_impeller');
    await timer('binder_addition', 4.5);
    await typed('gran_chopper', 'entry-value', '1500');
    await completed('gran_chopper');
    await timer('wet_massing', 2.5);
    await typed('gran_power', 'entry-value', '13.2');
    await sign(page, 'performed', 'self');
    await sign(page, 'verified', SUPERVISOR);
    await completed('gran_power');
    await ticks('gran_endpoint');
    await panel.getByTestId('complete-step').click();
    await completed('gran_endpoint');
    await acknowledge('gran_discharge');

    // Drying: instrument measurements typed by hand need a second person.
    await startStep('dry_inlet_temp');
    await expect(panel.getByTestId('manual-notice')).toBeVisible();
    await panel.getByTestId('entry-value').fill('60.2');
    await panel.getByTestId('entry-value').press('Enter');
    await sign(page, 'verified', SUPERVISOR);
    await completed('dry_inlet_temp');
    await timer('dry_time', 31);
    await typed('dry_product_temp', 'entry-value', '40.1');
    await sign(page, 'verified', SUPERVISOR);
    await completed('dry_product_temp');

    // LOD above its blocking limit: the supervisor overrides with a reason and a signature.
    await typed('lod', 'entry-value', '2.80');
    const override = page.getByTestId('override-dialog');
    await expect(override.getByTestId('violation-message')).toHaveText(
      'Loss on drying of the dried granules: 2.80 % is outside 1.00 – 2.50 % (target 1.80).',
    );
    await override
      .getByTestId('reason')
      .fill('QC retest on a second sample gave 2.41 %; released by QC (LIMS 7781).');
    await saveScreenshot(page, 'batches-12-override-dialog', { fullPage: false });
    await override.getByTestId('dialog-submit').click();
    await expect(dialog).toContainText('Signature 1 of 3: Overridden (supervisor override)');
    await expect(dialog.getByTestId('signature-statement')).toHaveText(
      '“I authorize this override of a limit.”',
    );
    await expect(dialog.getByTestId('signed-subject')).toContainText('Override reason');
    await dialog.getByTestId('signature-username').fill(SUPERVISOR.username);
    await dialog.getByTestId('signature-password').fill(SUPERVISOR.password);
    await saveScreenshot(page, 'batches-13-override-signature', { fullPage: false });
    await dialog.getByTestId('dialog-submit').click();
    await sign(page, 'performed', 'self');
    await sign(page, 'verified', SUPERVISOR);
    await completed('lod');
    await item('lod').click();
    await expect(panel.getByTestId('recorded-value')).toHaveText('2.80 %');
    await expect(panel.getByTestId('recorded-verdict')).toHaveText(/OUT OF LIMITS/);
    const lodOverride = panel.locator('[data-testid="exception-card"][data-handling="override"]');
    await expect(lodOverride).toHaveAttribute('data-severity', 'critical');
    await expect(lodOverride.getByTestId('exception-comment')).toContainText('LIMS 7781');
    await expectSignatureBlock(lodOverride, 'overridden', SUPERVISOR.fullName);
    await expect(panel.locator('[data-testid="exception-card"][data-type="manual-entry"]')).toHaveCount(1);
    await panel.getByTestId('step-exceptions').scrollIntoViewIfNeeded();
    await saveLocatorScreenshot(panel, 'batches-14-blocked-value-overridden');

    // Milling and final blend; a comment on the way.
    await item('mill_screen_before').click();
    await ticks('mill_screen_before');
    await panel.getByTestId('complete-step').click();
    await completed('mill_screen_before');
    await typed('mill_speed', 'entry-value', '1200');
    await completed('mill_speed');
    await ticks('mill_screen_after');
    await panel.getByTestId('complete-step').click();
    await sign(page, 'performed', 'self');
    await sign(page, 'verified', SUPERVISOR);
    await completed('mill_screen_after');
    await item('mill_screen_after').click();
    await panel
      .getByTestId('comment-text')
      .fill('Screen photographed before and after milling (photo log p. 12).');
    await panel.getByTestId('comment-submit').click();
    await expect(panel.getByTestId('step-comment')).toHaveCount(1);
    await expect(panel.getByTestId('step-comment')).toContainText(OPERATOR.fullName);
    await item('blend_load').click();
    await acknowledge('blend_load');
    await typed('blend_speed', 'entry-value', '12');
    await completed('blend_speed');
    await timer('blend_time', 15.5);
    await acknowledge('blend_lub');
    await timer('lub_time', 3.2);
    await ticks('bu_sampling');
    await panel.getByTestId('complete-step').click();
    await sign(page, 'performed', 'self');
    await sign(page, 'verified', SUPERVISOR);
    await completed('bu_sampling');
    await typed('bu_samples', 'entry-value', '10');
    await completed('bu_samples');

    // Yield: the bulk weighed, then the calculation computed by the core, reviewed by the supervisor.
    await weigh('w_bulk', '98.60');
    await startStep('yield_pct');
    const preview = panel.getByTestId('calculation-preview');
    await expect(preview.getByTestId('calculation-value')).toHaveText('98.6 %');
    await expect(preview.getByTestId('calculation-formula')).toHaveText(
      'w_bulk / (w_api + w_pvp + w_mcc + w_ccs + w_mgst) * 100',
    );
    await expect(preview.locator('[data-testid="calculation-input"][data-step-id="w_bulk"]')).toContainText(
      '98.6',
    );
    await expect(preview.locator('[data-testid="calculation-input"][data-step-id="w_api"]')).toContainText(
      '80.02',
    );
    await expect(panel.locator('input[type="text"], input:not([type])')).toHaveCount(0); // never typed
    await stepShot('batches-15-step-calculation');
    await panel.getByTestId('complete-step').click();
    await sign(page, 'reviewed', SUPERVISOR);
    await completed('yield_pct');
    await ticks('label_bulk');
    await panel.getByTestId('complete-step').click();
    await sign(page, 'performed', 'self');
    await sign(page, 'reviewed', SUPERVISOR);
    await completed('label_bulk');
    await expect(page.getByTestId('batch-progress')).toHaveText(`${stepCount}/${stepCount}`);

    // A correction of the bulk weight: the original stays struck through; the yield is recomputed.
    await item('w_bulk').click();
    await panel.getByTestId('correct-step').click();
    const correction = panel.getByTestId('correction-form');
    await expect(correction.getByTestId('entry-net')).toHaveValue('98.60');
    await correction.getByTestId('entry-net').fill('99.10');
    await correction.getByTestId('reason').fill('Transcription error: drum 4 was 25.12 kg, not 24.62 kg.');
    await correction.getByTestId('correction-continue').click();
    await sign(page, 'corrected', 'self');
    await sign(page, 'verified', SUPERVISOR);
    await expect(item('w_bulk')).toHaveAttribute('data-progress', 'changed');
    await expect(panel.getByTestId('recorded-value')).toHaveText('99.10 kg net');
    await expect(panel.getByTestId('changed-notice')).toContainText(
      'Changed since original entry (98.60 kg net)',
    );
    await expect(panel.getByTestId('changed-notice')).toContainText(OPERATOR.fullName);
    await expect(panel.getByTestId('changed-notice')).toContainText('drum 4');
    const history = panel.getByTestId('history-entry');
    await expect(history).toHaveCount(2);
    await expect(history.nth(0)).toHaveAttribute('data-superseded', 'true');
    await expect(history.nth(0).locator('del')).toHaveText('98.60 kg net');
    await expectSignatureBlock(history.nth(0), 'performed', OPERATOR.fullName);
    await expect(history.nth(1)).toHaveAttribute('data-kind', 'correction');
    // The value as it stands is signed "corrected" and verified; the original keeps its own signatures.
    await expectSignatureBlock(panel.getByTestId('step-signatures'), 'corrected', OPERATOR.fullName);
    await expectSignatureBlock(panel.getByTestId('step-signatures'), 'verified', SUPERVISOR.fullName);
    await expect(page.getByTestId('flash')).toContainText('Recomputed: Yield, % of theoretical 99.1 %');
    await panel.getByTestId('entry-history').scrollIntoViewIfNeeded();
    await saveLocatorScreenshot(panel, 'batches-16-correction-struck-original');
    await item('yield_pct').click();
    await expect(item('yield_pct')).toHaveAttribute('data-progress', 'changed');
    await expect(panel.getByTestId('recorded-value')).toHaveText('99.1 %');
    await expect(panel.getByTestId('changed-notice')).toContainText('recomputed by');
    await expect(panel.getByTestId('history-entry').nth(0).locator('del')).toHaveText('98.6 %');
    await expect(panel.getByTestId('history-entry').nth(1)).toHaveAttribute('data-kind', 'recomputed');
    await expect(panel.locator('[data-testid="calculation-input"][data-step-id="w_bulk"]')).toContainText(
      '99.1',
    );
    await saveLocatorScreenshot(panel, 'batches-17-recomputed-calculation');

    // Execution complete, signed by the operator.
    await page.getByTestId('complete-execution').click();
    await sign(page, 'performed', 'self');
    await expect(screen).toHaveAttribute('data-status', 'execution-complete');
    await expect(page.getByTestId('batch-status')).toHaveText(/Execution complete/);
    await expectSignatureBlock(page.getByTestId('batch-signatures'), 'performed', OPERATOR.fullName);
    await expect(page.getByTestId('correct-step')).toHaveCount(0);
    await page.evaluate(() => window.scrollTo({ top: 0, behavior: 'instant' }));
    await saveScreenshot(page, 'batches-18-execution-complete', { fullPage: false });

    // ---- The training batch: marked on the screen, then aborted with the supervisor's signature ------
    await openNav(page, 'Batches');
    await page
      .locator(`[data-testid="batch-row"]:has-text("${TRAINING_BATCH}")`)
      .getByTestId('open-batch')
      .click();
    await expect(screen).toHaveAttribute('data-training', 'true');
    await page.getByTestId('start-batch').click();
    await expect(screen).toHaveAttribute('data-status', 'in-progress');
    await expect(page.getByTestId('training-watermark')).toHaveText('TRAINING — not a GMP record');
    await startStep('start');
    await saveScreenshot(page, 'batches-19-training-watermark', { fullPage: false });
    await page.getByTestId('batch-details-toggle').click();
    await page.getByTestId('abort-batch').click();
    await page.getByTestId('abort-dialog').getByTestId('reason').fill('Training session ended early');
    await page.getByTestId('abort-dialog').getByTestId('dialog-submit').click();
    await sign(page, 'aborted', SUPERVISOR);
    await expect(screen).toHaveAttribute('data-status', 'aborted');
    await expectSignatureBlock(page.getByTestId('batch-signatures'), 'aborted', SUPERVISOR.fullName);

    await page.getByTestId('all-batches').click();
    await expect(page.getByTestId('batch-row')).toHaveCount(2);
    const row = page.locator(`[data-testid="batch-row"]:has-text("${BATCH}")`);
    await expect(row.getByTestId('batch-status')).toHaveAttribute('data-status', 'execution-complete');
    await expect(row.getByTestId('batch-progress')).toHaveText(`${stepCount}/${stepCount}`);
    const trainingRow = page.locator(`[data-testid="batch-row"]:has-text("${TRAINING_BATCH}")`);
    await expect(trainingRow.getByTestId('training-badge')).toBeVisible();
    await expect(trainingRow.getByTestId('batch-status')).toHaveAttribute('data-status', 'aborted');
    await saveScreenshot(page, 'batches-20-list');
    await page.getByTestId('batch-status-filter').selectOption('aborted');
    await expect(page.getByTestId('batch-row')).toHaveCount(1);

    // ---- The supervisor's view of open exceptions ---------------------------------------------------
    await switchTo(page, connection, SUPERVISOR);
    await openNav(page, 'Exceptions');
    const rows = page.getByTestId('exception-card');
    await expect(page.getByTestId('exceptions-summary')).toContainText('13 open');
    const lodRow = rows.filter({ hasText: 'Overridden by a supervisor' });
    await expect(lodRow.getByTestId('exception-batch')).toHaveText(BATCH);
    await expect(lodRow.getByTestId('exception-step')).toContainText('Loss on drying');
    await expect(lodRow.getByTestId('exception-severity')).toHaveText(/Critical/);
    await expect(lodRow.getByTestId('exception-comment')).toContainText('LIMS 7781');
    await expectSignatureBlock(lodRow, 'overridden', SUPERVISOR.fullName);
    const deviationRow = rows.filter({ hasText: 'Room temperature' });
    await expect(deviationRow.getByTestId('exception-handling')).toHaveText('Deviation');
    await expect(deviationRow.getByTestId('exception-comment')).toContainText('AHU-2');
    // Manual entries: 7 weighings, the correction, 3 instrument measurements.
    await expect(rows.filter({ hasText: 'Manual entry where an instrument was expected' })).toHaveCount(11);
    await expect(rows).toHaveCount(13);
    // Critical first (the override), then by age; filters narrow the list.
    await expect(rows.first().getByTestId('exception-severity')).toHaveText(/Critical/);
    await expect(rows.first()).toContainText('Overridden by a supervisor');
    await saveScreenshot(page, 'batches-21-supervisor-exceptions');
    await page.getByTestId('exceptions-severity-filter').selectOption('critical');
    await expect(rows.filter({ hasText: 'Manual entry where an instrument was expected' })).toHaveCount(0);
    await expect(rows.first()).toContainText('Loss on drying');
    await page.getByTestId('exceptions-severity-filter').selectOption('all');
    await page.getByTestId('exceptions-type-filter').selectOption('manual-entry');
    await expect(rows).toHaveCount(11);

    expect(await cspViolations(page), 'CSP violations').toEqual([]);
    expect(errors, 'page errors').toEqual([]);
    await close();

    // ---- At the core: complete, every signature valid, the audit trail intact ------------------------
    const { connection: check } = await signIn(fresh.app, SUPERVISOR.username, SUPERVISOR.password);
    const batches = value<{ id: string; batchNumber: string }[]>(await check.invoke('batches.list', {}));
    const batchId = batches.find((batch) => batch.batchNumber === BATCH)!.id;
    const view = value<BatchView>(await check.invoke('batches.get', { batchId }));
    expect(view.status).toBe('execution-complete');
    expect(view.steps.every((step) => step.status === 'completed')).toBe(true);
    const signatures = view.steps.flatMap((step) => step.entries.flatMap((entry) => entry.signatures));
    expect(signatures.length).toBeGreaterThan(25);
    expect(signatures.every((signature) => signature.verification.valid)).toBe(true);
    const report = value<AuditVerificationReport>(await check.invoke('audit.verify', {}));
    expect(report.intact).toBe(true);
    check.close();
    console.log(`batches.spec: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await fresh.cleanup();
  }
});
