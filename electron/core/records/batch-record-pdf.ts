import type { CellInput, RowInput, Styles } from 'jspdf-autotable';
import { batchStatusLabels, exceptionTypeLabels } from '../../../shared/batches/batch-status';
import type {
  BatchEntryView,
  BatchExceptionView,
  BatchStepView,
  BatchView,
} from '../../../shared/contract/batches';
import type { SignatureView } from '../../../shared/contract/signatures';
import type { Language } from '../../../shared/i18n/languages';
import { meaningLabelIn, meaningStatementIn } from '../../../shared/i18n/meaning-statements';
import { translator } from '../../../shared/i18n/translator';
import { oldNewCells } from '../audit/audit-pdf';
import { formatFingerprint } from '../terminal/terminal-key';
import type { BatchAuditRow, BatchRecordData } from './batch-record-data';
import { equipmentAtUseChapter, lotsAtUseChapter } from './batch-record-world-pdf';
import { stepQualificationsTable } from './qualifications-pdf';
import { decisionBlock, qaReviewChapter, reviewFacts, reviewSignatures } from './qa-review-pdf';
import {
  equipmentOf,
  limitsText,
  manifestation,
  materialsOf,
  originText,
  resultText,
  stepTypeLabel,
  utcText,
  valueDetails,
  whenText,
  yieldOf,
} from './record-facts';
import { dispositionLabels, standingDispositions } from './review-record';
import {
  drawFrames,
  MARGIN,
  newReportDocument,
  ReportFlow,
  type PageFrame,
  type StruckCells,
} from './report-frame';

/**
 * The batch record PDF (P11-10b, A11-8.1, A11-8.2, P11-50b, R211-188b): the whole executed batch
 * for review and release, generated from the same read as the electronic copy whose SHA-256 every
 * page's footer carries. Layout and what each part proves: docs/batch-record.md.
 */

export interface RecordContext {
  generatedAtUtc: string;
  /** IANA zone of the terminal generating the record. */
  timeZone: string;
  applicationVersion: string;
  /** Printed name of the person who asked for the record. */
  generatedBy: string;
  terminalName: string;
  /** The store is a demonstration store (`ebr demo`): every page says DEMO. */
  demo?: boolean;
  /** The language of the person who asked for the record (English when not given). */
  language?: Language;
}

export interface BatchRecordPdfInput {
  data: BatchRecordData;
  /** SHA-256 of the electronic copy's bytes (batch-record.json). */
  copySha256: string;
  context: RecordContext;
}

export interface RenderedPdf {
  bytes: Buffer;
  pageCount: number;
}

const GREY: [number, number, number] = [120, 120, 120];
const RED: [number, number, number] = [170, 0, 0];
const GROUP_FILL: [number, number, number] = [246, 247, 250];

export function integrityFooter(
  copySha256: string,
  keyFingerprint: string,
  applicationVersion: string,
): string[] {
  return [
    `Electronic copy (batch-record.json) SHA-256: ${copySha256}`,
    `Signing terminal key (Ed25519) fingerprint: ${formatFingerprint(keyFingerprint)} · EBR Workstation ${applicationVersion}`,
  ];
}

export function pageFrameOf(
  view: BatchView,
  title: string,
  context: RecordContext,
  footerLines: string[],
): PageFrame {
  return {
    title,
    productCode: view.productCode,
    productName: view.productName,
    batchNumber: view.batchNumber,
    recipeCode: view.recipeCode,
    recipeVersionLabel: view.recipeVersionLabel,
    status: batchStatusLabels[view.status],
    training: view.training,
    demo: context.demo === true,
    generatedAtUtc: context.generatedAtUtc,
    timeZone: context.timeZone,
    footerLines,
  };
}

const cell = (content: string, styles: Partial<Styles> = {}, colSpan?: number): CellInput => ({
  content,
  styles,
  ...(colSpan === undefined ? {} : { colSpan }),
});

const who = (name: string, atUtc: string) => `${name}\n${utcText(atUtc)}`;

function signatureLines(signatures: SignatureView[]): string {
  return signatures.map((signature) => `✍ ${manifestation(signature)}`).join('\n');
}

/** Chapters and the page each begins on, for the contents list on page 1. */
type Contents = { title: string; page: number }[];

