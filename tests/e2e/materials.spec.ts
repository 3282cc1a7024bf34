/**
 * The batch's world in the real renderer against the real core (R211-84, R211-67): QA releases a
 * lot by signature on the Materials screen; a dirty granulator is refused at its step until an
 * operator records its cleaning (verified by a supervisor) on the Equipment screen; the operator
 * dispenses with scans: a quarantined lot refused on screen, the released one accepted, and the
 * weighing draws from it.
 */
import { expect, test, type Page } from '@playwright/test';
import type { Connection } from '../../electron/core/app';
import type { LotView } from '../../shared/contract/materials';
import { freshApp, signIn, type FreshApp } from '../helpers/fresh-app';
import {
  createBatch,
  createPeople,
  makeEffective,
  openBatchAs,
  openPanelPc,
  OPERATOR,
  QA,
  SUPERVISOR,
  TECHNICIAN,
  value,
  type Person,
} from './batch-floor';
import { cspViolations, saveScreenshot, signInAt } from './support';

const BATCH = 'B2026-0800';
/** What follows a signature (an Argon2 check each) may take more than 5 s on a busy machine. */
const SIGNED = { timeout: 20_000 };
const HANDLER: Person = {
  username: 'mia.mat',
  fullName: 'Mia Materialhandler',
  roles: ['material-handler'],
  password: 'Goods-Receipt-77',
};

async function switchTo(page: Page, connection: Connection, person: Person): Promise<void> {
  await connection.invoke('auth.logout', {});
  await signInAt(connection, person.username, person.password);
  await page.reload();
  await expect(page.getByTestId('signed-in-user')).toContainText(person.fullName);
}

const lot = (lotNumber: string, extra: Record<string, unknown> = {}) => ({
  fields: {
    lotNumber,
    materialCode: 'RM-1001',
    supplier: 'Granules India',
    supplierLot: `GI-${lotNumber}`,
    receivedDate: '2026-10-01',
    receivedQuantity: 200,
    containerCount: 8,
    expiryDate: '2029-09-30',
    potencyPercent: 99.8,
    ...extra,
  },
});

