import { EbrError, type ErrorCode } from '../../../shared/errors';

/**
 * The code of a package that could not be written because of the destination drive.
 * shared/errors.ts has no code for removable media yet; this is the one place to change when it does.
 */
export const EXPORT_DESTINATION_FAILED: ErrorCode = 'EXPORT_FAILED';

/** What the writer was doing when it failed, for the message: "while writing batch-record.pdf". */
export interface ExportStep {
  phase: 'prepare' | 'write' | 'flush' | 'read-back' | 'finalize';
  /** The file or folder concerned. */
  target: string;
}

function whileDoing(step: ExportStep): string {
  switch (step.phase) {
    case 'prepare':
      return `while creating ${step.target}`;
    case 'write':
      return `while writing ${step.target}`;
    case 'flush':
      return `while flushing ${step.target} to the drive`;
    case 'read-back':
      return `while reading back ${step.target}`;
    case 'finalize':
      return `while renaming the package into place as ${step.target}`;
  }
}

/** The cause in words and what the person at the terminal can do about it. */
function causeOf(errno: string | undefined, detail: string): { cause: string; action: string } {
  switch (errno) {
    case 'ENOSPC':
    case 'EDQUOT':
      return { cause: `The destination is full (${errno})`, action: 'free space or choose another drive' };
    case 'EIO':
      return {
        cause: 'The destination reported an input/output error (EIO)',
        action: 'the drive may be failing or was removed; check it or choose another drive',
      };
    case 'ENODEV':
    case 'ENXIO':
    case 'ENOENT':
    case 'ESTALE':
    case 'ENOTCONN':
      return {
        cause: `The destination disappeared (${errno})`,
        action: 'was the drive removed? Reconnect it and export again',
      };
    case 'EROFS':
      return {
        cause: 'The destination is read-only (EROFS)',
        action: 'unlock the drive (write-protect switch) or choose another one',
      };
    case 'EACCES':
    case 'EPERM':
      return {
        cause: `Writing to the destination is not permitted (${errno})`,
        action: 'choose a folder you may write to',
      };
    case 'EFBIG':
      return {
        cause: 'The file is too large for the destination file system (EFBIG)',
        action: 'use a drive formatted as exFAT or NTFS',
      };
    case 'ENAMETOOLONG':
    case 'EINVAL':
      return {
        cause: `The destination does not accept this name (${errno})`,
        action: 'choose a shorter package name or another drive',
      };
    default:
      return {
        cause: `The destination failed (${errno ?? detail})`,
        action: 'check the drive or choose another one',
      };
  }
}

/**
 * The error a failed export throws: the cause, the file, what to do, and whether anything was left
 * on the drive. `leftover` is the temporary folder that could not be removed, if any.
 */
export function exportFailure(
  error: unknown,
  step: ExportStep,
  context: { destinationDir: string; packageName: string; leftover: string | null },
): EbrError {
  const errno = (error as NodeJS.ErrnoException | undefined)?.code;
  const detail = error instanceof Error ? error.message : String(error);
  const { cause, action } = causeOf(errno, detail);
  const outcome =
    context.leftover === null
      ? 'nothing was exported'
      : `nothing was exported; the unfinished folder ${context.leftover} could not be removed and may be deleted`;
  return new EbrError(EXPORT_DESTINATION_FAILED, `${cause} ${whileDoing(step)}: ${action}; ${outcome}.`, {
    phase: step.phase,
    file: step.target,
    errno: errno ?? null,
    cause: detail,
    destinationDir: context.destinationDir,
    packageName: context.packageName,
    leftover: context.leftover,
  });
}

/** A read-back that differs from what was written: the drive accepted bytes it does not return. */
export class ReadBackMismatch extends Error {
  constructor(
    readonly file: string,
    readonly problem: string,
  ) {
    super(`${file}: ${problem}`);
  }
}

export function readBackFailure(
  mismatch: ReadBackMismatch,
  context: { destinationDir: string; packageName: string; leftover: string | null },
): EbrError {
  const outcome =
    context.leftover === null
      ? 'nothing was exported'
      : `nothing was exported; the unfinished folder ${context.leftover} could not be removed and may be deleted`;
  return new EbrError(
    EXPORT_DESTINATION_FAILED,
    `The copy of ${mismatch.file} read back from the destination differs from what was written (${mismatch.problem}): the drive may be failing; choose another drive; ${outcome}.`,
    {
      phase: 'read-back',
      file: mismatch.file,
      errno: null,
      cause: mismatch.problem,
      destinationDir: context.destinationDir,
      packageName: context.packageName,
      leftover: context.leftover,
    },
  );
}
