import type { CellInput, RowInput, Styles } from 'jspdf-autotable';
import type { BatchExceptionView, BatchView } from '../../../shared/contract/batches';
import type { SignatureView } from '../../../shared/contract/signatures';
import { meaningLabels } from '../../../shared/signatures';
import type { BatchRecordData } from './batch-record-data';
import { manifestation, utcText, whenText } from './record-facts';
import type { ReportFlow } from './report-frame';
import { dispositionLabels, type RecordDecision, type ReviewRecord } from './review-record';

/**
 * QA's review as the printed records show it (A11-9, A11-15, P11-50a): the disposition block at
 * the top of the batch record's first page and of the review summary, the QA review chapter of the
 * batch record, and what each review item is, in words.
 */

type Rgb = [number, number, number];
const GREY: Rgb = [110, 110, 110];
const RED: Rgb = [170, 0, 0];
const GREEN: Rgb = [0, 105, 45];
const AMBER: Rgb = [135, 85, 0];

const cell = (content: string, styles: Partial<Styles> = {}, span: { col?: number; row?: number } = {}) =>
  ({
    content,
    styles,
    ...(span.col === undefined ? {} : { colSpan: span.col }),
    ...(span.row === undefined ? {} : { rowSpan: span.row }),
  }) as CellInput;

export const plural = (count: number, one: string, many = `${one}s`) =>
  `${count} ${count === 1 ? one : many}`;

/** A review item in words: what kind, at which step, what happened. */
export interface ReviewItemFacts {
  kind: string;
  /** "13" (the step's number in the recipe), or "—". */
  stepNumber: string;
  stepTitle: string;
  what: string;
}

/** "13. Dispense microcrystalline cellulose" */
export const stepText = (facts: ReviewItemFacts) =>
  facts.stepTitle ? `${facts.stepNumber}. ${facts.stepTitle}` : '—';

function exceptionKind(exception: BatchExceptionView): string {
  if (exception.handling === 'override') return 'Override';
  if (exception.handling === 'deviation') return 'Deviation';
  return {
    'manual-entry': 'Manual entry',
    'out-of-limit': 'Out of limits',
    'timer-exceeded': 'Time exceeded',
    // The description says it was recomputed.
    'recomputed-out-of-limit': 'Out of limits',
  }[exception.type];
}

/** `exception:<id>`, `correction:<entry id>`, `signature:<signature id>` → what QA dispositioned. */
export function reviewItemFacts(itemKey: string, view: BatchView): ReviewItemFacts {
  const [kind, id] = itemKey.split(':') as [string, string];
  const stepOf = (stepId: string | null) => {
    const step = view.steps.find((candidate) => candidate.id === stepId);
    return step
      ? { stepNumber: String(step.position + 1), stepTitle: step.definition.title }
      : { stepNumber: '—', stepTitle: '' };
  };
  if (kind === 'exception') {
    const exception = view.exceptions.find((candidate) => candidate.id === id);
    if (exception) {
      return {
        kind: exceptionKind(exception),
        ...stepOf(exception.stepId),
        what: exception.comment ? `${exception.description} — ${exception.comment}` : exception.description,
      };
    }
  }
  if (kind === 'correction') {
    for (const step of view.steps) {
      const entry = step.entries.find((candidate) => candidate.id === id);
      if (!entry) continue;
      const original = step.entries.find((candidate) => candidate.id === entry.supersedesId);
      return {
        kind: 'Correction',
        ...stepOf(step.id),
        what: `${original?.display ?? '?'} → ${entry.display} by ${entry.enteredByName}: ${entry.reason ?? '—'}`,
      };
    }
  }
  if (kind === 'signature') {
    const signature = [
      ...view.signatures,
      ...view.steps.flatMap((step) => step.entries.flatMap((entry) => entry.signatures)),
      ...view.exceptions.flatMap((exception) => exception.signatures),
    ].find((candidate) => candidate.id === id);
    if (signature) {
      const step = view.steps.find((candidate) =>
        candidate.entries.some((entry) => entry.id === signature.record.id),
      );
      return {
        kind: 'Invalid signature',
        ...stepOf(step?.id ?? null),
        what: `${meaningLabels[signature.meaning]} by ${signature.signerName} fails verification: ${signature.verification.problem ?? '—'}`,
      };
    }
  }
  return { kind, ...stepOf(null), what: itemKey };
}

