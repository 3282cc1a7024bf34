import { readShippingState, type ShippingState } from './plant-link';
import { shipOnce, type ShipperDeps } from './shipper';

export interface PlantShippingStatus {
  serverUrl: string;
  ackSeq: number;
  headSeq: number;
  lastShippedAtUtc: string | null;
  lastProblem: ShippingState['lastProblem'];
  /** More than `lagWarningEntries` unshipped, or nothing shipped for `lagWarningMs`. */
  lagging: boolean;
  /** For people: "last shipped: seq 1234, 2 min ago". */
  line: string;
}

function ago(ms: number): string {
  if (ms < 60_000) return 'just now';
  if (ms < 3_600_000) return `${Math.floor(ms / 60_000)} min ago`;
  if (ms < 48 * 3_600_000) return `${Math.floor(ms / 3_600_000)} h ago`;
  return `${Math.floor(ms / 86_400_000)} days ago`;
}

export function shippingStatusLine(state: ShippingState, nowMs: number): string {
  const shipped =
    state.lastShippedAtUtc === null
      ? 'nothing shipped yet'
      : `last shipped: seq ${state.ackSeq}, ${ago(nowMs - Date.parse(state.lastShippedAtUtc))}`;
  return state.lastProblem
    ? `${shipped} — ${state.lastProblem.reason}: ${state.lastProblem.message}`
    : shipped;
}

export interface SchedulerOptions {
  intervalMs: number;
  /** Longest wait between attempts while the server refuses or cannot be reached (default: 30 intervals, at most 5 min). */
  maxBackoffMs?: number;
  lagWarningEntries?: number;
  lagWarningMs?: number;
}

/**
 * Ships in the background of the running app: every `intervalMs` while all is well, backing off
 * (doubling, with jitter so a plant's terminals do not knock in step) while the server is
 * unreachable or refuses. The terminal's records are never touched by shipping.
 */
export class ShippingScheduler {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private failures = 0;
  private stopped = false;

  constructor(
    private readonly deps: ShipperDeps,
    private readonly options: SchedulerOptions,
  ) {}

  start(): this {
    this.schedule(0);
    return this;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.tick().finally(() => {
        this.running = null;
      });
    }, delayMs);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    let ok = false;
    try {
      ok = (await shipOnce(this.deps)).ok;
    } catch (error) {
      console.error('ebr: plant shipping:', error);
    }
    this.failures = ok ? 0 : this.failures + 1;
    const backoff = Math.min(
      this.options.maxBackoffMs ?? Math.min(300_000, this.options.intervalMs * 30),
      this.options.intervalMs * 2 ** Math.min(this.failures, 16),
    );
    this.schedule(ok ? this.options.intervalMs : backoff * (0.8 + Math.random() * 0.4));
  }

  status(): PlantShippingStatus {
    const state = readShippingState(this.deps.dataDir);
    const headSeq = this.deps.sqlite
      .prepare('SELECT coalesce(max(seq), 0) FROM audit_trail')
      .pluck()
      .get() as number;
    const nowMs = this.deps.now();
    const sinceShipped =
      state.lastShippedAtUtc === null ? Infinity : nowMs - Date.parse(state.lastShippedAtUtc);
    return {
      serverUrl: this.deps.link.serverUrl,
      ackSeq: state.ackSeq,
      headSeq,
      lastShippedAtUtc: state.lastShippedAtUtc,
      lastProblem: state.lastProblem,
      lagging:
        headSeq - state.ackSeq > (this.options.lagWarningEntries ?? 1000) ||
        (headSeq > state.ackSeq && sinceShipped > (this.options.lagWarningMs ?? 3_600_000)),
      line: shippingStatusLine(state, nowMs),
    };
  }

  /** Stops the timer and waits for an upload under way (the app closes its store after). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }
}
