import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3-multiple-ciphers';
import type { InstrumentFields } from '../../../shared/contract/instrument-inputs';
import type { InstrumentCheckView, InstrumentView } from '../../../shared/contract/instruments';
import { EbrError } from '../../../shared/errors';
import {
  CALIBRATION_DUE_SOON_DAYS,
  type CalibrationState,
  type InstrumentStatus,
} from '../../../shared/instruments/instrument-kinds';
import type { AuditActor, AuditTrail } from '../audit/audit-trail';
import { toUtcIso, type Clock } from '../clock';

const DAY_MS = 24 * 60 * 60 * 1000;

interface InstrumentRow {
  id: string;
  assetId: string;
  kind: InstrumentView['kind'];
  protocol: InstrumentView['protocol'];
  port: string;
  baudRate: number;
  dataBits: 7 | 8;
  parity: InstrumentView['serial']['parity'];
  stopBits: 1 | 2;
  flowControl: InstrumentView['serial']['flowControl'];
  expectedSerialNumber: string;
  model: string;
  unit: string | null;
  capacity: number | null;
  readability: number | null;
  minimumWeight: number | null;
  calibrationDueUtc: string | null;
  terminalId: string | null;
  status: InstrumentStatus;
  simulated: number;
  createdAtUtc: string;
  updatedAtUtc: string;
}

const columns = `id, asset_id AS assetId, kind, protocol, port, baud_rate AS baudRate, data_bits AS dataBits, parity,
  stop_bits AS stopBits, flow_control AS flowControl, expected_serial_number AS expectedSerialNumber, model, unit,
  capacity, readability, minimum_weight AS minimumWeight, calibration_due_utc AS calibrationDueUtc,
  terminal_id AS terminalId, status, simulated, created_at_utc AS createdAtUtc, updated_at_utc AS updatedAtUtc`;

/** The registry's record of an instrument as stored and audited (no derived fields). */
function recordOf(row: InstrumentRow) {
  const { createdAtUtc: _created, updatedAtUtc: _updated, ...facts } = row;
  return { ...facts, simulated: row.simulated === 1 };
}

export function calibrationStateOf(dueUtc: string | null, nowMs: number): CalibrationState {
  if (dueUtc === null) return 'not-required';
  const dueMs = Date.parse(dueUtc);
  if (dueMs <= nowMs) return 'overdue';
  return dueMs - nowMs <= CALIBRATION_DUE_SOON_DAYS * DAY_MS ? 'due-soon' : 'valid';
}

export interface InstrumentRegistryDeps {
  sqlite: Database.Database;
  audit: AuditTrail;
  clock: Clock;
  /** Told after every change, so the connected drivers follow the register. */
  onChange?(): void;
}

/**
 * Instruments registered by technicians (P11-10h, A11-5): protocol, port and serial settings, the
 * serial number the instrument must report, capacity, readability, minimum weight, calibration due
 * date and the history of calibrations and daily checks. Every change is audited with its reason.
 */
export class InstrumentRegistry {
  constructor(private readonly deps: InstrumentRegistryDeps) {}

  private row(id: string): InstrumentRow {
    const row = this.deps.sqlite.prepare(`SELECT ${columns} FROM instruments WHERE id = ?`).get(id) as
      InstrumentRow | undefined;
    if (!row) throw new EbrError('NOT_FOUND', 'There is no such instrument.');
    return row;
  }

  private checks(instrumentId: string): InstrumentCheckView[] {
    return this.deps.sqlite
      .prepare(
        `SELECT id, kind, result, performed_at_utc AS performedAtUtc, next_due_utc AS nextDueUtc, reference, comment,
         entered_by_name AS enteredByName, entered_at_utc AS enteredAtUtc
         FROM instrument_checks WHERE instrument_id = ? ORDER BY performed_at_utc DESC, rowid DESC`,
      )
      .all(instrumentId) as InstrumentCheckView[];
  }

  private view(row: InstrumentRow): InstrumentView {
    const terminalName =
      row.terminalId === null
        ? null
        : ((this.deps.sqlite
            .prepare('SELECT name FROM terminals WHERE id = ?')
            .pluck()
            .get(row.terminalId) as string | undefined) ?? row.terminalId);
    return {
      id: row.id,
      assetId: row.assetId,
      kind: row.kind,
      protocol: row.protocol,
      port: row.port,
      serial: {
        baudRate: row.baudRate,
        dataBits: row.dataBits,
        parity: row.parity,
        stopBits: row.stopBits,
        flowControl: row.flowControl,
      },
      expectedSerialNumber: row.expectedSerialNumber,
      model: row.model,
      unit: row.unit,
      capacity: row.capacity,
      readability: row.readability,
      minimumWeight: row.minimumWeight,
      calibrationDueUtc: row.calibrationDueUtc,
      calibrationState: calibrationStateOf(row.calibrationDueUtc, this.deps.clock.now()),
      terminalId: row.terminalId,
      terminalName,
      status: row.status,
      simulated: row.simulated === 1,
      createdAtUtc: row.createdAtUtc,
      updatedAtUtc: row.updatedAtUtc,
      checks: this.checks(row.id),
    };
  }

