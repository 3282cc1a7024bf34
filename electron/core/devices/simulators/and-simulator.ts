/**
 * An A&D balance in standard format: S, SI, Q, SIR, C, R, T, ?SN, ?TN. Values look like
 * `ST,+00123.45  g`; out of range `OL,+9999999E+19`; errors `EC,Exx`. With `acknowledge`, R and
 * T answer the single byte ACK (the balance's "AK" setting).
 */
import { BalanceModel, type BalanceSpec } from './balance-model';
import { InstrumentSimulator } from './instrument-simulator';

export interface AndSimulatorOptions {
  balance?: Partial<BalanceSpec>;
  tickMs?: number;
  /** How long S, R and T wait for an unsteady pan before EC,E11; Infinity: for ever (until C). */
  stabilityTimeoutMs?: number;
  streamIntervalMs?: number;
  acknowledge?: boolean;
}

export class AndSimulator extends InstrumentSimulator {
  readonly balance: BalanceModel;
  private readonly options: Required<Omit<AndSimulatorOptions, 'balance'>>;
  private stream: NodeJS.Timeout | undefined;
  private generation = 0;

  constructor(options: AndSimulatorOptions = {}) {
    super();
    this.balance = new BalanceModel({ serialNumber: '01234567', model: 'GX-224A', ...options.balance });
    this.options = {
      tickMs: options.tickMs ?? 20,
      stabilityTimeoutMs: options.stabilityTimeoutMs ?? 300,
      streamIntervalMs: options.streamIntervalMs ?? 50,
      acknowledge: options.acknowledge ?? false,
    };
  }

  protected override onDetach(): void {
    this.stream = undefined;
    this.generation++;
  }

  protected handle(command: string): void {
    switch (command) {
      case 'S':
        return this.whenStable();
      case 'SI':
      case 'Q':
        return this.reply(this.sampleLine());
      case 'SIR':
        this.cancel(this.stream);
        this.reply(this.sampleLine());
        this.stream = this.every(this.options.streamIntervalMs, () => this.reply(this.sampleLine()));
        return;
      case 'C':
        this.cancel(this.stream);
        this.stream = undefined;
        this.generation++;
        return;
      case 'R':
        return this.onceStable(() =>
          this.balance.zero() === 'done' ? this.acknowledge() : this.reply('EC,E11'),
        );
      case 'T':
        return this.onceStable(() =>
          this.balance.tareNow() === 'done' ? this.acknowledge() : this.reply('EC,E11'),
        );
      case '?SN':
        return this.reply(`SN,${this.balance.spec.serialNumber}`);
      case '?TN':
        return this.reply(`TN,${this.balance.spec.model}`);
      default:
        return this.reply('EC,E01');
    }
  }

  /** `HH,±DDDDDDDD UUU`. */
  valueLine(header: 'ST' | 'US', value: number): string {
    const digits = this.balance.format(Math.abs(value)).padStart(8, '0');
    return `${header},${value < 0 ? '-' : '+'}${digits}${this.balance.spec.unit.padStart(3)}`;
  }

  private rangeLine(range: 'overload' | 'underload'): string {
    return `OL,${range === 'overload' ? '+' : '-'}9999999E+19`;
  }

  private sampleLine(): string {
    const { state, net } = this.balance.sample();
    if (state === 'overload' || state === 'underload') return this.rangeLine(state);
    return this.valueLine(state === 'stable' ? 'ST' : 'US', net);
  }

  private acknowledge(): void {
    if (this.options.acknowledge) this.transmit(Buffer.of(0x06));
  }

  /**
   * Runs `action` once the pan has settled (or with it still moving, after the stability
   * timeout; an infinite one waits for ever, as some models do, until C cancels).
   */
  private onceStable(action: () => void): void {
    const generation = this.generation;
    const steps = this.balance.readingsUntilStable;
    const { tickMs, stabilityTimeoutMs } = this.options;
    const wait = steps === Infinity ? stabilityTimeoutMs : Math.min(steps * tickMs, stabilityTimeoutMs);
    if (wait === Infinity) return;
    this.later(wait, () => {
      if (generation !== this.generation) return;
      if (steps !== Infinity) this.balance.settle();
      action();
    });
  }

  private whenStable(): void {
    this.onceStable(() => {
      const range = this.balance.range;
      if (range) return this.reply(this.rangeLine(range));
      if (!this.balance.stable) return this.reply('EC,E11');
      this.reply(this.valueLine('ST', this.balance.net));
    });
  }
}
