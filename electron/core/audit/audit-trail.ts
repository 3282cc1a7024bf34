import type Database from 'better-sqlite3-multiple-ciphers';
import { canonicalJson } from '../../../shared/canonical-json';
import { EbrError } from '../../../shared/errors';
import { toUtcIso, type Clock } from '../clock';
import type { TerminalKey } from '../terminal/terminal-key';
import {
  auditRowHash,
  checkpointMessage,
  GENESIS_HASH,
  type AuditRowContent,
  type CheckpointContent,
} from './chain';
import { writeHeadMirror, type SignedCheckpoint } from './head-mirror';
import { refuseUnstorableText } from './storable-text';

/** Who acts. `userName` is the printed name at the time of the action. */
export interface AuditActor {
  userId: string | null;
  userName: string | null;
}

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string;
  oldValue?: unknown;
  newValue?: unknown;
  reason?: string | null;
}

export interface AuditRecorder {
  record(entry: AuditEntry): void;
}

export interface AuditTrailDeps {
  sqlite: Database.Database;
  terminalId: string;
  terminalKey: TerminalKey;
  clock: Clock;
  headMirrorFile: string;
  /** Told each newly committed signed head after the head file (the anchors outside the folder). */
  onHeadCommitted?: (head: SignedCheckpoint) => void;
}

/** Field names whose values are secrets (flags such as mustChangePassword are not). */
const SECRET_FIELD =
  /^(password|passwordHash|currentPassword|newPassword|temporaryPassword|passphrase|secret|privateKey|recoveryKey|databaseKey)$/i;

/** Secrets never enter the audit trail, whatever a service passes by mistake. */
function assertNoSecrets(value: unknown, path: string): void {
  if (value === null || typeof value !== 'object') return;
  for (const [name, inner] of Object.entries(value)) {
    if (SECRET_FIELD.test(name)) {
      throw new EbrError('INTERNAL', `Refused to write a secret into the audit trail (${path}.${name}).`);
    }
    assertNoSecrets(inner, `${path}.${name}`);
  }
}

function jsonOrNull(value: unknown): string | null {
  return value === undefined || value === null ? null : canonicalJson(value);
}

/**
 * The one way regulated data changes: the change and its audit rows commit together, the new
 * chain head is signed into audit_checkpoints in the same transaction, then mirrored to a file.
 */
export class AuditTrail {
  private readonly selectHead;
  private readonly insertRow;
  private readonly selectLastCheckpointSeq;
  private readonly insertCheckpoint;

  constructor(private readonly deps: AuditTrailDeps) {
    const { sqlite } = deps;
    this.selectHead = sqlite.prepare(
      'SELECT seq, hash, at_utc AS atUtc FROM audit_trail ORDER BY seq DESC LIMIT 1',
    );
    this.insertRow = sqlite.prepare(
      `INSERT INTO audit_trail (seq, at_utc, user_id, user_name, terminal_id, action, entity_type, entity_id, old_value, new_value, reason, prev_hash, hash)
       VALUES (@seq, @atUtc, @userId, @userName, @terminalId, @action, @entityType, @entityId, @oldValue, @newValue, @reason, @prevHash, @hash)`,
    );
    this.selectLastCheckpointSeq = sqlite
      .prepare('SELECT coalesce(max(seq), 0) AS seq FROM audit_checkpoints')
      .pluck();
    this.insertCheckpoint = sqlite.prepare(
      `INSERT INTO audit_checkpoints (seq, audit_seq, audit_hash, at_utc, terminal_id, key_id, signature)
       VALUES (@checkpointSeq, @auditSeq, @auditHash, @atUtc, @terminalId, @keyId, @signature)`,
    );
  }

  head(): { seq: number; hash: string; atUtc: string } | null {
    return (this.selectHead.get() as { seq: number; hash: string; atUtc: string } | undefined) ?? null;
  }

  change<T>(actor: AuditActor, applyChange: (audit: AuditRecorder) => T): T {
    const { sqlite, terminalId, terminalKey, clock } = this.deps;
    // Inside an enclosing transaction this "commit" is only a savepoint release: the enclosing
    // transaction may still roll back, so the head file is left for the outermost commit (or the
    // next start-up) to advance. A head file behind the database is harmless; ahead is an alarm.
    const nested = sqlite.inTransaction;
    let signedHead: SignedCheckpoint | undefined;
    const result = sqlite
      .transaction(() => {
        const entries: AuditEntry[] = [];
        const value = applyChange({ record: (entry) => entries.push(entry) });
        if (entries.length === 0) {
          throw new EbrError('INTERNAL', 'A change to regulated data must write at least one audit row.');
        }
        const atUtc = toUtcIso(clock.now());
        let previous = this.head() ?? { seq: 0, hash: GENESIS_HASH };
        for (const entry of entries) {
          assertNoSecrets(entry.oldValue, 'oldValue');
          assertNoSecrets(entry.newValue, 'newValue');
          // Checked on the values, not their JSON: JSON escapes a lone surrogate, the columns do not.
          refuseUnstorableText({ actor, entry }, `the audit row "${entry.action}"`);
          const row: AuditRowContent = {
            seq: previous.seq + 1,
            atUtc,
            userId: actor.userId,
            userName: actor.userName,
            terminalId,
            action: entry.action,
            entityType: entry.entityType,
            entityId: entry.entityId,
            oldValue: jsonOrNull(entry.oldValue),
            newValue: jsonOrNull(entry.newValue),
            reason: entry.reason ?? null,
          };
          const hash = auditRowHash(previous.hash, row);
          this.insertRow.run({ ...row, prevHash: previous.hash, hash });
          previous = { seq: row.seq, hash };
        }
        const checkpoint: CheckpointContent = {
          auditSeq: previous.seq,
          auditHash: previous.hash,
          atUtc,
          terminalId,
          keyId: terminalKey.fingerprint,
        };
        signedHead = {
          ...checkpoint,
          checkpointSeq: (this.selectLastCheckpointSeq.get() as number) + 1,
          signature: terminalKey.sign(checkpointMessage(checkpoint)).toString('base64'),
        };
        this.insertCheckpoint.run(signedHead);
        return value;
      })
      .immediate();
    // After commit: a crash here leaves the mirror behind the database, which is harmless;
    // a mirror ahead of the database is what betrays lost rows.
    if (signedHead && !nested) {
      writeHeadMirror(this.deps.headMirrorFile, signedHead);
      this.deps.onHeadCommitted?.(signedHead);
    }
    return result;
  }
}
