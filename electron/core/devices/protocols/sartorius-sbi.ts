/**
 * Sartorius SBI. Commands are ESC sequences: `ESC P` prints the current value, `ESC T` tares
 * (or zeroes an empty pan), `ESC x1_` / `ESC x2_` ask for the model and the serial number.
 *
 * A value is 16 characters — sign, space, 8 characters of value, space, 3 of unit, CR LF:
 * `+    123.56 g  ` — or 22 with a 6-character ID field first (`N     ` net, `G     ` gross,
 * `T     ` tare, `Stat  ` status). The unit is left blank while the value is not stable. Special
 * lines say `High` (overload), `Low` (underload) or `Err ###`; some models (Signum, Cubis) put a
 * lone `H` or `L` in the status field instead. Brackets mark non-verified digits in
 * legal-for-trade displays and are dropped.
 *
 * `ESC x2_` answers the serial number as plain text (`0034512345`) or labelled, as Cubis does
 * (`SerNo.    0031801165`): the number is taken from it, the whole answer kept beside it.
 */
import { decoded, undecodable, type DecodeResult, type InstrumentReply, type Quantity } from '../replies';
import { parseDecimal, printableAscii } from './line-text';
import type { InstrumentCommand, InstrumentProtocol } from './protocol';

const unitQuantity: Record<string, Quantity> = {
  g: 'mass',
  kg: 'mass',
  mg: 'mass',
  ct: 'mass',
  lb: 'mass',
  oz: 'mass',
  ozt: 'mass',
  GN: 'mass',
  dwt: 'mass',
  mom: 'mass',
  tlh: 'mass',
  pcs: 'count',
};

const idLabels: Record<string, string> = { N: 'net', G: 'gross', 'G#': 'gross', T: 'tare', Stat: 'status' };

/** Model and serial number replies: one short line of plain text. */
const PLAIN_TEXT = /^[A-Za-z0-9][A-Za-z0-9 ._/-]{0,31}$/;

/** A labelled serial number: `SerNo.    0031801165`, `Ser.No. 123`, `S/N: 123`, `SN 123`. */
const LABELLED_SERIAL = /^(SerNo|Ser\.\s?No|S\/N|SN)\.?:?\s+([A-Za-z0-9][A-Za-z0-9-]{0,31})$/i;

function decodeLabelledSerial(text: string): InstrumentReply | undefined {
  const match = LABELLED_SERIAL.exec(text.trim());
  if (!match) return undefined;
  return { kind: 'identity', id: match[1]!, field: 'serialNumber', text: match[2]!, answer: text.trim() };
}

/**
 * `High` / `Low` / `Err ###` anywhere; in a value layout's body (`fixedLayout`), also the lone
 * status letters `H` and `L` — outside those layouts a single letter is too little to go on.
 */
function decodeSpecial(body: string, fixedLayout = false): InstrumentReply | undefined {
  const trimmed = body.trim();
  if (/^High$/i.test(trimmed)) return { kind: 'overload', id: 'High' };
  if (/^Low$/i.test(trimmed)) return { kind: 'underload', id: 'Low' };
  if (fixedLayout && trimmed === 'H') return { kind: 'overload', id: 'H' };
  if (fixedLayout && trimmed === 'L') return { kind: 'underload', id: 'L' };
  const error = /^Err\s*(\d{1,3})$/i.exec(trimmed);
  if (error) {
    return {
      kind: 'instrument-error',
      code: `Err ${error[1]}`,
      message: `the balance reports error ${error[1]} (see its operating instructions)`,
    };
  }
  return undefined;
}

/** The 16-character body: sign, space, value (8), space, unit (3). */
function decodeValueBody(body: string, label: string | undefined): InstrumentReply | string {
  const sign = body[0]!;
  if (!'+- '.includes(sign)) return `unexpected sign "${sign}"`;
  if (!' ['.includes(body[1]!) || !' ]'.includes(body[10]!)) return 'value field out of place';
  const number = parseDecimal(body.slice(2, 10).replace(/[[\]]/g, ''));
  if (!number) return `unreadable value "${body.slice(2, 10).trim()}"`;
  const unitField = body.slice(11, 14).trim();
  const quantity = unitField === '' ? 'mass' : unitQuantity[unitField];
  if (!quantity) return `unknown unit "${unitField}"`;
  const negative = sign === '-' && number.value !== 0;
  return {
    kind: 'value',
    id: label ?? '',
    quantity,
    // SBI leaves the unit out until the balance is stable.
    stable: unitField !== '',
    value: negative ? -number.value : number.value,
    valueText: negative ? `-${number.valueText}` : number.valueText,
    unit: unitField === '' ? undefined : unitField,
    ...(label !== undefined && { label }),
  };
}

export function decodeSartoriusLine(content: Buffer): DecodeResult {
  const ascii = printableAscii(content);
  if (!ascii.ok) return undecodable(ascii.error);
  const text = ascii.text;
  const serial = decodeLabelledSerial(text);
  if (serial) return decoded(serial);
  if (text.length === 14 || text.length === 20) {
    const idField = text.length === 20 ? text.slice(0, 6).trim() : undefined;
    const body = text.length === 20 ? text.slice(6) : text;
    const special = decodeSpecial(body, true);
    if (special) return decoded(special);
    if (idField === 'Stat') return undecodable(`unknown status line "${text}"`);
    const label = idField === undefined || idField === '' ? undefined : (idLabels[idField] ?? idField);
    const value = decodeValueBody(body, label);
    if (typeof value !== 'string') return decoded(value);
    if (!PLAIN_TEXT.test(text.trim())) return undecodable(`${value} in "${text}"`);
  }
  const special = decodeSpecial(text);
  if (special) return decoded(special);
  const trimmed = text.trim();
  if (PLAIN_TEXT.test(trimmed)) return decoded({ kind: 'text', text: trimmed });
  return undecodable(`not an SBI line (16 or 22 characters, or plain text): "${text}"`);
}

const escCommand = (
  text: string,
  answers: InstrumentCommand['answers'],
  pace: InstrumentCommand['pace'] = 'quick',
): InstrumentCommand => ({
  name: `ESC ${text}`,
  bytes: Buffer.from(`\x1b${text}\r\n`, 'latin1'),
  pace,
  answers,
});

const isWeight = (reply: InstrumentReply) =>
  reply.kind === 'value' || reply.kind === 'overload' || reply.kind === 'underload';
const isText = (reply: InstrumentReply) => reply.kind === 'text';
const isSerialNumber = (reply: InstrumentReply) =>
  isText(reply) || (reply.kind === 'identity' && reply.field === 'serialNumber');

export const sartoriusSbi: InstrumentProtocol = {
  name: 'sartorius-sbi',
  kind: 'balance',
  label: 'Sartorius SBI',
  // The classic SBI factory setting; many current models ship with 9600 8N1 — read the balance menu.
  defaultSettings: { baudRate: 1200, dataBits: 7, parity: 'odd', stopBits: 1, flowControl: 'rts-cts' },
  framing: { terminator: 'crlf', maxLength: 64 },
  decode: decodeSartoriusLine,
  commands: {
    serialNumber: escCommand('x2_', isSerialNumber),
    model: escCommand('x1_', isText),
    readImmediate: escCommand('P', isWeight),
    // ESC T answers nothing: the driver waits a moment and moves on.
    tare: escCommand('T', undefined, 'settle'),
  },
};
