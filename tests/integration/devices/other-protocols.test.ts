/**
 * A&D, Sartorius SBI, the ph-mt pH dialect and a serial barcode scanner, each over a socat
 * pseudo-terminal pair with its simulator.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../../electron/core/clock';
import { captureStableValue } from '../../../electron/core/devices/capture';
import type { InstrumentCaptureConfig } from '../../../electron/core/devices/capture-checks';
import type { LineFault } from '../../../electron/core/devices/driver';
import { andStandard } from '../../../electron/core/devices/protocols/and-standard';
import { phMt } from '../../../electron/core/devices/protocols/ph-mt';
import { sartoriusSbi } from '../../../electron/core/devices/protocols/sartorius-sbi';
import { scannerProtocol } from '../../../electron/core/devices/protocols/scanner';
import type { Reading, ScanRead } from '../../../electron/core/devices/reading';
import { AndSimulator } from '../../simulators/and-simulator';
import type { InstrumentSimulator } from '../../simulators/instrument-simulator';
import { PhMeterSimulator } from '../../simulators/ph-meter-simulator';
import { ptyRig, type PtyRig } from '../../simulators/pty-rig';
import { SartoriusSimulator } from '../../simulators/sartorius-simulator';
import { GS, ScannerSimulator } from '../../simulators/scanner-simulator';
import { rejection, until } from '../../simulators/waiting';

let rig: PtyRig<InstrumentSimulator> | undefined;

afterEach(async () => {
  await rig?.dispose();
  rig = undefined;
});

const hex = (line: string) => Buffer.from(line, 'latin1').toString('hex').toUpperCase();

const balance = (expectedSerialNumber: string): InstrumentCaptureConfig => ({
  name: 'Balance WS-07',
  expectedSerialNumber,
  calibrationDueUtc: '2099-12-31',
  unit: 'g',
  capacity: 220,
  readability: 0.01,
  minimumWeight: 2,
});

describe('A&D standard format', () => {
  async function connect(simulator = new AndSimulator()) {
    rig = await ptyRig(simulator, andStandard, { expectedSerialNumber: '01234567' });
    const status = await rig.driver.connect();
    return { driver: rig.driver, simulator, status };
  }

  it('cancels any repeat mode, reads ?SN and ?TN, and captures ST values', async () => {
    const { driver, simulator, status } = await connect();
    expect(status).toMatchObject({
      state: 'ready',
      identity: { serialNumber: '01234567', model: 'GX-224A' },
    });
    expect(simulator.commands).toEqual(['C', '?SN', '?TN']);
    simulator.balance.place(100.02);
    const outcome = await captureStableValue(driver, {
      instrument: balance('01234567'),
      need: { unit: 'g', target: 100, tolerance: 0.5 },
      clock: systemClock,
    });
    expect(outcome).toMatchObject({
      ok: true,
      value: { value: 100.02, rawHex: hex('ST,+00100.02  g\r\n'), protocol: 'and' },
    });
  });

  it('gives US readings immediately and OL as overload', async () => {
    const { driver, simulator } = await connect();
    simulator.balance.place(50);
    expect(await driver.readImmediate()).toMatchObject({ status: 'unstable', unit: 'g' });
    simulator.balance.place(300);
    expect(await driver.readStable()).toMatchObject({
      status: 'overload',
      raw: { text: 'OL,+9999999E+19\\r\\n' },
    });
  });

  it('reports EC,E11 when the weight never settles', async () => {
    const { driver, simulator } = await connect(new AndSimulator({ stabilityTimeoutMs: 100 }));
    simulator.balance.place(10);
    simulator.balance.vibrating = true;
    const error = await rejection(driver.readStable());
    expect(error).toMatchObject({ code: 'instrument-error' });
    expect(error.message).toContain('E11: stability error');
  });

  it('tares and re-zeroes, with or without the ACK setting (the tare is confirmed by reading back a zero net)', async () => {
    for (const acknowledge of [false, true]) {
      const { driver, simulator } = await connect(new AndSimulator({ acknowledge }));
      simulator.balance.place(1);
      await driver.zero();
      expect(await driver.readStable()).toMatchObject({ value: 0 });
      simulator.balance.place(20);
      await driver.tare();
      expect(await driver.readStable()).toMatchObject({ value: 0 });
      simulator.balance.place(20 + 75.5);
      expect(await driver.readStable()).toMatchObject({ value: 75.5 });
      await rig!.dispose();
      rig = undefined;
    }
  });

  it('streams with SIR and stops with C', async () => {
    const { driver, simulator } = await connect();
    let readings = 0;
    driver.on('reading', () => readings++);
    await driver.startStreaming();
    await until(() => readings >= 5);
    await driver.stopStreaming();
    expect(simulator.commands.slice(-2)).toEqual(['SIR', 'C']);
  });

  it('refuses a balance with another serial number', async () => {
    const { status } = await connect(new AndSimulator({ balance: { serialNumber: '99999999' } }));
    expect(status.state).toBe('refused');
  });

  it('reads correctly from 1-byte chunks and refuses garbage', async () => {
    const { driver, simulator } = await connect();
    simulator.balance.place(12.34);
    simulator.oneByteChunks = true;
    expect(await driver.readStable()).toMatchObject({ value: 12.34, valueText: '12.34' });
    simulator.inject({ kind: 'garbage' });
    expect((await rejection(driver.readStable())).code).toBe('unreadable-reply');
    expect(await driver.readStable()).toMatchObject({ value: 12.34 });
  });
});

describe('Sartorius SBI', () => {
  async function connect(simulator = new SartoriusSimulator()) {
    rig = await ptyRig(simulator, sartoriusSbi, { expectedSerialNumber: '0034512345' });
    const status = await rig.driver.connect();
    return { driver: rig.driver, simulator, status };
  }

  it('identifies with ESC x2_ and ESC x1_, and polls ESC P until the unit shows (stable)', async () => {
    const { driver, simulator, status } = await connect();
    expect(status).toMatchObject({
      state: 'ready',
      identity: { serialNumber: '0034512345', model: 'BCE224I-1S' },
    });
    simulator.balance.place(123.56);
    const readings: Reading[] = [];
    driver.on('reading', (reading) => readings.push(reading));
    const reading = await driver.readStable();
    expect(reading).toMatchObject({ status: 'stable', value: 123.56, unit: 'g', label: 'net' });
    expect(reading.raw.hex).toBe(hex('N     +   123.56 g  \r\n'));
    expect(readings.filter((seen) => seen.status === 'unstable').length).toBeGreaterThan(0);
    expect(simulator.commands.filter((command) => command === 'ESC P').length).toBeGreaterThan(1);
  });

  it('reads the 16-character format', async () => {
    const { driver, simulator } = await connect(new SartoriusSimulator({ format: 16 }));
    simulator.balance.place(5.5);
    simulator.balance.settle();
    const reading = await driver.readStable();
    expect(reading).toMatchObject({ status: 'stable', value: 5.5 });
    expect(reading.raw.hex).toBe(hex('+     5.50 g  \r\n'));
  });

  it('tares with ESC T (no answer) and reads High as overload', async () => {
    const { driver, simulator } = await connect();
    simulator.balance.place(30);
    simulator.balance.settle();
    simulator.balance.place(30);
    await driver.readStable();
    await driver.tare();
    simulator.balance.place(30 + 42);
    expect(await driver.readStable()).toMatchObject({ value: 42 });
    simulator.balance.place(400);
    expect(await driver.readStable()).toMatchObject({ status: 'overload' });
  });

  it('turns an Err line into an instrument error, and has no streaming command', async () => {
    const { driver, simulator } = await connect();
    simulator.inject({ kind: 'replace', line: simulator.special('Err 54') });
    expect(await rejection(driver.readStable())).toMatchObject({ code: 'instrument-error' });
    expect(await rejection(driver.startStreaming())).toMatchObject({ code: 'unsupported' });
  });
});

describe('pH meter (ph-mt dialect)', () => {
  async function connect(simulator = new PhMeterSimulator()) {
    rig = await ptyRig(simulator, phMt, { expectedSerialNumber: 'B512345678' });
    const status = await rig.driver.connect();
    return { driver: rig.driver, simulator, status };
  }

  it('captures a stable pH with its temperature and checks the limits', async () => {
    const { driver, simulator, status } = await connect();
    expect(status.identity).toEqual({ serialNumber: 'B512345678', model: 'SevenExcellence S400' });
    simulator.immerse(7.012, 24.8);
    const meter: InstrumentCaptureConfig = {
      name: 'pH meter PH-02',
      expectedSerialNumber: 'B512345678',
      calibrationDueUtc: '2099-12-31',
      unit: 'pH',
    };
    const outcome = await captureStableValue(driver, {
      instrument: meter,
      need: { unit: 'pH', min: 6.5, max: 7.5 },
      clock: systemClock,
    });
    expect(outcome).toMatchObject({
      ok: true,
      value: {
        quantity: 'pH',
        value: 7.012,
        unit: 'pH',
        temperatureC: 24.8,
        rawHex: hex('M S    7.012 pH   24.8 C\r\n'),
      },
    });
    simulator.immerse(8.2, 24.8);
    expect(
      await captureStableValue(driver, {
        instrument: meter,
        need: { unit: 'pH', min: 6.5, max: 7.5 },
        clock: systemClock,
      }),
    ).toMatchObject({ ok: false, code: 'out-of-limits' });
  });

  it('answers M I when the reading drifts, and reads mV', async () => {
    const { driver, simulator } = await connect(new PhMeterSimulator({ stabilityTimeoutMs: 100 }));
    simulator.drifting = true;
    expect(await rejection(driver.readStable())).toMatchObject({ code: 'not-executable' });
    simulator.drifting = false;
    simulator.mode = 'mV';
    simulator.immerse(4.0);
    expect(await driver.readStable()).toMatchObject({ quantity: 'potential', unit: 'mV', value: 177.5 });
  });

  it('streams with MIR and stops with @', async () => {
    const { driver, simulator } = await connect();
    let readings = 0;
    driver.on('reading', () => readings++);
    await driver.startStreaming();
    await until(() => readings >= 5);
    await driver.stopStreaming();
    expect(simulator.commands.slice(-2)).toEqual(['MIR', '@']);
  });
});

describe('serial barcode scanner', () => {
  async function connect(simulator: ScannerSimulator, options: Parameters<typeof scannerProtocol>[0]) {
    rig = await ptyRig(simulator, scannerProtocol(options));
    const status = await rig.driver.connect();
    return { driver: rig.driver, simulator, status };
  }

  it('reports scans with their AIM symbology, keeping GS1 group separators', async () => {
    const { driver, simulator, status } = await connect(new ScannerSimulator(), { terminator: 'cr' });
    expect(status).toMatchObject({ state: 'ready', identity: {} });
    const scan = driver.nextScan(5_000);
    simulator.scan(`010950123456789017261231${GS}10LOT42`, ']d2');
    expect(await scan).toMatchObject({
      data: `010950123456789017261231${GS}10LOT42`,
      symbology: { identifier: ']d2', name: 'GS1 DataMatrix', gs1: true },
      raw: { hex: hex(`]d2010950123456789017261231${GS}10LOT42\r`) },
    });
  });

  it.each([
    ['CR LF', '\r\n', 'crlf'],
    ['LF', '\n', 'lf'],
  ] as const)(
    'reads %s-terminated scans with prefix and suffix stripped, in 1-byte chunks',
    async (_name, terminator, mode) => {
      const simulator = new ScannerSimulator({ terminator, prefix: '<', suffix: '>' });
      const { driver } = await connect(simulator, { terminator: mode, prefix: '<', suffix: '>' });
      simulator.oneByteChunks = true;
      const scans: ScanRead[] = [];
      driver.on('scan', (scan) => scans.push(scan));
      simulator.scan('CONTAINER-17', ']C0');
      simulator.scan('EQ-BAL-150');
      await until(() => scans.length === 2);
      expect(scans.map((scan) => [scan.data, scan.symbology?.identifier])).toEqual([
        ['CONTAINER-17', ']C0'],
        ['EQ-BAL-150', undefined],
      ]);
    },
  );

  it('reports garbage and overlong lines as faults, never as scans', async () => {
    const simulator = new ScannerSimulator();
    const { driver } = await connect(simulator, { terminator: 'cr', maxLength: 64 });
    const scans: ScanRead[] = [];
    const faults: LineFault[] = [];
    driver.on('scan', (scan) => scans.push(scan));
    driver.on('fault', (fault) => faults.push(fault));
    simulator.inject({ kind: 'garbage-line' }, { kind: 'overlong', length: 500 });
    simulator.scan('LOT-1');
    simulator.scan('LOT-2');
    await until(() => scans.length === 2);
    expect(scans.map((scan) => scan.data)).toEqual(['LOT-1', 'LOT-2']);
    expect(faults.map((fault) => fault.kind)).toEqual(['unreadable', 'overlong']);
  });
});
