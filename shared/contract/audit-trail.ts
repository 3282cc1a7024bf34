import type { SignatureView } from './signatures';
import { z } from 'zod';
import { safeText } from '../text/safe-text';

/** Filters of the audit-trail viewer; the same scope a recorded audit-trail review covers. */
export const auditFilterSchema = z
  .object({
    entityType: safeText().trim().min(1).max(64).optional(),
    entityId: safeText().trim().min(1).max(128).optional(),
    userId: safeText().trim().min(1).max(64).optional(),
    action: safeText().trim().min(1).max(64).optional(),
    fromUtc: safeText().datetime({ offset: false }).optional(),
    toUtc: safeText().datetime({ offset: false }).optional(),
    text: safeText('Search text').trim().min(2, 'Type at least 2 characters to search.').max(100).optional(),
  })
  .strict()
  .refine((filter) => !filter.fromUtc || !filter.toUtc || filter.fromUtc <= filter.toUtc, {
    message: 'The start of the time range must not be after its end.',
    path: ['toUtc'],
  });

export type AuditFilter = z.infer<typeof auditFilterSchema>;

export interface AuditRowView {
  seq: number;
  atUtc: string;
  userId: string | null;
  userName: string | null;
  terminalId: string;
  action: string;
  entityType: string;
  entityId: string;
  /** JSON text as stored, or null. */
  oldValue: string | null;
  newValue: string | null;
  reason: string | null;
  hash: string;
}

export interface AuditPage {
  rows: AuditRowView[];
  /** Pass as `beforeSeq` for the next (older) page; null at the end. */
  nextBeforeSeq: number | null;
}

/** A page for people: what its rows' entities and terminals are called, beside their ids. */
export interface AuditPageView extends AuditPage {
  /** By `entityType:entityId`: "PCM-2026-0412", "WG-001 version 2.0" (without the kind); absent when unknown. */
  entityNames: Record<string, string>;
  /** Terminal names by terminal id. */
  terminalNames: Record<string, string>;
}

/** A recorded, signed audit-trail review (A11-9). */
export interface AuditReviewView {
  id: string;
  scope: AuditFilter;
  /** The rows the review covered: count, range and a digest over their hashes. */
  rowCount: number;
  firstSeq: number | null;
  lastSeq: number | null;
  digest: string;
  comment: string;
  createdAtUtc: string;
  signatures: SignatureView[];
}

export interface ExportedFile {
  fileName: string;
  mediaType: 'text/csv' | 'application/pdf';
  /** Base64 of the file's bytes. */
  base64: string;
  rowCount: number;
  /** True when the view held more rows than one export carries (see `rowLimit`). */
  truncated: boolean;
  rowLimit: number;
}

export interface PersonRef {
  id: string;
  username: string;
  fullName: string;
}
