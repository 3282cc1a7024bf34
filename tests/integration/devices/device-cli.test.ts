/**
 * `ebr device probe` and `ebr device list-ports` against simulated instruments on socat
 * pseudo-terminals. No data folder involved. A few runs go through the real `ebr` process; the
 * rest call the same entry point in-process (each process start costs seconds).
 */
import { execFile } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../../electron/cli/main';
import { AndSimulator } from '../../simulators/and-simulator';
import { attachToPty, type PtyAttachment } from '../../simulators/attach-pty';
import type { InstrumentSimulator } from '../../simulators/instrument-simulator';
import { MtSicsSimulator } from '../../simulators/mt-sics-simulator';
import { startPtyPair, type PtyPair } from '../../simulators/pty-pair';
import { SartoriusSimulator } from '../../simulators/sartorius-simulator';
import { GS, ScannerSimulator } from '../../simulators/scanner-simulator';
import { ebrEntry } from '../../helpers/ebr-command';

const ebr = ebrEntry();

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function ebrCommand(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [ebr, ...args], { timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error ? ((error as { code?: number }).code ?? 1) : 0;
      resolve({ code: typeof code === 'number' ? code : 1, stdout, stderr });
    });
  });
}

/** The same command line, run in this process with captured output. */
async function ebrInProcess(args: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    out: (text) => (stdout += `${text}\n`),
    err: (text) => (stderr += `${text}\n`),
    env: {},
  });
  return { code, stdout, stderr };
}

const probeArgs = (port: string, protocol: string) => [
  'device',
  'probe',
  '--port',
  port,
  '--protocol',
  protocol,
  '--timeout',
  '20',
];

const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function instrumentOnPty(
  simulator?: InstrumentSimulator,
): Promise<{ pair: PtyPair; attachment?: PtyAttachment }> {
  const pair = await startPtyPair();
  cleanups.push(() => pair.dispose());
  if (!simulator) return { pair };
  const attachment = await attachToPty(simulator, pair);
  cleanups.push(async () => {
    simulator.stop();
    await attachment.detach();
  });
  return { pair, attachment };
}

