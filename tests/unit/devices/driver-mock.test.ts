/**
 * The driver state machine over the serialport mock binding (real SerialPortStream, no OS
 * ports): identification, one command in flight, timeouts, errors, streaming, heartbeat,
 * unplug and reconnect.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { DeviceError } from '../../../electron/core/devices/device-error';
import { InstrumentDriver, type DriverOptions } from '../../../electron/core/devices/driver';
import type { DriverTiming } from '../../../electron/core/devices/driver-timing';
import { mtSics } from '../../../electron/core/devices/protocols/mt-sics';
import type { Reading } from '../../../electron/core/devices/reading';
import { SerialTransport } from '../../../electron/core/devices/serial-transport';
import { mockBench } from '../../simulators/attach-mock';
import type { InstrumentSimulator } from '../../simulators/instrument-simulator';
import { MtSicsSimulator } from '../../simulators/mt-sics-simulator';
import { nextState, rejection, until } from '../../simulators/waiting';

const fast: Partial<DriverTiming> = {
  commandTimeoutMs: 400,
  settleTimeoutMs: 1_500,
  heartbeatIntervalMs: 0,
  reconnectInitialMs: 30,
  reconnectMaxMs: 200,
  resyncQuietMs: 40,
  resyncMaxMs: 200,
  noReplyPauseMs: 10,
};

const drivers: InstrumentDriver[] = [];
const simulators: InstrumentSimulator[] = [];

afterEach(async () => {
  await Promise.all(drivers.splice(0).map((driver) => driver.close()));
  for (const simulator of simulators.splice(0)) simulator.stop();
});

function rig(simulator = new MtSicsSimulator(), options: Partial<DriverOptions> = {}) {
  const bench = mockBench();
  const path = '/dev/ttyMOCK0';
  bench.connect(path, simulator);
  const transport = new SerialTransport({ path, settings: mtSics.defaultSettings, binding: bench.binding });
  const driver = new InstrumentDriver({
    protocol: mtSics,
    transport,
    expectedSerialNumber: '1234567890',
    instrumentName: 'Balance WS-03',
    ...options,
    timing: { ...fast, ...options.timing },
  });
  drivers.push(driver);
  simulators.push(simulator);
  return { bench, driver, simulator, path };
}

describe('instrument driver over the serialport mock binding', () => {
  it('connects, reads serial number and model (without @, which would clear the tare), and is ready', async () => {
    const { driver, simulator } = rig();
    const status = await driver.connect();
    expect(status).toMatchObject({
      state: 'ready',
      streaming: false,
      identity: {
        serialNumber: '1234567890',
        model: 'XPE205 Excellence Plus 220.0000 g',
        capacity: { value: 220, unit: 'g' },
      },
    });
    expect(simulator.commands).toEqual(['I4', 'I2']);
  });

  it('refuses an instrument whose serial number differs from the registry, and stays refused', async () => {
    const { driver } = rig(new MtSicsSimulator({ balance: { serialNumber: '9999999999' } }));
    const status = await driver.connect();
    expect(status.state).toBe('refused');
    expect(status.message).toBe(
      'Balance WS-03 on /dev/ttyMOCK0: reports serial number "9999999999", but "1234567890" is registered — ' +
        'connect the registered instrument, or have a technician update the instrument registry',
    );
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(driver.status.state).toBe('refused');
    expect((await rejection(driver.readStable())).code).toBe('not-connected');
  });

  it('takes a stable reading with its raw bytes and time of receipt', async () => {
    const { driver, simulator } = rig(undefined, { clock: { now: () => Date.UTC(2026, 0, 5, 8, 30) } });
    simulator.balance.place(100);
    await driver.connect();
    const readings: Reading[] = [];
    driver.on('reading', (reading) => readings.push(reading));
    const reading = await driver.readStable();
    expect(reading).toEqual({
      quantity: 'mass',
      status: 'stable',
      value: 100,
      valueText: '100.00',
      unit: 'g',
      raw: {
        hex: Buffer.from('S S     100.00 g\r\n').toString('hex').toUpperCase(),
        text: 'S S     100.00 g\\r\\n',
      },
      receivedAtMs: Date.UTC(2026, 0, 5, 8, 30),
    });
    expect(readings).toEqual([reading]);
  });

  it('sends one command at a time, in order, each answered by its own reply', async () => {
    const { driver, simulator } = rig();
    await driver.connect();
    simulator.balance.place(50);
    const results = await Promise.all([
      driver.readImmediate(),
      driver.tare(),
      driver.readTare(),
      driver.readStable(),
      driver.zero().catch((error: DeviceError) => error.code),
    ]);
    expect(simulator.commands.slice(2)).toEqual(['SI', 'T', 'TA', 'S', 'Z']);
    expect(results[0]).toMatchObject({ status: 'unstable' });
    expect(results[1]).toMatchObject({ value: 50, unit: 'g', valueText: '50.00' });
    expect(results[2]).toMatchObject({ value: 50 });
    expect(results[3]).toMatchObject({ status: 'stable', value: 0 });
    expect(results[4]).toBe('out-of-range');
  });

  it('times out a command that gets no answer, then carries on', async () => {
    const { driver, simulator } = rig();
    await driver.connect();
    simulator.inject({ kind: 'silence' });
    const error = await rejection(driver.readImmediate());
    expect(error.code).toBe('timeout');
    expect(error.message).toBe(
      'Balance WS-03 on /dev/ttyMOCK0: did not answer "SI" within 0.4 s — it answered before, so the cable and settings work: ' +
        'it may be busy (a menu, calibration, printing) — check its display',
    );
    expect(await driver.readImmediate()).toMatchObject({ status: 'stable', value: 0 });
  });

  it.each([
    ['ES', 'instrument-error', 'answered "S" with ES: syntax error'],
    ['ET', 'instrument-error', 'answered "S" with ET: transmission error'],
    ['EL', 'instrument-error', 'answered "S" with EL: logical error'],
    ['S I', 'not-executable', 'it is not stable or busy (it answered "S I" to "S")'],
  ])('turns the reply %j into a %s error', async (line, code, message) => {
    const { driver, simulator } = rig();
    await driver.connect();
    simulator.inject({ kind: 'replace', line });
    const error = await rejection(driver.readStable());
    expect(error.code).toBe(code);
    expect(error.message).toContain(message);
    expect(error.raw?.text).toBe(`${line}\\r\\n`);
  });

  it('reports S I after the balance fails to settle', async () => {
    const { driver, simulator } = rig(new MtSicsSimulator({ stabilityTimeoutMs: 100 }));
    await driver.connect();
    simulator.balance.place(10);
    simulator.balance.vibrating = true;
    expect((await rejection(driver.readStable())).code).toBe('not-executable');
  });

  it('gives overload and underload as reading states, not values', async () => {
    const { driver, simulator } = rig();
    await driver.connect();
    simulator.balance.place(500);
    expect(await driver.readStable()).toMatchObject({ status: 'overload' });
    expect(await driver.readStable()).not.toHaveProperty('value');
    simulator.balance.place(-5);
    expect(await driver.readStable()).toMatchObject({ status: 'underload' });
  });

  it('refuses more queued commands than allowed, instead of growing a backlog', async () => {
    const { driver } = rig(undefined, { timing: { maxQueuedCommands: 2 } });
    await driver.connect();
    const calls = Array.from({ length: 5 }, () =>
      driver.readImmediate().then(
        () => 'ok',
        (error: DeviceError) => error.code,
      ),
    );
    expect(await Promise.all(calls)).toEqual(['ok', 'ok', 'ok', 'busy', 'busy']);
  });

  it('streams with SIR, stops with @ and checks the serial number it answers', async () => {
    const { driver, simulator } = rig();
    await driver.connect();
    const readings: Reading[] = [];
    driver.on('reading', (reading) => readings.push(reading));
    await driver.startStreaming();
    expect(driver.status.streaming).toBe(true);
    simulator.balance.place(20);
    const stable = await driver.readStable();
    expect(stable).toMatchObject({ status: 'stable', value: 20 });
    await driver.stopStreaming();
    expect(driver.status).toMatchObject({ state: 'ready', streaming: false });
    expect(simulator.streaming).toBe(false);
    expect(readings.length).toBeGreaterThanOrEqual(4);
    expect(readings.some((reading) => reading.status === 'unstable')).toBe(true);
    expect(simulator.commands.slice(2, 3)).toEqual(['SIR']);
    expect(simulator.commands.at(-1)).toBe('@');
  });

  it('notices the unplugged port, reconnects with backoff once it is back, and resumes streaming', async () => {
    const { driver, simulator, bench, path } = rig();
    await driver.connect();
    await driver.startStreaming();
    const disconnected = nextState(driver, 'disconnected');
    bench.unplug(path);
    const status = await disconnected;
    expect(status.message).toBe(
      'Balance WS-03 on /dev/ttyMOCK0: was disconnected (device unplugged) — check the cable; reconnecting',
    );
    expect(status.retryInMs).toBe(30);
    expect((await rejection(driver.readImmediate())).code).toBe('not-connected');
    const retries: number[] = [];
    driver.on('state', (next) => {
      if (next.retryInMs !== undefined) retries.push(next.retryInMs);
    });
    await until(() => retries.length >= 4);
    expect(retries.slice(0, 4)).toEqual([60, 120, 200, 200]);
    const ready = nextState(driver, 'ready');
    bench.plugIn(path);
    await ready;
    await until(() => driver.status.streaming);
    expect(driver.status.streaming).toBe(true);
    expect(simulator.streaming).toBe(true);
  });

  it('tries at once when connect() is called while a reconnect is scheduled, and joins an attempt under way', async () => {
    const { driver, bench, path } = rig(undefined, {
      timing: { reconnectInitialMs: 60_000, reconnectMaxMs: 60_000 },
    });
    await driver.connect();
    const disconnected = nextState(driver, 'disconnected');
    bench.unplug(path);
    expect((await disconnected).retryInMs).toBe(60_000);
    bench.plugIn(path);
    const [first, second] = [driver.connect(), driver.connect()];
    expect(first).toBe(second);
    expect((await first).state).toBe('ready');
  });

  it('counts missed heartbeats and reconnects when the instrument stops answering', async () => {
    const { driver, simulator } = rig(undefined, {
      timing: { heartbeatIntervalMs: 60, commandTimeoutMs: 100 },
    });
    await driver.connect();
    const lost = nextState(driver, 'disconnected');
    simulator.inject({ kind: 'silence' }, { kind: 'silence' });
    const status = await lost;
    expect(status.message).toContain('stopped answering');
    await nextState(driver, 'ready');
    expect(simulator.commands.filter((command) => command === 'I4').length).toBeGreaterThanOrEqual(4);
  });

  it('takes a stream that falls silent for a lost connection, and streams again after reconnecting', async () => {
    const { driver, simulator } = rig(undefined, { timing: { heartbeatIntervalMs: 80 } });
    await driver.connect();
    await driver.startStreaming();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(driver.status.state).toBe('ready');
    const lost = nextState(driver, 'disconnected');
    simulator.stop();
    expect((await lost).message).toContain('stopped answering (readings stopped)');
    await nextState(driver, 'ready');
    await until(() => simulator.streaming);
  });

  it('refuses an instrument that reports another serial number later (swapped on the same port)', async () => {
    const { driver, simulator } = rig(undefined, { timing: { heartbeatIntervalMs: 50 } });
    await driver.connect();
    const refused = nextState(driver, 'refused');
    (simulator.balance.spec as { serialNumber: string }).serialNumber = '5555555555';
    expect((await refused).message).toContain('reports serial number "5555555555"');
  });

  it('closes cleanly and refuses work afterwards', async () => {
    const { driver } = rig();
    await driver.connect();
    await driver.close();
    expect(driver.status.state).toBe('closed');
    expect((await rejection(driver.readStable())).code).toBe('closed');
  });
});
