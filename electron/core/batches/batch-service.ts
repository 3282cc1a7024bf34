import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3-multiple-ciphers';
import {
  BATCH_NUMBER_PATTERN,
  BATCH_NUMBER_RULE,
  lockedStatuses,
  type BatchStatus,
} from '../../../shared/batches/batch-status';
import type { StepInput } from '../../../shared/batches/step-input';
import type {
  BatchExceptionView,
  BatchSummary,
  BatchView,
  StepPreview,
} from '../../../shared/contract/batches';
import type { SignerCredentials } from '../../../shared/contract/signatures';
import { EbrError } from '../../../shared/errors';
import type { SignatureMeaning } from '../../../shared/signatures';
import type { AuditRecorder, AuditTrail } from '../audit/audit-trail';
import { toUtcIso, type Clock } from '../clock';
import type { SessionRecord } from '../identity/sessions';
import { terminalStatusOf } from '../identity/terminals-service';
import type { UserRecords } from '../identity/user-records';
import type { SignatureService } from '../signatures/signature-service';
import type { StepQualifications } from '../qualification/step-qualifications';
import { readBatch, readBatchByNumber } from './batch-rows';
import { writeEffects } from './batch-effects';
import { loadBatch, recipeOfVersion, type LoadedBatch } from './batch-state';
import { BatchViews, previewView } from './batch-views';
import { preview, reduce, valueStep } from './engine/batch-engine';
import type {
  Actor,
  BatchEvent,
  BatchWorld,
  Effect,
  Override,
  ResolvedCapture,
  Signer,
} from './engine/engine-types';
import { isWorldRefusal } from './engine/refusal';
import { engineStepsOf } from './engine/sequence';

export interface BatchServiceDeps {
  sqlite: Database.Database;
  audit: AuditTrail;
  signatures: SignatureService;
  users: UserRecords;
  clock: Clock;
  terminalId: string;
  /** Finds the stored instrument capture an input names (absent: instrument inputs are refused). */
  captures?: { resolve(batchId: string, stepId: string, input: StepInput): ResolvedCapture | undefined };
  /** Told after every committed change of a batch, so other windows showing it can refresh. */
  onChanged?(batchId: string): void;
  /** The qualifications a recipe asks of performers and signers (absent: none are checked). */
  qualifications?: StepQualifications;
  /** The material and equipment registers the engine checks against (absent: nothing is checked). */
  world?: {
    resolve(loaded: LoadedBatch, request?: { stepId?: string; input?: StepInput }): BatchWorld | undefined;
    write(
      loaded: LoadedBatch,
      effects: readonly Effect[],
      actor: Actor,
      nowMs: number,
      record: AuditRecorder['record'],
    ): void;
  };
}

export interface SignatureRequest {
  meaning: SignatureMeaning;
  credentials: SignerCredentials;
}

export interface ValueRequest {
  batchId: string;
  stepId: string;
  input: StepInput;
  signatures: SignatureRequest[];
  override?: { reason: string; credentials: SignerCredentials };
  deviationComment?: string;
}

/**
 * Batch execution (P11-10f, A11-6, A11-12.4): the engine decides, this service authenticates the
 * signers, then writes the engine's effects with their audit rows and signatures in one transaction.
 */
export class BatchService {
  readonly views: BatchViews;

  constructor(private readonly deps: BatchServiceDeps) {
    this.views = new BatchViews(deps.sqlite, deps.signatures);
  }

  private actorOf(session: SessionRecord): Actor {
    const user = this.deps.users.find(session.userId);
    return { userId: session.userId, name: session.fullName, roles: user?.roles ?? session.roles };
  }

  private requireRegisteredTerminal(): void {
    const status = terminalStatusOf(this.deps.sqlite, this.deps.terminalId);
    if (status !== 'registered') {
      throw new EbrError(
        'TERMINAL_NOT_REGISTERED',
        `This terminal is ${status ?? 'unknown'}: batches are executed only on registered terminals.`,
      );
    }
  }

  list(statuses?: BatchStatus[]): BatchSummary[] {
    return this.views.list(statuses);
  }

  get(batchId: string): BatchView {
    return this.views.get(batchId);
  }

  openExceptions(): BatchExceptionView[] {
    return this.views.openExceptions(this.deps.terminalId);
  }

