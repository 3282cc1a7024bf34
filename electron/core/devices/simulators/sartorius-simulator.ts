/**
 * A Sartorius balance in SBI mode: ESC P (print), ESC T (tare/zero, no answer), ESC x1_ (model),
 * ESC x2_ (serial number). Prints 16- or 22-character lines; the unit stays blank while the
 * value is unstable; `High`, `Low` and `Err ###` lines.
 */
import { BalanceModel, type BalanceSpec } from './balance-model';
import { InstrumentSimulator } from './instrument-simulator';

export interface SartoriusSimulatorOptions {
  balance?: Partial<BalanceSpec>;
  /** 16 characters, or 22 with the 6-character ID field. */
  format?: 16 | 22;
}

const ESC = 0x1b;

export class SartoriusSimulator extends InstrumentSimulator {
  readonly balance: BalanceModel;
  format: 16 | 22;

  constructor(options: SartoriusSimulatorOptions = {}) {
    super();
    this.balance = new BalanceModel({ serialNumber: '0034512345', model: 'BCE224I-1S', ...options.balance });
    this.format = options.format ?? 22;
  }

  /** ESC + letter (format 1) or ESC + letter + digits + `_` (format 2); CR and LF between are ignored. */
  protected override splitCommands(buffer: Buffer): { commands: string[]; rest: Buffer } {
    const commands: string[] = [];
    let index = 0;
    while (index < buffer.length) {
      if (buffer[index] !== ESC) {
        index++;
        continue;
      }
      const text = buffer.subarray(index + 1).toString('latin1');
      if (text.length === 0) break;
      if (/^[A-Z]/.test(text)) {
        commands.push(`ESC ${text[0]}`);
        index += 2;
        continue;
      }
      const match = /^[a-z]\d*_?/.exec(text);
      if (!match) {
        index++;
        continue;
      }
      // Format 2 ends with `_`: until it comes, the command may still be arriving.
      if (!match[0].endsWith('_') && match[0].length === text.length) break;
      commands.push(`ESC ${match[0]}`);
      index += 1 + match[0].length;
    }
    return { commands, rest: buffer.subarray(index) };
  }

  protected handle(command: string): void {
    switch (command) {
      case 'ESC P':
        return this.reply(this.printLine());
      case 'ESC T':
        if (this.balance.zero() !== 'done') this.balance.tareNow();
        return;
      case 'ESC x1_':
        return this.reply(this.balance.spec.model);
      case 'ESC x2_':
        return this.reply(this.balance.spec.serialNumber);
      default:
        return this.reply(this.special('Err 01'));
    }
  }

  /** sign, space, value in 8, space, unit in 3 — preceded by the ID field in the 22-character format. */
  valueLine(value: number, stable: boolean, id = 'N'): string {
    const sign = value < 0 ? '-' : '+';
    const body = `${sign} ${this.balance.format(Math.abs(value)).padStart(8)} ${(stable ? this.balance.spec.unit : '').padEnd(3)}`;
    return this.format === 22 ? `${id.padEnd(6)}${body}` : body;
  }

  special(text: string): string {
    const body = `  ${text}`.padEnd(14);
    return this.format === 22 ? `Stat  ${body}` : body;
  }

  private printLine(): string {
    const { state, net } = this.balance.sample();
    if (state === 'overload') return this.special('High');
    if (state === 'underload') return this.special('Low');
    return this.valueLine(net, state === 'stable');
  }
}
