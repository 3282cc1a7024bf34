/**
 * Simulated instruments for training (issue 7 item 6): registered with the SIMULATED mark, they
 * run in-process behind the same driver as a real port; a trainer drives them from the screen
 * (`instruments.simulate`). They serve training batches only: a GMP batch refuses them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BatchView } from '../../shared/contract/batches';
import type { InstrumentView } from '../../shared/contract/instruments';
import type { CaptureView, LiveInstrument } from '../../shared/contract/live-instruments';
import { toUtcIso } from '../../electron/core/clock';
import { batchFloor, createBatch, type BatchFloor } from '../helpers/batch-setup';
import { TEST_START_MS } from '../helpers/fresh-app';
import { activeUser, expectError, value, type SignedInUser } from '../helpers/identity';

let floor: BatchFloor;
let tess: SignedInUser;
let simulated: InstrumentView;

const op = () => floor.olga.connection;

async function toWeighing(training: boolean, number: string): Promise<BatchView> {
  const batch = await createBatch(floor.sven.connection, floor.recipes['demo-tablet-blend.json']!, number, {
    training,
  });
  const id = batch.id;
  const self = { kind: 'self' as const, password: floor.olga.password };
  const svenCosign = { kind: 'cosigner' as const, username: 'sven', password: floor.sven.password };
  value(await op().invoke('batches.start', { batchId: id }));
  const run = async (stepId: string, payload: Record<string, unknown>) => {
    value(await op().invoke('batches.startStep', { batchId: id, stepId }));
    value(await op().invoke('batches.completeStep', { batchId: id, stepId, signatures: [], ...payload }));
  };
  await run('start', { input: { type: 'instruction', acknowledged: true } });
  await run('line_clearance', {
    input: { type: 'check', checked: [true, true, true] },
    signatures: [
      { meaning: 'performed', credentials: self },
      { meaning: 'verified', credentials: svenCosign },
    ],
  });
  await run('scan_blender', { input: { type: 'scan', code: 'EQ-BLD-010' } });
  return value<BatchView>(await op().invoke('batches.startStep', { batchId: id, stepId: 'w_api' }));
}

async function ready(instrumentId: string): Promise<LiveInstrument> {
  const until = Date.now() + 10_000;
  for (;;) {
    const live = value<LiveInstrument[]>(await op().invoke('instruments.live', {})).find(
      (entry) => entry.instrumentId === instrumentId,
    );
    if (live?.state === 'ready') return live;
    if (Date.now() > until) throw new Error(`simulated balance is ${live?.state}: ${live?.message}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

beforeAll(async () => {
  floor = await batchFloor();
  tess = await activeUser(floor.fresh.app, floor.admin, 'tess', ['technician']);
  simulated = value<InstrumentView>(
    await tess.connection.invoke('instruments.register', {
      fields: {
        assetId: 'SIM-BAL-01',
        kind: 'balance',
        protocol: 'mt-sics',
        port: 'simulator',
        serial: { baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1, flowControl: 'xon-xoff' },
        expectedSerialNumber: 'SIM0000001',
        model: 'Training balance',
        unit: 'kg',
        capacity: 32,
        readability: 0.001,
        minimumWeight: 0.1,
        calibrationDueUtc: toUtcIso(TEST_START_MS + 30 * 24 * 3_600_000),
        terminalId: floor.fresh.app.runtime!.terminal.id,
        simulated: true,
      },
      reason: 'Training balance for new operators',
    }),
  );
}, 120_000);
afterAll(async () => floor?.fresh.cleanup());

describe('simulated instruments', () => {
  it('connect in-process, answer with the registered serial number, and are marked simulated', async () => {
    const live = await ready(simulated.id);
    expect(live).toMatchObject({ simulated: true, serialNumber: 'SIM0000001', assetId: 'SIM-BAL-01' });
  });

  it('serve a training batch: the trainer places the load, the operator captures it', async () => {
    const batch = await toWeighing(true, 'TRN-2026-0001');
    value(await op().invoke('instruments.simulate', { instrumentId: simulated.id, load: 2.006 }));
    const captured = value<CaptureView>(
      await op().invoke('instruments.capture', {
        batchId: batch.id,
        stepId: 'w_api',
        instrumentId: simulated.id,
      }),
    );
    expect(captured).toMatchObject({ value: 2.006, unit: 'kg', serialNumber: 'SIM0000001' });
  });

  it('are refused for a GMP batch', async () => {
    const batch = await toWeighing(false, 'B2026-0200');
    const refused = expectError(
      await op().invoke('instruments.capture', {
        batchId: batch.id,
        stepId: 'w_api',
        instrumentId: simulated.id,
      }),
      'EXECUTION_REFUSED',
    );
    expect(refused.message).toMatch(/training batches only/);
  });
});

describe('a simulated scanner', () => {
  it('fills a training batch and is refused for a GMP batch', async () => {
    const scanner = value<InstrumentView>(
      await tess.connection.invoke('instruments.register', {
        fields: {
          assetId: 'SIM-SCN-01',
          kind: 'barcode-scanner',
          protocol: 'scanner',
          port: 'simulator',
          serial: { baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1, flowControl: 'none' },
          expectedSerialNumber: 'SIMSCAN01',
          model: 'Training scanner',
          terminalId: floor.fresh.app.runtime!.terminal.id,
          simulated: true,
        },
        reason: 'Training scanner',
      }),
    );
    await ready(scanner.id);
    const nextScan = () =>
      new Promise<string>((resolve) => {
        const stop = op().on('instrument.scan', (event) => {
          stop();
          resolve(event.scanId);
        });
      });
    for (const [training, number] of [
      [true, 'TRN-2026-0002'],
      [false, 'B2026-0201'],
    ] as const) {
      const batch = await createBatch(
        floor.sven.connection,
        floor.recipes['demo-tablet-blend.json']!,
        number,
        { training },
      );
      value(await op().invoke('batches.start', { batchId: batch.id }));
      // The preview resolves the linked read exactly as completing the step would.
      const scanned = nextScan();
      value(await op().invoke('instruments.simulate', { instrumentId: scanner.id, scan: 'EQ-BLD-010' }));
      const scanId = await scanned;
      const preview = await op().invoke('batches.previewStep', {
        batchId: batch.id,
        stepId: 'scan_blender',
        mode: 'complete',
        input: { type: 'scan', code: 'EQ-BLD-010', captureId: scanId },
      });
      if (training) expect(preview.ok).toBe(true);
      else expect(expectError(preview, 'EXECUTION_REFUSED').message).toMatch(/training batches only/);
    }
  });
});
