/**
 * Instruments over a real serial link: a socat pseudo-terminal pair with `serialport` on both
 * ends, a simulated MT-SICS balance on the far end, the driver on the near end.
 *
 * (a) Latency from a line leaving the balance to the driver's `reading` event (framing, decoding,
 *     events included), one line at a time: p50 / p99 / max.
 * (b) SIR streaming at 20 Hz for EBR_BENCH_STREAM_SECONDS (default 300 s = 5 minutes): lines sent
 *     vs readings received, latency early vs late, heap (after a full GC) and the driver's backlog
 *     sampled every few seconds. A leak or a growing backlog shows as heap growth, lost readings
 *     or a late latency far above the early one.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { mtSics } from '../../electron/core/devices/protocols/mt-sics';
import type { Reading } from '../../electron/core/devices/reading';
import { MtSicsSimulator } from '../simulators/mt-sics-simulator';
import { ptyRig } from '../simulators/pty-rig';
import { nsToMs, now, percentile, rawMs, summarize, type Benchmark, type BenchResult } from './stats';

const LATENCY_WARM_UP = 50;
const LATENCY_N = 1_000;
const STREAM_HZ = 20;
const SAMPLE_EVERY_MS = 5_000;

/** The balance, with every line it sends counted and time-stamped (FIFO: readings arrive in order). */
class CountingBalance extends MtSicsSimulator {
  sent = 0;
  readonly sentAt: bigint[] = [];

  send(line: string): void {
    this.reply(line);
  }

  protected override reply(line: string): void {
    this.sent++;
    this.sentAt.push(now());
    super.reply(line);
  }
}

