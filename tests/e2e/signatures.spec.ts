import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import type { Connection, EbrApp } from '../../electron/core/app';
import { CSV_COLUMNS, csvField } from '../../electron/core/audit/audit-export';
import { verifyAuditTrail } from '../../electron/core/audit/verifier';
import type { SessionView } from '../../shared/contract';
import { openWorkstationPage } from '../harness/bridge';
import { freshApp, temporaryFolder, type FreshApp } from '../helpers/fresh-app';
import { collectPageErrors, cspViolations, recordCspViolations, saveScreenshot, signInAt } from './support';

const TEMPORARY_PASSWORD = 'Temporary-Pass-7';
const QA = { username: 'quinn.qa', fullName: 'Quinn QA', roles: ['qa'], password: 'Review-Trail-2026!' };
const SUPERVISOR = {
  username: 'sam.super',
  fullName: 'Sam Supervisor',
  roles: ['supervisor'],
  password: 'Second-Person-77',
};
const OPERATOR = {
  username: 'olga.op',
  fullName: 'Olga Operator',
  roles: ['operator'],
  password: 'Weigh-Station-77',
};
const RENAMED = 'Olga Operator-Berg';
const RENAME_REASON = 'Name change after marriage (HR ticket 4411)';
const REVIEW_COMMENT =
  'User administration for November checked: every change has a reason; nothing unexpected.';
const LOCK_AFTER_MS = 5 * 60_000; // the default lock timeout (sessionLockMinutes 5)

type Person = { username: string; fullName: string; roles: string[]; password: string };

/** Users made by the administrator through the core, each with the password changed at first sign-in. */
async function createPeople(fresh: FreshApp, people: readonly Person[]): Promise<Record<string, string>> {
  const admin = await fresh.admin();
  const ids: Record<string, string> = {};
  for (const person of people) {
    const created = await admin.invoke('users.create', {
      username: person.username,
      fullName: person.fullName,
      roles: person.roles,
      temporaryPassword: TEMPORARY_PASSWORD,
      reason: `New ${person.roles.join(', ')} for the granulation line`,
    });
    if (!created.ok) throw new Error(`users.create ${person.username}: ${created.error.message}`);
    ids[person.username] = (created.value as { id: string }).id;
    const window = fresh.app.connect();
    await signInAt(window, person.username, TEMPORARY_PASSWORD, person.password);
    window.close();
  }
  return ids;
}

/** The page's connection, with every channel it called counted (to see the activity heartbeat). */
function countingApp(app: EbrApp, calls: string[]): Pick<EbrApp, 'connect'> {
  return {
    connect: (): Connection => {
      const connection = app.connect();
      return {
        id: connection.id,
        invoke: async (channel, input) => {
          const result = await connection.invoke(channel, input);
          calls.push(channel);
          return result;
        },
        on: connection.on,
        close: connection.close,
      };
    },
  };
}

async function sessionState(connection: Connection): Promise<string | null> {
  const answer = await connection.invoke('auth.session', {});
  if (!answer.ok) throw new Error(answer.error.message);
  return (answer.value as SessionView | null)?.state ?? null;
}

async function applyFilter(page: Page): Promise<void> {
  await page.getByTestId('filter-apply').click();
  await expect(page.getByTestId('audit-results')).toHaveAttribute('data-loading', 'false');
}

async function seqsOnPage(page: Page): Promise<number[]> {
  await expect(page.getByTestId('audit-results')).toHaveAttribute('data-loading', 'false');
  const values = await page
    .getByTestId('audit-row')
    .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-seq')));
  return values.map(Number);
}

async function download(page: Page, testId: string): Promise<{ name: string; bytes: Buffer }> {
  const started = page.waitForEvent('download');
  await page.getByTestId(testId).click();
  const saved = await started;
  return { name: saved.suggestedFilename(), bytes: readFileSync(await saved.path()) };
}

