/**
 * Records out in the UI (P11-10b, A11-4.8, A11-8.1, A11-16, A11-17): batches of the demo recipe are
 * executed through channels; a technician exports a finished one to a folder (typed path), sees the
 * progress and the package, verifies it valid, changes one byte on disk and sees the file named;
 * a refused export says nothing was exported; the batch screen offers the batch record PDF and, for
 * a batch in progress, the paper continuation record (audited).
 */
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import type { Connection, EbrApp } from '../../electron/core/app';
import type { BatchView } from '../../shared/contract/batches';
import type { ExportDestinationView } from '../../shared/contract/records';
import { openWorkstationPage } from '../harness/bridge';
import { executeBatch, recordFloor } from '../helpers/executed-batch';
import { auditRowsAfter, json, lastAuditSeq, value } from '../helpers/identity';
import { BATCH_PRODUCTION_RECORD_XSD, xmllintSchema } from '../helpers/xml-schema';
import { collectPageErrors, cspViolations, recordCspViolations, saveScreenshot, signInAt } from './support';

const DEMO = 'demo-tablet-blend.json';
const EXPORTED = 'TAB-2026-0501';
const OTHER = 'TAB-2026-0502';
const ABORTED = 'TAB-2026-0503';
const RUNNING = 'TAB-2026-0504';
const TERMINAL = 'WS-GRAN-02';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/**
 * The app as the page's window reaches it, with drives added to what `exports.destinations` finds
 * (a build machine has no USB drive mounted): the core still answers, and still checks permission.
 */
function withDrives(app: EbrApp, drives: ExportDestinationView[]): Pick<EbrApp, 'connect'> {
  return {
    connect: (): Connection => {
      const connection = app.connect();
      return {
        id: connection.id,
        invoke: async (channel, input) => {
          const result = await connection.invoke(channel, input);
          if (channel !== 'exports.destinations' || !result.ok) return result;
          return { ok: true, value: [...drives, ...(result.value as ExportDestinationView[])] };
        },
        on: connection.on,
        close: connection.close,
      };
    },
  };
}

/** A USB stick at `folder` (its real free space), a network share and a read-only disk. */
function drivesAt(folder: string): ExportDestinationView[] {
  const space = statfsSync(folder);
  return [
    {
      path: folder,
      label: 'USB-QA-07',
      kind: 'removable',
      removable: true,
      readOnly: false,
      fileSystem: 'exfat',
      device: '/dev/sdb1',
      freeBytes: space.bavail * space.bsize,
      totalBytes: space.blocks * space.bsize,
    },
    {
      path: '/mnt/qa-archive',
      label: 'qa-archive on fileserver',
      kind: 'network',
      removable: false,
      readOnly: false,
      fileSystem: 'cifs',
      device: '//fileserver/qa-archive',
      freeBytes: 1_843_200_000_000,
      totalBytes: 4_000_000_000_000,
    },
    {
      path: '/mnt/records-2019',
      label: 'records-2019',
      kind: 'fixed',
      removable: false,
      readOnly: true,
      fileSystem: 'ext4',
      device: '/dev/sdc1',
      freeBytes: 0,
      totalBytes: 500_000_000_000,
    },
  ];
}