test('QA releases a lot, a cleaning record makes the granulator usable, the operator dispenses with scans', async ({
  context,
}) => {
  test.setTimeout(300_000);
  let fresh: FreshApp | undefined;
  try {
    // ---- Setup through channels: people, the wet granulation effective, the registers ------------
    fresh = await freshApp({ terminalName: 'WS-GRAN-02' });
    await createPeople(fresh, [SUPERVISOR, OPERATOR, TECHNICIAN, QA, HANDLER], 'granulation suite G-102');
    const { connection: author } = await signIn(fresh.app, SUPERVISOR.username, SUPERVISOR.password);
    const { connection: qa } = await signIn(fresh.app, QA.username, QA.password);
    const recipe = await makeEffective(author, qa, 'wet-granulation-blend.json');
    const { connection: handler } = await signIn(fresh.app, HANDLER.username, HANDLER.password);
    value(
      await handler.invoke('materials.register', {
        fields: { code: 'RM-1001', name: 'Paracetamol, dense powder', kind: 'active', baseUnit: 'kg' },
      }),
    );
    value(await handler.invoke('lots.register', lot('26A0301')));
    value(await handler.invoke('lots.register', lot('26A0302')));
    const { connection: technician } = await signIn(fresh.app, TECHNICIAN.username, TECHNICIAN.password);
    value(
      await technician.invoke('equipment.register', {
        fields: {
          code: 'EQ-GRN-001',
          kind: 'equipment',
          description: 'High-shear granulator, 600 L',
          room: 'Granulation G-102',
          cleanHoldHours: 72,
          dirtyHoldHours: 48,
          campaignBatches: 1,
        },
        reason: 'Qualified (IQ/OQ) and taken into use',
      }),
    );
    const batch = await createBatch(author, recipe, BATCH, { plannedQuantity: 100, training: false });
    const { connection: operator } = await signIn(fresh.app, OPERATOR.username, OPERATOR.password);
    value(await operator.invoke('batches.start', { batchId: batch.id }));
    const run = async (stepId: string, input: Record<string, unknown>, signatures: unknown[] = []) => {
      value(await operator.invoke('batches.startStep', { batchId: batch.id, stepId }));
      value(await operator.invoke('batches.completeStep', { batchId: batch.id, stepId, input, signatures }));
    };
    await run('line_clearance', { type: 'check', checked: [true, true, true, true, true, true] }, [
      { meaning: 'performed', credentials: { kind: 'self', password: OPERATOR.password } },
      {
        meaning: 'verified',
        credentials: { kind: 'cosigner', username: SUPERVISOR.username, password: SUPERVISOR.password },
      },
    ]);
    await run('room_temp', { type: 'measurement', origin: 'manual', value: '21.5' });
    await run('room_rh', { type: 'measurement', origin: 'manual', value: '45' });

    const { page, connection, errors } = await openPanelPc(context, fresh);

    // ---- QA releases lot 26A0302 on the Materials screen, by signature ---------------------------
    await signInAt(connection, QA.username, QA.password);
    await page.reload();
    await page.getByTestId('navigation').getByRole('link', { name: 'Materials' }).click();
    await page.getByTestId('lot-search').fill('26A03');
    await expect(page.getByTestId('lot-row-26A0302')).toContainText('QUARANTINE');
    await page.getByTestId('lot-row-26A0302').click();
    await page.getByTestId('lot-released').click();
    const statusDialog = page.getByTestId('lot-status-dialog');
    await statusDialog.getByTestId('reason').fill('Certificate of analysis and identity test (IR) conform');
    await statusDialog.getByTestId('dialog-submit').click();
    const signature = page.getByTestId('signature-dialog');
    await expect(signature.locator('form')).toHaveAttribute('data-meaning', 'released');
    await expect(signature.getByTestId('signed-subject')).toContainText('Lot 26A0302 → RELEASED');
    await signature.getByTestId('signature-password').fill(QA.password);
    await signature.getByTestId('dialog-submit').click();
    await expect(page.getByTestId('lot-status')).toHaveText('RELEASED', SIGNED);
    await expect(page.getByTestId('lot-history')).toContainText('Quinn QA — I release this for use.');
    await expect(page.getByTestId('lot-row-26A0301')).toContainText('QUARANTINE');
    await saveScreenshot(page, 'materials-01-lot-released');

    // ---- The operator: the dirty granulator is refused at its step ------------------------------
    await switchTo(page, connection, OPERATOR);
    await openBatchAs(page, OPERATOR, BATCH);
    const panel = page.getByTestId('step-panel');
    const item = (id: string) => page.locator(`[data-testid="step-list-item"][data-step-id="${id}"]`);
    const completed = (id: string) => expect(item(id)).toHaveAttribute('data-progress', 'completed', SIGNED);
    await expect(panel).toHaveAttribute('data-step-id', 'scan_granulator');
    await panel.getByTestId('start-step').click();
    await expect(panel.getByTestId('step-refusal')).toHaveAttribute('data-reason', 'equipment-dirty');
    await expect(panel.getByTestId('step-refusal-message')).toHaveText(
      'EQ-GRN-001 is DIRTY: record its cleaning before use.',
    );
    await saveScreenshot(page, 'materials-02-granulator-refused', { fullPage: false });

    // ---- … until its cleaning is recorded: performed by the operator, verified by the supervisor --
    await page.getByTestId('navigation').getByRole('link', { name: 'Equipment' }).click();
    await expect(page.getByTestId('equipment-status-EQ-GRN-001')).toHaveText('Dirty: to be cleaned');
    await page.getByTestId('equipment-EQ-GRN-001').click();
    await page.getByTestId('record-cleaning').click();
    const cleaning = page.getByTestId('cleaning-dialog');
    await cleaning.getByTestId('cleaning-procedure').fill('SOP-CLN-014 v3');
    await cleaning.getByTestId('cleaning-password').fill(OPERATOR.password);
    await cleaning.getByTestId('cleaning-verifier').fill(SUPERVISOR.username);
    await cleaning.getByTestId('cleaning-verifier-password').fill(SUPERVISOR.password);
    await saveScreenshot(page, 'materials-03-cleaning-record', { fullPage: false });
    await cleaning.getByTestId('dialog-submit').click();
    await expect(page.getByTestId('equipment-status-EQ-GRN-001')).toContainText(
      'Clean and free until',
      SIGNED,
    );
    await expect(page.getByTestId('equipment-logbook')).toContainText('Cleaned — SOP-CLN-014 v3');
    await expect(page.getByTestId('equipment-logbook')).toContainText(SUPERVISOR.fullName);
    await saveScreenshot(page, 'materials-04-equipment-board');

    // ---- Back at the batch: the granulator is accepted; the quarantined lot is refused ----------
    await page.getByTestId('navigation').getByRole('link', { name: 'Batches' }).click();
    await page.locator(`[data-testid="batch-row"]:has-text("${BATCH}")`).getByTestId('open-batch').click();
    for (const [id, code] of [
      ['scan_granulator', 'EQ-GRN-001'],
      ['scan_dryer', 'EQ-FBD-001'],
      ['scan_mill', 'EQ-MIL-001'],
      ['scan_blender', 'EQ-BLD-001'],
    ] as const) {
      await expect(panel).toHaveAttribute('data-step-id', id);
      await panel.getByTestId('start-step').click();
      await panel.getByTestId('entry-code').fill(code);
      await panel.getByTestId('entry-code').press('Enter');
      await completed(id);
    }
    await panel.getByTestId('start-step').click();
    await panel.getByTestId('entry-code').fill('RM-1001/26A0301');
    await panel.getByTestId('entry-code').press('Enter');
    await expect(panel.getByTestId('step-refusal')).toHaveAttribute('data-reason', 'lot-quarantined');
    await expect(panel.getByTestId('step-refusal-message')).toHaveText(
      'Lot 26A0301 is in QUARANTINE: it cannot be dispensed — ask QA.',
    );
    await saveScreenshot(page, 'materials-05-lot-refused', { fullPage: false });
    await panel.getByTestId('entry-code').fill('RM-1001/26A0302');
    await panel.getByTestId('entry-code').press('Enter');
    await completed('lot_api');

    // ---- The weighing draws from the lot just scanned ------------------------------------------
    await panel.getByTestId('start-step').click();
    await panel.getByTestId('entry-net').fill('80.02');
    await panel.getByTestId('complete-step').click();
    const sign = page.getByTestId('signature-dialog');
    await sign.getByTestId('signature-password').fill(OPERATOR.password);
    await sign.getByTestId('dialog-submit').click();
    await expect(sign).toContainText('Verified', SIGNED);
    await sign.getByTestId('signature-username').fill(SUPERVISOR.username);
    await sign.getByTestId('signature-password').fill(SUPERVISOR.password);
    await sign.getByTestId('dialog-submit').click();
    await completed('w_api');
    const drawn = value<LotView>(await qa.invoke('lots.get', { lotNumber: '26A0302' }));
    expect(drawn.uses.map((use) => [use.batchNumber, use.stepId, use.quantity])).toEqual([
      [BATCH, 'w_api', 80.02],
    ]);
    expect(drawn.remainingQuantity).toBeCloseTo(119.98, 9);
    const refusals = fresh.app
      .runtime!.store.sqlite.prepare("SELECT count(*) FROM audit_trail WHERE action = 'batch.use-refused'")
      .pluck()
      .get();
    expect(refusals).toBe(2);

    // ---- Genealogy on screen: the lot → its batch, the batch → its lots and equipment ------------
    await switchTo(page, connection, QA);
    await page.getByTestId('navigation').getByRole('link', { name: 'Materials' }).click();
    await page.getByTestId('open-genealogy').click();
    await page.getByTestId('genealogy-lot').fill('26a0302');
    await page.getByTestId('genealogy-trace-lot').click();
    const forward = page.getByTestId(`genealogy-batch-${BATCH}`);
    await expect(forward).toContainText('80.02 kg');
    await expect(page.getByTestId('genealogy-lot-facts')).toContainText('119.98 kg left of 200 kg');
    await forward.getByRole('link', { name: BATCH }).click();
    const lots = page.getByTestId('genealogy-backward-lots');
    await expect(lots.getByTestId('genealogy-lot-26A0302')).toContainText('released');
    await expect(lots.locator('tbody tr')).toHaveCount(1);
    // Only the granulator is registered here: the other items identified are not in the register.
    await expect(page.getByTestId('genealogy-backward-equipment').locator('tbody tr')).toHaveText([
      /EQ-GRN-001.*clean until .* \(identified at step scan_granulator\)/,
    ]);
    await expect(page.getByTestId('genealogy-batch')).toHaveValue(batch.id);
    await saveScreenshot(page, 'materials-06-genealogy-backward');
    await lots.getByRole('link', { name: '26A0302' }).click();
    await expect(page.getByTestId(`genealogy-batch-${BATCH}`)).toBeVisible();
    await saveScreenshot(page, 'materials-07-genealogy-forward');
    expect(errors).toEqual([]);
    expect(await cspViolations(page)).toEqual([]);
  } finally {
    await fresh?.cleanup();
  }
});
