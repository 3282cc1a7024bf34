import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import type { Connection } from '../../electron/core/app';
import { verifyAuditTrail } from '../../electron/core/audit/verifier';
import { parseRecipeFile } from '../../electron/core/recipes/recipe-file';
import type { RecipeVersionSummary, RecipeVersionView } from '../../shared/contract';
import type { Recipe, RecipeStep } from '../../shared/recipes/recipe-schema';
import { openWorkstationPage } from '../harness/bridge';
import { freshApp, signIn, temporaryFolder, type FreshApp } from '../helpers/fresh-app';
import {
  collectPageErrors,
  cspViolations,
  recordCspViolations,
  saveLocatorScreenshot,
  saveScreenshot,
  signInAt,
} from './support';

const TEMPORARY_PASSWORD = 'Temporary-Pass-7';
const PAULA = {
  username: 'paula.process',
  fullName: 'Paula Process',
  roles: ['supervisor'],
  password: 'Granulate-Well-26',
};
const QUINN = { username: 'quinn.qa', fullName: 'Quinn QA', roles: ['qa'], password: 'Review-Trail-2026!' };
const ADA = {
  username: 'ada.author',
  fullName: 'Ada Author',
  roles: ['supervisor', 'qa'],
  password: 'Own-Work-Check-9',
};
type Person = typeof PAULA;

const recipesDir = fileURLToPath(new URL('../../resources/recipes', import.meta.url));
const REALISTIC = path.join(recipesDir, 'wet-granulation-blend.json');
const DEMO = path.join(recipesDir, 'demo-tablet-blend.json');
/** In the earlier version: a looser limit on this step, and without that step. */
const CHANGED_LIMIT_STEP = 'lod';
const EARLIER_MAX = 3;
const DROPPED_STEP = 'mill_screen_before';

async function createPeople(fresh: FreshApp, people: readonly Person[]): Promise<void> {
  const admin = await fresh.admin();
  for (const person of people) {
    const created = await admin.invoke('users.create', {
      username: person.username,
      fullName: person.fullName,
      roles: person.roles,
      temporaryPassword: TEMPORARY_PASSWORD,
      reason: `New ${person.roles.join(' and ')} for master recipes`,
    });
    if (!created.ok) throw new Error(`users.create ${person.username}: ${created.error.message}`);
    const window = fresh.app.connect();
    await signInAt(window, person.username, TEMPORARY_PASSWORD, person.password);
    window.close();
  }
}

/** The same window, another person: sign out, sign in through the core, and show it. */
async function switchTo(page: Page, connection: Connection, person: Person): Promise<void> {
  await connection.invoke('auth.logout', {});
  await signInAt(connection, person.username, person.password);
  await page.reload();
  await expect(page.getByTestId('signed-in-user')).toContainText(person.fullName);
}

