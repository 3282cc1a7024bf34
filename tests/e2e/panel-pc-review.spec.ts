/**
 * QA's screens on a 1280 × 800 panel PC (issue 25, items 4 and 5): the review of the executed
 * wet-granulation batch reads as a report — items grouped by kind, critical first, compact rows
 * that open for detail, a sticky summary with Release and Reject always in the window — and fits
 * its open items and the release action in three windows; the audit trail names batches, recipes
 * and people, reads its actions in words (codes on demand), keeps its filter to one line until
 * opened and never scrolls sideways. Both pass axe-core with no serious or critical violation.
 */
import { expect, test, type Page } from '@playwright/test';
import { auditActionLabel } from '../../shared/audit/action-labels';
import { openWorkstationPage } from '../harness/bridge';
import { executeBatch, recordFloor, WET_GRANULATION } from '../helpers/executed-batch';
import { alarmColours, seriousViolations } from './hmi-checks';
import { collectPageErrors, saveScreenshot, signInAt } from './support';

const BATCH = 'PCM-2026-0412';
const WINDOW = { width: 1280, height: 800 };

const scrollTo = (page: Page, top: number) =>
  page.evaluate((y) => window.scrollTo({ top: y, behavior: 'instant' }), top);

const documentSize = (page: Page) =>
  page.evaluate(() => {
    const root = document.scrollingElement!;
    return {
      scrollHeight: root.scrollHeight,
      scrollWidth: root.scrollWidth,
      clientWidth: root.clientWidth,
    };
  });

/** What reaches past the window's right edge (names for the failure message). */
const pastTheEdge = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('body *')]
      .filter((element) => element.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
      .slice(-5)
      .map((element) => `${element.tagName.toLowerCase()}.${String(element.className)}`),
  );

