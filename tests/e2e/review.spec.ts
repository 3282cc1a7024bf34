/**
 * QA review by exception and release (A11-9, A11-15, P11-10f, P11-50a) in the UI: the realistic
 * wet-granulation batch is executed through channels (manual co-signed weighings, a deviation, an
 * override, a correction); QA works the review queue, dispositions every item by signature (the
 * override as "requires investigation" with its reference), reviews the batch's audit trail and
 * releases. The batch record PDF's first page then shows the release (RELEASED, the signature's
 * manifestation, the comment), and the one-page review summary is downloaded and read back.
 * Earlier batches, decided through channels, feed the release-time chart.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import type { Connection } from '../../electron/core/app';
import type { AuditVerificationReport } from '../../shared/contract/audit';
import type { ReleaseTime, ReviewView } from '../../shared/contract/review';
import type { SecuritySettings } from '../../shared/security-settings';
import { openWorkstationPage } from '../harness/bridge';
import { zonedText } from '../../electron/core/records/record-facts';
import { executeBatch, recordFloor, WET_GRANULATION, type RecordFloor } from '../helpers/executed-batch';
import { value } from '../helpers/identity';
import {
  collectPageErrors,
  cspViolations,
  recordCspViolations,
  saveLocatorScreenshot,
  saveScreenshot,
  signInAt,
} from './support';

const DEMO = 'demo-tablet-blend.json';
const BATCH = 'PCM-2026-0412';
const MINUTE = 60_000;
const REFERENCE = 'DEV-2026-0117';

/** Lets time pass on the core's clock while everyone stays active (sessions lock after 60 minutes). */
async function letTimePass(floor: RecordFloor, minutes: number, extra: Connection[] = []): Promise<void> {
  const connections = [floor.admin, ...floor.people.map((person) => person.connection), ...extra];
  let left = minutes * MINUTE;
  while (left > 0) {
    const step = Math.min(left, 50 * MINUTE);
    floor.fresh.clock.advance(step);
    left -= step;
    for (const connection of connections) value(await connection.invoke('auth.activity', {}));
  }
}

/** An earlier batch of the small recipe, decided by QA through channels `hours` after execution. */
async function decidedEarlier(
  floor: RecordFloor,
  batchNumber: string,
  hours: number,
  decision: 'released' | 'rejected',
): Promise<void> {
  const batch = await executeBatch(floor, DEMO, batchNumber, { plan: {}, correction: null });
  await letTimePass(floor, hours * 60);
  const qa = floor.quinn.connection;
  const credentials = { kind: 'self' as const, password: floor.quinn.password };
  if (decision === 'released') {
    const review = value<ReviewView>(await qa.invoke('review.get', { batchId: batch.id }));
    for (const item of review.items) {
      value(
        await qa.invoke('review.disposition', {
          batchId: batch.id,
          itemKey: item.key,
          decision: 'accepted',
          comment: 'Weighed by hand on the calibrated bench balance; printout attached',
          credentials,
        }),
      );
    }
    value(
      await qa.invoke('review.auditTrail', { batchId: batch.id, comment: 'Audit trail read', credentials }),
    );
  }
  value(
    await qa.invoke('review.decide', {
      batchId: batch.id,
      decision,
      comment: decision === 'released' ? 'Batch conforms' : 'Blend uniformity failed at the QC laboratory',
      credentials,
    }),
  );
}

/** The signature dialog for `meaning`, signed with the signed-in person's own password. */
async function signSelf(page: Page, meaning: string, password: string, timeout = 5_000): Promise<void> {
  const dialog = page.getByTestId('signature-dialog');
  await expect(dialog.locator('form')).toHaveAttribute('data-meaning', meaning);
  await expect(dialog.locator('form')).toHaveAttribute('data-mode', 'self');
  await dialog.getByTestId('signature-password').fill(password);
  await dialog.getByTestId('dialog-submit').click();
  await expect(dialog).toHaveCount(0, { timeout });
}

async function expectBlockers(page: Page, blockers: (string | RegExp)[]): Promise<void> {
  await expect(page.getByTestId('release-blocker-text')).toHaveText(blockers);
}

function group(page: Page, id: string): Locator {
  return page.locator(`[data-testid="review-group"][data-group="${id}"]`);
}

