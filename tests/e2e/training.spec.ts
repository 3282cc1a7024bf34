/**
 * Only qualified people perform (P11-10i, A11-2), in the real renderer against the real core: the
 * operator is refused the first step of a recipe that asks for "Gowning"; the trainer records her
 * read-and-understood (she signs with her own password at the trainer's screen) and a practical
 * assessment on the Training screen; the matrix turns from "Missing" to a grey date; the operator
 * then starts the step.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import type { Connection } from '../../electron/core/app';
import type { RecipeVersionView } from '../../shared/contract';
import { freshApp, signIn, type FreshApp } from '../helpers/fresh-app';
import {
  createBatch,
  createPeople,
  openBatchAs,
  openPanelPc,
  OPERATOR,
  QA,
  SUPERVISOR,
  value,
  type Person,
} from './batch-floor';
import { cspViolations, saveScreenshot, signInAt } from './support';

const TRAINER: Person = {
  username: 'tara.train',
  fullName: 'Tara Trainer',
  roles: ['trainer'],
  password: 'Read-Understood-77',
};
const BATCH = 'B2026-0900';

async function switchTo(page: Page, connection: Connection, person: Person): Promise<void> {
  await connection.invoke('auth.logout', {});
  await signInAt(connection, person.username, person.password);
  await page.reload();
  await expect(page.getByTestId('signed-in-user')).toContainText(person.fullName);
}

/** The demo blend whose preparation asks for the GOWNING qualification. */
function gowningRecipe(): Buffer {
  const file = fileURLToPath(new URL('../../resources/recipes/demo-tablet-blend.json', import.meta.url));
  const recipe = JSON.parse(readFileSync(file, 'utf8'));
  recipe.header.versionLabel = '2.0-q';
  recipe.procedure.operations[0].qualifications = ['GOWNING'];
  return Buffer.from(JSON.stringify(recipe));
}

