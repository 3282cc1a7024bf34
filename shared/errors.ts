/**
 * The closed set of error codes that may cross the IPC boundary. Services throw `EbrError`;
 * the dispatcher turns it into a plain `{code, message, details}` object.
 */
export const errorCodes = [
  'VALIDATION_FAILED',
  'UNKNOWN_CHANNEL',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'SESSION_LOCKED',
  'PASSWORD_CHANGE_REQUIRED',
  'INVALID_CREDENTIALS',
  'ACCOUNT_LOCKED',
  'ACCOUNT_DISABLED',
  'PASSWORD_POLICY',
  'TERMINAL_NOT_REGISTERED',
  'SIGNER_NOT_DISTINCT',
  'SIGNER_MUST_CHANGE_PASSWORD',
  'NOT_FOUND',
  'CONFLICT',
  /** A batch execution rule refused the action; details.reason names which (out-of-order, not-owner, …). */
  'EXECUTION_REFUSED',
  'NOT_INITIALIZED',
  'ALREADY_INITIALIZED',
  'STORE_UNAVAILABLE',
  'STORE_NOT_ENCRYPTED',
  'STORE_WRONG_KEY',
  'STORE_CORRUPT',
  'STORE_TOO_NEW',
  'KEY_UNAVAILABLE',
  'KEYSTORE_INSECURE',
  'AUDIT_CHAIN_BROKEN',
  /** The data folder is behind the audit head anchored outside it: it was replaced by an older copy. */
  'STORE_ROLLED_BACK',
  /** Writing an export package to its destination failed (full, I/O error, media pulled); nothing was exported. */
  'EXPORT_FAILED',
  /** The serial ports could not be listed (Linux: no udevadm and no readable /sys/class/tty); details.missing names what. */
  'PORT_LIST_UNAVAILABLE',
  /** The person is not qualified (missing, expired, SOP revised) for the step or signature; details name the qualification. */
  'NOT_QUALIFIED',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

/** What crosses the boundary: plain data, never a class or a stack trace. */
export interface EbrErrorData {
  code: ErrorCode;
  message: string;
  details?: Record<string, unknown>;
}

export class EbrError extends Error {
  readonly code: ErrorCode;
  readonly details?: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'EbrError';
    this.code = code;
    this.details = details;
  }

  toData(): EbrErrorData {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (errorCodes as readonly string[]).includes(value);
}

/** Results cross IPC as a tagged union so that the renderer never sees a thrown class. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: EbrErrorData };
