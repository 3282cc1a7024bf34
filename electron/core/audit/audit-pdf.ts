import { createHash } from 'node:crypto';
import { jsPDF } from 'jspdf';
import { autoTable, type CellHookData } from 'jspdf-autotable';
import { embedReportFont, fontDirectoryCandidates, REPORT_FONT } from '../pdf/report-fonts';
import type { ExportContext, ExportRow } from './audit-export';

/**
 * The audit-trail PDF report: A4 landscape, DejaVu Sans embedded (so µ, ±, °C, accents and other
 * scripts print as stored), a header with the filter and who exported it where and when, the rows
 * with old and new values side by side, "Page x of y" on every page, and a closing block with the
 * row count, the hash of the newest row included and the SHA-256 of the same rows as CSV.
 */

const FONT = REPORT_FONT;

/** Kept here too: callers and tests look for the report fonts through the audit report. */
export { fontDirectoryCandidates };

export interface AuditPdfInput {
  rows: ExportRow[];
  truncated: boolean;
  headSeq: number;
  rowLimit: number;
  filterDescription: string[];
  context: ExportContext;
  /** SHA-256 (hex) of the same rows as the CSV export writes them. */
  csvSha256: string;
}

const MAX_CELL_CHARS = 1200;

/** JSON text as "key: value" lines (nested keys joined with "."); other text as it is. */
export function valueLines(json: string | null): Map<string, string> | string {
  if (json === null) return '';
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return json;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return json;
  const lines = new Map<string, string>();
  const walk = (node: Record<string, unknown>, prefix: string) => {
    for (const [key, inner] of Object.entries(node)) {
      const path = prefix ? `${prefix}.${key}` : key;
      if (inner !== null && typeof inner === 'object' && !Array.isArray(inner)) {
        walk(inner as Record<string, unknown>, path);
      } else {
        lines.set(path, typeof inner === 'string' ? inner : JSON.stringify(inner));
      }
    }
  };
  walk(value as Record<string, unknown>, '');
  return lines;
}

const clip = (text: string) =>
  text.length > MAX_CELL_CHARS
    ? `${text.slice(0, MAX_CELL_CHARS)} … (cut here; the CSV export has all of it)`
    : text;

/** Old and new value cells; "• " marks a field whose value differs between the two. */
export function oldNewCells(oldValue: string | null, newValue: string | null): [string, string] {
  const before = valueLines(oldValue);
  const after = valueLines(newValue);
  if (typeof before === 'string' || typeof after === 'string') {
    const render = (side: Map<string, string> | string) =>
      typeof side === 'string' ? side : [...side].map(([key, value]) => `${key}: ${value}`).join('\n');
    return [clip(render(before)), clip(render(after))];
  }
  const changed = (key: string) => before.get(key) !== after.get(key);
  const render = (side: Map<string, string>) =>
    [...side].map(([key, value]) => `${changed(key) ? '• ' : ''}${key}: ${value}`).join('\n');
  return [clip(render(before)), clip(render(after))];
}

function localTime(utc: string, timeZone: string): string {
  try {
    return new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: 'short',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      timeZoneName: 'short',
    }).format(new Date(utc));
  } catch {
    return 'local time unavailable';
  }
}

const COLUMNS: { header: string; width: number }[] = [
  { header: 'Seq', width: 13 },
  { header: 'Time (UTC)', width: 21 },
  { header: 'User', width: 28 },
  { header: 'Terminal', width: 18 },
  { header: 'Action', width: 25 },
  { header: 'Entity', width: 27 },
  { header: 'Old value', width: 48 },
  { header: 'New value', width: 48 },
  { header: 'Reason', width: 31 },
  { header: 'Hash', width: 18 },
];

const MARGIN = 10;

