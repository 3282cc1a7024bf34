/**
 * Drives the demo batch script through a connection, as the operator screen does: used by the
 * crash test's child process and, in-process, by tests that need a fully executed batch.
 */
import type { Connection } from '../../electron/core/app';
import type { manualClock } from '../../electron/core/clock';
import type { BatchSummary, BatchView } from '../../shared/contract/batches';
import type { SignerCredentials } from '../../shared/contract/signatures';
import type { Result } from '../../shared/errors';
import {
  actionLabel,
  nextActionIndex,
  SCRIPT,
  TIMER_STEP,
  type Credential,
  type ScriptAction,
} from './demo-batch-script';

const MINUTE = 60_000;

export interface ScriptDriverDeps {
  clock: ReturnType<typeof manualClock>;
  /** The operator's window (signed in). */
  operator: Connection;
  /** Signs a supervisor in at a new window (to create the batch). */
  signInSupervisor: () => Promise<Connection>;
  operatorPassword: string;
  supervisor: { username: string; password: string };
  recipeVersionId: string;
  batchNumber: string;
}

export function resultValue<T>(result: Result<unknown>, what: string): T {
  if (!result.ok) throw new Error(`${what}: ${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

export async function findBatch(deps: ScriptDriverDeps): Promise<BatchView | null> {
  const { operator } = deps;
  const list = resultValue<BatchSummary[]>(await operator.invoke('batches.list', {}), 'batches.list');
  const summary = list.find((batch) => batch.batchNumber === deps.batchNumber);
  return summary
    ? resultValue<BatchView>(await operator.invoke('batches.get', { batchId: summary.id }), 'batches.get')
    : null;
}

function credentials(deps: ScriptDriverDeps, by: Credential): SignerCredentials {
  return by === 'self'
    ? { kind: 'self', password: deps.operatorPassword }
    : { kind: 'cosigner', username: deps.supervisor.username, password: deps.supervisor.password };
}

/** The operator stays at the terminal while the blender runs: a touch each minute. */
async function waitForTimer(deps: ScriptDriverDeps, batch: BatchView): Promise<void> {
  const { clock, operator } = deps;
  const from = batch.steps.find((step) => step.id === TIMER_STEP.from)!.completedAtUtc!;
  const until = Date.parse(from) + TIMER_STEP.waitMinutes * MINUTE;
  while (clock.now() < until) {
    clock.set(Math.min(until, clock.now() + MINUTE));
    resultValue(await operator.invoke('auth.activity', {}), 'auth.activity');
  }
}

/** Does one action of the script to the batch as it stands (null before it is created). */
export async function performAction(
  deps: ScriptDriverDeps,
  action: ScriptAction,
  batch: BatchView | null,
): Promise<Result<unknown>> {
  const { operator } = deps;
  const batchId = batch?.id ?? '';
  const signatures = (list: readonly { meaning: string; by: Credential }[]) =>
    list.map((signature) => ({ meaning: signature.meaning, credentials: credentials(deps, signature.by) }));
  switch (action.kind) {
    case 'create': {
      const supervisor = await deps.signInSupervisor();
      const created = await supervisor.invoke('batches.create', {
        recipeVersionId: deps.recipeVersionId,
        batchNumber: deps.batchNumber,
        plannedQuantity: 10,
        training: false,
      });
      supervisor.close();
      return created;
    }
    case 'start':
      return operator.invoke('batches.start', { batchId });
    case 'comment':
      return operator.invoke('batches.comment', { batchId, stepId: action.stepId, text: action.text });
    case 'start-step':
      return operator.invoke('batches.startStep', { batchId, stepId: action.stepId });
    case 'complete-step':
      if (action.stepId === TIMER_STEP.id) await waitForTimer(deps, batch!);
      return operator.invoke('batches.completeStep', {
        batchId,
        stepId: action.stepId,
        input: action.input,
        signatures: signatures(action.signatures),
        ...(action.override
          ? {
              override: {
                reason: action.override.reason,
                credentials: credentials(deps, action.override.by),
              },
            }
          : {}),
        ...(action.deviationComment ? { deviationComment: action.deviationComment } : {}),
      });
    case 'correct-step':
      return operator.invoke('batches.correctStep', {
        batchId,
        stepId: action.stepId,
        input: action.input,
        reason: action.reason,
        signatures: signatures(action.signatures),
      });
    case 'complete-execution':
      return operator.invoke('batches.completeExecution', {
        batchId,
        credentials: credentials(deps, 'self'),
      });
  }
}

/**
 * Runs the script from wherever the batch stands to its end, one action at a time, each five
 * seconds after the last; `events` hears each action before it begins and after it commits.
 */
export async function runScript(
  deps: ScriptDriverDeps,
  events: {
    next?: (index: number, label: string) => void;
    done?: (index: number, label: string) => void;
  } = {},
): Promise<BatchView> {
  let batch = await findBatch(deps);
  for (;;) {
    const index = nextActionIndex(batch);
    if (index >= SCRIPT.length) return batch!;
    const action = SCRIPT[index]!;
    const label = actionLabel(action);
    events.next?.(index, label);
    deps.clock.advance(5_000);
    resultValue(await performAction(deps, action, batch), label);
    events.done?.(index, label);
    batch = await findBatch(deps);
  }
}