function fullGc(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

const megabytes = (bytes: number) => Math.round((bytes / 2 ** 20) * 100) / 100;

/** Least-squares slope of y over x. */
function slope(points: { x: number; y: number }[]): number {
  const n = points.length;
  if (n < 2) return 0;
  const meanX = points.reduce((sum, point) => sum + point.x, 0) / n;
  const meanY = points.reduce((sum, point) => sum + point.y, 0) / n;
  const numerator = points.reduce((sum, point) => sum + (point.x - meanX) * (point.y - meanY), 0);
  const denominator = points.reduce((sum, point) => sum + (point.x - meanX) ** 2, 0);
  return denominator === 0 ? 0 : numerator / denominator;
}

async function lineToReadingLatency() {
  const balance = new CountingBalance();
  const rig = await ptyRig(balance, mtSics, { expectedSerialNumber: balance.balance.spec.serialNumber });
  try {
    await rig.driver.connect();
    const durations: bigint[] = [];
    for (let index = 0; index < LATENCY_WARM_UP + LATENCY_N; index++) {
      const value = index % 200;
      const arrived = new Promise<bigint>((resolve) => {
        const listener = (reading: Reading) => {
          if (reading.value !== value) return;
          rig.driver.off('reading', listener);
          resolve(now());
        };
        rig.driver.on('reading', listener);
      });
      const sentAt = now();
      balance.send(balance.valueLine('S', 'D', value));
      const receivedAt = await arrived;
      if (index >= LATENCY_WARM_UP) durations.push(receivedAt - sentAt);
    }
    return durations;
  } finally {
    await rig.dispose();
  }
}

async function streaming(seconds: number) {
  const gc = fullGc();
  const balance = new CountingBalance({ streamIntervalMs: 1000 / STREAM_HZ });
  const rig = await ptyRig(balance, mtSics, {
    expectedSerialNumber: balance.balance.spec.serialNumber,
    timing: { heartbeatIntervalMs: 5_000 },
  });
  // Preallocated, so that the bench's own log of latencies does not show up as heap growth.
  const capacity = Math.ceil(seconds * STREAM_HZ * 1.5) + 100;
  const latencyAtS = new Float64Array(capacity);
  const latencyMs = new Float64Array(capacity);
  let latencyCount = 0;
  const samples: {
    atS: number;
    heapMB: number;
    inFlight: number;
    pendingLineBytes: number;
    queued: number;
  }[] = [];
  let received = 0;
  let maxInFlight = 0;
  try {
    await rig.driver.connect();
    balance.sent = 0;
    balance.sentAt.length = 0;
    const start = now();
    const elapsedS = () => nsToMs(now() - start) / 1000;
    rig.driver.on('reading', () => {
      received++;
      const sentAt = balance.sentAt.shift();
      if (sentAt !== undefined && latencyCount < capacity) {
        latencyAtS[latencyCount] = elapsedS();
        latencyMs[latencyCount++] = nsToMs(now() - sentAt);
      }
      maxInFlight = Math.max(maxInFlight, balance.sent - received);
    });
    await rig.driver.startStreaming();
    let load = 10;
    const changeLoad = setInterval(() => {
      load = load === 10 ? 150 : 10;
      balance.balance.place(load);
    }, 2_000);
    const sample = () => {
      gc();
      const { pendingLineBytes, queuedCommands } = rig.driver.backlog;
      samples.push({
        atS: elapsedS(),
        heapMB: megabytes(process.memoryUsage().heapUsed),
        inFlight: balance.sent - received,
        pendingLineBytes,
        queued: queuedCommands,
      });
    };
    sample();
    const sampler = setInterval(sample, SAMPLE_EVERY_MS);
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    clearInterval(sampler);
    clearInterval(changeLoad);
    sample();
    const [sent, receivedBeforeStop] = [balance.sent, received];
    await rig.driver.stopStreaming();
    return {
      sent,
      received: receivedBeforeStop,
      latenciesMs: Array.from({ length: latencyCount }, (_, index) => ({
        atS: latencyAtS[index]!,
        ms: latencyMs[index]!,
      })),
      samples,
      maxInFlight,
      state: rig.driver.status.state,
    };
  } finally {
    await rig.dispose();
  }
}

async function run(): Promise<BenchResult> {
  const seconds = Number(process.env.EBR_BENCH_STREAM_SECONDS ?? 300);
  if (!Number.isFinite(seconds) || seconds <= 0)
    throw new Error('EBR_BENCH_STREAM_SECONDS must be a positive number');
  const durations = await lineToReadingLatency();
  const latency = summarize(durations);
  const stream = await streaming(seconds);
  const window = Math.min(60, seconds / 5);
  const early = stream.latenciesMs.filter((entry) => entry.atS <= window).map((entry) => entry.ms);
  const late = stream.latenciesMs.filter((entry) => entry.atS >= seconds - window).map((entry) => entry.ms);
  const sortedP50 = (values: number[]) =>
    values.length === 0
      ? NaN
      : percentile(
          [...values].sort((a, b) => a - b),
          50,
        );
  // Skip the first samples (start-up allocations settle) when fitting the heap trend.
  const steady = stream.samples.filter((entry) => entry.atS >= Math.min(30, seconds / 4));
  const heapSlopePerHour = slope(steady.map((entry) => ({ x: entry.atS, y: entry.heapMB }))) * 3600;
  const first = stream.samples[0]!;
  const last = stream.samples[stream.samples.length - 1]!;
  return {
    name: 'devices',
    description:
      `MT-SICS over a socat pty pair through serialport: (a) one line at a time, balance write → driver reading event ` +
      `(n=${LATENCY_N}); (b) SIR at ${STREAM_HZ} Hz for ${seconds} s, heap after full GC every ${SAMPLE_EVERY_MS / 1000} s, ` +
      `backlog = lines sent − readings received`,
    rows: [
      { measure: 'line → reading event p50', value: latency.p50, unit: 'ms' },
      { measure: 'line → reading event p99', value: latency.p99, unit: 'ms' },
      { measure: 'line → reading event max', value: latency.max, unit: 'ms' },
      { measure: `SIR ${STREAM_HZ} Hz: duration`, value: seconds, unit: 's' },
      { measure: 'SIR: lines sent', value: stream.sent, unit: 'lines' },
      { measure: 'SIR: readings received', value: stream.received, unit: 'readings' },
      { measure: 'SIR: max backlog (sent − received)', value: stream.maxInFlight, unit: 'lines' },
      { measure: 'SIR: backlog at end', value: last.inFlight, unit: 'lines' },
      {
        measure: 'SIR: max unfinished line buffered',
        value: Math.max(...stream.samples.map((entry) => entry.pendingLineBytes)),
        unit: 'bytes',
      },
      {
        measure: 'SIR: max queued commands',
        value: Math.max(...stream.samples.map((entry) => entry.queued)),
        unit: 'commands',
      },
      { measure: `SIR: latency p50, first ${Math.round(window)} s`, value: sortedP50(early), unit: 'ms' },
      { measure: `SIR: latency p50, last ${Math.round(window)} s`, value: sortedP50(late), unit: 'ms' },
      { measure: 'SIR: heap used at start (after GC)', value: first.heapMB, unit: 'MB' },
      { measure: 'SIR: heap used at end (after GC)', value: last.heapMB, unit: 'MB' },
      {
        measure: 'SIR: heap trend (least squares)',
        value: Math.round(heapSlopePerHour * 100) / 100,
        unit: 'MB/h',
      },
    ],
    ratios: [],
    raw: {
      latencyMs: latency,
      latencySamplesMs: rawMs(durations),
      streamSeconds: seconds,
      streamState: stream.state,
      samples: stream.samples,
    },
  };
}

export const devices: Benchmark = { name: 'devices', run };