function summaryChapter(flow: ReportFlow, input: BatchRecordPdfInput, reservedContents: number): number {
  const { view, recipe, review } = input.data;
  const { context } = input;
  const t = translator(context.language ?? 'en');
  flow.paragraph(t('records:batchRecord.title'), { size: 17, style: 'bold', gap: 0.5 });
  flow.paragraph(`${view.productName} (${view.productCode})`, { size: 11, gap: 3 });
  // Which language this record is in, and that signed statements keep the words they were signed in.
  flow.paragraph(t('records:batchRecord.languageLine', { name: context.generatedBy }), {
    size: 8,
    style: 'bold',
    gap: 2,
  });
  if (view.training) {
    flow.paragraph(
      'TRAINING BATCH: executed for training only. It is not a GMP record and its product is not for release.',
      { size: 9, style: 'bold', color: RED, gap: 2.5 },
    );
  }
  // QA's decision first: released or not is what a reader of the record must see before anything else.
  decisionBlock(flow, { view, decision: review.decision, facts: reviewFacts(review) });
  const changed = view.steps.filter((step) => step.changed).length;
  const corrections = view.steps
    .flatMap((step) => step.entries)
    .filter((e) => e.kind === 'correction').length;
  const recomputed = view.steps.flatMap((step) => step.entries).filter((e) => e.kind === 'recomputed').length;
  const yieldFacts = yieldOf(view, recipe.content);
  const yieldLine =
    yieldFacts.product
      .map((line) => `${line.actual}${line.percent ? ` = ${line.percent} of theoretical` : ''}`)
      .join('; ') || 'No product weighing in this recipe';
  const label = { fontStyle: 'bold' as const, fillColor: [240, 242, 246] as [number, number, number] };
  const rows: [string, string, string, string][] = [
    ['Batch number', view.batchNumber, 'Status', batchStatusLabels[view.status]],
    [
      'Product',
      `${view.productName} (${view.productCode})`,
      'Planned quantity',
      `${view.plannedQuantity} ${view.plannedUnit}`,
    ],
    [
      'Recipe',
      `${view.recipeCode} version ${view.recipeVersionLabel}\n${view.recipeName}`,
      'Recipe content SHA-256',
      view.recipeContentHash,
    ],
    [
      'Training batch',
      view.training ? 'YES — not a GMP record' : 'No',
      'Executed at terminal',
      view.terminalName,
    ],
    [
      'Created',
      who(view.createdByName, view.createdAtUtc),
      'Started',
      view.startedAtUtc ? utcText(view.startedAtUtc) : 'Not started',
    ],
    [
      view.abortedAtUtc ? 'Aborted' : 'Execution completed',
      view.abortedAtUtc
        ? utcText(view.abortedAtUtc)
        : view.executionCompletedAtUtc
          ? utcText(view.executionCompletedAtUtc)
          : 'Not yet',
      'Steps completed',
      `${view.stepsCompleted} of ${view.stepCount}`,
    ],
    [
      'Exceptions',
      `${view.exceptions.length} (${view.openExceptions} open)`,
      'Changed since original entry',
      changed === 0
        ? 'Nothing'
        : `${changed} step${changed === 1 ? '' : 's'}: ${corrections} correction${corrections === 1 ? '' : 's'}, ${recomputed} recomputation${recomputed === 1 ? '' : 's'}`,
    ],
    [
      'Actual yield',
      yieldLine,
      'Record generated',
      `${whenText(context.generatedAtUtc, context.timeZone)}\nby ${context.generatedBy} at ${context.terminalName}`,
    ],
  ];
  flow.table({
    body: rows.map(([a, b, c, d]) => [cell(a, label), cell(b), cell(c, label), cell(d)]),
    columnStyles: { 0: { cellWidth: 30 }, 1: { cellWidth: 63 }, 2: { cellWidth: 30 }, 3: { cellWidth: 63 } },
    styles: { fontSize: 7.8 },
  });
  flow.paragraph(
    'Times are UTC unless a time zone is named. Signatures show the signer’s printed name, the meaning of the ' +
      'signature with the statement signed, and the date and time in the terminal’s zone with UTC beside it. ' +
      'A value changed since its original entry shows the original struck through, with who changed it, when and why.',
    { size: 7.2, color: GREY, gap: 3 },
  );
  flow.heading(t('records:batchRecord.contents'), 2);
  const contentsTop = flow.y;
  flow.space(reservedContents * 4 + 3);
  if (view.signatures.length > 0) {
    flow.heading(t('records:batchRecord.batchSignatures'), 2);
    for (const signature of view.signatures) flow.paragraph(`✍ ${manifestation(signature)}`, { size: 8 });
  }
  return contentsTop;
}