export function renderAuditPdf(input: AuditPdfInput): Buffer {
  const { rows, context } = input;
  const doc = new jsPDF({ orientation: 'landscape', unit: 'mm', format: 'a4', compress: true });
  embedReportFont(doc);
  doc.setProperties({
    title: 'Audit trail report',
    subject: input.filterDescription.join(' · '),
    author: context.exportedBy,
    creator: `EBR Workstation ${context.applicationVersion}`,
  });
  // Same input, same bytes: the dates and the file id come from the export, not from the clock.
  doc.setCreationDate(new Date(context.exportedAtUtc));
  doc.setFileId(
    createHash('sha256')
      .update(`${context.exportedAtUtc}\n${input.csvSha256}`)
      .digest('hex')
      .slice(0, 32)
      .toUpperCase(),
  );

  const pageWidth = doc.internal.pageSize.getWidth();
  const pageHeight = doc.internal.pageSize.getHeight();
  const textWidth = pageWidth - 2 * MARGIN;
  let y = 14;
  const paragraph = (text: string, size: number, style: 'normal' | 'bold' = 'normal', gap = 1.2) => {
    doc.setFont(FONT, style);
    doc.setFontSize(size);
    const lines = doc.splitTextToSize(text, textWidth) as string[];
    doc.text(lines, MARGIN, y, { baseline: 'top' });
    y += lines.length * size * 0.3528 * 1.2 + gap;
  };

  paragraph('Audit trail report', 15, 'bold', 2.5);
  paragraph(`Filter: ${input.filterDescription.join(' · ')}`, 9);
  paragraph(
    `Exported by ${context.exportedBy} on terminal ${context.terminalName} at ${context.exportedAtUtc} UTC ` +
      `(${localTime(context.exportedAtUtc, context.timeZone)}, ${context.timeZone}) · EBR Workstation ${context.applicationVersion}`,
    9,
  );
  const first = rows[rows.length - 1];
  const last = rows[0];
  paragraph(
    rows.length === 0
      ? `No audit rows match this filter (trail head at export: seq ${input.headSeq}).`
      : `${rows.length.toLocaleString('en-US')} rows, newest first, seq ${last!.seq} down to ${first!.seq} ` +
          `(trail head at export: seq ${input.headSeq}).` +
          (input.truncated
            ? ` More rows match: this report holds the newest ${input.rowLimit.toLocaleString('en-US')}; narrow the filter (e.g. the time range) for the rest.`
            : ''),
    9,
    input.truncated ? 'bold' : 'normal',
  );
  paragraph(
    'Times are UTC. Old and new values are side by side; • marks a field whose value changed. ' +
      'Hash: the first 16 of the row’s 64 hex digits (the CSV export carries them all).',
    7.5,
    'normal',
    2,
  );

  autoTable(doc, {
    startY: y,
    margin: { left: MARGIN, right: MARGIN, top: 12, bottom: 14 },
    head: [COLUMNS.map((column) => column.header)],
    body: rows.map((row) => {
      const [oldCell, newCell] = oldNewCells(row.oldValue, row.newValue);
      return [
        String(row.seq),
        row.atUtc.replace('T', '\n'),
        row.userId === null ? 'system' : `${row.userName ?? ''}\n(${row.username})`,
        row.terminalName,
        row.action,
        `${row.entityType}\n${row.entityId}`,
        oldCell,
        newCell,
        clip(row.reason ?? ''),
        `${row.hash.slice(0, 16)}…`,
      ];
    }),
    theme: 'grid',
    showHead: 'everyPage',
    rowPageBreak: 'avoid',
    styles: {
      font: FONT,
      fontStyle: 'normal',
      fontSize: 6.8,
      cellPadding: 1,
      overflow: 'linebreak',
      valign: 'top',
      lineColor: [190, 190, 190],
      lineWidth: 0.1,
      textColor: [20, 20, 20],
    },
    headStyles: { font: FONT, fontStyle: 'bold', fillColor: [230, 233, 238], textColor: [20, 20, 20] },
    alternateRowStyles: { fillColor: [248, 248, 248] },
    columnStyles: Object.fromEntries(COLUMNS.map((column, index) => [index, { cellWidth: column.width }])),
    didParseCell: (data: CellHookData) => {
      if (data.section === 'body' && data.column.index === 0) data.cell.styles.halign = 'right';
    },
  });

  y = (doc as unknown as { lastAutoTable: { finalY: number } }).lastAutoTable.finalY + 5;
  if (y > pageHeight - 40) {
    doc.addPage();
    y = 14;
  }
  paragraph('End of report', 10, 'bold', 1.5);
  paragraph(
    `Rows in this report: ${rows.length.toLocaleString('en-US')}` +
      (rows.length > 0 ? ` (seq ${first!.seq} to ${last!.seq}).` : '.') +
      (input.truncated
        ? ` Truncated at ${input.rowLimit.toLocaleString('en-US')} rows.`
        : ' Complete for this filter.'),
    8.5,
  );
  if (last) paragraph(`Hash of the newest row included (seq ${last.seq}): ${last.hash}`, 8.5);
  paragraph(
    `SHA-256 of these rows as CSV (UTF-8 with BOM, the columns of the CSV export): ${input.csvSha256}`,
    8.5,
  );

  // "Page x of y" once the number of pages is known.
  const pages = doc.getNumberOfPages();
  const footer =
    `Audit trail report · EBR Workstation ${context.applicationVersion} · exported ${context.exportedAtUtc} UTC ` +
    `by ${context.exportedBy} on ${context.terminalName}`;
  for (let page = 1; page <= pages; page++) {
    doc.setPage(page);
    doc.setFont(FONT, 'normal');
    doc.setFontSize(7.5);
    doc.setTextColor(90, 90, 90);
    doc.text(doc.splitTextToSize(footer, textWidth - 30)[0] as string, MARGIN, pageHeight - 7);
    doc.text(`Page ${page} of ${pages}`, pageWidth - MARGIN, pageHeight - 7, { align: 'right' });
  }
  return Buffer.from(doc.output('arraybuffer'));
}
