import { createHash } from 'node:crypto';
import type { AuditFilter, AuditRowView, ExportedFile } from '../../../shared/contract/audit-trail';
import type { AuditQuery } from './audit-query';
import { renderAuditPdf } from './audit-pdf';

/** Rows one CSV export carries at most (newest first); the file says when the view held more. */
export const AUDIT_EXPORT_ROW_LIMIT = 100_000;
/** Rows one PDF report carries at most: a printable report, about 25 rows per page. */
export const AUDIT_PDF_ROW_LIMIT = 5_000;

/** Who exported what, where and when: printed on the PDF, and the CSV's file name. */
export interface ExportContext {
  terminalName: string;
  exportedBy: string;
  exportedAtUtc: string;
  applicationVersion: string;
  /** IANA zone of the terminal, for the local time printed beside UTC. */
  timeZone: string;
}

/** A row as exported: the stored row with the user's username and the terminal's name resolved. */
export interface ExportRow extends AuditRowView {
  username: string;
  terminalName: string;
}

export interface ExportRows {
  rows: ExportRow[];
  truncated: boolean;
  /** The last seq of the trail when the export started: nothing newer is included. */
  headSeq: number;
}

/**
 * The filtered rows, newest first as in the viewer, read below a head fixed at the start (rows are
 * immutable, so the export is one consistent cut of the trail), at most `limit` of them.
 */
export function readExportRows(query: AuditQuery, filter: AuditFilter, limit: number): ExportRows {
  const headSeq = query.headSeq();
  const usernames = new Map(query.people().map((person) => [person.id, person.username]));
  const terminalNames = query.terminalNames();
  const rows: ExportRow[] = [];
  let truncated = false;
  query.scan(filter, headSeq, (row) => {
    if (rows.length === limit) {
      truncated = true;
      return false;
    }
    rows.push({
      ...row,
      username: row.userId === null ? '' : (usernames.get(row.userId) ?? row.userId),
      terminalName: terminalNames.get(row.terminalId) ?? row.terminalId,
    });
    return true;
  });
  return { rows, truncated, headSeq };
}

export const CSV_COLUMNS = [
  'Seq',
  'Time (UTC)',
  'User',
  'Printed name',
  'Terminal',
  'Action',
  'Entity type',
  'Entity ID',
  'Old value',
  'New value',
  'Reason',
  'Hash',
] as const;

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote, CR or LF, quotes doubled.
 * Text that a spreadsheet would run as a formula (first character = + - @, tab or CR) gets a
 * leading apostrophe, which spreadsheets show as text; the stored value is unchanged.
 */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function csvLine(row: ExportRow): string {
  return [
    row.seq,
    row.atUtc,
    row.username,
    row.userName,
    row.terminalName,
    row.action,
    row.entityType,
    row.entityId,
    row.oldValue,
    row.newValue,
    row.reason,
    row.hash,
  ]
    .map(csvField)
    .join(',');
}

/** UTF-8 with a byte order mark (so Excel reads it as UTF-8), CRLF line ends, a header row. */
export function auditCsvBytes(rows: readonly ExportRow[]): Buffer {
  const lines = [CSV_COLUMNS.map(csvField).join(','), ...rows.map(csvLine)];
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

/** 2026-11-02T08:00:00.000Z → 20261102T080000Z */
function fileStamp(utc: string): string {
  return utc.replace(/\.\d+Z$/, 'Z').replace(/[-:]/g, '');
}

export function exportAuditCsv(query: AuditQuery, filter: AuditFilter, context: ExportContext): ExportedFile {
  const { rows, truncated } = readExportRows(query, filter, AUDIT_EXPORT_ROW_LIMIT);
  return {
    fileName: `audit-trail-${fileStamp(context.exportedAtUtc)}.csv`,
    mediaType: 'text/csv',
    base64: auditCsvBytes(rows).toString('base64'),
    rowCount: rows.length,
    truncated,
    rowLimit: AUDIT_EXPORT_ROW_LIMIT,
  };
}

export function exportAuditPdf(query: AuditQuery, filter: AuditFilter, context: ExportContext): ExportedFile {
  const exported = readExportRows(query, filter, AUDIT_PDF_ROW_LIMIT);
  const csvSha256 = createHash('sha256').update(auditCsvBytes(exported.rows)).digest('hex');
  const pdf = renderAuditPdf({
    ...exported,
    filterDescription: describeFilter(filter, query),
    context,
    rowLimit: AUDIT_PDF_ROW_LIMIT,
    csvSha256,
  });
  return {
    fileName: `audit-trail-${fileStamp(context.exportedAtUtc)}.pdf`,
    mediaType: 'application/pdf',
    base64: pdf.toString('base64'),
    rowCount: exported.rows.length,
    truncated: exported.truncated,
    rowLimit: AUDIT_PDF_ROW_LIMIT,
  };
}

/** The filter in words, for the report's header. */
export function describeFilter(filter: AuditFilter, query: Pick<AuditQuery, 'people'>): string[] {
  const parts: string[] = [];
  if (filter.entityType !== undefined || filter.entityId !== undefined) {
    parts.push(`Entity: ${[filter.entityType ?? 'any type', filter.entityId].filter(Boolean).join(' ')}`);
  }
  if (filter.userId !== undefined) {
    const person = query.people().find((candidate) => candidate.id === filter.userId);
    parts.push(`User: ${person ? `${person.fullName} (${person.username})` : filter.userId}`);
  }
  if (filter.action !== undefined) parts.push(`Action: ${filter.action}`);
  if (filter.fromUtc !== undefined || filter.toUtc !== undefined) {
    parts.push(`Time (UTC, inclusive): ${filter.fromUtc ?? 'the beginning'} to ${filter.toUtc ?? 'now'}`);
  }
  if (filter.text !== undefined) parts.push(`Text contains words starting with: “${filter.text}”`);
  return parts.length > 0 ? parts : ['No filter: the whole audit trail'];
}
