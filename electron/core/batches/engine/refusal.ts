import { EbrError } from '../../../../shared/errors';
import type { EquipmentRefusal } from '../../../../shared/materials/equipment-rules';
import type { DispenseRefusal } from '../../../../shared/materials/lot-rules';

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
  | 'steps-incomplete'
  | WorldRefusal;

/** Refusals the material and equipment registers cause (tests/unit/world-checks.test.ts covers them). */
export type WorldRefusal = DispenseRefusal | EquipmentRefusal | 'lot-not-scanned' | 'lot-insufficient';

const worldRefusalSet: Record<WorldRefusal, true> = {
  'lot-quarantined': true,
  'lot-rejected': true,
  'lot-expired': true,
  'lot-retest-due': true,
  'lot-wrong-material': true,
  'lot-unknown': true,
  'lot-empty': true,
  'container-emptied': true,
  'container-unknown': true,
  'lot-not-scanned': true,
  'lot-insufficient': true,
  'equipment-dirty': true,
  'equipment-in-use': true,
  'equipment-clean-hold-expired': true,
  'equipment-maintenance': true,
  'equipment-out-of-service': true,
};

/** Each is audited when it happens, so QA sees every attempt to use a wrong lot or item. */
export function isWorldRefusal(reason: unknown): reason is WorldRefusal {
  return typeof reason === 'string' && Object.hasOwn(worldRefusalSet, reason);
}

export function refuse(reason: RefusalReason, message: string, details: Record<string, unknown> = {}): never {
  throw new EbrError('EXECUTION_REFUSED', message, { reason, ...details });
}
