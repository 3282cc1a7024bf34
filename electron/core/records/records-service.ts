import type { Language } from '../../../shared/i18n/languages';
import { createHash } from 'node:crypto';
import { isAbsolute } from 'node:path';
import type Database from 'better-sqlite3-multiple-ciphers';
import type {
  ExportDestinationView,
  ExportedPackageView,
  ExportProgressEvent,
  ExportVerificationView,
  ExportWriteResult,
  RecordFile,
} from '../../../shared/contract/records';
import { EbrError } from '../../../shared/errors';
import { batchStatusLabels, type BatchStatus } from '../../../shared/batches/batch-status';
import type { AuditTrail } from '../audit/audit-trail';
import type { BatchViews } from '../batches/batch-views';
import type { BatchReview } from '../review/batch-review';
import { toUtcIso, type Clock } from '../clock';
import { listExportDestinations } from '../export/destinations';
import type { ExportFs } from '../export/export-fs';
import { packageNameFor, type ExportManifest } from '../export/package-format';
import { verifyExportPackage } from '../export/verify-package';
import { writeExportPackage } from '../export/write-package';
import { pauseAtPhaseForTests } from '../test-seam';
import {
  BATCH_EXPORT_RECORD,
  checkExportDestinations,
  type ExportCheckReport,
  type ExportIntent,
  type ExportRecord,
} from './export-check';
import type { TerminalIdentity } from '../startup';
import { readBatchRecord, type BatchRecordData } from './batch-record-data';
import { isDemoStore } from '../demo/demo-mark';
import { renderBatchRecordPdf, type RecordContext } from './batch-record-pdf';
import { batchProductionRecordXml } from './batch-record-batchml';
import { electronicCopyDocument, electronicCopyOf, type ElectronicCopy } from './electronic-copy';
import { renderPaperContinuationPdf } from './paper-continuation-pdf';
import type { SignatureLister } from './review-record';
import { renderReviewSummaryPdf } from './review-summary-pdf';

/** The file names inside an export package (docs/export-package.md). */
export const PACKAGE_PDF = 'batch-record.pdf';
export const PACKAGE_JSON = 'batch-record.json';
/** The same record as BatchML (docs/batchml.md), for systems that read ISA-88 batch records. */
export const PACKAGE_XML = 'batch-record.xml';
export { BATCH_EXPORT_RECORD };

export interface RecordsServiceDeps {
  sqlite: Database.Database;
  views: Pick<BatchViews, 'get'>;
  /** Verifies the signatures of QA's dispositions, audit-trail reviews and decision. */
  signatures: SignatureLister;
  /** QA's review by exception: the review summary lays it out. */
  review: Pick<BatchReview, 'get'>;
  audit: AuditTrail;
  clock: Clock;
  terminal: TerminalIdentity;
  applicationVersion: string;
  /** The terminal's IANA zone; the process's own by default. */
  timeZone?: () => string;
  /** Tests inject failures here; the real file system otherwise. */
  exportFs?: ExportFs;
  listDestinations?: () => Promise<ExportDestinationView[]>;
}

/** The person asking: printed on records, named in the manifest and the audit row. */
export interface RecordRequester {
  userId: string | null;
  username: string;
  fullName: string;
  /** The language the record is generated in: the asking person's (English when not given). */
  language?: Language;
}

export interface BatchRecordFiles {
  pdf: Buffer;
  pageCount: number;
  copy: ElectronicCopy;
  data: BatchRecordData;
  generatedAtUtc: string;
}

const CONTINUABLE: readonly BatchStatus[] = ['created', 'in-progress', 'on-hold'];

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** 2026-11-02T08:00:00.000Z → 20261102T080000Z */
const fileStamp = (utc: string) => utc.replace(/\.\d+Z$/, 'Z').replace(/[-:]/g, '');

/**
 * Records out: the batch record PDF and its electronic copy, the paper continuation record, and
 * signed export packages (one per batch, written by electron/core/export, audited once complete).
 */
export class RecordsService {
  constructor(private readonly deps: RecordsServiceDeps) {}

  private read(batchId: string): { data: BatchRecordData; copy: ElectronicCopy } {
    const data = readBatchRecord(
      {
        sqlite: this.deps.sqlite,
        views: this.deps.views,
        signatures: this.deps.signatures,
        thisTerminal: {
          id: this.deps.terminal.id,
          name: this.deps.terminal.name,
          keyFingerprint: this.deps.terminal.key.fingerprint,
        },
      },
      batchId,
    );
    return { data, copy: electronicCopyOf(data, this.deps.applicationVersion) };
  }

