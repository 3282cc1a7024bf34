/**
 * The review summary (A11-15, P11-50a): the one page a Qualified Person reads first, for the
 * realistic wet-granulation batch (manual weighings, a deviation, an override, a correction) before
 * QA's review and after its release; read back with pdftotext / pdfinfo and rendered with pdftoppm
 * into screenshots/pdf/.
 */
process.env.TZ = 'Europe/Paris';

import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BatchView } from '../../shared/contract/batches';
import type { RecordFile } from '../../shared/contract/records';
import { reviewItemFacts } from '../../electron/core/records/qa-review-pdf';
import { zonedText } from '../../electron/core/records/record-facts';
import { formatFingerprint } from '../../electron/core/terminal/terminal-key';
import {
  executeBatch,
  recordFloor,
  waitMinutes,
  WET_GRANULATION,
  type RecordFloor,
} from '../helpers/executed-batch';
import { temporaryFolder } from '../helpers/fresh-app';
import { expectError, value } from '../helpers/identity';
import {
  INVESTIGATION_REFERENCE,
  RELEASE_COMMENT,
  reviewAndRelease,
  reviewOf,
} from '../helpers/reviewed-batch';

const SCREENSHOTS = join(import.meta.dirname, '..', '..', 'screenshots', 'pdf');
const BATCH = 'PCM-2026-0412';

let floor: RecordFloor;
let batch: BatchView;
const folder = temporaryFolder('ebr-review-summary-');

interface ReadSummary {
  file: string;
  pages: number;
  /** `pdftotext -layout`: one table row per line. */
  layout: string;
  /** `pdftotext -raw` (content order: a table cell's lines together), white space made one space. */
  flat: string;
}

const flat = (text: string) => text.replace(/\s+/g, ' ');

async function summary(batchId: string, name: string): Promise<{ record: RecordFile; pdf: ReadSummary }> {
  const record = value<RecordFile>(await floor.quinn.connection.invoke('records.reviewSummary', { batchId }));
  const file = join(folder, name);
  writeFileSync(file, Buffer.from(record.base64, 'base64'));
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const layout = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  const raw = execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' });
  return {
    record,
    pdf: { file, pages: Number(/^Pages:\s+(\d+)/m.exec(info)![1]), layout, flat: flat(raw) },
  };
}

beforeAll(async () => {
  floor = await recordFloor();
  batch = await executeBatch(floor, WET_GRANULATION, BATCH);
  await waitMinutes(floor, 135);
  mkdirSync(SCREENSHOTS, { recursive: true });
}, 300_000);

afterAll(async () => {
  await floor?.fresh.cleanup();
  rmSync(folder, { recursive: true, force: true });
});

