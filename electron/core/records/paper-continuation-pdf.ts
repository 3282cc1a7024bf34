import type { jsPDF } from 'jspdf';
import { batchStatusLabels } from '../../../shared/batches/batch-status';
import type { BatchStepView, BatchView } from '../../../shared/contract/batches';
import { describeLimits } from '../../../shared/batches/recorded-value';
import { formatQuantity } from '../../../shared/format/numbers';
import { roleLabels } from '../../../shared/permissions';
import type { RecipeStep } from '../../../shared/recipes/recipe-schema';
import { meaningLabels, meaningStatements } from '../../../shared/signatures';
import type { BatchRecordData } from './batch-record-data';
import { integrityFooter, pageFrameOf, type RecordContext, type RenderedPdf } from './batch-record-pdf';
import { limitsText, remainingSteps, resultText, stepTypeLabel, utcText, whenText } from './record-facts';
import { drawFrames, FONT, MARGIN, newReportDocument, ReportFlow } from './report-frame';

/**
 * The paper continuation record (A11-16): when a terminal breaks down mid-batch, the batch goes on
 * on paper. This prints the state as recorded so far and every remaining step with boxes for the
 * values, the performer's name, initials, date and time, and each signature the recipe requires,
 * so that the paper record holds what the electronic one would, ready to be transcribed and
 * verified when the system is back.
 */

export interface PaperContinuationInput {
  data: BatchRecordData;
  copySha256: string;
  context: RecordContext;
}

const GREY: [number, number, number] = [110, 110, 110];
const PT = 0.3528;
const FIELD_HEIGHT = 7;
/** Label above a box, the box, and a little air. */
const FIELD_ROW = 3 + FIELD_HEIGHT + 1.8;
const PAD = 2;

interface FormRow {
  height: number;
  draw(y: number): void;
}

interface Field {
  label: string;
  width: number;
  /** Printed after the box (a unit). */
  suffix?: string;
}

class FormWriter {
  constructor(
    private readonly doc: jsPDF,
    private readonly width: number,
  ) {}

  private lines(text: string, size: number, style: 'normal' | 'bold', width: number): string[] {
    this.doc.setFont(FONT, style);
    this.doc.setFontSize(size);
    return this.doc.splitTextToSize(text, width) as string[];
  }

  text(
    text: string,
    options: {
      size?: number;
      style?: 'normal' | 'bold';
      color?: [number, number, number];
      indent?: number;
    } = {},
  ): FormRow {
    const { size = 7.8, style = 'normal', color = [20, 20, 20], indent = 0 } = options;
    const lines = this.lines(text, size, style, this.width - 2 * PAD - indent);
    const lineHeight = size * PT * 1.25;
    return {
      height: lines.length * lineHeight + 0.8,
      draw: (y) => {
        const { doc } = this;
        doc.setFont(FONT, style);
        doc.setFontSize(size);
        doc.setTextColor(...color);
        doc.text(lines, MARGIN + PAD + indent, y, { baseline: 'top', lineHeightFactor: 1.25 });
        doc.setTextColor(20, 20, 20);
      },
    };
  }

  /** A square to tick, then the text it confirms. */
  checkbox(text: string): FormRow {
    const size = 7.6;
    const lines = this.lines(text, size, 'normal', this.width - 2 * PAD - 7);
    const lineHeight = size * PT * 1.25;
    return {
      height: Math.max(4.6, lines.length * lineHeight + 1.2),
      draw: (y) => {
        const { doc } = this;
        doc.setDrawColor(40, 40, 40);
        doc.setLineWidth(0.3);
        doc.rect(MARGIN + PAD, y - 0.1, 3.4, 3.4);
        doc.setFont(FONT, 'normal');
        doc.setFontSize(size);
        doc.text(lines, MARGIN + PAD + 5.5, y, { baseline: 'top', lineHeightFactor: 1.25 });
      },
    };
  }