  private context(requester: RecordRequester): RecordContext {
    return {
      generatedAtUtc: toUtcIso(this.deps.clock.now()),
      timeZone: this.deps.timeZone?.() ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
      applicationVersion: this.deps.applicationVersion,
      generatedBy: requester.fullName,
      language: requester.language ?? 'en',
      terminalName: this.deps.terminal.name,
      demo: isDemoStore(this.deps.sqlite),
    };
  }

  /** The complete record as canonical JSON: the same bytes an export package carries. */
  electronicCopy(batchId: string): RecordFile {
    const { data, copy } = this.read(batchId);
    return {
      fileName: `batch-record-${data.view.batchNumber}.json`,
      mediaType: 'application/json',
      base64: copy.bytes.toString('base64'),
      sha256: copy.sha256,
      byteLength: copy.bytes.length,
      electronicCopySha256: copy.sha256,
      pageCount: null,
    };
  }

  /**
   * The complete record as a BatchML BatchProductionRecord, built from the electronic copy's
   * document (same store state, same bytes) and naming the copy's SHA-256 (docs/batchml.md).
   */
  batchProductionRecord(batchId: string): RecordFile {
    const { data, copy } = this.read(batchId);
    const xml = batchProductionRecordXml(electronicCopyDocument(data, this.deps.applicationVersion), copy);
    return {
      fileName: `batch-record-${data.view.batchNumber}.xml`,
      mediaType: 'application/xml',
      base64: xml.toString('base64'),
      sha256: sha256(xml),
      byteLength: xml.length,
      electronicCopySha256: copy.sha256,
      pageCount: null,
    };
  }

  /** The batch record PDF and the electronic copy it was made from (the footer carries its hash). */
  batchRecord(batchId: string, requester: RecordRequester): BatchRecordFiles {
    const { data, copy } = this.read(batchId);
    const context = this.context(requester);
    const rendered = renderBatchRecordPdf({ data, copySha256: copy.sha256, context });
    return {
      pdf: rendered.bytes,
      pageCount: rendered.pageCount,
      copy,
      data,
      generatedAtUtc: context.generatedAtUtc,
    };
  }

  batchPdf(batchId: string, requester: RecordRequester): RecordFile {
    const record = this.batchRecord(batchId, requester);
    return {
      fileName: `batch-record-${record.data.view.batchNumber}-${fileStamp(record.generatedAtUtc)}.pdf`,
      mediaType: 'application/pdf',
      base64: record.pdf.toString('base64'),
      sha256: sha256(record.pdf),
      byteLength: record.pdf.length,
      electronicCopySha256: record.copy.sha256,
      pageCount: record.pageCount,
    };
  }

  /**
   * The review summary (one page): what was not routine and how QA dispositioned it, the audit-trail
   * review, what blocks release, the decision; tied to the full record by the copy's SHA-256.
   */
  reviewSummary(batchId: string, requester: RecordRequester): RecordFile {
    // The record and the review from one cut of the store.
    const { data, copy, review } = this.deps.sqlite.transaction(() => ({
      ...this.read(batchId),
      review: this.deps.review.get(batchId),
    }))();
    const context = this.context(requester);
    const rendered = renderReviewSummaryPdf({ data, review, copySha256: copy.sha256, context });
    return {
      fileName: `review-summary-${data.view.batchNumber}-${fileStamp(context.generatedAtUtc)}.pdf`,
      mediaType: 'application/pdf',
      base64: rendered.bytes.toString('base64'),
      sha256: sha256(rendered.bytes),
      byteLength: rendered.bytes.length,
      electronicCopySha256: copy.sha256,
      pageCount: rendered.pageCount,
    };
  }

  /**
   * The paper continuation record of a batch not yet complete (A11-16). Printing it is audited:
   * QA must know that part of the batch may be recorded on paper.
   */
  paperContinuation(batchId: string, requester: RecordRequester): RecordFile {
    const { data, copy } = this.read(batchId);
    const { view } = data;
    // Only a batch still being executed continues on paper (not one complete, aborted, released, …).
    if (!CONTINUABLE.includes(view.status)) {
      throw new EbrError(
        'CONFLICT',
        `Batch ${view.batchNumber} is ${batchStatusLabels[view.status].toLowerCase()}: no step remains to continue on paper. Print the batch record instead.`,
        { status: view.status },
      );
    }
    const context = this.context(requester);
    const rendered = renderPaperContinuationPdf({ data, copySha256: copy.sha256, context });
    const remaining = view.steps.filter((step) => step.status !== 'completed').map((step) => step.id);
    this.deps.audit.change({ userId: requester.userId, userName: requester.fullName }, ({ record }) =>
      record({
        action: 'batch.paper-continuation-printed',
        entityType: 'batch',
        entityId: view.id,
        newValue: {
          batchNumber: view.batchNumber,
          status: view.status,
          remainingSteps: remaining,
          electronicCopySha256: copy.sha256,
          pages: rendered.pageCount,
        },
      }),
    );
    return {
      fileName: `paper-continuation-${view.batchNumber}-${fileStamp(context.generatedAtUtc)}.pdf`,
      mediaType: 'application/pdf',
      base64: rendered.bytes.toString('base64'),
      sha256: sha256(rendered.bytes),
      byteLength: rendered.bytes.length,
      electronicCopySha256: copy.sha256,
      pageCount: rendered.pageCount,
    };
  }

