/**
 * Capture, as the weighing and measurement steps do it: a stable reading from the driver, every
 * capture check, then the record. Never yields a value that did not pass every check.
 */
import type { Clock } from '../clock';
import { capturedValue, type CapturedValue } from './capture-record';
import {
  checkCapture,
  type CaptureCheckCode,
  type InstrumentCaptureConfig,
  type StepNeed,
} from './capture-checks';
import { DeviceError, type DeviceErrorCode } from './device-error';
import type { InstrumentDriver } from './driver';
import type { Reading } from './reading';

export type CaptureOutcome =
  | { ok: true; value: CapturedValue; reading: Reading }
  /** `reading` is there when the instrument answered but a check refused the value. */
  | { ok: false; code: CaptureCheckCode | DeviceErrorCode; message: string; reading?: Reading };

export interface CaptureRequest {
  instrument: InstrumentCaptureConfig;
  need: StepNeed;
  clock: Clock;
  instrumentId?: string;
  /** The tare on the balance in the step's unit, when known (counts against capacity). */
  tare?: number;
}

export async function captureStableValue(
  driver: InstrumentDriver,
  request: CaptureRequest,
): Promise<CaptureOutcome> {
  let reading: Reading;
  try {
    reading = await driver.readStable();
  } catch (error) {
    if (error instanceof DeviceError) return { ok: false, code: error.code, message: error.message };
    throw error;
  }
  const identity = driver.identity ?? {};
  const check = checkCapture({
    instrument: request.instrument,
    connectedSerialNumber: identity.serialNumber,
    reading,
    need: request.need,
    nowMs: request.clock.now(),
    ...(request.tare !== undefined && { tare: request.tare }),
  });
  if (!check.ok) return { ...check, reading };
  const value = capturedValue(reading, {
    identity,
    protocol: driver.protocol.name,
    port: driver.port,
    ...(request.instrumentId !== undefined && { instrumentId: request.instrumentId }),
  });
  if (!value)
    return {
      ok: false,
      code: 'not-stable',
      message: `The reading of ${request.instrument.name} is not stable`,
      reading,
    };
  return { ok: true, value, reading };
}