test('signatures and audit-trail review: viewer, filters, paging, old → new, integrity, exports, signed review and co-signature', async ({
  context,
}) => {
  test.setTimeout(120_000);
  const fresh = await freshApp({ terminalName: 'WS-QA-01' });
  const scratch = temporaryFolder('ebr-e2e-signatures-');
  try {
    const ids = await createPeople(fresh, [QA, SUPERVISOR, OPERATOR]);
    const admin = await fresh.admin();
    const renamed = await admin.invoke('users.update', {
      userId: ids[OPERATOR.username],
      fullName: RENAMED,
      roles: ['operator'],
      reason: RENAME_REASON,
    });
    expect(renamed.ok).toBe(true);

    const sqlite = () => fresh.app.runtime!.store.sqlite;
    await recordCspViolations(context);
    const calls: string[] = [];
    const { page, connection, close } = await openWorkstationPage(context, {
      app: countingApp(fresh.app, calls),
    });
    const errors = collectPageErrors(page);
    await expect(page.getByTestId('login-screen')).toBeVisible();
    await signInAt(connection, QA.username, QA.password);
    await page.reload();
    await expect(page.getByTestId('signed-in-user')).toContainText(QA.fullName);
    await expect(page.getByTestId('navigation').getByRole('link')).toHaveText([
      'Home',
      'System',
      'Recipes',
      'Batches',
      'Review',
      'Materials',
      'Equipment',
      'Instruments',
      'Training',
      'Verify a package',
      'Audit trail',
      'Audit reviews',
    ]);

    // ---- The viewer, reached without touching anything: newest first -----------------------------
    await page.evaluate(() => {
      window.location.hash = '#/audit';
    });
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Audit trail');
    const head = sqlite().prepare('SELECT max(seq) FROM audit_trail').pluck().get() as number;
    const firstPage = await seqsOnPage(page);
    expect(firstPage[0]).toBe(head);
    expect(firstPage).toEqual([...firstPage].sort((a, b) => b - a));
    await expect(page.getByTestId('audit-scope')).toContainText('The whole audit trail');
    await expect(page.getByTestId('integrity-run')).toBeVisible(); // QA holds audit.verify
    await expect(page.getByTestId('record-review')).toBeVisible(); // and audit.review

    // ---- Activity heartbeat: typing alone (no other call) postpones the inactivity lock -----------
    expect(calls).not.toContain('auth.activity');
    fresh.clock.advance(LOCK_AFTER_MS - 30_000);
    await page.getByTestId('filter-text').focus();
    await page.getByTestId('filter-text').pressSequentially('zz');
    await expect.poll(() => calls.filter((channel) => channel === 'auth.activity').length).toBe(1);
    fresh.clock.advance(60_000); // past the lock time counted from the last call before typing
    fresh.app.checkSessions();
    expect(await sessionState(connection)).toBe('active');
    await page.getByTestId('filter-text').press('Backspace');
    expect(calls.filter((channel) => channel === 'auth.activity')).toHaveLength(1); // at most every 30 s

    // ---- Validation from the shared schema: free text needs two characters -----------------------
    await page.getByTestId('filter-text').fill('z');
    await page.getByTestId('filter-apply').click();
    await expect(page.getByTestId('audit-filter')).toContainText('Type at least 2 characters to search.');
    await page.getByTestId('filter-text').fill('');
    await saveScreenshot(page, 'audit-01-viewer');

    // ---- Filter: entity type user; page through it with the keyset pager ------------------------
    // The filter is one line (search, Apply, Clear) until "More filters" opens the rest.
    await expect(page.getByTestId('filter-entity-type')).toBeHidden();
    await page.getByTestId('audit-filter-toggle').click();
    await page.getByTestId('filter-entity-type').selectOption('user');
    await page.getByTestId('page-size').selectOption('10');
    await applyFilter(page);
    await expect(page.getByTestId('audit-scope')).toContainText('User records');
    const userPage1 = await seqsOnPage(page);
    expect(userPage1).toHaveLength(10);
    await expect(page.getByTestId('audit-row-entity-type')).toHaveText(Array<string>(10).fill('User'));
    await expect(page.getByTestId('page-position')).toContainText('Page 1');
    await expect(page.getByTestId('page-newer')).toBeDisabled();
    await page.getByTestId('page-older').click();
    await expect(page.getByTestId('page-position')).toContainText('Page 2');
    const userPage2 = await seqsOnPage(page);
    expect(userPage2.length).toBeGreaterThan(0);
    expect(Math.max(...userPage2)).toBeLessThan(Math.min(...userPage1));
    await page.getByTestId('page-newer').click();
    await expect(page.getByTestId('page-position')).toContainText('Page 1');
    expect(await seqsOnPage(page)).toEqual(userPage1);

    // ---- Free text within it: the rename; its old → new values side by side ----------------------
    await page.getByTestId('filter-text').fill('marriage');
    await applyFilter(page);
    const rows = page.getByTestId('audit-row');
    await expect(rows).toHaveCount(1);
    await expect(rows).toHaveAttribute('data-action', 'user.updated');
    await expect(rows).toContainText(RENAME_REASON);
    await expect(rows).toContainText('Ada Administrator');
    await rows.getByTestId('audit-row-toggle').click();
    const diff = page.getByTestId('audit-row-detail').getByTestId('value-diff');
    await expect(diff).toBeVisible();
    const changed = diff.locator('[data-testid="value-diff-line"][data-status="changed"]');
    await expect(changed).toHaveCount(1);
    await expect(changed.locator('td').first()).toContainText(`"fullName": "${OPERATOR.fullName}"`);
    await expect(changed.locator('td').last()).toContainText(`"fullName": "${RENAMED}"`);
    await expect(diff.locator('[data-status="same"]').first()).toBeVisible();
    await saveScreenshot(page, 'audit-02-old-new');

    // ---- Back to all user rows: the scope of the exports and of the review ------------------------
    await page.getByTestId('filter-text').fill('');
    await applyFilter(page);

    // ---- Integrity check: progress bar, then the verdict ------------------------------------------
    await page.getByTestId('integrity-run').click();
    const result = page.getByTestId('integrity-result');
    await expect(result).toHaveAttribute('data-intact', 'true');
    const bar = page.getByTestId('integrity-progress').locator('progress');
    await expect(bar).toBeVisible();
    const [value, max] = await bar.evaluate((element: HTMLProgressElement) => [element.value, element.max]);
    expect(value).toBe(max);
    expect(max).toBeGreaterThan(0);
    await expect(page.getByTestId('integrity-progress-text')).toHaveText(
      `${max} of ${max} rows verified (100 %)`,
    );
    await expect(page.getByTestId('integrity-counts')).toContainText(`${max} rows and`);
    await page.getByTestId('integrity-check').scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'audit-03-integrity-intact');

    // ---- Exports of the filtered view ------------------------------------------------------------
    await page.getByTestId('export-csv').click();
    await expect(page.getByTestId('export-csv-link')).toBeVisible();
    const csv = await download(page, 'export-csv-link');
    expect(csv.name).toMatch(/^audit-trail-\d{8}T\d{6}Z\.csv$/);
    const csvText = csv.bytes.toString('utf8');
    expect(csvText.startsWith('\uFEFF')).toBe(true);
    const csvLines = csvText
      .slice(1)
      .split('\r\n')
      .filter((line) => line !== '');
    expect(csvLines[0]).toBe(CSV_COLUMNS.map(csvField).join(','));
    const userRowCount = sqlite()
      .prepare(`SELECT count(*) FROM audit_trail WHERE entity_type = 'user'`)
      .pluck()
      .get() as number;
    expect(csvLines).toHaveLength(userRowCount + 1); // values are one-line JSON: one line per row
    expect(csvLines.slice(1).every((line) => line.split(',')[6] === 'user')).toBe(true);
    expect(csvLines.find((line) => line.includes(RENAME_REASON))).toContain('user.updated');
    await expect(page.getByTestId('export-csv-result')).toContainText(`${userRowCount} rows`);
    await expect(page.getByTestId('export-csv-truncated')).toHaveCount(0);

    await page.getByTestId('export-pdf').click();
    await expect(page.getByTestId('export-pdf-link')).toBeVisible();
    const pdf = await download(page, 'export-pdf-link');
    expect(pdf.name).toMatch(/^audit-trail-\d{8}T\d{6}Z\.pdf$/);
    expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pdfPath = path.join(scratch, pdf.name);
    writeFileSync(pdfPath, pdf.bytes);
    const pdfText = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' });
    expect(pdfText).toContain('Audit trail report');
    expect(pdfText).toContain(`Exported by ${QA.fullName} on terminal WS-QA-01`);
    expect(pdfText).toContain(`Rows in this report: ${userRowCount}`);
    expect(pdfText).toContain('End of report');
    await expect(page.getByTestId('export-pdf-result')).toContainText(`${userRowCount} rows`);
    await saveScreenshot(page, 'audit-04-exports', { fullPage: false });

    // ---- Record a review of this scope: wrong password first, then signed -------------------------
    // Each step stays inside the lock timeout: the core locks an idle session before its next call.
    fresh.clock.advance(4 * 60_000);
    await page.getByTestId('record-review').click();
    const reviewDialog = page.getByTestId('record-review-dialog');
    await expect(reviewDialog.getByTestId('review-scope')).toHaveText('User records');
    await reviewDialog.getByTestId('dialog-submit').click();
    await expect(reviewDialog.getByText('Give a reason (at least 3 characters).')).toBeVisible();
    await reviewDialog.getByTestId('reason').fill(REVIEW_COMMENT);
    await reviewDialog.getByTestId('dialog-submit').click();

    const sign = page.getByTestId('signature-dialog');
    await expect(sign).toBeVisible();
    await expect(sign.locator('form')).toHaveAttribute('data-mode', 'self');
    await expect(sign.getByTestId('signature-statement')).toHaveText('“I have reviewed this record.”');
    await expect(sign.getByTestId('signer-name')).toHaveText(QA.fullName);
    await expect(sign.getByTestId('signature-username')).toHaveValue(QA.username);
    await expect(sign.getByTestId('signature-username')).not.toBeEditable();
    await expect(sign.getByTestId('signed-subject')).toContainText(REVIEW_COMMENT);
    await sign.getByTestId('signature-password').fill('Not-My-Password-1');
    await sign.getByTestId('signature-password').press('Enter');
    const refusal = sign.getByTestId('signature-error');
    await expect(refusal).toHaveAttribute('data-code', 'INVALID_CREDENTIALS');
    await expect(refusal.getByTestId('signature-error-title')).toHaveText(
      'Wrong password. Nothing was signed.',
    );
    await expect(refusal.getByTestId('signature-error-message')).toHaveText('The password is not correct.');
    await expect(sign.getByTestId('signature-password')).toHaveValue('');
    await expect(sign.getByTestId('signature-password')).toBeFocused();
    await saveScreenshot(page, 'signature-01-wrong-password', { fullPage: false });
    await sign.getByTestId('signature-password').fill(QA.password);
    await sign.getByTestId('dialog-submit').click();

    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Audit reviews');
    await expect(page.getByTestId('flash')).toContainText('Review recorded and signed');
    const card = page.getByTestId('review-card');
    await expect(card).toHaveCount(1);
    await expect(card.getByTestId('review-card-scope')).toHaveText('User records');
    await expect(card.getByTestId('review-card-comment')).toHaveText(REVIEW_COMMENT);
    await expect(card.getByTestId('review-card-rows')).toContainText(/\d+ rows, seq \d+–\d+/);
    const blocks = card.getByTestId('signature-block');
    await expect(blocks).toHaveCount(1);
    const reviewed = blocks.first();
    await expect(reviewed).toHaveAttribute('data-valid', 'true');
    await expect(reviewed.getByTestId('signature-validity')).toHaveText(/VALID/);
    await expect(reviewed.getByTestId('signature-block-meaning')).toHaveText('Reviewed');
    await expect(reviewed.getByTestId('signature-block-name')).toContainText(QA.fullName);
    await expect(reviewed).toContainText('I have reviewed this record.');
    // Signed at 08:09:30 UTC by the manual clock: 09:09:30 in the terminal's zone, which is named.
    await expect(reviewed.getByTestId('signature-block-local')).toHaveText(
      '2026-11-02 09:09:30 CET (Europe/Berlin)',
    );
    await expect(reviewed.getByTestId('signature-block-utc')).toHaveText('2026-11-02 08:09:30 UTC');
    await expect(reviewed.getByTestId('signature-block-terminal')).toHaveText('WS-QA-01');
    await saveScreenshot(page, 'signature-02-review-recorded');

    // ---- Co-sign: the reviewer herself is refused; a second person verifies -----------------------
    fresh.clock.advance(2 * 60_000);
    await card.getByTestId('cosign-review').click();
    const cosign = page.getByTestId('signature-dialog');
    await expect(cosign.locator('form')).toHaveAttribute('data-mode', 'cosigner');
    await expect(cosign.getByTestId('cosigner-note')).toContainText('A different person at this terminal');
    await expect(cosign.getByTestId('signature-statement')).toHaveText('“I verify that this is correct.”');
    await expect(cosign.getByTestId('signature-username')).toBeEditable();
    await cosign.getByTestId('signature-username').fill(QA.username);
    await cosign.getByTestId('signature-password').fill(QA.password);
    await cosign.getByTestId('dialog-submit').click();
    const sameRefusal = cosign.getByTestId('signature-error');
    await expect(sameRefusal).toHaveAttribute('data-code', 'SIGNER_NOT_DISTINCT');
    await expect(sameRefusal.getByTestId('signature-error-title')).toContainText('Same person');
    await expect(sameRefusal.getByTestId('signature-error-message')).toHaveText(
      'A co-signer must be a different person from the one signed in.',
    );
    await expect(cosign.getByTestId('signature-password')).toHaveValue('');
    await saveScreenshot(page, 'signature-03-same-person', { fullPage: false });
    // An operator is a different person, but no role of hers may sign "Verified".
    await cosign.getByTestId('signature-username').fill(OPERATOR.username);
    await cosign.getByTestId('signature-password').fill(OPERATOR.password);
    await cosign.getByTestId('dialog-submit').click();
    await expect(cosign.getByTestId('signature-error')).toHaveAttribute('data-code', 'FORBIDDEN');
    await expect(cosign.getByTestId('signature-error-title')).toHaveText(
      'Missing role: this person may not sign as “Verified”. Nothing was signed.',
    );
    await expect(cosign.getByTestId('signature-error-message')).toContainText(RENAMED);
    await cosign.getByTestId('signature-username').fill(SUPERVISOR.username);
    await cosign.getByTestId('signature-password').fill(SUPERVISOR.password);
    await cosign.getByTestId('signature-password').press('Enter');
    await expect(cosign).toHaveCount(0);
    await expect(page.getByTestId('flash')).toContainText('Review co-signed');
    await expect(blocks).toHaveCount(2);
    const verified = card.locator('[data-testid="signature-block"][data-meaning="verified"]');
    await expect(verified).toHaveAttribute('data-valid', 'true');
    await expect(verified.getByTestId('signature-block-meaning')).toHaveText('Verified');
    await expect(verified.getByTestId('signature-block-name')).toContainText(SUPERVISOR.fullName);
    await expect(verified).toContainText('I verify that this is correct.');
    await expect(verified.getByTestId('signature-block-local')).toHaveText(
      '2026-11-02 09:11:30 CET (Europe/Berlin)',
    );
    await expect(card.getByTestId('cosign-review')).toHaveCount(0);
    await saveScreenshot(page, 'signature-04-cosigned');

    // ---- Escape cancels a signature dialog without signing ----------------------------------------
    await page.getByTestId('navigation').getByRole('link', { name: 'Audit trail' }).click();
    await page.getByTestId('record-review').click();
    await page.getByTestId('record-review-dialog').getByTestId('reason').fill('Started by mistake');
    await page.getByTestId('record-review-dialog').getByTestId('dialog-submit').click();
    await expect(page.getByTestId('signature-dialog')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('signature-dialog')).toHaveCount(0);
    // Back at the comment, kept; a click between two Escapes, as Chromium asks before a second cancel.
    await expect(page.getByTestId('record-review-dialog').getByTestId('reason')).toHaveValue(
      'Started by mistake',
    );
    await page.getByTestId('record-review-dialog').getByTestId('reason').click();
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('record-review-dialog')).toHaveCount(0);

    expect(await cspViolations(page), 'CSP violations').toEqual([]);
    expect(errors, 'page errors').toEqual([]);
    await close();

    // ---- At the core: the chain is intact and both signatures are audited -------------------------
    const runtime = fresh.app.runtime!;
    const report = verifyAuditTrail({
      sqlite: runtime.store.sqlite,
      trustedPublicKeys: runtime.trustedPublicKeys(),
      headMirror: runtime.headMirror(),
    });
    expect(report).toMatchObject({ intact: true, firstBreak: null });
    const reviews = sqlite().prepare('SELECT id, comment FROM audit_reviews').all() as {
      id: string;
      comment: string;
    }[];
    expect(reviews).toEqual([{ id: expect.any(String), comment: REVIEW_COMMENT }]);
    const applied = sqlite()
      .prepare(
        `SELECT entity_type AS entityType, entity_id AS entityId, user_id AS userId, user_name AS userName, new_value AS newValue
         FROM audit_trail WHERE action = 'signature.applied' ORDER BY seq`,
      )
      .all() as {
      entityType: string;
      entityId: string;
      userId: string;
      userName: string;
      newValue: string;
    }[];
    expect(applied).toHaveLength(2);
    expect(applied.map((row) => [row.entityType, row.entityId, row.userId, row.userName])).toEqual([
      ['audit-review', reviews[0]!.id, ids[QA.username], QA.fullName],
      ['audit-review', reviews[0]!.id, ids[SUPERVISOR.username], SUPERVISOR.fullName],
    ]);
    expect(applied.map((row) => (JSON.parse(row.newValue) as { meaning: string }).meaning)).toEqual([
      'reviewed',
      'verified',
    ]);
    const reviewedRow = sqlite()
      .prepare(`SELECT user_id AS userId, reason FROM audit_trail WHERE action = 'audit.reviewed'`)
      .all();
    expect(reviewedRow).toEqual([{ userId: ids[QA.username], reason: REVIEW_COMMENT }]);
    // The wrong password at the signature counted as a failed attempt against Quinn's account.
    const failures = sqlite()
      .prepare(`SELECT count(*) FROM audit_trail WHERE action = 'auth.login-failed' AND entity_id = ?`)
      .pluck()
      .get(ids[QA.username]) as number;
    expect(failures).toBeGreaterThanOrEqual(1);
  } finally {
    await fresh.cleanup();
    rmSync(scratch, { recursive: true, force: true });
  }
});