/** "13 accepted, 1 requires investigation (DEV-2026-0117)". */
export function dispositionCounts(
  dispositions: { decision: keyof typeof dispositionLabels; reference: string | null }[],
): string {
  const accepted = dispositions.filter((disposition) => disposition.decision === 'accepted').length;
  const investigations = dispositions.filter((disposition) => disposition.decision === 'investigation');
  const references = [...new Set(investigations.map((disposition) => disposition.reference ?? '—'))];
  return [
    accepted > 0 ? `${accepted} accepted` : null,
    investigations.length > 0
      ? `${investigations.length} ${investigations.length === 1 ? 'requires' : 'require'} investigation (${references.join(', ')})`
      : null,
  ]
    .filter(Boolean)
    .join(', ');
}

/** The signature's manifestation over four lines: who, meaning and statement, when, verification. */
function signatureRows(signature: SignatureView, size: number): { text: string; styles: Partial<Styles> }[] {
  return [
    {
      text: `${signature.signerName} (${signature.signerUsername})`,
      styles: { fontStyle: 'bold', fontSize: size + 1.5 },
    },
    {
      text: `${meaningLabels[signature.meaning]} — “${signature.statement}”`,
      styles: { fontSize: size },
    },
    {
      text: `${whenText(signature.signedAtUtc, signature.timeZone)} · ${signature.timeZone} · terminal ${signature.terminalName}`,
      styles: { fontSize: size },
    },
    signature.verification.valid
      ? { text: 'Electronic signature valid', styles: { fontSize: size, textColor: GREEN } }
      : {
          text: `SIGNATURE INVALID: ${signature.verification.problem ?? 'does not verify'}`,
          styles: { fontSize: size, fontStyle: 'bold', textColor: RED },
        },
  ];
}

export interface DecisionBlockInput {
  view: BatchView;
  decision: RecordDecision | null;
  /** Lines under the decision: how the items were dispositioned, the audit-trail review. */
  facts: string[];
}

/** The state of a batch without a decision, in words, with its colour. */
function undecided(view: BatchView): { headline: string; line: string; color: Rgb } {
  if (view.training) {
    return {
      headline: 'Training batch — never released',
      line: 'A training batch is not a GMP record: QA does not review or release it.',
      color: RED,
    };
  }
  switch (view.status) {
    case 'execution-complete':
      return {
        headline: 'Not yet released — under review',
        line: `Execution complete ${view.executionCompletedAtUtc ? utcText(view.executionCompletedAtUtc) : ''}: QA reviews by exception, then signs “released” or “rejected”.`,
        color: AMBER,
      };
    case 'aborted':
      return {
        headline: 'Aborted — not released',
        line: `The batch was aborted${view.abortedAtUtc ? ` ${utcText(view.abortedAtUtc)}` : ''}; it is never released.`,
        color: RED,
      };
    default:
      return {
        headline: 'In execution — not released',
        line: 'Execution is not complete: QA reviews and decides once it is.',
        color: AMBER,
      };
  }
}

/**
 * The disposition of the batch (A11-15), boxed: RELEASED or REJECTED large with the signature's
 * manifestation and QA's comment; otherwise where the batch stands.
 */
