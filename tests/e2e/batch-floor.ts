/**
 * Shared setup of the shop-floor specs, reached through channels as the renderer does: the people
 * (created by the administrator, each changing the temporary password at first sign-in), a recipe
 * made effective, instruments registered, a batch stepped to where the UI takes over, and the
 * workstation page on a panel PC. Playwright-only: `tests/helpers/batch-setup.ts` pulls in vitest.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, type BrowserContext, type Page } from '@playwright/test';
import type { Connection } from '../../electron/core/app';
import type { RecipeVersionView } from '../../shared/contract';
import type { BatchView } from '../../shared/contract/batches';
import type { InstrumentView } from '../../shared/contract/instruments';
import type { LiveInstrument } from '../../shared/contract/live-instruments';
import type { Result } from '../../shared/errors';
import { openWorkstationPage, type WorkstationPage } from '../harness/bridge';
import type { FreshApp } from '../helpers/fresh-app';
import { collectPageErrors, recordCspViolations, signInAt } from './support';

export const TEMPORARY_PASSWORD = 'Temporary-Pass-7';
export const SUPERVISOR = {
  username: 'sam.super',
  fullName: 'Sam Supervisor',
  roles: ['supervisor'],
  password: 'Second-Person-77',
};
export const OPERATOR = {
  username: 'olga.op',
  fullName: 'Olga Operator',
  roles: ['operator'],
  password: 'Weigh-Station-77',
};
export const TECHNICIAN = {
  username: 'tess.tech',
  fullName: 'Tess Technician',
  roles: ['technician'],
  password: 'Serial-Ports-77',
};
export const QA = {
  username: 'quinn.qa',
  fullName: 'Quinn QA',
  roles: ['qa'],
  password: 'Review-Trail-2026!',
};
export type Person = typeof SUPERVISOR;

const recipesDir = fileURLToPath(new URL('../../resources/recipes', import.meta.url));

export function value<T>(result: Result<unknown>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

/**
 * Users made by the administrator through the core, each with the password changed at first
 * sign-in; `purpose` ends the audited reason ("New operator for the …").
 */
export async function createPeople(
  fresh: FreshApp,
  people: readonly Person[],
  purpose: string,
): Promise<void> {
  const admin = await fresh.admin();
  for (const person of people) {
    value(
      await admin.invoke('users.create', {
        username: person.username,
        fullName: person.fullName,
        roles: person.roles,
        temporaryPassword: TEMPORARY_PASSWORD,
        reason: `New ${person.roles.join(', ')} for ${purpose}`,
      }),
    );
    const window = fresh.app.connect();
    await signInAt(window, person.username, TEMPORARY_PASSWORD, person.password);
    window.close();
  }
}

/** Through channels, as recipes.spec does in the UI: imported, submitted, approved by QA, effective. */
export async function makeEffective(
  author: Connection,
  qa: Connection,
  fileName: string,
): Promise<RecipeVersionView> {
  const imported = value<RecipeVersionView>(
    await author.invoke('recipes.import', {
      fileName,
      base64: readFileSync(path.join(recipesDir, fileName)).toString('base64'),
    }),
  );
  value(await author.invoke('recipes.submit', { versionId: imported.id, reason: 'Ready for review' }));
  value(
    await qa.invoke('recipes.approve', {
      versionId: imported.id,
      comment: 'Reviewed against the master formula',
      credentials: { kind: 'self', password: QA.password },
    }),
  );
  return value<RecipeVersionView>(
    await qa.invoke('recipes.makeEffective', { versionId: imported.id, reason: 'Approved for production' }),
  );
}

/** A batch of `recipe` created by the supervisor through the core. */
export async function createBatch(
  supervisor: Connection,
  recipe: RecipeVersionView,
  batchNumber: string,
  options: { plannedQuantity: number; training: boolean },
): Promise<BatchView> {
  return value<BatchView>(
    await supervisor.invoke('batches.create', {
      recipeVersionId: recipe.id,
      batchNumber,
      plannedQuantity: options.plannedQuantity,
      training: options.training,
    }),
  );
}

/** An instrument registered by a technician through the core. */
export async function registerInstrument(
  technician: Connection,
  fields: Record<string, unknown>,
  reason: string,
): Promise<InstrumentView> {
  return value<InstrumentView>(await technician.invoke('instruments.register', { fields, reason }));
}

/** Polls the live instruments until `instrumentId` is ready (15 s at most). */
export async function waitReady(connection: Connection, instrumentId: string): Promise<LiveInstrument> {
  const until = Date.now() + 15_000;
  for (;;) {
    const live = value<LiveInstrument[]>(await connection.invoke('instruments.live', {})).find(
      (instrument) => instrument.instrumentId === instrumentId,
    );
    if (live?.state === 'ready') return live;
    if (Date.now() > until)
      throw new Error(`instrument is ${live?.state ?? 'absent'}: ${live?.message ?? ''}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export type StepRunner = (stepId: string, payload: Record<string, unknown>) => Promise<void>;

/**
 * The operator signed in on `connection` starts the batch and, through the core, completes its
 * first two steps (the instruction and the co-signed line clearance). Returns the step runner for
 * further steps.
 */
export async function startThroughLineClearance(
  connection: Connection,
  batchId: string,
): Promise<StepRunner> {
  value(await connection.invoke('batches.start', { batchId }));
  const run: StepRunner = async (stepId, payload) => {
    value(await connection.invoke('batches.startStep', { batchId, stepId }));
    value(
      await connection.invoke('batches.completeStep', {
        batchId,
        stepId,
        signatures: [],
        ...payload,
      }),
    );
  };
  await run('start', { input: { type: 'instruction', acknowledged: true } });
  await run('line_clearance', {
    input: { type: 'check', checked: [true, true, true] },
    signatures: [
      { meaning: 'performed', credentials: { kind: 'self', password: OPERATOR.password } },
      {
        meaning: 'verified',
        credentials: { kind: 'cosigner', username: SUPERVISOR.username, password: SUPERVISOR.password },
      },
    ],
  });
  return run;
}

/** The workstation page on a 19-inch shop-floor panel PC (1280 × 1024, touch), CSP and page errors recorded. */
export async function openPanelPc(
  context: BrowserContext,
  fresh: FreshApp,
): Promise<WorkstationPage & { errors: string[] }> {
  await recordCspViolations(context);
  const workstation = await openWorkstationPage(context, { app: fresh.app });
  await workstation.page.setViewportSize({ width: 1280, height: 1024 });
  const errors = collectPageErrors(workstation.page);
  return { ...workstation, errors };
}

/** The page reloaded for the person signed in through the core, and the batch opened from the list. */
export async function openBatchAs(page: Page, person: Person, batchNumber: string): Promise<void> {
  await page.reload();
  await expect(page.getByTestId('signed-in-user')).toContainText(person.fullName);
  await page.getByTestId('navigation').getByRole('link', { name: 'Batches' }).click();
  await page
    .locator(`[data-testid="batch-row"]:has-text("${batchNumber}")`)
    .getByTestId('open-batch')
    .click();
  await expect(page.getByTestId('batch-number')).toHaveText(batchNumber);
}