test('an operator sees no audit trail: not in the menu, not by typing the address', async ({ context }) => {
  const fresh = await freshApp({ terminalName: 'WS-QA-02' });
  try {
    await createPeople(fresh, [OPERATOR]);
    await recordCspViolations(context);
    const { page, connection, close } = await openWorkstationPage(context, { app: fresh.app });
    const errors = collectPageErrors(page);
    await expect(page.getByTestId('login-screen')).toBeVisible();
    await signInAt(connection, OPERATOR.username, OPERATOR.password);
    await page.reload();
    await expect(page.getByTestId('signed-in-user')).toContainText(OPERATOR.fullName);
    await expect(page.getByTestId('navigation').getByRole('link')).toHaveText([
      'Home',
      'System',
      'Recipes',
      'Batches',
      'Materials',
      'Equipment',
      'Instruments',
    ]);
    for (const hash of ['#/audit', '#/audit-reviews']) {
      await page.evaluate((target) => {
        window.location.hash = target;
      }, hash);
      await expect(page.getByTestId('not-permitted')).toBeVisible();
      await expect(page.getByTestId('audit-table')).toHaveCount(0);
      await expect(page.getByTestId('review-card')).toHaveCount(0);
    }
    await saveScreenshot(page, 'audit-05-operator-not-permitted');
    // The core refuses the channels too, whatever a screen would ask.
    const refused = await connection.invoke('audit.query', { filter: {}, pageSize: 10 });
    expect(refused.ok ? null : refused.error.code).toBe('FORBIDDEN');
    expect(await cspViolations(page), 'CSP violations').toEqual([]);
    expect(errors, 'page errors').toEqual([]);
    await close();
  } finally {
    await fresh.cleanup();
  }
});

