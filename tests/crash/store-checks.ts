/**
 * What the crash test checks after each kill: the store opens as the application opens it, the
 * audit chain and every signature verify, nothing is half-written, nothing committed is lost and
 * the batch never goes backwards.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import { expect } from 'vitest';
import { createApp } from '../../electron/core/app';
import type { SignedCheckpoint } from '../../electron/core/audit/head-mirror';
import { verifyAuditTrail } from '../../electron/core/audit/verifier';
import {
  readBatchByNumber,
  readComments,
  readEntries,
  readSteps,
} from '../../electron/core/batches/batch-rows';
import { loadBatch } from '../../electron/core/batches/batch-state';
import { invariantViolations } from '../../electron/core/batches/engine/invariants';
import { manualClock } from '../../electron/core/clock';
import { recoveryKeyProvider } from '../../electron/core/keys/recovery-key';
import { createSignedRecords } from '../../electron/core/signed-record-readers';
import { verifyAllSignatures } from '../../electron/core/signatures/signature-verification';
import type { BatchStatus } from '../../shared/batches/batch-status';
import type { RecipeStep } from '../../shared/recipes/recipe-schema';
import { TEST_START_MS } from '../helpers/fresh-app';
import { CRASH_BATCH_NUMBER, nextActionIndex } from './demo-batch-script';

export interface Snapshot {
  auditSeq: number;
  /** The index of the script's next action: how far the batch is. */
  scriptIndex: number;
  status: BatchStatus | null;
  completedSteps: Set<string>;
  entries: number;
  signatures: number;
  comments: number;
}

/** The statuses the script moves through, in order (it never holds or aborts). */
const scriptStatuses: BatchStatus[] = ['created', 'in-progress', 'execution-complete'];
function statusRank(status: BatchStatus): number {
  expect(scriptStatuses).toContain(status);
  return scriptStatuses.indexOf(status);
}

/** The meanings an entry must carry, all of them, as the engine asks for them. */
function meaningsRequired(definition: RecipeStep, kind: string, origin: string): string[] {
  if (kind === 'recomputed') return [];
  const meanings =
    kind === 'original' ? definition.signatures.map((signature) => signature.meaning) : ['corrected'];
  const instrumentExpected =
    definition.type === 'weighing' ||
    (definition.type === 'measurement' && definition.source === 'instrument');
  if (origin === 'manual' && instrumentExpected && !meanings.includes('verified')) meanings.push('verified');
  return meanings.sort();
}

/** The batch's records against their audit rows and signatures: what is half-written, if anything. */
export function batchRecordProblems(sqlite: Database.Database, batchId: string): string[] {
  const problems: string[] = [];
  const { state } = loadBatch(sqlite, batchId);
  problems.push(...invariantViolations(state));
  const newValues = (action: string) =>
    (
      sqlite.prepare('SELECT new_value FROM audit_trail WHERE action = ?').pluck().all(action) as string[]
    ).map((text) => JSON.parse(text) as Record<string, string>);
  const signatureAudits = newValues('signature.applied').map((value) => value.signatureId);
  const signatures = sqlite
    .prepare('SELECT id, record_type AS recordType, record_id AS recordId, meaning FROM signatures')
    .all() as { id: string; recordType: string; recordId: string; meaning: string }[];
  for (const signature of signatures) {
    if (!signatureAudits.includes(signature.id)) problems.push(`signature ${signature.id} has no audit row`);
  }
  const meaningsOn = (recordType: string, recordId: string) =>
    signatures
      .filter((signature) => signature.recordType === recordType && signature.recordId === recordId)
      .map((signature) => signature.meaning)
      .sort()
      .join();
  const valueAudits = ['batch.value-recorded', 'batch.value-corrected', 'batch.value-recomputed'].flatMap(
    (action) => newValues(action).map((value) => value.entryId),
  );
  for (const entry of readEntries(sqlite, batchId)) {
    if (valueAudits.filter((id) => id === entry.id).length !== 1)
      problems.push(`entry ${entry.id} (${entry.stepId}) has no single audit row`);
    const definition = state.steps.find((step) => step.id === entry.stepId)!.definition;
    const expected = meaningsRequired(definition, entry.kind, entry.origin).join();
    const found = meaningsOn('batch-entry', entry.id);
    if (found !== expected)
      problems.push(`entry ${entry.stepId}/${entry.kind} is signed [${found}], needs [${expected}]`);
  }
  const exceptionAudits = newValues('batch.exception-raised').map((value) => value.exceptionId);
  const exceptions = sqlite
    .prepare('SELECT id, handling FROM batch_exceptions WHERE batch_id = ?')
    .all(batchId) as { id: string; handling: string }[];
  for (const exception of exceptions) {
    if (!exceptionAudits.includes(exception.id)) problems.push(`exception ${exception.id} has no audit row`);
    const found = meaningsOn('batch-exception', exception.id);
    if (found !== (exception.handling === 'override' ? 'overridden' : ''))
      problems.push(`${exception.handling} exception ${exception.id} is signed [${found}]`);
  }
  const batchSigned = meaningsOn('batch', batchId);
  if (batchSigned !== (state.status === 'execution-complete' ? 'performed' : ''))
    problems.push(`a ${state.status} batch is signed [${batchSigned}]`);
  const stepRows = (action: string, stepId: string) =>
    newValues(action).filter((value) => value.stepId === stepId).length;
  for (const step of state.steps) {
    const started = stepRows('batch.step-started', step.id);
    const completed = stepRows('batch.step-completed', step.id);
    if (started !== (step.status === 'pending' ? 0 : 1))
      problems.push(`${step.id} is ${step.status} with ${started} start rows`);
    if (completed !== (step.status === 'completed' ? 1 : 0))
      problems.push(`${step.id} is ${step.status} with ${completed} completion rows`);
  }
  return problems;
}