function materialsChapter(flow: ReportFlow, data: BatchRecordData): void {
  const materials = materialsOf(data.view, data.recipe.content);
  flow.heading('Materials and lots');
  if (materials.length === 0) {
    flow.paragraph('The recipe lists no materials.');
    return;
  }
  flow.table({
    head: [['Material', 'Name', 'Lot(s) scanned', 'Planned', 'Dispensed', 'Weighed at']],
    body: materials.map((material) => [
      cell(material.code, { fontStyle: 'bold' }),
      material.name,
      material.lots.length > 0 ? material.lots.join('\n') : 'No lot scanned',
      material.planned,
      material.dispensed,
      material.steps.join('\n') || '—',
    ]),
    columnStyles: {
      0: { cellWidth: 20 },
      1: { cellWidth: 50 },
      2: { cellWidth: 32 },
      3: { cellWidth: 24 },
      4: { cellWidth: 24 },
      5: { cellWidth: 36 },
    },
  });
}

function equipmentChapter(flow: ReportFlow, data: BatchRecordData): void {
  const equipment = equipmentOf(data.view, data.recipe.content);
  flow.heading('Equipment used');
  if (equipment.length === 0) {
    flow.paragraph('No equipment was identified in this batch yet.');
    return;
  }
  flow.table({
    head: [['Equipment', 'Description', 'Identified in this batch']],
    body: equipment.map((line) => [
      cell(line.id, { fontStyle: 'bold' }),
      line.description,
      line.usedFor.join('\n'),
    ]),
    columnStyles: { 0: { cellWidth: 26 }, 1: { cellWidth: 70 }, 2: { cellWidth: 90 } },
  });
}

function yieldChapter(flow: ReportFlow, data: BatchRecordData): void {
  const facts = yieldOf(data.view, data.recipe.content);
  flow.heading('Yield');
  if (facts.product.length === 0 && facts.calculations.length === 0) {
    flow.paragraph('The recipe has no product weighing and no yield calculation.');
    return;
  }
  flow.table({
    head: [['Yield', 'Actual', 'Theoretical', '% of theoretical']],
    body: [
      ...facts.product.map((line) => [line.stepTitle, line.actual, line.theoretical, line.percent ?? '—']),
      ...facts.calculations.map((line) => [
        `${line.stepTitle} (recipe calculation)`,
        line.value,
        line.limits ? `Limits ${line.limits}` : '—',
        line.result,
      ]),
    ],
    columnStyles: { 0: { cellWidth: 60 }, 1: { cellWidth: 36 }, 2: { cellWidth: 60 }, 3: { cellWidth: 30 } },
  });
}

function entryRow(
  step: BatchStepView,
  entry: BatchEntryView,
  first: boolean,
  struck: StruckCells,
  fill: [number, number, number] | false,
): RowInput {
  const base = { fillColor: fill };
  const definition = step.definition;
  const stepCell = first
    ? cell(
        `${definition.title}\n${stepTypeLabel(definition)} · ${definition.id}${definition.critical ? ' · CRITICAL' : ''}`,
        { ...base, fontStyle: 'bold' },
      )
    : cell(entry.kind === 'correction' ? '↳ Correction' : '↳ Recomputed', {
        ...base,
        fontStyle: 'bold',
        textColor: RED,
      });
  const valueCell = cell(entry.display, { ...base, fontStyle: entry.superseded ? 'normal' : 'bold' });
  if (entry.superseded) struck.add(valueCell as object);
  const details = valueDetails(entry.value);
  const value: CellInput[] =
    details.length > 0 && !entry.superseded
      ? [cell(`${entry.display}\n${details.join('\n')}`, { ...base, fontStyle: 'normal' })]
      : [valueCell];
  const result = entry.superseded
    ? cell(`Superseded\n(was: ${resultText(entry)})`, { ...base, textColor: GREY })
    : cell(resultText(entry), {
        ...base,
        ...(entry.withinLimits === false ? { textColor: RED, fontStyle: 'bold' } : {}),
      });
  return [
    cell(String(step.position + 1), { ...base, halign: 'right', textColor: first ? [20, 20, 20] : GREY }),
    stepCell,
    ...value,
    cell(limitsText(definition, entry.value), base),
    result,
    cell(originText(entry), base),
    cell(who(entry.enteredByName, entry.enteredAtUtc), base),
  ];
}