  list(): InstrumentView[] {
    const rows = this.deps.sqlite
      .prepare(`SELECT ${columns} FROM instruments ORDER BY status = 'retired', asset_id`)
      .all() as InstrumentRow[];
    return rows.map((row) => this.view(row));
  }

  get(id: string): InstrumentView {
    return this.view(this.row(id));
  }

  /** The active instrument with this asset id, as recipes name it. */
  byAssetId(assetId: string): InstrumentView | null {
    const row = this.deps.sqlite
      .prepare(`SELECT ${columns} FROM instruments WHERE asset_id = ?`)
      .get(assetId) as InstrumentRow | undefined;
    return row ? this.view(row) : null;
  }

  private assertTerminal(terminalId: string | undefined): void {
    if (terminalId === undefined) return;
    if (!this.deps.sqlite.prepare('SELECT 1 FROM terminals WHERE id = ?').get(terminalId)) {
      throw new EbrError('NOT_FOUND', 'There is no such terminal to assign the instrument to.');
    }
  }

  private assertAssetFree(assetId: string, exceptId: string | null): void {
    const owner = this.deps.sqlite
      .prepare('SELECT id FROM instruments WHERE asset_id = ?')
      .pluck()
      .get(assetId) as string | undefined;
    if (owner !== undefined && owner !== exceptId) {
      throw new EbrError('CONFLICT', `Asset id ${assetId} is already registered.`);
    }
  }

  private values(fields: InstrumentFields) {
    return {
      assetId: fields.assetId,
      kind: fields.kind,
      protocol: fields.protocol,
      port: fields.port,
      baudRate: fields.serial.baudRate,
      dataBits: fields.serial.dataBits,
      parity: fields.serial.parity,
      stopBits: fields.serial.stopBits,
      flowControl: fields.serial.flowControl,
      expectedSerialNumber: fields.expectedSerialNumber,
      model: fields.model,
      unit: fields.unit ?? null,
      capacity: fields.capacity ?? null,
      readability: fields.readability ?? null,
      minimumWeight: fields.minimumWeight ?? null,
      calibrationDueUtc: fields.calibrationDueUtc ?? null,
      terminalId: fields.terminalId ?? null,
      simulated: fields.simulated ? 1 : 0,
    };
  }

  register(actor: AuditActor, fields: InstrumentFields, reason: string): InstrumentView {
    this.assertTerminal(fields.terminalId);
    this.assertAssetFree(fields.assetId, null);
    const id = randomUUID();
    const nowUtc = toUtcIso(this.deps.clock.now());
    const values = this.values(fields);
    this.deps.audit.change(actor, ({ record }) => {
      this.deps.sqlite
        .prepare(
          `INSERT INTO instruments (id, asset_id, kind, protocol, port, baud_rate, data_bits, parity, stop_bits, flow_control, expected_serial_number, model, unit, capacity, readability, minimum_weight, calibration_due_utc, terminal_id, status, simulated, created_at_utc, updated_at_utc)
           VALUES (@id, @assetId, @kind, @protocol, @port, @baudRate, @dataBits, @parity, @stopBits, @flowControl, @expectedSerialNumber, @model, @unit, @capacity, @readability, @minimumWeight, @calibrationDueUtc, @terminalId, 'active', @simulated, @nowUtc, @nowUtc)`,
        )
        .run({ id, ...values, nowUtc });
      record({
        action: 'instrument.registered',
        entityType: 'instrument',
        entityId: id,
        newValue: recordOf(this.row(id)),
        reason,
      });
    });
    this.deps.onChange?.();
    return this.get(id);
  }

  update(actor: AuditActor, id: string, fields: InstrumentFields, reason: string): InstrumentView {
    const before = this.row(id);
    if (before.status === 'retired')
      throw new EbrError('CONFLICT', `${before.assetId} is retired: it is no longer changed.`);
    this.assertTerminal(fields.terminalId);
    this.assertAssetFree(fields.assetId, id);
    const values = this.values(fields);
    this.deps.audit.change(actor, ({ record }) => {
      this.deps.sqlite
        .prepare(
          `UPDATE instruments SET asset_id = @assetId, kind = @kind, protocol = @protocol, port = @port, baud_rate = @baudRate,
           data_bits = @dataBits, parity = @parity, stop_bits = @stopBits, flow_control = @flowControl,
           expected_serial_number = @expectedSerialNumber, model = @model, unit = @unit, capacity = @capacity,
           readability = @readability, minimum_weight = @minimumWeight, calibration_due_utc = @calibrationDueUtc,
           terminal_id = @terminalId, simulated = @simulated, updated_at_utc = @nowUtc WHERE id = @id`,
        )
        .run({ id, ...values, nowUtc: toUtcIso(this.deps.clock.now()) });
      record({
        action: 'instrument.updated',
        entityType: 'instrument',
        entityId: id,
        oldValue: recordOf(before),
        newValue: recordOf(this.row(id)),
        reason,
      });
    });
    this.deps.onChange?.();
    return this.get(id);
  }