  create(
    session: SessionRecord,
    input: { recipeVersionId: string; batchNumber: string; plannedQuantity: number; training: boolean },
  ): BatchView {
    this.requireRegisteredTerminal();
    const batchNumber = input.batchNumber.trim().toUpperCase();
    if (!BATCH_NUMBER_PATTERN.test(batchNumber))
      throw new EbrError('VALIDATION_FAILED', `${input.batchNumber}: ${BATCH_NUMBER_RULE}.`);
    const version = this.deps.sqlite
      .prepare(
        'SELECT id, code, version_label AS versionLabel, status, content_hash AS contentHash, product_code AS productCode, product_name AS productName FROM recipe_versions WHERE id = ?',
      )
      .get(input.recipeVersionId) as
      | {
          id: string;
          code: string;
          versionLabel: string;
          status: string;
          contentHash: string;
          productCode: string;
          productName: string;
        }
      | undefined;
    if (!version) throw new EbrError('NOT_FOUND', 'There is no such recipe version.');
    if (version.status !== 'effective') {
      throw new EbrError(
        'CONFLICT',
        `${version.code} ${version.versionLabel} is ${version.status}: only the effective version of a recipe starts a batch.`,
        {
          status: version.status,
        },
      );
    }
    if (readBatchByNumber(this.deps.sqlite, batchNumber))
      throw new EbrError('CONFLICT', `Batch number ${batchNumber} is already used.`);
    const recipe = recipeOfVersion(this.deps.sqlite, version.id);
    const nominal = recipe.header.nominalBatchSize;
    // The planned quantity is in the recipe's batch-size unit; material targets scale with it.
    const scale = input.plannedQuantity / nominal.quantity;
    if (scale < 0.01 || scale > 100) {
      throw new EbrError(
        'VALIDATION_FAILED',
        `A planned quantity of ${input.plannedQuantity} ${nominal.unit} is ${scale.toFixed(2)}× the recipe's ${nominal.quantity} ${nominal.unit}; plan between 1 % and 100×.`,
      );
    }
    const actor = this.actorOf(session);
    const id = randomUUID();
    const nowUtc = toUtcIso(this.deps.clock.now());
    this.deps.audit.change({ userId: actor.userId, userName: actor.name }, ({ record }) => {
      this.deps.sqlite
        .prepare(
          `INSERT INTO batches (id, batch_number, recipe_version_id, recipe_code, recipe_version_label, recipe_content_hash, product_code, product_name, planned_quantity, planned_unit, training, status, terminal_id, created_by_user_id, created_by_name, created_at_utc)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'created', ?, ?, ?, ?)`,
        )
        .run(
          id,
          batchNumber,
          version.id,
          version.code,
          version.versionLabel,
          version.contentHash,
          version.productCode,
          version.productName,
          input.plannedQuantity,
          nominal.unit,
          input.training ? 1 : 0,
          this.deps.terminalId,
          actor.userId,
          actor.name,
          nowUtc,
        );
      const insertStep = this.deps.sqlite.prepare(
        "INSERT INTO batch_steps (batch_id, step_id, position, status) VALUES (?, ?, ?, 'pending')",
      );
      engineStepsOf(recipe).forEach((step, position) => insertStep.run(id, step.id, position));
      record({
        action: 'batch.created',
        entityType: 'batch',
        entityId: id,
        newValue: {
          batchNumber,
          recipe: `${version.code} ${version.versionLabel}`,
          recipeContentHash: version.contentHash,
          plannedQuantity: input.plannedQuantity,
          plannedUnit: nominal.unit,
          training: input.training,
          terminalId: this.deps.terminalId,
        },
      });
    });
    this.deps.onChanged?.(id);
    return this.get(id);
  }

  /**
   * A released or rejected batch is locked (A11-15): every attempt to change it is refused, and the
   * attempt itself is audited so QA can see it.
   */
  private refuseIfLocked(session: SessionRecord, batchId: string, attempted: string): void {
    const batch = readBatch(this.deps.sqlite, batchId);
    if (!batch || !lockedStatuses.includes(batch.status)) return;
    const actor = this.actorOf(session);
    this.deps.audit.change({ userId: actor.userId, userName: actor.name }, ({ record }) =>
      record({
        action: 'batch.change-refused',
        entityType: 'batch',
        entityId: batchId,
        newValue: { attempted, status: batch.status },
        reason: `Batch ${batch.batchNumber} is ${batch.status}: locked`,
      }),
    );
    throw new EbrError(
      'CONFLICT',
      `Batch ${batch.batchNumber} is ${batch.status}: it is locked and cannot be changed.`,
      {
        status: batch.status,
      },
    );
  }

