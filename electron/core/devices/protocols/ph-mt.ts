/**
 * `ph-mt`: an MT-SICS-style dialect for pH meters, defined by this project (docs/devices.md).
 *
 *   M     stable measurement: answered once the reading is stable (or `M I` when it never settles)
 *   MI    immediate measurement, stable or not
 *   MIR   immediate measurement, repeated until `@`
 *   @     reset (stops MIR); answers `I4 A "<serial number>"`
 *   I2    model: `I2 A "<model>"`;  I4  serial number: `I4 A "<serial number>"`
 *
 * A measurement is `M <S|D> <value> <pH|mV> [<temperature> C]`, e.g. `M S    7.012 pH   24.8 C`
 * (the temperature is left out when no probe is connected). `M +` / `M -`: outside the measuring
 * range. Errors ES, ET, EL as in MT-SICS. CR LF framing; 9600 8N1, no handshake.
 */
import { type DecodeResult, type InstrumentReply, type Quantity } from '../replies';
import { parseDecimal } from './line-text';
import { decodeSicsStyleLine } from './mt-sics';
import { lineCommand, repliesWithId, type InstrumentProtocol } from './protocol';

const MEASUREMENT = /^ +(\S+) +(pH|mV)(?: +(\S+) +C)?$/;

const quantityOf = (unit: string): Quantity | undefined =>
  unit === 'pH' ? 'pH' : unit === 'mV' ? 'potential' : undefined;

function decodeMeasurement(id: string, stable: boolean, rest: string): InstrumentReply | string {
  const match = MEASUREMENT.exec(rest);
  if (!match) return 'unreadable measurement';
  const number = parseDecimal(match[1]!);
  if (!number) return `unreadable value "${match[1]}"`;
  const unit = match[2]!;
  const reply: InstrumentReply = { kind: 'value', id, quantity: quantityOf(unit)!, stable, ...number, unit };
  if (match[3] === undefined) return reply;
  const temperature = parseDecimal(match[3]);
  if (!temperature) return `unreadable temperature "${match[3]}"`;
  return { ...reply, temperatureC: temperature.value };
}

export const decodePhMtLine = (content: Buffer): DecodeResult =>
  decodeSicsStyleLine(content, {
    valueIds: ['M'],
    // A pH meter has no tare and no zero.
    ids: ['M', 'I2', 'I4'],
    quantityOf,
    decodeValue: decodeMeasurement,
  });

export const phMt: InstrumentProtocol = {
  name: 'ph-mt',
  kind: 'ph-meter',
  label: 'pH meter, MT-SICS-style dialect (ph-mt)',
  defaultSettings: { baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1, flowControl: 'none' },
  framing: { terminator: 'crlf', maxLength: 256 },
  decode: decodePhMtLine,
  commands: {
    serialNumber: lineCommand('I4', 'quick', repliesWithId('I4')),
    model: lineCommand('I2', 'quick', repliesWithId('I2')),
    readStable: lineCommand('M', 'settle', repliesWithId('M')),
    readImmediate: lineCommand('MI', 'quick', repliesWithId('M')),
    startStream: lineCommand('MIR', 'quick', repliesWithId('M')),
    stopStream: lineCommand('@', 'quick', repliesWithId('I4')),
  },
};