test('a review changed outside the application shows its signature INVALID, with the reason', async ({
  context,
}) => {
  const fresh = await freshApp({ terminalName: 'WS-QA-03' });
  try {
    await createPeople(fresh, [QA]);
    await recordCspViolations(context);
    const { page, connection, close } = await openWorkstationPage(context, { app: fresh.app });
    const errors = collectPageErrors(page);
    await expect(page.getByTestId('login-screen')).toBeVisible();
    await signInAt(connection, QA.username, QA.password);
    const created = await connection.invoke('audit.reviews.create', {
      filter: { entityType: 'user' },
      comment: REVIEW_COMMENT,
      credentials: { kind: 'self', password: QA.password },
    });
    if (!created.ok) throw new Error(created.error.message);
    // Someone with the database key edits the review behind the application's back.
    fresh.app.runtime!.store.sqlite.exec(`
      DROP TRIGGER audit_reviews_no_update;
      UPDATE audit_reviews SET comment = 'Nothing to see here.';
    `);
    await page.reload();
    await page.evaluate(() => {
      window.location.hash = '#/audit-reviews';
    });
    const block = page.getByTestId('review-card').getByTestId('signature-block');
    await expect(block).toHaveAttribute('data-valid', 'false');
    await expect(block.getByTestId('signature-validity')).toHaveText(/INVALID/);
    await expect(block.getByTestId('signature-block-problem')).toHaveText(
      'The record changed after it was signed.',
    );
    await expect(page.getByTestId('review-card-comment')).toHaveText('Nothing to see here.');
    await expect(page.getByTestId('review-card-broken')).toBeVisible();
    await expect(page.getByTestId('cosign-review')).toHaveCount(0); // nothing to add a signature to
    await saveScreenshot(page, 'signature-05-invalid');
    expect(await cspViolations(page), 'CSP violations').toEqual([]);
    expect(errors, 'page errors').toEqual([]);
    await close();
  } finally {
    await fresh.cleanup();
  }
});
