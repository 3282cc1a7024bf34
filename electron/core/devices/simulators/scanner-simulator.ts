/**
 * A barcode scanner in serial mode: each `scan()` sends one line, optionally with a prefix, an
 * AIM symbology identifier and a suffix, ended by the configured terminator. It answers nothing.
 */
import { InstrumentSimulator } from './instrument-simulator';

export interface ScannerSimulatorOptions {
  terminator?: '\r' | '\n' | '\r\n';
  prefix?: string;
  suffix?: string;
}

/** GS1 FNC1 as scanners transmit it. */
export const GS = '\x1d';

export class ScannerSimulator extends InstrumentSimulator {
  readonly prefix: string;
  readonly suffix: string;

  constructor(options: ScannerSimulatorOptions = {}) {
    super();
    this.terminator = options.terminator ?? '\r';
    this.prefix = options.prefix ?? '';
    this.suffix = options.suffix ?? '';
  }

  /** Sends one scan: `symbology` is the AIM identifier (`]C1`), left out when undefined. */
  scan(data: string, symbology?: string): void {
    this.reply(`${this.prefix}${symbology ?? ''}${data}${this.suffix}`);
  }

  protected handle(): void {
    // Scanners answer no commands.
  }
}