function spanRow(
  step: BatchStepView,
  text: string,
  fill: [number, number, number] | false,
  styles: Partial<Styles> = {},
): RowInput {
  return [
    cell(String(step.position + 1), { fillColor: fill, halign: 'right', textColor: GREY }),
    cell(text, { fillColor: fill, fontSize: 6.6, ...styles }, 6),
  ];
}

function changedNote(
  step: BatchStepView,
  entry: BatchEntryView,
  original: BatchEntryView | undefined,
  view: BatchView,
): string {
  if (entry.kind === 'correction') {
    return (
      `CHANGED SINCE ORIGINAL ENTRY — correction: ${original ? `“${original.display}” (struck through above) ` : ''}` +
      `changed to “${entry.display}” by ${entry.enteredByName} at ${utcText(entry.enteredAtUtc)}. Reason: ${entry.reason ?? '—'}`
    );
  }
  const cause = view.steps.find((candidate) =>
    candidate.entries.some(
      (other) => other.kind === 'correction' && other.enteredAtUtc === entry.enteredAtUtc,
    ),
  );
  return (
    `CHANGED SINCE ORIGINAL ENTRY — recomputed calculation: ${original ? `“${original.display}” ` : ''}recalculated to ` +
    `“${entry.display}”${cause ? ` after the correction of “${cause.definition.title}”` : ''} at ${utcText(entry.enteredAtUtc)}` +
    ` (correction entered by ${entry.enteredByName}). Reason: ${entry.reason ?? '—'}`
  );
}

function stepsChapter(flow: ReportFlow, view: BatchView, struck: StruckCells, language: Language): void {
  flow.heading(translator(language)('records:batchRecord.chapters.steps'));
  flow.paragraph(
    'Every step of the recipe in order, with every entry made: values with units, the limits applied and the result, ' +
      'where the value came from (instrument with serial number, manual entry, computed, clock), who entered it and ' +
      'when, and the signatures on it. Originals changed later stay, struck through.',
    { size: 7.2, color: GREY, gap: 2 },
  );
  const head = [
    ['No.', 'Step', 'Recorded value', 'Limits / expected', 'Result', 'Data origin', 'Entered by, at'],
  ];
  const columnStyles = {
    0: { cellWidth: 8 },
    1: { cellWidth: 36 },
    2: { cellWidth: 39 },
    3: { cellWidth: 26 },
    4: { cellWidth: 18 },
    5: { cellWidth: 22 },
    6: { cellWidth: 37 },
  };
  for (const operation of view.operations) {
    const steps = view.steps.filter((step) => step.operationId === operation.id);
    if (steps.length === 0) continue;
    flow.heading(operation.title, 2);
    const body: RowInput[] = [];
    steps.forEach((step, index) => {
      const fill: [number, number, number] | false = index % 2 === 1 ? GROUP_FILL : false;
      if (step.entries.length === 0) {
        const state =
          step.status === 'in-progress'
            ? `In progress${step.ownerName ? ` (${step.ownerName})` : ''}`
            : step.ready
              ? 'Not done (ready)'
              : 'Not done';
        const definition = step.definition;
        body.push([
          cell(String(step.position + 1), { fillColor: fill, halign: 'right' }),
          cell(
            `${definition.title}\n${stepTypeLabel(definition)} · ${definition.id}${definition.critical ? ' · CRITICAL' : ''}`,
            {
              fillColor: fill,
              fontStyle: 'bold',
            },
          ),
          cell(state, { fillColor: fill, textColor: GREY }),
          cell(limitsText(definition, null), { fillColor: fill }),
          cell('', { fillColor: fill }),
          cell('', { fillColor: fill }),
          cell('', { fillColor: fill }),
        ]);
        return;
      }
      step.entries.forEach((entry, entryIndex) => {
        body.push(entryRow(step, entry, entryIndex === 0, struck, fill));
        if (entry.kind !== 'original') {
          const original = step.entries.find((other) => other.id === entry.supersedesId);
          body.push(
            spanRow(step, changedNote(step, entry, original, view), fill, {
              textColor: RED,
              fontStyle: 'bold',
            }),
          );
        }
        if (entry.signatures.length > 0) body.push(spanRow(step, signatureLines(entry.signatures), fill));
      });
    });
    flow.table({ head, body, columnStyles, struck });
  }
}

