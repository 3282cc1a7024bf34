/**
 * What the driver reports upward: readings (balances, pH meters), scans, and who the instrument
 * says it is. Each carries the exact bytes it was decoded from and when they arrived.
 */
import type { Quantity, Symbology } from './replies';
import { escapeBytes, toHex } from './protocols/line-text';

/** The bytes of one line as received, terminator included. */
export interface RawBytes {
  /** Upper-case hex pairs: what a captured value stores. */
  hex: string;
  /** The same bytes readable, control bytes escaped (`S S     100.00 g\r\n`). */
  text: string;
}

export const rawBytes = (bytes: Uint8Array): RawBytes => ({ hex: toHex(bytes), text: escapeBytes(bytes) });

/**
 * A line as messages quote it: terminator and padding trimmed, control bytes escaped
 * (`      High    \r\n` → `High`). Captured values keep the bytes untouched; this is for people.
 */
export function shownLine(bytes: Uint8Array | RawBytes): string {
  const buffer = 'hex' in bytes ? Buffer.from(bytes.hex, 'hex') : Buffer.from(bytes);
  let end = buffer.length;
  while (end > 0 && (buffer[end - 1] === 0x0a || buffer[end - 1] === 0x0d || buffer[end - 1] === 0x20)) end--;
  let start = 0;
  while (start < end && buffer[start] === 0x20) start++;
  return escapeBytes(buffer.subarray(start, end));
}

export type ReadingStatus = 'stable' | 'unstable' | 'overload' | 'underload';

export interface Reading {
  quantity: Quantity;
  status: ReadingStatus;
  /** Absent on overload and underload: the instrument gives no number then. */
  value?: number;
  /** The number as the instrument printed it (keeps its decimals). */
  valueText?: string;
  /** Absent when the instrument leaves it blank (Sartorius while unstable). */
  unit?: string;
  temperatureC?: number;
  /** Sartorius ID field (net, gross, tare) or A&D comparison result. */
  label?: string;
  raw: RawBytes;
  /** When the line's last byte arrived, ms since the Unix epoch (UTC). */
  receivedAtMs: number;
}

export interface ScanRead {
  /** The scanned data, prefix, suffix and symbology identifier removed; GS (0x1D) kept. */
  data: string;
  symbology: Symbology | undefined;
  raw: RawBytes;
  receivedAtMs: number;
}

/** What the instrument said about itself when the driver connected. */
export interface InstrumentIdentity {
  serialNumber?: string;
  /** The instrument's whole answer when the serial number was taken out of a labelled line. */
  serialNumberAnswer?: string;
  model?: string;
  /** From the model text where the instrument includes it (MT-SICS I2). */
  capacity?: { value: number; unit: string };
}