export function decisionBlock(flow: ReportFlow, input: DecisionBlockInput, size = 8): void {
  const { decision, view } = input;
  const body: RowInput[] = [
    [
      cell(
        'DISPOSITION OF THE BATCH BY QUALITY ASSURANCE',
        { fontStyle: 'bold', fontSize: size - 1, textColor: GREY },
        { col: 2 },
      ),
    ],
  ];
  let frame: Rgb;
  if (decision) {
    frame = decision.decision === 'released' ? GREEN : RED;
    const signatures = decision.signatures.flatMap((signature) => signatureRows(signature, size));
    const rows =
      signatures.length > 0
        ? signatures
        : [{ text: 'NO SIGNATURE FOUND', styles: { fontStyle: 'bold', textColor: RED } as Partial<Styles> }];
    rows.forEach((row, index) => {
      const detail = cell(row.text, row.styles);
      body.push(
        index === 0
          ? [
              cell(
                decision.decision.toUpperCase(),
                { fontStyle: 'bold', fontSize: 22, textColor: frame, valign: 'middle' },
                { row: rows.length },
              ),
              detail,
            ]
          : [detail],
      );
    });
    body.push([cell(`Comment: ${decision.comment ?? '—'}`, { fontSize: size + 0.5 }, { col: 2 })]);
  } else {
    const state = undecided(view);
    frame = state.color;
    body.push([cell(state.headline, { fontStyle: 'bold', fontSize: 15, textColor: frame }, { col: 2 })]);
    body.push([cell(state.line, { fontSize: size + 0.5 }, { col: 2 })]);
  }
  for (const fact of input.facts)
    body.push([cell(fact, { fontSize: size, textColor: [50, 50, 50] }, { col: 2 })]);
  flow.table({
    body,
    theme: 'plain',
    tableLineWidth: 0.7,
    tableLineColor: frame,
    styles: { cellPadding: { top: 0.7, right: 2.5, bottom: 0.7, left: 2.5 }, fillColor: false, lineWidth: 0 },
    // Fixed widths: rows spanning both columns give autotable nothing to size them by.
    columnStyles: { 0: { cellWidth: 58 }, 1: { cellWidth: flow.width - 58 } },
    rowPageBreak: 'avoid',
    gap: 4,
  });
}

/** How QA's review stands, in lines for the disposition block. */
export function reviewFacts(review: ReviewRecord): string[] {
  const standing = review.dispositions.filter((disposition) => !disposition.replaced);
  const lines: string[] = [];
  if (standing.length > 0) {
    lines.push(`Review items dispositioned: ${standing.length} — ${dispositionCounts(standing)}.`);
  }
  const auditReview = review.auditReviews.at(-1);
  if (auditReview) {
    lines.push(
      `Audit trail of the batch reviewed by ${auditReview.reviewedByName}, ${utcText(auditReview.reviewedAtUtc)} ` +
        `(${plural(auditReview.rowCount, 'row')}${auditReview.firstSeq === null ? '' : `, seq ${auditReview.firstSeq}–${auditReview.lastSeq}`}).`,
    );
  }
  return lines;
}