test('panel PC 1280 × 800: the review reads as a report in three windows; the audit trail reads in words', async ({
  context,
}) => {
  test.setTimeout(600_000);
  const started = Date.now();
  const floor = await recordFloor([WET_GRANULATION]);
  let closePage: (() => Promise<void>) | undefined;
  try {
    const executed = await executeBatch(floor, WET_GRANULATION, BATCH);
    expect(executed.status).toBe('execution-complete');
    const setupSeconds = (Date.now() - started) / 1000;

    const { page, connection, close } = await openWorkstationPage(context, { app: floor.fresh.app });
    closePage = close;
    await page.setViewportSize(WINDOW);
    const errors = collectPageErrors(page);
    await expect(page.getByTestId('login-screen')).toBeVisible();
    await signInAt(connection, floor.quinn.username, floor.quinn.password);
    await page.reload();
    await expect(page.getByTestId('signed-in-user')).toContainText(floor.quinn.fullName);
    await page.getByTestId('navigation').getByRole('link', { name: 'Review', exact: true }).click();
    await page.getByTestId('queue-row').filter({ hasText: BATCH }).getByTestId('open-review').click();
    await expect(page.getByTestId('batch-number')).toHaveText(BATCH);

    // ---- The report: groups by kind, most serious first; every item a compact row -------------------
    const groups = page.getByTestId('review-group');
    await expect(groups).toHaveCount(4);
    expect(await groups.evaluateAll((all) => all.map((group) => group.getAttribute('data-group')))).toEqual([
      'override',
      'deviation',
      'correction',
      'manual-entry',
    ]);
    const items = page.getByTestId('review-item');
    await expect(items).toHaveCount(14);
    for (const item of await items.all()) await expect(item).toHaveAttribute('data-expanded', 'false');
    // Every open item is in view as its row (the routine group open too), each with its decisions.
    for (const item of await items.all()) {
      await expect(item.getByTestId('review-row')).toBeVisible();
      await expect(item.getByTestId('accept-item')).toBeVisible();
    }
    const rowHeights = await items.evaluateAll((all) =>
      all.map((item) => item.getBoundingClientRect().height),
    );
    expect(Math.max(...rowHeights), 'a collapsed item is a compact row').toBeLessThan(110);

    // ---- Fits in three windows, with Release / Reject always in the window ------------------------
    await saveScreenshot(page, 'panel-pc-review-full');
    const size = await documentSize(page);
    const parts = await page
      .locator('[data-testid="review-screen"] > *')
      .evaluateAll((all) =>
        all.map((part) => `${part.className} ${Math.round(part.getBoundingClientRect().height)}`),
      );
    console.log(`panel-pc-review: review page ${size.scrollHeight} px at 1280 × 800 (${parts.join(', ')})`);
    expect(size.scrollHeight, 'the review page with items collapsed').toBeLessThanOrEqual(3 * WINDOW.height);
    expect(
      size.scrollWidth,
      `no sideways scrolling on the review (past the edge: ${(await pastTheEdge(page)).join(', ')})`,
    ).toBeLessThanOrEqual(size.clientWidth);
    for (const [top, name] of [
      [0, 'top'],
      [WINDOW.height, 'middle'],
      [size.scrollHeight, 'bottom'],
    ] as const) {
      await scrollTo(page, top);
      await saveScreenshot(page, `panel-pc-review-${name}`, { fullPage: false });
      await expect(
        page.getByTestId('release-summary'),
        `the summary, scrolled to the ${name}`,
      ).toBeInViewport({
        ratio: 1,
      });
      await expect(page.getByTestId('release-batch'), `Release, scrolled to the ${name}`).toBeInViewport({
        ratio: 1,
      });
      await expect(page.getByTestId('reject-batch'), `Reject, scrolled to the ${name}`).toBeInViewport({
        ratio: 1,
      });
    }
    await expect(page.getByTestId('release-summary')).toContainText('14 review items are not dispositioned.');

    // ---- Normal is grey: open items awaiting QA, group counts, the summary ---------------------------
    const normal = page.locator(
      [
        '[data-group="manual-entry"] [data-testid="review-row"]',
        '[data-testid="group-open"]',
        '[data-testid="review-group"] .review-group__header',
        '[data-testid="release-summary"]',
      ].join(', '),
    );
    expect(await normal.count()).toBeGreaterThanOrEqual(11 + 4 + 4 + 1);
    expect(await alarmColours(normal), 'open routine items drawn in an alarm colour').toEqual([]);
    expect(await seriousViolations(page), 'axe-core: the review').toEqual([]);

    // ---- A row opens for detail; the routine group folds as one ----------------------------------
    const override = page.locator('[data-testid="review-item"][data-group="override"]');
    await override.getByTestId('item-details').click();
    await expect(override).toHaveAttribute('data-expanded', 'true');
    await expect(override.getByTestId('exception-comment')).toContainText('LOD re-tested at 105 °C');
    await expect(
      override.locator('[data-testid="signature-block"][data-meaning="overridden"]'),
    ).toHaveAttribute('data-valid', 'true');
    await override.scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'panel-pc-review-override-open', { fullPage: false });
    expect(await seriousViolations(page), 'axe-core: the review with an item open').toEqual([]);
    await override.getByTestId('item-details').click();
    await expect(override).toHaveAttribute('data-expanded', 'false');
    const manual = page.locator('[data-testid="review-group"][data-group="manual-entry"]');
    await manual.getByTestId('group-toggle').click();
    await expect(manual.getByTestId('group-toggle')).toHaveAttribute('aria-expanded', 'false');
    await expect(manual.getByTestId('review-item').first()).toBeHidden();
    await expect(manual.getByTestId('group-open')).toHaveText('11 open');
    await manual.getByTestId('group-toggle').click();
    await expect(manual.getByTestId('review-item').first()).toBeVisible();

    // ---- The audit trail for people ---------------------------------------------------------------
    await page.getByTestId('navigation').getByRole('link', { name: 'Audit trail', exact: true }).click();
    const rows = page.getByTestId('audit-row');
    await expect(rows.first()).toBeVisible();
    await scrollTo(page, 0);
    const filter = page.getByTestId('audit-filter');
    const filterBox = await filter.boundingBox();
    expect(filterBox!.height, 'the filter is one line until opened').toBeLessThan(90);
    await expect(page.getByTestId('audit-filter-form')).toBeHidden();
    const audit = await documentSize(page);
    expect(audit.scrollWidth, 'no sideways scrolling on the audit trail').toBeLessThanOrEqual(
      audit.clientWidth,
    );
    const frame = page.getByTestId('audit-results').locator('.table-frame');
    const tableOverflow = () => frame.evaluate((element) => element.scrollWidth - element.clientWidth);
    expect(await tableOverflow(), 'the table itself does not scroll sideways').toBeLessThanOrEqual(0);
    await saveScreenshot(page, 'panel-pc-audit-top', { fullPage: false });
    // Batches by number, people by name, actions in words; no row shows its code as its label.
    const batchRows = page.locator('[data-testid="audit-row"][data-entity-type="batch"]');
    expect(await batchRows.count()).toBeGreaterThan(0);
    await expect(batchRows.first().getByTestId('audit-row-entity')).toContainText(`Batch ${BATCH}`);
    for (const row of await rows.all()) {
      const action = (await row.getAttribute('data-action'))!;
      await expect(row.getByTestId('audit-row-action')).not.toHaveText(action);
    }
    const batchRow = batchRows.first();
    const batchAction = (await batchRow.getAttribute('data-action'))!;
    await expect(batchRow.getByTestId('audit-row-action')).toHaveText(auditActionLabel(batchAction));
    await expect(page.getByTestId('audit-row-codes')).toHaveCount(0);
    await batchRow.getByTestId('audit-row-toggle').click();
    const detail = page.getByTestId('audit-row-detail');
    await expect(detail.getByTestId('audit-row-codes')).toContainText(batchAction);
    await expect(detail.getByTestId('audit-row-codes')).toContainText(executed.id);
    const opened = await documentSize(page);
    expect(opened.scrollWidth, 'a row opened: still no sideways scrolling').toBeLessThanOrEqual(
      opened.clientWidth,
    );
    expect(await tableOverflow(), 'a row opened: the table does not scroll sideways').toBeLessThanOrEqual(0);
    await saveScreenshot(page, 'panel-pc-audit-row-open', { fullPage: false });
    expect(await seriousViolations(page), 'axe-core: the audit trail').toEqual([]);
    // The filter opens in place and applies: the batch's rows, by its number.
    await page.getByTestId('audit-filter-toggle').click();
    await expect(page.getByTestId('audit-filter-form')).toBeVisible();
    await saveScreenshot(page, 'panel-pc-audit-filter-open', { fullPage: false });
    expect(await seriousViolations(page), 'axe-core: the audit trail with the filter open').toEqual([]);
    const filtered = await documentSize(page);
    expect(filtered.scrollWidth).toBeLessThanOrEqual(filtered.clientWidth);

    expect(errors).toEqual([]);
    console.log(
      `panel-pc-review: setup ${setupSeconds.toFixed(1)} s, total ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  } finally {
    await closePage?.();
    await floor.fresh.cleanup();
  }
});
