import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3-multiple-ciphers';
import type { InstrumentSource, RecordedValue } from '../../../shared/batches/recorded-value';
import { canonicalJson } from '../../../shared/canonical-json';
import type { AuditRecorder } from '../audit/audit-trail';
import { toUtcIso } from '../clock';
import type { SignatureService } from '../signatures/signature-service';
import type { LoadedBatch } from './batch-state';
import type { Actor, Effect, Signer } from './engine/engine-types';
import {
  BATCH_ENTRY_RECORD,
  BATCH_EXCEPTION_RECORD,
  BATCH_RECORD,
  readSignedBatch,
  readSignedEntry,
  readSignedException,
} from './signed-batch-records';

type Record = AuditRecorder['record'];

const statusActions = {
  'in-progress': 'batch.started',
  'on-hold': 'batch.held',
  'execution-complete': 'batch.execution-completed',
  aborted: 'batch.aborted',
  created: 'batch.created',
  released: 'batch.released',
  rejected: 'batch.rejected',
} as const;

const statusTimestamps: { [status: string]: string } = {
  'execution-complete': 'execution_completed_at_utc',
  aborted: 'aborted_at_utc',
};

function captureIdOf(value: RecordedValue): string | null {
  return 'instrument' in value && value.instrument ? value.instrument.captureId : null;
}

function storeScanCapture(
  sqlite: Database.Database,
  source: InstrumentSource,
  batchId: string,
  stepId: string,
  code: string,
  userId: string,
  nowUtc: string,
): void {
  sqlite
    .prepare(
      `INSERT INTO instrument_captures (id, instrument_id, batch_id, step_id, kind, serial_number, model, protocol, port, value, value_text, unit, tare, raw_hex, received_at_utc, captured_by_user_id, captured_at_utc)
       VALUES (?, ?, ?, ?, 'scan', ?, ?, ?, ?, NULL, ?, NULL, NULL, ?, ?, ?, ?)`,
    )
    .run(
      source.captureId,
      source.instrumentId,
      batchId,
      stepId,
      source.serialNumber,
      source.model,
      source.protocol,
      source.port,
      code,
      source.rawHex,
      source.receivedAtUtc,
      userId,
      nowUtc,
    );
}

function signerOf(signer: Signer) {
  return { userId: signer.userId, username: signer.username, fullName: signer.name };
}

/**
 * Writes the engine's effects inside the caller's audited transaction: status moves, entries,
 * exceptions and signatures, each with its audit row, so that a crash leaves all or none.
 */
