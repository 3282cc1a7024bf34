import type { RawBytes } from './reading';

/**
 * Why a driver call failed. Stays inside the device layer; services turn it into an EbrError with
 * the message, which is written for the person at the instrument.
 */
export type DeviceErrorCode =
  /** The instrument did not answer in time. */
  | 'timeout'
  /** The answer could not be read (garbled, overlong, not the protocol). */
  | 'unreadable-reply'
  /** The instrument answered with an error (ES, ET, EL, EC,Exx, Err ###). */
  | 'instrument-error'
  /** Understood but impossible now (MT-SICS status I: not stable in time, busy). */
  | 'not-executable'
  /** Understood but the parameter is wrong (MT-SICS status L). */
  | 'parameter-error'
  /** Outside the instrument's taring or zero-setting range. */
  | 'out-of-range'
  /** The protocol has no such command (e.g. streaming on Sartorius SBI). */
  | 'unsupported'
  /** Not connected now (connecting, disconnected, refused). */
  | 'not-connected'
  /** The connection was lost while the command was under way. */
  | 'disconnected'
  /** Too many commands waiting. */
  | 'busy'
  /** The driver was closed. */
  | 'closed';

export class DeviceError extends Error {
  constructor(
    readonly code: DeviceErrorCode,
    message: string,
    readonly raw?: RawBytes,
  ) {
    super(message);
    this.name = 'DeviceError';
  }
}
