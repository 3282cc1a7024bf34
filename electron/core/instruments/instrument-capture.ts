import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3-multiple-ciphers';
import type { StepInput } from '../../../shared/batches/step-input';
import type { CaptureView } from '../../../shared/contract/live-instruments';
import type { InstrumentView } from '../../../shared/contract/instruments';
import { EbrError } from '../../../shared/errors';
import { instrumentKindLabels } from '../../../shared/instruments/instrument-kinds';
import type { AuditTrail } from '../audit/audit-trail';
import { loadBatch } from '../batches/batch-state';
import type { ResolvedCapture } from '../batches/engine/engine-types';
import { weighingLimits } from '../batches/engine/limits';
import { toUtcIso, type Clock } from '../clock';
import { captureStableValue } from '../devices/capture';
import type { InstrumentCaptureConfig, StepNeed } from '../devices/capture-checks';
import type { SessionRecord } from '../identity/sessions';
import type { DeviceHub } from './device-hub';
import type { InstrumentRegistry } from './instrument-registry';

interface CaptureRow {
  id: string;
  instrumentId: string;
  batchId: string;
  stepId: string;
  kind: 'reading' | 'scan';
  serialNumber: string;
  model: string | null;
  protocol: string;
  port: string;
  value: number | null;
  valueText: string;
  unit: string | null;
  tare: number | null;
  rawHex: string;
  receivedAtUtc: string;
}

const captureColumns = `id, instrument_id AS instrumentId, batch_id AS batchId, step_id AS stepId, kind,
  serial_number AS serialNumber, model, protocol, port, value, value_text AS valueText, unit, tare, raw_hex AS rawHex,
  received_at_utc AS receivedAtUtc`;

function refuse(message: string, details: Record<string, unknown> = {}): never {
  throw new EbrError('EXECUTION_REFUSED', message, { reason: 'capture-refused', ...details });
}

export interface InstrumentCaptureDeps {
  sqlite: Database.Database;
  audit: AuditTrail;
  clock: Clock;
  registry: InstrumentRegistry;
  devices: DeviceHub;
}

/**
 * Capture from an instrument for the step an operator is doing (P11-10h, R211-68, USP <41>):
 * the instrument must be the one the step names, active, at this terminal, calibrated; the reading
 * stable and passing every check. Each capture is stored as received (raw bytes) and audited;
 * each refusal is audited too.
 */
export class InstrumentCapture {
  constructor(private readonly deps: InstrumentCaptureDeps) {}

  private instrumentFor(instrumentId: string): InstrumentView {
    const instrument = this.deps.registry.get(instrumentId);
    if (instrument.status !== 'active')
      refuse(`${instrument.assetId} is ${instrument.status}: use another instrument.`);
    return instrument;
  }

