import { createHash } from 'node:crypto';
import { GState, jsPDF } from 'jspdf';
import { autoTable, type CellHookData, type UserOptions } from 'jspdf-autotable';
import { embedReportFont, REPORT_FONT } from '../pdf/report-fonts';
import { utcText, zonedText } from './record-facts';

/**
 * The page frame both batch record PDFs share (A4 portrait): on every page a header with the
 * product, batch number, recipe code and version, status, "Page x of y" and the generation time
 * (UTC and the terminal's zone), a footer of integrity lines, and a diagonal TRAINING watermark
 * on training batches (DEMO on a demonstration store's records). Content flows between them
 * through `ReportFlow`.
 */

export const FONT = REPORT_FONT;
export const MARGIN = 12;
/** Where content starts below the header band, and ends above the footer. */
export const CONTENT_TOP = 27;
export const CONTENT_BOTTOM = 20;
const PT = 0.3528;

export interface PageFrame {
  /** "Batch record", "Paper continuation record". */
  title: string;
  productCode: string;
  productName: string;
  batchNumber: string;
  recipeCode: string;
  recipeVersionLabel: string;
  status: string;
  training: boolean;
  /** Made at a demonstration store (`ebr demo`): watermarked DEMO, never a GMP record. */
  demo?: boolean;
  generatedAtUtc: string;
  /** IANA zone of the terminal, for the local time printed beside UTC. */
  timeZone: string;
  /** Small print at the foot of every page (integrity). */
  footerLines: string[];
}

export interface ReportMeta {
  title: string;
  subject: string;
  author: string;
  creator: string;
  generatedAtUtc: string;
  /** Anything that identifies the content: the PDF's file id is derived from it. */
  contentKey: string;
}

/** A new document with the report font; same input, same bytes (dates and file id come from the input). */
export function newReportDocument(meta: ReportMeta): jsPDF {
  const doc = new jsPDF({ orientation: 'portrait', unit: 'mm', format: 'a4', compress: true });
  embedReportFont(doc);
  doc.setProperties({ title: meta.title, subject: meta.subject, author: meta.author, creator: meta.creator });
  doc.setCreationDate(new Date(meta.generatedAtUtc));
  doc.setFileId(
    createHash('sha256')
      .update(`${meta.generatedAtUtc}\n${meta.contentKey}`)
      .digest('hex')
      .slice(0, 32)
      .toUpperCase(),
  );
  return doc;
}

