/**
 * A store ready for batch benchmarks: an operator, a supervisor and QA (each signed in once, the
 * first-sign-in password change done), the demo recipe effective, and the transaction
 * BatchService.apply runs, with signers already re-authenticated (Argon2 is not what is measured).
 * No vitest here: the bench runs under tsx.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Connection } from '../../electron/core/app';
import { writeEffects } from '../../electron/core/batches/batch-effects';
import { loadBatch } from '../../electron/core/batches/batch-state';
import { reduce } from '../../electron/core/batches/engine/batch-engine';
import type { Actor, BatchEvent, Signer } from '../../electron/core/batches/engine/engine-types';
import { ConnectionHub } from '../../electron/core/connections';
import { SessionRegistry, type SessionRecord } from '../../electron/core/identity/sessions';
import { createServices, type Services } from '../../electron/core/services';
import type { StepInput } from '../../shared/batches/step-input';
import type { BatchView } from '../../shared/contract/batches';
import type { UserSummary } from '../../shared/contract/identity';
import type { RecipeVersionView } from '../../shared/contract/recipes';
import type { Result } from '../../shared/errors';
import type { Role } from '../../shared/permissions';
import type { SignatureMeaning } from '../../shared/signatures';
import { freshApp, signIn, type FreshApp } from '../helpers/fresh-app';

const DEMO_RECIPE = resolve(import.meta.dirname, '../../resources/recipes/demo-tablet-blend.json');
const TEMPORARY_PASSWORD = 'Temporary-Pass-7';
export const BENCH_PASSWORD = 'Bench-Batch-2026!';

export function ok<T>(result: Result<unknown>, what: string): T {
  if (!result.ok) throw new Error(`${what}: ${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

/** A user created by the administrator and signed in once (its window is left open). */
async function person(fresh: FreshApp, admin: Connection, username: string, roles: Role[]) {
  const user = ok<UserSummary>(
    await admin.invoke('users.create', {
      username,
      fullName: `${username[0]!.toUpperCase()}${username.slice(1)} Bench`,
      roles,
      temporaryPassword: TEMPORARY_PASSWORD,
      reason: 'Benchmark user',
    }),
    'users.create',
  );
  const { connection } = await signIn(fresh.app, username, TEMPORARY_PASSWORD, BENCH_PASSWORD);
  return { user, connection };
}

async function effectiveDemoRecipe(author: Connection, qa: Connection): Promise<RecipeVersionView> {
  const imported = ok<RecipeVersionView>(
    await author.invoke('recipes.import', {
      fileName: 'demo-tablet-blend.json',
      base64: readFileSync(DEMO_RECIPE).toString('base64'),
    }),
    'recipes.import',
  );
  ok(
    await author.invoke('recipes.submit', { versionId: imported.id, reason: 'Benchmark' }),
    'recipes.submit',
  );
  ok(
    await qa.invoke('recipes.approve', {
      versionId: imported.id,
      comment: 'Benchmark',
      credentials: { kind: 'self', password: BENCH_PASSWORD },
    }),
    'recipes.approve',
  );
  return ok<RecipeVersionView>(
    await qa.invoke('recipes.makeEffective', { versionId: imported.id, reason: 'Benchmark' }),
    'recipes.makeEffective',
  );
}

export function sessionOf(user: UserSummary, nowMs: number): SessionRecord {
  return {
    userId: user.id,
    username: user.username,
    fullName: user.fullName,
    roles: user.roles,
    state: 'active',
    passwordChangeReason: null,
    lastActivityMs: nowMs,
  };
}

export interface BatchBenchFloor {
  fresh: FreshApp;
  services: Services;
  operator: UserSummary;
  supervisor: UserSummary;
  /** The operator's in-process actor and pre-authenticated signers. */
  actor: Actor;
  signer(user: UserSummary, meaning: SignatureMeaning): Signer;
  /** BatchService.apply's transaction: load, engine, effects with audit rows, one commit. */
  apply(batchId: string, event: (nowMs: number) => BatchEvent): void;
  startStep(batchId: string, stepId: string): void;
  complete(batchId: string, stepId: string, input: StepInput, signers?: Signer[]): void;
  /** A batch of the demo recipe created by the supervisor (planned at the nominal 10 kg). */
  createBatch(batchNumber: string): BatchView;
  cleanup(): Promise<void>;
}

export async function batchBenchFloor(terminalName: string): Promise<BatchBenchFloor> {
  const fresh = await freshApp({ terminalName });
  try {
    const runtime = fresh.app.runtime!;
    const { sqlite } = runtime.store;
    const { audit } = runtime;
    const { clock } = fresh;
    const admin = await fresh.admin();
    const olga = await person(fresh, admin, 'olga', ['operator']);
    const sven = await person(fresh, admin, 'sven', ['supervisor']);
    const quinn = await person(fresh, admin, 'quinn', ['qa']);
    const recipe = await effectiveDemoRecipe(sven.connection, quinn.connection);
    for (const window of [admin, olga.connection, sven.connection, quinn.connection]) window.close();
    const services = createServices(runtime, clock, new ConnectionHub(), new SessionRegistry());
    const actor: Actor = { userId: olga.user.id, name: olga.user.fullName, roles: olga.user.roles };
    const apply = (batchId: string, event: (nowMs: number) => BatchEvent) => {
      clock.advance(100);
      const nowMs = clock.now();
      audit.change({ userId: actor.userId, userName: actor.name }, ({ record }) => {
        const loaded = loadBatch(sqlite, batchId);
        const { effects } = reduce(loaded.state, event(nowMs), nowMs);
        writeEffects({ sqlite, signatures: services.signatures }, loaded, effects, actor, nowMs, record);
      });
    };
    return {
      fresh,
      services,
      operator: olga.user,
      supervisor: sven.user,
      actor,
      signer: (user, meaning) => ({
        userId: user.id,
        username: user.username,
        name: user.fullName,
        roles: user.roles,
        meaning,
      }),
      apply,
      startStep: (batchId, stepId) => apply(batchId, () => ({ type: 'start-step', actor, stepId })),
      complete: (batchId, stepId, input, signers = []) =>
        apply(batchId, (nowMs) => ({ type: 'complete-step', actor, stepId, input, nowMs, signers })),
      createBatch: (batchNumber) =>
        services.batches.create(sessionOf(sven.user, clock.now()), {
          recipeVersionId: recipe.id,
          batchNumber,
          plannedQuantity: 10,
          training: false,
        }),
      cleanup: () => fresh.cleanup(),
    };
  } catch (error) {
    await fresh.cleanup();
    throw error;
  }
}
