import type { CellInput, Styles } from 'jspdf-autotable';
import { batchStatusLabels } from '../../../shared/batches/batch-status';
import type { ReviewView } from '../../../shared/contract/review';
import { formatFingerprint } from '../terminal/terminal-key';
import type { BatchRecordData } from './batch-record-data';
import { integrityFooter, pageFrameOf, type RecordContext, type RenderedPdf } from './batch-record-pdf';
import { decisionBlock, dispositionCounts, plural, reviewItemFacts } from './qa-review-pdf';
import { manifestation, whenText } from './record-facts';
import { drawFrames, newReportDocument, ReportFlow } from './report-frame';
import { dispositionLabels } from './review-record';

/**
 * The review summary (A11-15, P11-50a): the one page a Qualified Person reads first. What the batch
 * is, how long QA took, every item that was not routine on one line with how it was dispositioned,
 * the audit-trail review, what still blocks release, the decision with its signature, and the
 * electronic copy's SHA-256 that ties the page to the full record.
 */

export interface ReviewSummaryInput {
  data: BatchRecordData;
  review: ReviewView;
  /** SHA-256 of the electronic copy's bytes (batch-record.json). */
  copySha256: string;
  context: RecordContext;
}

type Rgb = [number, number, number];
const GREY: Rgb = [110, 110, 110];
const RED: Rgb = [170, 0, 0];
const LABEL_FILL: Rgb = [240, 242, 246];

const cell = (content: string, styles: Partial<Styles> = {}, colSpan?: number): CellInput => ({
  content,
  styles,
  ...(colSpan === undefined ? {} : { colSpan }),
});

/** 2.25 → "2 h 15 min"; 52 → "52 h". */
function hoursText(hours: number): string {
  const minutes = Math.round(hours * 60);
  const whole = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return whole === 0 ? `${rest} min` : rest === 0 ? `${whole} h` : `${whole} h ${rest} min`;
}

function factsTable(flow: ReportFlow, input: ReviewSummaryInput): void {
  const { review, data, context } = input;
  const { batch: view } = review;
  const zone = context.timeZone;
  const completion = view.signatures.find((signature) => signature.meaning === 'performed');
  const decision = data.review.decision;
  const decidedAfter =
    decision && view.executionCompletedAtUtc
      ? ` — ${hoursText((Date.parse(decision.decidedAtUtc) - Date.parse(view.executionCompletedAtUtc)) / 3_600_000)} after execution complete`
      : '';
  const changed = view.steps.filter((step) => step.changed).length;
  const label = { fontStyle: 'bold' as const, fillColor: LABEL_FILL };
  const rows: [string, string, string, string][] = [
    ['Batch', view.batchNumber, 'Status', batchStatusLabels[view.status]],
    [
      'Product',
      `${view.productName} (${view.productCode})`,
      'Planned quantity',
      `${view.plannedQuantity} ${view.plannedUnit}`,
    ],
    [
      'Recipe',
      `${view.recipeCode} version ${view.recipeVersionLabel} — ${view.recipeName}`,
      'Executed at',
      `${view.terminalName}, ${view.stepsCompleted} of ${view.stepCount} steps`,
    ],
    [
      'Execution complete',
      view.executionCompletedAtUtc
        ? `${whenText(view.executionCompletedAtUtc, zone)}${completion ? `\nby ${completion.signerName}` : ''}`
        : 'Not yet',
      'Decision',
      decision
        ? `${decision.decision === 'released' ? 'Released' : 'Rejected'} ${whenText(decision.decidedAtUtc, zone)}${decidedAfter}`
        : 'Not yet',
    ],
    [
      'Exceptions',
      `${view.exceptions.length} raised, ${view.exceptions.filter((exception) => exception.status === 'open').length} open`,
      'Changed since original entry',
      changed === 0 ? 'Nothing' : plural(changed, 'step'),
    ],
  ];
  flow.table({
    body: rows.map(([a, b, c, d]) => [cell(a, label), cell(b), cell(c, label), cell(d)]),
    columnStyles: { 0: { cellWidth: 27 }, 1: { cellWidth: 66 }, 2: { cellWidth: 27 }, 3: { cellWidth: 66 } },
    styles: { fontSize: 7.2, cellPadding: { top: 0.8, right: 1.2, bottom: 0.8, left: 1.2 } },
    gap: 3,
  });
}

