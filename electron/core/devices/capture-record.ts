/**
 * The record kept for a value taken from an instrument (ALCOA+ "original"; Part 11 device
 * checks): the exact bytes, what they were read as, which instrument on which port, and when.
 */
import { toUtcIso } from '../clock';
import type { ProtocolName } from './protocols/protocol';
import type { InstrumentIdentity, Reading, ScanRead } from './reading';

export interface CapturedValue {
  origin: 'instrument';
  quantity: Reading['quantity'];
  value: number;
  /** As printed by the instrument, so the displayed resolution is kept. */
  valueText: string;
  unit: string;
  temperatureC?: number;
  /** The reply line exactly as received, terminator included, as upper-case hex. */
  rawHex: string;
  /** Registry id of the instrument, when the caller has one. */
  instrumentId?: string;
  instrumentSerialNumber: string;
  instrumentModel?: string;
  protocol: ProtocolName;
  port: string;
  /** When the reply's last byte arrived (UTC, ISO 8601 with ms). */
  receivedAtUtc: string;
}

export interface CapturedScan {
  origin: 'instrument';
  data: string;
  symbology?: string;
  gs1: boolean;
  rawHex: string;
  instrumentId?: string;
  instrumentSerialNumber?: string;
  protocol: 'scanner';
  port: string;
  receivedAtUtc: string;
}

export interface CaptureSource {
  identity: InstrumentIdentity;
  protocol: ProtocolName;
  port: string;
  instrumentId?: string;
}

/**
 * The record for a stable reading; undefined for anything else, so an unstable, overloaded or
 * unit-less reading can never be stored as a captured value. Run the capture checks first.
 */
export function capturedValue(reading: Reading, source: CaptureSource): CapturedValue | undefined {
  const { value, valueText, unit } = reading;
  const serialNumber = source.identity.serialNumber;
  if (reading.status !== 'stable' || value === undefined || valueText === undefined || unit === undefined) {
    return undefined;
  }
  if (serialNumber === undefined) return undefined;
  return {
    origin: 'instrument',
    quantity: reading.quantity,
    value,
    valueText,
    unit,
    ...(reading.temperatureC !== undefined && { temperatureC: reading.temperatureC }),
    rawHex: reading.raw.hex,
    ...(source.instrumentId !== undefined && { instrumentId: source.instrumentId }),
    instrumentSerialNumber: serialNumber,
    ...(source.identity.model !== undefined && { instrumentModel: source.identity.model }),
    protocol: source.protocol,
    port: source.port,
    receivedAtUtc: toUtcIso(reading.receivedAtMs),
  };
}

export function capturedScan(scan: ScanRead, source: Omit<CaptureSource, 'protocol'>): CapturedScan {
  return {
    origin: 'instrument',
    data: scan.data,
    ...(scan.symbology !== undefined && { symbology: scan.symbology.identifier }),
    gs1: scan.symbology?.gs1 ?? false,
    rawHex: scan.raw.hex,
    ...(source.instrumentId !== undefined && { instrumentId: source.instrumentId }),
    ...(source.identity.serialNumber !== undefined && {
      instrumentSerialNumber: source.identity.serialNumber,
    }),
    protocol: 'scanner',
    port: source.port,
    receivedAtUtc: toUtcIso(scan.receivedAtMs),
  };
}
