/**
 * Live capture in the operator screen (P11-10h, R211-68, USP <41>, ALCOA+ original): a registered
 * MT-SICS balance and a serial barcode scanner on socat pseudo-terminal pairs, the simulators on
 * the far ends (real serial I/O through `serialport`). The operator fills a scan step from the
 * scanner, tares, watches the net settle into the tolerance band, captures and signs; the
 * recorded entry carries origin "instrument" and the balance's serial number.
 */
import { expect, test, type Page } from '@playwright/test';
import type { BatchView } from '../../shared/contract/batches';
import { toUtcIso } from '../../electron/core/clock';
import { freshApp, signIn, TEST_START_MS, type FreshApp } from '../helpers/fresh-app';
import { attachToPty, type PtyAttachment } from '../simulators/attach-pty';
import { MtSicsSimulator } from '../simulators/mt-sics-simulator';
import { startPtyPair, type PtyPair } from '../simulators/pty-pair';
import { ScannerSimulator } from '../simulators/scanner-simulator';
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
const BATCH = 'B2026-0301';
const BALANCE_SERIAL = 'B123456789';
const CONTAINER_KG = 0.35;

async function sign(page: Page, meaning: string, signer: 'self' | Person): Promise<void> {
  const dialog = page.getByTestId('signature-dialog');
  await expect(dialog.locator('form')).toHaveAttribute('data-meaning', meaning);
  if (signer === 'self') {
    await dialog.getByTestId('signature-password').fill(OPERATOR.password);
  } else {
    await dialog.getByTestId('signature-username').fill(signer.username);
    await dialog.getByTestId('signature-password').fill(signer.password);
  }
  await dialog.getByTestId('dialog-submit').click();
}

