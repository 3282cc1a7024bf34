/**
 * What a decoder makes of one line from an instrument. Decoders are pure: the same bytes always
 * give the same reply or the same decode error, and nothing here knows about time or ports.
 */

/** What a value measures: a balance's mass or piece count, a pH meter's pH or electrode potential. */
export type Quantity = 'mass' | 'count' | 'pH' | 'potential';

export type InstrumentReply =
  /** A measured value; `unit` is absent when the instrument leaves it blank (Sartorius while moving). */
  | {
      kind: 'value';
      id: string;
      quantity: Quantity;
      stable: boolean;
      value: number;
      /** The number exactly as the instrument printed it, e.g. "100.00". */
      valueText: string;
      unit: string | undefined;
      temperatureC?: number;
      /** Sartorius ID field or A&D comparison header, when present. */
      label?: string;
    }
  | { kind: 'overload'; id: string }
  | { kind: 'underload'; id: string }
  /** The tare now stored in the balance (MT-SICS `T S …`, `TA A …`). */
  | { kind: 'tare'; id: string; value: number; valueText: string; unit: string }
  /** Command carried out, nothing to report (MT-SICS `Z A`, A&D ACK). */
  | { kind: 'done'; id: string }
  /** Understood but not possible now (MT-SICS status I: busy, or no stability within its timeout). */
  | { kind: 'not-executable'; id: string }
  /** Understood but the parameter is wrong (MT-SICS status L). */
  | { kind: 'parameter-error'; id: string }
  | {
      kind: 'identity';
      id: string;
      field: 'serialNumber' | 'model';
      text: string;
      capacity?: { value: number; unit: string };
      /** The whole answer, when `text` was taken out of a labelled line (SBI `SerNo.    0031801165`). */
      answer?: string;
    }
  /** A line of plain text with no other meaning (Sartorius model and serial number replies). */
  | { kind: 'text'; text: string }
  /** The instrument reports an error: MT-SICS ES/ET/EL, A&D EC,Exx, Sartorius Err ###. */
  | { kind: 'instrument-error'; code: string; message: string }
  | { kind: 'scan'; data: string; symbology: Symbology | undefined };

/** An AIM symbology identifier (ISO/IEC 15424) at the start of a scan, e.g. `]C1`. */
export interface Symbology {
  /** The three characters as sent, e.g. "]d2". */
  identifier: string;
  code: string;
  modifier: string;
  name: string;
  /** The identifier announces GS1 element strings (application identifiers, FNC1 as 0x1D). */
  gs1: boolean;
}

export type DecodeResult = { ok: true; reply: InstrumentReply } | { ok: false; error: string };

export type LineDecoder = (content: Buffer) => DecodeResult;

export const decoded = (reply: InstrumentReply): DecodeResult => ({ ok: true, reply });
export const undecodable = (error: string): DecodeResult => ({ ok: false, error });
