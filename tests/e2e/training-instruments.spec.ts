/**
 * Training with a simulated balance from the operator screen: a technician registers a SIMULATED
 * MT-SICS balance (in-process, no port); in a TRAINING batch the operator chooses it in place of
 * the balance the step names, puts the load on the pan from the simulator panel, captures and
 * signs. The record names the simulated balance and its serial number.
 */
import { expect, test, type Page } from '@playwright/test';
import type { BatchView } from '../../shared/contract/batches';
import { toUtcIso } from '../../electron/core/clock';
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
  startThroughLineClearance,
  SUPERVISOR,
  TECHNICIAN,
  value,
  waitReady,
  type Person,
} from './batch-floor';
import { cspViolations, saveScreenshot, signInAt } from './support';

const DAY_MS = 24 * 60 * 60 * 1000;
const BATCH = 'TRN-2026-0007';
const SIM_SERIAL = 'SIM0000001';

async function sign(page: Page, meaning: string, signer: Person): Promise<void> {
  const dialog = page.getByTestId('signature-dialog');
  await expect(dialog.locator('form')).toHaveAttribute('data-meaning', meaning);
  if (signer !== OPERATOR) await dialog.getByTestId('signature-username').fill(signer.username);
  await dialog.getByTestId('signature-password').fill(signer.password);
  await dialog.getByTestId('dialog-submit').click();
}

