/**
 * A&D standard format. A value is `HH,±DDDDDDDD UUU` + CR LF: a 2-letter header (ST stable
 * weight, US unstable, QT stable count, OL out of range), a comma, 9 characters of signed,
 * zero-padded value, 3 of unit — `ST,+00123.45  g`. A comparison result may sit between header
 * and value (`ST,OK,+00123.45  g`). `SN,01234567` answers ?SN, `TN,GX-224A` ?TN; errors are
 * `EC,Exx`; the optional acknowledgement is the single byte ACK (0x06).
 *
 * Commands (CR LF): S stable value, SI (or Q) immediate, SIR repeat, C cancel S/SIR,
 * R re-zero, T tare, ?SN serial number, ?TN model.
 */
import { decoded, undecodable, type DecodeResult, type InstrumentReply, type Quantity } from '../replies';
import { parseDecimal, printableAscii } from './line-text';
import { lineCommand, type InstrumentProtocol } from './protocol';

const ACK = 0x06;

const unitQuantity: Record<string, Quantity> = {
  g: 'mass',
  kg: 'mass',
  mg: 'mass',
  ct: 'mass',
  oz: 'mass',
  lb: 'mass',
  ozt: 'mass',
  dwt: 'mass',
  GN: 'mass',
  mom: 'mass',
  tl: 'mass',
  t: 'mass',
  PC: 'count',
};

/** A&D error codes (EC,Exx), worded for the person at the balance. */
export const andErrors: Record<string, string> = {
  E00: 'communication error: the balance received a garbled command',
  E01: 'undefined command',
  E02: 'the balance is not ready (e.g. still warming up or busy)',
  E03: 'timeout: the command was not completed in time',
  E04: 'excess characters in the command',
  E06: 'format error in the command',
  E07: 'parameter setting error',
  E11: 'stability error: the weight did not become stable',
  E17: 'internal mass error',
  E20: 'calibration weight error: too heavy',
  E21: 'calibration weight error: too light',
};

const VALUE_LINE = /^(ST|US|QT),(?:(LO|OK|HI|--),)?([+-][0-9.]{8}) *(\S{1,3})$/;
const OUT_OF_RANGE = /^OL,(?:(?:LO|OK|HI|--),)?([+-])/;

function decodeValue(text: string): InstrumentReply | undefined {
  const match = VALUE_LINE.exec(text);
  if (!match) return undefined;
  const [, header = '', comparison, data = '', unit = ''] = match;
  const number = parseDecimal(data);
  const quantity = unitQuantity[unit];
  if (!number || !quantity) return undefined;
  if ((header === 'QT') !== (quantity === 'count')) return undefined;
  return {
    kind: 'value',
    id: header,
    quantity,
    stable: header !== 'US',
    ...number,
    unit,
    ...(comparison !== undefined && { label: comparison }),
  };
}

export function decodeAndLine(content: Buffer): DecodeResult {
  if (content.length === 1 && content[0] === ACK) return decoded({ kind: 'done', id: 'ACK' });
  const ascii = printableAscii(content);
  if (!ascii.ok) return undecodable(ascii.error);
  const text = ascii.text.trimEnd();
  const value = decodeValue(text);
  if (value) return decoded(value);
  const outOfRange = OUT_OF_RANGE.exec(text);
  if (outOfRange) return decoded({ kind: outOfRange[1] === '-' ? 'underload' : 'overload', id: 'OL' });
  const error = /^EC,E(\d{1,2})$/.exec(text);
  if (error) {
    const code = `E${error[1]!.padStart(2, '0')}`;
    return decoded({ kind: 'instrument-error', code, message: andErrors[code] ?? `balance error ${code}` });
  }
  const identity = /^(SN|TN),\s*(\S(?:.*\S)?)$/.exec(text);
  if (identity) {
    const field = identity[1] === 'SN' ? 'serialNumber' : 'model';
    return decoded({ kind: 'identity', id: identity[1]!, field, text: identity[2]! });
  }
  return undecodable(`not an A&D standard-format line: "${text}"`);
}

const isWeight = (reply: InstrumentReply) =>
  reply.kind === 'value' || reply.kind === 'overload' || reply.kind === 'underload';
const isIdentity = (id: string) => (reply: InstrumentReply) => reply.kind === 'identity' && reply.id === id;

// C answers nothing (or a bare ACK, which nothing waits for).
const cancel = lineCommand('C', 'quick', undefined);

export const andStandard: InstrumentProtocol = {
  name: 'and',
  kind: 'balance',
  label: 'A&D standard format',
  defaultSettings: { baudRate: 2400, dataBits: 7, parity: 'even', stopBits: 1, flowControl: 'none' },
  framing: { terminator: 'crlf', maxLength: 64, standaloneBytes: [ACK] },
  decode: decodeAndLine,
  commands: {
    reset: cancel,
    serialNumber: lineCommand('?SN', 'quick', isIdentity('SN')),
    model: lineCommand('?TN', 'quick', isIdentity('TN')),
    // S waits inside the balance until the weight is stable (for ever, on some models): C ends it.
    readStable: { ...lineCommand('S', 'settle', isWeight), cancel },
    readImmediate: lineCommand('SI', 'quick', isWeight),
    startStream: lineCommand('SIR', 'quick', isWeight),
    stopStream: cancel,
    tare: lineCommand('T', 'settle', undefined),
    zero: lineCommand('R', 'settle', undefined),
  },
};
