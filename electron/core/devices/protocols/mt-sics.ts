/**
 * Mettler Toledo MT-SICS, level 0 and 1: the commands a weighing workstation needs.
 *
 * A reply is `ID status [fields]`: the ID is the command's name (S, SI and SIR all answer `S`,
 * `@` answers `I4`), the status a single letter — S stable, D dynamic, A done, I not executable
 * now, + above range, - below range, L wrong parameter — and a weight is a right-aligned value
 * and a unit: `S S     100.00 g`. ES, ET and EL stand alone for syntax, transmission and
 * logical errors. Lines end with CR LF.
 */
import { decoded, undecodable, type DecodeResult, type InstrumentReply, type Quantity } from '../replies';
import { parseDecimal, printableAscii } from './line-text';
import { lineCommand, repliesWithId, type InstrumentProtocol } from './protocol';

/** MT-SICS general errors, stated so an operator or technician knows where to look. */
export const mtSicsErrors: Record<string, string> = {
  ES: 'syntax error: the instrument did not recognise the command',
  ET: 'transmission error: the instrument received a garbled command (check baud rate, parity and cable)',
  EL: 'logical error: the instrument cannot carry out the command now',
};

const REPLY = /^([A-Z][A-Z0-9]*) ([SDAIL+-])( .*)?$/;
const VALUE_AND_UNIT = /^ +(\S+) +(\S+)$/;

/** ` value unit` after the status, as in `S S     100.00 g`. */
export function valueAndUnit(rest: string): { value: number; valueText: string; unit: string } | undefined {
  const match = VALUE_AND_UNIT.exec(rest);
  if (!match) return undefined;
  const number = parseDecimal(match[1]!);
  return number && { ...number, unit: match[2]! };
}

/** The quoted texts after the status (`"XPE205 Excellence Plus 220.0000 g"`), joined by a space. */
export function quotedText(rest: string): string | undefined {
  const parts = [...rest.matchAll(/"([^"]*)"/g)].map((match) => match[1]!);
  if (parts.length === 0 || rest.replace(/"[^"]*"/g, '').trim() !== '') return undefined;
  return parts.join(' ').trim();
}

/** I2 text ends with the capacity and its unit: "XPE205 Excellence Plus 220.0000 g". */
function capacityOf(model: string): { value: number; unit: string } | undefined {
  const match = /\s(\d+(?:\.\d+)?)\s+([A-Za-z]+)$/.exec(model);
  return match ? { value: Number(match[1]), unit: match[2]! } : undefined;
}

export interface SicsDialect {
  /** Reply IDs whose S/D replies carry a measurement (MT-SICS `S`, ph-mt `M`). */
  valueIds: readonly string[];
  /** Every reply ID the dialect knows; others are decode errors. */
  ids: readonly string[];
  quantityOf(unit: string): Quantity | undefined;
  decodeValue(id: string, stable: boolean, rest: string): InstrumentReply | string;
}

/**
 * Decodes the replies shared by MT-SICS and the MT-SICS-style pH dialect: the status letters,
 * the general errors, tare and zero, and the identity commands.
 */
export function decodeSicsStyleLine(content: Buffer, dialect: SicsDialect): DecodeResult {
  const { valueIds, ids, quantityOf, decodeValue } = dialect;
  const ascii = printableAscii(content);
  if (!ascii.ok) return undecodable(ascii.error);
  const text = ascii.text.trimEnd();
  const error = mtSicsErrors[text];
  if (error !== undefined) return decoded({ kind: 'instrument-error', code: text, message: error });
  const match = REPLY.exec(text);
  if (!match) return undecodable(`not an MT-SICS reply: "${text}"`);
  const [, id = '', status = '', rest = ''] = match;
  const bare = rest.trim() === '';
  if (!ids.includes(id)) return undecodable(`unknown MT-SICS reply "${id}" in "${text}"`);
  if (bare && status === 'I') return decoded({ kind: 'not-executable', id });
  if (bare && status === 'L') return decoded({ kind: 'parameter-error', id });
  if (bare && status === '+' && id !== 'I2' && id !== 'I4') return decoded({ kind: 'overload', id });
  if (bare && status === '-' && id !== 'I2' && id !== 'I4') return decoded({ kind: 'underload', id });
  if (valueIds.includes(id) && (status === 'S' || status === 'D')) {
    const reply = decodeValue(id, status === 'S', rest);
    return typeof reply === 'string' ? undecodable(`${reply} in "${text}"`) : decoded(reply);
  }
  if ((id === 'T' && status === 'S') || (id === 'TA' && status === 'A')) {
    const tare = valueAndUnit(rest);
    if (!tare || quantityOf(tare.unit) === undefined) return undecodable(`unreadable tare in "${text}"`);
    return decoded({ kind: 'tare', id, ...tare });
  }
  if (id === 'Z' && status === 'A' && bare) return decoded({ kind: 'done', id });
  if ((id === 'I2' || id === 'I4') && status === 'A') {
    const value = quotedText(rest);
    if (value === undefined || value === '') return undecodable(`unreadable ${id} text in "${text}"`);
    if (id === 'I4') return decoded({ kind: 'identity', id, field: 'serialNumber', text: value });
    const capacity = capacityOf(value);
    return decoded({ kind: 'identity', id, field: 'model', text: value, ...(capacity && { capacity }) });
  }
  return undecodable(`status "${status}" does not fit reply "${id}" in "${text}"`);
}

/** Balance units MT-SICS prints; piece counting (PCS) is a count, not a mass. */
const massUnits = new Set([
  'g',
  'mg',
  'kg',
  'ug',
  't',
  'ct',
  'lb',
  'oz',
  'ozt',
  'GN',
  'dwt',
  'mom',
  'msg',
  'tl',
]);
const balanceQuantity = (unit: string): Quantity | undefined =>
  massUnits.has(unit) ? 'mass' : unit === 'PCS' ? 'count' : undefined;

const mtSicsDialect: SicsDialect = {
  valueIds: ['S'],
  ids: ['S', 'T', 'TA', 'Z', 'I2', 'I4'],
  quantityOf: balanceQuantity,
  decodeValue(id, stable, rest) {
    const weight = valueAndUnit(rest);
    if (!weight) return 'unreadable weight';
    const quantity = balanceQuantity(weight.unit);
    if (!quantity) return `unknown unit "${weight.unit}"`;
    return { kind: 'value', id, quantity, stable, ...weight };
  },
};

export const decodeMtSicsLine = (content: Buffer): DecodeResult =>
  decodeSicsStyleLine(content, mtSicsDialect);

export const mtSics: InstrumentProtocol = {
  name: 'mt-sics',
  kind: 'balance',
  label: 'Mettler Toledo MT-SICS',
  defaultSettings: { baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1, flowControl: 'xon-xoff' },
  framing: { terminator: 'crlf', maxLength: 256 },
  decode: decodeMtSicsLine,
  commands: {
    serialNumber: lineCommand('I4', 'quick', repliesWithId('I4')),
    model: lineCommand('I2', 'quick', repliesWithId('I2')),
    readStable: lineCommand('S', 'settle', repliesWithId('S')),
    readImmediate: lineCommand('SI', 'quick', repliesWithId('S')),
    startStream: lineCommand('SIR', 'quick', repliesWithId('S')),
    stopStream: lineCommand('@', 'quick', repliesWithId('I4')),
    tare: lineCommand('T', 'settle', repliesWithId('T')),
    readTare: lineCommand('TA', 'quick', repliesWithId('TA')),
    zero: lineCommand('Z', 'settle', repliesWithId('Z')),
  },
};