test('training: weigh on a simulated balance driven from the screen', async ({ context }) => {
  test.setTimeout(90_000);
  const started = Date.now();
  let fresh: FreshApp | undefined;
  try {
    // ---- Setup through channels: people, the demo recipe, a simulated and a real balance, a TRAINING batch ----
    fresh = await freshApp({ terminalName: 'WS-TRAIN-01' });
    await createPeople(fresh, [SUPERVISOR, OPERATOR, TECHNICIAN, QA], 'the training room');
    const { connection: author } = await signIn(fresh.app, SUPERVISOR.username, SUPERVISOR.password);
    const { connection: qa } = await signIn(fresh.app, QA.username, QA.password);
    const demo = await makeEffective(author, qa, 'demo-tablet-blend.json');
    qa.close();
    const { connection: technician } = await signIn(fresh.app, TECHNICIAN.username, TECHNICIAN.password);
    const terminalId = fresh.app.runtime!.terminal.id;
    const common = {
      kind: 'balance',
      protocol: 'mt-sics',
      serial: { baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1, flowControl: 'xon-xoff' },
      unit: 'kg',
      capacity: 32,
      readability: 0.001,
      minimumWeight: 0.1,
      calibrationDueUtc: toUtcIso(TEST_START_MS + 30 * DAY_MS),
      terminalId,
    };
    const simulated = await registerInstrument(
      technician,
      {
        ...common,
        assetId: 'SIM-BAL-01',
        port: 'simulator',
        expectedSerialNumber: SIM_SERIAL,
        model: 'Training balance',
        simulated: true,
      },
      'Training balance for new operators',
    );
    // The balance the step names, away from the bench (its port is absent): the operator picks the simulated one.
    await registerInstrument(
      technician,
      {
        ...common,
        assetId: 'EQ-BAL-032',
        port: '/dev/ttyEBR-absent-032',
        expectedSerialNumber: 'B123456789',
        model: 'XSR32001S',
      },
      'Dispensing balance of booth 1',
    );
    technician.close();
    const batch = await createBatch(author, demo, BATCH, { plannedQuantity: 10, training: true });
    author.close();

    const { page, connection, close, errors } = await openPanelPc(context, fresh);

    // ---- The operator: to the w_api weighing through channels ---------------------------------------
    await signInAt(connection, OPERATOR.username, OPERATOR.password);
    await waitReady(connection, simulated.id);
    const run = await startThroughLineClearance(connection, batch.id);
    await run('scan_blender', { input: { type: 'scan', code: 'EQ-BLD-010' } });
    value(await connection.invoke('batches.startStep', { batchId: batch.id, stepId: 'w_api' }));

    await openBatchAs(page, OPERATOR, BATCH);
    const panel = page.getByTestId('step-panel');
    await expect(panel).toHaveAttribute('data-step-id', 'w_api');
    await expect(panel).toHaveAttribute('data-progress', 'mine');

    // ---- The widget: the named balance is absent; the simulated one stands in for it ------------------
    const widget = panel.getByTestId('balance-widget');
    await expect(widget).toBeVisible();
    await expect(widget).toHaveAttribute('data-block', 'disconnected');
    await expect(widget.getByTestId('simulator-panel')).toHaveCount(0);
    await widget.getByTestId('instrument-choice').selectOption(simulated.id);
    await expect(widget).toHaveAttribute('data-instrument-id', simulated.id);
    await expect(widget.getByTestId('instrument-block')).toHaveCount(0);
    await expect(widget.getByTestId('simulated')).toHaveText('SIMULATED');
    await expect(widget.getByTestId('instrument-identity')).toContainText(`S/N ${SIM_SERIAL}`);

    // ---- The simulator panel: draughts keep the value moving; the load settles in the band --------------
    const simulator = widget.getByTestId('simulator-panel');
    await expect(simulator).toContainText('SIMULATED — training only');
    await simulator.getByTestId('simulator-draught').click();
    await expect(simulator.getByTestId('simulator-draught')).toHaveAttribute('aria-pressed', 'true');
    await simulator.getByTestId('simulator-load').fill('2.006');
    await simulator.getByTestId('simulator-place').click();
    await expect(widget.getByTestId('stability')).toHaveAttribute('data-status', 'unstable');
    await expect(widget.getByTestId('capture-button')).toBeDisabled();
    await simulator.getByTestId('simulator-draught').click();
    await expect(simulator.getByTestId('simulator-draught')).toHaveAttribute('aria-pressed', 'false');
    await expect(widget.getByTestId('stability')).toHaveAttribute('data-status', 'stable');
    await expect(widget.getByTestId('balance-net')).toHaveText('2.006');
    await expect(widget.getByTestId('tolerance-bar')).toHaveAttribute('data-position', 'inside');
    await expect(widget.getByTestId('capture-button')).toBeEnabled();
    await expect(simulator.getByTestId('simulator-failure')).toHaveCount(0);
    await widget.evaluate((element) =>
      window.scrollTo({
        top: element.getBoundingClientRect().top + window.scrollY - 12,
        behavior: 'instant',
      }),
    );
    await saveScreenshot(page, 'training-simulated-balance', { fullPage: false });

    // ---- Capture, sign, complete ----------------------------------------------------------------------
    await widget.getByTestId('capture-button').click();
    const captured = widget.getByTestId('captured-value');
    await expect(captured.getByTestId('captured-value-text')).toHaveText('2.006 kg');
    await expect(captured.getByTestId('captured-serial')).toHaveText(SIM_SERIAL);
    await expect(widget.getByTestId('simulator-panel')).toHaveCount(0);
    await sign(page, 'performed', OPERATOR);
    await sign(page, 'verified', SUPERVISOR);
    const item = (id: string) => page.locator(`[data-testid="step-list-item"][data-step-id="${id}"]`);
    await expect(item('w_api')).toHaveAttribute('data-progress', 'completed');
    await item('w_api').click();
    await expect(panel).toHaveAttribute('data-status', 'completed');
    await expect(panel.getByTestId('recorded-value')).toContainText('2.006 kg');
    await expect(panel.getByTestId('recorded-origin')).toHaveText('Captured from the instrument');
    await expect(panel.getByTestId('recorded-instrument')).toContainText(
      `SIM-BAL-01 · serial number ${SIM_SERIAL}`,
    );

    expect(await cspViolations(page), 'CSP violations').toEqual([]);
    expect(errors, 'page errors').toEqual([]);
    const view = value<BatchView>(await connection.invoke('batches.get', { batchId: batch.id }));
    const entry = view.steps.find((step) => step.id === 'w_api')!.current!;
    expect(entry.origin).toBe('instrument');
    expect(entry.value).toMatchObject({
      type: 'weighing',
      net: 2.006,
      instrument: { assetId: 'SIM-BAL-01', serialNumber: SIM_SERIAL },
    });
    await close();
    console.log(`training-instruments.spec: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await fresh?.cleanup();
  }
});