  async capture(
    session: SessionRecord,
    input: { batchId: string; stepId: string; instrumentId: string },
  ): Promise<CaptureView> {
    const { state } = loadBatch(this.deps.sqlite, input.batchId);
    if (state.status !== 'in-progress')
      refuse(`The batch is ${state.status}: nothing is captured for it now.`);
    const step = state.steps.find((candidate) => candidate.id === input.stepId);
    if (!step) throw new EbrError('NOT_FOUND', `This batch has no step "${input.stepId}".`);
    if (step.status !== 'in-progress' || step.ownerUserId !== session.userId) {
      refuse(`Start ${step.definition.title} yourself before capturing a value for it.`);
    }
    const definition = step.definition;
    if (definition.type !== 'weighing' && definition.type !== 'measurement') {
      refuse(`${definition.title} is a ${definition.type} step: it takes no instrument reading.`);
    }
    const instrument = this.instrumentFor(input.instrumentId);
    const expectedKind = definition.type === 'weighing' ? 'balance' : 'ph-meter';
    if (instrument.kind !== expectedKind) {
      refuse(
        `${definition.title} needs a ${instrumentKindLabels[expectedKind].toLowerCase()}; ${instrument.assetId} is a ${instrumentKindLabels[instrument.kind].toLowerCase()}.`,
      );
    }
    // In training, a simulated instrument stands in for the one the step names.
    if (definition.equipment && definition.equipment !== instrument.assetId && !instrument.simulated) {
      refuse(
        `${definition.title} is done on ${definition.equipment}; ${instrument.assetId} is another instrument.`,
      );
    }
    if (instrument.simulated && !state.training) {
      refuse(`${instrument.assetId} is a simulated instrument: it serves training batches only.`);
    }
    const connected = this.deps.devices.ready(instrument.id);
    const need: StepNeed = { unit: definition.unit };
    if (definition.type === 'weighing') {
      const limits = weighingLimits(state.recipe, definition, state.plannedQuantity, definition.decimals);
      if (limits.target !== undefined) need.target = limits.target;
      if (limits.min !== undefined && limits.max !== undefined)
        need.tolerance = (limits.max - limits.min) / 2;
      need.balance = definition.balance;
    }
    const config: InstrumentCaptureConfig = {
      name: `${instrumentKindLabels[instrument.kind]} ${instrument.assetId}`,
      expectedSerialNumber: instrument.expectedSerialNumber,
      // An instrument registered without a due date is refused as overdue: it has never been calibrated.
      calibrationDueUtc: instrument.calibrationDueUtc ?? '1970-01-01',
      unit: instrument.unit ?? definition.unit,
      ...(instrument.capacity !== null && { capacity: instrument.capacity }),
      ...(instrument.readability !== null && { readability: instrument.readability }),
      ...(instrument.minimumWeight !== null && { minimumWeight: instrument.minimumWeight }),
    };
    const tare = connected.tare?.value;
    const outcome = await captureStableValue(connected.driver, {
      instrument: config,
      need,
      clock: this.deps.clock,
      instrumentId: instrument.id,
      ...(tare !== undefined && { tare }),
    });
    const actor = { userId: session.userId, userName: session.fullName };
    if (!outcome.ok) {
      this.deps.audit.change(actor, ({ record }) =>
        record({
          action: 'instrument.capture-refused',
          entityType: 'instrument',
          entityId: instrument.id,
          newValue: {
            batchId: input.batchId,
            stepId: input.stepId,
            code: outcome.code,
            rawHex: outcome.reading?.raw.hex ?? null,
          },
          reason: outcome.message,
        }),
      );
      refuse(outcome.message, { code: outcome.code });
    }
    const captured = outcome.value;
    const id = randomUUID();
    this.deps.audit.change(actor, ({ record }) => {
      this.deps.sqlite
        .prepare(
          `INSERT INTO instrument_captures (id, instrument_id, batch_id, step_id, kind, serial_number, model, protocol, port, value, value_text, unit, tare, raw_hex, received_at_utc, captured_by_user_id, captured_at_utc)
           VALUES (?, ?, ?, ?, 'reading', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          id,
          instrument.id,
          input.batchId,
          input.stepId,
          captured.instrumentSerialNumber,
          captured.instrumentModel ?? null,
          captured.protocol,
          captured.port,
          captured.value,
          captured.valueText,
          captured.unit,
          tare ?? null,
          captured.rawHex,
          captured.receivedAtUtc,
          session.userId,
          toUtcIso(this.deps.clock.now()),
        );
      record({
        action: 'instrument.captured',
        entityType: 'instrument',
        entityId: instrument.id,
        newValue: {
          captureId: id,
          batchId: input.batchId,
          stepId: input.stepId,
          value: captured.valueText,
          unit: captured.unit,
          serialNumber: captured.instrumentSerialNumber,
          rawHex: captured.rawHex,
        },
      });
    });
    return {
      captureId: id,
      instrumentId: instrument.id,
      assetId: instrument.assetId,
      serialNumber: captured.instrumentSerialNumber,
      value: captured.value,
      valueText: captured.valueText,
      unit: captured.unit,
      tare: tare ?? null,
      rawHex: captured.rawHex,
      receivedAtUtc: captured.receivedAtUtc,
    };
  }

  /** The stored capture (or the scanner's read) an input names, checked to belong to this step. */
  resolve(batchId: string, stepId: string, input: StepInput): ResolvedCapture | undefined {
    const captureId =
      'origin' in input && input.origin === 'instrument'
        ? input.captureId
        : input.type === 'scan'
          ? input.captureId
          : undefined;
    if (captureId === undefined) return undefined;
    if (this.deps.sqlite.prepare('SELECT 1 FROM batch_entries WHERE capture_id = ?').get(captureId)) {
      refuse('This reading has already been recorded: capture a new one.');
    }
    if (input.type === 'scan') {
      const read = this.deps.devices.recentScan(captureId);
      if (!read) refuse('The scanner read is too old or unknown: scan again.');
      if (read.instrument.simulated && !loadBatch(this.deps.sqlite, batchId).state.training) {
        refuse(`${read.instrument.assetId} is a simulated scanner: it serves training batches only.`);
      }
      return {
        source: {
          captureId,
          instrumentId: read.instrument.id,
          assetId: read.instrument.assetId,
          serialNumber: read.serialNumber ?? read.instrument.expectedSerialNumber,
          model: read.model,
          protocol: read.instrument.protocol,
          port: read.port,
          rawHex: read.scan.raw.hex,
          receivedAtUtc: toUtcIso(read.scan.receivedAtMs),
        },
        value: null,
        valueText: read.scan.data,
        unit: null,
        tare: null,
      };
    }
    const row = this.deps.sqlite
      .prepare(`SELECT ${captureColumns} FROM instrument_captures WHERE id = ?`)
      .get(captureId) as CaptureRow | undefined;
    if (!row || row.batchId !== batchId || row.stepId !== stepId || row.kind !== 'reading') {
      refuse('This capture does not belong to this step: capture again.');
    }
    const instrument = this.deps.registry.get(row.instrumentId);
    return {
      source: {
        captureId,
        instrumentId: row.instrumentId,
        assetId: instrument.assetId,
        serialNumber: row.serialNumber,
        model: row.model,
        protocol: row.protocol,
        port: row.port,
        rawHex: row.rawHex,
        receivedAtUtc: row.receivedAtUtc,
      },
      value: row.value,
      valueText: row.valueText,
      unit: row.unit,
      tare: row.tare,
    };
  }
}