  /** Applies one event: the engine refuses or answers with effects, written in one transaction. */
  private apply(
    session: SessionRecord,
    batchId: string,
    event: (actor: Actor, nowMs: number) => BatchEvent,
  ): BatchView {
    const actor = this.actorOf(session);
    const nowMs = this.deps.clock.now();
    const happened = event(actor, nowMs);
    this.refuseIfLocked(session, batchId, happened.type);
    this.requireRegisteredTerminal();
    this.auditWorldRefusal(actor, batchId, happened, () =>
      this.deps.audit.change({ userId: actor.userId, userName: actor.name }, ({ record }) => {
        // Read inside the transaction: another window may have moved the batch since the request began.
        const loaded = this.loadWithWorld(
          batchId,
          'stepId' in happened ? happened.stepId : undefined,
          'input' in happened ? happened.input : undefined,
        );
        const performs =
          happened.type === 'start-step' ||
          happened.type === 'complete-step' ||
          happened.type === 'correct-step';
        if (performs) this.deps.qualifications?.checkPerformer(loaded.recipe, happened.stepId, actor, nowMs);
        const { effects } = reduce(loaded.state, happened, nowMs);
        writeEffects(this.deps, loaded, effects, actor, nowMs, record);
        this.deps.world?.write(loaded, effects, actor, nowMs, record);
        if (happened.type === 'complete-step' || happened.type === 'correct-step') {
          this.deps.qualifications?.recordWithin(
            record,
            batchId,
            loaded.recipe,
            happened.stepId,
            [
              { capacity: 'performed', userId: actor.userId, name: actor.name },
              ...happened.signers.map((signer) => ({
                capacity: signer.meaning,
                userId: signer.userId,
                name: signer.name,
              })),
            ],
            nowMs,
          );
        }
      }),
    );
    this.deps.onChanged?.(batchId);
    return this.get(batchId);
  }

  /** The batch with what the registers say about the step and input in question. */
  private loadWithWorld(batchId: string, stepId?: string, input?: StepInput): LoadedBatch {
    const loaded = loadBatch(this.deps.sqlite, batchId);
    const world = this.deps.world?.resolve(loaded, { stepId, input });
    if (world) loaded.state = { ...loaded.state, world };
    return loaded;
  }

  /**
   * A lot or an item the registers refuse is an attempt QA must see (R211-84, R211-67): the
   * refusal is audited in its own transaction, then reported; nothing else is written.
   */
  private auditWorldRefusal<T>(
    actor: Actor,
    batchId: string,
    event: { type: string; stepId?: string },
    run: () => T,
  ): T {
    try {
      return run();
    } catch (error) {
      // Not qualified (A11-2): the attempt is audited like a refused lot; there is no override.
      if (error instanceof EbrError && error.code === 'NOT_QUALIFIED') {
        this.deps.audit.change({ userId: actor.userId, userName: actor.name }, ({ record }) =>
          record({
            action: 'batch.qualification-refused',
            entityType: 'batch',
            entityId: batchId,
            newValue: { attempted: event.type, ...error.details },
            reason: error.message,
          }),
        );
      }
      if (
        error instanceof EbrError &&
        error.code === 'EXECUTION_REFUSED' &&
        isWorldRefusal(error.details?.reason)
      ) {
        this.deps.audit.change({ userId: actor.userId, userName: actor.name }, ({ record }) =>
          record({
            action: 'batch.use-refused',
            entityType: 'batch',
            entityId: batchId,
            newValue: { attempted: event.type, ...error.details },
            reason: error.message,
          }),
        );
      }
      throw error;
    }
  }

  start(session: SessionRecord, batchId: string): BatchView {
    return this.apply(session, batchId, (actor) => ({ type: 'start', actor }));
  }

