/**
 * A Sartorius balance in SBI mode: ESC P (print), ESC T (tare/zero, no answer), ESC x1_ (model),
 * ESC x2_ (serial number). Prints 16- or 22-character lines; the unit stays blank while the
 * value is unstable; `High`, `Low` and `Err ###` lines — or, as Signum and Cubis do, a lone `H`
 * or `L` in the status field; the serial number plain or labelled (`SerNo.    0031801165`).
 */
import { BalanceModel, type BalanceSpec } from './balance-model';
import { InstrumentSimulator } from './instrument-simulator';

export interface SartoriusSimulatorOptions {
  balance?: Partial<BalanceSpec>;
  /** 16 characters, or 22 with the 6-character ID field. */
  format?: 16 | 22;
  /** Overload and underload as `High` / `Low` (words, default) or a lone `H` / `L` (letters: Signum, Cubis). */
  rangeStyle?: 'words' | 'letters';
  /** The answer to ESC x2_: the number alone (default), or labelled as Cubis does (`SerNo.    0031801165`). */
  serialNumberStyle?: 'plain' | 'labelled';
}

const ESC = 0x1b;

export class SartoriusSimulator extends InstrumentSimulator {
  readonly balance: BalanceModel;
  format: 16 | 22;
  rangeStyle: 'words' | 'letters';
  serialNumberStyle: 'plain' | 'labelled';

  constructor(options: SartoriusSimulatorOptions = {}) {
    super();
    this.balance = new BalanceModel({ serialNumber: '0034512345', model: 'BCE224I-1S', ...options.balance });
    this.format = options.format ?? 22;
    this.rangeStyle = options.rangeStyle ?? 'words';
    this.serialNumberStyle = options.serialNumberStyle ?? 'plain';
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
        return this.reply(this.serialNumberLine());
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

  /** `SerNo.` and the number right-aligned to 20 characters, as a Cubis prints it. */
  serialNumberLine(): string {
    const { serialNumber } = this.balance.spec;
    return this.serialNumberStyle === 'labelled' ? `SerNo.${serialNumber.padStart(14)}` : serialNumber;
  }

  private printLine(): string {
    const { state, net } = this.balance.sample();
    const letters = this.rangeStyle === 'letters';
    if (state === 'overload') return this.special(letters ? 'H' : 'High');
    if (state === 'underload') return this.special(letters ? 'L' : 'Low');
    return this.valueLine(net, state === 'stable');
  }
}