  /** Boxes side by side, each with its label above, for handwriting. */
  fields(fields: Field[]): FormRow {
    return {
      height: FIELD_ROW,
      draw: (y) => {
        const { doc } = this;
        let x = MARGIN + PAD;
        for (const field of fields) {
          doc.setFont(FONT, 'normal');
          doc.setFontSize(6);
          doc.setTextColor(...GREY);
          doc.text(field.label, x, y, { baseline: 'top' });
          doc.setTextColor(20, 20, 20);
          doc.setDrawColor(60, 60, 60);
          doc.setLineWidth(0.25);
          const boxWidth = field.width - (field.suffix ? 12 : 0);
          doc.rect(x, y + 3, boxWidth, FIELD_HEIGHT);
          if (field.suffix) {
            doc.setFontSize(7.6);
            doc.text(field.suffix, x + boxWidth + 1.2, y + 3 + FIELD_HEIGHT / 2 + 1);
          }
          x += field.width + 3;
        }
      },
    };
  }
}

function requirementOf(step: RecipeStep): string {
  switch (step.type) {
    case 'instruction':
      return 'Do as instructed, then tick.';
    case 'check':
      return 'Tick every item checked.';
    case 'numeric':
      return `Enter the value in ${step.unit} with ${step.decimals} decimal${step.decimals === 1 ? '' : 's'}.`;
    case 'measurement':
      return (
        `Measure ${step.quantity} in ${step.unit} with ${step.decimals} decimal${step.decimals === 1 ? '' : 's'}` +
        `${step.source === 'instrument' ? ' with the instrument (note its ID); a value read by eye must be verified by a second person' : ''}.`
      );
    case 'weighing':
      return (
        `Weigh ${step.material} in ${step.unit} with ${step.decimals} decimal${step.decimals === 1 ? '' : 's'}${step.equipment ? ` on ${step.equipment}` : ''}; ` +
        'keep the balance printout with this record.'
      );
    case 'scan':
      return step.subject === 'material-lot'
        ? `Read the lot of ${step.material ?? 'the material'} from its label and write it in full.`
        : step.subject === 'equipment'
          ? `Read the identity of ${step.equipment ?? 'the equipment'} from its label.`
          : 'Read the container code from its label.';
    case 'timer':
      return 'Write the clock times at start and stop, and the minutes elapsed.';
    case 'calculation':
      return 'Calculate the result with the formula below from the values recorded; a second person checks the arithmetic.';
  }
}

function entryRows(form: FormWriter, step: BatchStepView, view: BatchView): FormRow[] {
  const definition = step.definition;
  const limits = limitsText(definition, null);
  switch (definition.type) {
    case 'instruction':
      return [form.checkbox('Done as instructed')];
    case 'check':
      return definition.items.map((item) => form.checkbox(item));
    case 'numeric':
      return [
        form.fields([
          { label: `Value${limits ? ` — limits ${limits}` : ''}`, width: 80, suffix: definition.unit },
        ]),
      ];
    case 'measurement':
      return [
        form.fields([
          {
            label: `${definition.quantity}${limits ? ` — limits ${limits}` : ''}`,
            width: 80,
            suffix: definition.unit,
          },
          { label: `Instrument ID${definition.equipment ? ` (${definition.equipment})` : ''}`, width: 45 },
          { label: 'Instrument serial number', width: 45 },
        ]),
      ];
    case 'weighing': {
      const window = step.weighing ?? {};
      const target =
        window.min !== undefined || window.max !== undefined
          ? `Window ${describeLimits(window, definition.unit, definition.decimals)}`
          : window.target !== undefined
            ? `Target ${formatQuantity(window.target, definition.unit, definition.decimals)}`
            : 'Target: see the recipe';
      return [
        form.text(target, { size: 7.4 }),
        form.fields([
          { label: 'Gross', width: 40, suffix: definition.unit },
          { label: 'Tare', width: 40, suffix: definition.unit },
          { label: 'Net', width: 40, suffix: definition.unit },
          { label: `Balance ID${definition.equipment ? ` (${definition.equipment})` : ''}`, width: 45 },
        ]),
      ];
    }
    case 'scan':
      return [form.fields([{ label: `Code read (${limits})`, width: 120 }])];
    case 'timer': {
      const from = view.steps.find((candidate) => candidate.id === definition.from);
      const started = from?.completedAtUtc ? ` — completed ${utcText(from.completedAtUtc)}` : '';
      return [
        form.text(
          `The clock starts when “${from?.definition.title ?? definition.from}” is completed${started}.`,
          { size: 7.4 },
        ),
        form.fields([
          { label: 'Start (date and clock time)', width: 55 },
          { label: 'Stop (date and clock time)', width: 55 },
          { label: `Elapsed${limits ? ` — limits ${limits}` : ''}`, width: 55, suffix: 'min' },
        ]),
      ];
    }
    case 'calculation':
      return [
        form.text(`Formula: ${definition.formula}`, { size: 7.4 }),
        form.fields([
          { label: 'Inputs used (step = value)', width: 100 },
          { label: `Result${limits ? ` — limits ${limits}` : ''}`, width: 70, suffix: definition.unit },
        ]),
      ];
  }
}