export function writeEffects(
  deps: { sqlite: Database.Database; signatures: SignatureService },
  loaded: LoadedBatch,
  effects: readonly Effect[],
  actor: Actor,
  nowMs: number,
  record: Record,
): void {
  const { sqlite, signatures } = deps;
  const batchId = loaded.row.id;
  const nowUtc = toUtcIso(nowMs);
  const current = new Map(loaded.currentEntries);
  for (const effect of effects) {
    switch (effect.kind) {
      case 'batch-status': {
        const column =
          effect.from === 'created' && effect.to === 'in-progress'
            ? 'started_at_utc'
            : statusTimestamps[effect.to];
        sqlite
          .prepare(`UPDATE batches SET status = ?${column ? `, ${column} = ?` : ''} WHERE id = ?`)
          .run(...(column ? [effect.to, nowUtc, batchId] : [effect.to, batchId]));
        record({
          // Only on-hold → in-progress is a resume; on-hold → aborted is an abort.
          action:
            effect.from === 'on-hold' && effect.to === 'in-progress'
              ? 'batch.resumed'
              : statusActions[effect.to],
          entityType: 'batch',
          entityId: batchId,
          oldValue: { status: effect.from },
          newValue: { status: effect.to, batchNumber: loaded.row.batchNumber },
          reason: effect.reason,
        });
        break;
      }
      case 'step-status': {
        const owner = effect.to === 'pending' ? null : effect.ownerUserId;
        const ownerName = owner === null ? null : owner === actor.userId ? actor.name : null;
        if (effect.to === 'in-progress') {
          sqlite
            .prepare(
              "UPDATE batch_steps SET status = 'in-progress', owner_user_id = ?, owner_name = ?, started_at_utc = ? WHERE batch_id = ? AND step_id = ?",
            )
            .run(owner, ownerName, nowUtc, batchId, effect.stepId);
        } else if (effect.to === 'completed') {
          sqlite
            .prepare(
              "UPDATE batch_steps SET status = 'completed', completed_at_utc = ? WHERE batch_id = ? AND step_id = ?",
            )
            .run(nowUtc, batchId, effect.stepId);
        } else {
          sqlite
            .prepare(
              "UPDATE batch_steps SET status = 'pending', owner_user_id = NULL, owner_name = NULL, started_at_utc = NULL WHERE batch_id = ? AND step_id = ?",
            )
            .run(batchId, effect.stepId);
        }
        record({
          action:
            effect.to === 'in-progress'
              ? 'batch.step-started'
              : effect.to === 'completed'
                ? 'batch.step-completed'
                : 'batch.step-released',
          entityType: 'batch',
          entityId: batchId,
          oldValue: { stepId: effect.stepId, status: effect.from },
          newValue: { stepId: effect.stepId, status: effect.to, ownerUserId: owner },
          reason: effect.reason,
        });
        break;
      }
      case 'entry': {
        const entryId = randomUUID();
        // A scanner's read is kept only once it records a value: store it first, as received.
        if (effect.value.type === 'scan' && effect.value.instrument) {
          storeScanCapture(
            sqlite,
            effect.value.instrument,
            batchId,
            effect.stepId,
            effect.value.code,
            actor.userId,
            nowUtc,
          );
        }
        const previous = current.get(effect.stepId);
        const value = canonicalJson(effect.value);
        // A recomputation is entered by the person whose correction caused it.
        const enteredBy = { userId: actor.userId, name: actor.name };
        sqlite
          .prepare(
            `INSERT INTO batch_entries (id, batch_id, step_id, kind, value, origin, within_limits, supersedes_id, capture_id, reason, entered_by_user_id, entered_by_name, entered_at_utc)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(
            entryId,
            batchId,
            effect.stepId,
            effect.entryKind,
            value,
            effect.origin,
            effect.withinLimits === null ? null : effect.withinLimits ? 1 : 0,
            effect.entryKind === 'original' ? null : (previous?.id ?? null),
            captureIdOf(effect.value),
            effect.reason,
            enteredBy.userId,
            enteredBy.name,
            nowUtc,
          );
        current.set(effect.stepId, { id: entryId } as never);
        record({
          action:
            effect.entryKind === 'original'
              ? 'batch.value-recorded'
              : effect.entryKind === 'correction'
                ? 'batch.value-corrected'
                : 'batch.value-recomputed',
          entityType: 'batch',
          entityId: batchId,
          oldValue:
            previous && effect.entryKind !== 'original'
              ? { stepId: effect.stepId, entryId: previous.id, value: JSON.parse(previous.value) as unknown }
              : null,
          newValue: {
            stepId: effect.stepId,
            entryId,
            value: effect.value,
            origin: effect.origin,
            withinLimits: effect.withinLimits,
          },
          reason: effect.reason,
        });
        for (const signer of effect.signers) {
          signatures.signWithin(
            record,
            signerOf(signer),
            { type: BATCH_ENTRY_RECORD, id: entryId },
            readSignedEntry(sqlite, entryId),
            signer.meaning,
          );
        }
        for (const exception of effect.exceptions) {
          const exceptionId = randomUUID();
          sqlite
            .prepare(
              `INSERT INTO batch_exceptions (id, batch_id, step_id, entry_id, type, handling, severity, description, comment, raised_by_user_id, raised_by_name, raised_at_utc, status)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open')`,
            )
            .run(
              exceptionId,
              batchId,
              exception.stepId,
              entryId,
              exception.type,
              exception.handling,
              exception.severity,
              exception.description,
              exception.comment,
              actor.userId,
              actor.name,
              nowUtc,
            );
          record({
            action: 'batch.exception-raised',
            entityType: 'batch',
            entityId: batchId,
            newValue: {
              exceptionId,
              stepId: exception.stepId,
              entryId,
              type: exception.type,
              handling: exception.handling,
              severity: exception.severity,
              description: exception.description,
            },
            reason: exception.comment || null,
          });
          if (exception.overrideSigner) {
            signatures.signWithin(
              record,
              signerOf(exception.overrideSigner),
              { type: BATCH_EXCEPTION_RECORD, id: exceptionId },
              readSignedException(sqlite, exceptionId),
              'overridden',
            );
          }
        }
        break;
      }
      case 'batch-signature':
        signatures.signWithin(
          record,
          signerOf(effect.signer),
          { type: BATCH_RECORD, id: batchId },
          readSignedBatch(sqlite, batchId),
          effect.signer.meaning,
        );
        break;
    }
  }
}