/** The first line of `text` that fits `width` at the current font, with an ellipsis when cut. */
function fitted(doc: jsPDF, text: string, width: number): string {
  if (doc.getTextWidth(text) <= width) return text;
  let cut = text;
  while (cut.length > 1 && doc.getTextWidth(`${cut}…`) > width) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}…`;
}

function drawWatermark(doc: jsPDF, pageWidth: number, pageHeight: number, text: string): void {
  doc.saveGraphicsState();
  doc.setGState(new GState({ opacity: 0.13 }));
  doc.setFont(FONT, 'bold');
  doc.setFontSize(96);
  // Longer marks ("DEMO · TRAINING") shrink to stay on the page's diagonal.
  const diagonal = Math.hypot(pageWidth, pageHeight) * 0.7;
  if (doc.getTextWidth(text) > diagonal) doc.setFontSize((96 * diagonal) / doc.getTextWidth(text));
  doc.setTextColor(200, 0, 0);
  const width = doc.getTextWidth(text);
  const angle = Math.PI / 4;
  // Centre the rotated baseline on the page (jsPDF turns text counter-clockwise about its start).
  const x = pageWidth / 2 - (width / 2) * Math.cos(angle) + 12 * Math.sin(angle);
  const y = pageHeight / 2 + (width / 2) * Math.sin(angle) + 12 * Math.cos(angle);
  doc.text(text, x, y, { angle: 45 });
  doc.restoreGraphicsState();
}

/** Draws the frame on every page once the number of pages is known. */
export function drawFrames(doc: jsPDF, frame: PageFrame): number {
  const pages = doc.getNumberOfPages();
  const generated = `Generated ${utcText(frame.generatedAtUtc)} · ${zonedText(frame.generatedAtUtc, frame.timeZone)} (${frame.timeZone})`;
  const batchLine =
    `Batch ${frame.batchNumber} · Recipe ${frame.recipeCode} version ${frame.recipeVersionLabel} · ` +
    `Status: ${frame.status}`;
  const marks = [frame.demo === true && 'DEMO', frame.training && 'TRAINING'].filter(
    (mark): mark is string => mark !== false,
  );
  const banner = [frame.demo === true && 'DEMO DATA', frame.training && 'TRAINING BATCH']
    .filter((part): part is string => part !== false)
    .join(' · ');
  for (let page = 1; page <= pages; page++) {
    doc.setPage(page);
    // Pages differ in orientation (the audit trail is landscape): measure each.
    const pageWidth = doc.internal.pageSize.getWidth();
    const pageHeight = doc.internal.pageSize.getHeight();
    const right = pageWidth - MARGIN;
    const width = right - MARGIN;
    if (marks.length > 0) drawWatermark(doc, pageWidth, pageHeight, marks.join(' · '));
    doc.setTextColor(20, 20, 20);
    const pageText = `Page ${page} of ${pages}`;
    doc.setFont(FONT, 'bold');
    doc.setFontSize(9.5);
    const pageTextWidth = doc.getTextWidth(pageText);
    doc.text(pageText, right, 11, { align: 'right' });
    const title = `${frame.title.toUpperCase()} · ${frame.productName} (${frame.productCode})`;
    doc.text(fitted(doc, title, width - pageTextWidth - 6), MARGIN, 11);
    doc.setFontSize(8);
    doc.text(fitted(doc, batchLine, width), MARGIN, 15.5);
    doc.setFontSize(7.2);
    let bannerWidth = 0;
    if (banner !== '') {
      const text = `${banner} — NOT A GMP RECORD`;
      doc.setTextColor(170, 0, 0);
      bannerWidth = doc.getTextWidth(text) + 4;
      doc.text(text, right, 19.8, { align: 'right' });
      doc.setTextColor(20, 20, 20);
    }
    doc.setFont(FONT, 'normal');
    doc.text(fitted(doc, generated, width - bannerWidth), MARGIN, 19.8);
    doc.setDrawColor(120, 120, 120);
    doc.setLineWidth(0.3);
    doc.line(MARGIN, 22.5, right, 22.5);
    doc.line(MARGIN, pageHeight - 15, right, pageHeight - 15);
    doc.setFont(FONT, 'normal');
    doc.setFontSize(6.3);
    doc.setTextColor(70, 70, 70);
    frame.footerLines.forEach((line, index) => {
      doc.text(fitted(doc, line, width), MARGIN, pageHeight - 11.5 + index * 3);
    });
  }
  doc.setTextColor(20, 20, 20);
  return pages;
}

/** Cells whose text is struck through (a superseded original value, A11-8.2). */
export type StruckCells = WeakSet<object>;

/** A single line through each line of a cell's text, as a hand correction on paper is made. */
function strikeThrough(data: CellHookData): void {
  const { cell, doc } = data;
  const k = doc.internal.scaleFactor as number;
  const fontSize = cell.styles.fontSize / k;
  const lineHeight = fontSize * (doc.getLineHeightFactor() as number);
  const start = cell.getTextPos();
  doc.setFont(FONT, cell.styles.fontStyle === 'bold' ? 'bold' : 'normal');
  doc.setFontSize(cell.styles.fontSize);
  doc.setDrawColor(150, 0, 0);
  doc.setLineWidth(0.35);
  cell.text.forEach((line, index) => {
    if (line.trim() === '') return;
    const baseline = start.y + fontSize * (2 - 1.15) + index * lineHeight;
    const y = baseline - fontSize * 0.3;
    doc.line(start.x - 0.3, y, start.x + doc.getTextWidth(line) + 0.3, y);
  });
}

export interface FlowTableOptions extends UserOptions {
  struck?: StruckCells;
  /** Space after the table, mm. */
  gap?: number;
}

/** Content laid out top to bottom across pages, between the header band and the footer. */
export class ReportFlow {
  y = CONTENT_TOP;

  constructor(readonly doc: jsPDF) {}

  get pageWidth(): number {
    return this.doc.internal.pageSize.getWidth();
  }

  get pageHeight(): number {
    return this.doc.internal.pageSize.getHeight();
  }

  /** The width between the margins of the current page. */
  get width(): number {
    return this.pageWidth - 2 * MARGIN;
  }

  get bottom(): number {
    return this.pageHeight - CONTENT_BOTTOM;
  }

  get page(): number {
    return this.doc.getCurrentPageInfo().pageNumber;
  }

  /** A new page; its orientation holds for the pages tables add after it. */
  newPage(orientation?: 'portrait' | 'landscape'): void {
    if (orientation) this.doc.addPage('a4', orientation);
    else this.doc.addPage();
    this.y = CONTENT_TOP;
  }

  /** A new page unless `height` mm still fit on this one. */
  ensure(height: number): void {
    if (this.y + height > this.bottom) this.newPage();
  }

  space(mm: number): void {
    this.y += mm;
  }

  /** Wrapped text; breaks across pages line by line. */
  paragraph(
    text: string,
    options: {
      size?: number;
      style?: 'normal' | 'bold';
      color?: [number, number, number];
      gap?: number;
      indent?: number;
    } = {},
  ): void {
    const { size = 8.5, style = 'normal', color = [20, 20, 20], gap = 1.2, indent = 0 } = options;
    const { doc } = this;
    doc.setFont(FONT, style);
    doc.setFontSize(size);
    doc.setTextColor(...color);
    const lineHeight = size * PT * 1.25;
    const lines = doc.splitTextToSize(text, this.width - indent) as string[];
    for (const line of lines) {
      this.ensure(lineHeight);
      doc.text(line, MARGIN + indent, this.y, { baseline: 'top' });
      this.y += lineHeight;
    }
    this.y += gap;
    doc.setTextColor(20, 20, 20);
  }

  /** A chapter title (level 1, with a rule) or a section title (level 2); kept with what follows. */
  heading(text: string, level: 1 | 2 = 1): void {
    const size = level === 1 ? 12.5 : 10;
    this.ensure(level === 1 ? 24 : 16);
    if (level === 1 && this.y > CONTENT_TOP) this.y += 2;
    const { doc } = this;
    doc.setFont(FONT, 'bold');
    doc.setFontSize(size);
    doc.setTextColor(15, 35, 75);
    doc.text(text, MARGIN, this.y, { baseline: 'top' });
    this.y += size * PT * 1.3;
    if (level === 1) {
      doc.setDrawColor(15, 35, 75);
      doc.setLineWidth(0.4);
      doc.line(MARGIN, this.y, MARGIN + this.width, this.y);
      this.y += 2;
    } else this.y += 0.8;
    doc.setTextColor(20, 20, 20);
  }

  table(options: FlowTableOptions): void {
    const { struck, gap = 4, didDrawCell, ...rest } = options;
    autoTable(this.doc, {
      startY: this.y,
      margin: { left: MARGIN, right: MARGIN, top: CONTENT_TOP, bottom: CONTENT_BOTTOM },
      theme: 'grid',
      showHead: 'everyPage',
      rowPageBreak: 'avoid',
      ...rest,
      styles: {
        font: FONT,
        fontStyle: 'normal',
        fontSize: 7.2,
        cellPadding: { top: 1, right: 1.2, bottom: 1, left: 1.2 },
        overflow: 'linebreak',
        valign: 'top',
        lineColor: [185, 185, 185],
        lineWidth: 0.1,
        textColor: [20, 20, 20],
        ...rest.styles,
      },
      headStyles: {
        font: FONT,
        fontStyle: 'bold',
        fillColor: [226, 231, 240],
        textColor: [15, 25, 45],
        ...rest.headStyles,
      },
      didDrawCell: (data) => {
        if (
          struck &&
          data.section === 'body' &&
          typeof data.cell.raw === 'object' &&
          data.cell.raw !== null
        ) {
          if (struck.has(data.cell.raw)) strikeThrough(data);
        }
        didDrawCell?.(data);
      },
    });
    this.y = (this.doc as unknown as { lastAutoTable: { finalY: number } }).lastAutoTable.finalY + gap;
  }
}
