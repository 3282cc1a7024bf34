/**
 * Weighing over a real serial link: the driver on one end of a socat pseudo-terminal pair, a
 * simulated MT-SICS balance on the other, both through the `serialport` package.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../../electron/core/clock';
import { captureStableValue, type CaptureRequest } from '../../../electron/core/devices/capture';
import type { InstrumentCaptureConfig } from '../../../electron/core/devices/capture-checks';
import { mtSics } from '../../../electron/core/devices/protocols/mt-sics';
import type { Reading } from '../../../electron/core/devices/reading';
import { MtSicsSimulator } from '../../simulators/mt-sics-simulator';
import { ptyRig, type PtyRig } from '../../simulators/pty-rig';

const balance: InstrumentCaptureConfig = {
  name: 'Balance WS-03',
  expectedSerialNumber: '1234567890',
  calibrationDueUtc: '2099-12-31',
  unit: 'g',
  capacity: 220,
  readability: 0.01,
  minimumWeight: 2,
};

const weighing = (overrides: Partial<CaptureRequest> = {}): CaptureRequest => ({
  instrument: balance,
  need: { unit: 'g', target: 100, tolerance: 0.5 },
  clock: systemClock,
  instrumentId: 'instr-ws03',
  ...overrides,
});

let rig: PtyRig<MtSicsSimulator> | undefined;

afterEach(async () => {
  await rig?.dispose();
  rig = undefined;
});

async function connectedBalance(simulator = new MtSicsSimulator()) {
  rig = await ptyRig(simulator, mtSics, {
    expectedSerialNumber: '1234567890',
    instrumentName: 'Balance WS-03',
  });
  const status = await rig.driver.connect();
  return { ...rig, status };
}

describe('MT-SICS balance over a pseudo-terminal', () => {
  it('captures a stable weight with its raw bytes, instrument, port and time of receipt', async () => {
    const { driver, simulator, pair, status } = await connectedBalance();
    expect(status).toMatchObject({ state: 'ready', identity: { serialNumber: '1234567890' } });
    simulator.balance.place(100.02);
    const before = Date.now();
    const outcome = await captureStableValue(driver, weighing());
    expect(outcome).toMatchObject({
      ok: true,
      value: {
        origin: 'instrument',
        quantity: 'mass',
        value: 100.02,
        valueText: '100.02',
        unit: 'g',
        rawHex: Buffer.from('S S     100.02 g\r\n').toString('hex').toUpperCase(),
        instrumentId: 'instr-ws03',
        instrumentSerialNumber: '1234567890',
        instrumentModel: 'XPE205 Excellence Plus 220.0000 g',
        protocol: 'mt-sics',
        port: pair.hostPath,
      },
    });
    if (!outcome.ok) return;
    expect(Date.parse(outcome.value.receivedAtUtc)).toBeGreaterThanOrEqual(before - 1);
    expect(Date.parse(outcome.value.receivedAtUtc)).toBeLessThanOrEqual(Date.now());
  });

  it('tares, reads the tare back, and weighs the net', async () => {
    const { driver, simulator } = await connectedBalance();
    simulator.balance.place(35.5);
    expect(await driver.tare()).toMatchObject({ value: 35.5, valueText: '35.50', unit: 'g' });
    expect(await driver.readTare()).toMatchObject({ value: 35.5 });
    simulator.balance.place(35.5 + 99.8);
    const outcome = await captureStableValue(driver, weighing({ tare: 35.5 }));
    expect(outcome).toMatchObject({ ok: true, value: { value: 99.8, valueText: '99.80' } });
  });

  it('refuses when the balance does not settle (S I), and an unstable reading never passes', async () => {
    const { driver, simulator } = await connectedBalance(new MtSicsSimulator({ stabilityTimeoutMs: 200 }));
    simulator.balance.place(100);
    simulator.balance.vibrating = true;
    const outcome = await captureStableValue(driver, weighing());
    expect(outcome).toMatchObject({ ok: false, code: 'not-executable' });
    // An unstable reading from SI never passes the checks either.
    const reading = await driver.readImmediate();
    expect(reading.status).toBe('unstable');
  });

  it('refuses an overload', async () => {
    const { driver, simulator } = await connectedBalance();
    simulator.balance.place(250);
    expect(await captureStableValue(driver, weighing())).toEqual({
      ok: false,
      code: 'overload',
      message: 'Balance WS-03 is overloaded — take load off the pan',
      reading: expect.objectContaining({ status: 'overload' }),
    });
  });

  it('refuses a balance with another serial number at connect', async () => {
    rig = await ptyRig(new MtSicsSimulator({ balance: { serialNumber: '0000000001' } }), mtSics, {
      expectedSerialNumber: '1234567890',
      instrumentName: 'Balance WS-03',
    });
    const status = await rig.driver.connect();
    expect(status.state).toBe('refused');
    expect(status.message).toContain('reports serial number "0000000001", but "1234567890" is registered');
    expect(await captureStableValue(rig.driver, weighing())).toMatchObject({
      ok: false,
      code: 'not-connected',
    });
  });

  it('refuses capture when calibration is overdue', async () => {
    const { driver, simulator } = await connectedBalance();
    simulator.balance.place(100);
    const outcome = await captureStableValue(
      driver,
      weighing({ instrument: { ...balance, calibrationDueUtc: '2024-01-31' } }),
    );
    expect(outcome).toMatchObject({
      ok: false,
      code: 'calibration-overdue',
      message:
        'Balance WS-03 calibration expired on 2024-01-31 — ask a technician to calibrate it, or use another instrument',
    });
  });

  it('refuses a net weight below the minimum weight', async () => {
    const { driver, simulator } = await connectedBalance();
    simulator.balance.place(1.8);
    const outcome = await captureStableValue(
      driver,
      weighing({ need: { unit: 'g', target: 2.5, tolerance: 0.5 } }),
    );
    expect(outcome).toMatchObject({ ok: false, code: 'below-minimum-weight' });
  });

  it('refuses a value out of tolerance, and captures once corrected', async () => {
    const { driver, simulator } = await connectedBalance();
    simulator.balance.place(101.2);
    expect(await captureStableValue(driver, weighing())).toMatchObject({
      ok: false,
      code: 'out-of-tolerance',
    });
    simulator.balance.place(100.3);
    expect(await captureStableValue(driver, weighing())).toMatchObject({ ok: true, value: { value: 100.3 } });
  });

  it('streams live readings with SIR and captures the next stable one from the stream', async () => {
    const { driver, simulator } = await connectedBalance();
    const readings: Reading[] = [];
    driver.on('reading', (reading) => readings.push(reading));
    await driver.startStreaming();
    simulator.balance.place(99.9);
    const outcome = await captureStableValue(driver, weighing());
    expect(outcome).toMatchObject({ ok: true, value: { value: 99.9 } });
    expect(readings.filter((reading) => reading.status === 'unstable').length).toBeGreaterThan(0);
    await driver.stopStreaming();
    expect(simulator.streaming).toBe(false);
  });
});