test('QA reviews the executed batch by exception, reviews its audit trail and releases it', async ({
  context,
}) => {
  test.setTimeout(240_000);
  const started = Date.now();
  const floor = await recordFloor([WET_GRANULATION, DEMO]);
  const downloads = mkdtempSync(path.join(tmpdir(), 'ebr-review-pdf-'));
  let closePage: (() => Promise<void>) | undefined;
  try {
    // ---- Setup through channels: a 60-minute lock, earlier decided batches, the realistic batch ----
    const settings = value<SecuritySettings>(await floor.admin.invoke('settings.get', {}));
    value(
      await floor.admin.invoke('settings.update', {
        settings: { ...settings, sessionLockMinutes: 60 },
        reason: 'Review suite: QA decisions come hours after execution',
      }),
    );
    await decidedEarlier(floor, 'TAB-2026-0090', 30.5, 'released');
    await decidedEarlier(floor, 'TAB-2026-0091', 52, 'rejected');
    await decidedEarlier(floor, 'TAB-2026-0092', 7.25, 'released');
    await decidedEarlier(floor, 'TAB-2026-0093', 3.5, 'released');
    const executed = await executeBatch(floor, WET_GRANULATION, BATCH);
    expect(executed.status).toBe('execution-complete');
    await letTimePass(floor, 135);
    const setupSeconds = (Date.now() - started) / 1000;

    // ---- QA at the workstation ---------------------------------------------------------------------
    await recordCspViolations(context);
    const { page, connection, close } = await openWorkstationPage(context, { app: floor.fresh.app });
    closePage = close;
    await page.setViewportSize({ width: 1280, height: 1024 });
    const errors = collectPageErrors(page);
    await expect(page.getByTestId('login-screen')).toBeVisible();
    await signInAt(connection, floor.quinn.username, floor.quinn.password);
    await page.reload();
    await expect(page.getByTestId('signed-in-user')).toContainText(floor.quinn.fullName);
    await page.getByTestId('navigation').getByRole('link', { name: 'Review', exact: true }).click();

    // ---- The queue: the batch with what is not routine; the chart of earlier decisions -------------
    const row = page.getByTestId('queue-row').filter({ hasText: BATCH });
    await expect(page.getByTestId('queue-row')).toHaveCount(1);
    await expect(row.getByTestId('queue-open-items')).toHaveText('14');
    await expect(row.getByTestId('not-routine').locator('li')).toHaveText([
      '1 override',
      '1 deviation',
      '11 manual entries',
      '1 correction',
    ]);
    await expect(row.getByTestId('queue-audit-reviewed')).toHaveText('✗ Audit trail not reviewed');
    await expect(row.getByTestId('queue-waiting')).toHaveText('waiting 2 h 15 min');
    const chart = page.getByTestId('release-time-chart');
    const bars = chart.getByTestId('release-time-bar');
    await expect(bars).toHaveCount(4);
    await expect(bars.first()).toHaveAttribute('data-batch-number', 'TAB-2026-0090');
    await expect(bars.nth(1)).toHaveAttribute('data-decision', 'rejected');
    await expect(bars.nth(1)).toContainText('52.0 h · rejected');
    await expect(chart.getByTestId('release-time-summary')).toContainText('median 18.9 h');
    await saveScreenshot(page, 'review-01-queue-and-chart');

    // ---- The review screen: fourteen open items, release blocked ------------------------------------
    await row.getByTestId('open-review').click();
    const screen = page.getByTestId('review-screen');
    await expect(screen).toHaveAttribute('data-status', 'execution-complete');
    await expect(page.getByTestId('batch-number')).toHaveText(BATCH);
    await expect(page.getByTestId('review-open-items')).toHaveText('14');
    await expectBlockers(page, [
      '14 review items are not dispositioned.',
      'The audit trail of the batch has not been reviewed.',
    ]);
    await expect(page.getByTestId('release-batch')).toBeDisabled();
    await expect(page.getByTestId('reject-batch')).toBeEnabled();
    await expect(page.getByTestId('review-group')).toHaveCount(4);
    await expect(page.getByTestId('review-group').first()).toHaveAttribute('data-group', 'override');
    await expect(group(page, 'manual-entry').getByTestId('review-item')).toHaveCount(11);
    // The override, opened from its row, shows who signed it; the correction's row shows the
    // original struck through.
    const override = group(page, 'override').getByTestId('review-item');
    await expect(override).toHaveAttribute('data-expanded', 'false');
    await override.getByTestId('item-details').click();
    await expect(override.getByTestId('exception-comment')).toContainText('LOD re-tested at 105 °C');
    await expect(
      override.locator(
        '[data-testid="signature-block"][data-meaning="overridden"] [data-testid="signature-block-name"]',
      ),
    ).toContainText(floor.sven.fullName);
    const correction = group(page, 'correction').getByTestId('review-item');
    await expect(correction.locator('del[data-testid="correction-original"]')).toHaveText('12.440 kg net');
    await expect(correction.getByTestId('correction-new')).toHaveText('12.510 kg net');
    await expect(page.getByTestId('data-change')).toHaveCount(2);
    await expect(page.getByTestId('data-change').first()).toHaveAttribute(
      'data-action',
      'batch.value-corrected',
    );
    await expect(page.getByTestId('data-change-values').first()).toHaveText(
      'Recorded value 12.440 kg → 12.510 kg',
    );
    await page.evaluate(() => window.scrollTo(0, 0));
    await saveScreenshot(page, 'review-02-release-blocked', { fullPage: false });
    await page.getByTestId('review-items').evaluate((section) => section.scrollIntoView());
    await saveScreenshot(page, 'review-03-open-items', { fullPage: false });

    // ---- The override requires investigation: comment and reference, then the signature -----------
    await override.getByTestId('investigate-item').click();
    const disposition = page.getByTestId('disposition-dialog');
    await disposition
      .getByTestId('reason')
      .fill('Out-of-limit LOD released to milling on a retest: confirm the retest method');
    await disposition.getByTestId('dialog-submit').click();
    await expect(disposition.getByText('Enter the investigation reference')).toBeVisible();
    await disposition.getByTestId('disposition-reference').fill(REFERENCE);
    await saveScreenshot(page, 'review-04-disposition-dialog', { fullPage: false });
    await disposition.getByTestId('dialog-submit').click();
    await expect(page.getByTestId('signed-subject')).toContainText(REFERENCE);
    await signSelf(page, 'reviewed', floor.quinn.password);
    await expect(override).toHaveAttribute('data-state', 'investigation');
    await expect(override.getByTestId('disposition-reference')).toHaveText(REFERENCE);
    // Dispositioned, the item folds to one block with the signature in words; Details unfolds it.
    await expect(override.getByTestId('disposition-signed')).toHaveAttribute('data-valid', 'true');
    await expect(override.getByTestId('disposition-signer')).toHaveText(floor.quinn.fullName);
    await override.getByTestId('item-details').click();
    await expect(
      override.locator(
        '[data-testid="disposition"] [data-testid="signature-block"][data-meaning="reviewed"]',
      ),
    ).toHaveAttribute('data-valid', 'true');
    await override.getByTestId('item-details').click();
    await expect(override.getByTestId('signature-block')).toHaveCount(0);
    await expectBlockers(page, [
      '13 review items are not dispositioned.',
      'The audit trail of the batch has not been reviewed.',
    ]);

    // ---- The deviation and the correction are accepted, one by one ---------------------------------
    const accept = async (item: Locator, comment: string) => {
      await item.getByTestId('accept-item').click();
      await page.getByTestId('disposition-dialog').getByTestId('reason').fill(comment);
      await page.getByTestId('disposition-dialog').getByTestId('dialog-submit').click();
      await signSelf(page, 'reviewed', floor.quinn.password);
      await expect(item).toHaveAttribute('data-state', 'accepted');
    };
    await accept(
      group(page, 'deviation').getByTestId('review-item'),
      'Room at 25.6 °C for 30 minutes during dispensing: no impact on the granulate',
    );
    await accept(correction, 'Transcription error confirmed against the balance printout');
    await expectBlockers(page, [
      '11 review items are not dispositioned.',
      'The audit trail of the batch has not been reviewed.',
    ]);

    // ---- The eleven manual entries, accepted together: each signed on its own -----------------------
    await group(page, 'manual-entry').getByTestId('accept-group').click();
    await expect(page.getByTestId('disposition-subject').locator('li')).toHaveCount(11);
    await page
      .getByTestId('disposition-dialog')
      .getByTestId('reason')
      .fill('Bench balances were out for calibration; printouts checked against each entry');
    await page.getByTestId('disposition-dialog').getByTestId('dialog-submit').click();
    const groupSigned = Date.now();
    // Eleven signatures, each with its own password check (Argon2id) and its own transaction.
    await signSelf(page, 'reviewed', floor.quinn.password, 30_000);
    console.log(`review e2e: 11 dispositions signed in ${((Date.now() - groupSigned) / 1000).toFixed(1)} s`);
    await expect(group(page, 'manual-entry').getByTestId('group-open')).toHaveText('All dispositioned');
    await expect(page.getByTestId('review-open-items')).toHaveText('0');
    await expectBlockers(page, ['The audit trail of the batch has not been reviewed.']);
    await expect(page.getByTestId('release-batch')).toBeDisabled();
    await saveLocatorScreenshot(page.getByTestId('review-items'), 'review-05-items-dispositioned');
    await saveLocatorScreenshot(page.getByTestId('data-changes'), 'review-06-data-changes');

    // ---- The audit trail of the batch, reviewed by signature -----------------------------------------
    const audit = page.getByTestId('batch-audit');
    await expect(audit).toHaveAttribute('data-review-state', 'missing');
    const rowCount = await audit.getByTestId('batch-audit-rows').getByTestId('audit-row').count();
    expect(rowCount).toBeGreaterThan(150);
    await audit.getByTestId('record-batch-audit-review').click();
    await page
      .getByTestId('batch-audit-review-dialog')
      .getByTestId('reason')
      .fill('Read every row: the correction, the recomputed yield and the override are explained');
    await page.getByTestId('batch-audit-review-dialog').getByTestId('dialog-submit').click();
    await signSelf(page, 'reviewed', floor.quinn.password);
    await expect(audit).toHaveAttribute('data-review-state', 'current');
    await expect(audit.getByTestId('batch-audit-review-rows')).toContainText(`${rowCount} rows`);
    await expect(audit.locator('[data-testid="signature-block"][data-meaning="reviewed"]')).toHaveAttribute(
      'data-valid',
      'true',
    );
    await saveLocatorScreenshot(audit, 'review-07-audit-trail');

    // ---- Nothing blocks release: QA releases -----------------------------------------------------
    await expect(page.getByTestId('release-blocker')).toHaveCount(0);
    await expect(page.getByTestId('release-ready')).toBeVisible();
    await expect(page.getByTestId('release-dispositions')).toHaveText(
      `Review items: 13 accepted, 1 requires investigation (${REFERENCE}).`,
    );
    await page.getByTestId('release-batch').click();
    await page
      .getByTestId('decision-dialog')
      .getByTestId('reason')
      .fill('Batch conforms; released for compression');
    await page.getByTestId('decision-dialog').getByTestId('dialog-submit').click();
    await signSelf(page, 'released', floor.quinn.password);

    const panel = page.getByTestId('release-panel');
    await expect(panel).toHaveAttribute('data-state', 'released');
    await expect(screen).toHaveAttribute('data-status', 'released');
    await expect(screen).toHaveAttribute('data-locked', 'true');
    await expect(panel.getByTestId('locked-state')).toHaveText('LOCKED');
    const decision = panel.locator('[data-testid="signature-block"][data-meaning="released"]');
    await expect(decision).toHaveAttribute('data-valid', 'true');
    await expect(decision.getByTestId('signature-block-meaning')).toHaveText('Released');
    await expect(decision.getByTestId('signature-block-name')).toContainText(floor.quinn.fullName);
    await expect(decision.getByTestId('signature-block-terminal')).toHaveText('WS-GRAN-02');
    await expect(page.getByTestId('flash')).toContainText(`Batch ${BATCH} released.`);
    // Locked: no action is offered anywhere on the screen.
    for (const action of [
      'release-batch',
      'reject-batch',
      'accept-item',
      'investigate-item',
      'change-disposition',
      'accept-group',
      'record-batch-audit-review',
    ]) {
      await expect(page.getByTestId(action)).toHaveCount(0);
    }
    await page.evaluate(() => window.scrollTo(0, 0));
    await saveScreenshot(page, 'review-08-released', { fullPage: false });

    // ---- The batch record PDF, one click away: its first page shows the release ---------------------
    const [released] = value<ReviewView>(
      await floor.quinn.connection.invoke('review.get', { batchId: executed.id }),
    ).decision;
    const download = async (button: string, name: RegExp): Promise<string> => {
      const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(button).click()]);
      expect(file.suggestedFilename()).toMatch(name);
      const saved = path.join(downloads, file.suggestedFilename());
      await file.saveAs(saved);
      return saved;
    };
    const pdfText = (file: string, ...options: string[]) =>
      execFileSync('pdftotext', [...options, '-layout', file, '-'], { encoding: 'utf8' });
    const pdfPath = await download('record-pdf-open', new RegExp(`^batch-record-${BATCH}-.*\\.pdf$`));
    const firstPage = pdfText(pdfPath, '-f', '1', '-l', '1');
    expect(firstPage).toContain(BATCH);
    expect(firstPage).toContain('Status: Released');
    expect(firstPage).toContain('RELEASED');
    expect(firstPage).toContain(`${floor.quinn.fullName} (${floor.quinn.username})`);
    expect(firstPage).toContain(`Released — “${released!.statement}”`);
    expect(firstPage).toContain(zonedText(released!.signedAtUtc, released!.timeZone));
    expect(firstPage).toContain('Electronic signature valid');
    expect(firstPage).toContain('Comment: Batch conforms; released for compression');
    expect(firstPage).toContain(`13 accepted, 1 requires investigation (${REFERENCE})`);

    // ---- The review summary: one page, each item with its disposition, the signed release ----------
    const summaryPath = await download(
      'review-summary-open',
      new RegExp(`^review-summary-${BATCH}-.*\\.pdf$`),
    );
    expect(execFileSync('pdfinfo', [summaryPath], { encoding: 'utf8' })).toMatch(/^Pages:\s+1$/m);
    const summary = pdfText(summaryPath);
    expect(summary).toContain('RELEASED');
    expect(summary).toContain(zonedText(released!.signedAtUtc, released!.timeZone));
    expect(summary.match(/ Accepted /g)).toHaveLength(13);
    expect(summary).toMatch(
      new RegExp(`Override .* Requires investigation +${REFERENCE} +${floor.quinn.fullName}`),
    );
    expect(summary).toContain('The batch is released and locked.');
    await expect(page.getByTestId('review-summary-link')).toContainText('Save review-summary-');
    await expect(page.getByTestId('review-summary')).toContainText('1 page ·');
    await saveLocatorScreenshot(page.getByTestId('review-header'), 'review-09-record-downloads');

    // ---- Through channels: released, signed, and the audit trail intact ----------------------------
    const qa = floor.quinn.connection;
    const review = value<ReviewView>(await qa.invoke('review.get', { batchId: executed.id }));
    expect(review.batch.status).toBe('released');
    expect(review.items.every((item) => item.disposition !== null)).toBe(true);
    expect(review.items.filter((item) => item.disposition?.reference === REFERENCE)).toHaveLength(1);
    expect(
      review.decision.map((signature) => [
        signature.meaning,
        signature.signerName,
        signature.verification.valid,
      ]),
    ).toEqual([['released', floor.quinn.fullName, true]]);
    const times = value<ReleaseTime[]>(await qa.invoke('review.releaseTimes', {}));
    expect(times.at(-1)).toMatchObject({ batchNumber: BATCH, decision: 'released' });
    expect(times.at(-1)!.hours).toBeCloseTo(2.25, 1);
    const report = value<AuditVerificationReport>(await floor.admin.invoke('audit.verify', {}));
    expect(report.intact).toBe(true);

    // ---- The queue is empty; the chart counts this release too -------------------------------------
    await page.getByTestId('back-to-queue').click();
    await expect(page.getByText('No batch is waiting for review.')).toBeVisible();
    await expect(bars).toHaveCount(5);
    await expect(bars.last()).toHaveAttribute('data-batch-number', BATCH);

    expect(errors).toEqual([]);
    expect(await cspViolations(page)).toEqual([]);
    console.log(
      `review e2e: setup ${setupSeconds.toFixed(1)} s, total ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  } finally {
    await closePage?.();
    await floor.fresh.cleanup();
    rmSync(downloads, { recursive: true, force: true });
  }
});