function signatureRows(form: FormWriter, step: BatchStepView): FormRow[] {
  const rows: FormRow[] = [
    form.text('Performed by', { size: 7.2, style: 'bold' }),
    form.fields([
      { label: 'Printed name', width: 62 },
      { label: 'Initials', width: 20 },
      { label: 'Signature', width: 45 },
      { label: 'Date and time (with zone)', width: 46 },
    ]),
  ];
  for (const signature of step.definition.signatures) {
    if (signature.meaning === 'performed' && !signature.distinctFromPerformer) continue;
    rows.push(
      form.text(
        `${meaningLabels[signature.meaning]} — by ${roleLabels[signature.role]}${signature.distinctFromPerformer ? ', not the performer' : ''} — “${meaningStatements[signature.meaning]}”`,
        { size: 7.2, style: 'bold' },
      ),
      form.fields([
        { label: 'Printed name', width: 62 },
        { label: 'Initials', width: 20 },
        { label: 'Signature', width: 45 },
        { label: 'Date and time (with zone)', width: 46 },
      ]),
    );
  }
  rows.push(form.fields([{ label: 'Deviation or comment (if any)', width: 179 }]));
  return rows;
}

/** One remaining step as a framed block; split between pages only at row boundaries. */
function drawStepBlock(flow: ReportFlow, form: FormWriter, step: BatchStepView, view: BatchView): void {
  const definition = step.definition;
  const prerequisites = step.prerequisites
    .map((id) => view.steps.find((candidate) => candidate.id === id))
    .filter((candidate): candidate is BatchStepView => candidate !== undefined)
    .map((candidate) => `${candidate.position + 1}`);
  const state =
    step.status === 'in-progress'
      ? `IN PROGRESS when printed${step.ownerName ? `, started by ${step.ownerName}` : ''}${step.startedAtUtc ? ` at ${utcText(step.startedAtUtc)}` : ''}`
      : step.ready
        ? 'Ready when printed'
        : `After step${prerequisites.length === 1 ? '' : 's'} ${prerequisites.join(', ')}`;
  const rows: FormRow[] = [
    form.text(`${step.position + 1}. ${definition.title}`, { size: 10, style: 'bold' }),
    form.text(
      `${step.operationTitle} · ${stepTypeLabel(definition)} · ${definition.id}${definition.critical ? ' · CRITICAL' : ''} · ${state}`,
      { size: 7, color: GREY },
    ),
    ...(definition.instruction ? [form.text(definition.instruction, { size: 7.6 })] : []),
    form.text(requirementOf(definition), { size: 7.4, style: 'bold' }),
    ...entryRows(form, step, view),
    ...signatureRows(form, step),
  ];
  const total = rows.reduce((sum, row) => sum + row.height, 0) + 2 * PAD;
  if (flow.y + total > flow.bottom && total <= flow.bottom - 27) flow.newPage();
  const { doc } = flow;
  let top = flow.y;
  flow.y += PAD;
  const close = (bottom: number) => {
    doc.setDrawColor(30, 50, 90);
    doc.setLineWidth(0.45);
    doc.rect(MARGIN, top, flow.width, bottom - top);
  };
  for (const row of rows) {
    if (flow.y + row.height > flow.bottom) {
      close(flow.y + 0.5);
      flow.newPage();
      top = flow.y;
      flow.y += PAD;
    }
    row.draw(flow.y);
    flow.y += row.height;
  }
  close(flow.y + PAD - 0.5);
  flow.y += PAD + 4;
}

