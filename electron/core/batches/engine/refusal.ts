import { EbrError } from '../../../../shared/errors';

/** Why the engine refused: machine-readable, in `details.reason` of EXECUTION_REFUSED. */
export type RefusalReason =
  | 'batch-not-active'
  | 'wrong-status'
  | 'unknown-step'
  | 'out-of-order'
  | 'step-not-started'
  | 'not-owner'
  | 'wrong-role'
  | 'already-completed'
  | 'not-completed'
  | 'not-correctable'
  | 'wrong-input'
  | 'invalid-value'
  | 'checklist-incomplete'
  | 'scan-mismatch'
  | 'timer-not-elapsed'
  | 'limit-violation'
  | 'deviation-comment-required'
  | 'unexpected-override'
  | 'signatures-missing'
  | 'unexpected-signature'
  | 'same-person'
  | 'steps-incomplete';

export function refuse(reason: RefusalReason, message: string, details: Record<string, unknown> = {}): never {
  throw new EbrError('EXECUTION_REFUSED', message, { reason, ...details });
}
