/**
 * A pH meter speaking the project's `ph-mt` dialect (docs/devices.md): M, MI, MIR, @, I2, I4.
 * Readings `M S    7.012 pH   24.8 C`; unstable for a few readings after the sample changes.
 */
import { InstrumentSimulator } from './instrument-simulator';

export interface PhMeterSimulatorOptions {
  serialNumber?: string;
  model?: string;
  rampReadings?: number;
  tickMs?: number;
  stabilityTimeoutMs?: number;
  streamIntervalMs?: number;
}

export class PhMeterSimulator extends InstrumentSimulator {
  readonly serialNumber: string;
  readonly model: string;
  pH = 7.0;
  temperatureC: number | undefined = 25.0;
  mode: 'pH' | 'mV' = 'pH';
  drifting = false;
  private unstableLeft = 0;
  private readonly options: Required<Omit<PhMeterSimulatorOptions, 'serialNumber' | 'model'>>;
  private stream: NodeJS.Timeout | undefined;
  private generation = 0;

  constructor(options: PhMeterSimulatorOptions = {}) {
    super();
    this.serialNumber = options.serialNumber ?? 'B512345678';
    this.model = options.model ?? 'SevenExcellence S400';
    this.options = {
      rampReadings: options.rampReadings ?? 3,
      tickMs: options.tickMs ?? 20,
      stabilityTimeoutMs: options.stabilityTimeoutMs ?? 300,
      streamIntervalMs: options.streamIntervalMs ?? 50,
    };
  }

  /** Dips the electrode into a sample of this pH. */
  immerse(pH: number, temperatureC: number | undefined = this.temperatureC): void {
    this.pH = pH;
    this.temperatureC = temperatureC;
    this.unstableLeft = this.options.rampReadings;
  }

  protected override onDetach(): void {
    this.stream = undefined;
    this.generation++;
  }

  protected handle(command: string): void {
    switch (command) {
      case '@':
        this.cancel(this.stream);
        this.stream = undefined;
        this.generation++;
        return this.reply(`I4 A "${this.serialNumber}"`);
      case 'I2':
        return this.reply(`I2 A "${this.model}"`);
      case 'I4':
        return this.reply(`I4 A "${this.serialNumber}"`);
      case 'M':
        return this.whenStable();
      case 'MI':
        return this.reply(this.sampleLine());
      case 'MIR':
        this.cancel(this.stream);
        this.reply(this.sampleLine());
        this.stream = this.every(this.options.streamIntervalMs, () => this.reply(this.sampleLine()));
        return;
      default:
        return this.reply('ES');
    }
  }

  measurementLine(status: 'S' | 'D', pH: number): string {
    const value = this.mode === 'pH' ? pH.toFixed(3) : ((7 - pH) * 59.16).toFixed(1);
    const temperature =
      this.temperatureC === undefined ? '' : ` ${this.temperatureC.toFixed(1).padStart(6)} C`;
    return `M ${status} ${value.padStart(8)} ${this.mode}${temperature}`;
  }

  private rangeLine(): string | undefined {
    if (this.pH > 14) return 'M +';
    if (this.pH < 0) return 'M -';
    return undefined;
  }

  private sampleLine(): string {
    const range = this.rangeLine();
    if (range) return range;
    if (this.unstableLeft === 0 && !this.drifting) return this.measurementLine('S', this.pH);
    const wobble = (this.drifting ? 3 : this.unstableLeft) * 0.013;
    if (this.unstableLeft > 0) this.unstableLeft--;
    return this.measurementLine('D', this.pH + wobble);
  }

  private whenStable(): void {
    const generation = this.generation;
    const { tickMs, stabilityTimeoutMs } = this.options;
    const wait = this.drifting
      ? stabilityTimeoutMs
      : Math.min(this.unstableLeft * tickMs, stabilityTimeoutMs);
    this.later(wait, () => {
      if (generation !== this.generation) return;
      const range = this.rangeLine();
      if (range) return this.reply(range);
      if (this.drifting) return this.reply('M I');
      this.unstableLeft = 0;
      this.reply(this.measurementLine('S', this.pH));
    });
  }
}