/**
 * Opens the store as the application does (createApp) and checks everything a crash could have
 * broken: start-up checks, the audit chain against the head file as the kill left it and as
 * start-up left it, every signature, the batch's records. Returns how far the batch is.
 */
export async function checkStore(
  dataDir: string,
  recoveryKey: string,
  mirrorAsLeft: SignedCheckpoint | null,
): Promise<Snapshot> {
  const app = await createApp({
    dataDir,
    keyProvider: recoveryKeyProvider(recoveryKey),
    clock: manualClock(TEST_START_MS),
    sessionCheckIntervalMs: 0,
  });
  try {
    expect(app.status, JSON.stringify(app.refusal)).toBe('ready');
    const runtime = app.runtime!;
    const { sqlite } = runtime.store;
    expect(runtime.startupChecks.filter((check) => !check.ok)).toEqual([]);
    const trusted = runtime.trustedPublicKeys();
    for (const headMirror of [mirrorAsLeft, runtime.headMirror()]) {
      const report = verifyAuditTrail({ sqlite, trustedPublicKeys: trusted, headMirror });
      expect(report.firstBreak).toBeNull();
      expect(report.intact).toBe(true);
    }
    expect(verifyAllSignatures(sqlite, createSignedRecords(sqlite), trusted).invalid).toEqual([]);
    const auditSeq = runtime.audit.head()?.seq ?? 0;
    const batch = readBatchByNumber(sqlite, CRASH_BATCH_NUMBER);
    const empty = { completedSteps: new Set<string>(), entries: 0, signatures: 0, comments: 0 };
    if (!batch) return { ...empty, auditSeq, scriptIndex: nextActionIndex(null), status: null };
    expect(batchRecordProblems(sqlite, batch.id)).toEqual([]);
    const steps = readSteps(sqlite, batch.id);
    const entries = readEntries(sqlite, batch.id);
    const comments = readComments(sqlite, batch.id);
    const progress = {
      status: batch.status,
      steps: steps.map((step) => ({
        id: step.stepId,
        status: step.status,
        entries: entries.filter((entry) => entry.stepId === step.stepId),
      })),
      comments,
    };
    return {
      auditSeq,
      scriptIndex: nextActionIndex(progress),
      status: batch.status,
      completedSteps: new Set(steps.filter((step) => step.status === 'completed').map((step) => step.stepId)),
      entries: entries.length,
      signatures: sqlite.prepare('SELECT COUNT(*) FROM signatures').pluck().get() as number,
      comments: comments.length,
    };
  } finally {
    await app.close();
  }
}

/** Nothing the runner reported committed is lost, and nothing moves backwards. */
export function checkProgress(previous: Snapshot, current: Snapshot, runnerLines: string[]): void {
  expect(current.auditSeq).toBeGreaterThanOrEqual(previous.auditSeq);
  expect(current.scriptIndex).toBeGreaterThanOrEqual(previous.scriptIndex);
  if (previous.status !== null) {
    expect(current.status).not.toBeNull();
    expect(statusRank(current.status!)).toBeGreaterThanOrEqual(statusRank(previous.status));
  }
  for (const step of previous.completedSteps) expect(current.completedSteps.has(step)).toBe(true);
  expect(current.entries).toBeGreaterThanOrEqual(previous.entries);
  expect(current.signatures).toBeGreaterThanOrEqual(previous.signatures);
  expect(current.comments).toBeGreaterThanOrEqual(previous.comments);
  for (const line of runnerLines) {
    const words = line.split(' ');
    if (words[0] === 'committed') expect(current.auditSeq).toBeGreaterThanOrEqual(Number(words[2]));
    if (words[0] === 'done') {
      expect(current.scriptIndex).toBeGreaterThan(Number(words[1]));
      expect(current.auditSeq).toBeGreaterThanOrEqual(Number(words[3]));
    }
  }
}

export type Landing = 'rolled back mid-transaction' | 'after commit, before return' | 'outside a transaction';

/** Where a kill landed, as far as the runner's lines and the store tell. */
export function landing(runnerLines: string[], auditSeqAfter: number): Landing {
  const lastTx = runnerLines.findLast((line) => line.startsWith('tx '));
  if (!lastTx) return 'outside a transaction';
  const [, n, before] = lastTx.split(' ');
  if (runnerLines.some((line) => line.startsWith(`committed ${n} `))) return 'outside a transaction';
  return auditSeqAfter === Number(before) ? 'rolled back mid-transaction' : 'after commit, before return';
}
