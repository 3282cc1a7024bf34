import type { ErrorCode } from '../../../shared/errors';

/** What the person at the terminal should do, per refusal code. */
const advice: Partial<Record<ErrorCode, string>> = {
  STORE_WRONG_KEY:
    'The records on this terminal cannot be opened with the key it holds. Do not set the terminal up again. ' +
    'Call an administrator: the data folder can be opened with the recovery key kept at setup.',
  STORE_NOT_ENCRYPTED:
    'The database file is not encrypted, which is not allowed for GMP records. Stop using this terminal and call QA and an administrator.',
  STORE_CORRUPT:
    'The database file is damaged. Do not continue on this terminal. Call an administrator to restore the latest verified backup.',
  STORE_TOO_NEW:
    'The data folder was written by a newer version of EBR Workstation. Ask an administrator to install that version or a later one.',
  STORE_UNAVAILABLE:
    'The data folder cannot be reached. Check the disk or network share, then restart. If it persists, call an administrator.',
  KEY_UNAVAILABLE:
    'The database key cannot be read on this terminal. Call an administrator: the data folder can be opened with the recovery key.',
  KEYSTORE_INSECURE:
    'This computer has no secure key store. An administrator must protect the key with a passphrase before the terminal can be used.',
  AUDIT_CHAIN_BROKEN:
    'The audit trail failed its integrity check. Stop work on this terminal and call QA: the records may have been altered.',
  STORE_ROLLED_BACK:
    'The data folder on this terminal is older than the records this terminal last saw: it was replaced by an older copy, ' +
    'and records made since are not in it. Stop work here and call QA. Do not set the terminal up again and do not restore ' +
    'anything over it: QA finds the newest copy (the folder that was replaced, or the latest backup, checked with ' +
    '`ebr verify-audit --against`) and an administrator restores it into a new folder.',
  NOT_INITIALIZED: 'The data folder is not set up. An administrator must run `ebr init` on this terminal.',
};

export function refusalAdvice(code: ErrorCode): string {
  return advice[code] ?? 'Stop work on this terminal. Call an administrator and quote the code shown above.';
}