function itemsSection(flow: ReportFlow, review: ReviewView): void {
  const { counts, items } = review;
  flow.heading('What was not routine', 2);
  const kinds = [
    plural(counts.overrides, 'override'),
    plural(counts.deviations, 'deviation'),
    plural(counts.manualEntries, 'manual entry', 'manual entries'),
    plural(counts.corrections, 'correction'),
    plural(counts.invalidSignatures, 'invalid signature'),
  ];
  const decided = items.flatMap((item) => (item.disposition ? [item.disposition] : []));
  flow.paragraph(
    `${plural(items.length, 'review item')}: ${kinds.join(', ')}. ` +
      (counts.openItems === 0
        ? `All dispositioned: ${dispositionCounts(decided) || 'nothing to disposition'}.`
        : `${counts.openItems} NOT DISPOSITIONED.`),
    { size: 7.8, gap: 1.2, ...(counts.openItems > 0 ? { style: 'bold' as const, color: RED } : {}) },
  );
  if (items.length === 0) {
    flow.paragraph('Nothing needed a disposition: every value was within limits and captured as expected.', {
      size: 7.8,
    });
    return;
  }
  // One line per item (cut with “…” if long): the batch record has every word.
  flow.table({
    head: [['No.', 'Kind', 'Step', 'What happened', 'Disposition', 'Reference', 'By']],
    body: items.map((item, index) => {
      const facts = reviewItemFacts(item.key, review.batch);
      const disposition = item.disposition;
      // Exception descriptions begin with the step's title already.
      const what =
        facts.stepTitle && !facts.what.startsWith(facts.stepTitle)
          ? `${facts.stepTitle}: ${facts.what}`
          : facts.what;
      return [
        cell(String(index + 1), { halign: 'right' }),
        cell(facts.kind, { fontStyle: 'bold' }),
        cell(facts.stepNumber, { halign: 'right' }),
        cell(what),
        disposition
          ? cell(dispositionLabels[disposition.decision], {
              fontStyle: 'bold',
              ...(disposition.decision === 'investigation' ? { textColor: RED } : {}),
            })
          : cell('OPEN', { fontStyle: 'bold', textColor: RED }),
        cell(disposition?.reference ?? '—'),
        cell(disposition?.decidedByName ?? '—'),
      ];
    }),
    styles: {
      fontSize: 6.3,
      overflow: 'ellipsize',
      cellPadding: { top: 0.7, right: 1, bottom: 0.7, left: 1 },
    },
    // Sized to "Requires investigation", "DEV-2026-0117", a printed name at 6.3 pt; the rest says what happened.
    columnStyles: {
      0: { cellWidth: 7 },
      1: { cellWidth: 21 },
      2: { cellWidth: 8 },
      3: { cellWidth: flow.width - 7 - 21 - 8 - 31 - 20 - 21 },
      4: { cellWidth: 31 },
      5: { cellWidth: 20 },
      6: { cellWidth: 21 },
    },
    gap: 1,
  });
  flow.paragraph('One line per item, cut short where long: the batch record has each in full, with times.', {
    size: 6.3,
    color: GREY,
    gap: 2.5,
  });
}

/** Audit rows after the latest audit-trail review, and before the decision once there is one. */
function rowsAfterAuditReview(review: ReviewView): number | null {
  if (!review.auditReview) return null;
  const { status } = review.batch;
  const decisionRow =
    status === 'released' || status === 'rejected'
      ? [...review.auditRows].reverse().find((row) => row.action === `batch.${status}`)
      : undefined;
  const lastSeq = review.auditReview.lastSeq ?? 0;
  return review.auditRows.filter((row) => row.seq > lastSeq && (!decisionRow || row.seq < decisionRow.seq))
    .length;
}

function auditReviewSection(flow: ReportFlow, review: ReviewView, zone: string): void {
  flow.heading('Audit trail of the batch', 2);
  const auditReview = review.auditReview;
  if (!auditReview) {
    flow.paragraph(`Not reviewed: ${plural(review.auditRows.length, 'audit row')} await QA’s review.`, {
      size: 7.8,
      style: 'bold',
      color: RED,
      gap: 2.5,
    });
    return;
  }
  const range = auditReview.firstSeq === null ? '' : ` (seq ${auditReview.firstSeq}–${auditReview.lastSeq})`;
  const after = rowsAfterAuditReview(review) ?? 0;
  const decided = review.batch.status === 'released' || review.batch.status === 'rejected';
  flow.paragraph(
    `Reviewed by ${auditReview.reviewedByName}, ${whenText(auditReview.reviewedAtUtc, zone)}: ` +
      `${plural(auditReview.rowCount, 'row')}${range}. ` +
      (after === 0
        ? decided
          ? 'No row between the review and the decision: it covered the whole trail.'
          : 'No row since: the review covers the whole trail.'
        : `${plural(after, 'row')} came after it${decided ? ', before the decision' : ''}.`),
    { size: 7.8, gap: 0.6, ...(after > 0 ? { style: 'bold' as const, color: RED } : {}) },
  );
  flow.paragraph(`Comment: ${auditReview.comment}`, { size: 7.5, gap: 0.6 });
  for (const signature of auditReview.signatures) {
    flow.paragraph(`✍ ${manifestation(signature)}`, { size: 7, color: [50, 50, 50], gap: 0.6 });
  }
  flow.space(1.5);
}

