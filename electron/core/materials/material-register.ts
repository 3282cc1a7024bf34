import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3-multiple-ciphers';
import type { LotFields, MaterialFields } from '../../../shared/contract/material-inputs';
import type {
  LotImportProblem,
  LotImportResult,
  LotSummary,
  LotView,
  MaterialView,
} from '../../../shared/contract/materials';
import type { SignatureView, SignerCredentials } from '../../../shared/contract/signatures';
import { EbrError } from '../../../shared/errors';
import { lotCondition, type LotCondition, type LotStatus } from '../../../shared/materials/lot-rules';
import type { SignatureMeaning } from '../../../shared/signatures';
import type { AuditActor, AuditRecorder, AuditTrail } from '../audit/audit-trail';
import { toUtcIso, type Clock } from '../clock';
import type { SessionRecord } from '../identity/sessions';
import type { SignatureService } from '../signatures/signature-service';
import { parseLotFile } from './lot-import';
import { parseLotMessage } from './lot-message';
import { LOTS_FROM, lotSummaryOf, readLot, readMaterial, readMaterials, type LotRow } from './lot-records';

/** Signed record type of a lot status change (its content is read back to verify the signature). */
export const LOT_STATUS_RECORD = 'lot-status-change';

/** Which meaning QA signs for each status a lot is moved to. */
const meaningOf: Record<LotStatus, SignatureMeaning> = {
  released: 'released',
  rejected: 'rejected',
  quarantine: 'quarantined',
};

/** Allowed moves (R211-84): quarantine → released/rejected; released → quarantine (investigation). */
const moves: Record<LotStatus, LotStatus[]> = {
  quarantine: ['released', 'rejected'],
  released: ['quarantine', 'rejected'],
  rejected: [],
};

export function readSignedLotStatus(sqlite: Database.Database, eventId: string): unknown {
  return (
    sqlite
      .prepare(
        `SELECT e.id, l.lot_number AS lotNumber, e.status, e.reason, e.changed_by_name AS changedByName, e.changed_at_utc AS changedAtUtc
         FROM lot_status_events e JOIN lots l ON l.id = e.lot_id WHERE e.id = ?`,
      )
      .get(eventId) ?? undefined
  );
}

export interface MaterialRegisterDeps {
  sqlite: Database.Database;
  audit: AuditTrail;
  signatures: SignatureService;
  clock: Clock;
}

/**
 * The material master and its lots (R211-84, R211-87, R211-184): registered by a material handler
 * (by hand or from an ERP file), moved between statuses only by QA's signature, never changed in
 * place. Every change is audited in the same transaction.
 */
export class MaterialRegister {
  constructor(private readonly deps: MaterialRegisterDeps) {}

  private now(): number {
    return this.deps.clock.now();
  }

  materials(): MaterialView[] {
    return readMaterials(this.deps.sqlite);
  }