describe('review summary', () => {
  it('before the review: every item OPEN, what blocks release, not yet released — on one page', async () => {
    const { record, pdf } = await summary(batch.id, 'under-review.pdf');
    expect(pdf.pages).toBe(1);
    expect(record.pageCount).toBe(1);
    expect(record.fileName).toMatch(new RegExp(`^review-summary-${BATCH}-\\d{8}T\\d{6}Z\\.pdf$`));
    expect(pdf.layout).toContain('Not yet released — under review');
    expect(pdf.layout).toContain('14 NOT DISPOSITIONED.');
    expect(pdf.layout.match(/ OPEN /g)).toHaveLength(14);
    expect(pdf.layout).toContain('• 14 review items are not dispositioned.');
    expect(pdf.layout).toContain('• The audit trail of the batch has not been reviewed.');
    expect(pdf.flat).toMatch(/Not reviewed: \d+ audit rows await QA’s review\./);
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '80',
      '-singlefile',
      pdf.file,
      join(SCREENSHOTS, 'review-summary-under-review'),
    ]);
  });

  it('after release: one A4 page with every item, its disposition, the audit review and the signed decision', async () => {
    await reviewAndRelease(floor, batch.id);
    const review = await reviewOf(floor, batch.id);
    expect(review.batch.status).toBe('released');
    const { record, pdf } = await summary(batch.id, 'review-summary.pdf');
    expect(pdf.pages).toBe(1);
    const info = execFileSync('pdfinfo', [pdf.file], { encoding: 'utf8' });
    expect(info).toMatch(/Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/);

    // The batch: product, recipe version, the dates.
    expect(pdf.layout).toContain(`Batch ${BATCH} · Recipe MR-PCM500-GRB version 3.0 · Status: Released`);
    expect(pdf.flat).toContain('Paracetamol 500 mg tablets, final blend (bulk) (BLK-PCM500)');
    expect(pdf.flat).toContain(
      `${zonedText(review.batch.executionCompletedAtUtc!, 'Europe/Paris')} (${review.batch.executionCompletedAtUtc!.slice(11, 19)} UTC) by Olga Ölander`,
    );
    const [signature] = review.decision;
    expect(pdf.flat).toContain(
      `Released ${zonedText(signature!.signedAtUtc, 'Europe/Paris')} (${signature!.signedAtUtc.slice(11, 19)} UTC) — 2 h 15 min after execution complete`,
    );

    // Counts, then every item on one line: number, kind, step, what, decision, reference, who.
    expect(pdf.flat).toContain(
      '14 review items: 1 override, 1 deviation, 11 manual entries, 1 correction, 0 invalid signatures. ' +
        `All dispositioned: 13 accepted, 1 requires investigation (${INVESTIGATION_REFERENCE}).`,
    );
    const lines = pdf.layout.split('\n');
    review.items.forEach((item, index) => {
      const facts = reviewItemFacts(item.key, review.batch);
      const decision = item.disposition!.decision === 'accepted' ? 'Accepted' : 'Requires investigation';
      const line = lines.find((candidate) =>
        new RegExp(`^\\s*${index + 1}\\s+${facts.kind}\\s+${facts.stepNumber}\\s`).test(candidate),
      );
      expect(line, `${index + 1} ${facts.kind}`).toBeDefined();
      expect(line).toContain(decision);
      expect(line).toContain('Quinn Quérard');
      if (item.disposition!.reference) expect(line).toContain(item.disposition!.reference);
    });
    expect(
      lines.filter((line) => line.includes('Requires investigation') && line.includes('Override')),
    ).toHaveLength(1);

    // The audit-trail review: who, when, rows covered.
    const auditReview = review.auditReview!;
    expect(pdf.flat).toContain(
      `Reviewed by Quinn Quérard, ${zonedText(auditReview.reviewedAtUtc, 'Europe/Paris')}`,
    );
    expect(pdf.flat).toContain(
      `${auditReview.rowCount} rows (seq ${auditReview.firstSeq}–${auditReview.lastSeq}). No row between the review and the decision`,
    );
    // No blockers; the decision with its signature and comment.
    expect(pdf.flat).toContain(
      'The batch is released and locked. Every item is dispositioned, the audit trail was reviewed',
    );
    expect(pdf.layout).toContain('RELEASED');
    expect(pdf.layout).toContain('Quinn Quérard (quinn)');
    expect(pdf.layout).toContain(`Released — “${signature!.statement}”`);
    expect(pdf.layout).toContain(zonedText(signature!.signedAtUtc, signature!.timeZone));
    expect(pdf.layout).toContain('Electronic signature valid');
    expect(pdf.layout).toContain(`Comment: ${RELEASE_COMMENT}`);

    // Tied to the full record: the electronic copy's SHA-256 and the terminal key fingerprint.
    const copy = value<RecordFile>(
      await floor.quinn.connection.invoke('records.electronicCopy', { batchId: batch.id }),
    );
    expect(record.electronicCopySha256).toBe(copy.sha256);
    const fingerprint = formatFingerprint(floor.fresh.app.runtime!.terminal.key.fingerprint);
    expect(pdf.layout.match(new RegExp(copy.sha256, 'g'))).toHaveLength(2);
    expect(pdf.layout).toContain(fingerprint);

    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '110',
      '-singlefile',
      pdf.file,
      join(SCREENSHOTS, 'review-summary'),
    ]);
  });

  it('is the same bytes for the same store and clock', async () => {
    const first = await summary(batch.id, 'again-1.pdf');
    const second = await summary(batch.id, 'again-2.pdf');
    expect(second.record.sha256).toBe(first.record.sha256);
  });

  it('is for QA only (batches.review)', async () => {
    expectError(
      await floor.olga.connection.invoke('records.reviewSummary', { batchId: batch.id }),
      'FORBIDDEN',
    );
    expectError(
      await floor.sven.connection.invoke('records.reviewSummary', { batchId: batch.id }),
      'FORBIDDEN',
    );
    expectError(
      await floor.quinn.connection.invoke('records.reviewSummary', {
        batchId: '00000000-0000-4000-8000-000000000000',
      }),
      'NOT_FOUND',
    );
  });
});
