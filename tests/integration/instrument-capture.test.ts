/**
 * Capture from a registered balance into a weighing step, over a socat pseudo-terminal pair with
 * the MT-SICS simulator on the far end (real serial I/O through `serialport`): the app's device
 * hub connects the instruments the register assigns to this terminal, and `instruments.capture`
 * takes a stable reading after every device check (P11-10h, R211-68, USP <41>). The recorded
 * entry carries the raw bytes, the serial number and origin "instrument"; refusals are audited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BatchView } from '../../shared/contract/batches';
import type { InstrumentView } from '../../shared/contract/instruments';
import type { CaptureView, LiveInstrument } from '../../shared/contract/live-instruments';
import { toUtcIso } from '../../electron/core/clock';
import { batchFloor, createBatch, type BatchFloor } from '../helpers/batch-setup';
import { TEST_START_MS } from '../helpers/fresh-app';
import {
  activeUser,
  auditRowsAfter,
  expectError,
  lastAuditSeq,
  value,
  type SignedInUser,
} from '../helpers/identity';
import { attachToPty, type PtyAttachment } from '../simulators/attach-pty';
import { MtSicsSimulator } from '../simulators/mt-sics-simulator';
import { startPtyPair, type PtyPair } from '../simulators/pty-pair';

const DAY_MS = 24 * 60 * 60 * 1000;
let floor: BatchFloor;
let tess: SignedInUser;
let pair: PtyPair;
let attachment: PtyAttachment;
let simulator: MtSicsSimulator;
let balance: InstrumentView;
let batch: BatchView;

const op = () => floor.olga.connection;

function balanceFields(overrides: Record<string, unknown> = {}) {
  return {
    assetId: 'EQ-BAL-032',
    kind: 'balance',
    protocol: 'mt-sics',
    port: pair.hostPath,
    serial: { baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1, flowControl: 'xon-xoff' },
    expectedSerialNumber: 'B123456789',
    model: 'XSR32001S',
    unit: 'kg',
    capacity: 32,
    readability: 0.001,
    minimumWeight: 0.1,
    calibrationDueUtc: toUtcIso(TEST_START_MS + 90 * DAY_MS),
    terminalId: floor.fresh.app.runtime!.terminal.id,
    ...overrides,
  };
}

async function liveState(
  instrumentId: string,
  wanted: LiveInstrument['state'],
  timeoutMs = 15_000,
): Promise<LiveInstrument> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const live = value<LiveInstrument[]>(await op().invoke('instruments.live', {})).find(
      (instrument) => instrument.instrumentId === instrumentId,
    );
    if (live?.state === wanted) return live;
    if (Date.now() > until)
      throw new Error(`instrument is ${live?.state ?? 'absent'} (${live?.message ?? ''}), not ${wanted}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function reRegister(reason: string, overrides: Record<string, unknown>): Promise<void> {
  balance = value<InstrumentView>(
    await tess.connection.invoke('instruments.update', {
      instrumentId: balance.id,
      fields: balanceFields(overrides),
      reason,
    }),
  );
}

beforeAll(async () => {
  pair = await startPtyPair();
  simulator = new MtSicsSimulator({
    balance: { serialNumber: 'B123456789', model: 'XSR32001S', capacity: 32, decimals: 3, unit: 'kg' },
  });
  attachment = await attachToPty(simulator, pair);
  floor = await batchFloor();
  tess = await activeUser(floor.fresh.app, floor.admin, 'tess', ['technician']);
  balance = value<InstrumentView>(
    await tess.connection.invoke('instruments.register', {
      fields: balanceFields(),
      reason: 'Dispensing balance',
    }),
  );
  batch = await createBatch(floor.sven.connection, floor.recipes['demo-tablet-blend.json']!, 'B2026-0101');
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
  value(await op().invoke('batches.startStep', { batchId: id, stepId: 'w_api' }));
}, 120_000);

afterAll(async () => {
  await floor?.fresh.cleanup();
  simulator?.stop();
  await attachment?.detach();
  await pair?.dispose();
});

describe('capture from a registered balance', () => {
  it('connects the balance the register assigns to this terminal and reads its identity', async () => {
    const live = await liveState(balance.id, 'ready');
    expect(live.serialNumber).toBe('B123456789');
    expect(live.assetId).toBe('EQ-BAL-032');
  });

  it('tares, then refuses an unstable, an overloaded, an out-of-tolerance reading — each audited', async () => {
    simulator.balance.place(0.35);
    simulator.balance.settle();
    const tared = value<LiveInstrument>(await op().invoke('instruments.tare', { instrumentId: balance.id }));
    expect(tared.tare).toMatchObject({ value: 0.35, unit: 'kg' });
    const before = lastAuditSeq(floor.fresh.app);
    const capture = () =>
      op().invoke('instruments.capture', { batchId: batch.id, stepId: 'w_api', instrumentId: balance.id });
    simulator.balance.vibrating = true;
    simulator.balance.place(0.35 + 2.004);
    expect(expectError(await capture(), 'EXECUTION_REFUSED').message).toMatch(/stable/i);
    simulator.balance.vibrating = false;
    simulator.balance.place(40);
    expect(expectError(await capture(), 'EXECUTION_REFUSED').message).toMatch(/overload|capacity/i);
    simulator.balance.place(0.35 + 2.5);
    simulator.balance.settle();
    expect(expectError(await capture(), 'EXECUTION_REFUSED').message).toMatch(/outside 2.000 ± 0.010 kg/);
    const refused = auditRowsAfter(floor.fresh.app, before).filter(
      (row) => row.action === 'instrument.capture-refused',
    );
    expect(refused).toHaveLength(3);
  });

  it('captures a stable net within tolerance and records it with raw bytes, serial number and origin', async () => {
    simulator.balance.place(0.35 + 2.004);
    simulator.balance.settle();
    const captured = value<CaptureView>(
      await op().invoke('instruments.capture', {
        batchId: batch.id,
        stepId: 'w_api',
        instrumentId: balance.id,
      }),
    );
    expect(captured).toMatchObject({
      value: 2.004,
      valueText: '2.004',
      unit: 'kg',
      serialNumber: 'B123456789',
      tare: 0.35,
    });
    expect(Buffer.from(captured.rawHex, 'hex').toString('latin1')).toMatch(/^S S +2\.004 kg\r\n$/);
    const self = { kind: 'self' as const, password: floor.olga.password };
    const svenCosign = { kind: 'cosigner' as const, username: 'sven', password: floor.sven.password };
    const done = value<BatchView>(
      await op().invoke('batches.completeStep', {
        batchId: batch.id,
        stepId: 'w_api',
        input: { type: 'weighing', origin: 'instrument', captureId: captured.captureId },
        signatures: [
          { meaning: 'performed', credentials: self },
          { meaning: 'verified', credentials: svenCosign },
        ],
      }),
    );
    const entry = done.steps.find((step) => step.id === 'w_api')!.current!;
    expect(entry.origin).toBe('instrument');
    expect(entry.value).toMatchObject({
      type: 'weighing',
      net: 2.004,
      tare: 0.35,
      instrument: { assetId: 'EQ-BAL-032', serialNumber: 'B123456789', rawHex: captured.rawHex },
    });
    expect(done.exceptions.filter((exception) => exception.type === 'manual-entry')).toEqual([]);
    // One capture records one value.
    value(await op().invoke('batches.startStep', { batchId: batch.id, stepId: 'w_lactose' }));
    expectError(
      await op().invoke('batches.completeStep', {
        batchId: batch.id,
        stepId: 'w_lactose',
        input: { type: 'weighing', origin: 'instrument', captureId: captured.captureId },
        signatures: [],
      }),
      'EXECUTION_REFUSED',
    );
  });

  it('refuses below the minimum weight and with calibration overdue', async () => {
    await reRegister('Minimum weight from the new USP <41> assessment', { minimumWeight: 9 });
    await liveState(balance.id, 'ready');
    simulator.balance.place(0.35 + 8.0);
    simulator.balance.settle();
    const capture = () =>
      op().invoke('instruments.capture', {
        batchId: batch.id,
        stepId: 'w_lactose',
        instrumentId: balance.id,
      });
    expect(expectError(await capture(), 'EXECUTION_REFUSED').message).toMatch(/minimum weight/i);
    await reRegister('Calibration lapsed', { calibrationDueUtc: toUtcIso(TEST_START_MS - DAY_MS) });
    await liveState(balance.id, 'ready');
    expect(expectError(await capture(), 'EXECUTION_REFUSED').message).toMatch(/calibrat/i);
  });

  it('refuses an instrument whose serial number differs from the register', async () => {
    await reRegister('Serial number on the plate re-read', {
      expectedSerialNumber: 'B000000001',
      calibrationDueUtc: toUtcIso(TEST_START_MS + 90 * DAY_MS),
      minimumWeight: 0.1,
    });
    const live = await liveState(balance.id, 'refused');
    expect(live.message).toMatch(/B000000001|serial/i);
    const refused = expectError(
      await op().invoke('instruments.capture', {
        batchId: batch.id,
        stepId: 'w_lactose',
        instrumentId: balance.id,
      }),
      'EXECUTION_REFUSED',
    );
    expect(refused.message).toMatch(/serial/i);
  });
});