  hold(session: SessionRecord, batchId: string, reason: string): BatchView {
    return this.apply(session, batchId, (actor) => ({ type: 'hold', actor, reason }));
  }

  resume(session: SessionRecord, batchId: string): BatchView {
    return this.apply(session, batchId, (actor) => ({ type: 'resume', actor }));
  }

  startStep(session: SessionRecord, batchId: string, stepId: string): BatchView {
    return this.apply(session, batchId, (actor) => ({ type: 'start-step', actor, stepId }));
  }

  releaseStep(session: SessionRecord, batchId: string, stepId: string, reason: string): BatchView {
    return this.apply(session, batchId, (actor) => ({ type: 'release-step', actor, stepId, reason }));
  }

  /** The screen's question before signatures; a lot or item the registers refuse is audited here already. */
  previewStep(
    session: SessionRecord,
    batchId: string,
    stepId: string,
    input: StepInput,
    mode: 'complete' | 'correct',
  ): StepPreview {
    const loaded = this.loadWithWorld(batchId, stepId, input);
    const capture = this.resolveCapture(batchId, stepId, input);
    return this.auditWorldRefusal(this.actorOf(session), batchId, { type: `${mode}-step`, stepId }, () =>
      previewView(preview(loaded.state, stepId, input, this.deps.clock.now(), mode, capture)),
    );
  }

  private resolveCapture(batchId: string, stepId: string, input: StepInput): ResolvedCapture | undefined {
    return this.deps.captures?.resolve(batchId, stepId, input);
  }

  /** Each signer re-authenticates (one at a time: each is an Argon2 verification). */
  private async signers(
    session: SessionRecord,
    requests: readonly SignatureRequest[],
    step?: { batchId: string; stepId: string },
  ): Promise<Signer[]> {
    const signers: Signer[] = [];
    const recipe = step && this.deps.qualifications ? loadBatch(this.deps.sqlite, step.batchId).recipe : null;
    for (const request of requests) {
      const qualifications =
        recipe && step ? this.deps.qualifications!.signatureNeeds(recipe, step.stepId, request.meaning) : [];
      const signer = await this.authenticateSigner(session, request, qualifications, step);
      const roles = this.deps.users.find(signer.userId)?.roles ?? [];
      signers.push({
        userId: signer.userId,
        username: signer.username,
        name: signer.fullName,
        roles,
        meaning: request.meaning,
      });
    }
    return signers;
  }

  /** A signer refused for a missing qualification is audited on the batch, like a refused performer. */
  private async authenticateSigner(
    session: SessionRecord,
    request: SignatureRequest,
    qualifications: string[],
    step?: { batchId: string; stepId: string },
  ) {
    try {
      return await this.deps.signatures.authenticate(session, request.credentials, request.meaning, {
        qualifications,
      });
    } catch (error) {
      if (step && error instanceof EbrError && error.code === 'NOT_QUALIFIED') {
        const actor = this.actorOf(session);
        this.auditWorldRefusal(actor, step.batchId, { type: `sign-${request.meaning}` }, () => {
          throw new EbrError('NOT_QUALIFIED', error.message, { ...error.details, stepId: step.stepId });
        });
      }
      throw error;
    }
  }

  private async override(
    session: SessionRecord,
    override: ValueRequest['override'],
  ): Promise<Override | undefined> {
    if (!override) return undefined;
    const [signer] = await this.signers(session, [
      { meaning: 'overridden', credentials: override.credentials },
    ]);
    return { signer: signer!, reason: override.reason };
  }

  /**
   * Refusals the engine can give before anyone types a password (status, order, ownership, role,
   * the value itself): a refused action must not cost re-authentication, nor count a mistyped
   * password toward someone's lockout.
   */
  private precheck(
    session: SessionRecord,
    batchId: string,
    stepId: string,
    input: StepInput,
    mode: 'complete' | 'correct',
  ): ResolvedCapture | undefined {
    this.refuseIfLocked(session, batchId, `${mode}-step`);
    const loaded = this.loadWithWorld(batchId, stepId, input);
    const { state } = loaded;
    const actor = this.actorOf(session);
    valueStep(state, actor, stepId, mode);
    // Before any password is typed: an unqualified performer is refused (and audited) first.
    this.auditWorldRefusal(actor, batchId, { type: `${mode}-step`, stepId }, () =>
      this.deps.qualifications?.checkPerformer(loaded.recipe, stepId, actor, this.deps.clock.now()),
    );
    const capture = this.resolveCapture(batchId, stepId, input);
    this.auditWorldRefusal(actor, batchId, { type: `${mode}-step`, stepId }, () =>
      preview(state, stepId, input, this.deps.clock.now(), mode, capture),
    );
    return capture;
  }

