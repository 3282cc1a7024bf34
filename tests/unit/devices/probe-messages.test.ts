/**
 * The commissioning probe's refusals over the serialport mock binding: one format
 * ("<protocol> on <port>: what — what to do"), raw lines trimmed and escaped, the advice that fits
 * the cause, no "reconnecting" from a one-shot probe, and a pending command cancelled where the
 * protocol allows (A&D C; never MT-SICS @).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { InstrumentDriver } from '../../../electron/core/devices/driver';
import type { DriverTiming } from '../../../electron/core/devices/driver-timing';
import { probeInstrument } from '../../../electron/core/devices/probe';
import { andStandard } from '../../../electron/core/devices/protocols/and-standard';
import { mtSics } from '../../../electron/core/devices/protocols/mt-sics';
import type { InstrumentProtocol, ProtocolName } from '../../../electron/core/devices/protocols/protocol';
import { shownLine } from '../../../electron/core/devices/reading';
import { SerialTransport } from '../../../electron/core/devices/serial-transport';
import { AndSimulator } from '../../simulators/and-simulator';
import { mockBench } from '../../simulators/attach-mock';
import type { InstrumentSimulator } from '../../simulators/instrument-simulator';
import { MtSicsSimulator } from '../../simulators/mt-sics-simulator';
import { SartoriusSimulator } from '../../simulators/sartorius-simulator';
import { rejection, until } from '../../simulators/waiting';

const PORT = '/dev/ttyMOCK7';
const simulators: InstrumentSimulator[] = [];
const drivers: InstrumentDriver[] = [];

afterEach(async () => {
  await Promise.all(drivers.splice(0).map((driver) => driver.close()));
  for (const simulator of simulators.splice(0)) simulator.stop();
});

function transportTo(simulator: InstrumentSimulator, protocol: InstrumentProtocol): SerialTransport {
  const bench = mockBench();
  bench.connect(PORT, simulator);
  simulators.push(simulator);
  return new SerialTransport({ path: PORT, settings: protocol.defaultSettings, binding: bench.binding });
}

function probe(simulator: InstrumentSimulator, protocol: ProtocolName, timeoutMs: number) {
  const definition = { 'mt-sics': mtSics, and: andStandard }[protocol as 'mt-sics' | 'and'];
  const transport = transportTo(simulator, definition ?? andStandard);
  return probeInstrument({ path: PORT, protocol, timeoutMs, transport });
}

describe('raw lines in messages', () => {
  it.each([
    ['      High    \r\n', 'High'],
    ['Stat        H       \r\n', 'Stat        H'],
    ['S S     100.00 g\r\n', 'S S     100.00 g'],
    ['\x1bX\x00\r\n', '\\x1BX\\x00'],
    ['EC,E11\r\n\r\n', 'EC,E11'],
  ])('%j is shown as %j', (line, shown) => {
    expect(shownLine(Buffer.from(line, 'latin1'))).toBe(shown);
  });
});

describe('ebr device probe refusals', () => {
  it('a balance that never answers: the connection is in doubt, and nothing says "reconnecting"', async () => {
    const simulator = new MtSicsSimulator();
    simulator.inject(...Array.from({ length: 8 }, () => ({ kind: 'silence' as const })));
    const error = await rejection(probe(simulator, 'mt-sics', 3_000));
    expect(error.message).toBe(
      `Mettler Toledo MT-SICS on ${PORT}: did not identify itself: did not answer "I4" within 2 s — ` +
        'check that it is switched on, the cable, and the port settings',
    );
  });

  it('an A&D balance that identified itself but never settles: no blame on the cable, and its S is cancelled with C', async () => {
    const simulator = new AndSimulator({ stabilityTimeoutMs: Infinity });
    simulator.balance.vibrating = true;
    const error = await rejection(probe(simulator, 'and', 1_500));
    expect(error.code).toBe('timeout');
    expect(error.message).toBe(
      `A&D standard format on ${PORT}: identified itself (GX-224A, serial number 01234567), so the cable and ` +
        'settings work, but gave no stable reading within 1.5 s — keep the pan still and free of draughts, and check the load',
    );
    expect(error.message).not.toMatch(/cable, the port|reconnecting/);
    await until(() => simulator.commands.at(-1) === 'C');
    expect(simulator.commands).toEqual(['C', '?SN', '?TN', 'S', 'C']);
  });

  it('an A&D balance that says E11 (never stable) is quoted, not blamed on the cable', async () => {
    const simulator = new AndSimulator({ stabilityTimeoutMs: 50 });
    simulator.balance.vibrating = true;
    const error = await rejection(probe(simulator, 'and', 5_000));
    expect(error.message).toBe(
      `A&D standard format on ${PORT}: answered "S" with E11: stability error: the weight did not become stable`,
    );
  });

  it.each([
    [16, 'letters', 300, 'overload', 'H', 'take load off the pan'],
    [22, 'letters', -5, 'underload', 'Stat    L', 'fit the pan and empty it, then zero the balance'],
    [16, 'words', 300, 'overload', 'High', 'take load off the pan'],
    [22, 'words', -5, 'underload', 'Stat    Low', 'fit the pan and empty it, then zero the balance'],
  ] as const)(
    'a Sartorius balance (%i characters, %s, load %s g) out of range: names %s, quotes the line trimmed',
    async (format, rangeStyle, load, status, shown, advice) => {
      const simulator = new SartoriusSimulator({ format, rangeStyle });
      simulator.balance.place(load);
      simulator.balance.settle();
      const error = await rejection(probe(simulator, 'sartorius-sbi', 5_000));
      expect(error.code).toBe('out-of-range');
      expect(error.message).toBe(
        `Sartorius SBI on ${PORT}: the balance reports ${status} ("${shown}") — ${advice}`,
      );
      expect(error.message).not.toContain('\\r\\n');
    },
  );

  it('the port pulled during a probe: disconnected, without "reconnecting"', async () => {
    const simulator = new AndSimulator({ stabilityTimeoutMs: Infinity });
    simulator.balance.vibrating = true;
    const bench = mockBench();
    bench.connect(PORT, simulator);
    simulators.push(simulator);
    const transport = new SerialTransport({
      path: PORT,
      settings: andStandard.defaultSettings,
      binding: bench.binding,
    });
    const probing = rejection(probeInstrument({ path: PORT, protocol: 'and', timeoutMs: 20_000, transport }));
    await until(() => simulator.commands.includes('S'));
    bench.unplug(PORT);
    const error = await probing;
    expect(error.code).toBe('disconnected');
    expect(error.message).toMatch(
      new RegExp(`^A&D standard format on ${PORT}: was disconnected \\(.+\\) — check the cable$`),
    );
  });
});

describe('a command that timed out', () => {
  const timing: Partial<DriverTiming> = {
    commandTimeoutMs: 400,
    settleTimeoutMs: 300,
    heartbeatIntervalMs: 0,
    resyncQuietMs: 40,
    resyncMaxMs: 200,
    noReplyPauseMs: 10,
  };

  function driverFor(simulator: InstrumentSimulator, protocol: InstrumentProtocol) {
    const driver = new InstrumentDriver({
      protocol,
      transport: transportTo(simulator, protocol),
      timing,
      reconnect: false,
    });
    drivers.push(driver);
    return driver;
  }

  it('A&D: S is cancelled with C, the advice fits a balance that answered before, and the next S is answered', async () => {
    const simulator = new AndSimulator({ stabilityTimeoutMs: Infinity });
    const driver = driverFor(simulator, andStandard);
    expect((await driver.connect()).state).toBe('ready');
    simulator.balance.vibrating = true;
    const error = await rejection(driver.readStable());
    expect(error.message).toBe(
      `A&D standard format on ${PORT}: did not answer "S" within 0.3 s (cancelled with "C") — it answered before, ` +
        'so the cable and settings work: it is probably still waiting for a stable value — keep the pan still and free of draughts',
    );
    expect(simulator.commands.slice(-2)).toEqual(['S', 'C']);
    simulator.balance.vibrating = false;
    simulator.balance.place(12.5);
    simulator.balance.settle();
    expect(await driver.readStable()).toMatchObject({ status: 'stable', value: 12.5 });
  });

  it('MT-SICS: never sends @ (it would clear the tare); the balance answers S I by itself', async () => {
    const simulator = new MtSicsSimulator({ stabilityTimeoutMs: 2_000 });
    const driver = driverFor(simulator, mtSics);
    expect((await driver.connect()).state).toBe('ready');
    simulator.balance.vibrating = true;
    const error = await rejection(driver.readStable());
    expect(error.code).toBe('timeout');
    expect(error.message).not.toContain('cancelled');
    await driver.close();
    expect(simulator.commands).not.toContain('@');
  });
});