function blockersSection(flow: ReportFlow, review: ReviewView): void {
  flow.heading('What blocks release', 2);
  const { status } = review.batch;
  if (status !== 'released' && status !== 'rejected') {
    if (review.releaseBlockers.length === 0) {
      flow.paragraph(
        'Nothing: every item is dispositioned, the audit trail is reviewed and every signature verifies.',
        { size: 7.8, gap: 2.5 },
      );
      return;
    }
    for (const blocker of review.releaseBlockers) {
      flow.paragraph(`• ${blocker}`, { size: 7.8, style: 'bold', color: RED, gap: 0.6 });
    }
    flow.space(2);
    return;
  }
  // Decided: the conditions of release as the record stands now (a signature can fail later).
  const after = rowsAfterAuditReview(review);
  const problems = [
    review.counts.openItems > 0
      ? `${plural(review.counts.openItems, 'review item')} not dispositioned.`
      : null,
    after === null ? 'The audit trail of the batch was not reviewed.' : null,
    after !== null && after > 0 ? `${plural(after, 'audit row')} after the audit-trail review.` : null,
    review.allSignaturesValid ? null : 'A signature of the batch fails verification.',
  ].filter((problem): problem is string => problem !== null);
  flow.paragraph(
    `The batch is ${status} and locked. ` +
      (problems.length === 0
        ? 'Every item is dispositioned, the audit trail was reviewed and every signature verifies.'
        : ''),
    { size: 7.8, gap: problems.length === 0 ? 2.5 : 0.6 },
  );
  for (const problem of problems) {
    flow.paragraph(`• ${problem}`, { size: 7.8, style: 'bold', color: RED, gap: 0.6 });
  }
  if (problems.length > 0) flow.space(2);
}

function integritySection(flow: ReportFlow, input: ReviewSummaryInput): void {
  const { data, review, copySha256, context } = input;
  flow.heading('The full record', 2);
  const rows: [string, string][] = [
    ['Electronic copy SHA-256', copySha256],
    [
      'Terminal key fingerprint',
      `${formatFingerprint(data.thisTerminal.keyFingerprint)} (${data.thisTerminal.name})`,
    ],
    [
      'Signatures',
      review.allSignaturesValid
        ? 'Every signature of the batch verifies against its record as it is now.'
        : 'A SIGNATURE OF THE BATCH FAILS VERIFICATION.',
    ],
    [
      'This summary',
      `Generated ${whenText(context.generatedAtUtc, context.timeZone)} by ${context.generatedBy} at ${context.terminalName}. ` +
        'The batch record PDF made from the same store prints the same SHA-256 on every page.',
    ],
  ];
  flow.table({
    body: rows.map(([label, value]) => [
      cell(label, { fontStyle: 'bold', fillColor: LABEL_FILL }),
      cell(
        value,
        label === 'Signatures' && !review.allSignaturesValid ? { textColor: RED, fontStyle: 'bold' } : {},
      ),
    ]),
    columnStyles: { 0: { cellWidth: 38 }, 1: { cellWidth: 148 } },
    styles: { fontSize: 7.2, cellPadding: { top: 0.8, right: 1.2, bottom: 0.8, left: 1.2 } },
    gap: 0,
  });
}

/** Renders the review summary; same input, same bytes. */
export function renderReviewSummaryPdf(input: ReviewSummaryInput): RenderedPdf {
  const { data, review, context, copySha256 } = input;
  const view = review.batch;
  const doc = newReportDocument({
    title: `Review summary ${view.batchNumber}`,
    subject: `${view.productName} — ${view.recipeCode} version ${view.recipeVersionLabel}`,
    author: context.generatedBy,
    creator: `EBR Workstation ${context.applicationVersion}`,
    generatedAtUtc: context.generatedAtUtc,
    contentKey: `review-summary\n${copySha256}`,
  });
  const flow = new ReportFlow(doc);
  flow.paragraph('Review summary', { size: 15, style: 'bold', gap: 0.3 });
  flow.paragraph(`Batch ${view.batchNumber}: what was exceptional, and how QA dispositioned it`, {
    size: 9,
    color: [60, 60, 60],
    gap: 2.5,
  });
  decisionBlock(flow, { view, decision: data.review.decision, facts: [] }, 7.5);
  factsTable(flow, input);
  itemsSection(flow, review);
  auditReviewSection(flow, review, context.timeZone);
  blockersSection(flow, review);
  integritySection(flow, input);
  const pageCount = drawFrames(
    doc,
    pageFrameOf(
      view,
      'Review summary',
      context,
      integrityFooter(copySha256, data.thisTerminal.keyFingerprint, context.applicationVersion),
    ),
  );
  return { bytes: Buffer.from(doc.output('arraybuffer')), pageCount };
}
