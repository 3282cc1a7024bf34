/**
 * A Mettler Toledo balance speaking MT-SICS level 0/1: @, I2, I4, S, SI, SIR, Z, T, TA.
 * `S` waits for stability (a tick per ramp step) and answers `S I` after `stabilityTimeoutMs`
 * when the pan never settles; `@` returns to the switch-on state, which clears the tare.
 */
import { BalanceModel, type BalanceSpec } from './balance-model';
import { InstrumentSimulator } from './instrument-simulator';

export interface MtSicsSimulatorOptions {
  balance?: Partial<BalanceSpec>;
  /** Time per stability-ramp step while S waits. */
  tickMs?: number;
  /** How long S waits for stability before answering S I. */
  stabilityTimeoutMs?: number;
  /** SIR repeat interval (50 ms = 20 Hz). */
  streamIntervalMs?: number;
}

export class MtSicsSimulator extends InstrumentSimulator {
  readonly balance: BalanceModel;
  private readonly tickMs: number;
  private readonly stabilityTimeoutMs: number;
  private readonly streamIntervalMs: number;
  private stream: NodeJS.Timeout | undefined;
  /** Replies owed to commands still waiting for stability, cancelled by @. */
  private waiting = 0;

  constructor(options: MtSicsSimulatorOptions = {}) {
    super();
    this.balance = new BalanceModel(options.balance);
    this.tickMs = options.tickMs ?? 20;
    this.stabilityTimeoutMs = options.stabilityTimeoutMs ?? 300;
    this.streamIntervalMs = options.streamIntervalMs ?? 50;
  }

  get streaming(): boolean {
    return this.stream !== undefined;
  }

  protected override onDetach(): void {
    this.stream = undefined;
    this.waiting = 0;
  }

  protected handle(command: string): void {
    switch (command) {
      case '@':
        this.cancel(this.stream);
        this.stream = undefined;
        this.waiting++;
        this.balance.tare = 0;
        this.reply(`I4 A "${this.balance.spec.serialNumber}"`);
        return;
      case 'I2':
        return this.reply(`I2 A "${this.balance.spec.model}"`);
      case 'I4':
        return this.reply(`I4 A "${this.balance.spec.serialNumber}"`);
      case 'S':
        return this.whenStable('S', () => this.weightLine('S', 'S'));
      case 'SI':
        return this.reply(this.sampleLine());
      case 'SIR':
        this.cancel(this.stream);
        this.reply(this.sampleLine());
        this.stream = this.every(this.streamIntervalMs, () => this.reply(this.sampleLine()));
        return;
      case 'Z':
        return this.whenStable('Z', () => {
          const result = this.balance.zero();
          return result === 'done' ? 'Z A' : result === 'above' ? 'Z +' : result === 'below' ? 'Z -' : 'Z I';
        });
      case 'T':
        return this.whenStable('T', () => {
          const result = this.balance.tareNow();
          if (result === 'done') return this.valueLine('T', 'S', this.balance.tare);
          return result === 'above' ? 'T +' : result === 'below' ? 'T -' : 'T I';
        });
      case 'TA':
        return this.reply(this.valueLine('TA', 'A', this.balance.tare));
      default:
        return this.reply('ES');
    }
  }

  /** `ID status value unit`, the value right-aligned in 10 characters. */
  valueLine(id: string, status: string, value: number): string {
    return `${id} ${status} ${this.balance.format(value).padStart(10)} ${this.balance.spec.unit}`;
  }

  private weightLine(id: string, status: 'S' | 'D'): string {
    const range = this.balance.range;
    if (range) return `${id} ${range === 'overload' ? '+' : '-'}`;
    return this.valueLine(id, status, this.balance.net);
  }

  private sampleLine(): string {
    const { state, net } = this.balance.sample();
    if (state === 'overload') return 'S +';
    if (state === 'underload') return 'S -';
    return this.valueLine('S', state === 'stable' ? 'S' : 'D', net);
  }

  /** Answers once the pan is stable, or with `<id> I` after the stability timeout. */
  private whenStable(id: string, answer: () => string): void {
    const generation = this.waiting;
    const steps = this.balance.readingsUntilStable;
    const wait =
      steps === Infinity ? this.stabilityTimeoutMs : Math.min(steps * this.tickMs, this.stabilityTimeoutMs);
    const respond = () => {
      if (generation !== this.waiting) return;
      if (this.balance.range === undefined && !this.balance.stable && steps !== Infinity)
        this.balance.settle();
      this.reply(this.balance.stable || this.balance.range ? answer() : `${id} I`);
    };
    if (wait === 0) respond();
    else this.later(wait, respond);
  }
}
