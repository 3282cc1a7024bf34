import { createHash, randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3-multiple-ciphers';
import type { EquipmentFields } from '../../../shared/contract/material-inputs';
import type { EquipmentDetailView, EquipmentView, LogbookFile } from '../../../shared/contract/materials';
import type { SignerCredentials } from '../../../shared/contract/signatures';
import { EbrError } from '../../../shared/errors';
import {
  equipmentCondition,
  type EquipmentEventKind,
  type EquipmentState,
} from '../../../shared/materials/equipment-rules';
import type { AuditActor, AuditRecorder, AuditTrail } from '../audit/audit-trail';
import { toUtcIso, type Clock } from '../clock';
import type { SessionRecord } from '../identity/sessions';
import type { SignatureService } from '../signatures/signature-service';
import { renderLogbookPdf } from './logbook-pdf';
import {
  equipmentStateOf,
  equipmentViewOf,
  logEntryOf,
  readEquipmentEvents,
  readEquipmentItem,
  readEquipmentItems,
  type EquipmentRow,
} from './equipment-records';

/** Signed record type of a logbook event (cleaning, maintenance, service). */
export const EQUIPMENT_EVENT_RECORD = 'equipment-event';

export function readSignedEquipmentEvent(sqlite: Database.Database, eventId: string): unknown {
  return (
    sqlite
      .prepare(
        `SELECT e.id, q.code AS equipmentCode, e.kind, e.procedure, e.started_at_utc AS startedAtUtc, e.ended_at_utc AS endedAtUtc,
           e.reason, e.performed_by_name AS performedByName, e.recorded_at_utc AS recordedAtUtc
         FROM equipment_events e JOIN equipment q ON q.id = e.equipment_id WHERE e.id = ?`,
      )
      .get(eventId) ?? undefined
  );
}

/** One logbook event as written (batches, cleaning, maintenance). */
export interface EquipmentEventInput {
  kind: EquipmentEventKind;
  batch?: { id: string; number: string; productCode: string; productName: string };
  procedure?: string;
  startedAtUtc?: string;
  endedAtUtc?: string;
  reason: string;
  performedByUserId: string | null;
  performedByName: string;
  verifiedByName?: string;
}

/** Which status changes a technician may sign, from which states. */
const serviceMoves: Record<string, EquipmentState['status'][]> = {
  'maintenance-started': ['clean', 'dirty', 'out-of-service'],
  'maintenance-ended': ['maintenance'],
  'out-of-service': ['clean', 'dirty', 'maintenance'],
  'returned-to-service': ['out-of-service'],
};

export interface EquipmentRegisterDeps {
  sqlite: Database.Database;
  audit: AuditTrail;
  signatures: SignatureService;
  clock: Clock;
  /** For the logbook's footer: where and by what it was printed. */
  terminalName: string;
  applicationVersion: string;
}

/**
 * Equipment and rooms (R211-67, R211-105, R211-182): the register and its logbook. Status moves only
 * through batches (in use, released dirty) and signed records (cleaning, maintenance, service).
 */
export class EquipmentRegister {
  constructor(private readonly deps: EquipmentRegisterDeps) {}

  item(code: string): EquipmentRow {
    const item = readEquipmentItem(this.deps.sqlite, code);
    if (!item)
      throw new EbrError('NOT_FOUND', `There is no equipment item or room ${code}.`, {
        field: 'equipmentCode',
      });
    return item;
  }

  stateOf(item: EquipmentRow): EquipmentState {
    return equipmentStateOf(item, readEquipmentEvents(this.deps.sqlite, item.id));
  }

  list(): EquipmentView[] {
    const now = this.deps.clock.now();
    return readEquipmentItems(this.deps.sqlite).map((item) => equipmentViewOf(item, this.stateOf(item), now));
  }

  get(code: string): EquipmentDetailView {
    const item = this.item(code);
    const events = readEquipmentEvents(this.deps.sqlite, item.id);
    return {
      ...equipmentViewOf(item, equipmentStateOf(item, events), this.deps.clock.now()),
      logbook: events.map(logEntryOf),
    };
  }

  /** The logbook as PDF (R211-182), for the screen and `ebr equipment logbook`. */
  logbookPdf(code: string, printedBy: string): LogbookFile {
    const bytes = renderLogbookPdf({
      item: this.get(code),
      generatedAtUtc: toUtcIso(this.deps.clock.now()),
      generatedBy: printedBy,
      terminalName: this.deps.terminalName,
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      applicationVersion: this.deps.applicationVersion,
    });
    return {
      fileName: `logbook-${code}.pdf`,
      mediaType: 'application/pdf',
      base64: bytes.toString('base64'),
      sha256: createHash('sha256').update(bytes).digest('hex'),
      byteLength: bytes.length,
    };
  }

  register(
    actor: AuditActor & { userId: string },
    fields: EquipmentFields,
    reason: string,
  ): EquipmentDetailView {
    if (readEquipmentItem(this.deps.sqlite, fields.code)) {
      throw new EbrError('CONFLICT', `${fields.code} is already registered.`, { field: 'code' });
    }
    const id = randomUUID();
    this.deps.audit.change(actor, ({ record }) => {
      this.deps.sqlite
        .prepare(
          `INSERT INTO equipment (id, code, kind, description, room, clean_hold_hours, dirty_hold_hours, campaign_batches, registered_by_user_id, registered_by_name, registered_at_utc)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          id,
          fields.code,
          fields.kind,
          fields.description,
          fields.room,
          fields.cleanHoldHours,
          fields.dirtyHoldHours,
          fields.campaignBatches,
          actor.userId,
          actor.userName,
          toUtcIso(this.deps.clock.now()),
        );
      this.eventWithin(record, id, {
        kind: 'registered',
        reason,
        performedByUserId: actor.userId,
        performedByName: actor.userName ?? '',
      });
      record({
        action: 'equipment.registered',
        entityType: 'equipment',
        entityId: id,
        newValue: fields,
        reason,
      });
    });
    return this.get(fields.code);
  }

  /** Inside a caller's transaction: one logbook row and its audit row. */
  eventWithin(record: AuditRecorder['record'], equipmentId: string, event: EquipmentEventInput): string {
    const id = randomUUID();
    const nowUtc = toUtcIso(this.deps.clock.now());
    this.deps.sqlite
      .prepare(
        `INSERT INTO equipment_events (id, equipment_id, kind, batch_id, batch_number, product_code, product_name, procedure, started_at_utc, ended_at_utc, reason, performed_by_user_id, performed_by_name, verified_by_name, recorded_at_utc)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        id,
        equipmentId,
        event.kind,
        event.batch?.id ?? null,
        event.batch?.number ?? null,
        event.batch?.productCode ?? null,
        event.batch?.productName ?? null,
        event.procedure ?? null,
        event.startedAtUtc ?? null,
        event.endedAtUtc ?? null,
        event.reason,
        event.performedByUserId,
        event.performedByName,
        event.verifiedByName ?? null,
        nowUtc,
      );
    record({
      action: `equipment.${event.kind}`,
      entityType: 'equipment',
      entityId: equipmentId,
      newValue: { eventId: id, ...event },
      reason: event.reason,
    });
    return id;
  }

  /**
   * A cleaning record (R211-67, R211-182): the person who cleaned signs "performed", a second
   * person signs "verified"; then the item is clean from the end of the cleaning.
   */
  async recordCleaning(
    session: SessionRecord,
    input: {
      equipmentCode: string;
      procedure: string;
      startedAtUtc: string;
      endedAtUtc: string;
      performer: SignerCredentials;
      verifier: SignerCredentials;
    },
  ): Promise<EquipmentDetailView> {
    const item = this.item(input.equipmentCode);
    const nowMs = this.deps.clock.now();
    if (Date.parse(input.endedAtUtc) > nowMs) {
      throw new EbrError('VALIDATION_FAILED', 'The cleaning cannot end in the future.', {
        field: 'endedAtUtc',
      });
    }
    this.assertCleanable(item);
    const performer = await this.deps.signatures.authenticate(session, input.performer, 'performed');
    const verifier = await this.deps.signatures.authenticate(session, input.verifier, 'verified', {
      distinctFrom: [{ userId: performer.userId, role: 'person who cleaned' }],
    });
    this.deps.audit.change({ userId: performer.userId, userName: performer.fullName }, ({ record }) => {
      this.assertCleanable(item);
      const eventId = this.eventWithin(record, item.id, {
        kind: 'cleaned',
        procedure: input.procedure,
        startedAtUtc: input.startedAtUtc,
        endedAtUtc: input.endedAtUtc,
        reason: `Cleaned per ${input.procedure}`,
        performedByUserId: performer.userId,
        performedByName: performer.fullName,
        verifiedByName: verifier.fullName,
      });
      const content = readSignedEquipmentEvent(this.deps.sqlite, eventId);
      const ref = { type: EQUIPMENT_EVENT_RECORD, id: eventId };
      this.deps.signatures.signWithin(record, performer, ref, content, 'performed');
      this.deps.signatures.signWithin(record, verifier, ref, content, 'verified');
    });
    return this.get(item.code);
  }

  private assertCleanable(item: EquipmentRow): void {
    const state = this.stateOf(item);
    if (state.status === 'in-use') {
      throw new EbrError(
        'CONFLICT',
        `${item.code} is in use by batch ${state.batchNumber}: it is cleaned after the batch releases it.`,
      );
    }
    if (state.status === 'maintenance' || state.status === 'out-of-service') {
      throw new EbrError(
        'CONFLICT',
        `${item.code} is ${state.status === 'maintenance' ? 'under maintenance' : 'out of service'}: end that first.`,
      );
    }
  }

  /** Maintenance and service changes, signed "performed" by the technician, with a reason. */
  async changeStatus(
    session: SessionRecord,
    input: {
      equipmentCode: string;
      change: keyof typeof serviceMoves;
      reason: string;
      credentials: SignerCredentials;
    },
  ): Promise<EquipmentDetailView> {
    const item = this.item(input.equipmentCode);
    this.assertMove(item, input.change);
    const signer = await this.deps.signatures.authenticate(session, input.credentials, 'performed');
    this.deps.audit.change({ userId: signer.userId, userName: signer.fullName }, ({ record }) => {
      this.assertMove(item, input.change);
      const eventId = this.eventWithin(record, item.id, {
        kind: input.change as EquipmentEventKind,
        reason: input.reason,
        performedByUserId: signer.userId,
        performedByName: signer.fullName,
      });
      this.deps.signatures.signWithin(
        record,
        signer,
        { type: EQUIPMENT_EVENT_RECORD, id: eventId },
        readSignedEquipmentEvent(this.deps.sqlite, eventId),
        'performed',
      );
    });
    return this.get(item.code);
  }

  private assertMove(item: EquipmentRow, change: string): void {
    const state = this.stateOf(item);
    if (!serviceMoves[change]!.includes(state.status)) {
      const condition = equipmentCondition(state, this.deps.clock.now());
      throw new EbrError('CONFLICT', `${item.code} is ${condition}: "${change}" is not possible now.`, {
        field: 'change',
        condition,
      });
    }
  }
}