describe('ebr device probe', () => {
  it('prints model, serial number and one stable reading of an MT-SICS balance as one JSON line (real ebr process)', async () => {
    const simulator = new MtSicsSimulator();
    simulator.balance.place(100.02);
    const { pair } = await instrumentOnPty(simulator);
    const run = await ebrCommand([
      'device',
      'probe',
      '--port',
      pair.hostPath,
      '--protocol',
      'mt-sics',
      '--timeout',
      '20',
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout.trim().split('\n')).toHaveLength(1);
    expect(JSON.parse(run.stdout)).toEqual({
      port: pair.hostPath,
      protocol: 'mt-sics',
      settings: '9600 8N1 Xon/Xoff',
      model: 'XPE205 Excellence Plus 220.0000 g',
      serialNumber: '1234567890',
      reading: {
        status: 'stable',
        value: 100.02,
        valueText: '100.02',
        unit: 'g',
        rawHex: Buffer.from('S S     100.02 g\r\n').toString('hex').toUpperCase(),
        receivedAtUtc: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      },
    });
  });

  it('takes serial settings from the command line', async () => {
    const simulator = new AndSimulator();
    simulator.balance.place(5);
    const { pair } = await instrumentOnPty(simulator);
    const run = await ebrInProcess([
      'device',
      'probe',
      '--port',
      pair.hostPath,
      '--protocol',
      'and',
      '--baud',
      '9600',
      '--parity',
      'none',
      '--data-bits',
      '8',
      '--timeout',
      '20',
    ]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      settings: '9600 8N1',
      serialNumber: '01234567',
      model: 'GX-224A',
      reading: { value: 5, unit: 'g' },
    });
  });

  it('prints the first scan of a barcode scanner', async () => {
    const simulator = new ScannerSimulator();
    const { pair } = await instrumentOnPty(simulator);
    // The scanner is triggered again and again until the probe has read one.
    const trigger = setInterval(() => simulator.scan(`010950123456789017${GS}10LOT42`, ']C1'), 200);
    cleanups.push(async () => clearInterval(trigger));
    const run = await ebrInProcess([
      'device',
      'probe',
      '--port',
      pair.hostPath,
      '--protocol',
      'scanner',
      '--timeout',
      '20',
    ]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      protocol: 'scanner',
      scan: { data: `010950123456789017${GS}10LOT42`, symbology: ']C1', gs1: true },
    });
  });

  it('exits 1 with a clear message when nothing answers in time', async () => {
    const { pair } = await instrumentOnPty();
    const run = await ebrInProcess([
      'device',
      'probe',
      '--port',
      pair.hostPath,
      '--protocol',
      'mt-sics',
      '--timeout',
      '1',
    ]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    // Whichever of the command's 1 s and the probe's 1 s runs out first; either way nothing answered.
    const port = pair.hostPath;
    expect([
      `ebr device probe: Mettler Toledo MT-SICS on ${port}: did not identify itself: did not answer "I4" within 1 s — ` +
        'check that it is switched on, the cable, and the port settings',
      `ebr device probe: Mettler Toledo MT-SICS on ${port}: no answer within 1 s (9600 8N1 Xon/Xoff) — ` +
        "check that it is switched on, the cable, the port and the instrument's interface settings",
    ]).toContain(run.stderr.trim());
  });

  it('reports the number out of a Sartorius Cubis answer "SerNo.    0031801165", the answer beside it', async () => {
    const simulator = new SartoriusSimulator({
      serialNumberStyle: 'labelled',
      balance: { serialNumber: '0031801165', model: 'MSE224S-100-DU' },
    });
    simulator.balance.place(12.34);
    const { pair } = await instrumentOnPty(simulator);
    const run = await ebrInProcess(probeArgs(pair.hostPath, 'sartorius-sbi'));
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      model: 'MSE224S-100-DU',
      serialNumber: '0031801165',
      serialNumberAnswer: 'SerNo.    0031801165',
      reading: { status: 'stable', value: 12.34, unit: 'g' },
    });
    expect(simulator.commands.slice(0, 2)).toEqual(['ESC x2_', 'ESC x1_']);
  });

  it.each([
    [16, 300, 'overload', 'H', 'take load off the pan'],
    [22, 300, 'overload', 'Stat    H', 'take load off the pan'],
    [16, -5, 'underload', 'L', 'fit the pan and empty it, then zero the balance'],
    [22, -5, 'underload', 'Stat    L', 'fit the pan and empty it, then zero the balance'],
  ] as const)(
    'names a Sartorius balance answering a lone H / L (%i characters, load %s g) %s, exit 1',
    async (format, load, status, shown, advice) => {
      const simulator = new SartoriusSimulator({ format, rangeStyle: 'letters' });
      simulator.balance.place(load);
      simulator.balance.settle();
      const { pair } = await instrumentOnPty(simulator);
      const run = await ebrInProcess(probeArgs(pair.hostPath, 'sartorius-sbi'));
      expect(run.code).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toBe(
        `ebr device probe: Sartorius SBI on ${pair.hostPath}: the balance reports ${status} ("${shown}") — ${advice}\n`,
      );
    },
  );

  it('exits 1 naming the port when it does not exist', async () => {
    const run = await ebrInProcess([
      'device',
      'probe',
      '--port',
      '/dev/ebr-no-such-port',
      '--protocol',
      'ph-mt',
      '--timeout',
      '5',
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('port /dev/ebr-no-such-port does not exist');
  });

  it.each([
    [['--protocol', 'mt-sics'], 'Missing --port'],
    [
      ['--port', '/dev/x', '--protocol', 'ohaus'],
      '--protocol must be one of mt-sics, sartorius-sbi, and, ph-mt, scanner',
    ],
    [['--port', '/dev/x', '--protocol', 'and', '--parity', 'mark'], '--parity must be none, even or odd'],
    [['--port', '/dev/x', '--protocol', 'and', '--data-bits', '9'], '--data-bits must be 7 or 8'],
    [['--port', '/dev/x', '--protocol', 'and', '--baud', 'fast'], '--baud must be a positive whole number'],
    [['--port', '/dev/x', '--protocol', 'and', '--timeout', '0'], '--timeout must be a number of seconds'],
  ])('refuses bad arguments %j with exit 2', async (args, message) => {
    const run = await ebrInProcess(['device', 'probe', ...args]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
  });
});

describe('ebr device list-ports', () => {
  it('lists the OS serial ports as JSON', async () => {
    const run = await ebrInProcess(['device', 'list-ports', '--json']);
    expect(run.code).toBe(0);
    const ports = JSON.parse(run.stdout) as { path: string }[];
    expect(Array.isArray(ports)).toBe(true);
    for (const port of ports) expect(typeof port.path).toBe('string');
  });

  it('lists them as text', async () => {
    const run = await ebrInProcess(['device', 'list-ports']);
    expect(run.code).toBe(0);
    expect(run.stdout.length).toBeGreaterThan(0);
  });
});
