import { EbrError } from '../../../shared/errors';
import {
  findInvalidText,
  invalidCharacterMessage,
  labelFromPath,
  STORABLE_TEXT,
} from '../../../shared/text/safe-text';

/**
 * Defence in depth behind the gate: the audit writer and the signature service hash JavaScript
 * strings, SQLite keeps UTF-8. A value the two would disagree on (an unpaired surrogate becomes
 * U+FFFD; NUL) is refused before the transaction commits, so a schema that forgot the gate check
 * can only make an action fail, never break the chain or a signature.
 */
export function refuseUnstorableText(value: unknown, what: string): void {
  const problem = findInvalidText(value, STORABLE_TEXT);
  if (!problem) return;
  const label = labelFromPath(problem.path.split('.'));
  throw new EbrError(
    'VALIDATION_FAILED',
    `${invalidCharacterMessage(label, problem.found)} It cannot be stored as it would be signed, so ${what} was refused and nothing was saved.`,
    { field: problem.path, position: problem.found.position, codePoint: problem.found.codePoint },
  );
}