function exceptionDisposition(exception: BatchExceptionView, data: BatchRecordData): string {
  const row = data.exceptionRows.get(exception.id);
  if (!row || row.dispositionedAtUtc === null) return exception.status === 'open' ? 'Open' : exception.status;
  const status = row.status === 'open' ? 'Open' : dispositionLabels[row.status];
  return [
    status,
    `by ${row.dispositionedByName ?? '—'}, ${utcText(row.dispositionedAtUtc)}`,
    row.dispositionComment ? `Comment: ${row.dispositionComment}` : '',
    row.dispositionReference ? `Reference: ${row.dispositionReference}` : '',
  ]
    .filter(Boolean)
    .join('\n');
}

function exceptionsChapter(flow: ReportFlow, data: BatchRecordData, language: Language): void {
  const { view } = data;
  flow.heading(translator(language)('records:batchRecord.chapters.exceptions'));
  if (view.exceptions.length === 0) {
    flow.paragraph('No exception was raised in this batch.');
    return;
  }
  const body: RowInput[] = [];
  const dispositions = standingDispositions(data.review);
  view.exceptions.forEach((exception, index) => {
    const fill: [number, number, number] | false = index % 2 === 1 ? GROUP_FILL : false;
    const base = { fillColor: fill };
    const disposition = exceptionDisposition(exception, data);
    body.push([
      cell(String(index + 1), { ...base, halign: 'right' }),
      cell(exception.stepTitle, { ...base, fontStyle: 'bold' }),
      cell(
        `${exceptionTypeLabels[exception.type]}\nSeverity: ${exception.severity}\nHandling: ${exception.handling}`,
        base,
      ),
      cell(`${exception.description}${exception.comment ? `\nComment: ${exception.comment}` : ''}`, base),
      cell(who(exception.raisedByName, exception.raisedAtUtc), base),
      cell(disposition, {
        ...base,
        ...(disposition === 'Open' ? { fontStyle: 'bold', textColor: RED } : {}),
      }),
    ]);
    // The override signature, then QA's disposition signature.
    const signatures = [
      ...exception.signatures,
      ...(dispositions.get(`exception:${exception.id}`)?.signatures ?? []),
    ];
    if (signatures.length > 0) {
      body.push([cell('', base), cell(signatureLines(signatures), { ...base, fontSize: 6.6 }, 5)]);
    }
  });
  flow.table({
    head: [
      ['No.', 'Step', 'Type, severity, handling', 'Description and comment', 'Raised by, at', 'Disposition'],
    ],
    body,
    columnStyles: {
      0: { cellWidth: 8 },
      1: { cellWidth: 30 },
      2: { cellWidth: 34 },
      3: { cellWidth: 55 },
      4: { cellWidth: 30 },
      5: { cellWidth: 29 },
    },
  });
}

function changesChapter(flow: ReportFlow, view: BatchView, struck: StruckCells, language: Language): void {
  flow.heading(translator(language)('records:batchRecord.chapters.changes'));
  const changed = view.steps.flatMap((step) =>
    step.entries
      .filter((entry) => entry.kind !== 'original')
      .map((entry) => ({
        step,
        entry,
        original: step.entries.find((other) => other.id === entry.supersedesId),
      })),
  );
  if (changed.length === 0) {
    flow.paragraph('No value was changed after its original entry (A11-8.2).');
    return;
  }
  flow.paragraph(
    `${changed.length} value${changed.length === 1 ? ' was' : 's were'} changed after the original entry (A11-8.2). ` +
      'Corrections were signed; recomputed calculations follow from a correction of a value they read.',
    { size: 7.5, gap: 1.5 },
  );
  flow.table({
    head: [['Step', 'Original value', 'Changed to', 'How, by whom, when', 'Reason']],
    body: changed.map(({ step, entry, original }) => {
      const originalCell = cell(original?.display ?? '—');
      if (original) struck.add(originalCell as object);
      return [
        cell(`${step.position + 1}. ${step.definition.title}`, { fontStyle: 'bold' }),
        originalCell,
        cell(entry.display, { fontStyle: 'bold' }),
        cell(
          `${entry.kind === 'correction' ? 'Corrected' : 'Recomputed (calculation)'} — changed since original entry\n` +
            `${entry.enteredByName}\n${utcText(entry.enteredAtUtc)}`,
        ),
        cell(entry.reason ?? '—'),
      ];
    }),
    columnStyles: {
      0: { cellWidth: 38 },
      1: { cellWidth: 30 },
      2: { cellWidth: 30 },
      3: { cellWidth: 44 },
      4: { cellWidth: 44 },
    },
    struck,
  });
}

