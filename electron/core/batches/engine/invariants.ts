import type { EngineState } from './engine-types';
import { stepOf } from './sequence';

/**
 * What must hold of every batch the engine leaves behind; the property test drives random events
 * and checks these after each, and the crash test checks them after every restart.
 */
export function invariantViolations(state: EngineState): string[] {
  const problems: string[] = [];
  for (const step of state.steps) {
    if (state.status === 'created' && step.status !== 'pending')
      problems.push(`${step.id} is ${step.status} before the batch started`);
    if (step.status === 'in-progress' && step.ownerUserId === null)
      problems.push(`${step.id} is in progress without an owner`);
    if (step.status === 'pending' && step.ownerUserId !== null)
      problems.push(`${step.id} is pending but owned`);
    if (step.status === 'pending' && step.value !== null)
      problems.push(`${step.id} is pending but has a value`);
    if (step.status === 'completed' && step.value === null)
      problems.push(`${step.id} is completed without a value`);
    if (step.status !== 'pending') {
      for (const id of step.prerequisites) {
        if (stepOf(state, id)?.status !== 'completed')
          problems.push(`${step.id} is ${step.status} before its prerequisite ${id} is complete`);
      }
    }
    if (step.value !== null && step.value.type !== step.definition.type)
      problems.push(`${step.id} holds a ${step.value.type} value`);
    if (
      (state.status === 'aborted' || state.status === 'execution-complete') &&
      step.status === 'in-progress'
    ) {
      problems.push(`${step.id} is in progress in a ${state.status} batch`);
    }
  }
  if (state.status === 'execution-complete' && state.steps.some((step) => step.status !== 'completed')) {
    problems.push('execution is complete with steps not completed');
  }
  return problems;
}
