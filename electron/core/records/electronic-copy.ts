import { createHash } from 'node:crypto';
import { canonicalJson } from '../../../shared/canonical-json';
import type { BatchEntryView } from '../../../shared/contract/batches';
import type { SignatureView } from '../../../shared/contract/signatures';
import { EbrError } from '../../../shared/errors';
import type { BatchRecordData } from './batch-record-data';

/** The `format` of every electronic copy this version writes. */
export const ELECTRONIC_COPY_FORMAT = 'ebr-batch-record/1';

export interface ElectronicCopy {
  /** RFC 8785 canonical JSON, UTF-8: the bytes the PDF's integrity footer hashes. */
  bytes: Buffer;
  sha256: string;
}

/**
 * A signature with every stored field: the Ed25519 signature itself (base64), the fields it signs,
 * the statement the signer agreed to, and how it verified when the copy was made. With the
 * terminals' public keys (also in the copy) anyone can re-check it without this application.
 */
function signatureOf(data: BatchRecordData, view: SignatureView) {
  const stored = data.storedSignatures.get(view.id);
  if (!stored) {
    throw new EbrError(
      'INTERNAL',
      `Signature ${view.id} of batch ${data.view.batchNumber} has no stored row.`,
    );
  }
  return {
    id: stored.id,
    recordType: stored.recordType,
    recordId: stored.recordId,
    meaning: stored.meaning,
    statement: view.statement,
    signerUserId: stored.signerUserId,
    signerUsername: stored.signerUsername,
    signerName: stored.signerName,
    signedAtUtc: stored.signedAtUtc,
    timeZone: stored.timeZone,
    terminalId: stored.terminalId,
    terminalName: view.terminalName,
    contentHash: stored.contentHash,
    keyId: stored.keyId,
    signature: stored.signature,
    verification: view.verification,
  };
}

function entryOf(data: BatchRecordData, entry: BatchEntryView) {
  return {
    id: entry.id,
    kind: entry.kind,
    // As stored: typed text, unit, limits applied, formula inputs, and raw instrument bytes when captured.
    value: entry.value,
    display: entry.display,
    origin: entry.origin,
    withinLimits: entry.withinLimits,
    supersedesId: entry.supersedesId,
    superseded: entry.superseded,
    reason: entry.reason,
    enteredByUserId: entry.enteredByUserId,
    enteredByName: entry.enteredByName,
    enteredAtUtc: entry.enteredAtUtc,
    signatures: entry.signatures.map((signature) => signatureOf(data, signature)),
  };
}

/** The complete batch record as one JSON document (P11-10b); see docs/batch-record.md. */
export function electronicCopyDocument(data: BatchRecordData, applicationVersion: string) {
  const { view, batchRow, recipe } = data;
  const rows = data.auditRows;
  return {
    format: ELECTRONIC_COPY_FORMAT,
    producedBy: { application: 'EBR Workstation', version: applicationVersion, terminal: data.thisTerminal },
    batch: {
      id: batchRow.id,
      batchNumber: batchRow.batchNumber,
      productCode: batchRow.productCode,
      productName: batchRow.productName,
      plannedQuantity: batchRow.plannedQuantity,
      plannedUnit: batchRow.plannedUnit,
      training: batchRow.training === 1,
      status: batchRow.status,
      terminalId: batchRow.terminalId,
      terminalName: view.terminalName,
      createdByUserId: batchRow.createdByUserId,
      createdByName: batchRow.createdByName,
      createdAtUtc: batchRow.createdAtUtc,
      startedAtUtc: batchRow.startedAtUtc,
      executionCompletedAtUtc: batchRow.executionCompletedAtUtc,
      abortedAtUtc: batchRow.abortedAtUtc,
      stepsCompleted: view.stepsCompleted,
      stepCount: view.stepCount,
      openExceptions: view.openExceptions,
      signatures: view.signatures.map((signature) => signatureOf(data, signature)),
    },
    recipe: {
      versionId: recipe.versionId,
      code: recipe.code,
      versionLabel: recipe.versionLabel,
      name: recipe.name,
      // SHA-256 of the canonical JSON of `content`: recompute it to check the recipe is the approved one.
      contentHash: recipe.contentHash,
      content: recipe.content,
    },
    operations: view.operations,
    steps: view.steps.map((step) => ({
      id: step.id,
      operationId: step.operationId,
      position: step.position,
      definition: step.definition,
      prerequisites: step.prerequisites,
      status: step.status,
      ownerUserId: step.ownerUserId,
      ownerName: step.ownerName,
      startedAtUtc: step.startedAtUtc,
      completedAtUtc: step.completedAtUtc,
      changedSinceOriginalEntry: step.changed,
      entries: step.entries.map((entry) => entryOf(data, entry)),
    })),
    exceptions: view.exceptions.map((exception) => {
      const row = data.exceptionRows.get(exception.id)!;
      return {
        ...row,
        stepTitle: exception.stepTitle,
        signatures: exception.signatures.map((signature) => signatureOf(data, signature)),
      };
    }),
    comments: data.commentRows,
    // The registers at the time of use (R211-184, R211-182): each lot portion and each equipment use.
    materials: { portions: data.world.portions, outputLotNumber: data.world.outputLotNumber },
    equipment: data.world.equipment,
    // QA's review (A11-9, A11-15): every disposition (replaced ones too), audit-trail review and the decision.
    review: {
      dispositions: data.review.dispositions.map((disposition) => ({
        ...disposition,
        signatures: disposition.signatures.map((signature) => signatureOf(data, signature)),
      })),
      auditReviews: data.review.auditReviews.map((auditReview) => ({
        ...auditReview,
        signatures: auditReview.signatures.map((signature) => signatureOf(data, signature)),
      })),
      decision: data.review.decision && {
        ...data.review.decision,
        signatures: data.review.decision.signatures.map((signature) => signatureOf(data, signature)),
      },
    },
    auditTrail: {
      rowCount: rows.length,
      firstSeq: rows[0]?.seq ?? null,
      lastSeq: rows.at(-1)?.seq ?? null,
      rows,
    },
    // The latest signed checkpoint of the whole trail: its head covers every row above.
    auditChainCheckpoint: data.checkpoint,
    terminals: data.terminals,
  };
}

export type ElectronicCopyDocument = ReturnType<typeof electronicCopyDocument>;

/** Same store state, same bytes: canonical JSON has one serialization, and no clock is read. */
export function electronicCopyOf(data: BatchRecordData, applicationVersion: string): ElectronicCopy {
  const bytes = Buffer.from(canonicalJson(electronicCopyDocument(data, applicationVersion)), 'utf8');
  return { bytes, sha256: createHash('sha256').update(bytes).digest('hex') };
}
