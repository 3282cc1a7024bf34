/**
 * Line received → the event a window gets: a simulated MT-SICS balance on a socat pty pair, the
 * application's device hub (driver, framing, decoding) and its connection hub, up to the listener
 * of `instrument.reading` on a signed-in connection — the point where the preload hands the event
 * to the renderer (Electron's own IPC hop to the renderer process is not measurable here).
 */
import type { Connection } from '../../electron/core/app';
import type { InstrumentReadingEvent, LiveInstrument } from '../../shared/contract/live-instruments';
import type { Result } from '../../shared/errors';
import { freshApp, signIn } from '../helpers/fresh-app';
import { attachToPty } from '../simulators/attach-pty';
import { MtSicsSimulator } from '../simulators/mt-sics-simulator';
import { startPtyPair } from '../simulators/pty-pair';
import { now, rawMs, summarize, type Benchmark, type BenchResult } from './stats';

const WARM_UP = 50;
const N = 1_000;
const TEMPORARY = 'Temporary-Pass-7';
const PASSWORD = 'Bench-Instrument-2026!';

class LineBalance extends MtSicsSimulator {
  send(line: string): void {
    this.reply(line);
  }
}

function value<T>(result: Result<unknown>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

async function waitReady(connection: Connection, instrumentId: string): Promise<void> {
  const until = Date.now() + 20_000;
  for (;;) {
    const live = value<LiveInstrument[]>(await connection.invoke('instruments.live', {})).find(
      (entry) => entry.instrumentId === instrumentId,
    );
    if (live?.state === 'ready') return;
    if (Date.now() > until)
      throw new Error(`the balance did not connect: ${live?.state} ${live?.message ?? ''}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function run(): Promise<BenchResult> {
  const fresh = await freshApp();
  const pair = await startPtyPair();
  const balance = new LineBalance({
    balance: { serialNumber: 'B123456789', unit: 'g', decimals: 2, capacity: 220 },
  });
  const attachment = await attachToPty(balance, pair);
  try {
    const admin = await fresh.admin();
    value(
      await admin.invoke('users.create', {
        username: 'tess',
        fullName: 'Tess Technician',
        roles: ['technician'],
        temporaryPassword: TEMPORARY,
        reason: 'Bench',
      }),
    );
    const { connection } = await signIn(fresh.app, 'tess', TEMPORARY, PASSWORD);
    const instrument = value<{ id: string }>(
      await connection.invoke('instruments.register', {
        fields: {
          assetId: 'EQ-BAL-BENCH',
          kind: 'balance',
          protocol: 'mt-sics',
          port: pair.hostPath,
          serial: { baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1, flowControl: 'xon-xoff' },
          expectedSerialNumber: 'B123456789',
          model: 'XPE205',
          unit: 'g',
          capacity: 220,
          readability: 0.01,
          minimumWeight: 1,
          calibrationDueUtc: '2099-01-01T00:00:00.000Z',
          terminalId: fresh.app.runtime!.terminal.id,
        },
        reason: 'Bench balance',
      }),
    );
    await waitReady(connection, instrument.id);
    const durations: bigint[] = [];
    for (let index = 0; index < WARM_UP + N; index++) {
      const weight = (index % 200) + 1;
      const arrived = new Promise<bigint>((resolve) => {
        const stop = connection.on('instrument.reading', (event: InstrumentReadingEvent) => {
          if (event.instrumentId !== instrument.id || event.reading.value !== weight) return;
          stop();
          resolve(now());
        });
      });
      const sentAt = now();
      balance.send(balance.valueLine('S', 'D', weight));
      const receivedAt = await arrived;
      if (index >= WARM_UP) durations.push(receivedAt - sentAt);
    }
    const summary = summarize(durations);
    return {
      name: 'instrument-event',
      description: `MT-SICS line written by the simulated balance on a socat pty → \`instrument.reading\` event at a signed-in connection (device hub, driver, framing, decoding, connection hub; n=${N})`,
      rows: [
        { measure: 'line → window event p50', value: summary.p50, unit: 'ms' },
        { measure: 'line → window event p99', value: summary.p99, unit: 'ms' },
        { measure: 'line → window event max', value: summary.max, unit: 'ms' },
      ],
      ratios: [],
      raw: { latencyMs: summary, samplesMs: rawMs(durations) },
    };
  } finally {
    balance.stop();
    await fresh.cleanup();
    await attachment.detach();
    await pair.dispose();
  }
}

export const instrumentEvent: Benchmark = { name: 'instrument-event', run };
