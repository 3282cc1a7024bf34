import type {
  BatchStatus,
  ExceptionHandling,
  ExceptionSeverity,
  ExceptionType,
  StepStatus,
} from '../../../../shared/batches/batch-status';
import type { EntryOrigin, InstrumentSource, RecordedValue } from '../../../../shared/batches/recorded-value';
import type { StepInput } from '../../../../shared/batches/step-input';
import type { EquipmentState } from '../../../../shared/materials/equipment-rules';
import type { LotFacts } from '../../../../shared/materials/lot-rules';
import type { Role } from '../../../../shared/permissions';
import type { Recipe, RecipeStep } from '../../../../shared/recipes/recipe-schema';
import type { SignatureMeaning } from '../../../../shared/signatures';

/**
 * The execution engine's world: plain data, no I/O. The service reads it from the store, asks the
 * engine what an event does, and writes the effects with their audit rows in one transaction.
 */
export interface EngineStep {
  id: string;
  operationId: string;
  definition: RecipeStep;
  /** Steps that must be complete first (declared, or else the previous step). */
  prerequisites: string[];
  status: StepStatus;
  ownerUserId: string | null;
  completedAtMs: number | null;
  /** Who recorded the current value (the performer, for "distinct from performer"). */
  performerUserId: string | null;
  /** The current value (the latest entry), null before completion. */
  value: RecordedValue | null;
  origin: EntryOrigin | null;
}

export interface EngineState {
  status: BatchStatus;
  training: boolean;
  recipe: Recipe;
  plannedQuantity: { quantity: number; unit: string };
  steps: EngineStep[];
  /** The registers' facts this event needs (absent: nothing is registered to check against). */
  world?: BatchWorld;
}

/** A lot a scan names, resolved from the register by the service before the engine runs. */
export interface ResolvedSource {
  code: string;
  lotId: string | null;
  lot: LotFacts | null;
  container: number | null;
  /** Why the code names no usable lot record (bad GS1 string, unknown lot); null when it does. */
  problem: string | null;
  /** For a portion of a multi-lot weighing: its net, in the step's unit. */
  net?: number;
  containerEmptied: boolean;
}

/**
 * The batch's world (R211-84, R211-67): what the material and equipment registers say, read by the
 * service in the same transaction. Enforcement applies to what is registered: a material or item
 * the registers do not know is recorded as before (documented in docs/materials-equipment.md).
 */
export interface BatchWorld {
  batchId: string;
  productCode: string;
  registeredMaterials: readonly string[];
  /** Registered items and rooms the recipe names, by code, with the state their logbook gives. */
  equipment: Readonly<Record<string, { id: string; state: EquipmentState }>>;
  /** The lot (or lots, one per portion) the submitted input names. */
  sources: readonly ResolvedSource[];
}

export interface Actor {
  userId: string;
  name: string;
  roles: readonly Role[];
}

/** A person who has re-authenticated for one signature (the service checks the password first). */
export interface Signer {
  userId: string;
  username: string;
  name: string;
  roles: readonly Role[];
  meaning: SignatureMeaning;
}

export interface RequiredSignature {
  meaning: SignatureMeaning;
  role: Role;
  /** Must not be the person who performed the step. */
  distinctFromPerformer: boolean;
  /** Must be the actor (the performer's own signature). */
  byActor: boolean;
  why: string;
}

export interface LimitViolation {
  handling: 'block' | 'deviation';
  type: Extract<ExceptionType, 'out-of-limit' | 'timer-exceeded'>;
  message: string;
}

/** What a submitted input would record: the engine's answer before anything is signed. */
export interface StepEvaluation {
  value: RecordedValue;
  origin: EntryOrigin;
  withinLimits: boolean | null;
  violation: LimitViolation | null;
  /** Manual entry where an instrument was expected (R211-101c): verified by a second person. */
  manualWhereInstrumentExpected: boolean;
  requiredSignatures: RequiredSignature[];
}

/**
 * A value an instrument gave for this step, resolved by the service from its stored capture (or
 * the scanner's read) before the engine runs: the engine never reads a device.
 */
export interface ResolvedCapture {
  source: InstrumentSource;
  value: number | null;
  valueText: string;
  unit: string | null;
  tare: number | null;
}

export interface Override {
  signer: Signer;
  reason: string;
}

export type BatchEvent =
  | { type: 'start'; actor: Actor }
  | { type: 'hold'; actor: Actor; reason: string }
  | { type: 'resume'; actor: Actor }
  | { type: 'abort'; actor: Actor; reason: string; signer: Signer }
  | { type: 'start-step'; actor: Actor; stepId: string }
  | { type: 'release-step'; actor: Actor; stepId: string; reason: string }
  | {
      type: 'complete-step';
      actor: Actor;
      stepId: string;
      input: StepInput;
      capture?: ResolvedCapture;
      nowMs: number;
      signers: Signer[];
      override?: Override;
      deviationComment?: string;
    }
  | {
      type: 'correct-step';
      actor: Actor;
      stepId: string;
      input: StepInput;
      capture?: ResolvedCapture;
      nowMs: number;
      reason: string;
      signers: Signer[];
      override?: Override;
      deviationComment?: string;
    }
  | { type: 'complete-execution'; actor: Actor; signer: Signer };

export interface PlannedException {
  stepId: string;
  type: ExceptionType;
  handling: ExceptionHandling;
  severity: ExceptionSeverity;
  description: string;
  comment: string;
  /** The supervisor who signed the override, when handling is override. */
  overrideSigner?: Signer;
}

export type Effect =
  | { kind: 'batch-status'; from: BatchStatus; to: BatchStatus; reason: string | null }
  | {
      kind: 'step-status';
      stepId: string;
      from: StepStatus;
      to: StepStatus;
      ownerUserId: string | null;
      reason: string | null;
    }
  | {
      kind: 'entry';
      /** Refers to this entry from later effects of the same event. */
      ref: number;
      stepId: string;
      entryKind: 'original' | 'correction' | 'recomputed';
      value: RecordedValue;
      origin: EntryOrigin;
      withinLimits: boolean | null;
      reason: string | null;
      signers: Signer[];
      exceptions: PlannedException[];
    }
  | { kind: 'batch-signature'; signer: Signer; reason: string | null }
  | {
      kind: 'lot-consumption';
      stepId: string;
      lotId: string;
      lotNumber: string;
      container: number | null;
      /** In the lot's unit. */
      quantity: number;
      unit: string;
      statusAtUse: string;
      potencyAtUse: number | null;
      emptied: boolean;
    }
  | { kind: 'equipment-use'; stepId: string; equipmentId: string; code: string; statusAtUse: string }
  | { kind: 'equipment-released'; equipmentId: string; code: string; reason: string };

export interface Transition {
  state: EngineState;
  effects: Effect[];
}