test('a trainer records read-and-understood and an assessment; the refused operator then performs the step', async ({
  context,
}) => {
  test.setTimeout(180_000);
  let fresh: FreshApp | undefined;
  try {
    // ---- Setup through channels: people, the SOP and the qualification, the recipe, a batch -------
    fresh = await freshApp({ terminalName: 'WS-TRAIN-01' });
    await createPeople(fresh, [SUPERVISOR, OPERATOR, QA, TRAINER], 'the tablet suite');
    const { connection: trainer } = await signIn(fresh.app, TRAINER.username, TRAINER.password);
    value(
      await trainer.invoke('sops.issueVersion', {
        code: 'SOP-GOW-002',
        title: 'Gowning for grade C',
        version: '3',
        reason: 'Issued by document control',
      }),
    );
    value(
      await trainer.invoke('qualifications.register', {
        fields: {
          code: 'GOWNING',
          name: 'Gowning for grade C',
          requiredSopCodes: ['SOP-GOW-002'],
          assessmentRequired: true,
          validityMonths: 12,
        },
        reason: 'Curriculum approved by QA',
      }),
    );
    const { connection: author } = await signIn(fresh.app, SUPERVISOR.username, SUPERVISOR.password);
    const { connection: qa } = await signIn(fresh.app, QA.username, QA.password);
    const imported = value<RecipeVersionView>(
      await author.invoke('recipes.import', {
        fileName: 'gowning-blend.json',
        base64: gowningRecipe().toString('base64'),
      }),
    );
    value(await author.invoke('recipes.submit', { versionId: imported.id, reason: 'Ready for review' }));
    value(
      await qa.invoke('recipes.approve', {
        versionId: imported.id,
        comment: 'Reviewed',
        credentials: { kind: 'self', password: QA.password },
      }),
    );
    const recipe = value<RecipeVersionView>(
      await qa.invoke('recipes.makeEffective', { versionId: imported.id, reason: 'Approved' }),
    );
    const batch = await createBatch(author, recipe, BATCH, { plannedQuantity: 10, training: false });
    const { connection: operator } = await signIn(fresh.app, OPERATOR.username, OPERATOR.password);
    value(await operator.invoke('batches.start', { batchId: batch.id }));

    const { page, connection, errors } = await openPanelPc(context, fresh);

    // ---- The operator is refused the first step: not qualified ---------------------------------
    await signInAt(connection, OPERATOR.username, OPERATOR.password);
    await openBatchAs(page, OPERATOR, BATCH);
    const panel = page.getByTestId('step-panel');
    await expect(panel).toHaveAttribute('data-step-id', 'start');
    await panel.getByTestId('start-step').click();
    await expect(panel.getByTestId('step-refusal')).toHaveAttribute('data-code', 'NOT_QUALIFIED');
    await expect(panel.getByTestId('step-refusal-message')).toHaveText(
      "Olga Operator is not qualified for 'Gowning for grade C': no read-and-understood of SOP-GOW-002 version 3; no practical assessment by a trainer — ask a trainer",
    );
    await saveScreenshot(page, 'training-01-operator-refused', { fullPage: false });

    // ---- The trainer: the matrix, then read-and-understood and assessment -----------------------
    await switchTo(page, connection, TRAINER);
    await page.getByTestId('navigation').getByRole('link', { name: 'Home' }).click();
    await expect(page.getByTestId('home-training')).toBeVisible();
    await page.getByTestId('navigation').getByRole('link', { name: 'Training' }).click();
    const olgaRow = page.getByTestId(`matrix-row-${OPERATOR.fullName}`);
    await expect(olgaRow.getByTestId('matrix-cell-GOWNING')).toHaveAttribute('data-state', 'missing');
    await expect(olgaRow.getByTestId('matrix-cell-GOWNING')).toContainText('Missing');
    await saveScreenshot(page, 'training-02-matrix-missing');

    await page.getByTestId('record-read').click();
    const read = page.getByTestId('read-dialog');
    await expect(read.getByTestId('read-sop')).toHaveValue('SOP-GOW-002');
    await read.getByTestId('read-username').fill(OPERATOR.username);
    await read.getByTestId('read-password').fill(OPERATOR.password);
    await read.getByTestId('dialog-submit').click();
    await expect(read).toHaveCount(0);
    await expect(
      page.getByText('Olga Operator signed read and understood: SOP-GOW-002 version 3.'),
    ).toBeVisible();
    await expect(olgaRow.getByTestId('matrix-cell-GOWNING')).toHaveAttribute('data-state', 'missing');

    await page.getByTestId('record-assessment').click();
    const assessment = page.getByTestId('assessment-dialog');
    await assessment.getByTestId('assessment-person').selectOption({ label: OPERATOR.fullName });
    await expect(assessment.getByTestId('assessment-qualification')).toHaveValue('GOWNING');
    await assessment
      .getByTestId('assessment-comment')
      .fill('Gowned under observation, airlock procedure correct');
    await assessment.getByTestId('assessment-password').fill(TRAINER.password);
    await assessment.getByTestId('dialog-submit').click();
    await expect(assessment).toHaveCount(0);
    await expect(olgaRow.getByTestId('matrix-cell-GOWNING')).toHaveAttribute('data-state', 'qualified');
    await expect(olgaRow.getByTestId('matrix-cell-GOWNING')).toHaveText('until 2027-11-02');
    await saveScreenshot(page, 'training-03-matrix-qualified');

    // ---- Her training record: both signed records ------------------------------------------------
    await olgaRow.getByRole('link', { name: OPERATOR.fullName }).click();
    const records = page.getByTestId('training-records');
    await expect(records).toContainText('Read and understood');
    await expect(records).toContainText('SOP-GOW-002 version 3');
    await expect(records).toContainText('Practical assessment');
    await expect(records).toContainText(TRAINER.fullName);
    await saveScreenshot(page, 'training-04-person-record');

    // ---- The operator now starts the step she was refused ---------------------------------------
    await switchTo(page, connection, OPERATOR);
    await openBatchAs(page, OPERATOR, BATCH);
    await expect(panel).toHaveAttribute('data-step-id', 'start');
    await panel.getByTestId('start-step').click();
    await expect(panel.getByTestId('step-refusal')).toHaveCount(0);
    await expect(page.locator('[data-testid="step-list-item"][data-step-id="start"]')).toHaveAttribute(
      'data-progress',
      'mine',
    );
    await saveScreenshot(page, 'training-05-operator-allowed', { fullPage: false });

    const refusals = fresh.app
      .runtime!.store.sqlite.prepare(
        "SELECT count(*) FROM audit_trail WHERE action = 'batch.qualification-refused'",
      )
      .pluck()
      .get();
    expect(refusals).toBe(1);
    expect(errors).toEqual([]);
    expect(await cspViolations(page)).toEqual([]);
  } finally {
    await fresh?.cleanup();
  }
});