interface SignatureRecordLine {
  signature: SignatureView;
  forWhat: string;
}

function everySignature(data: BatchRecordData): SignatureRecordLine[] {
  const { view } = data;
  const lines: SignatureRecordLine[] = [];
  for (const step of view.steps) {
    for (const entry of step.entries) {
      const kind =
        entry.kind === 'original' ? 'entry' : entry.kind === 'correction' ? 'correction' : 'recomputation';
      for (const signature of entry.signatures) {
        lines.push({
          signature,
          forWhat: `${step.position + 1}. ${step.definition.title} (${kind}: ${entry.display})`,
        });
      }
    }
  }
  for (const exception of view.exceptions) {
    for (const signature of exception.signatures) {
      lines.push({ signature, forWhat: `Exception at “${exception.stepTitle}” (${exception.handling})` });
    }
  }
  for (const signature of view.signatures)
    lines.push({ signature, forWhat: `The batch ${view.batchNumber}` });
  lines.push(...reviewSignatures(data));
  return lines.sort((a, b) =>
    a.signature.signedAtUtc === b.signature.signedAtUtc
      ? 0
      : a.signature.signedAtUtc < b.signature.signedAtUtc
        ? -1
        : 1,
  );
}

/** A statement as signed, with the reader's translation beside it when it was signed in another language. */
function statementAsSigned(signature: SignatureView, language: Language): string {
  const signedIn = signature.statementLanguage ?? 'en';
  const asSigned = `“${signature.statement}”`;
  if (signedIn === language) return asSigned;
  const t = translator(language);
  return `${asSigned}\n${t('records:batchRecord.translation', {
    language: t(`records:batchRecord.languageNames.${language}`),
    statement: meaningStatementIn(signature.meaning, language),
  })}`;
}

function signaturesChapter(flow: ReportFlow, data: BatchRecordData, language: Language): void {
  const t = translator(language);
  flow.heading(t('records:batchRecord.chapters.signatures'));
  const lines = everySignature(data);
  if (lines.length === 0) {
    flow.paragraph(t('records:batchRecord.noSignatures'));
    return;
  }
  const invalid = lines.filter((line) => !line.signature.verification.valid).length;
  flow.paragraph(
    `${lines.length} electronic signature${lines.length === 1 ? '' : 's'} in order of signing (P11-50): printed name, ` +
      `meaning and the statement signed, date and time with the terminal’s time zone. ${
        invalid === 0
          ? 'Every signature verifies against its record as it is now.'
          : `${invalid} SIGNATURE${invalid === 1 ? ' DOES' : 'S DO'} NOT VERIFY: the record changed after signing.`
      }`,
    { size: 7.5, gap: 1.5, ...(invalid > 0 ? { style: 'bold' as const, color: RED } : {}) },
  );
  flow.table({
    head: [
      (['name', 'meaning', 'when', 'forWhat', 'terminal', 'verification'] as const).map((column) =>
        t(`records:batchRecord.signatureColumns.${column}`),
      ),
    ],
    body: lines.map(({ signature, forWhat }) => [
      cell(`${signature.signerName}\n(${signature.signerUsername})`, { fontStyle: 'bold' }),
      cell(`${meaningLabelIn(signature.meaning, language)}\n${statementAsSigned(signature, language)}`),
      cell(
        whenText(signature.signedAtUtc, signature.timeZone).replace(' (', '\n(') + `\n${signature.timeZone}`,
      ),
      cell(forWhat),
      cell(signature.terminalName),
      signature.verification.valid
        ? cell(t('records:batchRecord.valid'))
        : cell(
            t('records:batchRecord.invalid', {
              problem: signature.verification.problem ?? t('records:batchRecord.doesNotVerify'),
            }),
            {
              textColor: RED,
              fontStyle: 'bold',
            },
          ),
    ]),
    columnStyles: {
      0: { cellWidth: 32 },
      1: { cellWidth: 36 },
      2: { cellWidth: 36 },
      3: { cellWidth: 42 },
      4: { cellWidth: 20 },
      5: { cellWidth: 20 },
    },
  });
  stepQualificationsTable(flow, data.view, data.stepQualifications);
}

