/**
 * A barcode scanner in serial (RS-232 or USB-CDC) mode: it sends each scan as one line, ended by
 * CR, LF or CR LF as configured in the scanner, optionally wrapped in a prefix and a suffix, and
 * optionally starting with an AIM symbology identifier (`]C1` GS1-128, `]d2` GS1 DataMatrix…).
 * GS1 FNC1 separators arrive as GS (0x1D) and stay in the data: they end variable-length
 * element strings. Scanners answer no commands.
 */
import type { Terminator } from '../framing/line-framer';
import { decoded, undecodable, type DecodeResult, type Symbology } from '../replies';
import { printableAscii } from './line-text';
import type { InstrumentProtocol } from './protocol';

export interface ScannerOptions {
  terminator: Terminator;
  /** Text the scanner is set to send before each scan; refused when missing. */
  prefix?: string;
  /** Text the scanner is set to send after each scan (before the terminator); refused when missing. */
  suffix?: string;
  /** Longest scan accepted, in bytes (2D codes can be long). */
  maxLength?: number;
}

export const defaultScannerOptions: ScannerOptions = { terminator: 'cr' };

/** Control characters of ISO/IEC 15434 and GS1 data that are part of a scan: EOT, GS, RS. */
const DATA_CONTROLS = [0x04, 0x1d, 0x1e];

/** AIM symbology codes (ISO/IEC 15424) a pharmaceutical site meets. */
const symbologies: Record<string, string> = {
  A: 'Code 39',
  C: 'Code 128',
  d: 'Data Matrix',
  E: 'EAN/UPC',
  e: 'GS1 DataBar',
  F: 'Codabar',
  G: 'Code 93',
  I: 'Interleaved 2 of 5',
  J: 'DotCode',
  L: 'PDF417',
  Q: 'QR Code',
  z: 'Aztec',
  X: 'other',
};

/** Identifiers whose data are GS1 element strings. */
const gs1Identifiers = new Set([']C1', ']d2', ']Q3', ']e0', ']J1', ']E0', ']E1', ']E2', ']E3', ']E4', ']z1']);

const gs1Names: Record<string, string> = {
  ']C1': 'GS1-128',
  ']d2': 'GS1 DataMatrix',
  ']Q3': 'GS1 QR Code',
  ']J1': 'GS1 DotCode',
};

export function parseSymbology(text: string): Symbology | undefined {
  const match = /^\](.)([0-9A-Za-z])/.exec(text);
  if (!match) return undefined;
  const [identifier, code = '', modifier = ''] = match;
  const family = symbologies[code];
  if (family === undefined) return undefined;
  return {
    identifier,
    code,
    modifier,
    name: gs1Names[identifier] ?? family,
    gs1: gs1Identifiers.has(identifier),
  };
}

export function decodeScanLine(
  content: Buffer,
  options: ScannerOptions = defaultScannerOptions,
): DecodeResult {
  const ascii = printableAscii(content, DATA_CONTROLS);
  if (!ascii.ok) return undecodable(`unreadable scan: ${ascii.error}`);
  let text = ascii.text;
  if (options.prefix) {
    if (!text.startsWith(options.prefix)) return undecodable(`scan without the prefix "${options.prefix}"`);
    text = text.slice(options.prefix.length);
  }
  if (options.suffix) {
    if (!text.endsWith(options.suffix)) return undecodable(`scan without the suffix "${options.suffix}"`);
    text = text.slice(0, text.length - options.suffix.length);
  }
  const symbology = parseSymbology(text);
  const data = symbology ? text.slice(3) : text;
  if (data.length === 0) return undecodable('empty scan');
  return decoded({ kind: 'scan', data, symbology });
}

export function scannerProtocol(options: ScannerOptions = defaultScannerOptions): InstrumentProtocol {
  return {
    name: 'scanner',
    kind: 'barcode-scanner',
    label: 'Barcode scanner (serial)',
    defaultSettings: { baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1, flowControl: 'none' },
    framing: { terminator: options.terminator, maxLength: options.maxLength ?? 4096 },
    decode: (content) => decodeScanLine(content, options),
    commands: {},
  };
}