  async completeStep(session: SessionRecord, request: ValueRequest): Promise<BatchView> {
    const capture = this.precheck(session, request.batchId, request.stepId, request.input, 'complete');
    const signers = await this.signers(session, request.signatures, request);
    const override = await this.override(session, request.override);
    return this.apply(session, request.batchId, (actor, nowMs) => ({
      type: 'complete-step',
      actor,
      stepId: request.stepId,
      input: request.input,
      capture,
      nowMs,
      signers,
      override,
      deviationComment: request.deviationComment,
    }));
  }

  async correctStep(session: SessionRecord, request: ValueRequest & { reason: string }): Promise<BatchView> {
    const capture = this.precheck(session, request.batchId, request.stepId, request.input, 'correct');
    const signers = await this.signers(session, request.signatures, request);
    const override = await this.override(session, request.override);
    return this.apply(session, request.batchId, (actor, nowMs) => ({
      type: 'correct-step',
      actor,
      stepId: request.stepId,
      input: request.input,
      capture,
      nowMs,
      reason: request.reason,
      signers,
      override,
      deviationComment: request.deviationComment,
    }));
  }

  async abort(
    session: SessionRecord,
    batchId: string,
    reason: string,
    credentials: SignerCredentials,
  ): Promise<BatchView> {
    loadBatch(this.deps.sqlite, batchId);
    this.refuseIfLocked(session, batchId, 'abort');
    const [signer] = await this.signers(session, [{ meaning: 'aborted', credentials }]);
    return this.apply(session, batchId, (actor) => ({ type: 'abort', actor, reason, signer: signer! }));
  }

  async completeExecution(
    session: SessionRecord,
    batchId: string,
    credentials: SignerCredentials,
  ): Promise<BatchView> {
    this.refuseIfLocked(session, batchId, 'complete-execution');
    // Status and open steps before the password: the signature asked for is the session user's own.
    const actor = this.actorOf(session);
    reduce(
      loadBatch(this.deps.sqlite, batchId).state,
      {
        type: 'complete-execution',
        actor,
        signer: {
          userId: actor.userId,
          username: session.username,
          name: actor.name,
          roles: actor.roles,
          meaning: 'performed',
        },
      },
      this.deps.clock.now(),
    );
    const [signer] = await this.signers(session, [{ meaning: 'performed', credentials }]);
    return this.apply(session, batchId, (actor) => ({ type: 'complete-execution', actor, signer: signer! }));
  }

  comment(session: SessionRecord, batchId: string, stepId: string | undefined, text: string): BatchView {
    this.refuseIfLocked(session, batchId, 'comment');
    const loaded = loadBatch(this.deps.sqlite, batchId);
    if (stepId !== undefined && !loaded.state.steps.some((step) => step.id === stepId)) {
      throw new EbrError('NOT_FOUND', `This batch has no step "${stepId}".`);
    }
    if (loaded.state.status === 'aborted')
      throw new EbrError('CONFLICT', 'The batch is aborted: no more comments are added.');
    const actor = this.actorOf(session);
    const id = randomUUID();
    this.deps.audit.change({ userId: actor.userId, userName: actor.name }, ({ record }) => {
      this.deps.sqlite
        .prepare(
          'INSERT INTO batch_comments (id, batch_id, step_id, text, author_user_id, author_name, created_at_utc) VALUES (?, ?, ?, ?, ?, ?, ?)',
        )
        .run(id, batchId, stepId ?? null, text, actor.userId, actor.name, toUtcIso(this.deps.clock.now()));
      record({
        action: 'batch.commented',
        entityType: 'batch',
        entityId: batchId,
        newValue: { commentId: id, stepId: stepId ?? null, text },
      });
    });
    this.deps.onChanged?.(batchId);
    return this.get(batchId);
  }
}