function commentsChapter(flow: ReportFlow, view: BatchView, language: Language): void {
  flow.heading(translator(language)('records:batchRecord.chapters.comments'));
  if (view.comments.length === 0) {
    flow.paragraph('No comment was added to this batch.');
    return;
  }
  const titles = new Map(
    view.steps.map((step) => [step.id, `${step.position + 1}. ${step.definition.title}`]),
  );
  flow.table({
    head: [['On', 'Comment', 'By, at']],
    body: view.comments.map((comment) => [
      comment.stepId === null ? 'The batch' : (titles.get(comment.stepId) ?? comment.stepId),
      comment.text,
      who(comment.authorName, comment.createdAtUtc),
    ]),
    columnStyles: { 0: { cellWidth: 45 }, 1: { cellWidth: 106 }, 2: { cellWidth: 35 } },
  });
}

function entityNames(view: BatchView): Map<string, string> {
  const names = new Map<string, string>([[view.id, `batch ${view.batchNumber}`]]);
  for (const step of view.steps) {
    for (const entry of step.entries)
      names.set(entry.id, `entry of ${step.position + 1}. ${step.definition.title}`);
  }
  for (const exception of view.exceptions) names.set(exception.id, `exception at ${exception.stepTitle}`);
  return names;
}

function auditChapter(flow: ReportFlow, view: BatchView, rows: BatchAuditRow[], language: Language): void {
  flow.heading(translator(language)('records:batchRecord.chapters.audit'));
  flow.paragraph(
    `${rows.length} audit row${rows.length === 1 ? '' : 's'} about this batch, its entries and its exceptions, oldest first ` +
      '(A11-9, P11-10e). Old and new values side by side, fields separated by “·”; • marks a field that changed. Hash: the first 10 of the ' +
      'row’s 64 hex digits (the electronic copy carries every field).',
    { size: 7.2, color: GREY, gap: 1.5 },
  );
  const names = entityNames(view);
  flow.table({
    head: [['Seq', 'Time (UTC)', 'User', 'Action', 'Entity', 'Old value', 'New value', 'Reason', 'Hash']],
    body: rows.map((row) => {
      // One field after another, wrapped: a row stays a few lines high however many fields it has.
      const [oldCell, newCell] = oldNewCells(row.oldValue, row.newValue).map((text) =>
        text.split('\n').join('  ·  '),
      ) as [string, string];
      return [
        String(row.seq),
        row.atUtc.replace('T', '\n').replace('Z', ''),
        row.userName ?? 'system',
        row.action,
        names.get(row.entityId) ?? `${row.entityType} ${row.entityId.slice(0, 8)}`,
        oldCell,
        newCell,
        row.reason ?? '',
        row.hash.slice(0, 10),
      ];
    }),
    styles: { fontSize: 6.2, cellPadding: 0.9 },
    columnStyles: {
      0: { cellWidth: 10, halign: 'right' },
      1: { cellWidth: 18 },
      2: { cellWidth: 22 },
      3: { cellWidth: 32 },
      4: { cellWidth: 28 },
      5: { cellWidth: 58 },
      6: { cellWidth: 58 },
      7: { cellWidth: 31 },
      8: { cellWidth: 16 },
    },
    rowPageBreak: 'auto',
  });
}

function integrityChapter(flow: ReportFlow, input: BatchRecordPdfInput, language: Language): void {
  const { data, copySha256 } = input;
  flow.heading(translator(language)('records:batchRecord.chapters.integrity'));
  const checkpoint = data.checkpoint;
  const signatures = everySignature(data);
  const invalid = signatures.filter((line) => !line.signature.verification.valid).length;
  const rows: [string, string][] = [
    [
      'Electronic copy',
      'batch-record.json: the complete record as RFC 8785 canonical JSON (format ebr-batch-record/1)',
    ],
    ['Its SHA-256', copySha256],
    ['Terminal', `${data.thisTerminal.name} (${data.thisTerminal.id})`],
    ['Terminal key fingerprint', formatFingerprint(data.thisTerminal.keyFingerprint)],
    [
      'Audit chain checkpoint',
      checkpoint
        ? `#${checkpoint.checkpointSeq}: trail head row ${checkpoint.auditSeq}, hash ${checkpoint.auditHash}, ` +
          `signed ${utcText(checkpoint.atUtc)} by key ${checkpoint.keyId.slice(0, 16)}…`
        : 'No checkpoint yet',
    ],
    ['Checkpoint signature (Ed25519, base64)', checkpoint?.signature ?? '—'],
    [
      'Audit rows of the batch',
      `${data.auditRows.length}${data.auditRows.length > 0 ? ` (seq ${data.auditRows[0]!.seq} to ${data.auditRows.at(-1)!.seq})` : ''}`,
    ],
    ['Signatures', `${signatures.length}, ${invalid === 0 ? 'all valid' : `${invalid} INVALID`}`],
  ];
  flow.table({
    body: rows.map(([label, value]) => [
      cell(label, { fontStyle: 'bold', fillColor: [240, 242, 246] }),
      cell(value),
    ]),
    columnStyles: { 0: { cellWidth: 46 }, 1: { cellWidth: 140 } },
    styles: { fontSize: 7.5 },
  });
  flow.paragraph(
    'To check that this printout and an electronic copy are the same record: sha256sum batch-record.json prints the ' +
      'SHA-256 above (and in every page footer). An export package also signs both files with the terminal key; ' +
      'see VERIFY.txt in the package.',
    { size: 7.2, color: GREY },
  );
  flow.paragraph('End of batch record.', { size: 9, style: 'bold' });
}