function stateChapter(flow: ReportFlow, view: BatchView): void {
  flow.heading('State of the batch when printed');
  const done = view.steps.filter((step) => step.current !== null);
  if (done.length === 0) {
    flow.paragraph('No step has a recorded value yet.');
    return;
  }
  flow.table({
    head: [['No.', 'Step', 'Value as recorded', 'Result', 'Entered by, at', 'Status']],
    body: done.map((step) => [
      String(step.position + 1),
      step.definition.title,
      `${step.current!.display}${step.changed ? '\n(changed since original entry)' : ''}`,
      resultText(step.current!),
      `${step.current!.enteredByName}\n${utcText(step.current!.enteredAtUtc)}`,
      step.status === 'completed' ? 'Completed' : 'In progress',
    ]),
    columnStyles: {
      0: { cellWidth: 9, halign: 'right' },
      1: { cellWidth: 55 },
      2: { cellWidth: 42 },
      3: { cellWidth: 22 },
      4: { cellWidth: 38 },
      5: { cellWidth: 20 },
    },
    styles: { fontSize: 6.8 },
  });
  const open = view.exceptions.filter((exception) => exception.status === 'open');
  if (open.length > 0) {
    flow.heading(`Open exceptions (${open.length})`, 2);
    flow.table({
      head: [['Step', 'Exception', 'Handling', 'Raised by, at']],
      body: open.map((exception) => [
        exception.stepTitle,
        `${exception.description}${exception.comment ? `\nComment: ${exception.comment}` : ''}`,
        exception.handling,
        `${exception.raisedByName}\n${utcText(exception.raisedAtUtc)}`,
      ]),
      columnStyles: {
        0: { cellWidth: 45 },
        1: { cellWidth: 88 },
        2: { cellWidth: 18 },
        3: { cellWidth: 35 },
      },
      styles: { fontSize: 6.8 },
    });
  }
}

