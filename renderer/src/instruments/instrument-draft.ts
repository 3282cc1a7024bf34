import { instrumentFieldsSchema, type InstrumentFields } from '../../../shared/contract/instrument-inputs';
import type { InstrumentView } from '../../../shared/contract/instruments';
import {
  protocolsOfKind,
  type InstrumentKind,
  type InstrumentProtocol,
} from '../../../shared/instruments/instrument-kinds';
import { localToUtcIso, utcIsoToLocal } from '../audit/filter-draft';

/** The registration form as typed: text for numbers and dates (local time), so each can be cleared. */
export interface InstrumentDraft {
  assetId: string;
  kind: InstrumentKind;
  protocol: InstrumentProtocol;
  port: string;
  baudRate: string;
  dataBits: string;
  parity: string;
  stopBits: string;
  flowControl: string;
  expectedSerialNumber: string;
  model: string;
  unit: string;
  capacity: string;
  readability: string;
  minimumWeight: string;
  /** `YYYY-MM-DDTHH:mm`, local time of this terminal; '' for none. */
  calibrationDue: string;
  /** '' for none. */
  terminalId: string;
  simulated: boolean;
}

export type DraftField = Exclude<keyof InstrumentDraft, 'simulated'>;
export type DraftErrors = Partial<Record<DraftField, string>>;

/** Masses a balance reports in. */
export const balanceUnits = ['mg', 'g', 'kg'] as const;
export const baudRates = ['1200', '2400', '4800', '9600', '19200', '38400', '57600', '115200'] as const;

/** MT-SICS factory default: 9600 8N1 with Xon/Xoff. */
export const emptyDraft: InstrumentDraft = {
  assetId: '',
  kind: 'balance',
  protocol: 'mt-sics',
  port: '',
  baudRate: '9600',
  dataBits: '8',
  parity: 'none',
  stopBits: '1',
  flowControl: 'xon-xoff',
  expectedSerialNumber: '',
  model: '',
  unit: 'g',
  capacity: '',
  readability: '',
  minimumWeight: '',
  calibrationDue: '',
  terminalId: '',
  simulated: false,
};

const numberText = (value: number | null) => (value === null ? '' : String(value));

export function draftOf(instrument: InstrumentView): InstrumentDraft {
  return {
    assetId: instrument.assetId,
    kind: instrument.kind,
    protocol: instrument.protocol,
    port: instrument.port,
    baudRate: String(instrument.serial.baudRate),
    dataBits: String(instrument.serial.dataBits),
    parity: instrument.serial.parity,
    stopBits: String(instrument.serial.stopBits),
    flowControl: instrument.serial.flowControl,
    expectedSerialNumber: instrument.expectedSerialNumber,
    model: instrument.model,
    unit: instrument.unit ?? 'g',
    capacity: numberText(instrument.capacity),
    readability: numberText(instrument.readability),
    minimumWeight: numberText(instrument.minimumWeight),
    calibrationDue: instrument.calibrationDueUtc ? utcIsoToLocal(instrument.calibrationDueUtc) : '',
    terminalId: instrument.terminalId ?? '',
    simulated: instrument.simulated,
  };
}

/** A kind change keeps the protocol when the new kind speaks it, else takes the kind's first. */
export function withKind(draft: InstrumentDraft, kind: InstrumentKind): InstrumentDraft {
  const protocols = protocolsOfKind[kind];
  return { ...draft, kind, protocol: protocols.includes(draft.protocol) ? draft.protocol : protocols[0]! };
}

/** Balance-only facts: unit, capacity, readability, minimum weight. */
export const isBalance = (draft: Pick<InstrumentDraft, 'kind'>) => draft.kind === 'balance';

type Parsed =
  | { ok: true; fields: InstrumentFields }
  /** `other`: what the schema said about no single field (shown above the buttons). */
  | { ok: false; errors: DraftErrors; other: string[] };

/** Accepts a decimal comma; an empty field is left out (the schema says whether it is required). */
function decimal(text: string): number | undefined | 'invalid' {
  const trimmed = text.trim().replace(',', '.');
  if (trimmed === '') return undefined;
  const parsed = Number(trimmed);
  return /^[0-9]*\.?[0-9]+(e-?[0-9]+)?$/i.test(trimmed) && Number.isFinite(parsed) ? parsed : 'invalid';
}

/**
 * Parses the draft with the schema the core uses (instrumentFieldsSchema), so the form shows the
 * core's own messages next to the fields they concern.
 */
export function fieldsOf(draft: InstrumentDraft): Parsed {
  const errors: DraftErrors = {};
  const balance = isBalance(draft);
  const numbers: Partial<Record<'capacity' | 'readability' | 'minimumWeight', number>> = {};
  if (balance) {
    for (const field of ['capacity', 'readability', 'minimumWeight'] as const) {
      const value = decimal(draft[field]);
      if (value === 'invalid') errors[field] = 'Enter a number, e.g. 0.001.';
      else if (value !== undefined) numbers[field] = value;
    }
  }
  let calibrationDueUtc: string | undefined;
  if (draft.calibrationDue !== '') {
    calibrationDueUtc = localToUtcIso(draft.calibrationDue, 'start') ?? undefined;
    if (calibrationDueUtc === undefined) errors.calibrationDue = 'Enter a date and time.';
  }
  const candidate = {
    assetId: draft.assetId,
    kind: draft.kind,
    protocol: draft.protocol,
    port: draft.port,
    serial: {
      baudRate: Number(draft.baudRate),
      dataBits: Number(draft.dataBits),
      parity: draft.parity,
      stopBits: Number(draft.stopBits),
      flowControl: draft.flowControl,
    },
    expectedSerialNumber: draft.expectedSerialNumber,
    model: draft.model,
    ...(balance ? { unit: draft.unit, ...numbers } : {}),
    ...(calibrationDueUtc ? { calibrationDueUtc } : {}),
    ...(draft.terminalId ? { terminalId: draft.terminalId } : {}),
    simulated: draft.simulated,
  };
  const parsed = instrumentFieldsSchema.safeParse(candidate);
  if (parsed.success && Object.keys(errors).length === 0) return { ok: true, fields: parsed.data };
  const other: string[] = [];
  for (const issue of parsed.success ? [] : parsed.error.issues) {
    const field = fieldOfPath(issue.path);
    if (field) errors[field] ??= issue.message;
    else other.push(issue.message);
  }
  return { ok: false, errors, other };
}

function fieldOfPath(path: readonly PropertyKey[]): DraftField | null {
  const last = path[path.length - 1];
  if (last === 'calibrationDueUtc') return 'calibrationDue';
  if (typeof last !== 'string') return null;
  return last in emptyDraft && last !== 'simulated' ? (last as DraftField) : null;
}