  registerMaterial(actor: AuditActor & { userId: string }, fields: MaterialFields): MaterialView {
    if (readMaterial(this.deps.sqlite, fields.code)) {
      throw new EbrError('CONFLICT', `Material ${fields.code} is already registered.`, { field: 'code' });
    }
    const id = randomUUID();
    this.deps.audit.change(actor, ({ record }) => {
      this.deps.sqlite
        .prepare(
          `INSERT INTO materials (id, code, name, kind, base_unit, storage_conditions, registered_by_user_id, registered_by_name, registered_at_utc)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          id,
          fields.code,
          fields.name,
          fields.kind,
          fields.baseUnit,
          fields.storageConditions,
          actor.userId,
          actor.userName,
          toUtcIso(this.now()),
        );
      record({ action: 'material.registered', entityType: 'material', entityId: id, newValue: fields });
    });
    return readMaterial(this.deps.sqlite, fields.code)!;
  }

  list(filter: {
    status?: LotCondition;
    materialCode?: string;
    search?: string;
    expiringWithinDays?: number;
  }): LotSummary[] {
    const rows = this.deps.sqlite
      .prepare(`${LOTS_FROM} WHERE (? IS NULL OR m.code = ?) ORDER BY l.expiry_date, l.lot_number`)
      .all(filter.materialCode ?? null, filter.materialCode ?? null) as LotRow[];
    const now = this.now();
    const search = filter.search?.toUpperCase();
    const horizon =
      filter.expiringWithinDays === undefined
        ? null
        : toUtcIso(now + filter.expiringWithinDays * 86_400_000).slice(0, 10);
    return rows
      .map((row) => lotSummaryOf(row, now))
      .filter((lot) => filter.status === undefined || lot.condition === filter.status)
      .filter(
        (lot) =>
          search === undefined ||
          [
            lot.lotNumber,
            lot.materialCode,
            lot.supplierLot.toUpperCase(),
            lot.materialName.toUpperCase(),
          ].some((text) => text.includes(search)),
      )
      .filter(
        (lot) =>
          horizon === null ||
          (lot.condition === 'released' &&
            (lot.expiryDate <= horizon || (lot.retestDate !== null && lot.retestDate <= horizon))),
      );
  }

  private requireLot(lotNumber: string): LotRow {
    const row = readLot(this.deps.sqlite, lotNumber);
    if (!row) throw new EbrError('NOT_FOUND', `There is no lot ${lotNumber}.`, { field: 'lotNumber' });
    return row;
  }

  get(lotNumber: string): LotView {
    const row = this.requireLot(lotNumber);
    const history = (
      this.deps.sqlite
        .prepare(
          `SELECT id, status, reason, changed_by_name AS changedByName, changed_at_utc AS changedAtUtc, signature_id AS signatureId
           FROM lot_status_events WHERE lot_id = ? ORDER BY changed_at_utc, rowid`,
        )
        .all(row.id) as (Omit<LotView['history'][number], 'signature'> & { signatureId: string | null })[]
    ).map(({ signatureId, ...event }) => ({
      ...event,
      signature: signatureId === null ? null : this.signature(signatureId),
    }));
    const uses = this.deps.sqlite
      .prepare(
        `SELECT c.batch_id AS batchId, b.batch_number AS batchNumber, b.product_code AS productCode, c.step_id AS stepId,
           c.container, c.quantity, c.unit, c.status_at_use AS statusAtUse, c.potency_at_use AS potencyAtUse,
           c.dispensed_by_name AS dispensedByName, c.dispensed_at_utc AS dispensedAtUtc
         FROM lot_consumptions c JOIN batches b ON b.id = c.batch_id WHERE c.lot_id = ? ORDER BY c.dispensed_at_utc, c.rowid`,
      )
      .all(row.id) as LotView['uses'];
    return { ...lotSummaryOf(row, this.now()), history, uses };
  }

  /** A status is signed on its own record, or by QA's batch decision (an output lot). */
  private signature(signatureId: string): SignatureView | null {
    const ref = this.deps.sqlite
      .prepare('SELECT record_type AS type, record_id AS id FROM signatures WHERE id = ?')
      .get(signatureId) as { type: string; id: string } | undefined;
    return ref
      ? (this.deps.signatures.listFor(ref).find((signature) => signature.id === signatureId) ?? null)
      : null;
  }

  /** Inside a caller's transaction: a lot and its first status, quarantine. */
  insertLotWithin(
    record: AuditRecorder['record'],
    actor: AuditActor & { userId: string | null },
    fields: LotFields,
    origin: LotSummary['origin'],
    producedByBatchId: string | null = null,
  ): string {
    const material = readMaterial(this.deps.sqlite, fields.materialCode);
    if (!material)
      throw new EbrError('NOT_FOUND', `Material ${fields.materialCode} is not registered.`, {
        field: 'materialCode',
      });
    if (readLot(this.deps.sqlite, fields.lotNumber)) {
      throw new EbrError(
        'CONFLICT',
        `Lot number ${fields.lotNumber} is already used; lot numbers are never reused.`,
        {
          field: 'lotNumber',
        },
      );
    }
    const id = randomUUID();
    const nowUtc = toUtcIso(this.now());
    this.deps.sqlite
      .prepare(
        `INSERT INTO lots (id, lot_number, material_id, supplier, supplier_lot, gtin, received_date, received_quantity, unit, container_count, expiry_date, retest_date, potency_percent, origin, produced_by_batch_id, registered_by_user_id, registered_by_name, registered_at_utc)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        id,
        fields.lotNumber,
        material.id,
        fields.supplier,
        fields.supplierLot,
        fields.gtin ?? null,
        fields.receivedDate,
        fields.receivedQuantity,
        material.baseUnit,
        fields.containerCount,
        fields.expiryDate,
        fields.retestDate ?? null,
        fields.potencyPercent ?? null,
        origin,
        producedByBatchId,
        actor.userId ?? 'system',
        actor.userName ?? 'system',
        nowUtc,
      );
    this.insertStatusWithin(
      id,
      'quarantine',
      origin === 'batch-output'
        ? 'Made by the batch: quarantine until QA releases the batch'
        : 'Received: quarantine until QA releases it',
      null,
      actor.userId,
      actor.userName ?? 'system',
    );
    record({
      action: 'lot.registered',
      entityType: 'lot',
      entityId: id,
      newValue: { ...fields, unit: material.baseUnit, origin, status: 'quarantine' },
    });
    return id;
  }

  private insertStatusWithin(
    lotId: string,
    status: LotStatus,
    reason: string,
    signatureId: string | null,
    userId: string | null,
    userName: string,
    eventId: string = randomUUID(),
    atUtc: string = toUtcIso(this.now()),
  ): string {
    this.deps.sqlite
      .prepare(
        `INSERT INTO lot_status_events (id, lot_id, status, reason, signature_id, changed_by_user_id, changed_by_name, changed_at_utc)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(eventId, lotId, status, reason, signatureId, userId, userName, atUtc);
    return eventId;
  }

  registerLot(actor: AuditActor & { userId: string }, fields: LotFields): LotView {
    this.deps.audit.change(actor, ({ record }) => this.insertLotWithin(record, actor, fields, 'manual'));
    return this.get(fields.lotNumber);
  }

  /** Every problem of the file (shape, values, unknown materials, used lot numbers), or all lots. */
  import(actor: AuditActor & { userId: string }, fileName: string, text: string): LotImportResult {
    // A B2MML MaterialInformation message (XML) or the ERP's CSV file: the same checks either way.
    const parsed = /^\uFEFF?\s*</.test(text) ? parseLotMessage(text) : parseLotFile(text);
    const problems: LotImportProblem[] = [...parsed.problems];
    for (const lot of parsed.lots) {
      if (!readMaterial(this.deps.sqlite, lot.materialCode)) {
        problems.push({
          line: lot.line,
          column: 'material_code',
          message: `Material ${lot.materialCode} is not registered.`,
        });
      }
      if (readLot(this.deps.sqlite, lot.lotNumber)) {
        problems.push({
          line: lot.line,
          column: 'lot_number',
          message: `Lot number ${lot.lotNumber} is already used; lot numbers are never reused.`,
        });
      }
    }
    if (problems.length > 0) {
      problems.sort((a, b) => a.line - b.line);
      const first = problems[0]!;
      throw new EbrError(
        'VALIDATION_FAILED',
        `${fileName}: ${problems.length} problem${problems.length === 1 ? '' : 's'}, nothing imported. First: line ${first.line}${first.column ? `, column ${first.column}` : ''}: ${first.message}`,
        { problems },
      );
    }
    this.deps.audit.change(actor, ({ record }) => {
      for (const { line: _line, ...lot } of parsed.lots) this.insertLotWithin(record, actor, lot, 'import');
      record({
        action: 'lot.imported',
        entityType: 'lot-import',
        entityId: randomUUID(),
        newValue: { fileName, lots: parsed.lots.map((lot) => lot.lotNumber) },
      });
    });
    return {
      fileName,
      imported: parsed.lots.map((lot) => lotSummaryOf(readLot(this.deps.sqlite, lot.lotNumber)!, this.now())),
    };
  }

  /** QA moves a lot, signed with the meaning of the new status, with a reason. */
  async changeStatus(
    session: SessionRecord,
    lotNumber: string,
    status: LotStatus,
    reason: string,
    credentials: SignerCredentials,
  ): Promise<LotView> {
    const before = this.requireLot(lotNumber);
    this.assertMove(before, status);
    const signer = await this.deps.signatures.authenticate(session, credentials, meaningOf[status]);
    this.deps.audit.change({ userId: signer.userId, userName: signer.fullName }, ({ record }) => {
      const row = this.requireLot(lotNumber);
      this.assertMove(row, status);
      const eventId = randomUUID();
      const atUtc = toUtcIso(this.now());
      // Signed first (the content is known), so the event row names its signature.
      const content = {
        id: eventId,
        lotNumber,
        status,
        reason,
        changedByName: signer.fullName,
        changedAtUtc: atUtc,
      };
      const signature = this.deps.signatures.signWithin(
        record,
        signer,
        { type: LOT_STATUS_RECORD, id: eventId },
        content,
        meaningOf[status],
      );
      this.insertStatusWithin(
        row.id,
        status,
        reason,
        signature.id,
        signer.userId,
        signer.fullName,
        eventId,
        atUtc,
      );
      record({
        action: 'lot.status-changed',
        entityType: 'lot',
        entityId: row.id,
        oldValue: { status: row.status, condition: lotCondition(row, this.now()) },
        newValue: { lotNumber, status, signatureId: signature.id },
        reason,
      });
    });
    return this.get(lotNumber);
  }

  private assertMove(row: LotRow, status: LotStatus): void {
    if (!moves[row.status].includes(status)) {
      throw new EbrError(
        'CONFLICT',
        row.status === status
          ? `Lot ${row.lotNumber} is already ${row.status.toUpperCase()}.`
          : `Lot ${row.lotNumber} is ${row.status.toUpperCase()}: it cannot be moved to ${status.toUpperCase()}${row.status === 'rejected' ? ' (a rejected lot stays rejected)' : ''}.`,
        { field: 'status', from: row.status, to: status },
      );
    }
  }

  /**
   * QA's decision on a batch decides its output lot, with the same signature: released with the
   * batch, or rejected with it. Inside the decision's transaction.
   */
  decideOutputLotWithin(
    record: AuditRecorder['record'],
    batchId: string,
    decision: 'released' | 'rejected',
    signatureId: string,
    signerName: string,
    comment: string,
  ): void {
    const row = this.deps.sqlite.prepare(`${LOTS_FROM} WHERE l.produced_by_batch_id = ?`).get(batchId) as
      LotRow | undefined;
    if (!row || row.status !== 'quarantine') return;
    const signerUserId = this.deps.sqlite
      .prepare('SELECT signer_user_id FROM signatures WHERE id = ?')
      .pluck()
      .get(signatureId) as string;
    const reason = `Batch ${row.lotNumber} ${decision} by QA: ${comment}`;
    this.insertStatusWithin(row.id, decision, reason, signatureId, signerUserId, signerName);
    record({
      action: 'lot.status-changed',
      entityType: 'lot',
      entityId: row.id,
      oldValue: { status: row.status },
      newValue: { lotNumber: row.lotNumber, status: decision, signatureId, byBatchDecision: true },
      reason,
    });
  }
}