  async destinations(): Promise<ExportDestinationView[]> {
    return (this.deps.listDestinations ?? listExportDestinations)();
  }

  /**
   * One signed package per batch (PDF + electronic copy), one after the other. Each batch's
   * `batch.exported` audit row is written only once its package is complete (read back and renamed
   * into place). A failure stops there: the packages before it stay complete and audited, the
   * failed one leaves nothing complete-looking behind, and the error says which were done.
   */
  async exportBatches(
    exporter: RecordRequester & { userId: string },
    batchIds: readonly string[],
    destinationDir: string,
    onProgress?: (progress: ExportProgressEvent) => void,
  ): Promise<ExportWriteResult> {
    if (!isAbsolute(destinationDir)) {
      throw new EbrError(
        'VALIDATION_FAILED',
        `Choose the destination folder by its full path, not "${destinationDir}".`,
      );
    }
    // Every batch must exist before anything is written.
    const numbers = batchIds.map((batchId) => this.deps.views.get(batchId).batchNumber);
    // What an earlier, killed export left in this destination is settled first.
    await this.checkExportLeftovers([destinationDir]);
    const packages: ExportedPackageView[] = [];
    for (const [index, batchId] of batchIds.entries()) {
      const progress = (done: number, total: number, label: string) =>
        onProgress?.({
          batchIndex: index + 1,
          batchCount: batchIds.length,
          batchNumber: numbers[index]!,
          done,
          total,
          label,
        });
      try {
        progress(0, 1, `Composing the batch record of ${numbers[index]}`);
        packages.push(
          await this.exportOne(exporter, batchId, destinationDir, (done, total, label) =>
            progress(done + 1, total + 1, label),
          ),
        );
      } catch (error) {
        if (!(error instanceof EbrError) || packages.length === 0) throw error;
        throw new EbrError(
          error.code,
          `${packages.map((done) => done.batchNumber).join(', ')} exported; ${numbers[index]} was not: ${error.message}`,
          { ...error.details, exported: packages.map((done) => done.packageName) },
        );
      }
    }
    return { packages };
  }

  /**
   * Settles what killed exports left (export-check.ts) in `destinations`, the folders of unsettled
   * intents and, at start (`recent`), the latest destinations.
   */
  checkExportLeftovers(
    destinations: readonly string[],
    options: { recent?: boolean } = {},
  ): Promise<ExportCheckReport> {
    return checkExportDestinations(
      {
        sqlite: this.deps.sqlite,
        audit: this.deps.audit,
        terminalName: this.deps.terminal.name,
        ...(this.deps.exportFs ? { fs: this.deps.exportFs } : {}),
      },
      destinations,
      options,
    );
  }