/** Every distinct text the export progress line shows, recorded in the page as it changes. */
async function watchProgressLine(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen: string[] = [];
    Object.defineProperty(window, '__progressSeen', { value: seen });
    new MutationObserver(() => {
      const line = document.querySelector('[data-testid="export-progress-label"]')?.textContent;
      if (line && seen.at(-1) !== line) seen.push(line);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
}

function progressSeen(page: Page): Promise<string[]> {
  return page.evaluate(() => [
    ...((window as unknown as { __progressSeen?: string[] }).__progressSeen ?? []),
  ]);
}

/** Clicks a record button on the batch screen and saves the PDF it offers; returns its text. */
async function downloadPdf(page: Page, testId: string, folder: string, pattern: RegExp): Promise<string> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId(`${testId}-open`).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(pattern);
  const file = path.join(folder, download.suggestedFilename());
  await download.saveAs(file);
  expect(readFileSync(file).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

async function openBatch(page: Page, batchNumber: string): Promise<void> {
  await page.getByTestId('navigation').getByRole('link', { name: 'Batches', exact: true }).click();
  await page.getByTestId('batch-row').filter({ hasText: batchNumber }).getByTestId('open-batch').click();
  await expect(page.getByTestId('batch-number')).toHaveText(batchNumber);
}

test('a technician exports a batch with progress, verifies the package, finds a changed byte; the batch screen offers the record PDF, its BatchML and the paper continuation record', async ({
  context,
}) => {
  // Setup executes whole batches through the channels: minutes on a loaded machine.
  test.setTimeout(420_000);
  const started = Date.now();
  const floor = await recordFloor([DEMO]);
  const usb = mkdtempSync(path.join(tmpdir(), 'ebr-e2e-usb-'));
  const downloads = mkdtempSync(path.join(tmpdir(), 'ebr-e2e-records-'));
  let closePage: (() => Promise<void>) | undefined;
  try {
    // ---- Setup through channels: two finished batches, one aborted, one in progress ---------------
    const simple = { plan: {}, correction: null };
    const exported = await executeBatch(floor, DEMO, EXPORTED, simple);
    expect(exported.status).toBe('execution-complete');
    await executeBatch(floor, DEMO, OTHER, simple);
    const toAbort = await executeBatch(floor, DEMO, ABORTED, { ...simple, stopAt: 'line_clearance' });
    value<BatchView>(
      await floor.sven.connection.invoke('batches.abort', {
        batchId: toAbort.id,
        reason: 'Blender B-02 seal failure; blend discarded',
        credentials: { kind: 'self', password: floor.sven.password },
      }),
    );
    const running = await executeBatch(floor, DEMO, RUNNING, { ...simple, stopAt: 'w_lactose' });
    expect(running.status).toBe('in-progress');
    const setupSeconds = (Date.now() - started) / 1000;

    // ---- The technician at the workstation ----------------------------------------------------------
    await recordCspViolations(context);
    const { page, connection, close } = await openWorkstationPage(context, {
      app: withDrives(floor.fresh.app, drivesAt(usb)),
    });
    closePage = close;
    await page.setViewportSize({ width: 1280, height: 1024 });
    const errors = collectPageErrors(page);
    await expect(page.getByTestId('login-screen')).toBeVisible();
    await signInAt(connection, floor.tina.username, floor.tina.password);
    await page.reload();
    await expect(page.getByTestId('signed-in-user')).toContainText(floor.tina.fullName);
    const navigation = page.getByTestId('navigation');
    await expect(navigation.getByRole('link', { name: 'Verify a package', exact: true })).toBeVisible();
    await navigation.getByRole('link', { name: 'Export', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Export');

    // ---- Choose: only finished batches are offered; the filter narrows them ------------------------
    const offered = page.getByTestId('export-batch');
    await expect(offered).toHaveCount(3);
    await expect(offered.filter({ hasText: RUNNING })).toHaveCount(0);
    await page.getByTestId('export-status-filter').selectOption('aborted');
    await expect(offered).toHaveCount(1);
    await expect(offered.first()).toHaveAttribute('data-batch-number', ABORTED);
    await page.getByTestId('export-status-filter').selectOption('all');
    await page.getByTestId('export-batch-search').fill('0501');
    await expect(offered).toHaveCount(1);
    await offered.first().getByTestId('export-batch-check').check();
    await expect(page.getByTestId('export-chosen-count')).toHaveText('1 batch chosen');
    await page.getByTestId('export-batch-search').fill('');
    await expect(offered).toHaveCount(3);

    // Nothing typed yet: the form says so instead of calling the core.
    await page.getByTestId('export-submit').click();
    await expect(page.getByText('Choose a folder.')).toBeVisible();
    await expect(page.getByTestId('export-progress')).toHaveCount(0);

    // Drives: the removable one first, with its free space; a read-only one cannot be chosen.
    const drives = page.getByTestId('export-destination');
    await expect(drives).toHaveCount(3);
    await expect(drives.first()).toHaveAttribute('data-kind', 'removable');
    await expect(drives.first().getByTestId('export-destination-space')).toContainText(/ free of /);
    await expect(drives.last()).toBeDisabled();
    await drives.first().click();
    await expect(page.getByTestId('export-destination-folder')).toHaveValue(usb);
    await expect(drives.first()).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByTestId('export-summary')).toContainText(`1 package into ${usb}`);
    await saveScreenshot(page, 'records-01-export-choose');

    // ---- A destination that is not there: a clear refusal, nothing exported -----------------------
    const gone = path.join(usb, 'not-plugged-in');
    await page.getByTestId('export-destination-folder').fill(gone);
    await page.getByTestId('export-submit').click();
    const failure = page.getByTestId('export-failure');
    await expect(failure).toBeVisible();
    await expect(page.getByTestId('export-progress')).toHaveCount(0);
    await expect(failure.getByTestId('export-failure-message')).toContainText('nothing was exported');
    await expect(page.getByTestId('export-result')).toHaveCount(0);
    expect(readdirSync(usb)).toEqual([]);
    await failure.evaluate((element) => element.scrollIntoView({ block: 'end' }));
    await saveScreenshot(page, 'records-02-export-refused', { fullPage: false });

    // ---- Retry into the folder typed by its path: progress, then the package -----------------------
    await page.getByTestId('export-destination-folder').fill(usb);
    const seqBefore = lastAuditSeq(floor.fresh.app);
    await watchProgressLine(page);
    await page.getByTestId('export-retry').click();
    const progress = page.getByTestId('export-progress');
    await expect(progress).toHaveAttribute('data-phase', 'done', { timeout: 30_000 });
    await expect(page.getByTestId('export-progress-percent')).toHaveText('100 %');
    await expect(page.getByTestId('export-progress-label')).toHaveText(
      'Export complete — 1 package written, read back and checked',
    );
    await expect(page.getByTestId('export-failure')).toHaveCount(0);
    // The line followed the core's progress events, file by file, before the answer came.
    const seen = await progressSeen(page);
    expect(
      seen.some((line) =>
        /^Batch 1 of 1 · TAB-2026-0501 — (Writing|Verifying) batch-record\.(pdf|json)/.test(line),
      ),
    ).toBe(true);

    const written = page.getByTestId('export-package');
    await expect(written).toHaveCount(1);
    const packageName = (await written.getByTestId('export-package-name').textContent())!;
    expect(packageName).toMatch(/^EBR-TAB-2026-0501-\d{8}T\d{6}Z$/);
    const packageDir = path.join(usb, packageName);
    expect(readdirSync(usb)).toEqual([packageName]);
    expect(readdirSync(packageDir).sort()).toEqual(
      [
        'SHA256SUMS',
        'VERIFY.txt',
        'batch-record.json',
        'batch-record.pdf',
        'batch-record.xml',
        'manifest.json',
        'manifest.sig',
        'public-key.pem',
      ].sort(),
    );
    await expect(written.getByTestId('export-package-folder')).toHaveText(packageDir);
    await expect(written.getByTestId('export-package-manifest-sha256')).toHaveText(
      sha256(readFileSync(path.join(packageDir, 'manifest.json'))),
    );
    await expect(written.getByTestId('export-package-file')).toHaveText([
      /^batch-record\.pdf/,
      /^batch-record\.json/,
      /^batch-record\.xml/,
      /^VERIFY\.txt/,
      /^SHA256SUMS/,
    ]);
    const pdfRow = written.locator('[data-testid="export-package-file"][data-name="batch-record.pdf"]');
    await expect(pdfRow).toContainText(sha256(readFileSync(path.join(packageDir, 'batch-record.pdf'))));
    const audited = auditRowsAfter(floor.fresh.app, seqBefore).filter(
      (row) => row.action === 'batch.exported',
    );
    expect(audited).toHaveLength(1);
    expect(json(audited[0]!.new_value)).toMatchObject({ batchNumber: EXPORTED, packageName });
    await written.scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'records-03-export-complete');

    // ---- Verify the package: valid, signed by this terminal, every file OK -------------------------
    await written.getByTestId('export-package-verify').click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Verify a package');
    await expect(navigation.locator('.nav__link--active')).toHaveText(['Verify a package']);
    await expect(page.getByTestId('verify-package-folder')).toHaveValue(packageDir);
    await page.getByTestId('verify-package-submit').click();
    const report = page.getByTestId('package-report');
    await expect(report).toHaveAttribute('data-valid', 'true');
    await expect(page.getByTestId('package-verdict')).toHaveText(/VALID/);
    await expect(page.getByTestId('package-signer-terminal')).toHaveText(TERMINAL);
    await expect(page.getByTestId('package-batch')).toContainText(EXPORTED);
    await expect(page.getByTestId('package-exported')).toContainText(`${floor.tina.fullName} (tina)`);
    const files = page.getByTestId('package-file');
    await expect(files).toHaveCount(8);
    for (const verdict of await files.evaluateAll((rows) =>
      rows.map((row) => row.getAttribute('data-verdict')),
    )) {
      expect(verdict).toBe('OK');
    }
    await expect(page.getByTestId('package-problem')).toHaveCount(0);
    await saveScreenshot(page, 'records-04-verify-valid');

    // ---- One byte changed on the drive: the report names the file ----------------------------------
    const pdfOnDrive = path.join(packageDir, 'batch-record.pdf');
    const bytes = readFileSync(pdfOnDrive);
    bytes[Math.floor(bytes.length / 2)]! ^= 0x01;
    writeFileSync(pdfOnDrive, bytes);
    await page.getByTestId('verify-package-submit').click();
    await expect(report).toHaveAttribute('data-valid', 'false');
    await expect(page.getByTestId('package-verdict')).toHaveText(/NOT VALID/);
    await expect(page.getByTestId('package-headline')).toHaveText(
      'This package is not as it was signed: 1 problem.',
    );
    const changed = page.locator('[data-testid="package-file"][data-verdict="CHANGED"]');
    await expect(changed).toHaveCount(1);
    await expect(changed).toHaveAttribute('data-name', 'batch-record.pdf');
    await expect(changed.getByTestId('package-file-detail')).toContainText('Changed since it was exported');
    await expect(page.getByTestId('package-problem')).toHaveCount(1);
    await expect(page.getByTestId('package-problem')).toHaveAttribute('data-file', 'batch-record.pdf');
    await expect(page.locator('[data-testid="package-file"][data-verdict="OK"]')).toHaveCount(7);
    await saveScreenshot(page, 'records-05-verify-changed');

    // ---- The batch screen: the batch record PDF; no paper continuation for a finished batch ----------
    await openBatch(page, EXPORTED);
    await expect(page.getByTestId('paper-continuation')).toHaveCount(0);
    const recordText = await downloadPdf(
      page,
      'batch-record-pdf',
      downloads,
      new RegExp(`^batch-record-${EXPORTED}-.*\\.pdf$`),
    );
    expect(recordText).toContain(EXPORTED);
    await expect(page.getByTestId('batch-record-pdf-result')).toContainText(/\d+ pages · SHA-256/);
    // The same record as BatchML, beside the PDF: valid against the shipped schemas.
    const [batchml] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('batch-record-batchml-open').click(),
    ]);
    expect(batchml.suggestedFilename()).toBe(`batch-record-${EXPORTED}.xml`);
    const batchmlFile = path.join(downloads, batchml.suggestedFilename());
    await batchml.saveAs(batchmlFile);
    expect(xmllintSchema(readFileSync(batchmlFile), BATCH_PRODUCTION_RECORD_XSD).ok).toBe(true);
    await expect(page.getByTestId('batch-record-batchml-result')).toContainText('SHA-256');

    // ---- A supervisor prints the paper continuation record of the batch in progress ----------------
    value(await connection.invoke('auth.logout', {}));
    await signInAt(connection, floor.sven.username, floor.sven.password);
    await page.reload();
    await expect(page.getByTestId('signed-in-user')).toContainText(floor.sven.fullName);
    await openBatch(page, RUNNING);
    await page.getByTestId('batch-details-toggle').click();
    await expect(page.getByTestId('paper-continuation-hint')).toContainText('terminal breaks down');
    const seqBeforePaper = lastAuditSeq(floor.fresh.app);
    const paperText = await downloadPdf(
      page,
      'paper-continuation',
      downloads,
      new RegExp(`^paper-continuation-${RUNNING}-.*\\.pdf$`),
    );
    expect(paperText).toContain(RUNNING);
    expect(paperText).toContain('Weigh lactose monohydrate');
    const printed = auditRowsAfter(floor.fresh.app, seqBeforePaper).filter(
      (row) => row.action === 'batch.paper-continuation-printed',
    );
    expect(printed).toHaveLength(1);
    expect(printed[0]!.entity_id).toBe(running.id);
    await page.evaluate(() => window.scrollTo(0, 0));
    await saveScreenshot(page, 'records-06-batch-screen-records', { fullPage: false });

    expect(errors).toEqual([]);
    expect(await cspViolations(page)).toEqual([]);
    console.log(
      `records e2e: setup ${setupSeconds.toFixed(1)} s, total ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  } finally {
    await closePage?.();
    await floor.fresh.cleanup();
    rmSync(usb, { recursive: true, force: true });
    rmSync(downloads, { recursive: true, force: true });
  }
});
