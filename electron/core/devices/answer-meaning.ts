/**
 * What an instrument's answer means for the caller: a reading, a tare, an identity, or an error
 * worded for the person at the instrument. Pure functions over decoded replies.
 */
import type { Answer } from './command-channel';
import { DeviceError } from './device-error';
import type { InstrumentCommand, InstrumentProtocol } from './protocols/protocol';
import { rawBytes, shownLine, type RawBytes, type Reading } from './reading';
import type { InstrumentReply } from './replies';

/** The tare the balance holds after taring; empty when the protocol does not report it (SBI, A&D). */
export interface TareResult {
  value?: number;
  valueText?: string;
  unit?: string;
  raw?: RawBytes;
}

export interface AnswerContext {
  protocol: InstrumentProtocol;
  /** "Balance WS-03 on /dev/ttyUSB0". */
  instrument: string;
}

/** The serial number or model a reply carries (MT-SICS I4/I2, A&D SN/TN, Sartorius plain text). */
export function identityText(reply: InstrumentReply, field: 'serialNumber' | 'model'): string | undefined {
  if (reply.kind === 'identity' && reply.field === field) return reply.text;
  if (reply.kind === 'text') return reply.text;
  return undefined;
}

/** A value, overload or underload line of the kind the protocol's read commands answer with. */
export function isReadingReply(protocol: InstrumentProtocol, reply: InstrumentReply): boolean {
  if (reply.kind !== 'value' && reply.kind !== 'overload' && reply.kind !== 'underload') return false;
  const { readImmediate, readStable } = protocol.commands;
  return Boolean(readImmediate?.answers?.(reply) || readStable?.answers?.(reply));
}

export function toReading(
  protocol: InstrumentProtocol,
  reply: InstrumentReply,
  raw: Buffer,
  receivedAtMs: number,
): Reading | undefined {
  const base = { raw: rawBytes(raw), receivedAtMs };
  if (reply.kind === 'overload' || reply.kind === 'underload') {
    const quantity = protocol.kind === 'ph-meter' ? 'pH' : 'mass';
    return { quantity, status: reply.kind, ...base };
  }
  if (reply.kind !== 'value') return undefined;
  return {
    quantity: reply.quantity,
    status: reply.stable ? 'stable' : 'unstable',
    value: reply.value,
    valueText: reply.valueText,
    ...(reply.unit !== undefined && { unit: reply.unit }),
    ...(reply.temperatureC !== undefined && { temperatureC: reply.temperatureC }),
    ...(reply.label !== undefined && { label: reply.label }),
    ...base,
  };
}

/** The error for an answer that says "not now", "wrong parameter" or "out of range". */
export function refusal(
  context: AnswerContext,
  answer: Answer,
  command: InstrumentCommand,
  action: string,
  range: string,
): DeviceError {
  const raw = rawBytes(answer.raw);
  const said = `(it answered "${shownLine(answer.raw)}" to "${command.name}")`;
  switch (answer.reply.kind) {
    case 'not-executable':
      return new DeviceError(
        'not-executable',
        `${context.instrument}: ${action} was not possible: it is not stable or busy ${said} — ` +
          'keep the pan still and free of draughts, then try again',
        raw,
      );
    case 'parameter-error':
      return new DeviceError(
        'parameter-error',
        `${context.instrument}: refused "${command.name}" ${said}`,
        raw,
      );
    case 'overload':
    case 'underload':
      return new DeviceError(
        'out-of-range',
        `${context.instrument}: ${action} was not possible: the load is outside its ${range} ${said}`,
        raw,
      );
    default:
      return new DeviceError(
        'unreadable-reply',
        `${context.instrument}: gave an unexpected answer ${said}`,
        raw,
      );
  }
}

export function readingFrom(
  context: AnswerContext,
  answer: Answer | undefined,
  command: InstrumentCommand,
): Reading {
  if (!answer) {
    throw new DeviceError('unreadable-reply', `${context.instrument}: gave no answer to "${command.name}"`);
  }
  const reading = toReading(context.protocol, answer.reply, answer.raw, answer.receivedAtMs);
  if (reading) return reading;
  throw refusal(context, answer, command, 'A stable value', 'range');
}

export function tareFrom(
  context: AnswerContext,
  answer: Answer | undefined,
  command: InstrumentCommand,
  action: string,
): TareResult {
  if (!answer) return {};
  const { reply } = answer;
  if (reply.kind === 'tare') {
    return { value: reply.value, valueText: reply.valueText, unit: reply.unit, raw: rawBytes(answer.raw) };
  }
  throw refusal(context, answer, command, action, 'taring range — check the load on the pan');
}