  private async exportOne(
    exporter: RecordRequester & { userId: string },
    batchId: string,
    destinationDir: string,
    onProgress: (done: number, total: number, label: string) => void,
  ): Promise<ExportedPackageView> {
    const record = this.batchRecord(batchId, exporter);
    const { view, checkpoint } = record.data;
    if (!checkpoint)
      throw new EbrError(
        'AUDIT_CHAIN_BROKEN',
        'The audit trail has no signed checkpoint; nothing was exported.',
      );
    const { terminal } = this.deps;
    const actor = { userId: exporter.userId, userName: exporter.fullName };
    const recordOf = (directory: string, manifestSha256: string, manifest: ExportManifest): ExportRecord => ({
      batchNumber: view.batchNumber,
      packageName: manifest.packageName,
      directory,
      manifestSha256,
      electronicCopySha256: record.copy.sha256,
      files: manifest.files.map(({ name, size, sha256: hash }) => ({ name, size, sha256: hash })),
      auditChainHead: { checkpointSeq: checkpoint.checkpointSeq, auditSeq: checkpoint.auditSeq },
      terminalKeyFingerprint: terminal.key.fingerprint,
    });
    let intent: ExportIntent | null = null;
    let written;
    try {
      written = await writeExportPackage({
        destinationDir,
        packageName: packageNameFor(view.batchNumber, toUtcIso(this.deps.clock.now())),
        files: [
          { name: PACKAGE_PDF, bytes: record.pdf },
          { name: PACKAGE_JSON, bytes: record.copy.bytes },
          {
            name: PACKAGE_XML,
            bytes: batchProductionRecordXml(
              electronicCopyDocument(record.data, this.deps.applicationVersion),
              record.copy,
            ),
          },
        ],
        batch: {
          id: view.id,
          batchNumber: view.batchNumber,
          productCode: view.productCode,
          productName: view.productName,
          recipe: `${view.recipeCode} version ${view.recipeVersionLabel}`,
          recipeContentHash: view.recipeContentHash,
          status: view.status,
          training: view.training,
          electronicCopySha256: record.copy.sha256,
          pdfPages: record.pageCount,
        },
        chainHead: checkpoint,
        exporter: { userId: exporter.userId, username: exporter.username, fullName: exporter.fullName },
        applicationVersion: this.deps.applicationVersion,
        terminal: { id: terminal.id, ...terminal.key },
        clock: this.deps.clock,
        onProgress,
        // Committed before the package appears under its name: a kill after this leaves a package
        // that the audit trail names, which the next check records as exported or abandoned.
        beforeRename: ({ directory, manifest, manifestSha256, token }) => {
          const intended: ExportIntent = {
            ...recordOf(directory, manifestSha256, manifest),
            batchId: view.id,
            token,
            pid: process.pid,
          };
          this.deps.audit.change(actor, ({ record: audit }) =>
            audit({
              action: 'batch.export-intended',
              entityType: BATCH_EXPORT_RECORD,
              entityId: view.id,
              newValue: intended,
              reason: 'Export package about to be put in place',
            }),
          );
          intent = intended;
        },
        ...(this.deps.exportFs ? { fs: this.deps.exportFs } : {}),
      });
    } catch (error) {
      if (intent) this.abandonAfterFailure(actor, intent, error);
      throw error;
    }
    await pauseAtPhaseForTests('export:audit');
    const exported = recordOf(written.directory, written.manifestSha256, written.manifest);
    const { files } = exported;
    const token = (intent as ExportIntent | null)?.token;
    this.deps.audit.change(actor, ({ record: audit }) =>
      audit({
        action: 'batch.exported',
        // Not 'batch': an export changes nothing in the record, and must not make its reviewed audit trail stale.
        entityType: BATCH_EXPORT_RECORD,
        entityId: view.id,
        newValue: { ...exported, intent: token },
      }),
    );
    await pauseAtPhaseForTests('export:done');
    return {
      batchId: view.id,
      batchNumber: view.batchNumber,
      packageName: written.manifest.packageName,
      directory: written.directory,
      manifestSha256: written.manifestSha256,
      electronicCopySha256: record.copy.sha256,
      files,
      totalBytes: written.totalBytes,
    };
  }

  /** The failed package is already removed (write-package.ts); best effort: else the next check records it. */
  private abandonAfterFailure(
    actor: { userId: string; userName: string },
    intent: ExportIntent,
    error: unknown,
  ): void {
    try {
      this.deps.audit.change(actor, ({ record }) =>
        record({
          action: 'batch.export-abandoned',
          entityType: BATCH_EXPORT_RECORD,
          entityId: intent.batchId,
          newValue: {
            batchNumber: intent.batchNumber,
            packageName: intent.packageName,
            directory: intent.directory,
            intent: intent.token,
            movedAside: [],
          },
          reason: `The export failed and its package was removed: ${(error as Error).message}`,
        }),
      );
    } catch {
      // The original error is the one to report.
    }
  }

  /** The offline check of a package, and which terminal of this store's register signed it. */
  async verify(directory: string, trustedFingerprint?: string): Promise<ExportVerificationView> {
    if (!isAbsolute(directory)) {
      throw new EbrError(
        'VALIDATION_FAILED',
        `Choose the package folder by its full path, not "${directory}".`,
      );
    }
    const report = await verifyExportPackage(directory, {
      ...(trustedFingerprint ? { trustedFingerprint } : {}),
      ...(this.deps.exportFs ? { fs: this.deps.exportFs } : {}),
    });
    const registeredTerminal =
      report.keyFingerprint === null
        ? null
        : ((this.deps.sqlite
            .prepare('SELECT id, name, status FROM terminals WHERE fingerprint = ?')
            .get(report.keyFingerprint) as { id: string; name: string; status: string } | undefined) ?? null);
    return { ...report, registeredTerminal };
  }
}