async function openRecipes(page: Page): Promise<void> {
  await page.getByTestId('navigation').getByRole('link', { name: 'Recipes' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Master recipes');
}

async function openVersion(page: Page, versionId: string): Promise<void> {
  await openRecipes(page);
  await page
    .locator(`[data-testid="recipe-version-row"][data-key="${versionId}"]`)
    .getByTestId('open-recipe')
    .click();
  await expect(page.getByTestId('recipe-screen')).toHaveAttribute('data-version-id', versionId);
}

/** Imports a file through the file picker; returns the new version's id from the screen it opens. */
async function importThroughUi(page: Page, file: string): Promise<string> {
  await page.getByTestId('recipe-file-input').setInputFiles(file);
  const screen = page.getByTestId('recipe-screen');
  await expect(screen).toHaveAttribute('data-status', 'draft');
  await expect(page.getByTestId('flash')).toHaveText(`✓Imported from ${path.basename(file)} as a Draft.`);
  return (await screen.getAttribute('data-version-id'))!;
}

/** What the core says is wrong with a file, as the screen must list it: "path: message", every one. */
function expectedProblems(file: string): string[] {
  const parsed = parseRecipeFile(readFileSync(file));
  if (parsed.ok) throw new Error(`${file} should be refused`);
  return parsed.problems.map((problem) => `${problem.path || 'file'}: ${problem.message}`);
}

async function expectRefused(page: Page, file: string): Promise<void> {
  const problems = expectedProblems(file);
  await page.getByTestId('recipe-file-input').setInputFiles(file);
  const panel = page.getByTestId('import-problems');
  await expect(panel).toHaveAttribute('data-code', 'VALIDATION_FAILED');
  await expect(panel.getByTestId('import-problems-title')).toContainText('Nothing was imported.');
  await expect(panel.getByTestId('import-problems-title')).toContainText(path.basename(file));
  await expect(panel.getByTestId('import-problem')).toHaveText(problems);
  await expect(page.getByTestId('no-recipes')).toBeVisible();
}

function findStep(recipe: Recipe, id: string): RecipeStep {
  const step = recipe.procedure.operations.flatMap((operation) => operation.steps).find((s) => s.id === id);
  if (!step) throw new Error(`the sample has no step ${id}`);
  return step;
}

function limitedStep(recipe: Recipe, id: string): Extract<RecipeStep, { type: 'measurement' }> {
  const step = findStep(recipe, id);
  if (step.type !== 'measurement') throw new Error(`${id} is not a measurement`);
  return step;
}

function stepCount(recipe: Recipe): number {
  return recipe.procedure.operations.reduce((count, operation) => count + operation.steps.length, 0);
}

/** Test files: an earlier version of the realistic sample, and three files that must be refused. */
function writeFiles(scratch: string, sample: Recipe) {
  const earlier = structuredClone(sample);
  earlier.header.versionLabel = '0.9';
  const limited = limitedStep(earlier, CHANGED_LIMIT_STEP);
  expect(limited.limits.max).not.toBe(EARLIER_MAX);
  limited.limits.max = EARLIER_MAX;
  for (const operation of earlier.procedure.operations) {
    operation.steps = operation.steps.filter((step) => step.id !== DROPPED_STEP);
  }
  const files = {
    earlier: path.join(scratch, 'wet-granulation-blend-0.9.json'),
    notJson: path.join(scratch, 'half-written.json'),
    schema: path.join(scratch, 'wrong-units.json'),
    semantic: path.join(scratch, 'limits-and-references.json'),
  };
  writeFileSync(files.earlier, JSON.stringify(earlier, null, 2));
  expect(parseRecipeFile(readFileSync(files.earlier)).ok).toBe(true);

  writeFileSync(
    files.notJson,
    '{\n  "format": "ebr-recipe/1",\n  "header": {\n    "code": "MR-HALF",\n  }\n}\n',
  );

  const demo = JSON.parse(readFileSync(DEMO, 'utf8')) as Recipe;
  const schema = structuredClone(demo);
  schema.header.nominalBatchSize.unit = 'kilo';
  schema.materials[0]!.quantity = -2;
  writeFileSync(files.schema, JSON.stringify(schema, null, 2));

  const semantic = structuredClone(demo);
  (findStep(semantic, 'blend_speed') as Extract<RecipeStep, { type: 'numeric' }>).limits = {
    min: 14,
    target: 12,
    max: 10,
  };
  (findStep(semantic, 'w_api') as Extract<RecipeStep, { type: 'weighing' }>).material = 'RM-9999';
  (findStep(semantic, 'blend_time') as Extract<RecipeStep, { type: 'timer' }>).from = 'api_fraction';
  writeFileSync(files.semantic, JSON.stringify(semantic, null, 2));
  expect(expectedProblems(files.semantic).length).toBeGreaterThanOrEqual(3);
  return files;
}

test('master recipes: import with problems listed, review with the diff, approval by QA (author refused), effective', async ({
  context,
}) => {
  test.setTimeout(180_000);
  const fresh = await freshApp({ terminalName: 'WS-QA-05' });
  const scratch = temporaryFolder('ebr-e2e-recipes-');
  try {
    await createPeople(fresh, [PAULA, QUINN, ADA]);
    const sample = JSON.parse(readFileSync(REALISTIC, 'utf8')) as Recipe;
    const label = sample.header.versionLabel;
    const steps = stepCount(sample);
    expect(steps).toBeGreaterThanOrEqual(30);
    const files = writeFiles(scratch, sample);
    const stored = () =>
      fresh.app.runtime!.store.sqlite.prepare('SELECT count(*) FROM recipe_versions').pluck().get() as number;

    await recordCspViolations(context);
    const { page, connection, close } = await openWorkstationPage(context, { app: fresh.app });
    const errors = collectPageErrors(page);
    await expect(page.getByTestId('login-screen')).toBeVisible();
    await signInAt(connection, PAULA.username, PAULA.password);
    await page.reload();
    await expect(page.getByTestId('signed-in-user')).toContainText(PAULA.fullName);
    await expect(page.getByTestId('navigation').getByRole('link', { name: 'Recipes' })).toBeVisible();
    await openRecipes(page);
    await expect(page.getByTestId('no-recipes')).toBeVisible();

    // ---- Broken files: every problem listed as "path: message", nothing imported -------------------
    await expectRefused(page, files.notJson);
    await expect(page.getByTestId('import-problem')).toContainText(/line 5, column 3/);
    await expectRefused(page, files.schema);
    await expectRefused(page, files.semantic);
    await expect(page.getByTestId('import-problem').filter({ hasText: 'RM-9999' })).toHaveCount(1);
    await saveScreenshot(page, 'recipe-01-import-problems');
    expect(stored()).toBe(0);
    await page.getByTestId('import-problems-dismiss').click();
    await expect(page.getByTestId('import-problems')).toHaveCount(0);

    // ---- Paula imports the earlier version and the realistic sample; each opens as a Draft --------
    const earlierId = await importThroughUi(page, files.earlier);
    await expect(page.getByTestId('recipe-version-label')).toHaveText('0.9');
    await expect(page.getByTestId('recipe-step')).toHaveCount(steps - 1);
    await page.getByTestId('all-recipes').click();
    const currentId = await importThroughUi(page, REALISTIC);
    expect(stored()).toBe(2);

    // The readable view: header, materials, equipment, every step with what it asks for.
    await expect(page.getByTestId('recipe-code')).toHaveText(sample.header.code);
    await expect(page.getByTestId('recipe-version-label')).toHaveText(label);
    await expect(page.getByTestId('recipe-product')).toContainText(sample.header.product.code);
    await expect(page.getByTestId('recipe-batch-size')).toHaveText('100 kg');
    await expect(page.getByTestId('recipe-content-hash')).toBeVisible();
    await expect(page.getByTestId('content-not-intact')).toHaveCount(0);
    await expect(page.getByTestId('bom-row')).toHaveCount(sample.materials.length);
    await expect(page.getByTestId('bom-row').first().getByTestId('bom-quantity')).toHaveText('80 kg');
    await expect(page.getByTestId('bom-row').first().getByTestId('bom-tolerance')).toHaveText('± 0.5 %');
    await expect(page.getByTestId('equipment-row')).toHaveCount(sample.equipment.length);
    await expect(page.getByTestId('recipe-step')).toHaveCount(steps);
    await expect(page.getByTestId('operation')).toHaveCount(sample.procedure.operations.length);
    const stepCard = (id: string) => page.locator(`[data-testid="recipe-step"][data-step-id="${id}"]`);
    // Weighing: target for the nominal batch ± the material's 0.5 %, balance, second-person check.
    await expect(stepCard('w_api').getByTestId('weighing-target')).toContainText('80.00 kg ± 0.40 kg');
    await expect(stepCard('w_api').getByTestId('weighing-target')).toContainText('range 79.60 kg – 80.40 kg');
    await expect(stepCard('w_api').getByTestId('weighing-balance')).toContainText('EQ-BAL-150');
    await expect(stepCard('w_api').getByTestId('step-critical')).toBeVisible();
    await expect(
      stepCard('w_api')
        .locator('[data-testid="step-signature"][data-meaning="verified"]')
        .getByTestId('second-person'),
    ).toBeVisible();
    // Limits with the step's decimals, and what a violation does.
    await expect(stepCard('lod').locator('[data-limit="max"]')).toContainText('2.50 %');
    await expect(stepCard('lod').getByTestId('step-on-violation')).toHaveAttribute(
      'data-on-violation',
      'block',
    );
    // Timer from a named earlier step; formula with the steps it uses.
    await expect(stepCard('binder_dissolve').getByTestId('timer-from')).toContainText('binder_add');
    const yieldStep = findStep(sample, 'yield_pct') as Extract<RecipeStep, { type: 'calculation' }>;
    await expect(stepCard('yield_pct').getByTestId('calculation-formula')).toHaveText(yieldStep.formula);
    await expect(
      stepCard('yield_pct').getByTestId('calculation-references').locator('[data-step-id="w_bulk"]'),
    ).toBeVisible();
    await expect(stepCard('lot_api').getByTestId('scan-expected')).toContainText('matching');
    // A supervisor may submit, not approve.
    await expect(page.getByTestId('recipe-approve')).toHaveCount(0);
    await saveScreenshot(page, 'recipe-02-draft-full-view');

    await page.getByTestId('recipe-submit').click();
    const submit = page.getByTestId('submit-recipe-dialog');
    await submit
      .getByTestId('reason')
      .fill('Tightened LOD limit and mill screen check added after the 0.9 trial batches');
    await submit.getByTestId('dialog-submit').click();
    await expect(page.getByTestId('recipe-screen')).toHaveAttribute('data-status', 'in-review');
    await expect(page.getByTestId('flash')).toContainText('Submitted for review.');

    // ---- Quinn (QA) reviews 1.0 with the diff against 0.9 ------------------------------------------
    await switchTo(page, connection, QUINN);
    await openRecipes(page);
    const group = page.locator(`[data-testid="recipe-group"][data-code="${sample.header.code}"]`);
    await expect(group.getByTestId('recipe-version-row')).toHaveCount(2);
    await expect(group.locator(`[data-key="${currentId}"]`).getByTestId('recipe-status')).toHaveAttribute(
      'data-status',
      'in-review',
    );
    await expect(group.locator(`[data-key="${earlierId}"]`).getByTestId('recipe-status')).toHaveAttribute(
      'data-status',
      'draft',
    );
    await openVersion(page, currentId);
    const compareWith = page.getByTestId('compare-with');
    await expect(compareWith).toHaveValue(earlierId); // the version imported before, by default
    const diff = page.getByTestId('recipe-diff');
    await expect(diff.locator('[data-status="changed"][data-count]')).toHaveAttribute('data-count', '1');
    await expect(diff.locator('[data-status="added"][data-count]')).toHaveAttribute('data-count', '1');
    await expect(diff.locator('[data-status="removed"][data-count]')).toHaveAttribute('data-count', '0');
    const changedLimit = diff.locator(`[data-testid="step-diff"][data-step-id="${CHANGED_LIMIT_STEP}"]`);
    await expect(changedLimit).toHaveAttribute('data-status', 'changed');
    const change = changedLimit.getByTestId('diff-change');
    await expect(change).toHaveCount(1);
    await expect(change).toHaveAttribute('data-path', 'limits.max');
    // Both sides with the step's decimals and unit.
    const limited = limitedStep(sample, CHANGED_LIMIT_STEP);
    const shown = (value: number) => `${value.toFixed(limited.decimals)} ${limited.unit}`;
    await expect(change.getByTestId('diff-before')).toHaveText(`−${shown(EARLIER_MAX)}`);
    await expect(change.getByTestId('diff-after')).toHaveText(`+${shown(limited.limits.max!)}`);
    // The step 0.9 did not have is shown as added in 1.0.
    const dropped = diff.locator(`[data-testid="step-diff"][data-step-id="${DROPPED_STEP}"]`);
    await expect(dropped).toHaveAttribute('data-status', 'added');
    await expect(diff.getByTestId('diff-header').getByTestId('diff-change')).toHaveText([
      `version label−0.9+${label}`,
    ]);
    const comparison = page.getByRole('region', { name: 'Changes from another version' });
    await saveLocatorScreenshot(comparison, 'recipe-03-review-diff');
    // Selectable: no comparison, then back.
    await compareWith.selectOption('');
    await expect(page.getByTestId('recipe-diff')).toHaveCount(0);
    await compareWith.selectOption(earlierId);
    await expect(page.getByTestId('recipe-diff')).toBeVisible();

    // ---- Quinn approves through the signature dialog ----------------------------------------------
    await expect(page.getByTestId('author-note')).toHaveCount(0);
    await page.getByTestId('recipe-approve').click();
    const approve = page.getByTestId('approve-recipe-dialog');
    await approve.getByTestId('dialog-submit').click();
    await expect(approve.getByText('Give a reason (at least 3 characters).')).toBeVisible();
    await approve
      .getByTestId('reason')
      .fill('Reviewed every step against the 0.9 trial; the diff is as requested.');
    await approve.getByTestId('dialog-submit').click();
    const sign = page.getByTestId('signature-dialog');
    await expect(sign.locator('form')).toHaveAttribute('data-meaning', 'approved');
    await expect(sign.getByTestId('signature-meaning')).toHaveText('Approved');
    await expect(sign.getByTestId('signature-statement')).toHaveText('“I approve this.”');
    await expect(sign.getByTestId('signer-name')).toHaveText(QUINN.fullName);
    const hash = (await fresh.app
      .runtime!.store.sqlite.prepare('SELECT content_hash FROM recipe_versions WHERE id = ?')
      .pluck()
      .get(currentId)) as string;
    await expect(sign.getByTestId('signed-subject')).toContainText(hash);
    await expect(sign.getByTestId('signed-subject')).toContainText(`${sample.header.code}, version ${label}`);
    await sign.getByTestId('signature-password').fill(QUINN.password);
    await saveScreenshot(page, 'recipe-04-approve-signature', { fullPage: false });
    await sign.getByTestId('dialog-submit').click();
    await expect(sign).toHaveCount(0);
    await expect(page.getByTestId('recipe-screen')).toHaveAttribute('data-status', 'approved');
    await expect(page.getByTestId('flash')).toContainText('Approved and signed');
    const block = page.getByTestId('recipe-signatures').getByTestId('signature-block');
    await expect(block).toHaveCount(1);
    await expect(block).toHaveAttribute('data-valid', 'true');
    await expect(block.getByTestId('signature-validity')).toHaveText(/VALID/);
    await expect(block.getByTestId('signature-block-meaning')).toHaveText('Approved');
    await expect(block.getByTestId('signature-block-name')).toContainText(QUINN.fullName);
    await expect(block).toContainText('I approve this.');
    await expect(page.getByTestId('recipe-approve')).toHaveCount(0);
    await page.getByRole('region', { name: 'Status and signatures' }).scrollIntoViewIfNeeded();
    await saveLocatorScreenshot(
      page.getByRole('region', { name: 'Status and signatures' }),
      'recipe-05-approved-signature',
    );

    // ---- Ada (supervisor and QA) cannot approve her own recipe --------------------------------------
    await switchTo(page, connection, ADA);
    await openRecipes(page);
    const demoId = await importThroughUi(page, DEMO);
    await page.getByTestId('recipe-submit').click();
    await page
      .getByTestId('submit-recipe-dialog')
      .getByTestId('reason')
      .fill('Training recipe for the new line');
    await page.getByTestId('submit-recipe-dialog').getByTestId('dialog-submit').click();
    await expect(page.getByTestId('recipe-screen')).toHaveAttribute('data-status', 'in-review');
    await expect(page.getByTestId('author-note')).toBeVisible();
    await page.getByTestId('recipe-approve').click();
    await page.getByTestId('approve-recipe-dialog').getByTestId('reason').fill('Looks right to me');
    await page.getByTestId('approve-recipe-dialog').getByTestId('dialog-submit').click();
    await sign.getByTestId('signature-password').fill(ADA.password);
    await sign.getByTestId('dialog-submit').click();
    const refusal = sign.getByTestId('signature-error');
    await expect(refusal).toHaveAttribute('data-code', 'SIGNER_NOT_DISTINCT');
    await expect(refusal.getByTestId('signature-error-title')).toContainText('Same person');
    await expect(sign.getByTestId('signature-password')).toHaveValue('');
    await saveScreenshot(page, 'recipe-06-author-refused', { fullPage: false });
    await sign.getByRole('button', { name: 'Cancel' }).click();
    await page.getByTestId('approve-recipe-dialog').getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByTestId('recipe-screen')).toHaveAttribute('data-status', 'in-review');
    await expect(page.getByTestId('no-signatures')).toBeVisible();

    // ---- Quinn makes 1.0 effective ------------------------------------------------------------------
    await switchTo(page, connection, QUINN);
    await openVersion(page, currentId);
    await page.getByTestId('recipe-make-effective').click();
    const effective = page.getByTestId('make-effective-dialog');
    await expect(effective.getByTestId('effective-now')).toBeChecked();
    await effective.getByTestId('reason').fill('Approved for the granulation line from today');
    // From a date: the date is asked for; then back to now.
    await effective.getByTestId('effective-later').check();
    await effective.getByTestId('dialog-submit').click();
    await expect(effective.getByText('Enter the date and time it takes effect.')).toBeVisible();
    await effective.getByTestId('effective-from').fill('2026-11-09T06:00');
    await saveScreenshot(page, 'recipe-07-make-effective', { fullPage: false });
    await effective.getByTestId('effective-now').check();
    await expect(effective.getByTestId('effective-from')).toHaveCount(0);
    await effective.getByTestId('dialog-submit').click();
    await expect(page.getByTestId('recipe-screen')).toHaveAttribute('data-status', 'effective');
    await expect(page.getByTestId('flash')).toContainText('Made effective.');
    await expect(page.getByTestId('recipe-make-effective')).toHaveCount(0);
    await expect(page.getByTestId('recipe-retire')).toBeVisible();

    await openRecipes(page);
    const statusOf = (id: string) => page.locator(`[data-key="${id}"]`).getByTestId('recipe-status');
    await expect(statusOf(currentId)).toHaveAttribute('data-status', 'effective');
    await expect(statusOf(currentId)).toHaveText(/Effective/);
    await expect(statusOf(earlierId)).toHaveAttribute('data-status', 'draft');
    await expect(statusOf(demoId)).toHaveAttribute('data-status', 'in-review');
    await saveScreenshot(page, 'recipe-08-list-effective');
    // The status filter.
    await page.getByTestId('recipe-status-filter').selectOption('effective');
    await expect(page.getByTestId('recipe-version-row')).toHaveCount(1);
    await expect(page.getByTestId('recipe-group')).toHaveCount(1);
    await page.getByTestId('recipe-status-filter').selectOption('all');
    await expect(page.getByTestId('recipe-version-row')).toHaveCount(3);

    // 0.9 compared, by default, with the version in use: the step it lacks shows as removed.
    await openVersion(page, earlierId);
    await expect(page.getByTestId('compare-with')).toHaveValue(currentId);
    const back = page.getByTestId('recipe-diff');
    await expect(back.locator(`[data-testid="step-diff"][data-step-id="${DROPPED_STEP}"]`)).toHaveAttribute(
      'data-status',
      'removed',
    );
    await saveLocatorScreenshot(
      page.getByRole('region', { name: 'Changes from another version' }),
      'recipe-09-diff-removed',
    );

    expect(await cspViolations(page), 'CSP violations').toEqual([]);
    expect(errors, 'page errors').toEqual([]);
    await close();

    // ---- At the core: effective, approval signature valid, audit trail intact -----------------------
    const { connection: qa } = await signIn(fresh.app, QUINN.username, QUINN.password);
    const got = await qa.invoke('recipes.get', { versionId: currentId });
    if (!got.ok) throw new Error(got.error.message);
    const view = got.value as RecipeVersionView;
    expect(view.status).toBe('effective');
    expect(view.contentIntact).toBe(true);
    expect(view.signatures).toHaveLength(1);
    expect(view.signatures[0]).toMatchObject({
      meaning: 'approved',
      signerName: QUINN.fullName,
      contentHash: expect.any(String),
      verification: { valid: true, problem: null },
    });
    const listed = await qa.invoke('recipes.list', {});
    if (!listed.ok) throw new Error(listed.error.message);
    expect(
      (listed.value as RecipeVersionSummary[])
        .map((version) => [version.code, version.versionLabel, version.status])
        .sort(),
    ).toEqual(
      [
        ['DEMO-BLEND', '1.0', 'in-review'],
        [sample.header.code, '0.9', 'draft'],
        [sample.header.code, label, 'effective'],
      ].sort(),
    );
    qa.close();
    const runtime = fresh.app.runtime!;
    const report = verifyAuditTrail({
      sqlite: runtime.store.sqlite,
      trustedPublicKeys: runtime.trustedPublicKeys(),
      headMirror: runtime.headMirror(),
    });
    expect(report).toMatchObject({ intact: true, firstBreak: null });
    const imported = runtime.store.sqlite
      .prepare(`SELECT count(*) FROM audit_trail WHERE action = 'recipe.imported'`)
      .pluck()
      .get() as number;
    expect(imported).toBe(3); // the refused files left no trace of an import
  } finally {
    await fresh.cleanup();
    rmSync(scratch, { recursive: true, force: true });
  }
});

test('a recipe changed outside the application: red warning, approval INVALID, nothing to make effective', async ({
  context,
}) => {
  const fresh = await freshApp({ terminalName: 'WS-QA-06' });
  try {
    await createPeople(fresh, [PAULA, QUINN]);
    const { connection: author } = await signIn(fresh.app, PAULA.username, PAULA.password);
    const imported = await author.invoke('recipes.import', {
      fileName: 'demo-tablet-blend.json',
      base64: readFileSync(DEMO).toString('base64'),
    });
    if (!imported.ok) throw new Error(imported.error.message);
    const versionId = (imported.value as RecipeVersionView).id;
    const submitted = await author.invoke('recipes.submit', { versionId, reason: 'Training recipe' });
    expect(submitted.ok).toBe(true);
    author.close();

    await recordCspViolations(context);
    const { page, connection, close } = await openWorkstationPage(context, { app: fresh.app });
    const errors = collectPageErrors(page);
    await expect(page.getByTestId('login-screen')).toBeVisible();
    await signInAt(connection, QUINN.username, QUINN.password);
    const approved = await connection.invoke('recipes.approve', {
      versionId,
      comment: 'Checked against the training plan',
      credentials: { kind: 'self', password: QUINN.password },
    });
    expect(approved.ok).toBe(true);
    // Someone with the database key raises a limit behind the application's back.
    const sqlite = fresh.app.runtime!.store.sqlite;
    sqlite.exec('DROP TRIGGER recipe_versions_content_immutable');
    const changed = sqlite
      .prepare(`UPDATE recipe_versions SET content = replace(content, '"max":14', '"max":16') WHERE id = ?`)
      .run(versionId);
    expect(changed.changes).toBe(1);

    await page.reload();
    await expect(page.getByTestId('signed-in-user')).toContainText(QUINN.fullName);
    await openVersion(page, versionId);
    await expect(page.getByTestId('content-not-intact')).toBeVisible();
    await expect(page.getByTestId('content-not-intact')).toContainText('changed outside the application');
    const block = page.getByTestId('recipe-signatures').getByTestId('signature-block');
    await expect(block).toHaveAttribute('data-valid', 'false');
    await expect(block.getByTestId('signature-validity')).toHaveText(/INVALID/);
    await expect(block.getByTestId('signature-block-problem')).toBeVisible();
    // What the screen shows is what is stored now, and it cannot be made effective from here.
    await expect(
      page.locator('[data-testid="recipe-step"][data-step-id="blend_speed"] [data-limit="max"]'),
    ).toContainText('16 rpm');
    await expect(page.getByTestId('recipe-make-effective')).toHaveCount(0);
    await expect(page.getByTestId('recipe-retire')).toBeVisible();
    await saveScreenshot(page, 'recipe-10-content-changed');
    expect(await cspViolations(page), 'CSP violations').toEqual([]);
    expect(errors, 'page errors').toEqual([]);
    await close();
  } finally {
    await fresh.cleanup();
  }
});