test('capture from a simulated MT-SICS balance and a serial scanner in the operator screen', async ({
  context,
}) => {
  test.setTimeout(120_000);
  const started = Date.now();
  let fresh: FreshApp | undefined;
  const pairs: PtyPair[] = [];
  const attachments: PtyAttachment[] = [];
  const balanceSimulator = new MtSicsSimulator({
    balance: { serialNumber: BALANCE_SERIAL, model: 'XSR32001S', capacity: 32, decimals: 3, unit: 'kg' },
  });
  const scannerSimulator = new ScannerSimulator();
  try {
    // ---- The bench: two serial cables (socat pairs), a balance and a scanner on the far ends ----------
    const balancePair = await startPtyPair();
    pairs.push(balancePair);
    const scannerPair = await startPtyPair();
    pairs.push(scannerPair);
    attachments.push(await attachToPty(balanceSimulator, balancePair));
    attachments.push(await attachToPty(scannerSimulator, scannerPair));

    // ---- Setup through channels: people, the demo recipe effective, the instruments registered -----
    fresh = await freshApp({ terminalName: 'WS-DISP-01' });
    await createPeople(fresh, [SUPERVISOR, OPERATOR, TECHNICIAN, QA], 'the dispensing booth');
    const { connection: author } = await signIn(fresh.app, SUPERVISOR.username, SUPERVISOR.password);
    const { connection: qa } = await signIn(fresh.app, QA.username, QA.password);
    const demo = await makeEffective(author, qa, 'demo-tablet-blend.json');
    qa.close();
    const { connection: technician } = await signIn(fresh.app, TECHNICIAN.username, TECHNICIAN.password);
    const terminalId = fresh.app.runtime!.terminal.id;
    const balance = await registerInstrument(
      technician,
      {
        assetId: 'EQ-BAL-032',
        kind: 'balance',
        protocol: 'mt-sics',
        port: balancePair.hostPath,
        serial: { baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1, flowControl: 'xon-xoff' },
        expectedSerialNumber: BALANCE_SERIAL,
        model: 'XSR32001S',
        unit: 'kg',
        capacity: 32,
        readability: 0.001,
        minimumWeight: 0.1,
        calibrationDueUtc: toUtcIso(TEST_START_MS + 90 * DAY_MS),
        terminalId,
      },
      'Dispensing balance of booth 1, commissioned with ebr device probe',
    );
    const scanner = await registerInstrument(
      technician,
      {
        assetId: 'EQ-SCN-007',
        kind: 'barcode-scanner',
        protocol: 'scanner',
        port: scannerPair.hostPath,
        serial: { baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1, flowControl: 'none' },
        expectedSerialNumber: 'SCN-20260007',
        model: 'Serial 2D scanner',
        terminalId,
      },
      'Fixed-mount scanner of booth 1',
    );
    technician.close();
    const batch = await createBatch(author, demo, BATCH, { plannedQuantity: 10, training: false });
    author.close();

    const { page, connection, close, errors } = await openPanelPc(context, fresh);

    // The operator: the first two steps through the core (another spec drives them in the UI).
    await signInAt(connection, OPERATOR.username, OPERATOR.password);
    await waitReady(connection, balance.id);
    await waitReady(connection, scanner.id);
    await startThroughLineClearance(connection, batch.id);
    await openBatchAs(page, OPERATOR, BATCH);

    const panel = page.getByTestId('step-panel');
    const item = (id: string) => page.locator(`[data-testid="step-list-item"][data-step-id="${id}"]`);
    const stepShot = async (name: string, target = panel) => {
      await target.evaluate((element) =>
        window.scrollTo({
          top: element.getBoundingClientRect().top + window.scrollY - 12,
          behavior: 'instant',
        }),
      );
      await saveScreenshot(page, name, { fullPage: false });
    };

    // ---- Scan step: the serial scanner's read fills the field --------------------------------------
    await expect(panel).toHaveAttribute('data-step-id', 'scan_blender');
    await panel.getByTestId('start-step').click();
    await expect(panel).toHaveAttribute('data-progress', 'mine');
    scannerSimulator.scan('EQ-BLD-010', ']C0');
    await expect(panel.getByTestId('entry-code')).toHaveValue('EQ-BLD-010');
    await expect(panel.getByTestId('scan-source')).toContainText('Read by scanner EQ-SCN-007 as Code 128');
    await stepShot('instrument-01-scan-from-scanner');
    await panel.getByTestId('complete-step').click();
    await expect(item('scan_blender')).toHaveAttribute('data-progress', 'completed');

    // ---- Weighing step: the balance widget ----------------------------------------------------------
    await expect(panel).toHaveAttribute('data-step-id', 'w_api');
    await panel.getByTestId('start-step').click();
    const widget = panel.getByTestId('balance-widget');
    await expect(widget).toBeVisible();
    await expect(widget.getByTestId('instrument-asset')).toHaveText('EQ-BAL-032');
    await expect(widget.getByTestId('instrument-identity')).toContainText(`S/N ${BALANCE_SERIAL}`);
    await expect(widget.getByTestId('instrument-connection')).toHaveAttribute('data-state', 'ready');
    await expect.poll(() => balanceSimulator.streaming).toBe(true);
    await expect(panel.getByTestId('enter-by-hand')).toHaveText(
      'Enter by hand — needs second-person verification',
    );
    await expect(widget.getByTestId('tolerance-range')).toHaveText('1.990 – 2.010 kg');

    // A drum put on the pan by mistake: overload on the display, and the balance refuses to tare.
    balanceSimulator.balance.place(40);
    balanceSimulator.balance.settle();
    await expect(widget.getByTestId('stability')).toHaveAttribute('data-status', 'overload');
    await expect(widget.getByTestId('balance-net')).toHaveText('Overload');
    await expect(widget.getByTestId('capture-button')).toBeDisabled();
    await expect(widget.getByTestId('capture-advice')).toHaveText(
      'Balance EQ-BAL-032 is overloaded — take load off the pan.',
    );
    await widget.getByTestId('balance-tare-button').click();
    await expect(widget.getByTestId('instrument-refusal')).toHaveAttribute('data-code', 'EXECUTION_REFUSED');
    await expect(widget.getByTestId('instrument-refusal-message')).toContainText(/taring range/);
    await stepShot('instrument-02-refused-overload', widget);

    // The empty container, tared: the tare read back and shown.
    balanceSimulator.balance.place(CONTAINER_KG);
    balanceSimulator.balance.settle();
    await expect(widget.getByTestId('stability')).toHaveAttribute('data-status', 'stable');
    await widget.getByTestId('balance-tare-button').click();
    await expect(widget.getByTestId('balance-tare')).toHaveText('0.350 kg');
    await expect(widget.getByTestId('instrument-refusal')).toHaveCount(0);
    await expect(widget.getByTestId('balance-net')).toHaveText('0.000');
    await expect(widget.getByTestId('tolerance-bar')).toHaveAttribute('data-position', 'below');

    // Too much material first: stable, but above the band — no capture, the advice says how much to remove.
    balanceSimulator.balance.place(CONTAINER_KG + 2.5);
    balanceSimulator.balance.settle();
    await expect(widget.getByTestId('balance-net')).toHaveText('2.500');
    await expect(widget.getByTestId('tolerance-bar')).toHaveAttribute('data-position', 'above');
    await expect(widget.getByTestId('capture-advice')).toHaveText(
      'Above the tolerance — remove 0.490 kg or more.',
    );
    await expect(widget.getByTestId('capture-button')).toBeDisabled();

    // The material poured in: the pan moves (unstable), then settles inside the band.
    balanceSimulator.balance.vibrating = true;
    balanceSimulator.balance.place(CONTAINER_KG + 2.004);
    await expect(widget.getByTestId('stability')).toHaveAttribute('data-status', 'unstable');
    await expect(widget.getByTestId('tolerance-bar')).toHaveAttribute('data-stable', 'false');
    await expect(widget.getByTestId('capture-button')).toBeDisabled();
    await stepShot('instrument-03-unstable', widget);
    balanceSimulator.balance.vibrating = false;
    balanceSimulator.balance.settle();
    await expect(widget.getByTestId('stability')).toHaveAttribute('data-status', 'stable');
    await expect(widget.getByTestId('balance-net')).toHaveText('2.004');
    await expect(widget.getByTestId('balance-gross')).toHaveText('2.354 kg');
    const bar = widget.getByTestId('tolerance-bar');
    await expect(bar).toHaveAttribute('data-position', 'inside');
    await expect(bar).toHaveAttribute('data-stable', 'true');
    // The marker lies between the band's edges on screen, too.
    const [band, marker] = await Promise.all([
      bar.locator('.tolerance-bar__band').boundingBox(),
      widget.getByTestId('tolerance-marker').boundingBox(),
    ]);
    const markerCentre = marker!.x + marker!.width / 2;
    expect(markerCentre).toBeGreaterThan(band!.x);
    expect(markerCentre).toBeLessThan(band!.x + band!.width);
    await expect(widget.getByTestId('capture-button')).toBeEnabled();
    await stepShot('instrument-04-stable-in-tolerance', widget);

    // Capture, then the usual signatures: performed by the operator, verified by the supervisor.
    await widget.getByTestId('capture-button').click();
    const captured = widget.getByTestId('captured-value');
    await expect(captured.getByTestId('captured-value-text')).toHaveText('2.004 kg');
    await expect(captured.getByTestId('captured-tare')).toHaveText('tare 0.350 kg');
    await expect(captured.getByTestId('captured-serial')).toHaveText(BALANCE_SERIAL);
    const dialog = page.getByTestId('signature-dialog');
    await expect(dialog).toContainText('Signature 1 of 2: Performed');
    await expect(dialog.getByTestId('signed-subject')).toContainText('2.004 kg');
    await expect(dialog.getByTestId('signed-subject')).toContainText(
      `EQ-BAL-032 · serial number ${BALANCE_SERIAL}`,
    );
    await saveScreenshot(page, 'instrument-05-captured-signing', { fullPage: false });
    // Cancelled: nothing recorded, the captured value stays; Complete step takes it up again.
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(captured).toBeVisible();
    await expect(panel.getByTestId('enter-by-hand')).toHaveCount(0);
    await stepShot('instrument-05b-captured-value', widget);
    await panel.getByTestId('complete-step').click();
    await sign(page, 'performed', 'self');
    await sign(page, 'verified', SUPERVISOR);
    await expect(item('w_api')).toHaveAttribute('data-progress', 'completed');

    // The next weighing shows the widget again; the completed one shows what was captured.
    await expect(panel).toHaveAttribute('data-step-id', 'w_lactose');
    await item('w_api').click();
    await expect(panel).toHaveAttribute('data-status', 'completed');
    await expect(panel.getByTestId('recorded-value')).toHaveText('2.004 kg net (tare 0.350 kg)');
    await expect(panel.getByTestId('recorded-origin')).toHaveText('Captured from the instrument');
    await expect(panel.getByTestId('recorded-instrument')).toHaveText(
      `EQ-BAL-032 · serial number ${BALANCE_SERIAL} · XSR32001S`,
    );
    await expect(panel.getByTestId('recorded-raw')).toHaveText('S S      2.004 kg\\r\\n');
    await expect(panel.locator('[data-testid="exception-card"][data-type="manual-entry"]')).toHaveCount(0);
    await expect(panel.getByTestId('balance-widget')).toHaveCount(0);
    await expect.poll(() => balanceSimulator.streaming).toBe(false);
    await stepShot('instrument-06-completed-from-balance');
    await item('scan_blender').click();
    await expect(panel.getByTestId('recorded-origin')).toHaveText('Captured from the instrument');
    await expect(panel.getByTestId('recorded-instrument')).toContainText('EQ-SCN-007');

    expect(await cspViolations(page), 'CSP violations').toEqual([]);
    expect(errors, 'page errors').toEqual([]);

    // ---- At the core: both entries from instruments, no manual-entry exception ---------------------
    const view = value<BatchView>(await connection.invoke('batches.get', { batchId: batch.id }));
    const entry = (id: string) => view.steps.find((step) => step.id === id)!.current!;
    expect(entry('w_api').origin).toBe('instrument');
    expect(entry('w_api').value).toMatchObject({
      type: 'weighing',
      net: 2.004,
      tare: CONTAINER_KG,
      instrument: { assetId: 'EQ-BAL-032', serialNumber: BALANCE_SERIAL },
    });
    expect(entry('scan_blender').origin).toBe('instrument');
    expect(entry('scan_blender').value).toMatchObject({
      type: 'scan',
      code: 'EQ-BLD-010',
      instrument: { assetId: 'EQ-SCN-007' },
    });
    expect(view.exceptions.filter((exception) => exception.type === 'manual-entry')).toEqual([]);
    await close();
    console.log(`instrument-capture.spec: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await fresh?.cleanup();
    balanceSimulator.stop();
    scannerSimulator.stop();
    for (const attachment of attachments) await attachment.detach();
    for (const pair of pairs) await pair.dispose();
  }
});