/** Renders the paper continuation record of a batch not yet complete; same input, same bytes. */
export function renderPaperContinuationPdf(input: PaperContinuationInput): RenderedPdf {
  const { data, context, copySha256 } = input;
  const { view } = data;
  const doc = newReportDocument({
    title: `Paper continuation record ${view.batchNumber}`,
    subject: `${view.productName} — ${view.recipeCode} version ${view.recipeVersionLabel}`,
    author: context.generatedBy,
    creator: `EBR Workstation ${context.applicationVersion}`,
    generatedAtUtc: context.generatedAtUtc,
    contentKey: `paper\n${copySha256}`,
  });
  const flow = new ReportFlow(doc);
  const form = new FormWriter(doc, flow.width);
  const remaining = remainingSteps(view);
  flow.paragraph('Paper continuation record', { size: 17, style: 'bold', gap: 0.5 });
  flow.paragraph(`${view.productName} (${view.productCode}) · Batch ${view.batchNumber}`, {
    size: 11,
    gap: 3,
  });
  flow.paragraph(
    'Use this record only while the EBR terminal is unavailable (EU GMP Annex 11 §16). Write legibly in ' +
      'indelible ink, as each step is done. Never erase or overwrite: strike a wrong entry once so it stays ' +
      'readable, then write the right value beside it with your initials, the date and the reason. Keep every page ' +
      'and every balance printout together; return them to the supervisor. When the system is back, each value is ' +
      'transcribed into the EBR and the transcription verified by a second person; this paper record is kept with ' +
      'the batch record.',
    { size: 8, gap: 3 },
  );
  const label = { fontStyle: 'bold' as const, fillColor: [240, 242, 246] as [number, number, number] };
  flow.table({
    body: [
      [
        { content: 'Batch', styles: label },
        view.batchNumber,
        { content: 'Status when printed', styles: label },
        batchStatusLabels[view.status],
      ],
      [
        { content: 'Recipe', styles: label },
        `${view.recipeCode} version ${view.recipeVersionLabel}`,
        { content: 'Planned quantity', styles: label },
        `${view.plannedQuantity} ${view.plannedUnit}`,
      ],
      [
        { content: 'Steps completed', styles: label },
        `${view.stepsCompleted} of ${view.stepCount}`,
        { content: 'Remaining on paper', styles: label },
        `${remaining.length} step${remaining.length === 1 ? '' : 's'}`,
      ],
      [
        { content: 'Printed', styles: label },
        `${whenText(context.generatedAtUtc, context.timeZone)}\nby ${context.generatedBy} at ${context.terminalName}`,
        { content: 'Open exceptions', styles: label },
        String(view.openExceptions),
      ],
    ],
    columnStyles: { 0: { cellWidth: 30 }, 1: { cellWidth: 63 }, 2: { cellWidth: 30 }, 3: { cellWidth: 63 } },
    styles: { fontSize: 7.8 },
  });
  flow.heading('Switch to paper', 2);
  const switchRows = [
    form.fields([
      { label: 'Terminal unavailable since (date and time with zone)', width: 86 },
      { label: 'Why (fault observed)', width: 87 },
    ]),
    form.fields([
      { label: 'Supervisor authorizing paper — printed name', width: 62 },
      { label: 'Signature', width: 55 },
      { label: 'Date and time (with zone)', width: 56 },
    ]),
  ];
  for (const row of switchRows) {
    flow.ensure(row.height);
    row.draw(flow.y);
    flow.y += row.height;
  }

  flow.newPage();
  stateChapter(flow, view);

  flow.newPage();
  flow.heading(`Remaining steps (${remaining.length})`);
  if (remaining.length === 0) flow.paragraph('Every step is complete; only the end of execution remains.');
  for (const step of remaining) drawStepBlock(flow, form, step, view);

  flow.ensure(70);
  flow.heading('Back to the system');
  const backRows = [
    form.text(
      'Every value above was transcribed into the EBR (one entry per step, reason “transcribed from the paper continuation record”).',
      { size: 7.6 },
    ),
    form.fields([
      { label: 'Transcribed by — printed name', width: 62 },
      { label: 'Signature', width: 55 },
      { label: 'Date and time (with zone)', width: 56 },
    ]),
    form.fields([
      { label: 'Transcription verified by (second person) — printed name', width: 62 },
      { label: 'Signature', width: 55 },
      { label: 'Date and time (with zone)', width: 56 },
    ]),
    form.fields([{ label: 'Deviation reference(s) raised for the paper period', width: 179 }]),
  ];
  for (const row of backRows) {
    flow.ensure(row.height);
    row.draw(flow.y);
    flow.y += row.height;
  }
  const pageCount = drawFrames(
    doc,
    pageFrameOf(view, 'Paper continuation record', context, [
      ...integrityFooter(copySha256, data.thisTerminal.keyFingerprint, context.applicationVersion),
    ]),
  );
  return { bytes: Buffer.from(doc.output('arraybuffer')), pageCount };
}