/** QA's review in the batch record: every disposition, every audit-trail review, the decision. */
export function qaReviewChapter(flow: ReportFlow, data: BatchRecordData): void {
  const { view, review } = data;
  flow.heading('QA review and disposition');
  flow.paragraph(
    'Review by exception (A11-9, A11-15): each item that was not routine, dispositioned by QA with a signature ' +
      '(accepted, or requires investigation with its reference); the signed review of the batch’s audit trail; ' +
      'the decision. A disposition changed later stays, marked replaced.',
    { size: 7.2, color: GREY, gap: 2 },
  );
  flow.heading('Dispositions', 2);
  if (review.dispositions.length === 0) {
    flow.paragraph('No review item has been dispositioned yet.', { size: 8 });
  } else {
    flow.table({
      head: [['No.', 'Item', 'Decision', 'Comment and reference', 'By, at', 'Signature']],
      body: review.dispositions.map((disposition, index) => {
        const facts = reviewItemFacts(disposition.itemKey, view);
        return [
          cell(String(index + 1), { halign: 'right' }),
          cell(`${facts.kind} · ${stepText(facts)}\n${facts.what}`),
          cell(
            `${dispositionLabels[disposition.decision]}${disposition.replaced ? '\n(replaced by a later disposition)' : ''}`,
            {
              fontStyle: 'bold',
              ...(disposition.decision === 'investigation' ? { textColor: RED } : {}),
              ...(disposition.replaced ? { textColor: GREY } : {}),
            },
          ),
          cell(
            `${disposition.comment}${disposition.reference ? `\nReference: ${disposition.reference}` : ''}`,
          ),
          cell(`${disposition.decidedByName}\n${utcText(disposition.decidedAtUtc)}`),
          cell(disposition.signatures.map((signature) => manifestation(signature)).join('\n') || '—', {
            fontSize: 6.2,
          }),
        ];
      }),
      columnStyles: {
        0: { cellWidth: 8 },
        1: { cellWidth: 52 },
        2: { cellWidth: 22 },
        3: { cellWidth: 40 },
        4: { cellWidth: 26 },
        5: { cellWidth: 38 },
      },
    });
  }
  flow.heading('Review of the audit trail of the batch', 2);
  if (review.auditReviews.length === 0) {
    flow.paragraph('The audit trail of the batch has not been reviewed yet.', { size: 8 });
  } else {
    flow.table({
      head: [['Reviewed by, at', 'Rows covered', 'Comment', 'Signature']],
      body: review.auditReviews.map((auditReview) => [
        cell(`${auditReview.reviewedByName}\n${utcText(auditReview.reviewedAtUtc)}`, { fontStyle: 'bold' }),
        cell(
          `${plural(auditReview.rowCount, 'row')}${auditReview.firstSeq === null ? '' : `\nseq ${auditReview.firstSeq} to ${auditReview.lastSeq}`}\ndigest ${auditReview.digest.slice(0, 16)}…`,
        ),
        cell(auditReview.comment),
        cell(auditReview.signatures.map((signature) => manifestation(signature)).join('\n') || '—', {
          fontSize: 6.2,
        }),
      ]),
      columnStyles: {
        0: { cellWidth: 34 },
        1: { cellWidth: 36 },
        2: { cellWidth: 56 },
        3: { cellWidth: 60 },
      },
    });
  }
  flow.heading('Decision', 2);
  const decision = review.decision;
  flow.paragraph(
    decision
      ? `${decision.decision.toUpperCase()} ${utcText(decision.decidedAtUtc)}. Comment: ${decision.comment ?? '—'}. ` +
          (decision.signatures.map((signature) => manifestation(signature)).join(' ') ||
            'NO SIGNATURE FOUND.')
      : `No decision yet (status: ${view.status}).`,
    { size: 8, ...(decision ? { style: 'bold' as const } : {}) },
  );
}

/** QA's signatures with what each was signed for, for the signature register. */
export function reviewSignatures(data: BatchRecordData): { signature: SignatureView; forWhat: string }[] {
  const { view, review } = data;
  return [
    ...review.dispositions.flatMap((disposition) => {
      const facts = reviewItemFacts(disposition.itemKey, view);
      return disposition.signatures.map((signature) => ({
        signature,
        forWhat: `Disposition (${dispositionLabels[disposition.decision].toLowerCase()}) of ${facts.kind.toLowerCase()} at ${stepText(facts)}`,
      }));
    }),
    ...review.auditReviews.flatMap((auditReview) =>
      auditReview.signatures.map((signature) => ({
        signature,
        forWhat: `Review of the audit trail of the batch (${plural(auditReview.rowCount, 'row')})`,
      })),
    ),
    ...(review.decision?.signatures ?? []).map((signature) => ({
      signature,
      forWhat: `The decision on batch ${view.batchNumber}: ${review.decision!.decision}`,
    })),
  ];
}