/** Renders the batch record; same input, same bytes. */
export function renderBatchRecordPdf(input: BatchRecordPdfInput): RenderedPdf {
  const { data, context, copySha256 } = input;
  const { view } = data;
  const language = context.language ?? 'en';
  const t = translator(language);
  const chapter = (key: string) => t(`records:batchRecord.chapters.${key}`);
  const doc = newReportDocument({
    title: t('records:batchRecord.documentTitle', { batchNumber: view.batchNumber }),
    subject: `${view.productName} — ${view.recipeCode} version ${view.recipeVersionLabel}`,
    author: context.generatedBy,
    creator: `EBR Workstation ${context.applicationVersion}`,
    generatedAtUtc: context.generatedAtUtc,
    contentKey: copySha256,
  });
  const flow = new ReportFlow(doc);
  const struck: StruckCells = new WeakSet();
  const contents: Contents = [];
  const chapters: { title: string; newPage: boolean | 'portrait' | 'landscape'; render: () => void }[] = [
    {
      title: chapter('materials'),
      newPage: true,
      render: () => {
        materialsChapter(flow, data);
        lotsAtUseChapter(flow, data, data.world);
        equipmentChapter(flow, data);
        equipmentAtUseChapter(flow, data, data.world);
        yieldChapter(flow, data);
      },
    },
    { title: chapter('steps'), newPage: true, render: () => stepsChapter(flow, view, struck, language) },
    { title: chapter('exceptions'), newPage: true, render: () => exceptionsChapter(flow, data, language) },
    {
      title: chapter('changes'),
      newPage: false,
      render: () => changesChapter(flow, view, struck, language),
    },
    { title: chapter('review'), newPage: false, render: () => qaReviewChapter(flow, data) },
    { title: chapter('signatures'), newPage: true, render: () => signaturesChapter(flow, data, language) },
    { title: chapter('comments'), newPage: false, render: () => commentsChapter(flow, view, language) },
    // Landscape: old and new values side by side need the width.
    {
      title: chapter('audit'),
      newPage: 'landscape',
      render: () => auditChapter(flow, view, data.auditRows, language),
    },
    {
      title: chapter('integrity'),
      newPage: 'portrait',
      render: () => integrityChapter(flow, input, language),
    },
  ];
  const contentsTop = summaryChapter(flow, input, chapters.length);
  for (const chapter of chapters) {
    if (chapter.newPage === true) flow.newPage();
    else if (chapter.newPage) flow.newPage(chapter.newPage);
    else flow.ensure(60);
    contents.push({ title: chapter.title, page: flow.page });
    chapter.render();
  }

  doc.setPage(1);
  doc.setFont('DejaVuSans', 'normal');
  doc.setFontSize(8.5);
  contents.forEach((entry, index) => {
    const y = contentsTop + index * 4;
    doc.text(`${index + 1}. ${entry.title}`, MARGIN + 2, y, { baseline: 'top' });
    doc.text(t('records:batchRecord.page', { page: entry.page }), MARGIN + 100, y, { baseline: 'top' });
  });
  const pageCount = drawFrames(
    doc,
    pageFrameOf(
      view,
      t('records:batchRecord.title'),
      context,
      integrityFooter(copySha256, data.thisTerminal.keyFingerprint, context.applicationVersion),
    ),
  );
  return { bytes: Buffer.from(doc.output('arraybuffer')), pageCount };
}