  setStatus(actor: AuditActor, id: string, status: InstrumentStatus, reason: string): InstrumentView {
    const before = this.row(id);
    if (before.status === status) throw new EbrError('CONFLICT', `${before.assetId} is already ${status}.`);
    if (before.status === 'retired')
      throw new EbrError('CONFLICT', `${before.assetId} is retired: it does not come back.`);
    this.deps.audit.change(actor, ({ record }) => {
      this.deps.sqlite
        .prepare('UPDATE instruments SET status = ?, updated_at_utc = ? WHERE id = ?')
        .run(status, toUtcIso(this.deps.clock.now()), id);
      record({
        action: 'instrument.status-changed',
        entityType: 'instrument',
        entityId: id,
        oldValue: { status: before.status },
        newValue: { status },
        reason,
      });
    });
    this.deps.onChange?.();
    return this.get(id);
  }

  /** A calibration or daily check; a passed calibration moves the due date, a failed one takes the instrument out of service. */
  recordCheck(
    actor: AuditActor & { userId: string; userName: string },
    check: {
      instrumentId: string;
      kind: 'calibration' | 'daily-check';
      result: 'pass' | 'fail';
      performedAtUtc: string;
      nextDueUtc?: string;
      reference: string;
      comment: string;
    },
  ): InstrumentView {
    const before = this.row(check.instrumentId);
    if (before.status === 'retired') throw new EbrError('CONFLICT', `${before.assetId} is retired.`);
    const nowMs = this.deps.clock.now();
    if (Date.parse(check.performedAtUtc) > nowMs + 60_000) {
      throw new EbrError('VALIDATION_FAILED', 'A check cannot be recorded as performed in the future.');
    }
    if (check.nextDueUtc !== undefined && Date.parse(check.nextDueUtc) <= Date.parse(check.performedAtUtc)) {
      throw new EbrError(
        'VALIDATION_FAILED',
        'The next calibration must be due after this one was performed.',
      );
    }
    const id = randomUUID();
    this.deps.audit.change(actor, ({ record }) => {
      this.deps.sqlite
        .prepare(
          `INSERT INTO instrument_checks (id, instrument_id, kind, result, performed_at_utc, next_due_utc, reference, comment, entered_by_user_id, entered_by_name, entered_at_utc)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          id,
          check.instrumentId,
          check.kind,
          check.result,
          check.performedAtUtc,
          check.nextDueUtc ?? null,
          check.reference,
          check.comment,
          actor.userId,
          actor.userName,
          toUtcIso(nowMs),
        );
      record({
        action: `instrument.${check.kind}-recorded`,
        entityType: 'instrument',
        entityId: check.instrumentId,
        newValue: { checkId: id, ...check },
        reason: check.comment || null,
      });
      if (check.kind === 'calibration' && check.result === 'pass' && check.nextDueUtc !== undefined) {
        this.deps.sqlite
          .prepare('UPDATE instruments SET calibration_due_utc = ?, updated_at_utc = ? WHERE id = ?')
          .run(check.nextDueUtc, toUtcIso(nowMs), check.instrumentId);
        record({
          action: 'instrument.calibration-due-changed',
          entityType: 'instrument',
          entityId: check.instrumentId,
          oldValue: { calibrationDueUtc: before.calibrationDueUtc },
          newValue: { calibrationDueUtc: check.nextDueUtc },
          reason: `Calibration ${check.reference} passed`,
        });
      }
      if (check.result === 'fail' && before.status === 'active') {
        this.deps.sqlite
          .prepare("UPDATE instruments SET status = 'out-of-service', updated_at_utc = ? WHERE id = ?")
          .run(toUtcIso(nowMs), check.instrumentId);
        record({
          action: 'instrument.status-changed',
          entityType: 'instrument',
          entityId: check.instrumentId,
          oldValue: { status: before.status },
          newValue: { status: 'out-of-service' },
          reason: `${check.kind === 'calibration' ? 'Calibration' : 'Daily check'} ${check.reference} failed`,
        });
      }
    });
    this.deps.onChange?.();
    return this.get(check.instrumentId);
  }
}
