import { isErrorCode, type EbrErrorData, type ErrorCode } from '../../../shared/errors';

/** An error answered by the core (or the bridge), as plain data the screens can show. */
export class IpcError extends Error implements EbrErrorData {
  readonly code: ErrorCode;
  readonly details?: Record<string, unknown>;

  constructor(data: EbrErrorData) {
    super(data.message);
    this.name = 'IpcError';
    this.code = data.code;
    if (data.details !== undefined) this.details = data.details;
  }

  toData(): EbrErrorData {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

/** Accepts only a well-formed `{code, message, details?}`; anything else becomes INTERNAL. */
export function toIpcError(error: unknown): IpcError {
  if (error instanceof IpcError) return error;
  if (typeof error === 'object' && error !== null) {
    const candidate = error as Partial<EbrErrorData>;
    if (isErrorCode(candidate.code) && typeof candidate.message === 'string') {
      const details =
        typeof candidate.details === 'object' && candidate.details !== null ? candidate.details : undefined;
      return new IpcError({
        code: candidate.code,
        message: candidate.message,
        ...(details ? { details } : {}),
      });
    }
  }
  return new IpcError({
    code: 'INTERNAL',
    message: 'The workstation core gave an answer this screen cannot read. Call an administrator.',
  });
}
