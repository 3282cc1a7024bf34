import type { Actor, Effect, EngineState } from './engine-types';

/** The state after effects: the same folding the store does with its rows, kept pure for tests. */
export function applyEffects(
  state: EngineState,
  effects: readonly Effect[],
  actor: Actor,
  nowMs: number,
): EngineState {
  let next: EngineState = state;
  for (const effect of effects) {
    switch (effect.kind) {
      case 'batch-status':
        next = { ...next, status: effect.to };
        break;
      case 'step-status':
        next = {
          ...next,
          steps: next.steps.map((step) =>
            step.id === effect.stepId
              ? {
                  ...step,
                  status: effect.to,
                  ownerUserId: effect.to === 'pending' ? null : effect.ownerUserId,
                  completedAtMs: effect.to === 'completed' ? nowMs : step.completedAtMs,
                }
              : step,
          ),
        };
        break;
      case 'entry':
        next = {
          ...next,
          steps: next.steps.map((step) =>
            step.id === effect.stepId
              ? {
                  ...step,
                  value: effect.value,
                  origin: effect.origin,
                  performerUserId: effect.entryKind === 'recomputed' ? step.performerUserId : actor.userId,
                }
              : step,
          ),
        };
        break;
      case 'batch-signature':
      case 'lot-consumption':
      case 'equipment-use':
      case 'equipment-released':
        // Recorded in the registers, not in the batch's own state.
        break;
    }
  }
  return next;
}
